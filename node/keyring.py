"""The node keys an institution's node holds, and the one it signs each height with.

A node signs block N with a key that `ledger.verify.node_key_at` accepts at N: registered before N
and not revoked before N. Rotating a node key on the ledger (RotateKey) revokes the old key from
the next block on, so the node must hold the successor's private key by then, without a restart.

The keyring reads `DATA/keys/<INSTITUTION>.node.key.json` and any
`<INSTITUTION>.node.<label>.key.json` beside it (`cets key new --node` writes one). When none of the
keys it holds is valid at a height, or a transaction names a public key it does not hold, it reads
the directory again, so an operator installs the successor key file and then submits the rotation.

A solo node, the chain's only signer, also refuses a rotation or revocation of the key it signs
with while it holds no successor (NODE_KEY_NOT_HELD): at admission on the committed state, and
again when it builds the block, on the block's own result (two changes admitted together can each
pass alone). A cluster node does not refuse: whether a change passed through the key holder's
admission would depend on which node proposes; a node left without a key stops cosigning and
proposing until its key file is installed, and its co-signers keep the quorum. A key file whose
key the ledger registered to another participant is never used.
"""

from __future__ import annotations

import pathlib

import structlog

from cets.v1 import messages as pb
from cets.ledger import crypto, keyfile
from cets.ledger.keyfile import KeyFile
from cets.ledger.state import State
from cets.ledger.verify import node_key_at

log = structlog.get_logger("cets.keys")


class NodeKeyring:
    def __init__(self, participant_id: str, keys: list[KeyFile], directory: pathlib.Path | None = None) -> None:
        self.participant_id = participant_id
        self.directory = directory
        self._keys: dict[str, KeyFile] = {}
        self._add(keys)

    @classmethod
    def load(cls, directory: pathlib.Path, participant_id: str) -> "NodeKeyring":
        keyring = cls(participant_id, [], pathlib.Path(directory))
        keyring.reload()
        if not keyring._keys:
            raise FileNotFoundError(f"{directory}: no node key file of {participant_id} "
                                    f"({keyfile.file_name(participant_id, pb.KEY_PURPOSE_NODE)})")
        return keyring

    def _add(self, keys: list[KeyFile]) -> None:
        added = dict(self._keys)  # copied, then swapped in: admission threads read it meanwhile
        for key in keys:
            if key.participant_id != self.participant_id or key.purpose != pb.KEY_PURPOSE_NODE:
                raise ValueError(f"key {key.key_id}: a node key of {key.participant_id}, not of {self.participant_id}")
            added.setdefault(key.key_id, key)
        self._keys = added

    def reload(self) -> None:
        """Read the key directory again; keys already held stay."""
        if self.directory is None:
            return
        main = self.directory / keyfile.file_name(self.participant_id, pb.KEY_PURPOSE_NODE)
        labelled = sorted(self.directory.glob(f"{self.participant_id}.node.*.key.json"))
        keys = []
        for path in ([main] if main.exists() else []) + labelled:
            try:
                keys.append(keyfile.read(path))
            except (OSError, ValueError, KeyError) as error:  # one bad file must not cost the node its other keys
                log.error("unreadable node key file skipped", path=str(path), error=repr(error))
        self._add([key for key in keys if key.participant_id == self.participant_id and key.purpose == pb.KEY_PURPOSE_NODE])

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def holds(self, key_id: str) -> bool:
        if key_id not in self._keys:
            self.reload()
        return key_id in self._keys

    def _valid_at(self, state: State, key_id: str, height: int) -> bool:
        """`key_id` may sign block `height` as this node's institution: a key file can hold a key
        that the ledger registered to someone else (AddKey asks for no proof of possession)."""
        record = node_key_at(state, key_id, height)
        return record is not None and record.participant_id == self.participant_id

    def signer_at(self, state: State, height: int) -> KeyFile | None:
        """A held key that may sign block `height` (judged on `state`), reading the directory
        again if none is; None if the node holds no such key."""
        for attempt in range(2):
            for key_id, key in sorted(self._keys.items()):
                if self._valid_at(state, key_id, height):
                    return key
            if attempt == 0:
                self.reload()
        return None

    def touches(self, payload_kind: str, payload) -> bool:
        """The transaction rotates or revokes a key this node holds."""
        return _losing(payload_kind, payload) in self._keys

    def refusal(self, state: State, payload_kind: str, payload) -> str:
        """Why this node refuses, at admission, a key change that would leave it no key to sign
        the next block with; "" when it has no such reason."""
        losing = _losing(payload_kind, payload)
        if losing not in self._keys:
            return ""
        successor = crypto.key_id(payload.new_key.public_key) if payload_kind == "rotate_key" else ""
        for attempt in range(2):
            if successor in self._keys:
                return ""
            for key_id in self.key_ids - {losing}:
                record = state.key(key_id)
                if (record is not None and record.purpose == pb.KEY_PURPOSE_NODE and not record.revoked
                        and record.participant_id == self.participant_id):
                    return ""  # it signs on with another active key it holds
            if attempt == 0:
                self.reload()
        return (f"this node signs blocks with key {losing} and holds no successor: install the new key's file as "
                f"{self.directory or 'DATA/keys'}/{self.participant_id}.node.<label>.key.json first")


def _losing(payload_kind: str, payload) -> str:
    """The key a RotateKey or RevokeKey takes away; "" for any other kind."""
    if payload_kind == "rotate_key":
        return payload.old_key_id
    if payload_kind == "revoke_key":
        return payload.key_id
    return ""
