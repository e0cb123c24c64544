"""Proposing: turn the admitted transactions into blocks appended to etcd.

A voter builds the next block on its own head, signs it, and appends it with a compare-and-swap on
etcd's chain head (node/ordering.py): the swap, and nothing else, decides the order; a node that
loses the race applies the winner's block and tries again. To spare racing proposers the lost work,
voters campaign for a lease-bound proposer key naming the holder and its gRPC target; the others
forward their admitted transactions to it (`SubmitBatch` through the node's peer client) and get
the receipts from their own apply loop when the block arrives. If forwarding fails, a node proposes
itself for a while. The lease is for efficiency only: the compare-and-swap alone keeps order safe.
"""

from __future__ import annotations

import asyncio
import time

import structlog

from cets.ledger.chain import BuiltBlock, build_block
from cets.ledger.state import State
from cets.node.applying import Applier
from cets.node.errors import NodeHalted, NodeKeyUnavailable, NodeStopping
from cets.node.finality import sign
from cets.node.keyring import NodeKeyring
from cets.node.ordering import MAX_BLOCK_BYTES, Ordering
from cets.node.peers import Peers
from cets.node.sequencer import Pending, Sequencer

log = structlog.get_logger("cets.cluster")

RETRY_DELAY_S = 0.2
COUNTERS = ("appends_won", "appends_lost", "forward_calls", "forward_failures")


class Proposer:
    """Block production of a voter: `run` is the sequencer's production task; `campaign` runs
    beside it once the node knows the target it advertises to its peers."""

    def __init__(self, core: Sequencer, ordering: Ordering, keyring: NodeKeyring, applier: Applier, forward_peers: Peers,
                 lease_s: int, campaign_interval_s: float) -> None:
        self._core = core
        self._ordering = ordering
        self._keyring = keyring
        self._applier = applier
        self._forward_peers = forward_peers
        self._lease_s = lease_s
        self._campaign_interval_s = campaign_interval_s
        self.advertise = ""  # this node's gRPC target as peers reach it; empty: never the preferred proposer
        self.proposer: str | None = None  # "<institution>@<target>" of the preferred proposer
        self._fallback_until = 0.0
        self._forwarding: set[asyncio.Task] = set()
        self.counters = dict.fromkeys(COUNTERS, 0)

    # -- choosing a proposer (efficiency only: the compare-and-swap alone keeps order safe) ----
    @property
    def _token(self) -> str:
        return f"{self._keyring.participant_id}@{self.advertise}"

    async def campaign(self) -> None:
        """Hold the proposer lease when nobody does; know who holds it otherwise."""
        while not self._core.stopping:
            try:
                if not self._can_sign_next():  # let a node that can sign hold it
                    if self.proposer == self._token:
                        await self._ordering.resign()
                    self.proposer = await self._ordering.current_proposer()
                elif await self._ordering.campaign(self._token, self._lease_s):
                    self.proposer = self._token
                else:
                    self.proposer = await self._ordering.current_proposer()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.proposer = None
                log.warning("proposer campaign failed", error=repr(error))
            await asyncio.sleep(self._campaign_interval_s)

    def _can_sign_next(self) -> bool:
        with self._core.store.reader() as reader:
            return self._keyring.signer_at(State(reader), self._core.tip.height + 1) is not None

    def _forward_target(self) -> str | None:
        """The preferred proposer's target, unless it is this node or forwarding just failed."""
        if not self.proposer or self.proposer == self._token or time.monotonic() < self._fallback_until:
            return None
        return self.proposer.partition("@")[2] or None

    async def _forward(self, target: str, batch: list[Pending]) -> None:
        """Hand admitted transactions to the preferred proposer; their receipts come from our own
        apply loop when its block arrives. On failure, propose them ourselves for a while."""
        self.counters["forward_calls"] += 1
        try:
            receipts = await self._forward_peers.client(target).submit_batch([pending.tx.raw for pending in batch])
            for pending, receipt in zip(batch, receipts):
                if receipt.height == 0:  # refused at the proposer's admission
                    self._core.settle(pending, receipt)
        except Exception as error:
            self.counters["forward_failures"] += 1
            log.warning("forwarding to the proposer failed, proposing ourselves", proposer=target, error=repr(error))
            self._fallback_until = time.monotonic() + 2 * self._lease_s
            for pending in batch:
                pending.forwarded = False
        self._core.wakeup.set()

    # -- proposing --------------------------------------------------------------------------
    async def run(self) -> None:
        core = self._core
        while not core.stopping:
            await core.wakeup.wait()
            queue = core.waiting()
            waiting = [pending for pending in queue if not pending.forwarded]
            if not waiting:
                core.wakeup.clear()
                continue
            target = self._forward_target()
            if target is not None:
                self._forward_in_background(target, waiting)
                continue
            if self._applier.halted:
                core.fail_waiting(NodeHalted(self._applier.halted))
                continue
            if len(queue) < core.config.block_tx_count_max:
                await asyncio.sleep(core.config.block_interval_ms / 1000)
            try:
                await self._propose_once()
            except asyncio.CancelledError:
                raise
            except NodeKeyUnavailable as error:
                log.error("cannot propose", error=str(error))
                core.fail_waiting(error)
            except Exception as error:  # etcd unreachable, a deadline: re-read the head and retry
                log.warning("proposal failed, retrying", error=repr(error))
                await asyncio.sleep(RETRY_DELAY_S)
        core.fail_waiting(NodeStopping("the node is stopping"))

    def _forward_in_background(self, target: str, batch: list[Pending]) -> None:
        for pending in batch:
            pending.forwarded = True
        task = asyncio.get_running_loop().create_task(self._forward(target, batch))
        self._forwarding.add(task)  # held until done: the loop keeps only weak references to tasks
        task.add_done_callback(self._forwarding.discard)

    async def _propose_once(self) -> None:
        core = self._core
        head = await self._ordering.head()
        if head > core.tip.height:  # behind: apply what others appended first
            await core.wait_for_height(head, 2.0)
            return
        batch = [pending for pending in core.waiting() if not pending.forwarded][: core.config.block_tx_count_max]
        if not batch:
            return
        built = await core.on_writer(self._build, batch)
        if built is None:
            return
        self._applier.expect_own(built)
        appended = await self._ordering.append(built.tip.height, built.block.SerializeToString())
        self.counters["appends_won" if appended else "appends_lost"] += 1
        if not appended:
            log.info("lost the append race", height=built.tip.height)
        await core.wait_for_height(built.tip.height, 5.0)

    def _build(self, batch: list[Pending]) -> BuiltBlock | None:
        """Build and sign the next block; halve the batch until it fits one etcd request."""
        core = self._core
        tip = core.tip
        while True:
            with core.store.reader() as reader:
                key = core.signing_key(State(reader), tip.height + 1)
                built = build_block(reader, tip, core.clock(), key.participant_id, [p.tx.raw for p in batch], [p.tx for p in batch])
            built.block.signatures.append(sign(key, built.header))
            if built.block.ByteSize() <= MAX_BLOCK_BYTES or len(batch) == 1:
                return built
            batch = batch[: len(batch) // 2]
