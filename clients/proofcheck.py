"""The light client's two doors: `cets tx ID --proof` (online) and `cets proof verify FILE` (offline).

Online, the client fetches from a node the genesis, the transaction's proof and the node-key
changes below its block, puts them in one `ProofBundle`, and checks that bundle exactly as a saved
one is checked (`ledger/lightclient.py`), from the pinned genesis hash alone; `--save` writes the
very bytes it checked. Offline, it reads the bundle from a file. What is printed as verified comes
from the `VerifiedTx` only; the node's own receipt is compared with it, never printed in its place.
"""

from __future__ import annotations

import itertools
import os
import pathlib

from google.protobuf.message import DecodeError

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.clients import render
from cets.clients.sdk import Client
from cets.ledger import crypto
from cets.ledger.lightclient import (
    BUNDLE_VERSION, GENESIS_MISMATCH, HEADER_NOT_TRUSTED, KEY_CHANGE_INVALID, PROOF_MALFORMED, VerifiedTx, check_bundle,
)

# A chain rotates node keys a few times a year; a list longer than this is a node trying to exhaust us.
KEY_CHANGE_COUNT_MAX = 10_000
NOT_IN_A_BLOCK = "NOT_IN_A_BLOCK"
RECEIPT_DISAGREES = "RECEIPT_DISAGREES"


class ProofRefused(Exception):
    """The node's answers do not make a proof: `reason` (stable), `step`, `problem` (in words)."""

    def __init__(self, reason: str, problem: str, step: str = "") -> None:
        super().__init__(problem)
        self.reason = reason
        self.problem = problem
        self.step = step


def check_online(client: Client, tx_id: bytes, expect_genesis: str | None, save: pathlib.Path | None = None) -> tuple[dict, int]:
    """The document to print and the exit status (0 verified, 1 not) for `cets tx ID --proof`."""
    view = client.transaction(tx_id, with_proof=True)
    if view.receipt.status == pb.TX_STATUS_UNKNOWN:
        return render.receipt_dict(view.receipt), 1  # nothing to prove: the caller says it is unknown
    try:
        raw, pinned = _bundle_from_node(client, view, expect_genesis)
        verified = _verified(raw, pinned, tx_id)
        _compare_receipt(view.receipt, verified)
    except ProofRefused as refused:
        if refused.reason == HEADER_NOT_TRUSTED and not view.receipt.final:
            refused.problem = f"its block is not final yet, so it may lack its quorum of signatures: {refused.problem}"
        return refused_document({"tx_id": tx_id.hex()}, refused), 1
    document = verified_document(verified, genesis_pinned=expect_genesis is not None)
    if save is not None:
        _write_atomically(save, raw)
        document["proof"]["saved_to"] = str(save)
    return document, 0


def check_file(path: pathlib.Path, expect_genesis: str, tx_id: bytes | None = None) -> tuple[dict, int]:
    """The document and exit status for `cets proof verify FILE`: no network, the genesis hash alone."""
    try:
        verified = _verified(path.read_bytes(), bytes.fromhex(expect_genesis), tx_id)
    except ProofRefused as refused:
        return refused_document({"file": str(path)}, refused), 1
    return verified_document(verified, genesis_pinned=True), 0


