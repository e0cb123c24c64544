"""The main flow through gRPC: issue, allocate, transfer, surrender, cancel, and queries."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.ledger import identity
from tests.conftest import fund_province, list_emitter, register_emitter


async def test_allocation_transfer_surrender_cancel_through_grpc(node, ministry, guangdong):
    client = node.client
    await fund_province(client, ministry, "44", 2025, 1_000)
    a = await register_emitter(client, guangdong, "44")
    b = await register_emitter(client, guangdong, "44")
    await list_emitter(client, guangdong, a.participant_id, 2025)  # only listed emitters surrender (art. 5)
    receipt = await client.submit(guangdong.allocate([(a.participant_id, 2025, 600), (b.participant_id, 2025, 400)]))
    assert receipt.status == pb.TX_STATUS_COMMITTED and receipt.final

    a_account, b_account = identity.holding_account_id(a.participant_id), identity.holding_account_id(b.participant_id)
    await client.submit(a.transfer(a_account, b_account, cea(2025), 100))
    await client.submit(a.surrender(2025, [(cea(2025), 300)]))
    cancelled = await client.submit(b.cancel(b_account, cea(2025), 50, purpose="event"))

    assert [(h.unit.vintage, h.amount) for h in (await client.account(a_account)).holdings] == [(2025, 200)]
    assert [(h.unit.vintage, h.amount) for h in (await client.account(b_account)).holdings] == [(2025, 450)]
    supply = await client.supply(2025)
    assert (supply.issued, supply.surrendered, supply.cancelled) == (1_000, 300, 50)
    assert cancelled.events[0].WhichOneof("event") == "cancelled" and cancelled.events[0].cancelled.certificate_id.startswith("CX-")
    view = await client.transaction(cancelled.tx_id)
    assert view.receipt.status == pb.TX_STATUS_COMMITTED and view.receipt.height == cancelled.height


async def test_an_account_view_points_to_the_rest_of_its_holdings(node, registry, guangdong):
    from cets.v1 import services_pb2 as api

    emitter = await register_emitter(node.client, guangdong, "44")
    account = identity.holding_account_id(emitter.participant_id)
    txs = [registry.record_ccer(f"P-{i:04d}", pb.PROJECT_TYPE_RENEWABLE, 2025, 1, account) for i in range(1_001)]
    for first in range(0, len(txs), 500):
        assert all(r.code == pb.CODE_OK for r in await node.client.submit_batch(txs[first:first + 500]))
    view = await node.client.account(account)
    assert len(view.holdings) == 1_000 and view.holdings_next_page_token
    rest = await node.client.registry.ListHoldings(api.ListHoldingsRequest(account_id=account, page_token=view.holdings_next_page_token))
    assert [h.unit.project_id for h in rest.holdings] == ["P-1000"] and not rest.next_page_token


async def test_evidence_is_listed_by_pages(node):
    import grpc

    from cets.v1 import services_pb2 as api
    from cets.clients.sdk import CetsError

    assert await node.client.evidence() == []
    for request, reason in ((api.ListEvidenceRequest(page_size=101), "PAGE_SIZE_TOO_LARGE"),
                            (api.ListEvidenceRequest(page_token="x"), "PAGE_TOKEN_INVALID")):
        try:
            await node.client._call(node.client.chain.ListEvidence, request)
        except CetsError as error:
            assert (error.status, error.reason) == (grpc.StatusCode.INVALID_ARGUMENT, reason)
        else:
            raise AssertionError(f"{request} was accepted")
