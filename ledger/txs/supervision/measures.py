"""Measures against violators: the registry's seven (art. 45) and the exchange's seven (art. 47),
each a reasoned record with an effect the ledger enforces, lifted only by the authority that
imposed it (art. 48: a review's or a court's outcome is such a lifting, citing its case).

What each measure refuses is decided here, once, when it is imposed (`effective_operations`), and
kept in the participant's `Restrictions` record that `restrictions.require_allowed` reads. A
lifted or ended measure stays recorded with its lift; only its effect goes.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, crypto, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_account, require_enum, require_participant, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.supervision import restrictions
from cets.ledger.txs.supervision.restrictions import ACCOUNT_OPERATIONS, ALL_OPERATIONS

M, O = pb.MeasureType, pb.RestrictedOperation
AUTHORITIES = frozenset({pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE})

# (authority's role, measure) -> the article and item that empowers it: one table, probed cell by
# cell (tests/test_authz_table.py). Art. 47 (3) is the exchange's own; art. 45 (3) the registry's.
MEASURE_ARTICLES: dict[tuple[int, int], str] = {
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_PUBLIC_CRITICISM): "45 (1)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_RESTRICT_TRANSFERS): "45 (2)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_SUSPEND_ACCOUNT): "45 (3)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_SUSPEND_BUSINESS): "45 (4)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS): "45 (5)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY): "45 (6)",
    (pb.ROLE_REGISTRY, M.MEASURE_TYPE_ORDER_BUSINESS_END): "45 (7)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_PUBLIC_CRITICISM): "47 (1)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_RESTRICT_TRANSFERS): "47 (2)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_SUSPEND_BUYING_SELLING): "47 (3)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_SUSPEND_BUSINESS): "47 (4)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS): "47 (5)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY): "47 (6)",
    (pb.ROLE_EXCHANGE, M.MEASURE_TYPE_ORDER_BUSINESS_END): "47 (7)",
}

TRADING = frozenset({O.RESTRICTED_OPERATION_BUY, O.RESTRICTED_OPERATION_SELL})


# measure -> (operations the authority may choose from, what it refuses when none is chosen: None
# means a choice is required, an empty set means it refuses nothing).
EFFECTS: dict[int, tuple[frozenset[int], frozenset[int] | None]] = {
    M.MEASURE_TYPE_PUBLIC_CRITICISM: (frozenset(), frozenset()),
    M.MEASURE_TYPE_RESTRICT_TRANSFERS: (frozenset({O.RESTRICTED_OPERATION_TRANSFER_OUT, O.RESTRICTED_OPERATION_FUNDS_OUT}), None),
    M.MEASURE_TYPE_SUSPEND_ACCOUNT: (ACCOUNT_OPERATIONS, ACCOUNT_OPERATIONS),
    M.MEASURE_TYPE_SUSPEND_BUSINESS: (ALL_OPERATIONS, ALL_OPERATIONS),  # a subset restricts, none chosen suspends all
    M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS: (ACCOUNT_OPERATIONS, None),
    M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY: (TRADING | {O.RESTRICTED_OPERATION_TRANSFER_OUT},) * 2,
    M.MEASURE_TYPE_ORDER_BUSINESS_END: (ALL_OPERATIONS - {O.RESTRICTED_OPERATION_SURRENDER},) * 2,
    M.MEASURE_TYPE_SUSPEND_BUYING_SELLING: (TRADING, TRADING),
}
# Measures that may aim at one account of the participant; the others apply to the participant.
ACCOUNT_SCOPED = frozenset({M.MEASURE_TYPE_RESTRICT_TRANSFERS, M.MEASURE_TYPE_SUSPEND_ACCOUNT, M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS,
                            M.MEASURE_TYPE_SUSPEND_BUYING_SELLING})
# Measures whose effect the article fixes: they take no choice.
FIXED = frozenset({M.MEASURE_TYPE_PUBLIC_CRITICISM, M.MEASURE_TYPE_SUSPEND_ACCOUNT, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY,
                   M.MEASURE_TYPE_ORDER_BUSINESS_END})


def effective_operations(measure_type: int, chosen: list[int]) -> list[int]:
    """The operations the measure refuses, sorted: the authority's choice where the article leaves one."""
    choice, default = EFFECTS[measure_type]
    name = pb.MeasureType.Name(measure_type)
    if len(set(chosen)) != len(chosen):
        raise Rejection(pb.CODE_INVALID_FIELD, "operations: an operation is named twice")
    if chosen and measure_type in FIXED:
        raise Rejection(pb.CODE_INVALID_FIELD, f"operations: {name} takes no choice, its effect is fixed by its article")
    outside = [operation for operation in chosen if operation not in choice]
    if outside:
        names = ", ".join(pb.RestrictedOperation.Name(operation) if operation in O.values() else str(operation) for operation in outside)
        raise Rejection(pb.CODE_INVALID_FIELD, f"operations: {names} not among what {name} restricts")
    if not chosen and default is None:
        raise Rejection(pb.CODE_MISSING_FIELD, f"operations: {name} restricts the operations chosen, none given")
    return sorted(chosen or default)


