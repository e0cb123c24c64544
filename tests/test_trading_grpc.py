"""The Trading service through a real node (gRPC on loopback, a real LMDB, real Ed25519): order
entry, orders and cash, the book replayed through the engine, the trade stream (resumed across a
node restart on the same data, without gaps or repeats), daily bars, reconciliation, large holders
and batches; and bad requests refused with their status and ErrorInfo reason.

As tests/test_market_grpc.py does, the node's clock (and its signers') is moved to 10:00 China
time of a trading day ahead, since orders are accepted only in a session of a trading day.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.clients.sdk import CetsError
from cets.ledger import identity, keyfile
from cets.ledger.txs.market import sessions
from cets.node import devnet
from tests.conftest import founder, new_key, new_uscc, start_node, submit_ok
from tests.test_bad_input import VINTAGE, funded_emitter
from tests.test_cli import run_cets
from tests.test_market_grpc import ShiftedClock, next_trading_morning

S = grpc.StatusCode
UNIT = cea(VINTAGE)
PRICE = 4_900
LISTING = pb.TRADING_MODE_LISTING_AGREEMENT
BUY, SELL = pb.ORDER_SIDE_BUY, pb.ORDER_SIDE_SELL


@dataclass
class Market:
    """A seller emitter holding 5,000 t, a funded buyer institution, and the exchange, each signing
    on the node's shifted clock."""

    running: object
    clock: ShiftedClock
    seller: TxBuilder
    buyer: TxBuilder
    exchange: TxBuilder
    trade_date: int

    @property
    def client(self):
        return self.running.client

    def order(self, who: TxBuilder, side: int, price: int, quantity: int, mode: int = LISTING, **references) -> pb.SignedTx:
        account = identity.holding_account_id(who.participant_id) if who is self.seller else identity.trading_account_id(who.participant_id)
        return who.tx("place_order", pb.PlaceOrder(account_id=account, side=side, mode=mode, unit=UNIT, price_fen=price, quantity=quantity,
                                                   **references))

    async def place(self, who: TxBuilder, side: int, price: int, quantity: int, mode: int = LISTING, **references) -> bytes:
        tx = self.order(who, side, price, quantity, mode, **references)
        receipt = await self.client.place_order(tx)
        assert receipt.code == pb.CODE_OK
        return signed_tx_id(tx)

    async def settle(self, batch_id: str, trades: list[tuple[bytes, bytes, int, int]], cancelled: list[bytes] = ()) -> pb.BatchSettled:
        records = [pb.Trade(buy_order_id=b, sell_order_id=s, price_fen=p, quantity=q) for b, s, p, q in trades]
        payload = pb.SettleBatch(batch_id=batch_id, trade_date=self.trade_date, trade_count=len(records),
                                 total_quantity=sum(r.quantity for r in records), total_amount_fen=sum(r.price_fen * r.quantity for r in records),
                                 trades=records, cancelled_order_ids=cancelled)
        return (await submit_ok(self.client, self.exchange.tx("settle_batch", payload))).events[0].batch_settled

    def shift(self, running) -> None:
        """Point this market at a (restarted) node: the same clock."""
        self.running = running
        running.node.sequencer.clock = self.clock


async def open_market(running) -> Market:
    client = running.client
    await running.node.exchange.stop()  # these tests are the exchange: they settle their batches by hand
    seller = await funded_emitter(client, founder(identity.MINISTRY_ID), founder(identity.province_id("44")), amount=5_000)
    buyer_key = new_key(new_uscc("11"))
    await submit_ok(client, founder(identity.REGISTRY_ID).register_participant(buyer_key.participant_id, pb.ROLE_INSTITUTION, "Buyer",
                                                                               [buyer_key.spec()]))
    clock = ShiftedClock(next_trading_morning(now_ms()))
    running.node.sequencer.clock = clock
    signer = lambda key: TxBuilder(devnet.DEV_CHAIN_ID, key, clock=clock)  # noqa: E731
    market = Market(running, clock, TxBuilder(devnet.DEV_CHAIN_ID, seller.key, clock=clock), signer(buyer_key),
                    signer(devnet.dev_key(identity.EXCHANGE_ID)), sessions.trade_date_of(clock()))
    deposit = pb.DepositFunds(participant_id=buyer_key.participant_id, amount_fen=10_000_000, bank_reference="ICBC-T-1")
    await submit_ok(client, signer(devnet.dev_key(identity.REGISTRY_ID)).tx("deposit_funds", deposit))
    return market


