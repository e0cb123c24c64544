"""The core's supervision queries (arts. 4, 32-36), each scoped by the caller's jurisdiction.

The ministry sees the nation, a province its own province, a city department the emitters and
districts of its delegations in force at the head's time (any task), and nobody else anything:
`jurisdiction_of` decides it once per request, and every query below asks it. A query outside
raises `QueryRefused` with a stable reason; the servicer turns it into PERMISSION_DENIED.

Listings are bounded pages over declared tables (`queries.page_of`); the inspection ranking is
computed whole over at most `limits.page_scan_max` listings and paged by offset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.ledger import calendar, identity, limits
from cets.ledger import enforcement_queries
from cets.ledger import tables as t
from cets.ledger.mrv_queries import compliance_record, covers
from cets.ledger.query_auth import QueryRefused
from cets.ledger.queries import Page, page_of
from cets.ledger.state import State, StateReader
from cets.ledger.txs.supervision.tiers import delegations_of, in_force, in_scope

SUPERVISORS = frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE, pb.ROLE_CITY})


class QueryInvalid(ValueError):
    """A supervision query that is wrong whatever the caller (INVALID_ARGUMENT): `reason`, `detail`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Jurisdiction:
    """What a caller may see: the nation, a province, or a city's delegated scope."""

    caller: pb.Participant
    nation: bool
    province: str  # "" for the nation
    delegations: tuple[pb.Delegation, ...] = ()  # a city's, in force at the head

    @property
    def is_city(self) -> bool:
        return self.caller.role == pb.ROLE_CITY

    def covers_province(self, province: str) -> bool:
        return self.nation or province == self.province

    def covers(self, emitter: pb.Participant) -> bool:
        if not self.covers_province(emitter.province):
            return False
        return not self.is_city or any(in_scope(delegation.terms, emitter) for delegation in self.delegations)

    def outside(self, name: str, what: str) -> QueryRefused:
        """The refusal of something outside: `name` the request field, `what` the thing named."""
        return QueryRefused("OUTSIDE_JURISDICTION", f"{name}: {what} is outside what {self.caller.participant_id!r} supervises")

    def require_emitter(self, emitter: pb.Participant) -> None:
        if not self.covers(emitter):
            raise self.outside("emitter_id", f"{emitter.participant_id!r} (province {emitter.province!r})")

    def provinces(self, province: str) -> list[str]:
        """The provinces a listing covers: the one asked (if inside), else the whole jurisdiction."""
        if province:
            if not self.covers_province(province):
                raise self.outside("province", repr(province))
            return [province]
        return sorted(identity.PROVINCES) if self.nation else [self.province]


def jurisdiction_of(reader: StateReader, caller: pb.Participant, time_ms: int) -> Jurisdiction:
    """Arts. 4, 32: the caller's jurisdiction at the head's time; refused for a non-regulator."""
    if caller.role not in SUPERVISORS:
        raise QueryRefused("NOT_A_SUPERVISOR", f"auth.participant: {caller.participant_id!r} is {pb.Role.Name(caller.role)}; "
                                               "supervision queries are for the ministry, provinces and cities")
    if caller.role == pb.ROLE_MINISTRY:
        return Jurisdiction(caller, nation=True, province="")
    if caller.role == pb.ROLE_PROVINCE:
        return Jurisdiction(caller, nation=False, province=caller.province)
    active = tuple(d for d in delegations_of(reader, caller.participant_id) if in_force(d, time_ms))
    return Jurisdiction(caller, nation=False, province=caller.province, delegations=active)


def may_see_participant(jurisdiction: Jurisdiction, participant: pb.Participant) -> bool:
    """Whose history a caller reads: emitters it covers; a city by the ministry, its province or
    itself (art. 32: upper tiers inspect lower tiers' actions); anyone else by the ministry."""
    if participant.role == pb.ROLE_KEY_EMITTER:
        return jurisdiction.covers(participant)
    if participant.role == pb.ROLE_CITY:
        return (jurisdiction.nation or (not jurisdiction.is_city and participant.province == jurisdiction.province)
                or participant.participant_id == jurisdiction.caller.participant_id)
    return jurisdiction.nation


