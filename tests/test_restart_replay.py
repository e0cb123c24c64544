"""A node's data directory is its whole truth: a restart resumes from it, a replay reproduces it.

- a node restarted on the same data directory resumes at the same head, extends the chain from
  there, and still answers a resubmitted old transaction with its first receipt;
- replaying every stored block from the genesis (ledger.verify.Replayer) reproduces every state
  commitment, and exactly the stored state, key by key, and the transaction index;
- a stop racing with submissions answers each one from a durable block or refuses it, none is lost;
- a data directory founded from one genesis refuses a node started with another.
"""

from __future__ import annotations

import asyncio
import pathlib
import subprocess
import sys
import threading

import lmdb
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.clients.demo import run_demo
from cets.clients.sdk import CetsError
from cets.ledger import crypto, identity
from cets.ledger.chain import ZERO_HASH, state_root
from cets.ledger.genesis import build_genesis, genesis_writes
from cets.ledger.store import LmdbStore, decode_location
from cets.ledger.verify import Replayer
from cets.node import devnet
from cets.node import server as node_server
from cets.node.errors import NodeStopping
from cets.node.server import Node, NodeConfig
from tests.conftest import fund_province, list_emitter, register_emitter, start_node

REPO = pathlib.Path(__file__).resolve().parents[1]
VINTAGE = 2025


async def _set_cap_above_issued(client, ministry, extra: int) -> None:
    supply = await client.supply(VINTAGE)
    receipt = await client.submit(ministry.set_cap(VINTAGE, supply.issued + extra))
    assert receipt.code == pb.CODE_OK


# -- restart ---------------------------------------------------------------------------------------
async def test_restart_resumes_from_head(tmp_path, ministry, guangdong):
    data_dir = tmp_path / "node"
    first = await start_node(data_dir)
    try:
        client = first.client
        await fund_province(client, ministry, "44", VINTAGE, 1_000)
        emitter = await register_emitter(client, guangdong, "44")
        await list_emitter(client, guangdong, emitter.participant_id, VINTAGE)  # only listed emitters surrender (art. 5)
        allocate = guangdong.allocate([(emitter.participant_id, VINTAGE, 600)])
        allocated = await client.submit(allocate)
        assert allocated.code == pb.CODE_OK and allocated.final
        # a transaction rejected inside a block: its receipt is part of the chain as well
        overdraw = emitter.surrender(VINTAGE, [(cea(VINTAGE), 10_000)])
        (refused,) = await client.submit_batch([overdraw])
        assert refused.code == pb.CODE_INSUFFICIENT_BALANCE and refused.height > allocated.height
        head_before = await client.head()
        tip_before = first.node.sequencer.tip
        assert head_before.height == refused.height
    finally:
        await first.stop()

    second = await start_node(data_dir)
    try:
        client = second.client
        head = await client.head()
        assert (head.height, head.hash, head.header, head.chain_id) == (head_before.height, head_before.hash, head_before.header, head_before.chain_id)
        assert second.node.sequencer.tip == tip_before

        # resubmissions are answered from the chain, with the first receipts; nothing new is ordered
        assert await client.submit(allocate) == allocated
        assert await client.submit_batch([overdraw]) == [refused]
        with pytest.raises(CetsError) as refused_again:
            await client.submit(overdraw)
        assert refused_again.value.reason == "INSUFFICIENT_BALANCE"
        assert refused_again.value.metadata.get("height") == str(refused.height)
        view = await client.transaction(allocated.tx_id)
        assert view.receipt == allocated
        assert pb.SignedTx.FromString(view.tx) == allocate
        assert (await client.head()).height == head_before.height

        # new submissions extend the chain from the stored head
        surrendered = await client.submit(emitter.surrender(VINTAGE, [(cea(VINTAGE), 100)]))
        assert surrendered.code == pb.CODE_OK
        assert surrendered.height == head_before.height + 1
        block = await client.block(surrendered.height)
        header = pb.BlockHeader.FromString(block.header)
        assert header.prev_hash == head_before.hash
        assert header.height == head_before.height + 1
        assert header.time_ms >= pb.BlockHeader.FromString(head_before.header).time_ms
        assert surrendered.block_hash == crypto.header_hash(block.header)
        holdings = [(h.unit.vintage, h.amount) for h in (await client.account(identity.holding_account_id(emitter.participant_id))).holdings]
        assert holdings == [(VINTAGE, 500)]  # the state after restart is the state before it
        head_after = await client.head()
    finally:
        await second.stop()

    # a third start sees the extended chain, and the auditor agrees with it
    third = await start_node(data_dir)
    try:
        head = await third.client.head()
        assert (head.height, head.hash) == (head_after.height, head_after.hash)
    finally:
        await third.stop()
    from cets.clients.audit import audit_data_dir

    result = audit_data_dir(data_dir)
    assert result.ok, result.problem
    assert result.head_height == head_after.height


