"""Key files: one JSON file per participant key, readable by the node, the SDK and the CLI.

A key file holds a private seed in hex: it is as secret as the key. Files are written with mode
0600. Production institutions keep node keys in their HSM; this format serves development,
tests and small deployments.
"""

from __future__ import annotations

import json
import os
import pathlib
from dataclasses import dataclass

from cets.v1 import messages as pb
from cets.ledger.crypto import Signer


@dataclass(frozen=True)
class KeyFile:
    participant_id: str
    purpose: int
    signer: Signer

    @property
    def key_id(self) -> str:
        return self.signer.key_id

    def spec(self) -> pb.KeySpec:
        return pb.KeySpec(public_key=self.signer.public_key, purpose=self.purpose)


def file_name(participant_id: str, purpose: int) -> str:
    suffix = "node" if purpose == pb.KEY_PURPOSE_NODE else "tx"
    return f"{participant_id}.{suffix}.key.json"


def labelled_file_name(participant_id: str, purpose: int, label: str) -> str:
    """Another key of the same participant and purpose beside the main file (a successor key)."""
    if not label or not all(c.isalnum() or c in "-_" for c in label):
        raise ValueError(f"label {label!r}: letters, digits, - and _ only")
    return file_name(participant_id, purpose).replace(".key.json", f".{label}.key.json")


def write(directory: pathlib.Path, key: KeyFile) -> pathlib.Path:
    return write_to(pathlib.Path(directory) / file_name(key.participant_id, key.purpose), key)


def write_to(path: pathlib.Path, key: KeyFile) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = json.dumps(
        {
            "participant_id": key.participant_id,
            "purpose": pb.KeyPurpose.Name(key.purpose),
            "key_id": key.key_id,
            "public_key": key.signer.public_key.hex(),
            "seed": key.signer.seed().hex(),
        },
        indent=2,
    )
    partial = path.with_name(path.name + ".partial")  # whole or absent: a node may read the directory meanwhile
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(content + "\n")
    os.replace(partial, path)
    return path


def read(path: pathlib.Path) -> KeyFile:
    data = json.loads(pathlib.Path(path).read_text())
    signer = Signer.from_seed(bytes.fromhex(data["seed"]))
    if signer.key_id != data["key_id"]:
        raise ValueError(f"{path}: key_id does not match the seed")
    return KeyFile(participant_id=data["participant_id"], purpose=pb.KeyPurpose.Value(data["purpose"]), signer=signer)


def load(directory: pathlib.Path, participant_id: str, purpose: int = pb.KEY_PURPOSE_TRANSACTIONS) -> KeyFile:
    return read(pathlib.Path(directory) / file_name(participant_id, purpose))
