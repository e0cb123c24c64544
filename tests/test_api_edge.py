"""The node's gRPC edge seen from a raw channel: every RPC, found through reflection.

The methods come from the server's own reflection service (grpc.reflection.v1), so a service
added later is covered without touching this file. Each gets request bytes that do not parse,
of four kinds (invalid UTF-8 in a string field, a truncated length, wire type 7, an overlong
varint), unary and streaming alike, and must answer INVALID_ARGUMENT with ErrorInfo reason
MALFORMED and fixed text, log it, keep serving and change nothing. Every paginated RPC (a request
with a `page_token`) must refuse a token that is not exactly one the node wrote, Unicode digits
first among them, with PAGE_TOKEN_INVALID. Reflection answers as v1 and v1alpha.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection_pb2
from structlog.testing import capture_logs

from cets.v1 import messages as pb
from cets.clients.sdk import CetsError
from cets.ledger import identity, query_auth
from cets.node import devnet, reflection
from cets.node.interceptor import MALFORMED_TEXT
from cets.node.services import SERVICES
from tests.conftest import founder, register_emitter

S = grpc.StatusCode
TIMEOUT_S = 10.0
HEALTH = "grpc.health.v1.Health"
# Known values for the identifying fields of list requests: a new one makes the page-token test
# fail loudly until it is named here.
IDENTIFIERS = {"participant_id": identity.MINISTRY_ID, "account_id": identity.ISSUANCE_ACCOUNT, "city": "", "sector": "",
               "authority": identity.MINISTRY_ID}


# -- reflection, as a tool would use it ------------------------------------------------------------
async def reflect(channel: grpc.aio.Channel, requests: list[reflection_pb2.ServerReflectionRequest],
                  version: str = "v1") -> list[reflection_pb2.ServerReflectionResponse]:
    """One reflection stream. v1 and v1alpha share their messages' wire format, so v1alpha's
    classes write and read both."""
    call = channel.stream_stream(f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
                                 request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
                                 response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
    return [response async for response in call(iter(requests), timeout=TIMEOUT_S)]


@dataclass(frozen=True)
class Method:
    path: str
    request: object  # the request message's Descriptor
    client_streaming: bool
    server_streaming: bool


async def discover(channel: grpc.aio.Channel) -> tuple[list[str], list[Method]]:
    """The services the server lists through reflection v1, and every method of each, with its
    request type read from the file descriptors reflection returns."""
    (listing,) = await reflect(channel, [reflection_pb2.ServerReflectionRequest(list_services="")])
    names = [service.name for service in listing.list_services_response.service]
    answers = await reflect(channel, [reflection_pb2.ServerReflectionRequest(file_containing_symbol=name) for name in names])
    files: dict[str, descriptor_pb2.FileDescriptorProto] = {}
    for answer in answers:
        assert answer.WhichOneof("message_response") == "file_descriptor_response", answer
        for raw in answer.file_descriptor_response.file_descriptor_proto:
            file = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files[file.name] = file
    pool = descriptor_pool.DescriptorPool()
    _add_in_dependency_order(pool, files)
    methods = []
    for name in names:
        for method in pool.FindServiceByName(name).methods:
            methods.append(Method(f"/{name}/{method.name}", method.input_type, method.client_streaming, method.server_streaming))
    return names, methods


def _add_in_dependency_order(pool: descriptor_pool.DescriptorPool, files: dict[str, descriptor_pb2.FileDescriptorProto]) -> None:
    added: set[str] = set()
    while len(added) < len(files):
        ready = [name for name, file in files.items() if name not in added and set(file.dependency) <= added]
        assert ready, f"reflection returned files whose dependencies it did not return: {sorted(set(files) - added)}"
        for name in ready:
            pool.Add(files[name])
            added.add(name)


# -- malformed bytes -------------------------------------------------------------------------------
def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def malformed_requests(request_type) -> dict[str, bytes]:
    """Bytes that no parser may accept as `request_type`: four kinds, the first only where the
    message has a string field to put invalid UTF-8 in."""
    kinds = {
        "truncated length": b"\x0a\x05a",  # field 1, length 5, one byte follows
        "wire type 7": b"\x0f",  # field 1, a wire type that does not exist
        "overlong varint": b"\x08" + b"\xff" * 10 + b"\x01",  # field 1, an 11-byte varint
    }
    strings = [f for f in request_type.fields if f.type == f.TYPE_STRING]
    if strings:
        kinds["invalid UTF-8"] = varint(strings[0].number << 3 | 2) + b"\x02\xff\xfe"
    return kinds


async def raw_call(channel: grpc.aio.Channel, method: Method, raw: bytes) -> grpc.aio.AioRpcError | None:
    """Send `raw` as the request of `method` (identity serializers) and return the error it ends with."""
    try:
        if method.client_streaming:
            call = channel.stream_stream(method.path)(iter([raw]), timeout=TIMEOUT_S)
            async for _ in call:
                pass
        elif method.server_streaming:
            async for _ in channel.unary_stream(method.path)(raw, timeout=TIMEOUT_S):
                pass
        else:
            await channel.unary_unary(method.path)(raw, timeout=TIMEOUT_S)
    except grpc.aio.AioRpcError as error:
        return error
    return None


async def test_reflection_lists_every_registered_service_under_v1_and_v1alpha(node):
    channel = node.client.channel
    names, _ = await discover(channel)
    expected = {service.full_name for service in SERVICES} | {HEALTH, *reflection.SERVICE_NAMES}
    assert set(names) == expected
    (alpha,) = await reflect(channel, [reflection_pb2.ServerReflectionRequest(list_services="")], version="v1alpha")
    assert {service.name for service in alpha.list_services_response.service} == expected


async def test_reflection_v1_answers_a_raw_v1_request_and_describes_itself(node):
    """A v1 client's bytes, written by hand: list_services (field 7) and file_containing_symbol (field 4)."""
    channel = node.client.channel
    call = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
    symbol = reflection.V1_SERVICE_NAME.encode()
    answers = [raw async for raw in call(iter([b"\x3a\x00", b"\x22" + varint(len(symbol)) + symbol]), timeout=TIMEOUT_S)]
    listing, own = (reflection_pb2.ServerReflectionResponse.FromString(raw) for raw in answers)
    assert reflection.V1_SERVICE_NAME in {service.name for service in listing.list_services_response.service}
    (raw_file,) = own.file_descriptor_response.file_descriptor_proto
    file = descriptor_pb2.FileDescriptorProto.FromString(raw_file)
    assert (file.name, file.package, file.service[0].name) == (reflection.V1_FILE, "grpc.reflection.v1", "ServerReflection")
    assert {m.input_type for m in file.service[0].method} == {".grpc.reflection.v1.ServerReflectionRequest"}


