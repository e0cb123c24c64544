"""Supervision queries for regulators (arts. 4, 32-36), through the Supervision service:
`cets supervise emitter ID`, `transactions ID`, `emitters --year Y`, `priorities --year Y`,
`verifier ID --year Y`, `delegations [--city ID | --province P]`.

Every query is signed (a QueryAuth) with the key of the ministry, a province or a city: `--as
PARTICIPANT` (its key file in --keys) or `--key FILE`. What the node answers is the signer's
jurisdiction. Delegations, inspections and verifier findings are transactions: `cets delegate`,
`cets revoke-delegation`, `cets inspect`, `cets verifier-finding` (or `cets submit KIND`).
"""

from __future__ import annotations

import pathlib

from cets.clients import render
from cets.clients.cli.common import Common, credentials, output, province, vintage
from cets.clients.cli.mrv import STATUSES
from cets.clients.sdk import Client
from cets.ledger import keyfile


def register(commands, common: Common) -> None:
    group = commands.add_parser("supervise", help="supervision queries for regulators, signed (arts. 4, 32-36)")
    sub = group.add_subparsers(dest="supervise_command", required=True)
    for name, help_text, handler in (("emitter", "an emitter's profile: holdings, history, MRV records, compliance", _emitter),
                                     ("transactions", "the transactions a participant signed (a city's acts, with their delegation)",
                                      _transactions)):
        command = _command(sub, common, name, help_text)
        command.add_argument("participant_id")
        command.set_defaults(handler=handler)
    emitters = _command(sub, common, "emitters", "a year's emitters across a province or the nation, with compliance")
    _year_and_province(emitters)
    emitters.add_argument("--sector", default="", help="only this sector")
    emitters.add_argument("--status", choices=sorted(STATUSES), help="only records of this status")
    emitters.set_defaults(handler=_emitters)
    priorities = _command(sub, common, "priorities", "art. 34: the year's emitters ranked for inspection, with reasons")
    _year_and_province(priorities)
    priorities.set_defaults(handler=_priorities)
    _register_oversight(sub, common)


def _register_oversight(sub, common: Common) -> None:
    verifier = _command(sub, common, "verifier", "art. 36: a verification body's work of a year and the findings on it")
    verifier.add_argument("verifier_id")
    verifier.add_argument("--year", type=vintage, required=True)
    verifier.set_defaults(handler=_verifier)
    delegations = _command(sub, common, "delegations", "art. 32: the delegations to a city, or of a province")
    delegations.add_argument("--city", default="", help="a city department's id")
    delegations.add_argument("--province", type=province, help="two-digit province code")
    delegations.set_defaults(handler=_delegations)


def _command(sub, common: Common, name: str, help_text: str):
    command = common.command(sub, name, help_text)
    command.add_argument("--as", dest="signer", help="the regulator asking (its key file in --keys)")
    command.add_argument("--keys", type=pathlib.Path, default=common.default_data / "keys", help="key directory (default %(default)s)")
    command.add_argument("--key", type=pathlib.Path, help="a key file to sign the query with (instead of --as/--keys)")
    command.set_defaults(command_parser=command)
    return command


def _year_and_province(command) -> None:
    command.add_argument("--year", type=vintage, required=True)
    command.add_argument("--province", type=province, help="two-digit province code (default: the whole jurisdiction)")


def _client(args) -> Client:
    """A client that signs each supervision query with the regulator's key."""
    try:
        key = keyfile.read(args.key) if args.key is not None else keyfile.load(args.keys, args.signer) if args.signer else None
    except FileNotFoundError as error:
        args.command_parser.error(f"no key file {error.filename}")
    except (OSError, ValueError, KeyError) as error:
        args.command_parser.error(f"bad key file: {error}")
    if key is None:
        args.command_parser.error("--as PARTICIPANT (with --keys DIR) or --key FILE: the regulator asking")
    return Client(args.target, credentials=credentials(args), query_key=key)


def _emitter(args) -> int:
    with _client(args) as node:
        document = render.to_dict(node.emitter_profile(args.participant_id))
    output(args, document)
    return 0


def _transactions(args) -> int:
    with _client(args) as node:
        output(args, [render.to_dict(item) for item in node.participant_transactions(args.participant_id)])
    return 0


def _emitters(args) -> int:
    status = STATUSES[args.status] if args.status else None
    with _client(args) as node:
        rows = list(node.supervised_emitters(args.year, province=args.province or "", sector=args.sector, status=status))
    output(args, [{"emitter_id": row.emitter.participant_id, "sector": row.emitter.sector, **render.compliance_row(row.compliance)}
                  for row in rows])
    return 0


def _priorities(args) -> int:
    with _client(args) as node:
        ranked = list(node.inspection_priorities(args.year, province=args.province or ""))
    output(args, [{"rank": item.rank, "emitter_id": item.emitter_id, "province": item.province, "score": item.score,
                   "reasons": "; ".join(f"{r.reason} +{r.points} ({r.detail})" for r in item.reasons)} for item in ranked])
    return 0


def _verifier(args) -> int:
    with _client(args) as node:
        output(args, render.to_dict(node.verifier_oversight(args.verifier_id, args.year)))
    return 0


def _delegations(args) -> int:
    with _client(args) as node:
        found = node.delegations(city=args.city, province=args.province or "")
    output(args, [render.to_dict(item) for item in found])
    return 0

