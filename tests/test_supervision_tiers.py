"""The three tiers through a real node's gRPC API (arts. 4, 32-33): a province delegates tasks over
some of its emitters or districts to one of its cities for a period of block time, and revokes
it; a city acts only inside a delegation in force (each way outside it has its own reason, and
changes nothing, read back from the node's store); a city never allocates.

Block times are the node's clock (`World.clock`), moved forward where a delegation must expire.
"""

from __future__ import annotations

import hashlib
import secrets

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.ledger import identity, limits
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from cets.ledger.query_auth import window_blocks
from cets.ledger.txs.registry.rulebook import rulebook_problem
from cets.node import devnet
from tests.conftest import new_key, new_uscc
from tests.test_bad_input import assert_refused
from tests.test_mrv_verification_rpc import World

S = grpc.StatusCode
DOCUMENT = hashlib.sha256(b"a document kept off the ledger").digest()
HOUR_MS = 3_600_000
PLANS = pb.SUPERVISION_TASK_MONITORING_PLANS
INSPECTIONS = pb.SUPERVISION_TASK_INSPECTIONS


@pytest.fixture
def world(node) -> World:
    return World(node)


def uscc_in(division: str) -> str:
    """A unified social credit code registered in a GB/T 2260 division (6 digits)."""
    body = "91" + division + "".join(secrets.choice("0123456789") for _ in range(9))
    return body + identity.uscc_check_char(body)


async def city_of(world: World, code: str = "44", registrar: TxBuilder | None = None) -> TxBuilder:
    key = new_key(uscc_in(code + "0100"))
    await world.applied((registrar or world.province(code)).register_participant(
        key.participant_id, pb.ROLE_CITY, "City ecology and environment bureau", [key.spec()], province=code))
    return TxBuilder(devnet.DEV_CHAIN_ID, key, clock=world.clock)


async def emitter_in(world: World, division: str) -> TxBuilder:
    """A registered key emitter of the division's province, with a submitted (unfiled) plan."""
    key = new_key(uscc_in(division))
    await world.applied(world.province(division[:2]).register_participant(
        key.participant_id, pb.ROLE_KEY_EMITTER, "Emitter", [key.spec()], province=division[:2], sector="power"))
    emitter = TxBuilder(devnet.DEV_CHAIN_ID, key, clock=world.clock)
    await world.applied(submit_plan(emitter))
    return emitter


def submit_plan(emitter: TxBuilder) -> pb.SignedTx:
    return emitter.tx("submit_monitoring_plan", pb.SubmitMonitoringPlan(document_sha256=DOCUMENT, method=pb.MONITORING_METHOD_CALCULATION))


def delegation_tx(world: World, city: TxBuilder, tasks=(PLANS, INSPECTIONS), emitters=(), districts=(), *, start_ms: int | None = None,
                  end_ms: int | None = None, province: TxBuilder | None = None) -> pb.SignedTx:
    start = world.clock() - HOUR_MS if start_ms is None else start_ms
    payload = pb.RecordDelegation(city=city.participant_id, tasks=list(tasks), emitter_ids=[e.participant_id for e in emitters],
                                  districts=list(districts), valid_from_ms=start, valid_until_ms=end_ms or start + 1_000 * HOUR_MS,
                                  reference="Yue-Huan 2026 No. 7")
    return (province or world.province()).tx("record_delegation", payload)


async def delegate(world: World, city: TxBuilder, *args, **options) -> bytes:
    (receipt,) = await world.applied(delegation_tx(world, city, *args, **options))
    return receipt.tx_id


def file_plan(actor: TxBuilder, emitter: TxBuilder, version: int = 1) -> pb.SignedTx:
    return actor.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=emitter.participant_id, version=version))


