"""The end of a trading day and the close of an auction (arts. 8, 20): marks in the day's order flow.

The engine expires the day's open orders and clears the day's one-way auctions at a point of the
ledger order, so that anyone replaying the order flow reproduces those outcomes exactly; a clock
reading would not be replayable. The exchange signs `end_trading_day` once the block's time is
past the day's last session; the entry `ORDER_FLOW_ACTION_DAY_END` ends that day's flow, and the
ledger takes nothing more into it: a cancellation of one of its orders, or an order or auction
offer of that day under a later rulebook with longer sessions, is `TRADING_DAY_ENDED`. Days end in
order: an end of a day at or before the last ended one is `TRADING_DAY_ENDED` too.

An auction closes at its day's end, or earlier where its offerer (the ministry) signs
`close_auction`: the entry `ORDER_FLOW_ACTION_AUCTION_CLOSE` is where the engine clears it, and a
bid after it is `AUCTION_CLOSED`.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State
from cets.ledger.txs.common import TxContext
from cets.ledger.txs.kind import TxKind
from cets.ledger.txs.market import book, sessions

LAST_ENDED_TRADE_DATE = "last_ended_trade_date"


def last_ended(state: State) -> int:
    """The latest trading day whose end the ledger recorded (0: none)."""
    return t.MARKET_METADATA.get(state, LAST_ENDED_TRADE_DATE, default=0)


def require_day_open(state: State, name: str, trade_date: int) -> None:
    """The day's order flow still takes entries."""
    if trade_date <= last_ended(state):
        raise Rejection(pb.CODE_TRADING_DAY_ENDED, f"{name}: trading day {trade_date} has ended (the last ended is {last_ended(state)})")


def day_over(time_ms: int, trade_date: int, rulebook: pb.Rulebook) -> bool:
    """Whether `trade_date`'s last session is over at `time_ms`."""
    today = sessions.trade_date_of(time_ms)
    if trade_date != today:
        return trade_date < today
    last_end = max((session.end_minute for session in rulebook.trading_sessions), default=0)
    return sessions.minute_of_day(time_ms) >= last_end


def end_trading_day(ctx: TxContext, payload: pb.EndTradingDay) -> None:
    if not sessions.is_trading_day(payload.trade_date, ctx.rulebook):
        raise Rejection(pb.CODE_NOT_TRADING_DAY, f"trade_date: {payload.trade_date} is not a trading day of the calendar")
    if not day_over(ctx.time_ms, payload.trade_date, ctx.rulebook):
        raise Rejection(pb.CODE_TRADING_DAY_NOT_OVER,
                        f"trade_date: {payload.trade_date}'s last session is not over at block time {ctx.time_ms}")
    require_day_open(ctx.state, "trade_date", payload.trade_date)

    t.MARKET_METADATA.put(ctx.state, payload.trade_date, LAST_ENDED_TRADE_DATE)
    sequence = book.record_flow(ctx.state, pb.ORDER_FLOW_ACTION_DAY_END, pb.Order(trade_date=payload.trade_date), ctx.height)
    ctx.emit(trading_day_ended=pb.TradingDayEnded(trade_date=payload.trade_date, sequence=sequence))


def _closed_key(auction_id: bytes) -> str:
    return f"auction_closed/{auction_id.hex()}"


def require_auction_open(state: State, name: str, auction_id: bytes) -> None:
    if t.MARKET_METADATA.get(state, _closed_key(auction_id), default=0):
        raise Rejection(pb.CODE_AUCTION_CLOSED, f"{name}: the auction {auction_id.hex()} is closed")


def close_auction(ctx: TxContext, payload: pb.CloseAuction) -> None:
    from cets.ledger.txs.market.orders import require_open

    offer = book.require_order(ctx.state, "auction_id", payload.auction_id)
    if offer.mode != pb.TRADING_MODE_AUCTION or offer.side != pb.ORDER_SIDE_SELL:
        raise Rejection(pb.CODE_INVALID_FIELD, f"auction_id: {payload.auction_id.hex()} is not an auction offer")
    if offer.participant_id != ctx.signer.participant_id:
        raise Rejection(pb.CODE_NOT_ORDER_OWNER, f"auction_id: {payload.auction_id.hex()} is {offer.participant_id!r}'s")
    require_open(offer, "auction_id", payload.auction_id)
    require_day_open(ctx.state, "auction_id", offer.trade_date)
    require_auction_open(ctx.state, "auction_id", payload.auction_id)

    t.MARKET_METADATA.put(ctx.state, 1, _closed_key(payload.auction_id))
    marker = pb.Order(order_id=offer.order_id, side=offer.side, mode=offer.mode, unit=offer.unit, trade_date=offer.trade_date)
    sequence = book.record_flow(ctx.state, pb.ORDER_FLOW_ACTION_AUCTION_CLOSE, marker, ctx.height)
    ctx.emit(auction_closed=pb.AuctionClosed(auction_id=offer.order_id, trade_date=offer.trade_date, sequence=sequence))


KINDS = (
    TxKind(name="end_trading_day", domain="market", handler=end_trading_day, signers=frozenset({pb.ROLE_EXCHANGE}), articles=("8", "20"),
           summary="The exchange ends a trading day after its last session: the day's order flow records the end, where the "
                   "engine expires the open orders and clears the day's auctions, and takes no entry after it."),
    TxKind(name="close_auction", domain="market", handler=close_auction, signers=frozenset({pb.ROLE_MINISTRY}), articles=("8",),
           summary="The ministry closes its one-way auction before the day's end: the order flow records the close, where the "
                   "engine clears the auction at one uniform price; no bid is taken after it."),
)
