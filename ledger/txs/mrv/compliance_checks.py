"""Checks the compliance-year kinds share (estimates, closing): deadlines and open years."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, compliance
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext
from cets.ledger.txs.mrv.listing import is_listed


def require_deadline_passed(ctx: TxContext, name: str, year: int, due: pb.YearDay, what: str) -> None:
    """A deadline passes when a block's time passes it: the end of the due day, China time."""
    deadline = calendar.deadline_ms(year, due)
    if ctx.time_ms < deadline:
        raise Rejection(pb.CODE_DEADLINE_NOT_PASSED,
                        f"{name}: {what} for {year} is due by {year + due.year_offset}-{due.month:02d}-{due.day:02d}, China time; "
                        f"block time {ctx.time_ms} ms is before {deadline} ms")


def require_listed(ctx: TxContext, name: str, emitter_id: str, year: int) -> None:
    """Art. 5: only listed emitters have obligations."""
    if is_listed(ctx.state, emitter_id, year) is None:
        raise Rejection(pb.CODE_NOT_LISTED, f"{name}: {emitter_id!r} is not on the key-emitter list for {year}")


def require_not_closed(ctx: TxContext, name: str, emitter_id: str, year: int) -> None:
    """Closing makes a year's status final (arts. 30, 44): nothing changes its figures after."""
    if compliance.is_closed(ctx.state, emitter_id, year):
        raise Rejection(pb.CODE_COMPLIANCE_CLOSED, f"{name}: compliance year {year} is closed for {emitter_id!r}")
