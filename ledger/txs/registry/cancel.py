"""Voluntary cancellation (art. 15): units leave circulation for ever, with a public certificate."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, limits
from cets.ledger import tables as t
from cets.ledger.state import SUPPLY_CANCELLED
from cets.ledger.txs.common import (
    TxContext, require_account, require_amount, require_balance, require_holder,
    require_operation, require_text, require_unit,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.supervision.restrictions import require_allowed


def certificate_id(tx_id: bytes) -> str:
    """Derived from the transaction id, so every replica and auditor names it alike."""
    return "CX-" + tx_id[:10].hex().upper()


def cancel(ctx: TxContext, payload: pb.Cancel) -> None:
    account = require_account(ctx, "account_id", payload.account_id)
    require_holder(ctx, "account_id", account)
    require_allowed(ctx, "account_id", account.holder, account.account_id, pb.RESTRICTED_OPERATION_CANCEL)  # arts. 45, 47, 49
    require_operation("account_id", account, authz.Operation.CANCEL_FROM)
    require_unit(ctx, "unit", payload.unit)
    require_amount("amount", payload.amount, ctx.rulebook)
    require_text("beneficiary", payload.beneficiary, limits.name_chars_max, required=False)
    require_text("purpose", payload.purpose, limits.text_chars_max, required=False)
    require_balance(ctx, account.account_id, payload.unit, payload.amount)

    ctx.state.add_balance(account.account_id, payload.unit, -payload.amount)
    ctx.state.add_supply(SUPPLY_CANCELLED, payload.unit, payload.amount)
    certificate = pb.Cancelled(
        certificate_id=certificate_id(ctx.tx_id), account_id=account.account_id, holder=account.holder, unit=payload.unit,
        amount=payload.amount, beneficiary=payload.beneficiary or account.holder, purpose=payload.purpose, height=ctx.height,
        time_ms=ctx.time_ms,
    )
    # Indexed by height, so the certificates page in the order of the chain (the public portal).
    t.CANCELLATIONS.put(ctx.state, certificate, ctx.height, certificate.certificate_id)
    ctx.emit(cancelled=certificate)


KINDS = (
    TxKind(name="cancel", domain="registry", handler=cancel, signers=authz.HOLDERS, articles=("15",),
           summary="Cancel units for ever, voluntarily, with a public certificate naming the beneficiary and purpose.",
           cli=Cli(command="cancel", help="cancel allowances for ever (voluntary cancellation)",
                   flags={"account": "account_id", "vintage": "unit.vintage", "amount": "amount", "beneficiary": "beneficiary",
                          "purpose": "purpose"},
                   fixed={"unit.product": "PRODUCT_CEA"}, optional=frozenset({"beneficiary", "purpose"}))),
)
