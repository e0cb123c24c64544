"""Transaction inclusion proofs (ledger/proofs.py): a holder checks, from the proof and the node
public keys alone, that a signed header commits to its transaction and its result."""

from __future__ import annotations

import asyncio
import json

import pytest

from cets.v1 import ledger_pb2 as pb
from cets.ledger import crypto, identity
from cets.ledger.proofs import NodeKey, ProofError, tx_proof, verify_tx_proof
from cets.node import devnet
from tests.test_state_machine import CHAIN_ID, GENESIS, MEE, Ledger, ledger, ministry  # noqa: F401 - fixtures

VINTAGE = 2025


def genesis_node_keys() -> dict[str, NodeKey]:
    return {crypto.key_id(spec.public_key): NodeKey(entry.participant.participant_id, spec.public_key)
            for entry in GENESIS.participants for spec in entry.keys if spec.purpose == pb.KEY_PURPOSE_NODE}


@pytest.fixture
def block(ledger, ministry) -> pb.Block:
    """A block of five transactions, two of them rejected, so results differ."""
    ledger.expect(ministry.set_cap(VINTAGE, 1_000), pb.CODE_OK)
    txs = [ministry.issue(VINTAGE, amount, client_id=f"i{n}") for n, amount in enumerate((100, 2_000, 200, 5_000, 300))]
    built = ledger.commit(tx.SerializeToString() for tx in txs)
    assert [r.code for r in built.results] == [pb.CODE_OK, pb.CODE_CAP_EXCEEDED, pb.CODE_OK, pb.CODE_CAP_EXCEEDED, pb.CODE_OK]
    return built.block


def tx_id_of(raw: bytes) -> bytes:
    return crypto.tx_id(pb.SignedTx.FromString(raw).body)


def check(block: pb.Block, index: int, proof: pb.TxInclusionProof | None = None, tx: bytes | None = None, quorum: int = 1,
          height: int | None = None):
    tx = block.txs[index] if tx is None else tx
    height = pb.BlockHeader.FromString(block.header).height if height is None else height
    return verify_tx_proof(tx_id_of(tx), tx, height, index, proof or tx_proof(block, index), genesis_node_keys(), quorum, CHAIN_ID)


def test_every_transaction_of_a_block_is_proven_with_its_own_result(block):
    for index in range(len(block.txs)):
        proven = check(block, index)
        assert proven.result == block.results[index] and proven.signers == {identity.REGISTRY_ID}
        assert proven.header.tx_count == 5


def test_a_proof_fails_for_another_transaction_another_index_or_a_forged_result(block):
    with pytest.raises(ProofError, match="tx: not committed"):
        check(block, 0, tx=block.txs[1])  # another transaction at index 0
    with pytest.raises(ProofError, match="tx: not committed"):
        check(block, 1, proof=tx_proof(block, 0), tx=block.txs[0])  # the right tx claimed at another index
    forged = tx_proof(block, 1)
    result = pb.TxResult.FromString(forged.result)
    result.code = pb.CODE_OK  # a rejected transfer claimed as applied
    forged.result = result.SerializeToString(deterministic=True)
    with pytest.raises(ProofError, match="result: not committed"):
        check(block, 1, proof=forged)
    swapped = tx_proof(block, 1)
    other = tx_proof(block, 3)  # a result and path of another transaction of the same block
    swapped.result, swapped.result_path[:] = other.result, other.result_path
    with pytest.raises(ProofError, match="result"):
        check(block, 1, proof=swapped)
    cut = tx_proof(block, 2)
    del cut.tx_path[-1]
    with pytest.raises(ProofError, match="tx: not committed"):
        check(block, 2, proof=cut)


def test_a_proof_needs_a_quorum_of_trusted_signatures_on_the_header_of_this_chain(block):
    with pytest.raises(ProofError, match="signed by 1 trusted institution"):
        check(block, 0, quorum=2)
    unsigned = tx_proof(block, 0)
    del unsigned.signatures[:]
    with pytest.raises(ProofError, match="signed by 0"):
        check(block, 0, proof=unsigned)
    bent = tx_proof(block, 0)
    header = pb.BlockHeader.FromString(bent.header)
    header.time_ms += 1  # any change to the header voids its signatures
    bent.header = header.SerializeToString()
    with pytest.raises(ProofError, match="signed by 0"):
        check(block, 0, proof=bent)
    height = pb.BlockHeader.FromString(block.header).height
    with pytest.raises(ProofError, match="chain"):
        verify_tx_proof(tx_id_of(block.txs[0]), block.txs[0], height, 0, tx_proof(block, 0), genesis_node_keys(), 1, "another-chain")
    with pytest.raises(ProofError, match="does not parse"):
        verify_tx_proof(b"\x00" * 32, b"\xff\xff", height, 0, tx_proof(block, 0), genesis_node_keys(), 1, CHAIN_ID)
    with pytest.raises(ProofError, match="height"):
        check(block, 0, height=height + 1)  # keys are chosen for a height: the header must be of that height
    with pytest.raises(ProofError, match="quorum"):
        check(block, 0, quorum=0)


def test_a_proof_is_of_the_transaction_asked_for(block):
    height = pb.BlockHeader.FromString(block.header).height
    asked = tx_id_of(block.txs[1])
    with pytest.raises(ProofError, match="another transaction"):  # a valid proof, of another transaction
        verify_tx_proof(asked, block.txs[0], height, 0, tx_proof(block, 0), genesis_node_keys(), 1, CHAIN_ID)


async def test_cets_tx_proof_checks_the_proof_a_node_serves(node, tmp_path):
    from cets.clients.builder import TxBuilder
    from tests.test_cli import run_cets

    ministry = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(MEE))
    await node.client.submit(ministry.set_cap(VINTAGE, 1_000))
    receipt = await node.client.submit(ministry.issue(VINTAGE, 10))
    view = await node.client.transaction(receipt.tx_id, with_proof=True)
    assert view.proof.header == (await node.client.block(receipt.height)).header
    assert not (await node.client.transaction(receipt.tx_id)).HasField("proof")  # only when asked

    def cets(*args):
        return run_cets(tmp_path, *args, "--target", node.target, "--json")

    shown = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", receipt.tx_id.hex(), "--proof")
    assert shown.returncode == 0, shown.stderr
    proof = json.loads(shown.stdout)["proof"]
    assert proof["verified"] and proof["signed_by"] == [identity.REGISTRY_ID] and proof["result"] == "OK"
    assert (proof["height"], proof["quorum"]) == (receipt.height, 1)
    genesis_hash = crypto.genesis_hash((await node.client.genesis()).genesis).hex()
    pinned = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", receipt.tx_id.hex(), "--proof", "--expect-genesis", genesis_hash)
    assert pinned.returncode == 0 and json.loads(pinned.stdout)["proof"]["verified"]
    other = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", receipt.tx_id.hex(), "--proof", "--expect-genesis", "00" * 32)
    assert other.returncode == 1 and "the node's genesis is" in json.loads(other.stdout)["proof"]["problem"]

    (refused,) = await node.client.submit_batch([ministry.issue(VINTAGE, 10_000)])  # over the cap: rejected in its block
    shown = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", refused.tx_id.hex(), "--proof")
    assert shown.returncode == 0 and json.loads(shown.stdout)["proof"]["result"] == "CAP_EXCEEDED"  # a rejection is provable too
    unknown = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", "ab" * 32, "--proof")
    assert unknown.returncode == 1 and "proof" not in json.loads(unknown.stdout) and "unknown to this node" in unknown.stderr
