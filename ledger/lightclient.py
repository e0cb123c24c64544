"""The light client: from a pinned genesis hash to a proven transaction, trusting no node (DESIGN §3).

The only trust root is the genesis, whose hash the user pins. From its bytes come the chain id,
the quorum, the institutions that run nodes and their founding node keys. The node keys valid at a
later height are established by following the node-key changes: each is a transaction (an AddKey of
a node key, a RotateKey or RevokeKey of one) proven, with its OK result, against a block header
signed by a quorum of the keys valid before that block; it takes effect from the next block, by the
ledger's own rule (`verify.node_key_record_at`). A transaction's proof is then checked against the
keys so established, never against keys a node lists. The rules, for an implementer in another
language, are in docs/architecture.md ("Light client").

Everything a client prints as verified must come out of a `VerifiedTx`: each of its fields comes
from bytes the checks cover (the transaction bytes hash to the id, the result is a leaf of the
signed result root, the header is signed by the quorum).

Pure: bytes in, a `VerifiedTx` out or a `LightClientError` naming the first bad step and a stable
reason. `verify_bundle` raises; `check_bundle` returns a verdict and never raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from google.protobuf.message import DecodeError, Message

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.ledger import crypto, merkle
from cets.ledger.encoding import is_canonical, unknown_field_path
from cets.ledger.errors import ChainError
from cets.ledger.genesis import check_genesis
from cets.ledger.machine import raw_tx_id
from cets.ledger.chain import HEADER_VERSION
from cets.ledger.verify import NODE_ROLES, node_key_record_at

BUNDLE_VERSION = 1

# Stable reasons of a refusal (machine-readable; the CLI prints them under --json).
PROOF_MALFORMED = "PROOF_MALFORMED"  # a part does not parse strictly (unknown field, non-canonical bytes)
UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION"  # a bundle of another format version
GENESIS_MISMATCH = "GENESIS_MISMATCH"  # the genesis bytes do not hash to the pinned hash
GENESIS_INVALID = "GENESIS_INVALID"  # the genesis cannot found a chain
WRONG_CHAIN = "WRONG_CHAIN"  # a header of another chain
HEADER_NOT_TRUSTED = "HEADER_NOT_TRUSTED"  # a signature by a key not valid at that height, or no quorum
CONFLICTING_HEADERS = "CONFLICTING_HEADERS"  # two different quorum-signed headers at one height
TX_NOT_COMMITTED = "TX_NOT_COMMITTED"  # the transaction bytes are not the header's leaf at that index
RESULT_NOT_COMMITTED = "RESULT_NOT_COMMITTED"  # the result bytes are not the header's leaf at that index
WRONG_TRANSACTION = "WRONG_TRANSACTION"  # a proof of another transaction than the one asked for
KEY_CHANGE_INVALID = "KEY_CHANGE_INVALID"  # a served key change that is none, did not apply, or is out of order
NOT_THE_DECIDING_COPY = "NOT_THE_DECIDING_COPY"  # a later copy of a transaction (DUPLICATE_TX): the first decides


class LightClientError(ValueError):
    """A proof does not establish what it claims: `reason` (stable), `step` (where: "genesis",
    "key change 3", "transaction"), `what` (which check, in words)."""

    def __init__(self, reason: str, step: str, what: str) -> None:
        super().__init__(f"{step}: {what}")
        self.reason = reason
        self.step = step
        self.what = what


@dataclass(frozen=True)
class TrustRoot:
    """What the pinned genesis establishes besides the founding node keys."""

    genesis_hash: bytes
    chain_id: str
    quorum: int
    institutions: frozenset[str]  # participants whose role runs a node: only their keys sign blocks


@dataclass(frozen=True)
class VerifiedTx:
    """A transaction proven from the genesis: print from here and nowhere else."""

    root: TrustRoot
    tx_id: bytes
    tx: bytes  # the SignedTx bytes, a leaf of the header's tx_root
    body: pb.TxBody | None  # None when the bytes are no transaction this client reads (a MALFORMED result)
    index: int
    header: pb.BlockHeader
    header_hash: bytes
    result: pb.TxResult  # a leaf of the header's result_root
    signers: frozenset[str]  # institutions whose valid signatures the header carries: at least the quorum
    key_changes: int  # node-key changes followed from the genesis to establish the keys


@dataclass(frozen=True)
class BundleVerdict:
    """What `check_bundle` found: `verified` when it holds, else `error`."""

    verified: VerifiedTx | None
    error: LightClientError | None

    @property
    def ok(self) -> bool:
        return self.verified is not None


def parse_strict(message_type: type[Message], raw: bytes, step: str, name: str) -> Message:
    """Parse `raw` as `message_type`, refusing unknown fields and non-canonical bytes: two readers
    must never see one proof two ways."""
    try:
        message = message_type.FromString(raw)
    except DecodeError:
        raise LightClientError(PROOF_MALFORMED, step, f"{name}: does not parse") from None
    unknown = unknown_field_path(message, name)
    if unknown:
        raise LightClientError(PROOF_MALFORMED, step, f"{unknown}: carries fields this client does not know")
    if not is_canonical(message, raw):
        raise LightClientError(PROOF_MALFORMED, step, f"{name}: not in canonical encoding")
    return message


def is_node_key_change(body: pb.TxBody, is_node_key: Callable[[str], bool]) -> bool:
    """Whether `body` changes the node keys, if it applies: it adds a node key, or rotates or
    revokes a key for which `is_node_key` holds. The node picks what it serves with this, the
    client what it follows; a new transaction kind that touches node keys must be added here."""
    kind = body.WhichOneof("payload")
    if kind == "add_key":
        return body.add_key.key.purpose == pb.KEY_PURPOSE_NODE
    if kind == "rotate_key":
        return is_node_key(body.rotate_key.old_key_id)
    if kind == "revoke_key":
        return is_node_key(body.revoke_key.key_id)
    return False


def trust_root(genesis: pb.Genesis, genesis_hash: bytes) -> TrustRoot:
    institutions = frozenset(entry.participant.participant_id for entry in genesis.participants
                             if entry.participant.role in NODE_ROLES)
    return TrustRoot(genesis_hash=genesis_hash, chain_id=genesis.chain_id, quorum=genesis.quorum, institutions=institutions)


class NodeKeyHistory:
    """The institutions' node keys as established from the genesis by the key changes followed so
    far, kept as the ledger keeps them (`KeyRecord` with added and revoked heights)."""

    def __init__(self, root: TrustRoot, genesis: pb.Genesis) -> None:
        self.root = root
        self.records: dict[str, pb.KeyRecord] = {}
        self.changes = 0
        self._last: tuple[int, int] = (0, -1)  # (height, index) of the last change followed
        self._headers: dict[int, bytes] = {}  # header hash by height, of every header checked
        for entry in genesis.participants:
            if entry.participant.participant_id in root.institutions:
                for spec in entry.keys:
                    if spec.purpose == pb.KEY_PURPOSE_NODE:
                        record = self._new_record(entry.participant.participant_id, spec.public_key, 0, "genesis")
                        self.records[record.key_id] = record

    @classmethod
    def from_genesis(cls, genesis_bytes: bytes, pinned_hash: bytes) -> "NodeKeyHistory":
        """Trust the genesis bytes if they hash to `pinned_hash`, and found the history on them."""
        actual = crypto.genesis_hash(genesis_bytes)
        if actual != pinned_hash:
            raise LightClientError(GENESIS_MISMATCH, "genesis", f"hash is {actual.hex()}, pinned {pinned_hash.hex()}")
        try:
            genesis = pb.Genesis.FromString(genesis_bytes)
            check_genesis(genesis)
        except DecodeError:
            raise LightClientError(GENESIS_INVALID, "genesis", "does not parse") from None
        except ChainError as error:
            raise LightClientError(GENESIS_INVALID, "genesis", error.what) from None
        return cls(trust_root(genesis, actual), genesis)

    @classmethod
    def followed(cls, genesis_bytes: bytes, pinned_hash: bytes, changes) -> "NodeKeyHistory":
        """The history a saved bundle carries: founded on the pinned genesis, then each node-key
        change followed in order (a proof bundle, a checkpoint bundle, a certificate's)."""
        history = cls.from_genesis(genesis_bytes, pinned_hash)
        for number, change in enumerate(changes):
            history.follow(change, f"key change {number}")
        return history

    @property
    def last_change_height(self) -> int:
        """The height of the last key change followed (0 for none): what the keys are known up to."""
        return self._last[0]

    def keys_at(self, height: int) -> dict[str, pb.KeyRecord]:
        """The node keys that may sign block `height`, as far as the changes followed tell."""
        return {key_id: record for key_id, record in self.records.items() if node_key_record_at(record, height)}

    def check_header(self, raw: bytes, signatures: Sequence[pb.Signature], step: str) -> tuple[pb.BlockHeader, frozenset[str]]:
        """The header and its signers, if every signature is by a distinct institution's node key
        valid at its height and verifies, and they make the quorum."""
        header = parse_strict(pb.BlockHeader, raw, step, "header")
        if header.chain_id != self.root.chain_id:
            raise LightClientError(WRONG_CHAIN, step, f"header: chain {header.chain_id!r}, want {self.root.chain_id!r}")
        if header.height < 1:
            raise LightClientError(PROOF_MALFORMED, step, "header: height 0 is the genesis, not a block")
        if header.version != HEADER_VERSION:
            raise LightClientError(PROOF_MALFORMED, step, f"header: version {header.version}, want {HEADER_VERSION}")
        signers = self._signers(raw, header.height, signatures, step)
        if len(signers) < self.root.quorum:
            named = ", ".join(sorted(signers)) or "none"
            raise LightClientError(HEADER_NOT_TRUSTED, step, f"header {header.height}: signed by {len(signers)} institution(s) ({named}), quorum is {self.root.quorum}")
        if header.history_size != header.height or len(header.history_root) != crypto.HASH_BYTES:  # signed, yet no valid block
            raise LightClientError(PROOF_MALFORMED, step, f"header {header.height}: history size {header.history_size} "
                                   f"and a {len(header.history_root)}-byte root, want size {header.height} and 32 bytes")
        header_hash = crypto.header_hash(raw)
        if self._headers.setdefault(header.height, header_hash) != header_hash:
            raise LightClientError(CONFLICTING_HEADERS, step, f"header {header.height}: another header of this height is signed by a quorum too")
        return header, signers

    def _signers(self, raw: bytes, height: int, signatures: Sequence[pb.Signature], step: str) -> frozenset[str]:
        keys = self.keys_at(height)
        message = crypto.HEADER_DOMAIN + raw
        signers: set[str] = set()
        for number, signature in enumerate(signatures):
            record = keys.get(signature.key_id)
            if record is None:
                raise LightClientError(HEADER_NOT_TRUSTED, step, f"header {height}: signature {number} names key {signature.key_id!r}, "
                                       "not a node key valid at that height by the genesis and the key changes followed")
            if not crypto.verify(record.public_key, signature.signature, message):
                raise LightClientError(HEADER_NOT_TRUSTED, step, f"header {height}: signature {number} does not verify with key {record.key_id}")
            if record.participant_id in signers:
                raise LightClientError(HEADER_NOT_TRUSTED, step, f"header {height}: {record.participant_id} signs twice")
            signers.add(record.participant_id)
        return frozenset(signers)

    def follow(self, change: proofs_pb2.ProvenTx, step: str) -> None:
        """Check one node-key change against the keys valid before its block, then apply it."""
        header, _ = self.check_header(change.proof.header, change.proof.signatures, step)
        position = (header.height, change.index)
        if position <= self._last:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"at height {position[0]} index {position[1]}: out of chain order")
        result = check_leaves(change, header, step)
        if result.code != pb.CODE_OK:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"its result is {pb.Code.Name(result.code)}: it changed nothing")
        self._apply(tx_body(change.tx, step), header.height, step)
        self._last = position
        self.changes += 1

    def _apply(self, body: pb.TxBody, height: int, step: str) -> None:
        """Check the change against the records, then change them (all or nothing)."""
        if not is_node_key_change(body, self.records.__contains__):
            raise LightClientError(KEY_CHANGE_INVALID, step, f"a {body.WhichOneof('payload')} that changes no node key known "
                                   "from the genesis and the changes before it (was a change omitted?)")
        kind = body.WhichOneof("payload")
        if kind == "add_key":
            added, revoked = self._new_record(body.add_key.participant_id, body.add_key.key.public_key, height, step), None
        elif kind == "rotate_key":
            rotate = body.rotate_key
            if rotate.new_key.purpose not in (pb.KEY_PURPOSE_UNSPECIFIED, pb.KEY_PURPOSE_NODE):
                raise LightClientError(KEY_CHANGE_INVALID, step, "rotate_key: a node key rotates into a node key")
            revoked = self._active_record(rotate.participant_id, rotate.old_key_id, step)
            added = self._new_record(rotate.participant_id, rotate.new_key.public_key, height, step)
        else:
            added, revoked = None, self._active_record(body.revoke_key.participant_id, body.revoke_key.key_id, step)
        if revoked is not None:
            revoked.revoked, revoked.revoked_height = True, height
        if added is not None:
            self.records[added.key_id] = added

    def _new_record(self, participant_id: str, public_key: bytes, height: int, step: str) -> pb.KeyRecord:
        key_id = crypto.key_id(public_key)
        if participant_id not in self.root.institutions:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"{participant_id!r} runs no node by the genesis")
        if len(public_key) != crypto.PUBLIC_KEY_BYTES or key_id in self.records:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"key {key_id}: not a new 32-byte public key")
        return pb.KeyRecord(key_id=key_id, participant_id=participant_id, public_key=public_key,
                            purpose=pb.KEY_PURPOSE_NODE, added_height=height)

    def _active_record(self, participant_id: str, key_id: str, step: str) -> pb.KeyRecord:
        record = self.records[key_id]  # is_node_key_change found it
        if record.participant_id != participant_id or record.revoked:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"key {key_id}: not an active node key of {participant_id!r}")
        return record

    def verify_transaction(self, proven: proofs_pb2.ProvenTx, tx_id: bytes | None = None, step: str = "transaction") -> VerifiedTx:
        """Check a transaction's proof against the keys established so far; `tx_id`, when given,
        is the transaction asked for."""
        header, signers = self.check_header(proven.proof.header, proven.proof.signatures, step)
        result = check_leaves(proven, header, step)
        proven_id = raw_tx_id(proven.tx)
        if tx_id is not None and proven_id != tx_id:
            raise LightClientError(WRONG_TRANSACTION, step, f"a proof of transaction {proven_id.hex()}, not of {tx_id.hex()}")
        if self._last[0] >= header.height:
            raise LightClientError(KEY_CHANGE_INVALID, step, f"a key change followed is at height {self._last[0]}, "
                                   f"not below the transaction's block {header.height}")
        if result.code == pb.CODE_DUPLICATE_TX:
            raise LightClientError(NOT_THE_DECIDING_COPY, step, "a later copy of the transaction in a block: its first copy decides")
        return VerifiedTx(root=self.root, tx_id=proven_id, tx=proven.tx, body=body_or_none(proven.tx), index=proven.index,
                          header=header, header_hash=crypto.header_hash(proven.proof.header), result=result,
                          signers=signers, key_changes=self.changes)


