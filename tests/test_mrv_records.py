"""The MRV records (issue 8), rule by rule, on the in-process chain of tests/test_state_machine.py:
verification bodies as participants (arts. 27-28), the key-emitter list (arts. 5, 42; Order 19,
art. 11), monitoring plans (arts. 24-25), emission reports (arts. 26, 50) and allocation methods
with pre-allocation then true-up (arts. 7, 10, 11).

Block times are chosen: the dev genesis is 1 January 2026, 08:00 China time, so 2025 has ended
and its reports are due by the end of 31 March 2026 (`calendar.deadline_ms`). Verification and
compliance records, which other kinds write, are laid over the committed state for the delisting
rules (`_Overlay`, as tests/test_state_machine.py does for verified emissions).
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea
from cets.ledger import calendar, identity, versions
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from cets.ledger.machine import execute_block
from cets.ledger.txs.mrv.listing import is_listed
from cets.ledger.txs.mrv.reports import tonnes_co2e
from tests.test_state_machine import BLOCK_INTERVAL_MS, CHAIN_ID, MEE, REG, RESIDENT_ID, Ledger, _Overlay, code_name, holding, make_key, uscc

YEAR = 2025  # ended at the dev genesis
DOCUMENT = hashlib.sha256(b"a document kept off the ledger").digest()
THRESHOLD = 26_000  # art. 5, the genesis rulebook
GD, HB = identity.province_id("44"), identity.province_id("42")


# -- transactions -----------------------------------------------------------------------------------


def declare(emitter: TxBuilder, year: int = YEAR, total: int = 30_000, direct: int | None = None, sector: str = "power", **options) -> pb.SignedTx:
    payload = pb.DeclareEmissions(year=year, total_tonnes=total, direct_tonnes=total if direct is None else direct, sector=sector)
    return emitter.tx("declare_emissions", payload, **options)


def list_emitter(province: TxBuilder, emitter_id: str, year: int = YEAR, basis: int = pb.LISTING_BASIS_DECLARED, estimated: int = 0,
                 note: str = "", **options) -> pb.SignedTx:
    payload = pb.ListEmitter(emitter_id=emitter_id, year=year, basis=basis, estimated_tonnes=estimated, note=note)
    return province.tx("list_emitter", payload, **options)


def delist(province: TxBuilder, emitter_id: str, from_year: int, reason: int = pb.DELISTING_REASON_CLOSURE, note: str = "closed", **options) -> pb.SignedTx:
    return province.tx("delist_emitter", pb.DelistEmitter(emitter_id=emitter_id, from_year=from_year, reason=reason, note=note), **options)


def plan(emitter: TxBuilder, document: bytes = DOCUMENT, method: int = pb.MONITORING_METHOD_CALCULATION, major_change: bool = False,
         **options) -> pb.SignedTx:
    payload = pb.SubmitMonitoringPlan(document_sha256=document, method=method, measures_fuel_ncv=True, major_change=major_change, summary="boilers 1-3")
    return emitter.tx("submit_monitoring_plan", payload, **options)


def file_plan(province: TxBuilder, emitter_id: str, version: int, **options) -> pb.SignedTx:
    return province.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=emitter_id, version=version, note="filed"), **options)


def gases(*lines: tuple[int, int]) -> list[pb.GasQuantity]:
    return [pb.GasQuantity(gas=gas, kilograms=kilograms) for gas, kilograms in lines]


CO2_ONLY = ((pb.GAS_CO2, 30_000_000),)  # 30,000 t


def report(emitter: TxBuilder, year: int = YEAR, lines=CO2_ONLY, total: int | None = None, amends: int = 0, document: bytes = DOCUMENT,
           **options) -> pb.SignedTx:
    quantities = gases(*lines)
    total = tonnes_co2e(quantities, default_rulebook()) if total is None else total
    payload = pb.SubmitEmissionReport(year=year, gases=quantities, total_tonnes=total, document_sha256=document, amends_version=amends)
    return emitter.tx("submit_emission_report", payload, **options)


def publish(ministry: TxBuilder, version: str, share_bps: int = 0, title: str = "Power sector benchmarks", document: bytes = DOCUMENT,
            **options) -> pb.SignedTx:
    payload = pb.PublishAllocationMethod(version=version, document_sha256=document, title=title, pre_allocation_share_bps=share_bps)
    return ministry.tx("publish_allocation_method", payload, **options)


# -- set-ups ----------------------------------------------------------------------------------------


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


def advance_to(ledger: Ledger, time_ms: int) -> None:
    """Commit an empty block so that the next block (and the builders' created time) is at `time_ms`."""
    ledger.commit([], time_ms=time_ms - BLOCK_INTERVAL_MS)
    assert ledger.next_time_ms == time_ms


def listed_emitter(ledger: Ledger, province: str = "44", year: int = YEAR) -> TxBuilder:
    """A key emitter that declared `year` above the threshold and that its province listed."""
    emitter = ledger.register_emitter(province)
    ledger.expect(declare(emitter, year), pb.CODE_OK)
    ledger.expect(list_emitter(ledger.builder(identity.province_id(province)), emitter.participant_id, year), pb.CODE_OK)
    return emitter


def listing_of(ledger: Ledger, emitter_id: str, year: int) -> pb.EmitterListing | None:
    return ledger.read(lambda state: is_listed(state, emitter_id, year))


def stored(ledger: Ledger, table: t.Table, *parts):
    return ledger.read(lambda state: table.get(state, *parts))


def event(result: pb.TxResult, name: str):
    (only,) = [e for e in result.events if e.WhichOneof("event") == name]
    return getattr(only, name)


# -- versions: never edited, numbered from 1 with no gap --------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 100])
def test_the_latest_version_is_found_for_any_number_of_versions(count):
    def plans(emitter_id: str, how_many: int) -> dict[bytes, bytes]:
        return {t.PLANS.key(emitter_id, version): pb.MonitoringPlan(emitter_id=emitter_id, version=version).SerializeToString()
                for version in range(1, how_many + 1)}

    state = _Overlay(None, plans("E", count) | plans("F", 200) | plans("D", 3))  # neighbours' versions do not count
    found = versions.latest(t.PLANS, state, "E")
    assert (found.version, found.emitter_id) == (count, "E") if count else found is None


# -- verification bodies as participants (arts. 27-28, 36) ------------------------------------------


def test_art28_the_ministry_registers_a_verification_body_which_holds_no_account(ledger):
    body = uscc("11", 501)
    result = ledger.expect(ledger.builder(MEE).register_participant(body, pb.ROLE_VERIFIER, "Verifier", [make_key(body).spec()]), pb.CODE_OK)
    participant = ledger.read(lambda state: state.participant(body))
    assert participant.role == pb.ROLE_VERIFIER and participant.account_id == ""
    assert event(result, "participant_registered").account_id == ""
    assert ledger.read(lambda state: state.account(identity.trading_account_id(body))) is None
    assert code_name(ledger.run(ledger.builder(body).add_key(body, make_key(body, generation=1).signer.public_key))[0]) == "CODE_OK"  # it signs


def test_art28_a_province_registers_verification_bodies_of_its_own_province_only(ledger):
    guangdong = ledger.builder(GD)
    own, other, unplaced = uscc("44", 502), uscc("42", 503), uscc("44", 504)
    ledger.expect(guangdong.register_participant(own, pb.ROLE_VERIFIER, "GD verifier", [make_key(own).spec()], province="44"), pb.CODE_OK)
    ledger.expect(guangdong.register_participant(other, pb.ROLE_VERIFIER, "HB verifier", [make_key(other).spec()], province="42"),
                  pb.CODE_OUTSIDE_JURISDICTION)
    ledger.expect(guangdong.register_participant(unplaced, pb.ROLE_VERIFIER, "No province", [make_key(unplaced).spec()]), pb.CODE_MISSING_FIELD)
    assert ledger.read(lambda state: (state.participant(own).province, state.participant(other), state.participant(unplaced))) == ("44", None, None)


def test_art28_the_registry_may_not_register_a_verification_body(ledger):
    body = uscc("11", 505)
    ledger.expect(ledger.builder(REG).register_participant(body, pb.ROLE_VERIFIER, "Verifier", [make_key(body).spec()]), pb.CODE_ROLE_NOT_AUTHORIZED)


def test_art28_a_verification_body_is_identified_by_a_unified_social_credit_code(ledger):
    tx = ledger.builder(MEE).register_participant(RESIDENT_ID, pb.ROLE_VERIFIER, "A person", [make_key(RESIDENT_ID).spec()])
    assert "unified social credit code" in ledger.expect(tx, pb.CODE_INVALID_FIELD).detail


# -- declarations (art. 5) --------------------------------------------------------------------------


def test_art5_an_entity_declares_a_year_that_has_ended(ledger):
    emitter = ledger.register_emitter("44")
    result = ledger.expect(declare(emitter, total=40_000, direct=31_000, sector="cement"), pb.CODE_OK)
    record = stored(ledger, t.DECLARATIONS, emitter.participant_id, YEAR)
    assert (record.declaration.total_tonnes, record.declaration.direct_tonnes, record.declaration.sector) == (40_000, 31_000, "cement")
    assert record.tx_id == result.tx_id
    assert event(result, "emissions_declared") == pb.EmissionsDeclared(emitter_id=emitter.participant_id, year=YEAR, total_tonnes=40_000,
                                                                       direct_tonnes=31_000)


def test_art5_a_declaration_for_a_year_not_ended_is_refused_with_year_not_ended(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, 2026), pb.CODE_YEAR_NOT_ENDED)
    advance_to(ledger, calendar.year_start_ms(2027))  # 00:00 China time on 1 January 2027: 2026 has ended
    ledger.expect(declare(emitter, 2026), pb.CODE_OK)


