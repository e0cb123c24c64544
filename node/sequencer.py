"""Solo ordering: admit transactions, batch them into blocks, commit each block durably.

Admission (decode, keys, Ed25519 signatures, the signer's role) runs on a thread pool, off the
event loop, against the committed state; a transaction refused there never enters a block. The
admitted ones queue up; one block takes up to `block_tx_count_max` of them, waiting at most
`block_interval_ms` for company. Building a block (the state machine) and committing it (one
LMDB write transaction, one fsync) run on a single writer thread, while the next block's
transactions keep arriving. A submission is answered with its receipt once its block is durable.

The cluster (node/cluster.py) keeps admission, the queue, the head and the receipts, and replaces
only block production: it composes a `Sequencer`, starts it with its own production loop, and uses
the few public members listed under "for block production" below, nothing private.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import time
from dataclasses import dataclass
from typing import Coroutine, Sequence

import structlog

from cets.v1 import messages as pb
from cets.ledger import crypto, limits, machine
from cets.ledger.chain import BuiltBlock, Tip, build_block, result_bytes
from cets.ledger.errors import Rejection
from cets.ledger.keyfile import KeyFile
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.errors import NodeBusy, NodeKeyUnavailable, NodeStopping
from cets.node.keyring import NodeKeyring

log = structlog.get_logger("cets.sequencer")


def wall_clock_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class SequencerConfig:
    block_tx_count_max: int = 2_000
    block_bytes_max: int = 16 * 1024 * 1024  # transaction bytes per block: far below gRPC's message limit
    block_interval_ms: int = 5
    admission_threads: int = 2
    queue_tx_count_max: int = 100_000  # admitted and waiting; beyond it submissions get NODE_BUSY

    def __post_init__(self) -> None:
        if not 1 <= self.block_tx_count_max <= limits.block_tx_count_max:
            raise ValueError(f"block_tx_count_max: got {self.block_tx_count_max}, want 1..{limits.block_tx_count_max}")
        if self.block_bytes_max < limits.signed_tx_bytes_max:
            raise ValueError(f"block_bytes_max: got {self.block_bytes_max}, want at least one transaction ({limits.signed_tx_bytes_max})")
        if not 0 <= self.block_interval_ms <= 60_000:
            raise ValueError(f"block_interval_ms: got {self.block_interval_ms}, want 0..60000")
        if self.admission_threads < 1 or self.queue_tx_count_max < 1:
            raise ValueError("admission_threads and queue_tx_count_max must be at least 1")


def receipt_from_result(result: pb.TxResult, height: int, index: int, block_hash: bytes, final: bool) -> pb.Receipt:
    return pb.Receipt(
        tx_id=result.tx_id, status=pb.TX_STATUS_COMMITTED if result.code == pb.CODE_OK else pb.TX_STATUS_REJECTED,
        code=result.code, detail=result.detail, height=height, index=index, final=final,
        events=result.events, block_hash=block_hash,
    )


def admission_receipt(tx_id: bytes, rejection: Rejection) -> pb.Receipt:
    return pb.Receipt(tx_id=tx_id, status=pb.TX_STATUS_REJECTED, code=rejection.code, detail=rejection.detail)


@dataclass
class Pending:
    """An admitted transaction waiting for its block; `future` gets its receipt."""

    tx: machine.DecodedTx
    future: asyncio.Future
    forwarded: bool = False  # handed to the cluster's current proposer


class Sequencer:
    def __init__(self, store: Store, keyring: NodeKeyring | None, config: SequencerConfig = SequencerConfig(),
                 clock=wall_clock_ms, guards_own_keys: bool = True) -> None:
        self.store = store
        self.keyring = keyring  # the node keys this node signs headers with (node/keyring.py)
        self.config = config
        self.clock = clock  # the block time (ms), stamped by whoever builds a block
        # A solo node guards its own signing keys (see _own_key_refusal). A cluster node has
        # co-signers and does not: whether a change reached its admission would depend on who proposes.
        self.guards_own_keys = guards_own_keys
        with store.reader() as reader:
            state = State(reader)
            self.chain_id = state.chain_id()
            self.quorum = state.quorum()
        self._head = self._load_head()
        self._queue: list[Pending] = []
        self._inflight: dict[bytes, asyncio.Future] = {}
        self.wakeup = asyncio.Event()  # set when transactions are admitted, or on stop
        self._head_changed = asyncio.Condition()
        self._admission = concurrent.futures.ThreadPoolExecutor(config.admission_threads, thread_name_prefix="admit")
        self._writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="block-writer")
        self._stopping = False
        self._task: asyncio.Task | None = None
        self.final_height = self.tip.height if self.quorum <= 1 else 0
        self.failure: BaseException | None = None  # why block production stopped, if it did

    def _load_head(self) -> tuple[Tip, bytes]:
        height, head_hash = self.store.head()
        if height == 0:
            return _genesis_tip(self.store, self.store.genesis()), b""
        block = pb.Block.FromString(self.store.block(height))
        return Tip.of_header(block.header), block.header

    @property
    def tip(self) -> Tip:
        return self._head[0]

    def head(self) -> tuple[Tip, bytes]:
        """The head and its serialized header, read together."""
        return self._head

    @property
    def head_header(self) -> bytes:
        """The head's serialized header (empty at the genesis)."""
        return self._head[1]

    def advance_head(self, header: bytes, tip: Tip) -> None:
        """After committing a block: its header becomes the head (on the writer thread)."""
        self._head = (tip, header)  # one assignment: readers on other threads see both or neither

    @property
    def stopping(self) -> bool:
        return self._stopping

    def evidence(self) -> list[pb.Evidence]:
        """Faults found (a solo node orders its own blocks, so it finds none)."""
        return []

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, production: Coroutine | None = None) -> None:
        """Run block production: the solo block loop, or `production` (the cluster's proposer)."""
        self._task = asyncio.get_running_loop().create_task(production or self._run(), name="sequencer")

    @property
    def production_task(self) -> asyncio.Task | None:
        """The task producing blocks (None before start, or for a node that produces none)."""
        return self._task

    async def stop(self) -> None:
        """Finish the blocks of what was admitted, then stop."""
        await self.stop_production()
        await self.close()

    async def stop_production(self, timeout_s: float | None = None) -> None:
        """Take no more transactions; let block production finish what was admitted (cancelled
        after `timeout_s`, if given)."""
        self._stopping = True
        self.wakeup.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._task, timeout_s)
        except asyncio.TimeoutError:
            log.warning("block production did not finish in time; cancelled", timeout_s=timeout_s)
        except BaseException as error:  # already logged where it happened
            log.error("the block loop had stopped", error=repr(error))

    async def close(self) -> None:
        """The last step of stopping: wake whoever waits on the head, release the threads."""
        await self.announce_head()
        self._admission.shutdown(wait=False)
        self._writer.shutdown(wait=False)  # idle: block production has ended

    # -- submission -------------------------------------------------------------------------
    async def submit(self, raws: Sequence[bytes]) -> list[pb.Receipt]:
        if self._stopping:
            raise NodeStopping("the node is stopping")
        if len(self._queue) + len(raws) > self.config.queue_tx_count_max:
            raise NodeBusy(f"{len(self._queue)} transactions wait for a block already; retry shortly")
        loop = asyncio.get_running_loop()
        admitted = await loop.run_in_executor(self._admission, self._admit_all, list(raws))
        if self._task is None or self._task.done():  # stopped while these were being admitted
            raise NodeStopping("the node is stopping")
        waits: list[asyncio.Future] = []
        for item in admitted:
            if isinstance(item, pb.Receipt):
                done = loop.create_future()
                done.set_result(item)
                waits.append(done)
                continue
            waits.append(self._enqueue(loop, item))
        self.wakeup.set()
        return [await asyncio.shield(wait) for wait in waits]

    def _enqueue(self, loop: asyncio.AbstractEventLoop, tx: machine.DecodedTx) -> asyncio.Future:
        existing = self._inflight.get(tx.tx_id)
        if existing is not None:
            return existing
        stored = self.receipt(tx.tx_id)  # committed while this one was being admitted
        future = loop.create_future()
        if stored is not None:
            future.set_result(stored)
            return future
        self._inflight[tx.tx_id] = future
        self._queue.append(Pending(tx, future))
        return future

    def _admit_all(self, raws: list[bytes]) -> list[machine.DecodedTx | pb.Receipt]:
        out: list[machine.DecodedTx | pb.Receipt] = []
        with self.store.reader() as reader:
            state = State(reader)
            for raw in raws:
                out.append(self._admit(state, raw))
        return out

    def _admit(self, state: State, raw: bytes) -> machine.DecodedTx | pb.Receipt:
        tx_id = machine.raw_tx_id(raw)
        stored = self.receipt(tx_id)
        if stored is not None:
            return stored  # resubmission: the first receipt
        try:
            decoded = machine.decode_tx(raw, self.chain_id)
            machine.authenticate(state, decoded)
        except Rejection as rejection:
            return admission_receipt(tx_id, rejection)
        refusal = self._own_key_refusal(state, decoded)
        if refusal:  # node policy, not the ledger's: it would leave this node unable to sign
            return admission_receipt(tx_id, Rejection(pb.CODE_NODE_KEY_NOT_HELD, refusal))
        return decoded

    def _own_key_refusal(self, state: State, decoded: machine.DecodedTx) -> str:
        """A solo node is the chain's only signer: it refuses a change of its own node keys that
        would leave it no key for the next block. Judged here on the committed state, for a prompt
        answer; `_build_and_commit` judges again on the block's own result, which is exact."""
        if self.keyring is None or not self.guards_own_keys:
            return ""
        return self.keyring.refusal(state, decoded.kind, decoded.payload)

    # -- for block production: the solo loop below, or the cluster's proposer and applier -----
    def waiting(self) -> list[Pending]:
        """The admitted transactions not answered yet, oldest first."""
        self._queue = [pending for pending in self._queue if not pending.future.done()]
        return list(self._queue)

    def settle(self, pending: Pending, receipt: pb.Receipt) -> None:
        """Answer one admitted transaction."""
        self._inflight.pop(pending.tx.tx_id, None)
        if not pending.future.done():
            pending.future.set_result(receipt)

    def answer(self, tx_id: bytes, receipt: pb.Receipt) -> None:
        """Answer the submitter of `tx_id`, if one waits here (its block came from elsewhere)."""
        future = self._inflight.pop(tx_id, None)
        if future is not None and not future.done():
            future.set_result(receipt)

    def fail_waiting(self, error: Exception) -> None:
        """Fail every admitted transaction still waiting, and empty the queue."""
        for pending in self._queue:
            self._inflight.pop(pending.tx.tx_id, None)
            if not pending.future.done():
                pending.future.set_exception(error)
        self._queue = []

    async def on_writer(self, function, *args):
        """Run `function(*args)` on the single writer thread, where every block is committed."""
        return await asyncio.get_running_loop().run_in_executor(self._writer, function, *args)

    async def announce_head(self) -> None:
        """Wake whoever waits for a height (`wait_for_height`, the solo `wait_final`)."""
        async with self._head_changed:
            self._head_changed.notify_all()

    def signing_key(self, state: State, height: int) -> KeyFile:
        """The held node key that may sign block `height`."""
        key = self.keyring.signer_at(state, height)
        if key is None:
            raise NodeKeyUnavailable(f"this node holds no node key of {self.keyring.participant_id} that may sign block {height}: "
                                     f"install its key file in {self.keyring.directory or 'DATA/keys'}")
        return key

    # -- queries ----------------------------------------------------------------------------
    def receipt(self, tx_id: bytes) -> pb.Receipt | None:
        location = self.store.tx_location(tx_id)
        if location is None:
            return None
        height, index = location
        stored = self.store.tx_result(tx_id)
        if stored is not None:  # kept beside the index: no block to parse
            block_hash, result = stored[: crypto.HASH_BYTES], pb.TxResult.FromString(stored[crypto.HASH_BYTES:])
        else:
            block = pb.Block.FromString(self.store.block(height))
            block_hash, result = crypto.header_hash(block.header), block.results[index]
        return receipt_from_result(result, height, index, block_hash, height <= self.final_height)

    def is_pending(self, tx_id: bytes) -> bool:
        return tx_id in self._inflight

    async def wait_for_height(self, height: int, timeout_s: float) -> bool:
        """Wait until the head reaches `height`; False on timeout or stop."""
        return await self._wait_head_change(lambda: self.tip.height >= height, timeout_s)

    async def wait_final(self, height: int, timeout_s: float) -> bool:
        """Wait until `height` is final; a solo node's blocks are final when committed, given quorum 1."""
        return await self._wait_head_change(lambda: self.final_height >= height, timeout_s)

    async def _wait_head_change(self, reached, timeout_s: float) -> bool:
        async with self._head_changed:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._head_changed.wait_for(lambda: reached() or self._stopping), timeout_s)
        return reached()

    # -- block production -------------------------------------------------------------------
    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self.wakeup.wait()
            if not self._queue:
                self.wakeup.clear()
                if self._stopping:
                    break
                continue
            if len(self._queue) < self.config.block_tx_count_max and not self._stopping:
                await asyncio.sleep(self.config.block_interval_ms / 1000)
            batch = self._take_batch()
            try:
                built = await loop.run_in_executor(self._writer, self._build_and_commit, batch)
            except NodeKeyUnavailable as error:  # nothing was written: refuse these, sign again once a key file is installed
                log.error("cannot sign the next block", error=str(error))
                for pending in batch:
                    self._inflight.pop(pending.tx.tx_id, None)
                    if not pending.future.done():
                        pending.future.set_exception(error)
                continue
            except BaseException as error:  # a failed commit (disk full...) is an operating error:
                log.exception("block commit failed; the node takes no more transactions", error=str(error))
                for pending in batch + self._queue:  # fail everything waiting, loudly
                    self._inflight.pop(pending.tx.tx_id, None)
                    if not pending.future.done():
                        pending.future.set_exception(NodeStopping("block commit failed"))
                self._queue.clear()
                self.failure = error
                raise
            if built is None:  # every transaction of the batch was refused
                continue
            self._resolve(batch, built)
            await self.announce_head()
        await self.announce_head()

    def _take_batch(self) -> list[Pending]:
        """The next block's transactions: bounded by count and by bytes, at least one."""
        size = 0
        count = 0
        for pending in self._queue[: self.config.block_tx_count_max]:
            size += len(pending.tx.raw)
            if count and size > self.config.block_bytes_max:
                break
            count += 1
        batch = self._queue[:count]
        del self._queue[:count]
        return batch

    def _build_and_commit(self, batch: list[Pending]) -> BuiltBlock | None:
        """Build, sign and commit the next block of `batch`; None if nothing was left to commit.
        Transactions taken out of `batch` (see `_build_keeping_a_signing_key`) are failed here."""
        with self.store.reader() as reader:
            key = self.signing_key(State(reader), self.tip.height + 1)
            built = self._build_keeping_a_signing_key(reader, key, batch)
        if built is None:
            return None
        signature = pb.Signature(key_id=key.key_id, signature=key.signer.sign_header(built.header))
        built.block.signatures.append(signature)
        self.store.commit_block(built.tip.height, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results],
                                built.writes, [result_bytes(r) for r in built.results])
        self.advance_head(built.header, built.tip)
        if len(built.block.signatures) >= self.quorum:
            self.final_height = built.tip.height
        log.debug("block committed", height=built.tip.height, txs=len(built.block.txs))
        return built

    def _build_keeping_a_signing_key(self, reader, key: KeyFile, batch: list[Pending]) -> BuiltBlock | None:
        """Build the block of `batch`. On a solo node, if the block would leave the node no key for
        the next one (changes of its keys admitted together, each fine alone on the committed
        state), take the last such change out, fail it with NODE_KEY_NOT_HELD, and build again.
        Runs on the writer thread and judges the block's own result: exact, where admission is not."""
        while batch:
            built = build_block(reader, self.tip, self.clock(), key.participant_id, [p.tx.raw for p in batch], [p.tx for p in batch])
            if not self.guards_own_keys or self.keyring.signer_at(_after(reader, built), self.tip.height + 2) is not None:
                return built
            changes = [p for p in batch if self.keyring.touches(p.tx.kind, p.tx.payload)]
            if not changes:
                raise NodeKeyUnavailable(f"block {self.tip.height + 1} would leave this node no key to sign the next one")
            batch.remove(changes[-1])
            receipt = admission_receipt(changes[-1].tx.tx_id, Rejection(
                pb.CODE_NODE_KEY_NOT_HELD, "with the changes of this node's keys before it in this block, it would leave the node no key to sign the next one"))
            changes[-1].future.get_loop().call_soon_threadsafe(self.settle, changes[-1], receipt)
        return None

    def _resolve(self, batch: list[Pending], built: BuiltBlock) -> None:
        final = len(built.block.signatures) >= self.quorum
        for index, (pending, result) in enumerate(zip(batch, built.results)):
            receipt = receipt_from_result(result, built.tip.height, index, built.hash, final)
            self._inflight.pop(pending.tx.tx_id, None)
            if not pending.future.done():
                pending.future.set_result(receipt)


def _after(reader, built: BuiltBlock) -> State:
    """The state after `built`, read through its writes."""
    state = State(reader)
    state.writes.update(built.writes)
    return state


def _genesis_tip(store: Store, genesis_bytes: bytes) -> Tip:
    from cets.ledger.genesis import genesis_writes

    genesis = pb.Genesis.FromString(genesis_bytes)
    return Tip.of_genesis(genesis, genesis_bytes, genesis_writes(genesis))