# -- a participant's transactions -------------------------------------------------------------------
@dataclass(frozen=True)
class SignedTx:
    tx_id: bytes
    height: int
    kind: str
    delegation_id: bytes  # the delegation a city acted under; b"" otherwise


def signed_transactions(reader: StateReader, participant_id: str, *, token: str = "", size: int) -> Page[SignedTx]:
    """The transactions a participant signed, in chain order, with a city's delegation."""
    def convert(parts: tuple, kind: bytes) -> SignedTx:
        signer, height, tx_id = parts
        delegation = t.DELEGATED_ACTS.get(reader, signer, height, tx_id, default=b"")
        return SignedTx(tx_id=tx_id, height=height, kind=kind.decode(), delegation_id=delegation)

    return page_of(reader, t.SIGNED, participant_id, token=token, size=size, convert=convert)


# -- an emitter's profile ------------------------------------------------------------------------------
@dataclass
class Profile:
    emitter: pb.Participant
    account: pb.Account | None
    holdings: list[pb.Holding]
    holdings_truncated: bool
    transactions: Page[SignedTx]
    listings: list[pb.EmitterListing]
    plans: list[pb.MonitoringPlan]
    reports: list[pb.EmissionReport]
    verifications: list[pb.Verification]
    compliance: list[pb.ComplianceRecord]
    fines: list[pb.Fine]
    appeals: list[pb.Appeal]
    inspections: list[pb.Inspection]


def _records(table: t.Table, reader: StateReader, emitter_id: str) -> list:
    return [value for _, _, value in table.scan(reader, emitter_id, limit=limits.page_size_max)]


def emitter_profile(reader: StateReader, emitter: pb.Participant) -> Profile:
    """Everything recorded about one emitter (each list at most `limits.page_size_max` records)."""
    emitter_id = emitter.participant_id
    holdings = [pb.Holding(unit=parts[1], amount=amount)
                for _, parts, amount in t.HOLDINGS.scan(reader, emitter.account_id, limit=limits.page_size_max + 1)] if emitter.account_id else []
    appeals = [t.APPEALS.get(reader, parts[1]) for _, parts, _ in t.APPEALS_BY_EMITTER.scan(reader, emitter_id, limit=limits.page_size_max)]
    return Profile(
        emitter=emitter, account=State(reader).account(emitter.account_id) if emitter.account_id else None,
        holdings=holdings[:limits.page_size_max], holdings_truncated=len(holdings) > limits.page_size_max,
        transactions=signed_transactions(reader, emitter_id, size=limits.page_size_default),
        listings=_records(t.LISTINGS, reader, emitter_id), plans=_records(t.PLANS, reader, emitter_id),
        reports=_records(t.REPORTS, reader, emitter_id), verifications=_records(t.VERIFICATIONS, reader, emitter_id),
        compliance=_records(t.COMPLIANCE, reader, emitter_id), fines=_records(t.FINES, reader, emitter_id),
        appeals=appeals, inspections=_records(t.INSPECTIONS, reader, emitter_id),
    )


# -- a year's emitters across a jurisdiction ------------------------------------------------------------
@dataclass(frozen=True)
class EmitterRow:
    emitter: pb.Participant
    listing: pb.EmitterListing
    compliance: pb.ComplianceRecord


@dataclass(frozen=True)
class EmitterFilter:
    year: int
    sector: str = ""
    status: int | None = None


def _row(reader: StateReader, jurisdiction: Jurisdiction, listing: pb.EmitterListing | None, wanted: EmitterFilter) -> EmitterRow | None:
    if listing is None or not covers(listing, wanted.year) or (wanted.sector and listing.sector != wanted.sector):
        return None
    emitter = State(reader).participant(listing.emitter_id)
    assert emitter is not None, f"listing of an unknown participant {listing.emitter_id!r}"
    if not jurisdiction.covers(emitter):
        return None
    record = compliance_record(reader, emitter, wanted.year)
    if wanted.status is not None and record.status != wanted.status:
        return None
    return EmitterRow(emitter, listing, record)


