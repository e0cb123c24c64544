"""The Supervision service through a real node's gRPC API (arts. 4, 32-34, 36): each regulator sees
its own jurisdiction (the ministry the nation, a province its province, a city its delegation's
scope), every request carries a signed QueryAuth, and each refusal (a credential missing, expired,
too far ahead, forged, of another participant's key; a caller that is no regulator; anything
outside the jurisdiction) is PERMISSION_DENIED with its own ErrorInfo reason and moves nothing.
"""

from __future__ import annotations

import hashlib

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import identity, query_auth
from cets.node import devnet
from tests.conftest import new_key, new_uscc
from tests.test_bad_input import head_of
from tests.test_mrv_verification_rpc import TONNES, YEAR, World, record_tx, reproduce
from tests.test_supervision_tiers import DOCUMENT, assert_city_refused, city_of, delegate, emitter_in, inspection, supervision_state

S = grpc.StatusCode
PROFILE = "/cets.v1.Supervision/GetEmitterProfile"


@pytest.fixture
def world(node) -> World:
    return World(node)


def supervisor(world: World, builder: TxBuilder) -> AsyncClient:
    """A client whose supervision queries are signed with the builder's key."""
    return AsyncClient(world.running.target, deadline_s=20.0, query_key=builder.key)


async def listed(world: World, emitter: TxBuilder, sector_year: int = YEAR) -> None:
    province = world.province(emitter.participant_id[2:4])
    await world.applied(province.tx("list_emitter", pb.ListEmitter(emitter_id=emitter.participant_id, year=sector_year,
                                                                   basis=pb.LISTING_BASIS_FORCED, estimated_tonnes=TONNES, note="art. 42")))


async def refused_query(world: World, builder: TxBuilder | None, call, reason: str) -> None:
    """The query is PERMISSION_DENIED with `reason`, and the head and the records stay as they were."""
    head, records = await head_of(world.client), supervision_state(world)
    client = supervisor(world, builder) if builder else world.client
    try:
        with pytest.raises(CetsError) as info:
            await call(client)
    finally:
        if builder:
            await client.close()
    assert (info.value.status, info.value.reason) == (S.PERMISSION_DENIED, reason), info.value
    assert (await head_of(world.client), supervision_state(world)) == (head, records)


async def raw_profile(world: World, request: api.GetEmitterProfileRequest) -> CetsError:
    try:
        await world.client.supervision.GetEmitterProfile(request, timeout=20)
    except grpc.aio.AioRpcError as error:
        return CetsError.from_rpc_error(error)
    raise AssertionError("the query was answered")


# -- who sees what -------------------------------------------------------------------------------------
async def test_art33_the_ministry_sees_any_emitter_a_province_its_own_and_a_city_its_delegated_scope(world):
    emitter, hubei_emitter = await emitter_in(world, "440106"), await emitter_in(world, "420100")
    await listed(world, emitter)
    city, idle_city = await city_of(world), await city_of(world)
    await delegate(world, city, districts=["4401"])
    for builder in (world.founder(identity.MINISTRY_ID), world.province(), city):
        async with supervisor(world, builder) as client:
            profile = await client.emitter_profile(emitter.participant_id)
        assert profile.emitter.participant_id == emitter.participant_id
        assert profile.account.account_id == identity.holding_account_id(emitter.participant_id)
        assert [plan.version for plan in profile.plans] == [1] and [item.from_year for item in profile.listings] == [YEAR]
        assert [item.kind for item in profile.transactions] == ["submit_monitoring_plan"]
        assert profile.HasField("enforcement")  # its place, for the enforcement history
    async with supervisor(world, world.founder(identity.MINISTRY_ID)) as client:
        assert (await client.emitter_profile(hubei_emitter.participant_id)).emitter.province == "42"
    for builder, target in ((world.province("42"), emitter), (world.province(), hubei_emitter), (idle_city, emitter), (city, hubei_emitter)):
        await refused_query(world, builder, lambda client: client.emitter_profile(target.participant_id), "OUTSIDE_JURISDICTION")


async def test_art33_anyone_but_a_regulator_is_refused(world):
    emitter = await emitter_in(world, "440106")
    for builder in (emitter, world.founder(identity.REGISTRY_ID), world.founder(identity.EXCHANGE_ID), await world.verifier()):
        await refused_query(world, builder, lambda client: client.emitter_profile(emitter.participant_id), "NOT_A_SUPERVISOR")


