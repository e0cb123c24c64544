"""Throughput of a three-node cluster on loopback (3 etcd members, 3 node processes, mutual TLS).

Pre-signed transfers are submitted by concurrent SubmitBatch calls spread over the three nodes;
each call returns once its block is durable in etcd and applied, and (within 3 s) final with 2 of
3 signatures. Prints transactions per second, blocks, and the proposers' append races from the
nodes' logs (appends lost = wasted work of racing proposers).

Usage: python bench/cluster.py [--transactions N] [--batch B] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import signal
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.v1 import messages as pb  # noqa: E402
from cets.node.devcluster import INSTITUTIONS, DevCluster  # noqa: E402
from tests.test_cluster import client_for, fund_emitters, transfer  # noqa: E402


async def run(count: int, batch: int, concurrency: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        cluster = DevCluster(pathlib.Path(directory) / "cluster", with_observer=False)
        await cluster.start()
        try:
            setup = client_for(cluster, "MEE", 30.0)
            emitters = await fund_emitters(setup, 64)
            start_height = (await setup.head()).height
            await setup.close()
            txs = [transfer(emitters[i % 64], emitters[(i + 1) % 64]) for i in range(count)]
            chunks = [txs[i:i + batch] for i in range(0, count, batch)]
            clients = [client_for(cluster, name, 60.0) for name in INSTITUTIONS]
            final = 0

            async def worker(index: int) -> None:
                nonlocal final
                client = clients[index % len(clients)]
                while chunks:
                    receipts = await client.submit_batch(chunks.pop())
                    assert all(r.code == pb.CODE_OK for r in receipts)
                    final += sum(r.final for r in receipts)

            started = time.perf_counter()
            await asyncio.gather(*(worker(i) for i in range(concurrency)))
            elapsed = time.perf_counter() - started
            end_height = (await clients[0].head()).height
            for client in clients:
                await client.close()
        finally:
            for node in cluster.nodes:  # a graceful stop logs the proposers' counters
                node.process.send_signal(signal.SIGTERM)
            for node in cluster.nodes:
                node.process.wait(15)
            counters = _counters(cluster)
            cluster.stop()
        print(f"cluster of 3 (etcd + mutual TLS, loopback, 2 cores): {count} transfers in {elapsed:.2f} s = {count / elapsed:,.0f} tx/s, "
              f"{end_height - start_height} blocks, {final} receipts final on return; batch {batch}, {concurrency} concurrent calls over 3 nodes")
        print(f"proposers: {counters}")


def _counters(cluster: DevCluster) -> dict:
    totals: dict[str, int] = {}
    for node in cluster.nodes:
        for line in node.log_path.read_text().splitlines():
            if '"node stopped"' in line:
                for key, value in json.loads(line).items():
                    if isinstance(value, int) and key != "height":
                        totals[key] = totals.get(key, 0) + value
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=6)
    args = parser.parse_args()
    asyncio.run(run(args.transactions, args.batch, args.concurrency))


if __name__ == "__main__":
    main()
