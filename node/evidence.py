"""Evidence of faults a cluster node has found, kept in the store's metadata and listed by
`Chain.ListEvidence`.

Two kinds: `invalid_block` (a block that does not verify on this node's head: ordered through
etcd, it halts the node; reported by a peer, an observer keeps it once it has checked it itself)
and `conflicting_header` (a valid signature of an institution over another header of this chain at
a height this node has applied: equivocation). One record per height, kind and participant.
"""

from __future__ import annotations

import structlog

from cets.v1 import messages as pb
from cets.ledger.chain import Tip
from cets.ledger.errors import ChainError
from cets.ledger.store import Store
from cets.ledger.verify import parse_block, verify_block

log = structlog.get_logger("cets.cluster")


class EvidenceLog:
    """The evidence found so far, loaded from and appended to the store's metadata."""

    def __init__(self, store: Store) -> None:
        self._store = store
        count = int(store.get_meta("evidence_count") or b"0")
        self._evidence = [pb.Evidence.FromString(store.get_meta(f"evidence/{i}")) for i in range(count)]

    def all(self) -> list[pb.Evidence]:
        return list(self._evidence)

    def record(self, evidence: pb.Evidence) -> None:
        """Keep `evidence` (durably) and log it, unless the same fault is already kept."""
        for known in self._evidence:
            if known.height == evidence.height and known.kind == evidence.kind and known.participant_id == evidence.participant_id:
                return
        log.error("evidence of a fault", height=evidence.height, kind=evidence.kind, participant=evidence.participant_id, detail=evidence.detail)
        self._store.put_meta(f"evidence/{len(self._evidence)}", evidence.SerializeToString())
        self._evidence.append(evidence)
        self._store.put_meta("evidence_count", str(len(self._evidence)).encode())


def refusal(store: Store, tip: Tip, height: int, raw: bytes) -> str | None:
    """Why the block `raw` cannot follow the head `tip`, or None if it can (with its proposer's
    signature alone: whether it is valid, not whether it is final)."""
    try:
        block = parse_block(height, raw)
        with store.reader() as reader:
            verify_block(reader, tip, block, 1)
    except ChainError as error:
        return error.what
    return None
