"""Art. 9, 23: only the ministry moves units into or out of its reserve, stating the purpose."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, identity, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import cea
from cets.ledger.txs.common import (
    TxContext, move, require_account, require_amount, require_balance, require_enum,
    require_operation, require_text, require_vintage,
)
from cets.ledger.txs.kind import TxKind


_PURPOSES = {
    pb.RESERVE_DIRECTION_INTO_RESERVE: {pb.RESERVE_PURPOSE_SET_ASIDE, pb.RESERVE_PURPOSE_MARKET_ADJUSTMENT},
    pb.RESERVE_DIRECTION_OUT_OF_RESERVE: {pb.RESERVE_PURPOSE_MARKET_ADJUSTMENT, pb.RESERVE_PURPOSE_MAJOR_PROJECT},
}

def reserve_move(ctx: TxContext, payload: pb.ReserveMove) -> None:
    require_enum("direction", payload.direction, pb.ReserveDirection)
    require_enum("purpose", payload.purpose, pb.ReservePurpose)
    if payload.purpose not in _PURPOSES[payload.direction]:
        raise Rejection(pb.CODE_INVALID_FIELD, f"purpose: {pb.ReservePurpose.Name(payload.purpose)} does not fit {pb.ReserveDirection.Name(payload.direction)}")
    require_text("note", payload.note, limits.text_chars_max)
    require_vintage("vintage", payload.vintage, ctx.rulebook)
    require_amount("amount", payload.amount, ctx.rulebook)
    other = require_account(ctx, "account_id", payload.account_id)
    into = payload.direction == pb.RESERVE_DIRECTION_INTO_RESERVE
    # Units are set aside only from the ministry's or a province's accounts, never a holder's.
    require_operation("account_id", other, authz.Operation.RESERVE_SOURCE if into else authz.Operation.RESERVE_DESTINATION)
    unit = cea(payload.vintage)
    if into:
        source, destination = other.account_id, identity.RESERVE_ACCOUNT
    else:
        source, destination = identity.RESERVE_ACCOUNT, other.account_id
    require_balance(ctx, source, unit, payload.amount)
    move(ctx, source, destination, unit, payload.amount)
    ctx.emit(reserve_moved=pb.ReserveMoved(direction=payload.direction, purpose=payload.purpose, account_id=other.account_id,
                                           unit=unit, amount=payload.amount))


KINDS = (
    TxKind(name="reserve_move", domain="registry", handler=reserve_move, signers=frozenset({pb.ROLE_MINISTRY}),
           articles=("9", "23"), summary="Move units into or out of the reserve, with a purpose that fits the direction (the ministry)."),
)
