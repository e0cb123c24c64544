"""Orders (arts. 17-20): placed and cancelled by the trader as ledger transactions, and the
ministry's one-way auction offers (art. 8). An order's priority is its place in the day's order
flow on the ledger, never a clock; the exchange's engine replays that flow.

At acceptance, in this order: the account (the signer's own; eligibility), the side, mode (enabled
by the rulebook) and unit, the price (positive, on the tick) and the quantity (positive, on the
lot, within the mode's range), the session (block time on a trading day of the calendar, in a
session; block agreements in the afternoon), the band around the previous close, what the order
names (a listing taker's maker among the best levels, a block accept's quote, an auction bid's
offer), the position limit of a buy, and what it reserves: the buyer's available funds (limit
price x quantity) or the seller's allowances, less those bought on the same trading day (T+1).

**Who trades.** Key emitters through their holding accounts, institutions and individuals through
their trading accounts: the signer's own account, of one of those kinds (`require_may_trade`).
The ministry sells only through auction offers from its auction account.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, identity
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import (
    TxContext, require_account, require_enum, require_holder, require_participant, require_positive_at_most, require_unit,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.market import book, day_end, sessions
from cets.ledger.txs.supervision import restrictions

TRADING_ACCOUNT_KINDS = frozenset({pb.ACCOUNT_KIND_EMITTER_HOLDING, pb.ACCOUNT_KIND_TRADING})
_BANDS = {pb.TRADING_MODE_OPEN_BIDDING: "open_bidding_band_bps", pb.TRADING_MODE_LISTING_AGREEMENT: "listing_band_bps",
          pb.TRADING_MODE_BLOCK_AGREEMENT: "block_band_bps"}
_OPPOSITE = {pb.ORDER_SIDE_BUY: pb.ORDER_SIDE_SELL, pb.ORDER_SIDE_SELL: pb.ORDER_SIDE_BUY}


def require_may_trade(ctx: TxContext, account: pb.Account, side: int) -> None:
    """Arts. 17-18: who may trade from which account. THE call site of order entry for what bars a
    participant or an account from trading: first the eligibility the market owns (a trading role,
    its own holding or trading account; the signer roles already keep other roles out, so this is
    a guard), then the measures of arts. 45 and 47 and the blacklist of art. 49 (suspended buying
    or selling, revoked eligibility, a suspended account or business: `restrictions.py`, each
    with the measure's own code). Auction offers are the ministry's, and cancellations only
    release, so neither passes here."""
    if ctx.signer.role not in authz.HOLDERS or account.kind not in TRADING_ACCOUNT_KINDS:
        raise Rejection(pb.CODE_NOT_ELIGIBLE_TO_TRADE,
                        f"account_id: {pb.AccountKind.Name(account.kind)} of a {pb.Role.Name(ctx.signer.role)} does not trade")
    operation = pb.RESTRICTED_OPERATION_BUY if side == pb.ORDER_SIDE_BUY else pb.RESTRICTED_OPERATION_SELL
    restrictions.require_allowed(ctx, "account_id", ctx.signer.participant_id, account.account_id, operation)


def require_open(record: pb.Order | None, name: str, order_id: bytes) -> pb.Order:
    if record is None:
        raise Rejection(pb.CODE_UNKNOWN_ORDER, f"{name}: no order {order_id.hex()}")
    if record.status == pb.ORDER_STATUS_FILLED:
        raise Rejection(pb.CODE_ORDER_ALREADY_FILLED, f"{name}: {order_id.hex()} is filled")
    if record.status != pb.ORDER_STATUS_OPEN:
        raise Rejection(pb.CODE_ORDER_NOT_OPEN, f"{name}: {order_id.hex()} is {pb.OrderStatus.Name(record.status)}")
    return record


def _require_price_and_quantity(ctx: TxContext, price_name: str, price_fen: int, quantity: int) -> None:
    rules = ctx.rulebook
    require_positive_at_most(price_name, price_fen, rules.price_fen_max)
    if price_fen % rules.tick_fen:
        raise Rejection(pb.CODE_OFF_TICK, f"{price_name}: got {price_fen}, want a multiple of the tick {rules.tick_fen} fen")
    require_positive_at_most("quantity", quantity, rules.amount_max)
    if quantity % rules.lot_tonnes:
        raise Rejection(pb.CODE_OFF_LOT, f"quantity: got {quantity}, want a multiple of the lot {rules.lot_tonnes} t")


def _require_mode(ctx: TxContext, mode: int) -> None:
    require_enum("mode", mode, pb.TradingMode)
    if mode not in ctx.rulebook.enabled_modes:
        raise Rejection(pb.CODE_TRADING_MODE_DISABLED, f"mode: {pb.TradingMode.Name(mode)} is not enabled by the rulebook")


def _require_mode_range(ctx: TxContext, payload: pb.PlaceOrder) -> None:
    """Listing and open bidding below the block threshold, block agreements from it (2021 rules)."""
    threshold = ctx.rulebook.block_threshold_tonnes
    if payload.mode == pb.TRADING_MODE_BLOCK_AGREEMENT and payload.quantity < threshold:
        raise Rejection(pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE, f"quantity: got {payload.quantity}, a block agreement needs >= {threshold}")
    if payload.mode == pb.TRADING_MODE_LISTING_AGREEMENT and payload.quantity >= threshold:
        raise Rejection(pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE, f"quantity: got {payload.quantity}, a listing order stays below {threshold}")
    if payload.mode == pb.TRADING_MODE_OPEN_BIDDING and payload.quantity > ctx.rulebook.open_bidding_quantity_max:
        raise Rejection(pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE,
                        f"quantity: got {payload.quantity}, an open-bidding order is at most {ctx.rulebook.open_bidding_quantity_max}")
    fields = {"maker_order_id": pb.TRADING_MODE_LISTING_AGREEMENT, "counterparty": pb.TRADING_MODE_BLOCK_AGREEMENT,
              "quote_order_id": pb.TRADING_MODE_BLOCK_AGREEMENT, "auction_id": pb.TRADING_MODE_AUCTION}
    for name, mode in fields.items():
        if getattr(payload, name) and payload.mode != mode:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: only for {pb.TradingMode.Name(mode)}")


def _require_band(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    if payload.mode not in _BANDS:
        return  # an auction's price is bounded by its reserve
    band_bps = getattr(ctx.rulebook, _BANDS[payload.mode])
    reference = book.previous_close(ctx.state, payload.unit, trade_date, ctx.rulebook)
    low, high = book.band(reference, band_bps)
    if not low <= payload.price_fen <= high:
        raise Rejection(pb.CODE_PRICE_OUTSIDE_BAND,
                        f"price_fen: got {payload.price_fen}, want {low}..{high} ({band_bps} bps around the previous close {reference})")


def _require_counterpart(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    """What a listing taker, a block quote or accept, or an auction bid names."""
    if payload.maker_order_id:
        _require_maker(ctx, payload, trade_date)
    elif payload.mode == pb.TRADING_MODE_BLOCK_AGREEMENT:
        if payload.quote_order_id:
            _require_quote(ctx, payload, trade_date)
        else:
            counterparty = require_participant(ctx, "counterparty", payload.counterparty)
            if counterparty.role not in authz.HOLDERS or counterparty.participant_id == ctx.signer.participant_id:
                raise Rejection(pb.CODE_INVALID_FIELD, f"counterparty: {payload.counterparty!r} is not another trading participant")
    elif payload.mode == pb.TRADING_MODE_AUCTION:
        _require_auction(ctx, payload, trade_date)


def _require_same_book(name: str, other: pb.Order, payload: pb.PlaceOrder, trade_date: int) -> None:
    if other.side != _OPPOSITE[payload.side] or other.mode != payload.mode or other.unit != payload.unit or other.trade_date != trade_date:
        raise Rejection(pb.CODE_QUOTE_MISMATCH, f"{name}: {other.order_id.hex()} is not an opposite order of this mode, unit and day")


def _require_maker(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    maker = require_open(book.order(ctx.state, payload.maker_order_id), "maker_order_id", payload.maker_order_id)
    _require_same_book("maker_order_id", maker, payload, trade_date)
    if maker.maker_order_id or maker.participant_id == ctx.signer.participant_id:
        raise Rejection(pb.CODE_QUOTE_MISMATCH, "maker_order_id: a taker's order, or the signer's own")
    if payload.price_fen != maker.price_fen:  # a taker trades at the counterparty's price, and names that level
        raise Rejection(pb.CODE_QUOTE_MISMATCH, f"price_fen: got {payload.price_fen}, the maker's price is {maker.price_fen}")
    levels = book.best_prices(ctx.state, maker.mode, maker.unit, maker.side, ctx.rulebook.best_levels)
    worst = levels[-1][0]
    inside = maker.price_fen <= worst if maker.side == pb.ORDER_SIDE_SELL else maker.price_fen >= worst
    if not inside:
        raise Rejection(pb.CODE_MAKER_NOT_IN_BEST_LEVELS,
                        f"maker_order_id: price {maker.price_fen} is outside the best {ctx.rulebook.best_levels} levels (to {worst})")


def _require_quote(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    quote = require_open(book.order(ctx.state, payload.quote_order_id), "quote_order_id", payload.quote_order_id)
    _require_same_book("quote_order_id", quote, payload, trade_date)
    if quote.quote_order_id or quote.counterparty != ctx.signer.participant_id:
        raise Rejection(pb.CODE_QUOTE_MISMATCH, f"quote_order_id: names {quote.counterparty!r}, not the signer")
    if (payload.price_fen, payload.quantity) != (quote.price_fen, quote.quantity):
        raise Rejection(pb.CODE_QUOTE_MISMATCH, f"price_fen, quantity: got {payload.price_fen}, {payload.quantity}; "
                                                f"the quote says {quote.price_fen}, {quote.quantity}")
    if payload.counterparty and payload.counterparty != quote.participant_id:
        raise Rejection(pb.CODE_QUOTE_MISMATCH, f"counterparty: got {payload.counterparty!r}, the quote is {quote.participant_id!r}'s")


def _require_auction(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    if payload.side != pb.ORDER_SIDE_BUY:
        raise Rejection(pb.CODE_INVALID_FIELD, "side: an auction takes bids only (the ministry offers)")
    if not payload.auction_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "auction_id: missing")
    offer = require_open(book.order(ctx.state, payload.auction_id), "auction_id", payload.auction_id)
    _require_same_book("auction_id", offer, payload, trade_date)
    day_end.require_auction_open(ctx.state, "auction_id", payload.auction_id)
    if payload.price_fen < offer.price_fen or payload.quantity > offer.quantity:
        raise Rejection(pb.CODE_BELOW_RESERVE_PRICE, f"price_fen, quantity: got {payload.price_fen}, {payload.quantity}; "
                                                     f"want >= the reserve {offer.price_fen} and <= the offer's {offer.quantity}")


def position_limit(ctx: TxContext, unit: pb.Unit) -> int | None:
    """The signer's position limit for `unit` (None: its category has none)."""
    for limit in ctx.rulebook.position_limits:
        if limit.role == ctx.signer.role:
            extra = ctx.state.allocated(ctx.signer.participant_id, unit.vintage) if limit.plus_allocation else 0
            return limit.tonnes_max + extra
    return None


def position(state, account_id: str, unit: pb.Unit) -> int:
    """Holdings, units reserved for sale, and what open buys may still buy."""
    return (state.balance(account_id, unit) + t.RESERVED_UNITS.get(state, account_id, unit, default=0)
            + t.OPEN_BUYS.get(state, account_id, unit, default=0))


def _require_reservable(ctx: TxContext, payload: pb.PlaceOrder, trade_date: int) -> None:
    if payload.side == pb.ORDER_SIDE_BUY:
        limit = position_limit(ctx, payload.unit)
        held = position(ctx.state, payload.account_id, payload.unit)
        if limit is not None and held + payload.quantity > limit:
            raise Rejection(pb.CODE_POSITION_LIMIT_EXCEEDED, f"quantity: position {held} + {payload.quantity} passes the limit {limit}")
        available = book.available_fen(book.cash(ctx.state, ctx.signer.participant_id))
        if payload.price_fen * payload.quantity > available:
            raise Rejection(pb.CODE_INSUFFICIENT_AVAILABLE_FUNDS,
                            f"price_fen x quantity: {payload.price_fen * payload.quantity} fen, available {available}")
        return
    holdings = ctx.state.balance(payload.account_id, payload.unit)
    if holdings < payload.quantity:
        raise Rejection(pb.CODE_INSUFFICIENT_BALANCE, f"quantity: got {payload.quantity}, {payload.account_id} holds {holdings}")
    bought = t.BOUGHT_TODAY.get(ctx.state, payload.account_id, payload.unit)
    today = bought.quantity if bought is not None and bought.trade_date == trade_date else 0
    if holdings - today < payload.quantity:
        raise Rejection(pb.CODE_BOUGHT_TODAY_NOT_SELLABLE,
                        f"quantity: got {payload.quantity}, sellable {holdings - today} ({today} bought today settle T+1)")


def place_order(ctx: TxContext, payload: pb.PlaceOrder) -> None:
    account = require_account(ctx, "account_id", payload.account_id)
    require_holder(ctx, "account_id", account)
    require_enum("side", payload.side, pb.OrderSide)
    require_may_trade(ctx, account, payload.side)
    _require_mode(ctx, payload.mode)
    require_unit(ctx, "unit", payload.unit)
    _require_price_and_quantity(ctx, "price_fen", payload.price_fen, payload.quantity)
    _require_mode_range(ctx, payload)
    trade_date = sessions.require_session(ctx.time_ms, ctx.rulebook, payload.mode)
    day_end.require_day_open(ctx.state, "block time", trade_date)
    _require_band(ctx, payload, trade_date)
    _require_counterpart(ctx, payload, trade_date)
    _require_reservable(ctx, payload, trade_date)

    record = pb.Order(order_id=ctx.tx_id, participant_id=ctx.signer.participant_id, account_id=account.account_id, side=payload.side,
                      mode=payload.mode, unit=payload.unit, price_fen=payload.price_fen, quantity=payload.quantity,
                      remaining=payload.quantity, status=pb.ORDER_STATUS_OPEN, trade_date=trade_date, height=ctx.height,
                      maker_order_id=payload.maker_order_id, counterparty=payload.counterparty, quote_order_id=payload.quote_order_id,
                      auction_id=payload.auction_id, time_ms=ctx.time_ms)
    _accept(ctx, record, pb.ORDER_FLOW_ACTION_PLACE)


def _accept(ctx: TxContext, record: pb.Order, action: int) -> None:
    """Reserve, index and record an order that passed every check."""
    if record.side == pb.ORDER_SIDE_BUY:
        record.reserved_fen = record.price_fen * record.quantity
        holder = book.cash(ctx.state, record.participant_id)
        holder.reserved_fen += record.reserved_fen
        book.put_cash(ctx.state, holder)
        book.add_counter(ctx.state, t.OPEN_BUYS, record.account_id, record.unit, record.quantity)
    else:
        ctx.state.add_balance(record.account_id, record.unit, -record.quantity)
        book.add_counter(ctx.state, t.RESERVED_UNITS, record.account_id, record.unit, record.quantity)
    book.record_flow(ctx.state, action, record, ctx.height)
    book.put_order(ctx.state, record)
    book.add_level(ctx.state, record, record.quantity)
    t.ORDERS_BY_ACCOUNT.put(ctx.state, record.order_id, record.account_id, record.trade_date, record.sequence)
    reserved_quantity = record.quantity if record.side == pb.ORDER_SIDE_SELL else 0
    ctx.emit(order_placed=pb.OrderPlaced(order_id=record.order_id, trade_date=record.trade_date, sequence=record.sequence,
                                         reserved_fen=record.reserved_fen, reserved_quantity=reserved_quantity))


def auction_offer(ctx: TxContext, payload: pb.AuctionOffer) -> None:
    """Art. 8: the ministry offers allowances of its auction account, with a reserve price."""
    _require_mode(ctx, pb.TRADING_MODE_AUCTION)
    require_unit(ctx, "unit", payload.unit)
    _require_price_and_quantity(ctx, "reserve_price_fen", payload.reserve_price_fen, payload.quantity)
    trade_date = sessions.require_session(ctx.time_ms, ctx.rulebook, pb.TRADING_MODE_AUCTION)
    day_end.require_day_open(ctx.state, "block time", trade_date)
    holds = ctx.state.balance(identity.AUCTION_ACCOUNT, payload.unit)
    if holds < payload.quantity:
        raise Rejection(pb.CODE_INSUFFICIENT_BALANCE, f"quantity: got {payload.quantity}, the auction account holds {holds}")

    record = pb.Order(order_id=ctx.tx_id, participant_id=ctx.signer.participant_id, account_id=identity.AUCTION_ACCOUNT,
                      side=pb.ORDER_SIDE_SELL, mode=pb.TRADING_MODE_AUCTION, unit=payload.unit, price_fen=payload.reserve_price_fen,
                      quantity=payload.quantity, remaining=payload.quantity, status=pb.ORDER_STATUS_OPEN, trade_date=trade_date,
                      height=ctx.height, time_ms=ctx.time_ms)
    _accept(ctx, record, pb.ORDER_FLOW_ACTION_AUCTION_OFFER)


def cancel_order(ctx: TxContext, payload: pb.CancelOrder) -> None:
    """Only the order's owner cancels it (the exchange's book cancels through a batch's outcomes)."""
    record = book.require_order(ctx.state, "order_id", payload.order_id)
    if record.participant_id != ctx.signer.participant_id:
        raise Rejection(pb.CODE_NOT_ORDER_OWNER, f"order_id: {payload.order_id.hex()} is {record.participant_id!r}'s")
    require_open(record, "order_id", payload.order_id)
    day_end.require_day_open(ctx.state, "order_id", record.trade_date)

    released = book.release(ctx.state, record, pb.ORDER_STATUS_CANCELLED)
    marker = pb.Order(order_id=record.order_id, side=record.side, mode=record.mode, unit=record.unit, trade_date=record.trade_date)
    book.record_flow(ctx.state, pb.ORDER_FLOW_ACTION_CANCEL, marker, ctx.height)
    ctx.emit(order_released=released)


_ORDER_FLAGS = {"account": "account_id", "side": "side", "mode": "mode", "vintage": "unit.vintage", "price-fen": "price_fen",
                "quantity": "quantity", "maker": "maker_order_id", "counterparty": "counterparty", "quote": "quote_order_id",
                "auction": "auction_id"}
KINDS = (
    TxKind(name="place_order", domain="market", handler=place_order, signers=authz.HOLDERS, articles=("17-18", "19-20"),
           summary="A trader places an order in a trading mode; its funds or allowances are reserved until it trades, is "
                   "cancelled or expires.",
           cli=Cli(command="order place", help="place an order (open bidding, listing or block agreement, auction bid)", flags=_ORDER_FLAGS,
                   fixed={"unit.product": "PRODUCT_CEA"}, optional=frozenset({"maker", "counterparty", "quote", "auction"}))),
    TxKind(name="cancel_order", domain="market", handler=cancel_order, signers=authz.HOLDERS | {pb.ROLE_MINISTRY}, articles=("19-20",),
           summary="An order's owner cancels its rest; the reservation is released.",
           cli=Cli(command="order cancel", help="cancel the rest of one's own order", flags={"order": "order_id"})),
    TxKind(name="auction_offer", domain="market", handler=auction_offer, signers=frozenset({pb.ROLE_MINISTRY}), articles=("8",),
           summary="The ministry offers allowances of its auction account at a one-way auction with a reserve price (paid allocation).",
           cli=Cli(command="auction-offer", help="offer allowances at a one-way auction (the ministry)",
                   flags={"vintage": "unit.vintage", "quantity": "quantity", "reserve-price-fen": "reserve_price_fen"},
                   fixed={"unit.product": "PRODUCT_CEA"})),
)
