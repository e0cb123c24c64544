"""Fines (arts. 43-44): a province fines one of its emitters, for false or missing reporting or for
not surrendering, only inside the range of the rulebook in force at the block.

The draft's ranges are the genesis default (reporting 10,000-30,000 CNY, non-surrender
20,000-30,000 CNY). The 2024 Regulations' reporting range (50,000-500,000 CNY, Order 775 art. 21)
is a later rulebook version. Their non-surrender fine, 5-10 times the average allowance price of
the month before the deadline times the shortfall (art. 24), needs the market's prices, which the
ledger does not keep yet (the exchange issue): it is not modelled; a rulebook version can only
widen the fixed range.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import (
    TxContext, require_emitter, require_enum, require_own_province, require_text, require_vintage,
)
from cets.ledger.txs.kind import Cli, TxKind


def fine_range_fen(rulebook: pb.Rulebook, kind: int) -> tuple[int, int]:
    if kind == pb.FINE_KIND_REPORTING:
        return rulebook.reporting_fine_min_fen, rulebook.reporting_fine_max_fen  # art. 43
    return rulebook.surrender_fine_min_fen, rulebook.surrender_fine_max_fen  # art. 44


def impose_fine(ctx: TxContext, payload: pb.ImposeFine) -> None:
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_own_province(ctx, "emitter_id", emitter.province)
    require_vintage("year", payload.year, ctx.rulebook)
    require_enum("kind", payload.kind, pb.FineKind)
    require_text("decision_reference", payload.decision_reference, limits.name_chars_max)
    low, high = fine_range_fen(ctx.rulebook, payload.kind)
    if not low <= payload.amount_fen <= high:
        raise Rejection(pb.CODE_FINE_OUT_OF_RANGE,
                        f"amount_fen: got {payload.amount_fen}, want {low}..{high} for {pb.FineKind.Name(payload.kind)} (the rulebook in force)")

    fine = pb.Fine(fine_id=ctx.tx_id, emitter_id=emitter.participant_id, fine=payload, province=emitter.province, height=ctx.height)
    t.FINES.put(ctx.state, fine, emitter.participant_id, ctx.tx_id)
    ctx.emit(fine_imposed=pb.FineImposed(fine_id=ctx.tx_id, emitter_id=emitter.participant_id, kind=payload.kind,
                                         amount_fen=payload.amount_fen))


KINDS = (
    TxKind(name="impose_fine", domain="mrv", handler=impose_fine, signers=frozenset({pb.ROLE_PROVINCE}), articles=("43", "44"),
           summary="A province fines one of its emitters for reporting or non-surrender, within the range of the rulebook in force.",
           cli=Cli(command="fine", help="fine an emitter within the rulebook's range",
                   flags={"emitter": "emitter_id", "year": "year", "kind": "kind", "amount-fen": "amount_fen",
                          "reference": "decision_reference"})),
)
