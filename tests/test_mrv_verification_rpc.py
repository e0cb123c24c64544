"""The verification draw, verified emissions and appeals through a real node's gRPC API (arts. 10,
27-29): the issue's bad inputs this part owns, each with its reason and nothing changed, and a
recorded draw reproduced from what the node publishes (the draw's record, `GetVerificationDraw`,
and the seed block's header, `GetBlock`) with ledger/draw.py alone, without asking the node for the
outcome; and each verified figure seen by the emitter (`GetEmitterYear` and the events).

Block times are the node's clock; the appeal-window test moves that clock (and the signers' created
times with it) forward, as days passing would.
"""

from __future__ import annotations

import hashlib

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, now_ms
from cets.clients.sdk import AsyncClient
from cets.ledger import calendar, crypto, draw, identity
from cets.ledger import tables as t
from cets.node import devnet
from tests.conftest import publish_method_tx, new_key, new_uscc
from tests.test_bad_input import assert_refused

S = grpc.StatusCode
YEAR = 2025
TONNES = 30_000


class Clock:
    """The node's block time and the signers' created times: the wall clock plus `offset_ms`."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def __call__(self) -> int:
        return now_ms() + self.offset_ms


class World:
    """A node whose block times follow `clock`, and signers whose created times follow it too."""

    def __init__(self, running) -> None:
        self.running = running
        self.client: AsyncClient = running.client
        self.clock = Clock()
        running.node.sequencer.clock = self.clock

    def founder(self, participant_id: str) -> TxBuilder:
        return TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(participant_id), clock=self.clock)

    def province(self, code: str = "44") -> TxBuilder:
        return self.founder(identity.province_id(code))

    async def applied(self, *txs: pb.SignedTx) -> list[pb.Receipt]:
        receipts = [await self.client.submit(tx) for tx in txs]
        assert [pb.Code.Name(r.code) for r in receipts] == ["CODE_OK"] * len(txs), [r.detail for r in receipts]
        return receipts

    async def listed_emitter(self, code: str = "44") -> TxBuilder:
        """A key emitter of the province with a filed plan, listed for YEAR, that reported TONNES."""
        key, registrar = new_key(new_uscc(code)), self.province(code)
        await self.applied(registrar.register_participant(key.participant_id, pb.ROLE_KEY_EMITTER, "Emitter", [key.spec()],
                                                          province=code, sector="power"))
        emitter = TxBuilder(devnet.DEV_CHAIN_ID, key, clock=self.clock)
        await self.applied(
            emitter.tx("submit_monitoring_plan", pb.SubmitMonitoringPlan(
                document_sha256=hashlib.sha256(b"plan").digest(), method=pb.MONITORING_METHOD_CALCULATION, summary="plan")),
            registrar.tx("file_monitoring_plan", pb.FileMonitoringPlan(emitter_id=key.participant_id, version=1)),
            registrar.tx("list_emitter", pb.ListEmitter(emitter_id=key.participant_id, year=YEAR, basis=pb.LISTING_BASIS_FORCED,
                                                        estimated_tonnes=TONNES, note="art. 42")),
            emitter.tx("submit_emission_report", pb.SubmitEmissionReport(
                year=YEAR, gases=[pb.GasQuantity(gas=pb.GAS_CO2, kilograms=TONNES * 1_000)], total_tonnes=TONNES,
                document_sha256=hashlib.sha256(b"report").digest())))
        return emitter

    async def verifier(self) -> TxBuilder:
        key = new_key(new_uscc("11"))
        await self.applied(self.founder(identity.MINISTRY_ID).register_participant(
            key.participant_id, pb.ROLE_VERIFIER, "Verification body", [key.spec()]))
        return TxBuilder(devnet.DEV_CHAIN_ID, key, clock=self.clock)

    async def requested(self, emitters, bodies, select_count: int, capacity: int, requester: TxBuilder | None = None) -> pb.Receipt:
        """A draw request, and a block after it so that its seed block is sealed."""
        payload = pb.RequestVerificationDraw(year=YEAR, candidates=sorted(e.participant_id for e in emitters), select_count=select_count,
                                             bodies=sorted(b.participant_id for b in bodies), capacity_per_body=capacity)
        (receipt,) = await self.applied((requester or self.province()).tx("request_verification_draw", payload))
        await self.verifier()  # any later transaction makes the seed block's successor
        return receipt

    def mrv_state(self) -> dict[bytes, bytes]:
        """The node's draw, verification, appeal and compliance records, read from its store."""
        tables = (t.DRAWS, t.DRAWS_BY_PROVINCE, t.ASSIGNMENTS, t.VERIFICATIONS, t.VERIFIED_EMISSIONS, t.APPEALS, t.APPEALS_BY_EMITTER,
                  t.COMPLIANCE, t.COMPLIANCE_BY_PROVINCE, t.ALLOCATION_TIMES)
        with self.running.node.store.reader() as reader:
            return {key: value for table in tables for key, value in reader.scan(table.prefix)}


