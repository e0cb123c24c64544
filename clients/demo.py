"""`cets demo`: a scripted scenario against a running node, printed step by step.

Registers emitters and an institution, sets a cap and issues allowances, distributes them to two
provinces, publishes an allocation method and allocates citing it, lists two emitters, transfers, surrenders and cancels, shows one rejection a demanding user
should expect (a province allocating outside its jurisdiction), then prints the final holdings
and checks conservation of the vintage's supply.
"""

from __future__ import annotations

import hashlib
import pathlib
import secrets
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea
from cets.clients.render import receipt_dict, receipt_text, to_dict, unit_text
from cets.clients.sdk import Client
from cets.ledger import identity, keyfile
from cets.ledger.crypto import Signer

VINTAGE = 2025


def new_key(participant_id: str) -> keyfile.KeyFile:
    return keyfile.KeyFile(participant_id, pb.KEY_PURPOSE_TRANSACTIONS, Signer(Ed25519PrivateKey.generate()))


def new_uscc(province: str) -> str:
    """A fresh unified social credit code (9 = enterprise, 1 = company) with a valid check character."""
    body = "91" + province + "0000" + "".join(secrets.choice(identity.USCC_ALPHABET[:10]) for _ in range(9))
    return body + identity.uscc_check_char(body)


def new_resident_id() -> str:
    body = "110101" + "19800101" + "".join(secrets.choice("0123456789") for _ in range(3))
    return body + identity.resident_id_check_char(body)


@dataclass
class Demo:
    client: Client
    keys_dir: pathlib.Path | None
    chain_id: str
    steps: list[dict] = field(default_factory=list)
    echo: bool = True

    def founder(self, participant_id: str) -> TxBuilder:
        if self.keys_dir is not None and (self.keys_dir / keyfile.file_name(participant_id, pb.KEY_PURPOSE_TRANSACTIONS)).exists():
            return TxBuilder(self.chain_id, keyfile.load(self.keys_dir, participant_id))
        from cets.node.devnet import DEV_CHAIN_QUORUMS, dev_key  # the public dev keys of the embedded genesis

        if self.chain_id not in DEV_CHAIN_QUORUMS:
            raise DemoFailed("keys", f"no key of {participant_id} under {self.keys_dir}; give --keys for chain {self.chain_id}")
        return TxBuilder(self.chain_id, dev_key(participant_id))

    def step(self, title: str, tx: pb.SignedTx, expect_ok: bool = True) -> pb.Receipt:
        (receipt,) = self.client.submit_batch([tx])
        ok = receipt.code == pb.CODE_OK
        self.steps.append({"step": title, "expected": "OK" if expect_ok else "rejection", "receipt": receipt_dict(receipt)})
        if self.echo:
            print(f"{len(self.steps):2}. {title}: {receipt_text(receipt)}")
        if ok != expect_ok:
            raise DemoFailed(title, receipt_text(receipt), self.steps)
        return receipt


class DemoFailed(Exception):
    """A step did not go as scripted: which step, what happened, and the steps run so far."""

    def __init__(self, step: str, problem: str, steps: list[dict] | None = None) -> None:
        super().__init__(f"demo step failed: {step}: {problem}")
        self.step, self.problem, self.steps = step, problem, list(steps or [])


