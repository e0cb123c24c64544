"""The deterministic state machine: decode, authenticate, authorize and apply transactions.

One dispatch point (`execute_tx`) runs every transaction through the same checks in a fixed
order: envelope and body, chain id, payload kind, signatures and keys, the signer's role, the
client id, then the kind's own handler, which checks first and mutates last. Every business
rejection is a `TxResult` with a stable code, recorded in the block, so that every replica and
auditor reaches the same verdict. Time enters only as the block's timestamp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from google.protobuf.message import DecodeError
from google.protobuf.unknown_fields import UnknownFieldSet

from cets.v1 import messages as pb
from cets.ledger import crypto, history, limits
from cets.ledger.encoding import is_canonical, is_strict, unknown_field_path
from cets.ledger.errors import Rejection
from cets.ledger.state import State, StateReader
from cets.ledger.txs import HANDLERS, KINDS, SIGNER_ROLES
from cets.ledger.txs.common import TxContext

PAYLOAD_KINDS: tuple[str, ...] = tuple(f.name for f in pb.TxBody.DESCRIPTOR.oneofs_by_name["payload"].fields)


@dataclass
class DecodedTx:
    """A transaction parsed once; `signatures_verified` caches the pure Ed25519 check.

    `verified_keys`: the public keys, in signature order, under which every signature was found
    valid ahead of execution (the auditor checks signatures on other cores before it knows the
    keys' records); it counts only when they are exactly the keys the records give."""

    raw: bytes
    envelope: pb.SignedTx
    body: pb.TxBody
    tx_id: bytes
    kind: str
    signatures_verified: bool = field(default=False, compare=False)
    verified_keys: tuple[bytes, ...] | None = field(default=None, compare=False)

    @property
    def payload(self):
        return getattr(self.body, self.kind)


@dataclass(frozen=True)
class BlockEnv:
    """What the block gives every transaction in it."""

    chain_id: str
    height: int
    time_ms: int
    rulebook: pb.Rulebook


_UNPARSABLE = "tx: does not parse as a SignedTx carrying a TxBody"


def raw_tx_id(raw: bytes) -> bytes:
    """The id of a transaction for receipts and results: its body's id when `raw` is a well-formed
    envelope, else the id of the bytes themselves (`crypto.invalid_tx_id`). Another envelope
    around a signed body (a field added, reordered or repeated) never takes the body's id, so a
    refused copy cannot stand in the index where the signer's own transaction belongs."""
    try:
        return crypto.tx_id(parse_envelope(raw).body)
    except Rejection:
        return crypto.invalid_tx_id(raw)


def parse_envelope(raw: bytes) -> pb.SignedTx:
    """The envelope, strictly: it parses, carries no unknown field and is in canonical encoding.

    The envelope is not signed, so anyone relaying a transaction could re-wrap its body; the
    bytes stored and hashed into the block must be the one encoding of what was signed."""
    try:
        envelope = pb.SignedTx.FromString(raw)
    except DecodeError:
        # Fixed text: the parser's own message differs between protobuf versions and backends,
        # and result details are hashed into the block.
        raise Rejection(pb.CODE_MALFORMED, _UNPARSABLE) from None
    if is_strict(envelope, raw):
        return envelope
    envelope = pb.SignedTx.FromString(raw)  # is_strict discarded its unknown fields: name them
    unknown = unknown_field_path(envelope, "tx")
    if unknown:
        raise Rejection(pb.CODE_MALFORMED, f"{unknown}: carries fields this ledger does not know")
    if not is_canonical(envelope, raw):
        raise Rejection(pb.CODE_MALFORMED, "tx: envelope not in canonical encoding (a field appears twice, out of order, or set to its default)")
    return envelope


def decode_tx(raw: bytes, chain_id: str) -> DecodedTx:
    """Stateless checks, in order: size, envelope (strictly), body, chain id, payload kind, fields,
    signatures present."""
    if len(raw) > limits.signed_tx_bytes_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"tx: got {len(raw)} bytes, want at most {limits.signed_tx_bytes_max}")
    envelope = parse_envelope(raw)
    try:
        body = pb.TxBody.FromString(envelope.body)
    except DecodeError:
        raise Rejection(pb.CODE_MALFORMED, _UNPARSABLE) from None
    # A strict body (the usual case) passes the three encoding checks below; any other is parsed
    # again (is_strict discarded its unknown fields) and they say, in their order, what is wrong.
    strict = is_strict(body, envelope.body)
    if not strict:
        body = pb.TxBody.FromString(envelope.body)
    if not body.chain_id:
        raise Rejection(pb.CODE_MISSING_FIELD, "chain_id: missing")
    if body.chain_id != chain_id:
        raise Rejection(pb.CODE_WRONG_CHAIN_ID, f"chain_id: got {body.chain_id!r}, want {chain_id!r}")
    if not strict and len(UnknownFieldSet(body)):
        # A payload of a kind this version does not know, alone or beside a known one: nodes of
        # different versions must never read one signed body two ways.
        raise Rejection(pb.CODE_UNKNOWN_PAYLOAD_KIND, "payload: of a kind this ledger does not know")
    kind = body.WhichOneof("payload")
    if kind is None:
        raise Rejection(pb.CODE_MISSING_FIELD, "payload: missing")
    if not strict:
        unknown = unknown_field_path(getattr(body, kind), kind)
        if unknown:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{unknown}: carries fields this ledger does not know")
        if not is_canonical(body, envelope.body):
            # Two payloads, a repeated scalar or any other encoding the parser would silently fold:
            # what is executed must be exactly what was signed.
            raise Rejection(pb.CODE_MALFORMED, "body: not in canonical encoding (a field appears twice, or out of order)")
    for name, value, chars_max in (("signer", body.signer, limits.id_chars_max), ("client_id", body.client_id, limits.client_id_chars_max)):
        if not value:
            raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")
        if len(value) > chars_max:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {len(value)} characters, want at most {chars_max}")
    if not envelope.signatures:
        raise Rejection(pb.CODE_SIGNATURE_MISSING, "signatures: none")
    if len(envelope.signatures) > limits.tx_signature_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"signatures: got {len(envelope.signatures)}, want at most {limits.tx_signature_count_max}")
    return accepted_tx(raw, envelope, body)


