"""Certificates: `cets certificate get` (fetch one from a node) and `cets certificate verify` (offline).

`get` finds the transaction that recorded the subject (a cancellation by its certificate id, the
closing of an emitter's year from its compliance record), then asks the node for that
transaction's proof in its block, the latest final checkpoint, the block's path in the
checkpoint's history, the genesis and the node-key changes below the checkpoint. It frames them
into one certificate file and checks those very bytes exactly as `verify` will
(ledger/certificates.py) before writing anything: a node cannot hand out a certificate that does
not verify. What is printed as certified comes from the `VerifiedCertificate` only.
"""

from __future__ import annotations

import itertools
import pathlib

from google.protobuf.message import DecodeError

from cets.v1 import certificates_pb2, history_pb2
from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.clients.checkpoints import checkpoint_dict, write_atomically
from cets.clients.proofcheck import KEY_CHANGE_COUNT_MAX, ProofRefused, refused_document
from cets.clients.sdk import Client
from cets.ledger import crypto
from cets.ledger.certificates import VerifiedCertificate, check_certificate, encode_certificate
from cets.ledger.checkpoint import CHECKPOINT_BUNDLE_VERSION
from cets.ledger.lightclient import GENESIS_MISMATCH, KEY_CHANGE_INVALID

COMPLIANCE_NOT_CLOSED = "COMPLIANCE_NOT_CLOSED"  # the year is not closed for the emitter: nothing to certify yet
NOT_YET_IN_A_CHECKPOINT = "NOT_YET_IN_A_CHECKPOINT"  # the transaction's block is above the node's latest final checkpoint


def get_cancellation(client: Client, certificate_id: str, expect_genesis: str | None, out: pathlib.Path) -> tuple[dict, int]:
    """The document and exit status for `cets certificate get cancellation ID --out F`."""
    found = client.cancellation(certificate_id)
    subject = certificates_pb2.Certificate(cancellation_id=certificate_id)
    return _get(client, found.tx_id, subject, expect_genesis, out)


def get_compliance(client: Client, emitter_id: str, year: int, expect_genesis: str | None, out: pathlib.Path) -> tuple[dict, int]:
    """The document and exit status for `cets certificate get compliance EMITTER YEAR --out F`."""
    record = client.emitter_year(emitter_id, year).compliance
    subject = certificates_pb2.Certificate(compliance=certificates_pb2.ComplianceSubject(emitter_id=emitter_id, year=year))
    if not record.closed:
        refused = ProofRefused(COMPLIANCE_NOT_CLOSED, f"{emitter_id}'s year {year} is not closed: its status is not final yet", "subject")
        return refused_document({"emitter_id": emitter_id, "year": year}, refused), 1
    return _get(client, record.closed_tx_id, subject, expect_genesis, out)


def verify_file(path: pathlib.Path, expect_genesis: str) -> tuple[dict, int]:
    """The document and exit status for `cets certificate verify F --expect-genesis HASH`: no network."""
    try:
        verified = _verified(path.read_bytes(), bytes.fromhex(expect_genesis))
    except ProofRefused as refused:
        return refused_document({"file": str(path)}, refused), 1
    return certified_document(verified, genesis_pinned=True), 0


def _get(client: Client, tx_id: bytes, certificate: certificates_pb2.Certificate, expect_genesis: str | None,
         out: pathlib.Path) -> tuple[dict, int]:
    try:
        raw, pinned = _certificate_from_node(client, tx_id, certificate, expect_genesis)
        verified = _verified(raw, pinned)
    except ProofRefused as refused:
        return refused_document({"tx_id": tx_id.hex()}, refused), 1
    write_atomically(out, raw)
    document = certified_document(verified, genesis_pinned=expect_genesis is not None)
    document["proof"]["saved_to"] = str(out)
    return document, 0


