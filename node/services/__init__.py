"""The node's gRPC services, one module each, and the one list they are registered from.

Each module declares its service (`SERVICE`, a `common.Service`); node/server.py registers every
service of `SERVICES`, reports each to health checking and lists each in reflection; the one
interceptor (node/interceptor.py) wraps every method of them all. A new service (Mrv,
Supervision, Trading) is its module and a line here.
"""

from __future__ import annotations

from cets.node.services import chain, mrv, registry, supervision, trading
from cets.node.services.common import Service

SERVICES: tuple[Service, ...] = (registry.SERVICE, chain.SERVICE, mrv.SERVICE, supervision.SERVICE, trading.SERVICE)
