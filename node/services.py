"""The gRPC servicers: thin. Validate the request, call the core, convert the answer.

Errors leave through `ApiError` (node/errors.py), turned into a status with ErrorInfo by the
`rpc` decorators; any other exception becomes INTERNAL with fixed text and a logged traceback.
"""

from __future__ import annotations

import contextlib
import functools

import grpc
import structlog

from cets.v1 import ledger_pb2 as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import crypto, identity, limits
from cets.ledger.proofs import tx_proof
from cets.ledger import queries
from cets.ledger.queries import PageTokenInvalid
from cets.ledger.state import State
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


@contextlib.contextmanager
def page_token_checked():
    """A page token the core refuses is the caller's mistake: INVALID_ARGUMENT, PAGE_TOKEN_INVALID."""
    try:
        yield
    except PageTokenInvalid as error:
        raise invalid("PAGE_TOKEN_INVALID", str(error)) from None


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
        if request.role and request.role not in pb.Role.values():
            raise invalid("INVALID_FIELD", f"role: got {request.role}, not a Role")
        if request.province and request.province not in identity.PROVINCES:
            raise invalid("INVALID_FIELD", f"province: got {request.province!r}, not a province code (GB/T 2260)")
        with self.store.reader() as reader, page_token_checked():
            page = queries.participants(reader, role=request.role, province=request.province, token=request.page_token, size=size)
        return api.ListParticipantsResponse(participants=page.items, next_page_token=page.next_token)

    @rpc
    async def ListRulebooks(self, request: api.ListRulebooksRequest, context) -> api.ListRulebooksResponse:
        with self.store.reader() as reader:
            return api.ListRulebooksResponse(versions=queries.rulebooks(reader, size=limits.page_size_max).items)

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
            page = queries.holdings(reader, request.account_id, size=limits.page_size_max)
            height = reader.height  # the figures' own height, from the same snapshot
        return api.AccountView(account=account, holdings=page.items, height=height, holdings_next_page_token=page.next_token)

    @rpc
    async def ListHoldings(self, request: api.ListHoldingsRequest, context) -> api.ListHoldingsResponse:
        require_id("account_id", request.account_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            _existing_account(State(reader), request.account_id)
            page = queries.holdings(reader, request.account_id, token=request.page_token, size=size)
        return api.ListHoldingsResponse(holdings=page.items, next_page_token=page.next_token)

    @rpc
    async def GetSupply(self, request: api.GetSupplyRequest, context) -> api.Supply:
        if request.vintage <= 0:
            raise invalid("MISSING_FIELD", "vintage: missing")
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
    async def ListNodeKeyChanges(self, request: api.ListNodeKeyChangesRequest, context) -> api.ListNodeKeyChangesResponse:
        from cets.node.keyhistory import list_node_key_changes  # the light client's side: node/keyhistory.py

        return list_node_key_changes(self.store, request)

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
