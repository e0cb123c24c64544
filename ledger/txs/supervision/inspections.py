"""On-site inspections of key emitters (arts. 33-34): recorded by the ministry, the emitter's
province, or a city under a delegation of the inspections task; never edited."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_enum, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_sha256
from cets.ledger.txs.supervision.tiers import acting_for_province


def require_optional_year(name: str, year: int) -> None:
    if not 0 <= year <= limits.vintage_year_max:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {year}, want 0 (none) or 1..{limits.vintage_year_max}")


def record_inspection(ctx: TxContext, payload: pb.RecordInspection) -> None:
    """Arts. 33-34: an inspection of one emitter, its outcome and the report's SHA-256."""
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_optional_year("year", payload.year)
    require_enum("outcome", payload.outcome, pb.InspectionOutcome)
    require_text("findings", payload.findings)
    require_sha256("document_sha256", payload.document_sha256)
    delegation_id = acting_for_province(ctx, pb.SUPERVISION_TASK_INSPECTIONS, emitter)

    inspection = pb.Inspection(inspection_id=ctx.tx_id, province=emitter.province, inspected_by=ctx.signer.participant_id,
                               delegation_id=delegation_id, inspection=payload, height=ctx.height, recorded_ms=ctx.time_ms)
    t.INSPECTIONS.put(ctx.state, inspection, emitter.participant_id, ctx.tx_id)
    ctx.emit(inspection_recorded=pb.InspectionRecorded(inspection_id=ctx.tx_id, emitter_id=emitter.participant_id,
                                                       inspected_by=ctx.signer.participant_id, outcome=payload.outcome))


KINDS = (
    TxKind(name="record_inspection", domain="supervision", handler=record_inspection,
           signers=frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE, pb.ROLE_CITY}), articles=("4", "32", "33", "34"),
           summary="A regulator records an on-site inspection of a key emitter (a city only under a delegation of inspections).",
           cli=Cli(command="inspect", help="record an on-site inspection of an emitter (arts. 33-34)",
                   flags={"emitter": "emitter_id", "year": "year", "outcome": "outcome", "findings": "findings",
                          "document": "document_sha256"}, optional=frozenset({"year"}))),
)
