"""Rule-named tests of the state machine's handlers, run in process over a MemoryStore.

The first part is `Ledger`, a small in-process chain: the dev genesis, blocks built with
`ledger.chain.build_block`, signed by the registry's node key and committed to a `MemoryStore`
as `ledger.verify.Replayer` commits them, so that the recorded blocks replay through the auditor's
code path. tests/test_properties.py and tests/test_authz_table.py reuse it.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Iterable

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, ccer, cea, signed_tx_id
from cets.ledger import crypto, history, identity, keyfile, limits, tables
from cets.ledger.chain import HEADER_VERSION, BuiltBlock, Tip, build_block, tx_root
from cets.ledger.errors import ChainError
from cets.ledger.crypto import Signer
from cets.ledger.genesis import DAY_MS, genesis_writes
from cets.ledger.machine import BlockExecution, execute_block
from cets.ledger.memstore import MemoryStore
from cets.ledger.state import SUPPLY_CANCELLED, SUPPLY_ISSUED, SUPPLY_SURRENDERED, State, encode_int
from cets.ledger.txs.registry.cancel import certificate_id
from cets.ledger.verify import Replayer
from cets.node import devnet
from tests.conftest import list_emitter_tx, publish_method_tx

# -- the in-process chain ---------------------------------------------------------------------------

CHAIN_ID = devnet.DEV_CHAIN_ID
GENESIS = devnet.dev_genesis()
GENESIS_BYTES = GENESIS.SerializeToString()
NODE_KEY = devnet.dev_key(identity.REGISTRY_ID, pb.KEY_PURPOSE_NODE)
BLOCK_INTERVAL_MS = 1_000
MEE, REG, EXCH = identity.MINISTRY_ID, identity.REGISTRY_ID, identity.EXCHANGE_ID


def make_key(participant_id: str, purpose: int = pb.KEY_PURPOSE_TRANSACTIONS, generation: int = 0) -> keyfile.KeyFile:
    """A deterministic key for a participant registered by a test (not a founder)."""
    seed = hashlib.sha256(f"cets test key/{participant_id}/{purpose}/{generation}".encode()).digest()
    return keyfile.KeyFile(participant_id=participant_id, purpose=purpose, signer=Signer.from_seed(seed))


def uscc(province: str, serial: int) -> str:
    """A valid unified social credit code of an enterprise (91) registered in `province`."""
    first17 = f"91{province}0000{serial:09d}"
    return first17 + identity.uscc_check_char(first17)


RESIDENT_ID = "11010519491231002X"  # GB 11643-1999's own example


def code_name(result: pb.TxResult) -> str:
    return pb.Code.Name(result.code)


class Ledger:
    """A solo chain in memory: build, sign and commit one block per `run` call."""

    def __init__(self) -> None:
        writes = genesis_writes(GENESIS)
        self.store = MemoryStore()
        self.store.init_genesis(GENESIS_BYTES, crypto.genesis_hash(GENESIS_BYTES), writes)
        self.tip = Tip.of_genesis(GENESIS, GENESIS_BYTES, writes)
        self.blocks: list[bytes] = []  # raw signed blocks, height 1 first
        self.built: list[BuiltBlock] = []
        self._serial = 0
        self._method_published = False

    # -- time and signers -----------------------------------------------------------------------
    @property
    def next_time_ms(self) -> int:
        return self.tip.time_ms + BLOCK_INTERVAL_MS

    def builder(self, participant_id: str, key: keyfile.KeyFile | None = None) -> TxBuilder:
        if key is None:
            founder = participant_id in (MEE, REG, EXCH) or participant_id.startswith("PROV-")
            key = devnet.dev_key(participant_id) if founder else make_key(participant_id)
        return TxBuilder(CHAIN_ID, key, clock=lambda: self.next_time_ms)

    # -- blocks ---------------------------------------------------------------------------------
    def commit(self, raws: Iterable[bytes], time_ms: int | None = None) -> BuiltBlock:
        raws = list(raws)
        with self.store.reader() as reader:
            built = build_block(reader, self.tip, time_ms or self.next_time_ms, NODE_KEY.participant_id, raws)
        built.block.signatures.append(pb.Signature(key_id=NODE_KEY.key_id, signature=NODE_KEY.signer.sign_header(built.header)))
        raw_block = built.block.SerializeToString()
        height = self.tip.height + 1
        self.store.commit_block(height, built.hash, raw_block, [r.tx_id for r in built.results], built.writes)
        self.tip = built.tip
        self.blocks.append(raw_block)
        self.built.append(built)
        return built

    def run(self, *txs: pb.SignedTx) -> list[pb.TxResult]:
        return list(self.commit(tx.SerializeToString() for tx in txs).results)

    def expect(self, tx: pb.SignedTx, code: int) -> pb.TxResult:
        """Run `tx` in a block of its own and assert its result code."""
        (result,) = self.run(tx)
        assert code_name(result) == pb.Code.Name(code), result.detail
        return result

    def dry_run(self, *txs: pb.SignedTx, time_ms: int | None = None) -> BlockExecution:
        """Execute a block on the current state without committing it."""
        with self.store.reader() as reader:
            return execute_block(reader, CHAIN_ID, self.tip.height + 1, time_ms or self.next_time_ms,
                                 [tx.SerializeToString() for tx in txs], prev_hash=self.tip.hash)

    # -- reads ----------------------------------------------------------------------------------
    def read(self, function):
        with self.store.reader() as reader:
            return function(State(reader))

    def balance(self, account_id: str, unit: pb.Unit) -> int:
        return self.read(lambda state: state.balance(account_id, unit))

    def supply(self, kind: bytes, unit: pb.Unit) -> int:
        return self.read(lambda state: state.supply(kind, unit))

    def state_items(self) -> dict[bytes, bytes]:
        with self.store.reader() as reader:
            return dict(reader.scan(b""))

    # -- set-ups --------------------------------------------------------------------------------
    def register_emitter(self, province: str) -> TxBuilder:
        self._serial += 1
        participant_id = uscc(province, self._serial)
        registrar = self.builder(identity.province_id(province))
        self.expect(registrar.register_participant(participant_id, pb.ROLE_KEY_EMITTER, "Emitter", [make_key(participant_id).spec()],
                                                   province=province, sector="power"), pb.CODE_OK)
        return self.builder(participant_id)

    def register_trader(self, role: int = pb.ROLE_INSTITUTION, participant_id: str | None = None) -> TxBuilder:
        if participant_id is None:
            self._serial += 1
            participant_id = uscc("11", self._serial)
        self.expect(self.builder(REG).register_participant(participant_id, role, "Trader", [make_key(participant_id).spec()]), pb.CODE_OK)
        return self.builder(participant_id)

    def register_verifier(self, registrar_id: str = MEE, province: str = "") -> TxBuilder:
        """A verification body (arts. 27-28): registered by the ministry or a province, with no account."""
        self._serial += 1
        participant_id = uscc(province or "11", self._serial)
        self.expect(self.builder(registrar_id).register_participant(participant_id, pb.ROLE_VERIFIER, "Verifier",
                                                                    [make_key(participant_id).spec()], province=province), pb.CODE_OK)
        return self.builder(participant_id)

    def register_city(self, province: str = "44", registrar_id: str | None = None) -> TxBuilder:
        """A city department (arts. 4, 32): registered under its province, with no account."""
        self._serial += 1
        participant_id = uscc(province, self._serial)
        registrar = registrar_id or identity.province_id(province)
        self.expect(self.builder(registrar).register_participant(participant_id, pb.ROLE_CITY, "City department",
                                                                [make_key(participant_id).spec()], province=province), pb.CODE_OK)
        return self.builder(participant_id)

    def issue(self, vintage: int, amount: int, cap: int | None = None) -> None:
        ministry = self.builder(MEE)
        issued = self.supply(SUPPLY_ISSUED, cea(vintage))
        self.expect(ministry.set_cap(vintage, cap or issued + amount), pb.CODE_OK)
        self.expect(ministry.issue(vintage, amount), pb.CODE_OK)

    def publish_method(self) -> None:
        """The allocation method `TxBuilder.allocate` cites (art. 7), published once per chain."""
        if not self._method_published:
            self.expect(publish_method_tx(self.builder(MEE)), pb.CODE_OK)
            self._method_published = True

    def list_emitter(self, emitter: TxBuilder, year: int = 2025) -> None:
        """Put an emitter on the key-emitter list from `year` on, forced on its province's estimate
        at the threshold (arts. 5, 42): only listed emitters have obligations and surrender."""
        province = self.read(lambda state: state.participant(emitter.participant_id)).province
        self.expect(list_emitter_tx(self.builder(identity.province_id(province)), emitter.participant_id, year), pb.CODE_OK)

    def fund_province(self, province: str, vintage: int, amount: int) -> None:
        self.publish_method()
        self.issue(vintage, amount)
        self.expect(self.builder(MEE).transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id(province), cea(vintage), amount), pb.CODE_OK)

    def fund_emitter(self, emitter: TxBuilder, province: str, vintage: int, amount: int) -> None:
        self.fund_province(province, vintage, amount)
        self.expect(self.builder(identity.province_id(province)).allocate([(emitter.participant_id, vintage, amount)]), pb.CODE_OK)


def holding(participant_id: str) -> str:
    return identity.holding_account_id(participant_id)


# -- caps and issuance ------------------------------------------------------------------------------


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def ministry(ledger) -> TxBuilder:
    return ledger.builder(MEE)


@pytest.fixture
def registry(ledger) -> TxBuilder:
    return ledger.builder(REG)


@pytest.fixture
def guangdong(ledger) -> TxBuilder:
    return ledger.builder(identity.province_id("44"))


def test_issue_without_a_cap_is_refused_with_cap_not_set(ledger, ministry):
    ledger.expect(ministry.issue(2025, 1), pb.CODE_CAP_NOT_SET)
    assert ledger.supply(SUPPLY_ISSUED, cea(2025)) == 0


def test_issue_up_to_the_cap_is_applied_and_one_more_is_refused_with_cap_exceeded(ledger, ministry):
    ledger.expect(ministry.set_cap(2025, 1_000), pb.CODE_OK)
    ledger.expect(ministry.issue(2025, 600), pb.CODE_OK)
    ledger.expect(ministry.issue(2025, 400), pb.CODE_OK)
    ledger.expect(ministry.issue(2025, 1), pb.CODE_CAP_EXCEEDED)
    assert ledger.supply(SUPPLY_ISSUED, cea(2025)) == 1_000
    assert ledger.balance(identity.ISSUANCE_ACCOUNT, cea(2025)) == 1_000


def test_cap_of_one_vintage_does_not_admit_issuance_of_another(ledger, ministry):
    ledger.expect(ministry.set_cap(2025, 1_000), pb.CODE_OK)
    ledger.expect(ministry.issue(2026, 1), pb.CODE_CAP_NOT_SET)


def test_cap_lowered_below_issued_is_refused_with_cap_below_issued(ledger, ministry):
    ledger.issue(2025, 700, cap=1_000)
    ledger.expect(ministry.set_cap(2025, 699), pb.CODE_CAP_BELOW_ISSUED)
    assert ledger.read(lambda state: state.cap(2025)) == 1_000


def test_cap_lowered_to_exactly_issued_is_applied_and_closes_issuance(ledger, ministry):
    ledger.issue(2025, 700, cap=1_000)
    ledger.expect(ministry.set_cap(2025, 700), pb.CODE_OK)
    ledger.expect(ministry.issue(2025, 1), pb.CODE_CAP_EXCEEDED)


def test_issue_of_a_vintage_outside_the_rulebook_is_refused_with_unknown_vintage(ledger, ministry):
    ledger.expect(ministry.set_cap(2018, 1_000), pb.CODE_UNKNOWN_VINTAGE)
    ledger.expect(ministry.issue(2101, 1), pb.CODE_UNKNOWN_VINTAGE)


# -- reserve (art. 9, 23) ---------------------------------------------------------------------------


def test_reserve_set_aside_moves_units_from_issuance_into_the_reserve(ledger, ministry):
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 300,
                                        pb.RESERVE_PURPOSE_SET_ASIDE, "5% set aside"), pb.CODE_OK)
    assert ledger.balance(identity.RESERVE_ACCOUNT, cea(2025)) == 300
    assert ledger.balance(identity.ISSUANCE_ACCOUNT, cea(2025)) == 700


@pytest.mark.parametrize("direction, purpose", [
    (pb.RESERVE_DIRECTION_INTO_RESERVE, pb.RESERVE_PURPOSE_MAJOR_PROJECT),
    (pb.RESERVE_DIRECTION_OUT_OF_RESERVE, pb.RESERVE_PURPOSE_SET_ASIDE),
])
def test_reserve_purpose_that_does_not_fit_the_direction_is_refused_with_invalid_field(ledger, ministry, direction, purpose):
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 500,
                                        pb.RESERVE_PURPOSE_SET_ASIDE, "set aside"), pb.CODE_OK)
    ledger.expect(ministry.reserve_move(direction, identity.ISSUANCE_ACCOUNT, 2025, 1, purpose, "note"), pb.CODE_INVALID_FIELD)
    assert ledger.balance(identity.RESERVE_ACCOUNT, cea(2025)) == 500


def test_reserve_move_without_a_purpose_or_a_note_is_refused_with_missing_field(ledger, ministry):
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 1,
                                        pb.RESERVE_PURPOSE_UNSPECIFIED, "note"), pb.CODE_MISSING_FIELD)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 1,
                                        pb.RESERVE_PURPOSE_SET_ASIDE, ""), pb.CODE_MISSING_FIELD)


def test_reserve_release_to_an_emitter_for_a_major_project_credits_its_holding(ledger, ministry):
    emitter = ledger.register_emitter("44")
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 400,
                                        pb.RESERVE_PURPOSE_SET_ASIDE, "set aside"), pb.CODE_OK)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_OUT_OF_RESERVE, holding(emitter.participant_id), 2025, 150,
                                        pb.RESERVE_PURPOSE_MAJOR_PROJECT, "project X"), pb.CODE_OK)
    assert ledger.balance(holding(emitter.participant_id), cea(2025)) == 150
    assert ledger.balance(identity.RESERVE_ACCOUNT, cea(2025)) == 250


def test_reserve_release_beyond_the_reserve_is_refused_with_insufficient_balance(ledger, ministry):
    emitter = ledger.register_emitter("44")
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_OUT_OF_RESERVE, holding(emitter.participant_id), 2025, 1,
                                        pb.RESERVE_PURPOSE_MAJOR_PROJECT, "project X"), pb.CODE_INSUFFICIENT_BALANCE)


def test_reserve_to_or_from_a_trading_account_is_refused_with_account_kind_forbids_operation(ledger, ministry):
    trader = ledger.register_trader()
    ledger.issue(2025, 1_000)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, 2025, 400,
                                        pb.RESERVE_PURPOSE_SET_ASIDE, "set aside"), pb.CODE_OK)
    ledger.expect(ministry.reserve_move(pb.RESERVE_DIRECTION_OUT_OF_RESERVE, identity.trading_account_id(trader.participant_id), 2025, 1,
                                        pb.RESERVE_PURPOSE_MARKET_ADJUSTMENT, "release"), pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION)


def test_reserve_move_into_the_reserve_takes_only_from_ministry_or_provincial_accounts(ledger, ministry):
    # ledger.proto, RESERVE_DIRECTION_INTO_RESERVE: "Units move into the reserve from another ministry
    # or provincial account." Units leave a holder's account only by its own signature (transfer,
    # surrender, cancel) or by its province's art. 11 claw-back.
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    result = ledger.run(ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, holding(emitter.participant_id), 2025, 100,
                                              pb.RESERVE_PURPOSE_MARKET_ADJUSTMENT, "absorb"))[0]
    assert code_name(result) == "CODE_ACCOUNT_KIND_FORBIDS_OPERATION"
    assert ledger.balance(holding(emitter.participant_id), cea(2025)) == 100


# -- allocation and its adjustment (art. 10, 11) ----------------------------------------------------


def test_adjust_allocation_tops_up_from_and_claws_back_into_the_province_account(ledger, guangdong):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    ledger.fund_province("44", 2025, 50)
    account, province_account = holding(emitter.participant_id), identity.province_account_id("44")

    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, 30, pb.ADJUSTMENT_REASON_CAPACITY_CHANGE), pb.CODE_OK)
    assert (ledger.balance(account, cea(2025)), ledger.balance(province_account, cea(2025))) == (130, 20)

    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, -80, pb.ADJUSTMENT_REASON_CLOSURE), pb.CODE_OK)
    assert (ledger.balance(account, cea(2025)), ledger.balance(province_account, cea(2025))) == (50, 100)


def test_adjust_allocation_beyond_the_source_is_refused_with_insufficient_balance(ledger, guangdong):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, -101, pb.ADJUSTMENT_REASON_CORRECTION), pb.CODE_INSUFFICIENT_BALANCE)
    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, 1, pb.ADJUSTMENT_REASON_CORRECTION), pb.CODE_INSUFFICIENT_BALANCE)
    assert ledger.balance(holding(emitter.participant_id), cea(2025)) == 100


def test_adjust_allocation_of_zero_is_refused_with_amount_not_positive(ledger, guangdong):
    emitter = ledger.register_emitter("44")
    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, 0, pb.ADJUSTMENT_REASON_CORRECTION), pb.CODE_AMOUNT_NOT_POSITIVE)


def test_adjust_allocation_without_a_reason_is_refused_with_missing_field(ledger, guangdong):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2025, -1, pb.ADJUSTMENT_REASON_UNSPECIFIED), pb.CODE_MISSING_FIELD)


def test_province_allocating_or_adjusting_another_province_emitter_is_refused_with_outside_jurisdiction(ledger):
    hubei_emitter = ledger.register_emitter("42")
    ledger.fund_emitter(hubei_emitter, "42", 2025, 100)
    ledger.fund_province("44", 2025, 100)
    guangdong = ledger.builder(identity.province_id("44"))
    ledger.expect(guangdong.allocate([(hubei_emitter.participant_id, 2025, 10)]), pb.CODE_OUTSIDE_JURISDICTION)
    ledger.expect(guangdong.adjust_allocation(hubei_emitter.participant_id, 2025, -10, pb.ADJUSTMENT_REASON_CLOSURE), pb.CODE_OUTSIDE_JURISDICTION)
    assert ledger.balance(holding(hubei_emitter.participant_id), cea(2025)) == 100


def test_allocate_is_all_or_nothing_when_one_line_overdraws(ledger, guangdong):
    first, second = ledger.register_emitter("44"), ledger.register_emitter("44")
    ledger.fund_province("44", 2025, 100)
    ledger.expect(guangdong.allocate([(first.participant_id, 2025, 60), (second.participant_id, 2025, 41)]), pb.CODE_INSUFFICIENT_BALANCE)
    assert ledger.balance(holding(first.participant_id), cea(2025)) == 0
    assert ledger.balance(identity.province_account_id("44"), cea(2025)) == 100


def test_allocate_to_a_participant_that_is_not_a_key_emitter_is_refused_with_not_key_emitter(ledger, guangdong):
    trader = ledger.register_trader()
    ledger.fund_province("44", 2025, 100)
    ledger.expect(guangdong.allocate([(trader.participant_id, 2025, 1)]), pb.CODE_NOT_KEY_EMITTER)


# -- surrender (art. 30, 31) ------------------------------------------------------------------------


def test_surrender_of_a_vintage_after_the_compliance_year_is_refused_with_vintage_not_eligible(ledger):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2026, 100)
    ledger.expect(emitter.surrender(2025, [(cea(2026), 10)]), pb.CODE_VINTAGE_NOT_ELIGIBLE)
    assert ledger.balance(holding(emitter.participant_id), cea(2026)) == 100


def test_surrender_of_an_earlier_vintage_is_applied_as_banking(ledger):
    emitter = ledger.register_emitter("44")
    ledger.list_emitter(emitter)
    ledger.fund_emitter(emitter, "44", 2024, 100)
    ledger.expect(emitter.surrender(2025, [(cea(2024), 60)]), pb.CODE_OK)
    assert ledger.balance(holding(emitter.participant_id), cea(2024)) == 40
    assert ledger.supply(SUPPLY_SURRENDERED, cea(2024)) == 60
    assert ledger.read(lambda state: state.surrendered_by(emitter.participant_id, 2025, cea(2024))) == 60


def test_surrender_counts_repeated_lines_of_one_unit_against_the_balance(ledger):
    emitter = ledger.register_emitter("44")
    ledger.list_emitter(emitter)
    ledger.fund_emitter(emitter, "44", 2025, 100)
    ledger.expect(emitter.surrender(2025, [(cea(2025), 60), (cea(2025), 41)]), pb.CODE_INSUFFICIENT_BALANCE)
    ledger.expect(emitter.surrender(2025, [(cea(2025), 60), (cea(2025), 40)]), pb.CODE_OK)
    assert ledger.balance(holding(emitter.participant_id), cea(2025)) == 0
    assert ledger.supply(SUPPLY_SURRENDERED, cea(2025)) == 100


# -- CCER (art. 31) ---------------------------------------------------------------------------------


def test_record_ccer_by_the_registry_credits_the_account_and_the_ccer_supply(ledger, registry):
    emitter = ledger.register_emitter("44")
    ledger.expect(registry.record_ccer("CCER-001", pb.PROJECT_TYPE_RENEWABLE, 2025, 500, holding(emitter.participant_id)), pb.CODE_OK)
    ledger.expect(registry.record_ccer("CCER-001", pb.PROJECT_TYPE_RENEWABLE, 2025, 200, holding(emitter.participant_id)), pb.CODE_OK)
    assert ledger.balance(holding(emitter.participant_id), ccer(2025, "CCER-001")) == 700
    assert ledger.supply(SUPPLY_ISSUED, ccer(2025, "CCER-001")) == 700


def test_record_ccer_by_the_ministry_is_refused_with_role_not_authorized(ledger, ministry):
    emitter = ledger.register_emitter("44")
    ledger.expect(ministry.record_ccer("CCER-001", pb.PROJECT_TYPE_RENEWABLE, 2025, 500, holding(emitter.participant_id)), pb.CODE_ROLE_NOT_AUTHORIZED)


@pytest.mark.parametrize("project_type, inside", [(pb.PROJECT_TYPE_METHANE, False), (pb.PROJECT_TYPE_RENEWABLE, True)])
def test_record_ccer_with_other_attributes_than_recorded_is_refused_with_project_mismatch(ledger, registry, project_type, inside):
    emitter = ledger.register_emitter("44")
    account = holding(emitter.participant_id)
    ledger.expect(registry.record_ccer("CCER-001", pb.PROJECT_TYPE_RENEWABLE, 2025, 500, account), pb.CODE_OK)
    ledger.expect(registry.record_ccer("CCER-001", project_type, 2025, 1, account, inside_covered_boundary=inside), pb.CODE_PROJECT_MISMATCH)
    assert ledger.read(lambda state: state.project("CCER-001")).project_type == pb.PROJECT_TYPE_RENEWABLE


def test_ccer_surrender_without_verified_emissions_is_refused_with_offset_cap_exceeded(ledger, registry):
    emitter = ledger.register_emitter("44")
    ledger.list_emitter(emitter)
    ledger.expect(registry.record_ccer("CCER-001", pb.PROJECT_TYPE_RENEWABLE, 2025, 500, holding(emitter.participant_id)), pb.CODE_OK)
    ledger.expect(emitter.surrender(2025, [(ccer(2025, "CCER-001"), 1)]), pb.CODE_OFFSET_CAP_EXCEEDED)


@pytest.mark.parametrize("project_type, inside", [(pb.PROJECT_TYPE_OTHER, False), (pb.PROJECT_TYPE_RENEWABLE, True)])
def test_ccer_surrender_of_an_ineligible_project_is_refused_with_offset_project_ineligible(ledger, registry, project_type, inside):
    emitter = ledger.register_emitter("44")
    ledger.expect(registry.record_ccer("CCER-009", project_type, 2025, 500, holding(emitter.participant_id),
                                       inside_covered_boundary=inside), pb.CODE_OK)
    ledger.expect(emitter.surrender(2025, [(ccer(2025, "CCER-009"), 1)]), pb.CODE_OFFSET_PROJECT_INELIGIBLE)


class _Overlay:
    """A reader that shows `extra` entries over `base`: state no transaction kind writes yet (MRV)."""

    def __init__(self, base, extra: dict[bytes, bytes]) -> None:
        self._base, self._extra = base, extra

    def get(self, key: bytes) -> bytes | None:
        if key in self._extra:
            return self._extra[key]
        return None if self._base is None else self._base.get(key)

    def scan(self, prefix, start_after=None, limit=None):
        assert start_after is None and limit is None
        entries = dict(self._base.scan(prefix)) | {k: v for k, v in self._extra.items() if k.startswith(prefix)}
        return iter(sorted(entries.items()))


def test_ccer_offsets_are_capped_at_five_percent_of_verified_emissions_across_surrenders(ledger, registry):
    emitter = ledger.register_emitter("44")
    ledger.list_emitter(emitter)
    ledger.expect(registry.record_ccer("CCER-001", pb.PROJECT_TYPE_CARBON_SINK, 2025, 1_000, holding(emitter.participant_id)), pb.CODE_OK)
    verified_key = b"Y" + emitter.participant_id.encode() + b"\x00" + struct.pack(">I", 2025)  # state.py key layout
    unit = ccer(2025, "CCER-001")
    raws = [emitter.surrender(2025, [(unit, amount)], client_id=f"s{amount}").SerializeToString() for amount in (300, 201, 200)]
    with ledger.store.reader() as reader:
        # 10,000 t verified: the cap is 500 t (art. 31: 500 bps); 300 + 201 exceeds it, 300 + 200 does not.
        execution = execute_block(_Overlay(reader, {verified_key: encode_int(10_000)}), CHAIN_ID, ledger.tip.height + 1,
                                  ledger.next_time_ms, raws, prev_hash=ledger.tip.hash)
    assert [code_name(r) for r in execution.results] == ["CODE_OK", "CODE_OFFSET_CAP_EXCEEDED", "CODE_OK"]


# -- keys -------------------------------------------------------------------------------------------


def test_rotated_key_is_refused_with_key_revoked_and_the_new_key_signs(ledger):
    emitter = ledger.register_emitter("44")
    new_key = make_key(emitter.participant_id, generation=1)
    ledger.expect(emitter.rotate_key(emitter.participant_id, emitter.key.key_id, new_key.signer.public_key), pb.CODE_OK)
    ledger.fund_emitter(emitter, "44", 2025, 10)
    account = holding(emitter.participant_id)
    ledger.expect(emitter.cancel(account, cea(2025), 1), pb.CODE_KEY_REVOKED)
    ledger.expect(ledger.builder(emitter.participant_id, new_key).cancel(account, cea(2025), 1), pb.CODE_OK)
    record = ledger.read(lambda state: state.key(emitter.key.key_id))
    assert record.revoked and record.revoked_height == 2


def test_revoking_the_last_active_transaction_key_is_refused_with_last_active_key(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(emitter.revoke_key(emitter.participant_id, emitter.key.key_id), pb.CODE_LAST_ACTIVE_KEY)


def test_revoking_one_of_two_keys_is_applied_and_the_other_still_signs(ledger):
    emitter = ledger.register_emitter("44")
    second = make_key(emitter.participant_id, generation=1)
    ledger.expect(emitter.add_key(emitter.participant_id, second.signer.public_key), pb.CODE_OK)
    ledger.expect(emitter.revoke_key(emitter.participant_id, emitter.key.key_id, reason="lost"), pb.CODE_OK)
    ledger.expect(emitter.add_key(emitter.participant_id, make_key(emitter.participant_id, generation=2).signer.public_key), pb.CODE_KEY_REVOKED)
    ledger.expect(ledger.builder(emitter.participant_id, second).revoke_key(emitter.participant_id, second.key_id), pb.CODE_LAST_ACTIVE_KEY)


def test_rotating_a_transaction_key_into_a_node_key_is_refused_and_leaves_the_signer_able_to_sign(ledger, ministry):
    # A rotation keeps the key's purpose. Otherwise the ministry, whose keys nobody else may
    # recover (authz.RECOVERABLE_ROLES), could turn its last transaction key into a node key and
    # never sign again.
    new_node_key = make_key(MEE, pb.KEY_PURPOSE_NODE, generation=1)
    payload = pb.RotateKey(participant_id=MEE, old_key_id=ministry.key.key_id,
                           new_key=pb.KeySpec(public_key=new_node_key.signer.public_key, purpose=pb.KEY_PURPOSE_NODE))
    ledger.expect(ministry.tx("rotate_key", payload), pb.CODE_INVALID_FIELD)
    ledger.expect(ministry.set_cap(2025, 1), pb.CODE_OK)


def test_a_node_key_signing_a_transaction_is_refused_with_key_purpose_mismatch(ledger):
    node_signer = ledger.builder(REG, devnet.dev_key(REG, pb.KEY_PURPOSE_NODE))
    ledger.expect(node_signer.set_cap(2025, 1), pb.CODE_KEY_PURPOSE_MISMATCH)


def test_a_key_of_another_participant_is_refused_with_key_not_of_signer(ledger, registry):
    body = pb.TxBody(chain_id=CHAIN_ID, signer=MEE, client_id="c1", created_ms=ledger.next_time_ms, set_cap=pb.SetCap(vintage=2025, cap=1))
    ledger.expect(registry.sign_body(body.SerializeToString()), pb.CODE_KEY_NOT_OF_SIGNER)


# -- cancellation (art. 15) -------------------------------------------------------------------------


def test_cancellation_certificate_id_is_derived_from_the_transaction_id(ledger):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    tx = emitter.cancel(holding(emitter.participant_id), cea(2025), 40, beneficiary="Games 2025", purpose="neutral event")
    result = ledger.expect(tx, pb.CODE_OK)
    (event,) = result.events
    assert event.WhichOneof("event") == "cancelled"
    certificate = event.cancelled
    assert certificate.certificate_id == "CX-" + signed_tx_id(tx)[:10].hex().upper() == certificate_id(result.tx_id)
    assert (certificate.amount, certificate.unit, certificate.beneficiary, certificate.purpose) == (40, cea(2025), "Games 2025", "neutral event")
    assert (certificate.holder, certificate.account_id, certificate.height) == (emitter.participant_id, holding(emitter.participant_id), ledger.tip.height)
    assert ledger.supply(SUPPLY_CANCELLED, cea(2025)) == 40

    replayer = Replayer(GENESIS_BYTES)
    replayed = [replayer.apply(raw) for raw in ledger.blocks][-1]
    assert replayed.results[0].SerializeToString(deterministic=True) == result.SerializeToString(deterministic=True)


# -- idempotency, time window, atomicity ------------------------------------------------------------


def test_the_same_transaction_twice_is_refused_with_duplicate_tx_and_applied_once(ledger, ministry):
    tx = ministry.set_cap(2025, 1_000)
    assert [code_name(r) for r in ledger.run(tx, tx)] == ["CODE_OK", "CODE_DUPLICATE_TX"]
    ledger.expect(tx, pb.CODE_DUPLICATE_TX)


def test_a_client_id_reused_with_another_body_is_refused_with_client_id_reused(ledger, ministry):
    ledger.expect(ministry.set_cap(2025, 1_000, client_id="cap-2025"), pb.CODE_OK)
    ledger.expect(ministry.set_cap(2025, 2_000, client_id="cap-2025"), pb.CODE_CLIENT_ID_REUSED)
    assert ledger.read(lambda state: state.cap(2025)) == 1_000


def test_a_rejected_transaction_claims_no_client_id(ledger, ministry):
    ledger.expect(ministry.issue(2025, 1, client_id="first"), pb.CODE_CAP_NOT_SET)
    ledger.expect(ministry.set_cap(2025, 1, client_id="first"), pb.CODE_OK)


@pytest.mark.parametrize("offset_ms, code", [
    (-DAY_MS - 1, pb.CODE_CREATED_TIME_OUT_OF_WINDOW),
    (-DAY_MS, pb.CODE_OK),
    (DAY_MS, pb.CODE_OK),
    (DAY_MS + 1, pb.CODE_CREATED_TIME_OUT_OF_WINDOW),
])
def test_created_time_more_than_the_window_from_block_time_is_refused(ledger, ministry, offset_ms, code):
    ledger.expect(ministry.set_cap(2025, 1_000, created_ms=ledger.next_time_ms + offset_ms), code)


def seen_marker(tx: pb.SignedTx) -> dict[bytes, bytes]:
    """The one write a judged transaction leaves, applied or rejected: its id, so that its bytes
    can never be judged again (a rejected transfer must not apply in a later block)."""
    return {b"T" + crypto.tx_id(tx.body): b""}


def header_hash_write(ledger: Ledger) -> dict[bytes, bytes]:
    """The writes every block makes before its transactions: the previous header's hash (a seed
    nobody knew in advance, for the verification draw) and that hash as the history tree's next
    leaf, with the subtrees it completes."""
    with ledger.store.reader() as reader:
        state = State(reader)
        history.append(state.history_node, state.put_history_node, ledger.tip.height, ledger.tip.hash)
    return {tables.HEADER_HASHES.key(ledger.tip.height): ledger.tip.hash} | state.writes


def test_a_rejected_transaction_leaves_no_writes_but_its_seen_marker(ledger, ministry):
    rejected = ministry.issue(2025, 1)
    assert ledger.dry_run(rejected).writes == seen_marker(rejected) | header_hash_write(ledger)
    cap = ministry.set_cap(2025, 10, client_id="cap")
    alone = ledger.dry_run(cap).writes
    rejections = [ministry.issue(2026, 1), ministry.issue(2025, 11), ministry.set_cap(2025, 5, client_id="cap")]
    with_rejections = ledger.dry_run(rejections[0], cap, *rejections[1:]).writes
    assert with_rejections == alone | {k: v for tx in rejections for k, v in seen_marker(tx).items()}
    assert alone  # the cap, the client id claim and the seen marker


def test_a_rejected_transaction_can_never_apply_later(ledger, ministry):
    early = ministry.issue(2025, 1)
    ledger.expect(early, pb.CODE_CAP_NOT_SET)
    ledger.expect(ministry.set_cap(2025, 10), pb.CODE_OK)
    ledger.expect(early, pb.CODE_DUPLICATE_TX)


def test_a_transaction_rejected_by_its_handler_leaves_no_writes(ledger):
    # Authentication passed and the handler ran (the signer's client id was looked up); its
    # rejection must leave no trace but its seen marker, not even the client id claim.
    emitter = ledger.register_emitter("44")
    guangdong = ledger.builder(identity.province_id("44"))
    taken_key = make_key(emitter.participant_id).spec()
    tx = guangdong.register_participant(uscc("44", 999), pb.ROLE_KEY_EMITTER, "Dup key", [taken_key], province="44", sector="steel")
    execution = ledger.dry_run(tx)
    assert [code_name(r) for r in execution.results] == ["CODE_KEY_EXISTS"]
    assert execution.writes == seen_marker(tx) | header_hash_write(ledger)


def test_a_child_state_layer_changes_its_parent_only_when_merged():
    parent = State(_Overlay(None, {}))
    kept, dropped = parent.child(), parent.child()
    kept.put(b"Hkept", b"1")
    dropped.put(b"Hdropped", b"1")
    assert parent.writes == {}
    kept.merge_into_parent()
    assert parent.writes == {b"Hkept": b"1"}
    assert parent.get(b"Hdropped") is None


# -- registration -----------------------------------------------------------------------------------


def test_an_individual_is_registered_by_the_registry_under_a_resident_id(ledger):
    ledger.register_trader(pb.ROLE_INDIVIDUAL, RESIDENT_ID)
    account = ledger.read(lambda state: state.account(identity.trading_account_id(RESIDENT_ID)))
    assert account.kind == pb.ACCOUNT_KIND_TRADING and account.holder == RESIDENT_ID


def test_an_individual_under_an_id_with_a_wrong_check_character_is_refused_with_invalid_field(ledger, registry):
    number = RESIDENT_ID[:17] + "1"
    ledger.expect(registry.register_participant(number, pb.ROLE_INDIVIDUAL, "Person", [make_key(number).spec()]), pb.CODE_INVALID_FIELD)


def test_an_individual_under_an_id_with_full_width_digits_is_refused_with_invalid_field(ledger, registry):
    # Found by this suite: identity.is_resident_id used str.isdigit, so one person could register twice.
    ledger.register_trader(pb.ROLE_INDIVIDUAL, RESIDENT_ID)
    look_alike = "\uff11" + RESIDENT_ID[1:]  # full-width 1: the same number to a reader
    ledger.expect(registry.register_participant(look_alike, pb.ROLE_INDIVIDUAL, "Person", [make_key(look_alike).spec()]), pb.CODE_INVALID_FIELD)


def test_a_province_registering_an_emitter_of_another_province_is_refused_with_outside_jurisdiction(ledger, guangdong):
    participant_id = uscc("42", 1)
    tx = guangdong.register_participant(participant_id, pb.ROLE_KEY_EMITTER, "E", [make_key(participant_id).spec()], province="42", sector="power")
    ledger.expect(tx, pb.CODE_OUTSIDE_JURISDICTION)


# -- blocks as the auditor sees them ----------------------------------------------------------------


def test_a_replayed_chain_reproduces_every_header_and_the_state(ledger):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", 2025, 100)
    ledger.list_emitter(emitter)
    ledger.run(emitter.surrender(2025, [(cea(2025), 30)]), emitter.cancel(holding(emitter.participant_id), cea(2025), 500))
    replayer = Replayer(GENESIS_BYTES)
    assert [replayer.apply(raw).tip for raw in ledger.blocks] == [built.tip for built in ledger.built]
    with replayer.store.reader() as reader:
        assert dict(reader.scan(b"")) == ledger.state_items()


def test_a_block_over_the_transaction_count_limit_is_refused_by_the_auditor_with_a_chain_error(ledger):
    # A signed block from a faulty or malicious proposer is data: the auditor must name the bad
    # height (ChainError), not die on an assertion (which `python -O` would even skip).
    raws = [b"\x0a\x01" + bytes([index % 256]) for index in range(limits.block_tx_count_max + 1)]
    header = pb.BlockHeader(version=HEADER_VERSION, history_size=1, history_root=bytes(32), chain_id=CHAIN_ID, height=1, prev_hash=ledger.tip.hash, tx_root=tx_root(raws),
                            time_ms=ledger.next_time_ms, proposer=REG, tx_count=len(raws)).SerializeToString()
    block = pb.Block(header=header, txs=raws, results=[pb.TxResult() for _ in raws],
                     signatures=[pb.Signature(key_id=NODE_KEY.key_id, signature=NODE_KEY.signer.sign_header(header))])
    with pytest.raises(ChainError) as caught:
        Replayer(GENESIS_BYTES).apply(block.SerializeToString())
    assert caught.value.height == 1


# -- found in review: quorum capture, claw-back of bought units, library-dependent text --------------


def test_adjust_allocation_cannot_claw_back_units_the_emitter_bought(ledger, guangdong):
    seller, buyer = ledger.register_emitter("42"), ledger.register_emitter("44")
    ledger.fund_emitter(seller, "42", 2025, 1_000)
    ledger.expect(seller.transfer(holding(seller.participant_id), holding(buyer.participant_id), cea(2025), 1_000), pb.CODE_OK)
    ledger.expect(guangdong.adjust_allocation(buyer.participant_id, 2025, -1, pb.ADJUSTMENT_REASON_CLOSURE), pb.CODE_INSUFFICIENT_BALANCE)
    assert ledger.balance(holding(buyer.participant_id), cea(2025)) == 1_000


def test_only_an_institution_itself_manages_its_node_keys(ledger, ministry):
    # If the ministry could replace another institution's node keys it would sign blocks as it and
    # make a 2-of-3 quorum alone.
    registry_node_key = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    foreign = make_key(REG, pb.KEY_PURPOSE_NODE, generation=7)
    ledger.expect(ministry.add_key(REG, foreign.signer.public_key, pb.KEY_PURPOSE_NODE), pb.CODE_NOT_KEY_OWNER)
    ledger.expect(ministry.revoke_key(REG, registry_node_key.key_id, "take over"), pb.CODE_NOT_KEY_OWNER)
    ledger.expect(ministry.rotate_key(REG, registry_node_key.key_id, foreign.signer.public_key), pb.CODE_NOT_KEY_OWNER)
    registry = ledger.builder(REG)
    ledger.expect(registry.revoke_key(REG, registry_node_key.key_id, "last one"), pb.CODE_LAST_ACTIVE_KEY)
    ledger.expect(registry.rotate_key(REG, registry_node_key.key_id, foreign.signer.public_key), pb.CODE_OK)


def test_a_malformed_transaction_gets_the_same_detail_whatever_the_protobuf_backend(ledger):
    (result,) = ledger.commit([b"\x0a\x05\xff\xff"]).results
    assert code_name(result) == "CODE_MALFORMED"
    assert result.detail == "tx: does not parse as a SignedTx carrying a TxBody"
