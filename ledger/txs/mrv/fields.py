"""Checks the MRV records share: a year that has ended, a document hash, a sector code."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, crypto, identity
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext


def require_year_ended(ctx: TxContext, name: str, year: int) -> None:
    """Arts. 5, 26: emissions are declared and reported for a year once it has ended, that is once
    a block's time reaches 1 January of the next year, China time."""
    ends_ms = calendar.year_start_ms(year + 1)
    if ctx.time_ms < ends_ms:
        raise Rejection(pb.CODE_YEAR_NOT_ENDED, f"{name}: got {year}, which has not ended at the block time {ctx.time_ms} (it ends at {ends_ms})")


def require_sha256(name: str, digest: bytes) -> None:
    """A document is recorded by its SHA-256, never its content."""
    if not digest:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if len(digest) != crypto.HASH_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {len(digest)} bytes, want {crypto.HASH_BYTES} (a SHA-256)")


def require_sector(name: str, sector: str) -> None:
    if not sector:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
    if not identity.is_sector(sector):
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {sector!r}, want a lowercase sector code")


def require_not_negative_at_most(name: str, amount: int, high: int) -> None:
    """A quantity that may be zero (a gas not emitted, direct emissions of a plant that only buys power)."""
    if amount < 0:
        raise Rejection(pb.CODE_AMOUNT_NOT_POSITIVE, f"{name}: got {amount}, want >= 0")
    if amount > high:
        raise Rejection(pb.CODE_AMOUNT_TOO_LARGE, f"{name}: got {amount}, want <= {high}")
