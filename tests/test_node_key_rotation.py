"""Rotating the key a running node signs blocks with, without a restart and without an invalid block.

Before: a RotateKey of the solo node's own key applied, and the node went on signing with the
revoked key, so every later block failed the audit. Now the node refuses (NODE_KEY_NOT_HELD, at
admission, nothing changes) until the successor key file is installed with `cets key new`; then
the rotation applies and the next block is signed with the successor, live and after a restart.
"""

from __future__ import annotations

import asyncio
import json
import pathlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import messages as pb
from cets.clients.audit import audit_data_dir, audit_node
from cets.clients.sdk import CetsError
from cets.ledger import crypto, identity, keyfile
from cets.ledger.crypto import Signer
from cets.ledger.memstore import MemoryStore
from cets.ledger.state import State
from cets.node import devnet
from cets.node.keyring import NodeKeyring
from tests.conftest import start_node
from tests.test_cli import run_cets

REG = identity.REGISTRY_ID
VINTAGE = 2025


def signer_of(block: pb.Block) -> str:
    (signature,) = block.signatures
    return signature.key_id


async def node_keys_of(client, participant_id: str) -> dict[str, bool]:
    return {key.key_id: key.revoked for key in await client.keys(participant_id) if key.purpose == pb.KEY_PURPOSE_NODE}


async def audit_ok(target: str) -> None:
    result = await asyncio.get_running_loop().run_in_executor(None, audit_node, target)
    assert result.ok, (result.bad_height, result.problem)


async def test_a_node_refuses_to_lose_its_signing_key_then_rotates_live_once_the_successor_is_installed(tmp_path, registry, ministry):
    running = await start_node(tmp_path / "node")
    client = running.client
    old = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    try:
        assert (await client.submit(ministry.set_cap(VINTAGE, 1_000))).code == pb.CODE_OK
        before = await node_keys_of(client, REG)
        head_before = (await client.head()).height

        # Not held: refused at admission, with a reason, and nothing changes.
        stranger = Signer(Ed25519PrivateKey.generate())
        for tx in (registry.rotate_key(REG, old.key_id, stranger.public_key), registry.revoke_key(REG, old.key_id, "retired")):
            with pytest.raises(CetsError) as refused:
                await client.submit(tx)
            assert refused.value.reason == "NODE_KEY_NOT_HELD"
            assert "holds no successor" in refused.value.message
        assert await node_keys_of(client, REG) == before
        assert (await client.head()).height == head_before

        # The operator installs the successor with the CLI, then rotates.
        made = run_cets(tmp_path, "key", "new", "--participant", REG, "--node", "--dir", str(running.data_dir / "keys"), "--json")
        assert made.returncode == 0, made.stderr
        successor = json.loads(made.stdout)
        assert pathlib.Path(successor["path"]).stat().st_mode & 0o777 == 0o600
        rotated = await client.submit(registry.rotate_key(REG, old.key_id, bytes.fromhex(successor["public_key"])))
        assert rotated.code == pb.CODE_OK
        assert signer_of(await client.block(rotated.height)) == old.key_id  # the rotation's own block: still the old key
        issued = await client.submit(ministry.issue(VINTAGE, 10))
        assert issued.code == pb.CODE_OK and issued.height == rotated.height + 1
        assert signer_of(await client.block(issued.height)) == successor["key_id"]
        assert await node_keys_of(client, REG) == {**before, old.key_id: True, successor["key_id"]: False}
        await audit_ok(running.target)
    finally:
        await running.stop()

    assert audit_data_dir(running.data_dir).ok
    again = await start_node(running.data_dir)  # both key files are on disk: it signs with the one still valid
    try:
        receipt = await again.client.submit(ministry.issue(VINTAGE, 10))
        assert receipt.code == pb.CODE_OK
        assert signer_of(await again.client.block(receipt.height)) == successor["key_id"]
        await audit_ok(again.target)
    finally:
        await again.stop()


async def test_revoking_the_old_node_key_is_accepted_once_the_node_holds_another_active_one(tmp_path, registry):
    running = await start_node(tmp_path / "node")
    client = running.client
    old = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    try:
        second = keyfile.KeyFile(REG, pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
        keyfile.write_to(running.data_dir / "keys" / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "second"), second)
        assert (await client.submit(registry.add_key(REG, second.signer.public_key, pb.KEY_PURPOSE_NODE))).code == pb.CODE_OK
        revoked = await client.submit(registry.revoke_key(REG, old.key_id, "moved to the second key"))
        assert revoked.code == pb.CODE_OK
        after = await client.submit(registry.add_key(REG, Signer(Ed25519PrivateKey.generate()).public_key))
        assert after.code == pb.CODE_OK
        assert signer_of(await client.block(after.height)) == second.key_id
        await audit_ok(running.target)
    finally:
        await running.stop()


