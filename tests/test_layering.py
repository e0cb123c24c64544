"""The arrows of DESIGN.md section 1, checked by an AST scan of the source, every arrow both ways.

Everything imports as `cets.*` (one import namespace): `cets.v1` (the wire messages, proto/),
`cets.ledger` (ledger/), `cets.exchange` (exchange/), `cets.node` (node/), `cets.clients`
(clients/). Each layer may import the layers below it and never one above:

    cets.clients -> cets.node -> cets.exchange -> cets.ledger -> cets.v1

ledger/ is pure besides: it imports the wire messages, protobuf, cryptography, lmdb, itself and
pure standard-library modules; never gRPC, asyncio, sockets, the clock or randomness. No file
imports the folders by their bare names (`ledger`, `node`, ...): those are other projects' names.
"""

from __future__ import annotations

import ast
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Folder -> the import package it installs as (pyproject.toml's package-dir).
LAYERS = {"proto": "cets.v1", "ledger": "cets.ledger", "exchange": "cets.exchange", "node": "cets.node", "clients": "cets.clients"}
# What each layer may import of cets: itself and every layer below it.
ORDER = ["cets.v1", "cets.ledger", "cets.exchange", "cets.node", "cets.clients"]
ALLOWED_CETS = {layer: set(ORDER[: index + 1]) for index, layer in enumerate(ORDER)}
LEDGER_FILES = sorted((ROOT / "ledger").rglob("*.py"))
EXCHANGE_FILES = sorted((ROOT / "exchange").rglob("*.py"))
SOURCE_FILES = sorted(p for folder in ("ledger", "exchange", "node", "clients") for p in (ROOT / folder).rglob("*.py"))
ALL_PYTHON = sorted(p for folder in ("ledger", "exchange", "node", "clients", "tests", "bench", "proto") for p in (ROOT / folder).rglob("*.py"))

FORBIDDEN_IN_LEDGER = frozenset({
    "grpc", "grpc_status", "grpc_health", "grpc_reflection", "asyncio",
    "socket", "socketserver", "selectors", "ssl", "http", "urllib", "random", "time", "datetime", "uuid",
    "secrets", "subprocess", "multiprocessing", "concurrent", "structlog", "logging",
})
ALLOWED_THIRD_PARTY_IN_LEDGER = frozenset({"cets", "google", "cryptography", "lmdb"})
BARE_NAMES = frozenset({"ledger", "node", "clients", "exchange", "cetspb"})

# Calls that read the clock or draw randomness, by their dotted name as written.
FORBIDDEN_CALLS = frozenset({
    "time.time", "time.time_ns", "time.monotonic", "time.perf_counter", "datetime.now", "datetime.utcnow",
    "datetime.today", "date.today", "datetime.datetime.now", "datetime.datetime.utcnow", "uuid.uuid1",
    "uuid.uuid4", "uuid4", "uuid1", "os.urandom", "os.getrandom", "random.random", "Ed25519PrivateKey.generate",
})


def package_of(path: pathlib.Path) -> str:
    """The dotted package a source file installs into, e.g. ledger/txs/x.py -> cets.ledger.txs."""
    parts = path.relative_to(ROOT).parts
    base = LAYERS.get(parts[0], parts[0]).split(".")
    inner = list(parts[1:-1])
    if parts[0] == "proto" and inner[:2] == ["cets", "v1"]:
        inner = inner[2:]
    return ".".join(base + inner)


def imported_modules(path: pathlib.Path, package: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module) of every import, relative ones resolved against the file's package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = package_of(path) if package is None else package
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                found.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
            else:
                found.append((node.lineno, node.module))
    return found


def cets_layer(module: str) -> str | None:
    """The layer (`cets.ledger`, ...) a cets module belongs to; None outside cets."""
    if module == "cets":
        return "cets"
    for layer in ORDER:
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def dotted_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def relative(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_scan_sees_the_ledger_and_its_transaction_kinds():
    names = {relative(path) for path in LEDGER_FILES}
    assert {"ledger/machine.py", "ledger/state.py", "ledger/txs/registry/transfer.py"} <= names
    assert package_of(ROOT / "ledger" / "txs" / "registry" / "transfer.py") == "cets.ledger.txs.registry"
    assert package_of(ROOT / "proto" / "cets" / "v1" / "ledger_pb2.py") == "cets.v1"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=relative)
def test_each_layer_imports_only_itself_and_the_layers_below(path):
    own = LAYERS[path.relative_to(ROOT).parts[0]]
    bad = []
    for line, module in imported_modules(path):
        layer = cets_layer(module)
        if layer is None:
            continue
        if layer not in ALLOWED_CETS[own]:
            bad.append(f"line {line}: {own} imports {module} (an upper layer: {' -> '.join(reversed(ORDER))})")
    assert not bad, bad


@pytest.mark.parametrize("path", ALL_PYTHON, ids=relative)
def test_nothing_imports_the_folders_by_their_bare_names(path):
    bad = [f"line {line}: {module}" for line, module in imported_modules(path) if module.split(".")[0] in BARE_NAMES]
    assert not bad, bad


@pytest.mark.parametrize("path", LEDGER_FILES, ids=relative)
def test_ledger_imports_only_pure_modules(path):
    bad = []
    for line, module in imported_modules(path):
        top = module.split(".")[0]
        if top == "__future__":
            continue
        if top in FORBIDDEN_IN_LEDGER:
            bad.append(f"line {line}: {module} is forbidden in ledger/")
        elif top not in ALLOWED_THIRD_PARTY_IN_LEDGER and top not in sys.stdlib_module_names:
            bad.append(f"line {line}: {module} is neither standard library nor an allowed dependency")
    assert not bad, bad


@pytest.mark.parametrize("path", LEDGER_FILES, ids=relative)
def test_ledger_never_reads_the_clock_or_draws_randomness(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    bad = [
        f"line {node.lineno}: {dotted_name(node.func)}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and dotted_name(node.func) in FORBIDDEN_CALLS
    ]
    assert not bad, bad


def test_the_scan_catches_what_it_forbids(tmp_path):
    # The checks above pass vacuously if the scan is blind: run it on a file that breaks each rule.
    sample = tmp_path / "sample.py"
    sample.write_text("import time\nfrom cets.node import server\nfrom . import state\nimport yaml\nfrom ledger import x\n"
                      "x = time.time()\ny = uuid4()\n")
    modules = [module for _, module in imported_modules(sample, package="cets.ledger")]
    calls = {dotted_name(n.func) for n in ast.walk(ast.parse(sample.read_text())) if isinstance(n, ast.Call)}
    assert modules == ["time", "cets.node", "cets.ledger", "yaml", "ledger"]
    assert cets_layer("cets.node") not in ALLOWED_CETS["cets.ledger"]
    assert cets_layer("cets.ledger.state") in ALLOWED_CETS["cets.exchange"]
    assert cets_layer("cets.clients.sdk") not in ALLOWED_CETS["cets.node"]
    assert "ledger" in BARE_NAMES
    assert {"time.time", "uuid4"} <= calls & FORBIDDEN_CALLS


ENGINE_FILES = sorted((ROOT / "exchange" / "engine").rglob("*.py"))


@pytest.mark.parametrize("path", ENGINE_FILES, ids=relative)
def test_the_matching_engine_is_pure_like_the_ledger(path):
    # Anyone replays the chain's order flow through exchange/engine/ (`cets audit market`): it may
    # read no clock, draw no randomness, log nothing and reach no network, and imports nothing
    # but the standard library's pure modules and cets.ledger / cets.v1 below it.
    tree = ast.parse(path.read_text(), filename=str(path))
    bad = [f"line {line}: {module}" for line, module in imported_modules(path)
           if module.split(".")[0] in FORBIDDEN_IN_LEDGER
           or (module.split(".")[0] not in {"cets", "__future__"} and module.split(".")[0] not in sys.stdlib_module_names)]
    bad += [f"line {node.lineno}: {dotted_name(node.func)}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and dotted_name(node.func) in FORBIDDEN_CALLS]
    assert ENGINE_FILES and not bad, bad
