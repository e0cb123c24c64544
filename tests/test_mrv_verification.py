"""Verification by random draw, verified emissions and appeals (arts. 10, 27-30), rule by rule, on
the in-process chain of tests/test_state_machine.py.

The draw's inputs are fixed by one transaction and its seed is the header hash of the next block,
which the state holds from the block after that: so a draw is requested at height h, and its
outcome recorded at h + 2 or later, where the ledger recomputes it. tests/test_mrv_verification_rpc.py
checks the issue's bad inputs through gRPC and reproduces a draw from what the node publishes.
"""

from __future__ import annotations

import hashlib

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, signed_tx_id
from cets.ledger import calendar, compliance, crypto, draw, identity
from cets.ledger import tables as t
from cets.ledger.txs.mrv import draws
from tests.test_state_machine import BLOCK_INTERVAL_MS, MEE, REG, Ledger, code_name, make_key, uscc

YEAR = 2025  # ended before the dev genesis (1 January 2026)
TONNES = 30_000
DOCUMENT = hashlib.sha256(b"verification report").digest()
DAY_MS = calendar.DAY_MS


# -- set-ups -----------------------------------------------------------------------------------


def applied(ledger: Ledger, *txs: pb.SignedTx) -> list[pb.TxResult]:
    results = list(ledger.commit(tx.SerializeToString() for tx in txs).results)
    assert [code_name(r) for r in results] == ["CODE_OK"] * len(txs), [r.detail for r in results]
    return results


def advance_to(ledger: Ledger, time_ms: int) -> None:
    """Make the next block's time `time_ms` (transactions are signed for the next block's time)."""
    assert time_ms - BLOCK_INTERVAL_MS > ledger.tip.time_ms
    ledger.commit([], time_ms=time_ms - BLOCK_INTERVAL_MS)


def province(ledger: Ledger, code: str = "44") -> TxBuilder:
    return ledger.builder(identity.province_id(code))


def listed_emitter(ledger: Ledger, code: str = "44", year: int = YEAR, tonnes: int = TONNES) -> TxBuilder:
    """A key emitter with a filed monitoring plan, on the list for `year`, that reported `tonnes`."""
    emitter, registrar = ledger.register_emitter(code), province(ledger, code)
    applied(ledger,
            emitter.tx("submit_monitoring_plan", pb.SubmitMonitoringPlan(
                document_sha256=hashlib.sha256(b"plan").digest(), method=pb.MONITORING_METHOD_CALCULATION, summary="plan")),
            registrar.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=emitter.participant_id, version=1)),
            registrar.tx("list_emitter", pb.ListEmitter(emitter_id=emitter.participant_id, year=year, basis=pb.LISTING_BASIS_FORCED,
                                                        estimated_tonnes=tonnes, note="art. 42")),
            emitter.tx("submit_emission_report", report(year, tonnes)))
    return emitter


def report(year: int, tonnes: int, amends: int = 0) -> pb.SubmitEmissionReport:
    return pb.SubmitEmissionReport(year=year, gases=[pb.GasQuantity(gas=pb.GAS_CO2, kilograms=tonnes * 1_000)], total_tonnes=tonnes,
                                   document_sha256=hashlib.sha256(b"report %d" % amends).digest(), amends_version=amends)


_verifiers = iter(range(900_001, 999_999))


def verifier(ledger: Ledger, registrar: str = MEE) -> TxBuilder:
    """A verification body (art. 28), registered by the ministry or a province."""
    body_id = uscc("11", next(_verifiers))
    home = registrar.removeprefix("PROV-") if registrar.startswith("PROV-") else "11"  # a province registers bodies of its own
    applied(ledger, ledger.builder(registrar).register_participant(body_id, pb.ROLE_VERIFIER, "Verification body",
                                                                   [make_key(body_id).spec()], province=home))
    return ledger.builder(body_id)


def ids(builders) -> list[str]:
    return sorted(builder.participant_id for builder in builders)


def draw_request(candidates, bodies, select_count: int | None = None, capacity: int | None = None, year: int = YEAR,
                 conflicts=()) -> pb.RequestVerificationDraw:
    candidates, bodies = list(candidates), list(bodies)
    count = len(candidates) if select_count is None else select_count
    return pb.RequestVerificationDraw(year=year, candidates=candidates, select_count=count, bodies=bodies,
                                      conflicts=[pb.DrawConflict(body_id=b, emitter_id=e) for b, e in conflicts],
                                      capacity_per_body=count if capacity is None else capacity)


def request_tx(requester: TxBuilder, payload: pb.RequestVerificationDraw) -> pb.SignedTx:
    return requester.tx("request_verification_draw", payload)


def record_tx(recorder: TxBuilder, draw_id: bytes, assignments) -> pb.SignedTx:
    pairs = [pb.DrawAssignment(emitter_id=e, body_id=b) for e, b in assignments]
    return recorder.tx("record_verification_draw", pb.RecordVerificationDraw(draw_id=draw_id, assignments=pairs))


