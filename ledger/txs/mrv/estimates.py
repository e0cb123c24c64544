"""A province's estimate of an emitter's emissions (art. 43): after a missing or false report,
once the report deadline has passed, the estimate becomes the year's obligation.

A verified figure wins: no estimate once the year is verified (a later verification replaces an
estimate through `compliance.set_obligation`). A revised estimate replaces the earlier one in
ESTIMATES; the compliance record names both transactions, and the chain keeps both.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import compliance, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import (
    TxContext, require_amount, require_emitter, require_own_province, require_text, require_vintage,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.compliance_checks import require_deadline_passed, require_listed, require_not_closed


def estimate_emissions(ctx: TxContext, payload: pb.EstimateEmissions) -> None:
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_own_province(ctx, "emitter_id", emitter.province)
    require_vintage("year", payload.year, ctx.rulebook)
    require_amount("tonnes", payload.tonnes, ctx.rulebook)
    require_text("basis", payload.basis, limits.text_chars_max)
    require_listed(ctx, "emitter_id", emitter.participant_id, payload.year)
    require_deadline_passed(ctx, "year", payload.year, ctx.rulebook.report_due, "the emission report")
    require_not_closed(ctx, "year", emitter.participant_id, payload.year)
    figures = compliance.record(ctx.state, emitter.participant_id, payload.year)
    verified = figures is not None and figures.obligation_basis == pb.OBLIGATION_BASIS_VERIFIED
    if verified or t.VERIFICATIONS.get(ctx.state, emitter.participant_id, payload.year, 1) is not None:
        raise Rejection(pb.CODE_VERIFICATION_EXISTS, f"year: {payload.year} of {emitter.participant_id!r} is verified: a verified figure wins (art. 43)")

    estimate = pb.EmissionsEstimate(emitter_id=emitter.participant_id, estimate=payload, tx_id=ctx.tx_id, height=ctx.height)
    t.ESTIMATES.put(ctx.state, estimate, emitter.participant_id, payload.year)
    compliance.set_obligation(ctx.state, emitter, payload.year, payload.tonnes, pb.OBLIGATION_BASIS_ESTIMATED, 0, ctx.tx_id)
    ctx.emit(emissions_estimated=pb.EmissionsEstimated(emitter_id=emitter.participant_id, year=payload.year, tonnes=payload.tonnes))


KINDS = (
    TxKind(name="estimate_emissions", domain="mrv", handler=estimate_emissions, signers=frozenset({pb.ROLE_PROVINCE}), articles=("43",),
           summary="A province estimates a listed emitter's emissions after the report deadline, with no verification; the estimate becomes the obligation.",
           cli=Cli(command="estimate-emissions", help="estimate an emitter's emissions of a year after a missing or false report (art. 43)",
                   flags={"emitter": "emitter_id", "year": "year", "tonnes": "tonnes", "basis": "basis"})),
)
