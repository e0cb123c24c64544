"""Property tests of the matching engine against a naive reference model (issue 10, "Done when").

Hypothesis draws a flow of steps over a narrow price range (so orders cross often): open-bidding
orders, listing makers and takers (a taker picks one of the best N + 1 levels it sees, so sometimes
the one past the best N, or a level it imagines), cancels of any order ever placed (open, filled or closed),
block quotes and acceptances (by the named counterparty or not, on the quote's terms or not),
auction offers, bids (for open or closed auctions), closes and day ends. Each step is turned into
an event against the reference model's book, as a trader who sees the book would, and applied to
both. The reference below is plain lists and sorts, written from the rules, not from the engine.
After every event:
  (a) the engine's outcomes equal the reference's, and its depth equals the reference's book;
  (b) the open-bidding book is not crossed;
  (c) an incoming open-bidding order filled the crossing orders of the other side in price-time
      priority: best price first, earliest first within a price, each before the next is touched
      (no resting order at a better price, or at the same price and earlier, is skipped);
  (d) every trade's price is within both orders' limits (the auction's reserve for its seller),
      and the day's turnover is the sum of price × quantity of its trades;
and at the end:
  (e) per order, filled + resting + cancelled + expired + rejected + unfilled = submitted, and per
      closed auction, sold + unsold = offered;
  (f) replaying the same events twice gives identical outcomes, and replaying a prefix gives a
      prefix of them.
Examples are bounded (2 CI cores).
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cets.exchange.engine import (
    AuctionClose, AuctionOffer, Cancel, Closed, Closure, DayEnd, Engine, Mode, Order, Parameters, Side, Trade,
    reasons, replay,
)

BEST_LEVELS = 2  # fewer than the default 5, so that flows often hold a level beyond the best
PARAMS = Parameters(best_levels=BEST_LEVELS)
BUY, SELL = Side.BUY, Side.SELL
OPEN, LISTING, BLOCK, AUCTION = Mode.OPEN_BIDDING, Mode.LISTING, Mode.BLOCK, Mode.AUCTION
KINDS = ("open", "open", "open", "open", "make", "make", "make", "take", "take", "cancel", "cancel", "quote",
         "accept", "offer", "bid", "bid", "bid", "close", "day")


def better(side: Side, price: int) -> int:
    """A sort key: the best price of `side` first."""
    return -price if side is BUY else price


def crosses(incoming: Order, resting_price: int) -> bool:
    return resting_price <= incoming.price_fen if incoming.side is BUY else resting_price >= incoming.price_fen


def buyer_seller(incoming: Order, maker: Order) -> tuple[str, str]:
    return (incoming.order_id, maker.order_id) if incoming.side is BUY else (maker.order_id, incoming.order_id)


class Reference:
    """The rules, naively: one dict of open orders in ledger sequence, sorted on every use."""

    def __init__(self):
        self.open: dict[str, list] = {}  # order id -> [order, remaining], in sequence
        self.auctions: dict[str, tuple[AuctionOffer, list[str]]] = {}

    def resting(self, mode: Mode, side: Side) -> list[list]:
        """Open orders of one side of one book, in priority order."""
        entries = [entry for entry in self.open.values() if entry[0].mode is mode and entry[0].side is side]
        return sorted(entries, key=lambda entry: better(side, entry[0].price_fen))  # stable: sequence

    def levels(self, mode: Mode, side: Side) -> list[tuple[int, int]]:
        totals: dict[int, int] = {}
        for order, remaining in self.resting(mode, side):
            totals[order.price_fen] = totals.get(order.price_fen, 0) + remaining
        return list(totals.items())

    def apply(self, event) -> list:
        handler = {Order: self.order, Cancel: self.cancel, DayEnd: self.day_end, AuctionOffer: self.offer,
                   AuctionClose: self.close}[type(event)]
        return handler(event)

    def fill(self, incoming: Order, makers: list[list], quantity: int, out: list) -> int:
        for maker in makers:
            if not quantity:
                break
            take = min(quantity, maker[1])
            out.append(Trade(*buyer_seller(incoming, maker[0]), maker[0].price_fen, take, incoming.mode))
            maker[1] -= take
            quantity -= take
            if not maker[1]:
                del self.open[maker[0].order_id]
        return quantity

    def order(self, order: Order) -> list:
        out: list = []
        other = SELL if order.side is BUY else BUY
        if order.mode is OPEN:
            makers = [m for m in self.resting(OPEN, other) if crosses(order, m[0].price_fen)]
            left = self.fill(order, makers, order.quantity, out)
            if left:
                self.open[order.order_id] = [order, left]
        elif order.mode is LISTING and not order.taker:
            self.open[order.order_id] = [order, order.quantity]
        elif order.mode is LISTING:
            best = [price for price, _ in self.levels(LISTING, other)][:BEST_LEVELS]
            if order.price_fen not in best:
                return [Closure(order.order_id, Closed.REJECTED, order.quantity, reasons.LEVEL_NOT_AVAILABLE)]
            makers = [m for m in self.resting(LISTING, other) if m[0].price_fen == order.price_fen]
            left = self.fill(order, makers, order.quantity, out)
            if left:
                out.append(Closure(order.order_id, Closed.UNFILLED, left, reasons.TAKER_REMAINDER))
        elif order.mode is BLOCK:
            out = self.block(order)
        else:
            if order.auction_id not in self.auctions:
                return [Closure(order.order_id, Closed.REJECTED, order.quantity, reasons.AUCTION_NOT_OPEN)]
            self.auctions[order.auction_id][1].append(order.order_id)
            self.open[order.order_id] = [order, order.quantity]
        return out

    def block(self, order: Order) -> list:
        if not order.accepts:
            self.open[order.order_id] = [order, order.quantity]
            return []
        entry = self.open.get(order.accepts)
        if entry is None or entry[0].mode is not BLOCK:
            reason = reasons.QUOTE_NOT_OPEN
        elif order.participant != entry[0].counterparty:
            reason = reasons.NOT_NAMED_COUNTERPARTY
        elif (order.side, order.price_fen, order.quantity) != (SELL if entry[0].side is BUY else BUY, entry[0].price_fen, entry[1]):
            reason = reasons.QUOTE_TERMS_DIFFER
        else:
            del self.open[order.accepts]
            return [Trade(*buyer_seller(order, entry[0]), entry[0].price_fen, order.quantity, BLOCK)]
        return [Closure(order.order_id, Closed.REJECTED, order.quantity, reason)]

    def cancel(self, cancel: Cancel) -> list:
        entry = self.open.pop(cancel.order_id, None)
        if entry is None:
            return [Closure(cancel.order_id, Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]
        return [Closure(cancel.order_id, Closed.CANCELLED, entry[1])]

    def day_end(self, _event: DayEnd) -> list:
        out = []
        for order_id, (order, remaining) in list(self.open.items()):
            if order.mode is not AUCTION:
                out.append(Closure(order_id, Closed.EXPIRED, remaining))
                del self.open[order_id]
        return out

    def offer(self, offer: AuctionOffer) -> list:
        self.auctions[offer.auction_id] = (offer, [])
        return []

    def close(self, close: AuctionClose) -> list:
        if close.auction_id not in self.auctions:
            return [Closure(close.auction_id, Closed.REJECTED, 0, reasons.AUCTION_NOT_OPEN)]
        offer, bid_ids = self.auctions.pop(close.auction_id)
        bids = [self.open.pop(bid_id) for bid_id in bid_ids if bid_id in self.open]
        ranked = sorted((bid for bid in bids if bid[0].price_fen >= offer.reserve_price_fen),
                        key=lambda bid: -bid[0].price_fen)
        left, fills = offer.quantity, []
        for bid in ranked:
            if left:
                take = min(left, bid[1])
                fills.append((bid, take))
                left -= take
        out: list = [Trade(bid[0].order_id, offer.auction_id, fills[-1][0][0].price_fen, take, AUCTION) for bid, take in fills]
        for bid, take in fills:
            bid[1] -= take
        out += [Closure(bid[0].order_id, Closed.UNFILLED, bid[1], reasons.AUCTION_NOT_WON) for bid in bids if bid[1]]
        if left:
            out.append(Closure(offer.auction_id, Closed.UNFILLED, left, reasons.AUCTION_UNSOLD))
        return out


class FlowBuilder:
    """Turns drawn steps into events against the reference's book (and keeps them for replay)."""

    def __init__(self):
        self.reference = Reference()
        self.events: list = []
        self.orders: dict[str, Order] = {}
        self.offers: dict[str, AuctionOffer] = {}
        self.quotes: list[str] = []

    def event(self, step) -> object | None:
        kind, side_is_buy, price, quantity, pick, flag = step
        number = len(self.events)
        order_id, side = f"o{number}", BUY if side_is_buy else SELL
        sequence = (number // 4, number % 4)
        participant = f"P{pick % 3}"
        common = (order_id, *sequence, participant, "A-" + participant, side)
        if kind == "open":
            return Order(*common, OPEN, price, quantity)
        if kind == "make":
            return Order(*common, LISTING, price, quantity)
        if kind == "take":
            seen = self.reference.levels(LISTING, SELL if side is BUY else BUY)[:BEST_LEVELS + 1]
            chosen = seen[pick % len(seen)][0] if seen and not flag else price  # flag: a level it imagines
            return Order(*common, LISTING, chosen, quantity, taker=True)
        if kind == "cancel":
            return Cancel(list(self.orders)[pick % len(self.orders)], *sequence) if self.orders else None
        if kind == "quote":
            self.quotes.append(order_id)
            return Order(*common, BLOCK, price, quantity, counterparty=f"P{(pick + 1) % 3}")
        if kind == "accept":
            # An open quote; with `flag`, any quote ever made (it may be filled, cancelled or expired).
            open_quotes = [order_id for order_id in self.quotes if order_id in self.reference.open]
            candidates = self.quotes if flag else open_quotes
            if not candidates:
                return None
            quote = self.orders[candidates[pick % len(candidates)]]
            named = f"P{(pick + 2) % 3}" if pick % 7 == 0 else quote.counterparty
            terms = [SELL if quote.side is BUY else BUY, quote.price_fen, quote.quantity]
            if pick % 5 == 0:  # one term differs: the side, the price or the quantity
                terms[pick % 3] = (quote.side, quote.price_fen + 1, quote.quantity + 1)[pick % 3]
            return Order(order_id, *sequence, named, "A-" + named, terms[0], BLOCK, *terms[1:], accepts=quote.order_id)
        if kind == "offer":
            return AuctionOffer(f"A{number}", *sequence, "MEE", "fiscal", quantity * 2, price)
        if kind == "bid":
            auction_id = self.auction_to_name(pick, flag)
            return Order(*common[:5], BUY, AUCTION, price, quantity, auction_id=auction_id) if auction_id else None
        if kind == "close":
            auction_id = self.auction_to_name(pick, flag)
            return AuctionClose(auction_id, *sequence) if auction_id else None
        return DayEnd(20261130 + number, *sequence)

    def auction_to_name(self, pick: int, flag: bool) -> str | None:
        """An open auction; with `flag`, any auction ever offered (it may be closed)."""
        names = list(self.offers) if flag else list(self.reference.auctions)
        return names[pick % len(names)] if names else None

    def record(self, event) -> None:
        self.events.append(event)
        if type(event) is Order:
            self.orders[event.order_id] = event
        elif type(event) is AuctionOffer:
            self.offers[event.auction_id] = event


steps = st.lists(
    st.tuples(st.sampled_from(KINDS), st.booleans(), st.integers(5_995, 6_005), st.integers(1, 12),
              st.integers(0, 50), st.integers(0, 4).map(lambda draw: draw == 0)),  # flag: one step in five
    min_size=30, max_size=90,
)


def check_priority(reference: Reference, order: Order, outcomes: list) -> None:
    """(c): the makers filled are a prefix of the crossing orders in priority order, each filled
    whole except possibly the last."""
    other = SELL if order.side is BUY else BUY
    crossing = [(entry[0].order_id, entry[1]) for entry in reference.resting(OPEN, other) if crosses(order, entry[0].price_fen)]
    trades = [outcome for outcome in outcomes if type(outcome) is Trade]
    makers = [trade.sell_order_id if order.side is BUY else trade.buy_order_id for trade in trades]
    assert makers == [order_id for order_id, _ in crossing[: len(makers)]]
    for trade, (_, remaining) in zip(trades[:-1], crossing):
        assert trade.quantity == remaining
    assert sum(trade.quantity for trade in trades) == min(order.quantity, sum(remaining for _, remaining in crossing))


def check_book(engine: Engine, reference: Reference) -> None:
    for mode in (OPEN, LISTING):
        for side in Side:
            assert engine.depth(mode, side, levels=1_000) == reference.levels(mode, side)
    bid, ask = engine.sides[OPEN, BUY].best_price(), engine.sides[OPEN, SELL].best_price()
    assert bid is None or ask is None or bid < ask, f"crossed book: bid {bid} >= ask {ask}"


def check_trade_prices(builder: FlowBuilder, outcomes: list) -> None:
    for outcome in outcomes:
        if type(outcome) is not Trade:
            continue
        buy = builder.orders[outcome.buy_order_id]
        assert outcome.price_fen <= buy.price_fen
        seller = builder.orders.get(outcome.sell_order_id) or builder.offers[outcome.sell_order_id]
        floor = seller.price_fen if type(seller) is Order else seller.reserve_price_fen
        assert outcome.price_fen >= floor
        assert outcome.quantity > 0


def run_flow(drawn) -> tuple[FlowBuilder, Engine, list]:
    builder, engine, everything = FlowBuilder(), Engine(PARAMS, previous_close_fen=6_000), []
    day_trades: list[Trade] = []
    for step in drawn:
        event = builder.event(step)
        if event is None:
            continue
        if type(event) is Order and event.mode is OPEN:
            check_priority(builder.reference, event, engine_outcomes := engine.apply(event))
        else:
            engine_outcomes = engine.apply(event)
        builder.record(event)
        assert engine_outcomes == builder.reference.apply(event), event
        check_book(engine, builder.reference)
        check_trade_prices(builder, engine_outcomes)
        day_trades = [] if type(event) is DayEnd else day_trades + [o for o in engine_outcomes if type(o) is Trade]
        assert engine.day.turnover_fen == sum(trade.price_fen * trade.quantity for trade in day_trades)
        assert engine.day.volume == sum(trade.quantity for trade in day_trades)
        everything += engine_outcomes
    return builder, engine, everything


def check_conservation(builder: FlowBuilder, engine: Engine, outcomes: list) -> None:
    """(e)."""
    accounted: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        if type(outcome) is Trade:
            accounted[outcome.buy_order_id] += outcome.quantity
            accounted[outcome.sell_order_id] += outcome.quantity
        elif outcome.kind is not Closed.CANCEL_REFUSED:
            accounted[outcome.order_id] += outcome.quantity
    for order_id, order in builder.orders.items():
        assert accounted[order_id] + engine.remaining(order_id) == order.quantity, order_id
    for auction_id, offer in builder.offers.items():
        if auction_id not in engine.auctions:  # closed: sold + unsold = offered
            assert accounted[auction_id] == offer.quantity, auction_id


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_the_engine_matches_the_reference_and_keeps_its_invariants(drawn):
    builder, engine, outcomes = run_flow(drawn)
    check_conservation(builder, engine, outcomes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps, st.integers(0, 70))
def test_replay_is_deterministic_and_a_prefix_of_events_gives_a_prefix_of_outcomes(drawn, cut):
    builder, _, outcomes = run_flow(drawn)
    events = builder.events
    assert replay(events, PARAMS, 6_000) == outcomes
    assert replay(events, PARAMS, 6_000) == replay(list(events), PARAMS, 6_000)
    prefix = replay(events[:cut], PARAMS, 6_000)
    assert outcomes[: len(prefix)] == prefix
