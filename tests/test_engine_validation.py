"""Order admission (`validate`): tick, lot, bands against the previous close, each mode's size and
fields (ARTICLES.md "Figures from the exchange's practice"; issue 10, "Bad input"). Every reason
has a case, and the reasons are stable strings the ledger reuses as codes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cets.exchange.engine import AuctionOffer, Mode, Order, Parameters, Side, reasons, validate, validate_offer
from cets.exchange.engine.validate import band_limits

CLOSE = 6_000  # 60.00 CNY
PARAMS = Parameters(tick_fen=5, lot_tonnes=10)
LISTING = Order("o", 1, 1, "P1", "A1", Side.BUY, Mode.LISTING, CLOSE, 1_000)
OPEN = replace(LISTING, mode=Mode.OPEN_BIDDING)
QUOTE = replace(LISTING, mode=Mode.BLOCK, quantity=100_000, counterparty="P2")
ACCEPT = replace(QUOTE, counterparty="", accepts="q1")
BID = replace(LISTING, mode=Mode.AUCTION, auction_id="A1", price_fen=5)


@pytest.mark.parametrize("order", [LISTING, OPEN, QUOTE, ACCEPT, BID, replace(LISTING, taker=True),
                                   replace(LISTING, quantity=99_990), replace(QUOTE, quantity=5_000_000)])
def test_orders_on_the_tick_lot_band_and_size_of_their_mode_are_admitted(order):
    assert validate(order, PARAMS, CLOSE) is None


@pytest.mark.parametrize("order, reason", [
    (replace(LISTING, price_fen=0), reasons.PRICE_NOT_POSITIVE),
    (replace(LISTING, price_fen=-5), reasons.PRICE_NOT_POSITIVE),
    (replace(LISTING, price_fen=6_001), reasons.PRICE_OFF_TICK),
    (replace(LISTING, quantity=0), reasons.QUANTITY_NOT_POSITIVE),
    (replace(LISTING, quantity=15), reasons.QUANTITY_OFF_LOT),
    (replace(LISTING, quantity=100_000), reasons.LISTING_QUANTITY_TOO_LARGE),
    (replace(QUOTE, quantity=99_990), reasons.BLOCK_QUANTITY_TOO_SMALL),
    (replace(OPEN, quantity=1_000_010), reasons.OPEN_QUANTITY_TOO_LARGE),
    (replace(LISTING, price_fen=6_605), reasons.PRICE_OUTSIDE_BAND),
    (replace(LISTING, price_fen=5_395), reasons.PRICE_OUTSIDE_BAND),
    (replace(QUOTE, price_fen=7_805), reasons.PRICE_OUTSIDE_BAND),
    (replace(QUOTE, price_fen=4_195), reasons.PRICE_OUTSIDE_BAND),
    (replace(OPEN, price_fen=6_605), reasons.PRICE_OUTSIDE_BAND),
    (replace(QUOTE, counterparty=""), reasons.BLOCK_COUNTERPARTY_MISSING),
    (replace(QUOTE, counterparty="P1"), reasons.BLOCK_COUNTERPARTY_IS_SELF),
    (replace(QUOTE, accepts="q1"), reasons.BLOCK_QUOTE_AND_ACCEPT),
    (replace(BID, side=Side.SELL), reasons.AUCTION_BID_NOT_BUY),
    (replace(BID, auction_id=""), reasons.AUCTION_ID_MISSING),
    (replace(OPEN, taker=True), reasons.FIELD_NOT_FOR_MODE),
    (replace(LISTING, counterparty="P2"), reasons.FIELD_NOT_FOR_MODE),
    (replace(OPEN, accepts="q1"), reasons.FIELD_NOT_FOR_MODE),
    (replace(LISTING, auction_id="A1"), reasons.FIELD_NOT_FOR_MODE),
])
def test_each_bad_order_gets_its_own_reason(order, reason):
    assert validate(order, PARAMS, CLOSE) == reason


def test_the_bands_include_both_ends_and_compare_exactly():
    # listing ±10% of 60.00: 54.00 and 66.00 are in; block ±30%: 42.00 and 78.00 are in.
    for price in (5_400, 6_600):
        assert validate(replace(LISTING, price_fen=price), PARAMS, CLOSE) is None
    for price in (4_200, 7_800):
        assert validate(replace(QUOTE, price_fen=price), PARAMS, CLOSE) is None
    # A close whose band ends fall between ticks: 60.03 ± 10% = 54.027 .. 66.033.
    one_fen = Parameters()
    assert validate(replace(LISTING, price_fen=5_403), one_fen, 6_003) is None
    assert validate(replace(LISTING, price_fen=5_402), one_fen, 6_003) == reasons.PRICE_OUTSIDE_BAND
    assert validate(replace(LISTING, price_fen=6_603), one_fen, 6_003) is None
    assert validate(replace(LISTING, price_fen=6_604), one_fen, 6_003) == reasons.PRICE_OUTSIDE_BAND
    assert band_limits(1_000, 6_003, 1) == (5_403, 6_603)
    assert band_limits(1_000, 6_000, 5) == (5_400, 6_600)


def test_an_auction_bid_has_no_band_only_the_reserve_of_its_auction():
    assert validate(replace(BID, price_fen=100_000), PARAMS, CLOSE) is None
    assert validate(BID, PARAMS, None) is None


@pytest.mark.parametrize("previous_close", [None, 0])
def test_a_banded_mode_without_a_previous_close_is_refused(previous_close):
    assert validate(LISTING, PARAMS, previous_close) == reasons.NO_PREVIOUS_CLOSE


def test_a_disabled_mode_is_refused_first():
    only_listing = Parameters(enabled_modes=frozenset({Mode.LISTING}))
    assert validate(replace(OPEN, price_fen=0), only_listing, CLOSE) == reasons.MODE_DISABLED
    assert validate(LISTING, only_listing, CLOSE) is None
    offer = AuctionOffer("A1", 1, 1, "MEE", "fiscal", 1_000, 5_000)
    assert validate_offer(offer, only_listing) == reasons.MODE_DISABLED


def test_the_checks_run_in_a_fixed_order():
    # Off the tick, off the lot, too large and outside the band at once: the tick is named.
    assert validate(replace(LISTING, price_fen=9_001, quantity=100_005), PARAMS, CLOSE) == reasons.PRICE_OFF_TICK
    assert validate(replace(LISTING, price_fen=9_000, quantity=100_005), PARAMS, CLOSE) == reasons.QUANTITY_OFF_LOT
    assert validate(replace(LISTING, price_fen=9_000, quantity=100_000), PARAMS, CLOSE) == reasons.LISTING_QUANTITY_TOO_LARGE


@pytest.mark.parametrize("offer, reason", [
    (AuctionOffer("A1", 1, 1, "MEE", "fiscal", 1_000, 5_000), None),
    (AuctionOffer("A1", 1, 1, "MEE", "fiscal", 0, 5_000), reasons.QUANTITY_NOT_POSITIVE),
    (AuctionOffer("A1", 1, 1, "MEE", "fiscal", 1_005, 5_000), reasons.QUANTITY_OFF_LOT),
    (AuctionOffer("A1", 1, 1, "MEE", "fiscal", 1_000, 0), reasons.PRICE_NOT_POSITIVE),
    (AuctionOffer("A1", 1, 1, "MEE", "fiscal", 1_000, 5_001), reasons.PRICE_OFF_TICK),
])
def test_an_auction_offer_needs_a_quantity_and_reserve_on_the_lot_and_tick(offer, reason):
    assert validate_offer(offer, PARAMS) == reason


def test_the_reasons_are_distinct_stable_names():
    every = reasons.VALIDATION_REASONS + reasons.ENGINE_REASONS
    assert len(set(every)) == len(every)
    for name in every:
        assert getattr(reasons, name) == name  # the string is its own constant's name
