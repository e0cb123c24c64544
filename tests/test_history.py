"""Tests of the history tree (ledger/history.py) and consistency proofs (ledger/merkle.py).

The state-backed tree is checked three ways: against transparency-dev's published node hashes,
roots and proofs for its eight test leaves; against RFC 6962 section 2.1 transcribed literally
(the naive reference below, recursive over the whole leaf list); and at the edges where real
bugs in these libraries were (sizes 0 and 1, equal sizes, powers of two and one past them,
proofs one hash too long or too short, indices at the boundary, wrong sizes). Then the chain:
every header carries the root over the header hashes before it.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cets.ledger import history, merkle
from cets.ledger.merkle import MerkleError, check_consistency, leaf_hash, verify_consistency

# --- RFC 6962 section 2.1, literally (the naive reference) ------------------------------------


def split_of(size: int) -> int:
    power = 1
    while power * 2 < size:
        power *= 2
    return power


def reference_root(hashes: list[bytes]) -> bytes:
    """MTH over leaves already hashed."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    split = split_of(len(hashes))
    return hashlib.sha256(b"\x01" + reference_root(hashes[:split]) + reference_root(hashes[split:])).digest()


def reference_path(index: int, hashes: list[bytes]) -> list[bytes]:
    if len(hashes) == 1:
        return []
    split = split_of(len(hashes))
    if index < split:
        return reference_path(index, hashes[:split]) + [reference_root(hashes[split:])]
    return reference_path(index - split, hashes[split:]) + [reference_root(hashes[:split])]


