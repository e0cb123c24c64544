"""The demo's session: the node it talks to, the steps run so far, and the cast of the story."""

from __future__ import annotations

import pathlib
import secrets
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.clients.render import code_name, receipt_dict, receipt_text
from cets.clients.sdk import Client
from cets.ledger import identity, keyfile
from cets.ledger.crypto import Signer

GUANGDONG, HUBEI = "44", "42"


def new_key(participant_id: str) -> keyfile.KeyFile:
    return keyfile.KeyFile(participant_id, pb.KEY_PURPOSE_TRANSACTIONS, Signer(Ed25519PrivateKey.generate()))


def new_uscc(province: str) -> str:
    """A fresh unified social credit code (9 = enterprise, 1 = company) with a valid check character."""
    body = "91" + province + "0000" + "".join(secrets.choice(identity.USCC_ALPHABET[:10]) for _ in range(9))
    return body + identity.uscc_check_char(body)


class DemoFailed(Exception):
    """A step did not go as scripted: which step, what happened, and the steps run so far."""

    def __init__(self, step: str, problem: str, steps: list[dict] | None = None) -> None:
        super().__init__(f"demo step failed: {step}: {problem}")
        self.step, self.problem, self.steps = step, problem, list(steps or [])


@dataclass
class Demo:
    """Runs the steps, one transaction each, and keeps every receipt for the JSON document."""

    client: Client
    keys_dir: pathlib.Path | None
    chain_id: str
    echo: bool = True
    steps: list[dict] = field(default_factory=list)
    credentials: object = None  # the channel credentials, for the demo's second client (signed supervision queries)

    def founder(self, participant_id: str) -> TxBuilder:
        if self.keys_dir is not None and (self.keys_dir / keyfile.file_name(participant_id, pb.KEY_PURPOSE_TRANSACTIONS)).exists():
            return TxBuilder(self.chain_id, keyfile.load(self.keys_dir, participant_id))
        from cets.node.devnet import DEV_CHAIN_QUORUMS, dev_key  # the public dev keys of the embedded genesis

        if self.chain_id not in DEV_CHAIN_QUORUMS:
            raise DemoFailed("keys", f"no key of {participant_id} under {self.keys_dir}; give --keys for chain {self.chain_id}")
        return TxBuilder(self.chain_id, dev_key(participant_id))

    def signer(self, key: keyfile.KeyFile) -> TxBuilder:
        return TxBuilder(self.chain_id, key)

    def step(self, title: str, tx: pb.SignedTx, refused: int | None = None) -> pb.Receipt:
        """Submit one transaction; it must apply, or be refused with exactly the code `refused`."""
        (receipt,) = self.client.submit_batch([tx])
        self.steps.append({"step": title, "expected": "OK" if refused is None else "rejection", "receipt": receipt_dict(receipt)})
        if self.echo:
            print(f"{len(self.steps):2}. {title}: {receipt_text(receipt)}")
        if receipt.code != (pb.CODE_OK if refused is None else refused):
            want = "OK" if refused is None else f"a refusal {code_name(refused)}"
            raise self.failed(title, f"{receipt_text(receipt)}; want {want}")
        return receipt

    def say(self, text: str) -> None:
        """A line of narration under the steps (indented, never numbered)."""
        if self.echo:
            print(f"      {text}")

    def phase(self, title: str) -> None:
        if self.echo:
            print(f"\n== {title} ==")

    def failed(self, step: str, problem: str) -> DemoFailed:
        return DemoFailed(step, problem, self.steps)


@dataclass
class Cast:
    """Who acts: the founders, and the participants this run registers under fresh ids.

    A, B and C are key emitters of Guangdong, the three of the compliance year; D is a Hubei
    emitter (a province acts only for its own emitters, art. 4). Ids of things published once and
    never edited (the allocation method version, the CCER project) carry `run`, so that the demo
    runs again on the same node."""

    ministry: TxBuilder
    registry: TxBuilder
    guangdong: TxBuilder
    hubei: TxBuilder
    emitters: dict[str, TxBuilder]
    fund: TxBuilder
    bodies: dict[str, TxBuilder]
    run: str = field(default_factory=lambda: secrets.token_hex(3))

    @classmethod
    def of(cls, demo: Demo) -> "Cast":
        emitters = {name: demo.signer(new_key(new_uscc(code)))
                    for name, code in (("A", GUANGDONG), ("B", GUANGDONG), ("C", GUANGDONG), ("D", HUBEI))}
        return cls(
            ministry=demo.founder(identity.MINISTRY_ID), registry=demo.founder(identity.REGISTRY_ID),
            guangdong=demo.founder(identity.province_id(GUANGDONG)), hubei=demo.founder(identity.province_id(HUBEI)),
            emitters=emitters, fund=demo.signer(new_key(new_uscc("11"))),
            bodies={name: demo.signer(new_key(new_uscc("11"))) for name in ("V1", "V2")},
        )

    @property
    def method_version(self) -> str:
        return f"demo-benchmark-{self.run}"  # a published method is never edited: each run publishes its own

    @property
    def ccer_project(self) -> str:
        return f"CCER-DEMO-{self.run}"

    def id(self, name: str) -> str:
        return self.emitters[name].participant_id

    def account(self, name: str) -> str:
        return identity.holding_account_id(self.id(name))

    def fund_account(self) -> str:
        return identity.trading_account_id(self.fund.participant_id)

    def name_of(self, participant_id: str) -> str:
        """The story's name of a participant (A, V1, ...), or its id if it is not of this run."""
        everyone = {**self.emitters, **self.bodies}
        return next((name for name, who in everyone.items() if who.participant_id == participant_id), participant_id)
