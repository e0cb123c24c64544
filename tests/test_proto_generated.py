"""The generated protobuf code is never edited by hand, and every declaration of the contract is documented.

The first test runs proto/generate.py into a temporary folder and compares each generated file with
the committed one byte for byte. The others parse the .proto text simply and check that every
message, enum, enum value, field, oneof, service and rpc is preceded by a `//` comment; the parse
is cross-checked against the compiled descriptors so that a declaration it missed fails the test.
"""

from __future__ import annotations

import importlib
import pathlib
import re
import subprocess
import sys

import pytest

from cets.v1 import messages

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto" / "cets" / "v1"
PROTO_FILES = sorted(PROTO_DIR.glob("*.proto"))
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")

_BLOCK = re.compile(r"^\s*(message|enum|service|oneof|extend)\s+([\w.]+)\s*\{")
_RPC = re.compile(r"^\s*rpc\s+(\w+)\s*\(")
_FIELD = re.compile(r"^\s*(?:repeated\s+|optional\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+\s*[;\[]")
_ENUM_VALUE = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*=\s*-?\d+\s*[;\[]")


def declarations(text: str) -> list[tuple[int, str, str, bool]]:
    """(line, kind, name, documented) of each declaration; documented = the previous non-blank line is a comment."""
    found = []
    previous = ""
    scopes: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        documented = previous.startswith("//")
        block = _BLOCK.match(line)
        if block:
            found.append((number, block.group(1), block.group(2), documented))
            scopes.append(block.group(1))
        elif _RPC.match(line):
            found.append((number, "rpc", _RPC.match(line).group(1), documented))
        elif scopes and scopes[-1] == "enum" and _ENUM_VALUE.match(line):
            found.append((number, "enum value", _ENUM_VALUE.match(line).group(1), documented))
        elif scopes and scopes[-1] in ("message", "oneof", "extend") and _FIELD.match(line):
            found.append((number, "field", _FIELD.match(line).group(1), documented))
        if stripped.startswith("}"):
            scopes.pop()
        previous = stripped
    return found


def descriptor_names(file_descriptor) -> dict[str, set[str]]:
    """The same declarations as the compiler saw them, by kind (names only)."""
    names: dict[str, set[str]] = {kind: set() for kind in ("message", "enum", "enum value", "field", "oneof", "service", "rpc", "extend")}

    def add_enum(enum):
        names["enum"].add(enum.name)
        names["enum value"].update(value.name for value in enum.values)

    def add_message(message):
        names["message"].add(message.name)
        names["field"].update(field.name for field in message.fields)
        names["oneof"].update(oneof.name for oneof in message.oneofs)
        for nested in message.nested_types:
            if not nested.GetOptions().map_entry:  # a map field's entry message has no text of its own
                add_message(nested)
        for enum in message.enum_types:
            add_enum(enum)

    for message in file_descriptor.message_types_by_name.values():
        add_message(message)
    for enum in file_descriptor.enum_types_by_name.values():
        add_enum(enum)
    for extension in file_descriptor.extensions_by_name.values():  # an option such as (cets.v1.grpc_status)
        names["extend"].add(extension.containing_type.full_name)
        names["field"].add(extension.name)
    for service in file_descriptor.services_by_name.values():
        names["service"].add(service.name)
        names["rpc"].update(method.name for method in service.methods)
    return names


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("generated")
    completed = subprocess.run([sys.executable, str(ROOT / "proto" / "generate.py"), "--out", str(out)],
                               capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    return out / "cets" / "v1"


def committed_generated_files() -> list[str]:
    return sorted(p.stem + s for p in PROTO_FILES for s in GENERATED_SUFFIXES)


def test_there_are_proto_files_and_generated_files_for_each():
    assert {"types.proto", "registry.proto", "ledger.proto", "proofs.proto", "services.proto"} <= {p.name for p in PROTO_FILES}
    for name in committed_generated_files():
        assert (PROTO_DIR / name).is_file(), name


@pytest.mark.parametrize("name", committed_generated_files())
def test_committed_generated_file_equals_a_fresh_generation(regenerated, name):
    fresh = (regenerated / name).read_bytes()
    committed = (PROTO_DIR / name).read_bytes()
    assert fresh == committed, f"proto/cets/v1/{name} differs from a fresh generation: run `make proto`"


def test_generation_makes_no_file_that_is_not_committed(regenerated):
    made = sorted(p.name for p in regenerated.iterdir() if p.is_file())
    assert made == committed_generated_files()


@pytest.mark.parametrize("path", PROTO_FILES, ids=lambda p: p.name)
def test_every_declaration_is_preceded_by_a_comment(path):
    undocumented = [f"{path.name}:{line}: {kind} {name}" for line, kind, name, documented in declarations(path.read_text()) if not documented]
    assert not undocumented, "\n".join(undocumented)


@pytest.mark.parametrize("path", PROTO_FILES, ids=lambda p: p.name)
def test_the_text_parse_finds_every_declaration_the_compiler_found(path):
    module = importlib.import_module(f"cets.v1.{path.stem}_pb2")
    parsed: dict[str, set[str]] = {}
    for _, kind, name, _ in declarations(path.read_text()):
        parsed.setdefault(kind, set()).add(name)
    for kind, names in descriptor_names(module.DESCRIPTOR).items():
        missed = names - parsed.get(kind, set())
        assert not missed, f"{path.name}: the parse missed {kind}s {sorted(missed)}"


def test_the_parse_flags_an_undocumented_field_and_enum_value():
    text = ("// A.\nmessage A {\n  // x.\n  int32 x = 1;\n  int32 y = 2;\n}\nenum E {\n  E_ZERO = 0;\n}\n"
            "// O.\nextend google.protobuf.EnumValueOptions {\n  E e = 50001;\n}\n")
    flagged = [(kind, name) for _, kind, name, documented in declarations(text) if not documented]
    assert flagged == [("field", "y"), ("enum", "E"), ("enum value", "E_ZERO"), ("field", "e")]


def test_the_messages_namespace_holds_every_message_and_enum_of_every_data_file():
    """`cets.v1.messages` (imported as `pb`) re-exports every file but the services: a new domain
    file must be added to it, or its messages would be out of reach of `pb.Name`."""
    data_files = {p.name for p in PROTO_FILES} - {"services.proto"}
    assert {f.name.removeprefix("cets/v1/") for f in messages.FILES} == data_files
    for descriptor in messages.FILES:
        for name in [*descriptor.message_types_by_name, *descriptor.enum_types_by_name]:
            assert getattr(messages, name).DESCRIPTOR.file is descriptor, name
