"""The Registry service: participants, keys, accounts, holdings, supply, rulebooks, account
protections (trusted lists, held transfers), and submission."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import identity, limits, protection_queries, queries
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.errors import ApiError, NodeUnavailable, ReadOnlyNode, invalid, not_found, unavailable
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, page_size, page_token_checked, require_id
from cets.node.services.enforcement import EnforcementQueries
from cets.node.services.tips import TipReads


class RegistryService(TipReads, api_grpc.RegistryServicer):  # TipReads: art. 40, until the Supervision service
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer
        self.enforcement = EnforcementQueries(store, self._time_at)

    async def _submit(self, txs: list[bytes]) -> list[pb.Receipt]:
        try:
            return await self.sequencer.submit(txs)
        except (NodeUnavailable, ReadOnlyNode) as error:
            raise unavailable(error) from None

    async def Submit(self, request: api.SubmitRequest, context) -> pb.Receipt:
        if not request.tx:
            raise invalid("MISSING_FIELD", "tx: missing")
        (receipt,) = await self._submit([request.tx])
        if receipt.code != pb.CODE_OK:
            raise ApiError.from_receipt(receipt)
        return receipt

    async def SubmitBatch(self, request: api.SubmitBatchRequest, context) -> api.SubmitBatchResponse:
        if not request.txs:
            raise invalid("MISSING_FIELD", "txs: missing")
        if len(request.txs) > limits.batch_tx_count_max:
            raise invalid("TOO_LARGE", f"txs: got {len(request.txs)}, want at most {limits.batch_tx_count_max}")
        receipts = await self._submit(list(request.txs))
        return api.SubmitBatchResponse(receipts=receipts)

    async def GetParticipant(self, request: api.GetParticipantRequest, context) -> pb.Participant:
        require_id("participant_id", request.participant_id)
        with self.store.reader() as reader:
            return _existing_participant(State(reader), request.participant_id)

    async def ListParticipants(self, request: api.ListParticipantsRequest, context) -> api.ListParticipantsResponse:
        size = page_size(request.page_size)
        if request.role and request.role not in pb.Role.values():
            raise invalid("INVALID_FIELD", f"role: got {request.role}, not a Role")
        if request.province and request.province not in identity.PROVINCES:
            raise invalid("INVALID_FIELD", f"province: got {request.province!r}, not a province code (GB/T 2260)")
        with self.store.reader() as reader, page_token_checked():
            page = queries.participants(reader, role=request.role, province=request.province, token=request.page_token, size=size)
        return api.ListParticipantsResponse(participants=page.items, next_page_token=page.next_token)

    async def GetCancellation(self, request: api.GetCancellationRequest, context) -> api.CancellationView:
        if queries.cancellation_certificate_prefix(request.certificate_id) is None:
            raise invalid("INVALID_FIELD", f"certificate_id: got {request.certificate_id[:40]!r}, want CX- and 20 upper-case hex digits")
        with self.store.reader() as reader:
            found = queries.cancellation(reader, request.certificate_id, self._height_of)
        if found is None:
            raise not_found("CERTIFICATE_NOT_FOUND", f"no cancellation certificate {request.certificate_id}")
        return api.CancellationView(cancelled=found[0], tx_id=found[1])

    def _height_of(self, tx_id: bytes) -> int | None:
        location = self.store.tx_location(tx_id)
        return None if location is None else location[0]

    async def ListRulebooks(self, request: api.ListRulebooksRequest, context) -> api.ListRulebooksResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = queries.rulebooks(reader, token=request.page_token, size=size)
        return api.ListRulebooksResponse(versions=page.items, next_page_token=page.next_token)

    async def ListKeys(self, request: api.ListKeysRequest, context) -> api.ListKeysResponse:
        require_id("participant_id", request.participant_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            _existing_participant(State(reader), request.participant_id)
            page = queries.keys_of(reader, request.participant_id, token=request.page_token, size=size)
        return api.ListKeysResponse(keys=page.items, next_page_token=page.next_token)

    async def GetAccount(self, request: api.GetAccountRequest, context) -> api.AccountView:
        require_id("account_id", request.account_id)
        with self.store.reader() as reader:
            account = _existing_account(State(reader), request.account_id)
            page = queries.holdings(reader, request.account_id, size=limits.page_size_max)
            protection = protection_queries.protection(reader, request.account_id)
            # Few lines: an account holds units of few (product, vintage, project) at once.
            held = protection_queries.held_units(reader, request.account_id, size=limits.page_size_max).items if protection else []
            height = reader.height  # the figures' own height, from the same snapshot
        return api.AccountView(account=account, holdings=page.items, height=height, holdings_next_page_token=page.next_token,
                               protection=protection, held=held)

    async def ListTrustedAccounts(self, request: api.ListTrustedAccountsRequest, context) -> api.ListTrustedAccountsResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            _existing_account(State(reader), request.account_id)
            page = protection_queries.trusted_accounts(reader, request.account_id, token=request.page_token, size=size)
            time_ms = self._time_at(reader.height)
        return api.ListTrustedAccountsResponse(trusted_accounts=page.items, next_page_token=page.next_token, time_ms=time_ms)

    async def ListHeldTransfers(self, request: api.ListHeldTransfersRequest, context) -> api.ListHeldTransfersResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            _existing_account(State(reader), request.account_id)
            page = protection_queries.held_transfers(reader, request.account_id, token=request.page_token, size=size)
            time_ms = self._time_at(reader.height)
        return api.ListHeldTransfersResponse(held_transfers=page.items, next_page_token=page.next_token, time_ms=time_ms)

    # -- enforcement (arts. 38, 45-49): node/services/enforcement.py ----------------------------
    async def ListMeasures(self, request: pb.ListMeasuresRequest, context) -> pb.ListMeasuresResponse:
        return self.enforcement.list_measures(request)

    async def ListCreditRecords(self, request: pb.ListCreditRecordsRequest, context) -> pb.ListCreditRecordsResponse:
        return self.enforcement.list_credit_records(request)

    async def ListBlacklist(self, request: pb.ListBlacklistRequest, context) -> pb.ListBlacklistResponse:
        return self.enforcement.list_blacklist(request)

    async def ListJointPunishmentNotices(self, request: pb.ListJointPunishmentNoticesRequest, context) -> pb.ListJointPunishmentNoticesResponse:
        return self.enforcement.list_notices(request)

    def _time_at(self, height: int) -> int:
        """The time of block `height`: the head's, read without I/O, unless a block landed since the snapshot."""
        tip, _ = self.sequencer.head()
        if tip.height == height:
            return tip.time_ms
        if height == 0:
            return pb.Genesis.FromString(self.store.genesis()).time_ms
        return pb.BlockHeader.FromString(pb.Block.FromString(self.store.block(height)).header).time_ms

    async def ListHoldings(self, request: api.ListHoldingsRequest, context) -> api.ListHoldingsResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            _existing_account(State(reader), request.account_id)
            page = queries.holdings(reader, request.account_id, token=request.page_token, size=size)
        return api.ListHoldingsResponse(holdings=page.items, next_page_token=page.next_token)

    async def GetSupply(self, request: api.GetSupplyRequest, context) -> api.Supply:
        if request.vintage == 0:
            raise invalid("MISSING_FIELD", "vintage: missing")
        if not 0 < request.vintage <= limits.vintage_year_max:
            raise invalid("INVALID_FIELD", f"vintage: got {request.vintage}, want 1..{limits.vintage_year_max}")
        with self.store.reader() as reader:
            figures = queries.supply(reader, request.vintage)
            return api.Supply(vintage=figures.vintage, cap=figures.cap, issued=figures.issued, surrendered=figures.surrendered,
                              cancelled=figures.cancelled, height=reader.height)


def _existing_participant(state: State, participant_id: str) -> pb.Participant:
    participant = state.participant(participant_id)
    if participant is None:
        raise not_found("UNKNOWN_PARTICIPANT", f"participant_id: no participant {participant_id!r}")
    return participant


def _existing_account(state: State, account_id: str) -> pb.Account:
    account = state.account(account_id)
    if account is None:
        raise not_found("UNKNOWN_ACCOUNT", f"account_id: no account {account_id!r}")
    return account


SERVICE = Service(api.DESCRIPTOR.services_by_name["Registry"], RegistryService, api_grpc.add_RegistryServicer_to_server)
