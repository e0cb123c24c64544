"""The ministry sets each vintage's annual cap and issues allowances under it."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import identity, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import SUPPLY_ISSUED, cea
from cets.ledger.txs.common import TxContext, require_amount, require_positive_at_most, require_vintage
from cets.ledger.txs.kind import Cli, TxKind


def set_cap(ctx: TxContext, payload: pb.SetCap) -> None:
    require_vintage("vintage", payload.vintage, ctx.rulebook)
    # A cap is a year's total, not a line: bounded by the ledger's supply limit, not amount_max.
    require_positive_at_most("cap", payload.cap, limits.unit_supply_max)
    issued = ctx.state.supply(SUPPLY_ISSUED, cea(payload.vintage))
    if payload.cap < issued:
        raise Rejection(pb.CODE_CAP_BELOW_ISSUED, f"cap: got {payload.cap}, {issued} issued already")
    ctx.state.set_cap(payload.vintage, payload.cap)
    ctx.emit(cap_set=pb.CapSet(vintage=payload.vintage, cap=payload.cap))


def issue_allowances(ctx: TxContext, payload: pb.IssueAllowances) -> None:
    require_vintage("vintage", payload.vintage, ctx.rulebook)
    require_amount("amount", payload.amount, ctx.rulebook)
    cap = ctx.state.cap(payload.vintage)
    if cap == 0:
        raise Rejection(pb.CODE_CAP_NOT_SET, f"vintage: no cap set for {payload.vintage}")
    unit = cea(payload.vintage)
    issued = ctx.state.supply(SUPPLY_ISSUED, unit)
    if issued + payload.amount > cap:
        raise Rejection(pb.CODE_CAP_EXCEEDED, f"amount: {issued} issued + {payload.amount} > cap {cap}")
    ctx.state.add_supply(SUPPLY_ISSUED, unit, payload.amount)
    ctx.state.add_balance(identity.ISSUANCE_ACCOUNT, unit, payload.amount)
    ctx.emit(allowances_issued=pb.AllowancesIssued(vintage=payload.vintage, amount=payload.amount))


KINDS = (
    TxKind(name="set_cap", domain="registry", handler=set_cap, signers=frozenset({pb.ROLE_MINISTRY}), articles=("7",),
           summary="Set the cap of a vintage (the ministry).",
           cli=Cli(command="set-cap", help="set a vintage's cap", flags={"vintage": "vintage", "cap": "cap"})),
    TxKind(name="issue_allowances", domain="registry", handler=issue_allowances, signers=frozenset({pb.ROLE_MINISTRY}),
           articles=("7", "8", "12-13"), summary="Issue a vintage's allowances into the issuance account, within its cap (the ministry).",
           cli=Cli(command="issue", help="issue allowances of a vintage", flags={"vintage": "vintage", "amount": "amount"})),
)
