"""The `Store` contract over dicts: for the state machine's tests and the auditor's replay.

It behaves like `LmdbStore` (same checks, same errors, same scan order, snapshot readers) but keeps
nothing on disk. State is a dict plus a sorted list of its keys; a reader pins the current pair,
and a commit made while readers are open copies it first (copy on write), so an open reader keeps
seeing the state it started with, as an LMDB read transaction does. Reads and writes are
serialised by a lock; readers may be used from one thread each.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from typing import ContextManager, Iterator, Mapping, Sequence

from cets.ledger.store import (
    KEY_BYTES_MAX,
    SnapshotReader,
    StateReader,
    StoreError,
    TX_ID_BYTES,
    block_range,
    check_commit_args,
    check_genesis_args,
    meta_key,
)


class _Snapshot:
    """The state: a dict, and its keys in sorted lists, one per first byte (a table's prefix).

    A commit appends its new keys to their lists and sorts nothing; a list is put in order when a
    scan first needs it. A replay adds three keys per transfer to tables it never scans (the
    judged ids, the client ids, the signer index), so those are never sorted while it runs: one
    sorted list of every key made each commit cost time in proportion to the whole state."""

    __slots__ = ("data", "tables", "unsorted", "stale")

    def __init__(self, data: dict[bytes, bytes], tables: dict[int, list[bytes]], unsorted: set[int], stale: set[int]) -> None:
        self.data = data
        self.tables = tables  # first byte -> the keys of data starting with it (sorted unless in unsorted or stale)
        self.unsorted = unsorted  # first bytes whose lists have new keys appended
        self.stale = stale  # first bytes whose lists may hold deleted keys (and, re-added, twice)

    @classmethod
    def empty(cls) -> "_Snapshot":
        return cls({}, {}, set(), set())

    def copy(self) -> "_Snapshot":
        return _Snapshot(dict(self.data), {first: list(keys) for first, keys in self.tables.items()}, set(self.unsorted), set(self.stale))

    def apply(self, state_writes: Mapping[bytes, bytes | None]) -> None:
        data, tables = self.data, self.tables
        for key, value in state_writes.items():
            if value is None:
                if key in data:
                    del data[key]
                    self.stale.add(key[0])
            else:
                if key not in data:
                    keys = tables.get(key[0])
                    if keys is None:
                        keys = tables[key[0]] = []
                    keys.append(key)
                    self.unsorted.add(key[0])
                data[key] = value

    def sorted_keys(self, first: int) -> list[bytes]:
        """The keys starting with byte `first`, in order (call under the store's lock)."""
        keys = self.tables.get(first)
        if keys is None:
            return []
        if first in self.stale:
            keys[:] = sorted({key for key in keys if key in self.data})
        elif first in self.unsorted:
            keys.sort()  # Timsort merges the sorted run with the appended one
        self.stale.discard(first)
        self.unsorted.discard(first)
        return keys

    def first_bytes(self) -> list[int]:
        return sorted(self.tables)


class _MemoryReader(SnapshotReader):
    def __init__(self, store: "MemoryStore", snapshot: _Snapshot, height: int) -> None:
        super().__init__()
        self._store = store
        self._snapshot = snapshot
        self._snapshot_height = height

    def _height(self) -> int:
        return self._snapshot_height

    def get(self, key: bytes) -> bytes | None:
        # The replay's every read: the usual case answered here, anything else by the shared checks.
        if not self._closed and type(key) is bytes and 1 <= len(key) <= KEY_BYTES_MAX:
            return self._snapshot.data.get(key)
        return super().get(key)

    def _get(self, key: bytes) -> bytes | None:
        return self._snapshot.data.get(key)

    def _scan(self, prefix: bytes, start_after: bytes | None, limit: int | None) -> Iterator[tuple[bytes, bytes]]:
        self._check()
        with self._store._lock:
            firsts = [prefix[0]] if prefix else self._snapshot.first_bytes()
        after = start_after if start_after is not None and start_after >= prefix else None  # b"": from the start
        if after:
            firsts = [first for first in firsts if first >= after[0]]
        count = 0
        for first in firsts:
            with self._store._lock:
                keys = self._snapshot.sorted_keys(first)
            data = self._snapshot.data
            if after and after[0] == first:
                position = bisect_right(keys, after)
            else:
                position = bisect_left(keys, prefix)
            while limit is None or count < limit:
                self._check()  # once closed, the snapshot is no longer pinned and may change
                if position >= len(keys):
                    break
                key = keys[position]
                if not key.startswith(prefix):
                    break
                yield key, data[key]
                count += 1
                position += 1
            if limit is not None and count >= limit:
                return

    def _release(self) -> None:
        self._store._unpin(self._snapshot)


class MemoryStore:
    """The `Store` contract in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = _Snapshot.empty()
        self._pins = 0  # open readers of self._state
        self._genesis: bytes | None = None
        self._head: tuple[int, bytes] | None = None
        self._blocks: list[bytes] = []  # block at height h is self._blocks[h - 1]
        self._txindex: dict[bytes, tuple[int, int]] = {}
        self._results: dict[bytes, bytes] = {}
        self._meta: dict[bytes, bytes] = {}
        self._closed = False

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("memory store is closed")

    def _writable_state(self) -> _Snapshot:
        """The state to change in place: copied first if open readers pin it."""
        if self._pins:
            self._state = self._state.copy()
            self._pins = 0
        return self._state

    def _unpin(self, snapshot: _Snapshot) -> None:
        with self._lock:
            if snapshot is self._state:
                self._pins -= 1

    # -- chain ----------------------------------------------------------------------------------
    def genesis(self) -> bytes | None:
        with self._lock:
            self._check_open()
            return self._genesis

    def init_genesis(self, genesis: bytes, genesis_hash: bytes, state_writes: Mapping[bytes, bytes | None]) -> None:
        check_genesis_args(genesis, genesis_hash, state_writes)
        with self._lock:
            self._check_open()
            if self._genesis is not None or self._head is not None:
                raise StoreError("init_genesis: the store already holds a chain")
            self._writable_state().apply(state_writes)
            self._genesis = genesis
            self._head = (0, genesis_hash)

    def head(self) -> tuple[int, bytes]:
        with self._lock:
            self._check_open()
            if self._head is None:
                raise StoreError("head: the store holds no genesis")
            return self._head

    def commit_block(
        self,
        height: int,
        header_hash: bytes,
        block: bytes,
        tx_ids: Sequence[bytes],
        state_writes: Mapping[bytes, bytes | None],
        results: Sequence[bytes] = (),
    ) -> None:
        check_commit_args(height, header_hash, block, tx_ids, state_writes, results)
        with self._lock:
            self._check_open()
            if self._head is None:
                raise StoreError("commit_block: the store holds no genesis")
            if height != self._head[0] + 1:
                raise StoreError(f"commit_block: got height {height}, want {self._head[0] + 1}")
            # Every check is done: nothing below can fail half way.
            self._blocks.append(block)
            for index, tx_id in enumerate(tx_ids):
                if tx_id not in self._txindex:
                    self._txindex[tx_id] = (height, index)
                    if results:
                        self._results[tx_id] = header_hash + results[index]
            self._writable_state().apply(state_writes)
            self._head = (height, header_hash)

    def replace_block(self, height: int, block: bytes) -> None:
        """Store new bytes for a committed block (its signatures grow as institutions cosign)."""
        with self._lock:
            self._check_open()
            if not isinstance(block, bytes) or not block:
                raise StoreError("block: want non-empty bytes")
            if not isinstance(height, int) or not 1 <= height <= len(self._blocks):
                raise StoreError(f"replace_block: no block {height}")
            self._blocks[height - 1] = block

    def block(self, height: int) -> bytes | None:
        with self._lock:
            self._check_open()
            if not isinstance(height, int) or not 1 <= height <= len(self._blocks):
                return None
            return self._blocks[height - 1]

    def blocks(self, from_height: int, to_height: int) -> Iterator[tuple[int, bytes]]:
        with self._lock:
            self._check_open()
            head_height = len(self._blocks)
        return self._blocks_in(block_range(from_height, to_height, head_height))

    def _blocks_in(self, heights: range) -> Iterator[tuple[int, bytes]]:
        for height in heights:
            self._check_open()
            yield height, self._blocks[height - 1]  # append-only: committed blocks never change

    def tx_result(self, tx_id: bytes) -> bytes | None:
        with self._lock:
            self._check_open()
            return self._results.get(tx_id) if isinstance(tx_id, bytes) else None

    def tx_index(self) -> Iterator[tuple[bytes, tuple[int, int]]]:
        with self._lock:
            self._check_open()
            return iter(sorted(self._txindex.items()))

    def tx_location(self, tx_id: bytes) -> tuple[int, int] | None:
        if not isinstance(tx_id, bytes):
            raise StoreError(f"tx_id: got {type(tx_id).__name__}, want bytes")
        with self._lock:
            self._check_open()
            if len(tx_id) != TX_ID_BYTES:
                return None
            return self._txindex.get(tx_id)

    # -- state ----------------------------------------------------------------------------------
    @contextmanager
    def _reader(self) -> Iterator[StateReader]:
        with self._lock:
            self._check_open()
            self._pins += 1
            reader = _MemoryReader(self, self._state, self._head[0] if self._head else 0)
        try:
            yield reader
        finally:
            reader.close()

    def reader(self) -> ContextManager[StateReader]:
        return self._reader()

    def get_state(self, key: bytes) -> bytes | None:
        if not isinstance(key, bytes):
            raise StoreError(f"state key: got {type(key).__name__}, want bytes")
        with self._lock:
            self._check_open()
            if not 1 <= len(key) <= KEY_BYTES_MAX:
                return None
            return self._state.data.get(key)

    # -- node-local metadata --------------------------------------------------------------------
    def put_meta(self, key: str, value: bytes) -> None:
        raw_key = meta_key(key)
        if not isinstance(value, bytes):
            raise StoreError(f"meta value: got {type(value).__name__}, want bytes")
        with self._lock:
            self._check_open()
            self._meta[raw_key] = value

    def get_meta(self, key: str) -> bytes | None:
        raw_key = meta_key(key)
        with self._lock:
            self._check_open()
            return self._meta.get(raw_key)