def stored_draw(ledger: Ledger, draw_id: bytes) -> pb.VerificationDraw:
    return ledger.read(lambda state: t.DRAWS.get(state, draw_id))


def outcome(ledger: Ledger, draw_id: bytes) -> list[tuple[str, str]]:
    """What the draw gives, computed here from its record and the seed block's hash."""
    record = stored_draw(ledger, draw_id)
    seed = ledger.built[record.seed_height - 1].hash
    return [(a.emitter, a.body) for a in draw.draw(draws.draw_inputs(record, seed)).assignments]


def requested(ledger: Ledger, requester: TxBuilder, payload: pb.RequestVerificationDraw) -> bytes:
    """Request a draw and seal its seed block; returns the draw id."""
    tx = request_tx(requester, payload)
    applied(ledger, tx)
    ledger.commit([])  # the seed block; the next block writes its hash into the state
    return signed_tx_id(tx)


def assigned(ledger: Ledger, emitters, bodies, requester: TxBuilder | None = None, **options) -> dict[str, str]:
    """Run a whole draw of every emitter; returns emitter id -> assigned body id."""
    requester = requester or province(ledger)
    draw_id = requested(ledger, requester, draw_request(ids(emitters), ids(bodies), **options))
    pairs = outcome(ledger, draw_id)
    applied(ledger, record_tx(requester, draw_id, pairs))
    return dict(pairs)


def verification_tx(body: TxBuilder, emitter: TxBuilder, tonnes: int = TONNES, report_version: int = 1, year: int = YEAR) -> pb.SignedTx:
    return body.tx("record_verification", pb.RecordVerification(emitter_id=emitter.participant_id, year=year, report_version=report_version,
                                                                verified_tonnes=tonnes, document_sha256=DOCUMENT))


def appeal_tx(emitter: TxBuilder, subject: int = pb.APPEAL_SUBJECT_VERIFICATION, year: int = YEAR,
              grounds: str = "the fuel's measured carbon content was ignored") -> pb.SignedTx:
    return emitter.tx("file_appeal", pb.FileAppeal(subject=subject, year=year, grounds=grounds))


def decision_tx(decider: TxBuilder, appeal_id: bytes, outcome_: int, tonnes: int = 0, reasons: str = "") -> pb.SignedTx:
    return decider.tx("decide_appeal", pb.DecideAppeal(appeal_id=appeal_id, outcome=outcome_, corrected_tonnes=tonnes, reasons=reasons))


def compliance_of(ledger: Ledger, emitter: TxBuilder, year: int = YEAR) -> pb.ComplianceRecord | None:
    return ledger.read(lambda state: compliance.record(state, emitter.participant_id, year))


def versions(ledger: Ledger, emitter: TxBuilder, year: int = YEAR) -> list[pb.Verification]:
    return ledger.read(lambda state: [v for _, _, v in state.scan_table(t.VERIFICATIONS, emitter.participant_id, year, limit=100)])


def mrv_state(ledger: Ledger) -> dict[bytes, bytes]:
    """Every record of the draw, verification and appeal tables, and what they feed."""
    tables = (t.DRAWS, t.DRAWS_BY_PROVINCE, t.ASSIGNMENTS, t.VERIFICATIONS, t.VERIFIED_EMISSIONS, t.APPEALS, t.APPEALS_BY_EMITTER,
              t.COMPLIANCE, t.COMPLIANCE_BY_PROVINCE)
    return {key: value for key, value in ledger.state_items().items() if any(key.startswith(table.prefix) for table in tables)}


def refused(ledger: Ledger, tx: pb.SignedTx, code: int) -> pb.TxResult:
    """The transaction is refused with `code`, and no MRV record changed."""
    before = mrv_state(ledger)
    result = ledger.expect(tx, code)
    assert mrv_state(ledger) == before
    return result


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def verified(ledger):
    """A Guangdong emitter verified by its assigned body: (emitter, body)."""
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    applied(ledger, verification_tx(body, emitter))
    return emitter, body


# -- registering verification bodies (art. 28) ----------------------------------------------------


def test_art28_the_ministry_and_provinces_register_verification_bodies_which_hold_no_account(ledger):
    for registrar in (MEE, identity.province_id("44")):
        body = verifier(ledger, registrar)
        participant = ledger.read(lambda state: state.participant(body.participant_id))
        assert participant.role == pb.ROLE_VERIFIER and participant.account_id == ""
    body_id = uscc("11", 899_999)
    ledger.expect(ledger.builder(REG).register_participant(body_id, pb.ROLE_VERIFIER, "Body", [make_key(body_id).spec()]),
                  pb.CODE_ROLE_NOT_AUTHORIZED)


# -- requesting a draw (arts. 27-28) ------------------------------------------------------------------


