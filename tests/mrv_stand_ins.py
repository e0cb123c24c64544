"""Stand-ins for the MRV kinds that the verification tests set up with but that other branches of
issue 8 implement (the key-emitter list, monitoring plans, emission reports, closing a year).

The verification tests always submit the real transactions of those kinds (their payloads are the
contract's); while a kind has no declaration on this branch, `install` dispatches it to a
stand-in here that stores the record the contract describes and checks nothing. Once the real
kind is merged, `install` leaves it alone and the tests run against it; this module can then go.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from cets.v1 import messages as pb
from cets.ledger import compliance, machine
from cets.ledger import tables as t
from cets.ledger.txs import KINDS
from cets.ledger.txs.common import TxContext


def _list_emitter(ctx: TxContext, payload: pb.ListEmitter) -> None:
    emitter = ctx.state.participant(payload.emitter_id)
    listing = pb.EmitterListing(emitter_id=emitter.participant_id, province=emitter.province, sector=emitter.sector,
                                from_year=payload.year, basis=payload.basis, qualifying_tonnes=payload.estimated_tonnes,
                                listed_tx_id=ctx.tx_id)
    t.LISTINGS.put(ctx.state, listing, emitter.participant_id, payload.year)
    t.LISTINGS_BY_PROVINCE.put(ctx.state, b"", emitter.province, emitter.participant_id, payload.year)


def _submit_monitoring_plan(ctx: TxContext, payload: pb.SubmitMonitoringPlan) -> None:
    plan = pb.MonitoringPlan(emitter_id=ctx.signer.participant_id, version=1, plan=payload, status=pb.PLAN_STATUS_SUBMITTED,
                             tx_id=ctx.tx_id, height=ctx.height)
    t.PLANS.put(ctx.state, plan, ctx.signer.participant_id, 1)


def _file_monitoring_plan(ctx: TxContext, payload: pb.FileMonitoringPlan) -> None:
    plan = t.PLANS.get(ctx.state, payload.emitter_id, payload.version)
    plan.status, plan.filed_tx_id = pb.PLAN_STATUS_FILED, ctx.tx_id
    t.PLANS.put(ctx.state, plan, payload.emitter_id, payload.version)


def _submit_emission_report(ctx: TxContext, payload: pb.SubmitEmissionReport) -> None:
    version = payload.amends_version + 1
    report = pb.EmissionReport(emitter_id=ctx.signer.participant_id, year=payload.year, version=version, report=payload,
                               tx_id=ctx.tx_id, submitted_ms=ctx.time_ms)
    t.REPORTS.put(ctx.state, report, ctx.signer.participant_id, payload.year, version)


def _close_compliance(ctx: TxContext, payload: pb.CloseCompliance) -> None:
    for emitter_id in payload.emitter_ids:
        record = compliance.ensure(ctx.state, ctx.state.participant(emitter_id), payload.year)
        record.closed, record.closed_tx_id = True, ctx.tx_id
        compliance.save(ctx.state, record, ctx.tx_id)


STAND_INS = {
    "list_emitter": (pb.ROLE_PROVINCE, _list_emitter),
    "submit_monitoring_plan": (pb.ROLE_KEY_EMITTER, _submit_monitoring_plan),
    "file_monitoring_plan": (pb.ROLE_PROVINCE, _file_monitoring_plan),
    "submit_emission_report": (pb.ROLE_KEY_EMITTER, _submit_emission_report),
    "close_compliance": (pb.ROLE_PROVINCE, _close_compliance),
}


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dispatch the kinds of STAND_INS that have no declaration yet to their stand-ins."""
    missing = {name: entry for name, entry in STAND_INS.items() if name not in KINDS}
    if not missing:
        return
    handlers = dict(machine.HANDLERS) | {name: handler for name, (_, handler) in missing.items()}
    signers = dict(machine.SIGNER_ROLES) | {name: frozenset({role}) for name, (role, _) in missing.items()}
    monkeypatch.setattr(machine, "HANDLERS", MappingProxyType(handlers))
    monkeypatch.setattr(machine, "SIGNER_ROLES", MappingProxyType(signers))
