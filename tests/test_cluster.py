"""Three institutional nodes on etcd, with real etcd members and real node processes on loopback.

Faults are real: SIGKILL of a node process and of its etcd member. Each run prints a report line:
transactions acknowledged, lost (must be 0), and the time a restarted node took to converge.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import crypto, identity
from cets.ledger.chain import HEADER_VERSION
from cets.node import devnet
from cets.node.devcluster import INSTITUTIONS, DevCluster
from cets.node.ordering import EtcdOrdering
from tests.conftest import new_key, new_uscc, publish_method
from tests.test_cli import DEMO_STEPS, assert_compliance_year

pytestmark = pytest.mark.cluster

VINTAGE = 2025
CHAIN = devnet.DEV_CLUSTER_CHAIN_ID


def founder(participant_id: str) -> TxBuilder:
    return TxBuilder(CHAIN, devnet.dev_key(participant_id))


@pytest.fixture
async def cluster(tmp_path):
    running = DevCluster(tmp_path / "cluster", with_observer=True)
    try:
        await running.start()
        yield running
    finally:
        running.stop()


def client_for(cluster: DevCluster, name: str, deadline_s: float = 10.0) -> AsyncClient:
    return AsyncClient(cluster.node(name).target, deadline_s=deadline_s, credentials=cluster.credentials())


async def fund_emitters(client: AsyncClient, count: int) -> list[TxBuilder]:
    """Register `count` Guangdong emitters and allocate 1,000,000 t to each."""
    ministry, guangdong = founder("MEE"), founder("PROV-44")
    keys = [new_key(new_uscc("44")) for _ in range(count)]
    setup = [guangdong.register_participant(k.participant_id, pb.ROLE_KEY_EMITTER, "cluster test", [k.spec()], province="44", sector="power") for k in keys]
    setup += [ministry.set_cap(VINTAGE, 10**9), ministry.issue(VINTAGE, 10**8),
              ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), cea(VINTAGE), 10**8)]
    for tx in setup:
        receipt = await client.submit(tx)
        assert receipt.code == pb.CODE_OK
    await publish_method(client, ministry)
    receipt = await client.submit(guangdong.allocate([(k.participant_id, VINTAGE, 10**6) for k in keys]))
    assert receipt.code == pb.CODE_OK and receipt.final
    return [TxBuilder(CHAIN, k) for k in keys]


def transfer(source: TxBuilder, target: TxBuilder) -> pb.SignedTx:
    return source.transfer(identity.holding_account_id(source.participant_id), identity.holding_account_id(target.participant_id), cea(VINTAGE), 1)


async def heads(cluster: DevCluster, names) -> dict[str, tuple[int, bytes]]:
    out = {}
    for name in names:
        client = client_for(cluster, name, 2.0)
        try:
            head = await client.head()
            out[name] = (head.height, head.hash)
        except CetsError:
            out[name] = (-1, b"")
        finally:
            await client.close()
    return out


async def wait_converged(cluster: DevCluster, names, timeout_s: float = 30.0) -> float:
    """Seconds until every named node has the same head (bounded)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        seen = await heads(cluster, names)
        if len(set(seen.values())) == 1 and next(iter(seen.values()))[0] > 0:
            return time.monotonic() - started
        await asyncio.sleep(0.2)
    raise AssertionError(f"nodes did not converge in {timeout_s} s: {await heads(cluster, names)}")


async def test_every_node_serves_and_blocks_become_final_with_two_of_three_signatures(cluster):
    client = client_for(cluster, "MEE")
    try:
        emitters = await fund_emitters(client, 2)
        other = client_for(cluster, "EXCH")
        receipt = await other.submit(transfer(emitters[0], emitters[1]))
        assert receipt.status == pb.TX_STATUS_COMMITTED and receipt.final
        await other.close()
        await wait_converged(cluster, [*INSTITUTIONS, "observer"])
        observer = client_for(cluster, "observer")
        view = await observer.transaction(receipt.tx_id)
        assert view.receipt.status == pb.TX_STATUS_COMMITTED
        with pytest.raises(CetsError) as refused:
            await observer.submit(transfer(emitters[0], emitters[1]))
        assert refused.value.reason == "OBSERVER_READ_ONLY"
        block = await observer.block(receipt.height)
        assert len(block.signatures) >= 2
        await observer.close()
        await every_node_serves_one_history_checkpointed_by_two_of_three(cluster, receipt.height)
    finally:
        await client.close()


