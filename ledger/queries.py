"""The core's read queries: what servicers, the CLI and the auditor ask of the state.

Servicers never build a state key: they call these functions with a reader (an LMDB snapshot,
or any `StateReader`) and get typed answers. Every listing is a page: at most `size` records and
an opaque token to resume after the last one. A token is the last key of the page in URL-safe
base64 (ASCII only); a token that is not exactly one this listing could have written is refused
with `PageTokenInvalid`, never guessed at.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.state import SUPPLY_CANCELLED, SUPPLY_ISSUED, SUPPLY_SURRENDERED, State, StateReader, cea

Item = TypeVar("Item")


class PageTokenInvalid(ValueError):
    """The page token is not one this listing issued."""


@dataclass
class Page(Generic[Item]):
    items: list[Item]
    next_token: str  # "" on the last page


def encode_token(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def decode_token(token: str, prefix: bytes) -> bytes | None:
    """The key a token resumes after; it must lie strictly under the listing's `prefix`."""
    if not token:
        return None
    try:
        key = base64.b64decode(token.encode("ascii"), altchars=b"-_", validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise PageTokenInvalid("page_token: not a token this node issued for this listing") from None
    if not key.startswith(prefix) or len(key) <= len(prefix) or encode_token(key) != token:
        raise PageTokenInvalid("page_token: not a token this node issued for this listing")
    return key


def page_of(
    reader: StateReader, table: t.Table, *parts: Any, token: str, size: int,
    convert: Callable[[tuple, Any], Item | None] = lambda parts, value: value,
) -> Page[Item]:
    """A page of `table` under its first `parts`. `convert` turns (key parts, value) into an item,
    or None to leave out a record a filter does not match. Bounded twice: at most `size` items
    returned and `limits.page_scan_max` records read (a sparse filter may return a short page
    with a token, as paginated APIs commonly do)."""
    assert 0 < size <= limits.page_size_max
    prefix = table.key_prefix(*parts) if parts else table.prefix
    after = decode_token(token, prefix)
    items: list[Item] = []
    read = 0
    last = None
    for key, key_parts, value in table.scan(reader, *parts, after=after, limit=limits.page_scan_max):
        read += 1
        last = key
        item = convert(key_parts, value)
        if item is not None:
            items.append(item)
            if len(items) == size:
                break
    more = last is not None and (len(items) == size or read == limits.page_scan_max) and _more_after(reader, table, parts, last)
    return Page(items, encode_token(last) if more else "")


def _more_after(reader: StateReader, table: t.Table, parts: tuple, last: bytes) -> bool:
    return next(table.scan(reader, *parts, after=last, limit=1), None) is not None


# -- participants, keys, accounts ------------------------------------------------------------
def participant(reader: StateReader, participant_id: str) -> pb.Participant | None:
    return t.PARTICIPANTS.get(reader, participant_id)


def participants(reader: StateReader, *, role: int = 0, province: str = "", token: str = "", size: int) -> Page[pb.Participant]:
    def keep(parts: tuple, record: pb.Participant) -> pb.Participant | None:
        if (role and record.role != role) or (province and record.province != province):
            return None
        return record

    return page_of(reader, t.PARTICIPANTS, token=token, size=size, convert=keep)


def keys_of(reader: StateReader, participant_id: str, *, token: str = "", size: int) -> Page[pb.KeyRecord]:
    """A participant's keys, in key-id order; the token is the last key id's KEYS key."""
    key_ids = t.PARTICIPANT_KEYS.get(reader, participant_id, default=[])
    after = decode_token(token, t.KEYS.prefix)
    remaining = [key_id for key_id in key_ids if after is None or t.KEYS.key(key_id) > after]
    records = [t.KEYS.get(reader, key_id) for key_id in remaining[:size]]
    more = len(remaining) > size
    return Page(records, encode_token(t.KEYS.key(remaining[size - 1])) if more else "")


def account(reader: StateReader, account_id: str) -> pb.Account | None:
    return t.ACCOUNTS.get(reader, account_id)


def holdings(reader: StateReader, account_id: str, *, token: str = "", size: int) -> Page[pb.Holding]:
    """An account's holdings, per (product, vintage, project)."""
    return page_of(reader, t.HOLDINGS, account_id, token=token, size=size,
                   convert=lambda parts, amount: pb.Holding(unit=parts[1], amount=amount))


# -- supply and rulebook ---------------------------------------------------------------------
@dataclass(frozen=True)
class SupplyFigures:
    vintage: int
    cap: int
    issued: int
    surrendered: int
    cancelled: int


def supply(reader: StateReader, vintage: int) -> SupplyFigures:
    state = State(reader)
    unit = cea(vintage)
    return SupplyFigures(vintage=vintage, cap=state.cap(vintage), issued=state.supply(SUPPLY_ISSUED, unit),
                         surrendered=state.supply(SUPPLY_SURRENDERED, unit), cancelled=state.supply(SUPPLY_CANCELLED, unit))


def rulebooks(reader: StateReader, *, token: str = "", size: int) -> Page[pb.RulebookVersion]:
    """The genesis rulebook first, then the versions the ministry scheduled, in order of effect."""
    if token:
        return page_of(reader, t.RULEBOOK_VERSIONS, token=token, size=size)
    genesis = pb.RulebookVersion(effective_ms=0, rulebook=State(reader).rulebook(), set_height=0, note="genesis")
    if size == 1:
        # Versions take effect after their block, so none has effective_ms 0: its key is "before all".
        before_all = t.RULEBOOK_VERSIONS.key(0)
        more = _more_after(reader, t.RULEBOOK_VERSIONS, (), before_all)
        return Page([genesis], encode_token(before_all) if more else "")
    page = page_of(reader, t.RULEBOOK_VERSIONS, token="", size=size - 1)
    page.items.insert(0, genesis)
    return page


CANCELLATION_CANDIDATES_MAX = 16  # tx ids sharing 80 bits: none in practice; a bound, not a search


def cancellation_certificate_prefix(certificate_id: str) -> bytes | None:
    """The 10 leading bytes of the transaction id a cancellation certificate id names ("CX-" and 20
    upper-case hex digits, `txs/registry/cancel.certificate_id`), or None if it is no such id."""
    digits = certificate_id.removeprefix("CX-")
    if len(certificate_id) != 23 or digits == certificate_id or digits != digits.upper():
        return None
    try:
        return bytes.fromhex(digits)
    except ValueError:
        return None


def cancellation(reader: StateReader, certificate_id: str, height_of: Callable[[bytes], int | None]) -> tuple[pb.Cancelled, bytes] | None:
    """A cancellation certificate's record and its transaction id: the judged transactions whose id
    begins with the id's 10 bytes, the one whose block recorded that certificate. `height_of` is
    the node's transaction index (the state keeps no height per transaction)."""
    prefix = cancellation_certificate_prefix(certificate_id)
    if prefix is None:
        return None
    for key, _ in reader.scan(t.JUDGED.prefix + prefix, limit=CANCELLATION_CANDIDATES_MAX):
        (tx_id,) = t.JUDGED.parts_of(key)
        height = height_of(tx_id)
        found = None if height is None else t.CANCELLATIONS.get(reader, height, certificate_id)
        if found is not None:
            return found, tx_id
    return None
