"""Rule-named tests of the compliance year (arts. 30-31, 43-44) on the in-process chain: surrender
with offsets, the province's estimate, closing with final statuses, next-year deductions enforced
by the allocation itself, and fines judged under the rulebook in force at the block.

Block times are placed with `calendar` around the deadlines of the default rulebook: the chain
starts on 1 January 2026 (UTC), the 2025 reports are due by 31 March 2026 and its surrender by
31 December 2026, China time.
"""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, ccer, cea
from cets.ledger import calendar, compliance, identity, limits
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from cets.ledger.machine import execute_block
from cets.ledger.state import SUPPLY_SURRENDERED
from tests.test_state_machine import BLOCK_INTERVAL_MS, CHAIN_ID, MEE, REG, Ledger, _Overlay, code_name, holding

YEAR = 2025
GD, HB = identity.province_id("44"), identity.province_id("42")
REPORTS_DUE = calendar.deadline_ms(YEAR, default_rulebook().report_due)  # 2026-04-01 00:00 China time
SURRENDER_DUE = calendar.deadline_ms(YEAR, default_rulebook().surrender_due)  # 2027-01-01 00:00 China time
WIND = "CCER-WIND-01"


# -- transactions and set-ups -----------------------------------------------------------------------


def estimate(province: TxBuilder, emitter_id: str, tonnes: int, year: int = YEAR, **options) -> pb.SignedTx:
    payload = pb.EstimateEmissions(emitter_id=emitter_id, year=year, tonnes=tonnes, basis="fuel purchases times default factors")
    return province.tx("estimate_emissions", payload, **options)


def close(province: TxBuilder, *emitter_ids: str, year: int = YEAR, **options) -> pb.SignedTx:
    return province.tx("close_compliance", pb.CloseCompliance(year=year, emitter_ids=list(emitter_ids)), **options)


def fine(province: TxBuilder, emitter_id: str, kind: int, amount_fen: int, reference: str = "GD-ENV-PEN-2026-7", **options) -> pb.SignedTx:
    payload = pb.ImposeFine(emitter_id=emitter_id, year=YEAR, kind=kind, amount_fen=amount_fen, decision_reference=reference)
    return province.tx("impose_fine", payload, **options)


def advance_to(ledger: Ledger, time_ms: int) -> None:
    """An empty block just before `time_ms`, so that the next block's time is `time_ms`."""
    assert ledger.next_time_ms <= time_ms - BLOCK_INTERVAL_MS
    ledger.commit([], time_ms=time_ms - BLOCK_INTERVAL_MS)
    assert ledger.next_time_ms == time_ms


def record(ledger: Ledger, emitter: TxBuilder, year: int = YEAR) -> pb.ComplianceRecord | None:
    return ledger.read(lambda state: compliance.record(state, emitter.participant_id, year))


def deduction(ledger: Ledger, emitter: TxBuilder, vintage: int) -> pb.AllocationDeduction | None:
    return ledger.read(lambda state: t.DEDUCTIONS.get(state, emitter.participant_id, vintage))


def listed_emitter(ledger: Ledger, province: str = "44", allowances: dict[int, int] | None = None, ccers: int = 0) -> TxBuilder:
    """A key emitter listed from 2024 on, holding `allowances` per vintage and `ccers` of an eligible project's 2025 vintage."""
    emitter = ledger.register_emitter(province)
    ledger.list_emitter(emitter, 2024)
    for vintage, amount in (allowances or {}).items():
        ledger.fund_emitter(emitter, province, vintage, amount)
    if ccers:
        ledger.expect(ledger.builder(REG).record_ccer(WIND, pb.PROJECT_TYPE_RENEWABLE, YEAR, ccers, holding(emitter.participant_id)), pb.CODE_OK)
    return emitter


def schedule(ledger: Ledger, **changes) -> int:
    """The ministry schedules a rulebook version (the default one with `changes`) for the next block; returns its time."""
    rulebook = default_rulebook()
    for name, value in changes.items():
        if isinstance(value, list):
            getattr(rulebook, name).extend(value)
        else:
            setattr(rulebook, name, value)
    effective_ms = ledger.next_time_ms + 1
    ledger.expect(ledger.builder(MEE).set_rulebook(rulebook, effective_ms, note="test version"), pb.CODE_OK)
    return effective_ms


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def guangdong(ledger) -> TxBuilder:
    return ledger.builder(GD)


