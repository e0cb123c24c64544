"""Chain.StreamBlocks, and batching of concurrent submissions into blocks.

A range stream gives exactly the asked blocks in order; a stream without to_height follows the
head and delivers blocks as they are committed; a consumer that breaks off resumes from the next
height with no gap and no duplicate; many concurrent submissions share blocks, each with its own
final receipt. Every wait is bounded.
"""

from __future__ import annotations

import asyncio

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.sdk import CetsError
from cets.ledger import crypto
from cets.ledger.verify import Replayer
from tests.conftest import start_node

VINTAGE = 2025
READ_TIMEOUT_S = 10.0


# -- helpers ---------------------------------------------------------------------------------------
async def set_cap(client, ministry, cap: int = 10_000_000) -> pb.Receipt:
    receipt = await client.submit(ministry.set_cap(VINTAGE, cap))
    assert receipt.code == pb.CODE_OK
    return receipt


async def grow_chain(client, ministry, blocks: int) -> int:
    """Commit `blocks` more blocks (one issuance each, sequentially); return the head height."""
    head = (await client.head()).height
    if head == 0:
        await set_cap(client, ministry)
        blocks -= 1
    for _ in range(blocks):
        receipt = await client.submit(ministry.issue(VINTAGE, 1))
        assert receipt.code == pb.CODE_OK
    return (await client.head()).height


def open_stream(client, from_height: int, to_height: int = 0):
    return client.chain.StreamBlocks(api.StreamBlocksRequest(from_height=from_height, to_height=to_height))


async def read_one(call, timeout_s: float = READ_TIMEOUT_S):
    return await asyncio.wait_for(call.read(), timeout_s)


async def read_to_end(call, timeout_s: float = READ_TIMEOUT_S) -> list[pb.Block]:
    blocks = []
    while True:
        message = await read_one(call, timeout_s)
        if message is grpc.aio.EOF:
            return blocks
        blocks.append(message)
        assert len(blocks) <= 10_000


def height_of(block: pb.Block) -> int:
    return pb.BlockHeader.FromString(block.header).height


def assert_linked(blocks: list[pb.Block], first_height: int, prev_hash: bytes | None = None) -> None:
    """Consecutive heights from first_height, each header linked to the one before."""
    for offset, block in enumerate(blocks):
        header = pb.BlockHeader.FromString(block.header)
        assert header.height == first_height + offset
        if prev_hash is not None:
            assert header.prev_hash == prev_hash, header.height
        prev_hash = crypto.header_hash(block.header)


# -- ranges ----------------------------------------------------------------------------------------
async def test_range_gives_exactly_those_blocks_in_order(node, ministry):
    client = node.client
    head = await grow_chain(client, ministry, 8)
    assert head == 8
    genesis_hash = (await client.genesis()).hash
    for from_height, to_height in ((1, 8), (1, 4), (3, 6), (8, 8), (5, 5)):
        blocks = await read_to_end(open_stream(client, from_height, to_height))
        assert [height_of(b) for b in blocks] == list(range(from_height, to_height + 1))
        for block in blocks:
            assert block == await client.block(height_of(block))  # the very blocks GetBlock serves
        assert_linked(blocks, from_height, genesis_hash if from_height == 1 else None)
    # the SDK's generator, the same range
    sdk_blocks = [b async for b in client.stream_blocks(2, 7)]
    assert [height_of(b) for b in sdk_blocks] == list(range(2, 8))


async def test_final_only_on_a_solo_node_sends_every_committed_block_and_follows(node, ministry):
    client = node.client
    head = await grow_chain(client, ministry, 4)
    assert (await client.head()).final_height == head  # quorum 1: committed is final
    final = [b async for b in client.stream_blocks(1, head, final_only=True)]
    assert final == [b async for b in client.stream_blocks(1, head)]
    following = client.stream_blocks(head + 1, head + 1, final_only=True, timeout_s=10.0)
    waiter = asyncio.ensure_future(following.__anext__())
    await asyncio.sleep(0.1)
    assert not waiter.done()  # nothing final beyond the head yet
    await grow_chain(client, ministry, 1)
    assert height_of(await waiter) == head + 1


