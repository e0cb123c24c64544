"""An observer without etcd follows its peers' final blocks over gRPC (node/catchup.py).

Solo dev nodes (quorum 1: every committed block is final) stand in for the cluster's nodes, so
these tests need no etcd; tests/test_cluster.py runs the same observer against a real cluster.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from cets.v1 import messages as pb
from cets.clients.sdk import AsyncClient, CetsError
from cets.node import catchup
from cets.node.evidence import refusal
from cets.node.server import ClusterSettings, Node, NodeConfig, prepare_dev
from tests.conftest import start_node

VINTAGE = 2025


async def start_observer(data_dir, peers: list[str]) -> tuple[Node, AsyncClient]:
    observer = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=prepare_dev(data_dir),
                               cluster=ClusterSettings(etcd_endpoints=[], peers=peers, observer=True)))
    await observer.start()
    return observer, AsyncClient(f"127.0.0.1:{observer.port}", deadline_s=5.0)


async def wait_height(client: AsyncClient, height: int, timeout_s: float = 20.0) -> int:
    deadline = time.monotonic() + timeout_s
    while (seen := (await client.head()).height) < height and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return seen


async def test_an_observer_follows_final_blocks_and_leaves_a_peer_that_brings_none(tmp_path, ministry, monkeypatch):
    monkeypatch.setattr(catchup, "FOLLOW_STREAM_S", 1.0)
    lagging = await start_node(tmp_path / "lagging")  # the same chain, never grows: first in the list
    ahead = await start_node(tmp_path / "ahead")
    observer, client = await start_observer(tmp_path / "observer", [lagging.target, ahead.target])
    try:
        for vintage in (2025, 2026, 2027):
            assert (await ahead.client.submit(ministry.set_cap(vintage, 1_000))).code == pb.CODE_OK
        assert await wait_height(client, 3) == 3
        for height in (1, 2, 3):
            assert await client.block(height) == await ahead.client.block(height)
        head = await client.head()
        assert head.final_height == head.height == 3
        with pytest.raises(CetsError) as refused:
            await client.submit(ministry.set_cap(2028, 1_000))
        assert refused.value.reason == "OBSERVER_READ_ONLY"
        # and it keeps following the peer that advances
        assert (await ahead.client.submit(ministry.set_cap(2028, 1_000))).code == pb.CODE_OK
        assert await wait_height(client, 4) == 4
    finally:
        await client.close()
        await observer.stop()
        await lagging.stop()
        await ahead.stop()


async def test_an_observer_with_every_peer_down_waits_and_resumes_when_one_returns(tmp_path, ministry, monkeypatch):
    monkeypatch.setattr(catchup, "FOLLOW_STREAM_S", 1.0)
    peer = await start_node(tmp_path / "peer")
    assert (await peer.client.submit(ministry.set_cap(VINTAGE, 1_000))).code == pb.CODE_OK
    first = (await peer.client.block(1)).SerializeToString()
    target = peer.target
    await peer.stop()
    observer, client = await start_observer(tmp_path / "observer", [target])
    try:
        await asyncio.sleep(1.0)
        assert (await client.head()).height == 0  # nothing to follow, and still serving
        # how it checks a block a peer reports as invalid: on its own head, before keeping any evidence
        assert refusal(observer.store, observer.sequencer.tip, 1, first) is None
        forged = pb.Block.FromString(first)
        header = pb.BlockHeader.FromString(forged.header)
        header.state_root = bytes(32)
        forged.header = header.SerializeToString()
        assert refusal(observer.store, observer.sequencer.tip, 1, forged.SerializeToString())
        from tests.conftest import RunningNode  # the same data directory, on the same port
        from cets.node.sequencer import SequencerConfig

        node = Node(NodeConfig(data_dir=tmp_path / "peer", listen=target, sequencer=SequencerConfig()))
        await node.start()
        back = RunningNode(node=node, data_dir=tmp_path / "peer", target=target, client=AsyncClient(target, deadline_s=20.0))
        try:
            assert await wait_height(client, 1) == 1
        finally:
            await back.stop()
    finally:
        await client.close()
        await observer.stop()
