"""`cets delegate`, `cets inspect` and `cets supervise ...` against a real node (arts. 4, 32-34): the
commands sign with a regulator's key file (transactions and queries alike), answer within the
signer's jurisdiction, and a refusal exits 1 with its reason."""

from __future__ import annotations

import asyncio
import json
import re

from cets.v1 import messages as pb
from cets.clients import cli
from cets.clients.builder import now_ms
from cets.ledger import identity, keyfile
from cets.node import devnet
from tests.conftest import new_key, submit_ok
from tests.test_supervision_tiers import DOCUMENT, uscc_in

YEAR = 2025
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[")


async def cets(capsys, *args: str) -> tuple[int, object]:
    """Run a command in a thread (the node is served by this test's loop) and parse its --json."""
    status = await asyncio.to_thread(cli.main, [*args, "--json"])
    lines = [line for line in capsys.readouterr().out.splitlines() if not LOG_LINE.match(line)]  # the node's own log lines
    return status, json.loads("\n".join(lines)) if lines else None


async def test_art32_art33_a_province_delegates_a_city_inspects_and_each_supervises_its_own_from_the_cli(node, guangdong, hubei, tmp_path,
                                                                                                        capsys):
    keys = tmp_path / "keys"
    for founder in (identity.province_id("44"), identity.province_id("42"), identity.MINISTRY_ID):
        keyfile.write(keys, devnet.dev_key(founder))
    city, emitter = new_key(uscc_in("440100")), new_key(uscc_in("440106"))
    keyfile.write(keys, city)
    await submit_ok(node.client, guangdong.register_participant(city.participant_id, pb.ROLE_CITY, "City bureau", [city.spec()], province="44"))
    await submit_ok(node.client, guangdong.register_participant(emitter.participant_id, pb.ROLE_KEY_EMITTER, "Emitter", [emitter.spec()], province="44",
                                                                sector="power"))
    common = ["--target", node.target, "--keys", str(keys)]
    start = now_ms() - 60_000
    status, receipt = await cets(capsys, "delegate", "--city", city.participant_id, "--task", "INSPECTIONS", "--district", "4401",
                                 "--valid-from-ms", str(start), "--valid-until-ms", str(start + 10**9), "--reference", "Yue-Huan 7",
                                 "--as", identity.province_id("44"), *common)
    assert status == 0, receipt
    status, receipt = await cets(capsys, "inspect", "--emitter", emitter.participant_id, "--year", str(YEAR), "--outcome", "NO_FINDING",
                                 "--findings", "in order", "--document", DOCUMENT.hex(), "--as", city.participant_id, *common)
    assert status == 0, receipt

    status, profile = await cets(capsys, "supervise", "emitter", emitter.participant_id, "--as", city.participant_id, *common)
    assert status == 0 and [i["inspected_by"] for i in profile["inspections"]] == [city.participant_id]
    status, acts = await cets(capsys, "supervise", "transactions", city.participant_id, "--as", identity.MINISTRY_ID, *common)
    assert status == 0 and [act["kind"] for act in acts] == ["record_inspection"]
    status, delegations = await cets(capsys, "supervise", "delegations", "--province", "44", "--as", identity.province_id("44"), *common)
    assert status == 0 and [d["terms"]["city"] for d in delegations] == [city.participant_id]
    status, refusal = await cets(capsys, "supervise", "emitter", emitter.participant_id, "--as", identity.province_id("42"), *common)
    assert (status, refusal["error"]["reason"]) == (1, "OUTSIDE_JURISDICTION")
    status, ranked = await cets(capsys, "supervise", "priorities", "--year", str(YEAR), "--as", identity.province_id("44"), *common)
    assert (status, ranked) == (0, [])  # nobody is listed for the year