async def every_node_serves_one_history_checkpointed_by_two_of_three(cluster: DevCluster, size: int) -> None:
    """Each replica computes the history tree itself: all serve the same root at a size, in a
    checkpoint that verifies from the genesis with two of three signatures, and prove it consistent."""
    from cets.v1 import history_pb2
    from cets.ledger.checkpoint import CHECKPOINT_BUNDLE_VERSION, check_consistency, verify_checkpoint_bundle

    genesis = devnet.dev_genesis(CHAIN).SerializeToString()
    roots = set()
    for name in (*INSTITUTIONS, "observer"):
        node = client_for(cluster, name)
        try:
            old, new = await node.checkpoint(1), await node.checkpoint(size)
            proof = await node.consistency_proof(1, size)
        finally:
            await node.close()
        verified = [verify_checkpoint_bundle(history_pb2.CheckpointBundle(version=CHECKPOINT_BUNDLE_VERSION, genesis=genesis, checkpoint=c)
                                             .SerializeToString(deterministic=True), crypto.genesis_hash(genesis)) for c in (old, new)]
        assert len(verified[1].signers) >= 2, name
        check_consistency(*verified, list(proof.hashes))
        roots.add(verified[1].history_root)
    assert len(roots) == 1


async def test_an_auditors_observer_follows_final_blocks_over_grpc_and_fails_over_when_its_peer_dies(cluster):
    import json

    observer = cluster.node("observer")
    assert "--etcd" not in observer.command(cluster.pki_dir)  # it has no access to the ordering service
    setup = client_for(cluster, "REG")
    try:
        emitters = await fund_emitters(setup, 2)
        await wait_converged(cluster, [*INSTITUTIONS, "observer"])
    finally:
        await setup.close()
    followed = [json.loads(line)["peer"] for line in observer.log_path.read_text().splitlines() if '"observer follows a peer"' in line]
    victim = next(name for name in INSTITUTIONS if cluster.node(name).target == followed[-1])
    cluster.kill_node(cluster.node(victim))  # the peer the observer follows now
    survivors = [name for name in INSTITUTIONS if name != victim]
    client = client_for(cluster, survivors[0])
    try:
        for _ in range(3):
            receipt = await client.submit(transfer(emitters[0], emitters[1]))
            assert receipt.code == pb.CODE_OK and receipt.final
        await wait_converged(cluster, [*survivors, "observer"])
    finally:
        await client.close()
    assert "following a peer failed, trying the next" in observer.log_path.read_text()
    watcher = client_for(cluster, "observer")
    try:
        head = await watcher.head()
        assert head.final_height == head.height  # it holds only final blocks
        block = await watcher.block(head.height)
        assert len({s.key_id for s in block.signatures}) >= 2
        with pytest.raises(CetsError) as refused:
            await watcher.submit(transfer(emitters[0], emitters[1]))
        assert refused.value.reason == "OBSERVER_READ_ONLY"
    finally:
        await watcher.close()


def prove_from_genesis(cluster: DevCluster, name: str, tx_id: bytes) -> tuple[dict, int]:
    """`cets tx ID --proof` against a node, with the dev cluster genesis's hash pinned."""
    from cets.clients.proofcheck import check_online
    from cets.clients.sdk import Client

    pinned = crypto.genesis_hash(devnet.dev_genesis(CHAIN).SerializeToString()).hex()
    with Client(cluster.node(name).target, credentials=cluster.credentials()) as client:
        return check_online(client, tx_id, pinned)


