"""Turn messages into JSON-ready dicts and short human lines, one place for every command."""

from __future__ import annotations

import json
import sys

from google.protobuf.json_format import MessageToDict

from cetspb.v1 import ledger_pb2 as pb


def to_dict(message) -> dict:
    return MessageToDict(message, preserving_proto_field_name=True, always_print_fields_with_no_presence=False)


def hex_fields(data: dict, *names: str) -> dict:
    """JSON carries bytes as base64; ids and hashes read better as hex."""
    import base64

    for name in names:
        if name in data:
            data[name] = base64.b64decode(data[name]).hex()
    return data


def receipt_dict(receipt: pb.Receipt) -> dict:
    return hex_fields(to_dict(receipt), "tx_id", "block_hash")


def unit_text(unit: pb.Unit) -> str:
    product = pb.Product.Name(unit.product).removeprefix("PRODUCT_")
    return f"{product}-{unit.vintage}" + (f"/{unit.project_id}" if unit.project_id else "")


def receipt_text(receipt: pb.Receipt) -> str:
    code = pb.Code.Name(receipt.code).removeprefix("CODE_")
    where = f"block {receipt.height}#{receipt.index}" if receipt.height else "not in a block"
    detail = f" ({receipt.detail})" if receipt.detail else ""
    return f"{code} {receipt.tx_id.hex()[:16]} {where}{detail}"


def emit_json(document) -> None:
    json.dump(document, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")
