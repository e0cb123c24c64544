"""Closing a compliance year (arts. 30, 44): after the rulebook's surrender deadline, a province
makes the status of its listed emitters final: A (surrendered at least the obligation), B with the
shortfall, or C (no verified or estimated emissions). Under the rulebook's `deduct_shortfall` a
shortfall becomes tonnes owed from the next vintage's allocation, which the allocation itself
withholds (`ledger/txs/registry/allocation.py`).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import compliance, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_own_province, require_vintage
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.compliance_checks import require_deadline_passed, require_listed, require_not_closed


def _check_emitters(ctx: TxContext, payload: pb.CloseCompliance) -> list[pb.Participant]:
    if not payload.emitter_ids:
        raise Rejection(pb.CODE_MISSING_FIELD, "emitter_ids: missing")
    if len(payload.emitter_ids) > limits.allocation_entry_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"emitter_ids: got {len(payload.emitter_ids)}, want at most {limits.allocation_entry_count_max}")
    if len(set(payload.emitter_ids)) != len(payload.emitter_ids):
        raise Rejection(pb.CODE_INVALID_FIELD, "emitter_ids: an emitter named twice")
    emitters = []
    for index, emitter_id in enumerate(payload.emitter_ids):
        name = f"emitter_ids[{index}]"
        emitter = require_emitter(ctx, name, emitter_id)
        require_own_province(ctx, name, emitter.province)
        require_listed(ctx, name, emitter_id, payload.year)
        require_not_closed(ctx, name, emitter_id, payload.year)
        emitters.append(emitter)
    return emitters


def _close(ctx: TxContext, emitter: pb.Participant, year: int) -> None:
    figures = compliance.ensure(ctx.state, emitter, year)
    figures.closed = True
    figures.closed_tx_id = ctx.tx_id
    figures = compliance.save(ctx.state, figures, ctx.tx_id)
    # The figures as closed, in the event: a compliance certificate proves them from the result bytes (art. 30).
    ctx.emit(compliance_closed=pb.ComplianceClosed(emitter_id=emitter.participant_id, year=year, status=figures.status,
                                                   shortfall_tonnes=figures.shortfall_tonnes, obligation_tonnes=figures.obligation_tonnes,
                                                   surrendered_allowances=figures.surrendered_allowances,
                                                   surrendered_ccers=figures.surrendered_ccers))
    if ctx.rulebook.deduct_shortfall and figures.shortfall_tonnes > 0:
        # Art. 44: an unpaid shortfall is deducted from the next year's allocation.
        compliance.owe_from_allocation(ctx.state, emitter.participant_id, year + 1, figures.shortfall_tonnes, year)


def close_compliance(ctx: TxContext, payload: pb.CloseCompliance) -> None:
    require_vintage("year", payload.year, ctx.rulebook)
    require_deadline_passed(ctx, "year", payload.year, ctx.rulebook.surrender_due, "surrender")
    emitters = _check_emitters(ctx, payload)

    for emitter in emitters:
        _close(ctx, emitter, payload.year)


KINDS = (
    TxKind(name="close_compliance", domain="mrv", handler=close_compliance, signers=frozenset({pb.ROLE_PROVINCE}), articles=("30", "44"),
           summary="A province closes a compliance year for its listed emitters after the surrender deadline: each status becomes final (A, B or C) and a shortfall is owed from the next vintage's allocation.",
           cli=Cli(command="close-compliance", help="close a compliance year for one emitter (several: --file)",
                   flags={"year": "year", "emitter": "emitter_ids[]"})),
)
