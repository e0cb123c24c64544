"""Verification of blocks and whole chains: the one code path shared by nodes and auditors.

`verify_block` re-executes a block on the state before it and checks everything its header
claims; it raises `ChainError` naming the height. `Replayer` applies it block after block from the
genesis over its own in-memory state, using nothing but the blocks and the public keys they
register: this is the auditor's full replay.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Sequence

from google.protobuf.message import DecodeError

from cets.v1 import messages as pb
from cets.ledger import crypto, limits
from cets.ledger.chain import HEADER_VERSION, Tip, build_block, result_bytes
from cets.ledger.encoding import is_canonical, is_strict, unknown_field_path
from cets.ledger.errors import ChainError
from cets.ledger.genesis import genesis_writes
from cets.ledger.machine import DecodedTx
from cets.ledger.memstore import MemoryStore
from cets.ledger.state import State, StateReader

_NODE_ROLES = frozenset({pb.ROLE_MINISTRY, pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE})
NODE_ROLES = _NODE_ROLES  # the roles that run nodes: only their node keys sign headers (the light client too)


def node_key_at(state: State, key_id: str, height: int) -> pb.KeyRecord | None:
    """The node key `key_id` if it could sign block `height`, judged on any later state: an
    institution's node key, registered before that block and not revoked before it. On the state
    just before the block this is what `header_signers` demands."""
    key = state.key(key_id) if key_id else None
    if key is None or not node_key_record_at(key, height):
        return None
    participant = state.participant(key.participant_id)
    return key if participant is not None and participant.role in _NODE_ROLES else None


def node_key_record_at(key: pb.KeyRecord, height: int) -> bool:
    """The key record's own part of the rule: a node key, added before block `height` and not
    revoked before it (a client checking a proof applies it to the records a node lists)."""
    return key.purpose == pb.KEY_PURPOSE_NODE and key.added_height < height and not (key.revoked and key.revoked_height < height)


def parse_block(height: int, raw: bytes) -> pb.Block:
    """Parse a block strictly: a tampered copy must not parse into the same block."""
    try:
        block = pb.Block.FromString(raw)
    except DecodeError:
        raise ChainError(height, "block does not parse") from None
    if is_strict(block, raw):
        return block
    block = pb.Block.FromString(raw)  # is_strict discarded its unknown fields: name them
    unknown = unknown_field_path(block, "block")
    if unknown:
        raise ChainError(height, f"{unknown}: carries fields this ledger does not know")
    if not is_canonical(block, raw):
        raise ChainError(height, "block is not in canonical encoding")
    return block


def parse_header(height: int, raw: bytes) -> pb.BlockHeader:
    """Parse a header strictly. Its hash is the block's identity and what the nodes sign: a header
    re-encoded with the same content (a field repeated, reordered, or set to its default) would
    be a second block with the same meaning, so only the canonical encoding is a header."""
    try:
        header = pb.BlockHeader.FromString(raw)
    except DecodeError:
        raise ChainError(height, "header does not parse") from None
    if not is_strict(header, raw):
        header = pb.BlockHeader.FromString(raw)  # is_strict discarded its unknown fields: name them
        unknown = unknown_field_path(header, "header")
        if unknown:
            raise ChainError(height, f"{unknown}: carries fields this ledger does not know")
        if not is_canonical(header, raw):
            raise ChainError(height, "header: not in canonical encoding")
    if header.version != HEADER_VERSION:
        raise ChainError(height, f"version: got {header.version}, want {HEADER_VERSION} (a block format this ledger does not know)")
    return header


def header_signers(state: State, header: bytes, signatures, height: int) -> list[str]:
    """Institutions whose node keys signed `header`; raises on any bad signature."""
    message = crypto.HEADER_DOMAIN + header
    signers: list[str] = []
    for index, signature in enumerate(signatures):
        record = state.key(signature.key_id) if signature.key_id else None
        if record is None or record.purpose != pb.KEY_PURPOSE_NODE or record.revoked:
            raise ChainError(height, f"header signature {index}: {signature.key_id!r} is not an active node key")
        participant = state.participant(record.participant_id)
        if participant is None or participant.role not in _NODE_ROLES:
            raise ChainError(height, f"header signature {index}: {record.participant_id!r} runs no node")
        if not crypto.verify(record.public_key, signature.signature, message):
            raise ChainError(height, f"header signature {index}: does not verify with key {record.key_id}")
        if record.participant_id in signers:
            raise ChainError(height, f"header signature {index}: {record.participant_id!r} signs twice")
        signers.append(record.participant_id)
    return signers


@dataclass
class VerifiedBlock:
    tip: Tip
    writes: dict[bytes, bytes | None]
    results: list[pb.TxResult]
    signers: list[str]


def verify_block(reader: StateReader, tip: Tip, block: pb.Block, quorum: int,
                 decoded: Sequence[DecodedTx | None] | None = None) -> VerifiedBlock:
    """Check links, header signatures and quorum, then replay and compare every root.
    `decoded`: the block's transactions decoded ahead (`build_block`'s), or None."""
    height = tip.height + 1
    header = parse_header(height, block.header)
    expect = [
        ("chain_id", header.chain_id, tip.chain_id),
        ("height", header.height, height),
        ("prev_hash", header.prev_hash, tip.hash),
        ("tx_count", header.tx_count, len(block.txs)),
        ("result count", len(block.results), len(block.txs)),
    ]
    for name, got, want in expect:
        if got != want:
            raise ChainError(height, f"{name}: got {_show(got)}, want {_show(want)}")
    if len(block.txs) > limits.block_tx_count_max:
        raise ChainError(height, f"tx_count: got {len(block.txs)}, want at most {limits.block_tx_count_max}")
    if header.time_ms < tip.time_ms:
        raise ChainError(height, f"time_ms: got {header.time_ms}, earlier than {tip.time_ms}")
    signers = header_signers(State(reader), block.header, block.signatures, height)
    if header.proposer not in signers:
        raise ChainError(height, f"header not signed by its proposer {header.proposer!r}")
    if len(signers) < quorum:
        raise ChainError(height, f"header signed by {len(signers)} institutions, quorum is {quorum}")
    rebuilt = build_block(reader, tip, header.time_ms, header.proposer, list(block.txs), decoded)
    if rebuilt.header != block.header:  # the very bytes signed, not merely the same content
        raise ChainError(height, _header_difference(header, pb.BlockHeader.FromString(rebuilt.header)))
    for index, (got, want) in enumerate(zip(block.results, rebuilt.results)):
        if result_bytes(got) != result_bytes(want):
            raise ChainError(height, f"result {index}: stored {pb.Code.Name(got.code)}, replay gives {pb.Code.Name(want.code)}")
    return VerifiedBlock(tip=Tip.of_header(block.header), writes=rebuilt.writes, results=list(rebuilt.results), signers=signers)


def _header_difference(stored: pb.BlockHeader, replayed: pb.BlockHeader) -> str:
    for field_name in ("tx_root", "result_root", "state_root", "history_size", "history_root", "proposer", "time_ms"):
        got, want = getattr(stored, field_name), getattr(replayed, field_name)
        if got != want:
            return f"{field_name}: header has {_show(got)}, replay gives {_show(want)}"
    return "header bytes differ from the replayed header"


def _show(value) -> str:
    return value.hex() if isinstance(value, bytes) else repr(value)


@dataclass
class ReplayReport:
    """What a replay checked, with counts."""

    height: int = 0
    blocks: int = 0
    transactions: int = 0
    applied: int = 0
    rejected: int = 0
    header_signatures: int = 0
    by_code: dict[str, int] = field(default_factory=dict)


def _decoded_match(block: pb.Block, decoded: Sequence[DecodedTx | None]) -> bool:
    return len(decoded) == len(block.txs) and all(entry is None or entry.raw == raw for entry, raw in zip(decoded, block.txs))


class Replayer:
    """Verify a chain from its genesis, block by block, over an in-memory state."""

    def __init__(self, genesis_bytes: bytes) -> None:
        try:
            genesis = pb.Genesis.FromString(genesis_bytes)
        except DecodeError:
            raise ChainError(0, "genesis does not parse") from None
        writes = genesis_writes(genesis)
        self.store = MemoryStore()
        self.store.init_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes), writes)
        self.tip = Tip.of_genesis(genesis, genesis_bytes, writes)
        self.quorum = genesis.quorum
        self.report = ReplayReport()

    def apply(self, raw_block: bytes, decoded: Sequence[DecodedTx | None] | None = None) -> VerifiedBlock:
        """Verify the next block and apply it. `decoded`: its transactions decoded ahead (one
        entry per transaction, None where not), used only if each is of these very bytes."""
        height = self.tip.height + 1
        block = parse_block(height, raw_block)
        if decoded is not None and not _decoded_match(block, decoded):
            decoded = None
        with self.store.reader() as reader:
            verified = verify_block(reader, self.tip, block, self.quorum, decoded)
        self.store.commit_block(height, verified.tip.hash, raw_block, [r.tx_id for r in verified.results], verified.writes)
        self.tip = verified.tip
        self._count(verified)
        return verified

    def _count(self, verified: VerifiedBlock) -> None:
        report = self.report
        report.height = verified.tip.height
        report.blocks += 1
        report.header_signatures += len(verified.signers)
        codes = collections.Counter(result.code for result in verified.results)
        for code, count in codes.items():  # a name per code, not per transaction
            name = pb.Code.Name(code).removeprefix("CODE_")  # the reason spelling of errors
            report.by_code[name] = report.by_code.get(name, 0) + count
        report.transactions += len(verified.results)
        report.applied += codes.get(pb.CODE_OK, 0)
        report.rejected += len(verified.results) - codes.get(pb.CODE_OK, 0)
