"""The tamper and forgery suite: damage a chain every way we can think of, and count what the
auditor catches (docs/reliability.md has the figures; tests/test_tamper_suite.py runs the CI size).

Every attack goes through the real auditor: `audit_export` (what `cets audit verify --file` runs)
for export files, `audit_store` (what `cets audit verify --data` runs, on the store opened once)
for a node's LMDB data directory, whose block bytes are changed through the store's own
`replace_block`. An attack is *detected* when the audit fails, *named right* when it fails at the
height the attack is at (or, for the file's header and trailer, names no block), *accepted* when
the audit passes. Every class must show detected = named right = tried and accepted 0.

Classes:
- single-byte corruption (XOR with 0xFF) at every offset of a small chain's export and of its
  stored blocks; a seeded random sample (XOR with a random non-zero byte) of a bigger chain's;
- structural attacks on an export: a block deleted, duplicated, swapped with the next, the blocks
  reversed; the file cut at every block boundary and inside every block (truncation); the file cut
  and given a new trailer (a rollback: a valid shorter chain, caught by the auditor that holds
  the expected head, `--expect-head`); a block spliced in from another chain of the same genesis
  (one of a different history, named at its height; one of a fork sharing the prefix, itself a
  valid block, named where the next link breaks); the history from one height on rewritten (a
  transaction dropped) and re-signed by one node's key alone, or by one key twice;
- bad input: not an export, another format version, empty, a file of another chain.

Usage: python bench/tamper.py [--long] [--seed N] [--workers N]
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
import multiprocessing

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.v1 import messages as pb  # noqa: E402
from cets.clients.audit import AuditResult, audit_export, audit_store  # noqa: E402
from cets.ledger import export as export_format  # noqa: E402
from cets.ledger.export import ExportWriter  # noqa: E402
from cets.ledger.store import LmdbStore  # noqa: E402
from tests.chains import Chain, rebuild, small_chain, transfer_chain  # noqa: E402

SIZES = {  # CI: well under a minute on 2 cores; --long: the big runs
    "ci": {"big_transfers": 300, "big_block_tx_count": 50, "samples": 100},
    "long": {"big_transfers": 3_000, "big_block_tx_count": 100, "samples": 1_000},
}
TRAILER = "trailer"  # where an attack on the file's trailer is named: no block


@dataclass
class Tally:
    """One class of attack: how many tried, detected, named at the right height, accepted."""

    name: str
    tried: int = 0
    detected: int = 0
    right: int = 0
    misses: list = field(default_factory=list)  # the first few attacks not detected or named wrong

    @property
    def accepted(self) -> int:
        return self.tried - self.detected

    def record(self, what, result: AuditResult, expected: set) -> None:
        self.tried += 1
        self.detected += not result.ok
        named = result.bad_height if result.bad_height is not None else TRAILER
        if not result.ok and named in expected:
            self.right += 1
        elif len(self.misses) < 5:
            self.misses.append((what, result.ok, result.bad_height, result.reason, result.problem[:120]))

    def merge(self, other: "Tally") -> None:
        self.tried += other.tried
        self.detected += other.detected
        self.right += other.right
        self.misses += other.misses[: 5 - len(self.misses)]

    @property
    def ok(self) -> bool:
        return self.tried > 0 and self.detected == self.right == self.tried


# -- exports in memory -------------------------------------------------------------------------------
def export_bytes(genesis: bytes, blocks, trailer: bool = True) -> bytes:
    stream = io.BytesIO()
    writer = ExportWriter(stream, genesis)
    transactions, head = 0, None
    for raw in blocks:
        writer.add_block(raw)
        block = pb.Block.FromString(raw)
        transactions += len(block.txs)
        head = block.header
    if trailer:
        from cets.ledger import crypto

        writer.finish(transactions, crypto.header_hash(head) if head is not None else crypto.genesis_hash(genesis))
    return stream.getvalue()


def layout(genesis: bytes, blocks) -> list[tuple[int, int, object]]:
    """(start, end, where) of each part of an export: None the file header, 0 the genesis record,
    k block k's record, TRAILER the trailer."""
    parts = [(0, len(export_format.MAGIC) + 2, None)]
    at = parts[0][1]
    for where, payload in [(0, genesis)] + list(enumerate(blocks, start=1)):
        parts.append((at, at + 5 + len(payload), where))
        at += 5 + len(payload)
    parts.append((at, at + 5 + export_format.TRAILER_BYTES, TRAILER))
    return parts


