"""`cets demo`: a whole compliance year against a running node, printed step by step.

The market first (registrations, the cap, issuance, a set-aside, allocation citing a published
method, a refusal outside a province's jurisdiction, a claw-back, transfers, a cancellation); then
the compliance year 2025 of three Guangdong emitters: verification bodies registered, the
key-emitter list (two on their declarations, one on the province's estimate), monitoring plans
filed, A and B reporting on time, a verification draw reproduced here from the chain and
recorded, verified emissions; A surrendering allowances plus CCERs exactly at the 5% cap (one
tonne over refused), B surrendering short; then, past the deadlines, C's late report and the
province's estimate, closing (A compliant, B short, C on its estimate), fines inside the
rulebook's range, and the 2026 allocation withholding B's shortfall. The deadlines are moved by
rulebook versions the ministry signs (clients/demo/deadlines.py says why and how). Then a measure
of the registry against D, its effect (D's transfer refused) and its lifting. It ends with
the holdings, each vintage's supply and the compliance table read through the Mrv service. Before
that summary, the market trades (clients/demo/trading.py): funds deposited, orders in each mode,
the exchange's settlement batch settled trade by trade, the day's bar and its reconciliation.

Every run registers fresh participants and publishes under fresh ids, so it runs again on the
same node. `run_demo` returns everything as one JSON-ready document.
"""

from __future__ import annotations

import pathlib

from cets.v1 import messages as pb
from cets.clients.demo import compliance, enforcement, market, mrv, summary, supervision, trading
from cets.clients.demo.deadlines import Deadlines
from cets.clients.demo.figures import NEXT_YEAR, YEAR
from cets.clients.demo.session import Cast, Demo, DemoFailed
from cets.clients.sdk import Client

__all__ = ["DemoFailed", "run_demo"]


def compliance_year(demo: Demo, cast: Cast) -> tuple[Deadlines, dict]:
    """MRV through surrender, under a version that reopens reporting; returns the draw."""
    deadlines = Deadlines.read(demo, cast)
    demo.phase(f"the compliance year {YEAR}: the key-emitter list and monitoring plans")
    mrv.list_and_plan(demo, cast)
    demo.phase(f"reporting {YEAR}, with the report deadline moved ahead")
    deadlines.open_reporting()
    for name in ("A", "B"):
        mrv.report(demo, cast, name, late=False)
    demo.phase("verification by double random draw (双随机、一公开)")
    draw = mrv.draw_and_verify(demo, cast, meanwhile=lambda: compliance.record_ccers(demo, cast))
    demo.phase("surrender, with CCER offsets up to the cap")
    compliance.surrender(demo, cast, deadlines.base)
    return deadlines, draw


def close_year(demo: Demo, cast: Cast, deadlines: Deadlines) -> None:
    demo.phase("past the deadlines: a late report, an estimate, closing and fines")
    deadlines.pass_deadlines()
    mrv.report(demo, cast, "C", late=True)
    compliance.settle(demo, cast, deadlines.base)
    demo.phase(f"the {NEXT_YEAR} allocation withholds B's shortfall")
    compliance.allocate_next_year(demo, cast)
    deadlines.restore()


def run_demo(target: str, keys_dir: pathlib.Path | None, echo: bool = True, credentials=None, portal: str | None = None) -> dict:
    with Client(target, credentials=credentials) as client:
        genesis = pb.Genesis.FromString(client.genesis().genesis)
        demo = Demo(client, keys_dir, genesis.chain_id, echo=echo, credentials=credentials)
        cast = Cast.of(demo)
        certificate = market.open_market(demo, cast)
        deadlines, draw = compliance_year(demo, cast)
        close_year(demo, cast, deadlines)
        supervision.delegate_and_inspect(demo, cast)
        enforcement.restrict_and_lift(demo, cast)
        traded = trading.trade(demo, cast)
        document = {"chain_id": demo.chain_id, "emitters": {name: cast.id(name) for name in "ABCD"},
                    "bodies": {name: body.participant_id for name, body in cast.bodies.items()}, "steps": demo.steps,
                    "rulebook_versions": deadlines.scheduled, "draw": draw, "certificate_id": certificate, "trading": traded,
                    **summary.collect(demo, cast),
                    "portal": summary.portal(portal or summary.default_portal(target))}
    if echo:
        summary.show(document)
    return document
