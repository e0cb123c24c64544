"""The one edge every RPC passes through: a grpc.aio server interceptor.

For every method of every service the server registers (cets' own, health, reflection, and any
added later) it wraps the method handler once, so that each call
- is parsed here: grpc runs the request deserializer before any handler, and bytes that do not
  parse (invalid UTF-8 in a string, a truncated length, wire type 7, an overlong varint) would
  leave as UNKNOWN with protobuf's own text. The wrapped deserializer never raises; the call is
  answered INVALID_ARGUMENT, ErrorInfo reason MALFORMED, fixed text, and logged;
- names its caller: over mutual TLS the certificate must name an institution through that
  institution's own CA (node/pki.py), or a participant through the CA for its role, registered
  with that role, allowed this method, and the signer of what the request signs (node/callers.py);
- ends in one error path: an `ApiError` becomes its status with `google.rpc.ErrorInfo` in the
  `grpc-status-details-bin` trailer; any other exception becomes INTERNAL with fixed text and a
  log line with the traceback;
- is refused while the node drains (UNAVAILABLE, reason NODE_STOPPING), and a call still running
  when the drain's grace ends is ended with that same status, never a bare CANCELLED.

Requests of client-streaming methods are checked as they arrive, through the request iterator.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable

import grpc
import structlog
from grpc_health.v1 import health

from cets.node import callers
from cets.node.callers import ParticipantLookup
from cets.node.errors import ApiError, invalid, stopping

log = structlog.get_logger("cets.api")

MALFORMED_TEXT = "request: the bytes do not parse as this method's request message"
INTERNAL_TEXT = "internal error"
# Health checking keeps answering while the node drains (NOT_SERVING), as load balancers expect.
DRAIN_EXEMPT_SERVICES = frozenset({health.SERVICE_NAME})
END_WAIT_S = 1.0  # after the grace, how long the ended calls get to send their status
# A call grpc has received but not yet handed to a handler when the server stops is cancelled
# without a word (grpc core kills unmatched calls at shutdown): so the drain lasts until no call
# has arrived for QUIET_S, for QUIET_MAX_S at most, and calls already on their way reach a
# handler and are refused with NODE_STOPPING. Clients that back off (the SDK does) fall quiet
# within a few of their retries; one that races the very end may still see CANCELLED or
# UNAVAILABLE without a reason, which the SDK retries for submissions.
QUIET_S = 0.05
QUIET_MAX_S = 1.0


@dataclass(frozen=True)
class Unparsable:
    """What the wrapped deserializer returns for bytes that do not parse; no handler sees it."""

    size: int
    error: str  # for the log only: protobuf's text names internals


def tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserializer is None:
        return None  # the method takes raw bytes: nothing to parse

    def deserialize(raw: bytes) -> Any:
        try:
            return deserializer(raw)
        except Exception as error:  # noqa: BLE001 - protobuf's DecodeError or a custom deserializer's own: the caller's bytes either way
            return Unparsable(len(raw), f"{type(error).__name__}: {error}")

    return deserialize


def check_caller(context: grpc.aio.ServicerContext, method: str = "", request: Any = None,
                 participants: ParticipantLookup | None = None) -> str | None:
    """Over mutual TLS, the certificate must name an institution or a participant through the
    right CA (node/pki.py): a certificate from an unknown CA is refused by TLS itself, a forged one
    here; a participant's must also match the ledger, the method and the request's signers
    (node/callers.py). Returns the calling institution or participant."""
    if context.auth_context().get("transport_security_type") != [b"ssl"]:
        return None  # plain loopback dev node: no certificates at all
    from cets.node import pki

    peer = pki.caller_peer(context)
    if peer is None:
        raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "CALLER_NOT_AN_INSTITUTION",
                       "the client certificate does not name an institution through that institution's CA")
    if peer.revoked:
        raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "CERTIFICATE_REVOKED", "the client certificate is revoked by its CA")
    if peer.is_participant:
        callers.check_participant(peer, method, request, participants)
    return peer.participant


@dataclass(eq=False)
class _Call:
    """A call inside its handler: the drain may end it by cancelling its task while `inside`
    (the cancellation then lands in handler code, which answers NODE_STOPPING); a stream that has
    yielded a response is in grpc's send, and is refused at its next step instead."""

    method: str
    task: asyncio.Task
    streaming: bool
    exempt: bool
    inside: bool = True
    ended: bool = False


