"""Signed chains built in process, block by block, as the nodes build them: for the export and
audit tests, the tamper and forgery suite (bench/tamper.py) and the audit benchmark (bench/audit.py).

The genesis is the dev genesis with a quorum of 2 (two of the three institutions' node keys sign
each header), so that a history re-signed by one node's key alone falls below the quorum. Its
chain id is the dev chain's, so bench/throughput.py's builders sign for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.chain import Tip, build_block
from cets.ledger.genesis import build_genesis, genesis_writes
from cets.ledger.memstore import MemoryStore
from cets.node import devnet

QUORUM = 2
SIGNERS = (devnet.INSTITUTIONS[1], devnet.INSTITUTIONS[0])  # REG proposes, MEE cosigns
NODE_KEYS = {participant: devnet.dev_key(participant, pb.KEY_PURPOSE_NODE) for participant in devnet.INSTITUTIONS}
START_MS = devnet.DEV_GENESIS_TIME_MS + 1_000


def quorum_genesis(quorum: int = QUORUM) -> bytes:
    by_participant: dict[str, list[pb.KeySpec]] = {}
    for key in devnet.dev_keys():
        by_participant.setdefault(key.participant_id, []).append(key.spec())
    genesis = build_genesis(devnet.DEV_CHAIN_ID, devnet.DEV_GENESIS_TIME_MS, by_participant, quorum=quorum)
    return genesis.SerializeToString(deterministic=True)


def sign(block: pb.Block, signers: Sequence[str]) -> None:
    for participant in signers:
        key = NODE_KEYS[participant]
        block.signatures.append(pb.Signature(key_id=key.key_id, signature=key.signer.sign_header(block.header)))


@dataclass
class Chain:
    genesis: bytes
    blocks: list[bytes] = field(default_factory=list)
    transactions: int = 0
    batches: list[list[bytes]] = field(default_factory=list)  # each block's transactions, to rebuild it

    @property
    def genesis_hash(self) -> str:
        return crypto.genesis_hash(self.genesis).hex()

    @property
    def head_hash(self) -> str:
        if not self.blocks:
            return self.genesis_hash
        return crypto.header_hash(pb.Block.FromString(self.blocks[-1]).header).hex()


class ChainBuilder:
    """Execute blocks of transactions over an in-memory store and sign their headers."""

    def __init__(self, genesis: bytes | None = None, store=None) -> None:
        """`store`: where to keep the chain (an empty `LmdbStore` for a node's data directory), by
        default in memory."""
        self.chain = Chain(genesis or quorum_genesis())
        parsed = pb.Genesis.FromString(self.chain.genesis)
        writes = genesis_writes(parsed)
        self.store = store if store is not None else MemoryStore()
        self.store.init_genesis(self.chain.genesis, crypto.genesis_hash(self.chain.genesis), writes)
        self.tip = Tip.of_genesis(parsed, self.chain.genesis, writes)

    def add(self, raws: Sequence[bytes], signers: Sequence[str] = SIGNERS, time_ms: int = START_MS) -> pb.Block:
        with self.store.reader() as reader:
            built = build_block(reader, self.tip, time_ms, signers[0], list(raws))
        block = built.block
        sign(block, signers)
        raw = block.SerializeToString()
        self.store.commit_block(built.tip.height, built.hash, raw, [r.tx_id for r in built.results], built.writes)
        self.tip = built.tip
        self.chain.blocks.append(raw)
        self.chain.transactions += len(raws)
        self.chain.batches.append(list(raws))
        return block


def rebuild(genesis: bytes, batches: Sequence[Sequence[bytes]], signers: Sequence[Sequence[str]] | None = None, store=None) -> Chain:
    """The chain of these blocks' transactions, each block signed by its `signers` (default: the
    quorum): the same transactions and signers give the same bytes (Ed25519 signs deterministically)."""
    builder = ChainBuilder(genesis, store)
    for index, raws in enumerate(batches):
        builder.add(raws, signers[index] if signers else SIGNERS)
    return builder.chain


def small_chain(store=None) -> Chain:
    """Three blocks of a few transactions: the founding scenario with two emitters, then two transfers."""
    from bench.throughput import setup_transactions, transfers

    clock = lambda: START_MS  # noqa: E731
    keys, setup = setup_transactions(clock, 2)
    raws = [tx.SerializeToString() for tx in setup]
    moves = [tx.SerializeToString() for tx in transfers(keys, 2, clock)]
    return rebuild(quorum_genesis(), [raws[:5], raws[5:], moves], store=store)


def transfer_chain(transfer_count: int, block_tx_count: int = 1_000, emitters: int = 64) -> Chain:
    """The scenario of bench/throughput.py (emitters registered, allowances allocated), then
    `transfer_count` signed transfers between the emitters, `block_tx_count` to a block."""
    from bench.throughput import setup_transactions, transfers

    builder = ChainBuilder()
    clock = lambda: START_MS  # noqa: E731 - every transaction created at the block time
    keys, setup = setup_transactions(clock, emitters)
    builder.add([tx.SerializeToString() for tx in setup])
    raws = [tx.SerializeToString() for tx in transfers(keys, transfer_count, clock)]
    for first in range(0, len(raws), block_tx_count):
        builder.add(raws[first:first + block_tx_count])
    return builder.chain
