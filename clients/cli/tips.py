"""Whistle-blowing (art. 40): `cets tip keygen|intake|file|handle|answer|show|list|open`.

- an authority (the ministry or a province) makes an intake key (`keygen`, kept offline) and sets
  its public half on the ledger (`intake`);
- anyone files a report (`file`): the CLI fetches the intake key in force, seals the reporter's
  identity and contact to it and signs with a fresh one-time key; it prints the report id, the
  one handle the reporter keeps;
- the authority records steps (`handle`) and answers (`answer`); anyone reads the public record
  (`show`, `list`);
- the authority fetches the sealed envelope with a signed query (or its certificate, with
  --tls-cert) and opens it with its intake key (`open`).
"""

from __future__ import annotations

import pathlib

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, client, credentials
from cets.clients.sdk import Client
from cets.ledger import keyfile

CATEGORIES = [pb.TipCategory.Name(v).removeprefix("TIP_CATEGORY_").lower() for v in pb.TipCategory.values() if v]
STATUSES = [pb.TipStatus.Name(v).removeprefix("TIP_STATUS_").lower() for v in pb.TipStatus.values() if v]


def register(commands, common: Common) -> None:
    tip = commands.add_parser("tip", help="whistle-blowing reports (art. 40)")
    verbs = tip.add_subparsers(dest="tip_command", required=True)
    _register_public(verbs, common)
    _register_authority(verbs, common)


def _register_public(verbs, common: Common) -> None:
    """What anyone does: file a report, read the public records."""
    file = verbs.add_parser("file", help="file a report, the reporter sealed to the authority, signed by a one-time key")
    common.node_options(file)
    file.add_argument("--authority", required=True, help="the ministry (MEE) or a province (PROV-44)")
    file.add_argument("--subject", required=True, help="whom or what it is about (public)")
    file.add_argument("--category", required=True, choices=CATEGORIES)
    file.add_argument("--identity", required=True, help="who reports (sealed: only the authority reads it)")
    file.add_argument("--contact", required=True, help="how to reach the reporter (sealed)")
    file.add_argument("--details", default="", help="the account of the facts (sealed)")
    file.set_defaults(handler=_file)

    show = verbs.add_parser("show", help="a report's public record")
    common.node_options(show)
    show.add_argument("tip_id")
    show.set_defaults(handler=_show)

    listing = verbs.add_parser("list", help="reports' public records")
    common.node_options(listing)
    listing.add_argument("--authority", default="")
    listing.add_argument("--status", choices=STATUSES)
    listing.set_defaults(handler=_list)


def _register_authority(verbs, common: Common) -> None:
    """What the ministry or a province does: its intake key, handling, answers, opening."""
    keygen = verbs.add_parser("keygen", help="make an authority's X25519 intake key (keep the file offline)")
    keygen.add_argument("--out", type=pathlib.Path, required=True, help="the private key file to write (0600, never overwritten)")
    keygen.add_argument("--json", action="store_true")
    keygen.set_defaults(handler=_keygen)

    intake = _signed(verbs, common, "intake", "set the signer's intake key on the ledger (the ministry or a province)")
    intake.add_argument("--intake", type=pathlib.Path, required=True, help="the intake key file (cets tip keygen)")
    intake.set_defaults(handler=_intake)

    handle = _signed(verbs, common, "handle", "record a handling step of a report filed to the signer")
    handle.add_argument("tip_id")
    handle.add_argument("--note", required=True)
    handle.set_defaults(handler=_handle)

    answer = _signed(verbs, common, "answer", "answer a report filed to the signer (final, public)")
    answer.add_argument("tip_id")
    answer.add_argument("--answer", required=True)
    answer.set_defaults(handler=_answer)

    opening = _signed(verbs, common, "open", "fetch a report's sealed envelope as its authority and open it with the intake key")
    opening.add_argument("tip_id")
    opening.add_argument("--intake", type=pathlib.Path, required=True, help="the intake key file the report was sealed to")
    opening.set_defaults(handler=_open)


def _signed(verbs, common: Common, name: str, help_text: str):
    sub = verbs.add_parser(name, help=help_text)
    common.node_options(sub)
    sub.add_argument("--as", dest="signer", help="the authority signing (its key file in --keys)")
    sub.add_argument("--keys", type=pathlib.Path, default=common.default_data / "keys", help="key directory (default %(default)s)")
    sub.add_argument("--key", type=pathlib.Path, help="a key file to sign with (instead of --as/--keys)")
    sub.set_defaults(command_parser=sub)
    return sub


