"""RFC 6962 Merkle tree hashing, as used by Certificate Transparency, Trillian and transparency-dev.

A block's transactions are committed to by one Merkle root so that any single transaction can later
be proven to be in the block with a logarithmic audit path, without handing over the whole block.
The hashing follows RFC 6962 exactly, byte for byte, so that roots and proofs made here can be
checked by any other CT-compatible implementation, and theirs by us. The leaf and node prefixes
(0x00 and 0x01) keep a leaf from ever being passed off as an interior node (second-preimage attack).

Everything here is pure: bytes in, bytes out, no I/O, no clock, no randomness.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_BYTES = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of a tree with no leaves: RFC 6962 defines MTH({}) as the hash of the empty string."""


class MerkleError(ValueError):
    """An inclusion proof does not verify, or a proof was asked for a leaf outside the tree."""


def leaf_hash(data: bytes) -> bytes:
    """The hash of one leaf; the 0x00 prefix separates it from every interior node hash."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node; the 0x01 prefix separates it from every leaf hash."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _parent_level(level: Sequence[bytes]) -> list[bytes]:
    """Hash a level of the tree into the level above it.

    Adjacent pairs are hashed from the left; an unpaired last node is carried up unchanged. This
    bottom-up pairing builds exactly RFC 6962's tree, which splits n leaves at the largest power
    of two k < n: the left k leaves form a complete subtree, so pairing from the left never
    crosses the split, and a lone last node is the root of the right, still incomplete, subtree,
    which RFC 6962 also leaves unpaired until it meets a sibling of its own height.
    """
    parents = [node_hash(level[left], level[left + 1]) for left in range(0, len(level) - 1, 2)]
    if len(level) % 2 == 1:
        parents.append(level[-1])
    return parents


def root_from_leaf_hashes(leaf_hashes: Sequence[bytes]) -> bytes:
    """RFC 6962 MTH over already hashed leaves, in n - 1 node hashes and without recursion."""
    if not leaf_hashes:
        return EMPTY_ROOT
    level = list(leaf_hashes)
    while len(level) > 1:
        level = _parent_level(level)
    return level[0]


def root(leaves: Sequence[bytes]) -> bytes:
    """RFC 6962 MTH over raw leaf data: each leaf is hashed with `leaf_hash` first."""
    return root_from_leaf_hashes([leaf_hash(leaf) for leaf in leaves])


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """RFC 6962 audit path PATH(index, D[n]): the sibling hashes from the leaf up to the root.

    Siblings are listed from the bottom of the tree to the top, which is the order RFC 9162's
    verifier consumes them. A level where the leaf's ancestor has no sibling adds nothing.
    Raises `MerkleError` if `index` is not a leaf of the tree.
    """
    if not 0 <= index < len(leaf_hashes):
        raise MerkleError(f"leaf index {index} is outside a tree of {len(leaf_hashes)} leaves")
    proof: list[bytes] = []
    level = list(leaf_hashes)
    position = index
    while len(level) > 1:
        sibling = position ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        level = _parent_level(level)
        position //= 2
    return proof


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hash(value: object) -> bool:
    return isinstance(value, (bytes, bytearray)) and len(value) == HASH_BYTES


def _well_formed(
    index: object, size: object, leaf: object, proof: object, expected_root: object
) -> bool:
    """Whether the inputs have the right types and lengths, so verification cannot raise on them."""
    if not (_is_integer(index) and _is_integer(size)):
        return False
    if not (_is_hash(leaf) and _is_hash(expected_root)):
        return False
    if not isinstance(proof, Sequence) or isinstance(proof, (bytes, bytearray, str)):
        return False
    return all(_is_hash(sibling) for sibling in proof)


def _root_from_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes | None:
    """RFC 9162 section 2.1.3.2: recompute the root from a leaf and its path, or None if the path
    cannot belong to a leaf `index` of a tree of `size` leaves (too long or too short)."""
    position, last = index, size - 1
    computed = bytes(leaf)
    for sibling in proof:
        if last == 0:
            return None
        if position % 2 == 1 or position == last:
            computed = node_hash(bytes(sibling), computed)
            while position % 2 == 0 and position != 0:
                position, last = position >> 1, last >> 1
        else:
            computed = node_hash(computed, bytes(sibling))
        position, last = position >> 1, last >> 1
    return computed if last == 0 else None


def verify_inclusion(
    index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether `proof` shows the leaf with hash `leaf_hash` at `index` in the tree `root` of `size`.

    Never raises: a malformed input (wrong type, negative or out-of-range index, empty tree,
    hash of the wrong length) is simply a proof that does not verify. Use `check_inclusion`
    to get the reason as an exception instead.

    `size` and `root` must come from the same signed header: the algorithm binds the size only
    through the shape of the path, and different sizes can share a shape for the same leaf
    (leaf 0 of 3 and of 4 leaves, for instance).
    """
    if not _well_formed(index, size, leaf_hash, proof, root):
        return False
    if not 0 <= index < size:
        return False
    return _root_from_proof(index, size, leaf_hash, proof) == root