def _target(ctx: TxContext, payload: pb.ImposeMeasure) -> pb.Participant:
    """The participant (and, through `payload.account_id`, its account) the measure aims at."""
    participant_id = payload.participant_id
    if payload.account_id:
        account = require_account(ctx, "account_id", payload.account_id)
        if payload.type not in ACCOUNT_SCOPED:
            raise Rejection(pb.CODE_INVALID_FIELD, f"account_id: {pb.MeasureType.Name(payload.type)} applies to the participant, not one account")
        if participant_id and participant_id != account.holder:
            raise Rejection(pb.CODE_INVALID_FIELD, f"account_id: {account.account_id!r} is held by {account.holder!r}, not {participant_id!r}")
        participant_id = account.holder
    target = require_participant(ctx, "participant_id", participant_id)
    if target.role not in authz.HOLDERS:
        raise Rejection(pb.CODE_TARGET_NOT_ELIGIBLE, f"participant_id: {participant_id!r} is {pb.Role.Name(target.role)}; measures aim at holders")
    return target


def _check_texts_and_end(ctx: TxContext, payload: pb.ImposeMeasure) -> None:
    require_text("reason", payload.reason, limits.text_chars_max)
    require_text("legal_basis", payload.legal_basis, limits.name_chars_max)
    require_text("case_reference", payload.case_reference, limits.name_chars_max)
    if payload.end_ms and payload.type == M.MEASURE_TYPE_ORDER_BUSINESS_END:
        raise Rejection(pb.CODE_INVALID_FIELD, "end_ms: an order to end the business has no end; it is lifted")
    if payload.end_ms and payload.end_ms <= ctx.time_ms:
        raise Rejection(pb.CODE_INVALID_FIELD, f"end_ms: got {payload.end_ms}, want 0 (until lifted) or after the block time {ctx.time_ms}")


def impose_measure(ctx: TxContext, payload: pb.ImposeMeasure) -> None:
    require_enum("type", payload.type, pb.MeasureType)
    article = MEASURE_ARTICLES.get((ctx.signer.role, payload.type))
    if article is None:
        raise Rejection(pb.CODE_MEASURE_NOT_OF_AUTHORITY,
                        f"type: {pb.MeasureType.Name(payload.type)} is not a measure of {pb.Role.Name(ctx.signer.role)} (arts. 45, 47)")
    target = _target(ctx, payload)
    operations = effective_operations(payload.type, list(payload.operations))
    _check_texts_and_end(ctx, payload)
    current = restrictions.restrictions_of(ctx.state, target.participant_id)
    restrictions.prune_ended(current, ctx.time_ms)
    if operations and len(current.entries) >= limits.restriction_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"participant_id: {len(current.entries)} measures in force, want at most {limits.restriction_count_max}")

    measure = pb.Measure(measure_id=ctx.tx_id, authority=ctx.signer.participant_id, participant_id=target.participant_id,
                         account_id=payload.account_id, type=payload.type, operations=operations, reason=payload.reason,
                         legal_basis=payload.legal_basis, article=article, case_reference=payload.case_reference, end_ms=payload.end_ms,
                         height=ctx.height, time_ms=ctx.time_ms)
    _put(ctx, measure)
    t.MEASURES_IN_ORDER.put(ctx.state, b"", ctx.height, ctx.tx_id)
    t.MEASURES_BY_PARTICIPANT.put(ctx.state, b"", target.participant_id, ctx.height, ctx.tx_id)
    t.MEASURES_BY_AUTHORITY.put(ctx.state, b"", measure.authority, ctx.height, ctx.tx_id)
    if operations:
        current.entries.append(pb.Restriction(measure_id=ctx.tx_id, type=payload.type, account_id=payload.account_id, operations=operations,
                                              end_ms=payload.end_ms))
    restrictions.save(ctx.state, target.participant_id, current)
    ctx.emit(measure_imposed=measure)


