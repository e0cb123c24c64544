"""Enforcement rules in process (arts. 45, 47, 49), where block times must be chosen: a held
transfer is re-checked at its release; the restriction check is one read of a missing key for an
unrestricted participant, and a lifted measure leaves no record behind (the bare path again)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import signed_tx_id
from cets.ledger import tables as t
from cets.ledger.state import State
from cets.ledger.txs.supervision.restrictions import refusal
from tests.test_protections import HOLD_MS, Chain, release_tx
from tests.test_state_machine import REG, code_name

O = pb.RestrictedOperation


def restrict_transfers(chain: Chain) -> pb.SignedTx:
    payload = pb.ImposeMeasure(participant_id=chain.alice.participant_id, type=pb.MEASURE_TYPE_RESTRICT_TRANSFERS,
                               operations=[O.RESTRICTED_OPERATION_TRANSFER_OUT], reason="suspected theft of allowances",
                               legal_basis="art. 45 (2)", case_reference="REG-2025-031")
    return chain.ledger.builder(REG).tx("impose_measure", payload)


def test_art45_a_held_transfer_is_rechecked_at_its_release_and_waits_for_the_lift():
    chain = Chain()
    chain.expect(chain.protect(), pb.CODE_OK)
    transfer = chain.send(300)
    assert chain.expect(transfer, pb.CODE_OK).events[0].WhichOneof("event") == "transfer_held"
    measure = restrict_transfers(chain)
    chain.expect(measure, pb.CODE_OK)
    release_ms = chain.now + HOLD_MS
    release = release_tx(chain.ledger.builder(REG), transfer, created_ms=release_ms)
    execution = chain.ledger.dry_run(release, time_ms=release_ms)
    (result,) = execution.results
    assert code_name(result) == "CODE_PRODUCT_TRANSFERS_RESTRICTED", result.detail
    assert {t.table_of(key) for key in execution.writes} == {t.JUDGED, t.HEADER_HASHES, t.HISTORY_NODES}  # a rejection: the block's bookkeeping only
    lift = chain.ledger.builder(REG).tx("lift_measure", pb.LiftMeasure(measure_id=signed_tx_id(measure), reason="owner identified"),
                                        created_ms=release_ms)
    chain.expect(lift, pb.CODE_OK, time_ms=release_ms)
    chain.expect(release_tx(chain.ledger.builder(REG), transfer, created_ms=release_ms + 1_000), pb.CODE_OK, time_ms=release_ms + 1_000)
    assert chain.balance(chain.destination) == 300


class CountingReader:
    """A reader that counts its point reads."""

    def __init__(self, state: State) -> None:
        self.state, self.gets = state, []

    def get(self, key: bytes):
        self.gets.append(key)
        return self.state.get(key)

    def scan(self, *args, **kwargs):
        raise AssertionError("the restriction check never scans")


def test_the_restriction_check_of_an_unrestricted_participant_is_one_read_of_a_missing_key():
    chain = Chain()
    reader = chain.ledger.read(lambda state: CountingReader(state))
    with chain.ledger.store.reader() as snapshot:
        reader.state = State(snapshot)
        assert refusal(reader, chain.now, chain.alice.participant_id, chain.source, O.RESTRICTED_OPERATION_TRANSFER_OUT) is None
    assert reader.gets == [t.RESTRICTIONS.key(chain.alice.participant_id)]


def test_a_bare_transfer_writes_no_enforcement_record_and_a_lift_deletes_the_restrictions_record():
    chain = Chain()
    built = chain.ledger.commit([chain.send(10).SerializeToString()])
    assert code_name(built.results[0]) == "CODE_OK" and not [key for key in built.writes if key.startswith(b"N")]
    measure = restrict_transfers(chain)
    chain.expect(measure, pb.CODE_OK)
    assert chain.ledger.read(lambda state: t.RESTRICTIONS.get(state, chain.alice.participant_id)) is not None
    lift = chain.ledger.builder(REG).tx("lift_measure", pb.LiftMeasure(measure_id=signed_tx_id(measure), reason="resolved"))
    chain.expect(lift, pb.CODE_OK)
    assert chain.ledger.read(lambda state: t.RESTRICTIONS.get(state, chain.alice.participant_id)) is None
    assert chain.ledger.read(lambda state: t.MEASURES.get(state, signed_tx_id(measure))).lift.lifted_by == REG
