"""Enforcement (arts. 45, 47): the registry restricts emitter D's transfers of allowances, the
ledger refuses D's transfer with the measure's own code, the exchange cannot lift the registry's
measure, and the registry lifts it. Nothing moves, so the story's holdings stay as they were."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import cea, signed_tx_id
from cets.clients.demo.figures import YEAR
from cets.clients.demo.session import Cast, Demo
from cets.ledger import identity


def restrict_and_lift(demo: Demo, cast: Cast) -> None:
    demo.phase("enforcement: a measure of the registry and its effect (arts. 45, 47)")
    d = cast.emitters["D"]
    measure = cast.registry.tx("impose_measure", pb.ImposeMeasure(
        participant_id=d.participant_id, type=pb.MEASURE_TYPE_RESTRICT_TRANSFERS, operations=[pb.RESTRICTED_OPERATION_TRANSFER_OUT],
        reason="settlement instructions under investigation", legal_basis="art. 45 (2)", case_reference=f"REG-DEMO-{cast.run}"))
    demo.step("registry restricts emitter D's transfers of allowances (art. 45 (2))", measure)
    demo.step("emitter D transfers 1 t to the fund: refused by the measure",
              d.transfer(cast.account("D"), cast.fund_account(), cea(YEAR), 1), refused=pb.CODE_PRODUCT_TRANSFERS_RESTRICTED)
    exchange = demo.founder(identity.EXCHANGE_ID)
    lift = pb.LiftMeasure(measure_id=signed_tx_id(measure), reason="investigation closed")
    demo.step("the exchange tries to lift the registry's measure: refused", exchange.tx("lift_measure", lift),
              refused=pb.CODE_NOT_MEASURE_AUTHORITY)
    demo.step("registry lifts its measure; it stays listed with the lift (cets measures)", cast.registry.tx("lift_measure", lift))
    demo.say("D's transfers are open again; the measure and its lift are on the public portal's /measure-history page.")