def test_the_keyring_skips_unreadable_and_foreign_files_and_finds_a_file_installed_later(tmp_path):
    from cets.ledger.genesis import genesis_writes

    directory = tmp_path / "keys"
    devnet.write_dev_keys(directory)
    (directory / f"{REG}.node.broken.key.json").write_text("{ not json")
    foreign = keyfile.KeyFile("MEE", pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
    keyfile.write_to(directory / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "foreign"), foreign)
    keyring = NodeKeyring.load(directory, REG)
    assert keyring.key_ids == {devnet.dev_key(REG, pb.KEY_PURPOSE_NODE).key_id}

    store = MemoryStore()
    genesis = devnet.dev_genesis()
    raw = genesis.SerializeToString()
    store.init_genesis(raw, crypto.genesis_hash(raw), genesis_writes(genesis))
    with store.reader() as reader:
        assert keyring.signer_at(State(reader), 1).key_id == devnet.dev_key(REG, pb.KEY_PURPOSE_NODE).key_id
    later = keyfile.KeyFile(REG, pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
    assert not keyring.holds(later.key_id)
    keyfile.write_to(directory / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "later"), later)
    assert keyring.holds(later.key_id)  # read again on a miss

    with pytest.raises(FileNotFoundError):
        NodeKeyring.load(tmp_path / "empty", REG)


def test_cets_key_new_refuses_a_bad_label_and_an_existing_file(tmp_path):
    bad = run_cets(tmp_path, "key", "new", "--participant", REG, "--node", "--dir", str(tmp_path / "keys"), "--label", "../x")
    assert bad.returncode == 2 and "--label" in bad.stderr and "Traceback" not in bad.stderr
    first = run_cets(tmp_path, "key", "new", "--participant", REG, "--node", "--dir", str(tmp_path / "keys"), "--label", "next")
    assert first.returncode == 0, first.stderr
    again = run_cets(tmp_path, "key", "new", "--participant", REG, "--node", "--dir", str(tmp_path / "keys"), "--label", "next")
    assert again.returncode == 2 and "exists" in again.stderr
    outside = run_cets(tmp_path, "key", "new", "--participant", "../escape", "--node", "--dir", str(tmp_path / "keys"))
    assert outside.returncode == 2 and "--participant" in outside.stderr
    assert [p.name for p in (tmp_path / "keys").iterdir()] == [f"{REG}.node.next.key.json"]
    assert not list(tmp_path.glob("escape*"))


async def test_two_changes_of_the_node_keys_in_one_block_keep_a_key_to_sign_the_next(tmp_path, registry, ministry):
    running = await start_node(tmp_path / "node")
    client = running.client
    old = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    try:
        second = keyfile.KeyFile(REG, pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
        keyfile.write_to(running.data_dir / "keys" / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "second"), second)
        never_held = Signer(Ed25519PrivateKey.generate())
        # Each is fine on the committed state; together they would leave the node no key.
        first, then = await client.submit_batch([registry.rotate_key(REG, old.key_id, second.signer.public_key),
                                                 registry.rotate_key(REG, second.key_id, never_held.public_key)])
        assert first.code == pb.CODE_OK
        assert then.code == pb.CODE_NODE_KEY_NOT_HELD and then.height == 0  # never in a block
        after = await client.submit(ministry.set_cap(VINTAGE, 1_000))
        assert after.code == pb.CODE_OK and after.height == first.height + 1
        assert signer_of(await client.block(after.height)) == second.key_id
        assert await node_keys_of(client, REG) == {old.key_id: True, second.key_id: False}
        await audit_ok(running.target)
    finally:
        await running.stop()


async def test_a_key_file_whose_key_the_ledger_gave_another_institution_never_signs_for_this_node(tmp_path, registry, ministry):
    running = await start_node(tmp_path / "node")
    client = running.client
    old = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    try:
        while True:  # sorted before the genuine key, so that a keyring trying keys in order meets it first
            taken = keyfile.KeyFile(REG, pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
            if taken.key_id < old.key_id:
                break
        keyfile.write_to(running.data_dir / "keys" / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "taken"), taken)
        # AddKey asks for no proof of possession: the ministry registers that public key as its own node key.
        assert (await client.submit(ministry.add_key(identity.MINISTRY_ID, taken.signer.public_key, pb.KEY_PURPOSE_NODE))).code == pb.CODE_OK
        with pytest.raises(CetsError) as refused:  # the file's key is not REG's: it is no successor
            await client.submit(registry.rotate_key(REG, old.key_id, Signer(Ed25519PrivateKey.generate()).public_key))
        assert refused.value.reason == "NODE_KEY_NOT_HELD"
        receipt = await client.submit(ministry.set_cap(VINTAGE, 1_000))
        assert signer_of(await client.block(receipt.height)) == old.key_id
        await audit_ok(running.target)
    finally:
        await running.stop()
