"""A public table, declared once: its columns (the only fields it shows), its filters, and how it
reads one page from a snapshot. Each page-group module declares its tables; server.py serves each
at /NAME (HTML), /NAME.csv and /NAME.json, and render.py writes all three from the same rows.

A row is a dict of column name -> `str` or `int`, nothing else, so that the CSV (every cell as
text) holds exactly the JSON's rows and columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from cets.ledger import calendar
from cets.ledger.queries import PageTokenInvalid
from cets.ledger.state import State, StateReader
from cets.node.errors import ApiError
from cets.node.portal import query
from cets.node.services.common import decode_offset_token, encode_offset_token

Cell = str | int
Row = dict[str, Cell]


@dataclass(frozen=True)
class Snapshot:
    """One read of the store: every figure of a page comes from it, and the page shows its height."""

    reader: StateReader
    height: int
    time_ms: int  # the head block's time (the genesis time at height 0)
    chain_id: str

    @property
    def state(self) -> State:
        return State(self.reader)

    @property
    def default_year(self) -> int:
        """The compliance year in progress at the head: the year before the block's year."""
        return max(calendar.year_of(self.time_ms) - 1, 1)


@dataclass(frozen=True)
class Column:
    name: str  # the JSON key and CSV header
    label: str  # the HTML header, English and Chinese
    numeric: bool = False


@dataclass(frozen=True)
class Filters:
    """The filters a request gave, checked (query.py), with the year defaulted."""

    year: int = 0
    province: str = ""
    status: int | None = None


@dataclass
class Rows:
    rows: list[Row]
    next_token: str = ""  # "" on the last page
    note: str = ""  # a caveat the page prints under the table (and JSON carries)


Reader = Callable[[Snapshot, Filters, str, int], Rows]  # (snapshot, filters, page token, size) -> rows


@dataclass(frozen=True)
class PublicTable:
    name: str  # the address: /NAME, /NAME.csv, /NAME.json
    title: str
    articles: str  # the articles the table discloses under, e.g. "35 (8)"
    intro: str
    columns: tuple[Column, ...]
    read: Reader
    filters: tuple[str, ...] = ()  # of "year", "province", "status"
    group: str = ""  # the navigation entry it appears under
    extra_parameters: tuple[str, ...] = field(default=("page", "size", "format"), init=False)

    @property
    def parameters(self) -> tuple[str, ...]:
        return self.filters + self.extra_parameters

    def check(self, rows: Rows) -> Rows:
        """Every row has exactly the declared columns, each a str or an int (the CSV = JSON rule)."""
        names = [column.name for column in self.columns]
        for row in rows.rows:
            assert list(row) == names, f"{self.name}: row columns {list(row)}, declared {names}"
            assert all(type(cell) in (str, int) for cell in row.values()), f"{self.name}: a cell is neither str nor int"
        return rows


def token_checked(read: Callable[[], Rows]) -> Rows:
    """Run a core query; a page token it refuses is the caller's mistake (400 PAGE_TOKEN_INVALID)."""
    try:
        return read()
    except PageTokenInvalid:
        raise query.page_token_invalid() from None


def listed(items: list[Row], token: str, size: int) -> Rows:
    """A page of a short list computed whole (the gases of a rulebook, a year's sectors): the token
    is the offset, in the ASCII digits node/services/common.py writes for such lists."""
    try:
        offset = decode_offset_token(token)
    except ApiError:
        raise query.page_token_invalid() from None
    if offset >= len(items) and offset:
        raise query.page_token_invalid()
    end = offset + size
    return Rows(items[offset:end], encode_offset_token(end) if end < len(items) else "")


# -- cells ---------------------------------------------------------------------------------------
def hex_id(value: bytes) -> str:
    return value.hex()


def yuan(fen: int) -> str:
    """An amount in fen as yuan with two decimals, exactly (no float)."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def enum_label(enum, value: int, prefix: str) -> str:
    """An enum value's name without its prefix, lowercase: FINE_KIND_REPORTING -> reporting."""
    try:
        return enum.Name(value).removeprefix(prefix).lower()
    except ValueError:
        return str(value)


def china_time(time_ms: int) -> str:
    """ISO 8601 in China time (the market's dates, ledger/calendar.py), to the second, from a block
    time: no clock is read."""
    days, rest = divmod((time_ms + calendar.CHINA_OFFSET_MS) // 1000, 86_400)
    year, month, day = calendar.civil_from_days(days)
    hours, rest = divmod(rest, 3600)
    return f"{year:04d}-{month:02d}-{day:02d}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}+08:00"


_STATUS_LABELS = {status: label for label, status in query.STATUSES.items()}


def status_label(status: int) -> str:
    return _STATUS_LABELS.get(status, str(status))
