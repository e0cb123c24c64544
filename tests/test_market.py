"""The exchange's ledger side (arts. 8, 17-23): cash accounts, orders and their reservations, the
trading modes' rules at order entry, T+1, position limits, auctions, and settlement batches settled
trade by trade. Run on the in-process chain of tests/test_state_machine.py (tests/market_world.py);
block times are set on trading days of the 2026 calendar, since the ledger reads no clock.

Every refused transaction is checked to change nothing (`Market.refused`: its block writes only
that it judged the transaction).
"""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import signed_tx_id
from cets.ledger import identity, market_queries
from cets.ledger.txs.market import book
from tests.market_world import FEN, MONDAY, REFERENCE, TUESDAY, UNIT, VINTAGE, Market, date_of

BUY, SELL = pb.ORDER_SIDE_BUY, pb.ORDER_SIDE_SELL
LISTING, BLOCK = pb.TRADING_MODE_LISTING_AGREEMENT, pb.TRADING_MODE_BLOCK_AGREEMENT
OPEN_BIDDING, AUCTION = pb.TRADING_MODE_OPEN_BIDDING, pb.TRADING_MODE_AUCTION
SATURDAY = (2026, 1, 10)
SPRING_FESTIVAL = (2026, 2, 16)  # a Monday the calendar closes


@pytest.fixture
def market() -> Market:
    return Market()


def codes(result: pb.BatchSettled) -> list[str]:
    return [pb.Code.Name(trade.code) for trade in result.trades]


# -- funds (art. 21) --------------------------------------------------------------------------------


def test_art21_a_deposit_credits_the_cash_account_and_its_bank_reference_counts_once(market):
    before = market.cash(market.person).balance_fen
    market.expect(market.deposit(market.person.participant_id, 12_345, "BANK-X"), pb.CODE_OK)
    assert market.cash(market.person).balance_fen == before + 12_345
    market.refused(market.deposit(market.person.participant_id, 1, "BANK-X"), pb.CODE_BANK_REFERENCE_USED)


def test_art21_funds_reach_only_trading_participants(market):
    market.refused(market.deposit(identity.province_id("44"), 100), pb.CODE_NOT_TRADING_PARTICIPANT)
    market.refused(market.deposit("91110000000000999X", 100), pb.CODE_UNKNOWN_PARTICIPANT)


def test_art21_a_withdrawal_never_exceeds_the_available_funds(market):
    market.placed(market.buyer, BUY, 5_000, 1_000)  # reserves 5,000,000 fen
    available = FEN - 5_000_000
    market.refused(market.withdraw(market.buyer.participant_id, available + 1), pb.CODE_INSUFFICIENT_AVAILABLE_FUNDS)
    market.expect(market.withdraw(market.buyer.participant_id, available), pb.CODE_OK)
    assert market.cash(market.buyer) == pb.CashAccount(holder=market.buyer.participant_id, balance_fen=5_000_000, reserved_fen=5_000_000)


