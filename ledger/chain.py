"""Blocks: headers, roots, the state commitment, and building the next block.

The state commitment chains each block's state changes onto the previous commitment:
    state_root(h) = SHA-256("cets/state/v1\\0" || state_root(h-1) || height || digest(writes(h)))
where digest(writes) hashes the block's writes in key order. Since the state after block h is a
pure function of the genesis and the writes of blocks 1..h, this commits to the whole state,
costs O(writes) per block, and any replica or auditor that replays the blocks must reproduce it
byte for byte. (Proofs about single state entries need a Merkle map; see docs/architecture.md.)
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Mapping, Sequence

from cets.v1 import messages as pb
from cets.ledger import crypto, merkle
from cets.ledger.machine import DecodedTx, execute_block
from cets.ledger.state import StateReader

_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")
ZERO_HASH = bytes(32)

# The block format's version, in every header: a node or auditor refuses a header of another
# version, so a change to the format is explicit (tests/test_canonical_bytes.py). Version 2 added
# the history tree (`history_size`, `history_root`); version 1 headers are refused, not read as
# version 2 without a history (no chain of version 1 was ever run in production).
HEADER_VERSION = 2


def writes_digest(writes: Mapping[bytes, bytes | None]) -> bytes:
    digest = hashlib.sha256()
    for key in sorted(writes):
        value = writes[key]
        digest.update(_U32.pack(len(key)) + key)
        digest.update(b"\x00" if value is None else b"\x01" + _U32.pack(len(value)) + value)
    return digest.digest()


def state_root(previous_root: bytes, height: int, writes: Mapping[bytes, bytes | None]) -> bytes:
    return crypto.sha256(crypto.STATE_DOMAIN + previous_root + _U64.pack(height) + writes_digest(writes))


def result_bytes(result: pb.TxResult) -> bytes:
    return result.SerializeToString(deterministic=True)


def tx_root(raws: Sequence[bytes]) -> bytes:
    return merkle.root(raws)


def result_root(results: Sequence[pb.TxResult]) -> bytes:
    return merkle.root([result_bytes(r) for r in results])


@dataclass(frozen=True)
class Tip:
    """What the next block builds on: the last header's height, hash, state root and time."""

    chain_id: str
    height: int
    hash: bytes
    state_root: bytes
    time_ms: int

    @classmethod
    def of_genesis(cls, genesis: pb.Genesis, genesis_bytes: bytes, writes: Mapping[bytes, bytes | None]) -> "Tip":
        return cls(genesis.chain_id, 0, crypto.genesis_hash(genesis_bytes), state_root(ZERO_HASH, 0, writes), genesis.time_ms)

    @classmethod
    def of_header(cls, header_bytes: bytes) -> "Tip":
        header = pb.BlockHeader.FromString(header_bytes)
        return cls(header.chain_id, header.height, crypto.header_hash(header_bytes), header.state_root, header.time_ms)


@dataclass
class BuiltBlock:
    block: pb.Block
    header: bytes
    hash: bytes
    writes: dict[bytes, bytes | None]
    tip: Tip

    @property
    def results(self):
        return self.block.results


def build_block(
    reader: StateReader,
    tip: Tip,
    time_ms: int,
    proposer: str,
    raws: Sequence[bytes],
    decoded: Sequence[DecodedTx | None] | None = None,
) -> BuiltBlock:
    """Execute `raws` on top of `tip` and assemble the unsigned block."""
    height = tip.height + 1
    time_ms = max(time_ms, tip.time_ms)  # block time never decreases
    execution = execute_block(reader, tip.chain_id, height, time_ms, raws, decoded, prev_hash=tip.hash)
    header = pb.BlockHeader(
        chain_id=tip.chain_id, height=height, prev_hash=tip.hash, tx_root=tx_root(raws),
        result_root=result_root(execution.results), state_root=state_root(tip.state_root, height, execution.writes),
        time_ms=time_ms, proposer=proposer, tx_count=len(raws), version=HEADER_VERSION,
        history_size=height, history_root=execution.history_root,
    ).SerializeToString(deterministic=True)  # the canonical encoding `verify.parse_header` demands
    block = pb.Block(header=header, txs=raws, results=execution.results)
    header_hash = crypto.header_hash(header)
    return BuiltBlock(block=block, header=header, hash=header_hash, writes=execution.writes, tip=Tip.of_header(header))
