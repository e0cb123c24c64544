"""Proofs a holder checks without replaying the chain (DESIGN §3).

A transaction inclusion proof shows that a block header, signed by a quorum of the institutions'
node keys, commits to a transaction (its bytes, a leaf of the header's RFC 6962 `tx_root`) and to
its result (a leaf of `result_root` at the same index). The verifier needs the transaction, its
index in the block, the proof, and the node public keys it trusts; nothing else. Pure code: the
node builds proofs with `tx_proof`, any client checks them with `verify_tx_proof`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from google.protobuf.message import DecodeError

from cets.v1 import ledger_pb2 as pb
from cets.ledger import crypto, merkle
from cets.ledger.chain import result_bytes


class ProofError(ValueError):
    """The proof does not show what it claims; the message says which check failed."""


@dataclass(frozen=True)
class NodeKey:
    """A node public key the verifier trusts, and the institution it speaks for."""

    participant_id: str
    public_key: bytes


@dataclass(frozen=True)
class ProvenTx:
    header: pb.BlockHeader
    result: pb.TxResult
    signers: frozenset[str]  # institutions whose valid signatures the header carries


def tx_proof(block: pb.Block, index: int) -> pb.TxInclusionProof:
    """The proof for the transaction at `index` of `block` (as stored, with its signatures)."""
    tx_leaves = [merkle.leaf_hash(raw) for raw in block.txs]
    result_leaves = [merkle.leaf_hash(result_bytes(r)) for r in block.results]
    return pb.TxInclusionProof(header=block.header, signatures=block.signatures,
                                tx_path=merkle.inclusion_proof(tx_leaves, index), result=result_bytes(block.results[index]),
                                result_path=merkle.inclusion_proof(result_leaves, index))


def verify_tx_proof(tx_id: bytes, tx: bytes, height: int, index: int, proof: pb.TxInclusionProof,
                    node_keys: Mapping[str, NodeKey], quorum: int, chain_id: str) -> ProvenTx:
    """Check that `proof` shows the transaction `tx_id` (its SignedTx bytes `tx`) at `index` of block
    `height` of chain `chain_id`, signed by `quorum` institutions of `node_keys` (key id -> a key
    trusted for that height). Raises ProofError naming the first check that fails."""
    if quorum < 1:
        raise ProofError(f"quorum: got {quorum}, want at least 1")
    try:
        header = pb.BlockHeader.FromString(proof.header)
        result = pb.TxResult.FromString(proof.result)
        envelope = pb.SignedTx.FromString(tx)
    except DecodeError:
        raise ProofError("the header, the result or the transaction does not parse") from None
    if crypto.tx_id(envelope.body) != tx_id:
        raise ProofError("tx: these are the bytes of another transaction")
    if header.chain_id != chain_id:
        raise ProofError(f"header: chain {header.chain_id!r}, want {chain_id!r}")
    if header.height != height:
        raise ProofError(f"header: height {header.height}, want {height}")
    _check_leaf("tx", tx, index, header.tx_count, proof.tx_path, header.tx_root)
    _check_leaf("result", proof.result, index, header.tx_count, proof.result_path, header.result_root)
    if result.tx_id != crypto.tx_id(envelope.body):
        raise ProofError("result: it is the result of another transaction")
    signers = _signers(proof.header, proof.signatures, node_keys)
    if len(signers) < quorum:
        raise ProofError(f"header: signed by {len(signers)} trusted institution(s) ({', '.join(sorted(signers)) or 'none'}), want {quorum}")
    return ProvenTx(header=header, result=result, signers=frozenset(signers))


def _check_leaf(name: str, leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> None:
    try:
        merkle.check_inclusion(index, size, merkle.leaf_hash(leaf), list(path), root)
    except merkle.MerkleError as error:
        raise ProofError(f"{name}: not committed by the header at index {index} ({error})") from None


def _signers(header: bytes, signatures, node_keys: Mapping[str, NodeKey]) -> set[str]:
    message = crypto.HEADER_DOMAIN + header
    return {key.participant_id for signature in signatures
            if (key := node_keys.get(signature.key_id)) is not None and crypto.verify(key.public_key, signature.signature, message)}