async def test_a_node_key_rotated_before_its_successor_is_installed_costs_one_signer_until_the_file_arrives(cluster):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from cets.ledger import keyfile
    from cets.ledger.crypto import Signer

    client = client_for(cluster, "REG")
    try:
        emitters = await fund_emitters(client, 2)
        old = devnet.dev_key("EXCH", pb.KEY_PURPOSE_NODE)
        successor = keyfile.KeyFile("EXCH", pb.KEY_PURPOSE_NODE, Signer(Ed25519PrivateKey.generate()))
        # Submitted to REG's node, which cannot know whether EXCH holds the successor: it does not.
        rotated = await client.submit(founder("EXCH").rotate_key("EXCH", old.key_id, successor.signer.public_key))
        assert rotated.code == pb.CODE_OK and rotated.final
        without = await client.submit(transfer(emitters[0], emitters[1]))
        assert without.code == pb.CODE_OK and without.final  # MEE and REG still make the quorum
        await wait_converged(cluster, INSTITUTIONS)
        assert successor.key_id not in {s.key_id for s in (await client.block(without.height)).signatures}
        assert "holding no node key that may sign this block" in cluster.node("EXCH").log_path.read_text()

        keyfile.write_to(cluster.node("EXCH").data_dir / "keys" / keyfile.labelled_file_name("EXCH", pb.KEY_PURPOSE_NODE, "next"), successor)
        deadline = time.monotonic() + 15
        while True:  # the next blocks carry EXCH's signature by the successor, no restart
            receipt = await client.submit(transfer(emitters[1], emitters[0]))
            assert receipt.code == pb.CODE_OK and receipt.final
            block = await (exch := client_for(cluster, "EXCH")).block(receipt.height)
            await exch.close()
            if successor.key_id in {s.key_id for s in block.signatures}:
                break
            assert time.monotonic() < deadline, "EXCH never signed with its successor key"
            await asyncio.sleep(0.2)
    finally:
        await client.close()
    document, status = await asyncio.get_running_loop().run_in_executor(None, prove_from_genesis, cluster, "EXCH", receipt.tx_id)
    assert status == 0, document  # a light client follows the rotation from the genesis to EXCH's successor key
    assert document["proof"]["key_changes"] == 1 and document["proof"]["signed_by"] == ["EXCH", "MEE", "REG"]
    await wait_converged(cluster, [*INSTITUTIONS, "observer"])
    from cets.clients.audit import audit_node

    result = await asyncio.get_running_loop().run_in_executor(
        None, lambda: audit_node(cluster.node("observer").target, credentials=cluster.credentials()))
    assert result.ok, (result.bad_height, result.problem)


async def test_killing_one_node_and_its_etcd_member_under_load_loses_no_acknowledged_transaction(cluster, report):
    setup_client = client_for(cluster, "MEE")
    emitters = await fund_emitters(setup_client, 6)
    await setup_client.close()
    acknowledged: dict[bytes, int] = {}
    refused_by_victim = 0
    stop = asyncio.Event()

    async def load(name: str, sources: list[TxBuilder]) -> None:
        nonlocal refused_by_victim
        client = client_for(cluster, name, 3.0)
        try:
            step = 0
            while not stop.is_set():
                batch = [transfer(sources[(step + i) % len(sources)], sources[(step + i + 1) % len(sources)]) for i in range(10)]
                step += 1
                try:
                    receipts = await client.submit_batch(batch)
                except CetsError:
                    refused_by_victim += name == "REG"
                    await asyncio.sleep(0.1)
                    continue
                for receipt in receipts:
                    if receipt.code == pb.CODE_OK:
                        acknowledged[receipt.tx_id] = receipt.height
        finally:
            await client.close()

    loads = [asyncio.create_task(load(name, emitters[2 * i:2 * i + 2])) for i, name in enumerate(INSTITUTIONS)]
    await asyncio.sleep(2.0)
    cluster.kill_node(cluster.node("REG"))
    cluster.kill_member("REG")
    before_kill = len(acknowledged)
    await asyncio.sleep(3.0)
    assert len(acknowledged) > before_kill, "the two remaining nodes must keep acknowledging"
    cluster.restart_member("REG")
    cluster.start_node(cluster.node("REG"))
    restarted = time.monotonic()
    await cluster.wait_serving([cluster.node("REG")])
    stop.set()
    await asyncio.gather(*loads)
    await wait_converged(cluster, INSTITUTIONS)
    converge_s = time.monotonic() - restarted  # from the restart to equal heads

    lost = []
    for name in INSTITUTIONS:
        client = client_for(cluster, name)
        try:
            for tx_id in acknowledged:
                view = await client.transaction(tx_id)
                if view.receipt.status != pb.TX_STATUS_COMMITTED:
                    lost.append((name, tx_id.hex()))
        finally:
            await client.close()
    report(f"kill -9 of REG node and etcd member under load: {len(acknowledged)} transactions acknowledged, "
           f"{len(lost)} lost, restarted node converged in {converge_s:.2f} s")
    assert not lost


