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

    def as_dict(self) -> dict:
        return asdict(self)


class AuditRefused(Exception):
    """The audit cannot start: no chain to read, or a node is serving it (nothing was verified)."""


def _start(source: str, genesis_bytes: bytes, expect_genesis: str | None) -> tuple[AuditResult, Replayer | None]:
    result = AuditResult(ok=False, source=source, genesis_hash=crypto.genesis_hash(genesis_bytes).hex())
    if expect_genesis and expect_genesis.lower() != result.genesis_hash:
        result.bad_height, result.problem = 0, f"genesis hash {result.genesis_hash} is not the expected {expect_genesis}"
        return result, None
    try:
        return result, Replayer(genesis_bytes)
    except ChainError as error:
        result.bad_height, result.problem = error.height, error.what
        return result, None


def _replay(result: AuditResult, replayer: Replayer, blocks) -> bool:
    try:
        for height, raw in blocks:
            if height != replayer.tip.height + 1:
                raise ChainError(replayer.tip.height + 1, f"missing (next stored block is {height})")
            replayer.apply(raw)
    except ChainError as error:
        result.bad_height, result.problem = error.height, error.what
        return False
    except StoreError as error:  # a block missing below the stored head
        result.bad_height, result.problem = replayer.tip.height + 1, f"missing or unreadable ({error})"
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
    with _offline(data_dir):
        try:
            store = LmdbStore(data_dir / "ledger", readonly=True)
        except StoreError as error:
            raise AuditRefused(f"{data_dir}: no readable chain here ({error})") from None
        try:
            genesis_bytes = store.genesis()
            if genesis_bytes is None:
                raise AuditRefused(f"{data_dir}: no chain here (its ledger holds no genesis)")
            result, replayer = _start(str(data_dir), genesis_bytes, expect_genesis)
            if replayer is None:
                return result
            head_height, head_hash = store.head()
            if not _replay(result, replayer, _stored_blocks(store, head_height)):
                return result
            if replayer.tip.height != head_height or replayer.tip.hash != head_hash:
                result.bad_height, result.problem = head_height, "stored head does not match the replayed chain"
                return result
            mismatch = _compare_state(store, replayer, result) or _compare_tx_index(store, replayer, result)
            if mismatch:
                result.bad_height, result.problem = head_height, mismatch
                return result
            result.ok = True
            _keep(keep, replayer)
            return result
        finally:
            store.close()


@contextlib.contextmanager
def _offline(data_dir: pathlib.Path):
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
            result.bad_height, result.problem = 1, f"the node reports no final block (head {head.height}): nothing it serves can be verified"
            return result
        blocks = ((block_height, block.SerializeToString()) for block_height, block in _numbered(client.stream_blocks(1, end), end))
        if not _replay(result, replayer, blocks):
            return result
        if replayer.tip.height != end or (end == head.height and replayer.tip.hash != head.hash):
            result.bad_height, result.problem = end, "the node's chain does not match the replayed chain"
            return result
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