def _bundle_from_node(client: Client, view, expect_genesis: str | None) -> tuple[bytes, bytes]:
    """The bundle bytes built from the node's answers, and the genesis hash they are checked against."""
    receipt = view.receipt
    if not receipt.height:
        raise ProofRefused(NOT_IN_A_BLOCK, f"not in a block ({pb.TxStatus.Name(receipt.status)}): nothing to prove yet")
    if not view.HasField("proof"):
        raise ProofRefused(PROOF_MALFORMED, "the node sent no proof")
    genesis = client.genesis().genesis
    actual = crypto.genesis_hash(genesis).hex()
    if expect_genesis is not None and actual != expect_genesis:
        raise ProofRefused(GENESIS_MISMATCH, f"the node's genesis is {actual}, not {expect_genesis}", "genesis")
    height = _claimed_height(view.proof.header)
    changes = list(itertools.islice(client.node_key_changes(1, height - 1), KEY_CHANGE_COUNT_MAX + 1)) if height > 1 else []
    if len(changes) > KEY_CHANGE_COUNT_MAX:
        raise ProofRefused(KEY_CHANGE_INVALID, f"the node lists more than {KEY_CHANGE_COUNT_MAX} node-key changes")
    bundle = proofs_pb2.ProofBundle(version=BUNDLE_VERSION, genesis=genesis, key_changes=changes,
                                    transaction=proofs_pb2.ProvenTx(tx=view.tx, index=receipt.index, proof=view.proof))
    return bundle.SerializeToString(deterministic=True), bytes.fromhex(expect_genesis or actual)


def _claimed_height(header: bytes) -> int:
    """The height the header claims, only to know how far to follow the key changes: the check
    itself reads it again, from the signed bytes."""
    try:
        return pb.BlockHeader.FromString(header).height
    except DecodeError:  # a header that does not parse fails the check later, with its reason
        return 0


def _verified(raw: bytes, pinned: bytes, tx_id: bytes | None) -> VerifiedTx:
    verdict = check_bundle(raw, pinned, tx_id)
    if not verdict.ok:
        raise ProofRefused(verdict.error.reason, str(verdict.error), verdict.error.step)
    return verdict.verified


def proven_receipt(verified: VerifiedTx) -> pb.Receipt:
    """The receipt, every field from proven bytes: final because the header carries its quorum."""
    result, header = verified.result, verified.header
    return pb.Receipt(tx_id=verified.tx_id, status=pb.TX_STATUS_COMMITTED if result.code == pb.CODE_OK else pb.TX_STATUS_REJECTED,
                      code=result.code, detail=result.detail, height=header.height, index=verified.index, final=True,
                      events=result.events, block_hash=verified.header_hash)


def _compare_receipt(told: pb.Receipt, verified: VerifiedTx) -> None:
    """A node whose receipt differs from what its proof proves is lying about one of them."""
    proven = proven_receipt(verified)
    told = pb.Receipt.FromString(told.SerializeToString())
    told.final = True  # whether the node counts the block final yet is its own view; the proof shows it is
    for field in pb.Receipt.DESCRIPTOR.fields:
        if getattr(told, field.name) != getattr(proven, field.name):
            raise ProofRefused(RECEIPT_DISAGREES, f"the node's receipt says another {field.name} than its proof proves", "receipt")


def verified_document(verified: VerifiedTx, genesis_pinned: bool) -> dict:
    header, root = verified.header, verified.root
    document = render.receipt_dict(proven_receipt(verified))
    document["time_ms"] = header.time_ms
    if verified.body is not None:
        kind = verified.body.WhichOneof("payload")
        document["signer"] = verified.body.signer
        document["payload"] = {kind: render.to_dict(getattr(verified.body, kind))} if kind else {}
    document["proof"] = {
        "verified": True, "genesis": root.genesis_hash.hex(), "genesis_pinned": genesis_pinned, "chain_id": root.chain_id,
        "height": header.height, "index": verified.index, "tx_root": header.tx_root.hex(),
        "result": render.code_name(verified.result.code), "signed_by": sorted(verified.signers), "quorum": root.quorum,
        "key_changes": verified.key_changes,
    }
    if not genesis_pinned:
        document["proof"]["note"] = "the genesis is the node's own, not pinned: give --expect-genesis HASH to trust nothing the node says"
    return document


def refused_document(document: dict, refused: ProofRefused) -> dict:
    document["proof"] = {"verified": False, "reason": refused.reason, "step": refused.step, "problem": refused.problem}
    return document


def _write_atomically(path: pathlib.Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
