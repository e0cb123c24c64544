"""The `Store` contract, written once and run against both backends (LMDB and memory).

LMDB-only behaviour (restart, read-only open of a stopped node's directory) follows at the end.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path
from typing import Callable

import lmdb
import pytest

from cets.ledger.memstore import MemoryStore
from cets.ledger.store import KEY_BYTES_MAX, LmdbStore, Store, StoreError

GENESIS = b"genesis-bytes"
GENESIS_HASH = b"\x00" * 32
SMALL_MAP = 64 << 20  # tests do not need the 64 GiB default address space


def h(n: int) -> bytes:
    """A distinct 32-byte hash for header n."""
    return struct.pack(">Q", n) * 4


def tx(n: int) -> bytes:
    """A distinct 32-byte transaction id."""
    return b"T" + struct.pack(">Q", n) + b"\x00" * 23


def blk(n: int) -> bytes:
    return b"block-%d" % n


@pytest.fixture(params=["memory", "lmdb"])
def backend(request, tmp_path) -> str:
    return request.param


@pytest.fixture
def make_store(backend, tmp_path) -> Callable[[], Store]:
    """A fresh store of the backend under test; every store made is closed at teardown."""
    made: list = []

    def make() -> Store:
        if backend == "memory":
            store = MemoryStore()
        else:
            store = LmdbStore(tmp_path / f"data{len(made)}", map_size=SMALL_MAP)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(make_store) -> Store:
    return make_store()


@pytest.fixture
def started(store) -> Store:
    store.init_genesis(GENESIS, GENESIS_HASH, {b"a": b"1", b"b": b"2"})
    return store


def snapshot(store: Store) -> tuple:
    """Everything observable about a store, to show that a refused call changed nothing."""
    try:
        head = store.head()
    except StoreError:
        head = None
    with store.reader() as r:
        state = list(r.scan(b""))
    blocks = list(store.blocks(0, 1_000))
    index = {n: store.tx_location(tx(n)) for n in range(20)}
    return store.genesis(), head, state, blocks, index


def commit(store: Store, height: int, tx_numbers=(), writes=None) -> None:
    store.commit_block(height, h(height), blk(height), [tx(n) for n in tx_numbers], writes or {})


# -- empty store and genesis ------------------------------------------------------------------------
def test_empty_store(store):
    assert store.genesis() is None
    with pytest.raises(StoreError):
        store.head()
    assert store.block(1) is None
    assert list(store.blocks(0, 10)) == []
    assert store.tx_location(tx(1)) is None
    assert store.get_state(b"a") is None
    with store.reader() as r:
        assert list(r.scan(b"")) == []


def test_commit_before_genesis_raises(store):
    with pytest.raises(StoreError):
        commit(store, 1, [1], {b"a": b"1"})
    assert snapshot(store) == (None, None, [], [], {n: None for n in range(20)})


def test_init_genesis(store):
    store.init_genesis(GENESIS, GENESIS_HASH, {b"a": b"1", b"b": b"2", b"gone": None})
    assert store.genesis() == GENESIS
    assert store.head() == (0, GENESIS_HASH)
    assert store.get_state(b"a") == b"1"
    assert store.get_state(b"gone") is None
    assert store.block(0) is None  # the genesis is not a block
    assert list(store.blocks(0, 5)) == []


def test_init_genesis_twice_raises(started):
    before = snapshot(started)
    with pytest.raises(StoreError):
        started.init_genesis(b"other", h(9), {b"a": b"changed", b"z": b"new"})
    assert snapshot(started) == before


@pytest.mark.parametrize(
    "genesis, genesis_hash, writes",
    [
        (b"", GENESIS_HASH, {}),
        (GENESIS, b"\x00" * 31, {}),
        (GENESIS, GENESIS_HASH, {b"": b"x"}),
        (GENESIS, GENESIS_HASH, {b"k": "text"}),
    ],
)
def test_init_genesis_bad_arguments(store, genesis, genesis_hash, writes):
    with pytest.raises(StoreError):
        store.init_genesis(genesis, genesis_hash, writes)
    assert store.genesis() is None


# -- commit -----------------------------------------------------------------------------------------
def test_commit_applies_writes_and_deletes(started):
    commit(started, 1, [1, 2], {b"a": None, b"b": b"22", b"c": b"3", b"missing": None, b"empty": b""})
    assert started.head() == (1, h(1))
    assert started.block(1) == blk(1)
    assert started.get_state(b"a") is None
    assert started.get_state(b"b") == b"22"
    assert started.get_state(b"c") == b"3"
    assert started.get_state(b"missing") is None
    assert started.get_state(b"empty") == b""
    assert started.tx_location(tx(1)) == (1, 0)
    assert started.tx_location(tx(2)) == (1, 1)
    commit(started, 2, [], {b"c": None})
    assert started.head() == (2, h(2))
    assert started.get_state(b"c") is None
    with started.reader() as r:
        assert list(r.scan(b"")) == [(b"b", b"22"), (b"empty", b"")]


@pytest.mark.parametrize("height", [0, 3, 5, -1])
def test_commit_at_wrong_height_raises_and_changes_nothing(started, height):
    commit(started, 1, [1], {b"x": b"1"})
    before = snapshot(started)
    with pytest.raises(StoreError):
        started.commit_block(height, h(7), blk(7), [tx(7)], {b"a": None, b"y": b"2"})
    assert snapshot(started) == before
    with pytest.raises(StoreError):
        commit(started, 1, [8], {b"a": None})  # the height just committed, again
    assert snapshot(started) == before


@pytest.mark.parametrize(
    "header_hash, block, tx_ids, writes",
    [
        (b"\x01" * 31, b"blk", [], {}),
        ("not-bytes", b"blk", [], {}),
        (h(1), b"", [], {}),
        (h(1), b"blk", [tx(1), b"short"], {}),
        (h(1), b"blk", [tx(1)], {b"ok": b"1", b"": b"empty key"}),
        (h(1), b"blk", [tx(1)], {b"ok": b"1", b"k" * (KEY_BYTES_MAX + 1): b"long key"}),
        (h(1), b"blk", [tx(1)], {b"ok": b"1", b"k": 5}),
    ],
)
def test_commit_bad_arguments_raise_and_change_nothing(started, header_hash, block, tx_ids, writes):
    before = snapshot(started)
    with pytest.raises(StoreError):
        started.commit_block(1, header_hash, block, tx_ids, writes)
    assert snapshot(started) == before
    commit(started, 1)  # the store still takes the right block
    assert started.head() == (1, h(1))


def test_longest_key_is_accepted(started):
    key = b"k" * KEY_BYTES_MAX
    commit(started, 1, [], {key: b"v"})
    assert started.get_state(key) == b"v"


def test_tx_index_first_location_wins(started):
    commit(started, 1, [1, 2, 1])  # repeated within a block
    commit(started, 2, [3, 2, 4])  # and across blocks
    assert started.tx_location(tx(1)) == (1, 0)
    assert started.tx_location(tx(2)) == (1, 1)
    assert started.tx_location(tx(3)) == (2, 0)
    assert started.tx_location(tx(4)) == (2, 2)
    assert started.tx_location(tx(5)) is None
    assert started.tx_location(b"short") is None


def test_blocks_range(started):
    for height in range(1, 151):  # more than one LMDB read chunk
        commit(started, height, [height])
    assert [n for n, _ in started.blocks(1, 150)] == list(range(1, 151))
    assert list(started.blocks(3, 5)) == [(3, blk(3)), (4, blk(4)), (5, blk(5))]
    assert list(started.blocks(7, 7)) == [(7, blk(7))]
    assert list(started.blocks(0, 2)) == [(1, blk(1)), (2, blk(2))]
    assert [n for n, _ in started.blocks(148, 10_000)] == [148, 149, 150]  # stops at the head
    assert list(started.blocks(5, 4)) == []
    assert list(started.blocks(151, 200)) == []
    assert started.block(150) == blk(150)
    assert started.block(151) is None
    assert started.block(-1) is None


# -- reads ------------------------------------------------------------------------------------------
SCAN_KEYS = [b"ac", b"a", b"a\x00", b"a\xff", b"ab", b"abc", b"abd", b"b", b"b\x00", b"\xff", b"\xff\xff"]


@pytest.fixture
def scanned(started) -> Store:
    commit(started, 1, [], {key: b"v" + key for key in SCAN_KEYS})
    return started


def keys_of(reader, *args, **kwargs) -> list[bytes]:
    return [key for key, _ in reader.scan(*args, **kwargs)]


def test_scan_prefix_and_order(scanned):
    with scanned.reader() as r:
        assert keys_of(r, b"") == sorted(SCAN_KEYS)
        assert keys_of(r, b"a") == [b"a", b"a\x00", b"ab", b"abc", b"abd", b"ac", b"a\xff"]
        assert keys_of(r, b"ab") == [b"ab", b"abc", b"abd"]
        assert keys_of(r, b"b") == [b"b", b"b\x00"]
        assert keys_of(r, b"\xff") == [b"\xff", b"\xff\xff"]
        assert keys_of(r, b"zz") == []
        assert keys_of(r, b"aa") == []
        assert list(r.scan(b"ab")) == [(b"ab", b"vab"), (b"abc", b"vabc"), (b"abd", b"vabd")]
        for key, value in r.scan(b""):
            assert type(key) is bytes and type(value) is bytes


def test_scan_start_after(scanned):
    with scanned.reader() as r:
        assert keys_of(r, b"a", start_after=b"ab") == [b"abc", b"abd", b"ac", b"a\xff"]  # an existing key
        assert keys_of(r, b"a", start_after=b"abca") == [b"abd", b"ac", b"a\xff"]  # between keys
        assert keys_of(r, b"a", start_after=b"") == keys_of(r, b"a")  # before the prefix
        assert keys_of(r, b"b", start_after=b"a") == [b"b", b"b\x00"]
        assert keys_of(r, b"a", start_after=b"a") == [b"a\x00", b"ab", b"abc", b"abd", b"ac", b"a\xff"]
        assert keys_of(r, b"a", start_after=b"ac") == [b"a\xff"]
        assert keys_of(r, b"a", start_after=b"a\xff") == []
        assert keys_of(r, b"a", start_after=b"b") == []  # after the prefix
        assert keys_of(r, b"", start_after=b"b\x00") == [b"\xff", b"\xff\xff"]


def test_scan_limit(scanned):
    with scanned.reader() as r:
        assert keys_of(r, b"a", limit=0) == []
        assert keys_of(r, b"a", limit=1) == [b"a"]
        assert keys_of(r, b"a", limit=3) == [b"a", b"a\x00", b"ab"]
        assert keys_of(r, b"a", limit=100) == keys_of(r, b"a")
        assert keys_of(r, b"a", start_after=b"ab", limit=2) == [b"abc", b"abd"]
        # paging with start_after = the last key seen walks the whole prefix exactly once
        seen, after = [], None
        while True:
            page = keys_of(r, b"a", start_after=after, limit=2)
            if not page:
                break
            seen += page
            after = page[-1]
        assert seen == keys_of(r, b"a")
        with pytest.raises(StoreError):
            list(r.scan(b"a", limit=-1))


def test_reader_get_and_get_state(scanned):
    with scanned.reader() as r:
        assert r.get(b"abc") == b"vabc"
        assert r.get(b"abz") is None
        assert r.get(b"") is None
    assert scanned.get_state(b"\xff\xff") == b"v\xff\xff"


def test_reader_is_a_snapshot(started):
    with started.reader() as before:
        assert before.get(b"a") == b"1"
        commit(started, 1, [], {b"a": None, b"b": b"changed", b"c": b"new"})
        assert before.get(b"a") == b"1"
        assert before.get(b"b") == b"2"
        assert before.get(b"c") is None
        assert list(before.scan(b"")) == [(b"a", b"1"), (b"b", b"2")]
        with started.reader() as after:
            assert list(after.scan(b"")) == [(b"b", b"changed"), (b"c", b"new")]
            commit(started, 2, [], {b"d": b"4"})
            assert after.get(b"d") is None
        assert list(before.scan(b"")) == [(b"a", b"1"), (b"b", b"2")]
    assert started.get_state(b"d") == b"4"
    with started.reader() as now:
        assert list(now.scan(b"")) == [(b"b", b"changed"), (b"c", b"new"), (b"d", b"4")]


def test_reader_unusable_after_its_with_block(started):
    with started.reader() as r:
        pending = r.scan(b"")
        assert next(pending) == (b"a", b"1")
    with pytest.raises(StoreError):
        r.get(b"a")
    with pytest.raises(StoreError):
        next(pending)


def test_model_random_commits(started):
    """Random writes and deletes over a small key space, checked against a dict."""
    rng = random.Random(7)
    model = {b"a": b"1", b"b": b"2"}
    alphabet = [b"a", b"b", b"\x00", b"\xff"]
    for height in range(1, 41):
        writes = {}
        for _ in range(rng.randint(0, 12)):
            key = b"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
            writes[key] = None if rng.random() < 0.3 else bytes([rng.randrange(256)])
        commit(started, height, [], writes)
        for key, value in writes.items():
            if value is None:
                model.pop(key, None)
            else:
                model[key] = value
        with started.reader() as r:
            assert list(r.scan(b"")) == sorted(model.items())
            prefix = rng.choice(alphabet)
            after = rng.choice([None, prefix + rng.choice(alphabet)])
            want = [(k, v) for k, v in sorted(model.items()) if k.startswith(prefix) and (after is None or k > after)]
            assert list(r.scan(prefix, start_after=after, limit=3)) == want[:3]


# -- metadata and lifecycle -------------------------------------------------------------------------
def test_meta(started):
    assert started.get_meta("peer") is None
    started.put_meta("peer", b"one")
    started.put_meta("peer", b"two")
    started.put_meta("head", b"not the chain head")
    started.put_meta("genesis", b"not the genesis")
    assert started.get_meta("peer") == b"two"
    assert started.get_meta("head") == b"not the chain head"
    assert started.head() == (0, GENESIS_HASH)  # node-local metadata is apart from the chain
    assert started.genesis() == GENESIS
    assert started.get_state(b"peer") is None
    with pytest.raises(StoreError):
        started.put_meta("", b"x")
    with pytest.raises(StoreError):
        started.put_meta("\x00head", b"x")
    with pytest.raises(StoreError):
        started.put_meta("k", "not bytes")


def test_closed_store_raises(make_store):
    with make_store() as store:
        store.init_genesis(GENESIS, GENESIS_HASH, {})
    with pytest.raises(StoreError):
        store.head()
    with pytest.raises(StoreError):
        store.get_state(b"a")
    with pytest.raises(StoreError):
        commit(store, 1)
    store.close()  # closing twice is harmless


# -- LMDB only: restart and the auditor's read-only open ---------------------------------------------
def build_chain(path: Path) -> None:
    with LmdbStore(path, map_size=SMALL_MAP) as store:
        store.init_genesis(GENESIS, GENESIS_HASH, {b"a": b"1", b"b": b"2"})
        commit(store, 1, [1, 2], {b"a": None, b"c": b"3"})
        commit(store, 2, [3], {b"d": b"4"})
        store.put_meta("peer", b"p")


def check_chain(store: LmdbStore) -> None:
    assert store.genesis() == GENESIS
    assert store.head() == (2, h(2))
    assert list(store.blocks(1, 10)) == [(1, blk(1)), (2, blk(2))]
    assert store.tx_location(tx(2)) == (1, 1)
    assert store.tx_location(tx(3)) == (2, 0)
    assert store.get_meta("peer") == b"p"
    with store.reader() as r:
        assert list(r.scan(b"")) == [(b"b", b"2"), (b"c", b"3"), (b"d", b"4")]


def test_lmdb_reopen_keeps_everything(tmp_path):
    path = tmp_path / "data" / "node"  # missing parents are created
    build_chain(path)
    with LmdbStore(path, map_size=SMALL_MAP) as store:
        assert store.path == path
        check_chain(store)
        commit(store, 3, [4], {b"e": b"5"})
    with LmdbStore(path, map_size=SMALL_MAP) as store:
        assert store.head() == (3, h(3))
        assert store.get_state(b"e") == b"5"
        with pytest.raises(StoreError):
            store.init_genesis(GENESIS, GENESIS_HASH, {})


def test_lmdb_readonly_open_reads_everything(tmp_path):
    path = tmp_path / "node"
    build_chain(path)
    with LmdbStore(path, readonly=True) as store:
        assert store.readonly
        check_chain(store)
        with pytest.raises(StoreError):
            commit(store, 3)
        with pytest.raises(StoreError):
            store.put_meta("peer", b"x")
        with pytest.raises(StoreError):
            store.init_genesis(GENESIS, GENESIS_HASH, {})
        assert store.head() == (2, h(2))


def test_lmdb_readonly_open_of_nothing_raises(tmp_path):
    with pytest.raises(StoreError):
        LmdbStore(tmp_path / "absent", readonly=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreError):
        LmdbStore(empty, readonly=True)
    foreign = tmp_path / "foreign"  # an LMDB environment without the store's databases
    lmdb.open(str(foreign), map_size=SMALL_MAP).close()
    with pytest.raises(StoreError):
        LmdbStore(foreign, readonly=True)


def test_lmdb_default_map_size_is_sparse(tmp_path):
    with LmdbStore(tmp_path / "big") as store:
        store.init_genesis(GENESIS, GENESIS_HASH, {b"a": b"1"})
        commit(store, 1)
    size = (tmp_path / "big" / "data.mdb").stat().st_blocks * 512
    assert size < 16 << 20
