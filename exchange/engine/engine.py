"""The matching engine: events in ledger order in, trades and book outcomes out.

Pure and deterministic: no clock, no randomness, no I/O. Time priority is the arrival order of
the events, and the engine refuses events out of ledger sequence (`SequenceError`), so arrival
order is ledger order. Every outcome is written while its event is applied, in an order fixed by
the event and the book alone (see each handler), so the same events give the same outcomes and a
prefix of the events gives a prefix of the outcomes.
"""

from __future__ import annotations

from cets.exchange.engine import reasons
from cets.exchange.engine.auction import Bid, clear
from cets.exchange.engine.book import Resting, SideBook
from cets.exchange.engine.market import DailyBar, MarketDay
from cets.exchange.engine.types import (
    AuctionClose, AuctionOffer, Cancel, Closed, Closure, DayEnd, Event, Mode, Order, Outcome, Parameters,
    Side, Trade,
)

BOOK_MODES = (Mode.OPEN_BIDDING, Mode.LISTING)
# Module constants: an enum member read through its class costs a lookup on the hot path.
BUY, SELL = Side.BUY, Side.SELL
OPEN_BIDDING, LISTING, BLOCK = Mode.OPEN_BIDDING, Mode.LISTING, Mode.BLOCK


class SequenceError(ValueError):
    """An event arrived before one with a later ledger sequence: the caller broke the contract."""


class Auction:
    __slots__ = ("offer", "bids")

    def __init__(self, offer: AuctionOffer):
        self.offer = offer
        self.bids: list[Resting] = []  # in sequence; a cancelled bid keeps its place with remaining 0


