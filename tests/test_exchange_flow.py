"""The bridge between the chain's order flow and the engine (exchange/flow.py), the exchange's day
end (`end_trading_day`, arts. 8, 20), the runner's plan (node/exchange_runner.py) and the market
audit (exchange/audit.py), on the in-process chain of tests/market_world.py: block times are set
on trading days of the 2026 calendar, since the ledger reads no clock.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cets.v1 import messages as pb
from cets.clients.builder import signed_tx_id
from cets.exchange import flow
from cets.exchange.audit import audit_day, audit_market, day_replay
from cets.exchange.engine import Closed, Closure, Mode, Trade
from cets.ledger import identity, limits, market_queries
from cets.node import devnet
from cets.node.exchange_runner import ExchangeRunner
from tests.market_world import MONDAY, TUESDAY, UNIT, Market, date_of

BUY, SELL = pb.ORDER_SIDE_BUY, pb.ORDER_SIDE_SELL
LISTING, OPEN_BIDDING = pb.TRADING_MODE_LISTING_AGREEMENT, pb.TRADING_MODE_OPEN_BIDDING
MONDAY_DATE = date_of(MONDAY)


@pytest.fixture
def market() -> Market:
    return Market()


def runner() -> ExchangeRunner:
    return ExchangeRunner(None, None, devnet.dev_key("EXCH"), clock=lambda: 0)


def exchange_step(market: Market, exchange: ExchangeRunner, now_ms: int | None = None) -> list[pb.TxResult]:
    """What the runner would submit after the latest block, committed in the next block."""
    work = market.ledger.read(lambda state: exchange.plan(state, now_ms or market.now))
    txs = [market.exchange.tx("settle_batch", batch) for batch in work.batches]
    txs += [market.exchange.tx("end_trading_day", pb.EndTradingDay(trade_date=date)) for date in work.end_dates]
    return market.ledger.run(*txs) if txs else []


def run_exchange_until_quiet(market: Market, exchange: ExchangeRunner, now_ms: int | None = None) -> None:
    for _ in range(20):
        if not exchange_step(market, exchange, now_ms):
            return
    raise AssertionError("the runner kept submitting")


# -- the day end (arts. 8, 20) ----------------------------------------------------------------------


def test_art20_only_the_exchange_ends_a_trading_day_and_only_after_its_last_session(market):
    end = pb.EndTradingDay(trade_date=MONDAY_DATE)
    market.refused(market.ministry.tx("end_trading_day", end), pb.CODE_ROLE_NOT_AUTHORIZED)
    market.refused(market.exchange.tx("end_trading_day", end), pb.CODE_TRADING_DAY_NOT_OVER)  # 10:00
    market.refused(market.exchange.tx("end_trading_day", pb.EndTradingDay(trade_date=date_of((2026, 1, 10)))), pb.CODE_NOT_TRADING_DAY)
    market.move_to(MONDAY, 15.5)
    ended = market.expect(market.exchange.tx("end_trading_day", end), pb.CODE_OK).events[0].trading_day_ended
    assert ended.trade_date == MONDAY_DATE
    market.refused(market.exchange.tx("end_trading_day", end), pb.CODE_TRADING_DAY_ENDED)


def test_art20_an_ended_days_order_flow_takes_no_cancellation(market):
    sell = market.placed(market.seller, SELL, 4_800, 10)
    market.move_to(MONDAY, 15.5)
    market.expect(market.exchange.tx("end_trading_day", pb.EndTradingDay(trade_date=MONDAY_DATE)), pb.CODE_OK)
    market.refused(market.cancel(market.seller, sell), pb.CODE_TRADING_DAY_ENDED)
    flow_entries = market.ledger.read(lambda state: market_queries.order_flow(state, MONDAY_DATE, size=10)).items
    assert [entry.action for entry in flow_entries] == [pb.ORDER_FLOW_ACTION_PLACE, pb.ORDER_FLOW_ACTION_DAY_END]


def test_art20_an_ended_day_takes_no_order_even_under_a_rulebook_with_longer_sessions(market):
    market.move_to(MONDAY, 15.5)
    market.expect(market.exchange.tx("end_trading_day", pb.EndTradingDay(trade_date=MONDAY_DATE)), pb.CODE_OK)
    market.set_rules(trading_sessions=[pb.TradingSession(start_minute=0, end_minute=24 * 60, block_agreements=True)])
    market.refused(market.order(market.seller, SELL, 4_800, 10), pb.CODE_TRADING_DAY_ENDED)
    market.refused(market.offer(10, 4_000), pb.CODE_TRADING_DAY_ENDED)


# -- the bridge -------------------------------------------------------------------------------------


def test_art21_the_runner_settles_the_days_trades_and_expires_its_rest_after_the_day_end(market):
    exchange = runner()
    maker = market.placed(market.seller, SELL, 4_800, 1_000)
    taker = market.placed(market.buyer, BUY, 4_800, 600, maker_order_id=maker)
    resting_bid = market.placed(market.person, BUY, 4_700, 5, mode=OPEN_BIDDING)
    (result,) = exchange_step(market, exchange)
    settled = result.events[0].batch_settled
    assert settled.batch_id == f"{MONDAY_DATE}-0" and [trade.code for trade in settled.trades] == [pb.CODE_OK]
    assert market.order_record(maker).remaining == 400
    assert exchange_step(market, exchange) == []  # nothing new, the day not over

    market.move_to(MONDAY, 15.5)
    run_exchange_until_quiet(market, exchange)
    assert market.order_record(maker).status == pb.ORDER_STATUS_EXPIRED
    assert market.order_record(resting_bid).status == pb.ORDER_STATUS_EXPIRED
    assert market.order_record(taker).status == pb.ORDER_STATUS_FILLED
    audit = market.ledger.read(audit_market)
    assert audit.ok and audit.days[0].items_pending == 0 and audit.days[0].ended, audit.as_dict()


def test_art21_a_restarted_runner_rebuilds_from_the_chain_and_submits_only_what_is_not_settled(market):
    maker = market.placed(market.seller, SELL, 4_800, 1_000)
    market.placed(market.buyer, BUY, 4_800, 100, maker_order_id=maker)
    exchange_step(market, runner())
    market.placed(market.person, BUY, 4_800, 50, maker_order_id=maker)
    restarted = runner()
    (result,) = exchange_step(market, restarted)
    settled = result.events[0].batch_settled
    assert settled.batch_id == f"{MONDAY_DATE}-1" and settled.settled_quantity == 50
    assert market.order_record(maker).remaining == 850
    assert market.ledger.read(audit_market).ok


def test_art21_a_batch_resubmitted_after_a_restart_is_the_same_batch_and_settles_once(market):
    maker = market.placed(market.seller, SELL, 4_800, 1_000)
    market.placed(market.buyer, BUY, 4_800, 100, maker_order_id=maker)
    first = market.ledger.read(lambda state: runner().plan(state, market.now)).batches
    again = market.ledger.read(lambda state: runner().plan(state, market.now)).batches
    assert first == again
    results = market.ledger.run(*(market.exchange.tx("settle_batch", batch) for batch in first + again))
    assert [pb.Code.Name(result.code) for result in results] == ["CODE_OK", "CODE_DUPLICATE_BATCH"]
    assert market.order_record(maker).remaining == 900


def test_art21_a_days_items_split_into_batches_that_fit_one_transaction():
    trade = flow.Item(trade=pb.Trade(buy_order_id=bytes(32), sell_order_id=bytes([1]) * 32, price_fen=4_800, quantity=1_000))
    items = [trade] * 450 + [flow.Item(expired=bytes([2]) * 32)] * 30
    batches = flow.batches_of(MONDAY_DATE, items, 0)
    assert len(batches) == 3 and sum(len(b.trades) + len(b.expired_order_ids) for b in batches) == 480
    positions = [flow.position_of(MONDAY_DATE, batch.batch_id) for batch in batches]
    assert positions == [0, len(batches[0].trades), len(batches[0].trades) + len(batches[1].trades)]
    for batch in batches:
        signed = pb.SignedTx(body=pb.TxBody(chain_id="cets-dev-1", signer="EXCH", client_id="x" * 32, created_ms=2**40,
                                            settle_batch=batch).SerializeToString(), signatures=[pb.Signature(key_id="k" * 64,
                                                                                                              signature=bytes(64))])
        assert signed.ByteSize() <= limits.signed_tx_bytes_max
        assert (batch.trade_count, batch.total_quantity) == (len(batch.trades), 1_000 * len(batch.trades))
    assert len(batches[0].trades) >= 150
    assert flow.batches_of(MONDAY_DATE, items, 480) == []


def test_art8_an_auction_closes_with_its_trading_day_at_one_uniform_price(market):
    exchange = runner()
    market.ledger.issue(2025, 100)
    market.expect(market.ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, UNIT, 100), pb.CODE_OK)
    offer_tx = market.offer(100, 4_000)
    market.expect(offer_tx, pb.CODE_OK)
    offer = signed_tx_id(offer_tx)
    high = market.placed(market.buyer, BUY, 4_500, 60, mode=pb.TRADING_MODE_AUCTION, auction_id=offer)
    low = market.placed(market.person, BUY, 4_200, 60, mode=pb.TRADING_MODE_AUCTION, auction_id=offer)
    assert exchange_step(market, exchange) == []  # bids wait for the close
    market.move_to(MONDAY, 15.5)
    run_exchange_until_quiet(market, exchange)
    (record,) = market.ledger.read(lambda state: flow.all_batches(state, MONDAY_DATE))
    assert [(t.buy_order_id, t.price_fen, t.quantity) for t in record.trades] == [(high, 4_200, 60), (low, 4_200, 40)]
    assert market.order_record(low).status == pb.ORDER_STATUS_CANCELLED  # its unfilled 20 t released
    audit = market.ledger.read(lambda state: audit_day(state, MONDAY_DATE))
    assert audit.ok and audit.trades_settled == 2 and audit.items_pending == 0


def test_art8_the_ministry_closes_its_auction_before_the_day_end_and_the_runner_clears_it_there(market):
    exchange = runner()
    market.ledger.issue(2025, 100)
    market.expect(market.ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, UNIT, 100), pb.CODE_OK)
    offer_tx = market.offer(100, 4_000)
    market.expect(offer_tx, pb.CODE_OK)
    offer = signed_tx_id(offer_tx)
    bid = market.placed(market.buyer, BUY, 4_500, 60, mode=pb.TRADING_MODE_AUCTION, auction_id=offer)
    close = pb.CloseAuction(auction_id=offer)
    market.refused(market.exchange.tx("close_auction", close), pb.CODE_ROLE_NOT_AUTHORIZED)
    market.refused(market.ministry.tx("close_auction", pb.CloseAuction(auction_id=bid)), pb.CODE_INVALID_FIELD)
    closed = market.expect(market.ministry.tx("close_auction", close), pb.CODE_OK).events[0].auction_closed
    assert (closed.auction_id, closed.trade_date) == (offer, MONDAY_DATE)
    market.refused(market.ministry.tx("close_auction", close), pb.CODE_AUCTION_CLOSED)
    market.refused(market.order(market.person, BUY, 4_500, 10, mode=pb.TRADING_MODE_AUCTION, auction_id=offer), pb.CODE_AUCTION_CLOSED)
    run_exchange_until_quiet(market, exchange)  # 10:00: cleared at the close, not at the day's end
    assert market.order_record(bid).status == pb.ORDER_STATUS_FILLED
    assert market.order_record(offer).status == pb.ORDER_STATUS_CANCELLED  # its unsold 40 t released
    market.move_to(MONDAY, 15.5)
    run_exchange_until_quiet(market, exchange)
    audit = market.ledger.read(lambda state: audit_day(state, MONDAY_DATE))
    assert audit.ok and audit.ended and audit.trades_settled == 1 and audit.items_pending == 0


# -- the audit --------------------------------------------------------------------------------------


def test_art21_the_market_audit_names_a_trade_the_rules_would_not_produce(market):
    cheap = market.placed(market.seller, SELL, 4_700, 100)
    dear = market.placed(market.second_seller, SELL, 4_900, 100)
    buy = market.placed(market.buyer, BUY, 4_900, 100, maker_order_id=dear)
    # The rules fill the taker's 100 t at the level it chose; the ledger accepts a trade of 60 t (the orders allow it),
    # a trade the rules would not produce.
    del cheap
    wrong = market.settle([(buy, dear, 4_900, 60)], batch_id="HAND-1")
    assert wrong.settled_count == 1
    audit = market.ledger.read(audit_market)
    assert not audit.ok
    problem = audit.days[0].problem
    assert problem.startswith(f"trade 0 of {MONDAY_DATE}") and buy.hex() in problem and "60 t" in problem, problem


def test_the_audit_compares_trades_by_identity_and_names_the_first_that_differs():
    replayed = [Trade("b1", "s1", 4_800, 10, Mode.LISTING), Trade("b2", "s1", 4_800, 5, Mode.LISTING)]
    settled = [Trade("b1", "s1", 4_800, 10, Mode.OPEN_BIDDING), Trade("b2", "s1", 4_700, 5, Mode.LISTING)]
    from cets.exchange.engine import first_difference

    difference = first_difference(replayed, settled)
    assert difference.position == 1 and "4700 fen" in difference.describe()
    assert flow.item_of(Closure("aa", Closed.CANCELLED, 3)) is None  # the ledger released it at the cancel
    assert flow.item_of(Closure("aa", Closed.UNFILLED, 3)) == flow.Item(cancelled=bytes([0xAA]))


# -- the property: replaying the chain's order flow reproduces every settled trade ------------------

ORDERS = st.lists(st.tuples(st.sampled_from(["seller", "second_seller", "buyer", "person"]), st.sampled_from([BUY, SELL]),
                            st.integers(4_700, 4_900), st.integers(1, 40), st.booleans(), st.booleans()),
                  min_size=1, max_size=14)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(orders=ORDERS)
def test_property_replaying_the_chains_order_flow_reproduces_every_settled_trade(orders):
    market = Market()
    exchange = runner()
    for name, side, price, quantity, settle_now, cancel in orders:
        trader = getattr(market, name)
        if name in ("buyer", "person"):
            side = BUY
        tx = market.order(trader, side, price, quantity, mode=OPEN_BIDDING)
        (result,) = market.ledger.run(tx)
        if result.code == pb.CODE_OK and cancel and settle_now:
            market.ledger.run(market.cancel(trader, signed_tx_id(tx)))
        if settle_now:
            exchange_step(market, exchange)
    market.move_to(MONDAY, 15.5)
    run_exchange_until_quiet(market, exchange)
    market.move_to(TUESDAY, 10)
    audit = market.ledger.read(audit_market)
    assert audit.ok, audit.as_dict()
    (day,) = audit.days
    assert day.trades_settled == day.trades_expected and day.items_pending == 0
    replay = market.ledger.read(lambda state: day_replay(state, MONDAY_DATE))
    records = market.ledger.read(lambda state: flow.all_batches(state, MONDAY_DATE))
    replayed = {trade.identity() for trade in replay.trades()}
    settled_ok = [record.trades[result.index] for record in records for result in record.result.trades if result.code == pb.CODE_OK]
    assert all((t.buy_order_id.hex(), t.sell_order_id.hex(), t.price_fen, t.quantity) in replayed for t in settled_ok)
