"""Blocks from peers: what etcd no longer holds, and the chain of an observer that has no etcd.

Every block from a peer is a final one (`StreamBlocks(final_only)`) and is verified with its full
quorum of signatures before it is applied (node/applying.py); a peer that serves one that does not
verify is left for the next. A voter or read replica whose next block etcd has pruned (after a long
outage, or a new observer) fetches the missing blocks here. An auditor's observer, given no etcd,
follows its peers for good: it stays with a peer while it brings blocks, and moves to the next on
a break, a bad block, a peer that is down, or one that brought nothing in a whole stream
(FOLLOW_STREAM_S: partitioned from etcd, or behind). When a stream brings nothing, it reads that
peer's evidence and keeps what it can check itself; it never applies either.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Sequence

import grpc
import structlog

from cets.v1 import messages as pb
from cets.node.applying import Applier, PeerBlockInvalid
from cets.node.evidence import EvidenceLog, refusal
from cets.node.finality import Finality
from cets.node.peers import PeerError, Peers
from cets.node.sequencer import Sequencer

log = structlog.get_logger("cets.cluster")

RETRY_DELAY_S = 0.2
CATCH_UP_RETRY_S = 1.0  # after every peer failed: the apply loop asks again after this pause
FOLLOW_STREAM_S = 10.0  # a following stream is reopened this often, so a silent or stuck peer cannot stall it


class CatchUp:
    def __init__(self, core: Sequencer, peers: Peers, targets: Sequence[str], applier: Applier, finality: Finality,
                 evidence: EvidenceLog) -> None:
        self._core = core
        self._peers = peers
        self._targets = list(targets)
        self._applier = applier
        self._finality = finality
        self._evidence = evidence

    async def fetch(self, to_height: int) -> None:
        """Apply the blocks up to `to_height` (etcd pruned them) from the first peer that has them."""
        for peer in self._targets:
            try:
                await self._apply_from(peer, to_height)
                if self._core.tip.height >= to_height:
                    log.info("caught up from a peer", peer=peer, height=self._core.tip.height)
                    return
            except (PeerError, grpc.RpcError, OSError, PeerBlockInvalid) as error:
                log.warning("catch-up from a peer failed, trying the next", peer=peer, error=repr(error))
                await self._peers.drop(peer)
        await asyncio.sleep(CATCH_UP_RETRY_S)  # no peer could help now; the apply loop will try again

    async def _apply_from(self, peer: str, to_height: int, timeout_s: float | None = None) -> None:
        """Apply the final blocks `peer` streams from our next height (to `to_height`, 0: follow);
        each must carry its quorum of signatures (`PeerBlockInvalid` otherwise)."""
        core = self._core
        async for block in self._peers.client(peer).final_blocks(core.tip.height + 1, to_height, timeout_s=timeout_s):
            await self._applier.apply(core.tip.height + 1, block.SerializeToString(), quorum=core.quorum, from_peer=True)

    async def follow(self) -> None:
        """An observer without etcd: follow one peer's final blocks at a time, failing over."""
        index = 0
        followed = None
        while not self._core.stopping:
            peer = self._targets[index % len(self._targets)]
            if peer != followed:
                log.info("observer follows a peer", peer=peer, height=self._core.tip.height)
                followed = peer
            before = self._core.tip.height
            problem = await self._follow_one_stream(peer)
            if problem is None and self._core.tip.height > before:
                continue  # it brings blocks: reopen the stream on the same peer
            if problem is not None:
                log.warning("following a peer failed, trying the next", peer=peer, error=repr(problem), height=self._core.tip.height)
                await self._peers.drop(peer)
            else:
                log.info("a peer brought no final block in a whole stream, trying the next", peer=peer, height=self._core.tip.height)
                await self._check_peer_evidence(peer)  # the chain may have stopped at an invalid block
            index += 1
            await asyncio.sleep(RETRY_DELAY_S)

    async def _follow_one_stream(self, peer: str) -> Exception | None:
        """Apply what one bounded stream of `peer` brings; the problem that ended it early, if any."""
        try:
            await self._apply_from(peer, 0, timeout_s=FOLLOW_STREAM_S)
        except asyncio.CancelledError:
            raise
        except PeerError as error:
            if error.status != grpc.StatusCode.DEADLINE_EXCEEDED:  # not the stream's own bound
                return error
        except Exception as error:  # noqa: BLE001 - whatever breaks, the observer must go on following
            return error
        return None

    async def _check_peer_evidence(self, peer: str) -> None:
        """Keep what a peer reports as evidence once this observer has checked it itself: an
        invalid block that does not verify on its own head, a conflicting header whose signature
        verifies (the checks a signature from etcd gets). It never applies either."""
        try:
            reported = await self._peers.client(peer).evidence()
        except Exception as error:  # noqa: BLE001 - a peer that cannot answer has nothing to show
            log.info("could not read a peer's evidence", peer=peer, error=repr(error))
            await self._peers.drop(peer)
            return
        for evidence in reported:
            if not evidence.items:
                continue
            if evidence.kind == "invalid_block" and evidence.height == self._core.tip.height + 1:
                await self._check_reported_block(peer, evidence)
            elif evidence.kind == "conflicting_header":
                with contextlib.suppress(Exception):  # an unreadable record proves nothing
                    await self._finality.take(pb.SignatureRecord.FromString(evidence.items[0]))

    async def _check_reported_block(self, peer: str, evidence: pb.Evidence) -> None:
        core = self._core
        raw = evidence.items[0]
        problem = await core.on_writer(lambda: refusal(core.store, core.tip, evidence.height, raw))
        if problem is None:
            log.warning("a peer reports as invalid a block this observer finds valid", peer=peer, height=evidence.height)
        else:
            self._evidence.record(pb.Evidence(height=evidence.height, kind="invalid_block", participant_id=evidence.participant_id,
                                              detail=f"reported by {peer}, confirmed here: {problem}", items=[raw]))
