"""Regenerate docs/vectors/protocol-v1.json: a small chain with every intermediate hash.

Usage: .venv/bin/python docs/vectors/make_protocol_vectors.py [--check]

The chain is the dev cluster genesis (three institutions, quorum 2; every key derived from the
public dev seed, node/devnet.py), then four blocks built by the ledger itself (`build_block`)
and signed by the ministry's and the registry's node keys: a cap and an issuance; a transfer
and an issuance refused over the cap; a node key added; an empty block. Every time and client
id is fixed, so the file is the same on every machine. tests/test_protocol_vectors.py checks
that this script reproduces the committed file byte for byte (the code has not drifted from
it), and recomputes every value from the file alone by the rules of docs/protocol.md (the
page has not drifted from the code).
"""

from __future__ import annotations

import base64
import json
import pathlib
import sys

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea
from cets.ledger import crypto, history, identity, merkle
from cets.ledger.chain import ZERO_HASH, Tip, build_block, result_bytes, state_root, writes_digest
from cets.ledger.checkpoint import note_text
from cets.ledger.genesis import genesis_writes
from cets.ledger.memstore import MemoryStore
from cets.ledger.proofs import tx_proof
from cets.ledger.state import State
from cets.node import devnet

VECTORS_PATH = pathlib.Path(__file__).resolve().parent / "protocol-v1.json"
MEE, REG, EXCH = identity.MINISTRY_ID, identity.REGISTRY_ID, identity.EXCHANGE_ID
VINTAGE = 2025
BLOCK_INTERVAL_MS = 60_000
SIGNED_BY = (MEE, REG)  # the quorum of 2 that signs every block; the first is the proposer


def hexes(values) -> list[str]:
    return [bytes(value).hex() for value in values]


def tree_levels(leaf_hashes: list[bytes]) -> list[list[str]]:
    """Every level of an RFC 6962 tree, leaves first, root last (an unpaired node moves up as is)."""
    levels = [list(leaf_hashes)]
    while len(levels[-1]) > 1:
        level = levels[-1]
        parents = [merkle.node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        levels.append(parents + ([level[-1]] if len(level) % 2 else []))
    return [hexes(level) for level in levels]


def writes_list(writes: dict[bytes, bytes | None]) -> list[list[str | None]]:
    return [[key.hex(), None if writes[key] is None else writes[key].hex()] for key in sorted(writes)]


def key_vectors() -> list[dict]:
    keys = devnet.dev_keys()
    return [{"participant_id": key.participant_id, "purpose": pb.KeyPurpose.Name(key.purpose), "seed": key.signer.seed().hex(),
             "public_key": key.signer.public_key.hex(), "key_id": key.signer.key_id} for key in keys]


def planned_blocks() -> list[list[pb.SignedTx]]:
    """The transactions of each block, every field fixed."""
    genesis_time = devnet.DEV_GENESIS_TIME_MS
    ministry = TxBuilder(devnet.DEV_CLUSTER_CHAIN_ID, devnet.dev_key(MEE))
    registry = TxBuilder(devnet.DEV_CLUSTER_CHAIN_ID, devnet.dev_key(REG))

    def at(block: int) -> dict:
        return {"created_ms": genesis_time + block * BLOCK_INTERVAL_MS}

    new_node_key = devnet.dev_key("vector-REG-node-2", pb.KEY_PURPOSE_NODE).signer  # a public seed like every dev key
    return [
        [ministry.set_cap(VINTAGE, 10_000_000, client_id="vector-1-cap", **at(1)),
         ministry.issue(VINTAGE, 5_000, client_id="vector-1-issue", **at(1))],
        [ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), cea(VINTAGE), 1_000, client_id="vector-2-transfer", **at(2)),
         ministry.issue(VINTAGE, 10_000_000, client_id="vector-2-over-cap", **at(2))],
        [registry.add_key(REG, new_node_key.public_key, pb.KEY_PURPOSE_NODE, client_id="vector-3-node-key", **at(3))],
        [],
    ]


def transaction_vector(raw: bytes, result: pb.TxResult) -> dict:
    envelope = pb.SignedTx.FromString(raw)
    return {"envelope": raw.hex(), "body": envelope.body.hex(), "tx_id": crypto.tx_id(envelope.body).hex(),
            "signatures": [{"key_id": s.key_id, "signature": s.signature.hex()} for s in envelope.signatures],
            "leaf_hash": merkle.leaf_hash(raw).hex(), "result": result_bytes(result).hex(),
            "result_leaf_hash": merkle.leaf_hash(result_bytes(result)).hex(), "code": pb.Code.Name(result.code)}


def header_fields(header: pb.BlockHeader) -> dict:
    fields = {}
    for descriptor, value in header.ListFields():
        fields[descriptor.name] = value.hex() if isinstance(value, bytes) else value
    return fields


