"""The core's queries of enforcement (arts. 38, 45-49): measures, credit, the blacklist and joint
punishment notices. All four are public (arts. 38, 46, 49: recorded and published); which of their
fields the public portal shows is the portal's decision, field by field.

Like `ledger/queries.py`, every listing is a bounded page over a declared table and no caller
builds a key; a filtered page reads at most `limits.page_scan_max` records.
"""

from __future__ import annotations

from dataclasses import dataclass

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.queries import Page, PageTokenInvalid, decode_token, encode_token, page_of
from cets.ledger.state import StateReader
from cets.ledger.txs.supervision.restrictions import in_force


def measure_in_force(measure: pb.Measure, time_ms: int) -> bool:
    """Not lifted, and before its end (if it has one) at `time_ms`."""
    return not measure.HasField("lift") and in_force(measure.end_ms, time_ms)


def measure(reader: StateReader, measure_id: bytes) -> pb.Measure | None:
    return t.MEASURES.get(reader, measure_id) if len(measure_id) == 32 else None


def measures(reader: StateReader, *, participant_id: str = "", authority: str = "", measure_type: int = 0, in_force_only: bool = False,
             time_ms: int = 0, token: str = "", size: int) -> Page[pb.Measure]:
    """Measures in the order of the chain, through the participant's or the authority's index when
    filtered by one; `in_force_only` judges them at `time_ms` (the snapshot's block time)."""
    def keep(measure_id: bytes) -> pb.Measure | None:
        record = t.MEASURES.get(reader, measure_id)
        assert record is not None, "the indexes list only recorded measures"
        if (authority and record.authority != authority) or (measure_type and record.type != measure_type):
            return None
        if in_force_only and not measure_in_force(record, time_ms):
            return None
        return record

    if participant_id:
        return page_of(reader, t.MEASURES_BY_PARTICIPANT, participant_id, token=token, size=size, convert=lambda parts, _: keep(parts[2]))
    if authority:
        return page_of(reader, t.MEASURES_BY_AUTHORITY, authority, token=token, size=size, convert=lambda parts, _: keep(parts[2]))
    return page_of(reader, t.MEASURES_IN_ORDER, token=token, size=size, convert=lambda parts, _: keep(parts[1]))


def credit_entries(reader: StateReader, *, participant_id: str = "", token: str = "", size: int) -> Page[pb.CreditEntry]:
    """A participant's credit (art. 38), or everyone's: its fines (arts. 43-44, read from the fines
    table) by participant and fine id, then its credit records by participant and height. The
    token is the last key of the page, a fine's or a record's, so a page may hold both."""
    parts = (participant_id,) if participant_id else ()
    record_prefix = t.CREDIT_RECORDS.key_prefix(participant_id) if participant_id else t.CREDIT_RECORDS.prefix
    if token and _is_under(token, record_prefix):
        return page_of(reader, t.CREDIT_RECORDS, *parts, token=token, size=size, convert=lambda _, record: pb.CreditEntry(record=record))
    fines = page_of(reader, t.FINES, *parts, token=token, size=size, convert=lambda _, fine: pb.CreditEntry(fine=fine))
    if fines.next_token:
        return fines
    room = size - len(fines.items)
    if room == 0:
        last = fines.items[-1].fine
        more = next(t.CREDIT_RECORDS.scan(reader, *parts, limit=1), None) is not None
        return Page(fines.items, encode_token(t.FINES.key(last.emitter_id, last.fine_id)) if more else "")
    records = page_of(reader, t.CREDIT_RECORDS, *parts, token="", size=room, convert=lambda _, record: pb.CreditEntry(record=record))
    return Page(fines.items + records.items, records.next_token)


def _is_under(token: str, prefix: bytes) -> bool:
    try:
        decode_token(token, prefix)
    except PageTokenInvalid:
        return False
    return True


def blacklist(reader: StateReader, *, in_force_only: bool = False, token: str = "", size: int) -> Page[pb.BlacklistEntry]:
    """The blacklist (art. 49) by listed id, then entry id; removed entries too unless `in_force_only`."""
    return page_of(reader, t.BLACKLIST, token=token, size=size,
                   convert=lambda _, entry: None if in_force_only and entry.HasField("removal") else entry)


def notices(reader: StateReader, *, emitter_id: str = "", token: str = "", size: int) -> Page[pb.JointPunishmentNotice]:
    """Joint punishment notices (art. 46) in the order of the chain, optionally of one emitter."""
    return page_of(reader, t.NOTICES, token=token, size=size,
                   convert=lambda _, notice: None if emitter_id and notice.emitter_id != emitter_id else notice)


def restrictions(reader: StateReader, participant_id: str) -> pb.Restrictions | None:
    """What restricts a participant now (None: nothing); entries past their end may still be listed."""
    return t.RESTRICTIONS.get(reader, participant_id)


HISTORY_ITEMS_MAX = 100  # of each list in a participant's enforcement history


@dataclass(frozen=True)
class History:
    """A participant's enforcement history (arts. 38, 45-49), each list bounded; `*_truncated`
    says when a list is longer (the List RPCs page through it)."""

    measures: list[pb.Measure]
    measures_truncated: bool
    credit: list[pb.CreditEntry]
    credit_truncated: bool
    blacklist: list[pb.BlacklistEntry]
    notices: list[pb.JointPunishmentNotice]
    notices_truncated: bool
    restrictions: pb.Restrictions | None


def history(reader: StateReader, participant_id: str) -> History:
    found_measures = measures(reader, participant_id=participant_id, size=HISTORY_ITEMS_MAX)
    credit = credit_entries(reader, participant_id=participant_id, size=HISTORY_ITEMS_MAX)
    # An id is blacklisted a few times at most: each entry needs the last one removed first.
    listed = page_of(reader, t.BLACKLIST, participant_id, token="", size=HISTORY_ITEMS_MAX)
    found_notices = notices(reader, emitter_id=participant_id, size=HISTORY_ITEMS_MAX)
    return History(found_measures.items, bool(found_measures.next_token), credit.items, bool(credit.next_token), listed.items,
                   found_notices.items, bool(found_notices.next_token), restrictions(reader, participant_id))