def test_art21_only_the_registry_enters_bank_instructions(market):
    payload = pb.DepositFunds(participant_id=market.buyer.participant_id, amount_fen=1, bank_reference="BANK-Y")
    market.refused(market.exchange.tx("deposit_funds", payload), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- order entry (arts. 17-20) -----------------------------------------------------------------------


def test_art19_art20_a_buy_order_reserves_limit_times_quantity_and_a_sell_order_its_allowances(market):
    buy = market.placed(market.buyer, BUY, 5_000, 1_000)
    sell = market.placed(market.seller, SELL, 4_900, 2_000)
    assert market.cash(market.buyer).reserved_fen == 5_000_000
    assert market.reserved_units(market.seller) == 2_000 and market.holdings(market.seller) == 298_000
    assert market.order_record(buy).status == pb.ORDER_STATUS_OPEN and market.order_record(sell).sequence == 2


def test_art19_art20_an_order_off_the_tick_or_the_lot_is_refused(market):
    market.set_rules(tick_fen=5, lot_tonnes=10)
    market.refused(market.order(market.buyer, BUY, 4_801, 10), pb.CODE_OFF_TICK)
    market.refused(market.order(market.buyer, BUY, 4_800, 15), pb.CODE_OFF_LOT)
    market.expect(market.order(market.buyer, BUY, 4_805, 20), pb.CODE_OK)


def test_art19_art20_a_listing_order_outside_ten_percent_of_the_previous_close_is_refused(market):
    market.refused(market.order(market.buyer, BUY, REFERENCE * 11 // 10 + 1, 10), pb.CODE_PRICE_OUTSIDE_BAND)
    market.refused(market.order(market.seller, SELL, REFERENCE * 9 // 10 - 1, 10), pb.CODE_PRICE_OUTSIDE_BAND)
    market.expect(market.order(market.buyer, BUY, REFERENCE * 11 // 10, 10), pb.CODE_OK)


def test_art19_art20_a_block_order_may_be_thirty_percent_off_but_not_more(market):
    market.move_to(MONDAY, 13.5)
    quote = dict(counterparty=market.buyer.participant_id)
    market.refused(market.order(market.seller, SELL, REFERENCE * 7 // 10 - 1, 100_000, BLOCK, **quote), pb.CODE_PRICE_OUTSIDE_BAND)
    market.expect(market.order(market.seller, SELL, REFERENCE * 7 // 10, 100_000, BLOCK, **quote), pb.CODE_OK)


def test_art19_art20_orders_too_large_or_too_small_for_their_mode_are_refused(market):
    market.move_to(MONDAY, 13.5)
    market.refused(market.order(market.seller, SELL, 4_800, 100_000, LISTING), pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE)
    market.refused(market.order(market.seller, SELL, 4_800, 1_000_001, OPEN_BIDDING), pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE)
    market.refused(market.order(market.seller, SELL, 4_800, 99_999, BLOCK, counterparty=market.buyer.participant_id),
                   pb.CODE_QUANTITY_OUTSIDE_MODE_RANGE)
    market.expect(market.order(market.seller, SELL, 4_800, 99_999, LISTING), pb.CODE_OK)


def test_art19_art20_orders_outside_the_sessions_and_block_agreements_in_the_morning_are_refused(market):
    market.refused(market.order(market.seller, SELL, 4_800, 100_000, BLOCK, counterparty=market.buyer.participant_id),
                   pb.CODE_OUTSIDE_SESSION)  # 10:00: the morning session has no block agreements
    market.move_to(MONDAY, 12)
    market.refused(market.order(market.buyer, BUY, 4_800, 10), pb.CODE_OUTSIDE_SESSION)
    market.move_to(MONDAY, 15)
    market.refused(market.order(market.buyer, BUY, 4_800, 10), pb.CODE_OUTSIDE_SESSION)  # 15:00 ends the afternoon


def test_art19_art20_orders_on_a_weekend_or_a_holiday_of_the_calendar_are_refused(market):
    market.move_to(SATURDAY, 10)
    market.refused(market.order(market.buyer, BUY, 4_800, 10), pb.CODE_NOT_TRADING_DAY)
    market.move_to(SPRING_FESTIVAL, 10)
    market.refused(market.order(market.buyer, BUY, 4_800, 10), pb.CODE_NOT_TRADING_DAY)


def test_art19_art20_the_calendar_is_data_a_rulebook_version_opens_a_listed_holiday(market):
    market.set_rules(non_trading_dates=[])
    market.move_to(SPRING_FESTIVAL, 10)
    market.expect(market.order(market.buyer, BUY, 4_800, 10), pb.CODE_OK)


def test_art19_art20_a_mode_the_rulebook_has_not_enabled_is_refused(market):
    market.set_rules(enabled_modes=[LISTING, BLOCK])
    market.refused(market.order(market.buyer, BUY, 4_800, 10, OPEN_BIDDING), pb.CODE_TRADING_MODE_DISABLED)


def test_art17_art18_only_trading_participants_place_orders_from_their_own_accounts(market):
    verifier = market.ledger.register_verifier()
    payload = pb.PlaceOrder(account_id=market.account(market.buyer), side=BUY, mode=LISTING, unit=UNIT, price_fen=4_800, quantity=1)
    market.refused(verifier.tx("place_order", payload), pb.CODE_ROLE_NOT_AUTHORIZED)
    market.refused(market.ministry.tx("place_order", payload), pb.CODE_ROLE_NOT_AUTHORIZED)
    market.refused(market.order(market.person, BUY, 4_800, 1, account=market.account(market.buyer)), pb.CODE_NOT_ACCOUNT_HOLDER)


def test_art19_art20_a_buy_beyond_the_available_funds_and_a_sell_beyond_the_holdings_are_refused(market):
    market.placed(market.buyer, BUY, 5_000, 99_999)  # 499,995,000 of 1,000,000,000 fen reserved
    market.refused(market.order(market.buyer, BUY, 5_280, 99_999), pb.CODE_INSUFFICIENT_AVAILABLE_FUNDS)  # 527,994,720 fen
    market.placed(market.seller, SELL, 4_800, 99_999)
    market.placed(market.seller, SELL, 4_800, 99_999)
    market.placed(market.seller, SELL, 4_800, 99_999)
    market.refused(market.order(market.seller, SELL, 4_800, 4), pb.CODE_INSUFFICIENT_BALANCE)  # 3 t left


def test_position_limit_per_category_counts_holdings_reserved_sales_and_open_buys(market):
    market.set_rules(position_limits=[pb.PositionLimit(role=pb.ROLE_INSTITUTION, tonnes_max=1_000)])
    market.placed(market.buyer, BUY, 4_800, 600)
    market.refused(market.order(market.buyer, BUY, 4_800, 401), pb.CODE_POSITION_LIMIT_EXCEEDED)
    market.placed(market.buyer, BUY, 4_800, 400)
    market.placed(market.person, BUY, 4_800, 5_000)  # individuals have no limit in this version


def test_position_limit_of_a_key_emitter_adds_its_free_allocation(market):
    market.set_rules(position_limits=[pb.PositionLimit(role=pb.ROLE_KEY_EMITTER, tonnes_max=1_000, plus_allocation=True)])
    # 300,000 allocated and held: the position may reach 301,000.
    market.refused(market.order(market.seller, BUY, 4_800, 1_001), pb.CODE_POSITION_LIMIT_EXCEEDED)
    market.placed(market.seller, BUY, 4_800, 1_000)


def test_art19_art20_cancelling_releases_the_rest_and_only_the_owner_cancels(market):
    buy = market.placed(market.buyer, BUY, 5_000, 1_000)
    sell = market.placed(market.seller, SELL, 4_900, 2_000)
    market.refused(market.cancel(market.person, buy), pb.CODE_NOT_ORDER_OWNER)
    market.refused(market.cancel(market.buyer, b"\x01" * 32), pb.CODE_UNKNOWN_ORDER)
    result = market.expect(market.cancel(market.buyer, buy), pb.CODE_OK)
    assert result.events[0].order_released.released_fen == 5_000_000
    market.expect(market.cancel(market.seller, sell), pb.CODE_OK)
    assert market.cash(market.buyer).reserved_fen == 0 and market.holdings(market.seller) == 300_000
    market.refused(market.cancel(market.buyer, buy), pb.CODE_ORDER_NOT_OPEN)
    flow = market.ledger.read(lambda state: market_queries.order_flow(state, date_of(MONDAY), size=10)).items
    assert [entry.action for entry in flow] == [pb.ORDER_FLOW_ACTION_PLACE] * 2 + [pb.ORDER_FLOW_ACTION_CANCEL] * 2


def test_art19_art20_a_listing_taker_chooses_a_maker_among_the_best_five_levels_at_the_makers_price(market):
    makers = [market.placed(market.seller, SELL, price, 10) for price in (4_800, 4_810, 4_820, 4_830, 4_840, 4_850)]
    market.refused(market.order(market.buyer, BUY, 4_850, 10, maker_order_id=makers[5]), pb.CODE_MAKER_NOT_IN_BEST_LEVELS)
    market.refused(market.order(market.buyer, BUY, 4_839, 10, maker_order_id=makers[4]), pb.CODE_QUOTE_MISMATCH)
    market.refused(market.order(market.seller, BUY, 4_840, 10, maker_order_id=makers[4]), pb.CODE_QUOTE_MISMATCH)  # its own
    taker = market.placed(market.buyer, BUY, 4_840, 10, maker_order_id=makers[4])
    depth = market.ledger.read(lambda state: market_queries.depth(state, LISTING, UNIT, SELL, 5))
    assert depth == [(4_800, 10), (4_810, 10), (4_820, 10), (4_830, 10), (4_840, 10)]  # a taker does not rest on the book
    assert codes(market.settle([(taker, makers[4], 4_840, 10)])) == ["CODE_OK"]


def test_art21_a_listing_taker_trades_with_any_maker_of_the_level_it_chose_earliest_first(market):
    # The exchange fills the chosen level earliest maker first, so the taker may trade with another maker there.
    first = market.placed(market.seller, SELL, 4_800, 10)
    chosen = market.placed(market.second_seller, SELL, 4_800, 10)
    other_level = market.placed(market.second_seller, SELL, 4_790, 10)
    taker = market.placed(market.buyer, BUY, 4_800, 20, maker_order_id=chosen)
    result = market.settle([(taker, first, 4_800, 10), (taker, other_level, 4_790, 5), (taker, chosen, 4_800, 10)])
    assert codes(result) == ["CODE_OK", "CODE_TRADE_PRICE_NOT_ALLOWED", "CODE_OK"]


def test_art19_art20_a_block_agreement_is_quoted_to_a_named_counterparty_and_accepted_only_by_it(market):
    market.move_to(MONDAY, 13.5)
    quote = market.placed(market.seller, SELL, 5_000, 100_000, BLOCK, counterparty=market.buyer.participant_id)
    market.refused(market.order(market.person, BUY, 5_000, 100_000, BLOCK, quote_order_id=quote), pb.CODE_QUOTE_MISMATCH)
    market.refused(market.order(market.buyer, BUY, 5_010, 100_000, BLOCK, quote_order_id=quote), pb.CODE_QUOTE_MISMATCH)
    accept = market.placed(market.buyer, BUY, 5_000, 100_000, BLOCK, quote_order_id=quote)
    assert codes(market.settle([(accept, quote, 5_000, 100_000)])) == ["CODE_OK"]
    assert market.holdings(market.buyer) == 100_000 and market.cash(market.seller).balance_fen == FEN + 500_000_000


def test_art8_a_one_way_auction_sells_the_ministrys_units_and_its_proceeds_go_to_the_fiscal_account(market):
    market.ledger.issue(VINTAGE, 50_000)
    market.expect(market.ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, UNIT, 50_000), pb.CODE_OK)
    offer_tx = market.offer(50_000, 4_000)
    market.expect(offer_tx, pb.CODE_OK)
    offer = signed_tx_id(offer_tx)
    market.refused(market.order(market.buyer, BUY, 3_999, 100, AUCTION, auction_id=offer), pb.CODE_BELOW_RESERVE_PRICE)
    market.refused(market.order(market.buyer, BUY, 4_000, 50_001, AUCTION, auction_id=offer), pb.CODE_BELOW_RESERVE_PRICE)
    high = market.placed(market.buyer, BUY, 4_500, 30_000, AUCTION, auction_id=offer)
    low = market.placed(market.person, BUY, 4_200, 30_000, AUCTION, auction_id=offer)
    # one uniform clearing price: the lowest accepted bid, 4,200
    result = market.settle([(high, offer, 4_200, 30_000), (low, offer, 4_200, 20_000)], expired=[low, offer])
    assert codes(result) == ["CODE_OK", "CODE_OK"]
    assert [pb.Code.Name(o.code) for o in result.outcomes] == ["CODE_OK", "CODE_ORDER_ALREADY_FILLED"]  # the offer sold out
    assert market.cash(book.FISCAL_ACCOUNT).balance_fen == 4_200 * 50_000
    assert market.holdings(market.buyer) == 30_000 and market.holdings(market.person) == 20_000
    assert market.cash(market.buyer).balance_fen == FEN - 4_200 * 30_000 and market.cash(market.buyer).reserved_fen == 0
    assert market.holdings(identity.AUCTION_ACCOUNT) == 0


def test_art8_every_trade_of_an_auction_clears_at_one_uniform_price(market):
    market.ledger.issue(VINTAGE, 1_000)
    market.expect(market.ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, UNIT, 1_000), pb.CODE_OK)
    offer_tx = market.offer(1_000, 4_000)
    market.expect(offer_tx, pb.CODE_OK)
    offer = signed_tx_id(offer_tx)
    first = market.placed(market.buyer, BUY, 4_500, 500, AUCTION, auction_id=offer)
    second = market.placed(market.person, BUY, 4_300, 500, AUCTION, auction_id=offer)
    assert codes(market.settle([(first, offer, 4_300, 500)], batch_id="A1")) == ["CODE_OK"]
    assert codes(market.settle([(second, offer, 4_200, 500)], batch_id="A2")) == ["CODE_TRADE_PRICE_NOT_ALLOWED"]
    assert codes(market.settle([(second, offer, 4_300, 500)], batch_id="A3")) == ["CODE_OK"]


def test_art8_only_the_ministry_offers_and_only_what_its_auction_account_holds(market):
    market.refused(market.offer(1, 4_000), pb.CODE_INSUFFICIENT_BALANCE)
    payload = pb.AuctionOffer(unit=UNIT, quantity=1, reserve_price_fen=4_000)
    market.refused(market.seller.tx("auction_offer", payload), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- T+1 ---------------------------------------------------------------------------------------------


def test_art21_units_bought_today_are_sold_from_the_next_trading_day_only(market):
    sell = market.placed(market.seller, SELL, 4_800, 100)
    buy = market.placed(market.buyer, BUY, 4_800, 100, maker_order_id=sell)
    market.settle([(buy, sell, 4_800, 100)])
    market.refused(market.order(market.buyer, SELL, 4_800, 1), pb.CODE_BOUGHT_TODAY_NOT_SELLABLE)
    market.move_to(TUESDAY, 10)
    market.placed(market.buyer, SELL, 4_800, 100)


# -- settlement batches (art. 21) --------------------------------------------------------------------


@pytest.fixture
def crossed(market):
    """A listing maker selling 1,000 at 4,900 and a taker buying 600 of it, and an open-bidding bid of 500 at 4,850
    and ask of 500 at 4,820."""
    market.sell = market.placed(market.seller, SELL, 4_900, 1_000)
    market.buy = market.placed(market.buyer, BUY, 4_900, 600, maker_order_id=market.sell)
    market.bid = market.placed(market.person, BUY, 4_850, 500, OPEN_BIDDING)
    market.ask = market.placed(market.second_seller, SELL, 4_820, 500, OPEN_BIDDING)
    return market


def test_art21_a_trade_moves_units_and_fen_together_and_releases_the_buyers_over_reservation(crossed):
    result = crossed.settle([(crossed.buy, crossed.sell, 4_900, 600), (crossed.bid, crossed.ask, 4_830, 500)])
    assert codes(result) == ["CODE_OK", "CODE_OK"] and result.settled_amount_fen == 2_940_000 + 2_415_000
    # the bid reserved 4,850 x 500 and paid 4,830 x 500: the rest is released with the fill
    assert crossed.cash(crossed.person) == pb.CashAccount(holder=crossed.person.participant_id, balance_fen=FEN - 2_415_000)
    assert crossed.cash(crossed.second_seller).balance_fen == FEN + 2_415_000
    assert crossed.cash(crossed.buyer) == pb.CashAccount(holder=crossed.buyer.participant_id, balance_fen=FEN - 2_940_000)
    assert crossed.cash(crossed.seller).balance_fen == FEN + 2_940_000
    assert crossed.holdings(crossed.buyer) == 600 and crossed.reserved_units(crossed.seller) == 400
    assert crossed.order_record(crossed.buy).status == pb.ORDER_STATUS_FILLED
    assert crossed.order_record(crossed.sell).remaining == 400


def test_art21_a_batch_whose_totals_do_not_match_its_trades_is_rejected_whole(crossed):
    trades = [(crossed.buy, crossed.sell, 4_900, 600)]
    for override in (dict(trade_count=2), dict(total_quantity=601), dict(total_amount_fen=1)):
        crossed.refused(crossed.batch(trades, **override), pb.CODE_BATCH_TOTALS_MISMATCH)


def test_art21_each_trade_settles_by_itself_and_a_failed_one_blocks_no_other(crossed):
    unknown = b"\x07" * 32
    trades = [
        (unknown, crossed.sell, 4_900, 10),  # unknown order
        (crossed.sell, crossed.buy, 4_900, 10),  # sides swapped
        (crossed.buy, crossed.sell, 5_001, 10),  # above the buyer's limit
        (crossed.buy, crossed.sell, 4_950, 10),  # a listing trade off the maker's price
        (crossed.buy, crossed.sell, 4_900, 601),  # beyond the buyer's remainder
        (crossed.bid, crossed.sell, 4_900, 10),  # open bidding with listing
        (crossed.buy, crossed.sell, 4_900, 600),  # settles
        (crossed.buy, crossed.sell, 4_900, 1),  # the buy side is filled now
        (crossed.bid, crossed.ask, 4_830, 500),  # settles
    ]
    result = crossed.settle(trades)
    assert codes(result) == ["CODE_UNKNOWN_ORDER", "CODE_TRADE_SIDE_MISMATCH", "CODE_TRADE_PRICE_NOT_ALLOWED",
                             "CODE_TRADE_PRICE_NOT_ALLOWED", "CODE_TRADE_QUANTITY_EXCEEDS_REMAINDER", "CODE_TRADE_MODE_MISMATCH",
                             "CODE_OK", "CODE_ORDER_ALREADY_FILLED", "CODE_OK"]
    assert result.settled_count == 2 and result.settled_quantity == 1_100
    assert crossed.holdings(crossed.buyer) == 600 and crossed.holdings(crossed.person) == 500


def test_art21_a_trade_with_one_participant_on_both_sides_is_refused(market):
    bid = market.placed(market.seller, BUY, 4_850, 10, OPEN_BIDDING)
    ask = market.placed(market.seller, SELL, 4_800, 10, OPEN_BIDDING)
    assert codes(market.settle([(bid, ask, 4_800, 10)])) == ["CODE_TRADE_SAME_PARTICIPANT"]


def test_art21_a_trade_of_orders_of_another_trading_day_is_refused_and_expiry_releases_them(crossed):
    crossed.move_to(TUESDAY, 9.6)
    result = crossed.settle([(crossed.buy, crossed.sell, 4_900, 10)], trade_date=date_of(TUESDAY),
                            expired=[crossed.buy, crossed.sell])
    assert codes(result) == ["CODE_ORDER_NOT_OF_TRADE_DATE"] and [o.code for o in result.outcomes] == [pb.CODE_OK, pb.CODE_OK]
    assert crossed.cash(crossed.buyer).reserved_fen == 0 and crossed.reserved_units(crossed.seller) == 0
    assert crossed.holdings(crossed.seller) == 300_000


def test_art21_a_cancelled_order_cannot_trade(crossed):
    crossed.expect(crossed.cancel(crossed.person, crossed.bid), pb.CODE_OK)
    assert codes(crossed.settle([(crossed.bid, crossed.ask, 4_830, 500)])) == ["CODE_ORDER_NOT_OPEN"]


def test_art21_a_batch_id_settles_once_and_its_first_result_stands(crossed):
    first = crossed.settle([(crossed.buy, crossed.sell, 4_900, 300)])
    # Another transaction (a new client id) with the same batch id: refused, nothing settles twice.
    crossed.refused(crossed.batch([(crossed.buy, crossed.sell, 4_900, 300)]), pb.CODE_DUPLICATE_BATCH)
    record = crossed.ledger.read(lambda state: market_queries.batch(state, "B1"))
    assert record.result == first and crossed.holdings(crossed.buyer) == 300


def test_art21_batches_of_a_non_trading_or_a_future_day_are_refused(crossed):
    crossed.refused(crossed.batch([], trade_date=date_of(SATURDAY)), pb.CODE_NOT_TRADING_DAY)
    crossed.refused(crossed.batch([], trade_date=date_of(TUESDAY)), pb.CODE_BATCH_TRADE_DATE_INVALID)


def test_art21_reconciliation_sets_the_exchanges_declared_totals_beside_the_registrys_settled_ones(crossed):
    crossed.settle([(crossed.buy, crossed.sell, 4_900, 600)], batch_id="B1")
    day = crossed.ledger.read(lambda state: market_queries.reconciliation(state, date_of(MONDAY)))
    assert day.balanced and day.record.settled_amount_fen == 2_940_000
    crossed.settle([(crossed.bid, crossed.ask, 4_830, 500), (crossed.bid, crossed.ask, 4_830, 1)], batch_id="B2")
    day = crossed.ledger.read(lambda state: market_queries.reconciliation(state, date_of(MONDAY)))
    assert not day.balanced and (day.record.declared_trade_count, day.record.settled_trade_count, day.record.failed_trade_count) == (3, 2, 1)
    trades = crossed.ledger.read(lambda state: market_queries.trades(state, date_of(MONDAY), size=10)).items
    assert [(trade.batch_id, trade.trade.quantity) for trade in trades] == [("B1", 600), ("B2", 500)]


def test_the_close_is_the_vwap_of_the_days_listing_trades_and_sets_the_next_days_band(crossed):
    crossed.settle([(crossed.buy, crossed.sell, 4_900, 600), (crossed.bid, crossed.ask, 4_830, 400)])
    maker = crossed.placed(crossed.second_seller, SELL, 4_810, 300)
    taker = crossed.placed(crossed.person, BUY, 4_810, 300, maker_order_id=maker)
    crossed.settle([(taker, maker, 4_810, 300)], batch_id="B2")
    close = (4_900 * 600 + 4_810 * 300) / 900  # 4,870: the open-bidding trade does not count
    summary = crossed.ledger.read(lambda state: market_queries.day_summary(state, UNIT, date_of(MONDAY)))
    assert (summary.open_fen, summary.high_fen, summary.low_fen, summary.close_fen) == (4_900, 4_900, 4_810, round(close))
    assert (summary.listed_quantity, summary.quantity, summary.trade_count) == (900, 1_300, 3)
    crossed.move_to(TUESDAY, 10)
    assert crossed.ledger.read(lambda state: market_queries.previous_close(state, UNIT, date_of(TUESDAY), state.rulebook())) == 4_870
    crossed.refused(crossed.order(crossed.person, BUY, 4_870 * 11 // 10 + 1, 1), pb.CODE_PRICE_OUTSIDE_BAND)
    crossed.placed(crossed.person, BUY, 4_870 * 11 // 10, 1)


def test_large_holders_are_those_above_the_reporting_threshold(market):
    market.move_to(MONDAY, 13.5)
    quote = market.placed(market.seller, SELL, 4_800, 100_000, BLOCK, counterparty=market.buyer.participant_id)
    found = market.ledger.read(lambda state: market_queries.large_holders(state, UNIT, 250_000, size=10)).items
    assert sorted(holder.account_id for holder in found) == sorted(market.account(s) for s in (market.seller, market.second_seller))
    assert {holder.tonnes for holder in found} == {300_000}  # units reserved for sale still count
    default = market.ledger.read(lambda state: market_queries.large_holders(state, UNIT, state.rulebook().large_holder_tonnes, size=10))
    assert default.items == [] and quote


def test_a_participants_orders_and_cash_are_queries(crossed):
    orders = crossed.ledger.read(lambda state: market_queries.orders_of_account(state, crossed.account(crossed.seller), size=10)).items
    assert [order.order_id for order in orders] == [crossed.sell]
    view = crossed.ledger.read(lambda state: market_queries.cash(state, crossed.buyer.participant_id))
    assert (view.balance_fen, view.reserved_fen, view.available_fen) == (FEN, 2_940_000, FEN - 2_940_000)
    assert crossed.ledger.read(lambda state: market_queries.order(state, crossed.bid)).price_fen == 4_850


def test_the_days_order_flow_is_in_ledger_order_for_the_engine_to_replay(crossed):
    flow = crossed.ledger.read(lambda state: market_queries.order_flow(state, date_of(MONDAY), size=10)).items
    assert [entry.order.order_id for entry in flow] == [crossed.sell, crossed.buy, crossed.bid, crossed.ask]
    assert [entry.sequence for entry in flow] == [entry.order.sequence for entry in flow] == [1, 2, 3, 4]
    assert flow[1].order.maker_order_id == crossed.sell and flow[2].order.mode == OPEN_BIDDING
