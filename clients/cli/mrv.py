"""The MRV record and the compliance year (arts. 5, 7, 10, 24-31, 42-44, 50), read through the Mrv
service: `cets mrv emitter ID --year Y`, `cets mrv list`, `cets mrv reports`, `cets mrv plans`,
`cets mrv draw`, `cets mrv draws`, `cets mrv appeals`, `cets mrv methods`, `cets mrv compliance`.

MRV transactions are submitted with `cets submit KIND` (or their domain commands)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, client, hex32, output, province, vintage

STATUSES = {"pending": pb.COMPLIANCE_STATUS_PENDING, "a": pb.COMPLIANCE_STATUS_A, "b": pb.COMPLIANCE_STATUS_B,
            "c": pb.COMPLIANCE_STATUS_C}


def register(commands, common: Common) -> None:
    group = commands.add_parser("mrv", help="the MRV record and the compliance year (queries)")
    sub = group.add_subparsers(dest="mrv_command", required=True)
    emitter = common.command(sub, "emitter", "everything recorded about one emitter's year")
    emitter.add_argument("emitter_id")
    emitter.add_argument("--year", type=vintage, required=True)
    emitter.set_defaults(handler=_emitter)
    listed = common.command(sub, "list", "the key-emitter list of a year (a province's, or national)")
    _year_and_province(listed)
    listed.set_defaults(handler=_list)
    for name, help_text, handler in (("reports", "an emitter's emission report versions", _reports),
                                     ("plans", "an emitter's monitoring plan versions", _plans),
                                     ("appeals", "an emitter's appeals and their decisions", _appeals)):
        command = common.command(sub, name, help_text)
        command.add_argument("emitter_id")
        command.set_defaults(handler=handler)
    sub.choices["reports"].add_argument("--year", type=vintage, default=0, help="one year (default: every year)")
    _register_draws_and_tables(sub, common)


def _register_draws_and_tables(sub, common: Common) -> None:
    draw = common.command(sub, "draw", "a verification draw: inputs, seed, outcome")
    draw.add_argument("draw_id", type=lambda value: hex32(value, "draw id"))
    draw.set_defaults(handler=_draw)
    draws = common.command(sub, "draws", "a province's verification draws of a year")
    _year_and_province(draws, province_required=True)
    draws.set_defaults(handler=_draws)
    common.command(sub, "methods", "the published allocation methods (art. 7)").set_defaults(handler=_methods)
    table = common.command(sub, "compliance", "the compliance table of a year: A, B (short), C (not verified), pending")
    _year_and_province(table)
    table.add_argument("--status", choices=sorted(STATUSES), help="only records of this status")
    table.set_defaults(handler=_compliance)


def _year_and_province(command, province_required: bool = False) -> None:
    command.add_argument("--year", type=vintage, required=True)
    command.add_argument("--province", type=province, required=province_required, help="two-digit province code")


def _emitter(args) -> int:
    with client(args) as node:
        view = node.emitter_year(args.emitter_id, args.year)
    document = render.to_dict(view)
    document["compliance"]["status"] = render.status_text(view.compliance.status)
    output(args, document)
    return 0


def _list(args) -> int:
    with client(args) as node:
        document = [render.to_dict(listing) for listing in node.key_emitters(args.year, province=args.province or "")]
    output(args, document)
    return 0


def _reports(args) -> int:
    with client(args) as node:
        output(args, [render.to_dict(report) for report in node.emission_reports(args.emitter_id, args.year)])
    return 0


def _plans(args) -> int:
    with client(args) as node:
        output(args, [render.to_dict(plan) for plan in node.monitoring_plans(args.emitter_id)])
    return 0


def _appeals(args) -> int:
    with client(args) as node:
        output(args, [render.to_dict(appeal) for appeal in node.appeals(args.emitter_id)])
    return 0


def _draw(args) -> int:
    with client(args) as node:
        output(args, render.to_dict(node.verification_draw(args.draw_id)))
    return 0


def _draws(args) -> int:
    with client(args) as node:
        output(args, [render.to_dict(draw) for draw in node.verification_draws(args.province, args.year)])
    return 0


def _methods(args) -> int:
    with client(args) as node:
        output(args, [render.to_dict(method) for method in node.allocation_methods()])
    return 0


def _compliance(args) -> int:
    status = STATUSES[args.status] if args.status else None
    with client(args) as node:
        records = list(node.compliance(args.year, province=args.province or "", status=status))
    document = [render.compliance_row(record) for record in records]
    output(args, document)
    return 0
