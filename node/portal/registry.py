"""The registry's disclosures (arts. 15, 37): the cancellation certificates, and each vintage's cap
and what was issued, surrendered and cancelled of it.

Public, of a certificate: its id, height and time, the units and tonnes, the beneficiary and
purpose as written on it, and the holder when the holder is an organisation (its unified social
credit code is public). An individual's participant id is an identity number: personal data,
never shown; such a holder appears as "individual", and a beneficiary that is that same number
(the default when none was given) as "the holder". Account ids are not shown (they carry the
holder's id). Not shown either: balances of any account.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import public_queries
from cets.node.portal.table import Column, Filters, PublicTable, Row, Rows, Snapshot, china_time, enum_label, token_checked

INDIVIDUAL = "individual 个人"
THE_HOLDER = "the holder 持有人本人"


def certificate_row(snapshot: Snapshot, certificate: pb.Cancelled) -> Row:
    holder = snapshot.state.participant(certificate.holder)
    individual = holder is None or holder.role == pb.ROLE_INDIVIDUAL
    beneficiary = certificate.beneficiary
    if individual and beneficiary == certificate.holder:
        beneficiary = THE_HOLDER
    return {
        "certificate_id": certificate.certificate_id, "height": certificate.height, "time": china_time(certificate.time_ms),
        "product": enum_label(pb.Product, certificate.unit.product, "PRODUCT_").upper(), "vintage": certificate.unit.vintage,
        "project_id": certificate.unit.project_id, "amount_tonnes": certificate.amount,
        "holder": INDIVIDUAL if individual else certificate.holder, "holder_name": "" if individual else holder.name,
        "beneficiary": beneficiary, "purpose": certificate.purpose,
    }


def read_cancellations(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: public_queries.cancellations(snapshot.reader, token=token, size=size))
    return Rows([certificate_row(snapshot, certificate) for certificate in page.items], page.next_token)


def read_supply(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: public_queries.supply_by_vintage(snapshot.reader, token=token, size=size))
    rows: list[Row] = [{"vintage": figures.vintage, "cap": figures.cap, "issued": figures.issued, "surrendered": figures.surrendered,
                        "cancelled": figures.cancelled} for figures in page.items]
    return Rows(rows, page.next_token)


CANCELLATIONS = PublicTable(
    name="cancellations", title="Voluntary cancellations 自愿注销", articles="15, 37", group="registry",
    intro="Every cancellation certificate: units taken out of circulation for ever, with the beneficiary and purpose written on it.",
    columns=(Column("certificate_id", "Certificate 注销证书"), Column("height", "Height 区块高度", numeric=True), Column("time", "Time 时间"),
             Column("product", "Product 产品"), Column("vintage", "Vintage 年度", numeric=True), Column("project_id", "CCER project 项目"),
             Column("amount_tonnes", "Tonnes 吨", numeric=True), Column("holder", "Holder 持有人"), Column("holder_name", "Holder name 持有人名称"),
             Column("beneficiary", "Beneficiary 受益方"), Column("purpose", "Purpose 目的")),
    read=read_cancellations,
)
SUPPLY = PublicTable(
    name="supply", title="Allowance supply 配额总量与发放", articles="6, 12, 37", group="registry",
    intro="Each vintage's cap, and the allowances issued, surrendered and cancelled of it (CCERs excluded).",
    columns=(Column("vintage", "Vintage 年度", numeric=True), Column("cap", "Cap (t) 总量", numeric=True),
             Column("issued", "Issued (t) 已发放", numeric=True), Column("surrendered", "Surrendered (t) 已清缴", numeric=True),
             Column("cancelled", "Cancelled (t) 已注销", numeric=True)),
    read=read_supply,
)

TABLES = (CANCELLATIONS, SUPPLY)