def check_leaves(proven: proofs_pb2.ProvenTx, header: pb.BlockHeader, step: str) -> pb.TxResult:
    """The result of `proven`, once its transaction and result bytes are both the header's leaves
    at its index, and the result names that transaction."""
    proof = proven.proof
    for reason, name, leaf, path, root in ((TX_NOT_COMMITTED, "tx", proven.tx, proof.tx_path, header.tx_root),
                                           (RESULT_NOT_COMMITTED, "result", proof.result, proof.result_path, header.result_root)):
        try:
            merkle.check_inclusion(proven.index, header.tx_count, merkle.leaf_hash(leaf), list(path), root)
        except merkle.MerkleError as error:
            raise LightClientError(reason, step, f"{name}: not the leaf at index {proven.index} of block {header.height} ({error})") from None
    result = parse_strict(pb.TxResult, proof.result, step, "result")
    if result.tx_id != raw_tx_id(proven.tx):
        raise LightClientError(WRONG_TRANSACTION, step, "result: it names another transaction")
    return result


def tx_body(tx: bytes, step: str) -> pb.TxBody:
    """The body of the SignedTx bytes `tx`, read as the state machine reads it (`machine.decode_tx`):
    the envelope plainly, the body strictly."""
    try:
        envelope = pb.SignedTx.FromString(tx)
    except DecodeError:
        raise LightClientError(PROOF_MALFORMED, step, "tx: does not parse") from None
    return parse_strict(pb.TxBody, envelope.body, step, "tx.body")