# -- surrender (arts. 5, 30-31) ---------------------------------------------------------------------


def test_art5_surrender_by_an_emitter_not_on_the_list_is_refused_with_not_listed_and_moves_nothing(ledger):
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", YEAR, 100)
    result = ledger.expect(emitter.surrender(YEAR, [(cea(YEAR), 10)]), pb.CODE_NOT_LISTED)
    assert "key-emitter list for 2025" in result.detail
    assert ledger.balance(holding(emitter.participant_id), cea(YEAR)) == 100
    assert record(ledger, emitter) is None


def test_art5_surrender_for_a_year_before_the_listing_is_refused_with_not_listed(ledger):
    emitter = ledger.register_emitter("44")
    ledger.list_emitter(emitter, YEAR)
    ledger.fund_emitter(emitter, "44", 2024, 100)
    ledger.expect(emitter.surrender(2024, [(cea(2024), 10)]), pb.CODE_NOT_LISTED)
    ledger.expect(emitter.surrender(YEAR, [(cea(2024), 10)]), pb.CODE_OK)


def test_art30_each_surrender_is_added_to_the_compliance_record_per_unit(ledger):
    emitter = listed_emitter(ledger, allowances={2024: 300, YEAR: 300})
    first = ledger.run(emitter.surrender(YEAR, [(cea(2024), 100), (cea(YEAR), 50)]))
    second = ledger.run(emitter.surrender(YEAR, [(cea(YEAR), 25)]))
    figures = record(ledger, emitter)
    assert [(line.unit.vintage, line.amount) for line in figures.surrendered] == [(2024, 100), (YEAR, 75)]
    assert (figures.surrendered_allowances, figures.surrendered_ccers) == (175, 0)
    assert list(figures.tx_ids) == [first[0].tx_id, second[0].tx_id]
    assert (figures.status, figures.province) == (pb.COMPLIANCE_STATUS_PENDING, "44")  # nothing owed yet: pending
    # the supply counters and per-province tallies are kept as before
    assert ledger.supply(SUPPLY_SURRENDERED, cea(YEAR)) == 75
    assert ledger.read(lambda state: t.SURRENDERED_TO_PROVINCE.get(state, "44", YEAR, cea(2024))) == 100
    assert ledger.read(lambda state: t.COMPLIANCE_BY_PROVINCE.get(state, "44", YEAR, emitter.participant_id)) == b""


def test_art30_a_vintage_rule_of_the_rulebook_decides_which_vintages_count_for_a_year(ledger):
    # The 2025 conversion rule as a rulebook version: for 2025 on, only the 2025 vintage counts.
    emitter = listed_emitter(ledger, allowances={2024: 100, YEAR: 100})
    ledger.expect(emitter.surrender(YEAR, [(cea(2024), 10)]), pb.CODE_OK)  # no rule: banking
    schedule(ledger, surrender_vintages=[pb.SurrenderVintageRule(compliance_year_min=YEAR, compliance_year_max=2030,
                                                                 vintage_min=YEAR, vintage_max=2030)])
    result = ledger.expect(emitter.surrender(YEAR, [(cea(2024), 10)]), pb.CODE_VINTAGE_NOT_ELIGIBLE)
    assert "want 2025..2025" in result.detail  # never a vintage after the year, whatever the rule
    ledger.expect(emitter.surrender(2024, [(cea(2024), 10)]), pb.CODE_OK)  # 2024 is outside the rule
    ledger.expect(emitter.surrender(YEAR, [(cea(YEAR), 10)]), pb.CODE_OK)
    assert ledger.balance(holding(emitter.participant_id), cea(2024)) == 80


def test_art31_a_ccer_of_a_later_vintage_than_the_year_is_refused_with_vintage_not_eligible(ledger):
    emitter = listed_emitter(ledger)
    ledger.expect(ledger.builder(REG).record_ccer(WIND, pb.PROJECT_TYPE_RENEWABLE, 2026, 10, holding(emitter.participant_id)), pb.CODE_OK)
    ledger.expect(emitter.surrender(YEAR, [(ccer(2026, WIND), 1)]), pb.CODE_VINTAGE_NOT_ELIGIBLE)


