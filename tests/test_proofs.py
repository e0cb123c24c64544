"""Transaction inclusion proofs (ledger/proofs.py builds them, ledger/lightclient.py checks them):
a holder checks, from the genesis alone, that a signed header commits to its transaction and its result."""

from __future__ import annotations

import asyncio
import json

import pytest

from cets.v1 import messages as pb
from cets.ledger import crypto, identity, lightclient
from cets.ledger.lightclient import LightClientError, NodeKeyHistory
from cets.ledger.proofs import proven_tx, tx_proof
from cets.node import devnet
from tests.test_state_machine import GENESIS_BYTES, MEE, ledger, ministry  # noqa: F401 - fixtures

VINTAGE = 2025


def history(genesis_bytes: bytes = GENESIS_BYTES) -> NodeKeyHistory:
    return NodeKeyHistory.from_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes))


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


def check(block: pb.Block, index: int, proof: pb.TxInclusionProof | None = None, tx: bytes | None = None, at: int | None = None):
    proven = proven_tx(block, index)
    if proof is not None:
        proven.proof.CopyFrom(proof)
    if tx is not None:
        proven.tx = tx
    if at is not None:
        proven.index = at
    return history().verify_transaction(proven)


def refused(reason: str, call, *args, **kwargs) -> LightClientError:
    with pytest.raises(LightClientError) as error:
        call(*args, **kwargs)
    assert error.value.reason == reason, error.value
    return error.value


def test_every_transaction_of_a_block_is_proven_with_its_own_result(block):
    for index in range(len(block.txs)):
        proven = check(block, index)
        assert proven.result == block.results[index] and proven.signers == {identity.REGISTRY_ID}
        assert proven.header.tx_count == 5 and proven.index == index and proven.tx_id == tx_id_of(block.txs[index])
        assert proven.body.issue_allowances.amount == (100, 2_000, 200, 5_000, 300)[index]


def test_a_proof_fails_for_another_transaction_another_index_or_a_forged_result(block):
    refused(lightclient.TX_NOT_COMMITTED, check, block, 0, tx=block.txs[1])  # another transaction at index 0
    refused(lightclient.TX_NOT_COMMITTED, check, block, 0, at=1)  # the right tx claimed at another index
    forged = tx_proof(block, 1)
    result = pb.TxResult.FromString(forged.result)
    result.code = pb.CODE_OK  # a rejected issuance claimed as applied
    forged.result = result.SerializeToString(deterministic=True)
    refused(lightclient.RESULT_NOT_COMMITTED, check, block, 1, proof=forged)
    swapped = tx_proof(block, 1)
    other = tx_proof(block, 3)  # a result and path of another transaction of the same block
    swapped.result, swapped.result_path[:] = other.result, other.result_path
    refused(lightclient.RESULT_NOT_COMMITTED, check, block, 1, proof=swapped)
    cut = tx_proof(block, 2)
    del cut.tx_path[-1]
    refused(lightclient.TX_NOT_COMMITTED, check, block, 2, proof=cut)


def test_a_proof_needs_a_quorum_of_valid_signatures_on_a_header_of_this_chain(block):
    unsigned = tx_proof(block, 0)
    del unsigned.signatures[:]
    assert "signed by 0 institution(s)" in str(refused(lightclient.HEADER_NOT_TRUSTED, check, block, 0, proof=unsigned))
    bent = tx_proof(block, 0)
    header = pb.BlockHeader.FromString(bent.header)
    header.time_ms += 1  # any change to the header voids its signatures
    bent.header = header.SerializeToString()
    assert "does not verify" in str(refused(lightclient.HEADER_NOT_TRUSTED, check, block, 0, proof=bent))
    cluster_genesis = devnet.dev_genesis(devnet.DEV_CLUSTER_CHAIN_ID).SerializeToString()  # the same dev keys, another chain
    refused(lightclient.WRONG_CHAIN, history(cluster_genesis).verify_transaction, proven_tx(block, 0))
    garbled = tx_proof(block, 0)
    garbled.header = b"\xff\xff"
    refused(lightclient.PROOF_MALFORMED, check, block, 0, proof=garbled)


def test_a_proof_is_of_the_transaction_asked_for(block):
    asked = tx_id_of(block.txs[1])
    error = refused(lightclient.WRONG_TRANSACTION, history().verify_transaction, proven_tx(block, 0), asked)  # a valid proof, of another one
    assert asked.hex() in str(error)
    assert history().verify_transaction(proven_tx(block, 1), asked).tx_id == asked


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
    assert (proof["height"], proof["quorum"], proof["genesis_pinned"]) == (receipt.height, 1, False) and "not pinned" in proof["note"]
    genesis_hash = crypto.genesis_hash((await node.client.genesis()).genesis).hex()
    pinned = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", receipt.tx_id.hex(), "--proof", "--expect-genesis", genesis_hash)
    assert pinned.returncode == 0 and json.loads(pinned.stdout)["proof"]["verified"] and json.loads(pinned.stdout)["proof"]["genesis_pinned"]
    other = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", receipt.tx_id.hex(), "--proof", "--expect-genesis", "00" * 32)
    assert other.returncode == 1 and "the node's genesis is" in json.loads(other.stdout)["proof"]["problem"]

    (rejected,) = await node.client.submit_batch([ministry.issue(VINTAGE, 10_000)])  # over the cap: rejected in its block
    shown = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", rejected.tx_id.hex(), "--proof")
    assert shown.returncode == 0 and json.loads(shown.stdout)["proof"]["result"] == "CAP_EXCEEDED"  # a rejection is provable too
    unknown = await asyncio.get_running_loop().run_in_executor(None, cets, "tx", "ab" * 32, "--proof")
    assert unknown.returncode == 1 and "proof" not in json.loads(unknown.stdout) and "unknown to this node" in unknown.stderr
