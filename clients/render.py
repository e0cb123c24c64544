"""Turn messages into JSON-ready dicts and short human lines, one place for every command."""

from __future__ import annotations

import json
import sys

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.json_format import MessageToDict

from cets.v1 import messages as pb


def to_dict(message) -> dict:
    """JSON-ready fields, zeros included (a script reads `.issued` as 0, not null); 64-bit
    integers stay numbers (proto3 JSON would make them strings); a `Code` is spelled as the
    reason of an error is, without the enum prefix (OUTSIDE_JURISDICTION)."""
    return _numbers(message, MessageToDict(message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True))


def code_name(code: int) -> str:
    """A Code as errors spell it; a number this client does not know (a newer node) as itself."""
    try:
        return pb.Code.Name(code).removeprefix("CODE_")
    except ValueError:
        return str(code)


_CODE_ENUM = pb.Code.DESCRIPTOR.full_name
_INT64_TYPES = frozenset({FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_SINT64,
                          FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_SFIXED64})


def _numbers(message, data: dict) -> dict:
    for field in message.DESCRIPTOR.fields:
        if field.name not in data:
            continue
        if field.enum_type is not None and field.enum_type.full_name == _CODE_ENUM:
            names = data[field.name]  # an unknown value (a newer node's) stays a number
            data[field.name] = [_short(n) for n in names] if field.is_repeated else _short(names)
        elif field.type in _INT64_TYPES:
            data[field.name] = [int(v) for v in data[field.name]] if field.is_repeated else int(data[field.name])
        elif field.message_type is not None:
            values = getattr(message, field.name)
            if field.is_repeated:
                data[field.name] = [_numbers(v, d) for v, d in zip(values, data[field.name])]
            else:
                data[field.name] = _numbers(values, data[field.name])
    return data


def _short(name):
    return name.removeprefix("CODE_") if isinstance(name, str) else name


def hex_fields(data: dict, *names: str) -> dict:
    """JSON carries bytes as base64; ids and hashes read better as hex."""
    import base64

    for name in names:
        if name in data:
            data[name] = base64.b64decode(data[name]).hex()
    return data


def receipt_dict(receipt: pb.Receipt) -> dict:
    document = hex_fields(to_dict(receipt), "tx_id", "block_hash")
    document["events"] = [event_dict(event) for event in receipt.events]
    return document


def unit_text(unit: pb.Unit) -> str:
    product = pb.Product.Name(unit.product).removeprefix("PRODUCT_")
    return f"{product}-{unit.vintage}" + (f"/{unit.project_id}" if unit.project_id else "")


def receipt_text(receipt: pb.Receipt) -> str:
    where = f"block {receipt.height}#{receipt.index}" if receipt.height else "not in a block"
    detail = f" ({receipt.detail})" if receipt.detail else ""
    return f"{code_name(receipt.code)} {where} tx {receipt.tx_id.hex()}{detail}"


def event_dict(event: pb.Event) -> dict:
    """An event as {kind: fields}: `{"cancelled": {"amount": 5, ...}}`, units as CEA-2025."""
    kind = event.WhichOneof("event")
    if kind is None:
        return {"unknown": {}}  # a kind this client does not know (a newer node's)
    record = getattr(event, kind)
    fields = to_dict(record)
    for field in record.DESCRIPTOR.fields:
        if field.message_type is pb.Unit.DESCRIPTOR and not field.is_repeated:
            fields[field.name] = unit_text(getattr(record, field.name))
    return {kind: fields}


def event_text(event: pb.Event) -> str:
    """One line per event: its kind, then its fields."""
    ((kind, fields),) = event_dict(event).items()
    return " ".join([kind, *(f"{name}={_plain(value)}" for name, value in fields.items())])


def _plain(value) -> str:
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


def status_text(status: int) -> str:
    """A status as the compliance table prints it: A, B, C or PENDING."""
    return pb.ComplianceStatus.Name(status).removeprefix("COMPLIANCE_STATUS_")


def compliance_row(record: pb.ComplianceRecord) -> dict:
    """One line of the compliance table."""
    return {"emitter_id": record.emitter_id, "province": record.province, "year": record.year,
            "obligation": record.obligation_tonnes, "basis": pb.ObligationBasis.Name(record.obligation_basis).removeprefix("OBLIGATION_BASIS_"),
            "allowances": record.surrendered_allowances, "ccers": record.surrendered_ccers, "status": status_text(record.status),
            "shortfall": record.shortfall_tonnes, "closed": record.closed}


def emit_json(document) -> None:
    json.dump(document, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")
