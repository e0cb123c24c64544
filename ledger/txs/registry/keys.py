"""Register, rotate, revoke and recover signing keys (art. 12: the registry knows who signs).

A participant's keys are its own (DESIGN §8): AddKey, RotateKey and RevokeKey name the signer
itself, so only one of its current keys changes them, and no participant can ever sign as
another. The exceptions are the first keys, which RegisterParticipant carries, and RecoverKey: the
registry replaces every active transactions key of a participant that can no longer sign, naming
who asked, why and its reference, recorded on each key record it adds or revokes
(`authz.RECOVERABLE_ROLES` says whose; node keys never).
"""

from __future__ import annotations

from typing import Sequence

from cets.v1 import messages as pb
from cets.ledger import authz, crypto, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_participant, require_text
from cets.ledger.txs.kind import TxKind
from cets.ledger.txs.registry import protections


_NODE_KEY_ROLES = frozenset({pb.ROLE_MINISTRY, pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE})


def check_new_keys(ctx: TxContext, specs: Sequence[pb.KeySpec], count_max: int, role: int, name: str = "keys") -> None:
    """New keys are well formed, of a purpose the role may hold, and registered nowhere yet."""
    if not specs:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if len(specs) > count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"{name}: got {len(specs)}, want at most {count_max}")
    seen: set[bytes] = set()
    for index, spec in enumerate(specs):
        item = f"{name}[{index}]" if count_max > 1 else name
        if len(spec.public_key) != crypto.PUBLIC_KEY_BYTES:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{item}.public_key: got {len(spec.public_key)} bytes, want 32")
        if spec.purpose not in (pb.KEY_PURPOSE_TRANSACTIONS, pb.KEY_PURPOSE_NODE):
            raise Rejection(pb.CODE_INVALID_FIELD, f"{item}.purpose: got {spec.purpose}")
        if spec.purpose == pb.KEY_PURPOSE_NODE and role not in _NODE_KEY_ROLES:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{item}.purpose: only institutions run nodes")
        if spec.public_key in seen or ctx.state.key(crypto.key_id(spec.public_key)) is not None:
            raise Rejection(pb.CODE_KEY_EXISTS, f"{item}: key {crypto.key_id(spec.public_key)} is registered")
        seen.add(spec.public_key)


def store_new_keys(ctx: TxContext, participant_id: str, specs: Sequence[pb.KeySpec],
                   recovery: pb.KeyRecovery | None = None) -> list[str]:
    key_ids = ctx.state.participant_key_ids(participant_id)
    added = []
    for spec in specs:
        record = pb.KeyRecord(
            key_id=crypto.key_id(spec.public_key), participant_id=participant_id,
            public_key=spec.public_key, purpose=spec.purpose, added_height=ctx.height,
        )
        if recovery is not None:
            record.added_by_recovery.CopyFrom(recovery)
        ctx.state.put_key(record)
        key_ids.append(record.key_id)
        added.append(record.key_id)
    ctx.state.set_participant_key_ids(participant_id, key_ids)
    return added


def _require_own_keys(ctx: TxContext, participant_id: str) -> pb.Participant:
    """The transaction changes the signer's own keys: signed with one of its current keys (the
    machine checked the signature), never by another participant, whatever its role."""
    require_text("participant_id", participant_id, limits.id_chars_max)
    if participant_id != ctx.signer.participant_id:
        raise Rejection(pb.CODE_NOT_KEY_OWNER, f"participant_id: {ctx.signer.participant_id!r} may not change the keys of {participant_id!r}; "
                                               "only its own keys do, or the registry's RecoverKey")
    if protections.four_eyes_in_force(ctx, ctx.signer.account_id) and len(_active_keys(ctx, participant_id, pb.KEY_PURPOSE_TRANSACTIONS)) > 1:
        # Four eyes would mean nothing if one representative could add a key of its own, or revoke
        # the other's. With one key left (after a RecoverKey) that key adds the second alone.
        protections.require_two_signatures(ctx, "participant_id", f"{participant_id!r} holds a four-eyes account")
    return ctx.signer


