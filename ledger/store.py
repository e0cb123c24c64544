"""Storage of a node's chain: blocks, a transaction index, state key/values and metadata.

The deterministic state machine sees state only through a `StateReader` (a consistent snapshot);
a `Store` persists what a committed block changes, in one write transaction per block. Two
backends keep the same contract: `LmdbStore` (here: the node's data directory, and an offline
auditor's read-only view of a stopped node's directory) and `MemoryStore` (ledger.memstore: for
the state machine's tests and the auditor's replay).

LMDB layout (named databases of one environment):
  blocks   height u64 BE                  -> block bytes (heights 1.., appended in order)
  txindex  tx_id (32 bytes)               -> height u64 BE + index in block u32 BE
  state    state key                      -> state value
  meta     b"\\x00head" / b"\\x00genesis"   -> head (height u64 BE + header hash) / genesis bytes
           node-local key (utf-8)         -> node-local metadata (put_meta / get_meta)

A state key is 1 to `KEY_BYTES_MAX` bytes (LMDB's limit); both backends refuse other keys, so the
state machine cannot depend on something only one of them accepts.
"""

from __future__ import annotations

import struct
from contextlib import contextmanager
from pathlib import Path
from typing import ContextManager, Iterator, Mapping, Protocol, Sequence

import lmdb

from cets.ledger.state import StateReader  # the state machine's view; storage depends on the domain

KEY_BYTES_MAX = 511  # LMDB's default maximum key size
HASH_BYTES = 32
TX_ID_BYTES = 32
DEFAULT_MAP_SIZE = 64 << 30  # address space only: the file grows as data is written (sparse on Linux)
DEFAULT_MAX_READERS = 512
BLOCKS_PER_READ = 64  # blocks() reads in chunks, one short read transaction each

_HEIGHT = struct.Struct(">Q")
_LOCATION = struct.Struct(">QI")
_HEIGHT_MAX = (1 << 64) - 1
_INDEX_MAX = (1 << 32) - 1

# Internal metadata keys start with a NUL byte, which `put_meta` refuses in node-local keys.
_HEAD_KEY = b"\x00head"
_GENESIS_KEY = b"\x00genesis"


class StoreError(Exception):
    """A store used against its contract (wrong height, not initialised, closed, read-only...)."""


class Store(Protocol):
    def genesis(self) -> bytes | None: ...

    def init_genesis(self, genesis: bytes, genesis_hash: bytes, state_writes: Mapping[bytes, bytes | None]) -> None: ...

    def head(self) -> tuple[int, bytes]: ...

    def reader(self) -> ContextManager[StateReader]: ...

    def get_state(self, key: bytes) -> bytes | None: ...

    def block(self, height: int) -> bytes | None: ...

    def blocks(self, from_height: int, to_height: int) -> Iterator[tuple[int, bytes]]: ...

    def tx_location(self, tx_id: bytes) -> tuple[int, int] | None: ...

    def tx_index(self) -> Iterator[tuple[bytes, tuple[int, int]]]: ...

    def tx_result(self, tx_id: bytes) -> bytes | None: ...

    def commit_block(
        self,
        height: int,
        header_hash: bytes,
        block: bytes,
        tx_ids: Sequence[bytes],
        state_writes: Mapping[bytes, bytes | None],
        results: Sequence[bytes] = (),
    ) -> None: ...

    def replace_block(self, height: int, block: bytes) -> None: ...

    def put_meta(self, key: str, value: bytes) -> None: ...

    def get_meta(self, key: str) -> bytes | None: ...

    def close(self) -> None: ...


# -- argument checks shared by both backends ------------------------------------------------------
def check_key(key: object, what: str = "state key") -> None:
    if not isinstance(key, bytes):
        raise StoreError(f"{what}: got {type(key).__name__}, want bytes")
    if not 1 <= len(key) <= KEY_BYTES_MAX:
        raise StoreError(f"{what}: got {len(key)} bytes, want 1 to {KEY_BYTES_MAX}")


