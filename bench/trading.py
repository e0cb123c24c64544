"""Orders per second end to end over gRPC against a real solo node; prints what it measured.

A real node on loopback (real LMDB, one fsync per block), its clock moved to 10:00 China time of a
trading day ahead (orders are accepted only in a session). Funded institutions place pre-signed
listing-agreement buy orders (1 t each, at prices spread over the band, so each reserves cash and
rests on the book), two ways:

1. Trading.PlaceOrder, one order per call, C calls in flight: what a trader's client does.
2. Registry.SubmitBatch of place_order transactions, B per call: what a gateway would do.

Every receipt must be OK. The settlement figure (10,000 trades, bound 0.5 s) is bench/settlement.py's.

Usage: python bench/trading.py [--orders N] [--concurrency C] [--batch B]
"""

from __future__ import annotations

import argparse
import asyncio
import pathlib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.v1 import messages as pb  # noqa: E402
from cets.clients.builder import TxBuilder, cea, now_ms  # noqa: E402
from cets.ledger import identity  # noqa: E402
from cets.node import devnet  # noqa: E402
from cets.node.logs import configure  # noqa: E402
from tests.conftest import new_key, new_uscc, start_node  # noqa: E402
from tests.test_market_grpc import ShiftedClock, next_trading_morning  # noqa: E402

VINTAGE = 2025
BUYERS = 32
DEPOSIT_FEN = 10**13  # far more than the orders reserve
REFERENCE_FEN = 4_800  # the rulebook's initial reference: the band is 4,320..5,280


async def fund_buyers(client, clock) -> list[TxBuilder]:
    registry = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(identity.REGISTRY_ID), clock=clock)
    keys = [new_key(new_uscc("11")) for _ in range(BUYERS)]
    txs = [registry.register_participant(k.participant_id, pb.ROLE_INSTITUTION, "bench buyer", [k.spec()]) for k in keys]
    txs += [registry.tx("deposit_funds", pb.DepositFunds(participant_id=k.participant_id, amount_fen=DEPOSIT_FEN, bank_reference=f"BENCH-{n}"))
            for n, k in enumerate(keys)]
    receipts = await client.submit_batch(txs[:BUYERS]) + await client.submit_batch(txs[BUYERS:])
    assert all(r.code == pb.CODE_OK for r in receipts), [r for r in receipts if r.code][:1]
    return [TxBuilder(devnet.DEV_CHAIN_ID, k, clock=clock) for k in keys]


def orders(buyers: list[TxBuilder], count: int, offset: int) -> list[pb.SignedTx]:
    out = []
    for n in range(offset, offset + count):
        buyer = buyers[n % len(buyers)]
        payload = pb.PlaceOrder(account_id=identity.trading_account_id(buyer.participant_id), side=pb.ORDER_SIDE_BUY,
                                mode=pb.TRADING_MODE_LISTING_AGREEMENT, unit=cea(VINTAGE), price_fen=REFERENCE_FEN - n % 400, quantity=1)
        out.append(buyer.tx("place_order", payload))
    return out


async def one_per_call(client, txs: list[pb.SignedTx], concurrency: int) -> None:
    queue, latencies = list(reversed(txs)), []

    async def worker():
        while queue:
            tx = queue.pop()
            began = time.perf_counter()
            receipt = await client.place_order(tx)
            latencies.append(time.perf_counter() - began)
            assert receipt.code == pb.CODE_OK, receipt

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    print(f"Trading.PlaceOrder, one order per call, {concurrency} in flight: {len(txs):,} orders in {elapsed:.2f} s = "
          f"{len(txs) / elapsed:,.0f} orders/s; latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms")


async def batched(client, txs: list[pb.SignedTx], batch: int) -> None:
    chunks = [txs[i:i + batch] for i in range(0, len(txs), batch)]
    started = time.perf_counter()
    results = await asyncio.gather(*(client.submit_batch(chunk) for chunk in chunks))
    elapsed = time.perf_counter() - started
    assert all(r.code == pb.CODE_OK for receipts in results for r in receipts)
    print(f"Registry.SubmitBatch of place_order, {batch} per call, {len(chunks)} calls at once: {len(txs):,} orders in {elapsed:.2f} s = "
          f"{len(txs) / elapsed:,.0f} orders/s")


async def main_async(count: int, concurrency: int, batch: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        running = await start_node(pathlib.Path(directory) / "node")
        try:
            clock = ShiftedClock(next_trading_morning(now_ms()))
            running.node.sequencer.clock = clock
            buyers = await fund_buyers(running.client, clock)
            first = orders(buyers, count, 0)
            second = orders(buyers, count, count)
            height = (await running.client.head()).height
            await one_per_call(running.client, first, concurrency)
            middle = (await running.client.head()).height
            await batched(running.client, second, batch)
            last = (await running.client.head()).height
            print(f"  blocks: {middle - height} for the single calls ({count / max(middle - height, 1):.0f} orders/block), "
                  f"{last - middle} for the batches ({count / max(last - middle, 1):.0f} orders/block)")
        finally:
            await running.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    configure("warning")
    asyncio.run(main_async(args.orders, args.concurrency, args.batch))


if __name__ == "__main__":
    main()