async def test_restart_of_an_empty_chain_and_repeated_restarts(tmp_path, ministry):
    data_dir = tmp_path / "node"
    genesis_hash = crypto.genesis_hash(devnet.dev_genesis().SerializeToString())
    running = await start_node(data_dir)
    await running.stop()
    previous_hash = genesis_hash
    for cycle in range(3):
        running = await start_node(data_dir)
        try:
            head = await running.client.head()
            assert head.height == cycle
            assert head.hash == previous_hash
            receipt = await running.client.submit(ministry.set_cap(VINTAGE, 1_000 * (cycle + 1)))
            assert receipt.code == pb.CODE_OK and receipt.height == cycle + 1
            block = await running.client.block(cycle + 1)
            assert pb.BlockHeader.FromString(block.header).prev_hash == previous_hash
            previous_hash = crypto.header_hash(block.header)
        finally:
            await running.stop()


async def test_stop_during_submissions_loses_no_answered_transaction(tmp_path, ministry, monkeypatch):
    """Submissions racing with a stop: each is answered from a durable block or fails; none is lost."""
    data_dir = tmp_path / "node"
    running = await start_node(data_dir)
    client = running.client
    assert (await client.submit(ministry.set_cap(VINTAGE, 10_000))).code == pb.CODE_OK
    batches = [[ministry.issue(VINTAGE, 1) for _ in range(10)] for _ in range(20)]
    calls = [asyncio.ensure_future(client.submit_batch(batch)) for batch in batches]
    await asyncio.sleep(0.005)
    monkeypatch.setattr(node_server, "GRACE_S", 1.0)  # a submission stranded by the stop race waits this long
    await asyncio.wait_for(running.node.stop(), 15)
    outcomes = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 15)
    await client.close()

    answered = {}
    for batch, outcome in zip(batches, outcomes):
        if isinstance(outcome, BaseException):
            assert isinstance(outcome, CetsError), repr(outcome)
            continue
        assert len(outcome) == len(batch)
        for tx, receipt in zip(batch, outcome):
            assert receipt.code == pb.CODE_OK and receipt.final
            assert receipt.tx_id == crypto.tx_id(tx.body)
            answered[receipt.tx_id] = receipt

    restarted = await start_node(data_dir)
    try:
        for tx_id, receipt in answered.items():
            view = await restarted.client.transaction(tx_id)
            assert view.receipt == receipt
        supply = await restarted.client.supply(VINTAGE)
        assert supply.issued >= len(answered)
    finally:
        await restarted.stop()


