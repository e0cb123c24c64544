"""Rulebook versions (DESIGN §2): the ministry schedules a new rulebook with an effective time, and
every block at or after that time is judged under it, by the node, the replayer and the auditor.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from cets.v1 import messages as pb
from cets.clients.sdk import CetsError
from cets.ledger import identity, limits
from cets.ledger.errors import ChainError
from cets.ledger.genesis import default_rulebook, genesis_writes
from cets.ledger.verify import Replayer
from cets.node import devnet
from tests.test_state_machine import GENESIS_BYTES, MEE, Ledger, code_name, ledger, ministry, registry  # noqa: F401 - fixtures

VINTAGE = 2025


def rulebook(**changes) -> pb.Rulebook:
    book = default_rulebook()
    for name, value in changes.items():
        setattr(book, name, value)
    return book


def versions(ledger: Ledger) -> list[pb.RulebookVersion]:
    return ledger.read(lambda state: state.rulebook_versions())


def test_a_new_rulebook_judges_the_blocks_from_its_effective_time_and_not_before(ledger, ministry):
    ledger.expect(ministry.set_cap(VINTAGE, 10**9), pb.CODE_OK)
    effective = ledger.next_time_ms + 10_000
    ledger.expect(ministry.set_rulebook(rulebook(amount_max=1_000), effective, note="notice 2025-7"), pb.CODE_OK)
    (scheduled,) = versions(ledger)
    assert (scheduled.effective_ms, scheduled.rulebook.amount_max, scheduled.set_height, scheduled.note) == (effective, 1_000, 2, "notice 2025-7")

    before = ledger.commit([ministry.issue(VINTAGE, 5_000).SerializeToString()], time_ms=effective - 1)
    assert code_name(before.results[0]) == "CODE_OK"  # the genesis rulebook still rules
    at = ledger.commit([ministry.issue(VINTAGE, 5_000).SerializeToString(), ministry.issue(VINTAGE, 1_000).SerializeToString()],
                       time_ms=effective)
    assert [code_name(r) for r in at.results] == ["CODE_AMOUNT_TOO_LARGE", "CODE_OK"]
    assert ledger.read(lambda state: state.rulebook_at(effective - 1)) == default_rulebook()
    assert ledger.read(lambda state: state.rulebook_at(effective)).amount_max == 1_000

    replayer = Replayer(GENESIS_BYTES)  # the auditor judges each block under the same version
    for raw, built in zip(ledger.blocks, ledger.built):
        assert replayer.apply(raw).tip == built.tip


def test_versions_follow_each_other_and_the_latest_in_force_rules(ledger, ministry):
    start = ledger.next_time_ms
    ledger.expect(ministry.set_rulebook(rulebook(amount_max=500), start + 5_000), pb.CODE_OK)
    ledger.expect(ministry.set_rulebook(rulebook(amount_max=700), start + 9_000), pb.CODE_OK)
    assert [v.effective_ms for v in versions(ledger)] == [start + 5_000, start + 9_000]
    at = {t: ledger.read(lambda state: state.rulebook_at(t)).amount_max for t in (start + 4_999, start + 5_000, start + 8_999, start + 9_000)}
    assert at == {start + 4_999: default_rulebook().amount_max, start + 5_000: 500, start + 8_999: 500, start + 9_000: 700}


BAD_RULEBOOKS = {
    "amount_max-zero": rulebook(amount_max=0),
    "vintages-reversed": rulebook(vintage_min=2030, vintage_max=2020),
    "vintage-beyond-9999": rulebook(vintage_max=10_000),
    "offset-cap-over-100-percent": rulebook(offset_cap_bps=10_001),
    "threshold-zero": rulebook(emitter_threshold_tonnes=0),
    "fine-range-reversed": rulebook(reporting_fine_min_fen=5, reporting_fine_max_fen=4),
    "negative-created-window": rulebook(created_window_ms=-1),
    "amount_max-beyond-the-supply-limit": rulebook(amount_max=limits.unit_supply_max + 1),
    "negative-fine": rulebook(reporting_fine_min_fen=-1),
    "surrender-fine-range-reversed": rulebook(surrender_fine_min_fen=9, surrender_fine_max_fen=8),
}


@pytest.mark.parametrize("name", BAD_RULEBOOKS, ids=list(BAD_RULEBOOKS))
def test_an_unusable_rulebook_is_refused_and_changes_nothing(ledger, ministry, name):
    result = ledger.expect(ministry.set_rulebook(BAD_RULEBOOKS[name], ledger.next_time_ms + 1_000), pb.CODE_INVALID_FIELD)
    assert result.detail.startswith("rulebook.")
    assert versions(ledger) == []


def test_effective_times_that_are_past_or_out_of_order_and_other_signers_are_refused(ledger, ministry):
    now = ledger.next_time_ms
    ledger.expect(ministry.set_rulebook(rulebook(), now), pb.CODE_INVALID_FIELD)  # not after this block's time
    ledger.expect(ministry.tx("set_rulebook", pb.SetRulebook(effective_ms=now + 5_000)), pb.CODE_MISSING_FIELD)
    ledger.expect(ministry.set_rulebook(rulebook(), now + 60_000), pb.CODE_OK)
    refused = ledger.expect(ministry.set_rulebook(rulebook(amount_max=9), now + 30_000), pb.CODE_INVALID_FIELD)
    assert "after the last version scheduled" in refused.detail  # versions are never reordered or edited
    ledger.expect(ministry.set_rulebook(rulebook(), now + 60_000, note="again"), pb.CODE_INVALID_FIELD)
    for other in (identity.REGISTRY_ID, identity.EXCHANGE_ID, identity.province_id("44")):
        ledger.expect(ledger.builder(other).set_rulebook(rulebook(), now + 90_000), pb.CODE_ROLE_NOT_AUTHORIZED)
    assert [v.effective_ms for v in versions(ledger)] == [now + 60_000]


def test_a_genesis_with_an_unusable_rulebook_founds_no_chain():
    genesis = devnet.dev_genesis()
    genesis.rulebook.vintage_min = 0
    with pytest.raises(ChainError, match="rulebook.vintage_min"):
        genesis_writes(genesis)


async def test_the_rulebook_versions_through_grpc_and_the_cli(node, tmp_path):
    from cets.clients.builder import TxBuilder
    from tests.test_cli import run_cets

    ministry = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(MEE))
    head = await node.client.head()
    effective = int(time.time() * 1000) + 365 * 86_400_000  # in a year: after any block of the test
    receipt = await node.client.submit(ministry.set_rulebook(rulebook(offset_cap_bps=300), effective, note="art. 31 review"))
    assert receipt.code == pb.CODE_OK and receipt.height == head.height + 1
    genesis, scheduled = await node.client.rulebooks()
    assert (genesis.effective_ms, genesis.set_height, genesis.rulebook) == (0, 0, default_rulebook())
    assert (scheduled.effective_ms, scheduled.rulebook.offset_cap_bps, scheduled.note) == (effective, 300, "art. 31 review")
    with pytest.raises(CetsError) as refused:
        await node.client.submit(ministry.set_rulebook(rulebook(), 1))
    assert (refused.value.reason, len(await node.client.rulebooks())) == ("INVALID_FIELD", 2)
    listed = await asyncio.get_running_loop().run_in_executor(None, lambda: run_cets(tmp_path, "rulebook", "--target", node.target, "--json"))
    assert listed.returncode == 0, listed.stderr
    document = json.loads(listed.stdout)
    assert [v["effective_ms"] for v in document] == [0, effective]
    assert document[1]["rulebook"]["offset_cap_bps"] == 300


def test_a_rulebook_scheduled_too_far_ahead_is_refused(ledger, ministry):
    too_far = ledger.next_time_ms + limits.rulebook_lead_ms_max + 1  # e.g. microseconds typed for ms
    ledger.expect(ministry.set_rulebook(rulebook(), too_far), pb.CODE_INVALID_FIELD)
    ledger.expect(ministry.set_rulebook(rulebook(), ledger.next_time_ms + limits.rulebook_lead_ms_max), pb.CODE_OK)


def test_narrowing_the_vintages_past_a_vintage_with_a_cap_or_units_is_refused(ledger, ministry, registry):
    ledger.expect(ministry.set_cap(2020, 1_000), pb.CODE_OK)
    emitter = ledger.register_emitter("44")
    ledger.expect(registry.record_ccer("CCER-9", pb.PROJECT_TYPE_CARBON_SINK, 2031, 10, f"{emitter.participant_id}.holding"), pb.CODE_OK)
    later = ledger.next_time_ms + 10_000
    for low, high in ((2021, 2100), (2019, 2030)):  # would freeze the 2020 cap, the 2031 CCERs
        refused = ledger.expect(ministry.set_rulebook(rulebook(vintage_min=low, vintage_max=high), later), pb.CODE_INVALID_FIELD)
        assert "have caps or units" in refused.detail
    ledger.expect(ministry.set_rulebook(rulebook(vintage_min=2020, vintage_max=2031), later), pb.CODE_OK)


def test_a_lower_amount_max_bounds_lines_but_not_caps(ledger, ministry):
    ledger.expect(ministry.set_cap(VINTAGE, 5_000_000_000), pb.CODE_OK)
    effective = ledger.next_time_ms + 5_000
    ledger.expect(ministry.set_rulebook(rulebook(amount_max=1_000_000), effective), pb.CODE_OK)
    after = ledger.commit([ministry.set_cap(VINTAGE, 4_000_000_000).SerializeToString(),
                           ministry.issue(VINTAGE, 1_000_001).SerializeToString()], time_ms=effective)
    assert [code_name(r) for r in after.results] == ["CODE_OK", "CODE_AMOUNT_TOO_LARGE"]


def test_recorded_ccers_of_a_project_vintage_stop_at_the_supply_limit(ledger, ministry, registry):
    effective = ledger.next_time_ms + 5_000
    ledger.expect(ministry.set_rulebook(rulebook(amount_max=limits.unit_supply_max), effective), pb.CODE_OK)
    emitter = ledger.register_emitter("44")
    record = lambda amount, n: registry.record_ccer("CCER-X", pb.PROJECT_TYPE_CARBON_SINK, 2025, amount, f"{emitter.participant_id}.holding",
                                                     client_id=f"r{n}").SerializeToString()
    block = ledger.commit([record(limits.unit_supply_max, 1), record(1, 2)], time_ms=effective + 1_000)
    assert [code_name(r) for r in block.results] == ["CODE_OK", "CODE_AMOUNT_TOO_LARGE"]  # never an int64 overflow


def test_two_versions_in_one_block_and_the_state_scan_across_layers(ledger, ministry):
    from cets.ledger import tables
    from cets.ledger.state import State

    now = ledger.next_time_ms
    block = ledger.commit([ministry.set_rulebook(rulebook(amount_max=5), now + 3_000, client_id="a").SerializeToString(),
                           ministry.set_rulebook(rulebook(amount_max=6), now + 2_000, client_id="b").SerializeToString(),
                           ministry.set_rulebook(rulebook(amount_max=7), now + 4_000, client_id="c").SerializeToString()])
    assert [code_name(r) for r in block.results] == ["CODE_OK", "CODE_INVALID_FIELD", "CODE_OK"]  # the second sees the first
    with ledger.store.reader() as reader:
        base = State(reader)
        top = base.child()
        child = top.child()
        table = tables.RULEBOOK_VERSIONS
        top.put(table.key(1), b"1")
        child.put(table.key(1), None)  # deleted in the inner layer
        child.put(table.key(2), b"2")
        keys = [key for key, _ in child.scan(table.prefix)]
        assert keys == sorted(keys) and table.key(1) not in keys and table.key(2) in keys
        assert len(keys) == 3  # two stored versions and the new entry
        assert [key for key, _ in child.scan(table.prefix, start_after=table.key(2), limit=1)] == keys[1:2]