def test_art5_a_second_declaration_for_a_year_is_refused_with_report_exists(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, total=30_000), pb.CODE_OK)
    ledger.expect(declare(emitter, total=20_000), pb.CODE_REPORT_EXISTS)
    assert stored(ledger, t.DECLARATIONS, emitter.participant_id, YEAR).declaration.total_tonnes == 30_000


@pytest.mark.parametrize("options, code", [
    ({"year": 0}, pb.CODE_MISSING_FIELD),
    ({"year": 1990}, pb.CODE_UNKNOWN_VINTAGE),
    ({"total": 0}, pb.CODE_AMOUNT_NOT_POSITIVE),
    ({"total": -5}, pb.CODE_AMOUNT_NOT_POSITIVE),
    ({"total": 10, "direct": -1}, pb.CODE_AMOUNT_NOT_POSITIVE),
    ({"total": 10, "direct": 11}, pb.CODE_AMOUNT_TOO_LARGE),  # direct emissions are part of the total
    ({"sector": ""}, pb.CODE_MISSING_FIELD),
    ({"sector": "Power Plants"}, pb.CODE_INVALID_FIELD),
], ids=["no-year", "year-outside-the-rulebook", "zero-total", "negative-total", "negative-direct", "direct-over-total", "no-sector", "bad-sector"])
def test_art5_a_declaration_with_a_bad_figure_is_refused_and_stores_nothing(ledger, options, code):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, **options), code)
    assert stored(ledger, t.DECLARATIONS, emitter.participant_id, options.get("year") or YEAR) is None


