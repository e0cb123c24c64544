"""A lying node serving checkpoints: a real gRPC proxy in front of a real node, altering its answers.

`cets chain checkpoint` and `cets audit checkpoint --expect-genesis HASH` through the proxy, and
`cets chain checkpoint --file F` on a saved checkpoint altered the same way, must refuse every lie
with its reason (exit 1, JSON under --json), leave the auditor's stored checkpoint as it was,
and report a rollback or a fork as evidence with both signed checkpoints. The chain has node-key
changes (test_lying_node's scene), so the client follows them from the genesis.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Callable

import grpc
import pytest

from cets.v1 import history_pb2
from cets.v1 import messages as pb
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import checkpoint as cp
from cets.ledger import crypto, keyfile, merkle
from cets.ledger.crypto import Signer
from tests.conftest import founder, start_node
from tests.test_lying_node import LyingProxy, Lie, MEE, build_scene, cets, sign
from tests.test_node_key_rotation import signer_of


@dataclass
class CheckpointLie:
    """How the proxy alters checkpoint answers; `reason` is the refusal the client must give."""

    name: str
    reason: str
    checkpoint: Callable[[history_pb2.Checkpoint], history_pb2.Checkpoint] | None = None
    proof: Callable[[history_pb2.ConsistencyProof], None] | None = None
    evidence: bool = False  # a rollback or a fork: both signed checkpoints reported


class CheckpointProxy(LyingProxy):
    def __init__(self, upstream: str, lie: CheckpointLie) -> None:
        super().__init__(upstream, Lie(lie.name, lie.reason))
        self.checkpoint_lie = lie

    def alter(self, name: str, answer: bytes) -> bytes:
        self.called.add(name)
        lie = self.checkpoint_lie
        if name == "GetCheckpoint" and lie.checkpoint:
            return lie.checkpoint(history_pb2.Checkpoint.FromString(answer)).SerializeToString()
        if name == "GetConsistencyProof" and lie.proof:
            proof = history_pb2.ConsistencyProof.FromString(answer)
            lie.proof(proof)
            return proof.SerializeToString()
        return answer


@dataclass
class History:
    target: str
    pinned: str
    node_key: Signer  # the solo node's current key: what an equivocating node signs with


async def grow(client, count: int) -> None:
    ministry = founder(MEE)
    for number in range(count):
        await client.submit(ministry.set_cap(2030 + number, 10**9))


def current_node_key(running, block: pb.Block) -> Signer:
    key_id = signer_of(block)
    for path in (running.data_dir / "keys").glob("*"):
        key = keyfile.read(path)
        if key.signer.key_id == key_id:
            return key.signer
    raise AssertionError(f"no key file for {key_id}")


@pytest.fixture
async def node_history(tmp_path):
    running = await start_node(tmp_path / "node")
    try:
        scene = await build_scene(running)
        await grow(running.client, 3)
        head = await running.client.head()
        yield History(target=running.target, pinned=scene.pinned, node_key=current_node_key(running, await running.client.block(head.height))), running
    finally:
        await running.stop()


def with_note(checkpoint: history_pb2.Checkpoint, note: str) -> history_pb2.Checkpoint:
    checkpoint.note = note.encode()
    return checkpoint


def note_lines(checkpoint: history_pb2.Checkpoint) -> list[str]:
    return checkpoint.note.decode().splitlines()


def forked(history_view: History, checkpoint: history_pb2.Checkpoint) -> history_pb2.Checkpoint:
    """The same size with another root, signed by the node's key: an equivocating node."""
    header = pb.BlockHeader.FromString(checkpoint.header)
    header.history_root = crypto.sha256(b"another history")
    block = sign(pb.Block(header=header.SerializeToString(deterministic=True)), history_view.node_key)
    return cp.checkpoint_of(block)


