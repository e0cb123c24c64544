"""The core's queries for public disclosure (arts. 15, 35, 37, 38): what the public portal reads.

Like `ledger/queries.py` and `ledger/mrv_queries.py`, every listing is a bounded page over a
declared table and no caller builds a key. These queries return whole records; which of their
fields are public is the portal's decision, field by field (docs/architecture.md, "The public
portal").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.mrv_queries import compliance_record, covers
from cets.ledger.queries import Page, SupplyFigures, page_of, supply
from cets.ledger.state import State, StateReader


def cancellations(reader: StateReader, *, token: str = "", size: int) -> Page[pb.Cancelled]:
    """Every cancellation certificate (art. 15), in the order of the chain."""
    return page_of(reader, t.CANCELLATIONS, token=token, size=size)


def fines(reader: StateReader, year: int, *, province: str = "", token: str = "", size: int) -> Page[pb.Fine]:
    """The fines imposed for compliance year `year` (arts. 43-44), national or of one province, by
    emitter. Fines are few; a page reads at most `limits.page_scan_max` of them."""
    def keep(parts: tuple, fine: pb.Fine) -> pb.Fine | None:
        if fine.fine.year != year or (province and fine.province != province):
            return None
        return fine

    return page_of(reader, t.FINES, token=token, size=size, convert=keep)


@dataclass(frozen=True)
class ListedCompliance:
    """A listed emitter's compliance for a year: its listing, who it is, and its record (the
    pending one when nothing is recorded yet)."""

    listing: pb.EmitterListing
    emitter: pb.Participant
    record: pb.ComplianceRecord


def compliance_of_listed(reader: StateReader, year: int, *, province: str = "", status: int | None = None, token: str = "",
                         size: int) -> Page[ListedCompliance]:
    """Each emitter on the key-emitter list of `year` with its compliance record (art. 35 (8)), of
    one province (through its index) or national, optionally of one status. Unlike
    `mrv_queries.compliance_table`, an emitter with nothing recorded yet is listed, as pending."""
    state = State(reader)

    def joined(listing: pb.EmitterListing | None) -> ListedCompliance | None:
        if listing is None or not covers(listing, year):
            return None
        emitter = state.participant(listing.emitter_id)
        assert emitter is not None, f"listing of an unknown participant {listing.emitter_id!r}"
        record = compliance_record(reader, emitter, year)
        if status is not None and record.status != status:
            return None
        return ListedCompliance(listing, emitter, record)

    if province:
        return page_of(reader, t.LISTINGS_BY_PROVINCE, province, token=token, size=size,
                       convert=lambda parts, _: joined(t.LISTINGS.get(reader, parts[1], parts[2])))
    return page_of(reader, t.LISTINGS, token=token, size=size, convert=lambda parts, listing: joined(listing))


@dataclass(frozen=True)
class SectorCount:
    sector: str
    emitters: int


@dataclass(frozen=True)
class Sectors:
    """The sectors of a year's key-emitter list, by emitters listed. `complete` is False when the
    list is longer than one bounded read (`limits.page_scan_max` listings): the counts are then
    of the first listings only, and say so."""

    counts: list[SectorCount]
    complete: bool


def sectors(reader: StateReader, year: int, *, province: str = "") -> Sectors:
    """The sectors covered in `year` (art. 35 (1)): those of the emitters on its list."""
    counts: Counter[str] = Counter()
    read = 0
    for listing in _listings(reader, province, limit=limits.page_scan_max + 1):
        read += 1
        if read > limits.page_scan_max:
            break
        if covers(listing, year):
            counts[listing.sector] += 1
    ordered = [SectorCount(sector, count) for sector, count in sorted(counts.items())]
    return Sectors(ordered, complete=read <= limits.page_scan_max)


def _listings(reader: StateReader, province: str, *, limit: int) -> Iterator[pb.EmitterListing]:
    """Up to `limit` listings, of one province (through its index) or national."""
    if not province:
        yield from (listing for _, _, listing in t.LISTINGS.scan(reader, limit=limit))
        return
    for _, parts, _ in t.LISTINGS_BY_PROVINCE.scan(reader, province, limit=limit):
        listing = t.LISTINGS.get(reader, parts[1], parts[2])
        assert listing is not None, f"index entry without its listing: {parts!r}"
        yield listing


def supply_by_vintage(reader: StateReader, *, token: str = "", size: int) -> Page[SupplyFigures]:
    """Each vintage with a cap: its cap, and what was issued, surrendered and cancelled of it (art. 37)."""
    return page_of(reader, t.CAPS, token=token, size=size, convert=lambda parts, _: supply(reader, parts[0]))