def check_inclusion(
    index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """Like `verify_inclusion`, but raises `MerkleError` saying why instead of returning False."""
    if not _well_formed(index, size, leaf_hash, proof, root):
        raise MerkleError(
            "inclusion proof is malformed: index and size must be integers, hashes 32 bytes"
        )
    if not 0 <= index < size:
        raise MerkleError(f"leaf index {index} is outside a tree of {size} leaves")
    computed = _root_from_proof(index, size, leaf_hash, proof)
    if computed is None:
        raise MerkleError(
            f"a proof of {len(proof)} hashes is the wrong length for leaf {index} of {size}"
        )
    if computed != root:
        raise MerkleError(
            f"inclusion proof for leaf {index} of a tree of {size} leads to a different root"
        )


def _consistency_roots(old_size: int, new_size: int, old_root: bytes, proof: Sequence[bytes]) -> tuple[bytes, bytes] | None:
    """RFC 9162 section 2.1.4.2 for 0 < old_size < new_size and a non-empty proof: the old and new
    roots the proof leads to, or None if its length cannot fit the two sizes."""
    path = [bytes(node) for node in proof]
    if old_size & (old_size - 1) == 0:  # the old tree is a complete subtree: its root starts the path
        path.insert(0, bytes(old_root))
    first, second = old_size - 1, new_size - 1
    while first & 1:
        first, second = first >> 1, second >> 1
    old_computed = new_computed = path[0]
    for sibling in path[1:]:
        if second == 0:
            return None
        if first & 1 or first == second:
            old_computed, new_computed = node_hash(sibling, old_computed), node_hash(sibling, new_computed)
            while first & 1 == 0 and first != 0:
                first, second = first >> 1, second >> 1
        else:
            new_computed = node_hash(new_computed, sibling)
        first, second = first >> 1, second >> 1
    return (old_computed, new_computed) if second == 0 else None


def check_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> None:
    """Raise `MerkleError` unless `proof` shows that the tree `old_root` of `old_size` leaves is a
    prefix of the tree `new_root` of `new_size` leaves (RFC 9162 section 2.1.4.2).

    Edges, as transparency-dev decides them: equal sizes need an empty proof and equal roots; the
    empty tree is a prefix of every tree, with an empty proof; a smaller new size never verifies."""
    if not (_is_integer(old_size) and _is_integer(new_size) and _is_hash(old_root) and _is_hash(new_root)):
        raise MerkleError("consistency proof is malformed: sizes must be integers, roots 32 bytes")
    if not isinstance(proof, Sequence) or isinstance(proof, (bytes, bytearray, str)) or not all(_is_hash(node) for node in proof):
        raise MerkleError("consistency proof is malformed: a list of 32-byte hashes")
    if not 0 <= old_size <= new_size:
        raise MerkleError(f"sizes {old_size} and {new_size}: the old size must be between 0 and the new size")
    if old_size == new_size or old_size == 0:
        if proof:
            raise MerkleError(f"a proof of {len(proof)} hashes between sizes {old_size} and {new_size}, want none")
        if old_size == new_size and bytes(old_root) != bytes(new_root):
            raise MerkleError(f"two different roots for the same size {old_size}")
        return
    roots = _consistency_roots(old_size, new_size, old_root, proof) if proof else None
    if roots is None:
        raise MerkleError(f"a proof of {len(proof)} hashes is the wrong length between sizes {old_size} and {new_size}")
    if roots[0] != bytes(old_root):
        raise MerkleError(f"consistency proof leads to another root for the old size {old_size}")
    if roots[1] != bytes(new_root):
        raise MerkleError(f"consistency proof leads to another root for the new size {new_size}")


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> bool:
    """Like `check_consistency`, but returns whether the proof holds and never raises."""
    try:
        check_consistency(old_size, new_size, old_root, new_root, proof)
    except MerkleError:
        return False
    return True
