"""docs/vectors/protocol-v1.json against the code, and against docs/protocol.md's rules.

Two checks. The generator (docs/vectors/make_protocol_vectors.py, which drives the ledger
itself) must reproduce the committed file byte for byte: the code has not drifted from the
vectors. Then an outside verifier, written here from docs/protocol.md with hashlib, struct and
an Ed25519 library only (no cets code on the hashing path), recomputes every hash, root,
signature, note and proof from the file's own bytes: the page has not drifted from the code.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import pathlib
import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from cets.v1 import messages as pb

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "docs" / "vectors" / "protocol-v1.json").read_text())
TX, HEADER, GENESIS, STATE = b"cets/tx/v1\x00", b"cets/header/v1\x00", b"cets/genesis/v1\x00", b"cets/state/v1\x00"


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf(data: bytes) -> bytes:
    return sha256(b"\x00" + data)


def node(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def mth(leaf_hashes: list[bytes]) -> bytes:
    """RFC 6962 MTH over leaves already hashed: split at the largest power of two below n."""
    if not leaf_hashes:
        return sha256(b"")
    if len(leaf_hashes) == 1:
        return leaf_hashes[0]
    split = 1 << ((len(leaf_hashes) - 1).bit_length() - 1)
    return node(mth(leaf_hashes[:split]), mth(leaf_hashes[split:]))


def path(index: int, leaf_hashes: list[bytes]) -> list[bytes]:
    if len(leaf_hashes) == 1:
        return []
    split = 1 << ((len(leaf_hashes) - 1).bit_length() - 1)
    if index < split:
        return path(index, leaf_hashes[:split]) + [mth(leaf_hashes[split:])]
    return path(index - split, leaf_hashes[split:]) + [mth(leaf_hashes[:split])]


def subproof(old: int, leaf_hashes: list[bytes], complete: bool) -> list[bytes]:
    if old == len(leaf_hashes):
        return [] if complete else [mth(leaf_hashes)]
    split = 1 << ((len(leaf_hashes) - 1).bit_length() - 1)
    if old <= split:
        return subproof(old, leaf_hashes[:split], complete) + [mth(leaf_hashes[split:])]
    return subproof(old - split, leaf_hashes[split:], False) + [mth(leaf_hashes[:split])]


def writes_digest(writes: list[list[str | None]]) -> bytes:
    """SHA-256 over the writes in key order: u32 key length, key, then 0x00 (a delete) or 0x01,
    u32 value length, value."""
    digest = hashlib.sha256()
    keys = [bytes.fromhex(key) for key, _ in writes]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for key_hex, value_hex in writes:
        key = bytes.fromhex(key_hex)
        digest.update(struct.pack(">I", len(key)) + key)
        if value_hex is None:
            digest.update(b"\x00")
        else:
            value = bytes.fromhex(value_hex)
            digest.update(b"\x01" + struct.pack(">I", len(value)) + value)
    return digest.digest()


def state_root(previous: bytes, height: int, writes) -> bytes:
    return sha256(STATE + previous + struct.pack(">Q", height) + writes_digest(writes))


def varint(value: int) -> bytes:
    out = b""
    while True:
        byte, value = value & 0x7F, value >> 7
        out += bytes([byte | (0x80 if value else 0)])
        if not value:
            return out


def length_delimited(field: int, data: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(data)) + data


def envelope_bytes(body: bytes, signatures: list[dict]) -> bytes:
    """SignedTx in canonical encoding: body (1), then each Signature (2) as key_id (1), signature (2)."""
    encoded = length_delimited(1, body)
    for signature in signatures:
        inner = length_delimited(1, signature["key_id"].encode()) + length_delimited(2, bytes.fromhex(signature["signature"]))
        encoded += length_delimited(2, inner)
    return encoded


def verifies(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except Exception:
        return False
    return True


KEYS = {key["key_id"]: key for key in VECTORS["keys"]}


def test_the_generator_reproduces_the_committed_vectors():
    spec = importlib.util.spec_from_file_location("make_protocol_vectors", ROOT / "docs" / "vectors" / "make_protocol_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (ROOT / "docs" / "vectors" / "protocol-v1.json").read_text(), \
        "docs/vectors/protocol-v1.json is stale: run docs/vectors/make_protocol_vectors.py (and update docs/protocol.md)"


def test_every_dev_key_derives_from_the_public_seed_and_its_id_from_the_public_key():
    tag = VECTORS["dev_seed"]["tag"].encode()
    for key in VECTORS["keys"]:
        seed = sha256(tag + f"{key['participant_id']}/{pb.KeyPurpose.Value(key['purpose'])}".encode())
        assert seed.hex() == key["seed"]
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        assert public.hex() == key["public_key"]
        assert sha256(public)[:16].hex() == key["key_id"]


def test_the_genesis_hash_and_state_root_follow_the_rules():
    genesis = VECTORS["genesis"]
    assert sha256(GENESIS + bytes.fromhex(genesis["bytes"])).hex() == genesis["hash"]
    assert writes_digest(genesis["writes"]).hex() == genesis["writes_digest"]
    assert state_root(bytes(32), 0, genesis["writes"]).hex() == genesis["state_root"]


@pytest.mark.parametrize("number", range(len(VECTORS["blocks"])))
def test_each_transaction_id_envelope_signature_and_leaf_follow_the_rules(number):
    for tx in VECTORS["blocks"][number]["transactions"]:
        body = bytes.fromhex(tx["body"])
        assert sha256(TX + body).hex() == tx["tx_id"]
        assert envelope_bytes(body, tx["signatures"]).hex() == tx["envelope"]
        for signature in tx["signatures"]:
            assert verifies(bytes.fromhex(KEYS[signature["key_id"]]["public_key"]), bytes.fromhex(signature["signature"]), TX + body)
        assert leaf(bytes.fromhex(tx["envelope"])).hex() == tx["leaf_hash"]
        assert leaf(bytes.fromhex(tx["result"])).hex() == tx["result_leaf_hash"]
        result = pb.TxResult.FromString(bytes.fromhex(tx["result"]))
        assert result.tx_id.hex() == tx["tx_id"] and pb.Code.Name(result.code) == tx["code"]


@pytest.mark.parametrize("number", range(len(VECTORS["blocks"])))
def test_each_block_tree_root_and_path_follow_rfc_6962(number):
    block = VECTORS["blocks"][number]
    for tree, root, name in (("tx_tree", "tx_root", "leaf_hash"), ("result_tree", "result_root", "result_leaf_hash")):
        leaves = [bytes.fromhex(tx[name]) for tx in block["transactions"]]
        assert block[tree][0] == [leaf_hash.hex() for leaf_hash in leaves] if leaves else block[tree] == [[]]
        assert mth(leaves).hex() == block[root] == (block[tree][-1][0] if leaves else sha256(b"").hex())
        for proof in block["tx_inclusion"]:
            key = "tx_path" if tree == "tx_tree" else "result_path"
            assert [h.hex() for h in path(proof["index"], leaves)] == proof[key]


def test_the_chain_links_state_roots_history_headers_signatures_and_notes():
    genesis = VECTORS["genesis"]
    chain_id, previous_state, leaves = genesis["chain_id"], bytes.fromhex(genesis["state_root"]), [bytes.fromhex(genesis["hash"])]
    node_keys = {key["key_id"] for key in VECTORS["keys"] if key["purpose"] == "KEY_PURPOSE_NODE"}
    for block in VECTORS["blocks"]:
        height = block["height"]
        assert block["history_leaf"] == leaves[-1].hex() and leaf(leaves[-1]).hex() == block["history_leaf_hash"]
        history_root = mth([leaf(hash_) for hash_ in leaves])
        assert block["previous_state_root"] == previous_state.hex()
        assert writes_digest(block["writes"]).hex() == block["writes_digest"]
        assert state_root(previous_state, height, block["writes"]).hex() == block["state_root"]
        header_bytes = bytes.fromhex(block["header"])
        header = pb.BlockHeader.FromString(header_bytes)
        assert header.SerializeToString(deterministic=True) == header_bytes  # canonical
        expected = {"chain_id": chain_id, "height": height, "prev_hash": leaves[-1].hex(), "tx_root": block["tx_root"],
                    "result_root": block["result_root"], "state_root": block["state_root"], "proposer": "MEE",
                    "version": 2, "history_size": height, "history_root": history_root.hex()}
        assert {name: block["header_fields"][name] for name in expected} == expected
        assert block["header_fields"].get("tx_count", 0) == len(block["transactions"])
        header_hash = sha256(HEADER + header_bytes)
        assert header_hash.hex() == block["header_hash"]
        assert {s["key_id"] for s in block["signatures"]} <= node_keys and len(block["signatures"]) >= genesis["quorum"]
        for signature in block["signatures"]:
            assert verifies(bytes.fromhex(KEYS[signature["key_id"]]["public_key"]), bytes.fromhex(signature["signature"]), HEADER + header_bytes)
        assert block["checkpoint_note"] == f"cets/{chain_id}\n{height}\n{base64.b64encode(history_root).decode()}\n"
        previous_state = bytes.fromhex(block["state_root"])
        leaves.append(header_hash)


def test_the_history_proofs_are_rfc_6962_proofs_over_the_header_hashes():
    leaves = [leaf(bytes.fromhex(VECTORS["genesis"]["hash"]))] + [leaf(bytes.fromhex(b["header_hash"])) for b in VECTORS["blocks"][:-1]]
    size = len(leaves)
    for proof in VECTORS["history"]["consistency"]:
        old = proof["old_size"]
        expected = [] if old == size else subproof(old, leaves, True)
        assert (proof["new_size"], proof["proof"]) == (size, [h.hex() for h in expected])
    for proof in VECTORS["history"]["inclusion"]:
        assert proof["proof"] == [h.hex() for h in path(proof["height"], leaves)]


def test_the_generated_sections_of_the_docs_are_the_ones_the_code_declares():
    from cets.clients import docgen

    assert docgen.stale_sections() == [], "docs are stale: run `python -m cets.clients.docgen --write`"
