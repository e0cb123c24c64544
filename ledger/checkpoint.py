"""Checkpoints: cosigned statements of the history tree, and what an auditor proves with them.

A checkpoint of size n is the header of block n, signed by a quorum of the node keys valid at
that height: it carries `history_size` = n and `history_root` = the RFC 6962 root over leaves
0 .. n-1 (the genesis hash, then the header hashes of blocks 1 .. n-1). It travels beside its
note text in the form of a C2SP tlog-checkpoint body:

    cets/<chain_id>\\n<n in decimal>\\n<the root in standard base64>\\n

so that any transparency-log tooling reads origin, size and root; the note's signature is the
header's quorum (the header commits to the same three values, and the nodes sign the header).

Checks, all pure, each raising `LightClientError` with a stable reason (ledger/lightclient.py):
a checkpoint against the node keys followed from the genesis; one checkpoint against a later
one (a consistency proof; a smaller size is a rollback, another root at the same size a fork);
a block in a checkpoint (an inclusion proof of its header hash); a transaction in a checkpoint
(its proof in its block, and its block in the checkpoint).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Sequence

from cets.v1 import history_pb2
from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.ledger import crypto, merkle
from cets.ledger.lightclient import (
    KEY_CHANGE_INVALID, PROOF_MALFORMED, UNSUPPORTED_VERSION, WRONG_CHAIN, LightClientError, NodeKeyHistory, TrustRoot, VerifiedTx,
    NOT_THE_DECIDING_COPY, body_or_none, check_leaves, parse_strict,
)
from cets.ledger.machine import raw_tx_id

CHECKPOINT_BUNDLE_VERSION = 1
ORIGIN_PREFIX = "cets/"

# Stable reasons of a refusal, beside those of ledger/lightclient.py.
CHECKPOINT_WRONG_ORIGIN = "CHECKPOINT_WRONG_ORIGIN"  # the note names another log than this chain's
CHECKPOINT_NOTE_MISMATCH = "CHECKPOINT_NOTE_MISMATCH"  # the note does not state the signed header's origin, size and root
CHECKPOINT_ROLLBACK = "CHECKPOINT_ROLLBACK"  # a checkpoint smaller than one already verified
CHECKPOINT_FORK = "CHECKPOINT_FORK"  # another root at a size already verified: two histories, both signed
CONSISTENCY_UNPROVEN = "CONSISTENCY_UNPROVEN"  # the proof does not show the older history a prefix of the newer
BLOCK_NOT_IN_HISTORY = "BLOCK_NOT_IN_HISTORY"  # the block's header hash is not that leaf of the checkpoint's history

_NOTE = re.compile(rb"([^\n]+)\n(0|[1-9][0-9]{0,19})\n([A-Za-z0-9+/]{43}=)\n")


def origin(chain_id: str) -> str:
    """The checkpoint's origin line: the log's name, unique to the chain."""
    return ORIGIN_PREFIX + chain_id


def note_text(chain_id: str, size: int, root: bytes) -> bytes:
    """The C2SP checkpoint body for a chain's history of `size` leaves with `root`."""
    return f"{origin(chain_id)}\n{size}\n{base64.b64encode(root).decode()}\n".encode()


def checkpoint_of(block: pb.Block) -> history_pb2.Checkpoint:
    """The checkpoint a stored block stands for: its header, its signatures, the note it states."""
    header = pb.BlockHeader.FromString(block.header)
    return history_pb2.Checkpoint(note=note_text(header.chain_id, header.history_size, header.history_root),
                                  header=block.header, signatures=block.signatures)


def parse_note(note: bytes, step: str) -> tuple[str, int, bytes]:
    """Origin, size and root of a checkpoint note, read strictly (no extension line, no leading
    zero, canonical standard base64 of exactly 32 bytes, a final newline)."""
    match = _NOTE.fullmatch(note)
    if match is None:
        raise LightClientError(PROOF_MALFORMED, step, "note: not three lines of origin, decimal size and base64 root")
    try:
        root = base64.b64decode(match.group(3), validate=True)
        name = match.group(1).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise LightClientError(PROOF_MALFORMED, step, "note: the root is not base64 or the origin not UTF-8") from None
    if base64.b64encode(root) != match.group(3):  # the last character's two spare bits set: one root, two notes
        raise LightClientError(PROOF_MALFORMED, step, "note: the root is not in canonical base64")
    return name, int(match.group(2)), root


@dataclass(frozen=True)
class VerifiedCheckpoint:
    """A checkpoint proven from the genesis: print from here and nowhere else."""

    root: TrustRoot
    origin: str
    size: int
    history_root: bytes
    note: bytes
    header: pb.BlockHeader
    header_hash: bytes
    signers: frozenset[str]
    checkpoint: history_pb2.Checkpoint  # the bytes checked, for a store or evidence


