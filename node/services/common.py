"""What every servicer shares: the service declaration, pagination, and request checks.

Servicers raise `ApiError` (node/errors.py) for a bad request; node/interceptor.py turns it into
a status with ErrorInfo, for every method of every service, so no servicer catches anything.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Callable

import grpc
from google.protobuf.descriptor import ServiceDescriptor

from cets.ledger import limits
from cets.ledger.queries import PageTokenInvalid
from cets.ledger.store import Store
from cets.node.errors import invalid
from cets.node.sequencer import Sequencer


@dataclass(frozen=True)
class Service:
    """A service the node serves, declared by its own module: server.py registers each one and
    names it to health checking and reflection, so a new service is a new module in this package
    and one line in `__init__.SERVICES`."""

    descriptor: ServiceDescriptor  # from the generated services_pb2
    servicer: Callable[[Store, Sequencer], object]  # builds the servicer over the node's store and sequencer
    add_to_server: Callable[[object, grpc.aio.Server], None]  # the generated add_XServicer_to_server

    @property
    def full_name(self) -> str:
        return self.descriptor.full_name

    def register(self, server: grpc.aio.Server, store: Store, sequencer: Sequencer) -> None:
        self.add_to_server(self.servicer(store, sequencer), server)


# -- pagination ------------------------------------------------------------------------------------
_OFFSET_TOKEN = re.compile(r"[1-9][0-9]{0,8}")  # what str(int) writes: ASCII digits, no sign, no leading zero


def page_size(requested: int, maximum: int = limits.page_size_max, default: int = limits.page_size_default) -> int:
    if requested > maximum:
        raise invalid("PAGE_SIZE_TOO_LARGE", f"page_size: got {requested}, want at most {maximum}")
    return requested or default


@contextlib.contextmanager
def page_token_checked():
    """A page token the core refuses (ledger/queries.py: not exactly one it wrote for this
    listing) is the caller's mistake: INVALID_ARGUMENT, PAGE_TOKEN_INVALID."""
    try:
        yield
    except PageTokenInvalid as error:
        raise invalid("PAGE_TOKEN_INVALID", str(error)) from None


def encode_offset_token(offset: int) -> str:
    return str(offset) if offset else ""


def decode_offset_token(token: str) -> int:
    """A position in a listing that only grows (the evidence a node found), as `encode_offset_token`
    writes it. `str.isdigit` would take "²" or Arabic-Indic digits, which `int` then refuses or reads."""
    if not token:
        return 0
    if not _OFFSET_TOKEN.fullmatch(token):
        raise invalid("PAGE_TOKEN_INVALID", "page_token: not a token this node issued for this listing")
    return int(token)


# -- request checks --------------------------------------------------------------------------------
def require_id(name: str, value: str, chars_max: int = 80) -> None:
    if not value:
        raise invalid("MISSING_FIELD", f"{name}: missing")
    if len(value) > chars_max:
        raise invalid("INVALID_FIELD", f"{name}: got {len(value)} characters, want at most {chars_max}")