def test_art31_offsets_on_the_obligation_basis_reach_exactly_five_percent_of_an_estimate_and_no_further(ledger, guangdong):
    # 2020 Measures, art. 29: the cap is a share of the allowances to surrender, which may be an estimate (art. 43).
    emitter = listed_emitter(ledger, allowances={YEAR: 9_500}, ccers=600)
    schedule(ledger, offset_cap_basis=pb.OFFSET_CAP_BASIS_OBLIGATION)
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, emitter.participant_id, 10_000), pb.CODE_OK)
    ledger.expect(emitter.surrender(YEAR, [(ccer(YEAR, WIND), 300)]), pb.CODE_OK)
    result = ledger.expect(emitter.surrender(YEAR, [(ccer(YEAR, WIND), 201)]), pb.CODE_OFFSET_CAP_EXCEEDED)
    assert "501 CCER offsets for the year, cap 500 (500 bps of the obligation 10000)" in result.detail
    ledger.expect(emitter.surrender(YEAR, [(ccer(YEAR, WIND), 200), (cea(YEAR), 9_500)]), pb.CODE_OK)
    figures = record(ledger, emitter)
    assert (figures.surrendered_ccers, figures.surrendered_allowances, figures.status) == (500, 9_500, pb.COMPLIANCE_STATUS_A)  # 1 CCER = 1 t


def test_art31_under_the_draft_basis_an_estimate_opens_no_room_for_offsets(ledger, guangdong):
    emitter = listed_emitter(ledger, ccers=600)
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, emitter.participant_id, 10_000), pb.CODE_OK)
    result = ledger.expect(emitter.surrender(YEAR, [(ccer(YEAR, WIND), 1)]), pb.CODE_OFFSET_CAP_EXCEEDED)
    assert "cap 0 (500 bps of verified emissions 0)" in result.detail


def test_art31_offsets_on_the_draft_basis_count_the_latest_verified_figure(ledger):
    # The verification kinds keep the latest verified figure in VERIFIED_EMISSIONS (another branch);
    # here it is shown to the block as state, and a changed figure moves the cap with it.
    emitter = listed_emitter(ledger, ccers=600)
    unit = ccer(YEAR, WIND)
    raws = [emitter.surrender(YEAR, [(unit, amount)], client_id=f"s{amount}").SerializeToString() for amount in (300, 201, 200)]
    for verified, verdicts in ((10_000, ["CODE_OK", "CODE_OFFSET_CAP_EXCEEDED", "CODE_OK"]),  # cap 500
                               (6_000, ["CODE_OK", "CODE_OFFSET_CAP_EXCEEDED", "CODE_OFFSET_CAP_EXCEEDED"])):  # cap 300
        overlay = {t.VERIFIED_EMISSIONS.key(emitter.participant_id, YEAR): t.INT64.encode(verified)}
        with ledger.store.reader() as reader:
            execution = execute_block(_Overlay(reader, overlay), CHAIN_ID, ledger.tip.height + 1, ledger.next_time_ms, raws,
                                      prev_hash=ledger.tip.hash)
        assert [code_name(r) for r in execution.results] == verdicts, verified


# -- estimates (art. 43) ----------------------------------------------------------------------------


def test_art43_an_estimate_before_the_report_deadline_is_refused_with_deadline_not_passed(ledger, guangdong):
    emitter = listed_emitter(ledger)
    advance_to(ledger, REPORTS_DUE - 1)
    result = ledger.expect(estimate(guangdong, emitter.participant_id, 30_000), pb.CODE_DEADLINE_NOT_PASSED)
    assert "due by 2026-03-31" in result.detail
    assert record(ledger, emitter) is None
    ledger.expect(estimate(guangdong, emitter.participant_id, 30_000), pb.CODE_OK)  # the next block, at the deadline's end


