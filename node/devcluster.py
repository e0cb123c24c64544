"""A local dev cluster: three etcd members and three institutional nodes (and an observer) on
loopback, each with its own data directory, dev keys and dev certificates (mutual TLS).

`cets cluster up --dev` runs it in the foreground; the cluster tests use `DevCluster` directly,
killing and restarting single processes with SIGKILL. On Linux every etcd member and node dies with
the process that started it, even when that one is killed with SIGKILL (PR_SET_PDEATHSIG, see
`etcd_process.dying_with_parent`); the etcd data it leaves on /dev/shm is removed by the next start.
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from cets.node import devnet, etcd_process, pki
from cets.node.peers import PeerClient, PeerError
from cets.node.ports import free_port

INSTITUTIONS = ("MEE", "REG", "EXCH")
START_TIMEOUT_S = 30.0


@dataclass
class NodeProcess:
    name: str  # the institution, or "observer"
    institution: str  # whose certificate it uses
    data_dir: pathlib.Path
    port: int
    etcd_endpoints: list[str]
    peers: list[str]
    observer: bool = False
    extra_args: list[str] = field(default_factory=list)
    process: subprocess.Popen | None = None
    log_path: pathlib.Path | None = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def command(self, pki_dir: pathlib.Path) -> list[str]:
        command = [sys.executable, "-m", "cets.clients.cli", "node", "run", "--cluster", "--data", str(self.data_dir),
                   "--listen", self.target, "--institution", self.institution, "--pki", str(pki_dir), "--json", "--log-level", "info"]
        if self.etcd_endpoints:
            command += ["--etcd", ",".join(self.etcd_endpoints)]
        if self.peers:
            command += ["--peers", ",".join(self.peers)]
        if self.observer:
            command.append("--observer")
        return command + self.extra_args


@dataclass
class DevCluster:
    base_dir: pathlib.Path
    with_observer: bool = True
    node_args: list[str] = field(default_factory=list)  # extra `cets node run` flags for every node
    members: list[etcd_process.EtcdMember] = field(default_factory=list)
    nodes: list[NodeProcess] = field(default_factory=list)

    @property
    def pki_dir(self) -> pathlib.Path:
        return self.base_dir / "pki"

    def layout(self) -> pki.PkiLayout:
        return pki.make_dev_pki(self.pki_dir)

    def etcd_tls(self) -> dict[str, etcd_process.EtcdTls]:
        layout = self.layout()
        return {name: etcd_process.EtcdTls(*pki.etcd_tls_files(layout, name)) for name in INSTITUTIONS}

    async def start(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        self.layout()
        tls = self.etcd_tls()
        # etcd data on tmpfs (/dev/shm) keeps start-up near a second; stop() removes it
        self.members = etcd_process.plan_cluster(INSTITUTIONS)
        for member in self.members:
            etcd_process.start_member(member, self.members, tls)
        await etcd_process.wait_healthy(self.members, tls[INSTITUTIONS[0]])
        endpoints = {m.name: m.endpoint for m in self.members}
        ports = {name: free_port() for name in (*INSTITUTIONS, "observer")}
        for name in INSTITUTIONS:
            own_first = [endpoints[name]] + [endpoints[n] for n in INSTITUTIONS if n != name]
            peers = [f"127.0.0.1:{ports[n]}" for n in INSTITUTIONS if n != name]
            self.nodes.append(NodeProcess(name, name, self.base_dir / name, ports[name], own_first, peers, extra_args=list(self.node_args)))
        if self.with_observer:  # an auditor's observer: it follows the nodes over gRPC, with no etcd access
            self.nodes.append(NodeProcess("observer", "REG", self.base_dir / "observer", ports["observer"],
                                          [], [f"127.0.0.1:{ports[n]}" for n in INSTITUTIONS], observer=True,
                                          extra_args=list(self.node_args)))
        for node in self.nodes:
            self.start_node(node)
        await self.wait_serving(self.nodes)
        self.write_description()

    async def add_observer(self, name: str, via_etcd: bool = True) -> NodeProcess:
        """A new observer joining a running chain: a read replica following etcd (it may have to
        fetch old blocks from peers), or, not `via_etcd`, an auditor's following the nodes."""
        peers = [n.target for n in self.nodes if not n.observer]
        endpoints = [m.endpoint for m in self.members] if via_etcd else []
        node = NodeProcess(name, "REG", self.base_dir / name, free_port(), endpoints, peers,
                           observer=True, extra_args=list(self.node_args))
        self.nodes.append(node)
        self.start_node(node)
        await self.wait_serving([node])
        return node

    def start_node(self, node: NodeProcess) -> None:
        from cets.node.server import prepare_dev

        prepare_dev(node.data_dir, devnet.DEV_CLUSTER_CHAIN_ID)
        node.log_path = self.base_dir / f"{node.name}.log"
        log = open(node.log_path, "ab")
        root = pathlib.Path(__file__).resolve().parent.parent
        # the node dies with this process, even a SIGKILLed one (on Linux, from the main thread)
        node.process = subprocess.Popen(etcd_process.dying_with_parent(node.command(self.pki_dir)), stdout=log,
                                        stderr=subprocess.STDOUT, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
        log.close()

    async def wait_serving(self, nodes: list[NodeProcess], timeout_s: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        for node in nodes:
            client = PeerClient(node.target, deadline_s=1.0, credentials=self.credentials())
            try:
                while True:
                    if node.process is not None and node.process.poll() is not None:
                        raise RuntimeError(f"node {node.name} exited with {node.process.returncode}; see {node.log_path}")
                    try:
                        await client.head()
                        break
                    except PeerError:
                        if time.monotonic() > deadline:
                            raise TimeoutError(f"node {node.name} does not serve on {node.target}; see {node.log_path}") from None
                        await asyncio.sleep(0.2)
            finally:
                await client.close()

    def credentials(self, institution: str = "REG"):
        return pki.channel_credentials(self.layout(), institution)

    def kill_node(self, node: NodeProcess) -> None:
        if node.process is not None and node.process.poll() is None:
            node.process.send_signal(signal.SIGKILL)
            node.process.wait(10)

    def kill_member(self, name: str) -> None:
        etcd_process.kill(self.member(name))

    def member(self, name: str) -> etcd_process.EtcdMember:
        return next(m for m in self.members if m.name == name)

    def restart_member(self, name: str) -> None:
        etcd_process.start_member(self.member(name), self.members, self.etcd_tls())

    def node(self, name: str) -> NodeProcess:
        return next(n for n in self.nodes if n.name == name)

    def write_description(self) -> None:
        description = {
            "etcd_data": str(self.members[0].data_dir.parent),
            "chain_id": devnet.DEV_CLUSTER_CHAIN_ID,
            "pki": str(self.pki_dir),
            "nodes": {n.name: n.target for n in self.nodes},
            "etcd": {m.name: m.endpoint for m in self.members},
        }
        (self.base_dir / "cluster.json").write_text(json.dumps(description, indent=2) + "\n")

    def stop(self) -> None:
        """SIGKILL everything: a graceful etcd stop takes seconds, and the ledger survives a kill."""
        for node in self.nodes:
            self.kill_node(node)
        etcd_process.stop_cluster(self.members)


async def run_dev_cluster(base_dir: pathlib.Path, json_output: bool = False) -> None:
    """`cets cluster up --dev`: start a fresh cluster, say how to reach it, run until SIGINT or
    SIGTERM. Each run starts from the genesis: members get new ports, which a kept etcd data
    directory would not accept."""
    if base_dir.exists():
        shutil.rmtree(base_dir)
    cluster = DevCluster(base_dir)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await cluster.start()
        if json_output:
            print((base_dir / "cluster.json").read_text(), flush=True)
            await stop.wait()
            return
        print(f"dev cluster up (chain {devnet.DEV_CLUSTER_CHAIN_ID}, quorum 2 of 3), described in {base_dir / 'cluster.json'}")
        for node in cluster.nodes:
            print(f"  {node.name:9} {node.target}   data {node.data_dir}   log {node.log_path}")
        for member in cluster.members:
            print(f"  etcd {member.name:4} {member.endpoint}")
        print(f"clients use mutual TLS: add --tls-dir {cluster.pki_dir} [--tls-as REG], e.g.")
        print(f"  cets demo --target {cluster.nodes[0].target} --tls-dir {cluster.pki_dir}")
        print("Ctrl-C stops the cluster.", flush=True)
        await stop.wait()
    finally:
        cluster.stop()
