"""A solo node: open (or found) the chain in a data directory and serve it over gRPC."""

from __future__ import annotations

import asyncio
import contextlib
import pathlib
import signal
from dataclasses import dataclass, field

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from cets.v1 import messages as pb
from cets.ledger import crypto
from cets.ledger.errors import ChainError
from cets.ledger.genesis import genesis_writes
from cets.ledger.state import State
from cets.ledger.store import LmdbStore, StoreError
from cets.node import devnet, reflection
from cets.node.datadir import DataDirLock, lock_data_dir
from cets.node.interceptor import Edge
from cets.node.keyring import NodeKeyring
from cets.node.sequencer import Sequencer, SequencerConfig
from cets.node.services import SERVICES

log = structlog.get_logger("cets.node")

MESSAGE_BYTES_MAX = 32 * 1024 * 1024
GRACE_S = 5.0  # how long a stop waits for the calls in flight before ending them with NODE_STOPPING
SERVER_STOP_S = 1.0  # then, how long grpc gets to send what is left


@dataclass
class ClusterSettings:
    """How a node joins a cluster: its etcd endpoints (its own member first), peers, TLS."""

    etcd_endpoints: list[str]
    peers: list[str] = field(default_factory=list)
    observer: bool = False
    advertise: str = ""  # HOST:PORT peers reach this node at; default: the listen address
    prune_keep_blocks: int = 1_000
    prune_every_blocks: int = 500
    prune_lag_max_blocks: int = 20_000


@dataclass
class NodeConfig:
    data_dir: pathlib.Path
    listen: str = "127.0.0.1:7545"
    genesis: bytes | None = None  # None: the stored one, or the embedded dev genesis
    node_participant: str = "REG"  # the institution running the node (its node key signs headers)
    sequencer: SequencerConfig = field(default_factory=SequencerConfig)
    cluster: ClusterSettings | None = None  # None: solo
    pki_dir: pathlib.Path | None = None  # mutual TLS with the institution's certificates (node/pki.py)
    public: str | None = None  # HOST:PORT of the read-only public portal over HTTP (node/portal/); None: none
    exchange_key: pathlib.Path | None = None  # the exchange's transactions key for the engine; None: DATA/keys (node/exchange_runner.py)


class NodeStore(LmdbStore):
    """The store of a node: it holds the data directory's lock until it is closed."""

    def __init__(self, data_dir: pathlib.Path, lock: DataDirLock) -> None:
        self.lock = lock
        super().__init__(data_dir / "ledger")

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.lock.release()


def founding_writes(genesis_bytes: bytes) -> dict[bytes, bytes | None]:
    """The state at height 0 of `genesis_bytes`; SystemExit saying what is wrong with it."""
    try:
        genesis = pb.Genesis.FromString(genesis_bytes)
    except Exception as error:  # noqa: BLE001 - protobuf's DecodeError, or worse: not a genesis either way
        raise SystemExit(f"the genesis is not a cets Genesis message ({len(genesis_bytes)} bytes: {error})") from None
    try:
        return genesis_writes(genesis)
    except ChainError as error:
        raise SystemExit(f"the genesis cannot found a chain: {error.what.removeprefix('genesis: ')}") from None
    except Exception as error:  # noqa: BLE001 - an input file, checked by the ledger: any failure refuses it
        raise SystemExit(f"the genesis cannot found a chain: {type(error).__name__}: {error}") from None


def open_chain(data_dir: pathlib.Path, genesis_bytes: bytes | None) -> LmdbStore:
    """Lock the data directory and open the store; found the chain from `genesis_bytes` on first
    start, refuse another genesis after. The store holds the lock until it is closed."""
    lock = lock_data_dir(data_dir)
    try:
        store = NodeStore(data_dir, lock)
    except StoreError as error:
        lock.release()
        raise SystemExit(f"{data_dir}: cannot open its ledger: {error}") from None
    try:
        stored = store.genesis()
        if stored is None:
            if genesis_bytes is None:
                raise SystemExit(f"{data_dir}: no chain here and no genesis given")
            writes = founding_writes(genesis_bytes)
            try:
                store.init_genesis(genesis_bytes, crypto.genesis_hash(genesis_bytes), writes)
            except StoreError as error:
                raise SystemExit(f"the genesis cannot found a chain: {error}") from None
        elif genesis_bytes is not None and stored != genesis_bytes:
            raise SystemExit(f"{data_dir}: holds a chain of another genesis ({crypto.genesis_hash(stored).hex()[:16]})")
    except BaseException:
        store.close()
        raise
    return store


