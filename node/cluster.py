"""Cluster ordering: blocks appended through etcd, validated and cosigned by every node.

A node proposes a block by building it on its own head and appending it to etcd with a
compare-and-swap on the chain head: the swap, and nothing else, decides the order. Every node, the
proposer included, applies the blocks it watches in height order: it re-validates each block
completely, commits it to LMDB, signs the header and publishes the signature. A block is final once
a quorum of institutions has signed the same header. A block that does not verify is kept as
evidence and the node halts rather than apply it; a signature over a different header at a height
it has applied is kept as evidence of equivocation. Blocks older than etcd's window come from peer
nodes over gRPC, verified with their quorum signatures before use.

An observer (no node key) follows either etcd, like the voters (a read replica inside an
institution), or, given no etcd at all, its peers' final blocks over gRPC (an auditor's node: it
needs a client certificate for the nodes, never access to the ordering service, so it cannot
append to it).

This module composes the parts, one job each, around a `Sequencer` (admission, the queue, the head,
receipts) whose block production it replaces:

    proposing.py   the proposer lease, forwarding to the proposer, the compare-and-swap append
    applying.py    watching etcd's blocks, re-validating, committing, cosigning, halting
    finality.py    publishing and collecting signature records, quorum and the final height
    catchup.py     blocks from peers: what etcd pruned, and an observer's follow with fail-over
    evidence.py    the faults found (invalid blocks, conflicting signed headers)
    pruning.py     etcd's bounded window
    peers.py       the node's own gRPC client for its peers
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Sequence

import grpc

from cets.v1 import messages as pb
from cets.ledger.chain import Tip
from cets.ledger.store import Store
from cets.node.applying import Applier
from cets.node.catchup import CatchUp
from cets.node.errors import NodeHalted, ReadOnlyNode
from cets.node.evidence import EvidenceLog
from cets.node.finality import Finality
from cets.node.keyring import NodeKeyring
from cets.node.ordering import Ordering
from cets.node.peers import Peers
from cets.node.proposing import COUNTERS, Proposer
from cets.node.pruning import Pruning
from cets.node.sequencer import Sequencer, SequencerConfig, wall_clock_ms

FINAL_WAIT_S = 3.0
PEER_DEADLINE_S = 30.0
PRODUCTION_STOP_S = 5.0
RESIGN_S = 2.0


@dataclass(frozen=True)
class ClusterConfig:
    peers: Sequence[str] = ()  # other nodes' gRPC targets, for catch-up beyond etcd's window
    peer_credentials: grpc.ChannelCredentials | None = None
    voters: Sequence[str] = ("MEE", "REG", "EXCH")  # institutions whose applied heights bound pruning
    prune_keep_blocks: int = 1_000  # blocks kept in etcd below the slowest live voter's height
    prune_every_blocks: int = 500
    prune_lag_max_blocks: int = 20_000  # a voter further behind is left to catch up from peers
    campaign_interval_s: float = 0.5
    proposer_lease_s: int = 2
    forward_timeout_s: float = 5.0


class ClusterSequencer:
    """A sequencer whose blocks are ordered by etcd and cosigned by the other institutions; it
    answers what the services ask of a `Sequencer`.

    `keyring` None makes an observer: it follows, verifies and serves the chain, never proposes
    and never signs. An observer given no `ordering` follows its peers' final blocks over gRPC.
    """

    def __init__(self, store: Store, keyring: NodeKeyring | None, ordering: Ordering | None, config: SequencerConfig = SequencerConfig(),
                 cluster: ClusterConfig = ClusterConfig(), clock=wall_clock_ms) -> None:
        if ordering is None and (keyring is not None or not cluster.peers):
            raise ValueError("without etcd, only an observer with peers can follow the chain")
        # co-signers keep the quorum; the node signs again once its key file is installed
        self.core = Sequencer(store, keyring, config, clock, guards_own_keys=False)
        self.ordering = ordering
        self.keyring = keyring
        self._evidence = EvidenceLog(store)
        self.finality = Finality(self.core, ordering, keyring, self._evidence)
        pruning = None
        if keyring is not None:
            pruning = Pruning(ordering, keyring.participant_id, cluster.voters, cluster.prune_keep_blocks, cluster.prune_every_blocks,
                              cluster.prune_lag_max_blocks, self.core.tip.height)
        self.applier = Applier(self.core, keyring, self.finality, self._evidence, pruning)
        self._peers = Peers(PEER_DEADLINE_S, cluster.peer_credentials)
        self.catch_up = CatchUp(self.core, self._peers, cluster.peers, self.applier, self.finality, self._evidence)
        self._forward_peers = Peers(cluster.forward_timeout_s, cluster.peer_credentials)
        self.proposer = None if keyring is None else Proposer(
            self.core, ordering, keyring, self.applier, self._forward_peers, cluster.proposer_lease_s, cluster.campaign_interval_s)
        self._tasks: list[asyncio.Task] = []

    # -- what the services and the server ask of a sequencer --------------------------------
    @property
    def observer(self) -> bool:
        return self.keyring is None

    @property
    def chain_id(self) -> str:
        return self.core.chain_id

    @property
    def quorum(self) -> int:
        return self.core.quorum

    @property
    def tip(self) -> Tip:
        return self.core.tip

    def head(self) -> tuple[Tip, bytes]:
        return self.core.head()

    @property
    def head_header(self) -> bytes:
        return self.core.head_header

    @property
    def final_height(self) -> int:
        return self.core.final_height

    @property
    def stopping(self) -> bool:
        return self.core.stopping

    @property
    def halted(self) -> str | None:
        return self.applier.halted

    @property
    def production_task(self) -> asyncio.Task | None:
        return self.core.production_task

    @property
    def counters(self) -> dict[str, int]:
        """The proposer's: appends won and lost, forwarding calls and failures."""
        return dict(self.proposer.counters) if self.proposer else dict.fromkeys(COUNTERS, 0)

    def receipt(self, tx_id: bytes) -> pb.Receipt | None:
        return self.core.receipt(tx_id)

    def is_pending(self, tx_id: bytes) -> bool:
        return self.core.is_pending(tx_id)

    async def wait_for_height(self, height: int, timeout_s: float) -> bool:
        return await self.core.wait_for_height(height, timeout_s)

    async def wait_final(self, height: int, timeout_s: float) -> bool:
        return await self.finality.wait_final(height, timeout_s)

    def evidence(self) -> list[pb.Evidence]:
        return self._evidence.all()

    def advertise(self, target: str) -> None:
        """This node's gRPC target as its peers reach it (they forward to it while it proposes);
        before `start`. Empty: it never becomes the preferred proposer."""
        if self.proposer is not None:
            self.proposer.advertise = target

    # -- submission -------------------------------------------------------------------------
    async def submit(self, raws: Sequence[bytes]) -> list[pb.Receipt]:
        """Receipts once their blocks are applied here; each says whether its block became
        final within FINAL_WAIT_S."""
        if self.observer:
            raise ReadOnlyNode("an observer does not take transactions")
        if self.halted:
            raise NodeHalted(self.halted)
        receipts = await self.core.submit(raws)
        heights = sorted({r.height for r in receipts if r.height})
        if heights:
            await self.wait_final(heights[-1], FINAL_WAIT_S)
        for receipt in receipts:
            if receipt.height:
                receipt.final = receipt.height <= self.final_height
        return receipts

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.ordering is None:
            self._tasks = [loop.create_task(self.catch_up.follow(), name="follow")]
            return
        self._tasks = [loop.create_task(self.applier.follow(self.ordering, self.catch_up.fetch), name="apply"),
                       loop.create_task(self.finality.watch(), name="signatures")]
        if self.proposer is not None:
            self.core.start(self.proposer.run())
            if self.proposer.advertise:
                self._tasks.append(loop.create_task(self.proposer.campaign(), name="campaign"))
            self._tasks.append(loop.create_task(self.finality.republish_own(), name="republish"))

    async def stop(self) -> None:
        await self.core.stop_production(PRODUCTION_STOP_S)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._forward_peers.close()
        await self._peers.close()
        if self.ordering is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ordering.resign(), RESIGN_S)
        await self.core.close()