def emitters(reader: StateReader, jurisdiction: Jurisdiction, wanted: EmitterFilter, *, province: str = "", token: str = "",
             size: int) -> Page[EmitterRow]:
    """A year's listed emitters with their compliance records, by sector and status, inside the
    jurisdiction: one province through its index, or the nation."""
    provinces = jurisdiction.provinces(province)
    if len(provinces) > 1:
        return page_of(reader, t.LISTINGS, token=token, size=size,
                       convert=lambda parts, listing: _row(reader, jurisdiction, listing, wanted))
    return page_of(reader, t.LISTINGS_BY_PROVINCE, provinces[0], token=token, size=size,
                   convert=lambda parts, _: _row(reader, jurisdiction, t.LISTINGS.get(reader, parts[1], parts[2]), wanted))


# -- art. 34: inspection priorities ------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    reason: str
    points: int
    detail: str


@dataclass
class Priority:
    emitter: pb.Participant
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


# Points per reason (art. 34: priority from credit records and verification results). Fixed here so
# every node ranks alike; docs/architecture.md explains them.
POINTS = {"REPORT_MISSING": 40, "REPORT_LATE": 15, "VERIFICATION_MISSING": 20, "DEVIATION_PER_PERCENT": 1, "DEVIATION_MAX": 30,
          "ESTIMATED": 25, "SHORTFALL": 30, "NOT_VERIFIED_AT_CLOSE": 40, "FINED": 10, "FINED_MAX": 20, "INSPECTION_REFERRED": 15,
          "MEASURE_IN_FORCE": 15, "MEASURES_MAX": 30, "PENALTY_RECORDED": 10, "SUPERVISION_RESULT": 5, "CREDIT_MAX": 20,
          "BLACKLISTED": 50}