def test_art27_a_draw_request_records_its_inputs_and_takes_the_next_block_as_seed(ledger):
    emitters, bodies = [listed_emitter(ledger) for _ in range(3)], [verifier(ledger) for _ in range(2)]
    payload = draw_request(ids(emitters), ids(bodies), select_count=2, capacity=1)
    tx = request_tx(province(ledger), payload)
    (result,) = applied(ledger, tx)
    record = stored_draw(ledger, signed_tx_id(tx))
    height = ledger.tip.height
    assert (record.province, record.request, record.request_height, record.seed_height) == ("44", payload, height, height + 1)
    assert record.draw_number == 0 and not record.seed and not record.key and not record.assignments
    assert result.events[0].verification_draw_requested == pb.VerificationDrawRequested(
        draw_id=signed_tx_id(tx), province="44", year=YEAR, seed_height=height + 1, draw_number=0)
    assert ledger.read(lambda state: t.DRAWS_BY_PROVINCE.get(state, "44", YEAR, signed_tx_id(tx))) == b""


def test_art27_the_draw_number_counts_the_provinces_earlier_draws_of_the_year(ledger):
    first, second, other_year = listed_emitter(ledger), listed_emitter(ledger), listed_emitter(ledger, year=YEAR - 1)
    body = verifier(ledger)
    assigned(ledger, [first], [body])
    draw_id = requested(ledger, province(ledger), draw_request(ids([second]), ids([body])))
    assert stored_draw(ledger, draw_id).draw_number == 1
    draw_id = requested(ledger, province(ledger), draw_request(ids([other_year]), ids([body]), year=YEAR - 1))
    assert stored_draw(ledger, draw_id).draw_number == 0


def test_art27_a_province_draws_only_among_its_own_emitters(ledger):
    own, hubei_emitter, body = listed_emitter(ledger), listed_emitter(ledger, "42"), verifier(ledger)
    result = refused(ledger, request_tx(province(ledger), draw_request(ids([own, hubei_emitter]), ids([body]), select_count=1)),
                     pb.CODE_OUTSIDE_JURISDICTION)
    assert result.detail.startswith("candidates[0]: in province '42'"), result.detail  # Hubei's code sorts first


def test_art27_candidates_are_key_emitters_listed_for_the_year(ledger):
    body = verifier(ledger)
    unlisted = ledger.register_emitter("44")
    refused(ledger, request_tx(province(ledger), draw_request(ids([unlisted]), ids([body]))), pb.CODE_NOT_LISTED)
    listed_later = ledger.register_emitter("44")  # listed from the next year on: not a candidate for this one
    applied(ledger, province(ledger).tx("list_emitter", pb.ListEmitter(emitter_id=listed_later.participant_id, year=YEAR + 1,
                                                                      basis=pb.LISTING_BASIS_FORCED, estimated_tonnes=TONNES, note="art. 42")))
    refused(ledger, request_tx(province(ledger), draw_request(ids([listed_later]), ids([body]))), pb.CODE_NOT_LISTED)
    refused(ledger, request_tx(province(ledger), draw_request([body.participant_id], ids([body]))), pb.CODE_NOT_KEY_EMITTER)
    refused(ledger, request_tx(province(ledger), draw_request([uscc("44", 777_777)], ids([body]))), pb.CODE_UNKNOWN_PARTICIPANT)


def test_art28_bodies_are_registered_verification_bodies(ledger):
    emitter, other_emitter = listed_emitter(ledger), listed_emitter(ledger)
    result = refused(ledger, request_tx(province(ledger), draw_request(ids([emitter]), ids([other_emitter]))), pb.CODE_INVALID_FIELD)
    assert "ROLE_VERIFIER" in result.detail
    refused(ledger, request_tx(province(ledger), draw_request(ids([emitter]), [uscc("11", 777_777)])), pb.CODE_UNKNOWN_PARTICIPANT)


@pytest.mark.parametrize("change, reason", [
    (lambda p: p.candidates.reverse(), "IDS_NOT_SORTED"),
    (lambda p: p.candidates.append(p.candidates[-1]), "IDS_DUPLICATED"),
    (lambda p: p.bodies.reverse(), "IDS_NOT_SORTED"),
    (lambda p: setattr(p, "select_count", 0), "COUNT_OUT_OF_RANGE"),
    (lambda p: setattr(p, "select_count", 3), "COUNT_OUT_OF_RANGE"),
    (lambda p: setattr(p, "capacity_per_body", 0), "CAPACITY_OUT_OF_RANGE"),
    (lambda p: setattr(p, "capacity_per_body", 0) or setattr(p, "capacity_per_body", 1) or setattr(p, "select_count", 2)
     or p.bodies.pop(), "CAPACITY_TOO_SMALL"),
    (lambda p: p.conflicts.extend(pb.DrawConflict(body_id=b, emitter_id=p.candidates[0]) for b in p.bodies), "NO_ELIGIBLE_BODY"),
    (lambda p: p.candidates.clear(), "CANDIDATES_EMPTY"),
    (lambda p: p.bodies.clear(), "BODIES_EMPTY"),
])
def test_art27_inputs_that_break_a_rule_of_the_draw_are_refused_with_the_draws_reason(ledger, change, reason):
    emitters, bodies = [listed_emitter(ledger) for _ in range(2)], [verifier(ledger) for _ in range(2)]
    payload = draw_request(ids(emitters), ids(bodies), select_count=2, capacity=1)
    change(payload)
    result = refused(ledger, request_tx(province(ledger), payload), pb.CODE_DRAW_INVALID)
    assert result.detail.startswith(f"{reason}: "), result.detail


