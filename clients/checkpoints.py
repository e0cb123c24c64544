"""The auditor's checkpoints: `cets chain checkpoint` and `cets audit checkpoint`.

A checkpoint is fetched from a node with the genesis and the node-key changes below it, put in
one `CheckpointBundle` and checked exactly as a saved one is (ledger/checkpoint.py), from the
pinned genesis hash alone. The auditor keeps the last checkpoint it verified in a small file (the
bundle bytes, re-verified from the genesis whenever read), and advances it only to a checkpoint
proven consistent with it: a smaller one is a rollback, another root at the same size a fork,
and either is reported as evidence with both signed checkpoints, never silently ignored.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import pathlib
from dataclasses import dataclass

from google.protobuf.message import DecodeError

from cets.v1 import history_pb2
from cets.v1 import messages as pb
from cets.clients.proofcheck import KEY_CHANGE_COUNT_MAX, ProofRefused, refused_document
from cets.clients.sdk import Client
from cets.ledger import crypto
from cets.ledger.checkpoint import (
    CHECKPOINT_BUNDLE_VERSION, CHECKPOINT_FORK, CHECKPOINT_ROLLBACK, CONSISTENCY_UNPROVEN, VerifiedCheckpoint,
    check_consistency, verify_checkpoint_bundle,
)
from cets.ledger.lightclient import GENESIS_MISMATCH, KEY_CHANGE_INVALID, LightClientError

STORE_UNREADABLE = "STORE_UNREADABLE"  # the stored checkpoint no longer verifies from the pinned genesis
EVIDENCE_REASONS = frozenset({CHECKPOINT_ROLLBACK, CHECKPOINT_FORK, CONSISTENCY_UNPROVEN})


def default_store(genesis_hash_hex: str) -> pathlib.Path:
    """The store of a chain's last verified checkpoint in the user's data directory (XDG)."""
    base = pathlib.Path(os.environ.get("XDG_DATA_HOME") or pathlib.Path.home() / ".local" / "share")
    return base / "cets" / "checkpoints" / f"{genesis_hash_hex}.checkpoint"


def fetch_bundle(client: Client, expect_genesis: str | None, size: int = 0) -> tuple[bytes, bytes]:
    """The bundle bytes of the node's checkpoint of `size` (0: its latest), and the genesis hash
    they are to be checked against (the pinned one, else the node's own)."""
    genesis = client.genesis().genesis
    actual = crypto.genesis_hash(genesis).hex()
    if expect_genesis is not None and actual != expect_genesis:
        raise ProofRefused(GENESIS_MISMATCH, f"the node's genesis is {actual}, not {expect_genesis}", "genesis")
    checkpoint = client.checkpoint(size)
    height = _claimed_height(checkpoint.header)
    changes = list(itertools.islice(client.node_key_changes(1, height - 1), KEY_CHANGE_COUNT_MAX + 1)) if height > 1 else []
    if len(changes) > KEY_CHANGE_COUNT_MAX:
        raise ProofRefused(KEY_CHANGE_INVALID, f"the node lists more than {KEY_CHANGE_COUNT_MAX} node-key changes")
    bundle = history_pb2.CheckpointBundle(version=CHECKPOINT_BUNDLE_VERSION, genesis=genesis, key_changes=changes, checkpoint=checkpoint)
    return bundle.SerializeToString(deterministic=True), bytes.fromhex(expect_genesis or actual)


def _claimed_height(header: bytes) -> int:
    """Only to know how far to follow the key changes: the check reads the signed bytes again."""
    try:
        return pb.BlockHeader.FromString(header).height
    except DecodeError:
        return 0


def verified(raw: bytes, pinned: bytes) -> VerifiedCheckpoint:
    try:
        return verify_checkpoint_bundle(raw, pinned)
    except LightClientError as error:
        raise ProofRefused(error.reason, str(error), error.step) from None


def checkpoint_dict(checkpoint: VerifiedCheckpoint) -> dict:
    """What a verified checkpoint states, every field from the checked bytes."""
    return {"origin": checkpoint.origin, "size": checkpoint.size, "root": base64.b64encode(checkpoint.history_root).decode(),
            "root_hex": checkpoint.history_root.hex(), "note": checkpoint.note.decode(), "header_hash": checkpoint.header_hash.hex(),
            "signed_by": sorted(checkpoint.signers), "quorum": checkpoint.root.quorum, "genesis": checkpoint.root.genesis_hash.hex()}


def signed_dict(checkpoint: history_pb2.Checkpoint) -> dict:
    """A checkpoint as evidence: the note, the signed header bytes and the signatures, in hex."""
    return {"note": checkpoint.note.decode(errors="replace"), "header": checkpoint.header.hex(),
            "signatures": [{"key_id": s.key_id, "signature": s.signature.hex()} for s in checkpoint.signatures]}


def fetch_checkpoint(client: Client, expect_genesis: str | None, size: int = 0, save: pathlib.Path | None = None) -> tuple[dict, int]:
    """The document and exit status for `cets chain checkpoint`."""
    try:
        raw, pinned = fetch_bundle(client, expect_genesis, size)
        checkpoint = verified(raw, pinned)
    except ProofRefused as refused:
        return refused_document({}, refused), 1
    document = {"checkpoint": checkpoint_dict(checkpoint), "proof": {"verified": True, "genesis_pinned": expect_genesis is not None}}
    if save is not None:
        write_atomically(save, raw)
        document["proof"]["saved_to"] = str(save)
    return document, 0


def check_file(path: pathlib.Path, expect_genesis: str) -> tuple[dict, int]:
    """`cets chain checkpoint --file F`: a saved checkpoint checked offline, from the genesis hash alone."""
    try:
        checkpoint = verified(path.read_bytes(), bytes.fromhex(expect_genesis))
    except ProofRefused as refused:
        return refused_document({"file": str(path)}, refused), 1
    return {"checkpoint": checkpoint_dict(checkpoint), "proof": {"verified": True, "genesis_pinned": True}}, 0


@dataclass
class CheckpointStore:
    """The last checkpoint an auditor verified, as bundle bytes in one file."""

    path: pathlib.Path

    def load(self, pinned: bytes) -> tuple[bytes, VerifiedCheckpoint] | None:
        """The stored bundle and what it proves, re-verified from the pinned genesis; None if none."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return raw, verify_checkpoint_bundle(raw, pinned)
        except LightClientError as error:
            raise ProofRefused(STORE_UNREADABLE, f"{self.path}: the stored checkpoint does not verify ({error}); "
                               "move it away to start over", "store") from None

    def save(self, raw: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, raw)


def audit_checkpoint(client: Client, expect_genesis: str, store: CheckpointStore) -> tuple[dict, int]:
    """`cets audit checkpoint`: fetch the node's latest checkpoint, verify it, prove it consistent
    with the stored one, then advance the store. Exit 0 advanced (or unchanged), 1 refused."""
    pinned = bytes.fromhex(expect_genesis)
    try:
        stored = store.load(pinned)
        raw, _ = fetch_bundle(client, expect_genesis)
        served = verified(raw, pinned)
    except ProofRefused as refused:
        return refused_document({"store": str(store.path)}, refused), 1
    document = {"store": str(store.path), "checkpoint": checkpoint_dict(served)}
    if stored is not None:
        old = stored[1]
        document["previous"] = checkpoint_dict(old)
        proof = client.consistency_proof(old.size, served.size).hashes if served.size > old.size else []
        try:
            check_consistency(old, served, list(proof))
        except LightClientError as error:
            refused = ProofRefused(error.reason, str(error), error.step)
            document = refused_document(document, refused)
            if error.reason in EVIDENCE_REASONS:
                document["evidence"] = _evidence(store, error.reason, old, served, list(proof))
            return document, 1
    store.save(raw)
    document["proof"] = {"verified": True, "consistent_with_previous": stored is not None,
                         "advanced": stored is None or served.size > stored[1].size}
    return document, 0


def _evidence(store: CheckpointStore, reason: str, old: VerifiedCheckpoint, new: VerifiedCheckpoint, proof: list[bytes]) -> dict:
    """Both signed checkpoints and the proof served, written beside the store for whoever acts on it."""
    evidence = {"reason": reason, "genesis": old.root.genesis_hash.hex(), "stored": signed_dict(old.checkpoint),
                "served": signed_dict(new.checkpoint), "consistency_proof": [node.hex() for node in proof]}
    path = store.path.with_name(f"{store.path.name}.evidence-{old.size}-{new.size}.json")
    write_atomically(path, json.dumps(evidence, indent=2, sort_keys=True).encode())
    evidence["saved_to"] = str(path)
    return evidence


def write_atomically(path: pathlib.Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)

