"""Checkpoints (ledger/checkpoint.py) on a 2-of-3 chain built in memory by the ledger.

The chain is test_lightclient's: the dev cluster genesis, blocks built by `build_block` and
signed by whichever institutions a test names. Every header carries the history root over the
header hashes before it; a checkpoint is that header, its signatures and its note. Each refusal
is checked with its stable reason.
"""

from __future__ import annotations

import base64

import pytest

from cets.v1 import history_pb2
from cets.v1 import messages as pb
from cets.ledger import checkpoint as cp
from cets.ledger import crypto, history, lightclient, merkle
from cets.ledger.checkpoint import checkpoint_of, check_block_inclusion, check_consistency, verify_checkpoint, verify_tx_in_checkpoint
from cets.ledger.lightclient import LightClientError, NodeKeyHistory
from cets.ledger.proofs import proven_tx
from cets.ledger.state import State
from tests.test_lightclient import EXCH, GENESIS, GENESIS_BYTES, MEE, PINNED, REG, Chain, refused, sign


def keys() -> NodeKeyHistory:
    return NodeKeyHistory.from_genesis(GENESIS_BYTES, PINNED)


def blocks(chain: Chain, count: int) -> list[pb.Block]:
    return [chain.issue(10 + number) for number in range(count)]


def read_node(chain: Chain):
    def read(level: int, index: int) -> bytes:
        with chain.store.reader() as reader:
            return State(reader).history_node(level, index)
    return read


def verified(chain: Chain, size: int) -> cp.VerifiedCheckpoint:
    return verify_checkpoint(keys(), checkpoint_of(pb.Block.FromString(chain.store.block(size))))


@pytest.fixture
def chain() -> Chain:
    chain = Chain()
    blocks(chain, 9)
    return chain


def test_every_header_carries_the_root_over_the_header_hashes_before_it(chain):
    for height in range(1, 10):
        header = pb.BlockHeader.FromString(pb.Block.FromString(chain.store.block(height)).header)
        leaves = [PINNED] + [crypto.header_hash(pb.Block.FromString(chain.store.block(h)).header) for h in range(1, height)]
        assert header.history_size == height
        assert header.history_root == merkle.root(leaves)  # RFC 6962 over the 32-byte hashes as leaf data


def test_a_checkpoint_states_origin_size_and_root_as_a_c2sp_note(chain):
    checkpoint = verified(chain, 5)
    header = pb.BlockHeader.FromString(pb.Block.FromString(chain.store.block(5)).header)
    assert checkpoint.note == f"cets/{GENESIS.chain_id}\n5\n{base64.b64encode(header.history_root).decode()}\n".encode()
    assert (checkpoint.origin, checkpoint.size, checkpoint.history_root) == (f"cets/{GENESIS.chain_id}", 5, header.history_root)
    assert checkpoint.signers == {MEE, REG}


def altered(chain: Chain, size: int, **changes) -> history_pb2.Checkpoint:
    checkpoint = checkpoint_of(pb.Block.FromString(chain.store.block(size)))
    for name, value in changes.items():
        if name == "signatures":
            del checkpoint.signatures[:]
            checkpoint.signatures.extend(value)
        else:
            setattr(checkpoint, name, value)
    return checkpoint


def test_a_checkpoint_with_too_few_or_duplicate_signatures_is_refused(chain):
    block = pb.Block.FromString(chain.store.block(4))
    one = list(block.signatures[:1])
    refused(lightclient.HEADER_NOT_TRUSTED, verify_checkpoint, keys(), altered(chain, 4, signatures=one))
    refused(lightclient.HEADER_NOT_TRUSTED, verify_checkpoint, keys(), altered(chain, 4, signatures=one + one))
    refused(lightclient.HEADER_NOT_TRUSTED, verify_checkpoint, keys(), altered(chain, 4, signatures=[]))


def test_a_checkpoint_signed_by_keys_not_valid_at_its_size_is_refused(chain):
    chain.rotate(REG, "reg-2")
    block = chain.issue(1, signed_by=(MEE, REG))  # REG signs with its new key
    size = pb.BlockHeader.FromString(block.header).height
    refused(lightclient.HEADER_NOT_TRUSTED, verify_checkpoint, keys(), checkpoint_of(block))  # the rotation not followed
    follow = keys()
    rotation = pb.Block.FromString(chain.store.block(size - 1))
    follow.follow(proven_tx(rotation, 0), "key change 0")
    assert verify_checkpoint(follow, checkpoint_of(block)).size == size


