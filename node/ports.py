"""Free loopback ports for local clusters and tests, chosen below the kernel's ephemeral range.

A port the kernel hands out for `bind(0)` comes from the ephemeral range, the range outgoing
connections take their source ports from. Between choosing such a port and the moment the
process that needs it listens, a client connection (a node dialling etcd, a test's channel) can
take it, and the process fails to listen: a rare, load-dependent failure of cluster start-up.
Ports below the ephemeral range are never handed out that way.
"""

from __future__ import annotations

import pathlib
import random
import socket

_RANGE_FILE = pathlib.Path("/proc/sys/net/ipv4/ip_local_port_range")
_LOWEST = 10_000
_TRIES = 200


def _ephemeral_low() -> int:
    try:
        return int(_RANGE_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768  # Linux's default


def free_ports(count: int) -> list[int]:
    """`count` distinct ports free on 127.0.0.1 now, outside the ephemeral range (all held open
    until all are chosen, so they differ)."""
    high = _ephemeral_low()
    low = _LOWEST if high > _LOWEST + 1_000 else 1_024
    held: list[socket.socket] = []
    try:
        for _ in range(_TRIES):
            if len(held) == count:
                break
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                sock.bind(("127.0.0.1", random.randrange(low, high)))
            except OSError:
                sock.close()
                continue
            held.append(sock)
        if len(held) < count:
            raise RuntimeError(f"found only {len(held)} free ports of {count} in {low}..{high - 1}")
        return [sock.getsockname()[1] for sock in held]
    finally:
        for sock in held:
            sock.close()


def free_port() -> int:
    (port,) = free_ports(1)
    return port
