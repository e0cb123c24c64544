"""`cets demo`: the scripted scenario (clients/demo.py) against a node, each step printed."""

from __future__ import annotations

import pathlib
import sys

from cets.clients import render
from cets.clients.cli.common import Common, credentials


def register(commands, common: Common) -> None:
    demo = common.command(commands, "demo", "run the scripted demo scenario against a node")
    demo.add_argument("--keys", type=pathlib.Path, help="directory of founders' key files (default: the dev keys)")
    demo.add_argument("--portal", metavar="URL", help="the node's public portal, printed at the end if it answers "
                      "(default: http://HOST:7546/ beside the gRPC target, as make run serves it)")
    demo.set_defaults(handler=_demo, dev_keys=common.default_data / "keys")


def _demo(args) -> int:
    from cets.clients.demo import DemoFailed, run_demo

    if args.keys is not None and not args.keys.is_dir():
        args.parser.error(f"--keys {args.keys}: no such directory")
    keys = args.keys if args.keys else (args.dev_keys if args.dev_keys.is_dir() else None)
    try:
        document = run_demo(args.target, keys, echo=not args.json, credentials=credentials(args), portal=args.portal)
    except DemoFailed as failed:
        if args.json:
            render.emit_json({"error": {"reason": "DEMO_STEP_FAILED", "step": failed.step, "message": failed.problem}, "steps": failed.steps})
        else:
            print(f"error: {failed}", file=sys.stderr)
        return 1
    if args.json:
        render.emit_json(document)
    return 0