async def refused(call, status: grpc.StatusCode, reason: str) -> None:
    with pytest.raises(CetsError) as caught:
        result = call()
        if hasattr(result, "__anext__"):
            [item async for item in result]
        else:
            await result
    assert (caught.value.status, caught.value.reason) == (status, reason), caught.value.message


@pytest.fixture
async def market(node) -> Market:
    return await open_market(node)


@pytest.mark.asyncio
async def test_orders_placed_through_trading_are_recorded_listed_and_reserve_cash(market):
    client = market.client
    sell = await market.place(market.seller, SELL, PRICE, 1_000)
    buy = await market.place(market.buyer, BUY, PRICE, 600, maker_order_id=sell)
    record = await client.order(buy)
    assert (record.status, record.remaining, record.reserved_fen, record.maker_order_id) == (pb.ORDER_STATUS_OPEN, 600, PRICE * 600, sell)
    account = identity.trading_account_id(market.buyer.participant_id)
    assert [o.order_id async for o in client.orders(account)] == [buy]
    assert [o.order_id async for o in client.orders(account, status=pb.ORDER_STATUS_FILLED)] == []
    cash = await client.cash_account(market.buyer.participant_id)
    assert (cash.balance_fen, cash.reserved_fen, cash.available_fen) == (10_000_000, PRICE * 600, 10_000_000 - PRICE * 600)

    cancel = market.buyer.tx("cancel_order", pb.CancelOrder(order_id=buy))
    assert (await client.cancel_order(cancel)).events[0].order_released.released_fen == PRICE * 600
    assert [o.order_id async for o in client.orders(account, status=pb.ORDER_STATUS_CANCELLED)] == [buy]
    assert (await client.cash_account(market.buyer.participant_id)).reserved_fen == 0


@pytest.mark.asyncio
async def test_the_book_is_the_engines_replay_of_the_days_order_flow(market):
    client = market.client
    first = await market.place(market.seller, SELL, PRICE, 1_000)
    await market.place(market.seller, SELL, PRICE + 10, 500)
    await market.place(market.buyer, BUY, PRICE - 20, 300)
    await market.place(market.buyer, BUY, PRICE, 600, maker_order_id=first)  # the engine fills it now, before any batch
    book = await client.book(UNIT, LISTING)
    assert book.trade_date == market.trade_date
    assert [(level.price_fen, level.quantity) for level in book.asks] == [(PRICE, 400), (PRICE + 10, 500)]
    assert [(level.price_fen, level.quantity) for level in book.bids] == [(PRICE - 20, 300)]
    assert not (await client.book(UNIT, pb.TRADING_MODE_OPEN_BIDDING)).asks


@pytest.mark.asyncio
async def test_an_order_a_batch_released_leaves_the_replayed_book(market):
    kept = await market.place(market.seller, SELL, PRICE, 100)
    released = await market.place(market.seller, SELL, PRICE + 10, 200)
    settled = await market.settle("B-out", [], cancelled=[released])
    assert [outcome.code for outcome in settled.outcomes] == [pb.CODE_OK]
    book = await market.client.book(UNIT, LISTING)
    assert [(level.price_fen, level.quantity) for level in book.asks] == [(PRICE, 100)]
    assert (await market.client.order(kept)).status == pb.ORDER_STATUS_OPEN


