"""`cets audit verify`: verify a whole chain, online from a node (--target) or offline from a stopped
node's data directory (--data), replaying every block (clients/audit.py does the work)."""

from __future__ import annotations

import pathlib
import sys

from cets.clients import render
from cets.clients.cli import history
from cets.clients.cli.common import Common, credentials, genesis_hash, target_address


def register(commands, common: Common) -> None:
    audit = commands.add_parser("audit", help="verify a chain").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="verify a whole chain, online (--target) or offline (--data)")
    verify.add_argument("--json", action="store_true")
    source = verify.add_mutually_exclusive_group(required=True)
    source.add_argument("--target", type=target_address, help="node address HOST:PORT")
    source.add_argument("--data", type=pathlib.Path, help="a stopped node's data directory")
    verify.add_argument("--expect-genesis", type=genesis_hash, help="hex genesis hash the chain must start from")
    common.tls_options(verify)
    verify.set_defaults(handler=_audit)
    history.register_audit(audit, common)


def _audit(args) -> int:
    from cets.clients.audit import AuditRefused, audit_data_dir, audit_node

    if args.data:
        try:
            result = audit_data_dir(args.data, args.expect_genesis)
        except AuditRefused as refused:  # not a chain it can read: no verdict on any block
            if args.json:
                render.emit_json({"ok": False, "error": {"reason": "AUDIT_REFUSED", "message": str(refused)}})
            else:
                print(f"error: {refused}", file=sys.stderr)
            return 1
    else:
        result = audit_node(args.target, args.expect_genesis, credentials=credentials(args))
    if args.json:
        render.emit_json(result.as_dict())
    else:
        _print_result(result)
    return 0 if result.ok else 1


def _print_result(result) -> None:
    counts = result.counts
    print(f"source        {result.source}")
    print(f"genesis       {result.genesis_hash}")
    print(f"blocks        {counts.get('blocks', 0)} verified (hash links, header signatures: {counts.get('header_signatures', 0)}, roots)")
    print(f"transactions  {counts.get('transactions', 0)} replayed: {counts.get('applied', 0)} applied, {counts.get('rejected', 0)} rejected, every signature and authorization checked")
    if result.state_entries_compared:
        print(f"state         {result.state_entries_compared} stored entries equal to the replay")
        print(f"tx index      {result.tx_index_entries_compared} entries point where the replay put them")
    if result.final_height is not None:
        print(f"final         verified up to the node's final height {result.final_height}")
    print(f"head          height {result.head_height} {result.head_hash}")
    if result.ok:
        print("OK: every state commitment reproduced")
    else:
        print(f"FAILED at height {result.bad_height}: {result.problem}", file=sys.stderr)