class Edge(grpc.aio.ServerInterceptor):
    """The interceptor. One per server; `begin_drain` and `drain` are node/server.py's stop."""

    def __init__(self, participants: ParticipantLookup | None = None) -> None:
        self.participants = participants  # the ledger's participant by id, for participant certificates
        self.draining = False
        self._wrapped: dict[str, tuple[grpc.RpcMethodHandler, grpc.RpcMethodHandler]] = {}  # per method, built once
        self._calls: set[_Call] = set()
        self._changed = asyncio.Event()  # a call left
        self._last_arrival = 0.0  # loop time of the last call that entered a handler
        self._drain_began = 0.0
        self._refused = 0  # calls refused while draining

    async def intercept_service(self, continuation, handler_call_details) -> grpc.RpcMethodHandler | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None  # no such method: grpc answers UNIMPLEMENTED
        method = handler_call_details.method
        cached = self._wrapped.get(method)
        if cached is None or cached[0] is not handler:
            cached = self._wrapped[method] = (handler, self._wrap(method, handler))
        return cached[1]

    # -- drain ----------------------------------------------------------------------------------
    def begin_drain(self) -> None:
        """Refuse new calls from now on (health checks excepted), and end the streams waiting
        inside their handlers: they are resumable, and would otherwise hold the drain open."""
        self.draining = True
        self._drain_began = asyncio.get_running_loop().time()
        for call in list(self._calls):
            if call.streaming and not call.exempt:
                self._end(call)

    async def drain(self, grace_s: float) -> None:
        """Wait up to `grace_s` for the unary calls in flight (a submission waits for its block);
        end every call still running with NODE_STOPPING and let them send it; then wait for a
        quiet moment with no new call (see QUIET_S). The server is to stop right after."""
        await self._wait_until(lambda: not any(not call.streaming for call in self._calls), grace_s)
        for call in list(self._calls):
            self._end(call)
        await self._wait_until(lambda: not self._calls, END_WAIT_S)
        quiet = await self._wait_quiet()
        log.info("drained", refused=self._refused, left=len(self._calls), quiet=quiet,
                 seconds=round(asyncio.get_running_loop().time() - self._drain_began, 3))

    async def _wait_quiet(self) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + QUIET_MAX_S
        while (now := loop.time()) < deadline:
            quiet_for = now - max(self._last_arrival, self._drain_began)
            if quiet_for >= QUIET_S:
                return True
            await asyncio.sleep(min(QUIET_S - quiet_for, deadline - now))
        return False

    def _end(self, call: _Call) -> None:
        if call.inside and not call.ended:
            call.ended = True
            call.task.cancel()

    async def _wait_until(self, condition: Callable[[], bool], timeout_s: float) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            async with asyncio.timeout(timeout_s):
                while not condition():
                    self._changed.clear()
                    await self._changed.wait()

    # -- calls ----------------------------------------------------------------------------------
    def _enter(self, method: str, streaming: bool) -> _Call:
        call = _Call(method, asyncio.current_task(), streaming, method.split("/")[1] in DRAIN_EXEMPT_SERVICES)
        self._calls.add(call)
        self._last_arrival = asyncio.get_running_loop().time()
        return call

    def _leave(self, call: _Call) -> None:
        self._calls.discard(call)
        self._changed.set()

    def _admit(self, call: _Call, request: Any, context: grpc.aio.ServicerContext) -> None:
        """Refusals before the handler runs, in order: a draining node, a caller it cannot
        name or that may not make this call, bytes that do not parse."""
        if self.draining and not call.exempt:
            self._refused += 1
            raise stopping()
        check_caller(context, call.method, request, self.participants)  # an unparsable request names no signer
        _check_parsed(call.method, request)

    async def _refuse(self, call: _Call, context: grpc.aio.ServicerContext, error: BaseException) -> None:
        """The one error path: every exception out of a handler ends here, and leaves as a status."""
        if isinstance(error, asyncio.CancelledError) and call.ended:
            call.task.uncancel()  # the drain ended it, not the client: answer, then finish
            error = stopping()
        if isinstance(error, (grpc.aio.AbortError, asyncio.CancelledError, GeneratorExit)) or not isinstance(error, Exception):
            raise error  # aborted already, cancelled by its client, or closed: nothing to answer
        if isinstance(error, ApiError):
            await context.abort(error.status, error.message, trailing_metadata=error.trailing_metadata())
        log.error("rpc failed", method=call.method, exc_info=error)
        await context.abort(grpc.StatusCode.INTERNAL, INTERNAL_TEXT)

    # -- wrapping -------------------------------------------------------------------------------
    def _wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        options = dict(request_deserializer=tolerant(handler.request_deserializer), response_serializer=handler.response_serializer)
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(self._unary(method, handler.unary_unary, False), **options)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(self._streaming(method, handler.unary_stream, False), **options)
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(self._unary(method, handler.stream_unary, True), **options)
        return grpc.stream_stream_rpc_method_handler(self._streaming(method, handler.stream_stream, True), **options)

    def _unary(self, method: str, behavior, request_streaming: bool, streaming: bool = False):
        """A handler that returns one response, or a response-streaming one that writes with
        `context.write` and returns (as the health service's Watch)."""

        async def handle(request, context):
            call = self._enter(method, streaming)
            try:
                self._admit(call, None if request_streaming else request, context)
                return await behavior(_checked_requests(method, request) if request_streaming else request, context)
            except BaseException as error:
                await self._refuse(call, context, error)
            finally:
                self._leave(call)

        return handle

    def _streaming(self, method: str, behavior, request_streaming: bool):
        if not inspect.isasyncgenfunction(behavior):
            return self._unary(method, behavior, request_streaming, streaming=True)

        async def handle(request, context):
            call = self._enter(method, True)
            responses = None
            try:
                self._admit(call, None if request_streaming else request, context)
                responses = behavior(_checked_requests(method, request) if request_streaming else request, context)
                while True:
                    if self.draining and not call.exempt:
                        raise stopping("the node is stopping: resume from the next item, later or on another node")
                    try:
                        response = await anext(responses)
                    except StopAsyncIteration:
                        return
                    call.inside = False
                    yield response
                    call.inside = True
            except BaseException as error:
                await self._refuse(call, context, error)
            finally:
                self._leave(call)
                if responses is not None:
                    with contextlib.suppress(Exception):
                        await responses.aclose()

        return handle


def _check_parsed(method: str, request: Any) -> None:
    if isinstance(request, Unparsable):
        log.warning("request does not parse", method=method, bytes=request.size, error=request.error)
        raise invalid("MALFORMED", MALFORMED_TEXT)


async def _checked_requests(method: str, requests: AsyncIterator[Any]) -> AsyncIterator[Any]:
    async for request in requests:
        _check_parsed(method, request)
        yield request
