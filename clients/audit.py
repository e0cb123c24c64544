"""The auditor: verify a whole chain from its data and public keys alone.

Online, it streams the genesis and every block from a node; offline, it reads a stopped node's
data directory read-only. Either way it runs `ledger.verify.Replayer`: hash links, header
signatures and quorum, every transaction's signature and authorization, and a full replay that
must reproduce every result and state commitment. Offline it also compares the node's stored
state with the replayed one, key by key. An offline audit holds the data directory's lock shared
(node/datadir.py): it refuses a directory a node is serving, and no node starts on it meanwhile.
"""

from __future__ import annotations

import contextlib
import itertools
import pathlib
from dataclasses import asdict, dataclass, field

from cets.ledger import crypto
from cets.ledger.errors import ChainError
from cets.ledger.export import EXPORT_UNREADABLE, ExportError, ExportReader
from cets.ledger.store import LmdbStore, StoreError
from cets.ledger.verify import Replayer


@dataclass
class AuditResult:
    ok: bool
    source: str
    genesis_hash: str = ""
    head_height: int = 0
    head_hash: str = ""
    bad_height: int | None = None
    problem: str = ""
    counts: dict = field(default_factory=dict)
    state_entries_compared: int = 0
    tx_index_entries_compared: int = 0
    final_height: int | None = None  # online: the node's final height, up to which it is verified
    reason: str = ""  # why it failed, stable: BLOCK_INVALID, GENESIS_MISMATCH, EXPORT_TRUNCATED ...
    workers: int = 1  # processes that checked transaction signatures ahead of the replay (1: none)
    prechecked: int = 0  # transactions whose signatures they verified (the replay checked the rest itself)

    def as_dict(self) -> dict:
        return asdict(self)


# Stable reasons of a failed audit, beside the export file's own (ledger/export.py).
BLOCK_INVALID = "BLOCK_INVALID"  # a block does not verify: `bad_height` names the first
GENESIS_MISMATCH = "GENESIS_MISMATCH"  # the genesis is not the pinned one: a chain of another genesis
GENESIS_INVALID = "GENESIS_INVALID"  # the genesis cannot found a chain
HEAD_MISMATCH = "HEAD_MISMATCH"  # the chain ends elsewhere than the stored or expected head
STATE_MISMATCH = "STATE_MISMATCH"  # a stopped node's stored state or index differs from the replay


class AuditRefused(Exception):
    """The audit cannot start: no chain to read, or a node is serving it (nothing was verified)."""


def _start(source: str, genesis_bytes: bytes, expect_genesis: str | None) -> tuple[AuditResult, Replayer | None]:
    result = AuditResult(ok=False, source=source, genesis_hash=crypto.genesis_hash(genesis_bytes).hex())
    if expect_genesis and expect_genesis.lower() != result.genesis_hash:
        _fail(result, GENESIS_MISMATCH, 0, f"genesis hash {result.genesis_hash} is not the expected {expect_genesis}: a chain of another genesis")
        return result, None
    try:
        return result, Replayer(genesis_bytes)
    except ChainError as error:
        _fail(result, GENESIS_INVALID, error.height, error.what)
        return result, None


def _fail(result: AuditResult, reason: str, height: int | None, problem: str) -> AuditResult:
    result.ok, result.reason, result.bad_height, result.problem = False, reason, height, problem
    return result


def _replay(result: AuditResult, replayer: Replayer, blocks, on_block=None) -> bool:
    """Apply `blocks`, each (height, bytes) or (height, bytes, transactions decoded ahead)."""
    try:
        for height, raw, *ahead in blocks:
            if height != replayer.tip.height + 1:
                raise ChainError(replayer.tip.height + 1, f"missing (next stored block is {height})")
            replayer.apply(raw, ahead[0] if ahead else None)
            if on_block is not None:
                on_block(replayer.report)
    except ChainError as error:
        _fail(result, BLOCK_INVALID, error.height, error.what)
        return False
    except StoreError as error:  # a block missing below the stored head
        _fail(result, BLOCK_INVALID, replayer.tip.height + 1, f"missing or unreadable ({error})")
        return False
    except ExportError as error:
        _fail(result, error.reason, error.height, error.what)
        return False
    except OSError as error:
        _fail(result, EXPORT_UNREADABLE, replayer.tip.height + 1, f"{result.source}: {error.strerror or error}")
        return False
    finally:
        result.counts = asdict(replayer.report)
        result.head_height = replayer.tip.height
        result.head_hash = replayer.tip.hash.hex()
    return True