async def test_from_height_zero_starts_at_one(node, ministry):
    head = await grow_chain(node.client, ministry, 3)
    blocks = await read_to_end(open_stream(node.client, 0, head))
    assert [height_of(b) for b in blocks] == [1, 2, 3]


async def test_to_height_below_from_height_is_invalid(node, ministry):
    await grow_chain(node.client, ministry, 3)
    call = open_stream(node.client, 3, 2)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await read_to_end(call)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(CetsError) as sdk_raised:
        [b async for b in node.client.stream_blocks(3, 2)]
    assert sdk_raised.value.reason == "INVALID_FIELD"


async def test_range_ending_above_the_head_waits_for_the_missing_blocks(node, ministry):
    client = node.client
    head = await grow_chain(client, ministry, 2)
    call = open_stream(client, 1, head + 2)
    try:
        assert [height_of(await read_one(call)) for _ in range(head)] == list(range(1, head + 1))
        pending = asyncio.ensure_future(call.read())
        await asyncio.sleep(0.2)
        assert not pending.done()  # block head+1 does not exist yet
        await grow_chain(client, ministry, 2)
        assert height_of(await asyncio.wait_for(pending, READ_TIMEOUT_S)) == head + 1
        assert height_of(await read_one(call)) == head + 2
        assert await read_one(call) is grpc.aio.EOF
    finally:
        call.cancel()


# -- following the head ----------------------------------------------------------------------------
async def test_follower_receives_blocks_as_they_are_committed(node, ministry):
    client = node.client
    head = await grow_chain(client, ministry, 2)
    head_hash = (await client.head()).hash
    call = open_stream(client, head + 1)  # to_height 0: follow
    try:
        received = []
        for step in range(5):
            pending = asyncio.ensure_future(call.read())
            await asyncio.sleep(0.05)
            assert not pending.done(), "nothing to deliver before the next commit"
            tx = ministry.issue(VINTAGE, 1)
            receipt = await client.submit(tx)
            block = await asyncio.wait_for(pending, READ_TIMEOUT_S)
            assert height_of(block) == receipt.height == head + 1 + step
            assert crypto.header_hash(block.header) == receipt.block_hash
            assert tx.SerializeToString() in list(block.txs)
            received.append(block)
        assert_linked(received, head + 1, head_hash)
    finally:
        call.cancel()
    assert await asyncio.wait_for(call.code(), READ_TIMEOUT_S) == grpc.StatusCode.CANCELLED
    assert call.cancelled()


async def test_follower_sees_every_block_of_concurrent_submissions(node, ministry):
    client = node.client
    head = await grow_chain(client, ministry, 1)
    call = open_stream(client, head + 1)
    try:
        txs = [ministry.issue(VINTAGE, 1) for _ in range(100)]
        batches = [txs[i:i + 10] for i in range(0, len(txs), 10)]
        submitting = asyncio.ensure_future(asyncio.gather(*(client.submit_batch(b) for b in batches)))
        wanted = {crypto.tx_id(tx.body) for tx in txs}
        seen: list[bytes] = []
        blocks = []
        while len(seen) < len(wanted):
            block = await read_one(call)
            assert block is not grpc.aio.EOF
            blocks.append(block)
            seen += [r.tx_id for r in block.results]
        receipts = [r for batch in await asyncio.wait_for(submitting, READ_TIMEOUT_S) for r in batch]
        assert len(seen) == len(set(seen)) and set(seen) == wanted
        assert_linked(blocks, head + 1)
        assert height_of(blocks[-1]) == max(r.height for r in receipts)
    finally:
        call.cancel()


