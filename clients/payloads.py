"""Build any transaction kind's payload from flags or from a JSON/YAML document, by reflection.

Nothing here knows a kind by name: the payload's message type comes from `TxBody`'s oneof, the
friendly flags of domain commands from the kind's declaration (`cets.ledger.txs.KINDS`). So a new
kind is submittable the moment it is declared. Errors are `PayloadError`s that name the field
("unit.vintage: got 'x', want an integer"): the CLI turns them into usage errors.

Paths name payload fields with dots ("unit.vintage"); `items[]` names the single element of a
repeated field that flags can fill (several elements: a file).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from google.protobuf import json_format, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from cets.v1 import messages as pb
from cets.ledger.txs import KINDS

INT_TYPES = frozenset({FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_SINT32,
                       FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_SFIXED32, FieldDescriptor.TYPE_SFIXED64})
UINT_TYPES = frozenset({FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_FIXED32,
                        FieldDescriptor.TYPE_FIXED64})
_BOUNDS = {32: (-(2**31), 2**31 - 1), 64: (-(2**63), 2**63 - 1)}
_WIDE = frozenset({FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_SFIXED64,
                   FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_FIXED64})


class PayloadError(ValueError):
    """A payload that cannot be built; the message starts with the field's path."""


def kind_names() -> list[str]:
    return sorted(KINDS)


def payload_descriptor(kind: str) -> Descriptor:
    field = pb.TxBody.DESCRIPTOR.fields_by_name.get(kind)
    if field is None or field.containing_oneof is None or kind not in KINDS:
        raise PayloadError(f"kind: got {kind!r}, want one of {', '.join(kind_names())}")
    return field.message_type


def new_payload(kind: str):
    return message_factory.GetMessageClass(payload_descriptor(kind))()


def scalar_paths(descriptor: Descriptor, prefix: str = "") -> list[tuple[str, FieldDescriptor]]:
    """Every scalar or enum field reachable through singular message fields, as (dotted path, field):
    the fields `cets submit KIND --path value` can set. Repeated fields take a file."""
    paths = []
    for field in descriptor.fields:
        path = f"{prefix}{field.name}"
        if field.is_repeated:
            continue
        if field.message_type is not None:
            paths += scalar_paths(field.message_type, f"{path}.")
        else:
            paths.append((path, field))
    return paths


def set_path(message, path: str, value: Any) -> None:
    """Set the field at `path` from a string (a flag) or a ready value."""
    steps = path.split(".")
    for step in steps[:-1]:
        message = _step_into(message, step, path)
    last = steps[-1]
    if last.endswith("[]"):  # one element of a repeated scalar ("emitter_ids[]"); several: a file
        field = message.DESCRIPTOR.fields_by_name.get(last[:-2])
        if field is None or not field.is_repeated or field.message_type is not None:
            raise PayloadError(f"{path}: not a repeated scalar field of {message.DESCRIPTOR.full_name}")
        getattr(message, last[:-2]).append(convert(path, field, value))
        return
    field = message.DESCRIPTOR.fields_by_name.get(last)
    if field is None or field.is_repeated or field.message_type is not None:
        raise PayloadError(f"{path}: not a single scalar field of {message.DESCRIPTOR.full_name}")
    setattr(message, last, convert(path, field, value))


def _step_into(message, step: str, path: str):
    name = step.removesuffix("[]")
    field = message.DESCRIPTOR.fields_by_name.get(name)
    if field is None or field.message_type is None:
        raise PayloadError(f"{path}: {message.DESCRIPTOR.full_name} has no message field {name!r}")
    if field.is_repeated:
        items = getattr(message, name)
        return items[0] if len(items) else items.add()
    return getattr(message, name)


def convert(path: str, field: FieldDescriptor, value: Any):
    """A flag's text (or a ready value) as the field's type, or a PayloadError naming the field."""
    if field.enum_type is not None:
        return _enum_value(path, field, value)
    if field.type in INT_TYPES or field.type in UINT_TYPES:
        return _integer(path, field, value)
    if field.type == FieldDescriptor.TYPE_BOOL:
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "yes", "1"):
            return True
        if str(value).lower() in ("false", "no", "0"):
            return False
        raise PayloadError(f"{path}: got {value!r}, want true or false")
    if field.type == FieldDescriptor.TYPE_BYTES:
        if isinstance(value, bytes):
            return value
        try:
            return bytes.fromhex(str(value))
        except ValueError:
            raise PayloadError(f"{path}: got {value!r}, want hex bytes") from None
    if field.type == FieldDescriptor.TYPE_STRING:
        return str(value)
    raise PayloadError(f"{path}: a {field.type} field cannot be set from a flag")  # doubles: none in cets.v1


