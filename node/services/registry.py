"""The Registry service: participants, keys, accounts, holdings, supply, rulebooks, and submission."""

from __future__ import annotations

import struct

from cets.v1 import ledger_pb2 as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import identity, limits
from cets.ledger.state import SUPPLY_CANCELLED, SUPPLY_ISSUED, SUPPLY_SURRENDERED, State, cea, decode_int, holding_prefix, unit_from_key
from cets.ledger.store import Store
from cets.node.errors import ApiError, NodeUnavailable, ReadOnlyNode, invalid, not_found, unavailable
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, decode_page_token, encode_page_token, page_size, page_token_invalid, require_id

_KEY_TOKEN_PREFIX = b"K"  # a ListKeys token: the last key id of the page
_RULEBOOK_TOKEN_PREFIX = b"Mrulebook@"  # a ListRulebooks token: the last version's effective_ms
_EFFECTIVE_MS = struct.Struct(">Q")


class RegistryService(api_grpc.RegistryServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer

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
        after = decode_page_token(request.page_token, b"P")
        if request.role and request.role not in pb.Role.values():
            raise invalid("INVALID_FIELD", f"role: got {request.role}, not a Role")
        if request.province and request.province not in identity.PROVINCES:
            raise invalid("INVALID_FIELD", f"province: got {request.province!r}, not a province code (GB/T 2260)")
        response = api.ListParticipantsResponse()
        last = None
        with self.store.reader() as reader:
            for key, value in reader.scan(b"P", start_after=after):
                last = key
                participant = pb.Participant.FromString(value)
                if request.role and participant.role != request.role:
                    continue
                if request.province and participant.province != request.province:
                    continue
                response.participants.append(participant)
                if len(response.participants) == size:
                    break
            else:
                last = None
        if last is not None:
            response.next_page_token = encode_page_token(last)
        return response

    async def ListRulebooks(self, request: api.ListRulebooksRequest, context) -> api.ListRulebooksResponse:
        size = page_size(request.page_size)
        after_ms = _rulebook_cursor(request.page_token)
        with self.store.reader() as reader:
            state = State(reader)
            genesis = pb.RulebookVersion(effective_ms=0, rulebook=state.rulebook(), set_height=0, note="genesis")
            versions = [genesis, *state.rulebook_versions()]
        if after_ms is not None:  # versions take effect after their block: none shares the genesis's 0
            versions = [version for version in versions if version.effective_ms > after_ms]
        page, more = versions[:size], len(versions) > size
        token = encode_page_token(_RULEBOOK_TOKEN_PREFIX + _EFFECTIVE_MS.pack(page[-1].effective_ms)) if more else ""
        return api.ListRulebooksResponse(versions=page, next_page_token=token)

    async def ListKeys(self, request: api.ListKeysRequest, context) -> api.ListKeysResponse:
        require_id("participant_id", request.participant_id)
        size = page_size(request.page_size)
        after = decode_page_token(request.page_token, _KEY_TOKEN_PREFIX)
        with self.store.reader() as reader:
            state = State(reader)
            _existing_participant(state, request.participant_id)
            key_ids = [k for k in sorted(state.participant_key_ids(request.participant_id))
                       if after is None or _KEY_TOKEN_PREFIX + k.encode() > after]
            keys = [state.key(key_id) for key_id in key_ids[:size]]
        token = encode_page_token(_KEY_TOKEN_PREFIX + key_ids[size - 1].encode()) if len(key_ids) > size else ""
        return api.ListKeysResponse(keys=keys, next_page_token=token)

    async def GetAccount(self, request: api.GetAccountRequest, context) -> api.AccountView:
        require_id("account_id", request.account_id)
        with self.store.reader() as reader:
            account = _existing_account(State(reader), request.account_id)
            holdings, last = _holdings_page(reader, request.account_id, None, limits.page_size_max)
            height = reader.height  # the figures' own height, from the same snapshot
        return api.AccountView(account=account, holdings=holdings, height=height,
                               holdings_next_page_token=encode_page_token(last) if last else "")

    async def ListHoldings(self, request: api.ListHoldingsRequest, context) -> api.ListHoldingsResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        after = decode_page_token(request.page_token, holding_prefix(request.account_id))
        with self.store.reader() as reader:
            _existing_account(State(reader), request.account_id)
            holdings, last = _holdings_page(reader, request.account_id, after, size)
        return api.ListHoldingsResponse(holdings=holdings, next_page_token=encode_page_token(last) if last else "")

    async def GetSupply(self, request: api.GetSupplyRequest, context) -> api.Supply:
        if request.vintage == 0:
            raise invalid("MISSING_FIELD", "vintage: missing")
        if request.vintage < 0:
            raise invalid("INVALID_FIELD", f"vintage: got {request.vintage}, want a year")
        with self.store.reader() as reader:
            state = State(reader)
            unit = cea(request.vintage)
            return api.Supply(
                vintage=request.vintage, cap=state.cap(request.vintage), issued=state.supply(SUPPLY_ISSUED, unit),
                surrendered=state.supply(SUPPLY_SURRENDERED, unit), cancelled=state.supply(SUPPLY_CANCELLED, unit),
                height=reader.height,
            )


def _rulebook_cursor(token: str) -> int | None:
    """The effective_ms of the last version of the previous page."""
    after = decode_page_token(token, _RULEBOOK_TOKEN_PREFIX)
    if after is None:
        return None
    if len(after) != len(_RULEBOOK_TOKEN_PREFIX) + _EFFECTIVE_MS.size:
        raise page_token_invalid()
    return _EFFECTIVE_MS.unpack(after[len(_RULEBOOK_TOKEN_PREFIX):])[0]


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


def _holdings_page(reader, account_id: str, after: bytes | None, size: int) -> tuple[list[pb.Holding], bytes | None]:
    prefix = holding_prefix(account_id)
    holdings = []
    last = None
    for key, value in reader.scan(prefix, start_after=after, limit=size + 1):
        if len(holdings) == size:
            return holdings, last
        holdings.append(pb.Holding(unit=unit_from_key(key[len(prefix):]), amount=decode_int(value)))
        last = key
    return holdings, None


SERVICE = Service(api.DESCRIPTOR.services_by_name["Registry"], RegistryService, api_grpc.add_RegistryServicer_to_server)
