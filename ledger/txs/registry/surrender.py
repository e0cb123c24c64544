"""Surrender for compliance year Y (art. 30) with CCER offsets within their cap (art. 31)."""

from __future__ import annotations

from collections import defaultdict

from cets.v1 import messages as pb
from cets.ledger import authz, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import SUPPLY_SURRENDERED, unit_key
from cets.ledger.txs.common import (
    TxContext, require_amount, require_balance, require_operation, require_unit,
    require_vintage,
)
from cets.ledger.txs.kind import Cli, TxKind


def _check_item(ctx: TxContext, name: str, item: pb.SurrenderItem, year: int) -> None:
    require_unit(ctx, f"{name}.unit", item.unit)
    require_amount(f"{name}.amount", item.amount, ctx.rulebook)
    if item.unit.vintage > year:
        # art. 30: a year's obligation is met with allowances of that year or earlier (banking),
        # never with a later vintage (no borrowing).
        raise Rejection(pb.CODE_VINTAGE_NOT_ELIGIBLE, f"{name}.unit.vintage: got {item.unit.vintage}, want <= compliance year {year}")
    if item.unit.product == pb.PRODUCT_CCER:
        project = ctx.state.project(item.unit.project_id)
        if project.project_type not in authz.OFFSET_PROJECT_TYPES or project.inside_covered_boundary:
            raise Rejection(pb.CODE_OFFSET_PROJECT_INELIGIBLE, f"{name}.unit.project_id: {project.project_id!r} may not offset (art. 31)")


def _check_offset_cap(ctx: TxContext, emitter_id: str, year: int, offsets: int) -> None:
    """Art. 31: CCERs cover at most offset_cap_bps of verified emissions.

    Verified emissions enter the state with the MRV record; until a year's figure is verified the
    cap is zero, so no CCER can be surrendered ahead of verification.
    """
    if offsets == 0:
        return
    verified = ctx.state.verified_emissions(emitter_id, year)
    cap = verified * ctx.rulebook.offset_cap_bps // 10_000
    if offsets > cap:
        raise Rejection(pb.CODE_OFFSET_CAP_EXCEEDED, f"items: {offsets} CCER offsets, cap {cap} ({ctx.rulebook.offset_cap_bps} bps of verified emissions {verified})")


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
    needed: dict[bytes, tuple[pb.Unit, int]] = {}
    totals: dict[bytes, int] = defaultdict(int)
    for index, item in enumerate(payload.items):
        _check_item(ctx, f"items[{index}]", item, year)
        key = unit_key(item.unit)
        totals[key] += item.amount
        needed[key] = (item.unit, totals[key])
    offsets = sum(amount for unit, amount in needed.values() if unit.product == pb.PRODUCT_CCER)
    _check_offset_cap(ctx, emitter.participant_id, year, offsets + ctx.state.offsets_surrendered(emitter.participant_id, year))
    for unit, amount in needed.values():
        require_balance(ctx, account.account_id, unit, amount)

    for unit, amount in needed.values():
        ctx.state.add_balance(account.account_id, unit, -amount)
        ctx.state.add_supply(SUPPLY_SURRENDERED, unit, amount)
        ctx.state.add_surrendered(emitter.participant_id, emitter.province, year, unit, amount)
        ctx.emit(surrendered=pb.Surrendered(emitter_id=emitter.participant_id, province=emitter.province, compliance_year=year,
                                            unit=unit, amount=amount))


KINDS = (
    TxKind(name="surrender", domain="registry", handler=surrender, signers=frozenset({pb.ROLE_KEY_EMITTER}), articles=("30", "31"),
           summary="Surrender allowances (and CCERs within the offset cap) for a compliance year, to the emitter's province.",
           cli=Cli(command="surrender", help="surrender allowances of one vintage for a compliance year (several lines: --file)",
                   flags={"year": "compliance_year", "vintage": "items[].unit.vintage", "amount": "items[].amount"},
                   fixed={"items[].unit.product": "PRODUCT_CEA"})),
)
