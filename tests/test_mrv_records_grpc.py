"""The MRV records' bad input through a real node (arts. 4, 7, 26): each refusal has its stable
reason through Submit (gRPC status and ErrorInfo) and SubmitBatch (a receipt), and changes nothing,
read back from the node's own LMDB store.

Block times are the node's clock, so the years are placed around it: the current year (China
time) has not ended, the one before has.
"""

from __future__ import annotations

import hashlib

import grpc

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, now_ms
from cets.ledger import calendar, identity
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from cets.ledger.txs.mrv.listing import is_listed
from cets.ledger.txs.mrv.reports import tonnes_co2e
from tests.conftest import read_state, submit_ok, fund_province, new_key, new_uscc, register_emitter
from tests.test_bad_input import assert_refused

S = grpc.StatusCode
DOCUMENT = hashlib.sha256(b"a document kept off the ledger").digest()
NOW_YEAR = calendar.year_of(now_ms())  # not ended at the node's block times
ENDED = NOW_YEAR - 1


def report(emitter: TxBuilder, year: int, kilograms: int = 30_000_000, amends: int = 0) -> pb.SignedTx:
    gases = [pb.GasQuantity(gas=pb.GAS_CO2, kilograms=kilograms)]
    payload = pb.SubmitEmissionReport(year=year, gases=gases, total_tonnes=tonnes_co2e(gases, default_rulebook()), document_sha256=DOCUMENT,
                                      amends_version=amends)
    return emitter.tx("submit_emission_report", payload)


def list_forced(province: TxBuilder, emitter_id: str, year: int) -> pb.SignedTx:
    payload = pb.ListEmitter(emitter_id=emitter_id, year=year, basis=pb.LISTING_BASIS_FORCED, estimated_tonnes=40_000, note="art. 42")
    return province.tx("list_emitter", payload)


def reports_of(running, emitter_id: str, year: int) -> list[tuple[int, bool, int]]:
    return read_state(running, lambda state: [(r.version, r.superseded, r.report.total_tonnes)
                                        for _, _, r in t.REPORTS.scan(state, emitter_id, year, limit=100)])


async def test_art26_a_report_for_a_year_not_ended_is_refused_through_grpc_and_changes_nothing(node, guangdong):
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")
    await submit_ok(client, list_forced(guangdong, emitter.participant_id, NOW_YEAR))  # listed: only the year is wrong
    await assert_refused(client, lambda: report(emitter, NOW_YEAR), status=S.FAILED_PRECONDITION, code=pb.CODE_YEAR_NOT_ENDED, at_admission=False)
    assert reports_of(node, emitter.participant_id, NOW_YEAR) == []


async def test_art26_a_second_report_where_an_amendment_is_meant_is_refused_through_grpc_and_changes_nothing(node, guangdong):
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")
    declaration = pb.DeclareEmissions(year=ENDED, total_tonnes=30_000, direct_tonnes=30_000, sector="power")
    await submit_ok(client, emitter.tx("declare_emissions", declaration))
    await submit_ok(client, guangdong.tx("list_emitter", pb.ListEmitter(emitter_id=emitter.participant_id, year=ENDED,
                                                                          basis=pb.LISTING_BASIS_DECLARED)))
    first = await submit_ok(client, report(emitter, ENDED))
    assert first.events[0].emission_report_submitted.late == (now_ms() >= calendar.deadline_ms(ENDED, default_rulebook().report_due))
    await assert_refused(client, lambda: report(emitter, ENDED, kilograms=31_000_000), status=S.ALREADY_EXISTS, code=pb.CODE_REPORT_EXISTS,
                         at_admission=False)
    assert reports_of(node, emitter.participant_id, ENDED) == [(1, False, 30_000)]
    await submit_ok(client, report(emitter, ENDED, kilograms=31_000_000, amends=1))  # what was meant
    assert reports_of(node, emitter.participant_id, ENDED) == [(1, True, 30_000), (2, False, 31_000)]


async def test_art4_mrv_acts_outside_a_provinces_jurisdiction_are_refused_through_grpc_and_change_nothing(node, guangdong, hubei):
    client = node.client
    emitter = await register_emitter(client, hubei, "42")
    await submit_ok(client, list_forced(hubei, emitter.participant_id, ENDED))
    plan = pb.SubmitMonitoringPlan(document_sha256=DOCUMENT, method=pb.MONITORING_METHOD_CALCULATION)
    await submit_ok(client, emitter.tx("submit_monitoring_plan", plan))
    body = new_key(new_uscc("42"))
    refused = {
        "list": lambda: list_forced(guangdong, emitter.participant_id, NOW_YEAR + 5),
        "delist": lambda: guangdong.tx("delist_emitter", pb.DelistEmitter(emitter_id=emitter.participant_id, from_year=NOW_YEAR,
                                                                          reason=pb.DELISTING_REASON_CLOSURE, note="closed")),
        "file plan": lambda: guangdong.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=emitter.participant_id, version=1)),
        "register a verifier": lambda: guangdong.register_participant(body.participant_id, pb.ROLE_VERIFIER, "HB verifier", [body.spec()],
                                                                       province="42"),
    }
    for make in refused.values():
        await assert_refused(client, make, status=S.PERMISSION_DENIED, code=pb.CODE_OUTSIDE_JURISDICTION, at_admission=False)
    listing = read_state(node, lambda state: is_listed(state, emitter.participant_id, NOW_YEAR + 5))
    assert (listing.from_year, listing.until_year) == (ENDED, 0)
    assert read_state(node, lambda state: t.PLANS.get(state, emitter.participant_id, 1).status) == pb.PLAN_STATUS_SUBMITTED
    assert read_state(node, lambda state: state.participant(body.participant_id)) is None


async def test_art7_an_allocation_citing_an_unpublished_method_is_refused_through_grpc_and_moves_nothing(node, ministry, guangdong):
    client = node.client
    await fund_province(client, ministry, "44", 2025, 1_000)
    emitter = await register_emitter(client, guangdong, "44")
    await assert_refused(client, lambda: guangdong.allocate([(emitter.participant_id, 2025, 100)], method_version="2025-unpublished"),
                         status=S.FAILED_PRECONDITION, code=pb.CODE_METHOD_UNKNOWN, at_admission=False)
    assert read_state(node, lambda state: state.balance(identity.holding_account_id(emitter.participant_id), cea(2025))) == 0
    assert read_state(node, lambda state: state.balance(identity.province_account_id("44"), cea(2025))) == 1_000
