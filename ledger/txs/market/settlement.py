"""Settlement batches (art. 21): the exchange signs a batch of its engine's trades and book
outcomes; the registry settles it **trade by trade, gross, delivery versus payment**.

The batch's totals are checked first: a trade count or a total (tonnes, fen) that its trades do not
add up to rejects the whole batch, and nothing changes. Then each trade is judged by itself, on its
own state layer, against the recorded orders (both open and of the batch's trading day, a buy and
a sell of one mode and unit that pair as their mode says, two participants, a price both limits
and the mode allow, a quantity within both remainders): a failed trade gets its own code and moves
nothing, and never blocks the others. A settled trade moves the allowances from the seller's
reservation to the buyer and the fen from the buyer's reservation to the seller (the fiscal account
for an auction, art. 8), releasing what the buyer reserved above the trade price. Then the book
outcomes (cancellations, expiries) release what their orders still reserve.

A batch id settles once: a second transaction with the same id is `DUPLICATE_BATCH` and the first
result stands (`market_queries.batch`); the same signed bytes again return the first receipt.
A batch carries at most what fits one transaction (`limits.signed_tx_bytes_max`: about 190 trades
of two 32-byte order ids); the exchange splits a day's trades into several batches.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State
from cets.ledger.txs.common import TxContext, require_text
from cets.ledger.txs.kind import TxKind
from cets.ledger.txs.market import book, sessions
from cets.ledger.txs.market.orders import require_open

TRADE_COUNT_MAX = 1_000  # per batch; a transaction's size bounds it lower in practice
OUTCOME_COUNT_MAX = 1_000
LAST_TRADE_DATE = "last_trade_date"


def _require_header(ctx: TxContext, payload: pb.SettleBatch) -> None:
    require_text("batch_id", payload.batch_id, limits.id_chars_max)
    if len(payload.trades) > TRADE_COUNT_MAX or len(payload.cancelled_order_ids) + len(payload.expired_order_ids) > OUTCOME_COUNT_MAX:
        raise Rejection(pb.CODE_TOO_LARGE, f"trades: at most {TRADE_COUNT_MAX}, outcomes at most {OUTCOME_COUNT_MAX}")
    first = t.BATCHES.get(ctx.state, payload.batch_id)
    if first is not None:
        raise Rejection(pb.CODE_DUPLICATE_BATCH, f"batch_id: {payload.batch_id!r} settled at height {first.height} by {first.tx_id.hex()}")
    if not sessions.is_trading_day(payload.trade_date, ctx.rulebook):
        raise Rejection(pb.CODE_NOT_TRADING_DAY, f"trade_date: {payload.trade_date} is not a trading day of the calendar")
    today, last = sessions.trade_date_of(ctx.time_ms), t.MARKET_METADATA.get(ctx.state, LAST_TRADE_DATE, default=0)
    if not last <= payload.trade_date <= today:
        raise Rejection(pb.CODE_BATCH_TRADE_DATE_INVALID, f"trade_date: got {payload.trade_date}, want {last}..{today} "
                                                          "(not after the block's day, not before a day settled already)")
    quantity = sum(trade.quantity for trade in payload.trades)
    amount = sum(trade.price_fen * trade.quantity for trade in payload.trades)
    declared = (payload.trade_count, payload.total_quantity, payload.total_amount_fen)
    if declared != (len(payload.trades), quantity, amount):
        raise Rejection(pb.CODE_BATCH_TOTALS_MISMATCH, f"trade_count, total_quantity, total_amount_fen: got {declared}, "
                                                       f"the trades make {(len(payload.trades), quantity, amount)}")


def _pairs(buy: pb.Order, sell: pb.Order) -> bool:
    """Whether the two orders may trade together under their mode."""
    if buy.mode != sell.mode or buy.unit != sell.unit:
        return False
    if buy.mode == pb.TRADING_MODE_LISTING_AGREEMENT:
        # A taker with a maker of the level it chose (its price: the chosen maker's). The exchange
        # fills that level earliest maker first, so the maker need not be the one it named.
        return bool(buy.maker_order_id) != bool(sell.maker_order_id)
    if buy.mode == pb.TRADING_MODE_BLOCK_AGREEMENT:
        return buy.quote_order_id == sell.order_id or sell.quote_order_id == buy.order_id
    if buy.mode == pb.TRADING_MODE_AUCTION:
        return buy.auction_id == sell.order_id
    return True


def _require_trade(order_of, rulebook: pb.Rulebook, trade_date: int, trade: pb.Trade) -> tuple[pb.Order, pb.Order]:
    """Every check of one trade, before it changes anything; `order_of` reads an order as the
    batch's earlier trades left it."""
    buy, sell = order_of(trade.buy_order_id), order_of(trade.sell_order_id)
    for name, record, order_id in (("buy_order_id", buy, trade.buy_order_id), ("sell_order_id", sell, trade.sell_order_id)):
        if record is None:
            raise Rejection(pb.CODE_UNKNOWN_ORDER, f"{name}: no order {order_id.hex()}")
    if buy.side != pb.ORDER_SIDE_BUY or sell.side != pb.ORDER_SIDE_SELL:
        raise Rejection(pb.CODE_TRADE_SIDE_MISMATCH, "buy_order_id, sell_order_id: want a buy order and a sell order")
    for name, record in (("buy_order_id", buy), ("sell_order_id", sell)):
        require_open(record, name, record.order_id)
        if record.trade_date != trade_date:
            raise Rejection(pb.CODE_ORDER_NOT_OF_TRADE_DATE, f"{name}: placed on {record.trade_date}, the batch is {trade_date}'s")
    if not _pairs(buy, sell):
        raise Rejection(pb.CODE_TRADE_MODE_MISMATCH, "buy_order_id, sell_order_id: their modes, units or references do not pair")
    if buy.participant_id == sell.participant_id:
        raise Rejection(pb.CODE_TRADE_SAME_PARTICIPANT, f"buy_order_id, sell_order_id: both {buy.participant_id!r}'s")
    _require_price(rulebook, trade, buy, sell)
    if trade.quantity <= 0 or trade.quantity % rulebook.lot_tonnes or trade.quantity > min(buy.remaining, sell.remaining):
        raise Rejection(pb.CODE_TRADE_QUANTITY_EXCEEDS_REMAINDER,
                        f"quantity: got {trade.quantity}, want whole lots up to the remainders {buy.remaining} and {sell.remaining}")
    return buy, sell