def test_art43_the_estimate_becomes_the_obligation(ledger, guangdong):
    emitter = listed_emitter(ledger)
    advance_to(ledger, REPORTS_DUE)
    (result,) = ledger.run(estimate(guangdong, emitter.participant_id, 30_000))
    assert result.events[0].emissions_estimated == pb.EmissionsEstimated(emitter_id=emitter.participant_id, year=YEAR, tonnes=30_000)
    figures = record(ledger, emitter)
    assert (figures.obligation_tonnes, figures.obligation_basis, figures.verification_version) == (30_000, pb.OBLIGATION_BASIS_ESTIMATED, 0)
    kept = ledger.read(lambda state: t.ESTIMATES.get(state, emitter.participant_id, YEAR))
    assert (kept.estimate.tonnes, kept.tx_id) == (30_000, result.tx_id)
    ledger.expect(estimate(guangdong, emitter.participant_id, 32_000), pb.CODE_OK)  # a revised estimate replaces it
    assert record(ledger, emitter).obligation_tonnes == 32_000 and len(record(ledger, emitter).tx_ids) == 2


def test_art43_a_verified_figure_wins_over_an_estimate_with_verification_exists(ledger, guangdong):
    emitter = listed_emitter(ledger)
    advance_to(ledger, REPORTS_DUE)
    verified = pb.Verification(emitter_id=emitter.participant_id, year=YEAR, version=1, verified_by="body", verified_tonnes=28_000)
    overlay = {t.VERIFICATIONS.key(emitter.participant_id, YEAR, 1): verified.SerializeToString()}
    with ledger.store.reader() as reader:
        execution = execute_block(_Overlay(reader, overlay), CHAIN_ID, ledger.tip.height + 1, ledger.next_time_ms,
                                  [estimate(guangdong, emitter.participant_id, 30_000).SerializeToString()], prev_hash=ledger.tip.hash)
    assert [code_name(r) for r in execution.results] == ["CODE_VERIFICATION_EXISTS"]


@pytest.mark.parametrize("case, code", [("unlisted", pb.CODE_NOT_LISTED), ("other province", pb.CODE_OUTSIDE_JURISDICTION),
                                        ("emitter signs", pb.CODE_ROLE_NOT_AUTHORIZED), ("no basis", pb.CODE_MISSING_FIELD),
                                        ("no tonnes", pb.CODE_AMOUNT_NOT_POSITIVE)])
def test_art43_an_estimate_only_by_the_emitters_province_of_a_listed_emitter_with_tonnes_and_a_basis(ledger, guangdong, case, code):
    emitter = listed_emitter(ledger)
    unlisted = ledger.register_emitter("44")
    advance_to(ledger, REPORTS_DUE)
    tx = {
        "unlisted": estimate(guangdong, unlisted.participant_id, 30_000),
        "other province": estimate(ledger.builder(HB), emitter.participant_id, 30_000),
        "emitter signs": estimate(emitter, emitter.participant_id, 30_000),
        "no basis": guangdong.tx("estimate_emissions", pb.EstimateEmissions(emitter_id=emitter.participant_id, year=YEAR, tonnes=1)),
        "no tonnes": estimate(guangdong, emitter.participant_id, 0),
    }[case]
    ledger.expect(tx, code)
    assert record(ledger, emitter) is None


# -- closing and statuses (arts. 30, 44) ------------------------------------------------------------


def test_art30_closing_before_the_surrender_deadline_is_refused_with_deadline_not_passed(ledger, guangdong):
    emitter = listed_emitter(ledger)
    advance_to(ledger, SURRENDER_DUE - 1)
    result = ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_DEADLINE_NOT_PASSED)
    assert "due by 2026-12-31" in result.detail
    assert record(ledger, emitter) is None
    ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_OK)


