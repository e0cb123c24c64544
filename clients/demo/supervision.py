"""Supervision (arts. 4, 32-34): Guangdong registers a city department and delegates to it the
inspection of emitter A for a year; the city inspects A inside its delegation and is refused for B,
outside it; then the province reads, through the Supervision service with signed queries, what
the city did and the year's inspection priorities (art. 34)."""

from __future__ import annotations

import hashlib

from cets.v1 import messages as pb
from cets.clients.demo.figures import YEAR
from cets.clients.demo.session import GUANGDONG, Cast, Demo, new_key, new_uscc
from cets.clients.sdk import Client

DELEGATION_DAYS = 365
DAY_MS = 86_400_000


def delegate_and_inspect(demo: Demo, cast: Cast) -> None:
    demo.phase("supervision: a province delegates inspections to a city (arts. 4, 32-34)")
    city = demo.signer(new_key(new_uscc(GUANGDONG)))
    demo.step(f"Guangdong registers its city department {city.participant_id} (art. 4)", cast.guangdong.register_participant(
        city.participant_id, pb.ROLE_CITY, "Demo city ecology and environment bureau", [city.key.spec()], province=GUANGDONG))
    now_ms = pb.BlockHeader.FromString(demo.client.head().header).time_ms  # the delegation starts at the head's block time
    delegation = pb.RecordDelegation(city=city.participant_id, tasks=[pb.SUPERVISION_TASK_INSPECTIONS], emitter_ids=[cast.id("A")],
                                     valid_from_ms=now_ms, valid_until_ms=now_ms + DELEGATION_DAYS * DAY_MS,
                                     reference=f"GD-DELEGATION-{cast.run}")
    demo.step(f"Guangdong delegates the inspection of emitter A to the city for {DELEGATION_DAYS} days (art. 32)",
              cast.guangdong.tx("record_delegation", delegation))
    findings = "monitoring plan followed; two meter calibration records late"
    demo.step("the city inspects emitter A inside its delegation (art. 33)", city.tx("record_inspection", pb.RecordInspection(
        emitter_id=cast.id("A"), year=YEAR, outcome=pb.INSPECTION_OUTCOME_DEFICIENCIES, findings=findings,
        document_sha256=hashlib.sha256(findings.encode()).digest())))
    demo.step("the city tries to inspect emitter B, outside its delegation: refused", city.tx("record_inspection", pb.RecordInspection(
        emitter_id=cast.id("B"), year=YEAR, outcome=pb.INSPECTION_OUTCOME_NO_FINDING, findings=findings,
        document_sha256=hashlib.sha256(findings.encode()).digest())),
        refused=pb.CODE_OUTSIDE_DELEGATION)
    with Client(demo.client.target, credentials=demo.credentials, query_key=cast.guangdong.key) as regulator:
        acts = list(regulator.participant_transactions(city.participant_id))
        demo.say(f"Guangdong reads the city's actions through the Supervision service (signed query): "
                 f"{', '.join(act.kind for act in acts) or 'none'}")
        ranked = [item for item in regulator.inspection_priorities(YEAR) if item.emitter_id in {cast.id(name) for name in "ABC"}]
        demo.say(f"inspection priorities {YEAR} (art. 34): " + "; ".join(
            f"{cast.name_of(item.emitter_id)} score {item.score} ({', '.join(f'{r.reason} +{r.points}' for r in item.reasons) or 'no reason'})"
            for item in ranked))
