"""The `cets chain` group, the chain's history: `cets chain checkpoint` (fetch and verify a node's
checkpoint, --save it, or check a saved one with --file); and `cets audit checkpoint` (verify, prove
consistent with the stored one, advance), which clients/cli/audit.py adds to its group from here.
clients/checkpoints.py does the work."""

from __future__ import annotations

import pathlib

from cets.clients.cli.common import Common, client, genesis_hash, output, positive_int


def register(commands, common: Common) -> None:
    chain_commands = common.group(commands, "chain", "the chain: cosigned checkpoints of its history; the whole chain as one file")
    checkpoint = chain_commands.add_parser("checkpoint", help="a node's cosigned checkpoint of the history, verified from the genesis")
    common.node_options(checkpoint)
    checkpoint.add_argument("--size", type=positive_int, default=0, help="the history size (a height); the latest final one by default")
    checkpoint.add_argument("--expect-genesis", type=genesis_hash, help="the hex genesis hash pinned, the checkpoint's only trust root")
    checkpoint.add_argument("--save", type=pathlib.Path, help="write the checked checkpoint (genesis, key changes, signed header) here")
    checkpoint.add_argument("--file", type=pathlib.Path, help="check a saved checkpoint offline instead (needs --expect-genesis)")
    checkpoint.set_defaults(handler=_chain_checkpoint)


def register_audit(audit_commands, common: Common) -> None:
    """`cets audit checkpoint`, in the `cets audit` group (clients/cli/audit.py)."""
    checkpoint = audit_commands.add_parser("checkpoint", help="verify the node's latest checkpoint, prove it consistent with the last one "
                                                              "verified, and keep it (a rollback or fork is reported as evidence)")
    common.node_options(checkpoint)
    checkpoint.add_argument("--expect-genesis", type=genesis_hash, required=True, help="the hex genesis hash pinned")
    checkpoint.add_argument("--store", type=pathlib.Path, help="the file keeping the last verified checkpoint "
                                                               "(default: $XDG_DATA_HOME/cets/checkpoints/GENESIS.checkpoint)")
    checkpoint.set_defaults(handler=_audit_checkpoint)


def _chain_checkpoint(args) -> int:
    from cets.clients.checkpoints import check_file, fetch_checkpoint

    if args.file:
        if not args.expect_genesis or args.save or args.size:
            args.parser.error("--file checks a saved checkpoint offline: give --expect-genesis, and neither --save nor --size")
        document, status = check_file(args.file, args.expect_genesis)
        output(args, document)
        return status
    with client(args) as node:
        document, status = fetch_checkpoint(node, args.expect_genesis, args.size, args.save)
    output(args, document)
    return status


def _audit_checkpoint(args) -> int:
    from cets.clients.checkpoints import CheckpointStore, audit_checkpoint, default_store

    store = CheckpointStore(args.store or default_store(args.expect_genesis))
    with client(args) as node:
        document, status = audit_checkpoint(node, args.expect_genesis, store)
    output(args, document)
    return status
