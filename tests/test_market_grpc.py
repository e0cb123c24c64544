"""The market's kinds through a real node (Registry.Submit and SubmitBatch over gRPC on loopback, a
real LMDB, real Ed25519): a deposit, a listing agreement's maker and taker, a settlement batch
with a result per trade, the queries behind them, and bad input refused with its own reason and
gRPC status, changing nothing; and the CLI's `cets deposit` and `cets withdraw`.

The node stamps blocks with its clock; the test moves that clock (and its signers' clocks, so that
created times stay in the window) to 10:00 China time of a trading day ahead, since orders are
accepted only in a session of a trading day.
"""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.ledger import calendar, identity, keyfile, market_queries
from cets.ledger.genesis import default_rulebook
from cets.ledger.txs.market import sessions
from cets.node import devnet
from tests.conftest import new_key, new_uscc, read_state, submit_ok
from tests.test_bad_input import VINTAGE, assert_refused, funded_emitter
from tests.test_cli import run_cets

S = grpc.StatusCode
UNIT = cea(VINTAGE)


def next_trading_morning(after_ms: int) -> int:
    """10:00 China time of the first trading day at least two days after `after_ms`."""
    day = (after_ms + calendar.CHINA_OFFSET_MS) // calendar.DAY_MS + 2
    rules = default_rulebook()
    while not sessions.is_trading_day(sessions.trade_date_of(day * calendar.DAY_MS), rules):
        day += 1
    return day * calendar.DAY_MS - calendar.CHINA_OFFSET_MS + 10 * 3_600_000


class ShiftedClock:
    def __init__(self, target_ms: int) -> None:
        self.offset_ms = target_ms - now_ms()

    def __call__(self) -> int:
        return now_ms() + self.offset_ms


