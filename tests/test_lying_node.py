"""A lying node: a real gRPC proxy on 127.0.0.1 in front of a real node, altering its answers.

`cets tx ID --proof --expect-genesis HASH` through the proxy, and `cets proof verify FILE` on a
saved proof altered the same way, must refuse every lie with its reason (exit 1, JSON under
--json) and accept the honest answer, printing only what the proof covers. The chain has node-key
changes below the proven transaction (the solo node's own key rotated, the ministry's node key
added and its old one revoked), so the client must follow them from the genesis.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Callable

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder, cea
from cets.clients.sdk import CetsError
from cets.ledger import chain, crypto, identity, keyfile
from cets.ledger.crypto import Signer
from cets.ledger.machine import raw_tx_id
from cets.ledger.proofs import proven_tx, tx_proof
from cets.node import devnet
from tests.conftest import founder, fund_province, register_emitter, start_node
from tests.test_cli import run_cets
from tests.test_node_key_rotation import signer_of

REG, MEE = identity.REGISTRY_ID, identity.MINISTRY_ID
VINTAGE = 2025
BENEFICIARY = "Guangzhou Metro Group"


# -- the proxy -------------------------------------------------------------------------------------


@dataclass
class Lie:
    """How the proxy alters answers; `reason` is the refusal the client must give."""

    name: str
    reason: str
    view: Callable[[api.TransactionView], None] | None = None  # alters GetTransaction's answer in place
    changes: Callable[[list], list] | None = None  # alters ListNodeKeyChanges' list
    genesis: Callable[[bytes], bytes] | None = None  # alters GetGenesis' bytes
    keys: Callable[[api.ListKeysResponse], None] | None = None  # alters ListKeys (the old client's trust)
    in_a_file: bool = True  # a receipt-only lie has no place in a saved proof


class LyingProxy(grpc.GenericRpcHandler):
    """Forwards every unary call to the node as raw bytes, altering the answers `lie` names."""

    def __init__(self, upstream: str, lie: Lie) -> None:
        self.lie = lie
        self.channel = grpc.aio.insecure_channel(upstream)
        self.server = grpc.aio.server()
        self.server.add_generic_rpc_handlers([self])
        self.target = f"127.0.0.1:{self.server.add_insecure_port('127.0.0.1:0')}"
        self.called: set[str] = set()

    def service(self, details):
        if details.method.endswith("/StreamBlocks"):
            return None
        forward = self.channel.unary_unary(details.method)
        name = details.method.rsplit("/", 1)[-1]

        async def handle(request: bytes, context) -> bytes:
            try:
                answer = await forward(request, timeout=20)
            except grpc.aio.AioRpcError as error:
                await context.abort(error.code(), error.details() or "")
            return self.alter(name, answer)

        return grpc.unary_unary_rpc_method_handler(handle)

    def alter(self, name: str, answer: bytes) -> bytes:
        self.called.add(name)
        lie = self.lie
        if name == "GetGenesis" and lie.genesis:
            genesis = lie.genesis(api.GenesisView.FromString(answer).genesis)
            return api.GenesisView(genesis=genesis, hash=crypto.genesis_hash(genesis)).SerializeToString()
        if name == "GetTransaction" and lie.view:
            view = api.TransactionView.FromString(answer)
            lie.view(view)
            return view.SerializeToString()
        if name == "ListNodeKeyChanges" and lie.changes:
            page = api.ListNodeKeyChangesResponse.FromString(answer)
            return api.ListNodeKeyChangesResponse(changes=lie.changes(list(page.changes)), next_page_token=page.next_page_token).SerializeToString()
        if name == "ListKeys" and lie.keys:
            keys = api.ListKeysResponse.FromString(answer)
            lie.keys(keys)
            return keys.SerializeToString()
        return answer

    async def __aenter__(self) -> "LyingProxy":
        await self.server.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.server.stop(None)
        await self.channel.close()


# -- the chain the node holds ----------------------------------------------------------------------


@dataclass
class Scene:
    """What the honest node holds, and what the lies are made of."""

    target: str
    genesis: bytes
    cancel: api.TransactionView  # the proven transaction: a cancellation of 5 t
    rejected: api.TransactionView  # an issuance over the cap, rejected in its block
    other: api.TransactionView  # another transaction of another block
    other_block: pb.Block
    changes: list = field(default_factory=list)  # the node-key changes below the cancellation's block

    @property
    def pinned(self) -> str:
        return crypto.genesis_hash(self.genesis).hex()


async def rotate_own_node_key(running, registry: TxBuilder) -> pb.Receipt:
    """Install a successor key file, then rotate (tests/test_node_key_rotation.py's path)."""
    successor = keyfile.KeyFile(REG, pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
    keyfile.write_to(running.data_dir / "keys" / keyfile.labelled_file_name(REG, pb.KEY_PURPOSE_NODE, "next"), successor)
    old = devnet.dev_key(REG, pb.KEY_PURPOSE_NODE)
    return await running.client.submit(registry.rotate_key(REG, old.key_id, successor.signer.public_key))


async def build_scene(running) -> Scene:
    client = running.client
    ministry, registry, guangdong = founder(MEE), founder(REG), founder(identity.province_id("44"))
    await fund_province(client, ministry, "44", VINTAGE, 1_000)
    emitter = await register_emitter(client, guangdong, "44")
    assert (await client.submit(guangdong.allocate([(emitter.participant_id, VINTAGE, 100)]))).code == pb.CODE_OK
    rotation = await rotate_own_node_key(running, registry)
    second = Signer(Ed25519PrivateKey.generate())
    assert (await client.submit(ministry.add_key(MEE, second.public_key, pb.KEY_PURPOSE_NODE))).code == pb.CODE_OK
    mee_old = devnet.dev_key(MEE, pb.KEY_PURPOSE_NODE).key_id
    assert (await client.submit(ministry.revoke_key(MEE, mee_old, "moved to the second key"))).code == pb.CODE_OK
    cancel = await client.submit(emitter.cancel(identity.holding_account_id(emitter.participant_id), cea(VINTAGE), 5, beneficiary=BENEFICIARY))
    assert cancel.code == pb.CODE_OK and cancel.height > rotation.height
    assert signer_of(await client.block(cancel.height)) != devnet.dev_key(REG, pb.KEY_PURPOSE_NODE).key_id  # signed by the successor
    (rejected,) = await client.submit_batch([ministry.issue(VINTAGE, 10**12)])
    assert rejected.code != pb.CODE_OK and rejected.height
    changes = [change async for change in client.node_key_changes(1, cancel.height - 1)]
    assert len(changes) == 3
    return Scene(target=running.target, genesis=(await client.genesis()).genesis,
                 cancel=await client.transaction(cancel.tx_id, with_proof=True),
                 rejected=await client.transaction(rejected.tx_id, with_proof=True),
                 other=await client.transaction(rotation.tx_id, with_proof=True),
                 other_block=await client.block(rotation.height - 1), changes=changes)


@pytest.fixture
async def scene(tmp_path):
    running = await start_node(tmp_path / "node")
    try:
        yield await build_scene(running)
    finally:
        await running.stop()


# -- the lies --------------------------------------------------------------------------------------


def sign(block: pb.Block, *signers: Signer) -> pb.Block:
    block.signatures.extend(pb.Signature(key_id=s.key_id, signature=s.sign_header(block.header)) for s in signers)
    return block


def rejected_shown_applied(scene: Scene, fake: Signer) -> api.TransactionView:
    """The rejected issuance as applied: its result made OK, the header rebuilt on the new result
    root and signed by a key only the liar lists."""
    receipt = scene.rejected.receipt
    header = pb.BlockHeader.FromString(scene.rejected.proof.header)
    block = pb.Block(txs=[scene.rejected.tx], results=[pb.TxResult(tx_id=receipt.tx_id, code=pb.CODE_OK)])
    header.tx_count, header.tx_root, header.result_root = 1, chain.tx_root(block.txs), chain.result_root(block.results)
    block.header = header.SerializeToString()
    sign(block, fake)
    shown = pb.Receipt(tx_id=receipt.tx_id, status=pb.TX_STATUS_COMMITTED, code=pb.CODE_OK, height=receipt.height,
                       final=True, block_hash=crypto.header_hash(block.header))
    return api.TransactionView(receipt=shown, tx=block.txs[0], proof=tx_proof(block, 0))


def fake_key_change(scene: Scene, fake: Signer):
    """An AddKey of the fake node key for the registry, in a block only the fake key signed."""
    tx = founder(REG).add_key(REG, fake.public_key, pb.KEY_PURPOSE_NODE).SerializeToString()
    result = pb.TxResult(tx_id=raw_tx_id(tx), code=pb.CODE_OK)
    header = pb.BlockHeader(version=chain.HEADER_VERSION, history_size=1, history_root=crypto.sha256(b"forged"), chain_id=devnet.DEV_CHAIN_ID, height=1, prev_hash=crypto.genesis_hash(scene.genesis), tx_root=chain.tx_root([tx]),
                            result_root=chain.result_root([result]), state_root=bytes(32), time_ms=devnet.DEV_GENESIS_TIME_MS, proposer=REG, tx_count=1)
    return proven_tx(sign(pb.Block(header=header.SerializeToString(), txs=[tx], results=[result]), fake), 0)


def alter_result(view: api.TransactionView, change: Callable[[pb.TxResult], None]) -> None:
    result = pb.TxResult.FromString(view.proof.result)
    change(result)
    view.proof.result = chain.result_bytes(result)
    change(view.receipt)  # Receipt and TxResult share code, detail and events


def set_attribute(message, key: str, value) -> None:
    """Change one field of the (only) event, whatever its kind: a lie about what happened."""
    (event,) = message.events
    record = getattr(event, event.WhichOneof("event"))
    setattr(record, key, value)


def with_header_of(proof: pb.TxInclusionProof, block: pb.Block) -> None:
    proof.header = block.header
    del proof.signatures[:]
    proof.signatures.extend(block.signatures)


def shown_applied(result) -> None:
    result.code, result.detail = pb.CODE_OK, ""
    if isinstance(result, pb.Receipt):
        result.status = pb.TX_STATUS_COMMITTED


def replace_and_alter(view: api.TransactionView, by: api.TransactionView, change: Callable) -> None:
    view.CopyFrom(by)
    alter_result(view, change)


def alter_header(view: api.TransactionView, **fields) -> None:
    header = pb.BlockHeader.FromString(view.proof.header)
    for name, value in fields.items():
        setattr(header, name, value)
    view.proof.header = header.SerializeToString()


def alter_body_amount(view: api.TransactionView) -> None:
    envelope = pb.SignedTx.FromString(view.tx)
    body = pb.TxBody.FromString(envelope.body)
    body.cancel.amount = 500_000
    envelope.body = body.SerializeToString()
    view.tx = envelope.SerializeToString()


def with_fake_node_key(genesis: bytes) -> bytes:
    message = pb.Genesis.FromString(genesis)
    registry = next(entry for entry in message.participants if entry.participant.participant_id == REG)
    registry.keys.add(public_key=Signer(Ed25519PrivateKey.generate()).public_key, purpose=pb.KEY_PURPOSE_NODE)
    return message.SerializeToString()


def lies(scene: Scene) -> list[Lie]:
    fake = Signer(Ed25519PrivateKey.generate())
    forged = rejected_shown_applied(scene, fake)
    fake_record = pb.KeyRecord(key_id=fake.key_id, participant_id=REG, public_key=fake.public_key, purpose=pb.KEY_PURPOSE_NODE, added_height=1)

    def replace(view: api.TransactionView, by: api.TransactionView) -> None:
        view.CopyFrom(by)

    def other_height(view: api.TransactionView) -> None:
        with_header_of(view.proof, scene.other_block)

    def change_from_other_height(changes: list) -> list:
        moved = proofs_pb2.ProvenTx()
        moved.CopyFrom(changes[0])
        with_header_of(moved.proof, scene.other_block)
        return [moved, *changes[1:]]

    return [
        Lie("fake node key listed, rejected shown applied", "HEADER_NOT_TRUSTED", view=lambda v: replace(v, forged),
            keys=lambda k: k.keys.append(fake_record)),
        Lie("fake node key added by a fake key change", "HEADER_NOT_TRUSTED", view=lambda v: replace(v, forged),
            keys=lambda k: k.keys.append(fake_record), changes=lambda c: [fake_key_change(scene, fake), *c]),
        Lie("rejected shown applied by its result code", "RESULT_NOT_COMMITTED", view=lambda v: replace_and_alter(v, scene.rejected, shown_applied)),
        Lie("result code altered", "RESULT_NOT_COMMITTED", view=lambda v: alter_result(v, lambda r: setattr(r, "code", pb.CODE_INSUFFICIENT_BALANCE))),
        Lie("event amount altered", "RESULT_NOT_COMMITTED", view=lambda v: alter_result(v, lambda r: set_attribute(r, "amount", 500000))),
        Lie("event beneficiary altered", "RESULT_NOT_COMMITTED", view=lambda v: alter_result(v, lambda r: set_attribute(r, "beneficiary", "Someone Else"))),
        Lie("receipt's event amount altered, proof intact", "RECEIPT_DISAGREES",
            view=lambda v: set_attribute(v.receipt, "amount", 500000), in_a_file=False),
        Lie("receipt's height altered, proof intact", "RECEIPT_DISAGREES", view=lambda v: setattr(v.receipt, "height", v.receipt.height + 1), in_a_file=False),
        Lie("transaction body altered", "TX_NOT_COMMITTED", view=alter_body_amount),
        Lie("header time altered", "HEADER_NOT_TRUSTED", view=lambda v: alter_header(v, time_ms=1)),
        Lie("header height altered", "HEADER_NOT_TRUSTED", view=lambda v: alter_header(v, height=2)),
        Lie("signatures dropped", "HEADER_NOT_TRUSTED", view=lambda v: v.proof.ClearField("signatures")),
        Lie("own key rotation dropped", "HEADER_NOT_TRUSTED", changes=lambda c: [x for x in c if not x.tx == scene.other.tx]),
        Lie("key change proven against another block", "TX_NOT_COMMITTED", changes=change_from_other_height),
        Lie("proof of another transaction", "WRONG_TRANSACTION", view=lambda v: replace(v, scene.other)),
        Lie("proof against another block's header", "TX_NOT_COMMITTED", view=other_height),
        Lie("genesis with a fake node key", "GENESIS_MISMATCH", genesis=with_fake_node_key),
    ]


# -- the checks ------------------------------------------------------------------------------------


def asked_for(scene: Scene, lie: Lie) -> str:
    """The transaction the client asks about: the rejected issuance for the lies about it."""
    return (scene.rejected if "rejected" in lie.name else scene.cancel).receipt.tx_id.hex()


async def cets(tmp_path, *args: str):
    shown = await asyncio.get_running_loop().run_in_executor(None, lambda: run_cets(tmp_path, *args, "--json"))
    return shown, json.loads(shown.stdout) if shown.stdout.strip() else None


def saved_with(scene: Scene, lie: Lie, path) -> None:
    """The honest answers altered as `lie` says, written as a saved proof would be."""
    view = api.TransactionView()
    view.CopyFrom(scene.cancel)
    if lie.view:
        lie.view(view)
    changes = lie.changes(list(scene.changes)) if lie.changes else scene.changes
    genesis = lie.genesis(scene.genesis) if lie.genesis else scene.genesis
    bundle = proofs_pb2.ProofBundle(version=1, genesis=genesis, key_changes=changes,
                                    transaction=proofs_pb2.ProvenTx(tx=view.tx, index=view.receipt.index, proof=view.proof))
    path.write_bytes(bundle.SerializeToString(deterministic=True))


def assert_the_cancellation(document: dict, scene: Scene) -> None:
    """What is printed is the cancellation as proven: 5 t for the beneficiary, after 3 key changes."""
    receipt = scene.cancel.receipt
    (event,) = document["events"]
    assert (event["cancelled"]["amount"], event["cancelled"]["beneficiary"]) == (5, BENEFICIARY)
    assert document["payload"]["cancel"]["amount"] == 5 and document["payload"]["cancel"]["beneficiary"] == BENEFICIARY
    assert (document["tx_id"], document["code"], document["status"], document["final"]) == (receipt.tx_id.hex(), "OK", "TX_STATUS_COMMITTED", True)
    assert (document["height"], document["index"], document["block_hash"]) == (receipt.height, receipt.index, receipt.block_hash.hex())
    proof = document["proof"]
    assert proof["verified"] and proof["genesis_pinned"] and proof["genesis"] == scene.pinned
    assert (proof["signed_by"], proof["quorum"], proof["key_changes"]) == ([REG], 1, 3)


async def test_cets_tx_proof_accepts_the_honest_answer_through_the_proxy_and_its_saved_file_offline(scene, tmp_path):
    saved = tmp_path / "cancel.proof"
    async with LyingProxy(scene.target, Lie("none", "")) as proxy:
        shown, document = await cets(tmp_path, "tx", scene.cancel.receipt.tx_id.hex(), "--proof", "--expect-genesis", scene.pinned,
                                     "--save", str(saved), "--target", proxy.target)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert proxy.called == {"GetGenesis", "GetTransaction", "ListNodeKeyChanges"}  # never the node's key listing
    assert_the_cancellation(document, scene)
    assert document["proof"]["saved_to"] == str(saved)
    offline, checked = await cets(tmp_path, "proof", "verify", str(saved), "--expect-genesis", scene.pinned,
                                  "--tx", scene.cancel.receipt.tx_id.hex())
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert_the_cancellation(checked, scene)
    assert {**checked, "proof": None} == {**document, "proof": None}  # the same receipt online and offline
    plain = run_cets(tmp_path, "proof", "verify", str(saved), "--expect-genesis", scene.pinned)
    assert plain.returncode == 0 and BENEFICIARY in plain.stdout and "verified" in plain.stdout


async def test_a_proof_of_a_transaction_before_the_rotation_needs_no_key_change(scene, tmp_path):
    before = scene.other.receipt  # the rotation itself: its block is signed by the old key
    shown, document = await cets(tmp_path, "tx", before.tx_id.hex(), "--proof", "--expect-genesis", scene.pinned, "--target", scene.target)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert document["proof"]["key_changes"] == 0 and document["payload"]["rotate_key"]["participant_id"] == REG


async def test_cets_tx_proof_refuses_every_lie_of_a_proxy_with_its_reason(scene, tmp_path):
    for lie in lies(scene):
        asked = asked_for(scene, lie)
        async with LyingProxy(scene.target, lie) as proxy:
            shown, document = await cets(tmp_path, "tx", asked, "--proof", "--expect-genesis", scene.pinned, "--save",
                                         str(tmp_path / "never.proof"), "--target", proxy.target)
        assert shown.returncode == 1, f"{lie.name}: accepted\n{shown.stdout}"
        proof = document["proof"]
        assert (proof["verified"], proof["reason"]) == (False, lie.reason), f"{lie.name}: {proof}"
        assert set(document) == {"tx_id", "proof"}, f"{lie.name}: prints more than the refusal: {sorted(document)}"
        assert not (tmp_path / "never.proof").exists(), f"{lie.name}: a refused proof was saved"


async def test_cets_proof_verify_refuses_every_lie_saved_in_a_file(scene, tmp_path):
    for number, lie in enumerate(lie for lie in lies(scene) if lie.in_a_file):
        path = tmp_path / f"lie-{number}.proof"
        saved_with(scene, lie, path)
        asked = asked_for(scene, lie)
        shown, document = await cets(tmp_path, "proof", "verify", str(path), "--expect-genesis", scene.pinned, "--tx", asked)
        assert shown.returncode == 1, f"{lie.name}: accepted\n{shown.stdout}"
        assert (document["proof"]["verified"], document["proof"]["reason"]) == (False, lie.reason), f"{lie.name}: {document}"
    shown, document = await cets(tmp_path, "proof", "verify", str(path), "--expect-genesis", "00" * 32)
    assert shown.returncode == 1 and document["proof"]["reason"] == "GENESIS_MISMATCH"
    missing = run_cets(tmp_path, "proof", "verify", str(tmp_path / "absent.proof"), "--expect-genesis", scene.pinned, "--json")
    assert missing.returncode == 1 and json.loads(missing.stdout)["error"]["reason"] == "LOCAL_FILE"
    unpinned = run_cets(tmp_path, "proof", "verify", str(path))
    assert unpinned.returncode == 2 and "--expect-genesis" in unpinned.stderr


async def test_list_node_key_changes_pages_in_chain_order_and_refuses_bad_requests(scene):
    from cets.clients.sdk import AsyncClient

    async with AsyncClient(scene.target) as client:
        one_by_one = [change async for change in client.node_key_changes(1, 0, page_size=1)]
        assert one_by_one == scene.changes
        heights = [pb.BlockHeader.FromString(change.proof.header).height for change in one_by_one]
        assert heights == sorted(heights) and [c async for c in client.node_key_changes(heights[1], heights[1])] == scene.changes[1:2]
        page = await client.chain.ListNodeKeyChanges(api.ListNodeKeyChangesRequest(page_size=2))
        assert len(page.changes) == 2 and page.next_page_token
        for request, reason in ((api.ListNodeKeyChangesRequest(page_size=101), "PAGE_SIZE_TOO_LARGE"),
                                (api.ListNodeKeyChangesRequest(page_token="²"), "PAGE_TOKEN_INVALID"),
                                (api.ListNodeKeyChangesRequest(page_token="1.٣"), "PAGE_TOKEN_INVALID"),
                                (api.ListNodeKeyChangesRequest(from_height=5, to_height=4), "INVALID_FIELD")):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await client.chain.ListNodeKeyChanges(request, timeout=10)
            error = CetsError.from_rpc_error(refused.value)
            assert (error.status, error.reason) == (grpc.StatusCode.INVALID_ARGUMENT, reason), error