async def test_art33_each_bad_query_credential_has_its_own_reason_and_changes_nothing(world):
    emitter = await emitter_in(world, "440106")
    province, ministry = world.province(), world.founder(identity.MINISTRY_ID)
    head = (await world.client.head()).height
    request = api.GetEmitterProfileRequest(emitter_id=emitter.participant_id)

    def signed(builder: TxBuilder, until: int, method: str = PROFILE, participant: str | None = None, body=request):
        auth = query_auth.sign(builder.key.signer, participant or builder.participant_id, devnet.DEV_CHAIN_ID, method, body, until)
        return api.GetEmitterProfileRequest(emitter_id=emitter.participant_id, auth=auth)

    forged = signed(province, head + 5)
    forged.auth.signature = bytes(64)
    other_emitter = api.GetEmitterProfileRequest(emitter_id="913700000000000000")
    cases = {
        "QUERY_AUTH_MISSING": request,
        "QUERY_AUTH_EXPIRED": signed(province, head - 1),
        "QUERY_AUTH_TOO_FAR_AHEAD": signed(province, head + 1_000),
        "QUERY_AUTH_BAD_SIGNATURE": forged,
        "QUERY_AUTH_KEY_NOT_OF_PARTICIPANT": signed(ministry, head + 5, participant=province.participant_id),
        "QUERY_AUTH_UNKNOWN_PARTICIPANT": signed(province, head + 5, participant="PROV-00"),
    }
    # Signed for another method, or for another request, the signature does not cover this one.
    another_method = signed(province, head + 5, method="/cets.v1.Supervision/ListEmitters")
    another_request = signed(province, head + 5, body=other_emitter)
    before = (await head_of(world.client), supervision_state(world))
    for reason, sent in [*cases.items(), ("QUERY_AUTH_BAD_SIGNATURE", another_method), ("QUERY_AUTH_BAD_SIGNATURE", another_request)]:
        error = await raw_profile(world, sent)
        assert (error.status, error.reason) == (S.PERMISSION_DENIED, reason), error
    assert (await head_of(world.client), supervision_state(world)) == before
    answered = await world.client.supervision.GetEmitterProfile(signed(province, head + 5), timeout=20)  # the same, signed right
    assert answered.emitter.participant_id == emitter.participant_id


async def test_art33_a_query_signed_with_a_revoked_key_is_refused(world):
    city = await city_of(world)
    second = new_key(city.participant_id)
    await world.applied(city.add_key(city.participant_id, second.signer.public_key))
    await world.applied(TxBuilder(devnet.DEV_CHAIN_ID, second, clock=world.clock).revoke_key(city.participant_id, city.key.key_id, "lost"))
    await refused_query(world, city, lambda client: client.delegations(city=city.participant_id), "QUERY_AUTH_KEY_REVOKED")


