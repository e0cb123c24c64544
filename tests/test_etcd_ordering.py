"""EtcdOrdering against a real 3-member etcd cluster on loopback (tmpfs, free ports, SIGKILL teardown).

Every test works under its own chain id, so the tests share one cluster without seeing each other.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid

import pytest

from cets.node import etcd_process
from cets.node.etcd_process import EtcdTls
from cets.node.ordering import MAX_BLOCK_BYTES, BlocksPruned, EtcdOrdering, Ordering, OrderingUnavailable

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(120)]

NAMES = ("m1", "m2", "m3")


@pytest.fixture(scope="module")
def etcd():
    members: list[etcd_process.EtcdMember] = []
    try:
        members = etcd_process.start_cluster(NAMES, die_with_parent=True)
        asyncio.run(etcd_process.wait_healthy(members, timeout_s=15.0))
        yield members
    finally:
        etcd_process.stop_cluster(members)


@pytest.fixture
async def ordering(etcd):
    async with EtcdOrdering([m.endpoint for m in etcd], new_chain(), request_timeout_s=1.0) as o:
        yield o


def new_chain() -> str:
    return "test-" + uuid.uuid4().hex[:12]


def block_bytes(chain: str, height: int, size: int = 256, tag: str = "") -> bytes:
    seed = f"{chain}/{height}/{tag}/".encode()
    return (seed * (size // len(seed) + 1))[:size]


async def ensure_all_up(members) -> None:
    """Restart any member a test killed, so the next test finds three."""
    for member in members:
        if not member.running:
            etcd_process.start_member(member, members, die_with_parent=True)
    await etcd_process.wait_healthy(members, timeout_s=15.0)


async def find_leader(members) -> etcd_process.EtcdMember:
    from etcd3aio import Etcd3Client

    for _ in range(50):
        for member in members:
            if not member.running:
                continue
            async with Etcd3Client([member.endpoint], rpc_max_attempts=1) as client:
                with contextlib.suppress(Exception):
                    status = await client.maintenance.status(timeout=1.0)
                    if status.leader and status.leader == status.header.member_id:
                        return member
        await asyncio.sleep(0.1)
    raise AssertionError("no leader found")


async def collect(iterator, count: int, timeout_s: float) -> list:
    out = []

    async def run():
        async for item in iterator:
            out.append(item)
            if len(out) >= count:
                return

    try:
        await asyncio.wait_for(run(), timeout_s)
    finally:
        with contextlib.suppress(Exception):
            await iterator.aclose()
    return out


# ---------------------------------------------------------------------------------------------


async def test_append_in_order(ordering):
    assert isinstance(ordering, Ordering)
    assert await ordering.head() == 0
    assert await ordering.block(1) is None
    chain = ordering.chain_id
    for height in range(1, 51):
        assert await ordering.append(height, block_bytes(chain, height))
    assert await ordering.head() == 50
    for height in (1, 17, 50):
        assert await ordering.block(height) == block_bytes(chain, height)
    assert await ordering.block(51) is None


async def test_wrong_height_fails_and_changes_nothing(ordering):
    chain = ordering.chain_id
    assert not await ordering.append(2, b"skips block 1")
    assert await ordering.head() == 0
    for height in range(1, 4):
        assert await ordering.append(height, block_bytes(chain, height))
    for height, data in ((5, b"gap"), (3, b"another block 3"), (2, b"another block 2"), (1, b"another block 1")):
        assert not await ordering.append(height, data)
    assert await ordering.head() == 3
    assert await ordering.block(5) is None and await ordering.block(4) is None
    assert [h async for h, _ in ordering.blocks(1, 10)] == [1, 2, 3]
    for height in range(1, 4):
        assert await ordering.block(height) == block_bytes(chain, height)
    # Appending the stored block again is idempotent: it is ours, so True, and nothing moves.
    assert await ordering.append(3, block_bytes(chain, 3))
    assert await ordering.head() == 3
    with pytest.raises(ValueError):
        await ordering.append(0, b"x")
    with pytest.raises(ValueError):
        await ordering.append(4, b"x" * (MAX_BLOCK_BYTES + 1))
    big = b"b" * MAX_BLOCK_BYTES  # the largest block fits in etcd's 1.5 MiB request limit
    assert await ordering.append(4, big)
    assert await ordering.block(4) == big


async def test_racing_appenders_exactly_one_wins(etcd):
    chain = new_chain()
    async with EtcdOrdering([etcd[0].endpoint], chain, request_timeout_s=1.0) as a, \
            EtcdOrdering([etcd[1].endpoint, etcd[2].endpoint], chain, request_timeout_s=1.0) as b:
        winners = {"a": 0, "b": 0}
        for height in range(1, 31):
            block_a, block_b = block_bytes(chain, height, tag="a"), block_bytes(chain, height, tag="b")
            won_a, won_b = await asyncio.gather(a.append(height, block_a), b.append(height, block_b))
            assert won_a != won_b, f"height {height}: exactly one appender must win"
            stored_seen_by_a, stored_seen_by_b = await a.block(height), await b.block(height)
            assert stored_seen_by_a == stored_seen_by_b == (block_a if won_a else block_b)
            winners["a" if won_a else "b"] += 1
        assert await a.head() == await b.head() == 30
        assert sum(winners.values()) == 30


async def test_watch_blocks_exactly_once_in_order(etcd):
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as writer, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as reader:
        for height in range(1, 11):
            assert await writer.append(height, block_bytes(chain, height))
        watch = reader.watch_blocks(1)
        task = asyncio.create_task(collect(watch, 40, 15.0))
        for height in range(11, 41):  # appended while the watch runs
            assert await writer.append(height, block_bytes(chain, height))
            if height % 7 == 0:
                await asyncio.sleep(0.05)
        got = await task
        assert [h for h, _ in got] == list(range(1, 41))
        assert all(data == block_bytes(chain, h) for h, data in got)

        # Resume from a given height: what exists from there, then new blocks.
        watch = reader.watch_blocks(25)
        task = asyncio.create_task(collect(watch, 20, 15.0))
        await asyncio.sleep(0.2)
        for height in range(41, 45):
            assert await writer.append(height, block_bytes(chain, height))
        got = await task
        assert [h for h, _ in got] == list(range(25, 45))

        # Watching from beyond the head waits for the block.
        watch = reader.watch_blocks(45)
        task = asyncio.create_task(collect(watch, 1, 15.0))
        await asyncio.sleep(0.3)
        assert not task.done()
        assert await writer.append(45, block_bytes(chain, 45))
        assert [h for h, _ in await task] == [45]


async def test_watch_blocks_survives_a_silent_watch(etcd, monkeypatch):
    """A watch stream that delivers nothing (a partitioned member) or dies at once: the idle
    check and the fallback reads still deliver every block exactly once."""
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as writer, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0, watch_idle_check_s=0.2) as reader:

        async def silent(pump, *args):
            await asyncio.Event().wait()

        async def dead(pump, *args):
            pump.broken = True
            pump.ready.set()

        for mode, broken_pump in (("silent", silent), ("dead", dead)):
            monkeypatch.setattr(reader, "_run_pump", broken_pump)
            base = await writer.head()
            watch = reader.watch_blocks(base + 1)
            task = asyncio.create_task(collect(watch, 12, 15.0))
            for height in range(base + 1, base + 13):
                assert await writer.append(height, block_bytes(chain, height))
                await asyncio.sleep(0.03)
            got = await task
            assert [h for h, _ in got] == list(range(base + 1, base + 13)), mode


async def test_watch_blocks_resyncs_after_compaction_and_oversized_backlog(etcd, monkeypatch):
    """A watch started at a compacted revision is cancelled by etcd; one whose backlog exceeds
    gRPC's 4 MiB message limit dies with RESOURCE_EXHAUSTED. Both resync by paginated reads (the
    idle check is made too slow to help, so the resync path alone must deliver)."""
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as writer, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0, watch_idle_check_s=60.0) as reader:
        starts: list[int] = []
        original = reader._start_pump
        stale_revision = (await writer._etcd.kv.get("/unused")).header.revision + 1

        def stale_first_pump(key, end, start_revision, filters):
            starts.append(start_revision)
            if len(starts) == 1:  # the first watch starts too early, over the whole block range
                return original(reader._block_key(1), end, stale_revision, filters)
            return original(key, end, start_revision, filters)

        monkeypatch.setattr(reader, "_start_pump", stale_first_pump)
        size = 300 * 1024
        for height in range(1, 21):  # 6 MiB of events after the stale revision
            assert await writer.append(height, block_bytes(chain, height, size))
        task = asyncio.create_task(collect(reader.watch_blocks(1), 25, 15.0))
        await asyncio.sleep(0.5)
        for height in range(21, 26):
            assert await writer.append(height, block_bytes(chain, height, size))
        got = await task
        assert [h for h, _ in got] == list(range(1, 26))
        assert len(starts) >= 2, "the oversized watch should have been replaced"

        starts.clear()
        current = (await writer._etcd.kv.get("/unused")).header.revision
        await writer._etcd.kv.compact(current, timeout=2.0)
        stale_revision = current - 5  # compacted: etcd cancels a watch from there
        task = asyncio.create_task(collect(reader.watch_blocks(26), 5, 15.0))
        await asyncio.sleep(0.5)
        for height in range(26, 31):
            assert await writer.append(height, block_bytes(chain, height, 512))
        got = await task
        assert [h for h, _ in got] == list(range(26, 31))
        assert len(starts) >= 2, "the compacted watch should have been replaced"


async def test_paginated_blocks_over_grpc_limit(ordering):
    chain = ordering.chain_id
    size = 200 * 1024
    for height in range(1, 41):  # 8 MiB in all: one range read would exceed gRPC's 4 MiB
        assert await ordering.append(height, block_bytes(chain, height, size))
    got = [(h, data) async for h, data in ordering.blocks(1, 40)]
    assert [h for h, _ in got] == list(range(1, 41))
    assert all(data == block_bytes(chain, h, size) for h, data in got)
    assert sum(len(data) for _, data in got) > 4 * 1024 * 1024
    small_pages = [h async for h, _ in ordering.blocks(7, 19, page_bytes_max=300 * 1024)]
    assert small_pages == list(range(7, 20))
    assert [h async for h, _ in ordering.blocks(38, 100)] == [38, 39, 40]
    assert [h async for h, _ in ordering.blocks(41, 100)] == []
    watched = await collect(ordering.watch_blocks(1), 40, 15.0)  # the catch-up read pages too
    assert [h for h, _ in watched] == list(range(1, 41))


async def test_prune_and_blocks_pruned(etcd):
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as o:
        for height in range(1, 31):
            assert await o.append(height, block_bytes(chain, height))
            await o.put_signature(height, "MEE", b"sig %d" % height)
        await o.report_applied("MEE", 30)
        await o.report_applied("REG", 25)
        assert await o.prune(["MEE", "REG", "EXCH"], keep_last=5) == 0  # EXCH never reported
        await o.report_applied("EXCH", 20)
        assert await o.prune(["MEE", "REG", "EXCH"], keep_last=5) == 14  # below 20 - 5
        assert await o.block(14) is None and await o.signatures(14) == {}
        assert await o.block(15) == block_bytes(chain, 15)
        assert await o.signatures(15) == {"MEE": b"sig 15"}
        assert await o.prune(["MEE", "REG", "EXCH"], keep_last=5) == 0  # idempotent

        with pytest.raises(BlocksPruned) as pruned:
            await collect(o.watch_blocks(3), 1, 10.0)
        assert pruned.value.oldest_available == 15
        with pytest.raises(BlocksPruned) as pruned:
            [h async for h, _ in o.blocks(1, 20)]
        assert pruned.value.oldest_available == 15
        with pytest.raises(BlocksPruned):
            await o.append(10, b"a block long pruned")

        watched = await collect(o.watch_blocks(15), 16, 10.0)
        assert [h for h, _ in watched] == list(range(15, 31))
        assert await o.append(31, block_bytes(chain, 31))  # writes go on after compaction and defrag
        assert await o.head() == 31

        # Everything applied by all, keep_last 0: the head block itself is always kept.
        for participant in ("MEE", "REG", "EXCH"):
            await o.report_applied(participant, 31)
        assert await o.prune(["MEE", "REG", "EXCH"], keep_last=0) == 16
        assert await o.block(31) == block_bytes(chain, 31)
        with pytest.raises(BlocksPruned) as pruned:
            await collect(o.watch_blocks(30), 1, 10.0)
        assert pruned.value.oldest_available == 31


async def test_signatures_put_get_watch(etcd):
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as o, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as watcher:
        for height in (1, 2, 3):
            for participant in ("MEE", "REG"):
                await o.put_signature(height, participant, f"{participant}@{height}".encode())
        assert await o.signatures(2) == {"MEE": b"MEE@2", "REG": b"REG@2"}
        assert await o.signatures(9) == {}

        watch = watcher.watch_signatures(2)
        task = asyncio.create_task(collect(watch, 7, 15.0))
        await asyncio.sleep(0.3)
        await o.put_signature(4, "EXCH", b"EXCH@4")
        await o.put_signature(2, "EXCH", b"EXCH@2")
        await o.put_signature(4, "EXCH", b"EXCH@4 again")  # a record put again is seen again
        got = await task
        assert got[:4] == [(2, "MEE", b"MEE@2"), (2, "REG", b"REG@2"), (3, "MEE", b"MEE@3"), (3, "REG", b"REG@3")]
        assert got[4:] == [(4, "EXCH", b"EXCH@4"), (2, "EXCH", b"EXCH@2"), (4, "EXCH", b"EXCH@4 again")]
        assert await o.signatures(4) == {"EXCH": b"EXCH@4 again"}
        with pytest.raises(ValueError):
            await o.put_signature(1, "a/b", b"x")


async def test_kill_leader_loses_no_acknowledged_append(etcd):
    """kill -9 of the etcd leader under a loop of appends through a client that knows all three
    members: appends resume within a few seconds, and no append that returned True is lost."""
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    leader = await find_leader(etcd)
    acked: dict[int, float] = {}
    unknown: list[int] = []
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0, retry_budget_s=6.0) as writer, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as reader:
        watch = reader.watch_blocks(1)
        watched: list[tuple[int, bytes]] = []

        async def follow():
            async for item in watch:
                watched.append(item)

        follower = asyncio.create_task(follow())
        killed_at = None
        deadline = time.monotonic() + 20.0
        try:
            while time.monotonic() < deadline:
                try:
                    height = await writer.head() + 1
                    if await writer.append(height, block_bytes(chain, height, 1024)):
                        acked[height] = time.monotonic()
                except OrderingUnavailable:
                    unknown.append(len(acked))
                    continue
                if killed_at is None and len(acked) >= 30:
                    etcd_process.kill(leader)
                    killed_at = time.monotonic()
                if killed_at is not None and time.monotonic() - killed_at > 2.5 and len(acked) >= 60:
                    break
            assert killed_at is not None
            after_kill = sorted(t for t in acked.values() if t > killed_at)
            assert after_kill, "no append succeeded after the leader was killed"
            stall = after_kill[0] - killed_at
            assert stall < 5.0, f"appends stalled {stall:.1f} s after the leader was killed"
            head = await writer.head()
            assert max(acked) <= head
            for height in acked:  # every acknowledged append is there, byte for byte
                assert await writer.block(height) == block_bytes(chain, height, 1024), height
            assert [h async for h, _ in writer.blocks(1, head)] == list(range(1, head + 1))
            for _ in range(100):  # the watcher saw every block exactly once, in order
                if len(watched) >= head:
                    break
                await asyncio.sleep(0.1)
            assert [h for h, _ in watched] == list(range(1, head + 1))
            assert all(data == block_bytes(chain, h, 1024) for h, data in watched)
        finally:
            follower.cancel()
            with contextlib.suppress(BaseException):
                await follower
            await ensure_all_up(etcd)

    # The killed member rejoined with its data: it serves the chain it missed.
    async with EtcdOrdering([leader.endpoint], chain, request_timeout_s=1.0) as rejoined:
        assert await rejoined.head() == head


async def test_proposer_campaign(etcd):
    chain = new_chain()
    endpoints = [m.endpoint for m in etcd]
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as a, \
            EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as b:
        assert await a.current_proposer() is None
        assert await a.campaign("MEE", ttl_s=2)
        assert await a.campaign("MEE", ttl_s=2)  # already ours
        assert not await b.campaign("REG", ttl_s=2)
        await asyncio.sleep(2.5)  # longer than the TTL: the keepalive holds it
        assert not await b.campaign("REG", ttl_s=2)
        assert await b.current_proposer() == "MEE"

        await a.resign()  # a resignation hands over at once
        assert await b.current_proposer() is None
        assert await b.campaign("REG", ttl_s=2)
        assert not await a.campaign("MEE", ttl_s=2)

        await b._stop_keepalive()  # b "crashes": its lease is no longer refreshed
        stopped = time.monotonic()
        while not await a.campaign("MEE", ttl_s=2):
            assert time.monotonic() - stopped < 8.0, "the proposer key outlived its lease"
            await asyncio.sleep(0.2)
        assert await b.current_proposer() == "MEE"
    async with EtcdOrdering(endpoints, chain, request_timeout_s=1.0) as c:
        assert await c.current_proposer() is None  # close() released it


async def test_mutual_tls_cluster(tmp_path):
    from cets.node import pki

    layout = pki.make_dev_pki(tmp_path / "pki")
    tls = {name: EtcdTls(*pki.etcd_tls_files(layout, name)) for name in layout.institutions}
    members: list[etcd_process.EtcdMember] = []
    try:
        members = etcd_process.start_cluster(layout.institutions, tls=tls, die_with_parent=True)
        await etcd_process.wait_healthy(members, tls=tls, timeout_s=15.0)
        chain = new_chain()
        client_tls = tls[layout.institutions[0]]
        async with EtcdOrdering([m.endpoint for m in members], chain, tls=client_tls, request_timeout_s=1.0) as o:
            for height in range(1, 6):
                assert await o.append(height, block_bytes(chain, height))
            assert [h for h, _ in await collect(o.watch_blocks(1), 5, 10.0)] == [1, 2, 3, 4, 5]
        async with EtcdOrdering([m.endpoint for m in members], chain, request_timeout_s=0.5,
                                retry_budget_s=1.0) as plain:  # no client certificate: refused
            with pytest.raises(Exception):
                await plain.head()
    finally:
        etcd_process.stop_cluster(members)
