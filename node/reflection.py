"""Server reflection as both `grpc.reflection.v1` (what current tools ask first) and `v1alpha`.

grpcio-reflection 1.85 ships only `grpc_reflection.v1alpha`. `v1` is the same protocol promoted
unchanged: the same messages, fields and numbers under another package (grpc-go's v1alpha is
generated from v1). So one servicer, the library's, answers both: the v1 method parses and
writes with the v1alpha message classes (identical bytes), and a v1 file descriptor, v1alpha's
renamed to the v1 package, is added to the pool so that reflection describes itself by both
names. If a later grpcio-reflection puts the real v1 file in the pool, that one is used.
"""

from __future__ import annotations

from typing import Sequence

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import _async, reflection_pb2, reflection_pb2_grpc
from grpc_reflection.v1alpha import reflection as v1alpha

V1_PACKAGE = "grpc.reflection.v1"
V1_FILE = "grpc/reflection/v1/reflection.proto"
V1_SERVICE_NAME = f"{V1_PACKAGE}.ServerReflection"
V1ALPHA_SERVICE_NAME = v1alpha.SERVICE_NAME
SERVICE_NAMES = (V1_SERVICE_NAME, V1ALPHA_SERVICE_NAME)


def v1_file_descriptor(pool: descriptor_pool.DescriptorPool):
    """The v1 reflection file in `pool`, derived from v1alpha's and added if it is not there."""
    try:
        return pool.FindFileByName(V1_FILE)
    except KeyError:
        pass
    proto = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(proto)
    alpha = f".{proto.package}."
    proto.name, proto.package = V1_FILE, V1_PACKAGE
    proto.ClearField("options")  # v1alpha's are deprecated=true and its java/go package names
    for message in proto.message_type:
        for message_field in message.field:
            if message_field.type_name:
                message_field.type_name = message_field.type_name.replace(alpha, f".{V1_PACKAGE}.")
    for method in proto.service[0].method:
        method.input_type = method.input_type.replace(alpha, f".{V1_PACKAGE}.")
        method.output_type = method.output_type.replace(alpha, f".{V1_PACKAGE}.")
    pool.AddSerializedFile(proto.SerializeToString())
    return pool.FindFileByName(V1_FILE)


def enable(server: grpc.aio.Server, service_names: Sequence[str]) -> None:
    """Serve reflection, v1 and v1alpha, listing `service_names` and both reflection services."""
    pool = descriptor_pool.Default()
    v1_file_descriptor(pool)
    servicer = _async.ReflectionServicer([*service_names, *SERVICE_NAMES], pool=pool)
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    v1 = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(V1_SERVICE_NAME, {"ServerReflectionInfo": v1}),))
