"""The exchange's matching engine, mode by mode and edge by edge (issue 10; arts. 8, 20, 21).

Each test builds events in ledger order with the helpers below and checks the exact outcomes.
"""

from __future__ import annotations

import pytest

from cets.exchange.engine import (
    AuctionClose, AuctionOffer, Cancel, Closed, Closure, DayEnd, Engine, Mode, Order, Parameters,
    SequenceError, Side, Trade, reasons,
)

BUY, SELL = Side.BUY, Side.SELL
OPEN, LISTING, BLOCK, AUCTION = Mode.OPEN_BIDDING, Mode.LISTING, Mode.BLOCK, Mode.AUCTION


class Market:
    """An engine fed with events numbered in ledger order (one transaction per index)."""

    def __init__(self, **parameters):
        self.engine = Engine(Parameters(**parameters), previous_close_fen=6_000)
        self.index = 0

    def sequence(self) -> tuple[int, int]:
        self.index += 1
        return 1, self.index

    def order(self, order_id, side, price, quantity, mode=OPEN, participant="P1", **extra):
        return self.engine.apply(Order(order_id, *self.sequence(), participant, "A-" + participant, side, mode,
                                       price, quantity, **extra))

    def cancel(self, order_id):
        return self.engine.apply(Cancel(order_id, *self.sequence()))

    def day_end(self, day=20261130):
        return self.engine.apply(DayEnd(day, *self.sequence()))

    def offer(self, auction_id, quantity, reserve):
        return self.engine.apply(AuctionOffer(auction_id, *self.sequence(), "MEE", "fiscal", quantity, reserve))

    def close(self, auction_id):
        return self.engine.apply(AuctionClose(auction_id, *self.sequence()))

    def depth(self, side, mode=OPEN):
        return self.engine.depth(mode, side)


def trade(buy, sell, price, quantity, mode=OPEN):
    return Trade(buy, sell, price, quantity, mode)


# ---- open bidding (公开竞价, the draft's art. 20) ------------------------------------------

def test_open_bidding_trades_at_the_resting_orders_price():
    market = Market()
    assert market.order("s1", SELL, 6_000, 10) == []
    assert market.order("b1", BUY, 6_050, 10) == [trade("b1", "s1", 6_000, 10)]
    assert market.order("b2", BUY, 5_990, 4) == []
    assert market.order("s2", SELL, 5_900, 4) == [trade("b2", "s2", 5_990, 4)]


def test_open_bidding_fills_in_part_and_rests_the_remainder_at_its_limit():
    market = Market()
    market.order("s1", SELL, 6_000, 10)
    assert market.order("b1", BUY, 6_000, 25) == [trade("b1", "s1", 6_000, 10)]
    assert market.depth(BUY) == [(6_000, 15)] and market.depth(SELL) == []
    assert market.engine.remaining("b1") == 15 and market.engine.remaining("s1") == 0


def test_equal_prices_fill_in_ledger_sequence_not_by_size():
    market = Market()
    market.order("s1", SELL, 6_000, 5)
    market.order("s2", SELL, 6_000, 50)
    market.order("s3", SELL, 6_000, 5)
    assert market.order("b1", BUY, 6_000, 8) == [trade("b1", "s1", 6_000, 5), trade("b1", "s2", 6_000, 3)]
    assert market.order("b2", BUY, 6_000, 50) == [trade("b2", "s2", 6_000, 47), trade("b2", "s3", 6_000, 3)]


def test_an_incoming_order_sweeps_the_best_levels_first_and_stops_at_its_limit():
    market = Market()
    for order_id, price in (("s1", 6_020), ("s2", 6_000), ("s3", 6_010), ("s4", 6_030)):
        market.order(order_id, SELL, price, 10)
    assert market.order("b1", BUY, 6_020, 35) == [
        trade("b1", "s2", 6_000, 10), trade("b1", "s3", 6_010, 10), trade("b1", "s1", 6_020, 10)]
    assert market.depth(BUY) == [(6_020, 5)] and market.depth(SELL) == [(6_030, 10)]


def test_the_book_is_never_crossed_after_an_order():
    market = Market()
    market.order("b1", BUY, 6_000, 10)
    market.order("s1", SELL, 5_990, 4)
    market.order("s2", SELL, 6_001, 4)
    assert market.engine.sides[OPEN, BUY].best_price() < market.engine.sides[OPEN, SELL].best_price()