def test_a_note_of_another_origin_size_or_root_is_refused(chain):
    good = checkpoint_of(pb.Block.FromString(chain.store.block(6))).note
    origin, size, root = good.decode().splitlines()
    cases = {
        cp.CHECKPOINT_WRONG_ORIGIN: f"cets/another-chain\n{size}\n{root}\n",
        cp.CHECKPOINT_NOTE_MISMATCH: f"{origin}\n5\n{root}\n",
        lightclient.PROOF_MALFORMED: f"{origin}\n{size}\n{root}",
    }
    other_root = base64.b64encode(bytes(32)).decode()
    cases["root " + cp.CHECKPOINT_NOTE_MISMATCH] = f"{origin}\n{size}\n{other_root}\n"
    for reason, note in cases.items():
        refused(reason.split()[-1], verify_checkpoint, keys(), altered(chain, 6, note=note.encode()))
    for malformed in (f"{origin}\n06\n{root}\n", f"{origin}\n{size}\n{root}\nextension\n", f"{origin}\n+6\n{root}\n", ""):
        refused(lightclient.PROOF_MALFORMED, verify_checkpoint, keys(), altered(chain, 6, note=malformed.encode()))


def test_a_later_checkpoint_proven_consistent_is_accepted_at_every_pair_of_sizes(chain):
    read = read_node(chain)
    for old in range(1, 10):
        for new in range(old, 10):
            check_consistency(verified(chain, old), verified(chain, new), history.consistency_proof(read, old, new))


def test_a_smaller_checkpoint_is_a_rollback(chain):
    refused(cp.CHECKPOINT_ROLLBACK, check_consistency, verified(chain, 8), verified(chain, 5), [])


def fork_of(chain: Chain, at: int) -> Chain:
    """A second chain from the same genesis, equal up to block `at` - 1, signed by the same quorum."""
    fork = Chain()
    for height in range(1, at):
        block = pb.Block.FromString(chain.store.block(height))
        fork.commit(*(pb.SignedTx.FromString(raw) for raw in block.txs), time_ms=pb.BlockHeader.FromString(block.header).time_ms)
        assert fork.tip.hash == crypto.header_hash(block.header)
    fork.issue(999)
    blocks(fork, 3)
    return fork


def test_another_root_at_the_same_size_is_a_fork(chain):
    fork = fork_of(chain, 4)
    refused(cp.CHECKPOINT_FORK, check_consistency, verified(chain, 6), verified(fork, 6), [])


def test_a_larger_checkpoint_of_a_fork_fails_its_consistency_proof(chain):
    fork = fork_of(chain, 4)  # blocks 1..3 shared, so histories agree up to size 4
    check_consistency(verified(chain, 4), verified(fork, 7), history.consistency_proof(read_node(fork), 4, 7))
    for proof in (history.consistency_proof(read_node(fork), 5, 7), history.consistency_proof(read_node(chain), 5, 7)):
        refused(cp.CONSISTENCY_UNPROVEN, check_consistency, verified(chain, 5), verified(fork, 7), proof)


def test_forged_consistency_proofs_are_refused(chain):
    old, new = verified(chain, 3), verified(chain, 9)
    proof = history.consistency_proof(read_node(chain), 3, 9)
    flipped = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
    for forged in (proof[:-1], proof + [proof[-1]], flipped, [], [bytes(32)] * len(proof)):
        refused(cp.CONSISTENCY_UNPROVEN, check_consistency, old, new, forged)
    refused(cp.CONSISTENCY_UNPROVEN, check_consistency, old, verified(chain, 9), [b"short"])
    refused(cp.CONSISTENCY_UNPROVEN, check_consistency, verified(chain, 9), verified(chain, 9), proof)  # equal sizes: none


def test_a_block_is_proven_in_a_checkpoint_and_only_at_its_own_height(chain):
    checkpoint, read = verified(chain, 9), read_node(chain)
    leaves = hashes_of_store(chain, 9)
    for height in range(9):
        check_block_inclusion(checkpoint, height, leaves[height], history.inclusion_proof(read, height, 9))
    proof = history.inclusion_proof(read, 3, 9)
    refused(cp.BLOCK_NOT_IN_HISTORY, check_block_inclusion, checkpoint, 4, leaves[3], proof)
    refused(cp.BLOCK_NOT_IN_HISTORY, check_block_inclusion, checkpoint, 3, leaves[4], proof)
    refused(cp.BLOCK_NOT_IN_HISTORY, check_block_inclusion, checkpoint, 3, leaves[3], proof[:-1])
    refused(cp.BLOCK_NOT_IN_HISTORY, check_block_inclusion, checkpoint, 3, leaves[3], proof + [proof[0]])
    refused(cp.BLOCK_NOT_IN_HISTORY, check_block_inclusion, checkpoint, 9, leaves[3], proof)  # block 9 carries size 9: not a leaf of it


def hashes_of_store(chain: Chain, size: int) -> list[bytes]:
    return [PINNED] + [crypto.header_hash(pb.Block.FromString(chain.store.block(h)).header) for h in range(1, size)]