async def test_every_rpc_answers_unparsable_bytes_with_malformed_and_changes_nothing(node, ministry):
    channel = node.client.channel
    names, methods = await discover(channel)
    assert {m.path for m in methods} >= {"/cets.v1.Registry/GetParticipant", "/cets.v1.Chain/StreamBlocks",
                                         "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", f"/{HEALTH}/Watch"}
    assert any(m.server_streaming for m in methods) and any(m.client_streaming for m in methods)
    before = await node.client.head()
    answered = []
    with capture_logs() as logs:
        for method in methods:
            for kind, raw in malformed_requests(method.request).items():
                with pytest.raises(Exception):  # the bytes really are unparsable for that type
                    message_factory.GetMessageClass(method.request).FromString(raw)
                error = await raw_call(channel, method, raw)
                assert error is not None, (method.path, kind)
                refused = CetsError.from_rpc_error(error)
                assert (refused.status, refused.reason, refused.message) == (S.INVALID_ARGUMENT, "MALFORMED", MALFORMED_TEXT), \
                    (method.path, kind, refused)
                answered.append((method.path, kind))
    logged = [entry for entry in logs if entry["event"] == "request does not parse"]
    assert sorted((entry["method"]) for entry in logged) == sorted(path for path, _ in answered)
    assert len({path for path, kind in answered if kind == "invalid UTF-8"}) >= 5  # most requests have a string field
    after = await node.client.head()
    assert (after.height, after.hash) == (before.height, before.hash)
    receipt = await node.client.submit(ministry.set_cap(2025, 1_000))  # and the node keeps serving
    assert receipt.code == pb.CODE_OK and receipt.height == before.height + 1


