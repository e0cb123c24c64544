"""Appeals against a verification (art. 29) or an allocation (art. 10): filed by the emitter within
the rulebook's window, decided by its province.

The window (`appeal_window_days`, adopted: 7 working days, Order 19 arts. 16, 27; counted here in
calendar days) runs from the block time of the latest verification of the year, or of the latest
allocation or adjustment of the vintage (`ALLOCATION_TIMES`); an appeal is in time while the
block's time is before the window's end. The province decides: an upheld verification appeal
states the corrected figure, which becomes a new verification version (verified by the province,
naming the appeal) and the year's obligation; an upheld allocation appeal is put right by an
adjustment (art. 11, `adjust_allocation` with reason CORRECTION); a dismissal states its reasons.
A decision after `appeal_decision_days` is recorded as late, not refused: the emitter is owed a
decision however late it comes.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_enum, require_own_province, require_text, require_vintage
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.verification import (
    VERSIONS_MAX, latest_verification, require_open_compliance, require_tonnes, store_verification,
)

APPEAL_ID_BYTES = 32


def _require_in_window(ctx: TxContext, opened_ms: int, what: str) -> None:
    closes_ms = opened_ms + calendar.days_ms(ctx.rulebook.appeal_window_days)
    if ctx.time_ms >= closes_ms:
        raise Rejection(pb.CODE_APPEAL_WINDOW_CLOSED, f"year: the window of {ctx.rulebook.appeal_window_days} days after {what} "
                                                      f"closed at {closes_ms}, block time {ctx.time_ms}")


def _check_verification_appeal(ctx: TxContext, emitter_id: str, year: int) -> int:
    """Art. 29: an appeal of the year's latest verification, in its window; returns its version."""
    latest = latest_verification(ctx.state, emitter_id, year)
    if latest is None:
        raise Rejection(pb.CODE_REPORT_MISSING, f"year: {emitter_id!r} has no verification of {year} to appeal")
    _require_in_window(ctx, latest.recorded_ms, f"verification version {latest.version}")
    if latest.version >= VERSIONS_MAX:
        raise Rejection(pb.CODE_TOO_LARGE, f"year: {emitter_id!r}'s {year} has {latest.version} verification versions, "
                                           f"at most {VERSIONS_MAX}")
    return latest.version


def _check_allocation_appeal(ctx: TxContext, emitter_id: str, vintage: int) -> None:
    """Art. 10: an appeal of the vintage's allocation, in the window after its latest allocation
    or adjustment; with none recorded, no window ever opened."""
    allocated_ms = t.ALLOCATION_TIMES.get(ctx.state, emitter_id, vintage)
    if allocated_ms is None:
        raise Rejection(pb.CODE_APPEAL_WINDOW_CLOSED, f"year: {emitter_id!r} has no allocation of vintage {vintage} to appeal")
    _require_in_window(ctx, allocated_ms, f"the allocation of vintage {vintage}")


def file_appeal(ctx: TxContext, payload: pb.FileAppeal) -> None:
    emitter = ctx.signer
    require_enum("subject", payload.subject, pb.AppealSubject)
    require_vintage("year", payload.year, ctx.rulebook)
    require_text("grounds", payload.grounds, limits.text_chars_max)
    verification_version = 0
    if payload.subject == pb.APPEAL_SUBJECT_VERIFICATION:
        verification_version = _check_verification_appeal(ctx, emitter.participant_id, payload.year)
    else:
        _check_allocation_appeal(ctx, emitter.participant_id, payload.year)

    appeal = pb.Appeal(appeal_id=ctx.tx_id, emitter_id=emitter.participant_id, province=emitter.province, appeal=payload,
                       filed_ms=ctx.time_ms, outcome=pb.APPEAL_OUTCOME_PENDING, verification_version=verification_version)
    t.APPEALS.put(ctx.state, appeal, ctx.tx_id)
    t.APPEALS_BY_EMITTER.put(ctx.state, b"", emitter.participant_id, ctx.tx_id)
    ctx.emit(appeal_filed=pb.AppealFiled(appeal_id=ctx.tx_id, emitter_id=emitter.participant_id, subject=payload.subject,
                                         year=payload.year))