def lies(history_view: History, stored: history_pb2.Checkpoint, older: history_pb2.Checkpoint) -> list[CheckpointLie]:
    """Every lie; `stored` is the checkpoint the auditor keeps, `older` a real one below it."""
    def duplicated(checkpoint):
        checkpoint.signatures.extend(list(checkpoint.signatures))
        return checkpoint

    def flip_first(proof):
        proof.hashes[0] = bytes([proof.hashes[0][0] ^ 1]) + proof.hashes[0][1:]

    return [
        CheckpointLie("shrinking checkpoint", cp.CHECKPOINT_ROLLBACK, checkpoint=lambda c: older, evidence=True),
        CheckpointLie("another root at the stored size", cp.CHECKPOINT_FORK, checkpoint=lambda c: forked(history_view, stored),
                      evidence=True),
        CheckpointLie("wrong origin", cp.CHECKPOINT_WRONG_ORIGIN, checkpoint=lambda c: with_note(c, "\n".join(["cets/elsewhere", *note_lines(c)[1:]]) + "\n")),
        CheckpointLie("note of another size", cp.CHECKPOINT_NOTE_MISMATCH,
                      checkpoint=lambda c: with_note(c, "\n".join([note_lines(c)[0], "1", note_lines(c)[2]]) + "\n")),
        CheckpointLie("signatures dropped", "HEADER_NOT_TRUSTED", checkpoint=lambda c: (c.ClearField("signatures"), c)[1]),
        CheckpointLie("signatures duplicated", "HEADER_NOT_TRUSTED", checkpoint=duplicated),
        CheckpointLie("consistency proof one hash short", cp.CONSISTENCY_UNPROVEN, proof=lambda p: p.hashes.pop(), evidence=True),
        CheckpointLie("consistency proof one hash long", cp.CONSISTENCY_UNPROVEN, proof=lambda p: p.hashes.append(p.hashes[0]), evidence=True),
        CheckpointLie("consistency proof altered", cp.CONSISTENCY_UNPROVEN, proof=flip_first, evidence=True),
    ]


async def test_cets_chain_checkpoint_verifies_saves_and_checks_offline(node_history, tmp_path):
    history_view, running = node_history
    saved = tmp_path / "latest.checkpoint"
    async with CheckpointProxy(history_view.target, CheckpointLie("none", "")) as proxy:
        shown, document = await cets(tmp_path, "chain", "checkpoint", "--expect-genesis", history_view.pinned, "--save", str(saved),
                                     "--target", proxy.target)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    head = await running.client.head()
    checkpoint = document["checkpoint"]
    assert (checkpoint["size"], checkpoint["signed_by"], checkpoint["quorum"]) == (head.final_height, ["REG"], 1)
    header = pb.BlockHeader.FromString((await running.client.block(head.final_height)).header)
    assert checkpoint["note"] == f"cets/{header.chain_id}\n{header.height}\n{base64.b64encode(header.history_root).decode()}\n"
    assert proxy.called == {"GetGenesis", "GetCheckpoint", "ListNodeKeyChanges"}
    offline, checked = await cets(tmp_path, "chain", "checkpoint", "--file", str(saved), "--expect-genesis", history_view.pinned)
    assert offline.returncode == 0 and checked["checkpoint"] == checkpoint
    wrong, refused = await cets(tmp_path, "chain", "checkpoint", "--file", str(saved), "--expect-genesis", "00" * 32)
    assert wrong.returncode == 1 and refused["proof"]["reason"] == "GENESIS_MISMATCH"


async def test_cets_audit_checkpoint_stores_then_advances_only_on_a_consistency_proof(node_history, tmp_path):
    history_view, running = node_history
    store = tmp_path / "audit" / "chain.checkpoint"
    first, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                 "--target", history_view.target)
    assert first.returncode == 0, first.stdout + first.stderr
    assert document["proof"] == {"verified": True, "consistent_with_previous": False, "advanced": True}
    size = document["checkpoint"]["size"]
    again, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                 "--target", history_view.target)
    assert again.returncode == 0 and document["proof"]["advanced"] is False
    await grow(running.client, 2)
    later, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                 "--target", history_view.target)
    assert later.returncode == 0, later.stdout
    assert document["proof"] == {"verified": True, "consistent_with_previous": True, "advanced": True}
    assert (document["previous"]["size"], document["checkpoint"]["size"]) == (size, size + 2)


async def test_cets_audit_checkpoint_refuses_every_lie_and_keeps_the_stored_checkpoint(node_history, tmp_path):
    history_view, running = node_history
    store = tmp_path / "chain.checkpoint"
    first, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                 "--target", history_view.target)
    assert first.returncode == 0, first.stdout
    stored_size = document["checkpoint"]["size"]
    stored = await running.client.checkpoint(stored_size)
    older = await running.client.checkpoint(stored_size - 2)
    await grow(running.client, 2)
    kept = store.read_bytes()
    for lie in lies(history_view, stored, older):
        async with CheckpointProxy(history_view.target, lie) as proxy:
            shown, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                         "--target", proxy.target)
        assert shown.returncode == 1, f"{lie.name}: accepted\n{shown.stdout}"
        assert (document["proof"]["verified"], document["proof"]["reason"]) == (False, lie.reason), f"{lie.name}: {document['proof']}"
        assert store.read_bytes() == kept, f"{lie.name}: the stored checkpoint changed"
        if lie.evidence:
            evidence = document["evidence"]
            assert evidence["reason"] == lie.reason and evidence["stored"]["note"] == stored.note.decode()
            assert json.loads(open(evidence["saved_to"]).read())["served"] == evidence["served"], lie.name
        else:
            assert "evidence" not in document, lie.name
    honest, document = await cets(tmp_path, "audit", "checkpoint", "--expect-genesis", history_view.pinned, "--store", str(store),
                                  "--target", history_view.target)
    assert honest.returncode == 0 and document["checkpoint"]["size"] == stored_size + 2


