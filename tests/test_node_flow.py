"""The main flow through gRPC: issue, allocate, transfer, surrender, cancel, and queries."""

from __future__ import annotations

from cetspb.v1 import ledger_pb2 as pb
from clients.builder import cea
from ledger import identity
from tests.conftest import fund_province, register_emitter


async def test_allocation_transfer_surrender_cancel_through_grpc(node, ministry, guangdong):
    client = node.client
    await fund_province(client, ministry, "44", 2025, 1_000)
    a = await register_emitter(client, guangdong, "44")
    b = await register_emitter(client, guangdong, "44")
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
    assert cancelled.events[0].kind == "cancellation_certificate"
    view = await client.transaction(cancelled.tx_id)
    assert view.receipt.status == pb.TX_STATUS_COMMITTED and view.receipt.height == cancelled.height
