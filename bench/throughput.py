"""Throughput of the solo node, measured two ways; prints what it measured.

1. The bare per-transaction path, in process: decode, Ed25519 verification and the state machine
   over an in-memory store (no gRPC, no fsync), for signed transfers.
2. End to end over gRPC on loopback: pre-signed transfers submitted by concurrent SubmitBatch
   calls to a real node (real LMDB, one fsync per block), until every receipt is back.

Usage: python bench/throughput.py [--transactions N] [--batch B] [--concurrency C]
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
from cets.clients.builder import TxBuilder, cea  # noqa: E402
from cets.ledger import crypto, identity, machine  # noqa: E402
from cets.ledger.chain import Tip, build_block  # noqa: E402
from cets.ledger.genesis import genesis_writes  # noqa: E402
from cets.ledger.memstore import MemoryStore  # noqa: E402
from cets.node import devnet  # noqa: E402
from cets.node.logs import configure  # noqa: E402
from tests.conftest import new_key, new_uscc, publish_method_tx, start_node  # noqa: E402

VINTAGE = 2025


def setup_transactions(clock, emitters: int):
    """Transactions that found the scenario: emitters registered, allowances allocated."""
    ministry = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key("MEE"), clock=clock)
    province = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key("PROV-44"), clock=clock)
    keys = [new_key(new_uscc("44")) for _ in range(emitters)]
    txs = [province.register_participant(k.participant_id, pb.ROLE_KEY_EMITTER, "bench", [k.spec()], province="44", sector="power") for k in keys]
    txs += [ministry.set_cap(VINTAGE, 10**9), ministry.issue(VINTAGE, 10**9),
            ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), cea(VINTAGE), 10**9)]
    txs.append(publish_method_tx(ministry))  # the allocation method the allocation cites (art. 7)
    txs.append(province.allocate([(k.participant_id, VINTAGE, 10**6) for k in keys]))
    return keys, txs


def transfers(keys, count: int, clock):
    builders = [TxBuilder(devnet.DEV_CHAIN_ID, k, clock=clock) for k in keys]
    out = []
    for i in range(count):
        source, target = builders[i % len(builders)], keys[(i + 1) % len(keys)]
        out.append(source.transfer(identity.holding_account_id(source.participant_id), identity.holding_account_id(target.participant_id), cea(VINTAGE), 1))
    return out


def bare_path(count: int) -> None:
    genesis = devnet.dev_genesis()
    genesis_bytes = genesis.SerializeToString()
    writes = genesis_writes(genesis)
    store = MemoryStore()
    store.init_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes), writes)
    tip = Tip.of_genesis(genesis, genesis_bytes, writes)
    now = genesis.time_ms + 1000
    keys, setup = setup_transactions(lambda: now, 64)
    for tx in setup:
        with store.reader() as reader:
            built = build_block(reader, tip, now, "REG", [tx.SerializeToString()])
        assert built.results[0].code == pb.CODE_OK, built.results[0]
        store.commit_block(built.tip.height, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
        tip = built.tip
    raws = [tx.SerializeToString() for tx in transfers(keys, count, lambda: now)]
    started = time.perf_counter()
    applied = 0
    for first in range(0, len(raws), 2_000):
        with store.reader() as reader:
            built = build_block(reader, tip, now, "REG", raws[first:first + 2_000])
        store.commit_block(built.tip.height, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
        tip = built.tip
        applied += sum(1 for r in built.results if r.code == pb.CODE_OK)
    elapsed = time.perf_counter() - started
    print(f"bare path (decode + verify + state machine, 1 core): {count} transfers in {elapsed:.3f} s = {count / elapsed:,.0f} tx/s ({applied} applied)")
    started = time.perf_counter()
    for raw in raws:
        machine.decode_tx(raw, devnet.DEV_CHAIN_ID)
    decode = time.perf_counter() - started
    print(f"  of which decode alone: {count / decode:,.0f} tx/s")


async def end_to_end(count: int, batch: int, concurrency: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        running = await start_node(pathlib.Path(directory) / "node")
        try:
            keys, setup = setup_transactions(lambda: int(time.time() * 1000), 64)
            for tx in setup:
                receipt = (await running.client.submit_batch([tx]))[0]
                assert receipt.code == pb.CODE_OK, receipt
            txs = transfers(keys, count, lambda: int(time.time() * 1000))
            batches = [txs[i:i + batch] for i in range(0, len(txs), batch)]
            start_height = (await running.client.head()).height
            latencies: list[float] = []
            queue = list(batches)

            async def worker():
                while queue:
                    chunk = queue.pop()
                    began = time.perf_counter()
                    receipts = await running.client.submit_batch(chunk)
                    latencies.append(time.perf_counter() - began)
                    assert all(r.code == pb.CODE_OK for r in receipts), [r for r in receipts if r.code][:1]

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
            blocks = (await running.client.head()).height - start_height
            latencies.sort()
            print(f"end to end over gRPC (real LMDB, fsync per block): {count} transfers in {elapsed:.2f} s = {count / elapsed:,.0f} tx/s "
                  f"in {blocks} blocks ({count / max(blocks, 1):.0f} tx/block); batch {batch}, {concurrency} concurrent calls; "
                  f"batch latency p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms")
        finally:
            await running.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    configure("warning")
    bare_path(args.transactions)
    asyncio.run(end_to_end(args.transactions, args.batch, args.concurrency))


if __name__ == "__main__":
    main()
