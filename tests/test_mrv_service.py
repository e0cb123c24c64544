"""The Mrv service through gRPC: bad requests get a reason and change nothing; lists are pages.

The records themselves come from the MRV transactions (tests/test_mrv_*.py walk them through the
service); these tests hold the service's own rules: years, provinces, emitters, draw ids and page
tokens are checked before anything is read.
"""

from __future__ import annotations

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.sdk import CetsError
from cets.ledger import identity
from tests.conftest import founder, new_uscc, register_emitter

S = grpc.StatusCode


async def refusal(call):
    with pytest.raises(CetsError) as info:
        await call
    return info.value


async def collected(iterator) -> list:
    return [item async for item in iterator]


async def test_an_emitter_year_of_an_unknown_or_non_emitter_participant_is_refused(node):
    error = await refusal(node.client.emitter_year(new_uscc("44"), 2025))
    assert (error.status, error.reason) == (S.NOT_FOUND, "UNKNOWN_PARTICIPANT")
    error = await refusal(node.client.emitter_year("MEE", 2025))
    assert (error.status, error.reason) == (S.FAILED_PRECONDITION, "NOT_KEY_EMITTER")


@pytest.mark.parametrize("year, reason", [(0, "MISSING_FIELD"), (-1, "INVALID_FIELD"), (10_000, "INVALID_FIELD")])
async def test_years_are_checked_on_every_call_that_takes_one(node, year, reason):
    emitter = new_uscc("44")
    for call in (node.client.emitter_year(emitter, year), collected(node.client.key_emitters(year)),
                 collected(node.client.compliance(year)), node.client.verification_draws("44", year)):
        error = await refusal(call)
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, reason)


async def test_a_province_that_is_not_a_code_is_refused(node):
    for call in (collected(node.client.key_emitters(2025, province="99")), collected(node.client.compliance(2025, province="x")),
                 node.client.verification_draws("", 2025)):
        error = await refusal(call)
        assert error.status == S.INVALID_ARGUMENT and error.reason in ("INVALID_FIELD", "MISSING_FIELD")


async def test_a_draw_id_must_be_32_bytes_and_known(node):
    error = await refusal(node.client.verification_draw(b"\x01" * 31))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD")
    error = await refusal(node.client.verification_draw(b"\x01" * 32))
    assert (error.status, error.reason) == (S.NOT_FOUND, "DRAW_NOT_FOUND")


async def test_a_registered_emitter_with_nothing_recorded_has_a_pending_year_and_empty_lists(node):
    emitter = await register_emitter(node.client, founder(identity.province_id("44")), "44")
    view = await node.client.emitter_year(emitter.participant_id, 2025)
    assert view.emitter.participant_id == emitter.participant_id and view.height > 0
    assert view.compliance.status == pb.COMPLIANCE_STATUS_PENDING and not view.HasField("listing")
    assert (list(view.reports), list(view.verifications), list(view.fines)) == ([], [], [])
    assert await node.client.emission_reports(emitter.participant_id) == []
    assert await node.client.monitoring_plans(emitter.participant_id) == []
    assert await node.client.appeals(emitter.participant_id) == []
    assert await collected(node.client.key_emitters(2025, province="44")) == []
    assert await collected(node.client.compliance(2025)) == []


async def test_a_page_token_of_another_listing_or_in_unicode_digits_is_refused(node):
    from cets.v1 import services_pb2 as api

    calls = [(node.client.mrv.ListKeyEmitters, api.ListKeyEmittersRequest(year=2025, page_token=token)) for token in ("²", "QUJD")]
    calls += [(node.client.mrv.ListCompliance, api.ListComplianceRequest(year=2025, province="44", page_token="QUJD"))]
    for method, request in calls:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await method(request, timeout=10)
        error = CetsError.from_rpc_error(info.value)
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")


async def test_art30_the_compliance_table_and_the_key_emitter_list_show_what_the_ledger_holds_page_by_page(node, ministry):
    """Three listed emitters: one estimated and fully surrendered (A), one estimated and short (B), one
    with nothing (C at closing). The table, national and by province and status, and the list, page
    by page, show exactly these records."""
    from cets.clients.builder import cea
    from tests.test_compliance_grpc import YEAR, estimate, listed_emitter, submit_ok

    guangdong = founder(identity.province_id("44"))
    client = node.client
    full, short, silent = [await listed_emitter(client, ministry, guangdong) for _ in range(3)]
    await submit_ok(client, estimate(guangdong, full, 400))
    await submit_ok(client, estimate(guangdong, short, 900))
    await submit_ok(client, full.surrender(YEAR, [(cea(YEAR), 400)]))
    await submit_ok(client, short.surrender(YEAR, [(cea(YEAR), 600)]))
    ids = sorted(e.participant_id for e in (full, short, silent))
    await submit_ok(client, guangdong.tx("close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=ids)))

    listed = [listing.emitter_id for listing in await collected(client.key_emitters(YEAR, province="44", page_size=1))]
    assert listed == ids  # one per page, in emitter order, nothing skipped or repeated
    assert [listing.emitter_id for listing in await collected(client.key_emitters(YEAR, page_size=2))] == ids
    table = {record.emitter_id: record for record in await collected(client.compliance(YEAR, province="44", page_size=1))}
    assert {e: (r.status, r.shortfall_tonnes, r.closed) for e, r in table.items()} == {
        full.participant_id: (pb.COMPLIANCE_STATUS_A, 0, True), short.participant_id: (pb.COMPLIANCE_STATUS_B, 300, True),
        silent.participant_id: (pb.COMPLIANCE_STATUS_C, 0, True)}
    only_b = await collected(client.compliance(YEAR, status=pb.COMPLIANCE_STATUS_B))
    assert [record.emitter_id for record in only_b] == [short.participant_id]
    view = await client.emitter_year(short.participant_id, YEAR)
    assert view.compliance == table[short.participant_id] and view.listing.from_year == YEAR
    assert view.estimate.estimate.tonnes == 900 and view.deduction.owed_tonnes == 300  # art. 44: owed from YEAR + 1
