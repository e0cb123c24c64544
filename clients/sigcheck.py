"""An audit's transactions decoded and their signatures checked on every core, ahead of the replay.

The replay (`ledger.verify.Replayer`) runs in order in this process and is the only judge. Ahead of
it, this module reads blocks in batches, parses each transaction plainly, guesses each signature's
public key from its key id (the genesis keys and every key a transaction carried before it; a key
id is a hash of the key) and sends the transactions to a pool of processes. There each is run
through the ledger's own `decode_tx` (the strict checks: canonical bytes, no unknown field, the
chain id...) and its signatures are verified under the guessed keys. A transaction `decode_tx`
accepted reaches the replay decoded (`machine.accepted_tx`), and, if every signature verified,
with `verified_keys` set: the state machine skips its own Ed25519 check only when those are exactly
the keys its records give (`machine.verify_signatures`). Anything else (refused, a key not guessed,
a signature that fails, a block that does not parse, a pool that broke) reaches the replay as it
would on one core and is judged there: the verdicts are the single-core path's.

A pool worker verifies with libsodium (PyNaCl, about twice as fast here) and, when it refuses, asks
`cryptography`, the ledger's reference (`ledger.crypto.verify`): a signature counts as valid only if
the reference accepts it, and libsodium accepts no signature the reference refuses
(tests/test_export_audit.py checks both on valid, invalid and edge-case signatures).
"""

from __future__ import annotations

import collections
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import DecodeError
from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.errors import Rejection
from cets.ledger.machine import DecodedTx, accepted_tx, decode_tx

BATCH_TX_COUNT = 2_000  # transactions per job sent to the pool: big enough that pickling is cheap
JOBS_AHEAD_PER_WORKER = 2  # jobs in flight per worker, so that none waits while the replay runs

# A job: the chain id, then per transaction its bytes and the public keys guessed for its
# signatures (None where no key was guessed). The answer: a verdict per transaction.
Job = tuple[str, list[tuple[bytes, tuple[bytes | None, ...]]]]
REFUSED, DECODED, VERIFIED = 0, 1, 2  # decode_tx refused it; accepted it; accepted it and every signature verifies


def fast_verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Ed25519 as the ledger judges it: libsodium first, `cryptography` (the reference) when it refuses."""
    if len(public_key) == crypto.PUBLIC_KEY_BYTES and len(signature) == crypto.SIGNATURE_BYTES:
        try:
            crypto_sign_open(signature + message, public_key)
            return True
        except (BadSignatureError, ValueError, TypeError):
            pass
    return crypto.verify(public_key, signature, message)


def check_job(job: Job) -> list[int]:
    """In a pool worker: each transaction decoded by the ledger's own `decode_tx`, then its signatures."""
    chain_id, items = job
    return [_check_tx(chain_id, raw, keys) for raw, keys in items]


def _check_tx(chain_id: str, raw: bytes, keys: tuple[bytes | None, ...]) -> int:
    try:
        tx = decode_tx(raw, chain_id)
    except Rejection:
        return REFUSED
    message = crypto.TX_DOMAIN + tx.envelope.body
    signatures = tx.envelope.signatures
    if len(keys) == len(signatures) and all(key is not None and fast_verify(key, signature.signature, message)
                                            for key, signature in zip(keys, signatures)):
        return VERIFIED
    return DECODED


def _has_public_key(descriptor, seen: frozenset = frozenset()) -> bool:
    for field in descriptor.fields:
        if field.name == "public_key" and field.type == FieldDescriptor.TYPE_BYTES:
            return True
        if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.full_name not in seen:
            if _has_public_key(field.message_type, seen | {descriptor.full_name}):
                return True
    return False


# The payload kinds that can carry a public key (registering a participant, adding or rotating a key):
# only their bodies are searched for keys to guess from.
KEY_BEARING_KINDS = frozenset(field.name for field in pb.TxBody.DESCRIPTOR.oneofs_by_name["payload"].fields
                              if field.type == FieldDescriptor.TYPE_MESSAGE and _has_public_key(field.message_type))


def public_keys_in(message) -> Iterator[bytes]:
    """Every `public_key` bytes field anywhere in `message`."""
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in (value if field.is_repeated else (value,)):
                yield from public_keys_in(item)
        elif field.name == "public_key" and field.type == FieldDescriptor.TYPE_BYTES:
            yield value


def _start_method():
    """Fork when this process runs one thread (the CLI): the workers start with every module
    loaded, where spawned ones import them again (0.2 s of CPU each, 8 µs per transaction of a
    50,000-transaction audit). With other threads running (a test's servers), a fork could copy a
    lock one of them holds: spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Batch:
    """Blocks read ahead, their transactions parsed plainly, and the pool's verdicts on them."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, bytes, list | None]] = []  # per block: its plain parses, None if it does not parse
        self.items: list[tuple[bytes, tuple[bytes | None, ...]]] = []  # the job's transactions
        self.future: Future | None = None


