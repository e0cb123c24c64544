"""Enforcement (arts. 38, 45-49): the measures in force and their history, public criticism,
penalties (fines and credit records), joint punishment notices and the blacklist.

Public, of a measure: its id (the imposing transaction), the authority and the article, the
participant and its name, the account it aims at, what it refuses, the reason, legal basis and
case as stated, when it was imposed and ends, and its lift (who, why, the case, when). Of a credit
entry: a fine as the fines table shows it, or a record's kind, summary, reference and recorder.
Of a notice: the emitter, the authorities notified, the penalties cited by id, what it says. Of a
blacklist entry: the listed id, the name, the reason and decision, and its removal.

An individual's participant id is an identity number (personal data): such a participant appears
as "individual", with no name, and no account id (account ids carry the holder's id), as on the
cancellations page; whether the law's "exposure" (曝光, art. 49) of a person should name them is
the ministry's decision to take, not a default of this portal.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import enforcement_queries, identity
from cets.node.portal.table import Column, Filters, PublicTable, Row, Rows, Snapshot, china_time, enum_label, hex_id, token_checked, yuan

INDIVIDUAL = "individual 个人"


def _who(snapshot: Snapshot, participant_id: str, recorded_name: str = "") -> tuple[str, str]:
    """(id, name) as the public sees them: an individual's are withheld."""
    participant = snapshot.state.participant(participant_id)
    individual = participant.role == pb.ROLE_INDIVIDUAL if participant else identity.is_resident_id(participant_id)
    if individual:
        return INDIVIDUAL, ""
    return participant_id, participant.name if participant else recorded_name


def _operations(values) -> str:
    return ", ".join(enum_label(pb.RestrictedOperation, value, "RESTRICTED_OPERATION_") for value in values)


def _account(snapshot: Snapshot, measure: pb.Measure) -> str:
    if not measure.account_id:
        return "all 全部"
    return "" if _who(snapshot, measure.participant_id)[0] == INDIVIDUAL else measure.account_id


def measure_row(snapshot: Snapshot, measure: pb.Measure) -> Row:
    participant_id, name = _who(snapshot, measure.participant_id)
    return {
        "measure_id": hex_id(measure.measure_id), "authority": measure.authority, "article": measure.article,
        "type": enum_label(pb.MeasureType, measure.type, "MEASURE_TYPE_"), "participant_id": participant_id, "name": name,
        "account": _account(snapshot, measure), "restricts": _operations(measure.operations), "reason": measure.reason,
        "legal_basis": measure.legal_basis, "case_reference": measure.case_reference, "imposed": china_time(measure.time_ms),
        "ends": china_time(measure.end_ms) if measure.end_ms else "until lifted 至解除",
    }


def history_row(snapshot: Snapshot, measure: pb.Measure) -> Row:
    lift = measure.lift
    lifted = measure.HasField("lift")
    standing = "lifted 已解除" if lifted else ("in force 生效" if enforcement_queries.measure_in_force(measure, snapshot.time_ms)
                                              else "ended 已到期")
    return {**measure_row(snapshot, measure), "standing": standing, "lifted_by": lift.lifted_by, "lift_reason": lift.reason,
            "lift_case_reference": lift.case_reference, "lifted": china_time(lift.time_ms) if lifted else ""}


def read_measures(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.measures(snapshot.reader, in_force_only=True, time_ms=snapshot.time_ms, token=token,
                                                              size=size))
    return Rows([measure_row(snapshot, measure) for measure in page.items], page.next_token)


def read_history(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.measures(snapshot.reader, token=token, size=size))
    return Rows([history_row(snapshot, measure) for measure in page.items], page.next_token)


def read_criticism(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.measures(snapshot.reader, measure_type=pb.MEASURE_TYPE_PUBLIC_CRITICISM,
                                                              in_force_only=True, time_ms=snapshot.time_ms, token=token, size=size))
    rows = []
    for measure in page.items:
        row = measure_row(snapshot, measure)
        rows.append({name: row[name] for name in ("measure_id", "authority", "article", "participant_id", "name", "reason", "legal_basis",
                                                  "case_reference", "imposed")})
    return Rows(rows, page.next_token)


def credit_row(snapshot: Snapshot, entry: pb.CreditEntry) -> Row:
    if entry.WhichOneof("entry") == "fine":
        fine = entry.fine
        participant_id, name = _who(snapshot, fine.emitter_id)
        return {"entry": "fine 罚款", "id": hex_id(fine.fine_id), "participant_id": participant_id, "name": name,
                "kind": enum_label(pb.FineKind, fine.fine.kind, "FINE_KIND_"), "summary": f"{yuan(fine.fine.amount_fen)} yuan, year {fine.fine.year}",
                "reference": fine.fine.decision_reference, "recorded_by": identity.province_id(fine.province), "height": fine.height}
    record = entry.record
    participant_id, name = _who(snapshot, record.participant_id)
    return {"entry": "record 记录", "id": hex_id(record.record_id), "participant_id": participant_id, "name": name,
            "kind": enum_label(pb.CreditRecordKind, record.kind, "CREDIT_RECORD_KIND_"), "summary": record.summary,
            "reference": record.decision_reference, "recorded_by": record.recorded_by, "height": record.height}


def read_credit(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.credit_entries(snapshot.reader, token=token, size=size))
    return Rows([credit_row(snapshot, entry) for entry in page.items], page.next_token)