# -- lists across a province or the nation -------------------------------------------------------------------
async def test_art33_lists_filter_by_sector_status_and_year_and_page_with_ascii_tokens(world):
    emitters = [await emitter_in(world, "440106") for _ in range(3)] + [await emitter_in(world, "420100")]
    for emitter in emitters:
        await listed(world, emitter)
    async with supervisor(world, world.province()) as client:
        rows = [row async for row in client.supervised_emitters(YEAR, page_size=1)]
        assert sorted(row.emitter.participant_id for row in rows) == sorted(e.participant_id for e in emitters[:3])
        assert [row.compliance.status for row in rows] == [pb.COMPLIANCE_STATUS_PENDING] * 3
        assert [row async for row in client.supervised_emitters(YEAR, sector="cement")] == []
        assert len([row async for row in client.supervised_emitters(YEAR, status=pb.COMPLIANCE_STATUS_PENDING)]) == 3
        assert [row async for row in client.supervised_emitters(YEAR, status=pb.COMPLIANCE_STATUS_A)] == []
        assert [row async for row in client.supervised_emitters(YEAR - 1)] == []  # listed from YEAR on
        page = await _list_page(client, page_size=1)
        assert page.next_page_token.isascii() and page.next_page_token
    async with supervisor(world, world.founder(identity.MINISTRY_ID)) as client:
        national = [row.emitter.participant_id async for row in client.supervised_emitters(YEAR)]
        assert sorted(national) == sorted(e.participant_id for e in emitters)
    await refused_query(world, world.province(), lambda client: _drain(client.supervised_emitters(YEAR, province="42")), "OUTSIDE_JURISDICTION")
    async with supervisor(world, world.province()) as client:
        with pytest.raises(CetsError) as info:
            await _list_page(client, page_token="٣")  # an Arabic-Indic three
        assert (info.value.status, info.value.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")


async def _list_page(client: AsyncClient, **fields) -> api.ListEmittersResponse:
    """One page of ListEmitters, signed by the client as its list methods sign each page."""
    return await client._call(client.supervision.ListEmitters, api.ListEmittersRequest(year=YEAR, **fields), signed="ListEmitters")


async def _drain(items) -> list:
    return [item async for item in items]


# -- art. 34: inspection priorities --------------------------------------------------------------------------
def verification(body: TxBuilder, emitter: TxBuilder, tonnes: int) -> pb.SignedTx:
    return body.tx("record_verification", pb.RecordVerification(emitter_id=emitter.participant_id, year=YEAR, report_version=1,
                                                                verified_tonnes=tonnes, document_sha256=DOCUMENT))


async def drawn(world: World, emitter: TxBuilder) -> TxBuilder:
    body = await world.verifier()
    request = await world.requested([emitter], [body], select_count=1, capacity=1)
    await world.applied(record_tx(world.province(), request.tx_id, (await reproduce(world.client, request.tx_id)).assignments))
    return body


async def test_art34_inspection_priorities_rank_emitters_by_reporting_and_verification_results_with_reasons(world):
    silent = await emitter_in(world, "440106")  # listed, never reported: its deadline has passed
    await listed(world, silent)
    deviating, unverified = await world.listed_emitter(), await world.listed_emitter()  # reported after the deadline
    body = await drawn(world, deviating)
    await world.applied(verification(body, deviating, TONNES * 11 // 10), inspection(world.province(), unverified, pb.INSPECTION_OUTCOME_REFERRED))
    async with supervisor(world, world.province()) as client:
        ranked = [item async for item in client.inspection_priorities(YEAR, page_size=1)]
    summary = [(item.rank, item.emitter_id, item.score, [r.reason for r in item.reasons]) for item in ranked]
    assert summary == [
        (1, unverified.participant_id, 50, ["REPORT_LATE", "VERIFICATION_MISSING", "INSPECTION_REFERRED"]),
        (2, silent.participant_id, 40, ["REPORT_MISSING"]),
        (3, deviating.participant_id, 25, ["REPORT_LATE", "DEVIATION"]),
    ]
    assert "verified 33000 t (+10.00%)" in ranked[2].reasons[1].detail
    city = await city_of(world)
    await delegate(world, city, districts=["4401"])
    async with supervisor(world, city) as client:
        assert [item.emitter_id async for item in client.inspection_priorities(YEAR)] == [silent.participant_id]  # its scope only
    await refused_query(world, world.province("42"), lambda client: _drain(client.inspection_priorities(YEAR, province="44")),
                        "OUTSIDE_JURISDICTION")


async def test_art34_art38_art45_art49_measures_credit_records_and_the_blacklist_raise_an_emitters_priority(world):
    flagged, plain = await world.listed_emitter(), await world.listed_emitter()
    registry, ministry = world.founder(identity.REGISTRY_ID), world.founder(identity.MINISTRY_ID)
    await world.applied(
        registry.tx("impose_measure", pb.ImposeMeasure(participant_id=flagged.participant_id, type=pb.MEASURE_TYPE_RESTRICT_TRANSFERS,
                                                      operations=[pb.RESTRICTED_OPERATION_TRANSFER_OUT], reason="inquiry",
                                                      legal_basis="art. 45 (2)", case_reference="C-1")),
        world.province().tx("record_credit", pb.RecordCredit(participant_id=flagged.participant_id, kind=pb.CREDIT_RECORD_KIND_PENALTY,
                                                             summary="false statement", decision_reference="R-1")),
        ministry.tx("add_to_blacklist", pb.AddToBlacklist(participant_id=flagged.participant_id, name="Flagged Co.",
                                                          reason="serious dishonesty", decision_reference="B-1")))
    async with supervisor(world, world.province()) as client:
        ranked = {item.emitter_id: item async for item in client.inspection_priorities(YEAR)}
    extra = {r.reason for r in ranked[flagged.participant_id].reasons} - {r.reason for r in ranked[plain.participant_id].reasons}
    assert extra == {"MEASURE_IN_FORCE", "CREDIT_RECORDED", "BLACKLISTED"}
    assert ranked[flagged.participant_id].score - ranked[plain.participant_id].score == 15 + 10 + 50


# -- art. 36: oversight of verification bodies -----------------------------------------------------------------
async def test_art36_a_verifiers_oversight_shows_deviations_overturned_appeals_and_findings(world):
    emitter = await world.listed_emitter()
    body = await drawn(world, emitter)
    await world.applied(verification(body, emitter, TONNES * 11 // 10))
    (filed,) = await world.applied(emitter.tx("file_appeal", pb.FileAppeal(subject=pb.APPEAL_SUBJECT_VERIFICATION, year=YEAR, grounds="wrong")))
    await world.applied(world.province().tx("decide_appeal", pb.DecideAppeal(appeal_id=filed.tx_id, outcome=pb.APPEAL_OUTCOME_UPHELD,
                                                                             corrected_tonnes=TONNES, reasons="meters misread")))
    finding = pb.RecordVerifierFinding(verifier_id=body.participant_id, year=YEAR, outcome=pb.OVERSIGHT_OUTCOME_DEFICIENT,
                                       findings="sampling too thin", emitter_ids=[emitter.participant_id], document_sha256=DOCUMENT)
    (recorded,) = await world.applied(world.province().tx("record_verifier_finding", finding))
    async with supervisor(world, world.province()) as client:
        oversight = await client.verifier_oversight(body.participant_id, YEAR)
    (report,) = oversight.reports
    assert (report.emitter_id, report.reported_tonnes, report.verified_tonnes, report.deviation_bps) == (emitter.participant_id, TONNES, 33_000, 1_000)
    assert (report.overturned_on_appeal, report.final_tonnes) == (True, TONNES)
    assert (oversight.assigned_count, oversight.verified_count, oversight.overturned_count) == (1, 1, 1)
    assert [f.finding_id for f in oversight.findings] == [recorded.tx_id]
    async with supervisor(world, world.province("42")) as client:
        elsewhere = await client.verifier_oversight(body.participant_id, YEAR)
    assert (list(elsewhere.reports), len(elsewhere.findings)) == ([], 1)  # Hubei: no assignment of its own; findings are published
    city = await city_of(world)
    await delegate(world, city, districts=["4401"])
    await refused_query(world, city, lambda client: client.verifier_oversight(body.participant_id, YEAR), "OUTSIDE_JURISDICTION")


async def test_art36_a_finding_on_what_is_no_verifier_or_outside_the_province_is_refused(world):
    emitter = await emitter_in(world, "440106")
    national = await world.verifier()  # registered by the ministry, with no province: any province reviews it
    hubei_key = new_key(new_uscc("42"))
    await world.applied(world.province("42").register_participant(hubei_key.participant_id, pb.ROLE_VERIFIER, "HB body", [hubei_key.spec()],
                                                                   province="42"))
    hubei_body = hubei_key.participant_id

    def finding(verifier_id: str, emitter_ids=()) -> pb.SignedTx:
        return world.province().tx("record_verifier_finding", pb.RecordVerifierFinding(
            verifier_id=verifier_id, year=YEAR, outcome=pb.OVERSIGHT_OUTCOME_COMPLIANT, findings="fine", emitter_ids=list(emitter_ids),
            document_sha256=DOCUMENT))

    await assert_city_refused(world, lambda: finding(emitter.participant_id), pb.CODE_NOT_VERIFIER, status=S.FAILED_PRECONDITION)
    await assert_city_refused(world, lambda: finding(hubei_body), pb.CODE_OUTSIDE_JURISDICTION)
    await world.applied(finding(national.participant_id, [emitter.participant_id]))


# -- art. 32: upper tiers inspect a city's actions ---------------------------------------------------------------
async def test_art32_the_ministry_and_the_province_list_a_citys_actions_with_the_delegation_each_was_under(world):
    city, other_city, emitter = await city_of(world), await city_of(world), await emitter_in(world, "440106")
    delegation_id = await delegate(world, city, emitters=[emitter])
    (act,) = await world.applied(inspection(city, emitter))
    for builder in (world.founder(identity.MINISTRY_ID), world.province(), city):
        async with supervisor(world, builder) as client:
            actions = [item async for item in client.participant_transactions(city.participant_id)]
            delegations = await client.delegations(city=city.participant_id)
        assert [(a.tx_id, a.kind, a.delegation_id) for a in actions] == [(act.tx_id, "record_inspection", delegation_id)]
        assert [d.delegation_id for d in delegations] == [delegation_id]
    async with supervisor(world, world.province()) as client:
        assert [d.delegation_id for d in await client.delegations()] == [delegation_id]
    for builder in (world.province("42"), other_city):
        await refused_query(world, builder, lambda client: _drain(client.participant_transactions(city.participant_id)), "OUTSIDE_JURISDICTION")
        await refused_query(world, builder, lambda client: client.delegations(city=city.participant_id), "OUTSIDE_JURISDICTION")


async def test_art32_a_city_sees_nothing_once_its_delegation_has_expired_at_the_head(world):
    city, emitter = await city_of(world), await emitter_in(world, "440106")
    now = world.clock()
    await delegate(world, city, emitters=[emitter], start_ms=now - 3_600_000, end_ms=now + 60_000)
    async with supervisor(world, city) as client:
        assert (await client.emitter_profile(emitter.participant_id)).emitter.participant_id == emitter.participant_id
    world.clock.offset_ms += 120_000
    await world.verifier()  # a block whose time is past the delegation's end becomes the head
    await refused_query(world, city, lambda client: client.emitter_profile(emitter.participant_id), "OUTSIDE_JURISDICTION")