@pytest.mark.asyncio
async def test_a_settled_batch_makes_the_trade_stream_the_bar_the_reconciliation_and_the_batch_record(market):
    client = market.client
    sell = await market.place(market.seller, SELL, PRICE, 1_000)
    buys = [await market.place(market.buyer, BUY, PRICE, quantity, maker_order_id=sell) for quantity in (600, 100)]
    settled = await market.settle("B-1", [(buys[0], sell, PRICE, 600), (buys[1], sell, PRICE, 100)])
    assert settled.settled_count == 2

    events = [event async for event in client.trades()]
    assert [(e.trade.trade.quantity, e.trade.batch_id, e.cursor.index) for e in events] == [(600, "B-1", 0), (100, "B-1", 1)]
    assert events[0].cursor.height == events[1].cursor.height == events[0].trade.height
    assert [e.trade.trade.quantity async for e in client.trades(after=events[0].cursor)] == [100]
    assert [e async for e in client.trades(after=events[1].cursor)] == []

    (bar,) = await client.daily_bars(UNIT, market.trade_date)
    assert (bar.open_fen, bar.high_fen, bar.low_fen, bar.close_fen, bar.volume, bar.turnover_fen) == (PRICE, PRICE, PRICE, PRICE, 700, PRICE * 700)
    view = await client.reconciliation(market.trade_date)
    assert view.balanced and (view.reconciliation.declared_trade_count, view.reconciliation.settled_quantity) == (2, 700)
    record = await client.batch("B-1")
    assert [result.code for result in record.result.trades] == [pb.CODE_OK, pb.CODE_OK] and len(record.trades) == 2
    holders = client.large_holders(UNIT)
    assert [holder async for holder in holders] == []  # 700 t is far below the 500,000 t threshold


@pytest.mark.asyncio
async def test_a_following_trade_stream_receives_a_batch_settled_after_it_opened(market):
    client = market.client
    sell = await market.place(market.seller, SELL, PRICE, 1_000)
    buy = await market.place(market.buyer, BUY, PRICE, 250, maker_order_id=sell)
    stream = client.trades(follow=True, timeout_s=20.0)
    pending = asyncio.ensure_future(stream.__anext__())
    await market.settle("B-follow", [(buy, sell, PRICE, 250)])
    event = await asyncio.wait_for(pending, timeout=15.0)
    assert (event.trade.batch_id, event.trade.trade.quantity) == ("B-follow", 250)
    await stream.aclose()


@pytest.mark.asyncio
async def test_the_trade_stream_resumes_across_a_node_restart_without_gaps_or_repeats(tmp_path):
    running = await start_node(tmp_path / "node")
    try:
        market = await open_market(running)
        sell = await market.place(market.seller, SELL, PRICE, 1_000)
        buys = [await market.place(market.buyer, BUY, PRICE, quantity, maker_order_id=sell) for quantity in (100, 200, 300)]
        await market.settle("R-1", [(buys[0], sell, PRICE, 100), (buys[1], sell, PRICE, 200)])
        first = [event async for event in market.client.trades()][0]
        assert first.trade.trade.quantity == 100
    finally:
        await running.stop()
    running = await start_node(tmp_path / "node")  # the same data directory
    try:
        market.shift(running)
        await running.node.exchange.stop()
        await market.settle("R-2", [(buys[2], sell, PRICE, 300)])
        resumed = [event async for event in running.client.trades(after=first.cursor)]
        assert [(e.trade.batch_id, e.trade.trade.quantity) for e in resumed] == [("R-1", 200), ("R-2", 300)]
        cursors = [(e.cursor.height, e.cursor.index) for e in [first, *resumed]]
        assert cursors == sorted(set(cursors))
    finally:
        await running.stop()