def _key(args) -> keyfile.KeyFile:
    if args.key is not None:
        return keyfile.read(args.key)
    if not args.signer:
        args.command_parser.error("--as AUTHORITY (with --keys DIR) or --key FILE: who signs")
    return keyfile.load(args.keys, args.signer)


def _emit(args, document: dict, text: str) -> int:
    if args.json:
        render.emit_json(document)
    else:
        print(text)
    return 0


def _submit(args, kind: str, payload) -> int:
    from cets.clients.builder import TxBuilder

    key = _key(args)
    with client(args) as node:
        receipt = node.submit(TxBuilder(node.head().chain_id, key).tx(kind, payload))
    return _emit(args, render.receipt_dict(receipt), render.receipt_text(receipt))


def _keygen(args) -> int:
    from cets.clients.tips import new_intake_key

    if args.out.exists():
        args.parser.error(f"--out {args.out}: exists; an intake key is never overwritten (reports sealed to it need it)")
    public = new_intake_key(args.out)
    return _emit(args, {"intake_key": str(args.out), "public_key": public.hex()},
                 f"intake key {args.out} (keep it offline); public key {public.hex()}; set it with `cets tip intake --intake {args.out}`")


def _intake(args) -> int:
    from cets.clients.tips import read_intake_key

    public = read_intake_key(args.intake).public_key().public_bytes_raw()
    return _submit(args, "set_tip_intake", pb.SetTipIntake(public_key=public))


def _file(args) -> int:
    from cets.clients.tips import Reporter, file_tip_tx

    category = pb.TipCategory.Value("TIP_CATEGORY_" + args.category.upper())
    with client(args) as node:
        intake = node.tip_intake(args.authority)
        tx, tip_id = file_tip_tx(node.head().chain_id, args.authority, intake.public_key, args.subject, category,
                                 Reporter(identity=args.identity, contact=args.contact, details=args.details))
        receipt = node.submit(tx)
    return _emit(args, {"tip_id": tip_id, "height": receipt.height},
                 f"report {tip_id} filed to {args.authority} at height {receipt.height}: keep the id to follow it (cets tip show {tip_id})")


def _handle(args) -> int:
    return _submit(args, "handle_tip", pb.HandleTip(tip_id=args.tip_id, note=args.note))


def _answer(args) -> int:
    return _submit(args, "answer_tip", pb.AnswerTip(tip_id=args.tip_id, answer=args.answer))


def _tip_text(tip: pb.Tip) -> str:
    status = pb.TipStatus.Name(tip.status).removeprefix("TIP_STATUS_").lower()
    category = pb.TipCategory.Name(tip.category).removeprefix("TIP_CATEGORY_").lower()
    lines = [f"{tip.tip_id}  {status}  to {tip.authority}  {category}: {tip.subject}"]
    lines += [f"  step at height {step.height}: {step.note}" for step in tip.steps]
    if tip.answer:
        lines.append(f"  answer at height {tip.answered_height}: {tip.answer}")
    return "\n".join(lines)


def _show(args) -> int:
    with client(args) as node:
        tip = node.tip(args.tip_id)
    return _emit(args, render.to_dict(tip), _tip_text(tip))


def _list(args) -> int:
    status = pb.TipStatus.Value("TIP_STATUS_" + args.status.upper()) if args.status else 0
    with client(args) as node:
        tips = list(node.tips(authority=args.authority, status=status))
    if args.json:
        render.emit_json([render.to_dict(tip) for tip in tips])
    else:
        for tip in tips:
            print(_tip_text(tip))
    return 0


def _open(args) -> int:
    """Signed as the authority (--as/--key), or with its certificate alone (--tls-cert, no key)."""
    from cets.clients.tips import Reporter, open_sealed, read_intake_key

    intake_private = read_intake_key(args.intake)
    key = _key(args) if (args.key is not None or args.signer or not getattr(args, "tls_cert", None)) else None
    with Client(args.target, credentials=credentials(args), query_key=key) as node:
        sealed = node.sealed_tip(args.tip_id)
    reporter = Reporter.from_plaintext(open_sealed(intake_private, sealed))
    document = {"tip_id": args.tip_id, "identity": reporter.identity, "contact": reporter.contact, "details": reporter.details}
    return _emit(args, document, f"report {args.tip_id}\n  identity: {reporter.identity}\n  contact:  {reporter.contact}\n  details:  {reporter.details}")
