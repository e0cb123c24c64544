"""The registry records CCERs of a project into an account (art. 31 decides later use as offsets)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, identity, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import SUPPLY_ISSUED
from cets.ledger.txs.common import TxContext, require_account, require_amount, require_enum, require_operation, require_vintage
from cets.ledger.txs.kind import TxKind


def record_ccer(ctx: TxContext, payload: pb.RecordCcer) -> None:
    if not payload.project_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "project_id: missing")
    if not identity.is_project_id(payload.project_id):
        raise Rejection(pb.CODE_INVALID_FIELD, f"project_id: got {payload.project_id!r}, want letters, digits, '.', '/', '-'")
    require_enum("project_type", payload.project_type, pb.ProjectType)
    require_vintage("vintage", payload.vintage, ctx.rulebook)
    require_amount("amount", payload.amount, ctx.rulebook)
    account = require_account(ctx, "to_account", payload.to_account)
    require_operation("to_account", account, authz.Operation.RECEIVE_CCER)
    project = pb.CcerProject(project_id=payload.project_id, project_type=payload.project_type, inside_covered_boundary=payload.inside_covered_boundary)
    known = ctx.state.project(payload.project_id)
    if known is not None and known != project:
        raise Rejection(pb.CODE_PROJECT_MISMATCH, f"project_id: {payload.project_id!r} is recorded with other attributes")

    if known is None:
        ctx.state.put_project(project)
    unit = pb.Unit(product=pb.PRODUCT_CCER, vintage=payload.vintage, project_id=payload.project_id)
    recorded = ctx.state.supply(SUPPLY_ISSUED, unit)
    if recorded + payload.amount > limits.unit_supply_max:
        raise Rejection(pb.CODE_AMOUNT_TOO_LARGE, f"amount: {recorded} recorded + {payload.amount} passes the supply limit {limits.unit_supply_max}")
    ctx.state.add_supply(SUPPLY_ISSUED, unit, payload.amount)
    ctx.state.add_balance(account.account_id, unit, payload.amount)
    unit = pb.Unit(product=pb.PRODUCT_CCER, vintage=payload.vintage, project_id=payload.project_id)
    ctx.emit(ccer_recorded=pb.CcerRecorded(project_id=payload.project_id, unit=unit, amount=payload.amount, to_account=account.account_id))


KINDS = (
    TxKind(name="record_ccer", domain="registry", handler=record_ccer, signers=frozenset({pb.ROLE_REGISTRY}), articles=("31",),
           summary="Record CCERs of a project and vintage into an account (the registry)."),
)