def _put(ctx: TxContext, measure: pb.Measure) -> None:
    t.MEASURES.put(ctx.state, measure, measure.measure_id)


def require_measure(ctx: TxContext, name: str, measure_id: bytes) -> pb.Measure:
    if not measure_id:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if len(measure_id) != crypto.HASH_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {len(measure_id)} bytes, want {crypto.HASH_BYTES}")
    measure = t.MEASURES.get(ctx.state, measure_id)
    if measure is None:
        raise Rejection(pb.CODE_MEASURE_UNKNOWN, f"{name}: no measure {measure_id.hex()}")
    return measure


def lift_measure(ctx: TxContext, payload: pb.LiftMeasure) -> None:
    measure = require_measure(ctx, "measure_id", payload.measure_id)
    if measure.authority != ctx.signer.participant_id:
        raise Rejection(pb.CODE_NOT_MEASURE_AUTHORITY,
                        f"measure_id: imposed by {measure.authority!r}; only it lifts the measure, not {ctx.signer.participant_id!r}")
    if measure.HasField("lift") or not restrictions.in_force(measure.end_ms, ctx.time_ms):
        ended = f"lifted at height {measure.lift.height}" if measure.HasField("lift") else f"ended at {measure.end_ms}"
        raise Rejection(pb.CODE_MEASURE_NOT_IN_FORCE, f"measure_id: {measure.measure_id.hex()} {ended}")
    require_text("reason", payload.reason, limits.text_chars_max)
    require_text("case_reference", payload.case_reference, limits.name_chars_max, required=False)

    measure.lift.CopyFrom(pb.MeasureLift(tx_id=ctx.tx_id, lifted_by=ctx.signer.participant_id, reason=payload.reason,
                                         case_reference=payload.case_reference, height=ctx.height, time_ms=ctx.time_ms))
    _put(ctx, measure)
    current = restrictions.restrictions_of(ctx.state, measure.participant_id)
    kept = [entry for entry in current.entries if entry.measure_id != measure.measure_id]
    del current.entries[:]
    current.entries.extend(kept)
    restrictions.save(ctx.state, measure.participant_id, current)
    ctx.emit(measure_lifted=pb.MeasureLifted(measure_id=measure.measure_id, participant_id=measure.participant_id, lift=measure.lift))


KINDS = (
    TxKind(name="impose_measure", domain="supervision", handler=impose_measure, signers=AUTHORITIES, articles=("45", "47"),
           summary="The registry (art. 45) or the exchange (art. 47) imposes a reasoned measure on a holder or its account; the ledger "
                   "enforces its effect until it ends or is lifted.",
           cli=Cli(command="impose-measure", help="impose a measure of art. 45 (registry) or art. 47 (exchange)",
                   flags={"participant": "participant_id", "account": "account_id", "type": "type", "operation": "operations[]",
                          "reason": "reason", "basis": "legal_basis", "case": "case_reference", "end-ms": "end_ms"},
                   optional=frozenset({"participant", "account", "operation", "end-ms"}))),
    TxKind(name="lift_measure", domain="supervision", handler=lift_measure, signers=AUTHORITIES, articles=("45", "47", "48"),
           summary="The authority that imposed a measure lifts it, with a reason (an administrative review's outcome, art. 48); "
                   "the measure stays listed with its lift.",
           cli=Cli(command="lift-measure", help="lift a measure your institution imposed",
                   flags={"measure": "measure_id", "reason": "reason", "case": "case_reference"}, optional=frozenset({"case"}))),
)
