"""The three tiers (arts. 4, 32-33): whether the signer may act for a province on an emitter.

The ministry acts nationally and a province on its own emitters (`require_own_province`); a city
department acts only inside a delegation of its province in force at the block's time, for the
task the act belongs to, on an emitter its scope names (by id, or by district: the division code
of the emitter's unified social credit code). Every kind a province performs in a delegable task
asks `acting_for_province` and nothing else, so the rule lives here once.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import identity, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import StateReader
from cets.ledger.txs.common import TxContext, require_own_province


# The kinds a city may sign under each task (tests/test_authz_table.py probes every cell). Each of
# these handlers asks `acting_for_province` with its task; a kind joins a task here and there.
TASK_KINDS: dict[int, tuple[str, ...]] = {
    pb.SUPERVISION_TASK_MONITORING_PLANS: ("file_monitoring_plan",),
    pb.SUPERVISION_TASK_INSPECTIONS: ("record_inspection",),
    pb.SUPERVISION_TASK_TIPS: (),  # the whistle-blowing kinds (art. 40), when they join
}


def division_code(participant_id: str) -> str:
    """The GB/T 2260 division code a unified social credit code carries (characters 3-8); "" for
    another kind of id."""
    return participant_id[2:8] if identity.is_uscc(participant_id) else ""


def in_scope(terms: pb.RecordDelegation, emitter: pb.Participant) -> bool:
    """Whether a delegation's scope names the emitter, by id or by district."""
    if emitter.participant_id in terms.emitter_ids:
        return True
    division = division_code(emitter.participant_id)
    return bool(division) and any(division.startswith(district) for district in terms.districts)


def in_force(delegation: pb.Delegation, time_ms: int) -> bool:
    terms = delegation.terms
    return not delegation.revoked and terms.valid_from_ms <= time_ms < terms.valid_until_ms


def delegations_of(reader: StateReader, city_id: str) -> list[pb.Delegation]:
    """Every delegation to a city, in id order (at most `city_delegation_count_max`)."""
    return [t.DELEGATIONS.get(reader, parts[1])
            for _, parts, _ in t.DELEGATIONS_BY_CITY.scan(reader, city_id, limit=limits.city_delegation_count_max)]


def _failure(delegation: pb.Delegation, task: int, emitter: pb.Participant, time_ms: int) -> tuple[int, int, str] | None:
    """Why a delegation does not cover this act: (how far it got, code, detail), or None if it does."""
    terms, name = delegation.terms, delegation.delegation_id.hex()
    if task not in terms.tasks:
        return 0, pb.CODE_TASK_NOT_DELEGATED, f"delegation {name}: does not include {pb.SupervisionTask.Name(task)}"
    if not in_scope(terms, emitter):
        return 1, pb.CODE_OUTSIDE_DELEGATION, f"delegation {name}: {emitter.participant_id!r} is outside its emitters and districts"
    if time_ms < terms.valid_from_ms:
        return 2, pb.CODE_DELEGATION_NOT_YET_VALID, f"delegation {name}: valid from {terms.valid_from_ms}, block time {time_ms}"
    if time_ms >= terms.valid_until_ms:
        return 3, pb.CODE_DELEGATION_EXPIRED, f"delegation {name}: ended at {terms.valid_until_ms}, block time {time_ms}"
    if delegation.revoked:
        return 4, pb.CODE_DELEGATION_REVOKED, f"delegation {name}: revoked at {delegation.revoked_ms} ({delegation.revoke_reason})"
    return None


def acting_for_province(ctx: TxContext, task: int, emitter: pb.Participant, name: str = "emitter_id") -> bytes:
    """Arts. 4, 32: the signer may perform `task` on `emitter` for its province. Returns the
    delegation a city acts under (b"" for the ministry or a province) and records the act under it.

    A city with several delegations acts under the first (in id order) that covers the act; when
    none does, the refusal is that of the delegation that came closest (right task, then in scope,
    then begun, then not ended, then not revoked), so a city learns the one thing that stops it.
    The act's record is written here, with the check: a transaction refused later leaves nothing,
    since its whole layer is dropped (machine.execute_tx)."""
    if ctx.signer.role != pb.ROLE_CITY:
        require_own_province(ctx, name, emitter.province)
        return b""
    city = ctx.signer
    if emitter.province != city.province:
        raise Rejection(pb.CODE_OUTSIDE_JURISDICTION, f"{name}: in province {emitter.province!r}, signer is a city of {city.province!r}")
    closest = None
    for delegation in delegations_of(ctx.state, city.participant_id):
        failure = _failure(delegation, task, emitter, ctx.time_ms)
        if failure is None:
            t.DELEGATED_ACTS.put(ctx.state, delegation.delegation_id, city.participant_id, ctx.height, ctx.tx_id)
            return delegation.delegation_id
        if closest is None or failure[0] > closest[0]:
            closest = failure
    if closest is None:
        raise Rejection(pb.CODE_DELEGATION_MISSING, f"signer: province {city.province!r} has delegated nothing to city {city.participant_id!r}")
    raise Rejection(closest[1], f"{name}: {closest[2]}")