def block_vector(store: MemoryStore, tip: Tip, txs: list[pb.SignedTx]) -> tuple[dict, Tip]:
    raws = [tx.SerializeToString() for tx in txs]
    time_ms = tip.time_ms + BLOCK_INTERVAL_MS
    with store.reader() as reader:
        built = build_block(reader, tip, time_ms, SIGNED_BY[0], raws)
    signers = [devnet.dev_key(participant, pb.KEY_PURPOSE_NODE).signer for participant in SIGNED_BY]
    built.block.signatures.extend(pb.Signature(key_id=s.key_id, signature=s.sign_header(built.header)) for s in signers)
    store.commit_block(tip.height + 1, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
    header = pb.BlockHeader.FromString(built.header)
    vector = {
        "height": header.height,
        "transactions": [transaction_vector(raw, result) for raw, result in zip(raws, built.results)],
        "tx_tree": tree_levels([merkle.leaf_hash(raw) for raw in raws]),
        "tx_root": header.tx_root.hex(),
        "result_tree": tree_levels([merkle.leaf_hash(result_bytes(result)) for result in built.results]),
        "result_root": header.result_root.hex(),
        "previous_state_root": tip.state_root.hex(),
        "writes": writes_list(built.writes),
        "writes_digest": writes_digest(built.writes).hex(),
        "state_root": header.state_root.hex(),
        "history_leaf": tip.hash.hex(),
        "history_leaf_hash": merkle.leaf_hash(tip.hash).hex(),
        "header_fields": header_fields(header),
        "header": built.header.hex(),
        "header_hash": built.hash.hex(),
        "signatures": [{"key_id": s.key_id, "signature": s.signature.hex()} for s in built.block.signatures],
        "checkpoint_note": note_text(header.chain_id, header.history_size, header.history_root).decode(),
        "tx_inclusion": [{"index": index, "tx_path": hexes(proof.tx_path), "result_path": hexes(proof.result_path)}
                         for index, proof in ((i, tx_proof(built.block, i)) for i in range(len(raws)))],
    }
    return vector, built.tip


def history_vectors(store: MemoryStore, size: int) -> dict:
    with store.reader() as reader:
        read = State(reader).history_node
        return {
            "consistency": [{"old_size": old, "new_size": size, "proof": hexes(history.consistency_proof(read, old, size))}
                            for old in range(1, size + 1)],
            "inclusion": [{"height": height, "size": size, "proof": hexes(history.inclusion_proof(read, height, size))}
                          for height in range(size)],
        }


def vectors() -> dict:
    genesis = devnet.dev_genesis(devnet.DEV_CLUSTER_CHAIN_ID)
    genesis_bytes = genesis.SerializeToString()
    writes = genesis_writes(genesis)
    store = MemoryStore()
    store.init_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes), writes)
    tip = Tip.of_genesis(genesis, genesis_bytes, writes)
    blocks = []
    for txs in planned_blocks():
        vector, tip = block_vector(store, tip, txs)
        blocks.append(vector)
    return {
        "about": "cets protocol test vectors, version 1 (block format 2): see docs/protocol.md. Generated by "
                 "docs/vectors/make_protocol_vectors.py; every byte string is hex unless named otherwise.",
        "domains": {name: value.decode("ascii").replace("\x00", "\\0") for name, value in (
            ("tx", crypto.TX_DOMAIN), ("invalid_tx", crypto.INVALID_TX_DOMAIN), ("header", crypto.HEADER_DOMAIN),
            ("genesis", crypto.GENESIS_DOMAIN), ("state", crypto.STATE_DOMAIN))},
        "dev_seed": {"tag": devnet.DEV_SEED_TAG.decode(), "rule": "seed = SHA-256(tag || participant_id || '/' || purpose number)"},
        "keys": key_vectors(),
        "genesis": {"chain_id": genesis.chain_id, "quorum": genesis.quorum, "bytes": genesis_bytes.hex(),
                    "hash": crypto.genesis_hash(genesis_bytes).hex(), "writes": writes_list(writes),
                    "writes_digest": writes_digest(writes).hex(), "state_root": state_root(ZERO_HASH, 0, writes).hex()},
        "blocks": blocks,
        "history": history_vectors(store, tip.height),
        "checkpoint_root_base64": base64.b64encode(pb.BlockHeader.FromString(bytes.fromhex(blocks[-1]["header"])).history_root).decode(),
    }


def render() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if VECTORS_PATH.read_text() != text:
            print(f"{VECTORS_PATH} is stale: run {__file__}", file=sys.stderr)
            return 1
        return 0
    VECTORS_PATH.write_text(text)
    print(f"wrote {VECTORS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
