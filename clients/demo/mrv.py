"""The compliance year's MRV: the key-emitter list, monitoring plans, reports, the verification
draw and verified emissions (arts. 5, 24-28, 42, 50)."""

from __future__ import annotations

import hashlib
from typing import Callable

from cets.v1 import messages as pb
from cets.clients.demo.figures import C_LISTING_ESTIMATE, DECLARED, REPORTED, VERIFIED, YEAR
from cets.clients.demo.market import SECTORS
from cets.clients.demo.session import GUANGDONG, Cast, Demo
from cets.ledger import crypto, draw
from cets.ledger.txs.mrv.draws import draw_inputs


def document(text: str) -> bytes:
    """A document is recorded by its SHA-256 (the document itself stays off the ledger)."""
    return hashlib.sha256(text.encode()).digest()


def register_bodies(demo: Demo, cast: Cast) -> None:
    for name, body in cast.bodies.items():
        demo.step(f"ministry registers verification body {name} {body.participant_id} (art. 28)",
                  cast.ministry.register_participant(body.participant_id, pb.ROLE_VERIFIER, f"Demo verification body {name}", [body.key.spec()]))


def list_emitters(demo: Demo, cast: Cast) -> None:
    for name in ("A", "B"):
        demo.step(f"emitter {name} declares its {YEAR} emissions, {DECLARED[name]:,} t (art. 5)", cast.emitters[name].tx(
            "declare_emissions", pb.DeclareEmissions(year=YEAR, total_tonnes=DECLARED[name], direct_tonnes=DECLARED[name], sector=SECTORS[name])))
        demo.step(f"Guangdong lists emitter {name} for {YEAR} on its declaration (art. 5)", cast.guangdong.tx("list_emitter", pb.ListEmitter(
            emitter_id=cast.id(name), year=YEAR, basis=pb.LISTING_BASIS_DECLARED, note="declared above the threshold")))
    demo.step(f"Guangdong lists emitter C, which did not declare, on its own estimate of {C_LISTING_ESTIMATE:,} t (art. 42)",
              cast.guangdong.tx("list_emitter", pb.ListEmitter(emitter_id=cast.id("C"), year=YEAR, basis=pb.LISTING_BASIS_FORCED,
                                                              estimated_tonnes=C_LISTING_ESTIMATE, note="energy statistics")))


def file_plans(demo: Demo, cast: Cast) -> None:
    for name in "ABC":
        demo.step(f"emitter {name} submits its monitoring plan (art. 24)", cast.emitters[name].tx("submit_monitoring_plan", pb.SubmitMonitoringPlan(
            document_sha256=document(f"plan of {cast.id(name)}"), method=pb.MONITORING_METHOD_CALCULATION, measures_fuel_ncv=True,
            summary=f"{SECTORS[name]}: fuel consumption and NCV")))
        demo.step(f"Guangdong files emitter {name}'s plan, version 1 (art. 24)",
                  cast.guangdong.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=cast.id(name), version=1)))


def report(demo: Demo, cast: Cast, name: str, late: bool) -> None:
    """Art. 26: the emitter reports its year (CO2 only, whose potential is 1: tonnes = kilograms / 1000)."""
    tonnes = REPORTED[name]
    when = "late, after the deadline" if late else "on time"
    receipt = demo.step(f"emitter {name} reports {tonnes:,} tCO2e for {YEAR}, {when} (arts. 26, 50)", cast.emitters[name].tx(
        "submit_emission_report", pb.SubmitEmissionReport(year=YEAR, gases=[pb.GasQuantity(gas=pb.GAS_CO2, kilograms=tonnes * 1_000)],
                                                          total_tonnes=tonnes, document_sha256=document(f"{YEAR} report of {cast.id(name)}"))))
    marked = receipt.events[0].emission_report_submitted.late
    if marked != late:
        raise demo.failed(f"emitter {name}'s report", f"marked late={marked}, want late={late}: was the block judged under the version "
                                                     "scheduled for it? (the node's clock must not be behind this client's)")