def audit_data_dir(data_dir: pathlib.Path, expect_genesis: str | None = None, keep: list | None = None) -> AuditResult:
    """Offline audit of a stopped node's data directory (opened read-only). A verified chain's
    replayer is appended to `keep` (`cets audit market` reads the market from it).

    Raises AuditRefused when there is no chain there, or a node is serving the directory."""
    data_dir = pathlib.Path(data_dir)
    with offline(data_dir):
        try:
            store = LmdbStore(data_dir / "ledger", readonly=True)
        except StoreError as error:
            raise AuditRefused(f"{data_dir}: no readable chain here ({error})") from None
        try:
            return audit_store(store, str(data_dir), expect_genesis, keep)
        finally:
            store.close()


def audit_store(store: LmdbStore, source: str, expect_genesis: str | None = None, keep: list | None = None) -> AuditResult:
    """Audit an open store: replay its blocks, then compare its head, state and index with the replay."""
    genesis_bytes = store.genesis()
    if genesis_bytes is None:
        raise AuditRefused(f"{source}: no chain here (its ledger holds no genesis)")
    result, replayer = _start(source, genesis_bytes, expect_genesis)
    if replayer is None:
        return result
    head_height, head_hash = store.head()
    if not _replay(result, replayer, _stored_blocks(store, head_height)):
        return result
    if replayer.tip.height != head_height or replayer.tip.hash != head_hash:
        return _fail(result, HEAD_MISMATCH, head_height, "stored head does not match the replayed chain")
    mismatch = _compare_state(store, replayer, result) or _compare_tx_index(store, replayer, result)
    if mismatch:
        return _fail(result, STATE_MISMATCH, head_height, mismatch)
    result.ok = True
    _keep(keep, replayer)
    return result


def audit_export(path: pathlib.Path, expect_genesis: str, expect_head: str | None = None, workers: int = 1,
                 progress=None) -> AuditResult:
    """Verify an export file (ledger/export.py) from the pinned genesis hash alone: the file's
    framing, then every block as `audit_data_dir` does, then its trailer; `expect_head`, when
    given, is the header hash the chain must end at (a file cut short and re-trailered is a valid
    shorter chain). `workers` > 1 checks transaction signatures on that many processes ahead of
    the replay, with the same verdicts. `progress(report, bytes_read)` is called after each block."""
    result = AuditResult(ok=False, source=str(path), workers=workers)
    try:
        stream = open(path, "rb")
    except OSError as error:
        return _fail(result, EXPORT_UNREADABLE, None, f"{path}: {error.strerror or error}")
    with stream:
        reader = ExportReader(stream)
        try:
            genesis_bytes = reader.genesis()
        except (ExportError, OSError) as error:
            return _fail(result, getattr(error, "reason", EXPORT_UNREADABLE), getattr(error, "height", None), str(error))
        result, replayer = _start(str(path), genesis_bytes, expect_genesis)
        result.workers = workers
        if replayer is None:
            return result
        on_block = (lambda report: progress(report, reader.bytes_read)) if progress else None
        if not _replay_export(result, replayer, reader, workers, on_block):
            return result
        try:
            reader.finish(replayer.report.blocks, replayer.report.transactions, replayer.tip.hash)
        except ExportError as error:
            return _fail(result, error.reason, error.height, error.what)
    if expect_head and expect_head.lower() != result.head_hash:
        return _fail(result, HEAD_MISMATCH, result.head_height,
                     f"the chain ends at {result.head_hash} (height {result.head_height}), not at the expected head {expect_head}: cut short or forked")
    result.ok = True
    return result