def run_demo(target: str, keys_dir: pathlib.Path | None, echo: bool = True, credentials=None) -> dict:
    with Client(target, credentials=credentials) as client:
        genesis = pb.Genesis.FromString(client.genesis().genesis)
        demo = Demo(client, keys_dir, genesis.chain_id, echo=echo)
        ministry, registry = demo.founder(identity.MINISTRY_ID), demo.founder(identity.REGISTRY_ID)
        guangdong, hubei = demo.founder(identity.province_id("44")), demo.founder(identity.province_id("42"))

        emitter_a, emitter_b, emitter_c = new_key(new_uscc("44")), new_key(new_uscc("44")), new_key(new_uscc("42"))
        trader = new_key(new_uscc("11"))
        for key, province, sector, who in ((emitter_a, "44", "power", guangdong), (emitter_b, "44", "cement", guangdong), (emitter_c, "42", "steel", hubei)):
            demo.step(f"{who.participant_id} registers key emitter {key.participant_id} ({sector})",
                      who.register_participant(key.participant_id, pb.ROLE_KEY_EMITTER, f"Demo {sector} company", [key.spec()], province=province, sector=sector))
        demo.step(f"registry registers institution {trader.participant_id}",
                  registry.register_participant(trader.participant_id, pb.ROLE_INSTITUTION, "Demo carbon fund", [trader.spec()]))

        supply = client.supply(VINTAGE)
        demo.step(f"ministry sets the {VINTAGE} cap", ministry.set_cap(VINTAGE, supply.issued + 1_000_000))
        demo.step(f"ministry issues 1,000,000 t of vintage {VINTAGE}", ministry.issue(VINTAGE, 1_000_000))
        demo.step("ministry sets 100,000 t aside into the reserve (art. 9)", ministry.reserve_move(
            pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, VINTAGE, 100_000, pb.RESERVE_PURPOSE_SET_ASIDE, "annual set-aside"))
        for code, amount in (("44", 600_000), ("42", 300_000)):
            demo.step(f"ministry distributes {amount:,} t to province {code}",
                      ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id(code), cea(VINTAGE), amount))
        method = f"{VINTAGE}-demo-{secrets.token_hex(3)}"  # each run its own version: a published one is never edited
        demo.step(f"ministry publishes allocation method {method} (art. 7)", ministry.tx("publish_allocation_method", pb.PublishAllocationMethod(
            version=method, document_sha256=hashlib.sha256(method.encode()).digest(), title="Demo benchmark method", pre_allocation_share_bps=7_000)))
        demo.step("Guangdong allocates to its two emitters, citing the method (arts. 7, 10)",
                  guangdong.allocate([(emitter_a.participant_id, VINTAGE, 250_000), (emitter_b.participant_id, VINTAGE, 150_000)], method_version=method))
        demo.step("Hubei allocates to its emitter", hubei.allocate([(emitter_c.participant_id, VINTAGE, 200_000)], method_version=method))
        demo.step("Guangdong tries to allocate to a Hubei emitter: refused (art. 4)",
                  guangdong.allocate([(emitter_c.participant_id, VINTAGE, 1)], method_version=method), expect_ok=False)
        demo.step("Guangdong claws back 10,000 t after a capacity change (art. 11)",
                  guangdong.adjust_allocation(emitter_b.participant_id, VINTAGE, -10_000, pb.ADJUSTMENT_REASON_CAPACITY_CHANGE, "kiln 3 closed"))

        for name, key in (("A", emitter_a), ("B", emitter_b)):  # only listed emitters have obligations and surrender (art. 5)
            demo.step(f"Guangdong lists emitter {name} for {VINTAGE} on its estimate (arts. 5, 42)", guangdong.tx("list_emitter", pb.ListEmitter(
                emitter_id=key.participant_id, year=VINTAGE, basis=pb.LISTING_BASIS_FORCED, estimated_tonnes=260_000, note="demo listing")))
        a, b, c = (TxBuilder(demo.chain_id, k) for k in (emitter_a, emitter_b, emitter_c))
        account = identity.holding_account_id
        demo.step("emitter A transfers 30,000 t to emitter B", a.transfer(account(emitter_a.participant_id), account(emitter_b.participant_id), cea(VINTAGE), 30_000))
        demo.step("emitter C transfers 20,000 t to the fund", c.transfer(account(emitter_c.participant_id), identity.trading_account_id(trader.participant_id), cea(VINTAGE), 20_000))
        demo.step(f"emitter A surrenders 200,000 t for {VINTAGE} (art. 30)", a.surrender(VINTAGE, [(cea(VINTAGE), 200_000)]))
        demo.step("emitter B tries to surrender more than it holds: refused", b.surrender(VINTAGE, [(cea(VINTAGE), 10_000_000)]), expect_ok=False)
        fund = TxBuilder(demo.chain_id, trader)
        receipt = demo.step("the fund cancels 5,000 t for ever (art. 15)", fund.cancel(identity.trading_account_id(trader.participant_id), cea(VINTAGE), 5_000,
                                                                                   beneficiary="Demo marathon 2025", purpose="event neutrality"))
        certificate = next(e.cancelled.certificate_id for e in receipt.events if e.HasField("cancelled"))

        holdings = {}
        for account_id in [identity.ISSUANCE_ACCOUNT, identity.RESERVE_ACCOUNT, identity.province_account_id("44"), identity.province_account_id("42"),
                           account(emitter_a.participant_id), account(emitter_b.participant_id), account(emitter_c.participant_id),
                           identity.trading_account_id(trader.participant_id)]:
            holdings[account_id] = {unit_text(h.unit): h.amount for h in client.holdings(account_id)}
        supply = client.supply(VINTAGE)
        head = client.head()
    document = {"chain_id": demo.chain_id, "steps": demo.steps, "certificate_id": certificate, "holdings": holdings,
                "supply": to_dict(supply), "head_height": head.height}
    if echo:
        print("\nfinal holdings:")
        for account_id, units in holdings.items():
            print(f"  {account_id:32} {', '.join(f'{u} {n:,}' for u, n in units.items()) or '-'}")
        print(f"\nvintage {VINTAGE}: cap {supply.cap:,}, issued {supply.issued:,}, surrendered {supply.surrendered:,}, cancelled {supply.cancelled:,}")
        print(f"cancellation certificate {certificate}; chain head at height {head.height}")
    return document
