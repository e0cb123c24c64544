"""One dispatch table: every payload kind of TxBody has a handler and a signer-roles row, and nothing else does."""

from __future__ import annotations

import pytest

from cets.v1 import ledger_pb2 as pb
from cets.ledger import authz, machine
from cets.ledger.txs import HANDLERS

PAYLOAD_KINDS = [field.name for field in pb.TxBody.DESCRIPTOR.oneofs_by_name["payload"].fields]


def test_the_payload_oneof_is_not_empty():
    assert len(PAYLOAD_KINDS) >= 13


def test_every_payload_kind_has_a_handler_and_no_handler_is_extra():
    assert sorted(HANDLERS) == sorted(PAYLOAD_KINDS)


def test_every_payload_kind_has_a_signer_roles_row_and_no_row_is_extra():
    assert sorted(authz.SIGNER_ROLES) == sorted(PAYLOAD_KINDS)


def test_the_machine_dispatches_on_the_same_kinds():
    assert sorted(machine.PAYLOAD_KINDS) == sorted(PAYLOAD_KINDS)


@pytest.mark.parametrize("kind", PAYLOAD_KINDS)
def test_handler_is_callable_and_roles_are_real_roles(kind):
    assert callable(HANDLERS[kind])
    roles = authz.SIGNER_ROLES[kind]
    assert roles, f"{kind}: no role may sign it"
    assert roles <= set(pb.Role.values()) - {pb.ROLE_UNSPECIFIED}


@pytest.mark.parametrize("kind", PAYLOAD_KINDS)
def test_payload_field_is_a_message_of_the_wire_contract(kind):
    field = pb.TxBody.DESCRIPTOR.fields_by_name[kind]
    assert field.message_type is not None and field.message_type.file is pb.DESCRIPTOR