def accepted_tx(raw: bytes, envelope: pb.SignedTx, body: pb.TxBody) -> DecodedTx:
    """What `decode_tx` returns for `raw`, given its envelope and body parsed plainly, when
    `decode_tx(raw, ...)` accepted those very bytes already (the auditor runs it on other cores)."""
    return DecodedTx(raw=raw, envelope=envelope, body=body, tx_id=crypto.tx_id(envelope.body), kind=body.WhichOneof("payload"))


def signing_keys(state: State, tx: DecodedTx) -> list[pb.KeyRecord]:
    """The key record behind each signature, checked against the signer and the key's state."""
    records = []
    seen = set()
    for index, signature in enumerate(tx.envelope.signatures):
        name = f"signatures[{index}]"
        record = state.key(signature.key_id) if len(signature.key_id) == crypto.KEY_ID_HEX_CHARS else None
        if record is None:
            raise Rejection(pb.CODE_UNKNOWN_KEY, f"{name}.key_id: no key {signature.key_id!r}")
        if record.participant_id != tx.body.signer:
            raise Rejection(pb.CODE_KEY_NOT_OF_SIGNER, f"{name}.key_id: key of {record.participant_id!r}, signer is {tx.body.signer!r}")
        if record.purpose != pb.KEY_PURPOSE_TRANSACTIONS:
            raise Rejection(pb.CODE_KEY_PURPOSE_MISMATCH, f"{name}.key_id: a {pb.KeyPurpose.Name(record.purpose)} key")
        if record.revoked:
            raise Rejection(pb.CODE_KEY_REVOKED, f"{name}.key_id: revoked at height {record.revoked_height}")
        if record.key_id in seen:
            raise Rejection(pb.CODE_INVALID_FIELD, f"{name}.key_id: signs twice")
        seen.add(record.key_id)
        records.append(record)
    return records


def verify_signatures(tx: DecodedTx, records: Sequence[pb.KeyRecord]) -> None:
    """The pure cryptographic check; caches its success on the decoded transaction."""
    if tx.signatures_verified:
        return
    if tx.verified_keys is not None and tx.verified_keys == tuple(record.public_key for record in records):
        tx.signatures_verified = True
        return
    message = crypto.TX_DOMAIN + tx.envelope.body
    for index, (signature, record) in enumerate(zip(tx.envelope.signatures, records)):
        if not crypto.verify(record.public_key, signature.signature, message):
            raise Rejection(pb.CODE_SIGNATURE_INVALID, f"signatures[{index}]: does not verify with key {record.key_id}")
    tx.signatures_verified = True


def authenticate(state: State, tx: DecodedTx) -> pb.Participant:
    """Signatures, then the signer's role for this kind; returns the signer.

    A kind that declares an `anonymous_signer` (a whistle-blower's report, art. 40) signed by no
    registered participant is checked by that declaration instead: a key the transaction carries."""
    anonymous_signer = KINDS[tx.kind].anonymous_signer
    if anonymous_signer is not None and state.participant(tx.body.signer) is None:
        signer = anonymous_signer(state, tx)
        tx.signatures_verified = True
        return signer
    verify_signatures(tx, signing_keys(state, tx))
    signer = state.participant(tx.body.signer)
    assert signer is not None, "a key record always names a registered participant"
    if signer.role not in SIGNER_ROLES[tx.kind]:
        raise Rejection(pb.CODE_ROLE_NOT_AUTHORIZED, f"signer: {pb.Role.Name(signer.role)} may not sign {tx.kind}")
    return signer