class SignaturePrecheck:
    """Wrap a source of (height, block bytes) into (height, block bytes, decoded or None), the
    transactions' signatures checked by `workers` processes ahead of the caller's replay."""

    def __init__(self, genesis_bytes: bytes, workers: int) -> None:
        genesis = pb.Genesis.FromString(genesis_bytes)  # the Replayer parsed it already
        self.chain_id = genesis.chain_id
        self.batch_tx_count = BATCH_TX_COUNT
        self.known: dict[str, bytes] = {}
        for key in public_keys_in(genesis):
            self._learn(key)
        self.workers = workers
        self.precheck_count = 0  # transactions whose signatures the pool verified
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_start_method())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "SignaturePrecheck":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _learn(self, public_key: bytes) -> None:
        if len(public_key) == crypto.PUBLIC_KEY_BYTES:
            self.known.setdefault(crypto.key_id(public_key), public_key)

    def blocks(self, source: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes, list[DecodedTx | None] | None]]:
        """The blocks of `source` in order. An error raised by `source` while reading ahead is
        raised only after every block read before it has been handed out: the replay names the
        first bad height, whether in a block or in the file."""
        pending: collections.deque[_Batch] = collections.deque()
        source = iter(source)
        ended = False
        failure: Exception | None = None
        while True:
            while not ended and len(pending) < self.workers * JOBS_AHEAD_PER_WORKER:
                batch, ended, failure = self._read_batch(source)
                if batch.blocks:
                    batch.future = self._submit((self.chain_id, batch.items))
                    pending.append(batch)
            if not pending:
                break
            yield from self._settled(pending.popleft())
        if failure is not None:
            raise failure

    def _submit(self, job: Job) -> Future | None:
        if not job[1]:
            return None
        try:
            return self._pool.submit(check_job, job)
        except BrokenProcessPool:
            return None

    def _read_batch(self, source) -> tuple[_Batch, bool, Exception | None]:
        """Blocks up to a batch of transactions; whether the source ended, and how if it failed."""
        batch = _Batch()
        tx_count = 0
        while tx_count < self.batch_tx_count:
            try:
                height, raw = next(source)
            except StopIteration:
                return batch, True, None
            except Exception as error:  # the source's own (a bad file): raised in its turn
                return batch, True, error
            decoded = self._decode_block(raw, batch)
            batch.blocks.append((height, raw, decoded))
            tx_count += len(decoded) if decoded else 0
        return batch, False, None

    def _decode_block(self, raw: bytes, batch: _Batch) -> list | None:
        """Each transaction parsed plainly (envelope, body) and queued for the pool, with the keys
        guessed for its signatures; the keys it carries are learnt for the transactions after it."""
        try:
            txs = pb.Block.FromString(raw).txs
        except DecodeError:
            return None  # the replay names it
        parsed: list = []
        for tx_raw in txs:
            try:
                envelope = pb.SignedTx.FromString(tx_raw)
                body = pb.TxBody.FromString(envelope.body)
            except DecodeError:
                parsed.append(None)  # the replay decodes it itself and records the rejection
                continue
            parsed.append((tx_raw, envelope, body))
            batch.items.append((tx_raw, tuple(self.known.get(signature.key_id) for signature in envelope.signatures)))
            kind = body.WhichOneof("payload")
            if kind in KEY_BEARING_KINDS:
                for key in public_keys_in(getattr(body, kind)):
                    self._learn(key)
        return parsed

    def _settled(self, batch: _Batch) -> Iterator[tuple[int, bytes, list[DecodedTx | None] | None]]:
        """The batch's blocks with the transactions `decode_tx` accepted in the pool, marked with
        their verified keys; None for the others (and all of them if the pool failed)."""
        verdicts = iter(())
        if batch.future is not None:
            try:
                verdicts = iter(batch.future.result())
            except BrokenProcessPool:  # a worker died: the replay checks everything itself, as on one core
                pass
        items = iter(batch.items)
        for height, raw, parsed in batch.blocks:
            if parsed is None:
                yield height, raw, None
                continue
            decoded: list[DecodedTx | None] = []
            for entry in parsed:
                verdict = next(verdicts, REFUSED) if entry is not None else REFUSED
                keys = next(items)[1] if entry is not None else None
                decoded.append(accepted_tx(*entry) if verdict != REFUSED else None)
                if verdict == VERIFIED:
                    decoded[-1].verified_keys = keys
                    self.precheck_count += 1
            yield height, raw, decoded