def verify_checkpoint(keys: NodeKeyHistory, checkpoint: history_pb2.Checkpoint, step: str = "checkpoint") -> VerifiedCheckpoint:
    """Check a checkpoint against the node keys followed so far: its header signed by a quorum of
    keys valid at its height, and its note stating exactly that header's origin, size and root."""
    header, signers = keys.check_header(checkpoint.header, checkpoint.signatures, step)
    name, size, root = parse_note(checkpoint.note, step)
    if name != origin(keys.root.chain_id):
        raise LightClientError(CHECKPOINT_WRONG_ORIGIN, step, f"note: origin {name!r}, want {origin(keys.root.chain_id)!r}")
    if (size, root) != (header.history_size, header.history_root):
        raise LightClientError(CHECKPOINT_NOTE_MISMATCH, step, f"note: size {size} and root {root.hex()}, the signed header "
                               f"{header.height} states size {header.history_size} and root {header.history_root.hex()}")
    if keys.last_change_height >= header.height:
        raise LightClientError(KEY_CHANGE_INVALID, step, f"a key change followed is at height {keys.last_change_height}, "
                               f"not below the checkpoint's {header.height}")
    return VerifiedCheckpoint(root=keys.root, origin=name, size=size, history_root=root, note=bytes(checkpoint.note), header=header,
                              header_hash=crypto.header_hash(checkpoint.header), signers=signers, checkpoint=checkpoint)


def verify_checkpoint_bundle(raw: bytes, pinned_genesis_hash: bytes) -> VerifiedCheckpoint:
    """Check a saved checkpoint (`CheckpointBundle` bytes) from the pinned genesis hash alone."""
    bundle = parse_strict(history_pb2.CheckpointBundle, raw, "bundle", "bundle")
    if bundle.version != CHECKPOINT_BUNDLE_VERSION:
        raise LightClientError(UNSUPPORTED_VERSION, "bundle", f"version {bundle.version}, this client reads {CHECKPOINT_BUNDLE_VERSION}")
    if not bundle.HasField("checkpoint"):
        raise LightClientError(PROOF_MALFORMED, "bundle", "checkpoint: missing")
    return verify_checkpoint(NodeKeyHistory.followed(bundle.genesis, pinned_genesis_hash, bundle.key_changes), bundle.checkpoint)


def check_consistency(old: VerifiedCheckpoint, new: VerifiedCheckpoint, proof: Sequence[bytes], step: str = "consistency") -> None:
    """Accept `new` after `old` only if it is at least as large and `proof` shows `old`'s history a
    prefix of `new`'s. Both were verified: a rollback or a fork between them is evidence."""
    if old.root.genesis_hash != new.root.genesis_hash or old.origin != new.origin:
        raise LightClientError(CHECKPOINT_WRONG_ORIGIN, step, f"checkpoints of {old.origin!r} and {new.origin!r}")
    if new.size < old.size:
        raise LightClientError(CHECKPOINT_ROLLBACK, step, f"size {new.size} is below the size {old.size} already verified")
    if new.size == old.size and new.history_root != old.history_root:
        raise LightClientError(CHECKPOINT_FORK, step, f"size {new.size}: root {new.history_root.hex()}, "
                               f"and {old.history_root.hex()} was verified at that size")
    try:
        merkle.check_consistency(old.size, new.size, old.history_root, new.history_root, list(proof))
    except merkle.MerkleError as error:
        raise LightClientError(CONSISTENCY_UNPROVEN, step, f"from size {old.size} to {new.size}: {error}") from None


def check_block_inclusion(checkpoint: VerifiedCheckpoint, height: int, header_hash: bytes, proof: Sequence[bytes],
                          step: str = "block") -> None:
    """Accept that the block `height` with `header_hash` (the genesis hash at 0) is leaf `height`
    of the checkpoint's history."""
    try:
        merkle.check_inclusion(height, checkpoint.size, merkle.leaf_hash(header_hash), list(proof), checkpoint.history_root)
    except merkle.MerkleError as error:
        raise LightClientError(BLOCK_NOT_IN_HISTORY, step, f"block {height} in the history of size {checkpoint.size}: {error}") from None


def verify_tx_in_checkpoint(checkpoint: VerifiedCheckpoint, proven: proofs_pb2.ProvenTx, block_proof: Sequence[bytes],
                            step: str = "transaction") -> VerifiedTx:
    """A transaction proven by its block's proof and that block's place in the checkpoint: the
    block's own signatures are not needed, the checkpoint's quorum covers its header."""
    header = parse_strict(pb.BlockHeader, proven.proof.header, step, "header")
    if header.chain_id != checkpoint.root.chain_id:
        raise LightClientError(WRONG_CHAIN, step, f"header: chain {header.chain_id!r}, want {checkpoint.root.chain_id!r}")
    header_hash = crypto.header_hash(proven.proof.header)
    check_block_inclusion(checkpoint, header.height, header_hash, block_proof, step)
    result = check_leaves(proven, header, step)
    if result.code == pb.CODE_DUPLICATE_TX:
        raise LightClientError(NOT_THE_DECIDING_COPY, step, "a later copy of the transaction in a block: its first copy decides")
    return VerifiedTx(root=checkpoint.root, tx_id=raw_tx_id(proven.tx), tx=proven.tx, body=body_or_none(proven.tx), index=proven.index,
                      header=header, header_hash=header_hash, result=result, signers=checkpoint.signers, key_changes=0)