def test_art5_only_a_key_emitter_declares_its_emissions(ledger):
    trader = ledger.register_trader()
    ledger.expect(declare(trader), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- the key-emitter list (arts. 5, 42) -------------------------------------------------------------


def test_art5_a_province_lists_an_emitter_on_a_declaration_at_the_threshold(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, total=THRESHOLD, sector="steel"), pb.CODE_OK)
    result = ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id, note="GD-2026-01"), pb.CODE_OK)
    listing = listing_of(ledger, emitter.participant_id, YEAR)
    assert (listing.province, listing.sector, listing.from_year, listing.until_year) == ("44", "steel", YEAR, 0)
    assert (listing.basis, listing.qualifying_tonnes, listing.listed_tx_id) == (pb.LISTING_BASIS_DECLARED, THRESHOLD, result.tx_id)
    assert event(result, "emitter_listed") == pb.EmitterListed(emitter_id=emitter.participant_id, from_year=YEAR, basis=pb.LISTING_BASIS_DECLARED)
    assert stored(ledger, t.LISTINGS_BY_PROVINCE, "44", emitter.participant_id, YEAR) == b""
    assert listing_of(ledger, emitter.participant_id, 2030) == listing  # open: every later year
    assert listing_of(ledger, emitter.participant_id, YEAR - 1) is None


def test_art5_a_declaration_under_the_threshold_is_refused_with_below_threshold(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, total=THRESHOLD - 1), pb.CODE_OK)
    ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id), pb.CODE_BELOW_THRESHOLD)
    assert listing_of(ledger, emitter.participant_id, YEAR) is None


def test_art5_the_threshold_counts_direct_emissions_once_the_rulebook_says_so(ledger):
    direct_only, total_only = ledger.register_emitter("44"), ledger.register_emitter("44")
    ledger.expect(declare(direct_only, total=40_000, direct=27_000), pb.CODE_OK)
    ledger.expect(declare(total_only, total=40_000, direct=20_000), pb.CODE_OK)  # most of it purchased electricity
    rulebook = ledger.read(lambda state: state.rulebook())
    rulebook.threshold_basis = pb.THRESHOLD_BASIS_DIRECT  # the 2023-24 cycle's rule
    ledger.expect(ledger.builder(MEE).set_rulebook(rulebook, ledger.next_time_ms + 1), pb.CODE_OK)
    guangdong = ledger.builder(GD)
    ledger.expect(list_emitter(guangdong, direct_only.participant_id), pb.CODE_OK)
    assert "(direct)" in ledger.expect(list_emitter(guangdong, total_only.participant_id), pb.CODE_BELOW_THRESHOLD).detail
    assert listing_of(ledger, direct_only.participant_id, YEAR).qualifying_tonnes == 27_000


def test_art5_a_declared_listing_without_a_declaration_is_refused_with_declaration_missing(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter, YEAR - 1), pb.CODE_OK)  # another year's declaration does not count
    ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id), pb.CODE_DECLARATION_MISSING)


def test_art5_a_declared_listing_carries_no_estimate(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(declare(emitter), pb.CODE_OK)
    ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id, estimated=50_000), pb.CODE_INVALID_FIELD)


def test_art42_a_province_lists_an_undeclared_emitter_by_force_on_its_estimate(ledger):
    emitter = ledger.register_emitter("44")
    guangdong = ledger.builder(GD)
    ledger.expect(list_emitter(guangdong, emitter.participant_id, basis=pb.LISTING_BASIS_FORCED), pb.CODE_AMOUNT_NOT_POSITIVE)
    ledger.expect(list_emitter(guangdong, emitter.participant_id, basis=pb.LISTING_BASIS_FORCED, estimated=THRESHOLD - 1), pb.CODE_BELOW_THRESHOLD)
    result = ledger.expect(list_emitter(guangdong, emitter.participant_id, 2026, pb.LISTING_BASIS_FORCED, estimated=80_000, note="art. 42"), pb.CODE_OK)
    listing = listing_of(ledger, emitter.participant_id, 2026)
    assert (listing.basis, listing.qualifying_tonnes, listing.sector) == (pb.LISTING_BASIS_FORCED, 80_000, "power")  # the registered sector
    assert event(result, "emitter_listed").basis == pb.LISTING_BASIS_FORCED


@pytest.mark.parametrize("basis", [pb.LISTING_BASIS_UNSPECIFIED, 7], ids=["unspecified", "unknown"])
def test_art5_a_listing_names_a_known_basis(ledger, basis):
    emitter = ledger.register_emitter("44")
    ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id, basis=basis),
                  pb.CODE_MISSING_FIELD if basis == 0 else pb.CODE_INVALID_FIELD)


