"""The verification draw on the chain (arts. 27-28, 双随机、一公开): a province requests it, then
records its outcome, which the ledger recomputes and refuses unless it reproduces.

The request fixes every input of `ledger/draw.py` but the seed: the year, the candidates (the
province's own listed emitters), how many to select, the bodies (registered verification bodies),
the conflicts and the capacity; the draw number (how many draws the province requested for the
year before) and the seed height (the block after the request's) follow from the chain. Nobody
knows the seed, that block's header hash, when the inputs are fixed. Once the block after the seed
block has written the seed into the state (`State.header_hash`), the province records the outcome;
the ledger recomputes the draw from the recorded inputs and the seed and keeps the outcome only if
it is exactly the draw's. So anyone reproduces a recorded draw from its record and the seed
block's header hash, with docs/verification-draw.md alone.

A province has one draw of a year in progress at a time, and never draws an emitter already
assigned for the year: each emitter's year has at most one assigned body (`ASSIGNMENTS`).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import draw, mrv_queries
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State
from cets.ledger.txs.common import (
    TxContext, require_emitter, require_own_province, require_participant, require_vintage,
)
from cets.ledger.txs.kind import TxKind

DRAW_ID_BYTES = 32
# Draws a province may request for one year: each is read to number the next (a bounded scan).
DRAWS_PER_PROVINCE_YEAR_MAX = 100
# A placeholder for the unknown seed when a request's inputs are checked: the checks of
# ledger/draw.py never depend on the seed's value, only on its length.
_SEED_UNKNOWN = bytes(draw.SEED_BYTES)


def draws_of_year(state: State, province: str, year: int) -> list[pb.VerificationDraw]:
    """The province's draws for the year, at most DRAWS_PER_PROVINCE_YEAR_MAX (the request refuses more)."""
    keys = state.scan_table(t.DRAWS_BY_PROVINCE, province, year, limit=DRAWS_PER_PROVINCE_YEAR_MAX)
    return [t.DRAWS.get(state, parts[2]) for _, parts, _ in keys]


def draw_inputs(record: pb.VerificationDraw, seed: bytes) -> draw.DrawInputs:
    """The inputs of `ledger/draw.py`, exactly as the record states them: what anyone reproduces."""
    request = record.request
    return draw.DrawInputs(
        seed=seed, seed_height=record.seed_height, province=record.province, year=request.year,
        draw_number=record.draw_number, candidates=tuple(request.candidates), select_count=request.select_count,
        bodies=tuple(request.bodies), conflicts=tuple((pair.body_id, pair.emitter_id) for pair in request.conflicts),
        capacity_per_body=request.capacity_per_body,
    )


def _check_inputs(inputs: draw.DrawInputs) -> None:
    """The draw's own rules (sorted, unique, well-formed ids; a feasible deal) as DRAW_INVALID."""
    try:
        draw.check_inputs(inputs)
    except draw.DrawError as error:
        raise Rejection(pb.CODE_DRAW_INVALID, f"{error.reason.value}: {error.detail}") from None


def _check_earlier_draws(earlier: list[pb.VerificationDraw], province: str, year: int) -> None:
    if len(earlier) >= DRAWS_PER_PROVINCE_YEAR_MAX:
        raise Rejection(pb.CODE_TOO_LARGE, f"year: province {province!r} requested {len(earlier)} draws for {year}, "
                                           f"at most {DRAWS_PER_PROVINCE_YEAR_MAX}")
    for record in earlier:
        if not record.key:
            raise Rejection(pb.CODE_DRAW_INVALID, f"year: draw {record.draw_id.hex()} of {year} awaits its record; "
                                                  "record it before requesting another")


def _check_candidates(ctx: TxContext, candidates, year: int) -> None:
    """Art. 27: a province draws among its own key emitters listed for the year, none assigned yet."""
    for index, emitter_id in enumerate(candidates):
        name = f"candidates[{index}]"
        emitter = require_emitter(ctx, name, emitter_id)
        require_own_province(ctx, name, emitter.province)
        if mrv_queries.listing_for(ctx.state, emitter_id, year) is None:  # or listing.is_listed, once merged
            raise Rejection(pb.CODE_NOT_LISTED, f"{name}: {emitter_id!r} is not on the key-emitter list for {year}")
        if t.ASSIGNMENTS.get(ctx.state, emitter_id, year) is not None:
            raise Rejection(pb.CODE_DRAW_INVALID, f"{name}: {emitter_id!r} has a body assigned for {year} already")


