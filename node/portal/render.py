"""HTML, CSV and JSON of the portal's pages. Every value that reaches HTML goes through `escape`
(text and attributes alike); CSV and JSON are written by the standard library's writers from the
same rows, so the CSV holds exactly the JSON's rows and columns, every cell as text.
"""

from __future__ import annotations

import csv
import html
import io
import json
import urllib.parse
from dataclasses import dataclass

from cets.ledger import identity
from cets.node.portal import query
from cets.node.portal.table import Filters, PublicTable, Rows, Snapshot, china_time, status_label

SITE_TITLE = "cets public disclosure 全国碳排放权交易信息公开"

STYLE = """\
body{font-family:"DejaVu Sans","WenQuanYi Micro Hei",sans-serif;margin:0;color:#111;background:#fff;line-height:1.45}
header,main,footer{padding:0 1.5rem}
header{background:#0b4f3c;color:#fff;padding-top:.6rem;padding-bottom:.2rem}
header a{color:#fff}
.site{margin:0 0 .4rem;font-weight:bold}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
nav a[aria-current=page]{font-weight:bold;text-decoration:none;border-bottom:3px solid #fff}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.3rem}
.scroll{overflow-x:auto}
nav.group p{margin:.8rem 0 0}
table{border-collapse:collapse;margin:1rem 0;font-size:.95rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#e8f0ed}
td.number{text-align:right;font-variant-numeric:tabular-nums}
form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0}
label{display:flex;flex-direction:column;font-size:.9rem}
.meta,.note{color:#333}
.reason{font-size:1.1rem}
footer{margin-top:2rem;border-top:1px solid #ccc;color:#444;font-size:.9rem}
"""


_CURRENT = ' aria-current="page"'
_NUMBER = ' class="number"'


@dataclass(frozen=True)
class NavEntry:
    href: str
    label: str
    key: str  # matched against the current page's group


def escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def address(name: str, suffix: str = "", parameters: dict[str, str] | None = None) -> str:
    path = f"/{name}{'.' + suffix if suffix else ''}"
    return path + ("?" + urllib.parse.urlencode(parameters) if parameters else "")


def document(title: str, body: str, nav: tuple[NavEntry, ...], current: str) -> str:
    """A whole page: a skip link, the navigation (the current entry marked), the body, a footer."""
    items = "".join(f'<li><a href="{escape(entry.href)}"{_CURRENT if entry.key == current else ""}>{escape(entry.label)}</a></li>'
                    for entry in nav)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} · cets</title><link rel="stylesheet" href="/style.css"></head><body>'
        '<a class="skip" href="#main">Skip to content 跳到正文</a>'
        f'<header><p class="site">{escape(SITE_TITLE)}</p><nav aria-label="Pages 页面"><ul>{items}</ul></nav></header>'
        f'<main id="main">{body}</main>'
        '<footer><p>Read-only. Every figure is read from the ledger at the height shown; no credentials, '
        'nothing confidential: document contents appear as their SHA-256 only. '
        '只读；数据取自所示区块高度的账本。</p></footer></body></html>\n'
    )


def snapshot_line(snapshot: Snapshot) -> str:
    return (f'<p class="meta">Chain 链 <code>{escape(snapshot.chain_id)}</code>, height 区块高度 '
            f'<strong id="height">{snapshot.height}</strong>, block time 区块时间 {escape(china_time(snapshot.time_ms))}.</p>')


# -- tables ----------------------------------------------------------------------------------------
def filter_parameters(table: PublicTable, filters: Filters, size: int) -> dict[str, str]:
    """The query parameters that reproduce the filters (for the next page, the downloads)."""
    parameters: dict[str, str] = {}
    if "year" in table.filters:
        parameters["year"] = str(filters.year)
    if filters.province:
        parameters["province"] = filters.province
    if filters.status is not None:
        parameters["status"] = status_label(filters.status)
    if size != query.PAGE_SIZE_DEFAULT:
        parameters["size"] = str(size)
    return parameters


def table_page(table: PublicTable, rows: Rows, snapshot: Snapshot, filters: Filters, size: int, siblings: tuple[PublicTable, ...] = ()) -> str:
    """A table's page: title, height, intro, filter form, the table, pager, downloads; `siblings`,
    the tables of its group, are linked above it."""
    parameters = filter_parameters(table, filters, size)
    header = "".join(f'<th scope="col">{escape(column.label)}</th>' for column in table.columns)
    body = "".join(_row(table, row) for row in rows.rows)
    empty = '<p class="note">No records. 暂无记录。</p>' if not rows.rows else ""
    note = f'<p class="note">{escape(rows.note)}</p>' if rows.note else ""
    return (
        f'{_group_nav(table, siblings)}<h1>{escape(table.title)}</h1>{snapshot_line(snapshot)}'
        f'<p>{escape(table.intro)} <span class="meta">(art. {escape(table.articles)})</span></p>'
        f'{_form(table, filters)}'
        f'<div class="scroll" role="region" aria-label="{escape(table.title)}" tabindex="0">'
        f'<table id="{escape(table.name)}"><caption>{escape(table.title)}{_caption_filters(table, filters)}</caption>'
        f'<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>{empty}{note}'
        f'{_pager(table, rows, parameters)}'
        f'<p>Download 下载: <a href="{escape(address(table.name, "csv", parameters))}" download>CSV</a> · '
        f'<a href="{escape(address(table.name, "json", parameters))}">JSON</a> (this page 本页)</p>'
    )