def expected_at(parts, offset: int, block_count: int) -> set:
    for start, end, where in parts:
        if start <= offset < end:
            if where is None:
                return {TRAILER}  # the file header: no block named
            if where == TRAILER and offset == start:
                return {TRAILER, block_count + 1}  # its kind byte: "the record after the last block" is all one can say
            return {where}
    raise AssertionError(offset)


class Auditor:
    """Audit export bytes through a real file, single-core (the suite runs classes in parallel)."""

    def __init__(self, directory: pathlib.Path, chain: Chain) -> None:
        self.path = directory / f"audit-{os.getpid()}.export"
        self.chain = chain

    def __call__(self, data: bytes, expect_head: str | None = None) -> AuditResult:
        self.path.write_bytes(data)
        return audit_export(self.path, self.chain.genesis_hash, expect_head, workers=1)


def flipped(data: bytes, offset: int, mask: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= mask
    return bytes(changed)


# -- single-byte corruption ---------------------------------------------------------------------------
def corrupt_export(chain: Chain, flips: list[tuple[int, int]], name: str) -> Tally:
    tally = Tally(name)
    data = export_bytes(chain.genesis, chain.blocks)
    parts = layout(chain.genesis, chain.blocks)
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as directory:
        audit = Auditor(pathlib.Path(directory), chain)
        for offset, mask in flips:
            tally.record((offset, mask), audit(flipped(data, offset, mask)), expected_at(parts, offset, len(chain.blocks)))
    return tally


def corrupt_store(chain: Chain, flips: list[tuple[int, int, int]], name: str) -> Tally:
    """Flip bytes of stored blocks through the store's own API; audit the store after each."""
    tally = Tally(name)
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as directory:
        store = LmdbStore(pathlib.Path(directory) / "ledger")
        try:
            rebuild(chain.genesis, chain.batches, store=store)
            for height, offset, mask in flips:
                original = chain.blocks[height - 1]
                store.replace_block(height, flipped(original, offset, mask))
                try:
                    tally.record((height, offset, mask), audit_store(store, directory), {height})
                finally:
                    store.replace_block(height, original)
        finally:
            store.close()
    return tally


def _fast_tmp() -> str | None:
    """tmpfs when there is one: the stored-chain attacks write a block twice per attack."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def every_export_offset(chain: Chain) -> list[tuple[int, int]]:
    return [(offset, 0xFF) for offset in range(len(export_bytes(chain.genesis, chain.blocks)))]


def every_stored_offset(chain: Chain) -> list[tuple[int, int, int]]:
    return [(height, offset, 0xFF) for height, raw in enumerate(chain.blocks, start=1) for offset in range(len(raw))]


def sampled_export_offsets(chain: Chain, count: int, rng: random.Random) -> list[tuple[int, int]]:
    size = len(export_bytes(chain.genesis, chain.blocks))
    return [(rng.randrange(size), rng.randrange(1, 256)) for _ in range(count)]


def sampled_stored_offsets(chain: Chain, count: int, rng: random.Random) -> list[tuple[int, int, int]]:
    total = sum(len(raw) for raw in chain.blocks)
    flips = []
    for _ in range(count):
        at = rng.randrange(total)
        for height, raw in enumerate(chain.blocks, start=1):
            if at < len(raw):
                flips.append((height, at, rng.randrange(1, 256)))
                break
            at -= len(raw)
    return flips


# -- structural attacks ---------------------------------------------------------------------------------
def structural(chain: Chain, other: Chain, forks: list[tuple[int, Chain]]) -> list[Tally]:
    """Each variant is a file whose trailer the attacker recomputed (it is not signed). Damage
    inside the chain is caught without more; damage that leaves a valid chain (cut or replaced at
    its end) only by an auditor holding the head it expects (--expect-head): those variants are
    audited with it (`at_end`)."""
    blocks, count = chain.blocks, len(chain.blocks)
    tallies = []
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as directory:
        audit = Auditor(pathlib.Path(directory), chain)

        def attack(name: str, variants) -> None:
            tally = Tally(name)
            for what, some_blocks, expected, at_end in variants:
                data = some_blocks if isinstance(some_blocks, bytes) else export_bytes(chain.genesis, some_blocks)
                tally.record(what, audit(data, chain.head_hash if at_end else None), expected)
            tallies.append(tally)

        attack("block deleted", ((k, blocks[:k - 1] + blocks[k:], {k} if k < count else {count - 1}, k == count) for k in range(1, count + 1)))
        attack("block duplicated", ((k, blocks[:k] + [blocks[k - 1]] + blocks[k:], {k + 1}, False) for k in range(1, count + 1)))
        attack("blocks swapped", ((k, blocks[:k - 1] + [blocks[k], blocks[k - 1]] + blocks[k + 1:], {k}, False) for k in range(1, count)))
        attack("blocks reordered (reversed)", [("reversed", blocks[::-1], {1}, False)])
        full = export_bytes(chain.genesis, blocks)
        parts = layout(chain.genesis, blocks)
        cuts = [(f"after block {k}", full[:parts[k + 1][1]], {k + 1}, False) for k in range(0, count + 1)]
        cuts += [(f"inside block {k}", full[:(parts[k + 1][0] + parts[k + 1][1]) // 2], {k}, False) for k in range(1, count + 1)]
        cuts += [("inside the trailer", full[:-10], {TRAILER}, False)]
        attack("truncated (file cut short)", cuts)
        attack("rollback (cut short, new trailer)", ((k, blocks[:k], {k}, True) for k in range(0, count)))
        spliced = [(k, block) for k, block in enumerate(other.blocks[:count], start=1)] + [(k, fork.blocks[k - 1]) for k, fork in forks]
        attack("block spliced from another chain of the same genesis",
               ((k, blocks[:k - 1] + [block] + blocks[k:], {_splice_break(blocks, block, k)}, k == count)
                for k, block in spliced if block != blocks[k - 1]))
    tallies.append(resigned(chain))
    return tallies


def _splice_break(blocks, spliced: bytes, k: int) -> object:
    """Where a spliced block k is caught: at k unless it links to block k-1 (a fork's block, itself
    valid), then where the next link breaks (the trailer's head, after the last block)."""
    prev_hash = pb.BlockHeader.FromString(pb.Block.FromString(spliced).header).prev_hash
    if k == 1:
        links = prev_hash == _genesis_link(blocks)
    else:
        from cets.ledger import crypto

        links = prev_hash == crypto.header_hash(pb.Block.FromString(blocks[k - 2]).header)
    if not links:
        return k
    return k + 1 if k < len(blocks) else k  # at the end: the head is not the expected one


def _genesis_link(blocks) -> bytes:
    return pb.BlockHeader.FromString(pb.Block.FromString(blocks[0]).header).prev_hash


def resigned(chain: Chain) -> Tally:
    """From each height on, drop a transaction and re-sign the history by one node's key alone
    (and by one key twice): below the quorum, named at that height."""
    tally = Tally("history rewritten and re-signed by one node's key alone")
    count = len(chain.blocks)
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as directory:
        audit = Auditor(pathlib.Path(directory), chain)
        for k in range(1, count + 1):
            batches = [list(b) for b in chain.batches]
            batches[k - 1] = batches[k - 1][:-1]
            for alone in (("REG",), ("REG", "REG"), ("MEE",)):
                signers = [None] * (k - 1) + [alone] * (count - k + 1)
                forged = rebuild(chain.genesis, batches, [s or ("REG", "MEE") for s in signers])
                tally.record((k, alone), audit(export_bytes(chain.genesis, forged.blocks)), {k})
    return tally


# -- bad input -------------------------------------------------------------------------------------------
def bad_input(chain: Chain, stranger: Chain) -> list[tuple[str, str, AuditResult]]:
    """Files that are no export of this chain: each with the reason it must be refused with."""
    full = export_bytes(chain.genesis, chain.blocks)
    cases = [
        ("not an export (a text file)", b"hello, auditor\n", export_format.EXPORT_BAD_MAGIC),
        ("empty file", b"", export_format.EXPORT_BAD_MAGIC),
        ("another format version", full[:len(export_format.MAGIC)] + b"\x00\x02" + full[len(export_format.MAGIC) + 2:],
         export_format.EXPORT_UNSUPPORTED_VERSION),
        ("a file of another chain", export_bytes(stranger.genesis, stranger.blocks), "GENESIS_MISMATCH"),
        ("cut inside the genesis", full[:40], export_format.EXPORT_TRUNCATED),
        ("cut after the last block", full[:-(5 + export_format.TRAILER_BYTES)], export_format.EXPORT_TRUNCATED),
        ("bytes after the trailer", full + b"\x00", export_format.EXPORT_MALFORMED),
        ("the file hash damaged", flipped(full, len(full) - 1, 0x01), export_format.EXPORT_HASH_MISMATCH),
    ]
    with tempfile.TemporaryDirectory(dir=_fast_tmp()) as directory:
        audit = Auditor(pathlib.Path(directory), chain)
        return [(name, reason, audit(data)) for name, data, reason in cases]


# -- the run ----------------------------------------------------------------------------------------------
def _job(kind: str, chain: Chain, flips: list, name: str) -> Tally:
    return corrupt_export(chain, flips, name) if kind == "export" else corrupt_store(chain, flips, name)


def _split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


def run(size: str = "ci", seed: int = 1, workers: int = 2, log=print) -> tuple[list[Tally], list]:
    """Every class, the corruption runs split over `workers` processes; returns the tallies and
    the bad-input verdicts."""
    params = SIZES[size]
    rng = random.Random(seed)
    log(f"seed {seed}; building the chains ({size} size)")
    small = small_chain()
    big = transfer_chain(params["big_transfers"], params["big_block_tx_count"], emitters=16)
    jobs = [("export", small, every_export_offset(small), "export, every byte of a small chain"),
            ("store", small, every_stored_offset(small), "stored blocks (LMDB), every byte of a small chain"),
            ("export", big, sampled_export_offsets(big, params["samples"], rng), f"export, random bytes of a bigger chain ({len(big.blocks)} blocks)"),
            ("store", big, sampled_stored_offsets(big, params["samples"], rng), f"stored blocks (LMDB), random bytes of a bigger chain ({len(big.blocks)} blocks)")]
    tallies = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [(name, [pool.submit(_job, kind, chain, part, name) for part in _split(flips, workers)]) for kind, chain, flips, name in jobs]
        other, forks = _other_chains(small)
        stranger = rebuild(_stranger_genesis(), [])
        structural_tallies = structural(small, other, forks)
        verdicts = bad_input(small, stranger)
        for name, parts in futures:
            tally = Tally(name)
            for future in parts:
                tally.merge(future.result())
            tallies.append(tally)
    return tallies + structural_tallies, verdicts


def _other_chains(small: Chain) -> tuple[Chain, list[tuple[int, Chain]]]:
    """A chain of the same genesis with another history (its blocks cut differently), and for each
    height k a fork of `small` sharing its blocks below k, its block k without the last transaction."""
    flat = [raw for batch in small.batches for raw in batch]
    other = rebuild(small.genesis, [flat[:1], flat[1:3], flat[3:6], flat[6:]])
    forks = [(k, rebuild(small.genesis, small.batches[:k - 1] + [small.batches[k - 1][:-1]])) for k in range(1, len(small.batches) + 1)]
    return other, forks


def _stranger_genesis() -> bytes:
    from tests.chains import quorum_genesis

    return quorum_genesis(quorum=3)


def report(tallies: list[Tally], verdicts: list) -> str:
    lines = ["| class | tried | detected | named at the right height | accepted |", "| --- | ---: | ---: | ---: | ---: |"]
    for tally in tallies:
        lines.append(f"| {tally.name} | {tally.tried:,} | {tally.detected:,} | {tally.right:,} | {tally.accepted} |")
    lines += ["", "| bad input | reason wanted | reason given | refused |", "| --- | --- | --- | --- |"]
    for name, reason, result in verdicts:
        lines.append(f"| {name} | {reason} | {result.reason} | {'yes' if not result.ok else 'NO'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--long", action="store_true", help="the big runs: a bigger chain, more samples")
    parser.add_argument("--seed", type=int, default=None, help="the random sample's seed (default: drawn, and printed)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    started = time.monotonic()
    tallies, verdicts = run("long" if args.long else "ci", seed, args.workers)
    print(report(tallies, verdicts))
    print(f"\nseed {seed}, {time.monotonic() - started:.1f} s on {args.workers} processes")
    failed = [t for t in tallies if not t.ok] + [v for v in verdicts if v[2].ok or v[2].reason != v[1]]
    for item in failed:
        print(f"FAILED: {item}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