def test_art30_closing_makes_each_status_final_a_b_with_the_shortfall_or_c(ledger, guangdong):
    compliant, short, silent = (listed_emitter(ledger, allowances={YEAR: 1_000}) for _ in range(3))
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, compliant.participant_id, 1_000), pb.CODE_OK)
    ledger.expect(estimate(guangdong, short.participant_id, 1_000), pb.CODE_OK)
    ledger.expect(compliant.surrender(YEAR, [(cea(YEAR), 1_000)]), pb.CODE_OK)
    ledger.expect(short.surrender(YEAR, [(cea(YEAR), 600)]), pb.CODE_OK)
    assert record(ledger, compliant).status == pb.COMPLIANCE_STATUS_A  # compliant before the deadline already
    assert (record(ledger, short).status, record(ledger, short).shortfall_tonnes) == (pb.COMPLIANCE_STATUS_PENDING, 0)
    advance_to(ledger, SURRENDER_DUE)
    (result,) = ledger.run(close(guangdong, compliant.participant_id, short.participant_id, silent.participant_id))
    assert code_name(result) == "CODE_OK", result.detail
    closed = [(e.compliance_closed.emitter_id, e.compliance_closed.status, e.compliance_closed.shortfall_tonnes) for e in result.events]
    assert closed == [(compliant.participant_id, pb.COMPLIANCE_STATUS_A, 0), (short.participant_id, pb.COMPLIANCE_STATUS_B, 400),
                      (silent.participant_id, pb.COMPLIANCE_STATUS_C, 0)]
    for emitter in (compliant, short, silent):
        figures = record(ledger, emitter)
        assert figures.closed and figures.closed_tx_id == result.tx_id and figures.tx_ids[-1] == result.tx_id
        assert (figures.status, figures.shortfall_tonnes) == compliance.implied_status(figures)


def test_art30_surrender_and_estimate_for_a_closed_year_are_refused_with_compliance_closed(ledger, guangdong):
    emitter = listed_emitter(ledger, allowances={YEAR: 100})
    advance_to(ledger, SURRENDER_DUE)
    ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_OK)
    before = record(ledger, emitter)
    result = ledger.expect(emitter.surrender(YEAR, [(cea(YEAR), 10)]), pb.CODE_COMPLIANCE_CLOSED)
    assert "compliance year 2025 is closed" in result.detail
    ledger.expect(estimate(guangdong, emitter.participant_id, 30_000), pb.CODE_COMPLIANCE_CLOSED)
    ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_COMPLIANCE_CLOSED)
    assert record(ledger, emitter) == before
    assert ledger.balance(holding(emitter.participant_id), cea(YEAR)) == 100
    ledger.expect(emitter.surrender(2026, [(cea(YEAR), 10)]), pb.CODE_OK)  # the next year is open: banking


def test_art30_closing_is_all_or_nothing_over_its_emitters(ledger, guangdong):
    own, unlisted, hubei_emitter = listed_emitter(ledger), ledger.register_emitter("44"), listed_emitter(ledger, "42")
    advance_to(ledger, SURRENDER_DUE)
    ledger.expect(close(guangdong, own.participant_id, unlisted.participant_id), pb.CODE_NOT_LISTED)
    ledger.expect(close(guangdong, own.participant_id, hubei_emitter.participant_id), pb.CODE_OUTSIDE_JURISDICTION)
    ledger.expect(close(guangdong, own.participant_id, own.participant_id), pb.CODE_INVALID_FIELD)
    ledger.expect(close(guangdong), pb.CODE_MISSING_FIELD)
    ledger.expect(close(guangdong, *[f"E{n}" for n in range(limits.allocation_entry_count_max + 1)]), pb.CODE_TOO_LARGE)
    assert record(ledger, own) is None


def test_art44_a_shortfall_at_closing_is_owed_from_the_next_vintage(ledger, guangdong):
    emitter = listed_emitter(ledger, allowances={YEAR: 600})
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, emitter.participant_id, 1_000), pb.CODE_OK)
    ledger.expect(emitter.surrender(YEAR, [(cea(YEAR), 600)]), pb.CODE_OK)
    advance_to(ledger, SURRENDER_DUE)
    ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_OK)
    assert deduction(ledger, emitter, 2026) == pb.AllocationDeduction(emitter_id=emitter.participant_id, vintage=2026, owed_tonnes=400,
                                                                      from_year=YEAR)


def test_art44_no_deduction_when_the_rulebook_does_not_deduct_shortfalls(ledger, guangdong):
    emitter = listed_emitter(ledger)
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, emitter.participant_id, 1_000), pb.CODE_OK)
    schedule(ledger, deduct_shortfall=False)  # the 2025-26 draft plan ends new deductions for non-surrender
    advance_to(ledger, SURRENDER_DUE)
    (result,) = ledger.run(close(guangdong, emitter.participant_id))
    assert result.events[0].compliance_closed.shortfall_tonnes == 1_000
    assert deduction(ledger, emitter, 2026) is None


