"""The gRPC servicers: thin. Validate the request, call the core, convert the answer.

Errors leave through `ApiError` (node/errors.py), turned into a status with ErrorInfo by the
`rpc` decorators; any other exception becomes INTERNAL with fixed text and a logged traceback.
"""

from __future__ import annotations

import base64
import functools

import grpc
import structlog

from cets.v1 import ledger_pb2 as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import crypto, identity, limits
from cets.ledger.proofs import tx_proof
from cets.ledger.state import SUPPLY_CANCELLED, SUPPLY_ISSUED, SUPPLY_SURRENDERED, State, cea, decode_int, holding_prefix, unit_from_key
from cets.ledger.store import Store
from cets.node.errors import ApiError, NodeUnavailable, ReadOnlyNode, invalid, not_found, unavailable
from cets.node.sequencer import Sequencer

log = structlog.get_logger("cets.api")


async def _abort(context, method_name: str, error: Exception) -> None:
    """The one place an exception becomes a status: ApiError with its ErrorInfo, else INTERNAL."""
    if isinstance(error, grpc.aio.AbortError):
        raise error
    if isinstance(error, ApiError):
        await context.abort(error.status, error.message, trailing_metadata=error.trailing_metadata())
    log.error("rpc failed", method=method_name, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")


def check_caller(context) -> str | None:
    """Over mutual TLS, the certificate must name an institution through its own CA (node/pki.py):
    a certificate from an unknown CA is refused by TLS itself, a forged one here."""
    if context.auth_context().get("transport_security_type") != [b"ssl"]:
        return None  # plain loopback dev node: no certificates at all
    from cets.node import pki

    peer = pki.caller_peer(context)
    if peer is None:
        raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "CALLER_NOT_AN_INSTITUTION",
                       "the client certificate does not name an institution through that institution's CA")
    return peer.institution


def rpc(method):
    @functools.wraps(method)
    async def wrapper(self, request, context):
        try:
            check_caller(context)
            return await method(self, request, context)
        except Exception as error:
            await _abort(context, method.__name__, error)

    return wrapper


def rpc_stream(method):
    @functools.wraps(method)
    async def wrapper(self, request, context):
        try:
            check_caller(context)
            async for item in method(self, request, context):
                yield item
        except Exception as error:
            await _abort(context, method.__name__, error)

    return wrapper


EVIDENCE_PAGE_SIZE_MAX = 100


def page_size(requested: int) -> int:
    if requested > limits.page_size_max:
        raise invalid("PAGE_SIZE_TOO_LARGE", f"page_size: got {requested}, want at most {limits.page_size_max}")
    return requested or limits.page_size_default


def decode_page_token(token: str, prefix: bytes) -> bytes | None:
    """The last key of the previous page; it must lie under the listing's prefix."""
    if not token:
        return None
    try:
        key = base64.b64decode(token.encode(), altchars=b"-_", validate=True)
    except ValueError:
        key = b""
    if not key.startswith(prefix) or len(key) <= len(prefix):
        raise invalid("PAGE_TOKEN_INVALID", "page_token: not a token this node issued for this listing")
    return key


