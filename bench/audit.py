"""Offline audit throughput: `cets audit verify --file` on an exported chain of N transfers, beside
this machine's Ed25519 bound measured in the same run; prints what it measured.

1. Builds a chain of bench/throughput.py's scenario (emitters registered, allowances allocated)
   and N signed transfers between them, `--block` to a block, signed by a quorum of two node keys.
2. Exports it (the format of ledger/export.py) to a temporary file.
3. Measures single-core Ed25519 verifications per second with `cryptography` (the ledger's
   reference) and with libsodium (PyNaCl, the auditor's pool), and the bound: that × the cores.
4. Times `cets audit verify --file F --expect-genesis H --json` as a subprocess, with the pool
   (`--workers`, default the cores) and, with --single, in order on one core too; prints
   transactions per second, CPU per transaction over all its processes, and the target.
5. Runs the same audit in process to split its CPU time: the main process's (the replay) and the
   pool's, the two bounds on throughput.
6. With --profile, profiles the replay of the audit path in this process (the pool's work is in
   other processes) and prints where the main process spends its time.

Usage: python bench/audit.py [--transactions N] [--block B] [--workers W] [--single] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.clients.export import write_export  # noqa: E402
from cets.ledger import crypto  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parent.parent
TARGET_TX_PER_S = 15_000  # on 2 cores (issue 11)
VERIFY_SAMPLE = 3_000


def verifications_per_second() -> tuple[float, float]:
    """Single-core Ed25519 verifications per second: `cryptography`, then libsodium."""
    from nacl.bindings import crypto_sign_open

    signer = crypto.Signer.from_seed(bytes(range(32)))
    message = crypto.TX_DOMAIN + bytes(200)
    signature = signer.sign(message)
    started = time.perf_counter()
    for _ in range(VERIFY_SAMPLE):
        crypto.verify(signer.public_key, signature, message)
    reference = VERIFY_SAMPLE / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(VERIFY_SAMPLE):
        crypto_sign_open(signature + message, signer.public_key)
    sodium = VERIFY_SAMPLE / (time.perf_counter() - started)
    return reference, sodium


def timed_audit(path: pathlib.Path, genesis_hash: str, workers: int) -> tuple[dict, float, float]:
    """The CLI's JSON verdict, its wall time and the CPU seconds of it and its pool."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "cets.clients.cli", "audit", "verify", "--file", str(path),
                                "--expect-genesis", genesis_hash, "--workers", str(workers), "--json"],
                               cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if completed.returncode != 0:
        raise SystemExit(f"audit failed: {completed.stdout}{completed.stderr}")
    return json.loads(completed.stdout), elapsed, cpu


def cpu_breakdown(path: pathlib.Path, genesis_hash: str, workers: int) -> tuple[float, float, int]:
    """The same audit in this process: CPU seconds of the main process (the replay) and of the
    pool (decoding and signatures), and the transactions; load on the machine stretches wall time
    more than CPU time."""
    from cets.clients.audit import audit_export

    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = time.process_time()
    result = audit_export(path, genesis_hash, workers=workers)
    main_cpu = time.process_time() - before
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's processes are reaped at its shutdown
    pool_cpu = (after_children.ru_utime - before_children.ru_utime) + (after_children.ru_stime - before_children.ru_stime)
    assert result.ok, result.problem
    return main_cpu, pool_cpu, result.counts["transactions"]


def profile(path: pathlib.Path, genesis_hash: str, workers: int) -> None:
    import cProfile
    import pstats

    from cets.clients.audit import audit_export

    profiler = cProfile.Profile()
    profiler.enable()
    audit_export(path, genesis_hash, workers=workers)
    profiler.disable()
    print(f"\nprofile of the audit's main process ({workers} workers), by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(18)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--block", type=int, default=1_000, help="transactions per block")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--single", action="store_true", help="also time the audit in order on one core (--workers 1)")
    parser.add_argument("--profile", action="store_true", help="profile the main process of the audit")
    args = parser.parse_args()
    from tests.chains import transfer_chain

    cores = os.cpu_count() or 1
    started = time.perf_counter()
    chain = transfer_chain(args.transactions, args.block)
    built = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as directory:
        path = pathlib.Path(directory) / "chain.export"
        summary = write_export(path, "bench", chain.genesis, chain.blocks)
        print(f"chain: {summary.transactions:,} transactions ({args.transactions:,} transfers) in {summary.blocks} blocks, "
              f"export {summary.bytes / 1e6:.1f} MB; built in {built:.1f} s")
        reference, sodium = verifications_per_second()
        print(f"Ed25519 on this machine, one core: cryptography {reference:,.0f} verifications/s, libsodium {sodium:,.0f}/s; "
              f"bound on {cores} cores: {reference * cores:,.0f} / {sodium * cores:,.0f} verifications/s")
        runs = [args.workers] + ([1] if args.single and args.workers != 1 else [])
        for workers in runs:
            document, elapsed, cpu = timed_audit(path, chain.genesis_hash, workers)
            transactions = document["counts"]["transactions"]
            how = f"{workers} processes checking signatures ahead" if workers > 1 else "1 process, in order (the reference verify)"
            print(f"cets audit verify --file, {how}: {transactions:,} transactions in {elapsed:.2f} s = {transactions / elapsed:,.0f} tx/s; "
                  f"CPU {cpu / transactions * 1e6:.0f} µs per transaction over all processes; "
                  f"{document['prechecked']:,} verified in the pool (target ≥ {TARGET_TX_PER_S:,} tx/s on 2 cores)")
        if args.workers > 1:
            main_cpu, pool_cpu, transactions = cpu_breakdown(path, chain.genesis_hash, args.workers)
            main_us, pool_us = main_cpu / transactions * 1e6, pool_cpu / transactions * 1e6
            print(f"CPU per transaction: main process (in-order replay) {main_us:.0f} µs, pool (decode_tx + Ed25519) {pool_us:.0f} µs; "
                  f"so at most {1e6 / main_us:,.0f} tx/s however many cores, {cores * 1e6 / (main_us + pool_us):,.0f} tx/s on {cores} cores")
        if args.profile:
            profile(path, chain.genesis_hash, args.workers)


if __name__ == "__main__":
    main()
