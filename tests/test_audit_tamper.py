"""The offline auditor finds tampering in a stopped node's data directory and names the height.

A chain is built once per module (the demo scenario against an in-process node, then the node is
stopped); every test works on its own copy of that data directory and changes it with LMDB
directly, as an intruder with write access to the disk would: single flipped bytes in a stored
block, a changed / added / removed state entry, a deleted block.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import pathlib
import shutil
import subprocess
import sys
import time

import lmdb
import pytest

from cets.clients.audit import audit_data_dir
from cets.clients.demo import run_demo
from cets.ledger import tables
from tests.conftest import start_node

REPO = pathlib.Path(__file__).resolve().parents[1]
FLIP_MASKS = (0xFF, 0x01)  # every bit of the byte, and its lowest bit alone (varint/tag subtleties)
SAMPLE_MASKS = (0xFF, 0x01, 0x80)
CLI_TIMEOUT_S = 60


# -- the chain under test ---------------------------------------------------------------------------
async def _build_chain(data_dir: pathlib.Path) -> dict:
    running = await start_node(data_dir)
    try:
        # run_demo uses the synchronous client: run it off the event loop that serves the node.
        return await asyncio.wait_for(asyncio.to_thread(run_demo, running.target, None, False), 60)
    finally:
        await running.stop()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> pathlib.Path:
    data_dir = tmp_path_factory.mktemp("pristine") / "node"
    document = asyncio.run(_build_chain(data_dir))
    assert document["head_height"] >= 10, "the demo should build a chain of several blocks"
    result = audit_data_dir(data_dir)
    assert result.ok, result.problem
    assert result.head_height == document["head_height"]
    return data_dir


@pytest.fixture
def chain(pristine, tmp_path) -> pathlib.Path:
    """A private copy of the pristine data directory, free to tamper with."""
    copy = tmp_path / "node"
    shutil.copytree(pristine, copy)
    return copy


# -- direct LMDB access ----------------------------------------------------------------------------
@contextlib.contextmanager
def lmdb_write(data_dir: pathlib.Path):
    """One write transaction over the node's LMDB environment; yields (txn, dbs by name)."""
    env = lmdb.open(str(data_dir / "ledger"), max_dbs=8)
    try:
        dbs = {name: env.open_db(name.encode()) for name in ("blocks", "txindex", "state", "meta")}
        with env.begin(write=True) as txn:
            yield txn, dbs
    finally:
        env.close()


def height_key(height: int) -> bytes:
    return height.to_bytes(8, "big")


def read_blocks(data_dir: pathlib.Path) -> dict[int, bytes]:
    env = lmdb.open(str(data_dir / "ledger"), max_dbs=8, readonly=True, lock=False)
    try:
        db = env.open_db(b"blocks", create=False)
        with env.begin() as txn:
            return {int.from_bytes(key, "big"): bytes(value) for key, value in txn.cursor(db=db)}
    finally:
        env.close()


def put_block(data_dir: pathlib.Path, height: int, raw: bytes) -> None:
    with lmdb_write(data_dir) as (txn, dbs):
        assert txn.get(height_key(height), db=dbs["blocks"]) is not None
        txn.put(height_key(height), raw, db=dbs["blocks"])


def flipped(raw: bytes, position: int, mask: int) -> bytes:
    changed = bytearray(raw)
    changed[position] ^= mask
    return bytes(changed)


def flip_and_audit(data_dir: pathlib.Path, height: int, original: bytes, positions, masks) -> list[tuple]:
    """Flip each (position, mask), audit, restore; return the flips the audit did not pin on `height`."""
    misses = []
    try:
        for mask in masks:
            for position in positions:
                put_block(data_dir, height, flipped(original, position, mask))
                result = audit_data_dir(data_dir)
                if result.ok or result.bad_height != height or not result.problem:
                    misses.append((position, hex(mask), result.ok, result.bad_height, result.problem))
    finally:
        put_block(data_dir, height, original)
    return misses