def encode_page_token(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def require_id(name: str, value: str, chars_max: int = 80) -> None:
    if not value:
        raise invalid("MISSING_FIELD", f"{name}: missing")
    if len(value) > chars_max:
        raise invalid("INVALID_FIELD", f"{name}: got {len(value)} characters, want at most {chars_max}")


class RegistryService(api_grpc.RegistryServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer

    async def _submit(self, txs: list[bytes]) -> list[pb.Receipt]:
        try:
            return await self.sequencer.submit(txs)
        except (NodeUnavailable, ReadOnlyNode) as error:
            raise unavailable(error) from None

    @rpc
    async def Submit(self, request: api.SubmitRequest, context) -> pb.Receipt:
        (receipt,) = await self._submit([request.tx])
        if receipt.code != pb.CODE_OK:
            raise ApiError.from_receipt(receipt)
        return receipt

    @rpc
    async def SubmitBatch(self, request: api.SubmitBatchRequest, context) -> api.SubmitBatchResponse:
        if not request.txs:
            raise invalid("MISSING_FIELD", "txs: missing")
        if len(request.txs) > limits.batch_tx_count_max:
            raise invalid("TOO_LARGE", f"txs: got {len(request.txs)}, want at most {limits.batch_tx_count_max}")
        receipts = await self._submit(list(request.txs))
        return api.SubmitBatchResponse(receipts=receipts)

    @rpc
    async def GetParticipant(self, request: api.GetParticipantRequest, context) -> pb.Participant:
        require_id("participant_id", request.participant_id)
        with self.store.reader() as reader:
            return _existing_participant(State(reader), request.participant_id)

    @rpc
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

    @rpc
    async def ListRulebooks(self, request: api.ListRulebooksRequest, context) -> api.ListRulebooksResponse:
        with self.store.reader() as reader:
            state = State(reader)
            genesis = pb.RulebookVersion(effective_ms=0, rulebook=state.rulebook(), set_height=0, note="genesis")
            return api.ListRulebooksResponse(versions=[genesis, *state.rulebook_versions()])

    @rpc
    async def ListKeys(self, request: api.ListKeysRequest, context) -> api.ListKeysResponse:
        require_id("participant_id", request.participant_id)
        with self.store.reader() as reader:
            state = State(reader)
            _existing_participant(state, request.participant_id)
            return api.ListKeysResponse(keys=[state.key(k) for k in state.participant_key_ids(request.participant_id)])

    @rpc
    async def GetAccount(self, request: api.GetAccountRequest, context) -> api.AccountView:
        require_id("account_id", request.account_id)
        with self.store.reader() as reader:
            account = _existing_account(State(reader), request.account_id)
            holdings, last = _holdings_page(reader, request.account_id, None, limits.page_size_max)
            height = reader.height  # the figures' own height, from the same snapshot
        return api.AccountView(account=account, holdings=holdings, height=height,
                               holdings_next_page_token=encode_page_token(last) if last else "")

    @rpc
    async def ListHoldings(self, request: api.ListHoldingsRequest, context) -> api.ListHoldingsResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        after = decode_page_token(request.page_token, holding_prefix(request.account_id))
        with self.store.reader() as reader:
            _existing_account(State(reader), request.account_id)
            holdings, last = _holdings_page(reader, request.account_id, after, size)
        return api.ListHoldingsResponse(holdings=holdings, next_page_token=encode_page_token(last) if last else "")

    @rpc
    async def GetSupply(self, request: api.GetSupplyRequest, context) -> api.Supply:
        if request.vintage == 0:
            raise invalid("MISSING_FIELD", "vintage: missing")
        if not 0 < request.vintage <= limits.vintage_year_max:
            raise invalid("INVALID_FIELD", f"vintage: got {request.vintage}, want 1..{limits.vintage_year_max}")
        with self.store.reader() as reader:
            state = State(reader)
            unit = cea(request.vintage)
            return api.Supply(
                vintage=request.vintage, cap=state.cap(request.vintage), issued=state.supply(SUPPLY_ISSUED, unit),
                surrendered=state.supply(SUPPLY_SURRENDERED, unit), cancelled=state.supply(SUPPLY_CANCELLED, unit),
                height=reader.height,
            )


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


class ChainService(api_grpc.ChainServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer

    @rpc
    async def GetHead(self, request, context) -> api.Head:
        sequencer = self.sequencer
        tip, header = sequencer.head()
        return api.Head(height=tip.height, hash=tip.hash, header=header, chain_id=tip.chain_id, final_height=sequencer.final_height)

    @rpc
    async def ListEvidence(self, request: api.ListEvidenceRequest, context) -> api.ListEvidenceResponse:
        if request.page_size > EVIDENCE_PAGE_SIZE_MAX:
            raise invalid("PAGE_SIZE_TOO_LARGE", f"page_size: got {request.page_size}, want at most {EVIDENCE_PAGE_SIZE_MAX}")
        size = request.page_size or 10
        start = 0
        if request.page_token:
            if not request.page_token.isdigit() or len(request.page_token) > 9:
                raise invalid("PAGE_TOKEN_INVALID", "page_token: not a token this node issued for this listing")
            start = int(request.page_token)
        evidence = self.sequencer.evidence()
        page = evidence[start:start + size]
        following = start + size if start + size < len(evidence) else 0
        return api.ListEvidenceResponse(evidence=page, next_page_token=str(following) if following else "")

    @rpc
    async def GetGenesis(self, request, context) -> api.GenesisView:
        genesis = self.store.genesis()
        return api.GenesisView(genesis=genesis, hash=crypto.genesis_hash(genesis))

    @rpc
    async def GetBlock(self, request: api.GetBlockRequest, context) -> pb.Block:
        if request.height == 0:
            raise invalid("MISSING_FIELD", "height: missing (blocks start at 1; the genesis has its own call)")
        raw = self.store.block(request.height)
        if raw is None:
            raise not_found("BLOCK_NOT_FOUND", f"height: got {request.height}, head is {self.sequencer.tip.height}")
        return pb.Block.FromString(raw)

    @rpc
    async def GetTransaction(self, request: api.GetTransactionRequest, context) -> api.TransactionView:
        if len(request.tx_id) != crypto.HASH_BYTES:
            raise invalid("INVALID_FIELD", f"tx_id: got {len(request.tx_id)} bytes, want 32")
        receipt = self.sequencer.receipt(request.tx_id)
        if receipt is not None:
            block = pb.Block.FromString(self.store.block(receipt.height))
            view = api.TransactionView(receipt=receipt, tx=block.txs[receipt.index])
            if request.with_proof:
                view.proof.CopyFrom(tx_proof(block, receipt.index))
            return view
        status = pb.TX_STATUS_PENDING if self.sequencer.is_pending(request.tx_id) else pb.TX_STATUS_UNKNOWN
        return api.TransactionView(receipt=pb.Receipt(tx_id=request.tx_id, status=status))

    @rpc_stream
    async def StreamBlocks(self, request: api.StreamBlocksRequest, context):
        if request.to_height and request.to_height < request.from_height:
            raise invalid("INVALID_FIELD", f"to_height: got {request.to_height}, below from_height {request.from_height}")
        height = max(request.from_height, 1)
        sequencer = self.sequencer
        available, wait = ((lambda: sequencer.final_height), sequencer.wait_final) if request.final_only else \
            ((lambda: sequencer.tip.height), sequencer.wait_for_height)
        while not request.to_height or height <= request.to_height:
            if height > available():
                await wait(height, timeout_s=1.0)
                if context.cancelled():
                    return
                if self.sequencer.stopping:
                    raise ApiError(grpc.StatusCode.UNAVAILABLE, "NODE_STOPPING", f"the node is stopping; resume from height {height}")
                continue
            raw = self.store.block(height)
            yield pb.Block.FromString(raw)
            height += 1