def test_art4_a_province_lists_only_its_own_emitters(ledger):
    hubei_emitter = ledger.register_emitter("42")
    ledger.expect(declare(hubei_emitter), pb.CODE_OK)
    ledger.expect(list_emitter(ledger.builder(GD), hubei_emitter.participant_id), pb.CODE_OUTSIDE_JURISDICTION)
    ledger.expect(list_emitter(ledger.builder(MEE), hubei_emitter.participant_id), pb.CODE_ROLE_NOT_AUTHORIZED)  # its province only
    assert listing_of(ledger, hubei_emitter.participant_id, YEAR) is None
    ledger.expect(list_emitter(ledger.builder(HB), hubei_emitter.participant_id), pb.CODE_OK)


def test_art5_a_listed_emitter_is_refused_a_second_listing_with_already_listed(ledger):
    emitter = listed_emitter(ledger)
    guangdong = ledger.builder(GD)
    ledger.expect(list_emitter(guangdong, emitter.participant_id), pb.CODE_ALREADY_LISTED)
    ledger.expect(list_emitter(guangdong, emitter.participant_id, 2027, pb.LISTING_BASIS_FORCED, estimated=50_000), pb.CODE_ALREADY_LISTED)


def test_art5_listings_never_overlap_and_is_listed_covers_each_from_its_first_year_to_its_delisting(ledger):
    emitter = listed_emitter(ledger)
    guangdong = ledger.builder(GD)
    ledger.expect(delist(guangdong, emitter.participant_id, 2027), pb.CODE_OK)
    assert [bool(listing_of(ledger, emitter.participant_id, year)) for year in (2024, 2025, 2026, 2027)] == [False, True, True, False]
    ledger.expect(list_emitter(guangdong, emitter.participant_id, 2026, pb.LISTING_BASIS_FORCED, estimated=50_000), pb.CODE_ALREADY_LISTED)
    ledger.expect(list_emitter(guangdong, emitter.participant_id, 2024, pb.LISTING_BASIS_FORCED, estimated=50_000), pb.CODE_ALREADY_LISTED)
    ledger.expect(list_emitter(guangdong, emitter.participant_id, 2029, pb.LISTING_BASIS_FORCED, estimated=50_000), pb.CODE_OK)
    assert [bool(listing_of(ledger, emitter.participant_id, year)) for year in (2027, 2028, 2029, 2040)] == [False, False, True, True]
    assert listing_of(ledger, emitter.participant_id, 2029).from_year == 2029


# -- delisting (Order 19, art. 11) ------------------------------------------------------------------


def test_order19_art11_closure_delists_from_a_year_and_needs_a_note(ledger):
    emitter = listed_emitter(ledger)
    guangdong = ledger.builder(GD)
    ledger.expect(delist(guangdong, emitter.participant_id, 2026, note=""), pb.CODE_MISSING_FIELD)
    result = ledger.expect(delist(guangdong, emitter.participant_id, 2026, note="business licence revoked"), pb.CODE_OK)
    listing = stored(ledger, t.LISTINGS, emitter.participant_id, YEAR)
    assert (listing.until_year, listing.delisting_reason, listing.delisted_tx_id) == (2026, pb.DELISTING_REASON_CLOSURE, result.tx_id)
    assert event(result, "emitter_delisted") == pb.EmitterDelisted(emitter_id=emitter.participant_id, from_year=2026,
                                                                   reason=pb.DELISTING_REASON_CLOSURE)


def test_order19_art11_delisting_without_an_open_listing_is_refused_with_not_listed(ledger):
    never, once = ledger.register_emitter("44"), listed_emitter(ledger)
    guangdong = ledger.builder(GD)
    ledger.expect(delist(guangdong, never.participant_id, 2026), pb.CODE_NOT_LISTED)
    ledger.expect(delist(guangdong, once.participant_id, YEAR - 1), pb.CODE_NOT_LISTED)  # before its listing
    ledger.expect(delist(guangdong, once.participant_id, 2027), pb.CODE_OK)
    ledger.expect(delist(guangdong, once.participant_id, 2026), pb.CODE_NOT_LISTED)  # delisted already: never edited


def test_art4_a_province_delists_only_its_own_emitters(ledger):
    emitter = listed_emitter(ledger, "42")
    ledger.expect(delist(ledger.builder(GD), emitter.participant_id, 2026), pb.CODE_OUTSIDE_JURISDICTION)
    assert listing_of(ledger, emitter.participant_id, 2030) is not None


def verification(emitter_id: str, year: int, version: int, tonnes: int) -> dict[bytes, bytes]:
    record = pb.Verification(emitter_id=emitter_id, year=year, version=version, verified_tonnes=tonnes, verified_by=uscc("11", 900))
    return {t.VERIFICATIONS.key(emitter_id, year, version): record.SerializeToString()}


def over(ledger: Ledger, extra: dict[bytes, bytes], tx: pb.SignedTx) -> pb.TxResult:
    """Run `tx` in a block over the committed state with `extra` records laid over it (not committed)."""
    with ledger.store.reader() as reader:
        execution = execute_block(_Overlay(reader, extra), CHAIN_ID, ledger.tip.height + 1, ledger.next_time_ms, [tx.SerializeToString()],
                                  prev_hash=ledger.tip.hash)
    (result,) = execution.results
    return result