def test_a_transaction_is_proven_in_a_checkpoint_by_its_block_proof_and_its_block_inclusion(chain):
    checkpoint, read = verified(chain, 9), read_node(chain)
    block = pb.Block.FromString(chain.store.block(4))
    unsigned = pb.Block()
    unsigned.CopyFrom(block)
    del unsigned.signatures[:]  # the checkpoint's quorum covers the block: its own signatures are not needed
    proven = proven_tx(unsigned, 1)
    tx = verify_tx_in_checkpoint(checkpoint, proven, history.inclusion_proof(read, 4, 9))
    assert (tx.tx_id, tx.header.height, tx.result.code) == (block.results[1].tx_id, 4, pb.CODE_OK)
    refused(cp.BLOCK_NOT_IN_HISTORY, verify_tx_in_checkpoint, checkpoint, proven, history.inclusion_proof(read, 5, 9))
    other = proven_tx(pb.Block.FromString(chain.store.block(5)), 1)
    refused(cp.BLOCK_NOT_IN_HISTORY, verify_tx_in_checkpoint, checkpoint, other, history.inclusion_proof(read, 4, 9))
    altered_result = proven_tx(unsigned, 1)
    altered_result.proof.result = altered_result.proof.result + b"\x10\x01"
    refused(lightclient.RESULT_NOT_COMMITTED, verify_tx_in_checkpoint, checkpoint, altered_result, history.inclusion_proof(read, 4, 9))


def bundle(chain: Chain, size: int, genesis: bytes = GENESIS_BYTES, version: int = 1, changes=()) -> bytes:
    return history_pb2.CheckpointBundle(version=version, genesis=genesis, key_changes=list(changes),
                                        checkpoint=checkpoint_of(pb.Block.FromString(chain.store.block(size)))).SerializeToString(deterministic=True)


def test_a_saved_checkpoint_is_verified_from_the_pinned_genesis_alone(chain):
    assert cp.verify_checkpoint_bundle(bundle(chain, 7), PINNED).size == 7
    refused(lightclient.GENESIS_MISMATCH, cp.verify_checkpoint_bundle, bundle(chain, 7), bytes(32))
    refused(lightclient.UNSUPPORTED_VERSION, cp.verify_checkpoint_bundle, bundle(chain, 7, version=2), PINNED)
    refused(lightclient.PROOF_MALFORMED, cp.verify_checkpoint_bundle, bundle(chain, 7) + b"\xf8\x07\x01", PINNED)
    refused(lightclient.PROOF_MALFORMED, cp.verify_checkpoint_bundle, b"\xff", PINNED)
    empty = history_pb2.CheckpointBundle(version=1, genesis=GENESIS_BYTES).SerializeToString()
    refused(lightclient.PROOF_MALFORMED, cp.verify_checkpoint_bundle, empty, PINNED)


def test_a_version_1_header_is_refused_by_the_light_client(chain):
    block = pb.Block.FromString(chain.store.block(3))
    header = pb.BlockHeader.FromString(block.header)
    header.version = 1
    header.ClearField("history_size")
    header.ClearField("history_root")
    forged = pb.Block(header=header.SerializeToString(deterministic=True), txs=block.txs, results=block.results)
    sign(forged, chain.node_keys[MEE], chain.node_keys[EXCH])
    refused(lightclient.PROOF_MALFORMED, verify_checkpoint, keys(), checkpoint_of(forged))


def resigned(chain: Chain, height: int, **fields) -> bytes:
    """Block `height` with header fields changed, signed again by the quorum: only a colluding
    quorum could make it, and the auditor must still refuse it."""
    block = pb.Block.FromString(chain.store.block(height))
    header = pb.BlockHeader.FromString(block.header)
    for name, value in fields.items():
        if value is None:
            header.ClearField(name)
        else:
            setattr(header, name, value)
    forged = pb.Block(header=header.SerializeToString(deterministic=True), txs=block.txs, results=block.results)
    return sign(forged, chain.node_keys[MEE], chain.node_keys[REG]).SerializeToString()


@pytest.mark.parametrize(("fields", "named"), [
    ({"version": 1, "history_size": None, "history_root": None}, "version: got 1, want 2"),
    ({"version": 3}, "version: got 3, want 2"),
    ({"history_root": bytes(32)}, "history_root: header has"),
    ({"history_size": 2}, "history_size: header has"),
])
def test_the_auditor_refuses_a_quorum_signed_header_of_another_version_or_history(fields, named):
    from cets.ledger.errors import ChainError
    from cets.ledger.verify import Replayer

    chain = Chain()
    blocks(chain, 1)
    with pytest.raises(ChainError) as refused:
        Replayer(GENESIS_BYTES).apply(resigned(chain, 1, **fields))
    assert refused.value.height == 1 and named in str(refused.value)
    assert Replayer(GENESIS_BYTES).apply(chain.store.block(1)).tip.height == 1  # the block as built verifies
