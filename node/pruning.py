"""Pruning of etcd's window: etcd orders blocks and keeps a recent window, LMDB keeps the history.

Each voter reports the height it has applied; every `every_blocks` a voter deletes what every live
voter has applied (minus `keep_blocks`), compacts and defragments (node/ordering.py). A voter that
lags by more than `lag_max_blocks` (down for long) no longer holds the window open; it fetches the
pruned blocks from its peers when it returns (node/catchup.py).
"""

from __future__ import annotations

import asyncio
from typing import Sequence

import structlog

from cets.node.ordering import Ordering

log = structlog.get_logger("cets.cluster")


class Pruning:
    def __init__(self, ordering: Ordering, participant_id: str, voters: Sequence[str], keep_blocks: int,
                 every_blocks: int, lag_max_blocks: int, height: int) -> None:
        self._ordering = ordering
        self._participant_id = participant_id
        self._voters = voters
        self._keep_blocks = keep_blocks
        self._every_blocks = every_blocks
        self._lag_max_blocks = lag_max_blocks
        self._pruned_at = height  # this node's height when it last pruned (or started)

    async def report_applied(self, height: int) -> None:
        """Tell the others this node has applied `height`, and prune if it is time to."""
        try:
            await self._ordering.report_applied(self._participant_id, height)
            if height - self._pruned_at >= self._every_blocks:
                self._pruned_at = height
                await self._prune(height)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("reporting the applied height failed", error=repr(error))

    async def _prune(self, height: int) -> None:
        """Drop what every live voter has applied."""
        applied = await self._ordering.applied()
        live = [voter for voter in self._voters if height - applied.get(voter, 0) <= self._lag_max_blocks]
        if live:
            deleted = await self._ordering.prune(live, self._keep_blocks)
            log.info("pruned etcd", deleted_blocks=deleted, height=height, voters=live)