def _pending_appeal(ctx: TxContext, appeal_id: bytes) -> pb.Appeal:
    if not appeal_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "appeal_id: missing")
    if len(appeal_id) != APPEAL_ID_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"appeal_id: got {len(appeal_id)} bytes, want {APPEAL_ID_BYTES}")
    appeal = t.APPEALS.get(ctx.state, appeal_id)
    if appeal is None:
        raise Rejection(pb.CODE_APPEAL_NOT_PENDING, f"appeal_id: no appeal {appeal_id.hex()}")
    require_own_province(ctx, "appeal_id", appeal.province)
    if appeal.outcome != pb.APPEAL_OUTCOME_PENDING:
        raise Rejection(pb.CODE_APPEAL_NOT_PENDING, f"appeal_id: appeal {appeal_id.hex()} is decided already "
                                                    f"({pb.AppealOutcome.Name(appeal.outcome)})")
    return appeal


def _check_decision(ctx: TxContext, appeal: pb.Appeal, payload: pb.DecideAppeal) -> bool:
    """The decision's fields; returns whether it corrects a verified figure."""
    require_enum("outcome", payload.outcome, pb.AppealOutcome)
    dismissed = payload.outcome == pb.APPEAL_OUTCOME_DISMISSED
    require_text("reasons", payload.reasons, limits.text_chars_max, required=dismissed)
    corrects = payload.outcome == pb.APPEAL_OUTCOME_UPHELD and appeal.appeal.subject == pb.APPEAL_SUBJECT_VERIFICATION
    if not corrects:
        if payload.corrected_tonnes:
            raise Rejection(pb.CODE_INVALID_FIELD, f"corrected_tonnes: got {payload.corrected_tonnes}, want none: only an upheld "
                                                   "verification appeal corrects a figure")
        return False
    if payload.corrected_tonnes == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, "corrected_tonnes: missing (an upheld verification appeal states the corrected figure)")
    require_tonnes("corrected_tonnes", payload.corrected_tonnes, ctx.rulebook)
    require_open_compliance(ctx.state, appeal.emitter_id, appeal.appeal.year)
    return True


def _correct_verification(ctx: TxContext, appeal: pb.Appeal, tonnes: int) -> None:
    """Art. 29: the corrected figure is a new version superseding the latest, verified by the province."""
    year = appeal.appeal.year
    latest = latest_verification(ctx.state, appeal.emitter_id, year)
    emitter = ctx.state.participant(appeal.emitter_id)
    version = pb.Verification(
        emitter_id=appeal.emitter_id, year=year, version=latest.version + 1, verified_by=ctx.signer.participant_id,
        report_version=latest.report_version, verified_tonnes=tonnes, appeal_id=appeal.appeal_id, tx_id=ctx.tx_id,
        recorded_ms=ctx.time_ms,
    )
    store_verification(ctx, emitter, version)


def decide_appeal(ctx: TxContext, payload: pb.DecideAppeal) -> None:
    appeal = _pending_appeal(ctx, payload.appeal_id)
    corrects = _check_decision(ctx, appeal, payload)

    appeal.outcome, appeal.reasons, appeal.decided_ms = payload.outcome, payload.reasons, ctx.time_ms
    appeal.decided_late = ctx.time_ms >= appeal.filed_ms + calendar.days_ms(ctx.rulebook.appeal_decision_days)
    t.APPEALS.put(ctx.state, appeal, appeal.appeal_id)
    ctx.emit(appeal_decided=pb.AppealDecided(appeal_id=appeal.appeal_id, outcome=appeal.outcome, late=appeal.decided_late))
    if corrects:
        _correct_verification(ctx, appeal, payload.corrected_tonnes)


KINDS = (
    TxKind(name="file_appeal", domain="mrv", handler=file_appeal, signers=frozenset({pb.ROLE_KEY_EMITTER}), articles=("10", "29"),
           summary="An emitter appeals its latest verification (or a vintage's allocation) within the rulebook's window, with grounds.",
           cli=Cli(command="appeal", help="appeal a year's verification or a vintage's allocation (an emitter)",
                   flags={"subject": "subject", "year": "year", "grounds": "grounds"})),
    TxKind(name="decide_appeal", domain="mrv", handler=decide_appeal, signers=frozenset({pb.ROLE_PROVINCE}), articles=("10", "29"),
           summary="The emitter's province upholds (a verification with the corrected figure, a new version) or dismisses an appeal.",
           cli=Cli(command="decide-appeal", help="decide an appeal of an emitter of the province",
                   flags={"appeal": "appeal_id", "outcome": "outcome", "tonnes": "corrected_tonnes", "reasons": "reasons"},
                   optional=frozenset({"tonnes", "reasons"}))),
)
