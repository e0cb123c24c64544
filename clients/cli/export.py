"""`cets chain export --out FILE`: write a chain to one portable file (clients/export.py), from a node
(--target, its final blocks) or from a stopped node's data directory (--data); `cets audit verify
--file FILE --expect-genesis HASH` checks it with nothing else."""

from __future__ import annotations

import pathlib
import sys

from cets.clients import render
from cets.clients.cli.common import Common, credentials


def register(commands, common: Common) -> None:
    chain_commands = common.group(commands, "chain", "the chain: cosigned checkpoints of its history; the whole chain as one file")
    export = chain_commands.add_parser("export", help="write the chain to one portable file (cets audit verify --file checks it)")
    export.add_argument("--out", type=pathlib.Path, required=True, help="the file to write (replaced only once it is whole)")
    export.add_argument("--data", type=pathlib.Path, help="export a stopped node's data directory instead of calling a node")
    common.node_options(export)
    export.set_defaults(handler=_export)


def _export(args) -> int:
    from cets.clients.export import ExportFailed, export_data_dir, export_node

    try:
        if args.data:
            summary = export_data_dir(args.data, args.out)
        else:
            summary = export_node(args.target, args.out, credentials=credentials(args))
    except ExportFailed as failed:
        if args.json:
            render.emit_json({"ok": False, "error": {"reason": "EXPORT_FAILED", "message": str(failed)}})
        else:
            print(f"error: EXPORT_FAILED: {failed}", file=sys.stderr)
        return 1
    if args.json:
        render.emit_json({"ok": True, **summary.as_dict()})
        return 0
    print(f"exported      {summary.blocks} blocks, {summary.transactions} transactions, {summary.bytes:,} bytes to {summary.path}")
    print(f"source        {summary.source}")
    print(f"genesis       {summary.genesis_hash}")
    print(f"head          {summary.head_hash}")
    print(f"verify with   cets audit verify --file {summary.path} --expect-genesis {summary.genesis_hash}")
    return 0
