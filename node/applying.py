"""Applying: every cluster node, the proposer included, applies the blocks etcd orders, in height
order. It re-validates each block completely (`ledger.verify.verify_block`), commits it to LMDB
with its own signature added, answers the submitters waiting for its transactions, and hands the
block to finality (node/finality.py) to publish that signature.

A block ordered through etcd that does not verify is kept as evidence and halts the node (queries
are still served; submissions get NODE_HALTED). A block served by a peer only disqualifies that
peer (`PeerBlockInvalid`). Outside the state machine, a node refuses a block stamped far ahead of
its own clock.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.chain import BuiltBlock, Tip, result_bytes
from cets.ledger.errors import ChainError
from cets.ledger.state import State
from cets.ledger.verify import parse_block, verify_block
from cets.node.errors import NodeHalted
from cets.node.evidence import EvidenceLog
from cets.node.finality import Finality, own_signature, sign
from cets.node.keyring import NodeKeyring
from cets.node.ordering import BlocksPruned, Ordering
from cets.node.pruning import Pruning
from cets.node.sequencer import Sequencer, receipt_from_result

log = structlog.get_logger("cets.cluster")

RETRY_DELAY_S = 0.2
BLOCK_TIME_AHEAD_MS_MAX = 60_000
APPLIED_REPORT_EVERY = 16  # blocks between reports of this node's applied height (they bound pruning)


class PeerBlockInvalid(Exception):
    """A block a peer served for catch-up does not verify: try another peer."""


class Applier:
    """Verify, commit and cosign the next block; `halted` says why this node stopped, if it did."""

    def __init__(self, core: Sequencer, keyring: NodeKeyring | None, finality: Finality, evidence: EvidenceLog,
                 pruning: Pruning | None = None) -> None:
        self._core = core
        self._keyring = keyring
        self._finality = finality
        self._evidence = evidence
        self._pruning = pruning
        self._own_block: BuiltBlock | None = None
        self.halted: str | None = None

    def expect_own(self, built: BuiltBlock) -> None:
        """The proposer built (and executed) this block: applying it needs no second execution."""
        self._own_block = built

    async def follow(self, ordering: Ordering, fetch_pruned: Callable[[int], Awaitable[None]]) -> None:
        """Apply the blocks etcd orders, from the next height on; heights etcd has pruned come
        from `fetch_pruned(last_height)` (the peers)."""
        core = self._core
        while not core.stopping and not self.halted:
            try:
                async for height, raw in ordering.watch_blocks(core.tip.height + 1):
                    if height <= core.tip.height:
                        continue
                    if height != core.tip.height + 1:
                        raise BlocksPruned(height)
                    await self.apply(height, raw)
                    if self.halted:
                        return
            except asyncio.CancelledError:
                raise
            except BlocksPruned as pruned:
                await fetch_pruned(pruned.oldest_available - 1)
            except Exception as error:
                log.warning("block watch broke, resuming", error=repr(error), height=core.tip.height)
                await asyncio.sleep(RETRY_DELAY_S)

    async def apply(self, height: int, raw: bytes, quorum: int = 1, from_peer: bool = False) -> None:
        """Verify and commit the next block, with `quorum` signatures at least. An invalid block
        ordered through etcd halts the node; one served by a peer raises `PeerBlockInvalid`."""
        try:
            block, results, header_hash = await self._core.on_writer(self._verify_and_commit, height, raw, quorum, not from_peer)
        except ChainError as error:
            if from_peer:
                raise PeerBlockInvalid(error) from None
            self._halt(error, raw)
            return
        self._answer_submitters(results, header_hash)
        await self._finality.block_applied(height, block, header_hash)
        if self._pruning is not None and height % APPLIED_REPORT_EVERY == 0:
            await self._pruning.report_applied(height)
        await self._core.announce_head()

    def _verify_and_commit(self, height: int, raw: bytes, quorum: int, check_clock: bool) -> tuple[pb.Block, list[pb.TxResult], bytes]:
        """On the writer thread: the block, its results and header hash, committed with this
        node's signature added (when it holds a key that may sign it)."""
        core = self._core
        built = self._own_block
        if built is not None and built.tip.height == height and built.block.SerializeToString() == raw:
            block, writes, results = built.block, built.writes, list(built.results)  # our own block, just executed
        else:
            block = parse_block(height, raw)
            if check_clock:
                self._check_block_time(height, block)
            with core.store.reader() as reader:
                verified = verify_block(reader, core.tip, block, quorum)
            writes, results = verified.writes, verified.results
        header_hash = crypto.header_hash(block.header)
        self._cosign(height, block)
        core.store.commit_block(height, header_hash, block.SerializeToString(), [r.tx_id for r in results], writes,
                                [result_bytes(r) for r in results])
        core.advance_head(block.header, Tip.of_header(block.header))
        return block, results, header_hash

    def _cosign(self, height: int, block: pb.Block) -> None:
        if self._keyring is None or own_signature(self._keyring, block) is not None:
            return
        with self._core.store.reader() as reader:
            key = self._keyring.signer_at(State(reader), height)
        if key is not None:
            block.signatures.append(sign(key, block.header))
        else:
            log.error("holding no node key that may sign this block: not cosigning", height=height, participant=self._keyring.participant_id)

    def _check_block_time(self, height: int, block: pb.Block) -> None:
        """A node's own policy, outside the state machine: a block stamped far ahead of this
        node's clock would push every later block's time (and the created-time window) ahead."""
        time_ms = pb.BlockHeader.FromString(block.header).time_ms
        if time_ms > self._core.clock() + BLOCK_TIME_AHEAD_MS_MAX:
            raise ChainError(height, f"time_ms: {time_ms} is more than {BLOCK_TIME_AHEAD_MS_MAX} ms ahead of this node's clock")

    def _answer_submitters(self, results: list[pb.TxResult], header_hash: bytes) -> None:
        height = self._core.tip.height
        final = height <= self._core.final_height
        for index, result in enumerate(results):
            if self._core.is_pending(result.tx_id):  # submitted here (most of a block is not)
                self._core.answer(result.tx_id, receipt_from_result(result, height, index, header_hash, final))

    def _halt(self, error: ChainError, raw: bytes) -> None:
        proposer = ""
        with contextlib.suppress(Exception):
            proposer = pb.BlockHeader.FromString(pb.Block.FromString(raw).header).proposer
        self._evidence.record(pb.Evidence(height=error.height, kind="invalid_block", participant_id=proposer, detail=error.what, items=[raw]))
        self.halted = f"block {error.height} does not verify: {error.what}"
        log.error("halting: invalid block", height=error.height, problem=error.what, proposer=proposer)
        self._core.fail_waiting(NodeHalted(self.halted))