# -- bad requests ----------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_order_entry_takes_only_its_own_kind_and_refuses_with_the_ledgers_reason(market):
    client = market.client
    deposit = founder(identity.REGISTRY_ID).tx("deposit_funds", pb.DepositFunds(participant_id="x", amount_fen=1, bank_reference="r"))
    await refused(lambda: client.place_order(deposit), S.INVALID_ARGUMENT, "WRONG_KIND")
    await refused(lambda: client.cancel_order(market.order(market.buyer, BUY, PRICE, 1)), S.INVALID_ARGUMENT, "WRONG_KIND")
    await refused(lambda: client.place_order(b"\xff\xff"), S.INVALID_ARGUMENT, "MALFORMED")
    await refused(lambda: client.place_order(market.order(market.buyer, BUY, PRICE + 1_000, 1)), S.FAILED_PRECONDITION, "PRICE_OUTSIDE_BAND")
    sell = await market.place(market.seller, SELL, PRICE, 10)
    await refused(lambda: client.cancel_order(market.buyer.tx("cancel_order", pb.CancelOrder(order_id=sell))),
                  S.PERMISSION_DENIED, "NOT_ORDER_OWNER")


@pytest.mark.asyncio
async def test_unknown_things_are_not_found(market):
    client = market.client
    await refused(lambda: client.order(b"\x01" * 32), S.NOT_FOUND, "UNKNOWN_ORDER")
    await refused(lambda: client.batch("no-such-batch"), S.NOT_FOUND, "BATCH_NOT_FOUND")
    await refused(lambda: client.cash_account("nobody"), S.NOT_FOUND, "UNKNOWN_PARTICIPANT")
    await refused(lambda: client.orders("nobody.trading"), S.NOT_FOUND, "UNKNOWN_ACCOUNT")
    ccer = pb.Unit(product=pb.PRODUCT_CCER, vintage=VINTAGE, project_id="NO-SUCH-PROJECT")
    await refused(lambda: client.book(ccer, LISTING), S.NOT_FOUND, "UNKNOWN_PROJECT")


@pytest.mark.asyncio
async def test_bad_units_modes_dates_and_ids_are_invalid_arguments(market):
    client = market.client
    await refused(lambda: client.order(b"\x01" * 5), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.book(pb.Unit(product=pb.PRODUCT_CEA, vintage=0), LISTING), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.book(pb.Unit(vintage=VINTAGE), LISTING), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.book(UNIT, pb.TRADING_MODE_BLOCK_AGREEMENT), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.large_holders(cea(0)), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.reconciliation(20261301), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.reconciliation(20260103), S.INVALID_ARGUMENT, "NOT_TRADING_DAY")  # a Saturday
    await refused(lambda: client.daily_bars(UNIT, 20260103), S.INVALID_ARGUMENT, "NOT_TRADING_DAY")
    await refused(lambda: client.daily_bars(UNIT, 20260105, 20280105), S.INVALID_ARGUMENT, "INVALID_FIELD")  # over 366 days
    await refused(lambda: client.daily_bars(UNIT, 20260105, 20260101), S.INVALID_ARGUMENT, "INVALID_FIELD")  # backwards
    await refused(lambda: client.orders("x.trading", status=99), S.INVALID_ARGUMENT, "INVALID_FIELD")
    await refused(lambda: client.batch(""), S.INVALID_ARGUMENT, "MISSING_FIELD")
    await refused(lambda: client.cash_account("x" * 500), S.INVALID_ARGUMENT, "INVALID_FIELD")


@pytest.mark.asyncio
@pytest.mark.parametrize("token", ["garbage", "٣", "\x00", "A" * 2_000, "0", "-1"])
async def test_hostile_page_tokens_are_refused(market, token):
    stub = market.client.trading
    account = identity.trading_account_id(market.buyer.participant_id)
    for method, request in ((stub.ListOrders, api.ListOrdersRequest(account_id=account, page_token=token)),
                            (stub.ListLargeHolders, api.ListLargeHoldersRequest(unit=UNIT, page_token=token))):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await method(request, timeout=10)
        assert caught.value.code() == S.INVALID_ARGUMENT
        assert CetsError.from_rpc_error(caught.value).reason == "PAGE_TOKEN_INVALID"


