"""`cets audit verify`: verify a whole chain, online from a node (--target), offline from a stopped
node's data directory (--data) or from an export file (--file, `cets chain export`), replaying every
block (clients/audit.py does the work). `cets audit market`: verify the chain the same way (--target
or --data), then replay each trading day's order flow through the exchange's engine and check every
settled batch against it (exchange/audit.py)."""

from __future__ import annotations

import os
import pathlib
import sys
import time

from cets.clients import render
from cets.clients.cli import history
from cets.clients.cli.common import Common, credentials, genesis_hash, hex32, positive_int, target_address

PROGRESS_INTERVAL_S = 0.5


def register(commands, common: Common) -> None:
    audit = commands.add_parser("audit", help="verify a chain").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="verify a whole chain, online (--target) or offline (--data, --file)")
    verify.add_argument("--json", action="store_true")
    source = verify.add_mutually_exclusive_group(required=True)
    source.add_argument("--target", type=target_address, help="node address HOST:PORT")
    source.add_argument("--data", type=pathlib.Path, help="a stopped node's data directory")
    source.add_argument("--file", type=pathlib.Path, help="an export file (cets chain export), verified from --expect-genesis alone")
    verify.add_argument("--expect-genesis", type=genesis_hash, help="hex genesis hash the chain must start from (required with --file)")
    verify.add_argument("--expect-head", type=_head_hash, help="with --file: hex header hash the chain must end at (a file cut short "
                                                                 "and given a new trailer is a valid shorter chain)")
    verify.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1,
                        help="with --file: processes checking transaction signatures (default: the cores, %(default)s; 1: none, in order)")
    verify.add_argument("--progress", action="store_true", help="with --file: show progress on stderr even when it is not a terminal")
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


def _head_hash(value: str) -> str:
    return hex32(value, "head hash").hex()


def _audit(args) -> int:
    from cets.clients.audit import AuditRefused, audit_data_dir, audit_node

    if args.file:
        result = _audit_file(args)
    elif args.data:
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


def _audit_file(args):
    from cets.clients.audit import audit_export

    if not args.expect_genesis:
        args.parser.error("--file needs --expect-genesis HASH: the pinned genesis is the file's only trust root")
    show = args.progress or sys.stderr.isatty()
    progress = Progress(args.file) if show else None
    try:
        return audit_export(args.file, args.expect_genesis, args.expect_head, args.workers, progress)
    finally:
        if progress is not None:
            progress.done()


class Progress:
    """One line on stderr, rewritten at most every PROGRESS_INTERVAL_S and once at the end:
    blocks, transactions, rate, share of the file."""

    def __init__(self, path: pathlib.Path) -> None:
        try:
            self.size = max(path.stat().st_size, 1)
        except OSError:
            self.size = 1
        self.started = self.shown = time.monotonic()
        self.last: tuple | None = None

    def __call__(self, report, bytes_read: int) -> None:
        self.last = (report.height, report.transactions, bytes_read)
        now = time.monotonic()
        if now - self.shown >= PROGRESS_INTERVAL_S:
            self.shown = now
            self._show()

    def _show(self) -> None:
        height, transactions, bytes_read = self.last
        rate = transactions / max(time.monotonic() - self.started, 1e-9)
        print(f"\rblock {height:,}  transactions {transactions:,}  {rate:,.0f} tx/s  {100 * bytes_read / self.size:.0f}% of the file ",
              end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.last is not None:
            self._show()
            print(file=sys.stderr)


def _print_result(result) -> None:
    counts = result.counts
    print(f"source        {result.source}")
    print(f"genesis       {result.genesis_hash}")
    print(f"blocks        {counts.get('blocks', 0)} verified (hash links, header signatures: {counts.get('header_signatures', 0)}, roots)")
    print(f"transactions  {counts.get('transactions', 0)} replayed: {counts.get('applied', 0)} applied, {counts.get('rejected', 0)} rejected, every signature and authorization checked")
    if result.state_entries_compared:
        print(f"state         {result.state_entries_compared} stored entries equal to the replay")
        print(f"tx index      {result.tx_index_entries_compared} entries point where the replay put them")
    if result.workers > 1:
        print(f"signatures    of {result.prechecked} transactions verified on {result.workers} processes ahead of the replay, the rest in it")
    if result.final_height is not None:
        print(f"final         verified up to the node's final height {result.final_height}")
    print(f"head          height {result.head_height} {result.head_hash}")
    if result.ok:
        print("OK: every state commitment reproduced")
    else:
        where = f" at height {result.bad_height}" if result.bad_height is not None else ""
        print(f"FAILED{where}: {result.problem}", file=sys.stderr)
        print(f"reason        {result.reason}", file=sys.stderr)


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
