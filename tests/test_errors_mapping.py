"""node/errors.py: every rejection code has one gRPC status, and ErrorInfo survives the trailer."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from cets.v1 import messages as pb
from cets.clients.sdk import CetsError
from cets.node import errors
from cets.node.errors import CODE_STATUS, DOMAIN, ApiError

S = grpc.StatusCode
REJECTION_CODES = [value for name, value in pb.Code.items() if value != pb.CODE_OK]


def test_every_rejection_code_has_a_status():
    missing = [pb.Code.Name(value) for value in REJECTION_CODES if value not in CODE_STATUS]
    assert missing == []
    assert set(CODE_STATUS) == set(REJECTION_CODES)
    assert pb.CODE_OK not in CODE_STATUS


def test_statuses_are_client_errors():
    """A rejection is the caller's doing: never OK, UNKNOWN, INTERNAL or UNAVAILABLE."""
    allowed = {S.INVALID_ARGUMENT, S.PERMISSION_DENIED, S.FAILED_PRECONDITION, S.NOT_FOUND, S.ALREADY_EXISTS}
    for value, status in CODE_STATUS.items():
        assert isinstance(status, grpc.StatusCode)
        assert status in allowed, (pb.Code.Name(value), status)


def test_every_rejection_code_declares_its_status_beside_it():
    """The status is the `(cets.v1.grpc_status)` option of the code in ledger.proto, not a second table."""
    undeclared = [pb.Code.Name(value) for value in REJECTION_CODES
                  if not pb.Code.DESCRIPTOR.values_by_number[value].GetOptions().HasExtension(pb.grpc_status)]
    assert undeclared == []
    for value in REJECTION_CODES:
        declared = pb.Code.DESCRIPTOR.values_by_number[value].GetOptions().Extensions[pb.grpc_status]
        assert CODE_STATUS[value].value[0] == declared, pb.Code.Name(value)
    assert errors.status_of_code(pb.CODE_OK) == S.OK


# The statuses as they were when they lived in node/errors.py as sets of names: moving them into
# ledger.proto changed none.
STATUSES_BEFORE_THE_MOVE = {
    S.INVALID_ARGUMENT: {
        "MALFORMED", "UNKNOWN_PAYLOAD_KIND", "MISSING_FIELD", "AMOUNT_NOT_POSITIVE", "AMOUNT_TOO_LARGE",
        "UNKNOWN_VINTAGE", "WRONG_CHAIN_ID", "SIGNATURE_MISSING", "SIGNATURE_INVALID", "INVALID_FIELD",
        "TOO_LARGE", "VINTAGE_NOT_ELIGIBLE", "CREATED_TIME_OUT_OF_WINDOW"},
    S.PERMISSION_DENIED: {
        "UNKNOWN_KEY", "KEY_REVOKED", "KEY_NOT_OF_SIGNER", "KEY_PURPOSE_MISMATCH", "ROLE_NOT_AUTHORIZED",
        "OUTSIDE_JURISDICTION", "NOT_ACCOUNT_HOLDER"},
    S.ALREADY_EXISTS: {"PARTICIPANT_EXISTS", "KEY_EXISTS", "CLIENT_ID_REUSED", "DUPLICATE_TX"},
    S.NOT_FOUND: {"UNKNOWN_PARTICIPANT", "UNKNOWN_ACCOUNT"},
    S.FAILED_PRECONDITION: {
        "ACCOUNT_KIND_FORBIDS_OPERATION", "INSUFFICIENT_BALANCE", "CAP_EXCEEDED", "CAP_NOT_SET",
        "CAP_BELOW_ISSUED", "LAST_ACTIVE_KEY", "OFFSET_PROJECT_INELIGIBLE", "OFFSET_CAP_EXCEEDED",
        "PROJECT_MISMATCH", "NOT_KEY_EMITTER", "NO_ACCOUNT", "NODE_KEY_NOT_HELD"},
}


def test_statuses_are_those_of_before_the_move():
    before = {f"CODE_{name}": status for status, names in STATUSES_BEFORE_THE_MOVE.items() for name in names}
    now = {pb.Code.Name(value): status for value, status in CODE_STATUS.items()}
    assert {name: now[name] for name in before} == before