def check_writes(state_writes: Mapping[bytes, bytes | None]) -> None:
    for key, value in state_writes.items():
        check_key(key)
        if value is not None and not isinstance(value, bytes):
            raise StoreError(f"state value for {key!r}: got {type(value).__name__}, want bytes or None")


def check_hash(value: object, what: str) -> None:
    if not isinstance(value, bytes) or len(value) != HASH_BYTES:
        raise StoreError(f"{what}: want {HASH_BYTES} bytes, got {_describe(value)}")


def check_genesis_args(genesis: bytes, genesis_hash: bytes, state_writes: Mapping[bytes, bytes | None]) -> None:
    if not isinstance(genesis, bytes) or not genesis:
        raise StoreError(f"genesis: want non-empty bytes, got {_describe(genesis)}")
    check_hash(genesis_hash, "genesis_hash")
    check_writes(state_writes)


def check_commit_args(
    height: int,
    header_hash: bytes,
    block: bytes,
    tx_ids: Sequence[bytes],
    state_writes: Mapping[bytes, bytes | None],
    results: Sequence[bytes] = (),
) -> None:
    if results and len(results) != len(tx_ids):
        raise StoreError(f"results: got {len(results)}, want one per transaction ({len(tx_ids)})")
    if not isinstance(height, int) or isinstance(height, bool) or not 1 <= height <= _HEIGHT_MAX:
        raise StoreError(f"height: got {height!r}, want an int from 1")
    check_hash(header_hash, "header_hash")
    if not isinstance(block, bytes) or not block:
        raise StoreError(f"block: want non-empty bytes, got {_describe(block)}")
    if len(tx_ids) > _INDEX_MAX + 1:
        raise StoreError(f"tx_ids: {len(tx_ids)} do not fit a u32 index")
    for index, tx_id in enumerate(tx_ids):
        if not isinstance(tx_id, bytes) or len(tx_id) != TX_ID_BYTES:
            raise StoreError(f"tx_ids[{index}]: want {TX_ID_BYTES} bytes, got {_describe(tx_id)}")
    check_writes(state_writes)


def check_scan_args(prefix: bytes, start_after: bytes | None, limit: int | None) -> None:
    if not isinstance(prefix, bytes):
        raise StoreError(f"prefix: got {type(prefix).__name__}, want bytes")
    if start_after is not None and not isinstance(start_after, bytes):
        raise StoreError(f"start_after: got {type(start_after).__name__}, want bytes or None")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise StoreError(f"limit: got {limit!r}, want an int >= 0 or None")


def meta_key(key: str) -> bytes:
    if not isinstance(key, str) or not key or key.startswith("\x00"):
        raise StoreError(f"meta key: got {key!r}, want a non-empty str not starting with NUL")
    raw = key.encode()
    if len(raw) > KEY_BYTES_MAX:
        raise StoreError(f"meta key: {len(raw)} bytes, want at most {KEY_BYTES_MAX}")
    return raw


def encode_head(height: int, header_hash: bytes) -> bytes:
    return _HEIGHT.pack(height) + header_hash


def decode_head(raw: bytes) -> tuple[int, bytes]:
    return _HEIGHT.unpack(raw[:8])[0], raw[8:]


def encode_location(height: int, index: int) -> bytes:
    return _LOCATION.pack(height, index)


def decode_location(raw: bytes) -> tuple[int, int]:
    height, index = _LOCATION.unpack(raw)
    return height, index


def block_range(from_height: int, to_height: int, head_height: int) -> range:
    """Heights of stored blocks in [from_height, to_height], clamped to 1..head."""
    if not isinstance(from_height, int) or not isinstance(to_height, int):
        raise StoreError(f"blocks: want int heights, got {from_height!r}, {to_height!r}")
    return range(max(from_height, 1), min(to_height, head_height) + 1)


