"""The engine over the chain's records: the ledger's order flow as engine events, the rulebook as
engine parameters, a unit's book replayed from a day's flow, and daily bars from the ledger's day
summaries. Pure (no I/O, no clock): the `Trading` service and the demo read the chain and hand
the records in.

The engine knows no units: each unit is its own market, so a flow is filtered by unit before it is
replayed. Time priority is the flow's (height, sequence), the ledger's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cets.v1 import messages as pb
from cets.exchange.engine import AuctionClose, AuctionOffer, Cancel, Engine, Event, Mode, Order, Parameters, Side
from cets.exchange.engine.market import close_price


def parameters_of(rulebook: pb.Rulebook) -> Parameters:
    """The rulebook's trading fields as the engine reads them."""
    return Parameters(
        tick_fen=rulebook.tick_fen, lot_tonnes=rulebook.lot_tonnes, listing_quantity_below=rulebook.block_threshold_tonnes,
        listing_band_bp=rulebook.listing_band_bps, block_band_bp=rulebook.block_band_bps, open_band_bp=rulebook.open_bidding_band_bps,
        open_quantity_max=rulebook.open_bidding_quantity_max, best_levels=rulebook.best_levels,
        enabled_modes=frozenset(Mode(mode) for mode in rulebook.enabled_modes))


def event_of(entry: pb.OrderFlowEntry) -> Event:
    """One entry of a day's order flow as the engine's event."""
    record, height, index = entry.order, entry.height, entry.sequence
    order_id = record.order_id.hex()
    if entry.action == pb.ORDER_FLOW_ACTION_CANCEL:
        return Cancel(order_id, height, index)
    if entry.action == pb.ORDER_FLOW_ACTION_AUCTION_OFFER:
        return AuctionOffer(order_id, height, index, record.participant_id, record.account_id, record.quantity, record.price_fen)
    accepts = record.quote_order_id.hex()
    return Order(order_id, height, index, record.participant_id, record.account_id, Side(record.side), Mode(record.mode),
                 record.price_fen, record.quantity, taker=bool(record.maker_order_id), counterparty=record.counterparty,
                 accepts=accepts, auction_id=record.auction_id.hex())


def events_of(entries: Iterable[pb.OrderFlowEntry], unit: pb.Unit) -> Iterator[Event]:
    """The events of one unit's market, in ledger order."""
    for entry in entries:
        if entry.order.unit == unit:
            yield event_of(entry)


def replayed(entries: Iterable[pb.OrderFlowEntry], unit: pb.Unit, rulebook: pb.Rulebook, previous_close_fen: int | None,
             close_auctions: bool = False, released: Callable[[str], bool] | None = None) -> tuple[Engine, list]:
    """An engine after one unit's day of order flow, and every outcome it wrote. `released`: then
    take off the book every open order it says a settled batch released (cancelled or expired by
    the exchange's book outcomes, which the order flow does not carry). `close_auctions`: then
    clear every auction still open, as the exchange does at an auction's close."""
    engine = Engine(parameters_of(rulebook), previous_close_fen)
    outcomes: list = []
    for event in events_of(entries, unit):
        engine.apply_into(event, outcomes)
    if released is not None:
        for order_id in [order_id for order_id in engine.open_orders if released(order_id)]:
            engine.apply_into(Cancel(order_id, engine.height, engine.index), outcomes)
    if close_auctions:
        for auction_id in list(engine.auctions):
            engine.apply_into(AuctionClose(auction_id, engine.height, engine.index), outcomes)
    return engine, outcomes


@dataclass(frozen=True, slots=True)
class Bar:
    trading_day: int
    open_fen: int
    high_fen: int
    low_fen: int
    close_fen: int
    volume: int
    turnover_fen: int
    listed_volume: int


def daily_bars(summaries: Iterable[pb.DaySummary], trading_days: Iterable[int], tick_fen: int, reference_fen: int) -> list[Bar]:
    """One bar per trading day of `trading_days` (ascending), from the ledger's day summaries (any
    days, ascending; those before the range carry the close forward). The close is the engine's
    rule (`close_price`: the listed trades' VWAP on the tick, the previous close when none), and
    the first previous close is the rulebook's initial reference."""
    days = list(trading_days)
    first = days[0] if days else 0
    summary_of = {}
    previous = reference_fen
    for summary in summaries:
        if summary.trade_date < first:
            previous = close_price(summary.listed_amount_fen, summary.listed_quantity, tick_fen, previous)
        else:
            summary_of[summary.trade_date] = summary
    bars = []
    for day in days:
        summary = summary_of.get(day) or pb.DaySummary(trade_date=day)
        previous = close_price(summary.listed_amount_fen, summary.listed_quantity, tick_fen, previous)
        bars.append(Bar(day, summary.open_fen, summary.high_fen, summary.low_fen, previous, summary.quantity, summary.amount_fen,
                        summary.listed_quantity))
    return bars