@pytest.mark.parametrize("code, status", [
    (pb.CODE_MALFORMED, S.INVALID_ARGUMENT),
    (pb.CODE_UNKNOWN_PAYLOAD_KIND, S.INVALID_ARGUMENT),
    (pb.CODE_MISSING_FIELD, S.INVALID_ARGUMENT),
    (pb.CODE_AMOUNT_NOT_POSITIVE, S.INVALID_ARGUMENT),
    (pb.CODE_AMOUNT_TOO_LARGE, S.INVALID_ARGUMENT),
    (pb.CODE_UNKNOWN_VINTAGE, S.INVALID_ARGUMENT),
    (pb.CODE_WRONG_CHAIN_ID, S.INVALID_ARGUMENT),
    (pb.CODE_SIGNATURE_MISSING, S.INVALID_ARGUMENT),
    (pb.CODE_SIGNATURE_INVALID, S.INVALID_ARGUMENT),
    (pb.CODE_TOO_LARGE, S.INVALID_ARGUMENT),
    (pb.CODE_UNKNOWN_KEY, S.PERMISSION_DENIED),
    (pb.CODE_KEY_REVOKED, S.PERMISSION_DENIED),
    (pb.CODE_ROLE_NOT_AUTHORIZED, S.PERMISSION_DENIED),
    (pb.CODE_OUTSIDE_JURISDICTION, S.PERMISSION_DENIED),
    (pb.CODE_NOT_ACCOUNT_HOLDER, S.PERMISSION_DENIED),
    (pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION, S.FAILED_PRECONDITION),
    (pb.CODE_INSUFFICIENT_BALANCE, S.FAILED_PRECONDITION),
    (pb.CODE_CAP_EXCEEDED, S.FAILED_PRECONDITION),
    (pb.CODE_LAST_ACTIVE_KEY, S.FAILED_PRECONDITION),
    (pb.CODE_CLIENT_ID_REUSED, S.ALREADY_EXISTS),
    (pb.CODE_PARTICIPANT_EXISTS, S.ALREADY_EXISTS),
    (pb.CODE_DUPLICATE_TX, S.ALREADY_EXISTS),
    (pb.CODE_UNKNOWN_PARTICIPANT, S.NOT_FOUND),
    (pb.CODE_UNKNOWN_ACCOUNT, S.NOT_FOUND),
])
def test_status_of(code, status):
    assert CODE_STATUS[code] == status


class _FakeCall:
    """What grpc_status.rpc_status.from_call reads from a finished call."""

    def __init__(self, error: ApiError) -> None:
        self._error = error

    def code(self) -> grpc.StatusCode:
        return self._error.status

    def details(self) -> str:
        return self._error.message

    def trailing_metadata(self):
        return self._error.trailing_metadata()


def _error_info(error: ApiError) -> tuple[status_pb2.Status, error_details_pb2.ErrorInfo]:
    (key, value), = error.trailing_metadata()
    assert key == "grpc-status-details-bin"
    assert isinstance(value, bytes)
    status = status_pb2.Status.FromString(value)
    assert len(status.details) == 1
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    return status, info


def test_trailing_metadata_carries_error_info():
    error = ApiError(S.FAILED_PRECONDITION, "INSUFFICIENT_BALANCE", "INSUFFICIENT_BALANCE: holds 1, needs 2",
                     tx_id="ab" * 32, height="7")
    status, info = _error_info(error)
    assert status.code == S.FAILED_PRECONDITION.value[0] == 9
    assert status.message == error.message
    assert info.reason == "INSUFFICIENT_BALANCE"
    assert info.domain == DOMAIN == "cets.v1"
    assert dict(info.metadata) == {"tx_id": "ab" * 32, "height": "7"}


def test_trailing_metadata_round_trips_through_grpc_status_and_the_sdk():
    error = ApiError(S.PERMISSION_DENIED, "KEY_REVOKED", "KEY_REVOKED: signatures[0].key_id: revoked at height 3 — 已吊销",
                     tx_id="00" * 32, height="0")
    status = rpc_status.from_call(_FakeCall(error))  # also checks code and message agree with the call
    assert status is not None and status.code == S.PERMISSION_DENIED.value[0]
    cets_error = CetsError.from_rpc_error(_FakeCall(error))
    assert cets_error.status == S.PERMISSION_DENIED
    assert cets_error.reason == "KEY_REVOKED"
    assert cets_error.metadata == {"tx_id": "00" * 32, "height": "0"}
    assert cets_error.message == error.message


def test_rpc_reason_without_metadata_round_trips():
    error = errors.invalid("PAGE_TOKEN_INVALID", "page_token: not a token this node issued")
    assert error.status == S.INVALID_ARGUMENT
    _, info = _error_info(error)
    assert (info.reason, info.domain, dict(info.metadata)) == ("PAGE_TOKEN_INVALID", DOMAIN, {})
    cets_error = CetsError.from_rpc_error(_FakeCall(error))
    assert (cets_error.status, cets_error.reason, cets_error.metadata) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", {})
    assert errors.not_found("BLOCK_NOT_FOUND", "height: got 9").status == S.NOT_FOUND


@pytest.mark.parametrize("code", REJECTION_CODES, ids=[pb.Code.Name(c) for c in REJECTION_CODES])
def test_from_receipt(code):
    receipt = pb.Receipt(tx_id=bytes(range(32)), status=pb.TX_STATUS_REJECTED, code=code, detail="field: got X, want Y", height=12)
    error = ApiError.from_receipt(receipt)
    assert error.status == CODE_STATUS[code]
    reason = pb.Code.Name(code).removeprefix("CODE_")
    assert error.reason == reason
    assert error.metadata == {"tx_id": bytes(range(32)).hex(), "height": "12"}
    assert error.message == f"{reason}: field: got X, want Y"
    _, info = _error_info(error)
    assert info.reason == reason
    assert dict(info.metadata) == error.metadata


def test_from_receipt_without_detail():
    error = ApiError.from_receipt(pb.Receipt(tx_id=b"\x01" * 32, status=pb.TX_STATUS_REJECTED, code=pb.CODE_SIGNATURE_MISSING))
    assert error.message == "SIGNATURE_MISSING"
    assert error.metadata["height"] == "0"