def notice_row(snapshot: Snapshot, notice: pb.JointPunishmentNotice) -> Row:
    emitter_id, name = _who(snapshot, notice.emitter_id)
    return {
        "notice_id": hex_id(notice.notice_id), "emitter_id": emitter_id, "name": name, "province": notice.province,
        "recipients": ", ".join(enum_label(pb.NoticeRecipient, value, "NOTICE_RECIPIENT_") for value in notice.recipients),
        "fines": " ".join(hex_id(value) for value in notice.fine_ids), "measures": " ".join(hex_id(value) for value in notice.measure_ids),
        "summary": notice.summary, "reference": notice.reference, "issued_by": notice.issued_by, "issued": china_time(notice.time_ms),
    }


def read_notices(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.notices(snapshot.reader, token=token, size=size))
    return Rows([notice_row(snapshot, notice) for notice in page.items], page.next_token)


def blacklist_row(snapshot: Snapshot, entry: pb.BlacklistEntry) -> Row:
    participant_id, name = _who(snapshot, entry.participant_id, entry.name)
    removal = entry.removal
    removed = entry.HasField("removal")
    return {
        "entry_id": hex_id(entry.entry_id), "participant_id": participant_id, "name": name, "reason": entry.reason,
        "decision_reference": entry.decision_reference, "added_by": entry.added_by, "listed": china_time(entry.time_ms),
        "standing": "removed 已移出" if removed else "listed 在列", "removed": china_time(removal.time_ms) if removed else "",
        "removal_reason": removal.reason,
    }


def read_blacklist(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: enforcement_queries.blacklist(snapshot.reader, token=token, size=size))
    return Rows([blacklist_row(snapshot, entry) for entry in page.items], page.next_token)


_MEASURE_COLUMNS = (
    Column("measure_id", "Measure 措施编号"), Column("authority", "Authority 机构"), Column("article", "Article 条款"), Column("type", "Measure 措施"),
    Column("participant_id", "Participant 主体"), Column("name", "Name 名称"), Column("account", "Account 账户"),
    Column("restricts", "Restricts 限制"), Column("reason", "Reason 事由"), Column("legal_basis", "Legal basis 依据"),
    Column("case_reference", "Case 案号"), Column("imposed", "Imposed 采取时间"), Column("ends", "Ends 截止"),
)
MEASURES = PublicTable(
    name="measures", title="Measures in force 现行处置措施", articles="45, 47", group="enforcement",
    intro="The registry's (art. 45) and the exchange's (art. 47) measures in force at the head, with what each restricts.",
    columns=_MEASURE_COLUMNS, read=read_measures,
)
HISTORY = PublicTable(
    name="measure-history", title="Measures and their history 处置措施记录", articles="45, 47, 48", group="enforcement",
    intro="Every measure ever imposed, in force, ended or lifted, with who lifted it and why (art. 48: review outcomes).",
    columns=_MEASURE_COLUMNS + (Column("standing", "Standing 状态"), Column("lifted_by", "Lifted by 解除机构"),
                                Column("lift_reason", "Lift reason 解除事由"), Column("lift_case_reference", "Lift case 解除案号"),
                                Column("lifted", "Lifted 解除时间")),
    read=read_history,
)
CRITICISM = PublicTable(
    name="criticism", title="Public criticism 通报批评", articles="45 (1), 47 (1)", group="enforcement",
    intro="The public criticism the registry and the exchange issued, and not withdrawn.",
    columns=tuple(column for column in _MEASURE_COLUMNS if column.name in ("measure_id", "authority", "article", "participant_id", "name",
                                                                           "reason", "legal_basis", "case_reference", "imposed")),
    read=read_criticism,
)
CREDIT = PublicTable(
    name="credit-records", title="Penalties and credit records 处罚与信用记录", articles="38, 43, 44", group="enforcement",
    intro="Each participant's credit: the fines provinces imposed (arts. 43-44), then the penalty decisions and supervision results "
          "the ministry and provinces recorded (art. 38).",
    columns=(Column("entry", "Entry 类别"), Column("id", "Id 编号"), Column("participant_id", "Participant 主体"), Column("name", "Name 名称"),
             Column("kind", "Kind 类型"), Column("summary", "Summary 内容"), Column("reference", "Reference 文号"),
             Column("recorded_by", "Recorded by 记录机关"), Column("height", "Height 区块高度", numeric=True)),
    read=read_credit,
)
NOTICES = PublicTable(
    name="joint-punishment", title="Joint punishment notices 联合惩戒通报", articles="46", group="enforcement",
    intro="Provinces' notices to the market, tax and financial regulators about emitters punished under arts. 43-45.",
    columns=(Column("notice_id", "Notice 通报编号"), Column("emitter_id", "Emitter 重点排放单位"), Column("name", "Name 名称"),
             Column("province", "Province 省份"), Column("recipients", "Notified 通报对象"), Column("fines", "Fines 罚款"),
             Column("measures", "Measures 措施"), Column("summary", "Summary 内容"), Column("reference", "Reference 文号"),
             Column("issued_by", "Issued by 通报机关"), Column("issued", "Issued 时间")),
    read=read_notices,
)
BLACKLIST = PublicTable(
    name="blacklist", title="Blacklist of serious dishonesty 严重失信黑名单", articles="49", group="enforcement",
    intro="Institutions and persons the ministry listed for serious dishonesty: they may not register, open accounts, trade or transfer.",
    columns=(Column("entry_id", "Entry 编号"), Column("participant_id", "Listed 主体"), Column("name", "Name 名称"), Column("reason", "Reason 事由"),
             Column("decision_reference", "Decision 决定文号"), Column("added_by", "Listed by 列入机关"), Column("listed", "Listed 列入时间"),
             Column("standing", "Standing 状态"), Column("removed", "Removed 移出时间"), Column("removal_reason", "Removal reason 移出事由")),
    read=read_blacklist,
)

TABLES = (MEASURES, HISTORY, CRITICISM, CREDIT, NOTICES, BLACKLIST)