def test_a_cancel_of_a_partly_filled_order_releases_only_its_remainder():
    market = Market()
    market.order("s1", SELL, 6_000, 10)
    market.order("b1", BUY, 6_000, 4)
    assert market.cancel("s1") == [Closure("s1", Closed.CANCELLED, 6)]
    assert market.depth(SELL) == []


def test_a_cancel_of_a_filled_or_unknown_order_is_refused_and_changes_nothing():
    market = Market()
    market.order("s1", SELL, 6_000, 10)
    market.order("b1", BUY, 6_000, 10)
    market.order("s2", SELL, 6_100, 10)
    refused = [Closure("s1", Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]
    assert market.cancel("s1") == refused
    assert market.cancel("nobody") == [Closure("nobody", Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]
    assert market.cancel("s2") == [Closure("s2", Closed.CANCELLED, 10)]
    assert market.cancel("s2") == [Closure("s2", Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]


def test_a_cancelled_order_in_the_middle_of_its_level_is_skipped():
    market = Market()
    market.order("s1", SELL, 6_000, 5)
    market.order("s2", SELL, 6_000, 5)
    market.order("s3", SELL, 6_000, 5)
    market.cancel("s2")
    assert market.depth(SELL) == [(6_000, 10)]
    assert market.order("b1", BUY, 6_000, 10) == [trade("b1", "s1", 6_000, 5), trade("b1", "s3", 6_000, 5)]
    assert market.depth(SELL) == []


def test_the_day_end_expires_every_open_order_in_ledger_sequence():
    market = Market()
    market.order("s1", SELL, 6_000, 10)
    market.order("l1", BUY, 5_900, 7, mode=LISTING)
    market.order("b1", BUY, 6_000, 4)
    market.order("q1", SELL, 6_000, 100_000, mode=BLOCK, counterparty="P2")
    market.order("b2", BUY, 5_950, 3)
    assert market.day_end() == [Closure("s1", Closed.EXPIRED, 6), Closure("l1", Closed.EXPIRED, 7),
                                Closure("q1", Closed.EXPIRED, 100_000), Closure("b2", Closed.EXPIRED, 3)]
    assert market.depth(BUY) == market.depth(SELL) == market.depth(BUY, LISTING) == []
    assert market.cancel("s1") == [Closure("s1", Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]
    assert market.order("b3", BUY, 6_000, 1) == []  # nothing left to trade with


def test_events_out_of_ledger_sequence_are_refused():
    engine = Engine()
    engine.apply(Order("a", 5, 3, "P", "A", BUY, OPEN, 6_000, 1))
    engine.apply(Order("b", 5, 3, "P", "A", BUY, OPEN, 6_000, 1))  # a synthetic event may share a place
    with pytest.raises(SequenceError):
        engine.apply(Order("c", 5, 2, "P", "A", BUY, OPEN, 6_000, 1))
    with pytest.raises(SequenceError):
        engine.apply(DayEnd(20261130, 4, 9))


def test_an_order_id_already_open_is_rejected():
    market = Market()
    market.order("s1", SELL, 6_000, 10)
    assert market.order("s1", BUY, 5_000, 3) == [Closure("s1", Closed.REJECTED, 3, reasons.DUPLICATE_ID)]
    assert market.depth(SELL) == [(6_000, 10)] and market.depth(BUY) == []


# ---- listing agreement (挂牌协议) -----------------------------------------------------------

def test_listing_makers_rest_and_never_match_each_other():
    market = Market()
    assert market.order("m1", BUY, 6_100, 10, mode=LISTING) == []
    assert market.order("m2", SELL, 6_000, 10, mode=LISTING) == []
    assert market.depth(BUY, LISTING) == [(6_100, 10)] and market.depth(SELL, LISTING) == [(6_000, 10)]


def test_a_listing_taker_trades_at_the_makers_price_earliest_maker_first():
    market = Market()
    market.order("m1", SELL, 6_000, 10, mode=LISTING)
    market.order("m2", SELL, 6_000, 10, mode=LISTING)
    assert market.order("t1", BUY, 6_000, 15, mode=LISTING, taker=True) == [
        trade("t1", "m1", 6_000, 10, LISTING), trade("t1", "m2", 6_000, 5, LISTING)]
    assert market.depth(SELL, LISTING) == [(6_000, 5)]


def test_a_listing_taker_chooses_among_the_best_five_levels_only():
    market = Market()
    for number in range(6):
        market.order(f"m{number}", SELL, 6_000 + 10 * number, 10, mode=LISTING)
    assert market.order("t1", BUY, 6_040, 3, mode=LISTING, taker=True) == [trade("t1", "m4", 6_040, 3, LISTING)]
    assert market.order("t2", BUY, 6_050, 3, mode=LISTING, taker=True) == [
        Closure("t2", Closed.REJECTED, 3, reasons.LEVEL_NOT_AVAILABLE)]
    assert market.order("t3", SELL, 6_000, 3, mode=LISTING, taker=True) == [
        Closure("t3", Closed.REJECTED, 3, reasons.LEVEL_NOT_AVAILABLE)]  # no buy maker at all


def test_a_listing_taker_whose_level_vanished_is_rejected_whole():
    market = Market()
    market.order("m1", SELL, 6_000, 10, mode=LISTING)
    market.order("t1", BUY, 6_000, 10, mode=LISTING, taker=True)
    assert market.order("t2", BUY, 6_000, 10, mode=LISTING, taker=True) == [
        Closure("t2", Closed.REJECTED, 10, reasons.LEVEL_NOT_AVAILABLE)]


def test_a_listing_takers_remainder_is_released_and_never_rests():
    market = Market()
    market.order("m1", BUY, 6_000, 10, mode=LISTING)
    assert market.order("t1", SELL, 6_000, 25, mode=LISTING, taker=True) == [
        trade("m1", "t1", 6_000, 10, LISTING), Closure("t1", Closed.UNFILLED, 15, reasons.TAKER_REMAINDER)]
    assert market.depth(SELL, LISTING) == [] and market.depth(BUY, LISTING) == []


def test_listing_and_open_bidding_books_are_separate():
    market = Market()
    market.order("m1", SELL, 6_000, 10, mode=LISTING)
    assert market.order("b1", BUY, 6_100, 10) == []


# ---- block agreement (大宗协议) -------------------------------------------------------------

def test_a_block_quote_accepted_by_its_named_counterparty_trades_whole_at_its_price():
    market = Market()
    assert market.order("q1", SELL, 6_000, 150_000, mode=BLOCK, participant="P1", counterparty="P2") == []
    assert market.order("a1", BUY, 6_000, 150_000, mode=BLOCK, participant="P2", accepts="q1") == [
        trade("a1", "q1", 6_000, 150_000, BLOCK)]
    assert market.cancel("q1") == [Closure("q1", Closed.CANCEL_REFUSED, 0, reasons.ORDER_NOT_OPEN)]


def test_a_block_acceptance_by_another_participant_is_rejected_and_the_quote_stays():
    market = Market()
    market.order("q1", BUY, 6_000, 150_000, mode=BLOCK, participant="P1", counterparty="P2")
    assert market.order("a1", SELL, 6_000, 150_000, mode=BLOCK, participant="P3", accepts="q1") == [
        Closure("a1", Closed.REJECTED, 150_000, reasons.NOT_NAMED_COUNTERPARTY)]
    assert market.order("a2", SELL, 6_000, 150_000, mode=BLOCK, participant="P2", accepts="q1") == [
        trade("q1", "a2", 6_000, 150_000, BLOCK)]


@pytest.mark.parametrize("side, price, quantity", [(BUY, 6_000, 150_000), (SELL, 6_010, 150_000), (SELL, 6_000, 140_000)])
def test_a_block_acceptance_on_other_terms_is_rejected(side, price, quantity):
    market = Market()
    market.order("q1", BUY, 6_000, 150_000, mode=BLOCK, participant="P1", counterparty="P2")
    assert market.order("a1", side, price, quantity, mode=BLOCK, participant="P2", accepts="q1") == [
        Closure("a1", Closed.REJECTED, quantity, reasons.QUOTE_TERMS_DIFFER)]
    assert market.engine.remaining("q1") == 150_000


def test_a_cancelled_or_expired_block_quote_cannot_be_accepted():
    market = Market()
    market.order("q1", SELL, 6_000, 150_000, mode=BLOCK, participant="P1", counterparty="P2")
    market.order("q2", SELL, 6_000, 150_000, mode=BLOCK, participant="P1", counterparty="P2")
    assert market.cancel("q1") == [Closure("q1", Closed.CANCELLED, 150_000)]
    market.day_end()
    for quote in ("q1", "q2", "unknown"):
        assert market.order("a-" + quote, BUY, 6_000, 150_000, mode=BLOCK, participant="P2", accepts=quote) == [
            Closure("a-" + quote, Closed.REJECTED, 150_000, reasons.QUOTE_NOT_OPEN)]


# ---- one-way auction (单向竞价, art. 8 paid allocation) ----------------------------------------

def auction_trade(bid, price, quantity):
    return trade(bid, "A1", price, quantity, AUCTION)


def bids(market, *entries):
    for order_id, price, quantity in entries:
        assert market.order(order_id, BUY, price, quantity, mode=AUCTION, auction_id="A1") == []


def test_an_auction_clears_at_the_lowest_accepted_bid_and_fills_the_marginal_bid_in_part():
    market = Market()
    market.offer("A1", 100, 5_000)
    bids(market, ("b1", 5_500, 40), ("b2", 6_000, 30), ("b3", 5_200, 50), ("b4", 5_100, 10))
    assert market.close("A1") == [
        auction_trade("b2", 5_200, 30), auction_trade("b1", 5_200, 40), auction_trade("b3", 5_200, 30),
        Closure("b3", Closed.UNFILLED, 20, reasons.AUCTION_NOT_WON),
        Closure("b4", Closed.UNFILLED, 10, reasons.AUCTION_NOT_WON)]


def test_auction_ties_at_the_clearing_price_go_by_ledger_sequence():
    market = Market()
    market.offer("A1", 100, 5_000)
    bids(market, ("b1", 5_300, 60), ("b2", 5_300, 60), ("b3", 5_300, 60), ("b4", 5_900, 10))
    assert market.close("A1") == [
        auction_trade("b4", 5_300, 10), auction_trade("b1", 5_300, 60), auction_trade("b2", 5_300, 30),
        Closure("b2", Closed.UNFILLED, 30, reasons.AUCTION_NOT_WON),
        Closure("b3", Closed.UNFILLED, 60, reasons.AUCTION_NOT_WON)]


def test_an_undersubscribed_auction_fills_every_bid_at_or_above_the_reserve_and_leaves_the_rest_unsold():
    market = Market()
    market.offer("A1", 100, 5_000)
    bids(market, ("b1", 5_500, 20), ("b2", 5_000, 30), ("b3", 4_999, 40))
    assert market.close("A1") == [
        auction_trade("b1", 5_000, 20), auction_trade("b2", 5_000, 30),
        Closure("b3", Closed.UNFILLED, 40, reasons.AUCTION_NOT_WON),
        Closure("A1", Closed.UNFILLED, 50, reasons.AUCTION_UNSOLD)]


def test_an_auction_with_no_bid_at_or_above_the_reserve_trades_nothing():
    market = Market()
    market.offer("A1", 100, 5_000)
    bids(market, ("b1", 4_900, 200))
    assert market.close("A1") == [Closure("b1", Closed.UNFILLED, 200, reasons.AUCTION_NOT_WON),
                                  Closure("A1", Closed.UNFILLED, 100, reasons.AUCTION_UNSOLD)]
    empty = Market()
    empty.offer("A1", 100, 5_000)
    assert empty.close("A1") == [Closure("A1", Closed.UNFILLED, 100, reasons.AUCTION_UNSOLD)]


def test_a_cancelled_bid_takes_no_part_and_bids_outlive_the_trading_day():
    market = Market()
    market.offer("A1", 100, 5_000)
    bids(market, ("b1", 6_000, 100), ("b2", 5_500, 100))
    assert market.cancel("b1") == [Closure("b1", Closed.CANCELLED, 100)]
    assert market.day_end() == []
    assert market.close("A1") == [auction_trade("b2", 5_500, 100)]


def test_bids_and_closes_of_no_open_auction_are_rejected():
    market = Market()
    assert market.order("b1", BUY, 6_000, 10, mode=AUCTION, auction_id="A1") == [
        Closure("b1", Closed.REJECTED, 10, reasons.AUCTION_NOT_OPEN)]
    assert market.close("A1") == [Closure("A1", Closed.REJECTED, 0, reasons.AUCTION_NOT_OPEN)]
    market.offer("A1", 100, 5_000)
    assert market.offer("A1", 50, 5_000) == [Closure("A1", Closed.REJECTED, 50, reasons.DUPLICATE_ID)]
    market.close("A1")
    assert market.order("b2", BUY, 6_000, 10, mode=AUCTION, auction_id="A1") == [
        Closure("b2", Closed.REJECTED, 10, reasons.AUCTION_NOT_OPEN)]
