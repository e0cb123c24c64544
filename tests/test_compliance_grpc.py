"""The compliance year's bad input through a real node (arts. 30-31, 43-44): surrender for a closed
year, ineligible vintages or CCER types, offsets over the cap, fines outside the range. Each refusal
has its stable reason through Submit (gRPC status and ErrorInfo) and SubmitBatch (a receipt), and
changes nothing: holdings and supply through the API, the compliance records and fines read back
from the node's own LMDB store.

Block times are the node's clock, so the compliance year is placed two years back: its reports
were due by 31 March and its surrender by 31 December of the year after it, both passed.
"""

from __future__ import annotations

import asyncio

import grpc

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, ccer, cea, now_ms
from cets.ledger import calendar, compliance, identity
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from tests.conftest import read_state, submit_ok, fund_province, list_emitter, register_emitter
from tests.test_bad_input import assert_refused, snapshot

S = grpc.StatusCode
YEAR = calendar.year_of(now_ms()) - 2  # both of its deadlines have passed at the node's block times
WIND, LANDFILL_INSIDE = "CCER-WIND-G1", "CCER-LF-G2"


async def listed_emitter(client, ministry: TxBuilder, guangdong: TxBuilder, allowances: int = 1_000) -> TxBuilder:
    """A Guangdong emitter listed from YEAR on, holding `allowances` of YEAR's vintage."""
    await fund_province(client, ministry, "44", YEAR, allowances)
    emitter = await register_emitter(client, guangdong, "44")
    await list_emitter(client, guangdong, emitter.participant_id, YEAR)
    await submit_ok(client, guangdong.allocate([(emitter.participant_id, YEAR, allowances)]))
    return emitter


def estimate(guangdong: TxBuilder, emitter: TxBuilder, tonnes: int) -> pb.SignedTx:
    payload = pb.EstimateEmissions(emitter_id=emitter.participant_id, year=YEAR, tonnes=tonnes, basis="no report: capacity times hours")
    return guangdong.tx("estimate_emissions", payload)


def accounts_of(emitter: TxBuilder) -> list[str]:
    return [identity.holding_account_id(emitter.participant_id), identity.province_account_id("44")]


def record_of(running, emitter: TxBuilder) -> pb.ComplianceRecord | None:
    return read_state(running, lambda state: compliance.record(state, emitter.participant_id, YEAR))


async def test_art30_surrender_for_a_closed_year_is_refused_through_grpc_and_changes_nothing(node, ministry, guangdong):
    client = node.client
    emitter = await listed_emitter(client, ministry, guangdong)
    await submit_ok(client, estimate(guangdong, emitter, 800))
    await submit_ok(client, emitter.surrender(YEAR, [(cea(YEAR), 300)]))
    closed = await submit_ok(client, guangdong.tx("close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=[emitter.participant_id])))
    assert closed.events[0].compliance_closed.status == pb.COMPLIANCE_STATUS_B and closed.events[0].compliance_closed.shortfall_tonnes == 500
    before, figures = await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR,)), record_of(node, emitter)
    await assert_refused(client, lambda: emitter.surrender(YEAR, [(cea(YEAR), 500)]), status=S.FAILED_PRECONDITION,
                         code=pb.CODE_COMPLIANCE_CLOSED, at_admission=False)
    assert await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR,)) == before
    assert record_of(node, emitter) == figures and figures.closed