def _require_price(rulebook: pb.Rulebook, trade: pb.Trade, buy: pb.Order, sell: pb.Order) -> None:
    price = trade.price_fen
    if price <= 0 or price % rulebook.tick_fen or not sell.price_fen <= price <= buy.price_fen:
        raise Rejection(pb.CODE_TRADE_PRICE_NOT_ALLOWED, f"price_fen: got {price}, want on the tick within {sell.price_fen}..{buy.price_fen}")
    if buy.mode == pb.TRADING_MODE_LISTING_AGREEMENT and not price == buy.price_fen == sell.price_fen:
        raise Rejection(pb.CODE_TRADE_PRICE_NOT_ALLOWED,
                        f"price_fen: got {price}, a listing trade is at the level its taker chose ({buy.price_fen} and {sell.price_fen})")
    if buy.mode == pb.TRADING_MODE_AUCTION and sell.clearing_price_fen and price != sell.clearing_price_fen:
        raise Rejection(pb.CODE_TRADE_PRICE_NOT_ALLOWED,
                        f"price_fen: got {price}, the auction cleared at {sell.clearing_price_fen} (one uniform price, art. 8)")


class _Batch:
    """A batch's effects, gathered trade by trade and written once at its end.

    Each trade is checked in full before it changes anything (`_require_trade` reads the orders as
    the batch's earlier trades left them), so a refused trade changes nothing. A settled trade
    changes its two orders (kept here) and money paid per order; everything else it moves (cash,
    holdings, reservations, levels, T+1) follows from what each order filled and paid, so it is
    written once per order at the batch's end, and the day's figures once per unit: 10,000 trades
    then cost a few dictionary updates each, not twenty state writes (bench/settlement.py). The
    trades themselves are kept once, in the batch's record, beside their results."""

    def __init__(self, state: State, rulebook: pb.Rulebook, payload: pb.SettleBatch) -> None:
        self.state, self.rulebook, self.payload = state, rulebook, payload
        self.orders: dict[bytes, pb.Order | None] = {}
        self.remaining_before: dict[bytes, int] = {}
        self.fen: dict[bytes, int] = {}  # order id -> fen its fills paid (a buy) or earned (a sell)
        self.days: dict[bytes, tuple[pb.Unit, pb.DaySummary]] = {}

    def order(self, order_id: bytes) -> pb.Order | None:
        if order_id not in self.orders:
            record = self.orders[order_id] = book.order(self.state, order_id)
            if record is not None:
                self.remaining_before[order_id] = record.remaining
        return self.orders[order_id]

    def settle(self, index: int) -> pb.Trade:
        trade = self.payload.trades[index]
        buy, sell = _require_trade(self.order, self.rulebook, self.payload.trade_date, trade)

        amount, quantity = trade.price_fen * trade.quantity, trade.quantity
        for record in (buy, sell):
            record.remaining -= quantity
            if record.remaining == 0:
                record.status = pb.ORDER_STATUS_FILLED
            self.fen[record.order_id] = self.fen.get(record.order_id, 0) + amount
        buy.reserved_fen -= buy.price_fen * quantity  # the over-reservation at a better price is released with it
        if sell.mode == pb.TRADING_MODE_AUCTION:
            sell.clearing_price_fen = trade.price_fen
        self._add_to_day(buy, trade)
        return trade

    def _add_to_day(self, order: pb.Order, trade: pb.Trade) -> None:
        """Market data: the day's volume, and for listed trades the open, high, low and close (the
        volume-weighted average price of the day's listed trades, rounded half up to the fen)."""
        unit_key = order.unit.SerializeToString()
        if unit_key not in self.days:
            day = t.DAY_SUMMARIES.get(self.state, order.unit, self.payload.trade_date) or pb.DaySummary(trade_date=self.payload.trade_date)
            self.days[unit_key] = (order.unit, day)
        day = self.days[unit_key][1]
        amount = trade.price_fen * trade.quantity
        day.quantity += trade.quantity
        day.amount_fen += amount
        day.trade_count += 1
        if order.mode in book.LISTED_MODES:
            if not day.listed_quantity:
                day.open_fen = day.high_fen = day.low_fen = trade.price_fen
            day.high_fen, day.low_fen = max(day.high_fen, trade.price_fen), min(day.low_fen, trade.price_fen)
            day.listed_quantity += trade.quantity
            day.listed_amount_fen += amount
            day.close_fen = (2 * day.listed_amount_fen + day.listed_quantity) // (2 * day.listed_quantity)

    def write(self) -> None:
        """Write what the settled trades changed: per order filled, then the day's figures."""
        state, cash = self.state, {}
        for order_id, record in self.orders.items():
            filled = 0 if record is None else self.remaining_before[order_id] - record.remaining
            if not filled:
                continue
            book.put_order(state, record)
            book.add_level(state, record, -filled)
            if record.side == pb.ORDER_SIDE_BUY:
                _add_cash(cash, record.participant_id, -self.fen[order_id], -record.price_fen * filled)
                book.add_counter(state, t.OPEN_BUYS, record.account_id, record.unit, -filled)
                state.add_balance(record.account_id, record.unit, filled)
                _add_bought_today(state, record.account_id, record.unit, self.payload.trade_date, filled)
            else:
                _add_cash(cash, book.cash_holder(record), self.fen[order_id], 0)
                book.add_counter(state, t.RESERVED_UNITS, record.account_id, record.unit, -filled)
        for holder, (balance, reserved) in cash.items():
            account = book.cash(state, holder)
            account.balance_fen += balance
            account.reserved_fen += reserved
            book.put_cash(state, account)
        for unit, day in self.days.values():
            t.DAY_SUMMARIES.put(state, day, unit, self.payload.trade_date)
            if day.listed_quantity:
                _set_close(state, unit, self.payload.trade_date, day.close_fen)


