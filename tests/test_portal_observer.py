"""An observer serves the public portal too (an institution publishes from a node that cannot
propose): it follows a node's final blocks over gRPC (node/catchup.py, no etcd: a solo dev node
stands in for the cluster's), replays them, and its portal shows what it replayed, the
cancellation index included, at its own height."""

from __future__ import annotations

import asyncio
import json
import time

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.clients.sdk import AsyncClient
from cets.ledger import identity
from cets.node import catchup
from cets.node.server import ClusterSettings, Node, NodeConfig, prepare_dev
from tests.conftest import fund_province, register_emitter, start_node
from tests.test_portal import fetch_ok

VINTAGE = 2025


async def test_art15_an_observers_portal_shows_the_cancellations_it_replayed(tmp_path, ministry, guangdong, monkeypatch):
    monkeypatch.setattr(catchup, "FOLLOW_STREAM_S", 1.0)
    source = await start_node(tmp_path / "source")
    data_dir = tmp_path / "observer"
    observer = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=prepare_dev(data_dir), public="127.0.0.1:0",
                               cluster=ClusterSettings(etcd_endpoints=[], peers=[source.target], observer=True)))
    await observer.start()
    client = AsyncClient(f"127.0.0.1:{observer.port}", deadline_s=5.0)
    try:
        await fund_province(source.client, ministry, "44", VINTAGE, 100)
        emitter = await register_emitter(source.client, guangdong, "44")
        assert (await source.client.submit(guangdong.allocate([(emitter.participant_id, VINTAGE, 100)]))).code == pb.CODE_OK
        receipt = await source.client.submit(emitter.cancel(identity.holding_account_id(emitter.participant_id), cea(VINTAGE), 7,
                                                            beneficiary="Shenzhen school", purpose="a carbon-neutral campus"))
        deadline = time.monotonic() + 20
        while (await client.head()).height < receipt.height and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        response = await fetch_ok(observer.portal.port, "/cancellations.json")
        document = json.loads(response.text)
        certificate = receipt.events[0].cancelled
        assert [(row["certificate_id"], row["beneficiary"], row["amount_tonnes"]) for row in document["rows"]] == [
            (certificate.certificate_id, "Shenzhen school", 7)]
        assert document["height"] >= receipt.height and response.headers["x-cets-height"] == str(document["height"])
    finally:
        await client.close()
        await observer.stop()
        await source.stop()
