"""The embedded dev genesis: the same chain on every machine, with keys anyone can derive.

Dev keys are derived from a public seed, so `cets demo` can sign as the ministry or a province
against any dev node, and every dev node starts from the same genesis hash. They are for
development only: a real chain's genesis is built from keys its institutions generate and keep.
"""

from __future__ import annotations

import hashlib
import pathlib

from cets.v1 import messages as pb
from cets.ledger import identity, keyfile
from cets.ledger.crypto import Signer
from cets.ledger.genesis import build_genesis

DEV_CHAIN_ID = "cets-dev-1"  # solo: the node's own signature makes a block final
DEV_CLUSTER_CHAIN_ID = "cets-dev-cluster-1"  # three institutional nodes, 2 of 3 signatures
DEV_CHAIN_QUORUMS = {DEV_CHAIN_ID: 1, DEV_CLUSTER_CHAIN_ID: 2}
DEV_GENESIS_TIME_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
DEV_SEED_TAG = b"cets dev key, public, never use outside development/"
INSTITUTIONS = (identity.MINISTRY_ID, identity.REGISTRY_ID, identity.EXCHANGE_ID)


def dev_key(participant_id: str, purpose: int = pb.KEY_PURPOSE_TRANSACTIONS) -> keyfile.KeyFile:
    seed = hashlib.sha256(DEV_SEED_TAG + f"{participant_id}/{purpose}".encode()).digest()
    return keyfile.KeyFile(participant_id=participant_id, purpose=purpose, signer=Signer.from_seed(seed))


def dev_keys(quorum_nodes: tuple[str, ...] = INSTITUTIONS) -> list[keyfile.KeyFile]:
    founders = list(INSTITUTIONS) + [identity.province_id(code) for code in identity.PROVINCES]
    keys = [dev_key(pid) for pid in founders]
    keys += [dev_key(pid, pb.KEY_PURPOSE_NODE) for pid in quorum_nodes]
    return keys


def dev_genesis(chain_id: str = DEV_CHAIN_ID) -> pb.Genesis:
    by_participant: dict[str, list[pb.KeySpec]] = {}
    for key in dev_keys():
        by_participant.setdefault(key.participant_id, []).append(key.spec())
    return build_genesis(chain_id, DEV_GENESIS_TIME_MS, by_participant, quorum=DEV_CHAIN_QUORUMS[chain_id])


def write_dev_keys(directory: pathlib.Path) -> None:
    for key in dev_keys():
        path = directory / keyfile.file_name(key.participant_id, key.purpose)
        if not path.exists():
            keyfile.write(directory, key)
