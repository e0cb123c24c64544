"""The core's queries of whistle-blowing reports (art. 40).

Public reads (`tip`, `tips`, `intake`) return public records only; `sealed_tip` returns the sealed
envelope, and its caller (Supervision.GetSealedTip) serves it to the handling authority alone,
proven by a signed query (ledger/query_auth.py) or by the authority's own certificate.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.queries import Page, page_of
from cets.ledger.state import StateReader


def tip(reader: StateReader, tip_id: str) -> pb.Tip | None:
    return t.TIPS.get(reader, tip_id)


def tips(reader: StateReader, *, authority: str = "", status: int = 0, token: str = "", size: int) -> Page[pb.Tip]:
    """Public records by report id: of one authority (through its index) or of all, of one status or any."""
    def keep(record: pb.Tip) -> pb.Tip | None:
        return record if not status or record.status == status else None

    if not authority:
        return page_of(reader, t.TIPS, token=token, size=size, convert=lambda parts, record: keep(record))

    def indexed(parts: tuple, _) -> pb.Tip | None:
        record = t.TIPS.get(reader, parts[1])
        assert record is not None, "the index lists only filed reports"
        return keep(record)

    return page_of(reader, t.TIPS_BY_AUTHORITY, authority, token=token, size=size, convert=indexed)


def sealed_tip(reader: StateReader, tip_id: str) -> pb.SealedTip | None:
    """The sealed envelope: for the handling authority only (the caller checks who asks)."""
    return t.SEALED_TIPS.get(reader, tip_id)


def intake(reader: StateReader, authority: str) -> pb.TipIntake | None:
    return t.TIP_INTAKES.get(reader, authority)