def _replay_export(result: AuditResult, replayer: Replayer, reader: ExportReader, workers: int, on_block) -> bool:
    if workers <= 1:
        return _replay(result, replayer, reader.blocks(), on_block)
    from cets.clients.sigcheck import SignaturePrecheck

    with SignaturePrecheck(replayer.store.genesis(), workers) as precheck:
        try:
            return _replay(result, replayer, precheck.blocks(reader.blocks()), on_block)
        finally:
            result.prechecked = precheck.precheck_count


@contextlib.contextmanager
def offline(data_dir: pathlib.Path):
    """Hold the data directory's lock shared for the audit; refuse a missing directory, one with
    no ledger, or one a node is serving (its lock held exclusively)."""
    from cets.node.datadir import DataDirBusy, DataDirLock

    if not data_dir.is_dir():
        raise AuditRefused(f"{data_dir}: {'not a directory' if data_dir.exists() else 'no such directory'}")
    if not (data_dir / "ledger").is_dir():
        raise AuditRefused(f"{data_dir}: no chain here (no ledger directory): give a node's data directory")
    try:
        lock = DataDirLock.take(data_dir, shared=True)
    except DataDirBusy as busy:
        running = f"a node (pid {busy.pid})" if busy.pid else "a node"
        raise AuditRefused(f"{running} is running on {data_dir}: stop it, or audit it online with --target") from None
    except OSError as error:
        raise AuditRefused(f"{data_dir}: cannot read its lock file: {error.strerror or error}") from None
    try:
        yield
    finally:
        if lock is not None:
            lock.release()


def _compare_tx_index(store: LmdbStore, replayer: Replayer, result: AuditResult) -> str:
    """Receipts come from the transaction index: it must point where the replay put each id."""
    for left, right in itertools.zip_longest(store.tx_index(), replayer.store.tx_index()):
        if left != right:
            where = (left or right)[0].hex()
            return f"stored transaction index differs from the replay at transaction {where}"
        result.tx_index_entries_compared += 1
    return ""


def _stored_blocks(store: LmdbStore, head_height: int):
    """Each stored block by height; a missing one is reported at its own height."""
    for height in range(1, head_height + 1):
        raw = store.block(height)
        if raw is None:
            raise ChainError(height, "missing below the stored head")
        yield height, raw


def _compare_state(store: LmdbStore, replayer: Replayer, result: AuditResult) -> str:
    with store.reader() as stored, replayer.store.reader() as replayed:
        for left, right in itertools.zip_longest(stored.scan(b""), replayed.scan(b"")):
            if left is None or right is None:
                extra = left or right
                side = "stored state has" if left else "replay has"
                return f"{side} an entry the other lacks, at key {extra[0][:40]!r}"
            result.state_entries_compared += 1
            if left != right:
                return f"stored state differs from the replay at key {left[0][:40]!r}"
    return ""


def audit_node(target: str, expect_genesis: str | None = None, credentials=None, keep: list | None = None) -> AuditResult:
    """Online audit: stream the chain from a node and replay it, up to its final height (a
    verified chain's replayer appended to `keep`)."""
    from cets.clients.sdk import Client

    with Client(target, deadline_s=60.0, credentials=credentials) as client:
        genesis_bytes = client.genesis().genesis
        head = client.head()
        result, replayer = _start(target, genesis_bytes, expect_genesis)
        if replayer is None:
            return result
        # Blocks past the final height may still lack their quorum of signatures.
        end = result.final_height = min(head.final_height, head.height)
        if end == 0 and head.height > 0:
            return _fail(result, BLOCK_INVALID, 1, f"the node reports no final block (head {head.height}): nothing it serves can be verified")
        blocks = ((block_height, block.SerializeToString()) for block_height, block in _numbered(client.stream_blocks(1, end), end))
        if not _replay(result, replayer, blocks):
            return result
        if replayer.tip.height != end or (end == head.height and replayer.tip.hash != head.hash):
            return _fail(result, HEAD_MISMATCH, end, "the node's chain does not match the replayed chain")
        result.ok = True
        _keep(keep, replayer)
        return result


def _keep(keep: list | None, replayer: Replayer) -> None:
    if keep is not None:
        keep.append(replayer)


def _numbered(blocks, head_height: int):
    if head_height == 0:
        return
    for height, block in enumerate(blocks, start=1):
        yield height, block
