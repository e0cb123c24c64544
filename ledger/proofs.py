"""Transaction inclusion proofs, as a node builds them (DESIGN §3).

A transaction inclusion proof shows that a block header commits to a transaction (its bytes, a
leaf of the header's RFC 6962 `tx_root`) and to its result (a leaf of `result_root` at the same
index), with the header's signatures. The node builds proofs here; a client checks them in
`ledger/lightclient.py`, against node keys it establishes from the genesis alone. Pure code.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.ledger import merkle
from cets.ledger.chain import result_bytes


def tx_proof(block: pb.Block, index: int) -> pb.TxInclusionProof:
    """The proof for the transaction at `index` of `block` (as stored, with its signatures)."""
    tx_leaves = [merkle.leaf_hash(raw) for raw in block.txs]
    result_leaves = [merkle.leaf_hash(result_bytes(r)) for r in block.results]
    return pb.TxInclusionProof(header=block.header, signatures=block.signatures,
                                tx_path=merkle.inclusion_proof(tx_leaves, index), result=result_bytes(block.results[index]),
                                result_path=merkle.inclusion_proof(result_leaves, index))


def proven_tx(block: pb.Block, index: int) -> proofs_pb2.ProvenTx:
    """The transaction at `index` of `block` with its bytes, its place and its proof."""
    return proofs_pb2.ProvenTx(tx=block.txs[index], index=index, proof=tx_proof(block, index))
