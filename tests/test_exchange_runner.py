"""The exchange's engine in a real node (node/exchange_runner.py; issue 10, arts. 20-21): orders
placed through Registry.Submit over gRPC are matched and settled without anyone submitting a batch
by hand; the day's end expires the rest; a restart mid-day loses no order and settles nothing
twice; `cets audit market` passes on the result and names the trade on a chain where the exchange
settled a trade the rules would not produce.

The node stamps blocks with its clock; the tests move that clock (and the signers') to a trading
morning, as tests/test_market_grpc.py does, and later past the day's last session.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.ledger import identity, market_queries
from cets.ledger.txs.market import sessions
from cets.node import devnet
from tests.conftest import new_key, new_uscc, read_state, start_node, submit_ok
from tests.test_bad_input import VINTAGE, funded_emitter
from tests.test_cli import run_cets
from tests.test_market_grpc import ShiftedClock, next_trading_morning

UNIT = cea(VINTAGE)
LISTING = pb.TRADING_MODE_LISTING_AGREEMENT
WAIT_S = 20.0
HOUR_MS = 3_600_000


async def wait_until(condition, timeout_s: float = WAIT_S) -> None:
    """Wait until `condition()` holds, for at most `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


class Traders:
    """A Guangdong emitter selling, a funded Beijing institution buying, signing at the node's clock."""

    def __init__(self, running, seller: TxBuilder, buyer_key) -> None:
        self.clock = ShiftedClock(next_trading_morning(now_ms()))
        self.use(running)
        builder = lambda key: TxBuilder(devnet.DEV_CHAIN_ID, key, clock=self.clock)  # noqa: E731
        self.seller, self.buyer = builder(seller.key), builder(buyer_key)
        self.registry, self.exchange = builder(devnet.dev_key(identity.REGISTRY_ID)), builder(devnet.dev_key(identity.EXCHANGE_ID))
        self.trade_date = sessions.trade_date_of(self.clock())

    def use(self, running) -> None:
        running.node.sequencer.clock = self.clock

    def order(self, trader: TxBuilder, side: int, quantity: int, **references) -> pb.SignedTx:
        account = (identity.holding_account_id if trader is self.seller else identity.trading_account_id)(trader.participant_id)
        return trader.tx("place_order", pb.PlaceOrder(account_id=account, side=side, mode=LISTING, unit=UNIT, price_fen=4_900,
                                                      quantity=quantity, **references))


async def traders_on(running, ministry, registry, guangdong) -> Traders:
    seller = await funded_emitter(running.client, ministry, guangdong, amount=5_000)
    buyer_key = new_key(new_uscc("11"))
    await submit_ok(running.client, registry.register_participant(buyer_key.participant_id, pb.ROLE_INSTITUTION, "Buyer", [buyer_key.spec()]))
    world = Traders(running, seller, buyer_key)
    await submit_ok(running.client, world.registry.tx("deposit_funds", pb.DepositFunds(
        participant_id=buyer_key.participant_id, amount_fen=100_000_000, bank_reference=f"ICBC-{buyer_key.participant_id}")))
    return world


async def place(running, traders: Traders, trader: TxBuilder, side: int, quantity: int, **references) -> bytes:
    tx = traders.order(trader, side, quantity, **references)
    await submit_ok(running.client, tx)
    return signed_tx_id(tx)


def order_of(running, order_id: bytes) -> pb.Order:
    return read_state(running, lambda state: market_queries.order(state, order_id))


def audit_market(cwd, *source: str) -> tuple[int, dict]:
    done = run_cets(cwd, "audit", "market", *source, "--json")
    return done.returncode, json.loads(done.stdout)


@pytest.mark.asyncio
async def test_art21_orders_placed_through_registry_submit_are_matched_and_settled_by_the_exchanges_node(node, ministry, registry, guangdong,
                                                                                                       tmp_path):
    traders = await traders_on(node, ministry, registry, guangdong)
    assert node.node.exchange is not None  # the dev node holds the exchange's key: it runs the engine
    maker = await place(node, traders, traders.seller, pb.ORDER_SIDE_SELL, 1_000)
    taker = await place(node, traders, traders.buyer, pb.ORDER_SIDE_BUY, 600, maker_order_id=maker)
    await wait_until(lambda: order_of(node, taker).status == pb.ORDER_STATUS_FILLED)
    assert order_of(node, maker).remaining == 400
    cash = read_state(node, lambda state: market_queries.cash(state, traders.buyer.participant_id))
    assert cash.balance_fen == 100_000_000 - 4_900 * 600
    assert read_state(node, lambda state: market_queries.reconciliation(state, traders.trade_date)).balanced

    traders.clock.offset_ms += 6 * HOUR_MS  # 16:00 China time: the day's last session is over
    await wait_until(lambda: order_of(node, maker).status == pb.ORDER_STATUS_EXPIRED)
    flow = read_state(node, lambda state: market_queries.order_flow(state, traders.trade_date, size=10).items)
    assert flow[-1].action == pb.ORDER_FLOW_ACTION_DAY_END
    code, report = await asyncio.get_running_loop().run_in_executor(None, audit_market, tmp_path, "--target", node.target)
    assert code == 0 and report["ok"], report
    (day,) = report["days"]
    assert (day["trades_settled"], day["items_pending"], day["ended"]) == (1, 0, True)


@pytest.mark.asyncio
async def test_art21_a_restart_of_the_exchanges_node_mid_day_loses_no_order_and_settles_nothing_twice(tmp_path, ministry, registry,
                                                                                                       guangdong):
    running = await start_node(tmp_path / "node")
    try:
        traders = await traders_on(running, ministry, registry, guangdong)
        maker = await place(running, traders, traders.seller, pb.ORDER_SIDE_SELL, 1_000)
        first = await place(running, traders, traders.buyer, pb.ORDER_SIDE_BUY, 100, maker_order_id=maker)
        await wait_until(lambda: order_of(running, first).status == pb.ORDER_STATUS_FILLED)
        await running.node.exchange.stop()  # the engine stops first: the next order waits for the restart
        second = await place(running, traders, traders.buyer, pb.ORDER_SIDE_BUY, 50, maker_order_id=maker)
    finally:
        await running.stop()

    running = await start_node(tmp_path / "node")
    try:
        traders.use(running)
        await wait_until(lambda: order_of(running, second).status == pb.ORDER_STATUS_FILLED)
        third = await place(running, traders, traders.buyer, pb.ORDER_SIDE_BUY, 25, maker_order_id=maker)
        await wait_until(lambda: order_of(running, third).status == pb.ORDER_STATUS_FILLED)
        assert order_of(running, maker).remaining == 1_000 - 175
        batches = read_state(running, lambda state: market_queries.batches(state, traders.trade_date, size=100).items)
        assert [batch.batch_id for batch in batches] == [f"{traders.trade_date}-{position}" for position in range(3)]
        assert all(trade.code == pb.CODE_OK for batch in batches for trade in batch.result.trades)
        day = read_state(running, lambda state: market_queries.reconciliation(state, traders.trade_date))
        assert day.balanced and day.record.settled_quantity == 175
    finally:
        await running.stop()
    code, report = await asyncio.get_running_loop().run_in_executor(None, audit_market, tmp_path, "--data", str(tmp_path / "node"))
    assert code == 0 and report["ok"], report


@pytest.mark.asyncio
async def test_art21_the_market_audit_fails_naming_a_trade_the_rules_would_not_produce(node, ministry, registry, guangdong, tmp_path):
    traders = await traders_on(node, ministry, registry, guangdong)
    await node.node.exchange.stop()  # the exchange settles by hand from here
    maker = await place(node, traders, traders.seller, pb.ORDER_SIDE_SELL, 1_000)
    taker = await place(node, traders, traders.buyer, pb.ORDER_SIDE_BUY, 600, maker_order_id=maker)
    # The rules fill the taker's 600 t; the ledger accepts a trade of 500 t, since the orders allow it.
    trade = pb.Trade(buy_order_id=taker, sell_order_id=maker, price_fen=4_900, quantity=500)
    batch = pb.SettleBatch(batch_id="BY-HAND-1", trade_date=traders.trade_date, trade_count=1, total_quantity=500,
                           total_amount_fen=4_900 * 500, trades=[trade])
    settled = (await submit_ok(node.client, traders.exchange.tx("settle_batch", batch))).events[0].batch_settled
    assert settled.settled_count == 1
    code, report = await asyncio.get_running_loop().run_in_executor(None, audit_market, tmp_path, "--target", node.target)
    assert code == 1 and not report["ok"]
    problem = report["days"][0]["problem"]
    assert taker.hex() in problem and "expected trade" in problem and "500 t" in problem, problem


def test_the_engine_runs_in_the_solo_node_the_exchanges_cluster_node_or_where_its_key_is_given(tmp_path):
    from cets.ledger import keyfile
    from cets.node.exchange_runner import exchange_key

    devnet.write_dev_keys(tmp_path / "keys")
    assert exchange_key(tmp_path, None, "REG", clustered=False).participant_id == identity.EXCHANGE_ID  # the solo dev node
    assert exchange_key(tmp_path, None, "EXCH", clustered=True).participant_id == identity.EXCHANGE_ID
    assert exchange_key(tmp_path, None, "MEE", clustered=True) is None  # another institution's node
    assert exchange_key(tmp_path / "elsewhere", None, "REG", clustered=False) is None  # no key: no engine
    explicit = keyfile.write(tmp_path / "production", devnet.dev_key(identity.EXCHANGE_ID))
    assert exchange_key(tmp_path / "elsewhere", explicit, "MEE", clustered=True).participant_id == identity.EXCHANGE_ID