def _group_nav(table: PublicTable, siblings: tuple[PublicTable, ...]) -> str:
    if len(siblings) < 2:
        return ""
    links = " · ".join(f'<strong aria-current="page">{escape(sibling.title)}</strong>' if sibling is table else f'<a href="/{escape(sibling.name)}">{escape(sibling.title)}</a>'
                       for sibling in siblings)
    return f'<nav class="group" aria-label="Tables of this section 本栏目"><p>{links}</p></nav>'


def _row(table: PublicTable, row: dict) -> str:
    cells = "".join(f'<td data-column="{escape(column.name)}"{_NUMBER if column.numeric else ""}>{escape(row[column.name])}</td>'
                    for column in table.columns)
    return f"<tr>{cells}</tr>"


def _caption_filters(table: PublicTable, filters: Filters) -> str:
    shown = []
    if "year" in table.filters:
        shown.append(f"year {filters.year}")
    if filters.province:
        shown.append(f"province {filters.province} {identity.PROVINCES[filters.province]}")
    if filters.status is not None:
        shown.append(f"status {status_label(filters.status)}")
    return escape(f" — {', '.join(shown)}") if shown else ""


def _form(table: PublicTable, filters: Filters) -> str:
    """A GET form for the table's filters: plain HTML, no script."""
    if not table.filters:
        return ""
    fields = []
    if "year" in table.filters:
        fields.append('<label for="year">Year 年度<input id="year" name="year" inputmode="numeric" pattern="[0-9]{1,4}" '
                      f'size="6" value="{filters.year}"></label>')
    if "province" in table.filters:
        options = _options([("", "All 全部")] + [(code, f"{code} {name}") for code, name in identity.PROVINCES.items()], filters.province)
        fields.append(f'<label for="province">Province 省份<select id="province" name="province">{options}</select></label>')
    if "status" in table.filters:
        current = "" if filters.status is None else status_label(filters.status)
        options = _options([("", "All 全部")] + [(label, label) for label in query.STATUSES], current)
        fields.append(f'<label for="status">Status 状态<select id="status" name="status">{options}</select></label>')
    return f'<form method="get" action="/{escape(table.name)}">{"".join(fields)}<button type="submit">Show 显示</button></form>'


def _options(choices: list[tuple[str, str]], current: str) -> str:
    return "".join(f'<option value="{escape(value)}"{" selected" if value == current else ""}>{escape(label)}</option>'
                   for value, label in choices)


def _pager(table: PublicTable, rows: Rows, parameters: dict[str, str]) -> str:
    links = []
    if rows.next_token:
        links.append(f'<a rel="next" href="{escape(address(table.name, "", {**parameters, "page": rows.next_token}))}">Next page 下一页</a>')
    links.append(f'<a href="{escape(address(table.name, "", parameters))}">First page 第一页</a>')
    return f'<nav aria-label="Pages of the table 分页"><p>{" · ".join(links)}</p></nav>'


def csv_text(table: PublicTable, rows: Rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([column.name for column in table.columns])
    for row in rows.rows:
        writer.writerow([row[column.name] for column in table.columns])
    return out.getvalue()


def json_text(table: PublicTable, rows: Rows, snapshot: Snapshot, filters: Filters, size: int) -> str:
    document_ = {
        "table": table.name, "title": table.title, "chain_id": snapshot.chain_id, "height": snapshot.height,
        "block_time": china_time(snapshot.time_ms), "filters": filter_parameters(table, filters, size),
        "columns": [column.name for column in table.columns], "rows": rows.rows, "next_page": rows.next_token, "note": rows.note,
    }
    return json.dumps(document_, ensure_ascii=False, indent=1) + "\n"


def error_body(status: int, reason: str, detail: str) -> str:
    return (f'<h1>{status}: request refused 请求被拒绝</h1>'
            f'<p class="reason">Reason 原因: <code id="reason">{escape(reason)}</code></p>'
            f'<p id="detail">{escape(detail)}</p><p><a href="/">Home 首页</a></p>')
