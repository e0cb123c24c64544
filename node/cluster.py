"""Cluster ordering: blocks appended through etcd, validated and cosigned by every node.

A node proposes a block by building it on its own head and appending it to etcd with a
compare-and-swap on the chain head (`node/ordering.py`): the swap, and nothing else, decides the
order. Every node, the proposer included, applies the blocks it watches in height order: it
re-validates each block completely (`ledger.verify.verify_block`), commits it to LMDB, signs the
header and publishes the signature. A block is final once a quorum of institutions has signed the
same header. A block that does not verify is kept as evidence and the node halts rather than apply
it; a signature over a different header at a height it has applied is kept as evidence of
equivocation. Blocks older than etcd's window come from peer nodes over gRPC, verified with their
quorum signatures before use.

An observer (no node key) follows either etcd, like the voters (a read replica inside an
institution), or, given no etcd at all, its peers' final blocks over gRPC (an auditor's node: it
needs a client certificate for the nodes, never access to the ordering service, so it cannot
append to it).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Sequence

import grpc
import structlog

from cets.v1 import ledger_pb2 as pb
from cets.ledger import crypto
from cets.ledger.chain import BuiltBlock, Tip, build_block, result_bytes
from cets.ledger.errors import ChainError
from cets.ledger.keyfile import KeyFile
from cets.ledger.state import State
from cets.ledger.verify import node_key_at, parse_block, verify_block
from cets.node.errors import NodeHalted, NodeKeyUnavailable, NodeStopping, ReadOnlyNode
from cets.node.keyring import NodeKeyring
from cets.node.ordering import MAX_BLOCK_BYTES, BlocksPruned, Ordering
from cets.node.sequencer import Sequencer, SequencerConfig, _Pending, receipt_from_result, wall_clock_ms

log = structlog.get_logger("cets.cluster")

RETRY_DELAY_S = 0.2
BLOCK_TIME_AHEAD_MS_MAX = 60_000
FINAL_WAIT_S = 3.0
APPLIED_REPORT_EVERY = 16
PEER_DEADLINE_S = 30.0
FOLLOW_STREAM_S = 10.0  # a following stream is reopened this often, so a silent or stuck peer cannot stall it


class PeerBlockInvalid(Exception):
    """A block a peer served for catch-up does not verify: try another peer."""


def _sign(key: KeyFile, header: bytes) -> pb.Signature:
    return pb.Signature(key_id=key.key_id, signature=key.signer.sign_header(header))


@dataclass(frozen=True)
class ClusterConfig:
    peers: Sequence[str] = ()  # other nodes' gRPC targets, for catch-up beyond etcd's window
    peer_credentials: grpc.ChannelCredentials | None = None
    voters: Sequence[str] = ("MEE", "REG", "EXCH")  # institutions whose applied heights bound pruning
    prune_keep_blocks: int = 1_000  # blocks kept in etcd below the slowest live voter's height
    prune_every_blocks: int = 500
    prune_lag_max_blocks: int = 20_000  # a voter further behind is left to catch up from peers
    advertise: str = ""  # this node's gRPC target as peers reach it; empty: never the preferred proposer
    campaign_interval_s: float = 0.5
    proposer_lease_s: int = 2
    forward_timeout_s: float = 5.0


@dataclass
class _Signatures:
    """Signature records seen at one height, by institution."""

    records: dict[str, pb.SignatureRecord] = field(default_factory=dict)


class ClusterSequencer(Sequencer):
    """A Sequencer whose blocks are ordered by etcd and cosigned by the other institutions.

    `keyring` None makes an observer: it follows, verifies and serves the chain, never proposes
    and never signs. An observer given no `ordering` follows its peers' final blocks over gRPC.
    """

    guards_own_keys = False  # co-signers keep the quorum; the node signs again once its key file is installed

    def __init__(self, store, keyring: NodeKeyring | None, ordering: Ordering | None, config: SequencerConfig = SequencerConfig(),
                 cluster: ClusterConfig = ClusterConfig(), clock=wall_clock_ms) -> None:
        if ordering is None and (keyring is not None or not cluster.peers):
            raise ValueError("without etcd, only an observer with peers can follow the chain")
        super().__init__(store, keyring, config, clock)
        self.ordering = ordering
        self.cluster = cluster
        self.final_height = int(store.get_meta("final_height") or b"0")
        self._pending_signatures: dict[int, _Signatures] = {}
        self._evidence: list[pb.Evidence] = [pb.Evidence.FromString(raw) for raw in self._stored_evidence()]
        self.halted: str | None = None
        self._last_built: BuiltBlock | None = None
        self._tasks: list[asyncio.Task] = []
        self._final_changed = asyncio.Condition()
        self._signature_lock = asyncio.Lock()
        self.proposer: str | None = None  # "<institution>@<target>" of the preferred proposer
        self._forward_clients: dict[str, object] = {}
        self._peer_clients: dict[str, object] = {}
        self._fallback_until = 0.0
        self._pruned_at = self.tip.height
        self.counters = {"appends_won": 0, "appends_lost": 0, "forward_calls": 0, "forward_failures": 0}

    @property
    def observer(self) -> bool:
        return self.keyring is None

    @property
    def participant_id(self) -> str:
        return "" if self.keyring is None else self.keyring.participant_id

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.ordering is None:
            self._tasks = [loop.create_task(self._follow_peers(), name="follow")]
            return
        self._tasks = [loop.create_task(self._apply_loop(), name="apply"),
                       loop.create_task(self._signature_loop(), name="signatures")]
        if not self.observer:
            self._task = loop.create_task(self._propose_loop(), name="propose")
            if self.cluster.advertise:
                self._tasks.append(loop.create_task(self._campaign_loop(), name="campaign"))
            self._tasks.append(loop.create_task(self._republish_own_signatures(), name="republish"))

    async def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._task, 5.0)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for client in [*self._forward_clients.values(), *self._peer_clients.values()]:
            with contextlib.suppress(Exception):
                await client.close()
        if self.ordering is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ordering.resign(), 2.0)
        async with self._head_changed:
            self._head_changed.notify_all()
        self._admission.shutdown(wait=False)
        self._writer.shutdown(wait=False)

    # -- submission -------------------------------------------------------------------------
    async def submit(self, raws: Sequence[bytes]) -> list[pb.Receipt]:
        if self.observer:
            raise ReadOnlyNode("an observer does not take transactions")
        if self.halted:
            raise NodeHalted(self.halted)
        receipts = await super().submit(raws)
        heights = sorted({r.height for r in receipts if r.height})
        if heights:
            await self.wait_final(heights[-1], FINAL_WAIT_S)
        for receipt in receipts:
            if receipt.height:
                receipt.final = receipt.height <= self.final_height
        return receipts

    async def wait_final(self, height: int, timeout_s: float) -> bool:
        async with self._final_changed:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._final_changed.wait_for(lambda: self.final_height >= height or self._stopping), timeout_s)
        return self.final_height >= height

    def evidence(self) -> list[pb.Evidence]:
        return list(self._evidence)

    # -- choosing a proposer (efficiency only: the compare-and-swap alone keeps order safe) ----
    @property
    def _proposer_token(self) -> str:
        return f"{self.participant_id}@{self.cluster.advertise}"

    async def _campaign_loop(self) -> None:
        """Hold the proposer lease when nobody does; know who holds it otherwise."""
        while not self._stopping:
            try:
                if not self._can_sign_next():  # let a node that can sign hold it
                    if self.proposer == self._proposer_token:
                        await self.ordering.resign()
                    self.proposer = await self.ordering.current_proposer()
                elif await self.ordering.campaign(self._proposer_token, self.cluster.proposer_lease_s):
                    self.proposer = self._proposer_token
                else:
                    self.proposer = await self.ordering.current_proposer()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.proposer = None
                log.warning("proposer campaign failed", error=repr(error))
            await asyncio.sleep(self.cluster.campaign_interval_s)

    def _can_sign_next(self) -> bool:
        with self.store.reader() as reader:
            return self.keyring.signer_at(State(reader), self.tip.height + 1) is not None

    def _forward_target(self) -> str | None:
        """The preferred proposer's target, unless it is this node or forwarding just failed."""
        if not self.proposer or self.proposer == self._proposer_token or time.monotonic() < self._fallback_until:
            return None
        return self.proposer.partition("@")[2] or None

    async def _forward(self, target: str, batch: list[_Pending]) -> None:
        """Hand admitted transactions to the preferred proposer; their receipts come from our own
        apply loop when its block arrives. On failure, propose them ourselves for a while."""
        from cets.clients.sdk import AsyncClient

        client = self._forward_clients.get(target)
        if client is None:
            client = AsyncClient(target, deadline_s=self.cluster.forward_timeout_s, credentials=self.cluster.peer_credentials)
            self._forward_clients[target] = client
        self.counters["forward_calls"] += 1
        try:
            receipts = await client.submit_batch([pending.tx.raw for pending in batch])
            for pending, receipt in zip(batch, receipts):
                if receipt.height == 0 and not pending.future.done():  # refused at the proposer's admission
                    self._inflight.pop(pending.tx.tx_id, None)
                    pending.future.set_result(receipt)
        except Exception as error:
            self.counters["forward_failures"] += 1
            log.warning("forwarding to the proposer failed, proposing ourselves", proposer=target, error=repr(error))
            self._fallback_until = time.monotonic() + 2 * self.cluster.proposer_lease_s
            for pending in batch:
                pending.forwarded = False
        self._wakeup.set()

    # -- proposing --------------------------------------------------------------------------
    async def _propose_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            await self._wakeup.wait()
            self._queue = [p for p in self._queue if not p.future.done()]
            waiting = [p for p in self._queue if not p.forwarded]
            if not waiting:
                self._wakeup.clear()
                continue
            target = self._forward_target()
            if target is not None:
                for pending in waiting:
                    pending.forwarded = True
                loop.create_task(self._forward(target, waiting))
                continue
            if self.halted:
                self._fail_queue(NodeHalted(self.halted))
                continue
            if len(self._queue) < self.config.block_tx_count_max:
                await asyncio.sleep(self.config.block_interval_ms / 1000)
            try:
                await self._propose_once(loop)
            except asyncio.CancelledError:
                raise
            except NodeKeyUnavailable as error:
                log.error("cannot propose", error=str(error))
                self._fail_queue(error)
            except Exception as error:  # etcd unreachable, a deadline: re-read the head and retry
                log.warning("proposal failed, retrying", error=repr(error))
                await asyncio.sleep(RETRY_DELAY_S)
        self._fail_queue(NodeStopping("the node is stopping"))

    async def _propose_once(self, loop: asyncio.AbstractEventLoop) -> None:
        head = await self.ordering.head()
        if head > self.tip.height:  # behind: apply what others appended first
            await self.wait_for_height(head, 2.0)
            return
        batch = [p for p in self._queue if not p.future.done() and not p.forwarded][: self.config.block_tx_count_max]
        if not batch:
            return
        built = await loop.run_in_executor(self._writer, self._build, batch)
        if built is None:
            return
        self._last_built = built
        appended = await self.ordering.append(built.tip.height, built.block.SerializeToString())
        self.counters["appends_won" if appended else "appends_lost"] += 1
        if not appended:
            log.info("lost the append race", height=built.tip.height)
        await self.wait_for_height(built.tip.height, 5.0)

    def _build(self, batch: list[_Pending]) -> BuiltBlock | None:
        """Build and sign the next block; halve the batch until it fits one etcd request."""
        tip = self.tip
        while True:
            with self.store.reader() as reader:
                key = self._signing_key(State(reader), tip.height + 1)
                built = build_block(reader, tip, self._clock(), key.participant_id, [p.tx.raw for p in batch], [p.tx for p in batch])
            built.block.signatures.append(_sign(key, built.header))
            if built.block.ByteSize() <= MAX_BLOCK_BYTES or len(batch) == 1:
                return built
            batch = batch[: len(batch) // 2]

    def _fail_queue(self, error: Exception) -> None:
        for pending in self._queue:
            self._inflight.pop(pending.tx.tx_id, None)
            if not pending.future.done():
                pending.future.set_exception(error)
        self._queue = []

    # -- applying ---------------------------------------------------------------------------
    async def _apply_loop(self) -> None:
        while not self._stopping and not self.halted:
            try:
                async for height, raw in self.ordering.watch_blocks(self.tip.height + 1):
                    if height <= self.tip.height:
                        continue
                    if height != self.tip.height + 1:
                        raise BlocksPruned(height)
                    await self._apply(height, raw)
                    if self.halted:
                        return
            except asyncio.CancelledError:
                raise
            except BlocksPruned as pruned:
                await self._catch_up_from_peers(pruned.oldest_available - 1)
            except Exception as error:
                log.warning("block watch broke, resuming", error=repr(error), height=self.tip.height)
                await asyncio.sleep(RETRY_DELAY_S)

    async def _apply(self, height: int, raw: bytes, quorum: int = 1, from_peer: bool = False) -> None:
        """Verify and commit the next block. An invalid block ordered through etcd halts the
        node; one served by a peer only disqualifies that peer (`PeerBlockInvalid`)."""
        loop = asyncio.get_running_loop()
        try:
            block, results, header_hash = await loop.run_in_executor(self._writer, self._verify_and_commit, height, raw, quorum, not from_peer)
        except ChainError as error:
            if from_peer:
                raise PeerBlockInvalid(error) from None
            self._halt(error, raw)
            return
        self._resolve_applied(block, results, header_hash)
        own = self._own_signature(block)
        if own is not None:
            await self._publish(pb.SignatureRecord(height=height, header_hash=header_hash, signature=own, header=block.header,
                                                   participant_id=self.participant_id))
        for record in self._pending_signatures.pop(height, _Signatures()).records.values():
            await self._take_signature(record)
        await self._update_finality(height, block)
        if height % APPLIED_REPORT_EVERY == 0:
            await self._report_applied(height)
        async with self._head_changed:
            self._head_changed.notify_all()

    def _own_signature(self, block: pb.Block) -> pb.Signature | None:
        if self.observer:
            return None
        held = self.keyring.key_ids
        return next((s for s in block.signatures if s.key_id in held), None)

    def _verify_and_commit(self, height: int, raw: bytes, quorum: int, check_clock: bool) -> tuple[pb.Block, list[pb.TxResult], bytes]:
        built = self._last_built
        if built is not None and built.tip.height == height and built.block.SerializeToString() == raw:
            block, writes, results = built.block, built.writes, list(built.results)  # our own block, just executed
        else:
            block = parse_block(height, raw)
            if check_clock:
                self._check_block_time(height, block)
            with self.store.reader() as reader:
                verified = verify_block(reader, self.tip, block, quorum)
            writes, results = verified.writes, verified.results
        header_hash = crypto.header_hash(block.header)
        if not self.observer and self._own_signature(block) is None:
            with self.store.reader() as reader:
                key = self.keyring.signer_at(State(reader), height)
            if key is not None:
                block.signatures.append(_sign(key, block.header))
            else:
                log.error("holding no node key that may sign this block: not cosigning", height=height, participant=self.participant_id)
        self.store.commit_block(height, header_hash, block.SerializeToString(), [r.tx_id for r in results], writes,
                                [result_bytes(r) for r in results])
        self._advance_tip(block.header, Tip.of_header(block.header))
        return block, results, header_hash

    def _check_block_time(self, height: int, block: pb.Block) -> None:
        """A node's own policy, outside the state machine: a block stamped far ahead of this
        node's clock would push every later block's time (and the created-time window) ahead."""
        time_ms = pb.BlockHeader.FromString(block.header).time_ms
        if time_ms > self._clock() + BLOCK_TIME_AHEAD_MS_MAX:
            raise ChainError(height, f"time_ms: {time_ms} is more than {BLOCK_TIME_AHEAD_MS_MAX} ms ahead of this node's clock")

    def _resolve_applied(self, block: pb.Block, results: list[pb.TxResult], header_hash: bytes) -> None:
        height = self.tip.height
        for index, result in enumerate(results):
            future = self._inflight.pop(result.tx_id, None)
            if future is not None and not future.done():
                future.set_result(receipt_from_result(result, height, index, header_hash, height <= self.final_height))

    def _halt(self, error: ChainError, raw: bytes) -> None:
        proposer = ""
        with contextlib.suppress(Exception):
            proposer = pb.BlockHeader.FromString(pb.Block.FromString(raw).header).proposer
        self._record_evidence(pb.Evidence(height=error.height, kind="invalid_block", participant_id=proposer, detail=error.what, items=[raw]))
        self.halted = f"block {error.height} does not verify: {error.what}"
        log.error("halting: invalid block", height=error.height, problem=error.what, proposer=proposer)
        self._fail_queue(NodeHalted(self.halted))

    # -- signatures and finality ------------------------------------------------------------
    async def _publish(self, record: pb.SignatureRecord) -> None:
        for _ in range(10):
            try:
                await self.ordering.put_signature(record.height, record.participant_id, record.SerializeToString())
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("publishing a signature failed, retrying", error=repr(error), height=record.height)
                await asyncio.sleep(RETRY_DELAY_S)

    async def _signature_loop(self) -> None:
        while not self._stopping:
            try:
                async for height, participant, raw in self.ordering.watch_signatures(max(self.final_height, 1)):
                    try:
                        record = pb.SignatureRecord.FromString(raw)
                    except Exception:
                        log.warning("unreadable signature record", height=height, participant=participant)
                        continue
                    if record.height != height or record.participant_id != participant:
                        continue
                    await self._take_signature(record)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("signature watch broke, resuming", error=repr(error))
                await asyncio.sleep(RETRY_DELAY_S)

    async def _take_signature(self, record: pb.SignatureRecord) -> None:
        async with self._signature_lock:  # the apply and signature loops both merge signatures
            await self._merge_signature(record)

    async def _merge_signature(self, record: pb.SignatureRecord) -> None:
        height = record.height
        if height > self.tip.height:
            self._pending_signatures.setdefault(height, _Signatures()).records[record.participant_id] = record
            return
        block = pb.Block.FromString(self.store.block(height))
        if not self._signature_valid(record):
            log.warning("invalid signature record ignored", height=height, participant=record.participant_id)
            return
        if record.header != block.header:
            # Only a header of this chain and this height proves equivocation: the record's own
            # height is not signed, so a genuine signature relabelled to another height proves nothing.
            try:
                signed = pb.BlockHeader.FromString(record.header)
            except Exception:
                return
            if signed.height != height or signed.chain_id != self.chain_id:
                log.warning("signature record relabelled to another height ignored", height=height, participant=record.participant_id)
                return
            self._record_evidence(pb.Evidence(
                height=height, kind="conflicting_header", participant_id=record.participant_id,
                detail=f"{record.participant_id} signed header {crypto.header_hash(record.header).hex()} at height {height}, "
                       f"the chain has {crypto.header_hash(block.header).hex()}",
                items=[record.SerializeToString(), block.header]))
            return
        if record.participant_id in self._signers(block, height):
            return  # one signature per institution and height
        block.signatures.append(record.signature)
        await asyncio.get_running_loop().run_in_executor(self._writer, self.store.replace_block, height, block.SerializeToString())
        await self._update_finality(height, block)

    def _signature_valid(self, record: pb.SignatureRecord) -> bool:
        """By a node key of the record's institution that could sign that height (registered
        before it, not revoked before it: what `ledger.verify` will demand), over its header."""
        with self.store.reader() as reader:
            key = node_key_at(State(reader), record.signature.key_id, record.height)
        return (key is not None and key.participant_id == record.participant_id
                and crypto.verify(key.public_key, record.signature.signature, crypto.HEADER_DOMAIN + record.header))

    def _signers(self, block: pb.Block, height: int) -> set[str]:
        with self.store.reader() as reader:
            state = State(reader)
            keys = (node_key_at(state, signature.key_id, height) for signature in block.signatures)
            return {key.participant_id for key in keys if key is not None}

    async def _update_finality(self, height: int, block: pb.Block) -> None:
        """Final height = the highest height up to which every block has its quorum."""
        final = self.final_height
        while final < self.tip.height:
            candidate = block if final + 1 == height else pb.Block.FromString(self.store.block(final + 1))
            if len(self._signers(candidate, final + 1)) < self.quorum:
                break
            final += 1
        if final > self.final_height:
            self.final_height = final
            self.store.put_meta("final_height", str(final).encode())
            async with self._final_changed:
                self._final_changed.notify_all()

    async def _republish_own_signatures(self) -> None:
        """After a restart, publish again what this node signed above the final height: it may
        have committed a block and died before its signature reached etcd."""
        for height in range(self.final_height + 1, self.tip.height + 1):
            block = pb.Block.FromString(self.store.block(height))
            own = self._own_signature(block)
            if own is not None:
                await self._publish(pb.SignatureRecord(height=height, header_hash=crypto.header_hash(block.header), signature=own,
                                                       header=block.header, participant_id=self.participant_id))

    # -- evidence, catch-up, pruning --------------------------------------------------------
    def _stored_evidence(self) -> list[bytes]:
        count = int(self.store.get_meta("evidence_count") or b"0")
        return [self.store.get_meta(f"evidence/{i}") for i in range(count)]

    def _record_evidence(self, evidence: pb.Evidence) -> None:
        for known in self._evidence:
            if known.height == evidence.height and known.kind == evidence.kind and known.participant_id == evidence.participant_id:
                return
        log.error("evidence of a fault", height=evidence.height, kind=evidence.kind, participant=evidence.participant_id, detail=evidence.detail)
        self.store.put_meta(f"evidence/{len(self._evidence)}", evidence.SerializeToString())
        self._evidence.append(evidence)
        self.store.put_meta("evidence_count", str(len(self._evidence)).encode())

    async def _apply_from_peer(self, peer: str, to_height: int, timeout_s: float | None = None) -> None:
        """Apply the final blocks `peer` streams from our next height (to `to_height`, 0: follow);
        each must carry its quorum of signatures (`PeerBlockInvalid` otherwise)."""
        client = self._peer_client(peer)
        async for block in client.stream_blocks(self.tip.height + 1, to_height, timeout_s=timeout_s, final_only=True):
            await self._apply(self.tip.height + 1, block.SerializeToString(), quorum=self.quorum, from_peer=True)

    def _peer_client(self, peer: str):
        """One channel per peer for catch-up, following and evidence: it reconnects by itself,
        so a follower reopening its stream every few seconds does not redo the TLS handshake."""
        from cets.clients.sdk import AsyncClient

        client = self._peer_clients.get(peer)
        if client is None:
            client = self._peer_clients[peer] = AsyncClient(peer, deadline_s=PEER_DEADLINE_S, credentials=self.cluster.peer_credentials)
        return client

    async def _drop_peer_client(self, peer: str) -> None:
        """After a failure: the next call dials afresh rather than wait out the channel's backoff."""
        client = self._peer_clients.pop(peer, None)
        if client is not None:
            with contextlib.suppress(Exception):
                await client.close()

    async def _catch_up_from_peers(self, to_height: int) -> None:
        """Fetch blocks etcd no longer holds from peers."""
        from cets.clients.sdk import CetsError

        for peer in self.cluster.peers:
            try:
                await self._apply_from_peer(peer, to_height)
                if self.tip.height >= to_height:
                    log.info("caught up from a peer", peer=peer, height=self.tip.height)
                    return
            except (CetsError, grpc.RpcError, OSError, PeerBlockInvalid) as error:
                log.warning("catch-up from a peer failed, trying the next", peer=peer, error=repr(error))
                await self._drop_peer_client(peer)
        await asyncio.sleep(1.0)  # no peer could help now; the apply loop will try again

    async def _follow_peers(self) -> None:
        """An observer without etcd: follow one peer's final blocks. Each stream is bounded by
        FOLLOW_STREAM_S; the observer stays with a peer while it brings blocks, and moves to the
        next on a break, a bad block, a peer that is down, or one that brought nothing in a whole
        stream (partitioned from etcd, or behind)."""
        from cets.clients.sdk import CetsError

        index = 0
        followed = None
        while not self._stopping:
            peer = self.cluster.peers[index % len(self.cluster.peers)]
            if peer != followed:
                log.info("observer follows a peer", peer=peer, height=self.tip.height)
                followed = peer
            before = self.tip.height
            problem = None
            try:
                await self._apply_from_peer(peer, 0, timeout_s=FOLLOW_STREAM_S)
            except asyncio.CancelledError:
                raise
            except CetsError as error:
                if error.status != grpc.StatusCode.DEADLINE_EXCEEDED:  # not the stream's own bound
                    problem = error
            except Exception as error:  # noqa: BLE001 - whatever breaks, the observer must go on following
                problem = error
            if problem is None and self.tip.height > before:
                continue  # it brings blocks: reopen the stream on the same peer
            if problem is not None:
                log.warning("following a peer failed, trying the next", peer=peer, error=repr(problem), height=self.tip.height)
                await self._drop_peer_client(peer)
            else:
                log.info("a peer brought no final block in a whole stream, trying the next", peer=peer, height=self.tip.height)
                await self._check_peer_evidence(peer)  # the chain may have stopped at an invalid block
            index += 1
            await asyncio.sleep(RETRY_DELAY_S)

    async def _check_peer_evidence(self, peer: str) -> None:
        """Keep what a peer reports as evidence once this observer has checked it itself: an
        invalid block that does not verify on its own head, a conflicting header whose signature
        verifies (the checks a signature from etcd gets). It never applies either."""
        try:
            reported = await self._peer_client(peer).evidence()
        except Exception as error:  # noqa: BLE001 - a peer that cannot answer has nothing to show
            log.info("could not read a peer's evidence", peer=peer, error=repr(error))
            await self._drop_peer_client(peer)
            return
        for evidence in reported:
            if not evidence.items:
                continue
            if evidence.kind == "invalid_block" and evidence.height == self.tip.height + 1:
                raw = evidence.items[0]
                refusal = await asyncio.get_running_loop().run_in_executor(self._writer, self._refusal_of, evidence.height, raw)
                if refusal is None:
                    log.warning("a peer reports as invalid a block this observer finds valid", peer=peer, height=evidence.height)
                else:
                    self._record_evidence(pb.Evidence(height=evidence.height, kind="invalid_block", participant_id=evidence.participant_id,
                                                      detail=f"reported by {peer}, confirmed here: {refusal}", items=[raw]))
            elif evidence.kind == "conflicting_header":
                with contextlib.suppress(Exception):  # an unreadable record proves nothing
                    await self._take_signature(pb.SignatureRecord.FromString(evidence.items[0]))

    def _refusal_of(self, height: int, raw: bytes) -> str | None:
        """Why the block `raw` cannot follow this node's head, or None if it can."""
        try:
            block = parse_block(height, raw)
            with self.store.reader() as reader:
                verify_block(reader, self.tip, block, 1)
        except ChainError as error:
            return error.what
        return None

    async def _prune(self, height: int) -> None:
        """Keep etcd a bounded window: drop what every live voter has applied. A voter that
        lags by more than prune_lag_max_blocks (down for long) no longer holds the window open;
        it will fetch the pruned blocks from its peers when it returns."""
        applied = await self.ordering.applied()
        live = [v for v in self.cluster.voters if height - applied.get(v, 0) <= self.cluster.prune_lag_max_blocks]
        if live:
            deleted = await self.ordering.prune(live, self.cluster.prune_keep_blocks)
            log.info("pruned etcd", deleted_blocks=deleted, height=height, voters=live)

    async def _report_applied(self, height: int) -> None:
        if self.observer:
            return
        try:
            await self.ordering.report_applied(self.participant_id, height)
            if height - self._pruned_at >= self.cluster.prune_every_blocks:
                self._pruned_at = height
                await self._prune(height)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("reporting the applied height failed", error=repr(error))
