"""Market data from the engine (issue 10, item 7), and the replay `cets audit market` runs
(item 6): the close is the volume-weighted average price of the day's listing-agreement trades,
rounded to the tick a half up, the previous close when nothing listed traded; replay names the
first outcome that differs."""

from __future__ import annotations

from cets.exchange.engine import (
    AuctionClose, AuctionOffer, Cancel, Closed, Closure, DayEnd, Engine, Mode, Order, Parameters, Side, Trade,
    close_price, closures_of, first_difference, replay, trades_of,
)

BUY, SELL = Side.BUY, Side.SELL


def order(number, side, price, quantity, mode=Mode.LISTING, **extra):
    return Order(f"o{number}", 1, number, f"P{number}", "A", side, mode, price, quantity, **extra)


def test_the_close_is_the_vwap_rounded_to_the_tick_half_up():
    assert close_price(6_000 * 3 + 6_001 * 1, 4, 1, 5_000) == 6_000  # 6000.25
    assert close_price(6_000 + 6_001, 2, 1, 5_000) == 6_001  # 6000.5: a half goes up
    assert close_price(6_000 * 2 + 6_010, 3, 5, 5_000) == 6_005  # 6003.33 on a 5-fen tick
    assert close_price(0, 0, 1, 5_000) == 5_000  # nothing traded: the previous close
    assert close_price(0, 0, 1, None) is None


def test_the_daily_prices_come_from_listing_trades_and_the_volume_from_every_trade():
    engine = Engine(Parameters(), previous_close_fen=6_000)
    flow = [
        order(1, SELL, 6_100, 10), order(2, SELL, 5_900, 10),
        order(3, BUY, 6_100, 4, taker=True), order(4, BUY, 5_900, 10, taker=True),  # listed: 6100×4, 5900×10
        order(5, SELL, 7_000, 5, Mode.OPEN_BIDDING), order(6, BUY, 7_000, 5, Mode.OPEN_BIDDING),
        order(7, SELL, 4_500, 150_000, Mode.BLOCK, counterparty="P8"),
        order(8, BUY, 4_500, 150_000, Mode.BLOCK, accepts="o7"),
        DayEnd(20261130, 2, 0),
    ]
    for event in flow:
        engine.apply(event)
    bar = engine.bars[-1]
    assert (bar.open_fen, bar.high_fen, bar.low_fen) == (6_100, 6_100, 5_900)
    assert bar.close_fen == (6_100 * 4 + 5_900 * 10 + 7) // 14  # 5957.14 -> 5957
    assert (bar.listed_volume, bar.listed_turnover_fen) == (14, 6_100 * 4 + 5_900 * 10)
    assert bar.volume == 14 + 5 + 150_000
    assert bar.turnover_fen == 6_100 * 4 + 5_900 * 10 + 7_000 * 5 + 4_500 * 150_000
    assert engine.previous_close_fen == bar.close_fen


def test_a_day_without_a_listed_trade_keeps_the_previous_close():
    engine = Engine(Parameters(), previous_close_fen=6_000)
    engine.apply(order(1, SELL, 6_500, 5, Mode.OPEN_BIDDING))
    engine.apply(order(2, BUY, 6_500, 5, Mode.OPEN_BIDDING))
    engine.apply(DayEnd(20261130, 2, 0))
    bar = engine.bars[-1]
    assert (bar.open_fen, bar.close_fen, bar.volume) == (None, 6_000, 5)


def test_the_close_modes_are_a_parameter():
    engine = Engine(Parameters(close_modes=frozenset({Mode.LISTING, Mode.OPEN_BIDDING})), previous_close_fen=6_000)
    engine.apply(order(1, SELL, 6_500, 5, Mode.OPEN_BIDDING))
    engine.apply(order(2, BUY, 6_500, 5, Mode.OPEN_BIDDING))
    engine.apply(DayEnd(20261130, 2, 0))
    assert engine.bars[-1].close_fen == 6_500


def test_depth_shows_the_best_five_levels_of_a_side_best_first():
    engine = Engine(Parameters(), previous_close_fen=6_000)
    for number in range(7):
        engine.apply(order(number + 1, BUY, 6_000 - number, 10 + number))
    engine.apply(order(9, BUY, 5_999, 100))
    assert engine.depth(Mode.LISTING, BUY) == [(6_000, 10), (5_999, 111), (5_998, 12), (5_997, 13), (5_996, 14)]
    assert engine.depth(Mode.LISTING, BUY, levels=2) == [(6_000, 10), (5_999, 111)]
    assert engine.depth(Mode.LISTING, SELL) == []


FLOW = [
    order(1, SELL, 6_000, 10, Mode.OPEN_BIDDING), order(2, SELL, 6_010, 10, Mode.OPEN_BIDDING),
    order(3, BUY, 6_010, 15, Mode.OPEN_BIDDING), Cancel("o2", 1, 4), Cancel("o1", 1, 5),
    AuctionOffer("A1", 1, 6, "MEE", "fiscal", 20, 5_000), order(7, BUY, 5_500, 30, Mode.AUCTION, auction_id="A1"),
    AuctionClose("A1", 1, 8), order(9, BUY, 5_990, 3, Mode.OPEN_BIDDING), DayEnd(20261130, 2, 0),
]


def test_replay_gives_the_outcomes_of_applying_the_events_one_by_one():
    engine = Engine()
    stepwise = [outcome for event in FLOW for outcome in engine.apply(event)]
    assert replay(FLOW) == stepwise
    assert trades_of(stepwise) == [Trade("o3", "o1", 6_000, 10, Mode.OPEN_BIDDING),
                                   Trade("o3", "o2", 6_010, 5, Mode.OPEN_BIDDING),
                                   Trade("o7", "A1", 5_500, 20, Mode.AUCTION)]
    assert closures_of(stepwise) == [Closure("o2", Closed.CANCELLED, 5), Closure("o1", Closed.CANCEL_REFUSED, 0, "ORDER_NOT_OPEN"),
                                     Closure("o7", Closed.UNFILLED, 10, "AUCTION_NOT_WON"), Closure("o9", Closed.EXPIRED, 3)]


def test_first_difference_names_the_first_trade_that_differs():
    expected = replay(FLOW)
    assert first_difference(expected, list(expected)) is None
    settled = list(expected)
    settled[1] = Trade("o3", "o2", 6_010, 6, Mode.OPEN_BIDDING)  # one tonne too many
    difference = first_difference(expected, settled)
    assert (difference.position, difference.expected, difference.actual) == (1, expected[1], settled[1])
    assert difference.describe() == ("outcome 1: expected trade buy o3 sell o2 5 t at 6010 fen, "
                                     "got trade buy o3 sell o2 6 t at 6010 fen")


def test_first_difference_names_a_missing_or_an_extra_outcome():
    expected = trades_of(replay(FLOW))
    missing = first_difference(expected, expected[:2])
    assert (missing.position, missing.expected, missing.actual) == (2, expected[2], None)
    extra = first_difference(expected, expected + [expected[0]])
    assert (extra.position, extra.expected, extra.actual) == (3, None, expected[0])
    assert "nothing" in extra.describe()


def test_a_trade_is_compared_by_its_identity_and_never_equals_a_closure():
    expected = [Trade("b", "s", 6_000, 1, Mode.LISTING)]
    assert first_difference(expected, [Trade("b", "s", 6_000, 1, Mode.OPEN_BIDDING)]) is None
    assert first_difference(expected, [Closure("b", Closed.CANCELLED, 1)]).position == 0
