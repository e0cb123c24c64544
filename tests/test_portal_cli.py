"""`cets node run --dev --public HOST:PORT`, as `make run` starts it: a process serving gRPC and the
public portal, stopped by SIGTERM with exit 0; a portal address that is taken or malformed is
refused with one line, before the node serves anything."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.conftest import free_port
from tests.test_cli import cli_env

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0


def cets_node(tmp_path, *arguments: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "cets.clients.cli", "node", "run", "--dev", "--data", str(tmp_path / "data"), *arguments]
    return subprocess.Popen(command, cwd=tmp_path, env=cli_env(tmp_path / "data"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)


def home_page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return None


def test_node_run_dev_with_public_serves_the_portal_and_stops_on_sigterm(tmp_path):
    port = free_port()
    process = cets_node(tmp_path, "--listen", f"127.0.0.1:{free_port()}", "--public", f"127.0.0.1:{port}")
    try:
        deadline, page = time.monotonic() + START_TIMEOUT_S, None
        while page is None and time.monotonic() < deadline and process.poll() is None:
            page = home_page(f"http://127.0.0.1:{port}/")
            if page is None:
                time.sleep(0.1)
        assert page is not None and "cets-dev-1" in page, "the portal never answered"
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=STOP_TIMEOUT_S)
        assert process.returncode == 0, output.decode()
        assert f"http://127.0.0.1:{port}/" in output.decode()  # the log says where the portal is
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_public_address_in_use_is_refused_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = cets_node(tmp_path, "--listen", f"127.0.0.1:{free_port()}", "--public", f"127.0.0.1:{taken.getsockname()[1]}")
        output, _ = process.communicate(timeout=STOP_TIMEOUT_S)
    assert process.returncode != 0 and "--public" in output.decode() and "cannot listen" in output.decode()
    assert "Traceback" not in output.decode()


def test_a_malformed_public_address_is_a_usage_error(tmp_path):
    process = cets_node(tmp_path, "--public", "nowhere")
    output, _ = process.communicate(timeout=STOP_TIMEOUT_S)
    assert process.returncode == 2 and "--public" in output.decode()