def test_art27_a_province_has_one_draw_of_a_year_in_progress_at_a_time(ledger):
    first, second, body = listed_emitter(ledger), listed_emitter(ledger), verifier(ledger)
    draw_id = requested(ledger, province(ledger), draw_request(ids([first]), ids([body])))
    result = refused(ledger, request_tx(province(ledger), draw_request(ids([second]), ids([body]))), pb.CODE_DRAW_INVALID)
    assert draw_id.hex() in result.detail
    requested(ledger, province(ledger, "42"), draw_request(ids([listed_emitter(ledger, "42")]), ids([body])))  # another province's own
    applied(ledger, record_tx(province(ledger), draw_id, outcome(ledger, draw_id)))
    requested(ledger, province(ledger), draw_request(ids([second]), ids([body])))


def test_art27_an_emitter_assigned_for_the_year_is_not_drawn_again(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    result = refused(ledger, request_tx(province(ledger), draw_request(ids([emitter]), ids([body]))), pb.CODE_DRAW_INVALID)
    assert "assigned" in result.detail


# -- recording a draw (arts. 27-28) -------------------------------------------------------------------


def test_art27_a_draw_is_recorded_once_the_block_after_its_seed_block_exists(ledger):
    emitters, bodies = [listed_emitter(ledger) for _ in range(4)], [verifier(ledger) for _ in range(2)]
    tx = request_tx(province(ledger), draw_request(ids(emitters), ids(bodies), select_count=3, capacity=2))
    applied(ledger, tx)
    draw_id = signed_tx_id(tx)
    result = refused(ledger, record_tx(province(ledger), draw_id, []), pb.CODE_DRAW_SEED_PENDING)  # in the seed block itself
    assert "seed block" in result.detail
    pairs = outcome(ledger, draw_id)
    (result,) = applied(ledger, record_tx(province(ledger), draw_id, pairs))
    record = stored_draw(ledger, draw_id)
    assert record.seed == ledger.built[record.seed_height - 1].hash
    assert [(a.emitter_id, a.body_id) for a in record.assignments] == pairs and len(pairs) == 3
    assert record.key == draw.draw(draws.draw_inputs(record, record.seed)).key
    assert result.events[0].verification_draw_recorded.key == record.key
    for emitter_id, body_id in pairs:
        assert ledger.read(lambda state: t.ASSIGNMENTS.get(state, emitter_id, YEAR)) == pb.DrawAssignment(emitter_id=emitter_id, body_id=body_id)


def test_art27_a_recorded_draw_reproduces_from_its_record_and_the_seed_block_alone(ledger):
    """The record's fields and the seed block's header hash give the outcome, with ledger/draw.py
    and nothing of the ledger's own code (docs/verification-draw.md)."""
    emitters, bodies = [listed_emitter(ledger) for _ in range(5)], [verifier(ledger) for _ in range(3)]
    conflicts = [(ids(bodies)[0], ids(emitters)[1])]
    assigned(ledger, emitters, bodies, select_count=3, capacity=2, conflicts=conflicts)
    (draw_id,) = [parts[2] for _, parts, _ in ledger.read(lambda s: list(s.scan_table(t.DRAWS_BY_PROVINCE, "44", YEAR, limit=10)))]
    record = stored_draw(ledger, draw_id)
    seed_header = pb.Block.FromString(ledger.blocks[record.seed_height - 1]).header
    seed = hashlib.sha256(crypto.HEADER_DOMAIN + seed_header).digest()
    inputs = draw.DrawInputs(
        seed=seed, seed_height=record.seed_height, province=record.province, year=record.request.year,
        draw_number=record.draw_number, candidates=tuple(record.request.candidates), select_count=record.request.select_count,
        bodies=tuple(record.request.bodies), conflicts=tuple((c.body_id, c.emitter_id) for c in record.request.conflicts),
        capacity_per_body=record.request.capacity_per_body)
    claimed = draw.DrawResult(record.key, tuple(draw.Assignment(a.emitter_id, a.body_id) for a in record.assignments))
    assert draw.verify_draw(inputs, claimed)
    assert record.seed == seed


@pytest.mark.parametrize("tamper", ["swap bodies", "drop one", "add one", "reorder"])
def test_art27_a_draw_that_does_not_reproduce_is_refused(ledger, tamper):
    emitters, bodies = [listed_emitter(ledger) for _ in range(4)], [verifier(ledger) for _ in range(3)]
    draw_id = requested(ledger, province(ledger), draw_request(ids(emitters), ids(bodies), select_count=3, capacity=1))
    pairs = outcome(ledger, draw_id)
    if tamper == "swap bodies":
        pairs = [(pairs[0][0], pairs[1][1]), (pairs[1][0], pairs[0][1]), pairs[2]]
    elif tamper == "drop one":
        pairs = pairs[:2]
    elif tamper == "add one":
        left_out = next(e for e in ids(emitters) if e not in dict(pairs))
        pairs = pairs + [(left_out, pairs[0][1])]
    else:
        pairs = [pairs[1], pairs[0], pairs[2]]
    refused(ledger, record_tx(province(ledger), draw_id, pairs), pb.CODE_DRAW_NOT_REPRODUCED)
    applied(ledger, record_tx(province(ledger), draw_id, outcome(ledger, draw_id)))  # the draw itself still records


def test_art27_a_draw_is_recorded_once_and_an_unknown_draw_not_at_all(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    draw_id = requested(ledger, province(ledger), draw_request(ids([emitter]), ids([body])))
    pairs = outcome(ledger, draw_id)
    applied(ledger, record_tx(province(ledger), draw_id, pairs))
    refused(ledger, record_tx(province(ledger), draw_id, pairs), pb.CODE_DRAW_RECORDED)
    refused(ledger, record_tx(province(ledger), bytes(32), pairs), pb.CODE_DRAW_RECORDED)
    refused(ledger, record_tx(province(ledger), b"", pairs), pb.CODE_MISSING_FIELD)
    refused(ledger, record_tx(province(ledger), bytes(31), pairs), pb.CODE_INVALID_FIELD)


def test_art27_only_the_requesting_province_records_its_draw(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    draw_id = requested(ledger, province(ledger), draw_request(ids([emitter]), ids([body])))
    refused(ledger, record_tx(province(ledger, "42"), draw_id, outcome(ledger, draw_id)), pb.CODE_OUTSIDE_JURISDICTION)


def test_art27_only_provinces_request_and_record_draws(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    payload = draw_request(ids([emitter]), ids([body]))
    for signer in (ledger.builder(MEE), emitter, body):
        refused(ledger, request_tx(signer, payload), pb.CODE_ROLE_NOT_AUTHORIZED)
        refused(ledger, record_tx(signer, bytes(32), []), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- recording verified emissions (arts. 27-28, 30) -----------------------------------------------------


def test_art28_only_the_assigned_body_records_verified_emissions(ledger):
    emitters, bodies = [listed_emitter(ledger) for _ in range(2)], [verifier(ledger) for _ in range(2)]
    assignment = assigned(ledger, emitters, bodies, capacity=1)
    by_id = {b.participant_id: b for b in bodies}
    first, second = sorted(emitters, key=lambda e: e.participant_id)
    other_body = by_id[assignment[second.participant_id]]  # assigned, but to the other emitter
    result = refused(ledger, verification_tx(other_body, first), pb.CODE_NOT_ASSIGNED)
    assert assignment[first.participant_id] in result.detail
    stranger = verifier(ledger)
    refused(ledger, verification_tx(stranger, first), pb.CODE_NOT_ASSIGNED)
    never_drawn = listed_emitter(ledger)
    refused(ledger, verification_tx(stranger, never_drawn), pb.CODE_NOT_ASSIGNED)
    applied(ledger, verification_tx(by_id[assignment[first.participant_id]], first))


def test_art28_a_verification_names_a_report_version_the_emitter_submitted(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    refused(ledger, verification_tx(body, emitter, report_version=2), pb.CODE_REPORT_MISSING)
    refused(ledger, verification_tx(body, emitter, report_version=0), pb.CODE_MISSING_FIELD)
    applied(ledger, emitter.tx("submit_emission_report", report(YEAR, TONNES + 10, amends=1)))
    applied(ledger, verification_tx(body, emitter, report_version=2))


def test_art28_verified_tonnes_are_zero_or_more_within_the_rulebooks_amount_max_with_a_document(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    refused(ledger, verification_tx(body, emitter, tonnes=-1), pb.CODE_INVALID_FIELD)
    refused(ledger, verification_tx(body, emitter, tonnes=10_000_000_001), pb.CODE_AMOUNT_TOO_LARGE)
    for document, code in ((b"", pb.CODE_MISSING_FIELD), (b"short", pb.CODE_INVALID_FIELD)):
        tx = body.tx("record_verification", pb.RecordVerification(emitter_id=emitter.participant_id, year=YEAR, report_version=1,
                                                                  verified_tonnes=TONNES, document_sha256=document))
        refused(ledger, tx, code)
    applied(ledger, verification_tx(body, emitter, tonnes=0))  # a site that did not run emitted nothing


def test_art29_a_year_is_verified_once_and_changes_only_through_an_appeal(verified, ledger):
    emitter, body = verified
    result = refused(ledger, verification_tx(body, emitter, tonnes=TONNES + 1), pb.CODE_VERIFICATION_EXISTS)
    assert "appeal" in result.detail


def test_art30_the_verified_figure_becomes_the_obligation_and_the_offset_cap_base(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    (result,) = applied(ledger, verification_tx(body, emitter))
    (version,) = versions(ledger, emitter)
    draw_id = ledger.read(lambda s: next(parts[2] for _, parts, _ in s.scan_table(t.DRAWS_BY_PROVINCE, "44", YEAR, limit=10)))
    assert (version.version, version.verified_by, version.report_version, version.verified_tonnes, version.draw_id) == (
        1, body.participant_id, 1, TONNES, draw_id)
    assert version.tx_id == result.tx_id and version.recorded_ms == ledger.tip.time_ms and not version.appeal_id
    record = compliance_of(ledger, emitter)
    assert (record.obligation_tonnes, record.obligation_basis, record.verification_version) == (TONNES, pb.OBLIGATION_BASIS_VERIFIED, 1)
    assert record.province == "44" and list(record.tx_ids) == [result.tx_id]
    assert ledger.read(lambda state: state.verified_emissions(emitter.participant_id, YEAR)) == TONNES
    assert result.events[0].emissions_verified == pb.EmissionsVerified(
        emitter_id=emitter.participant_id, year=YEAR, version=1, verified_tonnes=TONNES, verified_by=body.participant_id)


def test_art44_no_verified_figure_enters_a_closed_compliance_year(ledger):
    emitter, body = listed_emitter(ledger), verifier(ledger)
    assigned(ledger, [emitter], [body])
    after_deadline = calendar.deadline_ms(YEAR, ledger.read(lambda s: s.rulebook()).surrender_due) + DAY_MS
    advance_to(ledger, after_deadline)
    applied(ledger, province(ledger).tx("close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=[emitter.participant_id])))
    refused(ledger, verification_tx(body, emitter), pb.CODE_COMPLIANCE_CLOSED)


# -- appeals (arts. 10, 29) ---------------------------------------------------------------------------


def test_art29_an_emitter_appeals_its_verification_within_the_rulebooks_window(verified, ledger):
    emitter, _ = verified
    (version,) = versions(ledger, emitter)
    window_ms = calendar.days_ms(ledger.read(lambda s: s.rulebook()).appeal_window_days)
    advance_to(ledger, version.recorded_ms + window_ms - 1)
    (result,) = applied(ledger, appeal_tx(emitter))
    appeal = ledger.read(lambda state: t.APPEALS.get(state, result.tx_id))
    assert (appeal.emitter_id, appeal.province, appeal.outcome, appeal.verification_version) == (
        emitter.participant_id, "44", pb.APPEAL_OUTCOME_PENDING, 1)
    assert appeal.filed_ms == version.recorded_ms + window_ms - 1
    assert ledger.read(lambda state: t.APPEALS_BY_EMITTER.get(state, emitter.participant_id, result.tx_id)) == b""
    assert result.events[0].appeal_filed == pb.AppealFiled(appeal_id=result.tx_id, emitter_id=emitter.participant_id,
                                                           subject=pb.APPEAL_SUBJECT_VERIFICATION, year=YEAR)
    ledger.commit([], time_ms=version.recorded_ms + window_ms)
    result = refused(ledger, appeal_tx(emitter), pb.CODE_APPEAL_WINDOW_CLOSED)
    assert "10 days" in result.detail


def test_art29_an_appeal_needs_a_verification_of_the_year(ledger):
    emitter = listed_emitter(ledger)
    refused(ledger, appeal_tx(emitter), pb.CODE_REPORT_MISSING)


def test_art29_an_appeal_states_its_subject_year_and_grounds_within_bounds(verified, ledger):
    emitter, _ = verified
    refused(ledger, appeal_tx(emitter, grounds=""), pb.CODE_MISSING_FIELD)
    refused(ledger, appeal_tx(emitter, grounds="x" * 501), pb.CODE_INVALID_FIELD)
    refused(ledger, appeal_tx(emitter, subject=pb.APPEAL_SUBJECT_UNSPECIFIED), pb.CODE_MISSING_FIELD)
    refused(ledger, appeal_tx(emitter, subject=7), pb.CODE_INVALID_FIELD)
    refused(ledger, appeal_tx(emitter, year=0), pb.CODE_MISSING_FIELD)
    for signer in (province(ledger), ledger.builder(MEE)):
        refused(ledger, appeal_tx(signer), pb.CODE_ROLE_NOT_AUTHORIZED)


def test_art10_an_allocation_appeal_runs_from_the_latest_allocation_or_adjustment_of_the_vintage(ledger):
    emitter = ledger.register_emitter("44")
    refused(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION), pb.CODE_APPEAL_WINDOW_CLOSED)  # no allocation: no window
    ledger.fund_emitter(emitter, "44", YEAR, 1_000)
    allocated_ms = ledger.tip.time_ms
    window_ms = calendar.days_ms(ledger.read(lambda s: s.rulebook()).appeal_window_days)
    advance_to(ledger, allocated_ms + window_ms - 1)
    (result,) = applied(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION))
    assert ledger.read(lambda state: t.APPEALS.get(state, result.tx_id)).verification_version == 0
    ledger.commit([], time_ms=allocated_ms + window_ms)
    refused(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION), pb.CODE_APPEAL_WINDOW_CLOSED)
    refused(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION, year=YEAR + 1), pb.CODE_APPEAL_WINDOW_CLOSED)
    applied(ledger, province(ledger).adjust_allocation(emitter.participant_id, YEAR, -100, pb.ADJUSTMENT_REASON_CORRECTION))
    applied(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION))


def test_art29_only_the_emitters_province_decides_a_pending_appeal(verified, ledger):
    emitter, _ = verified
    (filed,) = applied(ledger, appeal_tx(emitter))
    refused(ledger, decision_tx(province(ledger, "42"), filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="no"), pb.CODE_OUTSIDE_JURISDICTION)
    for signer in (ledger.builder(MEE), emitter):
        refused(ledger, decision_tx(signer, filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="no"), pb.CODE_ROLE_NOT_AUTHORIZED)
    refused(ledger, decision_tx(province(ledger), bytes(32), pb.APPEAL_OUTCOME_DISMISSED, reasons="no"), pb.CODE_APPEAL_NOT_PENDING)
    refused(ledger, decision_tx(province(ledger), b"", pb.APPEAL_OUTCOME_DISMISSED, reasons="no"), pb.CODE_MISSING_FIELD)
    (result,) = applied(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="the data stand"))
    assert result.events[0].appeal_decided == pb.AppealDecided(appeal_id=filed.tx_id, outcome=pb.APPEAL_OUTCOME_DISMISSED, late=False)
    appeal = ledger.read(lambda state: t.APPEALS.get(state, filed.tx_id))
    assert (appeal.outcome, appeal.reasons, appeal.decided_ms, appeal.decided_late) == (
        pb.APPEAL_OUTCOME_DISMISSED, "the data stand", ledger.tip.time_ms, False)
    refused(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=1), pb.CODE_APPEAL_NOT_PENDING)
    assert [v.verified_tonnes for v in versions(ledger, emitter)] == [TONNES]  # a dismissal changes no figure


def test_art29_a_decision_states_what_its_outcome_needs(verified, ledger):
    emitter, _ = verified
    (filed,) = applied(ledger, appeal_tx(emitter))
    gd = province(ledger)
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_PENDING), pb.CODE_MISSING_FIELD)
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED), pb.CODE_MISSING_FIELD)  # reasons
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED, tonnes=5, reasons="no"), pb.CODE_INVALID_FIELD)
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_UPHELD), pb.CODE_MISSING_FIELD)  # the corrected figure
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=-5), pb.CODE_INVALID_FIELD)
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=10_000_000_001), pb.CODE_AMOUNT_TOO_LARGE)
    refused(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=1, reasons="x" * 501), pb.CODE_INVALID_FIELD)