async def test_art30_31_ineligible_vintages_and_ccer_types_are_refused_through_grpc_and_change_nothing(node, ministry, guangdong, registry):
    client = node.client
    emitter = await listed_emitter(client, ministry, guangdong)
    account = identity.holding_account_id(emitter.participant_id)
    await fund_province(client, ministry, "44", YEAR + 1, 100)
    await submit_ok(client, guangdong.allocate([(emitter.participant_id, YEAR + 1, 100)]))
    await submit_ok(client, registry.record_ccer(WIND, pb.PROJECT_TYPE_RENEWABLE, YEAR + 1, 50, account))
    await submit_ok(client, registry.record_ccer(LANDFILL_INSIDE, pb.PROJECT_TYPE_METHANE, YEAR, 50, account, inside_covered_boundary=True))
    before = await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR, YEAR + 1))
    for later in (cea(YEAR + 1), ccer(YEAR + 1, WIND)):  # no borrowing from a later vintage
        await assert_refused(client, lambda: emitter.surrender(YEAR, [(later, 1)]), status=S.INVALID_ARGUMENT,
                             code=pb.CODE_VINTAGE_NOT_ELIGIBLE, at_admission=False)
    await assert_refused(client, lambda: emitter.surrender(YEAR, [(ccer(YEAR, LANDFILL_INSIDE), 1)]), status=S.FAILED_PRECONDITION,
                         code=pb.CODE_OFFSET_PROJECT_INELIGIBLE, at_admission=False)  # inside a covered entity's boundary
    assert await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR, YEAR + 1)) == before
    assert record_of(node, emitter) is None


async def test_art31_offsets_over_the_cap_are_refused_through_grpc_and_change_nothing(node, ministry, guangdong, registry):
    client = node.client
    emitter = await listed_emitter(client, ministry, guangdong)
    await submit_ok(client, registry.record_ccer(WIND, pb.PROJECT_TYPE_RENEWABLE, YEAR, 1_000, identity.holding_account_id(emitter.participant_id)))
    await submit_ok(client, estimate(guangdong, emitter, 10_000))
    offset = ccer(YEAR, WIND)
    # The draft's basis, verified emissions: an estimate opens no room, the cap is 0.
    await assert_refused(client, lambda: emitter.surrender(YEAR, [(offset, 1)]), status=S.FAILED_PRECONDITION,
                         code=pb.CODE_OFFSET_CAP_EXCEEDED, at_admission=False)
    # The 2020 Measures' basis, the obligation, as a rulebook version: 5% of the 10,000 t estimate.
    rulebook = default_rulebook()
    rulebook.offset_cap_basis = pb.OFFSET_CAP_BASIS_OBLIGATION
    effective_ms = now_ms() + 300
    await submit_ok(client, ministry.set_rulebook(rulebook, effective_ms, note="2020 Measures, art. 29"))
    await asyncio.wait_for(_until(lambda: now_ms() > effective_ms), 5)  # the next block's time is past it
    await submit_ok(client, emitter.surrender(YEAR, [(offset, 500)]))
    before, figures = await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR,)), record_of(node, emitter)
    await assert_refused(client, lambda: emitter.surrender(YEAR, [(offset, 1)]), status=S.FAILED_PRECONDITION,
                         code=pb.CODE_OFFSET_CAP_EXCEEDED, at_admission=False)
    assert await snapshot(client, accounts=accounts_of(emitter), vintages=(YEAR,)) == before
    assert record_of(node, emitter) == figures and figures.surrendered_ccers == 500


async def test_art43_44_fines_outside_the_range_are_refused_through_grpc_and_change_nothing(node, guangdong):
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")

    def fine(kind: int, amount_fen: int) -> pb.SignedTx:
        payload = pb.ImposeFine(emitter_id=emitter.participant_id, year=YEAR, kind=kind, amount_fen=amount_fen, decision_reference="GD-PEN-1")
        return guangdong.tx("impose_fine", payload)

    for kind, amount_fen in ((pb.FINE_KIND_REPORTING, 999_999), (pb.FINE_KIND_REPORTING, 3_000_001), (pb.FINE_KIND_NON_SURRENDER, 1_999_999)):
        await assert_refused(client, lambda: fine(kind, amount_fen), status=S.INVALID_ARGUMENT, code=pb.CODE_FINE_OUT_OF_RANGE, at_admission=False)
    assert read_state(node, lambda state: list(t.FINES.scan(state, emitter.participant_id, limit=10))) == []
    imposed = await submit_ok(client, fine(pb.FINE_KIND_NON_SURRENDER, 2_000_000))
    assert imposed.events[0].fine_imposed.amount_fen == 2_000_000


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)
