"""Certificates: one fact of the ledger, proven offline from the pinned genesis hash alone.

A cancellation certificate (art. 15) proves a `Cancelled` record; a compliance certificate
(art. 30) the `ComplianceClosed` record of one emitter's year. Either is a `Certificate` message
(proto/cets/v1/certificates.proto) behind a small framing:

    "cets/certificate\\0" ‖ u32(version = 1) ‖ u32(length) ‖ Certificate bytes (exactly `length`)

It carries a checkpoint bundle (the genesis, the node-key changes below the checkpoint, the
checkpoint cosigned by a quorum), the transaction with its result and both audit paths in its
block, and the block's inclusion in the checkpoint's history. `verify_certificate` checks all of
it in the order of docs/protocol.md ("Certificates") and returns the certified facts, every one
read from the event inside the proven result bytes or from the proven header: nothing else in
the file is shown to a user.

Pure: bytes and a pinned hash in, a `VerifiedCertificate` out or a `LightClientError` naming the
step and a stable reason; `check_certificate` never raises on bad input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Sequence

from cets.v1 import certificates_pb2
from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.ledger.checkpoint import BLOCK_NOT_IN_HISTORY, VerifiedCheckpoint, verify_checkpoint_bundle, verify_tx_in_checkpoint
from cets.ledger.lightclient import (
    NOT_THE_DECIDING_COPY, PROOF_MALFORMED, UNSUPPORTED_VERSION, WRONG_CHAIN, LightClientError, VerifiedTx, body_or_none, check_leaves,
    parse_strict,
)
from cets.ledger.machine import raw_tx_id
from cets.ledger.txs.registry.cancel import certificate_id as cancellation_certificate_id

MAGIC = b"cets/certificate\0"
CERTIFICATE_VERSION = 1
_FRAME = struct.Struct(">II")  # version, length
HEADER_BYTES = len(MAGIC) + _FRAME.size
CERTIFICATE_BYTES_MAX = 64 * 1024 * 1024  # a certificate of a chain with many key changes is still far below this

CANCELLATION = "cancellation"
COMPLIANCE = "compliance"

# Stable reasons of a refusal, beside those of ledger/lightclient.py and ledger/checkpoint.py.
NOT_A_CERTIFICATE = "NOT_A_CERTIFICATE"  # the file does not begin with the certificate magic
CERTIFICATE_TRUNCATED = "CERTIFICATE_TRUNCATED"  # fewer bytes than the framing announces
CERTIFICATE_TRAILING_BYTES = "CERTIFICATE_TRAILING_BYTES"  # more bytes than the framing announces
CERTIFIED_TX_REJECTED = "CERTIFIED_TX_REJECTED"  # the transaction proven was judged, but not applied: it certifies nothing
CERTIFICATE_WRONG_KIND = "CERTIFICATE_WRONG_KIND"  # the transaction is not of the kind that records the subject
SUBJECT_NOT_CERTIFIED = "SUBJECT_NOT_CERTIFIED"  # the proven result records no event of the certificate's subject


@dataclass(frozen=True)
class VerifiedCertificate:
    """A certificate proven from the genesis: print from here and nowhere else."""

    kind: str  # CANCELLATION or COMPLIANCE
    facts: dict  # the certified facts, read from the proven event and header
    transaction: VerifiedTx
    checkpoint: VerifiedCheckpoint
    key_changes: int  # node-key changes followed from the genesis


@dataclass(frozen=True)
class CertificateVerdict:
    """What `check_certificate` found: `verified` when it holds, else `error`."""

    verified: VerifiedCertificate | None
    error: LightClientError | None


def encode_certificate(certificate: certificates_pb2.Certificate) -> bytes:
    """The file bytes of a certificate: the framing, then the message's canonical bytes."""
    body = certificate.SerializeToString(deterministic=True)
    return MAGIC + _FRAME.pack(CERTIFICATE_VERSION, len(body)) + body