def below_threshold(ledger: Ledger, emitter: TxBuilder, from_year: int) -> pb.SignedTx:
    return delist(ledger.builder(GD), emitter.participant_id, from_year, pb.DELISTING_REASON_BELOW_THRESHOLD, note="")


def test_order19_art11_two_consecutive_years_verified_under_the_threshold_delist(ledger):
    emitter = listed_emitter(ledger, year=2024)
    e = emitter.participant_id
    two_years_under = verification(e, 2024, 1, THRESHOLD - 1) | verification(e, 2025, 1, 20_000)
    result = over(ledger, two_years_under, below_threshold(ledger, emitter, 2026))
    assert code_name(result) == "CODE_OK", result.detail
    assert event(result, "emitter_delisted").reason == pb.DELISTING_REASON_BELOW_THRESHOLD


@pytest.mark.parametrize("records, year_named", [
    (lambda e: verification(e, 2025, 1, 20_000), 2024),  # one year only
    (lambda e: verification(e, 2024, 1, 20_000), 2025),
    (lambda e: verification(e, 2024, 1, THRESHOLD) | verification(e, 2025, 1, 20_000), 2024),  # at the threshold is not under it
    # the latest version counts: an appeal raised 2025 above the threshold
    (lambda e: verification(e, 2024, 1, 20_000) | verification(e, 2025, 1, 20_000) | verification(e, 2025, 2, 30_000), 2025),
], ids=["2024-unverified", "2025-unverified", "2024-at-the-threshold", "2025-raised-by-a-later-version"])
def test_order19_art11_delisting_below_threshold_without_two_years_verified_under_it_is_refused(ledger, records, year_named):
    emitter = listed_emitter(ledger, year=2024)
    result = over(ledger, records(emitter.participant_id), below_threshold(ledger, emitter, 2026))
    assert code_name(result) == "CODE_DELISTING_NOT_JUSTIFIED", result.detail
    assert f"{year_named} " in result.detail


def test_order19_art11_a_later_version_under_the_threshold_justifies_the_delisting(ledger):
    emitter = listed_emitter(ledger, year=2024)
    e = emitter.participant_id
    records = verification(e, 2024, 1, 20_000) | verification(e, 2025, 1, 30_000) | verification(e, 2025, 2, 25_000) | verification(e, 2025, 3, 24_000)
    assert code_name(over(ledger, records, below_threshold(ledger, emitter, 2026))) == "CODE_OK"


def test_a_delisting_never_reaches_back_into_a_closed_compliance_year(ledger):
    emitter = listed_emitter(ledger)
    closed = pb.ComplianceRecord(emitter_id=emitter.participant_id, year=YEAR, province="44", closed=True)
    records = {t.COMPLIANCE.key(emitter.participant_id, YEAR): closed.SerializeToString()}
    assert code_name(over(ledger, records, delist(ledger.builder(GD), emitter.participant_id, YEAR))) == "CODE_COMPLIANCE_CLOSED"
    assert code_name(over(ledger, records, delist(ledger.builder(GD), emitter.participant_id, YEAR + 1))) == "CODE_OK"


# -- monitoring plans (arts. 24-25) -----------------------------------------------------------------


def plan_statuses(ledger: Ledger, emitter_id: str) -> list[int]:
    return ledger.read(lambda state: [p.status for _, _, p in t.PLANS.scan(state, emitter_id, limit=100)])


def test_art24_each_plan_submission_is_a_new_version_that_supersedes_the_last(ledger):
    emitter = ledger.register_emitter("44")  # registered, not yet listed: a plan comes first
    first = ledger.expect(plan(emitter), pb.CODE_OK)
    assert event(first, "monitoring_plan_recorded") == pb.MonitoringPlanRecorded(emitter_id=emitter.participant_id, version=1,
                                                                                 status=pb.PLAN_STATUS_SUBMITTED)
    ledger.expect(plan(emitter, document=hashlib.sha256(b"v2").digest()), pb.CODE_OK)
    ledger.expect(plan(emitter, document=hashlib.sha256(b"v3").digest()), pb.CODE_OK)
    assert plan_statuses(ledger, emitter.participant_id) == [pb.PLAN_STATUS_SUPERSEDED, pb.PLAN_STATUS_SUPERSEDED, pb.PLAN_STATUS_SUBMITTED]
    version_one = stored(ledger, t.PLANS, emitter.participant_id, 1)
    assert (version_one.plan.document_sha256, version_one.tx_id) == (DOCUMENT, first.tx_id)  # history kept as submitted


def test_art24_a_province_files_the_latest_version_only(ledger):
    emitter = ledger.register_emitter("44")
    guangdong = ledger.builder(GD)
    ledger.expect(file_plan(guangdong, emitter.participant_id, 1), pb.CODE_PLAN_MISSING)
    ledger.expect(plan(emitter), pb.CODE_OK)
    ledger.expect(plan(emitter, method=pb.MONITORING_METHOD_MEASUREMENT), pb.CODE_OK)
    ledger.expect(file_plan(guangdong, emitter.participant_id, 1), pb.CODE_NOT_LATEST_VERSION)
    ledger.expect(file_plan(guangdong, emitter.participant_id, 3), pb.CODE_NOT_LATEST_VERSION)
    result = ledger.expect(file_plan(guangdong, emitter.participant_id, 2), pb.CODE_OK)
    assert stored(ledger, t.PLANS, emitter.participant_id, 2).filed_tx_id == result.tx_id
    assert event(result, "monitoring_plan_recorded").status == pb.PLAN_STATUS_FILED
    ledger.expect(file_plan(guangdong, emitter.participant_id, 2), pb.CODE_PLAN_MISSING)  # filed already: nothing waits
    assert plan_statuses(ledger, emitter.participant_id) == [pb.PLAN_STATUS_SUPERSEDED, pb.PLAN_STATUS_FILED]