async def test_all_three_nodes_and_members_restarted_continue_the_same_chain(cluster, report):
    client = client_for(cluster, "EXCH")
    emitters = await fund_emitters(client, 2)
    await client.close()
    before = await heads(cluster, INSTITUTIONS)
    assert len(set(before.values())) == 1
    for node in cluster.nodes:
        cluster.kill_node(node)
    for name in INSTITUTIONS:
        cluster.kill_member(name)
    restarted = time.monotonic()
    for name in INSTITUTIONS:
        cluster.restart_member(name)
    for node in cluster.nodes:
        cluster.start_node(node)
    await cluster.wait_serving(cluster.nodes)
    assert await heads(cluster, INSTITUTIONS) == before
    client = client_for(cluster, "REG")
    try:
        receipt = await client.submit(transfer(emitters[0], emitters[1]))
        assert receipt.height == next(iter(before.values()))[0] + 1 and receipt.final
    finally:
        await client.close()
    await wait_converged(cluster, [*INSTITUTIONS, "observer"])
    report(f"all three nodes and etcd members killed at height {before['REG'][0]}: the chain continued from it; "
           f"a new final block and all nodes converged {time.monotonic() - restarted:.2f} s after the restart began")


async def wait_for_evidence(client: AsyncClient, timeout_s: float = 5.0) -> list[pb.Evidence]:
    """The node's evidence once it has some (bounded wait)."""
    deadline = time.monotonic() + timeout_s
    while True:
        evidence = await client.evidence()
        if evidence or time.monotonic() > deadline:
            return evidence
        await asyncio.sleep(0.1)


async def _ordering(cluster: DevCluster) -> EtcdOrdering:
    ordering = EtcdOrdering([m.endpoint for m in cluster.members], CHAIN, tls=cluster.etcd_tls()["EXCH"])
    await ordering.connect()
    return ordering


async def test_a_tampered_block_is_refused_and_reported_by_every_other_node(cluster):
    await cluster.add_observer("replica")  # follows etcd, as the voters do
    client = client_for(cluster, "MEE")
    emitters = await fund_emitters(client, 2)
    good = await client.submit(transfer(emitters[0], emitters[1]))
    await wait_converged(cluster, [*INSTITUTIONS, "replica", "observer"])
    # EXCH's node key signs a block whose header claims a state its transactions do not produce.
    previous = await client.block(good.height)
    await client.close()
    tx = transfer(emitters[1], emitters[0])
    header = pb.BlockHeader(version=HEADER_VERSION, history_size=good.height + 1, history_root=crypto.sha256(b"forged"), chain_id=CHAIN, height=good.height + 1, prev_hash=crypto.header_hash(previous.header),
                            tx_root=crypto.sha256(b"forged"), result_root=crypto.sha256(b"forged"), state_root=crypto.sha256(b"forged"),
                            time_ms=pb.BlockHeader.FromString(previous.header).time_ms + 1, proposer="EXCH", tx_count=1).SerializeToString()
    node_key = devnet.dev_key("EXCH", pb.KEY_PURPOSE_NODE)
    forged = pb.Block(header=header, txs=[tx.SerializeToString()], results=[pb.TxResult(tx_id=crypto.tx_id(tx.body))],
                      signatures=[pb.Signature(key_id=node_key.key_id, signature=node_key.signer.sign_header(header))])
    ordering = await _ordering(cluster)
    try:
        assert await ordering.append(good.height + 1, forged.SerializeToString())
    finally:
        await ordering.close()
    for name in ("MEE", "REG", "replica"):
        client = client_for(cluster, name)
        try:
            evidence = await wait_for_evidence(client)
            assert [(e.kind, e.height, e.participant_id) for e in evidence] == [("invalid_block", good.height + 1, "EXCH")]
            assert (await client.head()).height == good.height  # never applied
        finally:
            await client.close()
    # The auditor's observer follows final blocks only: the forged block, never signed by a
    # quorum, never reaches it; once the chain stalls it reads its peers' evidence, checks the
    # block on its own head, and keeps it too.
    observer = client_for(cluster, "observer")
    try:
        evidence = await wait_for_evidence(observer, timeout_s=40.0)
        assert [(e.kind, e.height, e.participant_id) for e in evidence] == [("invalid_block", good.height + 1, "EXCH")]
        assert "confirmed here" in evidence[0].detail
        assert (await observer.head()).height == good.height
    finally:
        await observer.close()


