"""The portal's requests: the path and query string as sent, checked before anything is read.

Every refusal is a `PortalError` with an HTTP status, a stable reason (`QUERY_TOO_LONG`,
`PARAMETER_UNKNOWN`, ...) and a detail that says what was wrong ("year: got 'x', want 1..9999").
Parameters are few and each has a grammar of ASCII characters; a page takes only the parameters
it declares, each at most once; an empty value means "not given" (what an HTML form sends for a
field left blank).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.ledger import identity, limits

QUERY_CHARS_MAX = 1_024  # the longest page token is a few hundred characters
PATH_CHARS_MAX = 64
PAGE_SIZE_MAX = 500  # rows an HTML, CSV or JSON page holds at most
PAGE_SIZE_DEFAULT = 100
FORMATS = ("html", "csv", "json")
STATUSES = {"pending": pb.COMPLIANCE_STATUS_PENDING, "A": pb.COMPLIANCE_STATUS_A, "B": pb.COMPLIANCE_STATUS_B,
            "C": pb.COMPLIANCE_STATUS_C}

_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]*")
_PATH = re.compile(r"/(?:[a-z][a-z0-9-]*(?:\.[a-z]{1,8})?)?")  # a page name and a suffix; which exist, the server decides
_YEAR = re.compile(r"[1-9][0-9]{0,3}")
_SIZE = re.compile(r"[1-9][0-9]{0,2}")
_TOKEN = re.compile(r"[A-Za-z0-9_=-]{1,512}")  # URL-safe base64 (ledger/queries.py) or an offset's digits


class PortalError(Exception):
    """A request the portal refuses: answered with a page giving the reason."""

    def __init__(self, status: int, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.reason = reason
        self.detail = detail


def bad_request(reason: str, detail: str) -> PortalError:
    return PortalError(400, reason, detail)


def shown(value: str, chars_max: int = 40) -> str:
    """A caller's value, quoted and cut short, for a detail (the page escapes it)."""
    return repr(value if len(value) <= chars_max else value[:chars_max] + "…")


@dataclass(frozen=True)
class Target:
    """What a request asks for: a page by name ("" for home), in a format, with its parameters."""

    name: str
    format: str
    parameters: dict[str, str] = field(default_factory=dict)


def split_path(raw_path: str) -> tuple[str, str]:
    """(path, query string) of the request target as sent, before any decoding."""
    path, _, query = raw_path.partition("?")
    return path, query


def check_path(path: str) -> tuple[str, str]:
    """(page name, format from the suffix or "") of a path; PATH_INVALID for anything that is not
    a plain page name: no dots but the suffix, no escapes, no traversal, no second slash."""
    if len(path) > PATH_CHARS_MAX or not _PATH.fullmatch(path):
        raise bad_request("PATH_INVALID", f"path: got {shown(path)}, want / or /NAME, /NAME.csv, /NAME.json (NAME: lowercase letters, digits, -)")
    name, dot, suffix = path[1:].partition(".")
    return name, suffix if dot else ""


def parse_query(query: str, allowed: tuple[str, ...]) -> dict[str, str]:
    """The parameters of a query string, each one of `allowed` and given at most once; blank ones dropped."""
    if len(query) > QUERY_CHARS_MAX:
        raise bad_request("QUERY_TOO_LONG", f"query string: got {len(query)} characters, want at most {QUERY_CHARS_MAX}")
    if not _PRINTABLE_ASCII.fullmatch(query):
        raise bad_request("QUERY_NOT_ASCII", "query string: holds a character that is not printable ASCII (percent-encode it)")
    try:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query), encoding="utf-8", errors="strict")
    except (ValueError, UnicodeDecodeError) as error:
        raise bad_request("QUERY_MALFORMED", f"query string: not NAME=VALUE pairs joined by & ({type(error).__name__})") from None
    parameters: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            takes = ", ".join(allowed)
            raise bad_request("PARAMETER_UNKNOWN", f"parameter {shown(name)}: this page takes {takes}")
        if name in parameters:
            raise bad_request("PARAMETER_REPEATED", f"parameter {name}: given more than once")
        parameters[name] = value
    return {name: value for name, value in parameters.items() if value != ""}


def format_of(suffix: str, parameters: dict[str, str]) -> str:
    """The format a request asks for, by its suffix or `format=`; both only if they agree."""
    asked = parameters.get("format", "")
    if asked and asked not in FORMATS:
        raise bad_request("FORMAT_UNKNOWN", f"format: got {shown(asked)}, want one of {', '.join(FORMATS)}")
    if suffix and asked and suffix != asked:
        raise bad_request("FORMAT_CONFLICT", f"format: got {asked!r} for a .{suffix} address")
    return suffix or asked or "html"


# -- parameter grammars ------------------------------------------------------------------------
def year_parameter(parameters: dict[str, str], default: int) -> int:
    value = parameters.get("year")
    if value is None:
        return default
    if not _YEAR.fullmatch(value):
        raise bad_request("PARAMETER_INVALID", f"year: got {shown(value)}, want a year 1..{limits.vintage_year_max}")
    return int(value)


def province_parameter(parameters: dict[str, str]) -> str:
    value = parameters.get("province", "")
    if value and value not in identity.PROVINCES:
        raise bad_request("PARAMETER_INVALID", f"province: got {shown(value)}, want a province code (GB/T 2260, e.g. 44)")
    return value


def status_parameter(parameters: dict[str, str]) -> int | None:
    value = parameters.get("status")
    if value is None:
        return None
    if value not in STATUSES:
        raise bad_request("PARAMETER_INVALID", f"status: got {shown(value)}, want one of {', '.join(STATUSES)}")
    return STATUSES[value]


def size_parameter(parameters: dict[str, str]) -> int:
    value = parameters.get("size")
    if value is None:
        return PAGE_SIZE_DEFAULT
    if not _SIZE.fullmatch(value) or int(value) > PAGE_SIZE_MAX:
        raise bad_request("PARAMETER_INVALID", f"size: got {shown(value)}, want 1..{PAGE_SIZE_MAX}")
    return int(value)


def page_parameter(parameters: dict[str, str]) -> str:
    """The page token's characters; whether it is a token of this table, the query decides."""
    value = parameters.get("page", "")
    if value and not _TOKEN.fullmatch(value):
        raise page_token_invalid()
    return value


def page_token_invalid() -> PortalError:
    return bad_request("PAGE_TOKEN_INVALID", "page: not a token this portal issued for this table and these filters")