# -- resuming --------------------------------------------------------------------------------------
async def test_resume_after_a_break_has_no_gap_and_no_duplicate(node, ministry):
    client = node.client
    await grow_chain(client, ministry, 6)
    call = open_stream(client, 1)  # follow from the start
    first = [await read_one(call) for _ in range(4)]
    call.cancel()  # the consumer breaks off
    assert await asyncio.wait_for(call.code(), READ_TIMEOUT_S) == grpc.StatusCode.CANCELLED
    head = await grow_chain(client, ministry, 3)  # blocks committed while nobody listens
    last = height_of(first[-1])
    rest = await read_to_end(open_stream(client, last + 1, head))
    blocks = first + rest
    heights = [height_of(b) for b in blocks]
    assert heights == list(range(1, head + 1))
    assert_linked(blocks, 1, (await client.genesis()).hash)

    # the same with the SDK generator, breaking out of the loop
    got = []
    stream = client.stream_blocks(1)
    async for block in stream:
        got.append(block)
        if len(got) == 5:
            break
    await stream.aclose()
    got += [b async for b in client.stream_blocks(height_of(got[-1]) + 1, head)]
    assert [height_of(b) for b in got] == list(range(1, head + 1))
    assert got == blocks


async def test_follower_stream_ends_when_the_node_stops(tmp_path, ministry):
    running = await start_node(tmp_path / "node")
    stopped = False
    try:
        head = await grow_chain(running.client, ministry, 2)
        call = open_stream(running.client, head + 1)
        pending = asyncio.ensure_future(call.read())
        await asyncio.sleep(0.1)
        assert not pending.done()
        await asyncio.wait_for(running.node.stop(), 10)
        stopped = True
        try:
            outcome = await asyncio.wait_for(pending, 10)
        except grpc.aio.AioRpcError as error:  # the server may also cut the call as it shuts down
            assert error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED), error
        else:
            assert outcome is grpc.aio.EOF
    finally:
        await running.client.close()
        if not stopped:
            await running.node.stop()


# -- batching --------------------------------------------------------------------------------------
async def test_concurrent_batches_share_blocks_and_every_receipt_is_final_and_distinct(node, ministry):
    client = node.client
    await set_cap(client, ministry)
    issued_before = (await client.supply(VINTAGE)).issued
    head_before = (await client.head()).height
    txs = [ministry.issue(VINTAGE, 1 + i % 7) for i in range(300)]
    batches = [txs[i:i + 10] for i in range(0, len(txs), 10)]
    assert len(batches) == 30
    results = await asyncio.wait_for(asyncio.gather(*(client.submit_batch(batch) for batch in batches)), 60)

    receipts = []
    for batch, batch_receipts in zip(batches, results):
        assert len(batch_receipts) == len(batch)
        for tx, receipt in zip(batch, batch_receipts):
            assert receipt.tx_id == crypto.tx_id(tx.body)  # receipts in request order
            assert receipt.code == pb.CODE_OK, receipt.detail
            assert receipt.status == pb.TX_STATUS_COMMITTED
            assert receipt.final
            receipts.append(receipt)
    assert len({r.tx_id for r in receipts}) == 300
    assert len({(r.height, r.index) for r in receipts}) == 300
    heights = sorted({r.height for r in receipts})
    assert len(heights) < 300, "concurrent submissions should be batched into shared blocks"
    assert heights[0] > head_before

    # each receipt points at its transaction in its block, and the blocks hold nothing else
    head = (await client.head()).height
    blocks = {height_of(b): b for b in await read_to_end(open_stream(client, head_before + 1, head))}
    assert sorted(blocks) == list(range(head_before + 1, head + 1))
    by_id = {crypto.tx_id(tx.body): tx for tx in txs}
    for receipt in receipts:
        block = blocks[receipt.height]
        assert crypto.header_hash(block.header) == receipt.block_hash
        assert block.results[receipt.index].tx_id == receipt.tx_id
        assert block.txs[receipt.index] == by_id[receipt.tx_id].SerializeToString()
    assert sum(len(b.txs) for b in blocks.values()) == 300
    for block in blocks.values():
        assert pb.BlockHeader.FromString(block.header).tx_count == len(block.txs)

    supply = await client.supply(VINTAGE)
    assert supply.issued - issued_before == sum(1 + i % 7 for i in range(300))

    # the batched blocks replay like any other
    replayer = Replayer((await client.genesis()).genesis)
    async for block in client.stream_blocks(1, head):
        replayer.apply(block.SerializeToString())
    assert (replayer.tip.height, replayer.tip.hash) == (head, (await client.head()).hash)
