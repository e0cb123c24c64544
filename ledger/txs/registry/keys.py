"""Register, rotate and revoke signing keys (art. 12: the registry knows who signs)."""

from __future__ import annotations

from typing import Sequence

from cets.v1 import ledger_pb2 as pb
from cets.ledger import authz, crypto, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_participant, require_text
from cets.ledger.txs.kind import TxKind


_NODE_KEY_ROLES = frozenset({pb.ROLE_MINISTRY, pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE})


def check_new_keys(ctx: TxContext, specs: Sequence[pb.KeySpec], count_max: int, role: int) -> None:
    if not specs:
        raise Rejection(pb.CODE_MISSING_FIELD, "keys: missing")
    if len(specs) > count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"keys: got {len(specs)}, want at most {count_max}")
    seen: set[bytes] = set()
    for index, spec in enumerate(specs):
        name = f"keys[{index}]"
        if len(spec.public_key) != crypto.PUBLIC_KEY_BYTES:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.public_key: got {len(spec.public_key)} bytes, want 32")
        if spec.purpose not in (pb.KEY_PURPOSE_TRANSACTIONS, pb.KEY_PURPOSE_NODE):
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.purpose: got {spec.purpose}")
        if spec.purpose == pb.KEY_PURPOSE_NODE and role not in _NODE_KEY_ROLES:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.purpose: only institutions run nodes")
        if spec.public_key in seen or ctx.state.key(crypto.key_id(spec.public_key)) is not None:
            raise Rejection(pb.CODE_KEY_EXISTS, f"{name}: key {crypto.key_id(spec.public_key)} is registered")
        seen.add(spec.public_key)


def store_new_keys(ctx: TxContext, participant_id: str, specs: Sequence[pb.KeySpec]) -> list[str]:
    key_ids = ctx.state.participant_key_ids(participant_id)
    added = []
    for spec in specs:
        record = pb.KeyRecord(
            key_id=crypto.key_id(spec.public_key), participant_id=participant_id,
            public_key=spec.public_key, purpose=spec.purpose, added_height=ctx.height,
        )
        ctx.state.put_key(record)
        key_ids.append(record.key_id)
        added.append(record.key_id)
    ctx.state.set_participant_key_ids(participant_id, key_ids)
    return added


def _require_key_authority(ctx: TxContext, participant_id: str, purpose: int) -> pb.Participant:
    """The participant itself, or its administrator (registry for traders, ministry for institutions).

    Node keys are the holder's alone: an administrator who could replace another institution's
    node key could sign blocks as that institution and make a quorum by itself.
    """
    holder = require_participant(ctx, "participant_id", participant_id)
    if ctx.signer.participant_id == holder.participant_id:
        return holder
    if purpose == pb.KEY_PURPOSE_NODE:
        raise Rejection(pb.CODE_ROLE_NOT_AUTHORIZED, f"participant_id: only {participant_id!r} manages its node keys")
    if ctx.signer.role in authz.KEY_ADMINISTRATORS.get(holder.role, frozenset()):
        return holder
    raise Rejection(pb.CODE_ROLE_NOT_AUTHORIZED, f"participant_id: {ctx.signer.participant_id!r} may not manage keys of {participant_id!r}")


def _require_active_key(ctx: TxContext, participant_id: str, key_id: str) -> pb.KeyRecord:
    require_text("key_id", key_id, crypto.KEY_ID_HEX_CHARS)
    record = ctx.state.key(key_id)
    if record is None or record.participant_id != participant_id:
        raise Rejection(pb.CODE_UNKNOWN_KEY, f"key_id: {participant_id!r} has no key {key_id!r}")
    if record.revoked:
        raise Rejection(pb.CODE_KEY_REVOKED, f"key_id: {key_id!r} is revoked already")
    return record


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
    holder = _require_key_authority(ctx, payload.participant_id, payload.key.purpose)
    if len(ctx.state.participant_key_ids(holder.participant_id)) >= limits.participant_key_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"participant_id: holds {limits.participant_key_count_max} keys already")
    check_new_keys(ctx, [payload.key], 1, holder.role)
    (key_id,) = store_new_keys(ctx, holder.participant_id, [payload.key])
    ctx.emit("key_added", participant_id=holder.participant_id, key_id=key_id)


def rotate_key(ctx: TxContext, payload: pb.RotateKey) -> None:
    old = _require_active_key(ctx, payload.participant_id, payload.old_key_id)
    holder = _require_key_authority(ctx, payload.participant_id, old.purpose)
    if payload.new_key.purpose not in (pb.KEY_PURPOSE_UNSPECIFIED, old.purpose):
        raise Rejection(pb.CODE_INVALID_FIELD, f"new_key.purpose: got {pb.KeyPurpose.Name(payload.new_key.purpose)}, a rotation keeps {pb.KeyPurpose.Name(old.purpose)}")
    new_key = pb.KeySpec(public_key=payload.new_key.public_key, purpose=old.purpose)
    if len(ctx.state.participant_key_ids(holder.participant_id)) >= limits.participant_key_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"participant_id: holds {limits.participant_key_count_max} keys already")
    check_new_keys(ctx, [new_key], 1, holder.role)
    _revoke(ctx, old)
    (key_id,) = store_new_keys(ctx, holder.participant_id, [new_key])
    ctx.emit("key_rotated", participant_id=holder.participant_id, old_key_id=old.key_id, key_id=key_id)


def revoke_key(ctx: TxContext, payload: pb.RevokeKey) -> None:
    record = _require_active_key(ctx, payload.participant_id, payload.key_id)
    holder = _require_key_authority(ctx, payload.participant_id, record.purpose)
    require_text("reason", payload.reason, limits.text_chars_max, required=False)
    if _active_keys(ctx, holder.participant_id, record.purpose) == [record.key_id]:
        kind = "node key" if record.purpose == pb.KEY_PURPOSE_NODE else "key"
        raise Rejection(pb.CODE_LAST_ACTIVE_KEY, f"key_id: {record.key_id!r} is the last active {kind} of {holder.participant_id!r}; rotate it instead")
    _revoke(ctx, record)
    ctx.emit("key_revoked", participant_id=holder.participant_id, key_id=record.key_id)


KINDS = (
    TxKind(name="add_key", domain="registry", handler=add_key, signers=authz.EVERYONE, articles=(),
           summary="Add a signing key to a participant (DESIGN §8: keys are managed by their participant)."),
    TxKind(name="rotate_key", domain="registry", handler=rotate_key, signers=authz.EVERYONE, articles=(),
           summary="Replace one of a participant's keys by a new one, atomically."),
    TxKind(name="revoke_key", domain="registry", handler=revoke_key, signers=authz.EVERYONE, articles=(),
           summary="Revoke one of a participant's keys."),
)
