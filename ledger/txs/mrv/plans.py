"""Monitoring plans (arts. 24-25): the emitter submits versions, its province files them.

Each submission is a new version (1, 2, ...) that supersedes the one before; a major change
(art. 25) is a version flagged as such, which reaches the province the same way. The province
files the latest version only. The plan document stays off the ledger: its SHA-256 is recorded.
History is kept and never edited; only a version's status moves (submitted, filed, superseded).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import versions
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_enum, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_sha256
from cets.ledger.txs.supervision.tiers import acting_for_province


def submit_monitoring_plan(ctx: TxContext, payload: pb.SubmitMonitoringPlan) -> None:
    """Arts. 24-25: any registered key emitter submits its plan; the new version supersedes the last."""
    emitter_id = ctx.signer.participant_id
    require_sha256("document_sha256", payload.document_sha256)
    require_enum("method", payload.method, pb.MonitoringMethod)
    require_text("summary", payload.summary, required=False)

    previous = versions.latest(t.PLANS, ctx.state, emitter_id)
    if previous is not None:
        previous.status = pb.PLAN_STATUS_SUPERSEDED
        t.PLANS.put(ctx.state, previous, emitter_id, previous.version)
    version = previous.version + 1 if previous is not None else 1
    plan = pb.MonitoringPlan(emitter_id=emitter_id, version=version, plan=payload, status=pb.PLAN_STATUS_SUBMITTED, tx_id=ctx.tx_id,
                             height=ctx.height)
    t.PLANS.put(ctx.state, plan, emitter_id, version)
    ctx.emit(monitoring_plan_recorded=pb.MonitoringPlanRecorded(emitter_id=emitter_id, version=version, status=pb.PLAN_STATUS_SUBMITTED,
                                                                major_change=payload.major_change))


def file_monitoring_plan(ctx: TxContext, payload: pb.FileMonitoringPlan) -> None:
    """Art. 24: the emitter's province, or a city it delegated plans to (art. 32), files its latest plan version."""
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    acting_for_province(ctx, pb.SUPERVISION_TASK_MONITORING_PLANS, emitter)
    require_text("note", payload.note, required=False)
    latest = versions.latest(t.PLANS, ctx.state, emitter.participant_id)
    if latest is None:
        raise Rejection(pb.CODE_PLAN_MISSING, f"emitter_id: {emitter.participant_id!r} has submitted no monitoring plan")
    if payload.version != latest.version:
        raise Rejection(pb.CODE_NOT_LATEST_VERSION, f"version: got {payload.version}, want the latest, {latest.version}")
    if latest.status == pb.PLAN_STATUS_FILED:
        raise Rejection(pb.CODE_PLAN_MISSING, f"version: {latest.version} is filed already; no version is waiting to be filed")

    latest.status = pb.PLAN_STATUS_FILED
    latest.filed_tx_id = ctx.tx_id
    t.PLANS.put(ctx.state, latest, emitter.participant_id, latest.version)
    ctx.emit(monitoring_plan_recorded=pb.MonitoringPlanRecorded(emitter_id=emitter.participant_id, version=latest.version,
                                                                status=pb.PLAN_STATUS_FILED, major_change=latest.plan.major_change))


KINDS = (
    TxKind(name="submit_monitoring_plan", domain="mrv", handler=submit_monitoring_plan, signers=frozenset({pb.ROLE_KEY_EMITTER}),
           articles=("24", "25"), summary="An emitter submits a new version of its monitoring plan (a major change flagged); it supersedes the last.",
           cli=Cli(command="submit-plan", help="submit a monitoring plan version by its document's SHA-256 (arts. 24-25)",
                   flags={"document": "document_sha256", "method": "method", "measures-fuel-ncv": "measures_fuel_ncv",
                          "measures-carbon-content": "measures_carbon_content", "major-change": "major_change", "summary": "summary"},
                   optional=frozenset({"measures-fuel-ncv", "measures-carbon-content", "major-change", "summary"}))),
    TxKind(name="file_monitoring_plan", domain="mrv", handler=file_monitoring_plan, signers=frozenset({pb.ROLE_PROVINCE, pb.ROLE_CITY}),
           articles=("24", "32"),
           summary="A province, or a city under a delegation of monitoring plans, files the latest monitoring plan version of an emitter.",
           cli=Cli(command="file-plan", help="file an emitter's latest monitoring plan version (art. 24)",
                   flags={"emitter": "emitter_id", "version": "version", "note": "note"}, optional=frozenset({"note"}))),
)
