"""Free allocation by a province to its own key emitters (arts. 7, 10) and its adjustment (art. 11).

An allocation cites an allocation method version the ministry has published (art. 7,
ledger/txs/mrv/methods.py). The final true-up of a pre-allocation against verified emissions is an
adjustment with reason `ADJUSTMENT_REASON_TRUE_UP`, like any other: signed, reasoned, never an edit.
"""

from __future__ import annotations

from collections import defaultdict

from cets.v1 import messages as pb
from cets.ledger import authz, compliance, identity, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import cea
from cets.ledger.txs.common import (
    TxContext, move, require_amount, require_balance, require_emitter, require_enum,
    require_operation, require_own_province, require_text, require_vintage,
)
from cets.ledger.txs.kind import TxKind


def _emitter_account(ctx: TxContext, name: str, emitter_id: str) -> pb.Account:
    emitter = require_emitter(ctx, name, emitter_id)
    require_own_province(ctx, name, emitter.province)
    account = ctx.state.account(emitter.account_id)
    assert account is not None, "registration opens the emitter's account"
    require_operation(name, account, authz.Operation.ALLOCATE_TO)
    return account


def allocate(ctx: TxContext, payload: pb.Allocate) -> None:
    require_text("method_version", payload.method_version, limits.id_chars_max)  # art. 7
    if not payload.entries:
        raise Rejection(pb.CODE_MISSING_FIELD, "entries: missing")
    if len(payload.entries) > limits.allocation_entry_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"entries: got {len(payload.entries)}, want at most {limits.allocation_entry_count_max}")
    source = identity.province_account_id(ctx.signer.province)
    needed: dict[int, int] = defaultdict(int)
    for index, entry in enumerate(payload.entries):
        name = f"entries[{index}]"
        _emitter_account(ctx, f"{name}.emitter_id", entry.emitter_id)
        require_vintage(f"{name}.vintage", entry.vintage, ctx.rulebook)
        require_amount(f"{name}.amount", entry.amount, ctx.rulebook)
        needed[entry.vintage] += entry.amount
    if t.METHODS.get(ctx.state, payload.method_version) is None:
        raise Rejection(pb.CODE_METHOD_UNKNOWN, f"method_version: {payload.method_version!r} is not a published allocation method (art. 7)")
    for vintage, amount in sorted(needed.items()):
        require_balance(ctx, source, cea(vintage), amount)

    credited = sum(_credit(ctx, source, entry) for entry in payload.entries)
    ctx.emit(allocated=pb.Allocated(province=ctx.signer.province, method_version=payload.method_version,
                                    entry_count=len(payload.entries), total=credited))


def _credit(ctx: TxContext, source: str, entry: pb.AllocationEntry) -> int:
    """Credit one entry, less what the emitter owes from that vintage (art. 44: an unpaid shortfall
    is deducted from the next year's allocation). The withheld units stay in the province's
    account: they were never the emitter's. Returns the tonnes credited."""
    withheld, still_owed = compliance.withhold(ctx.state, entry.emitter_id, entry.vintage, entry.amount)
    credited = entry.amount - withheld
    t.ALLOCATION_TIMES.put(ctx.state, ctx.time_ms, entry.emitter_id, entry.vintage)  # art. 10: the appeal window opens
    if credited:
        move(ctx, source, identity.holding_account_id(entry.emitter_id), cea(entry.vintage), credited)
        ctx.state.add_allocated(entry.emitter_id, entry.vintage, credited)
    if withheld:
        ctx.emit(allocation_withheld=pb.AllocationWithheld(emitter_id=entry.emitter_id, vintage=entry.vintage, withheld_tonnes=withheld,
                                                           still_owed_tonnes=still_owed))
    return credited


def adjust_allocation(ctx: TxContext, payload: pb.AdjustAllocation) -> None:
    """Claw back (delta < 0) or top up (delta > 0); history is never edited (art. 11). A true-up of a
    pre-allocation against verified emissions (arts. 7, 10) is one of the reasons."""
    account = _emitter_account(ctx, "emitter_id", payload.emitter_id)
    require_vintage("vintage", payload.vintage, ctx.rulebook)
    if payload.delta == 0:
        raise Rejection(pb.CODE_AMOUNT_NOT_POSITIVE, "delta: got 0, want non-zero")
    require_amount("delta", abs(payload.delta), ctx.rulebook)
    require_enum("reason", payload.reason, pb.AdjustmentReason)
    require_text("note", payload.note, limits.text_chars_max, required=False)
    province_account = identity.province_account_id(ctx.signer.province)
    unit = cea(payload.vintage)
    if payload.delta > 0:
        source, destination = province_account, account.account_id
    else:
        source, destination = account.account_id, province_account
        allocated = ctx.state.allocated(payload.emitter_id, payload.vintage)
        if -payload.delta > allocated:
            # Art. 11 adjusts free allocation: units the emitter bought are not the province's to take.
            raise Rejection(pb.CODE_INSUFFICIENT_BALANCE, f"delta: claws back {-payload.delta}, the emitter was allocated {allocated} of {payload.vintage}")
    require_balance(ctx, source, unit, abs(payload.delta))
    move(ctx, source, destination, unit, abs(payload.delta))
    ctx.state.add_allocated(payload.emitter_id, payload.vintage, payload.delta)
    t.ALLOCATION_TIMES.put(ctx.state, ctx.time_ms, payload.emitter_id, payload.vintage)  # art. 10: the appeal window opens
    ctx.emit(allocation_adjusted=pb.AllocationAdjusted(emitter_id=payload.emitter_id, vintage=payload.vintage, delta=payload.delta,
                                                       reason=payload.reason))


KINDS = (
    TxKind(name="allocate", domain="registry", handler=allocate, signers=frozenset({pb.ROLE_PROVINCE}), articles=("7", "10"),
           summary="Free allocation by a province to its own key emitters, citing a published method version; all lines or none."),
    TxKind(name="adjust_allocation", domain="registry", handler=adjust_allocation, signers=frozenset({pb.ROLE_PROVINCE}),
           articles=("7", "10", "11"), summary="Claw back or top up an emitter's free allocation, with a reason such as a true-up (a province)."),
)
