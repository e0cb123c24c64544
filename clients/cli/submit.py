"""`cets submit KIND` and the domain commands (`cets transfer`, `cets cancel`, ...): build, sign
with a key file and submit any transaction kind, or check it locally with `--dry-run`.

Both come from the kinds' declarations (`cets.ledger.txs.KINDS`): `cets submit KIND` has one flag
per scalar field of the payload (`--unit.vintage`), and a kind whose declaration has a `Cli`
surface gets a domain command with its friendly flags. A file (`--file`, JSON or YAML) holds one
payload or many; many go to the node as one batch. Exit status: 0 every transaction applied,
1 a rejection (the receipt says why), 2 a usage error naming the field.
"""

from __future__ import annotations

import argparse
import pathlib

from cets.v1 import messages as pb
from cets.clients import payloads, render
from cets.clients.builder import TxBuilder, cosign, signed_tx_id
from cets.clients.cli.common import Common, client
from cets.clients.payloads import PayloadError
from cets.ledger import crypto, keyfile
from cets.ledger.errors import Rejection
from cets.ledger.txs import KINDS


# Kinds with their own submission RPC (the Trading service's order entry); every other goes through Registry.Submit.
SUBMITTERS = {"place_order": "place_order", "cancel_order": "cancel_order"}


def register(commands, common: Common) -> None:
    """`submit KIND ...` for every declared kind, then the domain commands of those that declare one."""
    submit = commands.add_parser("submit", help="build, sign and submit any transaction kind (flags or --file)")
    kinds = submit.add_subparsers(dest="kind", required=True, metavar="KIND")
    for name, kind in sorted(KINDS.items()):
        _register_kind(kinds, common, name, kind)
    groups: dict[str, object] = {}  # a command of two words ("order place") is a subcommand of its group
    for name, kind in sorted(KINDS.items()):
        if kind.cli is not None:
            _register_domain_command(_parent(commands, groups, kind.cli.command), common, name, kind)


def _parent(commands, groups: dict[str, object], command: str):
    """The subparsers a domain command goes into: the top level's, or its group's ("order")."""
    if " " not in command:
        return commands
    group = command.split(" ")[0]
    if group not in groups:
        parser = commands.add_parser(group, help=f"{group} commands: " + ", ".join(
            kind.cli.command.split(" ", 1)[1] for kind in KINDS.values() if kind.cli is not None and kind.cli.command.startswith(group + " ")))
        groups[group] = parser.add_subparsers(dest=f"{group}_command", required=True)
    return groups[group]


def _register_kind(kinds, common: Common, name: str, kind) -> None:
    """`cets submit KIND`: one flag per scalar field of the payload (`--unit.vintage`)."""
    sub = kinds.add_parser(name, help=kind.summary, description=kind.summary)
    common.node_options(sub)
    _add_signing(sub, common.default_data)
    flags = payloads.generic_flags(name)
    for flag, path, field in flags:
        sub.add_argument(flag, dest=_dest(path), metavar=_metavar(field), help=f"payload field {path}")
    sub.set_defaults(handler=_submit, flag_paths={_dest(path): path for _, path, _ in flags}, fixed={}, required={})


def _register_domain_command(commands, common: Common, name: str, kind) -> None:
    """`cets transfer --from ... --to ...`: the friendly flags of the kind's `Cli` declaration."""
    cli = kind.cli
    sub = commands.add_parser(cli.command.split(" ")[-1], help=f"{cli.help} (submits {name})", description=kind.summary)
    common.node_options(sub)
    _add_signing(sub, common.default_data)
    for flag, path in cli.flags.items():
        optional = " (optional)" if flag in cli.optional else ""
        sub.add_argument(f"--{flag}", dest=_dest(path), metavar=flag.upper(), help=f"payload field {path}{optional}")
    sub.set_defaults(handler=_submit, kind=name, flag_paths={_dest(path): path for path in cli.flags.values()}, fixed=dict(cli.fixed),
                     required={_dest(path): f"--{flag}" for flag, path in cli.flags.items() if flag not in cli.optional})


def _add_signing(sub: argparse.ArgumentParser, default_data: pathlib.Path) -> None:
    sub.set_defaults(command_parser=sub)
    sub.add_argument("--file", type=pathlib.Path, help="JSON or YAML: one payload, or a list (submitted as one batch)")
    sub.add_argument("--as", dest="signer", help="the participant signing (its key file in --keys)")
    sub.add_argument("--keys", type=pathlib.Path, default=default_data / "keys", help="key directory (default %(default)s)")
    sub.add_argument("--key", type=pathlib.Path, help="a key file to sign with (instead of --as/--keys)")
    sub.add_argument("--cosign", type=pathlib.Path, action="append", default=[], metavar="KEYFILE",
                     help="another key file of the same signer that signs too (four eyes); repeatable")
    sub.add_argument("--client-id", help="idempotency key (default: a fresh one per transaction)")
    sub.add_argument("--chain-id", help="chain id (default: the node's; for --dry-run, the data directory's genesis)")
    sub.add_argument("--dry-run", action="store_true", help="build, sign and check locally (fields, encoding, signature); send nothing")


def _dest(path: str) -> str:
    return "field__" + path.replace(".", "__").replace("[]", "_items")


def _metavar(field) -> str:
    if field.enum_type is not None:
        return "|".join(payloads._without_prefix(field.enum_type, v.name) for v in field.enum_type.values if v.number)
    return field.name.upper()


