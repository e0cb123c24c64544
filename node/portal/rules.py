"""The rules (art. 35 (3)-(7)): the published allocation methods, and the rulebook versions (the one
in force, those scheduled, those superseded) with the parameters the public needs to read the
compliance table: offset cap, thresholds, fine ranges, deadlines, appeal windows.

Public: every field shown. Allocation methods appear by version, title, pre-allocation share and
the SHA-256 of their document (the document itself is not on the ledger).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import mrv_queries, queries
from cets.node.portal.table import Column, Filters, PublicTable, Row, Rows, Snapshot, china_time, enum_label, hex_id, token_checked, yuan


def method_row(method: pb.AllocationMethod) -> Row:
    share = method.method.pre_allocation_share_bps
    return {"version": method.method.version, "title": method.method.title, "document_sha256": hex_id(method.method.document_sha256),
            "pre_allocation_share": f"{share // 100}.{share % 100:02d}%" if share else "", "height": method.height,
            "tx_id": hex_id(method.tx_id)}


def read_methods(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: mrv_queries.allocation_methods(snapshot.reader, token=token, size=size))
    return Rows([method_row(method) for method in page.items], page.next_token)


def due(day: pb.YearDay) -> str:
    return f"Y+{day.year_offset}-{day.month:02d}-{day.day:02d}" if day.month else ""


def in_force_since(snapshot: Snapshot) -> int:
    """The effective time of the version in force at the head (0: the genesis rulebook)."""
    since = 0
    for version in snapshot.state.rulebook_versions():
        if version.effective_ms <= snapshot.time_ms:
            since = version.effective_ms
    return since


def rulebook_row(version: pb.RulebookVersion, since: int, now_ms: int) -> Row:
    rules = version.rulebook
    standing = "in force" if version.effective_ms == since else ("scheduled" if version.effective_ms > now_ms else "superseded")
    return {
        "effective": china_time(version.effective_ms) if version.effective_ms else "genesis", "standing": standing,
        "set_height": version.set_height, "note": version.note,
        "offset_cap_bps": rules.offset_cap_bps, "offset_cap_basis": enum_label(pb.OffsetCapBasis, rules.offset_cap_basis, "OFFSET_CAP_BASIS_"),
        "emitter_threshold_tonnes": rules.emitter_threshold_tonnes,
        "threshold_basis": enum_label(pb.ThresholdBasis, rules.threshold_basis, "THRESHOLD_BASIS_"),
        "report_due": due(rules.report_due), "surrender_due": due(rules.surrender_due),
        "reporting_fine_yuan": f"{yuan(rules.reporting_fine_min_fen)}-{yuan(rules.reporting_fine_max_fen)}",
        "surrender_fine_yuan": f"{yuan(rules.surrender_fine_min_fen)}-{yuan(rules.surrender_fine_max_fen)}",
        "appeal_window_days": rules.appeal_window_days, "appeal_decision_days": rules.appeal_decision_days,
        "deduct_shortfall": "yes" if rules.deduct_shortfall else "no", "vintages": f"{rules.vintage_min}-{rules.vintage_max}",
        "amount_max": rules.amount_max,
    }


def read_rulebooks(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: queries.rulebooks(snapshot.reader, token=token, size=size))
    since = in_force_since(snapshot)
    return Rows([rulebook_row(version, since, snapshot.time_ms) for version in page.items], page.next_token)


ALLOCATION_METHODS = PublicTable(
    name="allocation-methods", title="Allocation methods 配额分配方法", articles="7, 35 (3)", group="rules",
    intro="The allocation methods the ministry published; every allocation cites one. The document is identified by its SHA-256.",
    columns=(Column("version", "Version 版本"), Column("title", "Title 标题"), Column("document_sha256", "Document SHA-256 文件摘要"),
             Column("pre_allocation_share", "Pre-allocation share 预分配比例"), Column("height", "Height 区块高度", numeric=True),
             Column("tx_id", "Transaction 交易")),
    read=read_methods,
)
RULEBOOK = PublicTable(
    name="rulebook", title="Rulebook 规则参数", articles="30, 31, 35 (4)-(7), 43, 44", group="rules",
    intro=("The genesis rulebook and every version the ministry scheduled, in order of effect: the one in force at the head, "
           "those scheduled after it, those it superseded. Deadlines are days of the year after the compliance year (Y+1)."),
    columns=(Column("effective", "Effective 生效时间"), Column("standing", "Standing 状态"), Column("set_height", "Set at height 设定高度", numeric=True),
             Column("note", "Note 说明"), Column("offset_cap_bps", "CCER offset cap (bps) 抵销上限", numeric=True),
             Column("offset_cap_basis", "Offset cap of 抵销基数"), Column("emitter_threshold_tonnes", "Key-emitter threshold (t) 纳入门槛", numeric=True),
             Column("threshold_basis", "Threshold counts 门槛口径"), Column("report_due", "Reports due 报告截止"),
             Column("surrender_due", "Surrender due 清缴截止"), Column("reporting_fine_yuan", "Reporting fine (yuan) 报告罚款"),
             Column("surrender_fine_yuan", "Non-surrender fine (yuan) 未清缴罚款"),
             Column("appeal_window_days", "Appeal window (days) 复核申请期限", numeric=True),
             Column("appeal_decision_days", "Appeal decided within (days) 复核决定期限", numeric=True),
             Column("deduct_shortfall", "Shortfall deducted next year 次年扣减"), Column("vintages", "Vintages 年度范围"),
             Column("amount_max", "Largest line (t) 单笔上限", numeric=True)),
    read=read_rulebooks,
)

TABLES = (ALLOCATION_METHODS, RULEBOOK)
