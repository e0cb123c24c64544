"""clients/sdk.py: one definition per RPC, a synchronous twin made from it, deadlines on every call.

The synchronous Client is built from AsyncClient's methods, so each RPC has one definition; it
runs its own event-loop thread, so it works from any thread. A stream that follows the head is a
run of deadline-bounded streams, resumed from the next height with no gap and no duplicate.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools

from cets.v1 import messages as pb
from cets.clients import sdk
from cets.clients.sdk import AsyncClient, Client
from cets.ledger import identity

VINTAGE = 2025


def test_the_sync_client_has_every_rpc_of_the_async_client_with_its_signature():
    methods = sdk.rpc_methods()
    assert {"submit", "submit_batch", "head", "keys", "rulebooks", "stream_blocks", "participants", "evidence"} <= set(methods)
    for name, method in methods.items():
        twin = getattr(Client, name)
        assert inspect.signature(twin).parameters == inspect.signature(method).parameters, name
        assert twin.__doc__ == method.__doc__, name
        assert not inspect.iscoroutinefunction(twin) and not inspect.isasyncgenfunction(twin), name
    public = {name for name in vars(Client) if not name.startswith("_")}
    assert public - set(methods) == {"close"}  # nothing defined twice


async def test_the_sync_client_from_a_thread_against_a_node(node, ministry):
    await node.client.submit(ministry.set_cap(VINTAGE, 100))
    await node.client.submit(ministry.issue(VINTAGE, 7))

    def use() -> tuple:
        with Client(node.target, deadline_s=10.0) as client:
            head = client.head()
            keys = client.keys(identity.MINISTRY_ID)
            participants = list(itertools.islice(client.participants(page_size=1), 3))
            stream = client.stream_blocks(1, head.height)
            first = next(stream)
            stream.close()  # abandoned early: the async stream behind it is closed too
            receipt = client.submit(ministry.issue(VINTAGE, 1))
        client.close()  # a second close does nothing
        return head, keys, participants, first, receipt

    head, keys, participants, first, receipt = await asyncio.wait_for(asyncio.to_thread(use), 30)
    assert head.height == 2 and keys and len(participants) == 3
    assert pb.BlockHeader.FromString(first.header).height == 1
    assert receipt.code == pb.CODE_OK and receipt.height == 3


async def test_a_following_stream_is_reopened_after_its_window_with_no_gap(node, ministry, monkeypatch):
    monkeypatch.setattr(sdk, "FOLLOW_WINDOW_S", 0.4)
    await node.client.submit(ministry.set_cap(VINTAGE, 1_000))
    client = AsyncClient(node.target, deadline_s=10.0)
    heights = []

    async def follow() -> None:
        async for block in client.stream_blocks(1):
            heights.append(pb.BlockHeader.FromString(block.header).height)
            if len(heights) == 6:
                return

    try:
        following = asyncio.ensure_future(follow())
        for _ in range(5):
            await asyncio.sleep(0.25)  # more than one window passes while the blocks come
            await node.client.submit(ministry.issue(VINTAGE, 1))
        await asyncio.wait_for(following, 20)
    finally:
        await client.close()
    assert heights == [1, 2, 3, 4, 5, 6]