def body_or_none(tx: bytes) -> pb.TxBody | None:
    try:
        return tx_body(tx, "transaction")
    except LightClientError:
        return None


def verify_bundle(raw: bytes, pinned_genesis_hash: bytes, tx_id: bytes | None = None) -> VerifiedTx:
    """Check a saved proof (`ProofBundle` bytes) from the pinned genesis hash alone: the genesis,
    then each key change in order, then the transaction. Raises LightClientError at the first bad step."""
    bundle = parse_strict(proofs_pb2.ProofBundle, raw, "bundle", "bundle")
    if bundle.version != BUNDLE_VERSION:
        raise LightClientError(UNSUPPORTED_VERSION, "bundle", f"version {bundle.version}, this client reads {BUNDLE_VERSION}")
    if not bundle.HasField("transaction"):
        raise LightClientError(PROOF_MALFORMED, "bundle", "transaction: missing")
    history = NodeKeyHistory.followed(bundle.genesis, pinned_genesis_hash, bundle.key_changes)
    return history.verify_transaction(bundle.transaction, tx_id)


def check_bundle(raw: bytes, pinned_genesis_hash: bytes, tx_id: bytes | None = None) -> BundleVerdict:
    """Like `verify_bundle`, but returns the verdict instead of raising on a bad proof."""
    try:
        return BundleVerdict(verified=verify_bundle(raw, pinned_genesis_hash, tx_id), error=None)
    except LightClientError as error:
        return BundleVerdict(verified=None, error=error)
