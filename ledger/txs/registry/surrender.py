"""Surrender for compliance year Y (art. 30) with CCER offsets within their cap (art. 31).

Only a listed emitter surrenders (art. 5), only toward a year still open (closing makes the status
final), only vintages the rulebook counts for the year, and CCERs only of eligible projects and up
to the cap; 1 CCER = 1 t. Each surrender adds to the emitter's compliance record for the year.
"""

from __future__ import annotations

from collections import defaultdict

from cets.v1 import messages as pb
from cets.ledger import authz, compliance, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import SUPPLY_SURRENDERED, unit_key
from cets.ledger.txs.common import (
    TxContext, require_amount, require_balance, require_operation, require_unit,
    require_vintage,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.compliance_checks import require_listed, require_not_closed
from cets.ledger.txs.supervision.restrictions import require_allowed


def _check_vintage(ctx: TxContext, name: str, unit: pb.Unit, year: int) -> None:
    """Arts. 30-31: allowances of the vintages the rulebook counts for the year (banking, never
    borrowing; the 2025 conversion rule as a rulebook version); CCERs of the year or earlier."""
    if unit.product == pb.PRODUCT_CCER:
        oldest, newest = ctx.rulebook.vintage_min, year
    else:
        oldest, newest = compliance.eligible_allowance_vintages(ctx.rulebook, year)
    if not oldest <= unit.vintage <= newest:
        raise Rejection(pb.CODE_VINTAGE_NOT_ELIGIBLE, f"{name}.vintage: got {unit.vintage}, want {oldest}..{newest} for compliance year {year}")


def _check_item(ctx: TxContext, name: str, item: pb.SurrenderItem, year: int) -> None:
    require_unit(ctx, f"{name}.unit", item.unit)
    require_amount(f"{name}.amount", item.amount, ctx.rulebook)
    _check_vintage(ctx, f"{name}.unit", item.unit, year)
    if item.unit.product == pb.PRODUCT_CCER:
        project = ctx.state.project(item.unit.project_id)
        if project.project_type not in authz.OFFSET_PROJECT_TYPES or project.inside_covered_boundary:
            raise Rejection(pb.CODE_OFFSET_PROJECT_INELIGIBLE, f"{name}.unit.project_id: {project.project_id!r} may not offset (art. 31)")


def _check_offset_cap(ctx: TxContext, emitter_id: str, year: int, offsets: int) -> None:
    """Art. 31: CCERs (earlier ones of the year included) cover at most the rulebook's share of its
    base; with no figure yet the cap is zero, so no CCER is surrendered ahead of the figure."""
    if offsets == 0:
        return
    cap, base = compliance.offset_cap(ctx.state, ctx.rulebook, emitter_id, year)
    total = offsets + ctx.state.offsets_surrendered(emitter_id, year)
    if total > cap:
        raise Rejection(pb.CODE_OFFSET_CAP_EXCEEDED, f"items: {total} CCER offsets for the year, cap {cap} ({base})")


def surrender(ctx: TxContext, payload: pb.Surrender) -> None:
    emitter = ctx.signer
    year = payload.compliance_year
    require_vintage("compliance_year", year, ctx.rulebook)
    if not payload.items:
        raise Rejection(pb.CODE_MISSING_FIELD, "items: missing")
    if len(payload.items) > limits.surrender_item_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"items: got {len(payload.items)}, want at most {limits.surrender_item_count_max}")
    account = ctx.state.account(emitter.account_id)
    require_operation("account", account, authz.Operation.SURRENDER_FROM)
    require_allowed(ctx, "account", emitter.participant_id, account.account_id, pb.RESTRICTED_OPERATION_SURRENDER)  # arts. 45, 47
    needed: dict[bytes, tuple[pb.Unit, int]] = {}
    totals: dict[bytes, int] = defaultdict(int)
    for index, item in enumerate(payload.items):
        _check_item(ctx, f"items[{index}]", item, year)
        key = unit_key(item.unit)
        totals[key] += item.amount
        needed[key] = (item.unit, totals[key])
    require_listed(ctx, "compliance_year", emitter.participant_id, year)
    require_not_closed(ctx, "compliance_year", emitter.participant_id, year)  # art. 30: the status is final
    _check_offset_cap(ctx, emitter.participant_id, year, sum(amount for unit, amount in needed.values() if unit.product == pb.PRODUCT_CCER))
    for unit, amount in needed.values():
        require_balance(ctx, account.account_id, unit, amount)

    for unit, amount in needed.values():
        ctx.state.add_balance(account.account_id, unit, -amount)
        ctx.state.add_supply(SUPPLY_SURRENDERED, unit, amount)
        ctx.state.add_surrendered(emitter.participant_id, emitter.province, year, unit, amount)
        compliance.add_surrendered(ctx.state, emitter, year, unit, amount, ctx.tx_id)
        ctx.emit(surrendered=pb.Surrendered(emitter_id=emitter.participant_id, province=emitter.province, compliance_year=year,
                                            unit=unit, amount=amount))


KINDS = (
    TxKind(name="surrender", domain="registry", handler=surrender, signers=frozenset({pb.ROLE_KEY_EMITTER}), articles=("30", "31"),
           summary="Surrender eligible allowances (and CCERs within the offset cap) toward an open compliance year of a listed emitter.",
           cli=Cli(command="surrender", help="surrender allowances of one vintage for a compliance year (several lines: --file)",
                   flags={"year": "compliance_year", "vintage": "items[].unit.vintage", "amount": "items[].amount"},
                   fixed={"items[].unit.product": "PRODUCT_CEA"})),
)
