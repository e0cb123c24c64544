"""Strict decoding: signed and hashed bytes must mean exactly one thing.

Protobuf parsers keep fields they do not know and fold repeated fields silently, so two nodes of
different versions, or a tampered copy, could read the same bytes two ways. Everything the ledger
verifies is therefore required to carry no unknown field and to be in canonical encoding (the
bytes our own serializer writes for the parsed message).
"""

from __future__ import annotations

from google.protobuf.message import Message
from google.protobuf.unknown_fields import UnknownFieldSet


def unknown_field_path(message: Message, path: str) -> str | None:
    """The path of the first (nested) message carrying unknown fields, if any."""
    if len(UnknownFieldSet(message)):
        return path
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None:
            continue
        items = value if descriptor.is_repeated else [value]
        for index, item in enumerate(items):
            name = f"{path}.{descriptor.name}" + (f"[{index}]" if descriptor.is_repeated else "")
            found = unknown_field_path(item, name)
            if found:
                return found
    return None


def is_canonical(message: Message, raw: bytes) -> bool:
    return message.SerializeToString(deterministic=True) == raw


def is_strict(message: Message, raw: bytes) -> bool:
    """Whether `message`, just parsed from `raw`, carries no unknown field at any depth and is in
    canonical encoding: both checks above in one pass in C (they run on every transaction and block).

    It discards `message`'s unknown fields first: serialized without them, the message can equal
    `raw` only if `raw` held none (parsing `raw` again would give a message without unknown fields)
    and was canonical. When it returns False, `message` has changed: parse `raw` again, and run the
    two checks above to name what is wrong."""
    message.DiscardUnknownFields()
    return message.SerializeToString(deterministic=True) == raw
