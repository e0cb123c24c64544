"""The distribution installs beside anything: its wheel holds one top-level import package, `cets`.

`ledger`, `node`, `clients` and `exchange` are other projects' names on PyPI; the folders keep
their places in the repository (the layout is fixed) and install as `cets.ledger`, `cets.node`,
`cets.clients` and `cets.exchange`, with the generated messages as `cets.v1`.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # A copy of the tracked sources: building in the work tree would leave build/ and egg-info there.
    # (tracked files and new ones git does not ignore, as they are in the work tree)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            target = build / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(build)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = out.glob("cets-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_holds_one_top_level_import_package_cets(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist() if not name.split("/")[0].endswith((".dist-info", ".data"))}
    assert tops == {"cets"}


def test_the_wheel_holds_every_layer_and_the_transaction_kinds(wheel):
    names = set(wheel.namelist())
    for module in ("cets/__init__.py", "cets/v1/ledger_pb2.py", "cets/v1/ledger.proto", "cets/ledger/machine.py",
                   "cets/ledger/txs/registry/transfer.py", "cets/node/server.py", "cets/clients/cli/__init__.py", "cets/exchange/__init__.py"):
        assert module in names
    top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
    assert wheel.read(top_level).decode().split() == ["cets"]


def test_the_cli_entry_point_is_inside_the_namespace(wheel):
    entry_points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    assert "cets = cets.clients.cli:main" in wheel.read(entry_points).decode()


def test_every_source_package_of_the_repository_is_in_the_wheel(wheel):
    # pyproject.toml lists the packages one by one (each folder maps into `cets`): a new package
    # left off the list would work in the editable install and be missing from the wheel.
    names = set(wheel.namelist())
    for folder in ("ledger", "node", "clients", "exchange"):
        for init in (ROOT / folder).rglob("__init__.py"):
            inside = init.relative_to(ROOT / folder).as_posix()
            assert f"cets/{folder}/{inside}" in names, f"{folder}/{inside} is not in the wheel: list its package in pyproject.toml"
