"""Enforcement's public records (arts. 38, 45-49): `cets measures` (in force or all, of a
participant or an authority), `cets credit [PARTICIPANT]`, `cets blacklist`, `cets notices`.
The kinds that write them have their own commands from their declarations (`cets impose-measure`,
`cets lift-measure`, `cets record-credit`, `cets joint-notice`, `cets blacklist-add`,
`cets blacklist-remove`)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, client, output

MEASURE_TYPES = [name.removeprefix("MEASURE_TYPE_").lower() for name in pb.MeasureType.keys() if name != "MEASURE_TYPE_UNSPECIFIED"]


def register(commands, common: Common) -> None:
    measures = common.command(commands, "measures", "measures of arts. 45 and 47, lifted ones with their lift")
    measures.add_argument("--participant", default="", help="only those against this participant")
    measures.add_argument("--authority", default="", help="only those imposed by REG or EXCH")
    measures.add_argument("--type", choices=MEASURE_TYPES, help="only measures of this type")
    measures.add_argument("--in-force", action="store_true", help="only those in force at the head")
    measures.set_defaults(handler=_measures)
    credit = common.command(commands, "credit", "credit records (art. 38): fines, then records")
    credit.add_argument("participant_id", nargs="?", default="")
    credit.set_defaults(handler=_credit)
    blacklist = common.command(commands, "blacklist", "the blacklist (art. 49), removed entries included")
    blacklist.add_argument("--in-force", action="store_true", help="only the entries not removed")
    blacklist.set_defaults(handler=_blacklist)
    notices = common.command(commands, "notices", "joint punishment notices (art. 46)")
    notices.add_argument("--emitter", default="", help="only this emitter's")
    notices.set_defaults(handler=_notices)


def _measure_dict(measure: pb.Measure) -> dict:
    document = render.hex_fields(render.to_dict(measure), "measure_id")
    if measure.HasField("lift"):
        document["lift"] = render.hex_fields(document["lift"], "tx_id")
    return document


def _measures(args) -> int:
    measure_type = pb.MeasureType.Value("MEASURE_TYPE_" + args.type.upper()) if args.type else 0
    with client(args) as node:
        document = [_measure_dict(measure) for measure in node.measures(participant_id=args.participant, authority=args.authority,
                                                                         measure_type=measure_type, in_force_only=args.in_force)]
    output(args, document)
    return 0


def _credit_dict(entry: pb.CreditEntry) -> dict:
    if entry.WhichOneof("entry") == "fine":
        return {"fine": render.hex_fields(render.to_dict(entry.fine), "fine_id")}
    return {"record": render.hex_fields(render.to_dict(entry.record), "record_id")}


def _credit(args) -> int:
    with client(args) as node:
        document = [_credit_dict(entry) for entry in node.credit_records(args.participant_id)]
    output(args, document)
    return 0


def _blacklist(args) -> int:
    with client(args) as node:
        document = [render.hex_fields(render.to_dict(entry), "entry_id") for entry in node.blacklist(in_force_only=args.in_force)]
    output(args, document)
    return 0


def _notices(args) -> int:
    with client(args) as node:
        document = [render.hex_fields(render.to_dict(notice), "notice_id") for notice in node.joint_punishment_notices(args.emitter)]
    output(args, document)
    return 0