def test_art29_a_decision_after_the_rulebooks_days_is_recorded_late_not_refused(verified, ledger):
    emitter, _ = verified
    (filed,) = applied(ledger, appeal_tx(emitter))
    decision_ms = calendar.days_ms(ledger.read(lambda s: s.rulebook()).appeal_decision_days)
    filed_ms = ledger.tip.time_ms
    advance_to(ledger, filed_ms + decision_ms)
    (result,) = applied(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=TONNES - 1))
    assert result.events[0].appeal_decided.late
    assert ledger.read(lambda state: t.APPEALS.get(state, filed.tx_id)).decided_late
    (on_time,) = applied(ledger, appeal_tx(emitter))
    advance_to(ledger, ledger.tip.time_ms + decision_ms - 1)
    applied(ledger, decision_tx(province(ledger), on_time.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="no"))
    assert not ledger.read(lambda state: t.APPEALS.get(state, on_time.tx_id)).decided_late


def test_art10_an_upheld_allocation_appeal_changes_no_verified_figure(verified, ledger):
    emitter, _ = verified
    ledger.fund_emitter(emitter, "44", YEAR, 1_000)
    (filed,) = applied(ledger, appeal_tx(emitter, pb.APPEAL_SUBJECT_ALLOCATION))
    refused(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=5), pb.CODE_INVALID_FIELD)
    (result,) = applied(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_UPHELD))
    assert [event.WhichOneof("event") for event in result.events] == ["appeal_decided"]
    assert len(versions(ledger, emitter)) == 1


