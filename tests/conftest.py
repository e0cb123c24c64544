"""Shared fixtures: a real solo node on loopback over a real LMDB, and signers for the founders."""

from __future__ import annotations

import hashlib
import pathlib
import secrets
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import identity, keyfile
from cets.ledger.crypto import Signer
from cets.node import devnet, ports
from cets.node.sequencer import SequencerConfig
from cets.node.server import Node, NodeConfig, prepare_dev


def free_port() -> int:
    """A free loopback port below the ephemeral range, so no client connection takes it first."""
    return ports.free_port()


def new_key(participant_id: str) -> keyfile.KeyFile:
    return keyfile.KeyFile(participant_id, pb.KEY_PURPOSE_TRANSACTIONS, Signer(Ed25519PrivateKey.generate()))


def new_uscc(province: str = "44") -> str:
    body = "91" + province + "0000" + "".join(secrets.choice("0123456789") for _ in range(9))
    return body + identity.uscc_check_char(body)


def founder(participant_id: str) -> TxBuilder:
    return TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(participant_id))


@dataclass
class RunningNode:
    node: Node
    data_dir: pathlib.Path
    target: str
    client: AsyncClient

    async def stop(self) -> None:
        await self.client.close()
        await self.node.stop()


async def start_node(data_dir: pathlib.Path, config: SequencerConfig | None = None) -> RunningNode:
    genesis = prepare_dev(data_dir)
    node = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis, sequencer=config or SequencerConfig()))
    await node.start()
    target = f"127.0.0.1:{node.port}"
    return RunningNode(node=node, data_dir=data_dir, target=target, client=AsyncClient(target, deadline_s=20.0))


@pytest.fixture
async def node(tmp_path):
    running = await start_node(tmp_path / "node")
    yield running
    await running.stop()


@pytest.fixture
def ministry() -> TxBuilder:
    return founder(identity.MINISTRY_ID)


@pytest.fixture
def registry() -> TxBuilder:
    return founder(identity.REGISTRY_ID)


@pytest.fixture
def guangdong() -> TxBuilder:
    return founder(identity.province_id("44"))


@pytest.fixture
def hubei() -> TxBuilder:
    return founder(identity.province_id("42"))


async def register_emitter(client: AsyncClient, province_builder: TxBuilder, province: str) -> TxBuilder:
    key = new_key(new_uscc(province))
    receipt = await client.submit(province_builder.register_participant(
        key.participant_id, pb.ROLE_KEY_EMITTER, "Test emitter", [key.spec()], province=province, sector="power"))
    assert receipt.code == pb.CODE_OK
    return TxBuilder(devnet.DEV_CHAIN_ID, key)


METHOD_VERSION = "2025-v1"  # the allocation method `TxBuilder.allocate` cites unless told otherwise


def publish_method_tx(ministry: TxBuilder, version: str = METHOD_VERSION, **options) -> pb.SignedTx:
    """The ministry publishes an allocation method version, which allocations must cite (art. 7)."""
    payload = pb.PublishAllocationMethod(version=version, document_sha256=hashlib.sha256(version.encode()).digest(),
                                         title=f"Allocation method {version}")
    return ministry.tx("publish_allocation_method", payload, **options)


async def publish_method(client: AsyncClient, ministry: TxBuilder, version: str = METHOD_VERSION) -> None:
    """Publish the method once per chain: a later call finds it published (METHOD_EXISTS) and is content."""
    try:
        receipt = await client.submit(publish_method_tx(ministry, version))
    except CetsError as error:
        assert error.reason == "METHOD_EXISTS", error
        return
    assert receipt.code == pb.CODE_OK


def list_emitter_tx(province_builder: TxBuilder, emitter_id: str, year: int, **options) -> pb.SignedTx:
    """The province lists its emitter from `year` on, forced on an estimate at the threshold (arts.
    5, 42): only listed emitters have obligations, and surrender."""
    payload = pb.ListEmitter(emitter_id=emitter_id, year=year, basis=pb.LISTING_BASIS_FORCED, estimated_tonnes=26_000, note="test listing")
    return province_builder.tx("list_emitter", payload, **options)


async def list_emitter(client: AsyncClient, province_builder: TxBuilder, emitter_id: str, year: int) -> None:
    receipt = await client.submit(list_emitter_tx(province_builder, emitter_id, year))
    assert receipt.code == pb.CODE_OK


async def fund_province(client: AsyncClient, ministry: TxBuilder, province: str, vintage: int, amount: int) -> None:
    """Cap, issue and distribute `amount` of `vintage` to a province's allocation account, and
    publish the allocation method that allocations from it cite."""
    from cets.clients.builder import cea

    await publish_method(client, ministry)
    supply = await client.supply(vintage)
    for tx in (ministry.set_cap(vintage, supply.issued + amount), ministry.issue(vintage, amount),
               ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id(province), cea(vintage), amount)):
        receipt = await client.submit(tx)
        assert receipt.code == pb.CODE_OK


# -- fault reports -------------------------------------------------------------------------------
# The fault tests report what they measured (transactions acknowledged, lost, convergence time);
# the lines are printed in the run's summary, so `make test` and CI show them without `-s`.
_REPORTS: list[str] = []


@pytest.fixture
def report(request):
    def add(line: str) -> None:
        _REPORTS.append(f"{request.node.name}: {line}")
        print(f"\nREPORT {line}")

    return add


def pytest_terminal_summary(terminalreporter):
    if _REPORTS:
        terminalreporter.section("fault reports")
        for line in _REPORTS:
            terminalreporter.write_line(line)


def read_state(running: RunningNode, function):
    """Read a running node's committed state (its LMDB store) directly."""
    from cets.ledger.state import State

    with running.node.store.reader() as reader:
        return function(State(reader))


async def submit_ok(client: AsyncClient, tx: pb.SignedTx) -> pb.Receipt:
    """Submit, and fail the test unless the transaction applied."""
    receipt = await client.submit(tx)
    assert receipt.code == pb.CODE_OK, receipt.detail
    return receipt