def _require_active_key(ctx: TxContext, participant_id: str, key_id: str, name: str = "key_id") -> pb.KeyRecord:
    require_text(name, key_id, crypto.KEY_ID_HEX_CHARS)
    record = ctx.state.key(key_id)
    if record is None or record.participant_id != participant_id:
        raise Rejection(pb.CODE_UNKNOWN_KEY, f"{name}: {participant_id!r} has no key {key_id!r}")
    if record.revoked:
        raise Rejection(pb.CODE_KEY_REVOKED, f"{name}: {key_id!r} is revoked already")
    return record


def _require_key_room(ctx: TxContext, participant_id: str) -> None:
    if len(ctx.state.participant_key_ids(participant_id)) >= limits.participant_key_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"participant_id: holds {limits.participant_key_count_max} keys already")


def _active_keys(ctx: TxContext, participant_id: str, purpose: int) -> list[str]:
    active = []
    for key_id in ctx.state.participant_key_ids(participant_id):
        record = ctx.state.key(key_id)
        if not record.revoked and record.purpose == purpose:
            active.append(key_id)
    return active


def _revoke(ctx: TxContext, record: pb.KeyRecord) -> None:
    record.revoked = True
    record.revoked_height = ctx.height
    ctx.state.put_key(record)


def add_key(ctx: TxContext, payload: pb.AddKey) -> None:
    holder = _require_own_keys(ctx, payload.participant_id)
    _require_key_room(ctx, holder.participant_id)
    check_new_keys(ctx, [payload.key], 1, holder.role, "key")
    (key_id,) = store_new_keys(ctx, holder.participant_id, [payload.key])
    ctx.emit(key_added=pb.KeyAdded(participant_id=holder.participant_id, key_id=key_id, purpose=payload.key.purpose))


def rotate_key(ctx: TxContext, payload: pb.RotateKey) -> None:
    holder = _require_own_keys(ctx, payload.participant_id)
    old = _require_active_key(ctx, holder.participant_id, payload.old_key_id, "old_key_id")
    if payload.new_key.purpose not in (pb.KEY_PURPOSE_UNSPECIFIED, old.purpose):
        raise Rejection(pb.CODE_INVALID_FIELD, f"new_key.purpose: got {pb.KeyPurpose.Name(payload.new_key.purpose)}, a rotation keeps {pb.KeyPurpose.Name(old.purpose)}")
    new_key = pb.KeySpec(public_key=payload.new_key.public_key, purpose=old.purpose)
    _require_key_room(ctx, holder.participant_id)
    check_new_keys(ctx, [new_key], 1, holder.role, "new_key")
    _revoke(ctx, old)
    (key_id,) = store_new_keys(ctx, holder.participant_id, [new_key])
    ctx.emit(key_rotated=pb.KeyRotated(participant_id=holder.participant_id, old_key_id=old.key_id, key_id=key_id))


def revoke_key(ctx: TxContext, payload: pb.RevokeKey) -> None:
    holder = _require_own_keys(ctx, payload.participant_id)
    record = _require_active_key(ctx, holder.participant_id, payload.key_id)
    require_text("reason", payload.reason, limits.text_chars_max, required=False)
    if _active_keys(ctx, holder.participant_id, record.purpose) == [record.key_id]:
        kind = "node key" if record.purpose == pb.KEY_PURPOSE_NODE else "key"
        raise Rejection(pb.CODE_LAST_ACTIVE_KEY, f"key_id: {record.key_id!r} is the last active {kind} of {holder.participant_id!r}; rotate it instead")
    _revoke(ctx, record)
    ctx.emit(key_revoked=pb.KeyRevoked(participant_id=holder.participant_id, key_id=record.key_id))


# -- the registry's recovery ------------------------------------------------------------------


def _require_recoverable(ctx: TxContext, participant_id: str) -> pb.Participant:
    holder = require_participant(ctx, "participant_id", participant_id)
    if holder.role not in authz.RECOVERABLE_ROLES:
        raise Rejection(pb.CODE_KEY_NOT_RECOVERABLE, f"participant_id: {participant_id!r} is {pb.Role.Name(holder.role)}; "
                                                     "a founding institution manages its own keys")
    return holder