def _describe(value: object) -> str:
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    return type(value).__name__


# -- LMDB -----------------------------------------------------------------------------------------
class SnapshotReader:
    """What both backends' readers share: argument checks, and no use after the `with` block."""

    def __init__(self) -> None:
        self._closed = False

    @property
    def height(self) -> int:
        """The height of the head this snapshot shows."""
        self._check()
        return self._height()

    def _height(self) -> int:
        raise NotImplementedError

    def _check(self) -> None:
        if self._closed:
            raise StoreError("state reader used after its with block")

    def get(self, key: bytes) -> bytes | None:
        self._check()
        if not isinstance(key, bytes):
            raise StoreError(f"state key: got {type(key).__name__}, want bytes")
        if not 1 <= len(key) <= KEY_BYTES_MAX:
            return None  # no such key can be stored
        return self._get(key)

    def scan(
        self, prefix: bytes, start_after: bytes | None = None, limit: int | None = None
    ) -> Iterator[tuple[bytes, bytes]]:
        self._check()
        check_scan_args(prefix, start_after, limit)
        return self._scan(prefix, start_after, limit)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._release()

    def _get(self, key: bytes) -> bytes | None:
        raise NotImplementedError

    def _scan(self, prefix: bytes, start_after: bytes | None, limit: int | None) -> Iterator[tuple[bytes, bytes]]:
        raise NotImplementedError

    def _release(self) -> None:
        raise NotImplementedError


class _LmdbReader(SnapshotReader):
    """A state snapshot over one LMDB read transaction; valid inside its `with` block only."""

    def __init__(self, txn: lmdb.Transaction, state_db, meta_db) -> None:
        super().__init__()
        self._txn = txn
        self._db = state_db
        self._meta = meta_db

    def _get(self, key: bytes) -> bytes | None:
        return self._txn.get(key, db=self._db)

    def _height(self) -> int:
        raw = self._txn.get(_HEAD_KEY, db=self._meta)
        return 0 if raw is None else decode_head(raw)[0]

    def _scan(self, prefix: bytes, start_after: bytes | None, limit: int | None) -> Iterator[tuple[bytes, bytes]]:
        self._check()
        if limit == 0:
            return
        cursor = self._txn.cursor(db=self._db)
        try:
            seek = prefix
            if start_after is not None and start_after >= prefix:
                seek = start_after
            found = cursor.set_range(seek) if seek else cursor.first()
            count = 0
            while found:
                key = cursor.key()
                if not key.startswith(prefix):
                    return
                if start_after is None or key > start_after:
                    yield key, cursor.value()
                    count += 1
                    if limit is not None and count >= limit:
                        return
                self._check()
                found = cursor.next()
        finally:
            if not self._closed:
                cursor.close()

    def _release(self) -> None:
        self._txn.abort()