def prepare_dev(data_dir: pathlib.Path, chain_id: str = devnet.DEV_CHAIN_ID) -> bytes:
    """The dev genesis and its keys under data_dir/keys (public dev keys: development only).

    Refuses (SystemExit) a directory a node is serving, before writing anything into it."""
    lock = lock_data_dir(data_dir, record_pid=False)
    try:
        devnet.write_dev_keys(data_dir / "keys")
        genesis_bytes = devnet.dev_genesis(chain_id).SerializeToString()
        (data_dir / "genesis.pb").write_bytes(genesis_bytes)
    except OSError as error:
        raise SystemExit(f"{data_dir}: cannot write the dev keys and genesis: {error.strerror or error}") from None
    finally:
        lock.release()
    return genesis_bytes


class Node:
    def __init__(self, config: NodeConfig) -> None:
        self.config = config
        self.store = open_chain(config.data_dir, config.genesis)  # holds the data directory's lock
        self.ordering = None
        try:
            observer = config.cluster is not None and config.cluster.observer
            keyring = None if observer else self._keyring()
            if config.cluster is None:
                self.sequencer = Sequencer(self.store, keyring, config.sequencer)
            else:
                self.sequencer = self._cluster_sequencer(keyring)
        except BaseException:
            self.store.close()
            raise
        self.health = health.aio.HealthServicer()
        self.edge = Edge(self._participant)  # the one interceptor: errors, unparsable requests, callers, drain
        self.server: grpc.aio.Server | None = None
        self.accepting = False  # the server takes calls (refusing them while draining); False once it stops
        self.port = 0
        self.portal = None  # the public portal (node/portal/), with --public
        self.exchange = None  # the exchange's engine runner (node/exchange_runner.py), in the exchange institution's node

    def _participant(self, participant_id: str) -> pb.Participant | None:
        """The committed participant record, for the interceptor's check of participant certificates."""
        with self.store.reader() as reader:
            return State(reader).participant(participant_id)

    def _keyring(self) -> NodeKeyring:
        try:
            return NodeKeyring.load(self.config.data_dir / "keys", self.config.node_participant)
        except (OSError, ValueError, KeyError) as error:
            self.store.close()
            raise SystemExit(f"cannot load the node keys of {self.config.node_participant}: {error}") from None

    def _cluster_sequencer(self, keyring):
        from cets.node.cluster import ClusterConfig, ClusterSequencer
        from cets.node.ordering import EtcdOrdering

        settings = self.config.cluster
        etcd_tls = peer_credentials = None
        if self.config.pki_dir is not None:
            from cets.node import pki
            from cets.node.etcd_process import EtcdTls

            layout = pki.PkiLayout.open(self.config.pki_dir, self.config.node_participant)
            etcd_tls = EtcdTls(*pki.etcd_tls_files(layout, self.config.node_participant))
            peer_credentials = pki.channel_credentials(layout, self.config.node_participant, role="node")
        with self.store.reader() as reader:
            from cets.ledger.state import State

            chain_id = State(reader).chain_id()
        # An observer given no etcd follows its peers over gRPC (node/cluster.py).
        self.ordering = EtcdOrdering(settings.etcd_endpoints, chain_id, tls=etcd_tls) if settings.etcd_endpoints else None
        cluster = ClusterConfig(peers=settings.peers, peer_credentials=peer_credentials, prune_keep_blocks=settings.prune_keep_blocks,
                                prune_every_blocks=settings.prune_every_blocks, prune_lag_max_blocks=settings.prune_lag_max_blocks)
        return ClusterSequencer(self.store, keyring, self.ordering, self.config.sequencer, cluster)

    def _advertise(self) -> None:
        """Tell the cluster where to forward transactions while this node is the proposer."""
        host = self.config.listen.rsplit(":", 1)[0]
        advertise = self.config.cluster.advertise or ("" if host in ("0.0.0.0", "[::]", "") else f"{host}:{self.port}")
        self.sequencer.advertise(advertise)

    def _listen(self) -> int:
        if self.config.pki_dir is None:
            return self.server.add_insecure_port(self.config.listen)
        from cets.node import pki

        credentials = pki.server_credentials(pki.PkiLayout(self.config.pki_dir), self.config.node_participant)
        return self.server.add_secure_port(self.config.listen, credentials)

    async def start(self) -> None:
        """Serve; if that fails, undo what was begun and release the data directory, then raise."""
        try:
            await self._start()
        except BaseException:
            await self._abandon()
            raise

    async def _abandon(self) -> None:
        if self.exchange is not None:
            with contextlib.suppress(Exception):
                await self.exchange.stop()
        if self.portal is not None:
            with contextlib.suppress(Exception):
                await self.portal.stop()
        if self.server is not None:
            with contextlib.suppress(Exception):
                await self.server.stop(None)
        with contextlib.suppress(Exception):
            await self.sequencer.stop()
        if self.ordering is not None:
            with contextlib.suppress(Exception):
                await self.ordering.close()
        self.store.close()

    async def _start(self) -> None:
        options = [
            ("grpc.max_receive_message_length", MESSAGE_BYTES_MAX),
            ("grpc.max_send_message_length", MESSAGE_BYTES_MAX),
            ("grpc.keepalive_time_ms", 30_000),
            # Clients ping every 30 s (clients/sdk.py); a stream that waits for blocks sends no data
            # meanwhile, and the default 5 min minimum would answer those pings with GOAWAY.
            ("grpc.http2.min_recv_ping_interval_without_data_ms", 20_000),
            ("grpc.so_reuseport", 0),
        ]
        self.server = grpc.aio.server(options=options, interceptors=[self.edge])
        for service in SERVICES:
            service.register(self.server, self.store, self.sequencer)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        names = [service.full_name for service in SERVICES]
        reflection.enable(self.server, names + [health.SERVICE_NAME])
        try:
            self.port = self._listen()
        except RuntimeError:
            self.port = 0
        if self.port == 0:
            raise SystemExit(f"cannot listen on {self.config.listen} (in use, or not an address of this machine)")
        if self.ordering is not None:
            await self.ordering.connect()
            self._advertise()
        self.sequencer.start()
        if self.sequencer.production_task is not None:
            self.sequencer.production_task.add_done_callback(self._on_sequencer_done)
        await self.server.start()
        self.accepting = True
        self._start_exchange()
        for name in names + [""]:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        if self.config.public is not None:
            from cets.node.portal import Portal

            self.portal = Portal(self.store, self.config.public)
            await self.portal.start()
        host = self.config.listen.rsplit(":", 1)[0]
        log.info("node serving", target=f"{host}:{self.port}", chain_id=self.sequencer.chain_id, height=self.sequencer.tip.height, data=str(self.config.data_dir))

    def _start_exchange(self) -> None:
        """Run the exchange's engine here when this node holds the exchange's transactions key: the
        solo dev node, the exchange institution's node of a cluster, or `--exchange-key FILE`."""
        from cets.node.exchange_runner import ExchangeRunner, exchange_key

        cluster = self.config.cluster
        if cluster is not None and cluster.observer:
            return
        try:
            key = exchange_key(self.config.data_dir, self.config.exchange_key, self.config.node_participant, cluster is not None)
        except (OSError, ValueError, KeyError) as error:
            raise SystemExit(f"cannot load the exchange key {self.config.exchange_key}: {error}") from None
        if key is None:
            return
        core = getattr(self.sequencer, "core", self.sequencer)
        self.exchange = ExchangeRunner(self.sequencer, self.store, key, clock=lambda: core.clock())
        self.exchange.start()
        log.info("exchange engine running", participant=key.participant_id)

    def _on_sequencer_done(self, task: asyncio.Task) -> None:
        """Block production ended on its own (a failed commit): say so to load balancers."""
        if not task.cancelled() and task.exception() is not None:
            log.error("block production stopped; serving queries only", error=repr(task.exception()))
            asyncio.get_running_loop().create_task(self.health.enter_graceful_shutdown())

    async def stop(self) -> None:
        """Drain, with a reason for every refusal: health NOT_SERVING; new calls refused with
        UNAVAILABLE NODE_STOPPING (streams too, at their next step) while the server still
        accepts them; the admitted transactions' blocks finished, so a submission in flight gets
        its receipt (or NODE_STOPPING if it was still being admitted); the calls left after
        GRACE_S ended with NODE_STOPPING; only then the server stops. Last, close the store
        (which releases the data directory). The public portal stops first: it only reads."""
        if self.portal is not None:
            await self.portal.stop()
        if self.exchange is not None:
            await self.exchange.stop()
        await self.health.enter_graceful_shutdown()
        self.edge.begin_drain()
        await self.sequencer.stop()
        if self.server is not None:
            await self.edge.drain(GRACE_S)
            self.accepting = False
            await self.server.stop(SERVER_STOP_S)
        if self.ordering is not None:
            await self.ordering.close()
        self.store.close()
        log.info("node stopped", height=self.sequencer.tip.height, **getattr(self.sequencer, "counters", {}))

    async def run_until_signalled(self) -> None:
        await self.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await self.stop()
