"""The one check every restricted operation passes through: measures in force (arts. 45, 47) and
the blacklist (art. 49).

Each participant with anything restricting it has one `Restrictions` record (`tables.RESTRICTIONS`,
keyed by participant id): the measures with an effect that are not lifted, and its blacklist entry.
So the check costs one indexed read, of a missing key for the unrestricted participants that make
nearly all of the traffic (docs/performance.md measures the transfer path). A measure past its
`end_ms` stays in the record until lifted or pruned, and is simply not in force at a later block
time: no block sweeps anything.

Who calls `require_allowed`: the registry's handlers (transfer, surrender, cancel, the release of
a held transfer, participant registration) and the market's at order entry (buy, sell, funds out).
A refusal carries the measure's own code (`CODE_ACCOUNT_SUSPENDED`, ...) and names the measure.
This module is a leaf: it imports no other kind's module, so every domain may import it.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State, StateReader

O = pb.RestrictedOperation
ACCOUNT_OPERATIONS = frozenset({O.RESTRICTED_OPERATION_TRANSFER_OUT, O.RESTRICTED_OPERATION_FUNDS_OUT, O.RESTRICTED_OPERATION_SURRENDER,
                                O.RESTRICTED_OPERATION_CANCEL, O.RESTRICTED_OPERATION_BUY, O.RESTRICTED_OPERATION_SELL})
ALL_OPERATIONS = ACCOUNT_OPERATIONS | {O.RESTRICTED_OPERATION_OPEN_ACCOUNT}
# Art. 49: a blacklisted participant is not registered, opens no account and neither trades nor
# transfers; it may still surrender, since its obligation to the state outlives its standing.
BLACKLIST_OPERATIONS = ALL_OPERATIONS - {O.RESTRICTED_OPERATION_SURRENDER}

M = pb.MeasureType
# The code a measure's refusal carries: each measure its own, so a holder knows which one stops it.
MEASURE_CODES: dict[int, int] = {
    M.MEASURE_TYPE_SUSPEND_ACCOUNT: pb.CODE_ACCOUNT_SUSPENDED,
    M.MEASURE_TYPE_SUSPEND_BUSINESS: pb.CODE_BUSINESS_SUSPENDED,
    M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS: pb.CODE_ACCOUNT_FUNCTION_RESTRICTED,
    M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY: pb.CODE_TRADING_ELIGIBILITY_REVOKED,
    M.MEASURE_TYPE_ORDER_BUSINESS_END: pb.CODE_BUSINESS_ENDED,
    M.MEASURE_TYPE_SUSPEND_BUYING_SELLING: pb.CODE_BUYING_SELLING_SUSPENDED,
}
# Art. 45 (2), 47 (2) restrict "funds or products": the code says which.
TRANSFER_CODES: dict[int, int] = {
    O.RESTRICTED_OPERATION_TRANSFER_OUT: pb.CODE_PRODUCT_TRANSFERS_RESTRICTED,
    O.RESTRICTED_OPERATION_FUNDS_OUT: pb.CODE_FUNDS_TRANSFERS_RESTRICTED,
}


def code_of(measure_type: int, operation: int) -> int:
    if measure_type == M.MEASURE_TYPE_RESTRICT_TRANSFERS:
        return TRANSFER_CODES[operation]
    return MEASURE_CODES[measure_type]


def in_force(end_ms: int, time_ms: int) -> bool:
    """A measure with an end is in force before it; one without, until lifted."""
    return end_ms == 0 or time_ms < end_ms


def refusal(reader: StateReader | State, time_ms: int, participant_id: str, account_id: str, operation: int) -> Rejection | None:
    """Why `operation` by `participant_id` on `account_id` ("" for none) is refused at `time_ms`,
    or None when nothing refuses it. Never raises (`require_allowed` raises)."""
    restrictions = t.RESTRICTIONS.get(reader, participant_id)
    if restrictions is None:
        return None  # the bare path: one read of a missing key
    name = pb.RestrictedOperation.Name(operation).removeprefix("RESTRICTED_OPERATION_")
    if restrictions.blacklist_entry_id and operation in BLACKLIST_OPERATIONS:
        return Rejection(pb.CODE_BLACKLISTED, f"{participant_id!r} is on the blacklist (art. 49, entry "
                                              f"{restrictions.blacklist_entry_id.hex()}): {name} refused")
    for entry in restrictions.entries:
        if operation in entry.operations and entry.account_id in ("", account_id) and in_force(entry.end_ms, time_ms):
            measure = pb.MeasureType.Name(entry.type).removeprefix("MEASURE_TYPE_")
            where = f"account {account_id!r}" if account_id else f"participant {participant_id!r}"
            return Rejection(code_of(entry.type, operation), f"{where}: measure {entry.measure_id.hex()} ({measure}) refuses {name}")
    return None


def require_allowed(ctx, field: str, participant_id: str, account_id: str, operation: int) -> None:
    """Raise the refusing measure's Rejection, its detail starting with `field`, if any refuses."""
    rejection = refusal(ctx.state, ctx.time_ms, participant_id, account_id, operation)
    if rejection is not None:
        raise Rejection(rejection.code, f"{field}: {rejection.detail}")


# -- the record, kept by measures.py and blacklist.py -------------------------------------------
def restrictions_of(state: State, participant_id: str) -> pb.Restrictions:
    return t.RESTRICTIONS.get(state, participant_id) or pb.Restrictions()


def save(state: State, participant_id: str, restrictions: pb.Restrictions) -> None:
    """Store the record, or delete it once nothing restricts the participant (back to the bare path)."""
    if restrictions.entries or restrictions.blacklist_entry_id:
        t.RESTRICTIONS.put(state, restrictions, participant_id)
    else:
        t.RESTRICTIONS.delete(state, participant_id)


def prune_ended(restrictions: pb.Restrictions, time_ms: int) -> None:
    """Drop the entries past their end: they refuse nothing any more (their measures stay recorded)."""
    kept = [entry for entry in restrictions.entries if in_force(entry.end_ms, time_ms)]
    if len(kept) != len(restrictions.entries):
        del restrictions.entries[:]
        restrictions.entries.extend(kept)