async def test_a_signature_over_a_conflicting_header_is_kept_as_evidence(cluster):
    client = client_for(cluster, "MEE")
    await fund_emitters(client, 1)
    head = await client.head()
    await wait_converged(cluster, INSTITUTIONS)
    header = pb.BlockHeader.FromString(head.header)
    header.state_root = crypto.sha256(b"another state")
    other = header.SerializeToString()
    node_key = devnet.dev_key("EXCH", pb.KEY_PURPOSE_NODE)
    record = pb.SignatureRecord(height=head.height, header_hash=crypto.header_hash(other), header=other, participant_id="EXCH",
                                signature=pb.Signature(key_id=node_key.key_id, signature=node_key.signer.sign_header(other)))
    ordering = await _ordering(cluster)
    try:
        await ordering.put_signature(head.height, "EXCH", record.SerializeToString())
    finally:
        await ordering.close()
    try:
        evidence = await wait_for_evidence(client)
        assert [(e.kind, e.height, e.participant_id) for e in evidence] == [("conflicting_header", head.height, "EXCH")]
    finally:
        await client.close()
    observer = client_for(cluster, "observer")  # no etcd: it learns it from a peer, and checks the signature itself
    try:
        evidence = await wait_for_evidence(observer, timeout_s=40.0)
        assert [(e.kind, e.height, e.participant_id) for e in evidence] == [("conflicting_header", head.height, "EXCH")]
    finally:
        await observer.close()


async def test_a_node_down_past_etcds_window_and_a_new_observer_catch_up_from_peers(tmp_path, report):
    cluster = DevCluster(tmp_path / "cluster", with_observer=False,
                         node_args=["--prune-keep-blocks", "5", "--prune-every-blocks", "10", "--prune-lag-max-blocks", "20"])
    try:
        await cluster.start()
        client = client_for(cluster, "MEE")
        emitters = await fund_emitters(client, 2)
        await wait_converged(cluster, INSTITUTIONS)
        cluster.kill_node(cluster.node("REG"))
        down_at = (await client.head()).height
        for _ in range(80):  # one block each
            assert (await client.submit(transfer(emitters[0], emitters[1]))).code == pb.CODE_OK
        head = (await client.head()).height
        await client.close()
        ordering = await _ordering(cluster)
        try:
            assert await ordering.block(down_at + 1) is None, "etcd must have pruned what REG missed"
        finally:
            await ordering.close()
        restarted = time.monotonic()
        cluster.start_node(cluster.node("REG"))
        await cluster.wait_serving([cluster.node("REG")])
        await wait_converged(cluster, INSTITUTIONS)
        converge_s = time.monotonic() - restarted
        await cluster.add_observer("late-observer")
        await wait_converged(cluster, [*INSTITUTIONS, "late-observer"])
        for name in ("REG", "late-observer"):
            assert "caught up from a peer" in cluster.node(name).log_path.read_text(), name
        report(f"node down for {head - down_at} blocks past etcd's window: caught up from peers, converged {converge_s:.2f} s after its restart")
    finally:
        cluster.stop()


async def test_a_cluster_node_refuses_a_certificate_that_claims_another_institution(cluster):
    from tests.test_pki_tls import credentials_from, issue

    layout = cluster.layout()
    exch_ca = layout.files("EXCH", "ca")
    cert, key = issue("MEE", *exch_ca)  # O=MEE, but signed by the exchange's CA
    forged = AsyncClient(cluster.node("REG").target, deadline_s=5.0,
                         credentials=credentials_from(layout.trust_bundle.read_bytes(), cert, key))
    genuine = client_for(cluster, "REG")
    try:
        with pytest.raises(CetsError) as refused:
            await forged.head()
        assert refused.value.reason == "CALLER_NOT_AN_INSTITUTION"
        assert (await genuine.head()).chain_id == CHAIN
    finally:
        await forged.close()
        await genuine.close()