async def test_cets_chain_checkpoint_file_refuses_every_lie_saved_in_it(node_history, tmp_path):
    history_view, running = node_history
    saved = tmp_path / "honest.checkpoint"
    shown, _ = await cets(tmp_path, "chain", "checkpoint", "--expect-genesis", history_view.pinned, "--save", str(saved),
                          "--target", history_view.target)
    assert shown.returncode == 0
    honest = history_pb2.CheckpointBundle.FromString(saved.read_bytes())
    for lie in lies(history_view, honest.checkpoint, honest.checkpoint):
        if lie.checkpoint is None or lie.evidence:
            continue  # proofs and the stored checkpoint only exist online
        bundle = history_pb2.CheckpointBundle()
        bundle.CopyFrom(honest)
        bundle.checkpoint.CopyFrom(lie.checkpoint(bundle.checkpoint))
        path = tmp_path / "lie.checkpoint"
        path.write_bytes(bundle.SerializeToString(deterministic=True))
        shown, document = await cets(tmp_path, "chain", "checkpoint", "--file", str(path), "--expect-genesis", history_view.pinned)
        assert shown.returncode == 1, f"{lie.name}: accepted"
        assert document["proof"]["reason"] == lie.reason, f"{lie.name}: {document['proof']}"
    dropped = history_pb2.CheckpointBundle()
    dropped.CopyFrom(honest)
    del dropped.key_changes[0]  # the node's own key rotation omitted: the checkpoint's signer is unknown
    path = tmp_path / "dropped.checkpoint"
    path.write_bytes(dropped.SerializeToString(deterministic=True))
    shown, document = await cets(tmp_path, "chain", "checkpoint", "--file", str(path), "--expect-genesis", history_view.pinned)
    assert shown.returncode == 1 and document["proof"]["reason"] in ("HEADER_NOT_TRUSTED", "KEY_CHANGE_INVALID")


async def test_the_history_rpcs_serve_proofs_that_verify_and_refuse_bad_sizes(node_history):
    history_view, running = node_history
    async with AsyncClient(history_view.target) as client:
        head = await client.head()
        final = head.final_height
        latest = await client.checkpoint()
        assert pb.BlockHeader.FromString(latest.header).height == final
        old = pb.BlockHeader.FromString((await client.checkpoint(3)).header)
        new = pb.BlockHeader.FromString(latest.header)
        proof = await client.consistency_proof(3, final)
        merkle.check_consistency(3, final, old.history_root, new.history_root, list(proof.hashes))
        for height in (0, 1, final - 1):
            inclusion = await client.block_inclusion_proof(height, final)
            expected = bytes.fromhex(history_view.pinned) if height == 0 else crypto.header_hash((await client.block(height)).header)
            assert inclusion.header_hash == expected
            merkle.check_inclusion(height, final, merkle.leaf_hash(expected), list(inclusion.hashes), new.history_root)
        for call, reason, status in (
            (client.consistency_proof(0, final), "MISSING_FIELD", grpc.StatusCode.INVALID_ARGUMENT),
            (client.consistency_proof(final, 3), "INVALID_FIELD", grpc.StatusCode.INVALID_ARGUMENT),
            (client.consistency_proof(3, final + 5), "CHECKPOINT_NOT_FOUND", grpc.StatusCode.NOT_FOUND),
            (client.block_inclusion_proof(final, final), "INVALID_FIELD", grpc.StatusCode.INVALID_ARGUMENT),
            (client.block_inclusion_proof(1, final + 1), "CHECKPOINT_NOT_FOUND", grpc.StatusCode.NOT_FOUND),
            (client.checkpoint(final + 1), "CHECKPOINT_NOT_FOUND", grpc.StatusCode.NOT_FOUND),
        ):
            with pytest.raises(CetsError) as refused:
                await call
            assert (refused.value.status, refused.value.reason) == (status, reason)
