"""The latest version of a versioned record, found without scanning its whole history.

MRV records are never edited (DESIGN §6a): an amendment is a new version, numbered from 1 with no
gap, under a key whose last part is the version (`tables.PLANS`, `REPORTS`, `VERIFICATIONS`).
Since versions are dense and never deleted, the stored ones are exactly 1..n: doubling finds a
version past n, bisection finds n, in O(log n) point reads and no unbounded scan.
"""

from __future__ import annotations

from typing import Any

from cets.ledger import tables as t
from cets.ledger.tables import Reader

_VERSION_MAX = 2**32 - 1  # the key part is a uint32


def latest(table: t.Table, reader: Reader, *parts: Any) -> Any:
    """The record of the highest version under `parts` (every key part but the version), or None."""
    if table.get(reader, *parts, 1) is None:
        return None
    present, absent = 1, 2  # invariant: version `present` exists; `absent` does not, or is past the key's range
    while absent <= _VERSION_MAX and table.get(reader, *parts, absent) is not None:
        present, absent = absent, min(absent * 2, _VERSION_MAX + 1)
    while absent - present > 1:
        middle = (present + absent) // 2
        if table.get(reader, *parts, middle) is None:
            absent = middle
        else:
            present = middle
    return table.get(reader, *parts, present)
