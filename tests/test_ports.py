"""Local clusters and tests take their ports below the kernel's ephemeral range (node/ports.py),
so that no outgoing connection can take a chosen port before its process listens on it."""

from __future__ import annotations

import socket

from cets.node import ports


def test_ports_are_distinct_free_and_below_the_ephemeral_range():
    chosen = ports.free_ports(20)
    assert len(set(chosen)) == 20
    low = ports._ephemeral_low()
    assert all(1_024 <= port < low for port in chosen)
    for port in chosen:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # still free: nothing kept them


def test_a_port_in_use_is_never_chosen():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports.free_port()))
        taken.listen()
        used = taken.getsockname()[1]
        assert used not in ports.free_ports(50)