def reference_subproof(old: int, hashes: list[bytes], complete: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of RFC 6962 section 2.1.2."""
    if old == len(hashes):
        return [] if complete else [reference_root(hashes)]
    split = split_of(len(hashes))
    if old <= split:
        return reference_subproof(old, hashes[:split], complete) + [reference_root(hashes[split:])]
    return reference_subproof(old - split, hashes[split:], False) + [reference_root(hashes[:split])]


def reference_consistency(old: int, hashes: list[bytes]) -> list[bytes]:
    return [] if old in (0, len(hashes)) else reference_subproof(old, hashes, True)


# --- the tree under test, in a dict standing for the state ------------------------------------


class Tree:
    """The history tree kept as the ledger keeps it, in a map of (level, index) to node hash."""

    def __init__(self, leaf_hashes=()) -> None:
        self.nodes: dict[tuple[int, int], bytes] = {}
        self.size = 0
        for leaf in leaf_hashes:
            self.append(leaf)

    def read(self, level: int, index: int) -> bytes:
        return self.nodes[(level, index)]

    def write(self, level: int, index: int, node: bytes) -> None:
        assert (level, index) not in self.nodes, "a complete subtree is written once"
        self.nodes[(level, index)] = node

    def append(self, leaf: bytes) -> None:
        history.append_leaf_hash(self.read, self.write, self.size, leaf)
        self.size += 1

    def root(self, size: int | None = None) -> bytes:
        return history.root(self.read, self.size if size is None else size)


def leaves(count: int) -> list[bytes]:
    return [leaf_hash(index.to_bytes(8, "big")) for index in range(count)]


# --- transparency-dev's published vectors (testonly/constants.go, reference_test.go) ----------

TD_LEAVES = [bytes.fromhex(text) for text in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                              "606162636465666768696a6b6c6d6e6f")]
TD_NODES = [
    ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
     "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
     "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"],
    ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
     "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"],
    ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
]
TD_ROOTS = ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4", "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
TD_CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]
TD_INCLUSION = [
    (0, 1, []),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]


def td_tree() -> Tree:
    return Tree(leaf_hash(leaf) for leaf in TD_LEAVES)


def test_the_stored_nodes_are_the_published_complete_subtrees():
    tree = td_tree()
    assert {key: node.hex() for key, node in tree.nodes.items()} == {
        (level, index): node for level, row in enumerate(TD_NODES) for index, node in enumerate(row)}


def test_the_root_of_every_size_is_the_published_root():
    tree = td_tree()
    assert [tree.root(size).hex() for size in range(9)] == TD_ROOTS


@pytest.mark.parametrize(("old", "new", "expected"), TD_CONSISTENCY)
def test_consistency_proof_is_the_published_one_and_verifies(old, new, expected):
    tree = td_tree()
    proof = history.consistency_proof(tree.read, old, new)
    assert [node.hex() for node in proof] == expected
    check_consistency(old, new, tree.root(old), tree.root(new), proof)


@pytest.mark.parametrize(("index", "size", "expected"), TD_INCLUSION)
def test_inclusion_proof_is_the_published_one_and_verifies(index, size, expected):
    tree = td_tree()
    proof = history.inclusion_proof(tree.read, index, size)
    assert [node.hex() for node in proof] == expected
    merkle.check_inclusion(index, size, leaf_hash(TD_LEAVES[index]), proof, tree.root(size))


# --- against the naive reference, exhaustively for small sizes, by hypothesis for larger -----


def test_root_and_proofs_agree_with_the_reference_for_every_size_up_to_40():
    hashes = leaves(40)
    tree = Tree(hashes)
    for size in range(41):
        assert tree.root(size) == reference_root(hashes[:size]), size
        for index in range(size):
            assert history.inclusion_proof(tree.read, index, size) == reference_path(index, hashes[:size])
        for old in range(size + 1):
            proof = history.consistency_proof(tree.read, old, size)
            assert proof == reference_consistency(old, hashes[:size]), (old, size)
            check_consistency(old, size, tree.root(old), tree.root(size), proof)


@settings(max_examples=60, deadline=None)
@given(size=st.integers(min_value=1, max_value=3000), data=st.data())
def test_proofs_agree_with_the_reference_at_random_sizes(size, data):
    hashes = leaves(size)
    tree = Tree(hashes)
    old = data.draw(st.integers(min_value=0, max_value=size), label="old")
    index = data.draw(st.integers(min_value=0, max_value=size - 1), label="index")
    assert tree.root() == reference_root(hashes)
    assert history.inclusion_proof(tree.read, index, size) == reference_path(index, hashes)
    proof = history.consistency_proof(tree.read, old, size)
    assert proof == reference_consistency(old, hashes)
    assert verify_consistency(old, size, tree.root(old), tree.root(), proof)


@settings(max_examples=80, deadline=None)
@given(size=st.integers(min_value=2, max_value=300), data=st.data())
def test_a_consistency_proof_with_any_hash_changed_dropped_or_added_fails(size, data):
    hashes = leaves(size)
    tree = Tree(hashes)
    old = data.draw(st.integers(min_value=1, max_value=size - 1), label="old")
    proof = history.consistency_proof(tree.read, old, size)
    old_root, new_root = tree.root(old), tree.root()
    position = data.draw(st.integers(min_value=0, max_value=len(proof) - 1), label="position")
    flipped = list(proof)
    flipped[position] = bytes([proof[position][0] ^ 1]) + proof[position][1:]
    for forged in (flipped, proof[:-1], proof[1:], proof + [proof[-1]], [proof[0]] + proof):
        assert not verify_consistency(old, size, old_root, new_root, forged)


@settings(max_examples=80, deadline=None)
@given(size=st.integers(min_value=2, max_value=300), data=st.data())
def test_a_consistency_proof_for_other_sizes_or_roots_fails(size, data):
    hashes = leaves(size)
    tree = Tree(hashes)
    old = data.draw(st.integers(min_value=1, max_value=size - 1), label="old")
    proof = history.consistency_proof(tree.read, old, size)
    other_old = data.draw(st.integers(min_value=1, max_value=size - 1).filter(lambda other: other != old), label="other_old") \
        if size > 2 else None
    if other_old is not None and history.consistency_proof(tree.read, other_old, size) != proof:
        assert not verify_consistency(other_old, size, tree.root(other_old), tree.root(), proof)
    forked = Tree(hashes[:old] + [leaf_hash(b"fork")] + hashes[old + 1:])  # the same old tree, another new one
    assert not verify_consistency(old, size, tree.root(old), forked.root(), proof)
    assert not verify_consistency(old, size, forked.root(old + 1), tree.root(), proof)


# --- the edges --------------------------------------------------------------------------------


def test_size_zero_is_a_prefix_of_every_history_with_an_empty_proof_only():
    tree = Tree(leaves(5))
    assert history.consistency_proof(tree.read, 0, 5) == []
    check_consistency(0, 5, merkle.EMPTY_ROOT, tree.root(), [])
    check_consistency(0, 0, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, [])
    with pytest.raises(MerkleError, match="want none"):
        check_consistency(0, 5, merkle.EMPTY_ROOT, tree.root(), [tree.root()])
    assert history.root(tree.read, 0) == merkle.EMPTY_ROOT


def test_size_one_proves_its_only_leaf_with_an_empty_path():
    tree = Tree(leaves(1))
    assert tree.root() == leaves(1)[0]
    assert history.inclusion_proof(tree.read, 0, 1) == []
    merkle.check_inclusion(0, 1, leaves(1)[0], [], tree.root())


def test_equal_sizes_need_equal_roots_and_an_empty_proof():
    tree = Tree(leaves(7))
    assert history.consistency_proof(tree.read, 7, 7) == []
    check_consistency(7, 7, tree.root(), tree.root(), [])
    with pytest.raises(MerkleError, match="two different roots for the same size 7"):
        check_consistency(7, 7, tree.root(), tree.root(6), [])
    with pytest.raises(MerkleError, match="want none"):
        check_consistency(7, 7, tree.root(), tree.root(), [tree.root()])


@pytest.mark.parametrize("power", [1, 2, 4, 8, 16, 64])
def test_a_power_of_two_and_one_more_are_consistent_with_every_smaller_size(power):
    tree = Tree(leaves(power + 1))
    for new in (power, power + 1):
        for old in range(1, new + 1):
            proof = history.consistency_proof(tree.read, old, new)
            check_consistency(old, new, tree.root(old), tree.root(new), proof)
            if old < new:
                with pytest.raises(MerkleError, match="wrong length"):
                    check_consistency(old, new, tree.root(old), tree.root(new), proof[:-1])
                with pytest.raises(MerkleError):
                    check_consistency(old, new, tree.root(old), tree.root(new), proof + [proof[-1]])


def test_a_power_of_two_old_size_has_its_root_implied_not_sent():
    tree = Tree(leaves(8))
    assert history.consistency_proof(tree.read, 4, 8) == [tree.read(2, 1)]  # the old root is the left subtree
    check_consistency(4, 8, tree.root(4), tree.root(8), [tree.read(2, 1)])
    with pytest.raises(MerkleError):
        check_consistency(4, 8, tree.root(4), tree.root(8), [tree.root(4), tree.read(2, 1)])


def test_a_new_size_smaller_than_the_old_one_never_verifies():
    tree = Tree(leaves(6))
    with pytest.raises(MerkleError, match="the old size must be between 0 and the new size"):
        check_consistency(6, 5, tree.root(6), tree.root(5), [])
    with pytest.raises(history.HistoryError):
        history.consistency_proof(tree.read, 6, 5)
    assert not verify_consistency(-1, 5, tree.root(6), tree.root(5), [])


def test_an_empty_proof_between_different_sizes_fails():
    tree = Tree(leaves(6))
    with pytest.raises(MerkleError, match="a proof of 0 hashes is the wrong length"):
        check_consistency(3, 6, tree.root(3), tree.root(6), [])


@pytest.mark.parametrize("bad", [None, "x", b"\x00" * 31, 3.0, True])
def test_verify_consistency_returns_false_on_malformed_input_and_never_raises(bad):
    tree = Tree(leaves(6))
    proof = history.consistency_proof(tree.read, 3, 6)
    assert not verify_consistency(bad, 6, tree.root(3), tree.root(6), proof)
    assert not verify_consistency(3, 6, bad, tree.root(6), proof)
    assert not verify_consistency(3, 6, tree.root(3), tree.root(6), bad)
    assert not verify_consistency(3, 6, tree.root(3), tree.root(6), [*proof[:-1], bad])


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 9])
def test_inclusion_proofs_refuse_an_index_at_or_past_the_size(size):
    tree = Tree(leaves(size))
    assert history.inclusion_proof(tree.read, size - 1, size) == reference_path(size - 1, leaves(size))
    for index in (size, size + 1, -1):
        with pytest.raises(history.HistoryError):
            history.inclusion_proof(tree.read, index, size)


def test_an_inclusion_proof_one_hash_too_short_or_too_long_fails():
    tree = Tree(leaves(9))
    for index in range(9):
        proof = history.inclusion_proof(tree.read, index, 9)
        assert merkle.verify_inclusion(index, 9, leaves(9)[index], proof, tree.root())
        assert not merkle.verify_inclusion(index, 9, leaves(9)[index], proof[:-1], tree.root())
        assert not merkle.verify_inclusion(index, 9, leaves(9)[index], proof + [proof[0]], tree.root())
        assert not merkle.verify_inclusion(index, 9, leaves(9)[index], proof, tree.root(8))  # another size's root


def test_an_append_writes_the_leaf_and_only_the_subtrees_it_completes():
    tree = Tree()
    for size in range(1, 130):
        before = len(tree.nodes)
        tree.append(leaves(size)[-1])
        trailing_ones = ((size - 1) ^ size).bit_length() - 1  # subtrees leaf size-1 closes
        assert len(tree.nodes) - before == 1 + trailing_ones


def test_a_root_reads_one_node_per_set_bit_of_the_size():
    tree = Tree(leaves(1000))
    reads: list[tuple[int, int]] = []

    def counting(level: int, index: int) -> bytes:
        reads.append((level, index))
        return tree.read(level, index)

    history.root(counting, 1000)
    assert len(reads) == bin(1000).count("1")