def _certificate_from_node(client: Client, tx_id: bytes, certificate: certificates_pb2.Certificate,
                           expect_genesis: str | None) -> tuple[bytes, bytes]:
    """The certificate file bytes built from the node's answers, and the genesis hash to check them against."""
    genesis = client.genesis().genesis
    actual = crypto.genesis_hash(genesis).hex()
    if expect_genesis is not None and actual != expect_genesis:
        raise ProofRefused(GENESIS_MISMATCH, f"the node's genesis is {actual}, not {expect_genesis}", "genesis")
    view = client.transaction(tx_id, with_proof=True)
    if not view.receipt.height or not view.HasField("proof"):
        raise ProofRefused(NOT_YET_IN_A_CHECKPOINT, f"transaction {tx_id.hex()} is not in a block the node proves")
    height = view.receipt.height
    checkpoint = client.checkpoint(0)
    size = _claimed_size(checkpoint)
    if size < height:
        raise ProofRefused(NOT_YET_IN_A_CHECKPOINT, f"its block {height} is above the latest final checkpoint ({size}): "
                                                    "try again once it is final")
    path = client.block_inclusion_proof(height, size).hashes if size > height else []
    changes = list(itertools.islice(client.node_key_changes(1, size - 1), KEY_CHANGE_COUNT_MAX + 1)) if size > 1 else []
    if len(changes) > KEY_CHANGE_COUNT_MAX:
        raise ProofRefused(KEY_CHANGE_INVALID, f"the node lists more than {KEY_CHANGE_COUNT_MAX} node-key changes")
    proof = pb.TxInclusionProof()
    proof.CopyFrom(view.proof)
    proof.ClearField("signatures")  # the checkpoint's quorum covers the header: a certificate carries nothing unchecked
    certificate.checkpoint.CopyFrom(history_pb2.CheckpointBundle(version=CHECKPOINT_BUNDLE_VERSION, genesis=genesis, key_changes=changes,
                                                                 checkpoint=checkpoint))
    certificate.transaction.CopyFrom(proofs_pb2.ProvenTx(tx=view.tx, index=view.receipt.index, proof=proof))
    certificate.block_path.extend(path)
    return encode_certificate(certificate), bytes.fromhex(expect_genesis or actual)


def _claimed_size(checkpoint: history_pb2.Checkpoint) -> int:
    """Only to know which proofs to ask for: the check reads the signed bytes again."""
    try:
        return pb.BlockHeader.FromString(checkpoint.header).history_size
    except DecodeError:
        return 0


def _verified(raw: bytes, pinned: bytes) -> VerifiedCertificate:
    verdict = check_certificate(raw, pinned)
    if verdict.verified is None:
        raise ProofRefused(verdict.error.reason, str(verdict.error), verdict.error.step)
    return verdict.verified


def certified_document(verified: VerifiedCertificate, genesis_pinned: bool) -> dict:
    """The certified facts, then what was checked to certify them: every value from proven bytes."""
    tx, checkpoint = verified.transaction, verified.checkpoint
    in_history = "the checkpoint's own block" if tx.header.height == checkpoint.size else \
        f"leaf {tx.header.height} of the history of size {checkpoint.size}"
    document = {
        "certificate": {"kind": verified.kind, **verified.facts},
        "proof": {
            "verified": True, "genesis": checkpoint.root.genesis_hash.hex(), "genesis_pinned": genesis_pinned,
            "chain_id": checkpoint.root.chain_id, "key_changes_followed": verified.key_changes,
            "checkpoint": checkpoint_dict(checkpoint),
            "block": {"height": tx.header.height, "header_hash": tx.header_hash.hex(), "time_ms": tx.header.time_ms, "in_history": in_history},
            "transaction": {"tx_id": tx.tx_id.hex(), "index": tx.index, "result": pb.Code.Name(tx.result.code).removeprefix("CODE_"),
                            "tx_root": tx.header.tx_root.hex(), "result_root": tx.header.result_root.hex()},
            "checked": ["the genesis hashes to the pinned hash", "every node-key change followed from the genesis",
                        "the checkpoint's quorum of node signatures and its note", "the block in the checkpoint's history",
                        "the transaction and its result, leaves of the block's tx_root and result_root",
                        "the subject's event in the proven result"],
        },
    }
    if not genesis_pinned:
        document["proof"]["note"] = "the genesis is the node's own, not pinned: give --expect-genesis HASH to trust nothing the node says"
    return document
