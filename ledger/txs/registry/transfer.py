"""Move units between accounts whose kinds allow it (art. 14), signed by the source's holder.

A protected source (`protections.py`, EU Union Registry; DESIGN §8) adds three rules: under four
eyes two of the holder's keys sign; to an account outside its trusted list the amount is capped
and the transfer is held (`held.py`) instead of executed. An unprotected source reads nothing more.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import (
    TxContext, move, require_account, require_amount, require_balance,
    require_holder, require_operation, require_text, require_unit,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.registry import held, protections
from cets.ledger.txs.supervision.restrictions import require_allowed


def transfer(ctx: TxContext, payload: pb.Transfer) -> None:
    source = require_account(ctx, "from_account", payload.from_account)
    destination = require_account(ctx, "to_account", payload.to_account)
    if source.account_id == destination.account_id:
        raise Rejection(pb.CODE_INVALID_FIELD, "to_account: equals from_account")
    require_holder(ctx, "from_account", source)
    require_allowed(ctx, "from_account", source.holder, source.account_id, pb.RESTRICTED_OPERATION_TRANSFER_OUT)  # arts. 45, 47, 49
    protection = protections.protection_of(ctx, source)  # None: unprotected, the bare path
    if protection is not None:
        protections.require_four_eyes(ctx, "from_account", protection)
    require_operation("from_account", source, authz.Operation.TRANSFER_OUT)
    require_operation("to_account", destination, authz.Operation.TRANSFER_IN)
    if (source.kind, destination.kind) not in authz.TRANSFER_ROUTES:
        raise Rejection(
            pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION,
            f"to_account: no transfer from {pb.AccountKind.Name(source.kind)} to {pb.AccountKind.Name(destination.kind)}",
        )
    require_unit(ctx, "unit", payload.unit)
    require_amount("amount", payload.amount, ctx.rulebook)
    require_text("memo", payload.memo, limits.text_chars_max, required=False)
    hold = protection is not None and protections.must_hold(ctx, "amount", protection, destination.account_id, payload.amount)
    require_balance(ctx, source.account_id, payload.unit, payload.amount)
    if hold:
        held.hold(ctx, protection, payload)
        return
    move(ctx, source.account_id, destination.account_id, payload.unit, payload.amount)
    ctx.emit(transferred=pb.Transferred(from_account=source.account_id, to_account=destination.account_id, unit=payload.unit,
                                        amount=payload.amount))


KINDS = (
    TxKind(name="transfer", domain="registry", handler=transfer, signers=authz.HOLDERS | {pb.ROLE_MINISTRY},
           articles=("12-13", "14"), summary="Move units between two accounts whose kinds allow the route.",
           cli=Cli(command="transfer", help="transfer allowances between accounts",
                   flags={"from": "from_account", "to": "to_account", "vintage": "unit.vintage", "amount": "amount", "memo": "memo"},
                   fixed={"unit.product": "PRODUCT_CEA"}, optional=frozenset({"memo"}))),
)
