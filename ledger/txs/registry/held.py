"""Held transfers (EU Union Registry: a transfer to an account outside the trusted list waits 26
hours; DESIGN §8): holding one, its holder's cancellation, and its release by anyone.

A held transfer's units leave the source's holdings at once, so nothing else can spend them, and
are counted in `HELD_UNITS` under the source: still the holder's (the account view shows them),
never created or lost (tests/test_properties.py checks issued = holdings + held + surrendered +
cancelled).

**How a held transfer executes.** Not by the block: a block runs only its transactions, through
the one dispatch path (`machine.execute_tx`), and a state change that no transaction made would
have no result for a holder to prove. Once a block's time has reached the release time, anyone
may submit `release_held_transfer` naming it; the destination's holder (or a registry relay) has
every reason to. Until the release time only the source's holder may cancel it; from then on it
is due and can only be released, so a cancellation and a release can never both apply, in
whichever order a proposer puts them. The ledger reads no clock: block time only.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, crypto
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_holder
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.supervision.restrictions import require_allowed


def hold(ctx: TxContext, protection: pb.AccountProtection, payload: pb.Transfer) -> None:
    """Hold a checked transfer until the rulebook's delay has passed (mutates only)."""
    release_ms = ctx.time_ms + ctx.rulebook.untrusted_transfer_delay_ms
    held = pb.HeldTransfer(tx_id=ctx.tx_id, from_account=payload.from_account, to_account=payload.to_account, unit=payload.unit,
                           amount=payload.amount, memo=payload.memo, held_height=ctx.height, release_ms=release_ms)
    ctx.state.add_balance(held.from_account, held.unit, -held.amount)
    _add_held_units(ctx, held.from_account, held.unit, held.amount)
    t.HELD_TRANSFERS.put(ctx.state, held, held.tx_id)
    t.HELD_BY_ACCOUNT.put(ctx.state, b"", held.from_account, release_ms, held.tx_id)
    protection.held_count += 1
    t.PROTECTIONS.put(ctx.state, protection, protection.account_id)
    ctx.emit(transfer_held=pb.TransferHeld(tx_id=held.tx_id, from_account=held.from_account, to_account=held.to_account,
                                           unit=held.unit, amount=held.amount, release_ms=release_ms))


def _add_held_units(ctx: TxContext, account_id: str, unit: pb.Unit, delta: int) -> None:
    held = t.HELD_UNITS.get(ctx.state, account_id, unit, default=0) + delta
    assert held >= 0, f"{account_id}: more units released than held"
    if held:
        t.HELD_UNITS.put(ctx.state, held, account_id, unit)
    else:
        t.HELD_UNITS.delete(ctx.state, account_id, unit)


def _require_held(ctx: TxContext, tx_id: bytes) -> pb.HeldTransfer:
    if not tx_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "transfer_tx_id: missing")
    if len(tx_id) != crypto.HASH_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"transfer_tx_id: got {len(tx_id)} bytes, want {crypto.HASH_BYTES}")
    held = t.HELD_TRANSFERS.get(ctx.state, tx_id)
    if held is None:
        raise Rejection(pb.CODE_TRANSFER_NOT_HELD, f"transfer_tx_id: {tx_id.hex()} is not held (never held, or released or cancelled)")
    return held


def _unhold(ctx: TxContext, held: pb.HeldTransfer) -> None:
    """Forget a held transfer; its units are then credited by the caller."""
    _add_held_units(ctx, held.from_account, held.unit, -held.amount)
    t.HELD_TRANSFERS.delete(ctx.state, held.tx_id)
    t.HELD_BY_ACCOUNT.delete(ctx.state, held.from_account, held.release_ms, held.tx_id)
    protection = t.PROTECTIONS.get(ctx.state, held.from_account)
    assert protection is not None and protection.held_count > 0, "a transfer is held only from a protected account"
    protection.held_count -= 1
    t.PROTECTIONS.put(ctx.state, protection, held.from_account)


def cancel_held_transfer(ctx: TxContext, payload: pb.CancelHeldTransfer) -> None:
    """The source's holder stops a held transfer before its release time. One signature suffices
    under four eyes too: a cancellation only protects, and the first representative to notice a
    fraud must be able to stop it alone."""
    held = _require_held(ctx, payload.transfer_tx_id)
    require_holder(ctx, "transfer_tx_id", ctx.state.account(held.from_account))
    if ctx.time_ms >= held.release_ms:
        raise Rejection(pb.CODE_HOLD_ENDED, f"transfer_tx_id: released from {held.release_ms}, block time {ctx.time_ms}: due, not cancellable")

    _unhold(ctx, held)
    ctx.state.add_balance(held.from_account, held.unit, held.amount)
    ctx.emit(held_transfer_cancelled=pb.HeldTransferCancelled(tx_id=held.tx_id, from_account=held.from_account, unit=held.unit,
                                                              amount=held.amount))


def release_held_transfer(ctx: TxContext, payload: pb.ReleaseHeldTransfer) -> None:
    """Anyone completes a held transfer once a block's time has reached its release time."""
    held = _require_held(ctx, payload.transfer_tx_id)
    if ctx.time_ms < held.release_ms:
        raise Rejection(pb.CODE_DEADLINE_NOT_PASSED, f"transfer_tx_id: held until {held.release_ms}, block time {ctx.time_ms}")
    # Arts. 45, 47, 49: a measure imposed while the transfer waited stops it at release too; the
    # units stay held until the measure is lifted (the holder can no longer cancel a due transfer).
    source = ctx.state.account(held.from_account)
    require_allowed(ctx, "transfer_tx_id", source.holder, source.account_id, pb.RESTRICTED_OPERATION_TRANSFER_OUT)

    _unhold(ctx, held)
    ctx.state.add_balance(held.to_account, held.unit, held.amount)
    ctx.emit(held_transfer_released=pb.HeldTransferReleased(tx_id=held.tx_id, released_by=ctx.signer.participant_id))
    ctx.emit(transferred=pb.Transferred(from_account=held.from_account, to_account=held.to_account, unit=held.unit, amount=held.amount))


KINDS = (
    TxKind(name="cancel_held_transfer", domain="registry", handler=cancel_held_transfer, signers=authz.HOLDERS, articles=(),
           summary="The source's holder cancels a held transfer before its release time; the units are spendable again "
                   "(EU Union Registry; DESIGN §8).",
           cli=Cli(command="cancel-held", help="cancel a held transfer before its release time", flags={"transfer": "transfer_tx_id"})),
    TxKind(name="release_held_transfer", domain="registry", handler=release_held_transfer, signers=authz.EVERYONE, articles=(),
           summary="Anyone completes a held transfer once a block's time has reached its release time (EU Union Registry; DESIGN §8).",
           cli=Cli(command="release-held", help="release a held transfer whose release time has come", flags={"transfer": "transfer_tx_id"})),
)