@pytest.fixture
def world(node) -> World:
    return World(node)


async def reproduce(client: AsyncClient, draw_id: bytes) -> draw.DrawResult:
    """The draw, from its published record (`GetVerificationDraw`) and the seed block's header
    (`GetBlock`), hashed here: ledger/draw.py alone, the node's outcome is never asked for."""
    record = await client.verification_draw(draw_id)
    seed_block = await client.block(record.seed_height)
    seed = hashlib.sha256(crypto.HEADER_DOMAIN + seed_block.header).digest()
    request = record.request
    return draw.draw(draw.DrawInputs(
        seed=seed, seed_height=record.seed_height, province=record.province, year=request.year, draw_number=record.draw_number,
        candidates=tuple(request.candidates), select_count=request.select_count, bodies=tuple(request.bodies),
        conflicts=tuple((c.body_id, c.emitter_id) for c in request.conflicts), capacity_per_body=request.capacity_per_body))


def record_tx(recorder: TxBuilder, draw_id: bytes, assignments) -> pb.SignedTx:
    pairs = [pb.DrawAssignment(emitter_id=a.emitter, body_id=a.body) for a in assignments]
    return recorder.tx("record_verification_draw", pb.RecordVerificationDraw(draw_id=draw_id, assignments=pairs))


def verification_tx(body: TxBuilder, emitter: TxBuilder) -> pb.SignedTx:
    return body.tx("record_verification", pb.RecordVerification(emitter_id=emitter.participant_id, year=YEAR, report_version=1,
                                                                verified_tonnes=TONNES, document_sha256=hashlib.sha256(b"v").digest()))


def appeal_tx(emitter: TxBuilder, subject: int = pb.APPEAL_SUBJECT_VERIFICATION) -> pb.SignedTx:
    return emitter.tx("file_appeal", pb.FileAppeal(subject=subject, year=YEAR, grounds="the figure is wrong"))


async def verified(world: World) -> tuple[TxBuilder, TxBuilder]:
    """A Guangdong emitter, drawn and verified by its body: (emitter, body)."""
    emitter, body = await world.listed_emitter(), await world.verifier()
    request = await world.requested([emitter], [body], select_count=1, capacity=1)
    await world.applied(record_tx(world.province(), request.tx_id, (await reproduce(world.client, request.tx_id)).assignments))
    (receipt,) = await world.applied(verification_tx(body, emitter))
    assert receipt.events[0].emissions_verified.verified_tonnes == TONNES
    return emitter, body


async def test_art27_a_recorded_draw_reproduces_from_its_published_record_and_the_seed_blocks_hash(world):
    emitters = [await world.listed_emitter() for _ in range(4)]
    bodies = [await world.verifier() for _ in range(3)]
    request = await world.requested(emitters, bodies, select_count=3, capacity=1)
    requested = request.events[0].verification_draw_requested
    record = await world.client.verification_draw(request.tx_id)
    assert (record.request_height, record.seed_height) == (request.height, request.height + 1)  # the block after the request's
    assert (requested.seed_height, requested.draw_number, requested.province) == (record.seed_height, record.draw_number, "44")
    signed = pb.TxBody.FromString(pb.SignedTx.FromString((await world.client.transaction(request.tx_id)).tx).body)
    assert signed.request_verification_draw == record.request  # the inputs are what the province signed

    expected = await reproduce(world.client, request.tx_id)
    (recorded,) = await world.applied(record_tx(world.province(), request.tx_id, expected.assignments))
    record = await world.client.verification_draw(request.tx_id)
    assert record.key == expected.key == recorded.events[0].verification_draw_recorded.key
    assert [(a.emitter_id, a.body_id) for a in record.assignments] == [(a.emitter, a.body) for a in expected.assignments]
    seed_header = (await world.client.block(record.seed_height)).header
    assert record.seed == hashlib.sha256(crypto.HEADER_DOMAIN + seed_header).digest()
    successor = pb.BlockHeader.FromString((await world.client.block(record.seed_height + 1)).header)
    assert successor.prev_hash == record.seed  # the chain itself links the seed to the next block


async def test_art28_art29_the_emitter_sees_each_verified_figure_queryable_and_as_an_event(world):
    emitter, body = await verified(world)
    view = await world.client.emitter_year(emitter.participant_id, YEAR)
    assert [(v.version, v.verified_tonnes, v.verified_by) for v in view.verifications] == [(1, TONNES, body.participant_id)]
    assert (view.compliance.obligation_tonnes, view.compliance.verification_version) == (TONNES, 1)
    assert view.assignment.body_id == body.participant_id
    (filed,) = await world.applied(appeal_tx(emitter))
    (decided,) = await world.applied(world.province().tx("decide_appeal", pb.DecideAppeal(
        appeal_id=filed.tx_id, outcome=pb.APPEAL_OUTCOME_UPHELD, corrected_tonnes=TONNES - 700, reasons="NCV measured")))
    assert decided.events[1].emissions_verified.verified_tonnes == TONNES - 700
    view = await world.client.emitter_year(emitter.participant_id, YEAR)
    assert [(v.version, v.verified_tonnes, v.appeal_id) for v in view.verifications] == [(1, TONNES, b""), (2, TONNES - 700, filed.tx_id)]
    assert (view.compliance.obligation_tonnes, view.compliance.verification_version) == (TONNES - 700, 2)
    (appeal,) = await world.client.appeals(emitter.participant_id)
    assert (appeal.outcome, appeal.decided_late) == (pb.APPEAL_OUTCOME_UPHELD, False)


