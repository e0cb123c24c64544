"""Compliance (art. 35 (8)) and penalties (arts. 38, 43-44): each listed emitter's status for a year
(A, B with its shortfall, C, or pending), and the fines imposed for a year.

Public: of each emitter its id, name, province and sector; its obligation and what it rests on
(verified emissions or the province's estimate), what it surrendered (allowances and CCERs),
the status, the shortfall and whether the year is closed. Of each fine: the decision's
reference, the kind, the amount, the province that imposed it and the fine's transaction id.
Not shown: the per-unit detail of surrenders, the transactions behind each record (the chain
has them), reports, plans and verification bodies.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import public_queries
from cets.node.portal.table import Column, Filters, PublicTable, Row, Rows, Snapshot, enum_label, hex_id, status_label, token_checked, yuan


def compliance_row(entry: public_queries.ListedCompliance) -> Row:
    record = entry.record
    return {
        "emitter_id": entry.emitter.participant_id, "name": entry.emitter.name, "province": entry.emitter.province,
        "sector": entry.listing.sector, "status": status_label(record.status), "obligation_tonnes": record.obligation_tonnes,
        "obligation_basis": enum_label(pb.ObligationBasis, record.obligation_basis, "OBLIGATION_BASIS_"),
        "surrendered_allowances": record.surrendered_allowances, "surrendered_ccers": record.surrendered_ccers,
        "shortfall_tonnes": record.shortfall_tonnes, "closed": "yes" if record.closed else "no",
    }


def read_compliance(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: public_queries.compliance_of_listed(
        snapshot.reader, filters.year, province=filters.province, status=filters.status, token=token, size=size))
    return Rows([compliance_row(entry) for entry in page.items], page.next_token)


def fine_row(snapshot: Snapshot, fine: pb.Fine) -> Row:
    emitter = snapshot.state.participant(fine.emitter_id)
    return {
        "fine_id": hex_id(fine.fine_id), "emitter_id": fine.emitter_id, "name": emitter.name if emitter else "", "province": fine.province,
        "year": fine.fine.year, "kind": enum_label(pb.FineKind, fine.fine.kind, "FINE_KIND_"), "amount_yuan": yuan(fine.fine.amount_fen),
        "decision_reference": fine.fine.decision_reference, "height": fine.height,
    }


def read_fines(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: public_queries.fines(snapshot.reader, filters.year, province=filters.province, token=token, size=size))
    return Rows([fine_row(snapshot, fine) for fine in page.items], page.next_token)


COMPLIANCE = PublicTable(
    name="compliance", title="Compliance status 履约状态", articles="30, 31, 35 (8), 44", group="compliance",
    filters=("year", "province", "status"),
    intro=("Each emitter on the year's key-emitter list and its compliance: A surrendered at least its obligation, B less (the "
           "shortfall is shown), C had no verified or estimated emissions at the deadline; pending until compliant or closed."),
    columns=(Column("emitter_id", "Emitter id 统一社会信用代码"), Column("name", "Name 名称"), Column("province", "Province 省份"),
             Column("sector", "Sector 行业"), Column("status", "Status 状态"), Column("obligation_tonnes", "Obligation (t) 应清缴量", numeric=True),
             Column("obligation_basis", "Obligation rests on 依据"), Column("surrendered_allowances", "Allowances surrendered (t) 已清缴配额", numeric=True),
             Column("surrendered_ccers", "CCERs surrendered (t) 已抵销CCER", numeric=True),
             Column("shortfall_tonnes", "Shortfall (t) 缺口", numeric=True), Column("closed", "Closed 已结算")),
    read=read_compliance,
)
FINES = PublicTable(
    name="fines", title="Fines 罚款", articles="38, 43, 44", group="compliance", filters=("year", "province"),
    intro="The fines provinces imposed for a compliance year, for false or missing reports (art. 43) or for not surrendering (art. 44).",
    columns=(Column("fine_id", "Fine 罚款编号"), Column("emitter_id", "Emitter id 统一社会信用代码"), Column("name", "Name 名称"),
             Column("province", "Province 省份"), Column("year", "Year 年度", numeric=True), Column("kind", "Kind 类型"),
             Column("amount_yuan", "Amount (yuan) 金额（元）", numeric=True), Column("decision_reference", "Decision 处罚决定书"),
             Column("height", "Height 区块高度", numeric=True)),
    read=read_fines,
)

TABLES = (COMPLIANCE, FINES)