def _check_bodies(ctx: TxContext, bodies) -> None:
    """Art. 28: the bodies are registered verification bodies."""
    for index, body_id in enumerate(bodies):
        body = require_participant(ctx, f"bodies[{index}]", body_id)
        if body.role != pb.ROLE_VERIFIER:
            raise Rejection(pb.CODE_INVALID_FIELD, f"bodies[{index}]: {body_id!r} is {pb.Role.Name(body.role)}, want ROLE_VERIFIER")


def request_verification_draw(ctx: TxContext, payload: pb.RequestVerificationDraw) -> None:
    province, year = ctx.signer.province, payload.year
    require_vintage("year", year, ctx.rulebook)
    earlier = draws_of_year(ctx.state, province, year)
    record = pb.VerificationDraw(draw_id=ctx.tx_id, province=province, request=payload, request_height=ctx.height,
                                 seed_height=ctx.height + 1, draw_number=len(earlier))
    _check_inputs(draw_inputs(record, _SEED_UNKNOWN))
    _check_earlier_draws(earlier, province, year)
    _check_candidates(ctx, payload.candidates, year)
    _check_bodies(ctx, payload.bodies)

    t.DRAWS.put(ctx.state, record, ctx.tx_id)
    t.DRAWS_BY_PROVINCE.put(ctx.state, b"", province, year, ctx.tx_id)
    ctx.emit(verification_draw_requested=pb.VerificationDrawRequested(
        draw_id=ctx.tx_id, province=province, year=year, seed_height=record.seed_height, draw_number=record.draw_number))


def _pending_draw(ctx: TxContext, draw_id: bytes) -> pb.VerificationDraw:
    if not draw_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "draw_id: missing")
    if len(draw_id) != DRAW_ID_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"draw_id: got {len(draw_id)} bytes, want {DRAW_ID_BYTES}")
    record = t.DRAWS.get(ctx.state, draw_id)
    if record is None:
        raise Rejection(pb.CODE_DRAW_RECORDED, f"draw_id: no draw {draw_id.hex()}")
    require_own_province(ctx, "draw_id", record.province)
    if record.key:
        raise Rejection(pb.CODE_DRAW_RECORDED, f"draw_id: draw {draw_id.hex()} is recorded already")
    return record


def _reproduce(record: pb.VerificationDraw, seed: bytes, claimed) -> draw.DrawResult:
    """The draw of the recorded inputs and the seed, if `claimed` is exactly its outcome."""
    inputs = draw_inputs(record, seed)
    result = draw.draw(inputs)  # the request's checks passed, and they never depend on the seed
    outcome = tuple(draw.Assignment(each.emitter_id, each.body_id) for each in claimed)
    try:
        draw.check_draw(inputs, draw.DrawResult(result.key, outcome))
    except draw.DrawError as error:
        assert error.reason is draw.DrawReason.DOES_NOT_REPRODUCE, error
        raise Rejection(pb.CODE_DRAW_NOT_REPRODUCED, f"assignments: {error.detail}") from None
    return result


def record_verification_draw(ctx: TxContext, payload: pb.RecordVerificationDraw) -> None:
    record = _pending_draw(ctx, payload.draw_id)
    seed = ctx.state.header_hash(record.seed_height)
    if seed is None:
        raise Rejection(pb.CODE_DRAW_SEED_PENDING, f"draw_id: the seed block {record.seed_height} is not sealed by a later "
                                                    f"block yet (record from height {record.seed_height + 1} on)")
    result = _reproduce(record, seed, payload.assignments)

    record.seed, record.key = seed, result.key
    record.assignments.extend(payload.assignments)
    t.DRAWS.put(ctx.state, record, record.draw_id)
    for assignment in payload.assignments:
        t.ASSIGNMENTS.put(ctx.state, assignment, assignment.emitter_id, record.request.year)
    ctx.emit(verification_draw_recorded=pb.VerificationDrawRecorded(draw_id=record.draw_id, assignments=payload.assignments,
                                                                    key=result.key))


KINDS = (
    TxKind(name="request_verification_draw", domain="mrv", handler=request_verification_draw, signers=frozenset({pb.ROLE_PROVINCE}),
           articles=("27", "28"),
           summary="A province fixes a verification draw's inputs (its listed emitters, registered bodies); the next block's hash seeds it."),
    TxKind(name="record_verification_draw", domain="mrv", handler=record_verification_draw, signers=frozenset({pb.ROLE_PROVINCE}),
           articles=("27", "28"),
           summary="A province records a draw's outcome, kept only if it reproduces from the recorded inputs and the seed block's hash."),
)
