"""The `cets certificate` group: `get` a cancellation (art. 15) or compliance (art. 30) certificate
from a node into one file, and `verify` such a file offline from the pinned genesis hash alone.
clients/certificates.py does the work; ledger/certificates.py is the check."""

from __future__ import annotations

import pathlib

from cets.clients.cli.common import Common, client, genesis_hash, output, vintage


def register(commands, common: Common) -> None:
    certificate = commands.add_parser("certificate", help="verifiable certificates: cancellations and compliance, checked offline")
    certificate_commands = certificate.add_subparsers(dest="certificate_command", required=True)
    get = certificate_commands.add_parser("get", help="fetch a certificate from a node into a file, checked before it is written")
    kinds = get.add_subparsers(dest="certificate_kind", required=True)
    cancellation = kinds.add_parser("cancellation", help="a voluntary cancellation (art. 15), by its certificate id")
    cancellation.add_argument("certificate_id", help="the certificate id, CX- and 20 hex digits")
    compliance = kinds.add_parser("compliance", help="an emitter's closed compliance year (art. 30)")
    compliance.add_argument("emitter", help="the emitter's participant id")
    compliance.add_argument("year", type=vintage, help="the compliance year")
    for sub in (cancellation, compliance):
        common.node_options(sub)
        sub.add_argument("--out", type=pathlib.Path, required=True, help="write the certificate file here")
        sub.add_argument("--expect-genesis", type=genesis_hash, help="the hex genesis hash pinned, the certificate's only trust root")
        sub.set_defaults(handler=_get)
    verify = certificate_commands.add_parser("verify", help="check a certificate file offline and print what it certifies")
    verify.add_argument("file", type=pathlib.Path, help="the certificate file")
    verify.add_argument("--expect-genesis", type=genesis_hash, required=True, help="the hex genesis hash pinned")
    verify.add_argument("--json", action="store_true", help="print JSON for scripts")
    verify.set_defaults(handler=_verify)


def _get(args) -> int:
    from cets.clients.certificates import get_cancellation, get_compliance

    with client(args) as node:
        if args.certificate_kind == "cancellation":
            document, status = get_cancellation(node, args.certificate_id, args.expect_genesis, args.out)
        else:
            document, status = get_compliance(node, args.emitter, args.year, args.expect_genesis, args.out)
    output(args, document)
    return status


def _verify(args) -> int:
    from cets.clients.certificates import verify_file

    document, status = verify_file(args.file, args.expect_genesis)
    output(args, document)
    return status
