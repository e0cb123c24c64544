"""What the restriction check of arts. 45, 47 and 49 costs a plain transfer; prints what it measured.

Signed transfers between unrestricted emitters run through `build_block` over an in-memory store,
alternately with the check (`restrictions.require_allowed`: one read of a missing key) and with it
replaced by a no-op, in CPU time (`time.process_time`: the machine is shared, wall clock scatters).
Two figures per run: the state machine alone (Ed25519 skipped) in µs per transfer, and the bare
path with Ed25519 in transfers per CPU second.

Usage: python bench/restrictions.py [--transactions N] [--rounds R]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.ledger import crypto, machine  # noqa: E402
from cets.ledger.chain import Tip, build_block  # noqa: E402
from cets.ledger.genesis import genesis_writes  # noqa: E402
from cets.ledger.memstore import MemoryStore  # noqa: E402
from cets.ledger.txs.registry import transfer as transfer_module  # noqa: E402
from cets.node import devnet  # noqa: E402
from bench.throughput import setup_transactions, transfers  # noqa: E402

CHECK = transfer_module.require_allowed
VERIFY = machine.verify_signatures


def funded_chain():
    genesis = devnet.dev_genesis()
    genesis_bytes = genesis.SerializeToString()
    writes = genesis_writes(genesis)
    store = MemoryStore()
    store.init_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes), writes)
    tip, now = Tip.of_genesis(genesis, genesis_bytes, writes), genesis.time_ms + 1000
    keys, setup = setup_transactions(lambda: now, 64)
    for tx in setup:
        with store.reader() as reader:
            built = build_block(reader, tip, now, "REG", [tx.SerializeToString()])
        store.commit_block(built.tip.height, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
        tip = built.tip
    return store, tip, now, keys


def cpu_seconds(store, tip, now, raws, verify: bool) -> float:
    machine.verify_signatures = VERIFY if verify else (lambda tx, records: None)
    started = time.process_time()
    for first in range(0, len(raws), 2_000):
        with store.reader() as reader:
            built = build_block(reader, tip, now, "REG", raws[first:first + 2_000])
        assert all(result.code == 0 for result in built.results), built.results[0]
    machine.verify_signatures = VERIFY
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    store, tip, now, keys = funded_chain()
    raws = [tx.SerializeToString() for tx in transfers(keys, args.transactions, lambda: now)]
    figures: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for label, check in (("without the check", lambda *unused: None), ("with the check", CHECK)):
            transfer_module.require_allowed = check
            figures.setdefault(f"state machine, µs per transfer, {label}", []).append(
                cpu_seconds(store, tip, now, raws, verify=False) / args.transactions * 1e6)
            figures.setdefault(f"bare path, transfers per CPU second, {label}", []).append(
                args.transactions / cpu_seconds(store, tip, now, raws, verify=True))
    transfer_module.require_allowed = CHECK
    for name, values in figures.items():
        print(f"{name}: {' / '.join(f'{value:,.1f}' for value in values)} (mean {sum(values) / len(values):,.1f})")


if __name__ == "__main__":
    main()