class Engine:
    """The books of every mode, the open auctions and the day's market data."""

    def __init__(self, params: Parameters | None = None, previous_close_fen: int | None = None):
        self.params = params or Parameters()
        self.previous_close_fen = previous_close_fen
        self.sides = {(mode, side): SideBook(side) for mode in BOOK_MODES for side in Side}
        # Open bidding's books by the side an incoming order trades against (the hot path).
        self.open_opposite = {BUY: self.sides[OPEN_BIDDING, SELL], SELL: self.sides[OPEN_BIDDING, BUY]}
        self.quotes: dict[str, Resting] = {}  # open block quotes by order id
        self.auctions: dict[str, Auction] = {}
        self.open_orders: dict[str, Resting] = {}  # every open order, in sequence (dicts keep insertion order)
        self.day = MarketDay(self.params.close_modes)
        self.bars: list[DailyBar] = []
        self.height = self.index = -1
        self.handlers = {Order: self.on_order, Cancel: self.on_cancel, DayEnd: self.on_day_end,
                         AuctionOffer: self.on_auction_offer, AuctionClose: self.on_auction_close}

    # ---- the entry points ---------------------------------------------------------------

    def apply(self, event: Event) -> list[Outcome]:
        """The outcomes of one event."""
        out: list[Outcome] = []
        self.apply_into(event, out)
        return out

    def apply_into(self, event: Event, out: list[Outcome]) -> None:
        """Append the outcomes of `event` to `out` (the replay loop's form: no list per event)."""
        height, index = event.height, event.index
        if height < self.height or (height == self.height and index < self.index):
            raise SequenceError(f"event at ({height}, {index}) after ({self.height}, {self.index})")
        self.height, self.index = height, index
        self.handlers[type(event)](event, out)

    # ---- queries ------------------------------------------------------------------------

    def depth(self, mode: Mode, side: Side, levels: int | None = None) -> list[tuple[int, int]]:
        """The best levels of one side of a book, best first, as (price fen, open tonnes)."""
        return self.sides[mode, side].depth(self.params.best_levels if levels is None else levels)

    def remaining(self, order_id: str) -> int:
        """What is still open of an order (0 when it is not open)."""
        resting = self.open_orders.get(order_id)
        return resting.remaining if resting else 0

    # ---- orders -------------------------------------------------------------------------

    def on_order(self, order: Order, out: list[Outcome]) -> None:
        if order.order_id in self.open_orders:
            out.append(Closure(order.order_id, Closed.REJECTED, order.quantity, reasons.DUPLICATE_ID))
            return
        mode = order.mode
        if mode is OPEN_BIDDING:
            self.match_open(order, out)
        elif mode is LISTING:
            if order.taker:
                self.take_listing(order, out)
            else:
                self.open_orders[order.order_id] = self.sides[LISTING, order.side].add(order, order.quantity)
        elif mode is BLOCK:
            if order.accepts:
                self.accept_quote(order, out)
            else:
                self.open_orders[order.order_id] = self.quotes[order.order_id] = Resting(order, order.quantity, 0)
        else:
            self.bid(order, out)

    def match_open(self, order: Order, out: list[Outcome]) -> None:
        """Open bidding: trade against the other side, best price first, earliest first within a
        price, at the resting order's price, while the prices cross; rest the remainder. So the
        book is never crossed after an order is applied."""
        other = self.open_opposite[order.side]
        keys = other.keys
        threshold = other.sign * order.price_fen  # the other side's keys at or above it cross
        remaining = order.quantity
        while remaining and keys and keys[-1] >= threshold:
            remaining = self.fill_level(order, other, keys[-1], remaining, out)
        if remaining:
            self.open_orders[order.order_id] = self.sides[OPEN_BIDDING, order.side].add(order, remaining)

    def take_listing(self, order: Order, out: list[Outcome]) -> None:
        """Listing agreement taker: trade at the chosen level of the other side's listing book
        (one of its best N), at the makers' price, earliest maker first; the remainder is
        released (a taker never rests)."""
        other = self.sides[LISTING, SELL if order.side is BUY else BUY]
        if not other.is_among_best(order.price_fen, self.params.best_levels):
            out.append(Closure(order.order_id, Closed.REJECTED, order.quantity, reasons.LEVEL_NOT_AVAILABLE))
            return
        remaining = self.fill_level(order, other, other.sign * order.price_fen, order.quantity, out)
        if remaining:
            out.append(Closure(order.order_id, Closed.UNFILLED, remaining, reasons.TAKER_REMAINDER))

    def fill_level(self, order: Order, other: SideBook, key: int, remaining: int, out: list[Outcome]) -> int:
        """Fill up to `remaining` tonnes of the incoming `order` from the level `key` of `other`,
        earliest first, at the level's price; drop the level once empty. What is left to fill."""
        level = other.levels[key]
        queue, price, mode, taker_id = level.queue, other.sign * key, order.mode, order.order_id
        buying = order.side is BUY
        open_orders, record = self.open_orders, self.day.record
        while remaining and level.quantity:
            maker = queue[0]
            have = maker.remaining
            if not have:  # cancelled in place: dropped when it reaches the head
                queue.popleft()
                continue
            fill = remaining if remaining < have else have
            maker_id = maker.order.order_id
            out.append(Trade(taker_id, maker_id, price, fill, mode) if buying else Trade(maker_id, taker_id, price, fill, mode))
            record(price, fill, mode)
            remaining -= fill
            level.quantity -= fill
            if fill == have:
                maker.remaining = 0
                queue.popleft()
                del open_orders[maker_id]
            else:
                maker.remaining = have - fill
        if not level.quantity:
            other.drop_level(key)
        return remaining

    def accept_quote(self, order: Order, out: list[Outcome]) -> None:
        """Block agreement: the participant a quote names accepts it, on the opposite side at the
        quote's price and whole quantity; the quote trades whole at its price."""
        quote = self.quotes.get(order.accepts)
        terms = quote.order if quote else None
        if terms is None:
            reason = reasons.QUOTE_NOT_OPEN
        elif order.participant != terms.counterparty:
            reason = reasons.NOT_NAMED_COUNTERPARTY
        elif order.side is terms.side or order.price_fen != terms.price_fen or order.quantity != quote.remaining:
            reason = reasons.QUOTE_TERMS_DIFFER
        else:
            reason = None
        if reason:
            out.append(Closure(order.order_id, Closed.REJECTED, order.quantity, reason))
            return
        del self.quotes[terms.order_id], self.open_orders[terms.order_id]
        quote.remaining = 0
        buy, sell = (order, terms) if order.side is BUY else (terms, order)
        out.append(Trade(buy.order_id, sell.order_id, terms.price_fen, order.quantity, Mode.BLOCK))
        self.day.record(terms.price_fen, order.quantity, Mode.BLOCK)

    # ---- cancels and the end of the day ---------------------------------------------------

    def on_cancel(self, cancel: Cancel, out: list[Outcome]) -> None:
        """Release what is left of an open order; a cancel that finds none changes nothing."""
        resting = self.open_orders.pop(cancel.order_id, None)
        if resting is None:
            out.append(Closure(cancel.order_id, Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN))
            return
        out.append(Closure(cancel.order_id, Closed.CANCELLED, self.take_off(resting), ""))

    def take_off(self, resting: Resting) -> int:
        order = resting.order
        if order.mode in BOOK_MODES:
            return self.sides[order.mode, order.side].remove(resting)
        if order.mode is BLOCK:
            del self.quotes[order.order_id]
        remaining, resting.remaining = resting.remaining, 0  # an auction bid keeps its place, empty
        return remaining

    def on_day_end(self, day_end: DayEnd, out: list[Outcome]) -> None:
        """Expire every open order of the books and every open block quote, in ledger sequence;
        auctions keep their bids until their own close. Then close the day's market data."""
        kept: dict[str, Resting] = {}
        for order_id, resting in self.open_orders.items():
            if resting.order.mode is Mode.AUCTION:
                kept[order_id] = resting
            else:
                out.append(Closure(order_id, Closed.EXPIRED, resting.remaining, ""))
                resting.remaining = 0
        self.open_orders = kept
        self.quotes = {}
        for book in self.sides.values():
            book.clear()
        bar = self.day.bar(day_end.trading_day, self.params.tick_fen, self.previous_close_fen)
        self.bars.append(bar)
        self.previous_close_fen = bar.close_fen
        self.day = MarketDay(self.params.close_modes)

    # ---- one-way auctions ----------------------------------------------------------------

    def on_auction_offer(self, offer: AuctionOffer, out: list[Outcome]) -> None:
        if offer.auction_id in self.auctions or offer.auction_id in self.open_orders:
            out.append(Closure(offer.auction_id, Closed.REJECTED, offer.quantity, reasons.DUPLICATE_ID))
            return
        self.auctions[offer.auction_id] = Auction(offer)

    def bid(self, order: Order, out: list[Outcome]) -> None:
        auction = self.auctions.get(order.auction_id)
        if auction is None:
            out.append(Closure(order.order_id, Closed.REJECTED, order.quantity, reasons.AUCTION_NOT_OPEN))
            return
        resting = Resting(order, order.quantity, 0)
        auction.bids.append(resting)
        self.open_orders[order.order_id] = resting

    def on_auction_close(self, close: AuctionClose, out: list[Outcome]) -> None:
        """Clear (auction.py's rule): the trades in ranking order, then what each open bid did not
        win in sequence, then the offer's unsold part."""
        auction = self.auctions.pop(close.auction_id, None)
        if auction is None:
            out.append(Closure(close.auction_id, Closed.REJECTED, 0, reasons.AUCTION_NOT_OPEN))
            return
        offer = auction.offer
        live = [resting for resting in auction.bids if resting.remaining]
        clearing = clear(offer.quantity, offer.reserve_price_fen,
                         [Bid(r.order.order_id, r.order.price_fen, r.remaining) for r in live])
        for order_id, quantity in clearing.fills:
            out.append(Trade(order_id, offer.auction_id, clearing.price_fen, quantity, Mode.AUCTION))
            self.day.record(clearing.price_fen, quantity, Mode.AUCTION)
            self.open_orders[order_id].remaining -= quantity
        for resting in live:
            del self.open_orders[resting.order.order_id]
            if resting.remaining:
                out.append(Closure(resting.order.order_id, Closed.UNFILLED, resting.remaining, reasons.AUCTION_NOT_WON))
                resting.remaining = 0
        if clearing.unsold:
            out.append(Closure(offer.auction_id, Closed.UNFILLED, clearing.unsold, reasons.AUCTION_UNSOLD))
