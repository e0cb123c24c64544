"""Allocation methods (art. 7): the ministry publishes each version once; allocations cite one.

A method version is published once and never edited (`METHOD_EXISTS`); a changed method is a new
version. `Allocate` refuses a version that is not published (`METHOD_UNKNOWN`,
ledger/txs/registry/allocation.py).

Pre-allocation then true-up (arts. 7, 10; the 2023-24 practice) is a pattern the ledger supports
with the kinds it has: the method states `pre_allocation_share_bps` (7,000 in 2023-24); the
province allocates that share of the prior year's verified emissions citing the method, and once
the year is verified it tops up or claws back the difference with `AdjustAllocation` and reason
`ADJUSTMENT_REASON_TRUE_UP` (tests/test_mrv_records.py walks it).
"""

from __future__ import annotations

import re

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_text
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_sha256

_VERSION = re.compile(r"[A-Za-z0-9._-]{1,64}")  # cited by allocations and kept as a key: no spaces, no control characters
_BPS_MAX = 10_000


def publish_allocation_method(ctx: TxContext, payload: pb.PublishAllocationMethod) -> None:
    """Art. 7: the ministry publishes an allocation method version."""
    if not payload.version:
        raise Rejection(pb.CODE_MISSING_FIELD, "version: missing")
    if not _VERSION.fullmatch(payload.version):
        raise Rejection(pb.CODE_INVALID_FIELD, f"version: got {payload.version!r}, want 1 to 64 letters, digits, '.', '_' or '-'")
    require_sha256("document_sha256", payload.document_sha256)
    require_text("title", payload.title, limits.name_chars_max)
    if payload.pre_allocation_share_bps > _BPS_MAX:
        raise Rejection(pb.CODE_INVALID_FIELD, f"pre_allocation_share_bps: got {payload.pre_allocation_share_bps}, want 0..{_BPS_MAX}")
    if t.METHODS.get(ctx.state, payload.version) is not None:
        raise Rejection(pb.CODE_METHOD_EXISTS, f"version: {payload.version!r} is published already; a changed method is a new version")

    t.METHODS.put(ctx.state, pb.AllocationMethod(method=payload, tx_id=ctx.tx_id, height=ctx.height), payload.version)
    ctx.emit(allocation_method_published=pb.AllocationMethodPublished(version=payload.version))


KINDS = (
    TxKind(name="publish_allocation_method", domain="mrv", handler=publish_allocation_method, signers=frozenset({pb.ROLE_MINISTRY}),
           articles=("7",), summary="The ministry publishes an allocation method version (with its pre-allocation share); allocations cite it.",
           cli=Cli(command="publish-method", help="publish an allocation method version by its document's SHA-256 (art. 7)",
                   flags={"version": "version", "document": "document_sha256", "title": "title", "pre-allocation-bps": "pre_allocation_share_bps"},
                   optional=frozenset({"pre-allocation-bps"}))),
)
