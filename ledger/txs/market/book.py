"""The market's records as the handlers share them: cash accounts, orders and their reservations,
the day's order flow, the price levels, and the previous close.

**Reservations.** A buy order reserves limit price x quantity of its holder's cash (the fen stay
in the balance, counted in `reserved_fen`: available = balance - reserved). A sell order's units
leave the account's holdings for `RESERVED_UNITS` (as a held transfer's do, `registry/held.py`), so
no transfer, surrender or cancellation can spend them and the registry's bare transfer path reads
nothing more. Settlement takes from the reservations only; a cancellation or expiry gives the
rest back. Conservation: issued = holdings + held + reserved + surrendered + cancelled, and
deposits - withdrawals = the sum of the cash balances (tests/test_market_properties.py).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import identity
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State

# The segregated fiscal account of auction proceeds (art. 8): a cash account no participant holds.
FISCAL_ACCOUNT = f"{identity.MINISTRY_ID}.fiscal"
BUY_KEY_BASE = 2**63 - 1  # a buy level's key is this minus its price, so the highest bid comes first
# Modes whose orders rest on a public book (the best levels and the depth); block quotes are
# negotiated between named counterparties and auction bids are sealed.
BOOK_MODES = frozenset({pb.TRADING_MODE_OPEN_BIDDING, pb.TRADING_MODE_LISTING_AGREEMENT})
# Modes whose trades make the day's open, high, low and close (the volume-weighted average of the
# day's listed trades, 挂牌: the listing agreement's), as the exchange's engine computes them.
LISTED_MODES = frozenset({pb.TRADING_MODE_LISTING_AGREEMENT})


# -- cash --------------------------------------------------------------------------------------
def cash(state: State, holder: str) -> pb.CashAccount:
    return t.CASH_ACCOUNTS.get(state, holder) or pb.CashAccount(holder=holder)


def put_cash(state: State, account: pb.CashAccount) -> None:
    assert 0 <= account.reserved_fen <= account.balance_fen, f"{account.holder}: reserved beyond the balance"
    t.CASH_ACCOUNTS.put(state, account, account.holder)


def available_fen(account: pb.CashAccount) -> int:
    return account.balance_fen - account.reserved_fen


# -- orders ------------------------------------------------------------------------------------
def order(state: State, order_id: bytes) -> pb.Order | None:
    return t.ORDERS.get(state, order_id) if len(order_id) == 32 else None


def require_order(state: State, name: str, order_id: bytes) -> pb.Order:
    """The order `name` names: MISSING_FIELD without an id, UNKNOWN_ORDER without a record."""
    if not order_id:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    record = order(state, order_id)
    if record is None:
        raise Rejection(pb.CODE_UNKNOWN_ORDER, f"{name}: no order {order_id.hex()}")
    return record


def put_order(state: State, record: pb.Order) -> None:
    t.ORDERS.put(state, record, record.order_id)


def record_flow(state: State, action: int, record: pb.Order, height: int) -> int:
    """Append to the trading day's order flow; returns the entry's sequence (the priority)."""
    sequence = t.FLOW_SEQUENCES.get(state, record.trade_date, default=0) + 1
    t.FLOW_SEQUENCES.put(state, sequence, record.trade_date)
    if action != pb.ORDER_FLOW_ACTION_CANCEL:
        record.sequence = sequence  # a placed order's priority is its entry's sequence
    t.ORDER_FLOW.put(state, pb.OrderFlowEntry(sequence=sequence, action=action, order=record, height=height), record.trade_date, sequence)
    return sequence


def _price_key(side: int, price_fen: int) -> int:
    return BUY_KEY_BASE - price_fen if side == pb.ORDER_SIDE_BUY else price_fen


def price_of_key(side: int, key: int) -> int:
    return BUY_KEY_BASE - key if side == pb.ORDER_SIDE_BUY else key


def rests_on_book(record: pb.Order) -> bool:
    return record.mode in BOOK_MODES and not record.maker_order_id


def add_level(state: State, record: pb.Order, delta: int) -> None:
    if not rests_on_book(record):
        return
    parts = (bytes([record.mode]), record.unit, bytes([record.side]), _price_key(record.side, record.price_fen))
    quantity = t.PRICE_LEVELS.get(state, *parts, default=0) + delta
    assert quantity >= 0, "a level never goes below zero"
    if quantity:
        t.PRICE_LEVELS.put(state, quantity, *parts)
    else:
        t.PRICE_LEVELS.delete(state, *parts)


def best_prices(state: State, mode: int, unit: pb.Unit, side: int, count: int) -> list[tuple[int, int]]:
    """The best `count` levels of a book side: (price, open quantity), best first."""
    scan = t.PRICE_LEVELS.scan(state, bytes([mode]), unit, bytes([side]), limit=count)
    return [(price_of_key(side, parts[3]), quantity) for _, parts, quantity in scan]


def add_counter(state: State, table: t.Table, account_id: str, unit: pb.Unit, delta: int) -> None:
    value = table.get(state, account_id, unit, default=0) + delta
    assert value >= 0, f"{table.name}: below zero for {account_id}"
    if value:
        table.put(state, value, account_id, unit)
    else:
        table.delete(state, account_id, unit)


def release(state: State, record: pb.Order, status: int) -> pb.OrderReleased:
    """Close an open order as cancelled or expired and give back what it still reserves."""
    quantity, fen = record.remaining, record.reserved_fen
    add_level(state, record, -quantity)
    if record.side == pb.ORDER_SIDE_BUY:
        holder = cash(state, cash_holder(record))
        holder.reserved_fen -= fen
        put_cash(state, holder)
        add_counter(state, t.OPEN_BUYS, record.account_id, record.unit, -quantity)
        quantity = 0
    else:
        add_counter(state, t.RESERVED_UNITS, record.account_id, record.unit, -quantity)
        state.add_balance(record.account_id, record.unit, quantity)
    record.remaining, record.reserved_fen, record.status = 0, 0, status
    put_order(state, record)
    return pb.OrderReleased(order_id=record.order_id, status=status, released_quantity=quantity, released_fen=fen)


def cash_holder(record: pb.Order) -> str:
    """Whose cash an order pays from or is paid into: its participant's, or for the ministry's
    auction offer the fiscal account (art. 8: proceeds are segregated)."""
    return FISCAL_ACCOUNT if record.mode == pb.TRADING_MODE_AUCTION and record.side == pb.ORDER_SIDE_SELL else record.participant_id


# -- the previous close --------------------------------------------------------------------------
def previous_close(state: State, unit: pb.Unit, trade_date: int, rulebook: pb.Rulebook) -> int:
    """The close of the last trading day before `trade_date` with listed trades; before any, the
    rulebook's initial reference price."""
    record = t.CLOSES.get(state, unit)
    if record is not None and record.trade_date < trade_date:
        return record.close_fen
    if record is not None and record.previous_close_fen:
        return record.previous_close_fen
    return rulebook.initial_reference_price_fen


def band(reference_fen: int, band_bps: int) -> tuple[int, int]:
    """The lowest and highest price within `band_bps` of the reference (inclusive, whole fen)."""
    low = -(-reference_fen * (10_000 - band_bps) // 10_000)
    high = reference_fen * (10_000 + band_bps) // 10_000
    return low, high
