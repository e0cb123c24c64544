"""Cosignatures and finality: each node publishes its signature over every header it applies, and
gathers the others' from etcd; a block is final once a quorum of institutions has signed it.

A signature record is accepted once per institution and height, by a node key of that institution
that could sign that height (registered before it, not revoked before it: exactly what the
auditor's `verify_block` demands), and is added to the stored block. A valid signature over
another header of this chain at that height is kept as `conflicting_header` evidence. The final
height is the highest height up to which every block has its quorum; it is kept in the store's
metadata and in the sequencer (`Sequencer.final_height`, which receipts report).
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.keyfile import KeyFile
from cets.ledger.state import State
from cets.ledger.verify import node_key_at
from cets.node.evidence import EvidenceLog
from cets.node.keyring import NodeKeyring
from cets.node.ordering import Ordering
from cets.node.sequencer import Sequencer

log = structlog.get_logger("cets.cluster")

RETRY_DELAY_S = 0.2
PUBLISH_ATTEMPTS = 10


def sign(key: KeyFile, header: bytes) -> pb.Signature:
    return pb.Signature(key_id=key.key_id, signature=key.signer.sign_header(header))


def own_signature(keyring: NodeKeyring | None, block: pb.Block) -> pb.Signature | None:
    """This node's signature on `block`, if it holds the key that made one."""
    if keyring is None:
        return None
    held = keyring.key_ids
    return next((s for s in block.signatures if s.key_id in held), None)


class Finality:
    """Signature records in and out, and the final height. `ordering` None (an observer following
    its peers) publishes and watches nothing: its blocks arrive final, with their signatures."""

    def __init__(self, core: Sequencer, ordering: Ordering | None, keyring: NodeKeyring | None, evidence: EvidenceLog) -> None:
        self._core = core
        self._ordering = ordering
        self._keyring = keyring
        self._evidence = evidence
        self._early: dict[int, dict[str, pb.SignatureRecord]] = {}  # records above the head, by height and institution
        self._changed = asyncio.Condition()
        self._merging = asyncio.Lock()  # the apply and signature loops both merge signatures
        core.final_height = int(core.store.get_meta("final_height") or b"0")

    @property
    def final_height(self) -> int:
        return self._core.final_height

    async def wait_final(self, height: int, timeout_s: float) -> bool:
        async with self._changed:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: self.final_height >= height or self._core.stopping), timeout_s)
        return self.final_height >= height

    # -- this node's signatures -------------------------------------------------------------
    async def block_applied(self, height: int, block: pb.Block, header_hash: bytes) -> None:
        """After block `height` is committed: publish this node's signature, merge the records
        that arrived before the block, and move the final height."""
        own = own_signature(self._keyring, block)
        if own is not None:
            await self.publish(self._record(height, block, own, header_hash))
        for record in self._early.pop(height, {}).values():
            await self.take(record)
        await self._update_final_height(height, block)

    def _record(self, height: int, block: pb.Block, signature: pb.Signature, header_hash: bytes) -> pb.SignatureRecord:
        return pb.SignatureRecord(height=height, header_hash=header_hash, signature=signature, header=block.header,
                                  participant_id=self._keyring.participant_id)

    async def publish(self, record: pb.SignatureRecord) -> None:
        for _ in range(PUBLISH_ATTEMPTS):
            try:
                await self._ordering.put_signature(record.height, record.participant_id, record.SerializeToString())
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("publishing a signature failed, retrying", error=repr(error), height=record.height)
                await asyncio.sleep(RETRY_DELAY_S)

    async def republish_own(self) -> None:
        """After a restart, publish again what this node signed above the final height: it may
        have committed a block and died before its signature reached etcd."""
        for height in range(self.final_height + 1, self._core.tip.height + 1):
            block = pb.Block.FromString(self._core.store.block(height))
            own = own_signature(self._keyring, block)
            if own is not None:
                await self.publish(self._record(height, block, own, crypto.header_hash(block.header)))

    # -- the others' signatures -------------------------------------------------------------
    async def watch(self) -> None:
        """Merge every signature record published in etcd, from the final height on."""
        while not self._core.stopping:
            try:
                async for height, participant, raw in self._ordering.watch_signatures(max(self.final_height, 1)):
                    try:
                        record = pb.SignatureRecord.FromString(raw)
                    except Exception:
                        log.warning("unreadable signature record", height=height, participant=participant)
                        continue
                    if record.height != height or record.participant_id != participant:
                        continue
                    await self.take(record)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("signature watch broke, resuming", error=repr(error))
                await asyncio.sleep(RETRY_DELAY_S)

    async def take(self, record: pb.SignatureRecord) -> None:
        """Merge one signature record (from etcd, or from a peer's evidence)."""
        async with self._merging:
            await self._merge(record)

    async def _merge(self, record: pb.SignatureRecord) -> None:
        height = record.height
        if height > self._core.tip.height:
            self._early.setdefault(height, {})[record.participant_id] = record
            return
        block = pb.Block.FromString(self._core.store.block(height))
        if not self._signature_valid(record):
            log.warning("invalid signature record ignored", height=height, participant=record.participant_id)
            return
        if record.header != block.header:
            self._check_conflict(record, block)
            return
        if record.participant_id in self._signers(block, height):
            return  # one signature per institution and height
        block.signatures.append(record.signature)
        await self._core.on_writer(self._core.store.replace_block, height, block.SerializeToString())
        await self._update_final_height(height, block)

    def _check_conflict(self, record: pb.SignatureRecord, block: pb.Block) -> None:
        """A valid signature over another header: equivocation, if that header is of this chain
        and this height. The record's own height is not signed, so a genuine signature relabelled
        to another height proves nothing."""
        height = record.height
        try:
            signed = pb.BlockHeader.FromString(record.header)
        except Exception:
            return
        if signed.height != height or signed.chain_id != self._core.chain_id:
            log.warning("signature record relabelled to another height ignored", height=height, participant=record.participant_id)
            return
        self._evidence.record(pb.Evidence(
            height=height, kind="conflicting_header", participant_id=record.participant_id,
            detail=f"{record.participant_id} signed header {crypto.header_hash(record.header).hex()} at height {height}, "
                   f"the chain has {crypto.header_hash(block.header).hex()}",
            items=[record.SerializeToString(), block.header]))

    def _signature_valid(self, record: pb.SignatureRecord) -> bool:
        """By a node key of the record's institution that could sign that height (registered
        before it, not revoked before it: what `ledger.verify` will demand), over its header."""
        with self._core.store.reader() as reader:
            key = node_key_at(State(reader), record.signature.key_id, record.height)
        return (key is not None and key.participant_id == record.participant_id
                and crypto.verify(key.public_key, record.signature.signature, crypto.HEADER_DOMAIN + record.header))

    def _signers(self, block: pb.Block, height: int) -> set[str]:
        with self._core.store.reader() as reader:
            state = State(reader)
            keys = (node_key_at(state, signature.key_id, height) for signature in block.signatures)
            return {key.participant_id for key in keys if key is not None}

    async def _update_final_height(self, height: int, block: pb.Block) -> None:
        """Final height = the highest height up to which every block has its quorum."""
        final = self.final_height
        while final < self._core.tip.height:
            candidate = block if final + 1 == height else pb.Block.FromString(self._core.store.block(final + 1))
            if len(self._signers(candidate, final + 1)) < self._core.quorum:
                break
            final += 1
        if final > self.final_height:
            self._core.final_height = final
            self._core.store.put_meta("final_height", str(final).encode())
            async with self._changed:
                self._changed.notify_all()