def test_art44_an_upheld_appeal_cannot_change_a_closed_year(verified, ledger):
    emitter, _ = verified
    (filed,) = applied(ledger, appeal_tx(emitter))
    after_deadline = calendar.deadline_ms(YEAR, ledger.read(lambda s: s.rulebook()).surrender_due) + DAY_MS
    advance_to(ledger, after_deadline)
    applied(ledger, province(ledger).tx("close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=[emitter.participant_id])))
    refused(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=1), pb.CODE_COMPLIANCE_CLOSED)
    applied(ledger, decision_tx(province(ledger), filed.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="the year is closed"))


# -- the worked example ----------------------------------------------------------------------------


def test_art27_to_29_a_draw_a_verification_and_an_upheld_appeal_and_the_obligation_follows_each_version(ledger):
    """Request, wait for the seed, record, verify, appeal, decide with a corrected figure; appeal
    the corrected version in its own window and have it dismissed. The obligation is the latest
    version's figure throughout, and every version stays on the ledger."""
    emitters = [listed_emitter(ledger, tonnes=TONNES + index) for index in range(3)]
    bodies = [verifier(ledger) for _ in range(2)]
    gd = province(ledger)

    request = request_tx(gd, draw_request(ids(emitters), ids(bodies), select_count=2, capacity=1))
    applied(ledger, request)
    draw_id = signed_tx_id(request)
    refused(ledger, record_tx(gd, draw_id, []), pb.CODE_DRAW_SEED_PENDING)  # this block is the seed block
    pairs = outcome(ledger, draw_id)
    applied(ledger, record_tx(gd, draw_id, pairs))

    emitter_id, body_id = pairs[0]
    emitter = next(e for e in emitters if e.participant_id == emitter_id)
    body = next(b for b in bodies if b.participant_id == body_id)
    assert compliance_of(ledger, emitter) is None
    applied(ledger, verification_tx(body, emitter, tonnes=31_000))
    assert compliance_of(ledger, emitter).obligation_tonnes == 31_000

    (filed,) = applied(ledger, appeal_tx(emitter))
    (decided,) = applied(ledger, decision_tx(gd, filed.tx_id, pb.APPEAL_OUTCOME_UPHELD, tonnes=29_500, reasons="NCV measured"))
    assert [event.WhichOneof("event") for event in decided.events] == ["appeal_decided", "emissions_verified"]
    assert decided.events[1].emissions_verified == pb.EmissionsVerified(
        emitter_id=emitter_id, year=YEAR, version=2, verified_tonnes=29_500, verified_by=gd.participant_id)

    first, second = versions(ledger, emitter)
    assert (first.version, first.verified_tonnes, first.verified_by, first.draw_id) == (1, 31_000, body_id, draw_id)
    assert (second.version, second.verified_tonnes, second.verified_by, second.appeal_id, second.draw_id) == (
        2, 29_500, gd.participant_id, filed.tx_id, b"")
    assert second.report_version == first.report_version and second.recorded_ms == ledger.tip.time_ms
    record = compliance_of(ledger, emitter)
    assert (record.obligation_tonnes, record.obligation_basis, record.verification_version) == (29_500, pb.OBLIGATION_BASIS_VERIFIED, 2)
    assert list(record.tx_ids)[-1] == decided.tx_id
    assert ledger.read(lambda state: state.verified_emissions(emitter_id, YEAR)) == 29_500
    assert ledger.read(lambda state: t.APPEALS.get(state, filed.tx_id)).outcome == pb.APPEAL_OUTCOME_UPHELD

    window_ms = calendar.days_ms(ledger.read(lambda s: s.rulebook()).appeal_window_days)
    advance_to(ledger, second.recorded_ms + window_ms - 1)
    (again,) = applied(ledger, appeal_tx(emitter, grounds="the correction is too low"))
    assert ledger.read(lambda state: t.APPEALS.get(state, again.tx_id)).verification_version == 2
    applied(ledger, decision_tx(gd, again.tx_id, pb.APPEAL_OUTCOME_DISMISSED, reasons="the correction stands"))
    assert compliance_of(ledger, emitter).obligation_tonnes == 29_500 and len(versions(ledger, emitter)) == 2

    other_id, other_body_id = pairs[1]
    other = next(e for e in emitters if e.participant_id == other_id)
    refused(ledger, verification_tx(body, other), pb.CODE_NOT_ASSIGNED)  # each body verifies only its own assignment
    applied(ledger, verification_tx(next(b for b in bodies if b.participant_id == other_body_id), other))
