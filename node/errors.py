"""The one mapping from core errors to gRPC status codes, and the abort that carries ErrorInfo.

A rejection `Code`'s status is an option on the code itself in proto/cets/v1/ledger.proto
(`CODE_INSUFFICIENT_BALANCE = 15 [(grpc_status) = GRPC_STATUS_FAILED_PRECONDITION]`); this module
reads it from the descriptor. node/interceptor.py is the one place an error becomes a status.

Every RPC-level error carries a `google.rpc.ErrorInfo` (domain "cets.v1", reason = a `Code` name
or an RPC reason such as "PAGE_TOKEN_INVALID") in the `grpc-status-details-bin` trailer.
"""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from cets.v1 import messages as pb

DOMAIN = "cets.v1"
S = grpc.StatusCode

_STATUS_BY_NUMBER = {status.value[0]: status for status in grpc.StatusCode}


def status_of_code(code: int) -> grpc.StatusCode:
    """The gRPC status of a rejection, read from its `(cets.v1.grpc_status)` option in ledger.proto:
    the status is data beside the code, so a new code cannot be added without one (and OK for
    CODE_OK, the option's zero, is never a rejection's)."""
    value = pb.Code.DESCRIPTOR.values_by_number[code]
    status = _STATUS_BY_NUMBER[value.GetOptions().Extensions[pb.grpc_status]]
    if status == S.OK and code != pb.CODE_OK:
        raise KeyError(f"{value.name} has no (cets.v1.grpc_status) option in ledger.proto")
    return status


# Every rejection code -> its gRPC status (tests/test_errors_mapping.py checks it is complete).
CODE_STATUS: dict[int, grpc.StatusCode] = {value: status_of_code(value) for value in pb.Code.values() if value != pb.CODE_OK}


def reason_of(code: int) -> str:
    """The ErrorInfo reason of a rejection: its Code name without the enum prefix, so that one
    condition has one spelling whether a transaction or a query meets it (UNKNOWN_ACCOUNT)."""
    return pb.Code.Name(code).removeprefix("CODE_")


class ApiError(Exception):
    """An RPC-level error: a status code, a machine-readable reason and metadata."""

    def __init__(self, status: grpc.StatusCode, reason: str, message: str, **metadata: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.metadata = metadata

    @classmethod
    def from_receipt(cls, receipt: pb.Receipt) -> "ApiError":
        name = reason_of(receipt.code)
        metadata = {"tx_id": receipt.tx_id.hex(), "height": str(receipt.height)}
        return cls(CODE_STATUS[receipt.code], name, f"{name}: {receipt.detail}" if receipt.detail else name, **metadata)

    def trailing_metadata(self) -> tuple[tuple[str, bytes], ...]:
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=DOMAIN, metadata=self.metadata)
        detail = any_pb2.Any()
        detail.Pack(info)
        status = status_pb2.Status(code=self.status.value[0], message=self.message, details=[detail])
        return (("grpc-status-details-bin", status.SerializeToString()),)


def invalid(reason: str, message: str, **metadata: str) -> ApiError:
    return ApiError(S.INVALID_ARGUMENT, reason, message, **metadata)


def not_found(reason: str, message: str, **metadata: str) -> ApiError:
    return ApiError(S.NOT_FOUND, reason, message, **metadata)


def stopping(message: str = "the node is stopping: retry later, or on another node") -> ApiError:
    """The refusal of a draining node (node/interceptor.py): safe to retry, a stream resumes."""
    return ApiError(S.UNAVAILABLE, NodeStopping.reason, message)


class NodeUnavailable(Exception):
    """The node cannot take transactions now (stopping, halted); another node may."""

    reason = "NODE_UNAVAILABLE"


class NodeStopping(NodeUnavailable):
    reason = "NODE_STOPPING"


class NodeHalted(NodeUnavailable):
    """The node found an invalid block and stopped applying; it serves queries only."""

    reason = "NODE_HALTED"


class NodeKeyUnavailable(NodeUnavailable):
    """The node holds no node key that may sign the next block (rotated or revoked without its
    successor installed): it cannot propose; another node may."""

    reason = "NODE_KEY_UNAVAILABLE"


class NodeBusy(NodeUnavailable):
    """Too many transactions wait for a block: back off and retry."""

    reason = "NODE_BUSY"


class ReadOnlyNode(Exception):
    """An observer follows the chain and takes no transactions."""

    reason = "OBSERVER_READ_ONLY"


def unavailable(error: Exception) -> ApiError:
    if isinstance(error, ReadOnlyNode):
        return ApiError(S.FAILED_PRECONDITION, error.reason, "this node is an observer: submit to an institutional node")
    if isinstance(error, NodeBusy):
        return ApiError(S.RESOURCE_EXHAUSTED, error.reason, str(error))
    return ApiError(S.UNAVAILABLE, getattr(error, "reason", "NODE_UNAVAILABLE"), str(error) or "node unavailable")