def inspection(actor: TxBuilder, emitter: TxBuilder, outcome: int = pb.INSPECTION_OUTCOME_DEFICIENCIES, year: int = 2025) -> pb.SignedTx:
    return actor.tx("record_inspection", pb.RecordInspection(emitter_id=emitter.participant_id, year=year, outcome=outcome,
                                                             findings="metering not calibrated", document_sha256=DOCUMENT))


def supervision_state(world: World) -> dict[bytes, bytes]:
    """Every supervision record and plan the node keeps, read from its store."""
    tables = (t.DELEGATIONS, t.DELEGATIONS_BY_CITY, t.DELEGATIONS_BY_PROVINCE, t.DELEGATED_ACTS, t.INSPECTIONS, t.VERIFIER_FINDINGS,
              t.PLANS, t.PARTICIPANTS)
    with world.running.node.store.reader() as reader:
        return {key: value for table in tables for key, value in reader.scan(table.prefix)}


async def assert_city_refused(world: World, make_tx, code: int, status=S.PERMISSION_DENIED) -> None:
    before = supervision_state(world)
    await assert_refused(world.client, make_tx, status=status, code=code, at_admission=False)
    assert supervision_state(world) == before


# -- what a city may do --------------------------------------------------------------------------------
async def test_art32_a_city_files_plans_and_records_inspections_inside_its_delegation_each_act_naming_it(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    delegation_id = await delegate(world, city, emitters=[emitter])
    (filed,) = await world.applied(file_plan(city, emitter))
    assert filed.events[0].monitoring_plan_recorded.status == pb.PLAN_STATUS_FILED
    (inspected,) = await world.applied(inspection(city, emitter))
    assert inspected.events[0].inspection_recorded.inspected_by == city.participant_id
    with world.running.node.store.reader() as reader:
        record = t.INSPECTIONS.get(reader, emitter.participant_id, inspected.tx_id)
        acts = [(parts[1], value) for _, parts, value in t.DELEGATED_ACTS.scan(reader, city.participant_id, limit=10)]
    assert (record.delegation_id, record.province) == (delegation_id, "44")
    assert acts == [(filed.height, delegation_id), (inspected.height, delegation_id)]


async def test_art32_a_delegation_by_district_covers_the_emitters_registered_there_and_no_others(world):
    city = await city_of(world)
    inside, elsewhere = await emitter_in(world, "440106"), await emitter_in(world, "440300")
    await delegate(world, city, districts=["4401"])
    await world.applied(file_plan(city, inside))
    await assert_city_refused(world, lambda: file_plan(city, elsewhere), pb.CODE_OUTSIDE_DELEGATION)


async def test_art32_the_province_still_acts_on_emitters_it_delegated(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    await delegate(world, city, emitters=[emitter])
    await world.applied(file_plan(world.province(), emitter), inspection(world.province(), emitter))


# -- each way outside a delegation: its own reason, nothing changed -------------------------------------
async def test_art32_a_city_with_no_delegation_is_refused(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    await assert_city_refused(world, lambda: file_plan(city, emitter), pb.CODE_DELEGATION_MISSING)


async def test_art32_a_city_before_its_delegation_begins_is_refused(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    await delegate(world, city, emitters=[emitter], start_ms=world.clock() + HOUR_MS)
    await assert_city_refused(world, lambda: inspection(city, emitter), pb.CODE_DELEGATION_NOT_YET_VALID)


async def test_art32_a_city_after_its_delegation_expired_is_refused(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    now = world.clock()
    await delegate(world, city, emitters=[emitter], start_ms=now - HOUR_MS, end_ms=now + 60_000)
    await world.applied(inspection(city, emitter))  # in force
    world.clock.offset_ms += 120_000  # its end passes in block time
    await assert_city_refused(world, lambda: inspection(city, emitter), pb.CODE_DELEGATION_EXPIRED)


async def test_art32_a_city_under_a_revoked_delegation_is_refused(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    delegation_id = await delegate(world, city, emitters=[emitter])
    (revoked,) = await world.applied(world.province().tx("revoke_delegation", pb.RevokeDelegation(delegation_id=delegation_id, reason="reorganised")))
    assert revoked.events[0].delegation_revoked.delegation_id == delegation_id
    await assert_city_refused(world, lambda: file_plan(city, emitter), pb.CODE_DELEGATION_REVOKED)


async def test_art32_a_city_performing_a_task_not_delegated_is_refused(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    await delegate(world, city, tasks=[INSPECTIONS], emitters=[emitter])
    await assert_city_refused(world, lambda: file_plan(city, emitter), pb.CODE_TASK_NOT_DELEGATED)


async def test_art32_a_city_acting_on_an_emitter_outside_its_scope_is_refused(world):
    city, named, other = await city_of(world), await emitter_in(world, "440106"), await emitter_in(world, "440106")
    await delegate(world, city, emitters=[named])
    await assert_city_refused(world, lambda: inspection(city, other), pb.CODE_OUTSIDE_DELEGATION)


async def test_art4_a_city_acting_on_another_provinces_emitter_is_refused(world):
    city, hubei_emitter = await city_of(world), await emitter_in(world, "420100")
    await delegate(world, city, districts=["4401"])
    await assert_city_refused(world, lambda: inspection(city, hubei_emitter), pb.CODE_OUTSIDE_JURISDICTION)


async def test_art32_the_closest_delegation_gives_the_reason(world):
    # One delegation of the wrong task, one of the right task that expired: the city learns the expiry.
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    now = world.clock()
    await delegate(world, city, tasks=[INSPECTIONS], emitters=[emitter])
    await delegate(world, city, tasks=[PLANS], emitters=[emitter], start_ms=now - HOUR_MS, end_ms=now + 60_000)
    world.clock.offset_ms += 120_000
    await assert_city_refused(world, lambda: file_plan(city, emitter), pb.CODE_DELEGATION_EXPIRED)


async def test_art4_a_city_never_allocates(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    await delegate(world, city, emitters=[emitter])
    before = supervision_state(world)
    await assert_refused(world.client, lambda: city.allocate([(emitter.participant_id, 2025, 1)]), status=S.PERMISSION_DENIED,
                         code=pb.CODE_ROLE_NOT_AUTHORIZED, at_admission=True)
    await assert_refused(world.client, lambda: city.adjust_allocation(emitter.participant_id, 2025, 1, pb.ADJUSTMENT_REASON_CORRECTION),
                         status=S.PERMISSION_DENIED, code=pb.CODE_ROLE_NOT_AUTHORIZED, at_admission=True)
    assert supervision_state(world) == before


# -- recording and revoking delegations -------------------------------------------------------------------
async def test_art32_a_province_delegates_only_to_its_own_cities_and_only_over_its_own_emitters(world):
    city, hubei_city = await city_of(world), await city_of(world, "42")
    emitter, hubei_emitter = await emitter_in(world, "440106"), await emitter_in(world, "420100")
    cases = [
        (lambda: delegation_tx(world, hubei_city, emitters=[emitter]), pb.CODE_OUTSIDE_JURISDICTION),
        (lambda: delegation_tx(world, city, emitters=[hubei_emitter]), pb.CODE_OUTSIDE_JURISDICTION),
        (lambda: delegation_tx(world, city, districts=["4201"]), pb.CODE_OUTSIDE_JURISDICTION),
        (lambda: delegation_tx(world, emitter, emitters=[emitter]), pb.CODE_NOT_CITY),
    ]
    for make_tx, code in cases:
        await assert_city_refused(world, make_tx, code, status=S.PERMISSION_DENIED if code == pb.CODE_OUTSIDE_JURISDICTION else S.FAILED_PRECONDITION)


@pytest.mark.parametrize("change, code", [
    ({"tasks": []}, pb.CODE_MISSING_FIELD),
    ({"tasks": [PLANS, PLANS]}, pb.CODE_INVALID_FIELD),
    ({"tasks": [99]}, pb.CODE_INVALID_FIELD),
    ({"emitter_ids": [], "districts": []}, pb.CODE_MISSING_FIELD),
    ({"districts": ["4400"]}, pb.CODE_INVALID_FIELD),
    ({"districts": ["44x1"]}, pb.CODE_INVALID_FIELD),
    ({"valid_until_ms": 1}, pb.CODE_INVALID_FIELD),
    ({"valid_from_ms": 0}, pb.CODE_MISSING_FIELD),
    ({"reference": ""}, pb.CODE_MISSING_FIELD),
])
async def test_art32_a_malformed_delegation_is_refused_and_changes_nothing(world, change, code):
    city, emitter = await city_of(world), await emitter_in(world, "440106")

    def make_tx() -> pb.SignedTx:
        now = world.clock()
        fields = dict(city=city.participant_id, tasks=[PLANS], emitter_ids=[emitter.participant_id], districts=[],
                      valid_from_ms=now - HOUR_MS, valid_until_ms=now + HOUR_MS, reference="Yue-Huan 2026 No. 7")
        fields.update(change)
        return world.province().tx("record_delegation", pb.RecordDelegation(**fields))

    await assert_city_refused(world, make_tx, code, status=S.INVALID_ARGUMENT)


async def test_art32_only_the_delegating_province_revokes_and_only_once(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    delegation_id = await delegate(world, city, emitters=[emitter])

    def revoke(province: TxBuilder, target: bytes = delegation_id) -> pb.SignedTx:
        return province.tx("revoke_delegation", pb.RevokeDelegation(delegation_id=target, reason="reorganised"))

    await assert_city_refused(world, lambda: revoke(world.province("42")), pb.CODE_DELEGATION_UNKNOWN, status=S.NOT_FOUND)
    await assert_city_refused(world, lambda: revoke(world.province(), bytes(32)), pb.CODE_DELEGATION_UNKNOWN, status=S.NOT_FOUND)
    await assert_refused(world.client, lambda: city.tx("revoke_delegation", pb.RevokeDelegation(delegation_id=delegation_id, reason="x")),
                         status=S.PERMISSION_DENIED, code=pb.CODE_ROLE_NOT_AUTHORIZED, at_admission=True)
    await world.applied(revoke(world.province()))
    await assert_city_refused(world, lambda: revoke(world.province()), pb.CODE_DELEGATION_ENDED, status=S.FAILED_PRECONDITION)


async def test_art4_a_city_is_registered_under_its_own_province_by_it_or_the_ministry(world):
    await city_of(world, "44", registrar=world.founder(identity.MINISTRY_ID))
    key = new_key(new_uscc("42"))

    def register(registrar: TxBuilder, province: str) -> pb.SignedTx:
        return registrar.register_participant(key.participant_id, pb.ROLE_CITY, "City", [key.spec()], province=province)

    await assert_city_refused(world, lambda: register(world.province("44"), "42"), pb.CODE_OUTSIDE_JURISDICTION)
    await assert_city_refused(world, lambda: register(world.founder(identity.REGISTRY_ID), "42"), pb.CODE_ROLE_NOT_AUTHORIZED)
    await assert_city_refused(world, lambda: register(world.province("42"), ""), pb.CODE_MISSING_FIELD, status=S.INVALID_ARGUMENT)
    await world.applied(register(world.province("42"), "42"))


def test_art33_the_query_credential_window_is_a_rulebook_parameter_bounded_by_the_ledger():
    rulebook = default_rulebook()
    assert window_blocks(rulebook) == limits.query_auth_window_blocks_default  # 0 in the genesis: the default
    rulebook.query_auth_window_blocks = 7
    assert (window_blocks(rulebook), rulebook_problem(rulebook)) == (7, "")
    rulebook.query_auth_window_blocks = limits.query_auth_window_blocks_max + 1
    assert rulebook_problem(rulebook).startswith("query_auth_window_blocks: got")