def test_cets_cluster_up_then_demo_then_audit_through_the_cli(tmp_path):
    import json
    import os
    import signal
    import subprocess
    import sys

    base = tmp_path / "cluster"
    command = [sys.executable, "-m", "cets.clients.cli"]
    up = subprocess.Popen([*command, "cluster", "up", "--dev", "--dir", str(base), "--json"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, env={**os.environ})
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = up.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("}"):
                break
        description = json.loads("".join(lines[lines.index("{\n"):]))
        tls = ["--tls-dir", description["pki"]]
        demo = subprocess.run([*command, "demo", "--target", description["nodes"]["EXCH"], *tls, "--json"],
                              capture_output=True, text=True, timeout=120)
        assert demo.returncode == 0, demo.stderr
        document = json.loads(demo.stdout)
        assert document["chain_id"] == CHAIN
        assert len(document["steps"]) == DEMO_STEPS
        # the compliance table the demo printed: A compliant, B short by 15,000 t, withheld from its 2026 allocation
        assert_compliance_year(document)
        audit = subprocess.run([*command, "audit", "verify", "--target", description["nodes"]["observer"], *tls, "--json"],
                               capture_output=True, text=True, timeout=120)
        assert audit.returncode == 0, audit.stdout + audit.stderr
        report = json.loads(audit.stdout)
        assert report["ok"] and report["counts"]["blocks"] > 0 and report["counts"]["header_signatures"] >= 2 * report["counts"]["blocks"]
        first = document["steps"][0]["receipt"]["tx_id"]  # a holder checks its transaction's proof
        shown = subprocess.run([*command, "tx", first, "--proof", "--target", description["nodes"]["observer"], *tls, "--json"],
                               capture_output=True, text=True, timeout=60)
        assert shown.returncode == 0, shown.stdout + shown.stderr
        proof = json.loads(shown.stdout)["proof"]
        assert proof["verified"] and proof["quorum"] == 2 and len(proof["signed_by"]) >= 2
    finally:
        up.send_signal(signal.SIGINT)
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
            up.wait(10)
    assert up.returncode == 0


async def test_a_genuine_signature_relabelled_to_another_height_is_not_taken_for_equivocation(cluster):
    client = client_for(cluster, "MEE")
    try:
        await fund_emitters(client, 1)
        head = (await client.head()).height
        await wait_converged(cluster, INSTITUTIONS)
        ordering = await _ordering(cluster)
        try:
            genuine = (await ordering.signatures(head))["EXCH"]
            record = pb.SignatureRecord.FromString(genuine)
            record.height = head - 1  # the header inside still says `head`
            await ordering.put_signature(head - 1, "EXCH", record.SerializeToString())
            marker = await client.submit(transfer(*await fund_emitters(client, 2)))  # let the watch move on
            assert marker.code == pb.CODE_OK
        finally:
            await ordering.close()
        assert await client.evidence() == []
    finally:
        await client.close()


async def test_a_block_stamped_far_ahead_of_the_clock_is_refused(cluster):
    from cets.ledger.chain import build_block
    from cets.ledger.verify import Replayer

    client = client_for(cluster, "MEE")
    try:
        emitters = await fund_emitters(client, 2)
        await wait_converged(cluster, INSTITUTIONS)
        head = (await client.head()).height
        replayer = Replayer((await client.genesis()).genesis)
        for height in range(1, head + 1):
            replayer.apply((await client.block(height)).SerializeToString())
        future_ms = int(time.time() * 1000) + 3_600_000  # an hour ahead: valid in every other way
        tx = transfer(emitters[0], emitters[1])
        with replayer.store.reader() as reader:
            built = build_block(reader, replayer.tip, future_ms, "EXCH", [tx.SerializeToString()])
        node_key = devnet.dev_key("EXCH", pb.KEY_PURPOSE_NODE)
        built.block.signatures.append(pb.Signature(key_id=node_key.key_id, signature=node_key.signer.sign_header(built.header)))
        ordering = await _ordering(cluster)
        try:
            assert await ordering.append(head + 1, built.block.SerializeToString())
        finally:
            await ordering.close()
        evidence = await wait_for_evidence(client)
        assert [(e.kind, e.height) for e in evidence] == [("invalid_block", head + 1)]
        assert "ahead of this node's clock" in evidence[0].detail
        assert (await client.head()).height == head
    finally:
        await client.close()
