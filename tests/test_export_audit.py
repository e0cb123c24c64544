"""`cets chain export` and `cets audit verify --file`: the portable export, verified from the pinned
genesis alone, on every core with the single-core verdicts, refusing bad files with a reason each."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import subprocess
import sys

import pytest
from nacl.signing import SigningKey

from bench.throughput import setup_transactions, transfers
from cets.v1 import messages as pb
from cets.clients import sigcheck
from cets.clients.audit import audit_export
from cets.clients.builder import TxBuilder
from cets.clients.export import ExportFailed, export_data_dir, write_export
from cets.ledger import crypto, export as export_format
from cets.node import devnet
from tests.chains import START_MS, ChainBuilder, small_chain
from tests.conftest import new_key, new_uscc, register_emitter, start_node

REPO = pathlib.Path(__file__).resolve().parents[1]
CLI_TIMEOUT_S = 60


def cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cets.clients.cli", *arguments], cwd=REPO, capture_output=True, text=True, timeout=CLI_TIMEOUT_S)


@pytest.fixture(scope="module")
def chain():
    return small_chain()


@pytest.fixture
def exported(chain, tmp_path) -> pathlib.Path:
    path = tmp_path / "chain.export"
    write_export(path, "test", chain.genesis, chain.blocks)
    return path


# -- the file and its verification ----------------------------------------------------------------
def test_an_export_verifies_from_the_pinned_genesis_with_its_counts(chain, exported):
    result = audit_export(exported, chain.genesis_hash)
    assert result.ok, result.problem
    assert result.counts["blocks"] == len(chain.blocks) == result.head_height
    assert result.counts["transactions"] == chain.transactions
    assert result.counts["header_signatures"] == 2 * len(chain.blocks)
    assert result.head_hash == chain.head_hash
    assert audit_export(exported, chain.genesis_hash, expect_head=chain.head_hash).ok


def test_the_export_starts_with_its_magic_and_version_and_ends_with_its_trailer(chain, exported):
    data = exported.read_bytes()
    assert data.startswith(export_format.MAGIC + b"\x00\x01")
    trailer = data[-export_format.TRAILER_BYTES:]
    assert data[-export_format.TRAILER_BYTES - 5] == export_format.KIND_TRAILER
    assert int.from_bytes(trailer[:8], "big") == len(chain.blocks)
    assert int.from_bytes(trailer[8:16], "big") == chain.transactions
    assert trailer[16:48].hex() == chain.head_hash
    assert trailer[48:] == crypto.sha256(export_format.EXPORT_DOMAIN + data[:-32])


def test_an_export_of_another_genesis_is_refused_as_such(exported):
    result = audit_export(exported, "ab" * 32)
    assert not result.ok and result.reason == "GENESIS_MISMATCH" and result.bad_height == 0
    assert "another genesis" in result.problem


def test_a_chain_ending_elsewhere_than_the_expected_head_is_refused(chain, exported, tmp_path):
    short = tmp_path / "short.export"
    write_export(short, "test", chain.genesis, chain.blocks[:-1])
    assert audit_export(short, chain.genesis_hash).ok  # a valid shorter chain: only the expected head tells
    result = audit_export(short, chain.genesis_hash, expect_head=chain.head_hash)
    assert not result.ok and result.reason == "HEAD_MISMATCH" and result.bad_height == len(chain.blocks) - 1


def test_a_missing_file_is_unreadable_not_a_traceback(tmp_path):
    result = audit_export(tmp_path / "nothing.export", "ab" * 32)
    assert not result.ok and result.reason == export_format.EXPORT_UNREADABLE and result.bad_height is None


# -- every core, the same verdicts ----------------------------------------------------------------------
def mixed_chain():
    """Blocks whose transactions take every path of the pre-check: valid, a signature that fails, a
    key id nobody has, bytes that are no transaction, a copy, and a key registered in the very
    block that uses it."""
    clock = lambda: START_MS  # noqa: E731
    keys, setup = setup_transactions(clock, 3)
    moves = [tx.SerializeToString() for tx in transfers(keys, 8, clock)]
    forged = pb.SignedTx.FromString(moves[1])
    forged.signatures[0].signature = bytes(reversed(forged.signatures[0].signature))
    stranger = pb.SignedTx.FromString(moves[2])
    stranger.signatures[0].key_id = "00" * 16
    newcomer = new_key(new_uscc("44"))
    province = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key("PROV-44"), clock=clock)
    register = province.register_participant(newcomer.participant_id, pb.ROLE_KEY_EMITTER, "newcomer", [newcomer.spec()], province="44", sector="power")
    own = transfers([newcomer, keys[0]], 1, clock)[0]  # nothing to give yet: rejected, its signature checked first
    builder = ChainBuilder()
    builder.add([tx.SerializeToString() for tx in setup])
    builder.add([forged.SerializeToString(), moves[0], stranger.SerializeToString(), b"\x0a\x03abc", moves[3],
                 register.SerializeToString(), own.SerializeToString()])
    builder.add(moves[4:] + [moves[4]])
    return builder.chain


def comparable(result) -> dict:
    document = result.as_dict()
    for name in ("workers", "prechecked"):
        document.pop(name)
    return document


def test_the_pool_of_processes_gives_the_single_core_verdicts(tmp_path, monkeypatch):
    chain = mixed_chain()
    path = tmp_path / "mixed.export"
    write_export(path, "test", chain.genesis, chain.blocks)
    monkeypatch.setattr(sigcheck, "BATCH_TX_COUNT", 3)  # several jobs in flight, keys learnt across them
    single = audit_export(path, chain.genesis_hash, workers=1)
    pooled = audit_export(path, chain.genesis_hash, workers=2)
    assert single.ok, single.problem
    codes = single.counts["by_code"]
    for code in ("OK", "SIGNATURE_INVALID", "UNKNOWN_KEY", "MALFORMED", "DUPLICATE_TX"):
        assert codes.get(code), (code, codes)
    assert comparable(pooled) == comparable(single)
    assert 0 < pooled.prechecked < chain.transactions and single.prechecked == 0


def test_the_pool_names_the_same_first_bad_height(tmp_path):
    chain = mixed_chain()
    damaged = pb.Block.FromString(chain.blocks[1])
    damaged.txs[3] = damaged.txs[3][:-1] + bytes([damaged.txs[3][-1] ^ 1])
    path = tmp_path / "damaged.export"
    write_export(path, "test", chain.genesis, [chain.blocks[0], damaged.SerializeToString(), chain.blocks[2]])
    single = audit_export(path, chain.genesis_hash, workers=1)
    pooled = audit_export(path, chain.genesis_hash, workers=2)
    assert not single.ok and single.bad_height == 2
    assert comparable(pooled) == comparable(single)


def test_a_bad_file_after_the_blocks_read_ahead_is_reported_after_them(chain, tmp_path):
    path = tmp_path / "cut.export"
    write_export(path, "test", chain.genesis, chain.blocks)
    path.write_bytes(path.read_bytes()[:-20])
    single = audit_export(path, chain.genesis_hash, workers=1)
    pooled = audit_export(path, chain.genesis_hash, workers=2)
    assert single.reason == export_format.EXPORT_TRUNCATED and single.counts["blocks"] == len(chain.blocks)
    assert comparable(pooled) == comparable(single)


# -- libsodium beside the reference -------------------------------------------------------------------
SMALL_ORDER_POINTS = [bytes.fromhex(h) for h in (
    "0100000000000000000000000000000000000000000000000000000000000000",  # the identity
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # order 2
    "0000000000000000000000000000000000000000000000000000000000000000",  # order 4
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  # order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
)]
GROUP_ORDER = 2**252 + 27742317777372353535851937790883648493


def signature_cases():
    key = SigningKey(bytes(range(32)))
    public = bytes(key.verify_key)
    message = b"cets/tx/v1\x00a transfer"
    good = key.sign(message).signature
    r, s = good[:32], int.from_bytes(good[32:], "little")
    cases = [("valid", public, good, message), ("other message", public, good, message + b"!"),
             ("other key", bytes(SigningKey(bytes(32)).verify_key), good, message),
             ("s + group order (malleable copy)", public, r + (s + GROUP_ORDER).to_bytes(32, "little"), message),
             ("zero signature", public, bytes(64), message), ("short signature", public, good[:63], message),
             ("short key", public[:31], good, message)]
    cases += [(f"flip byte {i}", public, good[:i] + bytes([good[i] ^ 0x40]) + good[i + 1:], message) for i in (0, 31, 32, 63)]
    for point in SMALL_ORDER_POINTS:  # a small-order key, with R the identity or the point itself and s = 0
        cases += [(f"small-order key {point.hex()[:8]}", point, SMALL_ORDER_POINTS[0] + bytes(32), message),
                  (f"small-order key and R {point.hex()[:8]}", point, point + bytes(32), message)]
    return cases


@pytest.mark.parametrize("name, public_key, signature, message", signature_cases(), ids=lambda v: v if isinstance(v, str) else None)
def test_libsodium_accepts_nothing_the_reference_refuses(name, public_key, signature, message):
    from nacl.bindings import crypto_sign_open

    reference = crypto.verify(public_key, signature, message)
    try:
        crypto_sign_open(signature + message, public_key)
        sodium = True
    except Exception:
        sodium = False
    assert not sodium or reference, f"{name}: libsodium accepts what cryptography refuses"
    assert sigcheck.fast_verify(public_key, signature, message) == reference, name


def test_libsodium_and_the_reference_agree_on_many_signatures():
    agreed = 0
    for seed in range(200):
        key = SigningKey(seed.to_bytes(32, "big"))
        message = os.urandom(seed % 300)
        signature = key.sign(message).signature
        bad = signature[:seed % 64] + bytes([signature[seed % 64] ^ (1 + seed % 255)]) + signature[seed % 64 + 1:]
        for candidate, valid in ((signature, True), (bad, False)):
            assert crypto.verify(bytes(key.verify_key), candidate, message) is valid
            assert sigcheck.fast_verify(bytes(key.verify_key), candidate, message) is valid
            agreed += 1
    assert agreed == 400


# -- the CLI --------------------------------------------------------------------------------------------
def verify_file(path: pathlib.Path, genesis_hash: str, *extra: str) -> subprocess.CompletedProcess:
    return cli("audit", "verify", "--file", str(path), "--expect-genesis", genesis_hash, *extra)


async def test_cli_exports_a_node_and_its_data_directory_to_the_same_verified_file(tmp_path, guangdong):
    running = await start_node(tmp_path / "node")
    try:
        await register_emitter(running.client, guangdong, "44")
        await register_emitter(running.client, guangdong, "44")
        online = await asyncio.to_thread(cli, "chain", "export", "--out", str(tmp_path / "online.export"), "--target", running.target, "--json")
    finally:
        await running.stop()
    assert online.returncode == 0, online.stderr
    summary = json.loads(online.stdout)
    assert summary["ok"] and summary["blocks"] >= 2 and summary["transactions"] >= 2
    offline = cli("chain", "export", "--out", str(tmp_path / "offline.export"), "--data", str(tmp_path / "node"))
    assert offline.returncode == 0, offline.stderr
    assert f"cets audit verify --file {tmp_path / 'offline.export'} --expect-genesis {summary['genesis_hash']}" in offline.stdout
    assert (tmp_path / "online.export").read_bytes() == (tmp_path / "offline.export").read_bytes()
    plain = verify_file(tmp_path / "online.export", summary["genesis_hash"], "--progress")
    assert plain.returncode == 0, plain.stderr
    assert "OK: every state commitment reproduced" in plain.stdout
    assert f"blocks        {summary['blocks']} verified" in plain.stdout
    assert "block " in plain.stderr and "tx/s" in plain.stderr  # --progress: on stderr, not a terminal here
    as_json = verify_file(tmp_path / "online.export", summary["genesis_hash"], "--json", "--workers", "1")
    document = json.loads(as_json.stdout)
    assert document["ok"] and document["counts"]["transactions"] == summary["transactions"]
    assert document["head_hash"] == summary["head_hash"]


@pytest.mark.parametrize("damage, reason, height", [
    ("truncated", export_format.EXPORT_TRUNCATED, 3),
    ("wrong magic", export_format.EXPORT_BAD_MAGIC, None),
    ("corrupted block", "BLOCK_INVALID", 2),
    ("another chain", "GENESIS_MISMATCH", 0),
])
def test_cli_refuses_a_bad_file_with_its_reason_and_height(chain, exported, damage, reason, height):
    data = exported.read_bytes()
    parts = [len(export_format.MAGIC) + 2 + 5 + len(chain.genesis)]
    for raw in chain.blocks:
        parts.append(parts[-1] + 5 + len(raw))
    genesis_hash = chain.genesis_hash
    if damage == "truncated":
        data = data[:parts[2] + 100]
    elif damage == "wrong magic":
        data = b"PK\x03\x04" + data[4:]
    elif damage == "corrupted block":
        data = data[:parts[1] + 60] + bytes([data[parts[1] + 60] ^ 0xFF]) + data[parts[1] + 61:]
    else:
        genesis_hash = crypto.genesis_hash(devnet.dev_genesis().SerializeToString()).hex()
    exported.write_bytes(data)
    as_json = verify_file(exported, genesis_hash, "--json")
    assert as_json.returncode == 1, as_json.stderr
    document = json.loads(as_json.stdout)
    assert (document["ok"], document["reason"], document["bad_height"]) == (False, reason, height), document
    plain = verify_file(exported, genesis_hash)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert ("FAILED at height %s:" % height if height is not None else "FAILED:") in plain.stderr
    assert f"reason        {reason}" in plain.stderr


def test_cli_verify_file_needs_the_pinned_genesis(exported):
    result = cli("audit", "verify", "--file", str(exported), "--json")
    assert result.returncode == 2
    assert "--expect-genesis" in json.loads(result.stdout)["error"]["message"]


def test_cli_export_refuses_a_directory_with_no_chain_and_leaves_no_file(tmp_path):
    result = cli("chain", "export", "--out", str(tmp_path / "x.export"), "--data", str(tmp_path), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["error"]["reason"] == "EXPORT_FAILED"
    assert not list(tmp_path.glob("x.export*"))


def test_export_of_a_data_directory_a_node_serves_is_refused(tmp_path):
    async def attempt():
        running = await start_node(tmp_path / "node")
        try:
            with pytest.raises(ExportFailed, match="running"):
                await asyncio.to_thread(export_data_dir, tmp_path / "node", tmp_path / "x.export")
        finally:
            await running.stop()

    asyncio.run(attempt())
    assert not (tmp_path / "x.export").exists()
