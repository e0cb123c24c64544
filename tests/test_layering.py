"""The arrows of DESIGN.md section 1, checked by an AST scan of the source.

ledger/ is pure: it imports the wire messages, protobuf, cryptography, lmdb, itself and pure
standard-library modules; never the node, the clients, the exchange, gRPC, asyncio, sockets, the
clock or randomness. exchange/ may import ledger/ but not node/ or clients/.
"""

from __future__ import annotations

import ast
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEDGER_FILES = sorted((ROOT / "ledger").rglob("*.py"))
EXCHANGE_FILES = sorted((ROOT / "exchange").rglob("*.py"))

FORBIDDEN_IN_LEDGER = frozenset({
    "node", "clients", "exchange", "grpc", "grpc_status", "grpc_health", "grpc_reflection", "asyncio",
    "socket", "socketserver", "selectors", "ssl", "http", "urllib", "random", "time", "datetime", "uuid",
    "secrets", "subprocess", "multiprocessing", "concurrent",
})
ALLOWED_THIRD_PARTY_IN_LEDGER = frozenset({"cetspb", "google", "cryptography", "lmdb", "ledger"})
FORBIDDEN_IN_EXCHANGE = frozenset({"node", "clients"})

# Calls that read the clock or draw randomness, by their dotted name as written.
FORBIDDEN_CALLS = frozenset({
    "time.time", "time.time_ns", "time.monotonic", "time.perf_counter", "datetime.now", "datetime.utcnow",
    "datetime.today", "date.today", "datetime.datetime.now", "datetime.datetime.utcnow", "uuid.uuid1",
    "uuid.uuid4", "uuid4", "uuid1", "os.urandom", "os.getrandom", "random.random", "Ed25519PrivateKey.generate",
})


def module_name(path: pathlib.Path, root: pathlib.Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def imported_modules(path: pathlib.Path, root: pathlib.Path = ROOT) -> list[tuple[int, str]]:
    """(line, absolute module) of every import, relative ones resolved against the file's package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
            else:
                found.append((node.lineno, node.module))
    return found


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
    assert {"ledger/machine.py", "ledger/state.py", "ledger/txs/transfer.py"} <= names


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


@pytest.mark.parametrize("path", EXCHANGE_FILES, ids=relative)
def test_exchange_imports_neither_node_nor_clients(path):
    bad = [f"line {line}: {module}" for line, module in imported_modules(path) if module.split(".")[0] in FORBIDDEN_IN_EXCHANGE]
    assert not bad, bad


def test_the_scan_catches_what_it_forbids(tmp_path):
    # The checks above pass vacuously if the scan is blind: run it on a file that breaks each rule.
    package = tmp_path / "ledger"
    package.mkdir()
    sample = package / "sample.py"
    sample.write_text("import time\nfrom node import server\nfrom . import state\nimport yaml\nx = time.time()\ny = uuid4()\n")
    modules = [module for _, module in imported_modules(sample, root=tmp_path)]
    calls = {dotted_name(n.func) for n in ast.walk(ast.parse(sample.read_text())) if isinstance(n, ast.Call)}
    assert modules == ["time", "node", "ledger", "yaml"]
    assert {"time.time", "uuid4"} <= calls & FORBIDDEN_CALLS