def _add_cash(cash: dict[str, tuple[int, int]], holder: str, balance: int, reserved: int) -> None:
    before = cash.get(holder, (0, 0))
    cash[holder] = (before[0] + balance, before[1] + reserved)


def _add_bought_today(state: State, account_id: str, unit: pb.Unit, trade_date: int, quantity: int) -> None:
    """T+1: what an account bought on a trading day is not sellable before the next."""
    record = t.BOUGHT_TODAY.get(state, account_id, unit)
    if record is None or record.trade_date != trade_date:
        record = pb.BoughtToday(trade_date=trade_date)
    record.quantity += quantity
    t.BOUGHT_TODAY.put(state, record, account_id, unit)


def _set_close(state: State, unit: pb.Unit, trade_date: int, close_fen: int) -> None:
    record = t.CLOSES.get(state, unit) or pb.CloseRecord()
    if record.trade_date != trade_date:
        assert record.trade_date < trade_date, "batches settle in order of trade date"
        record.previous_trade_date, record.previous_close_fen = record.trade_date, record.close_fen
        record.trade_date = trade_date
    record.close_fen = close_fen
    t.CLOSES.put(state, record, unit)


def _release_outcome(state: State, trade_date: int, order_id: bytes, status: int) -> pb.OrderReleased:
    record = require_open(book.order(state, order_id), "order_id", order_id)
    same_day = record.trade_date == trade_date if status == pb.ORDER_STATUS_CANCELLED else record.trade_date <= trade_date
    if not same_day:
        raise Rejection(pb.CODE_ORDER_NOT_OF_TRADE_DATE, f"order_id: placed on {record.trade_date}, the batch is {trade_date}'s")
    return book.release(state, record, status)


