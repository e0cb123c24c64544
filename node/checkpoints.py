"""The history tree's checkpoints and proofs as a node serves them (`Chain.GetCheckpoint`,
`GetConsistencyProof`, `GetBlockInclusionProof`).

A checkpoint of size n is block n's header with its signatures; the node serves sizes up to its
final height only, where the header carries its quorum. Proofs are read from the complete
subtrees the ledger keeps in its state (`tables.HISTORY_NODES`), O(log n) reads each, from one
snapshot; the client checks them against checkpoints it verified itself (ledger/checkpoint.py).
"""

from __future__ import annotations

from cets.v1 import history_pb2
from cets.v1 import messages as pb
from cets.ledger import history
from cets.ledger.checkpoint import checkpoint_of
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.errors import invalid, not_found

CHECKPOINT_NOT_FOUND = "CHECKPOINT_NOT_FOUND"


def get_checkpoint(store: Store, final_height: int, request: history_pb2.GetCheckpointRequest) -> history_pb2.Checkpoint:
    """The checkpoint of the size asked, or of the final height for 0."""
    size = request.size or final_height
    _require_final(size, final_height, "size")
    return checkpoint_of(pb.Block.FromString(store.block(size)))


def consistency_proof(store: Store, final_height: int, request: history_pb2.GetConsistencyProofRequest) -> history_pb2.ConsistencyProof:
    if request.old_size == 0:
        raise invalid("MISSING_FIELD", "old_size: missing (checkpoints start at size 1)")
    if request.new_size < request.old_size:
        raise invalid("INVALID_FIELD", f"new_size: got {request.new_size}, below old_size {request.old_size}")
    _require_final(request.new_size, final_height, "new_size")
    with store.reader() as reader:
        hashes = history.consistency_proof(State(reader).history_node, request.old_size, request.new_size)
    return history_pb2.ConsistencyProof(old_size=request.old_size, new_size=request.new_size, hashes=hashes)


def block_inclusion_proof(store: Store, final_height: int, request: history_pb2.GetBlockInclusionProofRequest) -> history_pb2.BlockInclusionProof:
    if request.size <= request.height:
        raise invalid("INVALID_FIELD", f"size: got {request.size}, want above the height {request.height} (block n is leaf n)")
    _require_final(request.size, final_height, "size")
    with store.reader() as reader:
        state = State(reader)
        header_hash = state.header_hash(request.height)
        hashes = history.inclusion_proof(state.history_node, request.height, request.size)
    return history_pb2.BlockInclusionProof(height=request.height, size=request.size, header_hash=header_hash, hashes=hashes)


def _require_final(size: int, final_height: int, name: str) -> None:
    if final_height == 0:
        raise not_found(CHECKPOINT_NOT_FOUND, "no block is final yet: there is no checkpoint")
    if size > final_height:
        raise not_found(CHECKPOINT_NOT_FOUND, f"{name}: got {size}, the latest final checkpoint is of size {final_height}")