def decode_certificate(raw: bytes) -> certificates_pb2.Certificate:
    """The certificate message of file bytes, read strictly; refuses a bad framing with its reason."""
    step = "file"
    if len(raw) > CERTIFICATE_BYTES_MAX:
        raise LightClientError(PROOF_MALFORMED, step, f"{len(raw)} bytes, a certificate is at most {CERTIFICATE_BYTES_MAX}")
    if raw[:len(MAGIC)] != MAGIC[:len(raw)]:  # a prefix of the magic is a truncated certificate, below
        raise LightClientError(NOT_A_CERTIFICATE, step, f"does not begin with {MAGIC!r}: not a cets certificate")
    if len(raw) < HEADER_BYTES:
        raise LightClientError(CERTIFICATE_TRUNCATED, step, f"{len(raw)} bytes, shorter than the {HEADER_BYTES}-byte framing")
    version, length = _FRAME.unpack_from(raw, len(MAGIC))
    if version != CERTIFICATE_VERSION:
        raise LightClientError(UNSUPPORTED_VERSION, step, f"version {version}, this verifier reads {CERTIFICATE_VERSION}")
    body = raw[HEADER_BYTES:]
    if len(body) < length:
        raise LightClientError(CERTIFICATE_TRUNCATED, step, f"the framing announces {length} bytes, {len(body)} follow")
    if len(body) > length:
        raise LightClientError(CERTIFICATE_TRAILING_BYTES, step, f"the framing announces {length} bytes, {len(body)} follow")
    certificate = parse_strict(certificates_pb2.Certificate, body, "certificate", "certificate")
    for name in ("checkpoint", "transaction"):
        if not certificate.HasField(name):
            raise LightClientError(PROOF_MALFORMED, "certificate", f"{name}: missing")
    if certificate.WhichOneof("subject") is None:
        raise LightClientError(PROOF_MALFORMED, "certificate", "subject: missing (a cancellation id or an emitter and year)")
    return certificate


def verify_certificate(raw: bytes, pinned_genesis_hash: bytes) -> VerifiedCertificate:
    """Check certificate file bytes from the pinned genesis hash alone, in the order of
    docs/protocol.md: framing, the checkpoint, the transaction in it, then the subject's event."""
    certificate = decode_certificate(raw)
    bundle = certificate.checkpoint.SerializeToString(deterministic=True)  # canonical: the whole was parsed strictly
    checkpoint = verify_checkpoint_bundle(bundle, pinned_genesis_hash)
    verified = _transaction(checkpoint, certificate.transaction, certificate.block_path)
    if verified.result.code != pb.CODE_OK:
        raise LightClientError(CERTIFIED_TX_REJECTED, "transaction",
                               f"its result is {pb.Code.Name(verified.result.code)}: it recorded nothing")
    if certificate.WhichOneof("subject") == "cancellation_id":
        kind, facts = CANCELLATION, _cancellation(verified, certificate.cancellation_id)
    else:
        kind, facts = COMPLIANCE, _compliance(verified, certificate.compliance)
    return VerifiedCertificate(kind=kind, facts=facts, transaction=verified, checkpoint=checkpoint,
                               key_changes=len(certificate.checkpoint.key_changes))


def check_certificate(raw: bytes, pinned_genesis_hash: bytes) -> CertificateVerdict:
    """Like `verify_certificate`, but returns the verdict instead of raising on a bad certificate."""
    try:
        return CertificateVerdict(verified=verify_certificate(raw, pinned_genesis_hash), error=None)
    except LightClientError as error:
        return CertificateVerdict(verified=None, error=error)


