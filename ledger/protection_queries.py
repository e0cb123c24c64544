"""The core's queries of account protections (EU Union Registry; DESIGN §8): an account's
protection record, its trusted list, its held transfers and the units they hold.

Like `ledger/queries.py`, every listing is a bounded page over a declared table, and no caller
builds a key.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.queries import Page, page_of
from cets.ledger.state import StateReader


def protection(reader: StateReader, account_id: str) -> pb.AccountProtection | None:
    """The account's protection record; None for an account that never had one."""
    return t.PROTECTIONS.get(reader, account_id)


def held_units(reader: StateReader, account_id: str, *, token: str = "", size: int) -> Page[pb.Holding]:
    """Units held for the account's pending transfers, per (product, vintage, project)."""
    return page_of(reader, t.HELD_UNITS, account_id, token=token, size=size,
                   convert=lambda parts, amount: pb.Holding(unit=parts[1], amount=amount))


def trusted_accounts(reader: StateReader, account_id: str, *, token: str = "", size: int) -> Page[pb.TrustedAccount]:
    """The account's trusted list in trusted-account order, entries waiting for their delay included."""
    return page_of(reader, t.TRUSTED_ACCOUNTS, account_id, token=token, size=size)


def held_transfers(reader: StateReader, account_id: str, *, token: str = "", size: int) -> Page[pb.HeldTransfer]:
    """The account's held transfers by release time, then transfer id (through the account's index)."""
    def record(parts: tuple, _) -> pb.HeldTransfer:
        held = t.HELD_TRANSFERS.get(reader, parts[2])
        assert held is not None, "the index lists only held transfers"
        return held

    return page_of(reader, t.HELD_BY_ACCOUNT, account_id, token=token, size=size, convert=record)
