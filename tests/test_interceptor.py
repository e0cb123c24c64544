"""node/interceptor.py on a real gRPC server, with handlers of every shape written for the test.

The node's own services cannot be made to fail on purpose, so these handlers do: they raise an
`ApiError`, raise something unexpected, wait for ever, or write with `context.write`; each is
served through the one interceptor on 127.0.0.1 and called over a real channel.
"""

from __future__ import annotations

import asyncio

import grpc
import pytest
from structlog.testing import capture_logs

from cets.v1 import services_pb2 as api
from cets.clients.sdk import CetsError
from cets.node.errors import invalid
from cets.node.interceptor import INTERNAL_TEXT, MALFORMED_TEXT, Edge

S = grpc.StatusCode
SERVICE = "test.Edge"
TIMEOUT_S = 10.0
SECRET = "/srv/cets/secret-path"
REQUEST = api.GetParticipantRequest


class Handlers:
    """Test behaviours; `release` lets the waiting ones finish."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.entered = asyncio.Event()

    async def echo(self, request, context):
        return REQUEST(participant_id=request.participant_id)

    async def refuse(self, request, context):
        raise invalid("INVALID_FIELD", "participant_id: got X, want Y", field="participant_id")

    async def boom(self, request, context):
        raise RuntimeError(f"cannot open {SECRET}")

    async def wait(self, request, context):
        self.entered.set()
        await self.release.wait()
        return REQUEST(participant_id="done")

    async def follow(self, request, context):
        yield REQUEST(participant_id="first")
        self.entered.set()
        await self.release.wait()
        yield REQUEST(participant_id="second")

    async def follow_then_boom(self, request, context):
        yield REQUEST(participant_id="first")
        raise RuntimeError(SECRET)

    async def write_style(self, request, context):
        await context.write(REQUEST(participant_id="written"))

    async def count(self, requests, context):
        return REQUEST(participant_id=str(len([r async for r in requests])))


@pytest.fixture
async def served():
    handlers = Handlers()
    edge = Edge()
    server = grpc.aio.server(interceptors=[edge])
    options = dict(request_deserializer=REQUEST.FromString, response_serializer=REQUEST.SerializeToString)
    methods = {
        "Echo": grpc.unary_unary_rpc_method_handler(handlers.echo, **options),
        "Refuse": grpc.unary_unary_rpc_method_handler(handlers.refuse, **options),
        "Boom": grpc.unary_unary_rpc_method_handler(handlers.boom, **options),
        "Wait": grpc.unary_unary_rpc_method_handler(handlers.wait, **options),
        "Follow": grpc.unary_stream_rpc_method_handler(handlers.follow, **options),
        "FollowThenBoom": grpc.unary_stream_rpc_method_handler(handlers.follow_then_boom, **options),
        "WriteStyle": grpc.unary_stream_rpc_method_handler(handlers.write_style, **options),
        "Count": grpc.stream_unary_rpc_method_handler(handlers.count, **options),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, methods),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    yield handlers, edge, channel
    handlers.release.set()
    await channel.close()
    await server.stop(None)


def unary(channel, name: str):
    return channel.unary_unary(f"/{SERVICE}/{name}", request_serializer=REQUEST.SerializeToString, response_deserializer=REQUEST.FromString)


def streaming(channel, name: str):
    return channel.unary_stream(f"/{SERVICE}/{name}", request_serializer=REQUEST.SerializeToString, response_deserializer=REQUEST.FromString)


async def refusal(awaitable) -> CetsError:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await awaitable
    return CetsError.from_rpc_error(info.value)


async def read_all(call) -> list:
    return [response async for response in call]


async def test_an_api_error_becomes_its_status_with_error_info(served):
    _, _, channel = served
    refused = await refusal(unary(channel, "Refuse")(REQUEST(), timeout=TIMEOUT_S))
    assert (refused.status, refused.reason, refused.metadata) == (S.INVALID_ARGUMENT, "INVALID_FIELD", {"field": "participant_id"})


async def test_an_unexpected_exception_is_internal_with_fixed_text_and_a_logged_traceback(served):
    _, _, channel = served
    with capture_logs() as logs:
        refused = await refusal(unary(channel, "Boom")(REQUEST(), timeout=TIMEOUT_S))
        streamed = await refusal(read_all(streaming(channel, "FollowThenBoom")(REQUEST(), timeout=TIMEOUT_S)))
    for error in (refused, streamed):
        assert (error.status, error.message, error.reason) == (S.INTERNAL, INTERNAL_TEXT, "")
    failures = [entry for entry in logs if entry["event"] == "rpc failed"]
    assert [entry["method"] for entry in failures] == [f"/{SERVICE}/Boom", f"/{SERVICE}/FollowThenBoom"]
    assert all(isinstance(entry["exc_info"], RuntimeError) and SECRET in str(entry["exc_info"]) for entry in failures)


async def test_unparsable_bytes_are_malformed_for_every_handler_shape(served):
    _, _, channel = served
    garbage = b"\x0a\x02\xff\xfe"  # participant_id = invalid UTF-8
    calls = [
        channel.unary_unary(f"/{SERVICE}/Echo")(garbage, timeout=TIMEOUT_S),
        read_all(channel.unary_stream(f"/{SERVICE}/Follow")(garbage, timeout=TIMEOUT_S)),
        read_all(channel.unary_stream(f"/{SERVICE}/WriteStyle")(garbage, timeout=TIMEOUT_S)),
        channel.stream_unary(f"/{SERVICE}/Count")(iter([REQUEST(participant_id="ok").SerializeToString(), garbage]), timeout=TIMEOUT_S),
    ]
    with capture_logs() as logs:
        for call in calls:
            refused = await refusal(call)
            assert (refused.status, refused.reason, refused.message) == (S.INVALID_ARGUMENT, "MALFORMED", MALFORMED_TEXT)
    assert [entry["event"] for entry in logs] == ["request does not parse"] * 4
    assert (await unary(channel, "Echo")(REQUEST(participant_id="still serving"), timeout=TIMEOUT_S)).participant_id == "still serving"
    written = await read_all(streaming(channel, "WriteStyle")(REQUEST(), timeout=TIMEOUT_S))
    assert [r.participant_id for r in written] == ["written"]


async def test_a_draining_edge_refuses_new_calls_with_node_stopping(served):
    _, edge, channel = served
    edge.begin_drain()
    for call in (unary(channel, "Echo")(REQUEST(), timeout=TIMEOUT_S), read_all(streaming(channel, "Follow")(REQUEST(), timeout=TIMEOUT_S))):
        refused = await refusal(call)
        assert (refused.status, refused.reason) == (S.UNAVAILABLE, "NODE_STOPPING")


async def test_a_waiting_stream_is_ended_with_node_stopping_when_the_drain_begins(served):
    handlers, edge, channel = served
    call = streaming(channel, "Follow")(REQUEST(), timeout=TIMEOUT_S)
    assert (await call.read()).participant_id == "first"
    await asyncio.wait_for(handlers.entered.wait(), TIMEOUT_S)
    edge.begin_drain()
    refused = await refusal(call.read())
    assert (refused.status, refused.reason) == (S.UNAVAILABLE, "NODE_STOPPING")


async def test_a_unary_call_in_flight_finishes_within_the_grace(served):
    handlers, edge, channel = served
    call = asyncio.ensure_future(unary(channel, "Wait")(REQUEST(), timeout=TIMEOUT_S))
    await asyncio.wait_for(handlers.entered.wait(), TIMEOUT_S)
    edge.begin_drain()
    draining = asyncio.ensure_future(edge.drain(grace_s=TIMEOUT_S))
    handlers.release.set()
    assert (await call).participant_id == "done"
    await asyncio.wait_for(draining, TIMEOUT_S)


async def test_a_unary_call_still_running_after_the_grace_is_ended_with_node_stopping_not_cancelled(served):
    handlers, edge, channel = served
    call = asyncio.ensure_future(unary(channel, "Wait")(REQUEST(), timeout=TIMEOUT_S))
    await asyncio.wait_for(handlers.entered.wait(), TIMEOUT_S)
    edge.begin_drain()
    await asyncio.wait_for(edge.drain(grace_s=0.2), TIMEOUT_S)
    refused = await refusal(call)
    assert (refused.status, refused.reason) == (S.UNAVAILABLE, "NODE_STOPPING")
