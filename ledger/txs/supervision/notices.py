"""Joint punishment (art. 46): a province notifies the market, tax and financial regulators of an
emitter of its own that was punished under arts. 43-45, and the notice is published.

The notice must rest on the emitter's own penalties as the ledger holds them: its fines (arts.
43-44) or the registry's measures against it (art. 45), by id; anything else is `PENALTY_UNKNOWN`.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_emitter, require_enum, require_own_province, require_text
from cets.ledger.txs.kind import Cli, TxKind


def _check_recipients(recipients) -> None:
    if not recipients:
        raise Rejection(pb.CODE_MISSING_FIELD, "recipients: missing")
    for index, recipient in enumerate(recipients):
        require_enum(f"recipients[{index}]", recipient, pb.NoticeRecipient)
    if len(set(recipients)) != len(recipients):
        raise Rejection(pb.CODE_INVALID_FIELD, "recipients: an authority is named twice")


def _check_penalties(ctx: TxContext, emitter_id: str, payload: pb.IssueJointPunishmentNotice) -> None:
    """Art. 46 covers emitters punished under arts. 43-45: the notice cites at least one such penalty of its emitter."""
    count = len(payload.fine_ids) + len(payload.measure_ids)
    if count == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, "fine_ids: a notice cites at least one fine or measure of the emitter")
    if count > limits.notice_reference_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"fine_ids: {count} penalties cited, want at most {limits.notice_reference_count_max}")
    if len(set(payload.fine_ids)) + len(set(payload.measure_ids)) != count:
        raise Rejection(pb.CODE_INVALID_FIELD, "fine_ids: a penalty is cited twice")
    for index, fine_id in enumerate(payload.fine_ids):
        if len(fine_id) != 32 or t.FINES.get(ctx.state, emitter_id, fine_id) is None:
            raise Rejection(pb.CODE_PENALTY_UNKNOWN, f"fine_ids[{index}]: {fine_id.hex()} is no fine of {emitter_id!r}")
    for index, measure_id in enumerate(payload.measure_ids):
        measure = t.MEASURES.get(ctx.state, measure_id) if len(measure_id) == 32 else None
        if measure is None or measure.participant_id != emitter_id or not measure.article.startswith("45"):
            raise Rejection(pb.CODE_PENALTY_UNKNOWN, f"measure_ids[{index}]: {measure_id.hex()} is no art. 45 measure against {emitter_id!r}")


def issue_joint_punishment_notice(ctx: TxContext, payload: pb.IssueJointPunishmentNotice) -> None:
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_own_province(ctx, "emitter_id", emitter.province)
    _check_recipients(list(payload.recipients))
    _check_penalties(ctx, emitter.participant_id, payload)
    require_text("summary", payload.summary, limits.text_chars_max)
    require_text("reference", payload.reference, limits.name_chars_max)

    notice = pb.JointPunishmentNotice(notice_id=ctx.tx_id, emitter_id=emitter.participant_id, province=emitter.province,
                                      recipients=payload.recipients, fine_ids=payload.fine_ids, measure_ids=payload.measure_ids,
                                      summary=payload.summary, reference=payload.reference, issued_by=ctx.signer.participant_id,
                                      height=ctx.height, time_ms=ctx.time_ms)
    t.NOTICES.put(ctx.state, notice, ctx.height, ctx.tx_id)
    ctx.emit(joint_punishment_notice_issued=notice)


KINDS = (
    TxKind(name="issue_joint_punishment_notice", domain="supervision", handler=issue_joint_punishment_notice,
           signers=frozenset({pb.ROLE_PROVINCE}), articles=("46",),
           summary="A province notifies the market, tax and financial regulators of its emitter punished under arts. 43-45, citing "
                   "the fines or measures; the notice is published.",
           cli=Cli(command="joint-notice", help="notify other authorities of an emitter's penalty (one recipient and one fine; more: a file)",
                   flags={"emitter": "emitter_id", "recipient": "recipients[]", "fine": "fine_ids[]", "summary": "summary",
                          "reference": "reference"})),
)
