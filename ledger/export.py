"""The portable chain export: one file holding a whole chain, for an auditor who has nothing else.

Layout (all integers big-endian):

    magic            9 bytes  89 'C' 'E' 'T' 'S' 0d 0a 1a 0a   (as PNG's: a text-mode copy breaks it)
    format version   u16      1
    records, each    kind u8, length u32, `length` bytes:
      'G' (0x47)     the genesis bytes, exactly once, first
      'B' (0x42)     a block's bytes (a serialized `Block`, as nodes store it), heights 1, 2, ... in order
      'E' (0x45)     the trailer, exactly once, last: `TRAILER_BYTES` bytes
                       block count u64, transaction count u64, head header hash (32 bytes),
                       file hash (32 bytes) = SHA-256("cets/export/v1\\0" || every byte of the
                       file before the file hash)
    nothing after the trailer

A block's height is its place in the file; the blocks themselves say it too (their headers), and
the replay checks both. The trailer is what tells a file cut short from a short chain: a file that
ends before its trailer is truncated, whatever else it holds. It is unsigned: the file hash names
accidental damage anywhere (and damage the replay cannot see, past the last block); what makes the
chain trustworthy is the replay from a pinned genesis. A file cut short and given a new trailer is a
valid prefix of the chain: only an expected head (a checkpoint, `--expect-head`) tells it from the
whole.

The reader streams: it hands out the genesis, then each block as it is read, and checks the
trailer after the last one, so that a verifier can name the first bad height while reading.
Errors are `ExportError` with a stable reason; `height` is the block whose record is bad (0 for
the genesis), None for the file's header and its trailer.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from cets.ledger import limits

MAGIC = b"\x89CETS\r\n\x1a\n"
FORMAT_VERSION = 1
EXPORT_DOMAIN = b"cets/export/v1\x00"

KIND_GENESIS = 0x47  # 'G'
KIND_BLOCK = 0x42  # 'B'
KIND_TRAILER = 0x45  # 'E'

_VERSION = struct.Struct(">H")
_RECORD = struct.Struct(">BI")
_COUNTS = struct.Struct(">QQ")
HASH_BYTES = 32
TRAILER_BYTES = _COUNTS.size + 2 * HASH_BYTES
# The longest record a reader accepts: a block of the most transactions, each of the largest size,
# with room for its results and signatures. A corrupted length beyond it is named, not read.
record_bytes_max = limits.block_tx_count_max * (limits.signed_tx_bytes_max + 1024) + (1 << 20)

# Stable reasons (machine-readable; `cets audit verify --file --json` prints them).
EXPORT_UNREADABLE = "EXPORT_UNREADABLE"  # the file cannot be opened or read
EXPORT_BAD_MAGIC = "EXPORT_BAD_MAGIC"  # not a cets chain export
EXPORT_UNSUPPORTED_VERSION = "EXPORT_UNSUPPORTED_VERSION"  # an export format this reader does not know
EXPORT_TRUNCATED = "EXPORT_TRUNCATED"  # the file ends before its trailer
EXPORT_MALFORMED = "EXPORT_MALFORMED"  # a record of the wrong kind or size, bytes after the trailer
EXPORT_COUNTS_MISMATCH = "EXPORT_COUNTS_MISMATCH"  # the trailer's counts or head differ from the blocks read
EXPORT_HASH_MISMATCH = "EXPORT_HASH_MISMATCH"  # the bytes do not hash to the trailer's file hash


class ExportError(ValueError):
    """The file is not a well-formed export: `reason` (stable), `height` (the block whose record is
    bad, 0 the genesis, None the file's header or trailer), `what` (in words)."""

    def __init__(self, reason: str, height: int | None, what: str) -> None:
        super().__init__(what)
        self.reason = reason
        self.height = height
        self.what = what


@dataclass(frozen=True)
class Trailer:
    block_count: int
    transaction_count: int
    head_hash: bytes
    file_hash: bytes


def _record(kind: int, payload: bytes) -> bytes:
    return _RECORD.pack(kind, len(payload)) + payload


class ExportWriter:
    """Write an export to `stream`: the genesis at once, then `add_block` in height order, then
    `finish` with the chain's counts. The caller supplies counts it took from the blocks."""

    def __init__(self, stream: BinaryIO, genesis: bytes) -> None:
        self._stream = stream
        self._hash = hashlib.sha256(EXPORT_DOMAIN)
        self.block_count = 0
        self._write(MAGIC + _VERSION.pack(FORMAT_VERSION) + _record(KIND_GENESIS, genesis))

    def _write(self, data: bytes) -> None:
        self._hash.update(data)
        self._stream.write(data)

    def add_block(self, raw: bytes) -> None:
        assert 0 < len(raw) <= record_bytes_max, len(raw)
        self._write(_record(KIND_BLOCK, raw))
        self.block_count += 1

    def finish(self, transaction_count: int, head_hash: bytes) -> None:
        assert len(head_hash) == HASH_BYTES
        self._write(_RECORD.pack(KIND_TRAILER, TRAILER_BYTES) + _COUNTS.pack(self.block_count, transaction_count) + head_hash)
        self._stream.write(self._hash.digest())


class ExportReader:
    """Read an export from `stream`, hashing every byte as it goes.

    `genesis()` first, then iterate `blocks()` to the end (it reads the trailer when it meets it),
    then `finish(...)` with what the replay found. Each raises ExportError at the first problem."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._hash = hashlib.sha256(EXPORT_DOMAIN)
        self.bytes_read = 0
        self.trailer: Trailer | None = None
        self._hash_problem = ""

    def _read(self, count: int, height: int | None, what: str) -> bytes:
        data = self._stream.read(count)
        if len(data) != count:
            raise ExportError(EXPORT_TRUNCATED, height, f"truncated: the file ends at byte {self.bytes_read + len(data)}, inside {what} "
                                                        f"({count - len(data)} of its bytes missing)")
        self._hash.update(data)
        self.bytes_read += count
        return data

    def genesis(self) -> bytes:
        magic = self._stream.read(len(MAGIC))
        self._hash.update(magic)
        self.bytes_read += len(magic)
        if magic != MAGIC:
            raise ExportError(EXPORT_BAD_MAGIC, None, f"not a cets chain export: the file starts {magic[:16].hex() or 'empty'}, want {MAGIC.hex()}")
        version = _VERSION.unpack(self._read(_VERSION.size, None, "the format version"))[0]
        if version != FORMAT_VERSION:
            raise ExportError(EXPORT_UNSUPPORTED_VERSION, None, f"export format version {version}, this reader reads {FORMAT_VERSION}")
        kind, length = self._record_head(0, "the genesis record")
        if kind != KIND_GENESIS:
            raise ExportError(EXPORT_MALFORMED, 0, f"the first record is of kind {kind:#04x}, want the genesis ({KIND_GENESIS:#04x})")
        return self._read(length, 0, "the genesis record")

    def _record_head(self, height: int, what: str) -> tuple[int, int]:
        first = self._stream.read(1)
        if not first and height > 0:
            raise ExportError(EXPORT_TRUNCATED, height, f"truncated: the file ends after block {height - 1}, without its trailer "
                                                        f"(block {height} or the trailer is missing)")
        self._hash.update(first)
        self.bytes_read += len(first)
        kind, length = _RECORD.unpack(first + self._read(_RECORD.size - len(first), height, what))
        if kind == KIND_TRAILER and height > 0:
            return kind, length  # its length is checked as the trailer's
        if length > record_bytes_max:
            raise ExportError(EXPORT_MALFORMED, height, f"{what}: claims {length} bytes, more than any record ({record_bytes_max})")
        return kind, length

    def blocks(self) -> Iterator[tuple[int, bytes]]:
        """(height, block bytes) for each block record, in file order; stops at the trailer."""
        height = 1
        while True:
            what = f"the record of block {height} (or the trailer)"
            kind, length = self._record_head(height, what)
            if kind == KIND_TRAILER:
                self._read_trailer(length, height)
                return
            if kind != KIND_BLOCK:
                raise ExportError(EXPORT_MALFORMED, height, f"{what}: kind {kind:#04x}, want a block ({KIND_BLOCK:#04x}) or the trailer ({KIND_TRAILER:#04x})")
            if length == 0:
                raise ExportError(EXPORT_MALFORMED, height, f"block {height}: an empty record")
            yield height, self._read(length, height, f"block {height}")
            height += 1

    def _read_trailer(self, length: int, next_height: int) -> None:
        if length != TRAILER_BYTES:
            raise ExportError(EXPORT_MALFORMED, None, f"the trailer after block {next_height - 1}: {length} bytes, want {TRAILER_BYTES}")
        counts = self._read(_COUNTS.size + HASH_BYTES, None, "the trailer")
        expected = self._hash.digest()
        file_hash = self._read(HASH_BYTES, None, "the trailer")
        block_count, transaction_count = _COUNTS.unpack(counts[:_COUNTS.size])
        self.trailer = Trailer(block_count, transaction_count, counts[_COUNTS.size:], file_hash)
        if self._stream.read(1):
            raise ExportError(EXPORT_MALFORMED, None, f"bytes after the trailer (at byte {self.bytes_read})")
        if file_hash != expected:
            # Reported by `finish`, after the blocks: a block damaged in place is named by its height.
            self._hash_problem = f"file hash: the trailer says {file_hash.hex()}, the bytes hash to {expected.hex()}"

    def finish(self, block_count: int, transaction_count: int, head_hash: bytes) -> Trailer:
        """Check the trailer against what the replay found: the counts, the head, the file hash."""
        trailer = self.trailer
        assert trailer is not None, "finish() after blocks() ran to the trailer"
        if trailer.block_count != block_count:
            # Named in words: a block deleted at the end and a damaged count look alike from here.
            first = min(trailer.block_count, block_count) + 1
            raise ExportError(EXPORT_COUNTS_MISMATCH, None, f"trailer: {trailer.block_count} blocks, the file holds {block_count} "
                                                             f"(block {first} {'missing' if trailer.block_count > block_count else 'extra'})")
        for name, said, found in (("transaction count", trailer.transaction_count, transaction_count),
                                  ("head hash", trailer.head_hash.hex(), head_hash.hex())):
            if said != found:
                raise ExportError(EXPORT_COUNTS_MISMATCH, None, f"trailer: {name} {said}, the blocks give {found}")
        if self._hash_problem:
            raise ExportError(EXPORT_HASH_MISMATCH, None, self._hash_problem)
        return trailer