async def test_art27_a_draw_that_does_not_reproduce_is_refused(world):
    emitters = [await world.listed_emitter() for _ in range(3)]
    bodies = [await world.verifier() for _ in range(2)]
    request = await world.requested(emitters, bodies, select_count=2, capacity=1)
    first, second = (await reproduce(world.client, request.tx_id)).assignments
    swapped = [draw.Assignment(first.emitter, second.body), draw.Assignment(second.emitter, first.body)]
    before = world.mrv_state()
    await assert_refused(world.client, lambda: record_tx(world.province(), request.tx_id, swapped),
                         status=S.FAILED_PRECONDITION, code=pb.CODE_DRAW_NOT_REPRODUCED, at_admission=False)
    assert world.mrv_state() == before


async def test_art28_a_verification_by_an_unassigned_body_is_refused(world):
    emitter, body = await world.listed_emitter(), await world.verifier()
    request = await world.requested([emitter], [body], select_count=1, capacity=1)
    await world.applied(record_tx(world.province(), request.tx_id, (await reproduce(world.client, request.tx_id)).assignments))
    stranger = await world.verifier()
    before = world.mrv_state()
    await assert_refused(world.client, lambda: verification_tx(stranger, emitter),
                         status=S.PERMISSION_DENIED, code=pb.CODE_NOT_ASSIGNED, at_admission=False)
    assert world.mrv_state() == before
    await world.applied(verification_tx(body, emitter))


async def test_art10_art29_appeals_outside_the_window_are_refused(world):
    emitter, _ = await verified(world)
    ministry = world.founder(identity.MINISTRY_ID)
    for tx in (publish_method_tx(ministry), ministry.set_cap(YEAR, 1_000), ministry.issue(YEAR, 1_000),
               ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), pb.Unit(product=pb.PRODUCT_CEA, vintage=YEAR), 1_000),
               world.province().allocate([(emitter.participant_id, YEAR, 1_000)])):
        await world.applied(tx)
    window_days = devnet.dev_genesis().rulebook.appeal_window_days  # no other rulebook version is scheduled
    world.clock.offset_ms += calendar.days_ms(window_days) + 60_000  # the window's days pass
    before = world.mrv_state()
    for subject in (pb.APPEAL_SUBJECT_VERIFICATION, pb.APPEAL_SUBJECT_ALLOCATION):
        await assert_refused(world.client, lambda: appeal_tx(emitter, subject),
                             status=S.FAILED_PRECONDITION, code=pb.CODE_APPEAL_WINDOW_CLOSED, at_admission=False)
    assert world.mrv_state() == before


async def test_art4_actions_outside_a_provinces_jurisdiction_are_refused(world):
    emitter, hubei_emitter, body = await world.listed_emitter(), await world.listed_emitter("42"), await world.verifier()
    hubei = world.province("42")
    before = world.mrv_state()

    def request_with_hubeis_emitter() -> pb.SignedTx:
        payload = pb.RequestVerificationDraw(year=YEAR, candidates=sorted([emitter.participant_id, hubei_emitter.participant_id]),
                                             select_count=1, bodies=[body.participant_id], capacity_per_body=1)
        return world.province().tx("request_verification_draw", payload)

    await assert_refused(world.client, request_with_hubeis_emitter, status=S.PERMISSION_DENIED, code=pb.CODE_OUTSIDE_JURISDICTION,
                         at_admission=False)
    assert world.mrv_state() == before

    request = await world.requested([emitter], [body], select_count=1, capacity=1)
    assignments = (await reproduce(world.client, request.tx_id)).assignments
    before = world.mrv_state()
    await assert_refused(world.client, lambda: record_tx(hubei, request.tx_id, assignments),
                         status=S.PERMISSION_DENIED, code=pb.CODE_OUTSIDE_JURISDICTION, at_admission=False)
    assert world.mrv_state() == before
    await world.applied(record_tx(world.province(), request.tx_id, assignments), verification_tx(body, emitter))

    (filed,) = await world.applied(appeal_tx(emitter))
    before = world.mrv_state()
    await assert_refused(world.client, lambda: hubei.tx("decide_appeal", pb.DecideAppeal(
        appeal_id=filed.tx_id, outcome=pb.APPEAL_OUTCOME_UPHELD, corrected_tonnes=1)),
        status=S.PERMISSION_DENIED, code=pb.CODE_OUTSIDE_JURISDICTION, at_admission=False)
    assert world.mrv_state() == before
