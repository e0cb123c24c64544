"""The core's queries of the market (arts. 8, 17-23): orders, cash, the day's order flow (what the
exchange's engine replays), settled trades, closes and depth, settlement batches, the day's
reconciliation, and the large-holder report. The `Trading` service and the CLI read through these.

Like `ledger/queries.py`, every listing is a bounded page over a declared table, and no caller
builds a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.queries import Page, page_of
from cets.ledger.state import State, StateReader
from cets.ledger.txs.market import book
from cets.ledger.txs.market.orders import TRADING_ACCOUNT_KINDS


def order(reader: StateReader, order_id: bytes) -> pb.Order | None:
    return book.order(State(reader), order_id)


def orders_of_account(reader: StateReader, account_id: str, *, status: int = 0, token: str = "", size: int) -> Page[pb.Order]:
    """An account's orders in ledger order (a participant's: its `account_id`), of one status if
    `status` is not 0."""
    def record(parts: tuple, order_id: bytes) -> pb.Order | None:
        found = t.ORDERS.get(reader, order_id)
        assert found is not None, "the index lists only recorded orders"
        return found if not status or found.status == status else None

    return page_of(reader, t.ORDERS_BY_ACCOUNT, account_id, token=token, size=size, convert=record)


@dataclass(frozen=True)
class CashView:
    holder: str
    balance_fen: int
    reserved_fen: int

    @property
    def available_fen(self) -> int:
        return self.balance_fen - self.reserved_fen


def cash(reader: StateReader, holder: str) -> CashView:
    """A cash account (a participant id, or `book.FISCAL_ACCOUNT`): balance, reserved, available."""
    account = book.cash(State(reader), holder)
    return CashView(holder, account.balance_fen, account.reserved_fen)


def order_flow(reader: StateReader, trade_date: int, *, token: str = "", size: int) -> Page[pb.OrderFlowEntry]:
    """A trading day's order flow in ledger order: places, auction offers and cancellations."""
    return page_of(reader, t.ORDER_FLOW, trade_date, token=token, size=size)


def flow_dates(reader: StateReader, *, token: str = "", size: int) -> Page[int]:
    """The trading days that have an order flow, in order (what the exchange's engine works through)."""
    return page_of(reader, t.FLOW_SEQUENCES, token=token, size=size, convert=lambda parts, last: parts[0])


def trades(reader: StateReader, trade_date: int, *, token: str = "", size: int) -> Page[pb.SettledTrade]:
    """The trades the registry settled for a trading day, in settlement order. A page holds the
    settled trades of up to `size` batches (each batch's trades are kept once, in its record)."""
    page = page_of(reader, t.BATCHES_BY_DATE, trade_date, token=token, size=size,
                   convert=lambda parts, batch_id: _settled(reader, t.BATCHES.get(reader, batch_id.decode())))
    return Page([trade for batch_trades in page.items for trade in batch_trades], page.next_token)


def settled_trades_of(reader: StateReader, batch_id: str) -> list[pb.SettledTrade]:
    """The trades a batch settled, in its order (none for an unknown batch)."""
    record = t.BATCHES.get(reader, batch_id)
    return _settled(reader, record) if record is not None else []


def _settled(reader: StateReader, record: pb.BatchRecord) -> list[pb.SettledTrade]:
    out = []
    for result in record.result.trades:
        if result.code != pb.CODE_OK:
            continue
        trade = record.trades[result.index]
        buy, sell = t.ORDERS.get(reader, trade.buy_order_id), t.ORDERS.get(reader, trade.sell_order_id)
        out.append(pb.SettledTrade(batch_id=record.batch_id, index=result.index, trade=trade, mode=buy.mode, unit=buy.unit,
                                   buy_account=buy.account_id, sell_account=sell.account_id, height=record.height))
    return out


def previous_close(reader: StateReader, unit: pb.Unit, trade_date: int, rulebook: pb.Rulebook) -> int:
    """The reference of `trade_date`'s bands: the last close before it, else the rulebook's initial price."""
    return book.previous_close(State(reader), unit, trade_date, rulebook)


def day_summary(reader: StateReader, unit: pb.Unit, trade_date: int) -> pb.DaySummary | None:
    """Open, high, low, close (VWAP of the listed trades) and volume of a unit's trading day."""
    return t.DAY_SUMMARIES.get(reader, unit, trade_date)


def day_summaries(reader: StateReader, unit: pb.Unit, *, limit: int) -> list[pb.DaySummary]:
    """A unit's day summaries in date order, at most `limit` (the days it traded)."""
    return [summary for _, _, summary in t.DAY_SUMMARIES.scan(reader, unit, limit=limit)]


def depth(reader: StateReader, mode: int, unit: pb.Unit, side: int, levels: int) -> list[tuple[int, int]]:
    """The best `levels` price levels of a book side as the ledger's open orders make them:
    (price, open quantity), best first. Fills not yet settled still count."""
    return book.best_prices(State(reader), mode, unit, side, levels)


def batch(reader: StateReader, batch_id: str) -> pb.BatchRecord | None:
    """A settlement batch's record with its first (only) result."""
    return t.BATCHES.get(reader, batch_id)


def batches(reader: StateReader, trade_date: int, *, token: str = "", size: int) -> Page[pb.BatchRecord]:
    """A trading day's batches, in settlement order."""
    return page_of(reader, t.BATCHES_BY_DATE, trade_date, token=token, size=size,
                   convert=lambda parts, batch_id: t.BATCHES.get(reader, batch_id.decode()))


@dataclass(frozen=True)
class Reconciliation:
    """A trading day's books side by side (art. 21): what the exchange's batches declared and what
    the registry settled; `balanced` when every declared trade settled."""

    record: pb.DayReconciliation

    @property
    def balanced(self) -> bool:
        r = self.record
        return (r.declared_trade_count, r.declared_quantity, r.declared_amount_fen) == (
            r.settled_trade_count, r.settled_quantity, r.settled_amount_fen)


def reconciliation(reader: StateReader, trade_date: int) -> Reconciliation:
    return Reconciliation(t.RECONCILIATIONS.get(reader, trade_date) or pb.DayReconciliation(trade_date=trade_date))


@dataclass(frozen=True)
class LargeHolder:
    account_id: str
    unit: pb.Unit
    tonnes: int  # holdings plus units reserved for open sell orders


def large_holders(reader: StateReader, unit: pb.Unit, threshold_tonnes: int, *, token: str = "", size: int) -> Page[LargeHolder]:
    """2021 trading rules (大户报告): accounts whose position in `unit` (holdings and units reserved
    for sale) is above the threshold (the rulebook's `large_holder_tonnes`). A page over every
    account's holdings, read at most `limits.page_scan_max` at a time (a short page may carry a token).
    Only holders' accounts count: the ministry's and the provinces' hold the cap, not a position."""
    def keep(parts: tuple, amount: int) -> LargeHolder | None:
        account_id, held_unit = parts
        if held_unit != unit or t.ACCOUNTS.get(reader, account_id).kind not in TRADING_ACCOUNT_KINDS:
            return None
        tonnes = amount + t.RESERVED_UNITS.get(reader, account_id, unit, default=0)
        return LargeHolder(account_id, unit, tonnes) if tonnes > threshold_tonnes else None

    return page_of(reader, t.HOLDINGS, token=token, size=size, convert=keep)