def test_art25_a_major_change_is_a_new_version_reported_to_the_province(ledger):
    emitter = ledger.register_emitter("44")
    guangdong = ledger.builder(GD)
    ledger.expect(plan(emitter), pb.CODE_OK)
    ledger.expect(file_plan(guangdong, emitter.participant_id, 1), pb.CODE_OK)
    change = ledger.expect(plan(emitter, method=pb.MONITORING_METHOD_MEASUREMENT, major_change=True), pb.CODE_OK)
    assert event(change, "monitoring_plan_recorded").major_change
    assert plan_statuses(ledger, emitter.participant_id) == [pb.PLAN_STATUS_SUPERSEDED, pb.PLAN_STATUS_SUBMITTED]
    assert stored(ledger, t.PLANS, emitter.participant_id, 1).filed_tx_id  # the filing of the old version stays on record
    assert event(ledger.expect(file_plan(guangdong, emitter.participant_id, 2), pb.CODE_OK), "monitoring_plan_recorded").major_change


@pytest.mark.parametrize("options, code", [
    ({"document": b""}, pb.CODE_MISSING_FIELD),
    ({"document": b"\x01" * 31}, pb.CODE_INVALID_FIELD),
    ({"method": pb.MONITORING_METHOD_UNSPECIFIED}, pb.CODE_MISSING_FIELD),
    ({"method": 9}, pb.CODE_INVALID_FIELD),
], ids=["no-document", "short-document", "no-method", "unknown-method"])
def test_art24_a_plan_with_a_bad_field_is_refused_and_stores_nothing(ledger, options, code):
    emitter = ledger.register_emitter("44")
    ledger.expect(plan(emitter, **options), code)
    assert plan_statuses(ledger, emitter.participant_id) == []


def test_art4_a_province_files_only_its_own_emitters_plans(ledger):
    emitter = ledger.register_emitter("42")
    ledger.expect(plan(emitter), pb.CODE_OK)
    ledger.expect(file_plan(ledger.builder(GD), emitter.participant_id, 1), pb.CODE_OUTSIDE_JURISDICTION)
    assert plan_statuses(ledger, emitter.participant_id) == [pb.PLAN_STATUS_SUBMITTED]


# -- emission reports (arts. 26, 50) ----------------------------------------------------------------


@pytest.mark.parametrize("lines, tonnes", [
    (((pb.GAS_CO2, 499),), 0),
    (((pb.GAS_CO2, 500),), 1),  # exactly half: up
    (((pb.GAS_CO2, 1_499),), 1),
    (((pb.GAS_CO2, 1_500),), 2),
    (((pb.GAS_CH4, 18),), 1),  # 504 kg CO2e
    (((pb.GAS_SF6, 1),), 24),  # 23.5 t: up
    (((pb.GAS_CO2, 1_000), (pb.GAS_CH4, 1_000), (pb.GAS_N2O, 10)), 32),  # 1,000 + 28,000 + 2,650 kg = 31.65 t
    (((pb.GAS_CO2, 0),), 0),
])
def test_art50_the_total_is_kilograms_times_potential_over_1000_rounded_half_up(lines, tonnes):
    assert tonnes_co2e(gases(*lines), default_rulebook()) == tonnes


GAS_VALUES = [value for value in pb.Gas.values() if value != pb.GAS_UNSPECIFIED]


@given(st.dictionaries(st.sampled_from(GAS_VALUES), st.integers(0, 10**13), min_size=1))
def test_art50_the_total_equals_decimal_arithmetic_rounded_half_up(quantities):
    potentials = {p.gas: p.gwp for p in default_rulebook().global_warming_potentials}
    exact = sum(Decimal(kilograms) * potentials[gas] for gas, kilograms in quantities.items()) / 1000
    assert tonnes_co2e(gases(*quantities.items()), default_rulebook()) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_art26_a_listed_emitter_reports_an_ended_year_in_time(ledger):
    emitter = listed_emitter(ledger)
    lines = ((pb.GAS_CO2, 29_000_000), (pb.GAS_CH4, 20_000), (pb.GAS_N2O, 0))  # 29,000 + 560 + 0 t
    result = ledger.expect(report(emitter, lines=lines), pb.CODE_OK)
    stored_report = stored(ledger, t.REPORTS, emitter.participant_id, YEAR, 1)
    assert (stored_report.version, stored_report.late, stored_report.superseded, stored_report.report.total_tonnes) == (1, False, False, 29_560)
    assert (stored_report.tx_id, stored_report.submitted_ms) == (result.tx_id, ledger.tip.time_ms)
    assert event(result, "emission_report_submitted") == pb.EmissionReportSubmitted(emitter_id=emitter.participant_id, year=YEAR, version=1,
                                                                                    total_tonnes=29_560, late=False)