def _check_client_id(state: State, tx: DecodedTx) -> None:
    if state.tx_seen(tx.tx_id):
        raise Rejection(pb.CODE_DUPLICATE_TX, "tx: in the ledger already (applied or rejected): sign a new one")
    claimed = state.client_id_claim(tx.body.signer, tx.body.client_id)
    if claimed is not None:
        raise Rejection(pb.CODE_CLIENT_ID_REUSED, f"client_id: {tx.body.client_id!r} names transaction {claimed.hex()} already")


def _check_created_time(env: BlockEnv, tx: DecodedTx) -> None:
    window = env.rulebook.created_window_ms
    if window and abs(tx.body.created_ms - env.time_ms) > window:
        raise Rejection(pb.CODE_CREATED_TIME_OUT_OF_WINDOW, f"created_ms: got {tx.body.created_ms}, want within {window} ms of block time {env.time_ms}")


def execute_tx(block_state: State, env: BlockEnv, tx: DecodedTx) -> pb.TxResult:
    """Apply one decoded transaction on its own layer: all of it, or nothing and a result code."""
    layer = block_state.child()
    try:
        signer = authenticate(layer, tx)
    except Rejection as rejection:
        return pb.TxResult(tx_id=tx.tx_id, code=rejection.code, detail=rejection.detail)
    try:
        _check_client_id(layer, tx)
        _check_created_time(env, tx)
        context = TxContext(state=layer, height=env.height, time_ms=env.time_ms, tx_id=tx.tx_id, signer=signer, rulebook=env.rulebook,
                            signature_count=len(tx.envelope.signatures))  # authenticate: each a distinct key of the signer
        HANDLERS[tx.kind](context, tx.payload)
    except Rejection as rejection:
        if rejection.code != pb.CODE_DUPLICATE_TX:
            # A signed transaction is judged once: rejected now, its bytes can never apply later.
            block_state.mark_tx_seen(tx.tx_id)
        return pb.TxResult(tx_id=tx.tx_id, code=rejection.code, detail=rejection.detail)
    layer.mark_tx_seen(tx.tx_id)
    layer.index_signed(tx.body.signer, env.height, tx.tx_id, tx.kind)
    layer.claim_client_id(tx.body.signer, tx.body.client_id, tx.tx_id)
    layer.merge_into_parent()
    return pb.TxResult(tx_id=tx.tx_id, code=pb.CODE_OK, events=context.events)


def execute_raw(block_state: State, env: BlockEnv, raw: bytes, decoded: DecodedTx | None = None) -> pb.TxResult:
    if decoded is None:
        try:
            decoded = decode_tx(raw, env.chain_id)
        except Rejection as rejection:
            return pb.TxResult(tx_id=raw_tx_id(raw), code=rejection.code, detail=rejection.detail)
    return execute_tx(block_state, env, decoded)


@dataclass
class BlockExecution:
    results: list[pb.TxResult]
    writes: dict[bytes, bytes | None]
    history_root: bytes  # the history tree over the header hashes of blocks 0 .. height-1


def execute_block(
    reader: StateReader,
    chain_id: str,
    height: int,
    time_ms: int,
    raws: Sequence[bytes],
    decoded: Sequence[DecodedTx | None] | None = None,
    *,
    prev_hash: bytes,
) -> BlockExecution:
    """Run a block's transactions in order over `reader`; returns results and the state writes.

    Each block first records the previous header's hash (the genesis hash before block 1) in the
    state, so that transactions can use a block hash as a seed nobody could know in advance (the
    verification draw, arts. 27-28) and every replica reads the same one; that hash is also the
    history tree's leaf `height - 1` (ledger/history.py), whose new root the header carries."""
    assert len(raws) <= limits.block_tx_count_max
    assert len(prev_hash) == crypto.HASH_BYTES
    state = State(reader)
    state.put_header_hash(height - 1, prev_hash)
    history.append(state.history_node, state.put_history_node, height - 1, prev_hash)
    history_root = history.root(state.history_node, height)
    env = BlockEnv(chain_id=chain_id, height=height, time_ms=time_ms, rulebook=state.rulebook_at(time_ms))
    results = []
    for index, raw in enumerate(raws):
        results.append(execute_raw(state, env, raw, decoded[index] if decoded else None))
    return BlockExecution(results=results, writes=state.writes, history_root=history_root)
