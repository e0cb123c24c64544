"""The `cets` command line: run a node, run the demo, audit a chain, query a node, submit any
transaction kind.

Every command takes --json for scripts; exit status 0 means success, 1 a failed check or a
refused request, 2 a usage error.

One module per group of commands, each with `register(commands, common)` adding its commands to
the top-level subparsers and setting each one's handler; `common.py` holds what they share. A new
domain (MRV, supervision, trading) adds its module and one line in `GROUPS`. Transaction kinds
need not: `submit.py` gives every declared kind `cets submit KIND`, and a domain command to each
whose declaration has a `Cli` surface.
"""

from __future__ import annotations

import argparse
import sys

from cets.clients.cli import (
    audit, certificate, chain, demo, enforcement, export, history, mrv, node, registry, submit, supervise, tips, trading,
)
from cets.clients.cli.common import CliParser, Common, run

# The order of `cets --help`.
GROUPS = (node, demo, audit, chain, history, export, certificate, registry, mrv, supervise, enforcement, tips, trading, submit)


def parser(common: Common | None = None) -> argparse.ArgumentParser:
    top = CliParser(prog="cets", description="cets: the national carbon emissions trading ledger")
    commands = top.add_subparsers(dest="command", required=True)
    common = common or Common()
    for group in GROUPS:
        group.register(commands, common)
    return top


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    CliParser.json_errors = "--json" in arguments
    top = parser()
    args = top.parse_args(arguments)
    args.parser = top
    return run(args)