async def test_submission_admitted_while_stopping_is_answered_promptly(tmp_path, ministry):
    """Deterministic form of the race above: admission is held until the block loop has ended."""
    running = await start_node(tmp_path / "node")
    sequencer = running.node.sequencer
    entered, release = threading.Event(), threading.Event()
    admit_all = sequencer._admit_all

    def held_admission(raws):
        entered.set()
        release.wait(5)
        return admit_all(raws)

    sequencer._admit_all = held_admission
    submission = asyncio.ensure_future(sequencer.submit([ministry.set_cap(VINTAGE, 1_000).SerializeToString()]))
    try:
        assert await asyncio.to_thread(entered.wait, 5)
        # stop() blocks its event loop in ThreadPoolExecutor.shutdown(wait=True) until admission ends,
        # so the admission is released from another thread
        threading.Timer(0.2, release.set).start()
        await asyncio.wait_for(sequencer.stop(), 10)
        # correct: refused as stopping, or answered from a durable block; never left waiting
        try:
            (receipt,) = await asyncio.wait_for(asyncio.shield(submission), 3)
        except NodeStopping:
            return
        assert receipt.code == pb.CODE_OK and running.node.store.tx_location(receipt.tx_id) is not None
    finally:
        release.set()
        submission.cancel()
        await running.stop()


# -- replay ----------------------------------------------------------------------------------------
async def _build_rich_chain(data_dir: pathlib.Path, ministry) -> int:
    """The demo (one transaction per block), then concurrent batches (many per block), some refused."""
    running = await start_node(data_dir)
    try:
        client = running.client
        await asyncio.wait_for(asyncio.to_thread(run_demo, running.target, None, False), 60)
        await _set_cap_above_issued(client, ministry, 100)
        txs = [ministry.issue(VINTAGE, 1) for _ in range(120)]  # the last 20 exceed the cap: CAP_EXCEEDED
        batches = [txs[i:i + 12] for i in range(0, len(txs), 12)]
        results = await asyncio.wait_for(asyncio.gather(*(client.submit_batch(b) for b in batches)), 60)
        receipts = [r for batch in results for r in batch]
        codes = [r.code for r in receipts]
        assert codes.count(pb.CODE_OK) == 100 and codes.count(pb.CODE_CAP_EXCEEDED) == 20
        assert len({r.height for r in receipts}) < len(receipts)  # some blocks hold several
        return (await client.head()).height
    finally:
        await running.stop()


def _lmdb_items(data_dir: pathlib.Path, name: bytes) -> list[tuple[bytes, bytes]]:
    env = lmdb.open(str(data_dir / "ledger"), max_dbs=8, readonly=True, lock=False)
    try:
        db = env.open_db(name, create=False)
        with env.begin() as txn:
            return [(bytes(k), bytes(v)) for k, v in txn.cursor(db=db)]
    finally:
        env.close()


async def test_replay_from_genesis_reproduces_stored_state_and_every_commitment(tmp_path, ministry):
    data_dir = tmp_path / "node"
    head_height = await _build_rich_chain(data_dir, ministry)
    # read LMDB directly first (py-lmdb opens one environment once per process)
    stored_state = _lmdb_items(data_dir, b"state")
    stored_index = _lmdb_items(data_dir, b"txindex")
    assert stored_state and stored_index

    store = LmdbStore(data_dir / "ledger", readonly=True)
    try:
        genesis_bytes = store.genesis()
        stored_head = store.head()
        replayer = Replayer(genesis_bytes)
        genesis = pb.Genesis.FromString(genesis_bytes)
        assert replayer.tip.hash == crypto.genesis_hash(genesis_bytes)
        previous_root = replayer.tip.state_root
        assert previous_root == state_root(ZERO_HASH, 0, genesis_writes(genesis))
        previous_hash = replayer.tip.hash
        multi_tx_blocks = 0
        heights = []
        for height, raw in store.blocks(1, head_height):
            heights.append(height)
            verified = replayer.apply(raw)
            header = pb.BlockHeader.FromString(pb.Block.FromString(raw).header)
            # every state commitment, recomputed from the replayed writes
            assert header.state_root == state_root(previous_root, height, verified.writes), height
            assert header.prev_hash == previous_hash, height
            assert verified.tip.hash == crypto.header_hash(pb.Block.FromString(raw).header)
            previous_root, previous_hash = header.state_root, verified.tip.hash
            multi_tx_blocks += header.tx_count > 1
        assert heights == list(range(1, head_height + 1))
        assert multi_tx_blocks > 0
        assert (replayer.tip.height, replayer.tip.hash) == stored_head
        assert replayer.report.blocks == head_height
        assert replayer.report.rejected >= 23  # 3 in the demo, 20 over the cap

        # exactly the stored state: every key and value, no more, no fewer
        with replayer.store.reader() as reader:
            replayed_state = list(reader.scan(b""))
        assert len(stored_state) == len(replayed_state)
        assert stored_state == replayed_state
        with store.reader() as reader:
            assert list(reader.scan(b"")) == replayed_state

        # and the transaction index
        assert len(stored_index) == replayer.report.transactions
        for tx_id, location in stored_index:
            assert replayer.store.tx_location(tx_id) == decode_location(location)
    finally:
        store.close()


