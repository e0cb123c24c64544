"""`cets audit verify`: verify a whole chain, online from a node (--target) or offline from a stopped
node's data directory (--data), replaying every block (clients/audit.py does the work).
`cets audit market`: verify the chain the same way, then replay each trading day's order flow
through the exchange's engine and check every settled batch against it (exchange/audit.py)."""

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
    market = audit.add_parser("market", help="replay the order flow on the chain through the engine and check every settled trade")
    market.add_argument("--json", action="store_true")
    source = market.add_mutually_exclusive_group(required=True)
    source.add_argument("--target", type=target_address, help="node address HOST:PORT")
    source.add_argument("--data", type=pathlib.Path, help="a stopped node's data directory")
    market.add_argument("--expect-genesis", type=genesis_hash, help="hex genesis hash the chain must start from")
    common.tls_options(market)
    market.set_defaults(handler=_audit_market)
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


def _audit_market(args) -> int:
    """Verify the chain (as `audit verify`), then the market on the replayed state."""
    from cets.clients.audit import AuditRefused, audit_data_dir, audit_node
    from cets.exchange.audit import audit_market
    from cets.ledger.state import State

    replayers: list = []
    try:
        if args.data:
            chain = audit_data_dir(args.data, args.expect_genesis, keep=replayers)
        else:
            chain = audit_node(args.target, args.expect_genesis, credentials=credentials(args), keep=replayers)
    except AuditRefused as refused:
        if args.json:
            render.emit_json({"ok": False, "error": {"reason": "AUDIT_REFUSED", "message": str(refused)}})
        else:
            print(f"error: {refused}", file=sys.stderr)
        return 1
    if not chain.ok:
        if args.json:
            render.emit_json({"ok": False, "chain": chain.as_dict(), "days": []})
        else:
            _print_result(chain)
        return 1
    with replayers[0].store.reader() as reader:
        market = audit_market(State(reader))
    if args.json:
        render.emit_json(dict(market.as_dict(), chain={"head_height": chain.head_height, "head_hash": chain.head_hash}))
    else:
        _print_market(chain, market)
    return 0 if market.ok else 1


def _print_market(chain, market) -> None:
    print(f"chain         verified to height {chain.head_height} {chain.head_hash}")
    for day in market.days:
        status = "OK" if day.ok else "FAILED"
        print(f"{day.trade_date}      {status}: {day.flow_entries} flow entries{' (ended)' if day.ended else ''}, {day.batches} batches, "
              f"{day.trades_settled} of {day.trades_expected} trades the rules produce, {day.items_pending} outcomes pending")
        if not day.ok:
            print(f"FAILED: {day.problem}", file=sys.stderr)
    if market.ok:
        print(f"OK: every settled trade and book outcome is what the rules produce ({len(market.days)} trading days)")
