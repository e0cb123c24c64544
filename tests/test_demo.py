"""`cets demo` as a library (clients/demo/) against an in-process node: what makes it run again.

tests/test_cli.py runs it through the CLI (twice on one node) and checks the year it walks; here,
a draw an interrupted run left unrecorded, which would otherwise block every later draw of
Guangdong's year (a province has one draw of a year in progress at a time, art. 27).
"""

from __future__ import annotations

import asyncio

from cets.v1 import messages as pb
from cets.clients.demo import run_demo
from tests.conftest import list_emitter, new_key, new_uscc, register_emitter
from tests.test_cli import DEMO_STEPS, assert_compliance_year

YEAR = 2025
DEMO_TIMEOUT_S = 60


async def test_art27_the_demo_first_records_a_draw_an_interrupted_run_left_pending(node, ministry, guangdong):
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")
    await list_emitter(client, guangdong, emitter.participant_id, YEAR)
    body = new_key(new_uscc("11"))
    registered = await client.submit(ministry.register_participant(body.participant_id, pb.ROLE_VERIFIER, "Body", [body.spec()]))
    requested = await client.submit(guangdong.tx("request_verification_draw", pb.RequestVerificationDraw(
        year=YEAR, candidates=[emitter.participant_id], select_count=1, bodies=[body.participant_id], capacity_per_body=1)))
    assert (registered.code, requested.code) == (pb.CODE_OK, pb.CODE_OK)

    document = await asyncio.wait_for(asyncio.to_thread(run_demo, node.target, None, False), DEMO_TIMEOUT_S)

    (pending,) = [step for step in document["steps"] if "left pending by an earlier run" in step["step"]]
    assert pending["receipt"]["code"] == "OK"
    record = await client.verification_draw(requested.tx_id)
    assert record.key and [(a.emitter_id, a.body_id) for a in record.assignments] == [(emitter.participant_id, body.participant_id)]
    assert len(document["steps"]) == DEMO_STEPS + 1
    assert_compliance_year(document)  # and the demo's own draw and year went as scripted