def deviation_bps(reported: int, verified: int) -> int:
    """(verified - reported) in basis points of reported, truncated toward zero; 0 for nothing reported."""
    if reported <= 0:
        return 0
    difference = verified - reported
    return (abs(difference) * 10_000 // reported) * (1 if difference >= 0 else -1)


def _reporting_reasons(reader: StateReader, emitter_id: str, year: int, report_due_passed: bool) -> list[Reason]:
    first = t.REPORTS.get(reader, emitter_id, year, 1)
    reasons = []
    if first is None:
        if report_due_passed:
            reasons.append(Reason("REPORT_MISSING", POINTS["REPORT_MISSING"], f"no emission report for {year} after its deadline"))
        return reasons
    if first.late:
        reasons.append(Reason("REPORT_LATE", POINTS["REPORT_LATE"], f"the report for {year} came after its deadline"))
    verification = t.VERIFICATIONS.get(reader, emitter_id, year, 1)
    if verification is None:
        if report_due_passed:
            reasons.append(Reason("VERIFICATION_MISSING", POINTS["VERIFICATION_MISSING"], f"no verification of {year} after the report deadline"))
        return reasons
    report = t.REPORTS.get(reader, emitter_id, year, verification.report_version)
    reported = report.report.total_tonnes if report is not None else 0
    bps = deviation_bps(reported, verification.verified_tonnes)
    points = min(POINTS["DEVIATION_MAX"], abs(bps) // 100 * POINTS["DEVIATION_PER_PERCENT"])
    if points:
        reasons.append(Reason("DEVIATION", points, f"reported {reported} t, verified {verification.verified_tonnes} t ({bps / 100:+.2f}%)"))
    return reasons


def _compliance_reasons(reader: StateReader, emitter: pb.Participant, year: int) -> list[Reason]:
    record = compliance_record(reader, emitter, year)
    reasons = []
    if record.obligation_basis == pb.OBLIGATION_BASIS_ESTIMATED:
        reasons.append(Reason("ESTIMATED", POINTS["ESTIMATED"], f"the obligation of {year} rests on the province's estimate (art. 43)"))
    if record.closed and record.status == pb.COMPLIANCE_STATUS_B:
        reasons.append(Reason("SHORTFALL", POINTS["SHORTFALL"], f"closed short by {record.shortfall_tonnes} t (art. 44)"))
    if record.closed and record.status == pb.COMPLIANCE_STATUS_C:
        reasons.append(Reason("NOT_VERIFIED_AT_CLOSE", POINTS["NOT_VERIFIED_AT_CLOSE"], f"{year} closed with no verified or estimated figure"))
    fines = [fine for fine in _records(t.FINES, reader, emitter.participant_id) if fine.fine.year == year]
    if fines:
        reasons.append(Reason("FINED", min(POINTS["FINED_MAX"], POINTS["FINED"] * len(fines)), f"{len(fines)} fine(s) for {year}"))
    referred = [i for i in _records(t.INSPECTIONS, reader, emitter.participant_id)
                if i.inspection.year == year and i.inspection.outcome == pb.INSPECTION_OUTCOME_REFERRED]
    if referred:
        reasons.append(Reason("INSPECTION_REFERRED", POINTS["INSPECTION_REFERRED"], f"{len(referred)} inspection(s) of {year} referred for penalty"))
    return reasons


def _credit_reasons(reader: StateReader, emitter_id: str, time_ms: int) -> list[Reason]:
    """Art. 34 with arts. 38, 45-49: measures in force, credit records and the blacklist raise an
    emitter's priority whatever the year (its enforcement history, bounded as the profile's is)."""
    history = enforcement_queries.history(reader, emitter_id)
    reasons = []
    in_force = [m for m in history.measures if enforcement_queries.measure_in_force(m, time_ms)]
    if in_force:
        reasons.append(Reason("MEASURE_IN_FORCE", min(POINTS["MEASURES_MAX"], POINTS["MEASURE_IN_FORCE"] * len(in_force)),
                              f"{len(in_force)} measure(s) of arts. 45/47 in force"))
    records = [entry.record for entry in history.credit if entry.WhichOneof("entry") == "record"]
    points = sum(POINTS["PENALTY_RECORDED"] if r.kind == pb.CREDIT_RECORD_KIND_PENALTY else POINTS["SUPERVISION_RESULT"] for r in records)
    if points:
        reasons.append(Reason("CREDIT_RECORDED", min(POINTS["CREDIT_MAX"], points), f"{len(records)} credit record(s) (art. 38)"))
    if any(not entry.HasField("removal") for entry in history.blacklist):
        reasons.append(Reason("BLACKLISTED", POINTS["BLACKLISTED"], "on the blacklist of serious dishonesty (art. 49)"))
    return reasons


@dataclass(frozen=True)
class Ranking:
    priorities: list[Priority]  # highest score first, then emitter id
    truncated: bool  # more listings than one ranking reads


def inspection_priorities(reader: StateReader, jurisdiction: Jurisdiction, year: int, time_ms: int, *, province: str = "") -> Ranking:
    """Art. 34: the year's listed emitters inside the jurisdiction, by a deterministic score from
    reporting, verification results and compliance, with its reasons."""
    rulebook = State(reader).rulebook_at(time_ms)
    report_due_passed = time_ms >= calendar.deadline_ms(year, rulebook.report_due)
    page = emitters(reader, jurisdiction, EmitterFilter(year=year), province=province, size=limits.page_size_max)
    rows = list(page.items)
    while page.next_token and len(rows) < limits.page_scan_max:
        page = emitters(reader, jurisdiction, EmitterFilter(year=year), province=province, token=page.next_token, size=limits.page_size_max)
        rows.extend(page.items)
    truncated = bool(page.next_token)
    priorities = []
    for row in rows[:limits.page_scan_max]:
        emitter_id = row.emitter.participant_id
        reasons = (_reporting_reasons(reader, emitter_id, year, report_due_passed) + _compliance_reasons(reader, row.emitter, year)
                   + _credit_reasons(reader, emitter_id, time_ms))
        priorities.append(Priority(row.emitter, reasons))
    priorities.sort(key=lambda priority: (-priority.score, priority.emitter.participant_id))
    return Ranking(priorities, truncated)


# -- art. 36: oversight of verification bodies ----------------------------------------------------------
@dataclass(frozen=True)
class VerifiedReport:
    emitter_id: str
    province: str
    verified: bool
    report_version: int
    reported_tonnes: int
    verified_tonnes: int
    deviation_bps: int
    overturned_on_appeal: bool
    final_tonnes: int


@dataclass
class Oversight:
    verifier: pb.Participant
    year: int
    reports: list[VerifiedReport]
    findings: list[pb.VerifierFinding]


def _verified_report(reader: StateReader, province: str, emitter_id: str, year: int) -> VerifiedReport:
    history = [record for _, _, record in t.VERIFICATIONS.scan(reader, emitter_id, year, limit=limits.page_size_max)]
    if not history:
        return VerifiedReport(emitter_id, province, False, 0, 0, 0, 0, False, 0)
    first, final = history[0], history[-1]
    report = t.REPORTS.get(reader, emitter_id, year, first.report_version)
    reported = report.report.total_tonnes if report is not None else 0
    return VerifiedReport(emitter_id, province, True, first.report_version, reported, first.verified_tonnes,
                          deviation_bps(reported, first.verified_tonnes), any(v.appeal_id for v in history[1:]), final.verified_tonnes)


def verifier_oversight(reader: StateReader, jurisdiction: Jurisdiction, verifier: pb.Participant, year: int) -> Oversight:
    """Art. 36: the body's assignments of `year` in the jurisdiction's provinces (from the recorded
    draws), what it verified against what was reported, the appeals that overturned it, and every
    oversight finding recorded on it (findings are published records)."""
    if jurisdiction.is_city:
        raise QueryRefused("OUTSIDE_JURISDICTION", "verifier_id: verification bodies are supervised by the ministry and provinces (art. 36)")
    reports = []
    for province in jurisdiction.provinces(""):
        for _, parts, _ in t.DRAWS_BY_PROVINCE.scan(reader, province, year, limit=limits.page_size_max):
            draw = t.DRAWS.get(reader, parts[2])
            for assignment in draw.assignments:
                if assignment.body_id == verifier.participant_id:
                    reports.append(_verified_report(reader, province, assignment.emitter_id, year))
    findings = [value for _, _, value in t.VERIFIER_FINDINGS.scan(reader, verifier.participant_id, limit=limits.page_size_max)
                if value.finding.year == year]
    return Oversight(verifier, year, reports, findings)


# -- delegations ----------------------------------------------------------------------------------------
def delegations(reader: StateReader, jurisdiction: Jurisdiction, *, city: pb.Participant | None, province: str, token: str = "",
                size: int) -> Page[pb.Delegation]:
    """The delegations to a city (seen by the ministry, its province and itself), or those a
    province recorded (seen by the ministry and that province)."""
    if city is not None:
        if not may_see_participant(jurisdiction, city):
            raise jurisdiction.outside("city", repr(city.participant_id))
        return page_of(reader, t.DELEGATIONS_BY_CITY, city.participant_id, token=token, size=size,
                       convert=lambda parts, _: t.DELEGATIONS.get(reader, parts[1]))
    if jurisdiction.is_city:
        raise QueryRefused("OUTSIDE_JURISDICTION", "province: a city sees its own delegations only (name it as `city`)")
    if not province and jurisdiction.nation:
        raise QueryInvalid("MISSING_FIELD", "province: missing (the ministry names a province, or a city)")
    (code,) = jurisdiction.provinces(province)
    return page_of(reader, t.DELEGATIONS_BY_PROVINCE, code, token=token, size=size,
                   convert=lambda parts, _: t.DELEGATIONS.get(reader, parts[1]))

