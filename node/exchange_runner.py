"""The exchange's engine in the exchange institution's node (issue 10; arts. 8, 20, 21).

After each applied block the runner feeds the new entries of the order flow to the engine
(`exchange/flow.py`, one `DayReplay` per trading day) and submits, signed with the exchange's
transactions key, the settlement batches of what the engine produced and the settled batches do
not reach yet. When the node's clock is past a day's last session (the rulebook's sessions and
calendar) it submits `end_trading_day`: the clock decides only when; the ledger judges the end by
the block's time, and where it lands in the order flow decides what expires.

Nothing is kept but the chain: on start the runner replays each open day's order flow from the
ledger, reads how far the settled batches reach (`flow.covered`), and submits only the rest,
under the same batch ids, so a restart loses no order and settles nothing twice (a batch that was
in flight is `DUPLICATE_BATCH` the second time, and its first result stands).

Days are worked in order: a day's batches must settle before a later day's (the ledger's
`BATCH_TRADE_DATE_INVALID`), so the runner moves to the next day only once the previous one has
ended and all its items are settled.
"""

from __future__ import annotations

import asyncio
import contextlib
import pathlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import structlog

from cets.v1 import messages as pb
from cets.exchange import flow
from cets.ledger import identity, keyfile, limits, market_queries
from cets.ledger import tables as t
from cets.ledger.keyfile import KeyFile
from cets.ledger.state import State
from cets.ledger.txs.market import day_end, sessions

log = structlog.get_logger("cets.exchange")

POLL_S = 1.0  # how often the runner looks at the clock when no block comes
RETRY_S = 2.0  # after a failed step
STOP_TRIES = 5  # cancellations sent at stop, POLL_S apart, before the node stops without the loop's end
EXCHANGE_INSTITUTION = identity.EXCHANGE_ID


def exchange_key(data_dir: pathlib.Path, explicit: pathlib.Path | None, node_participant: str, clustered: bool) -> KeyFile | None:
    """The exchange's transactions key: `--exchange-key FILE`, else the node's DATA/keys as the dev
    node and dev cluster lay them out; in a cluster only the exchange institution's node runs the engine."""
    if explicit is not None:
        return keyfile.read(explicit)
    if clustered and node_participant != EXCHANGE_INSTITUTION:
        return None
    path = data_dir / "keys" / keyfile.file_name(EXCHANGE_INSTITUTION, pb.KEY_PURPOSE_TRANSACTIONS)
    return keyfile.read(path) if path.exists() else None


@dataclass
class Step:
    """What one look at the chain asks for."""

    batches: list[pb.SettleBatch]
    end_dates: list[int]


class ExchangeRunner:
    def __init__(self, sequencer, store, key: KeyFile, clock: Callable[[], int]) -> None:
        self.sequencer = sequencer
        self.store = store
        self.key = key
        self.clock = clock  # the node's clock: when to end a day, never what a batch holds
        self.days: dict[int, flow.DayReplay] = {}
        self.done: set[int] = set()  # days ended and settled in full
        self.submitted = 0  # transactions submitted (for tests and logs)
        self._task: asyncio.Task | None = None
        self._stopped = False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """End the loop. The flag, not only the cancellation, ends it: on Python 3.11
        `asyncio.wait_for` can swallow a cancellation that arrives as its inner wait completes (the
        head changing under load), and a loop kept alive would hold the node's stop for ever."""
        self._stopped = True
        if self._task is None:
            return
        for _ in range(STOP_TRIES):
            self._task.cancel()
            done, _ = await asyncio.wait({self._task}, timeout=POLL_S)
            if done:
                break
        with contextlib.suppress(asyncio.CancelledError, Exception):
            if self._task.done():
                self._task.result()
        self._task = None

    async def _run(self) -> None:
        while not (self._stopped or self.sequencer.stopping):
            height = self.sequencer.tip.height
            try:
                accepted = await self.step()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a node stopping or busy: look again shortly
                log.warning("exchange runner step failed", error=repr(error), height=height)
                accepted = False
            if not accepted:  # a refusal's own block must not wake the runner into the same refusal at once
                await asyncio.sleep(RETRY_S)
                continue
            await self.sequencer.wait_for_height(height + 1, POLL_S)

    async def step(self) -> bool:
        """Feed the new order flow, then submit what the chain does not hold yet; False when the
        ledger refused any of it (a batch's trades may still fail one by one: that is a result)."""
        with self.store.reader() as reader:
            work = self.plan(State(reader), self.clock())
        payloads = [("settle_batch", batch) for batch in work.batches] + [("end_trading_day", pb.EndTradingDay(trade_date=date))
                                                                          for date in work.end_dates]
        if not payloads:
            return True
        receipts = await self.sequencer.submit([self._signed(kind, payload) for kind, payload in payloads])
        self.submitted += len(payloads)
        for (kind, payload), receipt in zip(payloads, receipts):
            log.info("exchange submitted", kind=kind, code=pb.Code.Name(receipt.code), height=receipt.height,
                     batch=getattr(payload, "batch_id", ""), trade_date=payload.trade_date)
        return all(receipt.code == pb.CODE_OK for receipt in receipts)

    def plan(self, state: State, now_ms: int) -> Step:
        """What to submit now: the oldest open day's unsettled batches, else its end once the
        clock is past its last session, else nothing (a later day waits for the earlier one)."""
        rulebook = state.rulebook_at(now_ms)
        for date in self._open_dates(state):
            if date in self.done:
                continue
            day = self._feed(state, date)
            reach = flow.covered(date, flow.all_batches(state, date))
            if reach < len(day.items):
                return Step(day.batches(reach), [])
            if not day.ended:
                over = day_end.day_over(now_ms, date, rulebook) and sessions.is_trading_day(date, rulebook)
                return Step([], [date] if over else [])
            del self.days[date]  # ended and settled in full
            self.done.add(date)
        return Step([], [])

    def _open_dates(self, state: State) -> list[int]:
        """The trading days with an order flow from the last ended one on (the ones before it
        were settled in full before it ended), in order."""
        first = day_end.last_ended(state)
        dates, token = [], ""
        while True:
            page = market_queries.flow_dates(state, token=token, size=limits.page_size_max)
            dates += [date for date in page.items if date >= first]
            token = page.next_token
            if not token:
                return dates

    def _feed(self, state: State, date: int) -> flow.DayReplay:
        day = self.days.get(date)
        if day is None:
            day = self.days[date] = flow.DayReplay(date, flow.day_parameters(state, date))
        last = t.FLOW_SEQUENCES.get(state, date, default=0)
        while day.sequence < last:
            entries = _entries_after(state, date, day.sequence)
            if not entries:
                break
            day.feed(entries)
        return day

    def _signed(self, kind: str, payload) -> bytes:
        body = pb.TxBody(chain_id=self.sequencer.chain_id, signer=self.key.participant_id, client_id=uuid.uuid4().hex,
                         created_ms=self.clock())
        getattr(body, kind).CopyFrom(payload)
        raw = body.SerializeToString()
        signature = pb.Signature(key_id=self.key.key_id, signature=self.key.signer.sign_tx_body(raw))
        return pb.SignedTx(body=raw, signatures=[signature]).SerializeToString()


def _entries_after(state: State, date: int, sequence: int) -> list[pb.OrderFlowEntry]:
    """Up to a page of the day's flow entries after `sequence`."""
    out = []
    for entry_sequence in range(sequence + 1, sequence + 1 + limits.page_size_max):
        entry = t.ORDER_FLOW.get(state, date, entry_sequence)
        if entry is None:
            break
        out.append(entry)
    return out