def sample_positions(length: int, count: int = 48) -> list[int]:
    step = max(1, length // count)
    return sorted(set(range(0, length, step)) | {0, 1, length // 2, length - 2, length - 1})


def cli_audit(data_dir: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cets.clients.cli", "audit", "verify", "--data", str(data_dir), *extra],
                          cwd=REPO, capture_output=True, text=True, timeout=CLI_TIMEOUT_S)


def assert_cli_names_height(data_dir: pathlib.Path, height: int) -> None:
    plain = cli_audit(data_dir)
    assert plain.returncode == 1, (plain.returncode, plain.stdout, plain.stderr)
    assert f"FAILED at height {height}:" in plain.stderr, plain.stderr
    assert "Traceback" not in plain.stderr, plain.stderr
    as_json = cli_audit(data_dir, "--json")
    assert as_json.returncode == 1, (as_json.returncode, as_json.stdout, as_json.stderr)
    document = json.loads(as_json.stdout)
    assert document["ok"] is False
    assert document["bad_height"] == height
    assert document["problem"]


# -- the untouched chain ---------------------------------------------------------------------------
def test_untouched_copy_audits_clean(chain):
    blocks = read_blocks(chain)
    assert sorted(blocks) == list(range(1, len(blocks) + 1))
    result = audit_data_dir(chain)
    assert result.ok, result.problem
    assert result.bad_height is None
    assert result.counts["blocks"] == len(blocks) == result.head_height
    assert result.counts["transactions"] >= len(blocks)
    assert result.state_entries_compared > 0
    plain = cli_audit(chain)
    assert plain.returncode == 0, plain.stderr
    assert "OK: every state commitment reproduced" in plain.stdout


# -- flipped bytes in blocks -----------------------------------------------------------------------
def test_every_byte_of_a_small_block_is_caught_at_its_height(chain):
    blocks = read_blocks(chain)
    interior = {h: raw for h, raw in blocks.items() if 1 < h < len(blocks)}
    height = min(interior, key=lambda h: len(interior[h]))  # the smallest block strictly inside the chain
    original = blocks[height]
    assert 100 < len(original) < 2_000, len(original)
    started = time.monotonic()
    misses = flip_and_audit(chain, height, original, range(len(original)), FLIP_MASKS)
    elapsed = time.monotonic() - started
    assert misses == [], f"{len(misses)} flips of block {height} ({len(original)} bytes) not reported at its height: {misses[:10]}"
    assert elapsed < 60, f"{len(original) * len(FLIP_MASKS)} audits took {elapsed:.1f}s"
    assert audit_data_dir(chain).ok  # restored


@pytest.mark.parametrize("which", ["first", "last"])
def test_sampled_bytes_of_first_and_last_block_are_caught(chain, which):
    blocks = read_blocks(chain)
    height = 1 if which == "first" else max(blocks)
    original = blocks[height]
    misses = flip_and_audit(chain, height, original, sample_positions(len(original)), SAMPLE_MASKS)
    assert misses == [], f"flips of block {height} not reported at its height: {misses[:10]}"
    assert audit_data_dir(chain).ok  # restored


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_cli_audit_of_a_flipped_block_exits_1_and_names_the_height(chain, which):
    blocks = read_blocks(chain)
    height = {"first": 1, "middle": len(blocks) // 2, "last": len(blocks)}[which]
    original = blocks[height]
    put_block(chain, height, flipped(original, len(original) // 3, 0xFF))
    assert_cli_names_height(chain, height)


def test_flipped_header_byte_of_block_one_is_not_blamed_on_a_later_block(chain):
    """The header hash of block 1 is block 2's prev_hash: the first bad block must still be 1."""
    import cets.v1.messages as pb

    blocks = read_blocks(chain)
    raw = blocks[1]
    header = pb.Block.FromString(raw).header
    start = raw.index(header)
    # the header's last byte (tx_count 1 -> 0): the header still parses, its hash changes
    put_block(chain, 1, flipped(raw, start + len(header) - 1, 0x01))
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == 1
    assert result.counts["blocks"] == 0
    assert result.head_height == 0


# -- state entries ---------------------------------------------------------------------------------
def _first_key(data_dir: pathlib.Path, prefix: bytes) -> tuple[bytes, bytes]:
    with lmdb_write(data_dir) as (txn, dbs):
        cursor = txn.cursor(db=dbs["state"])
        assert cursor.set_range(prefix)
        key, value = bytes(cursor.key()), bytes(cursor.value())
    assert key.startswith(prefix)
    return key, value


def test_changed_state_entry_is_reported(chain):
    head = max(read_blocks(chain))
    key, value = _first_key(chain, tables.HOLDINGS.key_prefix("MEE.reserve"))
    with lmdb_write(chain) as (txn, dbs):
        txn.put(key, value[:-1] + bytes([value[-1] ^ 0x01]), db=dbs["state"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == head
    assert "stored state differs from the replay" in result.problem
    assert result.counts["blocks"] == head  # the chain itself verified; only the stored state is wrong
    assert_cli_names_height(chain, head)


def test_removed_state_entry_is_reported(chain):
    head = max(read_blocks(chain))
    key, _ = _first_key(chain, tables.HOLDINGS.key_prefix("MEE.reserve"))
    with lmdb_write(chain) as (txn, dbs):
        assert txn.delete(key, db=dbs["state"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == head
    assert result.problem


def test_removed_last_state_entry_is_reported(chain):
    head = max(read_blocks(chain))
    with lmdb_write(chain) as (txn, dbs):
        cursor = txn.cursor(db=dbs["state"])
        assert cursor.last()
        assert txn.delete(bytes(cursor.key()), db=dbs["state"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == head
    assert result.problem


@pytest.mark.parametrize("key", [b"\x00extra", b"Hzz-extra"], ids=["before-all", "in-the-middle"])
def test_extra_state_entry_is_reported(chain, key):
    head = max(read_blocks(chain))
    with lmdb_write(chain) as (txn, dbs):
        assert txn.put(key, b"forged", overwrite=False, db=dbs["state"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == head
    assert result.problem


def test_extra_state_entry_after_every_key_is_reported(chain):
    head = max(read_blocks(chain))
    with lmdb_write(chain) as (txn, dbs):
        assert txn.put(b"\xff\xffforged", b"forged", overwrite=False, db=dbs["state"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == head
    assert result.problem


# -- a missing block -------------------------------------------------------------------------------
def _delete_block(data_dir: pathlib.Path, height: int) -> None:
    with lmdb_write(data_dir) as (txn, dbs):
        assert txn.delete(height_key(height), db=dbs["blocks"])


@pytest.mark.parametrize("which", ["middle", "head"])
def test_deleted_block_is_reported_at_its_height(chain, which):
    blocks = read_blocks(chain)
    height = len(blocks) // 2 if which == "middle" else len(blocks)
    _delete_block(chain, height)
    result = audit_data_dir(chain)
    assert not result.ok
    assert result.bad_height == height
    assert result.problem
    assert result.counts["blocks"] == height - 1  # everything below the gap verified


def test_deleted_block_makes_the_cli_exit_nonzero(chain):
    """Whatever the form of the report, a gap must never pass the audit."""
    height = len(read_blocks(chain)) // 2
    _delete_block(chain, height)
    plain = cli_audit(chain)
    assert plain.returncode != 0
    assert "OK: every state commitment reproduced" not in plain.stdout
    assert str(height) in plain.stdout + plain.stderr


def test_deleted_block_cli_report_names_the_height(chain):
    height = len(read_blocks(chain)) // 2
    _delete_block(chain, height)
    assert_cli_names_height(chain, height)


# -- found in review: bytes that still parse, and the transaction index ---------------------------
@pytest.mark.parametrize("extra", [b"\x32\x00", b"\x12\x00"], ids=["unknown field", "empty extra signature"])
def test_a_block_with_extra_bytes_that_still_parse_is_caught_at_its_height(chain, extra):
    # A flipped tag can turn one of several signatures into an unknown field: the quorum may still
    # hold, so the audit must refuse any block that is not exactly what the node serialized.
    height = 2
    put_block(chain, height, read_blocks(chain)[height] + extra)
    result = audit_data_dir(chain)
    assert not result.ok and result.bad_height == height, result


def test_a_transaction_index_entry_pointing_elsewhere_is_reported(chain):
    with lmdb_write(chain) as (txn, dbs):
        cursor = txn.cursor(db=dbs["txindex"])
        assert cursor.first()
        key, location = bytes(cursor.key()), bytes(cursor.value())
        txn.put(key, location[:8] + (int.from_bytes(location[8:], "big") + 1).to_bytes(4, "big"), db=dbs["txindex"])
    result = audit_data_dir(chain)
    assert not result.ok
    assert "transaction index" in result.problem
