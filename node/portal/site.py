"""The portal's pages: every table of the group modules, the navigation, and the two pages that are
not tables (home, and the market, whose statistics come with the exchange)."""

from __future__ import annotations

from cets.ledger import crypto
from cets.node.portal import compliance, coverage, enforcement, registry, rules
from cets.node.portal.render import NavEntry, escape, snapshot_line
from cets.node.portal.table import PublicTable, Snapshot

TABLES: dict[str, PublicTable] = {table.name: table for module in (coverage, rules, compliance, registry, enforcement) for table in module.TABLES}

NAV = (
    NavEntry("/", "Home 首页", "home"),
    NavEntry("/key-emitters", "Coverage 纳入范围", "coverage"),
    NavEntry("/rulebook", "Rules 规则", "rules"),
    NavEntry("/compliance", "Compliance 履约", "compliance"),
    NavEntry("/cancellations", "Registry 登记", "registry"),
    NavEntry("/measures", "Enforcement 监管处置", "enforcement"),
    NavEntry("/market", "Market 市场", "market"),
)
PAGES = ("", "market")  # the pages that are not tables
GROUPS = {"coverage": "Coverage 纳入范围", "rules": "Rules 规则", "compliance": "Compliance and penalties 履约与处罚",
          "registry": "Registry 登记", "enforcement": "Measures, credit and the blacklist 处置、信用与黑名单"}


def group_of(table: PublicTable) -> tuple[PublicTable, ...]:
    return tuple(other for other in TABLES.values() if other.group == table.group)


def home(snapshot: Snapshot, genesis_hash: bytes) -> str:
    """The chain, its head, and what is published, table by table."""
    sections = []
    for group, heading in GROUPS.items():
        items = "".join(f'<li><a href="/{escape(table.name)}">{escape(table.title)}</a> — {escape(table.intro)} '
                        f'(<a href="/{escape(table.name)}.csv">CSV</a>, <a href="/{escape(table.name)}.json">JSON</a>)</li>'
                        for table in TABLES.values() if table.group == group)
        sections.append(f"<h2>{escape(heading)}</h2><ul>{items}</ul>")
    return (
        "<h1>Public disclosure 信息公开</h1>" + snapshot_line(snapshot)
        + f'<p>Genesis 创世哈希 <code>{escape(genesis_hash.hex())}</code>. '
        "What the ministry, the provinces, the registry and the exchange publish under arts. 15, 35, 37, 38 and 45-49 of the draft measures, "
        "read from the ledger itself: every table is also a CSV and a JSON download, page by page.</p>"
        + "".join(sections)
        + '<h2>Market 市场</h2><p><a href="/market">Market statistics</a> come with the exchange.</p>'
    )


def market(snapshot: Snapshot) -> str:
    return (
        "<h1>Market statistics 市场行情</h1>" + snapshot_line(snapshot)
        + "<p>Prices, volumes and the order books come with the exchange, which is not built yet: this page will show "
        "them then (art. 37). Until then, the registry's figures are published: each vintage's "
        '<a href="/supply">supply</a> and the <a href="/cancellations">cancellations</a>.</p>'
        "<p>交易行情将在交易系统上线后公布。</p>"
    )


def genesis_hash_of(genesis_bytes: bytes | None) -> bytes:
    return crypto.genesis_hash(genesis_bytes) if genesis_bytes else b""