async def test_replay_matches_the_live_node_at_every_height(tmp_path, ministry, guangdong):
    """While a node runs, the replay of blocks 1..h gives the state root the node committed at h."""
    node = await start_node(tmp_path / "node")
    try:
        client = node.client
        await fund_province(client, ministry, "44", VINTAGE, 500)
        replayer = Replayer((await client.genesis()).genesis)
        for _ in range(4):
            await register_emitter(client, guangdong, "44")
            head = await client.head()
            while replayer.tip.height < head.height:
                block = await client.block(replayer.tip.height + 1)
                replayer.apply(block.SerializeToString())
            assert replayer.tip.hash == head.hash
            assert replayer.tip.state_root == node.node.sequencer.tip.state_root
    finally:
        await node.stop()


# -- another genesis -------------------------------------------------------------------------------
def _other_genesis(kind: str) -> bytes:
    if kind == "cluster dev genesis":
        return devnet.dev_genesis(devnet.DEV_CLUSTER_CHAIN_ID).SerializeToString()
    by_participant: dict[str, list[pb.KeySpec]] = {}
    for key in devnet.dev_keys():
        by_participant.setdefault(key.participant_id, []).append(key.spec())
    # same chain id and keys, one millisecond later: still another genesis
    return build_genesis(devnet.DEV_CHAIN_ID, devnet.DEV_GENESIS_TIME_MS + 1, by_participant, quorum=1).SerializeToString()


@pytest.mark.parametrize("kind", ["cluster dev genesis", "same chain id, other time"])
async def test_node_refuses_a_data_dir_of_another_genesis(tmp_path, ministry, kind):
    data_dir = tmp_path / "node"
    running = await start_node(data_dir)
    try:
        assert (await running.client.submit(ministry.set_cap(VINTAGE, 1_000))).code == pb.CODE_OK
        head_before = await running.client.head()
    finally:
        await running.stop()

    other = _other_genesis(kind)
    assert other != devnet.dev_genesis().SerializeToString()
    with pytest.raises(SystemExit, match="another genesis"):
        Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=other))

    # the refusal changed nothing and released the store: the right genesis still opens it
    for genesis in (None, devnet.dev_genesis().SerializeToString()):  # None: the stored one
        node = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis))
        try:
            assert (node.sequencer.tip.height, node.sequencer.tip.hash) == (head_before.height, head_before.hash)
        finally:
            node.store.close()


def test_cli_node_run_refuses_another_genesis(tmp_path):
    data_dir = tmp_path / "node"
    other_file = tmp_path / "other-genesis.pb"
    other_file.write_bytes(_other_genesis("cluster dev genesis"))

    async def found() -> None:
        running = await start_node(data_dir)
        await running.stop()

    asyncio.run(found())
    command = [sys.executable, "-m", "cets.clients.cli", "node", "run", "--data", str(data_dir), "--genesis", str(other_file),
               "--listen", "127.0.0.1:0"]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=30)
    assert completed.returncode == 1, (completed.returncode, completed.stdout, completed.stderr)
    assert "another genesis" in completed.stderr
    assert "Traceback" not in completed.stderr
