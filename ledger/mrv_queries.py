"""The core's MRV queries: the key-emitter list, plans, reports, draws, verifications, appeals,
allocation methods and the compliance table (arts. 5, 7, 10, 24-31, 42-44, 50).

Like `ledger/queries.py`, every listing is a bounded page over a declared table, and no caller
builds a key. Records are read as stored: versions are never edited, so a list of versions is
the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.queries import Page, page_of
from cets.ledger.state import State, StateReader


def covers(listing: pb.EmitterListing, year: int) -> bool:
    """Whether a listing puts its emitter on the list of `year`."""
    return listing.from_year <= year and (listing.until_year == 0 or year < listing.until_year)


def listing_for(reader: StateReader, emitter_id: str, year: int) -> pb.EmitterListing | None:
    """The listing of `emitter_id` that covers `year`, if any (an emitter has few listings)."""
    for _, _, listing in t.LISTINGS.scan(reader, emitter_id, limit=limits.page_size_max):
        if covers(listing, year):
            return listing
    return None


def key_emitters(reader: StateReader, year: int, *, province: str = "", token: str = "", size: int) -> Page[pb.EmitterListing]:
    """The key-emitter list of `year`, of one province (through its index) or national."""
    if province:
        def keep_indexed(parts: tuple, _) -> pb.EmitterListing | None:
            listing = t.LISTINGS.get(reader, parts[1], parts[2])
            return listing if listing is not None and covers(listing, year) else None

        return page_of(reader, t.LISTINGS_BY_PROVINCE, province, token=token, size=size, convert=keep_indexed)
    return page_of(reader, t.LISTINGS, token=token, size=size,
                   convert=lambda parts, listing: listing if covers(listing, year) else None)


def plans(reader: StateReader, emitter_id: str, *, token: str = "", size: int) -> Page[pb.MonitoringPlan]:
    return page_of(reader, t.PLANS, emitter_id, token=token, size=size)


def latest_plan(reader: StateReader, emitter_id: str) -> pb.MonitoringPlan | None:
    latest = None
    for _, _, plan in t.PLANS.scan(reader, emitter_id, limit=None):  # versions of one emitter: few
        latest = plan
    return latest


def reports(reader: StateReader, emitter_id: str, year: int = 0, *, token: str = "", size: int) -> Page[pb.EmissionReport]:
    parts = (emitter_id, year) if year else (emitter_id,)
    return page_of(reader, t.REPORTS, *parts, token=token, size=size)


def verifications(reader: StateReader, emitter_id: str, year: int) -> list[pb.Verification]:
    """Every verification version of an emitter's year, oldest first (versions come only from
    appeals: a handful)."""
    return [record for _, _, record in t.VERIFICATIONS.scan(reader, emitter_id, year, limit=limits.page_size_max)]


def draw(reader: StateReader, draw_id: bytes) -> pb.VerificationDraw | None:
    return t.DRAWS.get(reader, draw_id)


def draws(reader: StateReader, province: str, year: int, *, token: str = "", size: int) -> Page[pb.VerificationDraw]:
    return page_of(reader, t.DRAWS_BY_PROVINCE, province, year, token=token, size=size,
                   convert=lambda parts, _: t.DRAWS.get(reader, parts[2]))


def appeals(reader: StateReader, emitter_id: str, *, token: str = "", size: int) -> Page[pb.Appeal]:
    return page_of(reader, t.APPEALS_BY_EMITTER, emitter_id, token=token, size=size,
                   convert=lambda parts, _: t.APPEALS.get(reader, parts[1]))


def allocation_methods(reader: StateReader, *, token: str = "", size: int) -> Page[pb.AllocationMethod]:
    return page_of(reader, t.METHODS, token=token, size=size)


def compliance_record(reader: StateReader, emitter: pb.Participant, year: int) -> pb.ComplianceRecord:
    """The stored record, or the pending one an emitter with nothing recorded yet has."""
    found = t.COMPLIANCE.get(reader, emitter.participant_id, year)
    return found if found is not None else pb.ComplianceRecord(emitter_id=emitter.participant_id, year=year, province=emitter.province)


def compliance_table(reader: StateReader, year: int, *, province: str = "", status: int | None = None, token: str = "",
                     size: int) -> Page[pb.ComplianceRecord]:
    """A year's compliance records, of one province (through its index) or national, optionally
    of one status."""
    def keep(record: pb.ComplianceRecord | None) -> pb.ComplianceRecord | None:
        if record is None or record.year != year or (status is not None and record.status != status):
            return None
        return record

    if province:
        return page_of(reader, t.COMPLIANCE_BY_PROVINCE, province, year, token=token, size=size,
                       convert=lambda parts, _: keep(t.COMPLIANCE.get(reader, parts[2], year)))
    return page_of(reader, t.COMPLIANCE, token=token, size=size, convert=lambda parts, record: keep(record))


@dataclass
class EmitterYear:
    """Everything recorded about one emitter's year."""

    emitter: pb.Participant
    year: int
    listing: pb.EmitterListing | None
    declaration: pb.EmissionsDeclaration | None
    reports: list[pb.EmissionReport]
    plan: pb.MonitoringPlan | None
    assignment: pb.DrawAssignment | None
    verifications: list[pb.Verification]
    estimate: pb.EmissionsEstimate | None
    compliance: pb.ComplianceRecord
    fines: list[pb.Fine] = field(default_factory=list)
    deduction: pb.AllocationDeduction | None = None


def emitter_year(reader: StateReader, emitter: pb.Participant, year: int) -> EmitterYear:
    emitter_id = emitter.participant_id
    fines = [fine for _, _, fine in t.FINES.scan(reader, emitter_id, limit=limits.page_size_max) if fine.fine.year == year]
    return EmitterYear(
        emitter=emitter, year=year, listing=listing_for(reader, emitter_id, year),
        declaration=t.DECLARATIONS.get(reader, emitter_id, year),
        reports=reports(reader, emitter_id, year, size=limits.page_size_max).items, plan=latest_plan(reader, emitter_id),
        assignment=t.ASSIGNMENTS.get(reader, emitter_id, year), verifications=verifications(reader, emitter_id, year),
        estimate=t.ESTIMATES.get(reader, emitter_id, year), compliance=compliance_record(reader, emitter, year), fines=fines,
        deduction=t.DEDUCTIONS.get(reader, emitter_id, year + 1),
    )


def participant(reader: StateReader, participant_id: str) -> pb.Participant | None:
    return State(reader).participant(participant_id)