def _key(args) -> keyfile.KeyFile:
    try:
        if args.key is not None:
            return keyfile.read(args.key)
        if not args.signer:
            args.command_parser.error("--as PARTICIPANT (with --keys DIR) or --key FILE: who signs")
        return keyfile.load(args.keys, args.signer)
    except FileNotFoundError as error:
        args.command_parser.error(f"no key file {error.filename}")
    except (OSError, ValueError, KeyError) as error:
        args.command_parser.error(f"bad key file: {error}")


def _cosigners(args, key: keyfile.KeyFile) -> list[keyfile.KeyFile]:
    """The second representatives' keys: each of the signer's own, each another key (DESIGN §8)."""
    keys = []
    for path in args.cosign:
        try:
            cosigner = keyfile.read(path)
        except FileNotFoundError:
            args.command_parser.error(f"--cosign: no key file {path}")
        except (OSError, ValueError, KeyError) as error:
            args.command_parser.error(f"--cosign: bad key file {path}: {error}")
        if cosigner.participant_id != key.participant_id or cosigner.key_id in [key.key_id, *(k.key_id for k in keys)]:
            args.command_parser.error(f"--cosign: {path} must be another key of {key.participant_id}")
        keys.append(cosigner)
    return keys


def _entries(args) -> list[tuple[str, object, str | None]]:
    values = {path: getattr(args, dest) for dest, path in args.flag_paths.items() if getattr(args, dest) is not None}
    try:
        if args.file is not None:
            if values:
                args.command_parser.error(f"give the payload as flags or as --file, not both ({', '.join(sorted(values))})")
            document = payloads.load_document(args.file.read_text(), args.file.name)
            return payloads.entries_from_document(document, args.kind)
        if not values:
            args.command_parser.error(f"{args.kind}: give the payload's fields as flags or --file")
        missing = [flag for dest, flag in args.required.items() if getattr(args, dest) is None]
        if missing:
            args.command_parser.error(f"the following arguments are required: {', '.join(missing)}")
        return [(args.kind, payloads.payload_from_flags(args.kind, values, args.fixed), args.client_id)]
    except PayloadError as error:
        args.command_parser.error(str(error))
    except OSError as error:
        args.command_parser.error(f"--file: {error.strerror or error}")


def _chain_id(args, node) -> str:
    if args.chain_id:
        return args.chain_id
    if node is not None:
        return node.head().chain_id
    genesis = args.keys.parent / "genesis.pb"
    if genesis.is_file():
        return pb.Genesis.FromString(genesis.read_bytes()).chain_id
    args.command_parser.error("--dry-run needs --chain-id (or a data directory with genesis.pb beside --keys)")


def _submit(args) -> int:
    key = _key(args)
    cosigners = _cosigners(args, key)
    entries = _entries(args)
    if len(entries) > 1 and args.client_id:
        args.command_parser.error("--client-id names one transaction; a file of several gives each its own client_id")
    if args.dry_run:
        return _dry_run(args, key, entries)
    with client(args) as node:
        builder = TxBuilder(_chain_id(args, node), key)
        txs = [builder.tx(kind, payload, client_id=client_id) for kind, payload, client_id in entries]
        for cosigner in cosigners:
            txs = [cosign(tx, cosigner) for tx in txs]
        receipts = [getattr(node, SUBMITTERS.get(entries[0][0], "submit"))(txs[0])] if len(txs) == 1 else node.submit_batch(txs)
    return _report(args, receipts)


def _report(args, receipts: list[pb.Receipt]) -> int:
    rejected = [r for r in receipts if r.code != pb.CODE_OK]
    if args.json:
        documents = [render.receipt_dict(r) for r in receipts]
        render.emit_json(documents[0] if len(documents) == 1 else documents)
    else:
        for receipt in receipts:
            print(render.receipt_text(receipt))
            for event in receipt.events:
                print(f"  {render.event_text(event)}")
    return 1 if rejected else 0


def _dry_run(args, key: keyfile.KeyFile, entries) -> int:
    """The checks a node makes before it looks at the state: parse, fields of the envelope and body,
    chain id, encoding, and the signature against the key file's public key."""
    from cets.ledger.machine import decode_tx

    builder = TxBuilder(_chain_id(args, None), key)
    documents, failed = [], 0
    for kind, payload, client_id in entries:
        tx = builder.tx(kind, payload, client_id=client_id)
        document = {"kind": kind, "tx_id": signed_tx_id(tx).hex(), "signer": key.participant_id, "key_id": key.key_id}
        try:
            decode_tx(tx.SerializeToString(), builder.chain_id)
            if not crypto.verify(key.signer.public_key, tx.signatures[0].signature, crypto.TX_DOMAIN + tx.body):
                raise Rejection(pb.CODE_SIGNATURE_INVALID, "signatures[0]: does not verify")
            document["check"] = "OK"
        except Rejection as rejection:
            failed += 1
            document |= {"check": render.code_name(rejection.code), "detail": rejection.detail}
        documents.append(document)
    if args.json:
        render.emit_json({"dry_run": True, "transactions": documents})
    else:
        for document in documents:
            detail = f" ({document['detail']})" if "detail" in document else ""
            print(f"{document['check']} {document['kind']} tx {document['tx_id']} signed by {document['signer']}{detail} [dry run: not sent]")
    return 1 if failed else 0