async def test_the_example_of_the_issue_get_participant_with_invalid_utf8(node):
    error = await raw_call(node.client.channel, Method("/cets.v1.Registry/GetParticipant", None, False, False), bytes.fromhex("0a02fffe"))
    refused = CetsError.from_rpc_error(error)
    assert (refused.status, refused.reason) == (S.INVALID_ARGUMENT, "MALFORMED")
    assert "DecodeError" not in refused.message and "parsing" not in refused.message.lower()


# -- page tokens -----------------------------------------------------------------------------------
UNICODE_DIGIT_TOKENS = ["²", "٣", "１", "1²", "¹²", "\u0661\u0662"]  # superscript, Arabic-Indic, fullwidth


async def test_a_unicode_digit_page_token_is_refused_on_every_paginated_rpc(node):
    emitter = await register_emitter(node.client, founder(identity.province_id("44")), "44")
    IDENTIFIERS["emitter_id"] = emitter.participant_id  # lists scoped to an emitter need a real one
    channel = node.client.channel
    _, methods = await discover(channel)
    paginated = [m for m in methods if "page_token" in m.request.fields_by_name]
    assert {m.path.rsplit("/", 1)[1] for m in paginated} >= {"ListParticipants", "ListKeys", "ListHoldings", "ListRulebooks", "ListEvidence"}
    head = await node.client.head()
    for method in paginated:
        request_class = message_factory.GetMessageClass(method.request)
        call = channel.unary_unary(method.path, request_serializer=request_class.SerializeToString, response_deserializer=request_class.FromString)
        first = _signed(method, request_class(page_size=1, **_identifiers(method)), head)
        await channel.unary_unary(method.path, request_serializer=request_class.SerializeToString)(first, timeout=TIMEOUT_S)
        for token in UNICODE_DIGIT_TOKENS:
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await call(_signed(method, request_class(page_token=token, **_identifiers(method)), head), timeout=TIMEOUT_S)
            refused = CetsError.from_rpc_error(info.value)
            assert (refused.status, refused.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"), (method.path, token, refused)


def _signed(method: Method, request, head):
    """A Supervision request carries the ministry's signed QueryAuth (the ministry sees everything)."""
    if "auth" in method.request.fields_by_name:
        key = devnet.dev_key(identity.MINISTRY_ID)
        auth = query_auth.sign(key.signer, identity.MINISTRY_ID, head.chain_id, method.path, request, head.height + 10)
        request.auth.MergeFromString(auth.SerializeToString())  # the request's class comes from reflection's own pool
    return request


def _identifiers(method: Method) -> dict[str, object]:
    named = {}
    for field in method.request.fields:
        if field.type == field.TYPE_STRING and field.name not in ("page_token", "province"):
            assert field.name in IDENTIFIERS, f"{method.path}: name a known value for {field.name} in IDENTIFIERS"
            named[field.name] = IDENTIFIERS[field.name]
        elif field.name == "year":
            named["year"] = 2025  # lists of a compliance year require one
        elif field.name == "unit":
            named["unit"] = {"product": pb.PRODUCT_CEA, "vintage": 2025}  # lists of a unit's market (large holders) require one
        elif field.name == "province" and method.path.endswith(("ListVerificationDraws", "ListDelegations")):
            named["province"] = "44"
    return named
