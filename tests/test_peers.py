"""The node's own peer client (node/peers.py) against a real solo node on loopback.

The cluster forwards transactions, fetches and follows final blocks and reads evidence through it;
tests/test_cluster.py and tests/test_observer_follow.py run it inside real clusters and observers.
"""

from __future__ import annotations

import grpc
import pytest

from cets.v1 import messages as pb
from cets.node.peers import PeerClient, PeerError, Peers, stream_timeout_s


async def test_a_forwarded_batch_gets_a_receipt_per_transaction_and_a_refusal_at_admission_has_height_zero(node, ministry):
    peer = PeerClient(node.target, deadline_s=10.0)
    try:
        applied, refused = await peer.submit_batch([ministry.set_cap(2025, 1_000).SerializeToString(), b"not a transaction"])
    finally:
        await peer.close()
    assert (applied.code, applied.height) == (pb.CODE_OK, 1)
    assert refused.height == 0 and refused.code != pb.CODE_OK  # what the proposer's forwarding settles at once


async def test_final_blocks_streams_a_range_and_a_following_stream_ends_at_its_own_deadline(node, ministry):
    for vintage in (2025, 2026):
        assert (await node.client.submit(ministry.set_cap(vintage, 1_000))).code == pb.CODE_OK
    peer = PeerClient(node.target, deadline_s=10.0)
    try:
        blocks = [block async for block in peer.final_blocks(1, 2)]
        assert blocks == [await node.client.block(1), await node.client.block(2)]
        following = []
        with pytest.raises(PeerError) as ended:
            async for block in peer.final_blocks(2, 0, timeout_s=0.5):
                following.append(block)
        assert ended.value.status == grpc.StatusCode.DEADLINE_EXCEEDED  # the follower's cue to reopen it
        assert following == blocks[1:]
    finally:
        await peer.close()


async def test_a_refused_call_is_a_peer_error_with_the_status_and_the_nodes_reason(node):
    peer = PeerClient(node.target, deadline_s=10.0)
    try:
        with pytest.raises(PeerError) as refused:
            async for _ in peer.final_blocks(5, 2):
                pass
    finally:
        await peer.close()
    assert (refused.value.status, refused.value.reason, refused.value.target) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_FIELD", node.target)


async def test_a_peer_that_is_down_is_a_peer_error_unavailable_and_its_client_is_dialled_afresh_after_a_drop(node):
    peers = Peers(deadline_s=2.0)
    first = peers.client(node.target)
    assert peers.client(node.target) is first  # one channel per peer, reused
    assert (await first.head()).chain_id == node.node.sequencer.chain_id
    assert await first.evidence() == []
    await peers.drop(node.target)
    assert peers.client(node.target) is not first
    down = peers.client("127.0.0.1:1")
    with pytest.raises(PeerError) as failed:
        await down.head()
    assert failed.value.status in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    await peers.close()


def test_a_bounded_stream_gets_one_deadline_per_hundred_blocks_and_a_following_one_none():
    assert stream_timeout_s(30.0, 1, 0) is None
    assert stream_timeout_s(30.0, 1, 99) == 30.0
    assert stream_timeout_s(30.0, 1, 101) == 60.0
    assert stream_timeout_s(30.0, 0, 100) == 30.0  # from height 0 streams from 1: 100 blocks
