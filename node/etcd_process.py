"""Start and stop real etcd members on loopback: for tests and for ``cets cluster up --dev``.

Members listen on 127.0.0.1 only, on free ports (never 2379/2380), with their data on a tmpfs when
one exists (``/dev/shm``) and short Raft timings, so a 3-member cluster is up in about a second.
They are always stopped with SIGKILL: a graceful stop of etcd takes 7-9 s, and Raft plus the
write-ahead log are exactly what survive a kill -9. On Linux they also die with the process that
started them (PR_SET_PDEATHSIG), so a killed test run or ``cets cluster up`` leaves no orphans; the
data directories such a run leaves behind are removed by the next `plan_cluster`.

Production runs a current etcd release, one member per institution, over mutual TLS; this module
is the development and test harness only.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pathlib
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cets.node.ports import free_ports

INSTALL_HINT = ("etcd is not installed: install the Debian package etcd-server "
                "(`apt-get install etcd-server`, which `make setup` does)")
MAX_REQUEST_BYTES = 1_572_864  # etcd's default, explicit: 1.5 MiB per request (one block per txn)
QUOTA_BACKEND_BYTES = 2_147_483_648
HEARTBEAT_MS = 50
ELECTION_MS = 500
SNAPSHOT_COUNT = 2000
CLUSTER_TOKEN = "cets-dev"

BASE_PREFIX = "cets-etcd-"
OWNER_FILE = ".owner"  # in a base dir this module made: flocked while its maker or a member lives
_OWNED_DIRS: dict[pathlib.Path, int] = {}  # base dirs this module created -> their owner file's fd; stop_cluster removes them
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass
class EtcdMember:
    name: str
    client_port: int
    peer_port: int
    data_dir: pathlib.Path
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.client_port}"

    @property
    def log_file(self) -> pathlib.Path:
        return self.data_dir.parent / f"{self.name}.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass(frozen=True)
class EtcdTls:
    """Mutual TLS files (PEM). ``None`` wherever a ``tls`` argument is taken means plain TCP."""

    ca_file: pathlib.Path
    cert_file: pathlib.Path
    key_file: pathlib.Path


def etcd_binary() -> str:
    found = shutil.which("etcd")
    if found:
        return found
    if os.access("/usr/bin/etcd", os.X_OK):
        return "/usr/bin/etcd"
    raise RuntimeError(INSTALL_HINT)


def _free_ports(count: int) -> list[int]:
    """`count` distinct free TCP ports on 127.0.0.1, below the ephemeral range (node/ports.py)."""
    return free_ports(count)


# Run by `sys.executable -I -S` before the real command: arm PR_SET_PDEATHSIG, then exec it (same pid).
_ARM_AND_EXEC = """
import os, sys
try:
    import ctypes
    armed = ctypes.CDLL(None, use_errno=True).prctl(%d, ctypes.c_ulong(%d)) == 0
except Exception:
    armed = False  # run the command all the same, as it would run elsewhere than on Linux
if armed and os.getppid() != int(sys.argv[1]):
    os._exit(1)  # the parent died before the signal was armed
