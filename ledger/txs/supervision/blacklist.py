"""The blacklist of serious dishonesty (art. 49): the ministry lists institutions and persons, with
the reason and its decision, and the list is published (`cets blacklist`, the portal).

A listed id cannot be registered (again), open accounts, trade or transfer: `restrictions.py`
refuses those operations with `CODE_BLACKLISTED`. Surrender stays open: an obligation to the state
outlives the standing. An id may be listed before it is ever registered. A removal keeps the entry,
with who removed it and why.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, identity, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.supervision import restrictions

# Who may be listed when registered: the market's institutions and persons, and technical service
# bodies (art. 38 names them); never a founding institution or a regulator.
LISTABLE_ROLES = authz.HOLDERS | {pb.ROLE_VERIFIER}


def _name_of(ctx: TxContext, payload: pb.AddToBlacklist) -> str:
    """The recorded name of a registered id; the payload's for one not registered (a valid code or number)."""
    participant = ctx.state.participant(payload.participant_id)
    if participant is not None:
        if participant.role not in LISTABLE_ROLES:
            raise Rejection(pb.CODE_TARGET_NOT_ELIGIBLE, f"participant_id: {payload.participant_id!r} is {pb.Role.Name(participant.role)}")
        return participant.name
    if not (identity.is_uscc(payload.participant_id) or identity.is_resident_id(payload.participant_id)):
        raise Rejection(pb.CODE_INVALID_FIELD, f"participant_id: got {payload.participant_id!r}, want a unified social credit code or "
                                               "a resident identity number with a valid check character")
    require_text("name", payload.name, limits.name_chars_max)
    return payload.name


def add_to_blacklist(ctx: TxContext, payload: pb.AddToBlacklist) -> None:
    require_text("participant_id", payload.participant_id, limits.id_chars_max)
    name = _name_of(ctx, payload)
    require_text("reason", payload.reason, limits.text_chars_max)
    require_text("decision_reference", payload.decision_reference, limits.name_chars_max)
    current = restrictions.restrictions_of(ctx.state, payload.participant_id)
    if current.blacklist_entry_id:
        raise Rejection(pb.CODE_ALREADY_BLACKLISTED, f"participant_id: listed by entry {current.blacklist_entry_id.hex()}")

    entry = pb.BlacklistEntry(entry_id=ctx.tx_id, participant_id=payload.participant_id, name=name, reason=payload.reason,
                              decision_reference=payload.decision_reference, added_by=ctx.signer.participant_id, height=ctx.height,
                              time_ms=ctx.time_ms)
    t.BLACKLIST.put(ctx.state, entry, entry.participant_id, entry.entry_id)
    current.blacklist_entry_id = ctx.tx_id
    restrictions.save(ctx.state, entry.participant_id, current)
    ctx.emit(blacklisted=entry)


def remove_from_blacklist(ctx: TxContext, payload: pb.RemoveFromBlacklist) -> None:
    require_text("participant_id", payload.participant_id, limits.id_chars_max)
    current = restrictions.restrictions_of(ctx.state, payload.participant_id)
    if not current.blacklist_entry_id:
        raise Rejection(pb.CODE_NOT_BLACKLISTED, f"participant_id: {payload.participant_id!r} is not on the blacklist")
    require_text("reason", payload.reason, limits.text_chars_max)
    require_text("decision_reference", payload.decision_reference, limits.name_chars_max)

    entry = t.BLACKLIST.get(ctx.state, payload.participant_id, current.blacklist_entry_id)
    assert entry is not None, "the restrictions record names an entry that exists"
    entry.removal.CopyFrom(pb.BlacklistRemoval(tx_id=ctx.tx_id, removed_by=ctx.signer.participant_id, reason=payload.reason,
                                               decision_reference=payload.decision_reference, height=ctx.height, time_ms=ctx.time_ms))
    t.BLACKLIST.put(ctx.state, entry, entry.participant_id, entry.entry_id)
    current.blacklist_entry_id = b""
    restrictions.save(ctx.state, entry.participant_id, current)
    ctx.emit(blacklist_entry_removed=pb.BlacklistEntryRemoved(entry_id=entry.entry_id, participant_id=entry.participant_id,
                                                              removal=entry.removal))


KINDS = (
    TxKind(name="add_to_blacklist", domain="supervision", handler=add_to_blacklist, signers=frozenset({pb.ROLE_MINISTRY}), articles=("49",),
           summary="The ministry lists an institution or person for serious dishonesty; it cannot be registered, open accounts, "
                   "trade or transfer while listed.",
           cli=Cli(command="blacklist-add", help="put an institution or person on the blacklist (art. 49)",
                   flags={"participant": "participant_id", "name": "name", "reason": "reason", "reference": "decision_reference"},
                   optional=frozenset({"name"}))),
    TxKind(name="remove_from_blacklist", domain="supervision", handler=remove_from_blacklist, signers=frozenset({pb.ROLE_MINISTRY}),
           articles=("49",),
           summary="The ministry takes an entry off the blacklist, with a reason; the entry stays published with its removal.",
           cli=Cli(command="blacklist-remove", help="take an entry off the blacklist (art. 49)",
                   flags={"participant": "participant_id", "reason": "reason", "reference": "decision_reference"})),
)