def _integer(path: str, field: FieldDescriptor, value: Any) -> int:
    text = str(value).replace("_", "")
    if isinstance(value, bool) or not text.lstrip("-").isascii() or not text.lstrip("-").isdigit():
        raise PayloadError(f"{path}: got {value!r}, want an integer")
    number = int(text)
    width = 64 if field.type in _WIDE else 32
    low, high = (0, 2**width - 1) if field.type in UINT_TYPES else _BOUNDS[width]
    if not low <= number <= high:
        raise PayloadError(f"{path}: got {number}, want {low}..{high}")
    return number


def _enum_value(path: str, field: FieldDescriptor, value: Any) -> int:
    """An enum by its name, its name without the type's prefix (CEA for PRODUCT_CEA), any case, or its number."""
    enum = field.enum_type
    if isinstance(value, int) and not isinstance(value, bool):
        if value in enum.values_by_number:
            return value
    else:
        text = str(value).upper().replace("-", "_")
        for candidate in enum.values:
            if text in (candidate.name, _without_prefix(enum, candidate.name)):
                return candidate.number
    names = [_without_prefix(enum, v.name) for v in enum.values if v.number != 0]
    raise PayloadError(f"{path}: got {value!r}, want one of {', '.join(names)}")


def _without_prefix(enum, name: str) -> str:
    prefix = "".join("_" + c if c.isupper() and i else c for i, c in enumerate(enum.name)).upper() + "_"
    return name.removeprefix(prefix)


def payload_from_flags(kind: str, values: Mapping[str, Any], fixed: Mapping[str, Any] = {}) -> Any:
    """A payload with `fixed` then `values` (path -> text) set; unset fields keep their zero."""
    payload = new_payload(kind)
    for path, value in [*fixed.items(), *values.items()]:
        if value is not None:
            set_path(payload, path, value)
    return payload


def payload_from_document(kind: str, document: Any, where: str = "payload") -> Any:
    """A payload from a JSON/YAML mapping of its fields (proto3 JSON: field names, enum names,
    64-bit integers as numbers or strings, bytes as base64); unknown fields are refused."""
    if not isinstance(document, Mapping):
        raise PayloadError(f"{where}: got {type(document).__name__}, want a mapping of {kind}'s fields")
    payload = new_payload(kind)
    try:
        json_format.ParseDict(dict(document), payload, ignore_unknown_fields=False)
    except json_format.ParseError as error:
        raise PayloadError(f"{where}: {error}") from None
    return payload


def entries_from_document(document: Any, kind: str | None) -> list[tuple[str, Any, str | None]]:
    """(kind, payload, client_id) for each transaction a file describes.

    A file holds one entry or a list of them. An entry is `{"kind": K, "payload": {...},
    "client_id": optional}`; under `cets submit KIND --file` an entry may also be the payload's
    fields alone, for that KIND."""
    entries = document if isinstance(document, list) else [document]
    if not entries:
        raise PayloadError("file: holds no transaction")
    built = []
    for index, entry in enumerate(entries):
        where = f"[{index}]" if isinstance(document, list) else "file"
        if isinstance(entry, Mapping) and "payload" in entry:
            unknown = set(entry) - {"kind", "payload", "client_id"}
            if unknown:
                raise PayloadError(f"{where}: unknown keys {sorted(unknown)}, want kind, payload, client_id")
            entry_kind = entry.get("kind", kind)
            if entry_kind is None:
                raise PayloadError(f"{where}.kind: missing")
            if kind is not None and entry_kind != kind:
                raise PayloadError(f"{where}.kind: got {entry_kind!r}, this command submits {kind!r}")
            payload_descriptor(entry_kind)
            client_id = entry.get("client_id")
            if client_id is not None and not isinstance(client_id, str):
                raise PayloadError(f"{where}.client_id: got {client_id!r}, want text")
            built.append((entry_kind, payload_from_document(entry_kind, entry["payload"], f"{where}.payload"), client_id))
        elif kind is not None:
            built.append((kind, payload_from_document(kind, entry, where), None))
        else:
            raise PayloadError(f"{where}: want {{\"kind\": ..., \"payload\": {{...}}}}")
    return built


def load_document(text: str, name: str) -> Any:
    """JSON, or YAML for .yaml/.yml files."""
    if name.endswith((".yaml", ".yml")):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise PayloadError(f"{name}: not YAML: {error}") from None
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PayloadError(f"{name}: not JSON: {error}") from None


def flag_name(path: str) -> str:
    return "--" + path.replace("_", "-")


def generic_flags(kind: str) -> Iterable[tuple[str, str, FieldDescriptor]]:
    """(flag, path, field) for `cets submit KIND`: one flag per scalar path."""
    return [(flag_name(path), path, field) for path, field in scalar_paths(payload_descriptor(kind))]
