"""`cets audit market`'s check (issue 10 item 6, arts. 20-21): replay each trading day's order flow
recorded on the chain through the engine and compare what the settled batches carried.

Per day, three streams in settlement order: the trades (compared by identity with
`first_difference`, which names the first trade that differs), the book cancellations and the
expiries. The batches may lag the replay (the exchange settles after each block): a stream that is
a prefix of the replay's is pending, not wrong. Anything else is a failure naming the first
difference. The check reads a ledger state (the auditor's own replay of the blocks) and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from cets.exchange import flow
from cets.exchange.engine import first_difference
from cets.ledger import limits, market_queries
from cets.ledger import tables as t
from cets.ledger.state import State


@dataclass
class DayAudit:
    trade_date: int
    flow_entries: int = 0
    ended: bool = False
    batches: int = 0
    trades_expected: int = 0
    trades_settled: int = 0  # trades the batches carried (their results may refuse some)
    items_pending: int = 0  # what the replay produced and no batch carries yet
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass
class MarketAudit:
    days: list[DayAudit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(day.ok for day in self.days)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "days": [dict(asdict(day), ok=day.ok) for day in self.days]}


def day_replay(state: State, trade_date: int) -> flow.DayReplay:
    """The day's order flow replayed in full, under the rulebook in force at its first entry."""
    replay = flow.DayReplay(trade_date, flow.day_parameters(state, trade_date))
    last = t.FLOW_SEQUENCES.get(state, trade_date, default=0)
    replay.feed(t.ORDER_FLOW.get(state, trade_date, sequence) for sequence in range(1, last + 1))
    return replay


def audit_market(state: State) -> MarketAudit:
    audit, token = MarketAudit(), ""
    while True:
        page = market_queries.flow_dates(state, token=token, size=limits.page_size_max)
        audit.days += [audit_day(state, date) for date in page.items]
        token = page.next_token
        if not token:
            return audit


def audit_day(state: State, trade_date: int) -> DayAudit:
    replay = day_replay(state, trade_date)
    records = flow.all_batches(state, trade_date)
    settled = flow.settled(records, replay.modes)
    expected = replay.trades()
    day = DayAudit(trade_date, replay.sequence, replay.ended, len(records), len(expected), len(settled.trades))
    difference = first_difference(expected, settled.trades)
    if difference is not None and difference.actual is not None:
        day.problem = f"trade {difference.position} of {trade_date}: {difference.describe()}"
        return day
    expected_cancelled, expected_expired = flow.expected_closures(replay)
    for name, want, got in (("book cancellation", expected_cancelled, settled.cancelled), ("expiry", expected_expired, settled.expired)):
        position = _first_unequal(want, got)
        if position is not None:
            wanted = want[position].hex() if position < len(want) else "nothing"
            day.problem = f"{name} {position} of {trade_date}: expected {wanted}, got {got[position].hex()}"
            return day
    day.items_pending = len(replay.items) - len(settled.trades) - len(settled.cancelled) - len(settled.expired)
    return day


def _first_unequal(want: list[bytes], got: list[bytes]) -> int | None:
    """The first position where `got` is not a prefix of `want`."""
    for position, item in enumerate(got):
        if position >= len(want) or want[position] != item:
            return position
    return None