def test_art26_a_report_for_a_year_not_ended_is_refused_with_year_not_ended(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(list_emitter(ledger.builder(GD), emitter.participant_id, 2026, pb.LISTING_BASIS_FORCED, estimated=40_000), pb.CODE_OK)
    advance_to(ledger, calendar.year_start_ms(2027) - 1_000)  # 23:59:59 on 31 December 2026, China time
    ledger.expect(report(emitter, 2026), pb.CODE_YEAR_NOT_ENDED)
    assert stored(ledger, t.REPORTS, emitter.participant_id, 2026, 1) is None
    ledger.expect(report(emitter, 2026), pb.CODE_OK)  # the next block is at 00:00:00 on 1 January 2027


def test_art26_a_report_at_or_after_the_deadline_is_accepted_and_marked_late(ledger):
    in_time, late = listed_emitter(ledger), listed_emitter(ledger)
    deadline = calendar.deadline_ms(YEAR, default_rulebook().report_due)  # the end of 31 March 2026, China time
    advance_to(ledger, deadline - 1)
    assert not event(ledger.expect(report(in_time), pb.CODE_OK), "emission_report_submitted").late
    (result,) = ledger.commit([report(late).SerializeToString()], time_ms=deadline).results  # at the deadline
    assert code_name(result) == "CODE_OK", result.detail
    assert event(result, "emission_report_submitted").late
    assert stored(ledger, t.REPORTS, late.participant_id, YEAR, 1).late


def test_art26_a_second_first_report_where_an_amendment_is_meant_is_refused_with_report_exists(ledger):
    emitter = listed_emitter(ledger)
    ledger.expect(report(emitter), pb.CODE_OK)
    detail = ledger.expect(report(emitter, lines=((pb.GAS_CO2, 31_000_000),)), pb.CODE_REPORT_EXISTS).detail
    assert "amendment" in detail
    assert stored(ledger, t.REPORTS, emitter.participant_id, YEAR, 2) is None
    assert not stored(ledger, t.REPORTS, emitter.participant_id, YEAR, 1).superseded


def test_art26_an_amendment_names_the_latest_version_and_supersedes_it(ledger):
    emitter = listed_emitter(ledger)
    ledger.expect(report(emitter, amends=1), pb.CODE_NOT_LATEST_VERSION)  # nothing to amend yet
    ledger.expect(report(emitter), pb.CODE_OK)
    amendment = ledger.expect(report(emitter, lines=((pb.GAS_CO2, 31_000_000),), amends=1), pb.CODE_OK)
    assert event(amendment, "emission_report_submitted").version == 2
    ledger.expect(report(emitter, amends=1), pb.CODE_NOT_LATEST_VERSION)  # version 1 is superseded
    ledger.expect(report(emitter, amends=3), pb.CODE_NOT_LATEST_VERSION)
    ledger.expect(report(emitter, lines=((pb.GAS_CO2, 32_000_000),), amends=2), pb.CODE_OK)
    history = [stored(ledger, t.REPORTS, emitter.participant_id, YEAR, version) for version in (1, 2, 3)]
    assert [(r.superseded, r.report.total_tonnes) for r in history] == [(True, 30_000), (True, 31_000), (False, 32_000)]


def test_art5_an_emitter_not_listed_for_the_year_may_not_report(ledger):
    unlisted, delisted = ledger.register_emitter("44"), listed_emitter(ledger, year=2024)
    ledger.expect(report(unlisted), pb.CODE_NOT_LISTED)
    ledger.expect(delist(ledger.builder(GD), delisted.participant_id, 2025), pb.CODE_OK)
    ledger.expect(report(delisted, 2024), pb.CODE_OK)
    ledger.expect(report(delisted, 2025), pb.CODE_NOT_LISTED)


def test_art50_a_total_that_is_not_the_rulebooks_computation_is_refused_with_total_mismatch(ledger):
    emitter = listed_emitter(ledger)
    lines = ((pb.GAS_CO2, 30_000_000), (pb.GAS_SF6, 1))  # 30,000 + 23.5 t: 30,024
    for total in (30_023, 30_025, 0):
        ledger.expect(report(emitter, lines=lines, total=total), pb.CODE_TOTAL_MISMATCH)
    ledger.expect(report(emitter, lines=lines, total=30_024), pb.CODE_OK)


@pytest.mark.parametrize("lines, code", [
    ((), pb.CODE_MISSING_FIELD),
    (((pb.GAS_CO2, 1), (pb.GAS_CO2, 2)), pb.CODE_INVALID_FIELD),  # each gas at most once
    (((pb.GAS_UNSPECIFIED, 1),), pb.CODE_MISSING_FIELD),
    (((99, 1),), pb.CODE_INVALID_FIELD),
    (((pb.GAS_CO2, -1),), pb.CODE_AMOUNT_NOT_POSITIVE),
    (((pb.GAS_CO2, 10_000_000_000_001_000),), pb.CODE_AMOUNT_TOO_LARGE),  # over the rulebook's amount_max, in kilograms
    (tuple((gas, 1) for gas in GAS_VALUES) + ((pb.GAS_CO2, 1),), pb.CODE_TOO_LARGE),
], ids=["no-gas", "gas-twice", "unspecified-gas", "unknown-gas", "negative-kilograms", "too-many-kilograms", "eight-lines"])
def test_art50_a_report_with_bad_gas_lines_is_refused_and_stores_nothing(ledger, lines, code):
    emitter = listed_emitter(ledger)
    ledger.expect(report(emitter, lines=lines, total=0), code)
    assert stored(ledger, t.REPORTS, emitter.participant_id, YEAR, 1) is None


def test_art26_a_report_names_its_document_by_sha256(ledger):
    emitter = listed_emitter(ledger)
    ledger.expect(report(emitter, document=b""), pb.CODE_MISSING_FIELD)
    ledger.expect(report(emitter, document=b"\x00" * 33), pb.CODE_INVALID_FIELD)


def test_art26_only_the_emitter_signs_its_report(ledger):
    ledger.expect(report(ledger.builder(GD)), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- allocation methods, pre-allocation and true-up (arts. 7, 10, 11) -------------------------------


def test_art7_the_ministry_publishes_a_method_version_once(ledger):
    ministry = ledger.builder(MEE)
    result = ledger.expect(publish(ministry, "2025-power-v1", share_bps=7_000), pb.CODE_OK)
    method = stored(ledger, t.METHODS, "2025-power-v1")
    assert (method.method.pre_allocation_share_bps, method.tx_id, method.height) == (7_000, result.tx_id, ledger.tip.height)
    assert event(result, "allocation_method_published").version == "2025-power-v1"
    ledger.expect(publish(ministry, "2025-power-v1", title="Changed"), pb.CODE_METHOD_EXISTS)
    assert stored(ledger, t.METHODS, "2025-power-v1").method.title == "Power sector benchmarks"
    ledger.expect(publish(ledger.builder(GD), "2025-power-v2"), pb.CODE_ROLE_NOT_AUTHORIZED)


@pytest.mark.parametrize("options, code", [
    ({"version": ""}, pb.CODE_MISSING_FIELD),
    ({"version": "2025 power"}, pb.CODE_INVALID_FIELD),
    ({"version": "2025-v1\x00"}, pb.CODE_INVALID_FIELD),
    ({"version": "v" * 65}, pb.CODE_INVALID_FIELD),
    ({"document": b""}, pb.CODE_MISSING_FIELD),
    ({"title": ""}, pb.CODE_MISSING_FIELD),
    ({"share_bps": 10_001}, pb.CODE_INVALID_FIELD),
], ids=["no-version", "space", "nul", "long-version", "no-document", "no-title", "share-over-100-percent"])
def test_art7_a_method_with_a_bad_field_is_refused(ledger, options, code):
    ledger.expect(publish(ledger.builder(MEE), **{"version": "2025-v9", **options}), code)
    assert ledger.read(lambda state: list(t.METHODS.scan(state, limit=10))) == []


def test_art7_an_allocation_citing_an_unpublished_method_is_refused_with_method_unknown(ledger):
    emitter = ledger.register_emitter("44")
    ledger.fund_province("44", YEAR, 1_000)  # publishes "2025-v1"
    guangdong = ledger.builder(GD)
    ledger.expect(guangdong.allocate([(emitter.participant_id, YEAR, 100)], method_version="2025-v2"), pb.CODE_METHOD_UNKNOWN)
    assert ledger.balance(holding(emitter.participant_id), cea(YEAR)) == 0
    result = ledger.expect(guangdong.allocate([(emitter.participant_id, YEAR, 100)], method_version="2025-v1"), pb.CODE_OK)
    assert event(result, "allocated").method_version == "2025-v1"


def test_art7_art10_pre_allocation_then_true_up_against_verified_emissions(ledger):
    """The supported pattern: a method with a pre-allocation share; the province allocates that
    share of the prior year's verified emissions citing it; once the year is verified, an
    adjustment with reason TRUE_UP settles the difference, up or down."""
    ministry, guangdong = ledger.builder(MEE), ledger.builder(GD)
    ledger.expect(publish(ministry, "2025-power-v1", share_bps=7_000), pb.CODE_OK)
    ledger.fund_province("44", YEAR, 500_000)
    short, long = ledger.register_emitter("44"), ledger.register_emitter("44")
    prior_verified = {short.participant_id: 100_000, long.participant_id: 200_000}  # 2024, verified
    share = stored(ledger, t.METHODS, "2025-power-v1").method.pre_allocation_share_bps
    pre = {emitter_id: tonnes * share // 10_000 for emitter_id, tonnes in prior_verified.items()}
    ledger.expect(guangdong.allocate([(emitter_id, YEAR, tonnes) for emitter_id, tonnes in pre.items()], method_version="2025-power-v1"), pb.CODE_OK)
    assert ledger.read(lambda state: state.allocated(short.participant_id, YEAR)) == 70_000

    final = {short.participant_id: 95_000, long.participant_id: 130_000}  # the method applied to 2025's verified data
    for emitter_id in final:
        delta = final[emitter_id] - pre[emitter_id]
        result = ledger.expect(guangdong.adjust_allocation(emitter_id, YEAR, delta, pb.ADJUSTMENT_REASON_TRUE_UP, "2025 verified"), pb.CODE_OK)
        assert event(result, "allocation_adjusted").reason == pb.ADJUSTMENT_REASON_TRUE_UP
    for emitter_id, tonnes in final.items():
        assert ledger.read(lambda state: state.allocated(emitter_id, YEAR)) == tonnes
        assert ledger.balance(holding(emitter_id), cea(YEAR)) == tonnes