# -- deductions enforced by the allocation itself (art. 44) -----------------------------------------


def test_art44_the_next_allocation_withholds_what_is_owed_and_the_province_keeps_it(ledger, guangdong):
    emitter, other = listed_emitter(ledger), listed_emitter(ledger)
    advance_to(ledger, REPORTS_DUE)
    ledger.expect(estimate(guangdong, emitter.participant_id, 565), pb.CODE_OK)
    advance_to(ledger, SURRENDER_DUE)
    ledger.expect(close(guangdong, emitter.participant_id), pb.CODE_OK)
    ledger.fund_province("44", 2026, 2_000)
    province_account = identity.province_account_id("44")

    (first,) = ledger.run(guangdong.allocate([(emitter.participant_id, 2026, 300), (other.participant_id, 2026, 300)]))
    assert [e.WhichOneof("event") for e in first.events] == ["allocation_withheld", "allocated"]
    assert first.events[0].allocation_withheld == pb.AllocationWithheld(emitter_id=emitter.participant_id, vintage=2026, withheld_tonnes=300,
                                                                        still_owed_tonnes=265)
    assert first.events[1].allocated.total == 300  # what was credited: the other emitter's 300
    (second,) = ledger.run(guangdong.allocate([(emitter.participant_id, 2026, 400)]))
    assert second.events[0].allocation_withheld.withheld_tonnes == 265 and second.events[0].allocation_withheld.still_owed_tonnes == 0
    assert second.events[1].allocated.total == 135
    (third,) = ledger.run(guangdong.allocate([(emitter.participant_id, 2026, 100)]))
    assert [e.WhichOneof("event") for e in third.events] == ["allocated"]

    assert ledger.balance(holding(emitter.participant_id), cea(2026)) == 235
    assert ledger.balance(holding(other.participant_id), cea(2026)) == 300
    assert ledger.balance(province_account, cea(2026)) == 2_000 - 235 - 300  # the 565 withheld never left it
    assert deduction(ledger, emitter, 2026).withheld_tonnes == 565
    assert ledger.read(lambda state: state.allocated(emitter.participant_id, 2026)) == 235  # withheld units were never the emitter's
    ledger.expect(guangdong.adjust_allocation(emitter.participant_id, 2026, -236, pb.ADJUSTMENT_REASON_CORRECTION), pb.CODE_INSUFFICIENT_BALANCE)


# -- fines (arts. 43-44) ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind, low, high", [(pb.FINE_KIND_REPORTING, 1_000_000, 3_000_000), (pb.FINE_KIND_NON_SURRENDER, 2_000_000, 3_000_000)])
def test_art43_44_fines_inside_the_draft_range_are_recorded_and_fines_outside_are_refused_with_fine_out_of_range(ledger, guangdong, kind, low, high):
    emitter = ledger.register_emitter("44")
    for amount in (low - 1, high + 1, 0, -low):
        result = ledger.expect(fine(guangdong, emitter.participant_id, kind, amount), pb.CODE_FINE_OUT_OF_RANGE)
        assert f"want {low}..{high}" in result.detail
    assert ledger.read(lambda state: list(t.FINES.scan(state, emitter.participant_id, limit=10))) == []
    (at_low,) = ledger.run(fine(guangdong, emitter.participant_id, kind, low))
    ledger.expect(fine(guangdong, emitter.participant_id, kind, high), pb.CODE_OK)
    assert at_low.events[0].fine_imposed == pb.FineImposed(fine_id=at_low.tx_id, emitter_id=emitter.participant_id, kind=kind, amount_fen=low)
    kept = ledger.read(lambda state: t.FINES.get(state, emitter.participant_id, at_low.tx_id))
    assert (kept.province, kept.fine.decision_reference, kept.fine.amount_fen) == ("44", "GD-ENV-PEN-2026-7", low)


@pytest.mark.parametrize("case, code", [("no reference", pb.CODE_MISSING_FIELD), ("no kind", pb.CODE_MISSING_FIELD),
                                        ("other province", pb.CODE_OUTSIDE_JURISDICTION), ("emitter signs", pb.CODE_ROLE_NOT_AUTHORIZED)])
