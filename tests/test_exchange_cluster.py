"""The exchange's engine in a cluster (issue 10 item 8): it runs in the exchange institution's node
only; orders submitted to another institution's node are settled by it; every node serves the same
chain, and the market audit of each node's chain gives the same verdict on the same trades.

The nodes stamp blocks with the wall clock: the ministry first schedules a rulebook version whose
session covers the whole day on every weekday, so the test trades at any hour.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from cets.v1 import messages as pb
from cets.clients.audit import audit_node
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.exchange.audit import audit_market
from cets.ledger import identity
from cets.ledger.genesis import default_rulebook
from cets.ledger.state import State
from cets.node import devnet
from tests.conftest import new_key, new_uscc
from tests.test_cluster import VINTAGE, client_for, cluster, fund_emitters  # noqa: F401 (the fixture)

pytestmark = pytest.mark.cluster
CHAIN = devnet.DEV_CLUSTER_CHAIN_ID
WAIT_S = 60.0
LEAD_MS = 3_000


def founder(participant_id: str) -> TxBuilder:
    return TxBuilder(CHAIN, devnet.dev_key(participant_id))


def trading_all_day() -> pb.Rulebook:
    rules = default_rulebook()
    del rules.trading_sessions[:]
    rules.trading_sessions.add(start_minute=0, end_minute=24 * 60, block_agreements=True)
    rules.trading_weekdays = 0b1111111
    del rules.non_trading_dates[:]
    return rules


async def submit_ok(client, tx: pb.SignedTx) -> pb.Receipt:
    receipt = await client.submit(tx)
    assert receipt.code == pb.CODE_OK, receipt.detail
    return receipt


async def settle_batch_signer(client, from_height: int) -> tuple[int, str]:
    """The first block from `from_height` holding a settled batch, and who signed that batch."""
    deadline, height = time.monotonic() + WAIT_S, from_height
    while time.monotonic() < deadline:
        head = await client.head()
        while height <= head.height:
            block = await client.block(height)
            for raw, result in zip(block.txs, block.results):
                if any(event.HasField("batch_settled") for event in result.events):
                    return height, pb.TxBody.FromString(pb.SignedTx.FromString(raw).body).signer
            height += 1
        await asyncio.sleep(0.1)
    raise AssertionError("no settlement batch in time")


@pytest.mark.asyncio
async def test_art21_the_engine_runs_in_the_exchanges_node_and_every_node_answers_the_same_trades(cluster):  # noqa: F811
    client = client_for(cluster, "MEE", deadline_s=20.0)
    try:
        (seller,) = await fund_emitters(client, 1)
        buyer_key = new_key(new_uscc("11"))
        registry, ministry = founder(identity.REGISTRY_ID), founder(identity.MINISTRY_ID)
        await submit_ok(client, registry.register_participant(buyer_key.participant_id, pb.ROLE_INSTITUTION, "Buyer", [buyer_key.spec()]))
        await submit_ok(client, registry.tx("deposit_funds", pb.DepositFunds(participant_id=buyer_key.participant_id, amount_fen=10**8,
                                                                             bank_reference="ICBC-CLUSTER-1")))
        effective = now_ms() + LEAD_MS
        await submit_ok(client, ministry.set_rulebook(trading_all_day(), effective))
        while now_ms() <= effective + 200:  # bounded by LEAD_MS
            await asyncio.sleep(0.05)

        buyer, unit = TxBuilder(CHAIN, buyer_key), cea(VINTAGE)
        sell = seller.tx("place_order", pb.PlaceOrder(account_id=identity.holding_account_id(seller.participant_id), side=pb.ORDER_SIDE_SELL,
                                                      mode=pb.TRADING_MODE_LISTING_AGREEMENT, unit=unit, price_fen=4_800, quantity=1_000))
        placed = await submit_ok(client, sell)
        await submit_ok(client, buyer.tx("place_order", pb.PlaceOrder(
            account_id=identity.trading_account_id(buyer_key.participant_id), side=pb.ORDER_SIDE_BUY, mode=pb.TRADING_MODE_LISTING_AGREEMENT,
            unit=unit, price_fen=4_800, quantity=300, maker_order_id=signed_tx_id(sell))))

        height, signer = await settle_batch_signer(client, placed.height)
        assert signer == identity.EXCHANGE_ID
        await wait_final_everywhere(cluster, height)
        verdicts = []
        for name in ("MEE", "REG", "EXCH"):
            verdicts.append(await asyncio.get_running_loop().run_in_executor(None, market_verdict, cluster, name))
        assert verdicts[0] == verdicts[1] == verdicts[2]
        ok, days = verdicts[0]
        assert ok and sum(day["trades_settled"] for day in days) == 1, days
    finally:
        await client.close()


async def wait_final_everywhere(cluster, height: int) -> None:
    deadline = time.monotonic() + WAIT_S
    for name in ("MEE", "REG", "EXCH"):
        node = client_for(cluster, name)
        try:
            while (await node.head()).final_height < height:
                assert time.monotonic() < deadline, f"{name} did not make block {height} final in time"
                await asyncio.sleep(0.1)
        finally:
            await node.close()


def market_verdict(cluster, name: str) -> tuple[bool, list[dict]]:
    """The market audit of the chain one node serves (replayed here, up to its final height)."""
    replayers: list = []
    chain = audit_node(cluster.node(name).target, credentials=cluster.credentials(), keep=replayers)
    assert chain.ok, chain.problem
    with replayers[0].store.reader() as reader:
        market = audit_market(State(reader))
    return market.ok, market.as_dict()["days"]
