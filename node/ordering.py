"""Ordering of blocks through etcd: a small interface of our own, and its etcd implementation.

Safety comes from one thing only: block N is appended by an etcd transaction that succeeds only
if the chain head is still N-1 (a compare-and-swap, ordered by etcd's Raft). Everything else here
is plumbing around that swap:

- **Retries are idempotent.** After a deadline or a transport error the outcome of an append is
  unknown, so the same transaction is sent again; its failure branch reads back the block stored
  at that height, and the append committed iff that block is ours, byte for byte.
- **etcd is a bounded window, not the archive.** Every node reports the height it has applied;
  `prune` deletes what every node has applied (minus a margin), compacts and defragments. A reader
  asking for a height below the window gets `BlocksPruned(oldest_available)` and fetches older
  blocks from peers.
- **Reads are paginated** (one range read over gRPC's 4 MiB message limit fails) and pinned to
  the revision of their first page, so a multi-page read is one consistent snapshot.
- **Watches are not trusted to be complete.** A watch is a fast path: it is resumed from a
  paginated read whenever it breaks, is cancelled by a compaction, skips a height, falls too far
  behind, or stays idle while the head has moved on. Blocks are delivered by height, exactly once.
- The **proposer key** (lease-bound, put-if-absent) only spares racing proposers the lost work;
  it is never used for safety (a lease can expire while its holder still thinks it holds it).

Keys, under ``/cets/<chain_id>/``: ``head`` (height, decimal ASCII), ``blocks/<height:020d>``,
``sigs/<height:020d>/<participant>``, ``applied/<participant>``, ``proposer``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ipaddress
import re
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Protocol, TypeVar, runtime_checkable

import grpc
import grpc.aio
import structlog

from cets.node.etcd_process import EtcdTls

log = structlog.get_logger("cets.ordering")

MAX_REQUEST_BYTES = 1_572_864  # etcd --max-request-bytes (1.5 MiB)
MAX_BLOCK_BYTES = MAX_REQUEST_BYTES - 4096  # room for the keys and the transaction around the block
HEIGHT_DIGITS = 20
PAGE_BYTES_MAX = 3 * 1024 * 1024  # below gRPC's 4 MiB default receive limit
PAGE_KEYS_MAX = 256  # a cap on one page, whatever the size estimate says
WATCH_BUFFER_BYTES_MAX = 64 * 1024 * 1024  # a watcher further behind than this resyncs by reads

T = TypeVar("T")


class OrderingError(Exception):
    """Base of the ordering errors."""


class OrderingUnavailable(OrderingError):
    """etcd gave no definitive answer within the retry budget (the outcome is unknown)."""


class BlocksPruned(OrderingError):
    """The requested heights are below etcd's window; fetch them from peers.

    `oldest_available` is the lowest height etcd still holds (head + 1 if it holds none).
    """

    def __init__(self, oldest_available: int) -> None:
        super().__init__(f"blocks below {oldest_available} are no longer in etcd")
        self.oldest_available = oldest_available


@runtime_checkable
class Ordering(Protocol):
    """What a cluster node needs from its ordering service."""

    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def head(self) -> int: ...

    async def append(self, height: int, block: bytes) -> bool: ...

    async def block(self, height: int) -> bytes | None: ...

    def blocks(self, from_height: int, to_height: int, page_bytes_max: int = PAGE_BYTES_MAX
               ) -> AsyncIterator[tuple[int, bytes]]: ...

    def watch_blocks(self, from_height: int) -> AsyncIterator[tuple[int, bytes]]: ...

    async def put_signature(self, height: int, participant_id: str, record: bytes) -> None: ...

    async def signatures(self, height: int) -> dict[str, bytes]: ...

    def watch_signatures(self, from_height: int) -> AsyncIterator[tuple[int, str, bytes]]: ...

    async def report_applied(self, participant_id: str, height: int) -> None: ...

    async def applied(self) -> dict[str, int]: ...

    async def prune(self, participants: Sequence[str], keep_last: int = 100) -> int: ...

    async def campaign(self, participant_id: str, ttl_s: int = 2) -> bool: ...

    async def current_proposer(self) -> str | None: ...

    async def resign(self) -> None: ...


# ---------------------------------------------------------------------------------------------
# Errors worth a retry


_RETRY_CODES = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNKNOWN,
                grpc.StatusCode.ABORTED}


def _rpc_code(error: BaseException) -> grpc.StatusCode | None:
    """The gRPC status behind `error` (etcd3aio wraps some codes in its own exceptions)."""
    seen: BaseException | None = error
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, grpc.aio.AioRpcError):
            return seen.code()
        seen = seen.__cause__
    return None


def _retryable(error: BaseException) -> bool:
    from etcd3aio import EtcdConnectionError, EtcdTransientError

    if isinstance(error, (TimeoutError, EtcdConnectionError, EtcdTransientError, ConnectionError)):
        return True
    return _rpc_code(error) in _RETRY_CODES


class _Compacted(Exception):
    """A read pinned to a revision found that revision compacted."""


# ---------------------------------------------------------------------------------------------
# Endpoints


# ASCII digits only: `str.isdigit` takes "²" (which `int` then refuses with a confusing message)
# and other scripts' digits (which `int` reads, so "host:٢٣٧٩" would pass as port 2379).
_PORT = re.compile(r"[0-9]+")


def _split_host_port(endpoint: str) -> tuple[str, int]:
    endpoint = endpoint.strip()
    for scheme in ("http://", "https://"):
        endpoint = endpoint.removeprefix(scheme)
    endpoint = endpoint.rstrip("/")
    if endpoint.startswith("["):
        host, _, port = endpoint[1:].partition("]:")
    else:
        host, _, port = endpoint.rpartition(":")
    if not host or not _PORT.fullmatch(port) or not 1 <= int(port) <= 65535:
        raise ValueError(f"etcd endpoint must be host:port with a port 1..65535, got {endpoint!r}")
    return host, int(port)


async def _resolve_endpoints(endpoints: Sequence[str]) -> tuple[list[str], list[str]]:
    """(IPv4 ``ip:port`` list for etcd3aio's ``ipv4:`` target, the host names that were resolved)."""
    resolved, names = [], []
    loop = asyncio.get_running_loop()
    for endpoint in endpoints:
        host, port = _split_host_port(endpoint)
        if host == "localhost":
            host = "127.0.0.1"
        try:
            ip = str(ipaddress.IPv4Address(host))
        except ValueError:
            names.append(host)
            infos = await loop.getaddrinfo(host, port, family=socket.AF_INET, type=socket.SOCK_STREAM)
            ip = infos[0][4][0]
        resolved.append(f"{ip}:{port}")
    return resolved, names


# ---------------------------------------------------------------------------------------------
# A watch stream pumped into a buffer, so that the reader can time out without killing the stream


class _Pump:
    def __init__(self) -> None:
        self.events: collections.deque = collections.deque()
        self.buffered_bytes = 0
        self.broken = False
        self.ready = asyncio.Event()
        self.task: asyncio.Task | None = None

    async def next(self, idle_s: float):
        """The next event; None after `idle_s` without one; raises _Broken once drained and broken."""
        while not self.events:
            if self.broken:
                raise _Broken
            self.ready.clear()
            try:
                await asyncio.wait_for(self.ready.wait(), idle_s)
            except TimeoutError:
                return None
        event = self.events.popleft()
        self.buffered_bytes -= len(event.kv.value)
        return event

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task


class _Broken(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# The etcd implementation


class EtcdOrdering:
    """`Ordering` on etcd v3 through etcd3aio (one gRPC channel, round-robin over `endpoints`).

    `request_timeout_s` bounds every single request (a request through a follower can hang until
    its deadline); `retry_budget_s` bounds the retries of one operation, after which it raises
    `OrderingUnavailable`. Watches never give up on a transient error: they log and resync.
    With `tls`, `tls_server_name` is the name checked in every member's certificate (one channel
    serves all endpoints): default "localhost" for loopback endpoints, else the first host name.
    """

    def __init__(self, endpoints: Sequence[str], chain_id: str, tls: EtcdTls | None = None,
                 request_timeout_s: float = 2.0, *, retry_budget_s: float = 10.0,
                 tls_server_name: str | None = None, watch_idle_check_s: float = 1.0,
                 defragment_timeout_s: float = 30.0) -> None:
        if not endpoints:
            raise ValueError("no etcd endpoints")
        if not chain_id or "/" in chain_id:
            raise ValueError(f"invalid chain id {chain_id!r}")
        self.endpoints = list(endpoints)
        self.chain_id = chain_id
        self.tls = tls
        self.request_timeout_s = request_timeout_s
        self.retry_budget_s = retry_budget_s
        self.tls_server_name = tls_server_name
        self.watch_idle_check_s = watch_idle_check_s
        self.defragment_timeout_s = defragment_timeout_s
        prefix = f"/cets/{chain_id}/"
        self._head_key = (prefix + "head").encode()
        self._blocks_prefix = (prefix + "blocks/").encode()
        self._sigs_prefix = (prefix + "sigs/").encode()
        self._applied_prefix = (prefix + "applied/").encode()
        self._proposer_key = (prefix + "proposer").encode()
        self._client = None
        self._resolved: list[str] = []
        self._conn_args: dict = {}
        self._block_size_hint = 64 * 1024
        self._lease_id: int | None = None
        self._lease_ttl_s = 0
        self._keepalive_task: asyncio.Task | None = None

    # -- keys ---------------------------------------------------------------------------------
    def _block_key(self, height: int) -> bytes:
        return self._blocks_prefix + b"%020d" % height

    def _sig_height_prefix(self, height: int) -> bytes:
        return self._sigs_prefix + b"%020d/" % height

    def _height_of(self, key: bytes, prefix: bytes) -> int:
        return int(key[len(prefix):len(prefix) + HEIGHT_DIGITS])

    def _sig_key_parts(self, key: bytes) -> tuple[int, str]:
        rest = key[len(self._sigs_prefix):]
        return int(rest[:HEIGHT_DIGITS]), rest[HEIGHT_DIGITS + 1:].decode()

    @staticmethod
    def _prefix_end(prefix: bytes) -> bytes:
        from etcd3aio import prefix_range_end

        return prefix_range_end(prefix)

    # -- lifecycle ----------------------------------------------------------------------------
    async def connect(self) -> None:
        from etcd3aio import Etcd3Client

        if self._client is not None:
            return
        self._resolved, names = await _resolve_endpoints(self.endpoints)
        if self.tls is not None:
            server_name = self.tls_server_name or (names[0] if names else "localhost")
            self._conn_args = dict(ca_cert=self.tls.ca_file.read_bytes(), cert_chain=self.tls.cert_file.read_bytes(),
                                   cert_key=self.tls.key_file.read_bytes(), tls_server_name=server_name)
        client = Etcd3Client(self._resolved, rpc_max_attempts=1, watch_reconnect_backoff_seconds=0.1,
                             watch_max_reconnect_backoff_seconds=1.0, **self._conn_args)
        await client.connect()
        self._client = client

    async def close(self) -> None:
        await self._stop_keepalive()
        if self._lease_id is not None and self._client is not None:
            with contextlib.suppress(Exception):  # hand the proposer role over at once, best effort
                await self._client.lease.revoke(self._lease_id, timeout=min(0.5, self.request_timeout_s), max_attempts=1)
        self._lease_id = None
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()

    async def __aenter__(self) -> EtcdOrdering:
        await self.connect()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    @property
    def _etcd(self):
        if self._client is None:
            raise RuntimeError("EtcdOrdering is not connected (call connect())")
        return self._client

    async def _retry(self, what: str, call: Callable[[], Awaitable[T]], budget_s: float | None = None) -> T:
        """`call` (one request, bounded by request_timeout_s) retried on transient errors within the budget."""
        deadline = time.monotonic() + (self.retry_budget_s if budget_s is None else budget_s)
        backoff = 0.05
        while True:
            try:
                return await call()
            except Exception as error:
                if not _retryable(error):
                    raise
                if time.monotonic() + backoff >= deadline:
                    raise OrderingUnavailable(f"etcd {what}: no answer within the retry budget ({error!r})") from error
                log.debug("etcd request failed, retrying", what=what, error=repr(error))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 0.5)

    async def _get(self, key: bytes, **kwargs):
        return await self._retry("get", lambda: self._etcd.kv.get(
            key, timeout=self.request_timeout_s, max_attempts=1, **kwargs))

    # -- head and blocks ----------------------------------------------------------------------
    async def head(self) -> int:
        response = await self._get(self._head_key)
        return int(response.kvs[0].value) if response.kvs else 0

    async def append(self, height: int, block: bytes) -> bool:
        """Append `block` at `height` iff the head is `height - 1`; True iff `block` is stored there.

        Idempotent: appending the block that is already stored at `height` returns True. Raises
        ValueError for a bad height or an oversized block, OrderingUnavailable when etcd gives no
        definitive answer within the retry budget (the block may or may not have committed: read
        `block(height)` later), BlocksPruned if `height` is already below etcd's window.
        """
        if height < 1:
            raise ValueError(f"height must be >= 1, got {height}")
        if len(block) > MAX_BLOCK_BYTES:
            raise ValueError(f"block of {len(block)} bytes exceeds the {MAX_BLOCK_BYTES} bytes etcd takes in one request")
        kv = self._etcd.kv
        block_key = self._block_key(height)
        if height == 1:
            compare = [kv.txn_compare_version(self._head_key, 0)]
        else:
            compare = [kv.txn_compare_value(self._head_key, str(height - 1).encode())]
        success = [kv.txn_op_put(self._head_key, str(height).encode()), kv.txn_op_put(block_key, block)]
        failure = [kv.txn_op_get(self._head_key), kv.txn_op_get(block_key)]
        # The same transaction is its own retry: if an earlier attempt committed, the compare
        # fails and the failure branch shows our block at `height`.
        response = await self._retry("append", lambda: self._etcd.kv.txn(
            compare, success, failure, timeout=self.request_timeout_s, max_attempts=1))
        if response.succeeded:
            return True
        head_kvs = response.responses[0].response_range.kvs
        block_kvs = response.responses[1].response_range.kvs
        if block_kvs:
            return block_kvs[0].value == block
        current = int(head_kvs[0].value) if head_kvs else 0
        if current >= height:  # a block was appended at `height` and pruned since
            raise BlocksPruned(await self._oldest_available(current))
        return False

    async def block(self, height: int) -> bytes | None:
        response = await self._get(self._block_key(height))
        return response.kvs[0].value if response.kvs else None

    async def _oldest_available(self, head: int | None = None) -> int:
        response = await self._get(self._block_key(0), range_end=self._prefix_end(self._blocks_prefix), limit=1,
                                   keys_only=True)
        if response.kvs:
            return self._height_of(response.kvs[0].key, self._blocks_prefix)
        return (await self.head() if head is None else head) + 1

    async def _range(self, start: bytes, end: bytes, page_bytes_max: int, size_hint: int,
                     revision_out: list[int] | None = None, pinned: bool = True) -> AsyncIterator:
        """Key-values in [start, end), ascending, in pages of about `page_bytes_max`.

        Pages after the first are read at the first page's revision (appended to `revision_out`).
        A page is sized from the largest value seen so far; a page over gRPC's message limit is
        retried with fewer keys. Raises _Compacted if the pinned revision is compacted mid-read.
        """
        key, revision = start, 0
        limit = max(1, min(PAGE_KEYS_MAX, page_bytes_max // max(size_hint, 1)))
        while True:
            try:
                response = await self._retry("range", lambda: self._etcd.kv.get(
                    key, end, revision=revision, limit=limit, timeout=self.request_timeout_s, max_attempts=1))
            except grpc.aio.AioRpcError as error:
                if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and limit > 1:
                    limit = max(1, limit // 4)
                    continue
                if error.code() == grpc.StatusCode.OUT_OF_RANGE and revision:
                    raise _Compacted from error
                raise
            if revision == 0:
                revision = response.header.revision if pinned else 0
                if revision_out is not None:
                    revision_out.append(response.header.revision)
            for item in response.kvs:
                yield item
            if not response.more or not response.kvs:
                return
            key = response.kvs[-1].key + b"\x00"
            largest = max(len(item.value) for item in response.kvs)
            limit = max(1, min(PAGE_KEYS_MAX, page_bytes_max // max(largest, 1024)))

    async def _read_blocks(self, from_height: int, to_height: int | None, page_bytes_max: int,
                           revision_out: list[int] | None = None) -> AsyncIterator[tuple[int, bytes]]:
        """Blocks from `from_height` (to `to_height` inclusive, or all), contiguous, else BlocksPruned."""
        expected = from_height
        end = self._block_key(to_height + 1) if to_height is not None else self._prefix_end(self._blocks_prefix)
        while to_height is None or expected <= to_height:
            try:
                async for item in self._range(self._block_key(expected), end, page_bytes_max,
                                              self._block_size_hint, revision_out):
                    height = self._height_of(item.key, self._blocks_prefix)
                    if height != expected:
                        raise BlocksPruned(height)
                    self._block_size_hint = max(1024, len(item.value))
                    yield height, item.value
                    expected += 1
                break
            except _Compacted:
                continue  # blocks never change once written: go on from `expected` at the new revision
        if expected == from_height and (to_height is None or from_height <= to_height):
            head = await self.head()  # nothing read: beyond the head, or below the window?
            if head >= from_height:
                oldest = await self._oldest_available(head)
                if oldest > from_height:
                    raise BlocksPruned(oldest)

    async def blocks(self, from_height: int, to_height: int, page_bytes_max: int = PAGE_BYTES_MAX
                     ) -> AsyncIterator[tuple[int, bytes]]:
        """Blocks `from_height`..`to_height` (inclusive) that exist, ascending, read in pages.

        Stops at the head. Raises BlocksPruned if `from_height` is below etcd's window.
        """
        if from_height < 1:
            raise ValueError(f"from_height must be >= 1, got {from_height}")
        async for height, value in self._read_blocks(from_height, to_height, page_bytes_max):
            yield height, value

    async def watch_blocks(self, from_height: int) -> AsyncIterator[tuple[int, bytes]]:
        """Every block from `from_height` on, in height order, exactly once each, forever.

        Reads what exists (paginated), then watches from the revision after that read; whenever
        the watch breaks, is compacted, skips a height or idles while the head moved, it resyncs
        by reads from the next height. Raises BlocksPruned if the next height is below the window.
        """
        from etcd3aio import WatchFilter

        if from_height < 1:
            raise ValueError(f"from_height must be >= 1, got {from_height}")
        next_height = from_height
        backoff = 0.1
        while True:
            revisions: list[int] = []
            try:
                async for height, value in self._read_blocks(next_height, None, PAGE_BYTES_MAX, revisions):
                    yield height, value
                    next_height = height + 1
                if not revisions:
                    continue
            except OrderingUnavailable as error:
                log.warning("block watch: etcd unavailable, retrying", error=str(error), next_height=next_height)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
                continue
            backoff = 0.1
            pump = self._start_pump(self._block_key(next_height), self._prefix_end(self._blocks_prefix),
                                    max(revisions) + 1, [WatchFilter.NODELETE])
            delivered = 0
            try:
                while True:
                    try:
                        event = await pump.next(self.watch_idle_check_s)
                    except _Broken:
                        if not delivered:  # broke at once: do not spin between reads and watches
                            await asyncio.sleep(min(self.watch_idle_check_s, 0.2))
                        break
                    if event is None:  # idle: has the head moved past what the watch delivered?
                        try:
                            if await self._retry("head", self._head_once, budget_s=self.request_timeout_s) >= next_height:
                                break
                        except OrderingUnavailable:
                            break
                        continue
                    height = self._height_of(event.kv.key, self._blocks_prefix)
                    if height < next_height:
                        continue
                    if height > next_height:
                        break  # the watch skipped a height: resync by reads
                    yield height, event.kv.value
                    next_height = height + 1
                    delivered += 1
            finally:
                await pump.stop()

    async def _head_once(self) -> int:
        response = await self._etcd.kv.get(self._head_key, timeout=self.request_timeout_s, max_attempts=1)
        return int(response.kvs[0].value) if response.kvs else 0

    def _start_pump(self, key: bytes, end: bytes, start_revision: int, filters: Sequence) -> _Pump:
        pump = _Pump()
        pump.task = asyncio.get_running_loop().create_task(self._run_pump(pump, key, end, start_revision, filters),
                                                           name="etcd-watch")
        return pump

    async def _run_pump(self, pump: _Pump, key: bytes, end: bytes, start_revision: int, filters: Sequence) -> None:
        stream = self._etcd.watch.watch(key, end, start_revision=start_revision, filters=filters)
        try:
            async for response in stream:
                if response.canceled or response.compact_revision:
                    log.info("watch cancelled by etcd", compact_revision=response.compact_revision,
                             reason=response.cancel_reason)
                    return
                for event in response.events:
                    pump.events.append(event)
                    pump.buffered_bytes += len(event.kv.value)
                if response.events:
                    pump.ready.set()
                if pump.buffered_bytes > WATCH_BUFFER_BYTES_MAX:
                    log.info("watcher too far behind, resyncing by reads", buffered=pump.buffered_bytes)
                    return
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - any broken watch is resynced by reads
            log.info("watch broke", error=repr(error))
        finally:
            pump.broken = True
            pump.ready.set()
            with contextlib.suppress(Exception):
                await stream.aclose()

    # -- signatures ---------------------------------------------------------------------------
    async def put_signature(self, height: int, participant_id: str, record: bytes) -> None:
        if height < 1 or not participant_id or "/" in participant_id:
            raise ValueError(f"bad signature key: height {height}, participant {participant_id!r}")
        key = self._sig_height_prefix(height) + participant_id.encode()
        await self._retry("put signature", lambda: self._etcd.kv.put(
            key, record, timeout=self.request_timeout_s, max_attempts=1))

    async def signatures(self, height: int) -> dict[str, bytes]:
        prefix = self._sig_height_prefix(height)
        out: dict[str, bytes] = {}
        while True:
            try:
                async for item in self._range(prefix, self._prefix_end(prefix), PAGE_BYTES_MAX, 4096):
                    out[item.key[len(prefix):].decode()] = item.value
                return out
            except _Compacted:
                out.clear()

    async def watch_signatures(self, from_height: int) -> AsyncIterator[tuple[int, str, bytes]]:
        """(height, participant, record) of every signature at `from_height` or above: existing ones
        first, then as they are put, forever. A record put again is yielded again; each put once."""
        start = self._sig_height_prefix(max(1, from_height))
        end = self._prefix_end(self._sigs_prefix)
        seen: dict[bytes, int] = {}  # key -> mod revision yielded (only keys etcd still holds)
        position = 0  # every put at or below this revision has been yielded
        backoff = 0.1
        while True:
            revisions: list[int] = []
            present: set[bytes] = set()
            try:
                async for item in self._range(start, end, PAGE_BYTES_MAX, 4096, revisions, pinned=False):
                    present.add(item.key)
                    if item.mod_revision > seen.get(item.key, 0):
                        seen[item.key] = item.mod_revision
                        height, participant = self._sig_key_parts(item.key)
                        yield height, participant, item.value
            except OrderingUnavailable as error:
                log.warning("signature watch: etcd unavailable, retrying", error=str(error))
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
                continue
            backoff = 0.1
            # The read was unpinned (pages at increasing revisions): watch from the first page's
            # revision, so a put racing the read is seen again (and skipped by `seen`), never lost.
            position = max(position, min(revisions)) if revisions else position
            for key in [k for k in seen if k not in present and seen[k] <= position]:
                del seen[key]
            pump = self._start_pump(start, end, position + 1, [])
            try:
                while True:
                    try:
                        event = await pump.next(self.watch_idle_check_s)
                    except _Broken:
                        await asyncio.sleep(min(self.watch_idle_check_s, 0.2))  # never spin
                        break
                    if event is None:  # idle: is there a put newer than what we delivered?
                        try:
                            newest = await self._retry("newest signature", lambda: self._newest_revision(start, end),
                                                       budget_s=self.request_timeout_s)
                        except OrderingUnavailable:
                            break
                        if newest > position:
                            break
                        continue
                    key, revision = event.kv.key, event.kv.mod_revision
                    if event.type == 1:  # DELETE (pruned)
                        seen.pop(key, None)
                        continue
                    position = max(position, revision)
                    if revision > seen.get(key, 0):
                        seen[key] = revision
                        height, participant = self._sig_key_parts(key)
                        yield height, participant, event.kv.value
            finally:
                await pump.stop()

    async def _newest_revision(self, start: bytes, end: bytes) -> int:
        from etcd3aio import SortOrder, SortTarget

        response = await self._etcd.kv.get(start, end, limit=1, keys_only=True, sort_order=SortOrder.DESCEND,
                                           sort_target=SortTarget.MOD, timeout=self.request_timeout_s, max_attempts=1)
        return response.kvs[0].mod_revision if response.kvs else 0

    # -- applied heights and pruning ----------------------------------------------------------
    async def report_applied(self, participant_id: str, height: int) -> None:
        if not participant_id or "/" in participant_id:
            raise ValueError(f"bad participant id {participant_id!r}")
        key = self._applied_prefix + participant_id.encode()
        await self._retry("report applied", lambda: self._etcd.kv.put(
            key, str(height).encode(), timeout=self.request_timeout_s, max_attempts=1))

    async def applied(self) -> dict[str, int]:
        """Applied height reported by each participant."""
        response = await self._get(self._applied_prefix, range_end=self._prefix_end(self._applied_prefix))
        return {item.key[len(self._applied_prefix):].decode(): int(item.value) for item in response.kvs}

    async def prune(self, participants: Sequence[str], keep_last: int = 100) -> int:
        """Delete blocks and signatures below min(applied of `participants`) - `keep_last`.

        A participant that never reported counts as 0 (nothing is pruned). The head block is
        always kept. Then compacts at the current revision and defragments each member (best
        effort). Returns the number of blocks deleted.
        """
        if keep_last < 0:
            raise ValueError("keep_last must be >= 0")
        if not participants:
            return 0
        applied = await self.applied()
        cutoff = min(min(applied.get(p, 0) for p in participants), await self.head()) - keep_last
        if cutoff <= 1:
            return 0
        kv = self._etcd.kv
        ops = [kv.txn_op_delete(self._block_key(0), range_end=self._block_key(cutoff)),
               kv.txn_op_delete(self._sigs_prefix, range_end=self._sig_height_prefix(cutoff)[:-1])]
        response = await self._retry("prune", lambda: kv.txn([], ops, timeout=self.request_timeout_s, max_attempts=1))
        deleted = response.responses[0].response_delete_range.deleted
        await self._compact(response.header.revision)
        if deleted:
            await self._defragment_all()
        log.info("pruned etcd", below=cutoff, blocks=deleted, revision=response.header.revision)
        return deleted

    async def _compact(self, revision: int) -> None:
        try:
            await self._etcd.kv.compact(revision, timeout=self.request_timeout_s, max_attempts=1)
        except Exception as error:  # noqa: BLE001 - already compacted by another node, or a timeout
            log.info("compaction skipped", revision=revision, error=repr(error))

    async def _defragment_all(self) -> None:
        """Defragment each member in turn (defragmenting blocks that member while it runs)."""
        from etcd3aio import Etcd3Client

        for endpoint in self._resolved:
            client = Etcd3Client([endpoint], rpc_max_attempts=1, **self._conn_args)
            try:
                await client.connect()
                await client.maintenance.defragment(timeout=self.defragment_timeout_s, max_attempts=1)
            except Exception as error:  # noqa: BLE001 - best effort
                log.info("defragment failed", endpoint=endpoint, error=repr(error))
            finally:
                with contextlib.suppress(Exception):
                    await client.close()

    # -- proposer (efficiency only, never safety) ---------------------------------------------
    async def campaign(self, participant_id: str, ttl_s: int = 2) -> bool:
        """Take the proposer key if nobody holds it; True iff we hold it (through our live lease)."""
        kv = self._etcd.kv
        if self._lease_id is not None and self._keepalive_task is not None and not self._keepalive_task.done():
            current = await self._get(self._proposer_key)
            if current.kvs and current.kvs[0].lease == self._lease_id and current.kvs[0].value == participant_id.encode():
                return True
        await self.resign()  # a lease we no longer need (expired, or lost the key)
        lease = await self._retry("lease grant", lambda: self._etcd.lease.grant(
            ttl_s, timeout=self.request_timeout_s, max_attempts=1))
        compare = [kv.txn_compare_create_revision(self._proposer_key, 0)]
        success = [kv.txn_op_put(self._proposer_key, participant_id.encode(), lease=lease.ID)]
        failure = [kv.txn_op_get(self._proposer_key)]
        try:
            response = await self._retry("campaign", lambda: kv.txn(
                compare, success, failure, timeout=self.request_timeout_s, max_attempts=1))
        except BaseException:
            await self._revoke(lease.ID)
            raise
        held = response.succeeded
        if not held:
            kvs = response.responses[0].response_range.kvs
            held = bool(kvs) and kvs[0].lease == lease.ID  # an earlier attempt of this call won
        if not held:
            await self._revoke(lease.ID)
            return False
        self._lease_id, self._lease_ttl_s = lease.ID, max(1, int(lease.TTL or ttl_s))
        self._keepalive_task = asyncio.get_running_loop().create_task(
            self._keepalive(lease.ID, self._lease_ttl_s), name="etcd-proposer-keepalive")
        return True

    async def _keepalive(self, lease_id: int, ttl_s: int) -> None:
        """Refresh the lease every ttl/3 s; each refresh bounded by the request timeout."""
        interval = ttl_s / 3
        last_ok = time.monotonic()
        while True:
            await asyncio.sleep(interval)
            call = self._etcd.lease.keep_alive(lease_id)
            try:
                response = await asyncio.wait_for(call.read(), min(self.request_timeout_s, interval * 2))
                if response is grpc.aio.EOF or response.TTL <= 0:
                    log.info("proposer lease expired", lease=lease_id)
                    return
                last_ok = time.monotonic()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001
                log.info("proposer keepalive failed", error=repr(error))
                if time.monotonic() - last_ok > ttl_s:
                    return  # the lease is gone by now
            finally:
                call.cancel()

    async def _stop_keepalive(self) -> None:
        task, self._keepalive_task = self._keepalive_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _revoke(self, lease_id: int) -> None:
        with contextlib.suppress(Exception):
            await self._retry("lease revoke", lambda: self._etcd.lease.revoke(
                lease_id, timeout=self.request_timeout_s, max_attempts=1), budget_s=self.request_timeout_s * 2)

    async def current_proposer(self) -> str | None:
        response = await self._get(self._proposer_key)
        return response.kvs[0].value.decode() if response.kvs else None

    async def resign(self) -> None:
        """Stop refreshing and revoke our lease (which deletes the proposer key if it is ours)."""
        await self._stop_keepalive()
        lease_id, self._lease_id = self._lease_id, None
        if lease_id is not None:
            await self._revoke(lease_id)