def test_art43_a_fine_needs_its_kind_a_decision_reference_and_the_emitters_province(ledger, guangdong, case, code):
    emitter = ledger.register_emitter("44")
    tx = {
        "no reference": fine(guangdong, emitter.participant_id, pb.FINE_KIND_REPORTING, 1_000_000, reference=""),
        "no kind": fine(guangdong, emitter.participant_id, pb.FINE_KIND_UNSPECIFIED, 1_000_000),
        "other province": fine(ledger.builder(HB), emitter.participant_id, pb.FINE_KIND_REPORTING, 1_000_000),
        "emitter signs": fine(emitter, emitter.participant_id, pb.FINE_KIND_REPORTING, 1_000_000),
    }[case]
    ledger.expect(tx, code)


def test_art43_fines_are_judged_under_the_rulebook_in_force_at_the_block_the_2024_regulations_range(ledger, guangdong):
    # Order 775 (in force 1 May 2024 in reality; here a version scheduled ahead): reporting fines of
    # 50,000-500,000 CNY. Its non-surrender fine (5-10 x last month's average price x the shortfall)
    # needs market prices and is not modelled.
    emitter = ledger.register_emitter("44")
    effective_ms = ledger.next_time_ms + 10 * BLOCK_INTERVAL_MS
    order_775 = default_rulebook()
    order_775.reporting_fine_min_fen, order_775.reporting_fine_max_fen = 5_000_000, 50_000_000
    ledger.expect(ledger.builder(MEE).set_rulebook(order_775, effective_ms, note="Order 775, art. 21"), pb.CODE_OK)
    draft_fine, new_fine = 3_000_000, 10_000_000  # 30,000 CNY and 100,000 CNY
    ledger.expect(fine(guangdong, emitter.participant_id, pb.FINE_KIND_REPORTING, new_fine), pb.CODE_FINE_OUT_OF_RANGE)
    ledger.expect(fine(guangdong, emitter.participant_id, pb.FINE_KIND_REPORTING, draft_fine), pb.CODE_OK)
    advance_to(ledger, effective_ms)
    result = ledger.expect(fine(guangdong, emitter.participant_id, pb.FINE_KIND_REPORTING, draft_fine), pb.CODE_FINE_OUT_OF_RANGE)
    assert "want 5000000..50000000" in result.detail
    ledger.expect(fine(guangdong, emitter.participant_id, pb.FINE_KIND_REPORTING, new_fine), pb.CODE_OK)
    ledger.expect(fine(guangdong, emitter.participant_id, pb.FINE_KIND_NON_SURRENDER, 2_500_000), pb.CODE_OK)  # unchanged range


# -- the status rule -------------------------------------------------------------------------------


@pytest.mark.parametrize("basis, obligation, surrendered, closed, expected", [
    (pb.OBLIGATION_BASIS_NONE, 0, 0, False, (pb.COMPLIANCE_STATUS_PENDING, 0)),
    (pb.OBLIGATION_BASIS_NONE, 0, 50, True, (pb.COMPLIANCE_STATUS_C, 0)),  # no figure by the deadline: C, whatever was surrendered
    (pb.OBLIGATION_BASIS_VERIFIED, 100, 99, False, (pb.COMPLIANCE_STATUS_PENDING, 0)),
    (pb.OBLIGATION_BASIS_VERIFIED, 100, 100, False, (pb.COMPLIANCE_STATUS_A, 0)),
    (pb.OBLIGATION_BASIS_ESTIMATED, 100, 101, True, (pb.COMPLIANCE_STATUS_A, 0)),
    (pb.OBLIGATION_BASIS_ESTIMATED, 100, 99, True, (pb.COMPLIANCE_STATUS_B, 1)),
    (pb.OBLIGATION_BASIS_VERIFIED, 0, 0, True, (pb.COMPLIANCE_STATUS_A, 0)),  # verified at zero: nothing owed
])
def test_art30_a_status_is_what_the_figures_imply(basis, obligation, surrendered, closed, expected):
    figures = pb.ComplianceRecord(obligation_basis=basis, obligation_tonnes=obligation, surrendered_allowances=surrendered, closed=closed)
    assert compliance.implied_status(figures) == expected
