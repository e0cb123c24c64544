"""`cets chain export`: write a chain to one portable file (the format: ledger/export.py).

The blocks come from a node over gRPC (its final blocks: those a quorum has signed) or from a
stopped node's data directory (every stored block, read-only, under the directory's shared lock).
They are written as they are served or stored, unchanged: the file is evidence, checked by
`cets audit verify --file`, not by the exporter. It is written beside its destination and renamed
into place at the end, so a failed export leaves no file that looks whole.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import asdict, dataclass
from typing import Iterable

from google.protobuf.message import DecodeError

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.chain import ZERO_HASH
from cets.ledger.export import ExportWriter
from cets.ledger.store import LmdbStore, StoreError


class ExportFailed(Exception):
    """The export could not be written (nothing was left at the destination)."""


@dataclass
class ExportSummary:
    path: str
    source: str
    genesis_hash: str
    blocks: int
    transactions: int
    head_hash: str
    bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def write_export(path: pathlib.Path, source: str, genesis: bytes, blocks: Iterable[bytes]) -> ExportSummary:
    """Write `genesis` and `blocks` (in height order) to `path`, atomically."""
    path = pathlib.Path(path)
    partial = path.with_name(path.name + ".partial")
    transactions, head_hash = 0, crypto.genesis_hash(genesis)
    try:
        with open(partial, "wb") as stream:
            writer = ExportWriter(stream, genesis)
            for raw in blocks:
                writer.add_block(raw)
                count, header_hash = _tx_count_and_hash(raw)
                transactions += count
                head_hash = header_hash
            writer.finish(transactions, head_hash)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportFailed(f"{path}: {error.strerror or error}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportSummary(path=str(path), source=source, genesis_hash=crypto.genesis_hash(genesis).hex(), blocks=writer.block_count,
                         transactions=transactions, head_hash=head_hash.hex(), bytes=path.stat().st_size)


def _tx_count_and_hash(raw: bytes) -> tuple[int, bytes]:
    """What the trailer says of a block; a block that does not parse is written as it is (the
    auditor names it) and counted as empty."""
    try:
        block = pb.Block.FromString(raw)
    except DecodeError:
        return 0, ZERO_HASH
    return len(block.txs), crypto.header_hash(block.header)


def export_data_dir(data_dir: pathlib.Path, path: pathlib.Path) -> ExportSummary:
    """Export every stored block of a stopped node's data directory."""
    from cets.clients.audit import AuditRefused, offline

    data_dir = pathlib.Path(data_dir)
    try:
        with offline(data_dir):
            store = LmdbStore(data_dir / "ledger", readonly=True)
            try:
                genesis = store.genesis()
                if genesis is None:
                    raise ExportFailed(f"{data_dir}: no chain here (its ledger holds no genesis)")
                head_height, _ = store.head()
                return write_export(path, str(data_dir), genesis, _stored_blocks(store, head_height))
            finally:
                store.close()
    except AuditRefused as refused:
        raise ExportFailed(str(refused)) from None
    except StoreError as error:
        raise ExportFailed(f"{data_dir}: {error}") from None


def _stored_blocks(store: LmdbStore, head_height: int) -> Iterable[bytes]:
    for height in range(1, head_height + 1):
        raw = store.block(height)
        if raw is None:
            raise ExportFailed(f"block {height} is missing below the stored head {head_height}: audit the directory (cets audit verify --data)")
        yield raw


def export_node(target: str, path: pathlib.Path, credentials=None) -> ExportSummary:
    """Export a node's chain up to its final height (the blocks a quorum has signed)."""
    from cets.clients.sdk import Client

    with Client(target, deadline_s=60.0, credentials=credentials) as client:
        genesis = client.genesis().genesis
        head = client.head()
        end = min(head.final_height, head.height)
        return write_export(path, target, genesis, _served_blocks(client, end))


def _served_blocks(client, end: int) -> Iterable[bytes]:
    served = 0
    if end:
        for block in client.stream_blocks(1, end):
            served += 1
            yield block.SerializeToString()
    if served != end:
        raise ExportFailed(f"the node served {served} blocks of its {end} final ones")