def settle_batch(ctx: TxContext, payload: pb.SettleBatch) -> None:
    _require_header(ctx, payload)

    day = t.RECONCILIATIONS.get(ctx.state, payload.trade_date) or pb.DayReconciliation(trade_date=payload.trade_date)
    result = pb.BatchSettled(batch_id=payload.batch_id, trade_date=payload.trade_date)
    batch = _Batch(ctx.state, ctx.rulebook, payload)
    for index in range(len(payload.trades)):
        try:
            trade = batch.settle(index)
        except Rejection as rejection:
            result.trades.add(index=index, code=rejection.code, detail=rejection.detail)
            continue
        result.trades.add(index=index, code=pb.CODE_OK)
        result.settled_count += 1
        result.settled_quantity += trade.quantity
        result.settled_amount_fen += trade.price_fen * trade.quantity
    batch.write()
    outcomes = [(order_id, pb.ORDER_STATUS_CANCELLED) for order_id in payload.cancelled_order_ids]
    outcomes += [(order_id, pb.ORDER_STATUS_EXPIRED) for order_id in payload.expired_order_ids]
    for order_id, status in outcomes:
        layer = ctx.state.child()
        try:
            _release_outcome(layer, payload.trade_date, order_id, status)
        except Rejection as rejection:
            result.outcomes.add(order_id=order_id, status=status, code=rejection.code, detail=rejection.detail)
            continue
        layer.merge_into_parent()
        result.outcomes.add(order_id=order_id, status=status, code=pb.CODE_OK)
    _record(ctx, payload, day, result)


def _record(ctx: TxContext, payload: pb.SettleBatch, day: pb.DayReconciliation, result: pb.BatchSettled) -> None:
    day.batch_count += 1
    day.settled_trade_count += result.settled_count
    day.declared_trade_count += payload.trade_count
    day.declared_quantity += payload.total_quantity
    day.declared_amount_fen += payload.total_amount_fen
    day.settled_quantity += result.settled_quantity
    day.settled_amount_fen += result.settled_amount_fen
    day.failed_trade_count += len(payload.trades) - result.settled_count
    t.RECONCILIATIONS.put(ctx.state, day, payload.trade_date)
    t.MARKET_METADATA.put(ctx.state, payload.trade_date, LAST_TRADE_DATE)
    t.BATCHES.put(ctx.state, pb.BatchRecord(batch_id=payload.batch_id, tx_id=ctx.tx_id, height=ctx.height, trade_date=payload.trade_date,
                                            trade_count=payload.trade_count, total_quantity=payload.total_quantity,
                                            total_amount_fen=payload.total_amount_fen, result=result, trades=payload.trades,
                                            day_sequence=day.batch_count), payload.batch_id)
    t.BATCHES_BY_DATE.put(ctx.state, payload.batch_id.encode(), payload.trade_date, day.batch_count)
    ctx.emit(batch_settled=result)


KINDS = (
    TxKind(name="settle_batch", domain="market", handler=settle_batch, signers=frozenset({pb.ROLE_EXCHANGE}), articles=("21", "22"),
           summary="The exchange's settlement batch: totals checked first, then each trade settled by itself, delivery versus "
                   "payment, with a result per trade; book outcomes release their orders' rest."),
)