@pytest.mark.asyncio
async def test_art21_a_listing_trade_settles_through_registry_submit_on_a_real_node(node, ministry, registry, guangdong):
    client = node.client
    await node.node.exchange.stop()  # this test is the exchange: it settles its batch by hand
    seller = await funded_emitter(client, ministry, guangdong, amount=5_000)
    buyer_key = new_key(new_uscc("11"))
    await submit_ok(client, registry.register_participant(buyer_key.participant_id, pb.ROLE_INSTITUTION, "Buyer", [buyer_key.spec()]))

    clock = ShiftedClock(next_trading_morning(now_ms()))
    node.node.sequencer.clock = clock
    signer = lambda key: TxBuilder(devnet.DEV_CHAIN_ID, key, clock=clock)  # noqa: E731
    registry_now, exchange_now = signer(devnet.dev_key(identity.REGISTRY_ID)), signer(devnet.dev_key(identity.EXCHANGE_ID))
    seller_now, buyer_now = TxBuilder(devnet.DEV_CHAIN_ID, seller.key, clock=clock), signer(buyer_key)
    trade_date = sessions.trade_date_of(clock())

    deposit = pb.DepositFunds(participant_id=buyer_key.participant_id, amount_fen=10_000_000, bank_reference="ICBC-0001")
    receipt = await submit_ok(client, registry_now.tx("deposit_funds", deposit))
    assert receipt.events[0].funds_deposited.balance_fen == 10_000_000

    def order(builder: TxBuilder, side: int, price: int, quantity: int, **references) -> pb.SignedTx:
        payload = pb.PlaceOrder(account_id=_account(builder), side=side, mode=pb.TRADING_MODE_LISTING_AGREEMENT, unit=UNIT,
                                price_fen=price, quantity=quantity, **references)
        return builder.tx("place_order", payload)

    sell_tx = order(seller_now, pb.ORDER_SIDE_SELL, 4_900, 1_000)
    placed = (await submit_ok(client, sell_tx)).events[0].order_placed
    assert (placed.trade_date, placed.reserved_quantity) == (trade_date, 1_000)
    sell = signed_tx_id(sell_tx)
    buy_tx = order(buyer_now, pb.ORDER_SIDE_BUY, 4_900, 600, maker_order_id=sell)
    await submit_ok(client, buy_tx)
    buy = signed_tx_id(buy_tx)

    await assert_refused(client, lambda: order(buyer_now, pb.ORDER_SIDE_BUY, 5_281, 1), status=S.FAILED_PRECONDITION,
                         code=pb.CODE_PRICE_OUTSIDE_BAND, at_admission=False)
    await assert_refused(client, lambda: buyer_now.tx("cancel_order", pb.CancelOrder(order_id=sell)), status=S.PERMISSION_DENIED,
                         code=pb.CODE_NOT_ORDER_OWNER, at_admission=False)

    def batch(batch_id: str, quantity: int, total: int | None = None) -> pb.SignedTx:
        trade = pb.Trade(buy_order_id=buy, sell_order_id=sell, price_fen=4_900, quantity=quantity)
        payload = pb.SettleBatch(batch_id=batch_id, trade_date=trade_date, trade_count=1, total_quantity=quantity,
                                 total_amount_fen=4_900 * quantity if total is None else total, trades=[trade])
        return exchange_now.tx("settle_batch", payload)

    await assert_refused(client, lambda: batch("B-bad", 600, total=1), status=S.INVALID_ARGUMENT, code=pb.CODE_BATCH_TOTALS_MISMATCH,
                         at_admission=False)
    settled = (await submit_ok(client, batch("B-1", 600))).events[0].batch_settled
    assert [trade.code for trade in settled.trades] == [pb.CODE_OK] and settled.settled_amount_fen == 2_940_000
    await assert_refused(client, lambda: batch("B-1", 600), status=S.ALREADY_EXISTS, code=pb.CODE_DUPLICATE_BATCH, at_admission=False)

    cash = read_state(node, lambda state: market_queries.cash(state, buyer_key.participant_id))
    assert (cash.balance_fen, cash.reserved_fen) == (10_000_000 - 2_940_000, 0)
    assert [holding.amount async for holding in client.holdings(_account(buyer_now))] == [600]
    assert read_state(node, lambda state: market_queries.reconciliation(state, trade_date)).balanced


def _account(builder: TxBuilder) -> str:
    is_emitter = builder.participant_id[2:4] == "44"  # new_uscc's province: the test's emitter is in Guangdong, its buyer in Beijing
    return (identity.holding_account_id if is_emitter else identity.trading_account_id)(builder.participant_id)


@pytest.mark.asyncio
async def test_art21_the_cli_enters_the_settlement_banks_instructions(node, registry, tmp_path):
    trader = new_key(new_uscc("11"))
    await submit_ok(node.client, registry.register_participant(trader.participant_id, pb.ROLE_INSTITUTION, "Trader", [trader.spec()]))
    key_file = keyfile.write(tmp_path / "reg", devnet.dev_key(identity.REGISTRY_ID))

    def cets(command: str, amount: int, reference: str):
        return run_cets(tmp_path, command, "--participant", trader.participant_id, "--amount-fen", str(amount), "--bank-reference", reference,
                        "--target", node.target, "--json", "--key", str(key_file))

    loop = asyncio.get_running_loop()
    deposited = await loop.run_in_executor(None, lambda: cets("deposit", 50_000, "CLI-1"))
    assert deposited.returncode == 0, deposited.stdout + deposited.stderr
    assert json.loads(deposited.stdout)["events"][0]["funds_deposited"]["balance_fen"] in (50_000, "50000")
    refused = await loop.run_in_executor(None, lambda: cets("withdraw", 50_001, "CLI-2"))
    assert refused.returncode == 1 and json.loads(refused.stdout)["error"]["reason"] == "INSUFFICIENT_AVAILABLE_FUNDS", refused.stdout
    assert read_state(node, lambda state: market_queries.cash(state, trader.participant_id)).balance_fen == 50_000