def _require_every_active_transactions_key(ctx: TxContext, participant_id: str, key_ids: Sequence[str]) -> list[pb.KeyRecord]:
    """The keys a recovery revokes: named one by one, and all of the participant's active
    transactions keys, so that a recovery can never leave a key the participant still uses beside
    the registry's (it would not notice) nor touch a node key."""
    records: list[pb.KeyRecord] = []
    for index, key_id in enumerate(key_ids):
        name = f"revoked_key_ids[{index}]"
        record = _require_active_key(ctx, participant_id, key_id, name)
        if record.purpose != pb.KEY_PURPOSE_TRANSACTIONS:
            raise Rejection(pb.CODE_KEY_NOT_RECOVERABLE, f"{name}: {key_id!r} is a {pb.KeyPurpose.Name(record.purpose)} key; node keys are their holder's alone")
        if any(earlier.key_id == key_id for earlier in records):
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: {key_id!r} is named twice")
        records.append(record)
    active = sorted(_active_keys(ctx, participant_id, pb.KEY_PURPOSE_TRANSACTIONS))
    if sorted(record.key_id for record in records) != active:
        raise Rejection(pb.CODE_INVALID_FIELD, f"revoked_key_ids: got {len(records)} keys, want every active transactions key of "
                                               f"{participant_id!r}: {', '.join(active) or 'none'}")
    return records


def recover_key(ctx: TxContext, payload: pb.RecoverKey) -> None:
    """Checks in order: the participant and whether it may be recovered; who asked, why and the
    reference; the new key's purpose; the keys revoked; room for a key; the new key itself."""
    holder = _require_recoverable(ctx, payload.participant_id)
    require_text("requested_by", payload.requested_by, limits.name_chars_max)
    require_text("reason", payload.reason, limits.text_chars_max)
    require_text("reference", payload.reference, limits.id_chars_max)
    if payload.new_key.purpose == pb.KEY_PURPOSE_NODE:
        raise Rejection(pb.CODE_KEY_NOT_RECOVERABLE, "new_key.purpose: a recovery adds a transactions key, never a node key")
    if payload.new_key.purpose != pb.KEY_PURPOSE_TRANSACTIONS:
        code = pb.CODE_MISSING_FIELD if payload.new_key.purpose == pb.KEY_PURPOSE_UNSPECIFIED else pb.CODE_INVALID_FIELD
        raise Rejection(code, f"new_key.purpose: got {payload.new_key.purpose}, want KEY_PURPOSE_TRANSACTIONS")
    revoked = _require_every_active_transactions_key(ctx, holder.participant_id, payload.revoked_key_ids)
    _require_key_room(ctx, holder.participant_id)
    check_new_keys(ctx, [payload.new_key], 1, holder.role, "new_key")

    recovery = pb.KeyRecovery(tx_id=ctx.tx_id, height=ctx.height, recovered_by=ctx.signer.participant_id,
                              requested_by=payload.requested_by, reason=payload.reason, reference=payload.reference)
    for record in revoked:
        record.revoked_by_recovery.CopyFrom(recovery)
        _revoke(ctx, record)
    (key_id,) = store_new_keys(ctx, holder.participant_id, [payload.new_key], recovery)
    ctx.emit(key_recovered=pb.KeyRecovered(
        participant_id=holder.participant_id, key_id=key_id, revoked_key_ids=sorted(record.key_id for record in revoked),
        recovered_by=ctx.signer.participant_id, requested_by=payload.requested_by, reason=payload.reason, reference=payload.reference,
    ))


KINDS = (
    TxKind(name="add_key", domain="registry", handler=add_key, signers=authz.EVERYONE, articles=(),
           summary="Add a signing key to a participant (DESIGN §8: keys are managed by their participant)."),
    TxKind(name="rotate_key", domain="registry", handler=rotate_key, signers=authz.EVERYONE, articles=(),
           summary="Replace one of a participant's keys by a new one, atomically."),
    TxKind(name="revoke_key", domain="registry", handler=revoke_key, signers=authz.EVERYONE, articles=(),
           summary="Revoke one of a participant's keys."),
    TxKind(name="recover_key", domain="registry", handler=recover_key, signers=frozenset({pb.ROLE_REGISTRY}), articles=("12-13",),
           summary="The registry's recorded recovery of a participant's transactions key: who asked, why, a reference (never a node key)."),
)
