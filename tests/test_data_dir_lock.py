"""One node per data directory, clean refusals of `cets node run`, and dev-cluster children that
die with their parent (the etcd data a killed run leaves behind is removed by the next start).

At the user's level: `cets node run --dev` and `cets audit verify --data` run as subprocesses on
loopback. A node holds an flock on DATA/LOCK for its lifetime: a second node on the directory
exits at once with one line naming it and the first node's pid, and changes nothing; an offline
audit refuses a directory a node is serving, and passes once the node has stopped. Every wait
is bounded, and every process a test starts is killed in the end.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from cets.clients.audit import AuditRefused, audit_data_dir
from cets.node import devnet, etcd_process
from cets.node.datadir import LOCK_FILE
from cets.node.server import Node, NodeConfig, prepare_dev
from tests.conftest import free_port
from tests.test_cli import STOP_TIMEOUT_S, cli_env, run_cets, start_node_process

REFUSAL_TIMEOUT_S = 20.0  # a refused `cets node run` exits long before this
GONE_TIMEOUT_S = 10.0
LINUX = sys.platform.startswith("linux")


def node_run(cwd: pathlib.Path, *args: str, timeout: float = REFUSAL_TIMEOUT_S) -> subprocess.CompletedProcess:
    """`cets node run ARGS` expected to exit by itself (subprocess.run kills it on the timeout)."""
    return subprocess.run([sys.executable, "-m", "cets.clients.cli", "node", "run", *args], cwd=cwd, env=cli_env(cwd / "none"),
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def assert_one_line_refusal(completed: subprocess.CompletedProcess, *says: str) -> None:
    assert completed.returncode == 1, (completed.returncode, completed.stdout, completed.stderr)
    assert "Traceback" not in completed.stderr, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    for text in says:
        assert text in lines[0], (text, lines[0])


def snapshot(data_dir: pathlib.Path) -> dict[str, tuple[int, str]]:
    """Every file but the LMDB environment (which the running node owns): mtime and content hash."""
    return {str(path.relative_to(data_dir)): (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(data_dir.rglob("*")) if path.is_file() and path.parent.name != "ledger"}


# -- one node per data directory -------------------------------------------------------------------
def test_a_second_node_on_the_same_data_dir_exits_with_one_line_and_the_first_keeps_serving(tmp_path):
    first = start_node_process(tmp_path / "first")
    try:
        data_dir = first.data_dir
        assert (data_dir / LOCK_FILE).read_text().strip() == str(first.process.pid)
        before = snapshot(data_dir)
        head_before = first.query_json("head")
        cwd = tmp_path / "second"
        cwd.mkdir()
        # with --dev (it would write the dev keys and genesis), and with the genesis stored in DATA
        for extra in (("--dev",), ()):
            port = free_port()
            started = time.monotonic()
            second = node_run(cwd, *extra, "--data", str(data_dir), "--listen", f"127.0.0.1:{port}")
            assert time.monotonic() - started < REFUSAL_TIMEOUT_S
            assert_one_line_refusal(second, str(data_dir), f"pid {first.process.pid}", "in use by another node")
            with socket.socket() as probe:  # the refused node never listened
                probe.bind(("127.0.0.1", port))
        assert snapshot(data_dir) == before, "the refused node must change nothing in the data directory"

        # the first node still serves, and still commits blocks
        assert first.process.poll() is None
        assert first.query_json("head") == head_before
        demo = first.cets("demo", "--target", first.target, "--json")
        assert demo.returncode == 0, (demo.stdout, demo.stderr)
        assert first.query_json("head")["height"] > head_before["height"]
        assert first.terminate() == 0, first.log_text()
        assert "commit_block" not in first.log_text()
    finally:
        first.kill()


def test_offline_audit_refuses_a_served_data_dir_and_passes_once_the_node_stops(tmp_path):
    node = start_node_process(tmp_path)
    try:
        demo = node.cets("demo", "--target", node.target, "--json")
        assert demo.returncode == 0, (demo.stdout, demo.stderr)
        head = node.query_json("head")

        refused = run_cets(tmp_path, "audit", "verify", "--data", str(node.data_dir))
        assert_one_line_refusal(refused, f"a node (pid {node.process.pid}) is running on {node.data_dir}",
                                "stop it, or audit it online with --target")
        assert "verified" not in refused.stdout, refused.stdout
        as_json = run_cets(tmp_path, "audit", "verify", "--data", str(node.data_dir), "--json")
        assert as_json.returncode == 1 and "Traceback" not in as_json.stderr, (as_json.stdout, as_json.stderr)
        assert json.loads(as_json.stdout)["error"]["reason"] == "AUDIT_REFUSED"
        assert node.process.poll() is None, "the refused audit must leave the node serving"

        started = time.monotonic()
        assert node.terminate() == 0, node.log_text()
        assert time.monotonic() - started < STOP_TIMEOUT_S
        assert (node.data_dir / LOCK_FILE).read_text() == "", "a stopped node leaves no pid behind"
        passed = run_cets(tmp_path, "audit", "verify", "--data", str(node.data_dir), "--json")
        assert passed.returncode == 0, (passed.stdout, passed.stderr)
        document = json.loads(passed.stdout)
        assert document["ok"] is True and (document["head_height"], document["head_hash"]) == (head["height"], head["hash"])
    finally:
        node.kill()

    # the audit released its shared lock: the directory serves again
    again = start_node_process(tmp_path / "again", node.data_dir)
    try:
        assert again.query_json("head") == head
        assert again.terminate() == 0, again.log_text()
    finally:
        again.kill()


@pytest.mark.parametrize("kind", ["missing", "empty", "a file", "ledger without a chain"])
def test_offline_audit_of_a_dir_with_no_chain_fails_before_any_counts(tmp_path, kind):
    data_dir = tmp_path / "data"
    if kind == "empty":
        data_dir.mkdir()
    elif kind == "a file":
        data_dir.write_bytes(b"not a directory")
    elif kind == "ledger without a chain":  # what a node refused for a bad genesis leaves behind
        refused = node_run(tmp_path, "--genesis", str(write(tmp_path / "empty.pb", b"")), "--data", str(data_dir),
                           "--listen", "127.0.0.1:0")
        assert refused.returncode == 1 and (data_dir / "ledger").is_dir(), refused.stderr
    completed = run_cets(tmp_path, "audit", "verify", "--data", str(data_dir))
    assert_one_line_refusal(completed, str(data_dir))
    assert "verified" not in completed.stdout and completed.stdout == "", completed.stdout
    assert any(text in completed.stderr for text in ("no such directory", "not a directory", "no chain here")), completed.stderr


# -- `cets node run` refusals without a traceback --------------------------------------------------
def write(path: pathlib.Path, content: bytes) -> pathlib.Path:
    path.write_bytes(content)
    return path


def _genesis(**changes) -> bytes:
    genesis = devnet.dev_genesis()
    for name, value in changes.items():
        setattr(genesis, name, value)
    return genesis.SerializeToString()


GENESES = {
    "garbage bytes": (b"\xff" * 64, "not a cets Genesis message"),
    "empty file": (b"", "chain_id missing"),
    "no chain id": (_genesis(chain_id=""), "chain_id missing"),
    "quorum zero": (_genesis(quorum=0), "quorum must be at least 1"),
}


@pytest.mark.parametrize("case", GENESES, ids=list(GENESES))
def test_node_run_refuses_a_bad_genesis_file_with_one_line(tmp_path, case):
    content, says = GENESES[case]
    genesis_file = write(tmp_path / "genesis.pb", content)
    completed = node_run(tmp_path, "--genesis", str(genesis_file), "--data", str(tmp_path / "data"), "--listen", "127.0.0.1:0")
    assert_one_line_refusal(completed, "genesis", says)
    with pytest.raises(AuditRefused, match="no chain here"):  # nothing was founded
        audit_data_dir(tmp_path / "data")


@pytest.mark.parametrize("source", ["--dev", "--genesis"])
def test_node_run_refuses_a_data_dir_under_a_file_with_one_line(tmp_path, source):
    genesis = ("--genesis", str(write(tmp_path / "genesis.pb", devnet.dev_genesis().SerializeToString())))
    completed = node_run(tmp_path, *(("--dev",) if source == "--dev" else genesis), "--data", "/dev/null/x", "--listen", "127.0.0.1:0")
    assert_one_line_refusal(completed, "/dev/null/x", "Not a directory")


# -- the lock in one process -----------------------------------------------------------------------
async def test_a_second_node_in_one_process_is_refused_and_closing_the_store_releases_the_dir(tmp_path):
    data_dir = tmp_path / "node"
    genesis = prepare_dev(data_dir)
    first = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis))
    try:
        with pytest.raises(SystemExit, match=f"in use by another node \\(pid {os.getpid()}\\)"):
            prepare_dev(data_dir)
        with pytest.raises(SystemExit, match="in use by another node"):
            Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis))
        with pytest.raises(AuditRefused, match="is running on"):
            audit_data_dir(data_dir)
    finally:
        first.store.close()
    assert audit_data_dir(data_dir).ok
    second = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=None))
    second.store.close()


async def test_a_node_that_fails_to_start_releases_its_data_dir(tmp_path):
    data_dir = tmp_path / "node"
    genesis = prepare_dev(data_dir)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        node = Node(NodeConfig(data_dir=data_dir, listen=f"127.0.0.1:{taken.getsockname()[1]}", genesis=genesis))
        with pytest.raises(SystemExit, match="cannot listen"):
            await node.start()
    again = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis))
    await again.start()
    await again.stop()
    assert audit_data_dir(data_dir).ok


def test_a_refused_genesis_releases_the_data_dir(tmp_path):
    data_dir = tmp_path / "node"
    with pytest.raises(SystemExit, match="not a cets Genesis message"):
        Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=b"\xff" * 64))
    node = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=prepare_dev(data_dir)))
    assert node.sequencer.tip.height == 0
    node.store.close()


# -- children die with their parent ----------------------------------------------------------------
PARENT = """
import pathlib, subprocess, sys, time
from cets.node.etcd_process import dying_with_parent

sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
armed = subprocess.Popen(dying_with_parent(sleeper))
unarmed = subprocess.Popen(sleeper)
out = pathlib.Path(sys.argv[1])
out.with_suffix(".tmp").write_text(f"{armed.pid} {unarmed.pid}")
out.with_suffix(".tmp").rename(out)
time.sleep(60)
"""

ETCD_PARENT = """
import json, pathlib, sys, time
from cets.node import etcd_process

members = etcd_process.start_cluster(["solo"])
out = pathlib.Path(sys.argv[1])
out.with_suffix(".tmp").write_text(json.dumps({"pid": members[0].process.pid, "base": str(members[0].data_dir.parent)}))
out.with_suffix(".tmp").rename(out)
time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie not yet reaped by its new parent is gone too
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def wait_for(predicate, timeout_s: float = GONE_TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def run_parent(tmp_path: pathlib.Path, script: str) -> tuple[subprocess.Popen, str]:
    """Start `script` as a parent process; return it and what it wrote once its children run."""
    out = tmp_path / "children"
    parent = subprocess.Popen([sys.executable, "-c", script, str(out)], cwd=tmp_path, env=cli_env(tmp_path),
                              stdin=subprocess.DEVNULL)
    if not wait_for(out.exists, timeout_s=20.0):
        parent.kill()
        parent.wait(STOP_TIMEOUT_S)
        pytest.fail(f"the parent did not start its children (exit {parent.poll()})")
    return parent, out.read_text()


def kill_pid(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_started_with_the_helper_dies_when_its_parent_is_killed(tmp_path):
    parent, written = run_parent(tmp_path, PARENT)
    armed, unarmed = (int(pid) for pid in written.split())
    try:
        assert alive(armed) and alive(unarmed)
        parent.send_signal(signal.SIGKILL)
        parent.wait(STOP_TIMEOUT_S)
        assert wait_for(lambda: not alive(armed)), "the child started with dying_with_parent outlived its parent"
        assert alive(unarmed), "a child started without it survives: the test tells the two apart"
    finally:
        parent.kill()
        parent.wait(STOP_TIMEOUT_S)
        kill_pid(armed)
        kill_pid(unarmed)


def test_the_helper_arms_only_from_the_main_thread_and_runs_the_command_itself(tmp_path):
    command = [sys.executable, "-c", "import os, sys; print(os.getpid(), sys.argv[1:])", "a b", "c"]
    found = []
    thread = threading.Thread(target=lambda: found.append(etcd_process.dying_with_parent(command)))
    thread.start()
    thread.join(5.0)
    assert found == [command]  # the signal would fire when that thread ends, not with the process
    wrapped = etcd_process.dying_with_parent(command)
    assert (wrapped != command) == LINUX and wrapped[-len(command):] == command
    process = subprocess.Popen(wrapped, stdout=subprocess.PIPE, text=True, env=cli_env(tmp_path))
    out, _ = process.communicate(timeout=STOP_TIMEOUT_S)
    assert process.returncode == 0 and out.split(" ", 1) == [str(process.pid), "['a b', 'c']\n"]  # exec'd in place


def test_stale_etcd_dirs_are_removed_only_when_no_live_process_holds_them(tmp_path):
    stale, live, foreign = (tmp_path / f"{etcd_process.BASE_PREFIX}{name}" for name in ("stale", "live", "foreign"))
    for base in (stale, live, foreign):
        (base / "m1").mkdir(parents=True)
    for base in (stale, live):
        (base / etcd_process.OWNER_FILE).write_text("1\n")
    (tmp_path / f"{etcd_process.BASE_PREFIX}link").symlink_to(stale)
    fd = os.open(live / etcd_process.OWNER_FILE, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], pass_fds=(fd,))  # like a member
    finally:
        os.close(fd)  # now only the holder process keeps `live` locked
    try:
        assert etcd_process.remove_stale_base_dirs(tmp_path) == [stale]
        assert not stale.exists() and live.is_dir() and foreign.is_dir()  # foreign: no owner file, not ours to judge
        holder.kill()
        holder.wait(STOP_TIMEOUT_S)
        assert etcd_process.remove_stale_base_dirs(tmp_path) == [live]
        assert foreign.is_dir()
    finally:
        holder.kill()
        holder.wait(STOP_TIMEOUT_S)


@pytest.mark.cluster
@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG is Linux's")
def test_an_etcd_member_dies_with_its_killed_parent_and_the_next_start_removes_its_data(tmp_path):
    try:
        etcd_process.etcd_binary()
    except RuntimeError as missing:
        pytest.skip(str(missing))
    parent, written = run_parent(tmp_path, ETCD_PARENT)
    started = json.loads(written)
    member, base = started["pid"], pathlib.Path(started["base"])
    try:
        assert alive(member) and (base / etcd_process.OWNER_FILE).is_file()
        assert base not in etcd_process.remove_stale_base_dirs(base.parent), "a live run's data is not stale"
        parent.send_signal(signal.SIGKILL)
        parent.wait(STOP_TIMEOUT_S)
        assert wait_for(lambda: not alive(member)), "the etcd member outlived its killed parent"
        assert wait_for(lambda: base in etcd_process.remove_stale_base_dirs(base.parent) or not base.exists())
        assert not base.exists()
    finally:
        parent.kill()
        parent.wait(STOP_TIMEOUT_S)
        kill_pid(member)