def _transaction(checkpoint: VerifiedCheckpoint, proven: proofs_pb2.ProvenTx, block_path: Sequence[bytes]) -> VerifiedTx:
    """The transaction proven in the checkpoint: its block a leaf of the checkpoint's history, or
    the checkpoint's own block (then its header is the checkpoint's header, byte for byte)."""
    step = "transaction"
    if proven.proof.signatures:
        raise LightClientError(PROOF_MALFORMED, step, "proof.signatures: a certificate's transaction carries none, "
                               "the checkpoint's quorum covers its header")
    header = parse_strict(pb.BlockHeader, proven.proof.header, step, "header")
    if header.chain_id != checkpoint.root.chain_id:
        raise LightClientError(WRONG_CHAIN, step, f"header: chain {header.chain_id!r}, want {checkpoint.root.chain_id!r}")
    if header.height != checkpoint.size:
        return verify_tx_in_checkpoint(checkpoint, proven, block_path, step)
    if proven.proof.header != checkpoint.checkpoint.header or block_path:
        raise LightClientError(BLOCK_NOT_IN_HISTORY, step, f"block {header.height} is the checkpoint's size: it must be the "
                               "checkpoint's own header, with no history path")
    result = check_leaves(proven, header, step)
    if result.code == pb.CODE_DUPLICATE_TX:
        raise LightClientError(NOT_THE_DECIDING_COPY, step, "a later copy of the transaction in a block: its first copy decides")
    return VerifiedTx(root=checkpoint.root, tx_id=raw_tx_id(proven.tx), tx=proven.tx, body=body_or_none(proven.tx), index=proven.index,
                      header=header, header_hash=checkpoint.header_hash, result=result, signers=checkpoint.signers, key_changes=0)


def _require_kind(verified: VerifiedTx, kind: str) -> None:
    actual = verified.body.WhichOneof("payload") if verified.body is not None else None
    if actual != kind:
        raise LightClientError(CERTIFICATE_WRONG_KIND, "subject", f"the transaction is a {actual or 'malformed transaction'}, not a {kind}")


def _events(verified: VerifiedTx, field: str) -> list:
    return [getattr(event, field) for event in verified.result.events if event.WhichOneof("event") == field]


def _cancellation(verified: VerifiedTx, wanted: str) -> dict:
    """The facts of a cancellation certificate: its `Cancelled` event, named by the certificate id
    the ledger derives from the transaction id."""
    _require_kind(verified, "cancel")
    derived = cancellation_certificate_id(verified.tx_id)
    if wanted != derived:
        raise LightClientError(SUBJECT_NOT_CERTIFIED, "subject", f"certificate {wanted!r}, the transaction proven records {derived!r}")
    found = [event for event in _events(verified, "cancelled") if event.certificate_id == wanted]
    if len(found) != 1:
        raise LightClientError(SUBJECT_NOT_CERTIFIED, "subject", f"the proven result records {len(found)} cancellation(s) {wanted!r}, want 1")
    event = found[0]
    return {"certificate_id": event.certificate_id, "holder": event.holder, "account_id": event.account_id,
            "beneficiary": event.beneficiary, "purpose": event.purpose, "unit": _unit(event.unit), "amount_tonnes": event.amount,
            "time_ms": event.time_ms, "height": event.height, "tx_id": verified.tx_id.hex()}


def _compliance(verified: VerifiedTx, subject: certificates_pb2.ComplianceSubject) -> dict:
    """The facts of a compliance certificate: the subject's `ComplianceClosed` event in the
    closing transaction's proven result."""
    _require_kind(verified, "close_compliance")
    found = [event for event in _events(verified, "compliance_closed") if (event.emitter_id, event.year) == (subject.emitter_id, subject.year)]
    if len(found) != 1:
        raise LightClientError(SUBJECT_NOT_CERTIFIED, "subject", f"the proven result records {len(found)} closing(s) of "
                               f"{subject.emitter_id!r} for {subject.year}, want 1")
    event = found[0]
    return {"emitter_id": event.emitter_id, "year": event.year, "obligation_tonnes": event.obligation_tonnes,
            "surrendered_allowances": event.surrendered_allowances, "surrendered_ccers": event.surrendered_ccers,
            "surrendered_tonnes": event.surrendered_allowances + event.surrendered_ccers,
            "status": pb.ComplianceStatus.Name(event.status).removeprefix("COMPLIANCE_STATUS_"), "shortfall_tonnes": event.shortfall_tonnes,
            "closed_time_ms": verified.header.time_ms, "height": verified.header.height, "tx_id": verified.tx_id.hex()}


def _unit(unit: pb.Unit) -> dict:
    return {"product": pb.Product.Name(unit.product).removeprefix("PRODUCT_"), "vintage": unit.vintage, "project_id": unit.project_id}

