"""The history tree: an RFC 6962 Merkle tree over every block's header hash (DESIGN §3).

Leaf i of the tree is the 32-byte header hash of block i, and leaf 0 the genesis hash; each leaf
is hashed as RFC 6962 hashes any leaf (`merkle.leaf_hash`, prefix 0x00). Block h's header carries
`history_size` = h and `history_root` = the root over leaves 0 .. h-1, so the quorum that signs
a header cosigns the whole history before it, and any two signed headers can be proven
consistent (one history a prefix of the other) or a block proven part of one, in O(log n) hashes.

The ledger keeps the tree in its state (`tables.HISTORY_NODES`): the hash of every complete
subtree, keyed by (level, index), where node (level, index) covers leaves index·2^level up to
(index+1)·2^level - 1. Appending a leaf writes it and the subtrees it completes (one write and,
on average, one more), and the root of any size is read from the O(log n) complete subtrees
that size decomposes into: every replica and auditor that replays the blocks computes the same
nodes, and the state commitment covers them. A node answers any proof from those nodes in
O(log n) reads, never rehashing the whole history.

Pure: the tree is read through a `NodeReader` (a function of level and index) and written
through a `NodeWriter`; the proof builders are RFC 6962's own recursion (section 2.1), verified
by `merkle.check_inclusion` and `merkle.check_consistency`.
"""

from __future__ import annotations

from typing import Callable

from cets.ledger import merkle

NodeReader = Callable[[int, int], bytes]
NodeWriter = Callable[[int, int, bytes], None]


class HistoryError(ValueError):
    """A proof was asked for sizes or an index the history cannot have."""


def append(read: NodeReader, write: NodeWriter, size: int, header_hash: bytes) -> None:
    """Add leaf `size`, the header hash of block `size` (the genesis hash for 0), to a history
    of `size` leaves."""
    assert len(header_hash) == merkle.HASH_BYTES
    append_leaf_hash(read, write, size, merkle.leaf_hash(header_hash))


def append_leaf_hash(read: NodeReader, write: NodeWriter, size: int, leaf_hash: bytes) -> None:
    """Add a leaf, already hashed, to a tree of `size` leaves: write it, then each complete
    subtree it closes, up to the first level where the new node is a left child."""
    level, index, node = 0, size, leaf_hash
    write(level, index, node)
    while index & 1:
        node = merkle.node_hash(read(level, index - 1), node)
        level, index = level + 1, index >> 1
        write(level, index, node)


def _largest_power_of_two_below(count: int) -> int:
    """RFC 6962's split point k: the largest power of two smaller than `count` (count >= 2)."""
    return 1 << ((count - 1).bit_length() - 1)


def subtree_root(read: NodeReader, start: int, end: int) -> bytes:
    """MTH(D[start:end]) for a subtree RFC 6962's recursion meets: complete and aligned, one read;
    else (the right edge of a tree) its left part is complete, and the rest recurses."""
    count = end - start
    assert count >= 1
    if count & (count - 1) == 0 and start % count == 0:
        return read(count.bit_length() - 1, start // count)
    split = start + _largest_power_of_two_below(count)
    return merkle.node_hash(subtree_root(read, start, split), subtree_root(read, split, end))


def root(read: NodeReader, size: int) -> bytes:
    """The root of the history tree of `size` leaves (the SHA-256 of nothing for size 0)."""
    return merkle.EMPTY_ROOT if size == 0 else subtree_root(read, 0, size)


def inclusion_proof(read: NodeReader, index: int, size: int) -> list[bytes]:
    """RFC 6962 PATH(index, D[0:size]), bottom up: what `merkle.check_inclusion` consumes."""
    if not 0 <= index < size:
        raise HistoryError(f"leaf {index} is not in a history of {size} leaves")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        split = start + _largest_power_of_two_below(end - start)
        if index < split:
            path.append(subtree_root(read, split, end))
            end = split
        else:
            path.append(subtree_root(read, start, split))
            start = split
    path.reverse()
    return path


def consistency_proof(read: NodeReader, old_size: int, new_size: int) -> list[bytes]:
    """RFC 6962 PROOF(old_size, D[0:new_size]); empty when the sizes are equal or old_size is 0."""
    if not 0 <= old_size <= new_size:
        raise HistoryError(f"sizes {old_size} and {new_size}: the old size must be between 0 and the new size")
    if old_size in (0, new_size):
        return []
    proof: list[bytes] = []
    start, end, complete = 0, new_size, True
    while True:
        # SUBPROOF(m, D[start:end], complete), with m = old_size - start
        if old_size == end:
            if not complete:
                proof.append(subtree_root(read, start, end))
            break
        split = start + _largest_power_of_two_below(end - start)
        if old_size <= split:
            proof.append(subtree_root(read, split, end))
            end = split
        else:
            proof.append(subtree_root(read, start, split))
            start, complete = split, False
    proof.reverse()
    return proof
