"""Credit records (art. 38): the ministry and the provinces record the supervision results and
penalty decisions of every participant in the market, and they are published.

A fine of arts. 43-44 is already a penalty on the ledger (`tables.FINES`): it counts in a
participant's credit as it is, read from its own table by `ledger/enforcement_queries.py`, never
copied here. These records are the rest: other penalty decisions and supervision results.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.txs.common import TxContext, require_enum, require_own_province, require_participant, require_text
from cets.ledger.txs.kind import Cli, TxKind


def record_credit(ctx: TxContext, payload: pb.RecordCredit) -> None:
    participant = require_participant(ctx, "participant_id", payload.participant_id)
    require_own_province(ctx, "participant_id", participant.province)  # art. 4: a province records its own participants
    require_enum("kind", payload.kind, pb.CreditRecordKind)
    require_text("summary", payload.summary, limits.text_chars_max)
    require_text("decision_reference", payload.decision_reference, limits.name_chars_max)

    record = pb.CreditRecord(record_id=ctx.tx_id, participant_id=participant.participant_id, kind=payload.kind, summary=payload.summary,
                             decision_reference=payload.decision_reference, recorded_by=ctx.signer.participant_id, height=ctx.height,
                             time_ms=ctx.time_ms)
    t.CREDIT_RECORDS.put(ctx.state, record, participant.participant_id, ctx.height, ctx.tx_id)
    ctx.emit(credit_recorded=record)


KINDS = (
    TxKind(name="record_credit", domain="supervision", handler=record_credit, signers=frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE}),
           articles=("38",),
           summary="The ministry, or a province for its own participants, records a penalty decision or a supervision result in a "
                   "participant's published credit record (its fines count as they are).",
           cli=Cli(command="record-credit", help="record a penalty or supervision result in a participant's credit record",
                   flags={"participant": "participant_id", "kind": "kind", "summary": "summary", "reference": "decision_reference"})),
)
