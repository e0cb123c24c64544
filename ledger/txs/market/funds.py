"""Cash accounts in fen (art. 21: the registry settles funds and allowances together): deposits and
withdrawals are the settlement bank's instructions, entered by the registry with the bank's
reference, each reference once. A withdrawal never exceeds the available funds (balance less what
open buy orders reserve).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_participant, require_positive_at_most, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.market import book
from cets.ledger.txs.supervision import restrictions

# The most one instruction moves, and the most a cash account holds: 10^15 fen (10 trillion CNY)
# keeps every sum of balances far inside int64.
INSTRUCTION_FEN_MAX = 10**14
BALANCE_FEN_MAX = 10**15


def _check(ctx: TxContext, payload) -> pb.CashAccount:
    participant = require_participant(ctx, "participant_id", payload.participant_id)
    if participant.role not in authz.HOLDERS:
        raise Rejection(pb.CODE_NOT_TRADING_PARTICIPANT,
                        f"participant_id: {payload.participant_id!r} is {pb.Role.Name(participant.role)}, not a trading participant")
    require_positive_at_most("amount_fen", payload.amount_fen, INSTRUCTION_FEN_MAX)
    require_text("bank_reference", payload.bank_reference, limits.id_chars_max)
    first = t.BANK_REFERENCES.get(ctx.state, payload.bank_reference)
    if first is not None:
        raise Rejection(pb.CODE_BANK_REFERENCE_USED, f"bank_reference: {payload.bank_reference!r} recorded by {first.hex()}")
    return book.cash(ctx.state, payload.participant_id)


def deposit_funds(ctx: TxContext, payload: pb.DepositFunds) -> None:
    account = _check(ctx, payload)
    if account.balance_fen + payload.amount_fen > BALANCE_FEN_MAX:
        raise Rejection(pb.CODE_AMOUNT_TOO_LARGE, f"amount_fen: the balance would pass {BALANCE_FEN_MAX}")

    account.balance_fen += payload.amount_fen
    book.put_cash(ctx.state, account)
    t.BANK_REFERENCES.put(ctx.state, ctx.tx_id, payload.bank_reference)
    ctx.emit(funds_deposited=pb.FundsDeposited(participant_id=payload.participant_id, amount_fen=payload.amount_fen,
                                               bank_reference=payload.bank_reference, balance_fen=account.balance_fen))


def withdraw_funds(ctx: TxContext, payload: pb.WithdrawFunds) -> None:
    account = _check(ctx, payload)
    # Arts. 45 (2), 47 (2): a measure restricting transfers of funds, and the blacklist, stop payments out.
    restrictions.require_allowed(ctx, "participant_id", payload.participant_id, "", pb.RESTRICTED_OPERATION_FUNDS_OUT)
    if payload.amount_fen > book.available_fen(account):
        raise Rejection(pb.CODE_INSUFFICIENT_AVAILABLE_FUNDS,
                        f"amount_fen: got {payload.amount_fen}, available {book.available_fen(account)} "
                        f"(balance {account.balance_fen} less reserved {account.reserved_fen})")

    account.balance_fen -= payload.amount_fen
    book.put_cash(ctx.state, account)
    t.BANK_REFERENCES.put(ctx.state, ctx.tx_id, payload.bank_reference)
    ctx.emit(funds_withdrawn=pb.FundsWithdrawn(participant_id=payload.participant_id, amount_fen=payload.amount_fen,
                                               bank_reference=payload.bank_reference, balance_fen=account.balance_fen))


_FLAGS = {"participant": "participant_id", "amount-fen": "amount_fen", "bank-reference": "bank_reference"}
KINDS = (
    TxKind(name="deposit_funds", domain="market", handler=deposit_funds, signers=frozenset({pb.ROLE_REGISTRY}), articles=("21",),
           summary="The registry enters the settlement bank's credit of a trader's cash account, in fen, with the bank's reference.",
           cli=Cli(command="deposit", help="credit a trader's cash account (settlement bank instruction)", flags=_FLAGS)),
    TxKind(name="withdraw_funds", domain="market", handler=withdraw_funds, signers=frozenset({pb.ROLE_REGISTRY}), articles=("21",),
           summary="The registry enters the settlement bank's payment out of a trader's available funds, with the bank's reference.",
           cli=Cli(command="withdraw", help="pay out of a trader's available funds (settlement bank instruction)", flags=_FLAGS)),
)
