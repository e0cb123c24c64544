"""Oversight of verification bodies (art. 36): the ministry, or a province, records what a review
of a body's verifications found. A province reviews bodies of its own province, or national ones
(registered by the ministry, with no province), over emitters of its own province."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_enum, require_own_province, require_participant, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_sha256


def require_verifier(ctx: TxContext, name: str, verifier_id: str) -> pb.Participant:
    verifier = require_participant(ctx, name, verifier_id)
    if verifier.role != pb.ROLE_VERIFIER:
        raise Rejection(pb.CODE_NOT_VERIFIER, f"{name}: {verifier_id!r} is {pb.Role.Name(verifier.role)}")
    if verifier.province:
        require_own_province(ctx, name, verifier.province)
    return verifier


def _require_year(year: int) -> None:
    if year == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, "year: missing")
    if not 0 < year <= limits.vintage_year_max:
        raise Rejection(pb.CODE_INVALID_FIELD, f"year: got {year}, want 1..{limits.vintage_year_max}")


def record_verifier_finding(ctx: TxContext, payload: pb.RecordVerifierFinding) -> None:
    """Art. 36: a finding on a verification body's work of a year."""
    verifier = require_verifier(ctx, "verifier_id", payload.verifier_id)
    _require_year(payload.year)
    require_enum("outcome", payload.outcome, pb.OversightOutcome)
    require_text("findings", payload.findings)
    if len(payload.emitter_ids) > limits.finding_emitter_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"emitter_ids: got {len(payload.emitter_ids)}, want at most {limits.finding_emitter_count_max}")
    for index, emitter_id in enumerate(payload.emitter_ids):
        emitter = require_emitter(ctx, f"emitter_ids[{index}]", emitter_id)
        require_own_province(ctx, f"emitter_ids[{index}]", emitter.province)
    require_sha256("document_sha256", payload.document_sha256)

    province = ctx.signer.province if ctx.signer.role == pb.ROLE_PROVINCE else ""
    finding = pb.VerifierFinding(finding_id=ctx.tx_id, recorded_by=ctx.signer.participant_id, province=province, finding=payload,
                                 height=ctx.height, recorded_ms=ctx.time_ms)
    t.VERIFIER_FINDINGS.put(ctx.state, finding, verifier.participant_id, ctx.tx_id)
    ctx.emit(verifier_finding_recorded=pb.VerifierFindingRecorded(finding_id=ctx.tx_id, verifier_id=verifier.participant_id,
                                                                  year=payload.year, outcome=payload.outcome))


KINDS = (
    TxKind(name="record_verifier_finding", domain="supervision", handler=record_verifier_finding,
           signers=frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE}), articles=("36",),
           summary="The ministry or a province records an oversight finding on a verification body's work of a year.",
           cli=Cli(command="verifier-finding", help="record an oversight finding on a verification body (art. 36)",
                   flags={"verifier": "verifier_id", "year": "year", "outcome": "outcome", "findings": "findings",
                          "emitter": "emitter_ids[]", "document": "document_sha256"}, optional=frozenset({"emitter"}))),
)
