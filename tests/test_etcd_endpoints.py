"""etcd endpoints as `cets node run --cluster --etcd` names them: host and port, ASCII digits only.

`str.isdigit` takes "²" (which `int` then refuses) and other scripts' digits, which `int` reads:
"localhost:٢٣٧٩" used to connect to port 2379. These tests need no etcd: a refused endpoint stops
the node before it connects to anything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cets.node.ordering import _split_host_port
from tests.conftest import free_port
from tests.test_cli import COMMAND_TIMEOUT_S, cli_env


@pytest.mark.parametrize("endpoint, expected", [
    ("127.0.0.1:2379", ("127.0.0.1", 2379)),
    ("https://etcd-mee:2379/", ("etcd-mee", 2379)),
    ("http://localhost:1", ("localhost", 1)),
    ("[::1]:65535", ("::1", 65535)),
])
def test_an_endpoint_is_a_host_and_a_port(endpoint, expected):
    assert _split_host_port(endpoint) == expected


@pytest.mark.parametrize("endpoint", [
    "etcd-mee:²", "localhost:٢٣٧٩", "localhost:２３７９", "[::1]:२३७९", "localhost:+2379", "localhost: 2379",
    "localhost:", "localhost", ":2379", "localhost:0", "localhost:65536",
])
def test_a_port_in_other_digits_than_ascii_or_out_of_range_is_refused(endpoint):
    with pytest.raises(ValueError, match="host:port with a port 1..65535"):
        _split_host_port(endpoint)


def test_a_node_given_such_an_endpoint_stops_with_an_error_and_connects_nowhere(tmp_path):
    command = [sys.executable, "-m", "cets.clients.cli", "node", "run", "--dev", "--cluster", "--etcd", "localhost:٢٣٧٩",
               "--data", str(tmp_path / "data"), "--listen", f"127.0.0.1:{free_port()}", "--json"]
    completed = subprocess.run(command, cwd=tmp_path, env=cli_env(tmp_path / "data"), capture_output=True, text=True,
                               timeout=COMMAND_TIMEOUT_S)
    assert completed.returncode == 1, (completed.stdout, completed.stderr)
    error = json.loads(completed.stdout)["error"]
    assert error["reason"] == "INVALID_ARGUMENT" and "localhost:٢٣٧٩" in error["message"]
