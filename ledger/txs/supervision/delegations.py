"""Delegations (arts. 4, 32): a province entrusts supervision tasks over some of its emitters to one
of its cities for a period, and may revoke them.

A delegation names its tasks (a closed list, `SupervisionTask`), its scope (emitters by id, and
districts by GB/T 2260 division code) and its validity [valid_from_ms, valid_until_ms) of block
time. It is never edited: a change is a revocation and a new delegation. `tiers.acting_for_province`
decides whether a city's act falls inside one.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import crypto, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_enum, require_own_province, require_participant, require_text
from cets.ledger.txs.kind import Cli, TxKind


def require_city_of_signer(ctx: TxContext, name: str, city_id: str) -> pb.Participant:
    city = require_participant(ctx, name, city_id)
    if city.role != pb.ROLE_CITY:
        raise Rejection(pb.CODE_NOT_CITY, f"{name}: {city_id!r} is {pb.Role.Name(city.role)}")
    require_own_province(ctx, name, city.province)
    return city


def _require_tasks(tasks) -> None:
    if not tasks:
        raise Rejection(pb.CODE_MISSING_FIELD, "tasks: missing")
    for index, task in enumerate(tasks):
        require_enum(f"tasks[{index}]", task, pb.SupervisionTask)
    if len(set(tasks)) != len(tasks):
        raise Rejection(pb.CODE_INVALID_FIELD, "tasks: a task appears twice")


def _require_district(ctx: TxContext, name: str, district: str) -> None:
    """A city (4 digits) or district (6 digits) of the signer's province, GB/T 2260."""
    if not (district.isascii() and district.isdigit() and len(district) in (4, 6)) or district[2:4] == "00":
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {district!r}, want a GB/T 2260 city (4 digits) or district (6 digits) code")
    require_own_province(ctx, name, district[:2])


def _require_scope(ctx: TxContext, payload: pb.RecordDelegation) -> None:
    if not payload.emitter_ids and not payload.districts:
        raise Rejection(pb.CODE_MISSING_FIELD, "emitter_ids: missing, and no districts: a delegation covers some emitters")
    for name, values, count_max in (("emitter_ids", payload.emitter_ids, limits.delegation_emitter_count_max),
                                    ("districts", payload.districts, limits.delegation_district_count_max)):
        if len(values) > count_max:
            raise Rejection(pb.CODE_TOO_LARGE, f"{name}: got {len(values)}, want at most {count_max}")
        if len(set(values)) != len(values):
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: a value appears twice")
    for index, emitter_id in enumerate(payload.emitter_ids):
        emitter = require_emitter(ctx, f"emitter_ids[{index}]", emitter_id)
        require_own_province(ctx, f"emitter_ids[{index}]", emitter.province)
    for index, district in enumerate(payload.districts):
        _require_district(ctx, f"districts[{index}]", district)


def _require_validity(ctx: TxContext, payload: pb.RecordDelegation) -> None:
    start, end = payload.valid_from_ms, payload.valid_until_ms
    if start <= 0 or end <= 0:
        raise Rejection(pb.CODE_MISSING_FIELD, "valid_from_ms, valid_until_ms: both required, ms of block time")
    if end <= start:
        raise Rejection(pb.CODE_INVALID_FIELD, f"valid_until_ms: got {end}, want after valid_from_ms {start}")
    if end <= ctx.time_ms:
        raise Rejection(pb.CODE_INVALID_FIELD, f"valid_until_ms: got {end}, want after the block time {ctx.time_ms}")
    if end - start > limits.delegation_duration_ms_max:
        raise Rejection(pb.CODE_INVALID_FIELD, f"valid_until_ms: runs {end - start} ms, want at most {limits.delegation_duration_ms_max}")


def record_delegation(ctx: TxContext, payload: pb.RecordDelegation) -> None:
    """Art. 32: the province delegates tasks over some of its emitters to one of its cities."""
    city = require_city_of_signer(ctx, "city", payload.city)
    _require_tasks(payload.tasks)
    _require_scope(ctx, payload)
    _require_validity(ctx, payload)
    require_text("reference", payload.reference, limits.name_chars_max)
    count = sum(1 for _ in t.DELEGATIONS_BY_CITY.scan(ctx.state, city.participant_id, limit=limits.city_delegation_count_max))
    if count >= limits.city_delegation_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"city: has {count} delegations, at most {limits.city_delegation_count_max} ever")

    province = ctx.signer.province
    t.DELEGATIONS.put(ctx.state, pb.Delegation(delegation_id=ctx.tx_id, province=province, delegated_by=ctx.signer.participant_id,
                                                terms=payload, height=ctx.height), ctx.tx_id)
    t.DELEGATIONS_BY_CITY.put(ctx.state, b"", city.participant_id, ctx.tx_id)
    t.DELEGATIONS_BY_PROVINCE.put(ctx.state, b"", province, ctx.tx_id)
    ctx.emit(delegation_recorded=pb.DelegationRecorded(delegation_id=ctx.tx_id, province=province, city=city.participant_id,
                                                       tasks=payload.tasks, valid_from_ms=payload.valid_from_ms,
                                                       valid_until_ms=payload.valid_until_ms))


def revoke_delegation(ctx: TxContext, payload: pb.RevokeDelegation) -> None:
    """Art. 32: the province that delegated ends a delegation before its term."""
    if len(payload.delegation_id) != crypto.HASH_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"delegation_id: got {len(payload.delegation_id)} bytes, want {crypto.HASH_BYTES}")
    delegation = t.DELEGATIONS.get(ctx.state, payload.delegation_id)
    if delegation is None or delegation.province != ctx.signer.province:
        raise Rejection(pb.CODE_DELEGATION_UNKNOWN,
                        f"delegation_id: province {ctx.signer.province!r} recorded no delegation {payload.delegation_id.hex()}")
    if delegation.revoked or ctx.time_ms >= delegation.terms.valid_until_ms:
        raise Rejection(pb.CODE_DELEGATION_ENDED, f"delegation_id: {payload.delegation_id.hex()} is revoked or ended already")
    require_text("reason", payload.reason)

    delegation.revoked, delegation.revoked_tx_id = True, ctx.tx_id
    delegation.revoked_ms, delegation.revoke_reason = ctx.time_ms, payload.reason
    t.DELEGATIONS.put(ctx.state, delegation, delegation.delegation_id)
    ctx.emit(delegation_revoked=pb.DelegationRevoked(delegation_id=delegation.delegation_id, city=delegation.terms.city, reason=payload.reason))


KINDS = (
    TxKind(name="record_delegation", domain="supervision", handler=record_delegation, signers=frozenset({pb.ROLE_PROVINCE}),
           articles=("4", "32"),
           summary="A province delegates supervision tasks over some of its emitters or districts to one of its cities, for a period of block time.",
           cli=Cli(command="delegate", help="delegate supervision tasks to a city (arts. 4, 32)",
                   flags={"city": "city", "task": "tasks[]", "emitter": "emitter_ids[]", "district": "districts[]",
                          "valid-from-ms": "valid_from_ms", "valid-until-ms": "valid_until_ms", "reference": "reference"},
                   optional=frozenset({"emitter", "district"}))),
    TxKind(name="revoke_delegation", domain="supervision", handler=revoke_delegation, signers=frozenset({pb.ROLE_PROVINCE}),
           articles=("32",), summary="A province revokes one of its delegations before its end.",
           cli=Cli(command="revoke-delegation", help="revoke a delegation (art. 32)",
                   flags={"delegation": "delegation_id", "reason": "reason"})),
)
