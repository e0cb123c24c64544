"""The CLI's house: one module per group of commands, each registered from `GROUPS` through
`register(commands, common)`, every command with a handler and --json, every function short.

So a later domain (MRV, supervision, trading) adds a module and one line in `GROUPS`; a module
left off the list, or a command without a handler, fails here rather than at a user's prompt.
"""

from __future__ import annotations

import argparse
import ast
import pathlib

import pytest

from cets.clients import cli
from cets.clients.cli.common import Common

PACKAGE = pathlib.Path(cli.__file__).parent
NOT_GROUPS = {"__init__", "__main__", "common"}
FUNCTION_LINES_MAX = 40


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every command that runs something: the leaves of the tree."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
        return
    for name, sub in subparsers[0].choices.items():
        yield from leaf_commands(sub, (*path, name))


def test_every_module_of_the_package_is_a_group_listed_once():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - NOT_GROUPS
    listed = [group.__name__.rsplit(".", 1)[1] for group in cli.GROUPS]
    assert sorted(listed) == sorted(set(listed)) == sorted(modules)


def test_every_command_has_a_handler_and_takes_json():
    leaves = list(leaf_commands(cli.parser()))
    assert len(leaves) > 20
    for words, parser in leaves:
        assert callable(parser.get_default("handler")), words
        assert "--json" in parser._option_string_actions, words


def test_groups_take_their_defaults_from_the_common_options_they_are_given(tmp_path):
    top = cli.parser(Common(default_target="127.0.0.1:9", default_data=tmp_path))
    assert top.parse_args(["head"]).target == "127.0.0.1:9"
    assert top.parse_args(["submit", "transfer"]).target == "127.0.0.1:9"
    assert top.parse_args(["node", "run"]).data == tmp_path
    assert top.parse_args(["transfer"]).keys == tmp_path / "keys"


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_every_function_is_short(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = node.end_lineno - node.lineno + 1
            assert lines <= FUNCTION_LINES_MAX, f"{path.name}: {node.name} has {lines} lines, want at most {FUNCTION_LINES_MAX}"