def request_draw(demo: Demo, cast: Cast) -> pb.Receipt:
    candidates, bodies = sorted(cast.id(name) for name in ("A", "B")), sorted(body.participant_id for body in cast.bodies.values())
    receipt = demo.step("Guangdong requests a verification draw: A and B, by bodies V1 and V2, one each (arts. 27-28)",
                        cast.guangdong.tx("request_verification_draw", pb.RequestVerificationDraw(
                            year=YEAR, candidates=candidates, select_count=len(candidates), bodies=bodies, capacity_per_body=1)))
    seed_height = receipt.events[0].verification_draw_requested.seed_height
    demo.say(f"the draw's seed is the hash of block {seed_height}, the next one: nobody knows it while the inputs are fixed")
    return receipt


def record_draw(demo: Demo, cast: Cast, draw_id: bytes, why: str = "") -> draw.DrawResult:
    """Reproduce the draw here, from its published record and the seed block's header, then record it."""
    record = demo.client.verification_draw(draw_id)
    seed = crypto.header_hash(demo.client.block(record.seed_height).header)
    result = draw.draw(draw_inputs(record, seed))
    outcome = ", ".join(f"{cast.name_of(each.emitter)} -> {cast.name_of(each.body)}" for each in result.assignments)
    demo.say(f"computed here with ledger/draw.py from the recorded inputs and block {record.seed_height}'s hash {seed.hex()[:16]}...: {outcome}")
    assignments = [pb.DrawAssignment(emitter_id=each.emitter, body_id=each.body) for each in result.assignments]
    demo.step(f"Guangdong records the draw's outcome{why}; the ledger keeps it only if it reproduces (art. 27)",
              cast.guangdong.tx("record_verification_draw", pb.RecordVerificationDraw(draw_id=draw_id, assignments=assignments)))
    return result


def record_pending_draws(demo: Demo, cast: Cast) -> None:
    """A province has one draw of a year in progress at a time: one an interrupted earlier run left
    unrecorded is recorded first."""
    for pending in demo.client.verification_draws(GUANGDONG, YEAR):
        if not pending.key:
            record_draw(demo, cast, pending.draw_id, why=" left pending by an earlier run")


def draw_and_verify(demo: Demo, cast: Cast, meanwhile: Callable[[], None]) -> dict:
    """The draw (its seed block is made by `meanwhile`, the next step), then each assigned body
    records verified emissions; returns the draw for the JSON document."""
    record_pending_draws(demo, cast)
    request = request_draw(demo, cast)
    meanwhile()
    result = record_draw(demo, cast, request.tx_id)
    for assignment in sorted(result.assignments, key=lambda each: cast.name_of(each.emitter)):
        name, body = cast.name_of(assignment.emitter), cast.name_of(assignment.body)
        demo.step(f"{body}, the body drawn for {name}, records its verified emissions: {VERIFIED[name]:,} t, the obligation (arts. 28, 30)",
                  cast.bodies[body].tx("record_verification", pb.RecordVerification(
                      emitter_id=assignment.emitter, year=YEAR, report_version=1, verified_tonnes=VERIFIED[name],
                      document_sha256=document(f"verification of {assignment.emitter}"))))
    record = demo.client.verification_draw(request.tx_id)
    return {"draw_id": request.tx_id.hex(), "seed_height": record.seed_height, "seed": record.seed.hex(), "key": result.key.hex(),
            "assignments": {cast.name_of(each.emitter): cast.name_of(each.body) for each in result.assignments}}


def list_and_plan(demo: Demo, cast: Cast) -> None:
    """The bodies that may be drawn, the year's key-emitter list, and the plans filed."""
    register_bodies(demo, cast)
    list_emitters(demo, cast)
    file_plans(demo, cast)