os.execvp(sys.argv[2], sys.argv[2:])
""" % (PR_SET_PDEATHSIG, int(signal.SIGKILL))


def dying_with_parent(command: Sequence[str]) -> list[str]:
    """`command`, made to die with this process however it dies, even by kill -9: on Linux the
    kernel SIGKILLs it when its parent goes (PR_SET_PDEATHSIG). Elsewhere `command` unchanged.

    A small exec wrapper arms the signal, not a Popen preexec_fn: that makes Python fork() rather
    than vfork(), and a process running gRPC must not fork (its fork handlers abort the child).
    The kernel fires the signal when the *thread* that started the child exits, so it is armed
    only from the main thread, whose end is the process's; from any other thread the command
    comes back unchanged, and the child may outlive its parent as it would elsewhere.
    """
    command = [str(part) for part in command]
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return command
    return [sys.executable, "-I", "-S", "-c", _ARM_AND_EXEC, str(os.getpid()), *command]


def _fresh_base_dir() -> pathlib.Path:
    shm = pathlib.Path("/dev/shm")
    parent = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    remove_stale_base_dirs(pathlib.Path(parent or tempfile.gettempdir()))
    base = pathlib.Path(tempfile.mkdtemp(prefix=BASE_PREFIX, dir=parent))
    # Flock the owner file before it takes its name, so a sweep never sees it unheld.
    fd = os.open(base / f"{OWNER_FILE}.new", os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.rename(base / f"{OWNER_FILE}.new", base / OWNER_FILE)
    except BaseException:
        os.close(fd)
        shutil.rmtree(base, ignore_errors=True)
        raise
    _OWNED_DIRS[base] = fd
    return base


def remove_stale_base_dirs(parent: pathlib.Path) -> list[pathlib.Path]:
    """Remove the base dirs under `parent` that no live process owns: left by a run killed before
    `stop_cluster` (kill -9). The owner file is flocked by the process that made the dir and, passed
    down, by every member it started; the lock is free once all of them are gone. Dirs without
    an owner file (older runs, other programs) are left alone. Returns the dirs removed."""
    removed = []
    for base in parent.glob(f"{BASE_PREFIX}*"):
        try:
            status = os.lstat(base)
            if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
                continue  # a link, or someone else's: never followed, never removed
            fd = os.open(base / OWNER_FILE, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # held: its owner or one of its members is alive
        else:
            shutil.rmtree(base, ignore_errors=True)
            removed.append(base)
        finally:
            os.close(fd)
    return removed


def plan_cluster(names: Sequence[str], base_dir: pathlib.Path | None = None) -> list[EtcdMember]:
    """Members named `names` on free loopback ports, with data dirs ``base_dir/<name>``.

    `base_dir` None makes a fresh directory on the tmpfs ``/dev/shm`` (or the default temp dir),
    which `stop_cluster` removes.
    """
    if not names or len(set(names)) != len(names):
        raise ValueError(f"member names must be distinct and non-empty: {list(names)}")
    base = _fresh_base_dir() if base_dir is None else pathlib.Path(base_dir)
    base.mkdir(parents=True, exist_ok=True)
    ports = _free_ports(2 * len(names))
    return [EtcdMember(name=name, client_port=ports[2 * i], peer_port=ports[2 * i + 1], data_dir=base / name)
            for i, name in enumerate(names)]


def _scheme(tls: Mapping[str, EtcdTls] | None) -> str:
    return "https" if tls else "http"


def member_command(member: EtcdMember, cluster: Sequence[EtcdMember], tls: Mapping[str, EtcdTls] | None = None,
                   initial_state: str = "new") -> list[str]:
    """The etcd command line of `member` in `cluster` (exposed for docs and docker-compose checks)."""
    scheme = _scheme(tls)
    if (member.data_dir / "member").is_dir():
        initial_state = "existing"  # a restart: etcd reuses the member in its data dir
    client_url = f"{scheme}://127.0.0.1:{member.client_port}"
    peer_url = f"{scheme}://127.0.0.1:{member.peer_port}"
    initial_cluster = ",".join(f"{m.name}={scheme}://127.0.0.1:{m.peer_port}" for m in cluster)
    command = [
        etcd_binary(),
        "--name", member.name,
        "--data-dir", str(member.data_dir),
        "--listen-client-urls", client_url,
        "--advertise-client-urls", client_url,
        "--listen-peer-urls", peer_url,
        "--initial-advertise-peer-urls", peer_url,
        "--initial-cluster", initial_cluster,
        "--initial-cluster-token", CLUSTER_TOKEN,
        "--initial-cluster-state", initial_state,
        "--heartbeat-interval", str(HEARTBEAT_MS),
        "--election-timeout", str(ELECTION_MS),
        "--snapshot-count", str(SNAPSHOT_COUNT),
        "--quota-backend-bytes", str(QUOTA_BACKEND_BYTES),
        "--max-request-bytes", str(MAX_REQUEST_BYTES),
        "--logger", "zap",
        "--log-level", "error",
    ]
    if tls:
        own = tls[member.name]
        command += [
            "--client-cert-auth", "--trusted-ca-file", str(own.ca_file),
            "--cert-file", str(own.cert_file), "--key-file", str(own.key_file),
            "--peer-client-cert-auth", "--peer-trusted-ca-file", str(own.ca_file),
            "--peer-cert-file", str(own.cert_file), "--peer-key-file", str(own.key_file),
        ]
    return command


def start_member(member: EtcdMember, cluster: Sequence[EtcdMember], tls: Mapping[str, EtcdTls] | None = None,
                 initial_state: str = "new", *, die_with_parent: bool = True) -> None:
    """Start `member` (a no-op if it is already running); its log goes to ``<base>/<name>.log``.

    `tls` maps member name -> that member's files (server, peer and CA). `die_with_parent` (the
    default) has the kernel SIGKILL the member when this process dies, even by kill -9 (see
    `dying_with_parent`: on Linux, when started from the main thread), so no member outlives a
    killed test run or dev cluster.
    """
    if member.running:
        return
    if tls is not None and member.name not in tls:
        raise ValueError(f"no TLS files for member {member.name}")
    command = member_command(member, cluster, tls, initial_state)
    if die_with_parent:
        command = dying_with_parent(command)
    member.data_dir.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ETCD")}  # flags only, no stray ETCD_* config
    owner = _OWNED_DIRS.get(member.data_dir.parent)  # the member holds its base dir's owner lock too
    with open(member.log_file, "ab") as log:
        member.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                          env=env, close_fds=True, pass_fds=() if owner is None else (owner,))


def _client_tls(member: EtcdMember, tls: EtcdTls | Mapping[str, EtcdTls] | None) -> EtcdTls | None:
    if tls is None or isinstance(tls, EtcdTls):
        return tls
    return tls[member.name]


async def _member_ready(member: EtcdMember, tls: EtcdTls | None, timeout_s: float) -> str | None:
    """None if `member` serves a linearizable read and knows a leader; else why not."""
    from etcd3aio import Etcd3Client

    if member.process is not None and member.process.poll() is not None:
        return f"exited with code {member.process.returncode} (see {member.log_file})"
    kwargs: dict = {}
    if tls is not None:
        kwargs = dict(ca_cert=tls.ca_file.read_bytes(), cert_chain=tls.cert_file.read_bytes(),
                      cert_key=tls.key_file.read_bytes(), tls_server_name="localhost")
    client = Etcd3Client([member.endpoint], rpc_max_attempts=1, **kwargs)
    await client.connect()
    try:
        status = await client.maintenance.status(timeout=timeout_s, max_attempts=1)
        if status.leader == 0:
            return "no leader yet"
        await client.kv.get("/cets-health", timeout=timeout_s, max_attempts=1)  # linearizable: needs a quorum
        return None
    except Exception as error:  # noqa: BLE001 - any failure means "not yet"
        return f"{type(error).__name__}: {error}"
    finally:
        await client.close()


async def wait_healthy(members: Sequence[EtcdMember], tls: EtcdTls | Mapping[str, EtcdTls] | None = None,
                       timeout_s: float = 15.0) -> None:
    """Wait until every member answers a status with a leader and a linearizable read.

    `tls` is the client certificate to present (an EtcdTls), or the start_member mapping, in which
    case each member is asked with its own certificate. Raises TimeoutError naming who is not up.
    """
    deadline = time.monotonic() + timeout_s
    pending = {m.name: m for m in members}
    reasons: dict[str, str] = {}
    while True:
        for name, member in list(pending.items()):
            remaining = deadline - time.monotonic()
            reason = await _member_ready(member, _client_tls(member, tls), max(0.2, min(1.0, remaining)))
            if reason is None:
                del pending[name]
            else:
                reasons[name] = reason
                if member.process is not None and member.process.poll() is not None:
                    raise RuntimeError(f"etcd member {name} {reason}")
        if not pending:
            return
        if time.monotonic() >= deadline:
            detail = "; ".join(f"{name} at {pending[name].endpoint}: {reasons.get(name, '?')}" for name in pending)
            raise TimeoutError(f"etcd members not healthy after {timeout_s:.1f} s: {detail}")
        await asyncio.sleep(0.05)


def start_cluster(names: Sequence[str], base_dir: pathlib.Path | None = None,
                  tls: Mapping[str, EtcdTls] | None = None, *, die_with_parent: bool = True) -> list[EtcdMember]:
    """Plan and start every member (the caller then awaits `wait_healthy`)."""
    members = plan_cluster(names, base_dir)
    try:
        for member in members:
            start_member(member, members, tls, die_with_parent=die_with_parent)
    except BaseException:
        stop_cluster(members)
        raise
    return members


def kill(member: EtcdMember, timeout_s: float = 5.0) -> None:
    """SIGKILL `member` and reap it (a no-op if it is not running)."""
    process = member.process
    if process is None:
        return
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout_s)


def stop_cluster(members: Sequence[EtcdMember]) -> None:
    """SIGKILL every member; remove the base directory if `plan_cluster` created it."""
    for member in members:
        kill(member)
    for base in {m.data_dir.parent for m in members}:
        if base in _OWNED_DIRS:
            shutil.rmtree(base, ignore_errors=True)
            os.close(_OWNED_DIRS.pop(base))