@pytest.mark.asyncio
async def test_a_page_token_of_another_listing_is_refused(market):
    for quantity in (10, 20, 30):
        await market.place(market.seller, SELL, PRICE, quantity)
    seller_account = identity.holding_account_id(market.seller.participant_id)
    page = await market.client.trading.ListOrders(api.ListOrdersRequest(account_id=seller_account, page_size=1), timeout=10)
    assert len(page.orders) == 1 and page.next_page_token.isascii() and page.next_page_token
    other = identity.trading_account_id(market.buyer.participant_id)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await market.client.trading.ListOrders(api.ListOrdersRequest(account_id=other, page_token=page.next_page_token), timeout=10)
    assert CetsError.from_rpc_error(caught.value).reason == "PAGE_TOKEN_INVALID"
    listed = [order.quantity async for order in market.client.orders(seller_account, page_size=1)]
    assert listed == [10, 20, 30]


# -- the CLI -----------------------------------------------------------------------------------------
async def trade_round_the_clock(client) -> None:
    """A rulebook version that trades every day round the clock, in force a moment from now (the
    CLI signs with the wall clock, so the node's clock is not moved here)."""
    rules = (await client.rulebooks())[-1].rulebook
    del rules.trading_sessions[:]
    rules.trading_sessions.append(pb.TradingSession(start_minute=0, end_minute=24 * 60, block_agreements=True))
    rules.trading_weekdays = 0b1111111
    del rules.non_trading_dates[:]
    effective_ms = now_ms() + 500
    await submit_ok(client, founder(identity.MINISTRY_ID).set_rulebook(rules, effective_ms))
    while now_ms() <= effective_ms:  # bounded: the effective time is half a second away
        await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_the_cli_places_lists_and_cancels_an_order_and_reads_the_market(node, tmp_path):
    client = node.client
    seller = await funded_emitter(client, founder(identity.MINISTRY_ID), founder(identity.province_id("44")), amount=500)
    await trade_round_the_clock(client)
    key_file = keyfile.write(tmp_path / "seller", seller.key)
    account = identity.holding_account_id(seller.participant_id)
    loop = asyncio.get_running_loop()

    def cets(*args: str):
        return run_cets(tmp_path, *args, "--target", node.target, "--json")

    placed = await loop.run_in_executor(None, lambda: cets("order", "place", "--key", str(key_file), "--account", account, "--side", "sell",
                                                           "--mode", "listing_agreement", "--vintage", str(VINTAGE), "--price-fen", "4800",
                                                           "--quantity", "200"))
    assert placed.returncode == 0, placed.stderr
    order_id = json.loads(placed.stdout)["tx_id"]
    listed = await loop.run_in_executor(None, lambda: cets("orders", account, "--status", "open"))
    assert [order["order_id"] for order in json.loads(listed.stdout)] == [order_id]
    book = await loop.run_in_executor(None, lambda: cets("book", "--vintage", str(VINTAGE)))
    assert json.loads(book.stdout)["asks"] == [{"price_fen": 4_800, "quantity": 200}]
    cancelled = await loop.run_in_executor(None, lambda: cets("order", "cancel", "--key", str(key_file), "--order", order_id))
    assert cancelled.returncode == 0, cancelled.stderr
    assert (await client.order(bytes.fromhex(order_id))).status == pb.ORDER_STATUS_CANCELLED
    cash = await loop.run_in_executor(None, lambda: cets("cash", seller.participant_id))
    assert json.loads(cash.stdout)["balance_fen"] == 0
    unknown = await loop.run_in_executor(None, lambda: cets("batch", "nope"))
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["error"]["reason"] == "BATCH_NOT_FOUND"
