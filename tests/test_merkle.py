"""Tests of ledger.merkle against RFC 6962's own definition and the Certificate Transparency vectors.

The fast implementation builds the tree bottom-up; the reference below is RFC 6962 section 2.1
transcribed literally (recursive, splitting at the largest power of two below n) and hashing with
its own calls to hashlib, so that a shared mistake in the prefixes or the split would not cancel
out. The published vectors then pin both to what every other CT implementation computes.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cets.ledger import merkle
from cets.ledger.merkle import (
    EMPTY_ROOT,
    MerkleError,
    check_inclusion,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    root_from_leaf_hashes,
    verify_inclusion,
)

# --- The reference: RFC 6962 section 2.1, literally -------------------------------------------


def largest_power_of_two_below(size: int) -> int:
    """The k of RFC 6962: the largest power of two strictly less than size (size > 1)."""
    power = 1
    while power * 2 < size:
        power *= 2
    return power


def reference_root(leaves: list[bytes]) -> bytes:
    """MTH(D[n]) over raw leaf data."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    split = largest_power_of_two_below(len(leaves))
    left, right = reference_root(leaves[:split]), reference_root(leaves[split:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def reference_path(index: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) over raw leaf data."""
    if len(leaves) == 1:
        return []
    split = largest_power_of_two_below(len(leaves))
    if index < split:
        return reference_path(index, leaves[:split]) + [reference_root(leaves[split:])]
    return reference_path(index - split, leaves[split:]) + [reference_root(leaves[:split])]


def reference_sibling_sides(index: int, size: int) -> list[str]:
    """Which side each sibling of PATH(m, D[n]) sits on, bottom up: the shape of the path."""
    if size == 1:
        return []
    split = largest_power_of_two_below(size)
    if index < split:
        return reference_sibling_sides(index, split) + ["right"]
    return reference_sibling_sides(index - split, size - split) + ["left"]


# --- Published vectors (transparency-dev/merkle testonly, CT merkle_tree_test) ----------------

CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]

CT_ROOTS = [  # the root of the first n leaves, for n = 0..8
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]

CT_INCLUSION_PROOFS = [  # (index, size, audit path), indices from 0
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]


def numbered_leaves(size: int) -> list[bytes]:
    return [b"leaf %d" % number for number in range(size)]


def flip_first_bit(value: bytes) -> bytes:
    return bytes([value[0] ^ 0x01]) + value[1:]


# --- Known vectors ----------------------------------------------------------------------------


def test_empty_tree_root_is_sha256_of_the_empty_string():
    assert EMPTY_ROOT.hex() == CT_ROOTS[0]
    assert root([]) == EMPTY_ROOT
    assert root_from_leaf_hashes([]) == EMPTY_ROOT


def test_leaf_hash_is_sha256_of_zero_byte_then_data():
    assert leaf_hash(b"abc") == hashlib.sha256(b"\x00abc").digest()
    assert leaf_hash(b"").hex() == CT_ROOTS[1]


def test_node_hash_is_sha256_of_one_byte_then_left_then_right():
    left, right = b"L" * 32, b"R" * 32
    assert node_hash(left, right) == hashlib.sha256(b"\x01" + left + right).digest()
    assert node_hash(left, right) != node_hash(right, left)


def test_reference_implementation_reproduces_the_published_ct_roots():
    # The published values are checked against the literal RFC definition before anything
    # is checked against them.
    for size, expected in enumerate(CT_ROOTS):
        assert reference_root(CT_LEAVES[:size]).hex() == expected


def test_root_of_the_eight_ct_leaves_is_the_published_value():
    assert root(CT_LEAVES).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"


def test_root_of_every_prefix_of_the_ct_leaves_is_the_published_value():
    for size, expected in enumerate(CT_ROOTS):
        assert root(CT_LEAVES[:size]).hex() == expected


@pytest.mark.parametrize(("index", "size", "expected"), CT_INCLUSION_PROOFS)
def test_inclusion_proof_is_the_published_ct_audit_path(index, size, expected):
    assert [sibling.hex() for sibling in reference_path(index, CT_LEAVES[:size])] == expected
    hashes = [leaf_hash(leaf) for leaf in CT_LEAVES[:size]]
    proof = inclusion_proof(hashes, index)
    assert [sibling.hex() for sibling in proof] == expected
    assert verify_inclusion(index, size, hashes[index], proof, bytes.fromhex(CT_ROOTS[size]))


# --- Agreement with the reference -------------------------------------------------------------


def test_root_agrees_with_the_reference_for_every_size_up_to_130():
    leaves = numbered_leaves(130)
    for size in range(131):
        assert root(leaves[:size]) == reference_root(leaves[:size]), size


def test_inclusion_proof_agrees_with_the_reference_for_every_leaf_of_every_size_up_to_40():
    leaves = numbered_leaves(40)
    for size in range(1, 41):
        hashes = [leaf_hash(leaf) for leaf in leaves[:size]]
        for index in range(size):
            assert inclusion_proof(hashes, index) == reference_path(index, leaves[:size])


def test_root_of_ten_thousand_leaves_agrees_with_the_reference():
    leaves = numbered_leaves(10_000)
    assert root(leaves) == reference_root(leaves)


def test_root_hashes_each_interior_node_exactly_once(monkeypatch):
    # A tree of n leaves has n - 1 interior nodes; more hashing than that is wasted work.
    calls = []

    def counting_node_hash(left: bytes, right: bytes) -> bytes:
        calls.append(None)
        return hashlib.sha256(b"\x01" + left + right).digest()

    monkeypatch.setattr(merkle, "node_hash", counting_node_hash)
    hashes = [leaf_hash(leaf) for leaf in numbered_leaves(1_000)]
    root_from_leaf_hashes(hashes)
    assert len(calls) == 999


# --- Edge cases -------------------------------------------------------------------------------


def test_size_zero_tree_has_no_leaf_to_prove():
    with pytest.raises(MerkleError):
        inclusion_proof([], 0)
    assert verify_inclusion(0, 0, leaf_hash(b"x"), [], EMPTY_ROOT) is False


def test_size_one_tree_root_is_the_leaf_hash_and_its_proof_is_empty():
    only = leaf_hash(b"only")
    assert root_from_leaf_hashes([only]) == only
    assert inclusion_proof([only], 0) == []
    assert verify_inclusion(0, 1, only, [], only)


def test_size_two_tree_proof_of_each_leaf_is_the_other_leaf():
    first, second = leaf_hash(b"first"), leaf_hash(b"second")
    tree_root = node_hash(first, second)
    assert root_from_leaf_hashes([first, second]) == tree_root
    assert inclusion_proof([first, second], 0) == [second]
    assert inclusion_proof([first, second], 1) == [first]
    assert verify_inclusion(0, 2, first, [second], tree_root)
    assert verify_inclusion(1, 2, second, [first], tree_root)
    assert not verify_inclusion(0, 2, second, [first], tree_root)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9, 31, 33, 100])
def test_proof_of_the_last_leaf_verifies(size):
    leaves = numbered_leaves(size)
    hashes = [leaf_hash(leaf) for leaf in leaves]
    proof = inclusion_proof(hashes, size - 1)
    assert proof == reference_path(size - 1, leaves)
    assert verify_inclusion(size - 1, size, hashes[-1], proof, root(leaves))


@pytest.mark.parametrize("size", [size for power in range(7) for size in (2**power, 2**power + 1)])
def test_every_proof_verifies_at_powers_of_two_and_one_past(size):
    leaves = numbered_leaves(size)
    hashes = [leaf_hash(leaf) for leaf in leaves]
    tree_root = root(leaves)
    assert tree_root == reference_root(leaves)
    for index in range(size):
        proof = inclusion_proof(hashes, index)
        assert proof == reference_path(index, leaves)
        assert verify_inclusion(index, size, hashes[index], proof, tree_root)


def test_proof_of_the_leaf_one_past_a_power_of_two_is_the_root_of_the_complete_subtree():
    # Leaf 8 of 9 has no sibling until the top, where it meets the complete left tree of 8.
    leaves = numbered_leaves(9)
    hashes = [leaf_hash(leaf) for leaf in leaves]
    assert inclusion_proof(hashes, 8) == [root(leaves[:8])]


@pytest.mark.parametrize("index", [-1, 3, 4, 100])
def test_inclusion_proof_refuses_an_index_outside_the_tree(index):
    with pytest.raises(MerkleError, match="outside"):
        inclusion_proof([leaf_hash(leaf) for leaf in numbered_leaves(3)], index)


def test_size_is_authenticated_only_together_with_the_root():
    # RFC 9162 verification binds the size through the path's shape only: leaf 0 has the same
    # shape (two right siblings) in trees of 3 and 4, so the size and root a caller passes must
    # come from the same signed header.
    leaves = numbered_leaves(3)
    hashes = [leaf_hash(leaf) for leaf in leaves]
    proof = inclusion_proof(hashes, 0)
    assert verify_inclusion(0, 4, hashes[0], proof, root(leaves))
    assert not verify_inclusion(0, 4, hashes[0], proof, root(numbered_leaves(4)))


# --- verify_inclusion never raises; check_inclusion says why -----------------------------------


def test_verify_inclusion_returns_false_for_an_index_at_or_past_the_size():
    hashes = [leaf_hash(leaf) for leaf in numbered_leaves(4)]
    tree_root = root_from_leaf_hashes(hashes)
    proof = inclusion_proof(hashes, 3)
    assert verify_inclusion(4, 4, hashes[3], proof, tree_root) is False
    assert verify_inclusion(5, 4, hashes[3], proof, tree_root) is False


def test_verify_inclusion_returns_false_for_a_negative_index():
    hashes = [leaf_hash(leaf) for leaf in numbered_leaves(4)]
    tree_root = root_from_leaf_hashes(hashes)
    assert verify_inclusion(-1, 4, hashes[0], inclusion_proof(hashes, 0), tree_root) is False
    assert verify_inclusion(-4, 4, hashes[0], inclusion_proof(hashes, 0), tree_root) is False


def test_verify_inclusion_returns_false_for_size_zero():
    assert verify_inclusion(0, 0, EMPTY_ROOT, [], EMPTY_ROOT) is False
    assert verify_inclusion(0, -1, EMPTY_ROOT, [], EMPTY_ROOT) is False


def test_verify_inclusion_returns_false_for_hashes_of_the_wrong_length():
    only = leaf_hash(b"only")
    assert verify_inclusion(0, 1, only[:31], [], only) is False
    assert verify_inclusion(0, 1, only, [], only + b"\x00") is False
    assert verify_inclusion(0, 2, only, [b"short"], only) is False


def test_verify_inclusion_returns_false_for_inputs_of_the_wrong_type():
    only = leaf_hash(b"only")
    assert verify_inclusion(True, 1, only, [], only) is False
    assert verify_inclusion(0, 1.0, only, [], only) is False
    assert verify_inclusion(0, 1, only.hex(), [], only) is False
    assert verify_inclusion(0, 1, only, None, only) is False
    assert verify_inclusion(0, 2, only, only, only) is False
    assert verify_inclusion(0, 2, only, [None], only) is False


garbage = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.lists(st.one_of(st.none(), st.integers(), st.binary(max_size=40)), max_size=5),
)


@settings(max_examples=200, deadline=None)
@given(index=garbage, size=garbage, leaf=garbage, proof=garbage, tree_root=garbage)
def test_verify_inclusion_never_raises_on_arbitrary_input(index, size, leaf, proof, tree_root):
    assert verify_inclusion(index, size, leaf, proof, tree_root) in (True, False)


def test_check_inclusion_returns_none_when_the_proof_verifies():
    hashes = [leaf_hash(leaf) for leaf in numbered_leaves(5)]
    proof = inclusion_proof(hashes, 2)
    assert check_inclusion(2, 5, hashes[2], proof, root_from_leaf_hashes(hashes)) is None


def test_check_inclusion_raises_a_value_error_saying_why():
    hashes = [leaf_hash(leaf) for leaf in numbered_leaves(5)]
    tree_root = root_from_leaf_hashes(hashes)
    proof = inclusion_proof(hashes, 2)
    assert issubclass(MerkleError, ValueError)
    with pytest.raises(MerkleError, match="outside"):
        check_inclusion(5, 5, hashes[2], proof, tree_root)
    with pytest.raises(MerkleError, match="malformed"):
        check_inclusion(2, 5, hashes[2][:8], proof, tree_root)
    with pytest.raises(MerkleError, match="wrong length"):
        check_inclusion(2, 5, hashes[2], proof[:-1], tree_root)
    with pytest.raises(MerkleError, match="wrong length"):
        check_inclusion(2, 5, hashes[2], proof + [tree_root], tree_root)
    with pytest.raises(MerkleError, match="different root"):
        check_inclusion(2, 5, hashes[3], proof, tree_root)


# --- Properties over random trees -------------------------------------------------------------

# Leaves are distinct: with two equal leaves a proof for one legitimately proves the other.
distinct_leaves = st.lists(st.binary(max_size=12), min_size=1, max_size=70, unique=True)
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)


def tree_and_leaf(leaves: list[bytes], index: int) -> tuple[list[bytes], bytes, list[bytes]]:
    """The leaf hashes, the root, and the proof of leaf `index`."""
    hashes = [leaf_hash(leaf) for leaf in leaves]
    return hashes, root_from_leaf_hashes(hashes), inclusion_proof(hashes, index)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves)
def test_every_leaf_proof_verifies_and_matches_the_reference(leaves):
    hashes = [leaf_hash(leaf) for leaf in leaves]
    tree_root = root_from_leaf_hashes(hashes)
    assert tree_root == reference_root(leaves)
    for index in range(len(leaves)):
        proof = inclusion_proof(hashes, index)
        assert proof == reference_path(index, leaves)
        assert verify_inclusion(index, len(leaves), hashes[index], proof, tree_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves.filter(lambda leaves: len(leaves) > 1), data=st.data())
def test_a_proof_fails_for_a_wrong_index(leaves, data):
    size = len(leaves)
    index = data.draw(st.integers(0, size - 1))
    wrong = data.draw(st.integers(0, size - 1).filter(lambda other: other != index))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    assert not verify_inclusion(wrong, size, hashes[index], proof, tree_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves.filter(lambda leaves: len(leaves) > 1), data=st.data())
def test_a_proof_fails_for_a_wrong_size_with_that_size_root(leaves, data):
    # The honest use: size and root both come from one tree head of a different size.
    index = data.draw(st.integers(0, len(leaves) - 2))
    size = data.draw(st.integers(index + 1, len(leaves)))
    wrong = data.draw(st.integers(index + 1, len(leaves)).filter(lambda other: other != size))
    hashes, _, proof = tree_and_leaf(leaves[:size], index)
    wrong_root = root(leaves[:wrong])
    assert not verify_inclusion(index, wrong, hashes[index], proof, wrong_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves, data=st.data())
def test_a_proof_fails_for_a_wrong_size_unless_the_path_has_the_same_shape(leaves, data):
    size = len(leaves)
    index = data.draw(st.integers(0, size - 1))
    wrong = data.draw(st.integers(1, 2 * size + 2).filter(lambda other: other != size))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    same_shape = index < wrong and reference_sibling_sides(
        index, wrong
    ) == reference_sibling_sides(index, size)
    assert verify_inclusion(index, wrong, hashes[index], proof, tree_root) == same_shape


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves, data=st.data())
def test_a_proof_fails_for_a_leaf_with_a_flipped_bit(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    leaf = leaves[index] or b"\x00"  # an empty leaf has no bit to flip; any other leaf will do
    bit = data.draw(st.integers(0, len(leaf) * 8 - 1))
    flipped = bytearray(leaf)
    flipped[bit // 8] ^= 1 << (bit % 8)
    assert leaf_hash(bytes(flipped)) != hashes[index]
    assert not verify_inclusion(index, len(leaves), leaf_hash(bytes(flipped)), proof, tree_root)
    assert not verify_inclusion(
        index, len(leaves), flip_first_bit(hashes[index]), proof, tree_root
    )


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves.filter(lambda leaves: len(leaves) > 1), data=st.data())
def test_a_proof_fails_when_truncated(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    kept = data.draw(st.integers(0, len(proof) - 1))
    assert not verify_inclusion(index, len(leaves), hashes[index], proof[:kept], tree_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves, data=st.data())
def test_a_proof_fails_when_extended(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    extra = data.draw(st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=3))
    assert not verify_inclusion(index, len(leaves), hashes[index], proof + extra, tree_root)
    assert not verify_inclusion(index, len(leaves), hashes[index], extra + proof, tree_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves.filter(lambda leaves: len(leaves) > 1), data=st.data())
def test_a_proof_fails_when_a_sibling_has_a_flipped_bit(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    position = data.draw(st.integers(0, len(proof) - 1))
    tampered = proof[:position] + [flip_first_bit(proof[position])] + proof[position + 1 :]
    assert not verify_inclusion(index, len(leaves), hashes[index], tampered, tree_root)


@PROPERTY_SETTINGS
@given(leaves=distinct_leaves, data=st.data())
def test_a_proof_fails_against_a_wrong_root(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes, tree_root, proof = tree_and_leaf(leaves, index)
    wrong_root = data.draw(st.binary(min_size=32, max_size=32).filter(lambda other: other != tree_root))
    assert not verify_inclusion(index, len(leaves), hashes[index], proof, wrong_root)
