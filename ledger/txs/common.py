"""What every handler shares: the context of one transaction and the checks it runs first.

Handlers check in a fixed order and mutate last. Each check raises `Rejection` with a code and a
detail in the form "field: got X, want Y".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.ledger import authz, identity, limits
from cets.ledger.errors import Rejection
from cets.ledger.state import State


@dataclass
class TxContext:
    state: State
    height: int
    time_ms: int
    tx_id: bytes
    signer: pb.Participant
    rulebook: pb.Rulebook
    # Distinct transactions keys of the signer that signed (the machine checked each): a four-eyes
    # account asks for two (ledger/txs/registry/protections.py).
    signature_count: int = 1
    events: list[pb.Event] = field(default_factory=list)

    def emit(self, **event) -> None:
        """Record what the transaction did, as one typed event: `ctx.emit(transferred=pb.Transferred(...))`."""
        assert len(event) == 1, "one event at a time"
        self.events.append(pb.Event(**event))


def require_text(name: str, value: str, chars_max: int = limits.text_chars_max, *, required: bool = True) -> None:
    if required and not value:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if len(value) > chars_max:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {len(value)} characters, want at most {chars_max}")


def require_amount(name: str, amount: int, rulebook: pb.Rulebook) -> None:
    """A line's amount: positive and at most the rulebook's amount_max."""
    require_positive_at_most(name, amount, rulebook.amount_max)


def require_positive_at_most(name: str, amount: int, high: int) -> None:
    if amount <= 0:
        raise Rejection(pb.CODE_AMOUNT_NOT_POSITIVE, f"{name}: got {amount}, want > 0")
    if amount > high:
        raise Rejection(pb.CODE_AMOUNT_TOO_LARGE, f"{name}: got {amount}, want <= {high}")


def require_vintage(name: str, vintage: int, rulebook: pb.Rulebook) -> None:
    if vintage == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if not rulebook.vintage_min <= vintage <= rulebook.vintage_max:
        raise Rejection(
            pb.CODE_UNKNOWN_VINTAGE,
            f"{name}: got {vintage}, want {rulebook.vintage_min}..{rulebook.vintage_max}",
        )


def require_enum(name: str, value: int, enum_type) -> None:
    if value == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if value not in _enum_numbers(enum_type.DESCRIPTOR):
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {value}, not a known value")


@functools.cache
def _enum_numbers(descriptor) -> frozenset[int]:
    """An enum's numbers, once (`values()` builds a list on every call; a transfer asks once)."""
    return frozenset(value.number for value in descriptor.values)


def require_unit(ctx: TxContext, name: str, unit: pb.Unit) -> None:
    """A unit names a product, an admitted vintage and, for CCERs only, a recorded project."""
    require_enum(f"{name}.product", unit.product, pb.Product)
    require_vintage(f"{name}.vintage", unit.vintage, ctx.rulebook)
    if unit.product == pb.PRODUCT_CEA and unit.project_id:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.project_id: got {unit.project_id!r}, want empty for CEA")
    if unit.product == pb.PRODUCT_CCER:
        require_text(f"{name}.project_id", unit.project_id, limits.id_chars_max)
        if ctx.state.project(unit.project_id) is None:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.project_id: no CCER project {unit.project_id!r}")


def require_participant(ctx: TxContext, name: str, participant_id: str) -> pb.Participant:
    require_text(name, participant_id, limits.id_chars_max)
    participant = ctx.state.participant(participant_id)
    if participant is None:
        raise Rejection(pb.CODE_UNKNOWN_PARTICIPANT, f"{name}: no participant {participant_id!r}")
    return participant


def require_emitter(ctx: TxContext, name: str, participant_id: str) -> pb.Participant:
    participant = require_participant(ctx, name, participant_id)
    if participant.role != pb.ROLE_KEY_EMITTER:
        raise Rejection(pb.CODE_NOT_KEY_EMITTER, f"{name}: {participant_id!r} is {pb.Role.Name(participant.role)}")
    return participant


def require_account(ctx: TxContext, name: str, account_id: str) -> pb.Account:
    require_text(name, account_id, limits.id_chars_max + 16)
    account = ctx.state.account(account_id)
    if account is None:
        raise Rejection(pb.CODE_UNKNOWN_ACCOUNT, f"{name}: no account {account_id!r}")
    return account


def require_operation(name: str, account: pb.Account, operation: authz.Operation) -> None:
    if not authz.account_allows(account.kind, operation):
        raise Rejection(
            pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION,
            f"{name}: {pb.AccountKind.Name(account.kind)} does not allow {operation.value}",
        )


def require_holder(ctx: TxContext, name: str, account: pb.Account) -> None:
    if account.holder != ctx.signer.participant_id:
        raise Rejection(
            pb.CODE_NOT_ACCOUNT_HOLDER,
            f"{name}: {account.account_id!r} is held by {account.holder!r}, not the signer",
        )


def require_balance(ctx: TxContext, account_id: str, unit: pb.Unit, amount: int) -> None:
    available = ctx.state.balance(account_id, unit)
    if available < amount:
        raise Rejection(
            pb.CODE_INSUFFICIENT_BALANCE,
            f"{account_id}: holds {available} of {describe_unit(unit)}, needs {amount}",
        )


def require_own_province(ctx: TxContext, name: str, province: str) -> None:
    """Art. 4, 10: a province acts only on entities and accounts of its own province."""
    if ctx.signer.role == pb.ROLE_PROVINCE and ctx.signer.province != province:
        raise Rejection(
            pb.CODE_OUTSIDE_JURISDICTION,
            f"{name}: in province {province!r}, signer is province {ctx.signer.province!r}",
        )


def require_province_code(name: str, code: str) -> None:
    if not code:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if code not in identity.PROVINCES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {code!r}, not a province code (GB/T 2260)")


def describe_unit(unit: pb.Unit) -> str:
    product = pb.Product.Name(unit.product).removeprefix("PRODUCT_")
    suffix = f"/{unit.project_id}" if unit.project_id else ""
    return f"{product}-{unit.vintage}{suffix}"


def move(ctx: TxContext, from_account: str, to_account: str, unit: pb.Unit, amount: int) -> None:
    """Debit and credit in one step, once every check has passed."""
    ctx.state.add_balance(from_account, unit, -amount)
    ctx.state.add_balance(to_account, unit, amount)
