"""The core's queries of whistle-blowing reports (art. 40), and the check of a signed query.

Public reads (`tip`, `tips`) return the public record only; `sealed_tip` returns the sealed
envelope, and its caller (the servicer) serves it to the handling authority alone, authenticated
by a signed query (`check_query_auth`) or by the authority's own certificate.

A signed query: Ed25519 over "cets/query/v1\\0" + chain id + "\\0" + full method name + "\\0" +
the request's deterministic bytes with `auth` cleared + valid_until_height (8 bytes, big-endian),
by a transactions key of the participant that is active at the head; refused once the head passes
`valid_until_height`, or when that is more than `QUERY_WINDOW_BLOCKS_MAX` ahead of the head (a
signature valid for ever could be replayed for ever).
"""

from __future__ import annotations

import struct

from google.protobuf.message import Message

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger import tables as t
from cets.ledger.queries import Page, page_of
from cets.ledger.state import State, StateReader

QUERY_DOMAIN = b"cets/query/v1\x00"
QUERY_WINDOW_BLOCKS_MAX = 1_000


def tip(reader: StateReader, tip_id: str) -> pb.Tip | None:
    return t.TIPS.get(reader, tip_id)


def tips(reader: StateReader, *, authority: str = "", status: int = 0, token: str = "", size: int) -> Page[pb.Tip]:
    """Public records by report id: of one authority (through its index) or of all, of one status or any."""
    def keep(record: pb.Tip) -> pb.Tip | None:
        return record if not status or record.status == status else None

    if not authority:
        return page_of(reader, t.TIPS, token=token, size=size, convert=lambda parts, record: keep(record))

    def indexed(parts: tuple, _) -> pb.Tip | None:
        record = t.TIPS.get(reader, parts[1])
        assert record is not None, "the index lists only filed reports"
        return keep(record)

    return page_of(reader, t.TIPS_BY_AUTHORITY, authority, token=token, size=size, convert=indexed)


def sealed_tip(reader: StateReader, tip_id: str) -> pb.SealedTip | None:
    """The sealed envelope: for the handling authority only (the caller checks who asks)."""
    return t.SEALED_TIPS.get(reader, tip_id)


def intake(reader: StateReader, authority: str) -> pb.TipIntake | None:
    return t.TIP_INTAKES.get(reader, authority)


# -- signed queries --------------------------------------------------------------------------------
class QueryAuthRefused(ValueError):
    """A signed query that does not prove its participant: `reason` is the ErrorInfo reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def query_signing_bytes(chain_id: str, method: str, request: Message, valid_until_height: int) -> bytes:
    """What the participant signs: see the module's docstring."""
    unsigned = type(request)()
    unsigned.CopyFrom(request)
    unsigned.ClearField("auth")
    return (QUERY_DOMAIN + chain_id.encode() + b"\x00" + method.encode() + b"\x00"
            + unsigned.SerializeToString(deterministic=True) + struct.pack(">Q", valid_until_height))


def check_query_auth(reader: StateReader, chain_id: str, method: str, request: Message, head_height: int) -> str:
    """The participant a signed query proves, or QueryAuthRefused."""
    auth = request.auth
    if not auth.participant or not auth.key_id or not auth.signature:
        raise QueryAuthRefused("QUERY_AUTH_MISSING", "auth: want participant, key_id, valid_until_height and signature")
    if auth.valid_until_height < head_height:
        raise QueryAuthRefused("QUERY_AUTH_EXPIRED", f"auth.valid_until_height: got {auth.valid_until_height}, the head is at {head_height}")
    if auth.valid_until_height > head_height + QUERY_WINDOW_BLOCKS_MAX:
        raise QueryAuthRefused("QUERY_AUTH_TOO_LONG",
                               f"auth.valid_until_height: got {auth.valid_until_height}, want at most {head_height + QUERY_WINDOW_BLOCKS_MAX}")
    record = State(reader).key(auth.key_id) if len(auth.key_id) == crypto.KEY_ID_HEX_CHARS else None
    if (record is None or record.participant_id != auth.participant or record.revoked
            or record.purpose != pb.KEY_PURPOSE_TRANSACTIONS):
        raise QueryAuthRefused("QUERY_AUTH_KEY_INVALID", f"auth.key_id: not an active transactions key of {auth.participant[:64]!r}")
    message = query_signing_bytes(chain_id, method, request, auth.valid_until_height)
    if not crypto.verify(record.public_key, auth.signature, message):
        raise QueryAuthRefused("QUERY_AUTH_SIGNATURE_INVALID", f"auth.signature: does not verify with key {record.key_id}")
    return auth.participant