class LmdbStore:
    """The `Store` contract over an LMDB environment in the directory `path`.

    Every commit is one write transaction, made durable (one fsync) before `commit_block`
    returns. `readonly=True` opens without the lock file, for an offline auditor reading the data
    directory of a stopped node; writing methods then raise `StoreError`.
    """

    def __init__(
        self,
        path: str | Path,
        map_size: int = DEFAULT_MAP_SIZE,
        readonly: bool = False,
        max_readers: int = DEFAULT_MAX_READERS,
    ) -> None:
        self._path = Path(path)
        self._readonly = readonly
        try:
            if not readonly:
                self._path.mkdir(parents=True, exist_ok=True)
            self._env = lmdb.open(
                str(self._path),
                max_dbs=8,
                map_size=map_size,
                subdir=True,
                sync=True,
                metasync=True,
                writemap=False,
                readahead=False,
                max_readers=max_readers,
                readonly=readonly,
                lock=not readonly,
                create=not readonly,
            )
        except (lmdb.Error, OSError) as error:
            raise StoreError(f"cannot open store at {self._path}: {error}") from error
        try:
            self._blocks = self._env.open_db(b"blocks", create=not readonly)
            self._txindex = self._env.open_db(b"txindex", create=not readonly)
            self._state = self._env.open_db(b"state", create=not readonly)
            self._meta = self._env.open_db(b"meta", create=not readonly)
            self._results = self._env.open_db(b"results", create=not readonly) if not readonly or self._has_db(b"results") else None
        except lmdb.Error as error:
            self._env.close()
            raise StoreError(f"{self._path} is not a cets store: {error}") from error
        self._closed = False

    # -- lifecycle ------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._path

    @property
    def readonly(self) -> bool:
        return self._readonly

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._env.close()

    def __enter__(self) -> "LmdbStore":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _open(self) -> lmdb.Environment:
        if self._closed:
            raise StoreError(f"store at {self._path} is closed")
        return self._env

    def _begin_write(self) -> lmdb.Transaction:
        if self._readonly:
            raise StoreError(f"store at {self._path} is open read-only")
        return self._open().begin(write=True)

    # -- chain ----------------------------------------------------------------------------------
    def genesis(self) -> bytes | None:
        with self._open().begin() as txn:
            return txn.get(_GENESIS_KEY, db=self._meta)

    def init_genesis(self, genesis: bytes, genesis_hash: bytes, state_writes: Mapping[bytes, bytes | None]) -> None:
        check_genesis_args(genesis, genesis_hash, state_writes)
        try:
            with self._begin_write() as txn:
                if txn.get(_GENESIS_KEY, db=self._meta) is not None or txn.get(_HEAD_KEY, db=self._meta) is not None:
                    raise StoreError("init_genesis: the store already holds a chain")
                txn.put(_GENESIS_KEY, genesis, db=self._meta)
                txn.put(_HEAD_KEY, encode_head(0, genesis_hash), db=self._meta)
                self._apply(txn, state_writes)
        except lmdb.Error as error:
            raise StoreError(f"init_genesis: {error}") from error

    def head(self) -> tuple[int, bytes]:
        with self._open().begin() as txn:
            raw = txn.get(_HEAD_KEY, db=self._meta)
        if raw is None:
            raise StoreError("head: the store holds no genesis")
        return decode_head(raw)

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
        try:
            with self._begin_write() as txn:
                raw = txn.get(_HEAD_KEY, db=self._meta)
                if raw is None:
                    raise StoreError("commit_block: the store holds no genesis")
                head_height, _ = decode_head(raw)
                if height != head_height + 1:
                    raise StoreError(f"commit_block: got height {height}, want {head_height + 1}")
                if not txn.put(_HEIGHT.pack(height), block, append=True, db=self._blocks):
                    raise StoreError(f"commit_block: block {height} is already stored")
                for index, tx_id in enumerate(tx_ids):
                    if txn.put(tx_id, encode_location(height, index), overwrite=False, db=self._txindex) and results:
                        txn.put(tx_id, header_hash + results[index], db=self._results)
                self._apply(txn, state_writes)
                txn.put(_HEAD_KEY, encode_head(height, header_hash), db=self._meta)
        except lmdb.Error as error:
            raise StoreError(f"commit_block {height}: {error}") from error

    def replace_block(self, height: int, block: bytes) -> None:
        """Store new bytes for a committed block: its signatures grow as institutions cosign.

        The caller guarantees that header, transactions and results are unchanged (the auditor
        would find any other change); only blocks at or below the head can be replaced.
        """
        if not isinstance(block, bytes) or not block:
            raise StoreError(f"block: want non-empty bytes, got {_describe(block)}")
        try:
            with self._begin_write() as txn:
                key = _HEIGHT.pack(height)
                if txn.get(key, db=self._blocks) is None:
                    raise StoreError(f"replace_block: no block {height}")
                txn.put(key, block, db=self._blocks)
        except lmdb.Error as error:
            raise StoreError(f"replace_block {height}: {error}") from error

    def _apply(self, txn: lmdb.Transaction, state_writes: Mapping[bytes, bytes | None]) -> None:
        for key, value in state_writes.items():
            if value is None:
                txn.delete(key, db=self._state)
            else:
                txn.put(key, value, db=self._state)

    def block(self, height: int) -> bytes | None:
        if not isinstance(height, int) or not 1 <= height <= _HEIGHT_MAX:
            return None
        with self._open().begin() as txn:
            return txn.get(_HEIGHT.pack(height), db=self._blocks)

    def blocks(self, from_height: int, to_height: int) -> Iterator[tuple[int, bytes]]:
        try:
            head_height = self.head()[0]
        except StoreError:
            if self._closed:
                raise
            head_height = 0
        return self._blocks_in(block_range(from_height, to_height, head_height))

    def _blocks_in(self, heights: range) -> Iterator[tuple[int, bytes]]:
        # Blocks never change once committed, so short transactions per chunk read a consistent
        # range without holding a read transaction (and the pages it pins) across the yields.
        for start in range(heights.start, heights.stop, BLOCKS_PER_READ):
            stop = min(start + BLOCKS_PER_READ, heights.stop)
            chunk: list[tuple[int, bytes]] = []
            with self._open().begin() as txn:
                for height in range(start, stop):
                    raw = txn.get(_HEIGHT.pack(height), db=self._blocks)
                    if raw is None:
                        raise StoreError(f"blocks: block {height} is missing below the head")
                    chunk.append((height, raw))
            yield from chunk

    def tx_result(self, tx_id: bytes) -> bytes | None:
        """The block hash (32 bytes) and the serialized result of an indexed transaction, if kept:
        a receipt without parsing its block."""
        if self._results is None or not isinstance(tx_id, bytes) or len(tx_id) != TX_ID_BYTES:
            return None
        with self._open().begin() as txn:
            return txn.get(tx_id, db=self._results)

    def _has_db(self, name: bytes) -> bool:
        with self._env.begin() as txn:
            return txn.get(name) is not None

    def tx_index(self) -> Iterator[tuple[bytes, tuple[int, int]]]:
        """Every indexed transaction id with its location, in id order (for audits)."""
        with self._open().begin() as txn:
            items = [(bytes(key), decode_location(value)) for key, value in txn.cursor(db=self._txindex)]
        return iter(items)

    def tx_location(self, tx_id: bytes) -> tuple[int, int] | None:
        if not isinstance(tx_id, bytes):
            raise StoreError(f"tx_id: got {type(tx_id).__name__}, want bytes")
        if len(tx_id) != TX_ID_BYTES:
            return None
        with self._open().begin() as txn:
            raw = txn.get(tx_id, db=self._txindex)
        return None if raw is None else decode_location(raw)

    # -- state ----------------------------------------------------------------------------------
    @contextmanager
    def _reader(self) -> Iterator[StateReader]:
        reader = _LmdbReader(self._open().begin(), self._state, self._meta)
        try:
            yield reader
        finally:
            reader.close()

    def reader(self) -> ContextManager[StateReader]:
        return self._reader()

    def get_state(self, key: bytes) -> bytes | None:
        with self.reader() as reader:
            return reader.get(key)

    # -- node-local metadata --------------------------------------------------------------------
    def put_meta(self, key: str, value: bytes) -> None:
        raw_key = meta_key(key)
        if not isinstance(value, bytes):
            raise StoreError(f"meta value: got {type(value).__name__}, want bytes")
        try:
            with self._begin_write() as txn:
                txn.put(raw_key, value, db=self._meta)
        except lmdb.Error as error:
            raise StoreError(f"put_meta {key!r}: {error}") from error

    def get_meta(self, key: str) -> bytes | None:
        raw_key = meta_key(key)
        with self._open().begin() as txn:
            return txn.get(raw_key, db=self._meta)
