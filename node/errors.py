"""The one mapping from core errors to gRPC status codes, and the abort that carries ErrorInfo.

Every RPC-level error carries a `google.rpc.ErrorInfo` (domain "cets.v1", reason = a `Code` name
or an RPC reason such as "PAGE_TOKEN_INVALID") in the `grpc-status-details-bin` trailer.
"""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from cets.v1 import ledger_pb2 as pb

DOMAIN = "cets.v1"
S = grpc.StatusCode

_INVALID = {
    "MALFORMED", "UNKNOWN_PAYLOAD_KIND", "MISSING_FIELD", "AMOUNT_NOT_POSITIVE", "AMOUNT_TOO_LARGE",
    "UNKNOWN_VINTAGE", "WRONG_CHAIN_ID", "SIGNATURE_MISSING", "SIGNATURE_INVALID", "INVALID_FIELD",
    "TOO_LARGE", "VINTAGE_NOT_ELIGIBLE", "CREATED_TIME_OUT_OF_WINDOW",
}
_DENIED = {
    "UNKNOWN_KEY", "KEY_REVOKED", "KEY_NOT_OF_SIGNER", "KEY_PURPOSE_MISMATCH", "ROLE_NOT_AUTHORIZED",
    "OUTSIDE_JURISDICTION", "NOT_ACCOUNT_HOLDER", "NOT_KEY_OWNER", "KEY_NOT_RECOVERABLE",
}
_EXISTS = {"PARTICIPANT_EXISTS", "KEY_EXISTS", "CLIENT_ID_REUSED", "DUPLICATE_TX"}
_NOT_FOUND = {"UNKNOWN_PARTICIPANT", "UNKNOWN_ACCOUNT"}
_PRECONDITION = {
    "ACCOUNT_KIND_FORBIDS_OPERATION", "INSUFFICIENT_BALANCE", "CAP_EXCEEDED", "CAP_NOT_SET",
    "CAP_BELOW_ISSUED", "LAST_ACTIVE_KEY", "OFFSET_PROJECT_INELIGIBLE", "OFFSET_CAP_EXCEEDED",
    "PROJECT_MISMATCH", "NOT_KEY_EMITTER", "NO_ACCOUNT", "NODE_KEY_NOT_HELD",
}


def _status_for(name: str) -> grpc.StatusCode:
    short = name.removeprefix("CODE_")
    for names, status in ((_INVALID, S.INVALID_ARGUMENT), (_DENIED, S.PERMISSION_DENIED), (_EXISTS, S.ALREADY_EXISTS),
                          (_NOT_FOUND, S.NOT_FOUND), (_PRECONDITION, S.FAILED_PRECONDITION)):
        if short in names:
            return status
    raise KeyError(f"no gRPC status for {name}")


# Every rejection code -> its gRPC status (tests/test_errors_mapping.py checks it is complete).
CODE_STATUS: dict[int, grpc.StatusCode] = {
    value: _status_for(name) for name, value in pb.Code.items() if value != pb.CODE_OK
}


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
