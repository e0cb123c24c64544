"""The Python SDK: submit signed transactions and query a node, asynchronously or not.

    async with AsyncClient("127.0.0.1:7545") as client:
        receipt = await client.submit(builder.issue(2025, 1_000_000))

    with Client("127.0.0.1:7545") as client:
        head = client.head()

Each RPC is defined once, as a method of `AsyncClient`; `Client` is its synchronous twin, made
from those methods (each runs on an AsyncClient on the Client's own event-loop thread). Every call
has a deadline (`deadline_s`); a stream that follows the head is a run of streams of
`FOLLOW_WINDOW_S` each, resumed from the next height. Lists are read page by page to the end.
RPC errors become `CetsError`: the gRPC status, the reason of the node's `google.rpc.ErrorInfo`,
its metadata.

Retries. A transaction is identified by its bytes, and resubmitting the same bytes returns the
first receipt, so submissions are safe to repeat; the SDK repeats them itself, within a bound:

    status               reason                                       safe to retry    the SDK
    UNAVAILABLE          NODE_STOPPING, NODE_HALTED, NODE_UNAVAILABLE, yes              Submit, SubmitBatch: retried
                         NODE_KEY_UNAVAILABLE, none (no connection)
    RESOURCE_EXHAUSTED   NODE_BUSY                                    yes, after a     Submit, SubmitBatch: retried
                                                                      backoff
    DEADLINE_EXCEEDED    -                                            yes (same bytes, Submit, SubmitBatch: retried
                                                                      same receipt)
    CANCELLED            - (from the node: a call that raced its       yes (same bytes, Submit, SubmitBatch: retried
                         close; the caller's own cancellation raises  same receipt)
                         asyncio.CancelledError instead)
    INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND, ALREADY_EXISTS,   no: the same     never
    FAILED_PRECONDITION (a rejection, MALFORMED, PAGE_TOKEN_INVALID,  request gets the
    OBSERVER_READ_ONLY, CALLER_NOT_AN_INSTITUTION)                    same answer
    INTERNAL, UNKNOWN    -                                            no               never

The bound (`RetryPolicy`, default `RETRY`): at most 6 attempts, each with the full deadline,
separated by jittered exponential backoff of 0.1, 0.2, 0.4, 0.8, 1.6 s (capped at 2 s), so a
submission gives up within about 3 s of waiting plus its attempts. Queries are safe to retry on
UNAVAILABLE and DEADLINE_EXCEEDED too (they change nothing), but the SDK leaves that to the
caller; a block stream broken by NODE_STOPPING resumes from the next height. `NO_RETRY` turns
retrying off.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import threading
from dataclasses import dataclass
from typing import Any, AsyncIterator, Awaitable, Callable, Iterator, Sequence

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from cets.v1 import messages as pb
from cets.v1 import history_pb2, proofs_pb2
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import query_auth
from cets.ledger.keyfile import KeyFile

DEADLINE_S = 30.0
QUERY_AUTH_AHEAD_BLOCKS = 20  # a signed supervision query stays good this many blocks past the head it saw
FOLLOW_WINDOW_S = 300.0  # a stream that follows the head is reopened this often, from the next height
MESSAGE_BYTES_MAX = 32 * 1024 * 1024
CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", MESSAGE_BYTES_MAX),
    ("grpc.max_send_message_length", MESSAGE_BYTES_MAX),
    ("grpc.keepalive_time_ms", 30_000),
]
S = grpc.StatusCode


class CetsError(Exception):
    """An RPC failed: `status` (grpc.StatusCode), `reason` (ErrorInfo reason), `metadata`."""

    def __init__(self, status: grpc.StatusCode, reason: str, message: str, metadata: dict[str, str]) -> None:
        super().__init__(f"{status.name} {reason}: {message}")
        self.status = status
        self.reason = reason
        self.message = message
        self.metadata = metadata

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "CetsError":
        reason, metadata = "", {}
        status = rpc_status.from_call(error) if hasattr(error, "trailing_metadata") else None
        for detail in status.details if status else ():
            info = error_details_pb2.ErrorInfo()
            if detail.Unpack(info):
                reason, metadata = info.reason, dict(info.metadata)
        return cls(error.code(), reason, error.details() or "", metadata)


# -- retries ---------------------------------------------------------------------------------------
# A CANCELLED status can only come from the node (a caller's own cancellation raises
# asyncio.CancelledError, never an RpcError): a call that raced the node's close.
SUBMISSION_RETRY_STATUSES = frozenset({S.UNAVAILABLE, S.RESOURCE_EXHAUSTED, S.DEADLINE_EXCEEDED, S.CANCELLED})


@dataclass(frozen=True)
class RetryPolicy:
    """How the SDK repeats a submission (see the module's table): `attempts` in all, the first
    included, with exponential backoff from `first_backoff_s` capped at `max_backoff_s`."""

    attempts: int = 6
    first_backoff_s: float = 0.1
    max_backoff_s: float = 2.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.first_backoff_s < 0 or self.max_backoff_s < self.first_backoff_s:
            raise ValueError(f"not a retry policy: {self}")

    def retries(self, error: CetsError, attempt: int) -> bool:
        """Whether a submission that failed with `error` on its `attempt`-th try is tried again."""
        return attempt < self.attempts and error.status in SUBMISSION_RETRY_STATUSES

    def backoff_s(self, attempt: int) -> float:
        """The wait after the `attempt`-th try: half to all of the capped exponential step, so that
        clients refused together do not come back together."""
        step = min(self.max_backoff_s, self.first_backoff_s * 2 ** (attempt - 1))
        return random.uniform(step / 2, step)


RETRY = RetryPolicy()
NO_RETRY = RetryPolicy(attempts=1)


def _wire(tx: pb.SignedTx | bytes) -> bytes:
    return tx if isinstance(tx, bytes) else tx.SerializeToString()


def _stream_timeout(deadline_s: float, from_height: int, to_height: int, timeout_s: float | None) -> float | None:
    """A bounded range gets one deadline per 100 blocks; a stream that follows the head none
    (the caller's `stream_blocks` windows it)."""
    if timeout_s is not None or not to_height:
        return timeout_s
    return deadline_s * (1 + max(0, to_height - max(from_height, 1)) // 100)


# -- the client ------------------------------------------------------------------------------------
class AsyncClient:
    """A node's services over one channel. Every public method is one RPC (a list: its pages)."""

    def __init__(self, target: str, deadline_s: float = DEADLINE_S, channel: grpc.aio.Channel | None = None,
                 credentials: grpc.ChannelCredentials | None = None, retry: RetryPolicy = RETRY,
                 query_key: KeyFile | None = None) -> None:
        self.target = target
        self.query_key = query_key  # signs every Supervision request (a key of a ministry, province or city)
        self.deadline_s = deadline_s
        self.retry = retry
        if channel is None:
            channel = (grpc.aio.secure_channel(target, credentials, options=CHANNEL_OPTIONS) if credentials
                       else grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS))
        self.channel = channel
        self.registry = api_grpc.RegistryStub(self.channel)
        self.chain = api_grpc.ChainStub(self.channel)
        self.mrv = api_grpc.MrvStub(self.channel)
        self.supervision = api_grpc.SupervisionStub(self.channel)
        self.trading = api_grpc.TradingStub(self.channel)

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        await self.channel.close()

    async def _call(self, method, request, resubmit: bool = False, signed: str = ""):
        """One unary RPC with the client's deadline; a submission (`resubmit`) is repeated as
        the retry policy says. A Supervision request names its RPC (`signed`) and is signed first."""
        if signed:
            await self._sign(f"/cets.v1.Supervision/{signed}", request)
        attempt = 1
        while True:
            try:
                return await method(request, timeout=self.deadline_s)
            except grpc.aio.AioRpcError as rpc_error:
                error = CetsError.from_rpc_error(rpc_error)
            if not (resubmit and self.retry.retries(error, attempt)):
                raise error
            await asyncio.sleep(self.retry.backoff_s(attempt))
            attempt += 1

    async def _sign(self, method_name: str, request) -> None:
        """Put a QueryAuth on a Supervision request, signed with `query_key` and good for
        QUERY_AUTH_AHEAD_BLOCKS past the current head (ledger/query_auth.py says what it covers)."""
        if self.query_key is None:
            raise ValueError("supervision queries are signed: give the client a query_key (a key file of a regulator)")
        head = await self._call(self.chain.GetHead, api.GetHeadRequest())
        request.auth.CopyFrom(query_auth.sign(self.query_key.signer, self.query_key.participant_id, head.chain_id, method_name, request,
                                              head.height + QUERY_AUTH_AHEAD_BLOCKS))

    async def _pages(self, method, request, items: str, stop_at_empty: bool = False, signed: str = "") -> AsyncIterator[Any]:
        """Every item of a paginated list, page after page. `stop_at_empty`: for a list whose
        node never sends an empty page with a token, so that a lying one cannot make it loop.
        `signed`: a Supervision RPC's name; each page's request is signed anew."""
        while True:
            page = await self._call(method, request, signed=signed)
            for item in getattr(page, items):
                yield item
            if not page.next_page_token or (stop_at_empty and not getattr(page, items)):
                return
            request.page_token = page.next_page_token

    # -- registry ---------------------------------------------------------------------------
    async def submit(self, tx: pb.SignedTx | bytes) -> pb.Receipt:
        """Submit one transaction and wait for its block; a rejection raises CetsError whose reason
        is the Code name without its CODE_ prefix. Retried as the retry policy says."""
        return await self._call(self.registry.Submit, api.SubmitRequest(tx=_wire(tx)), resubmit=True)

    async def submit_batch(self, txs: Sequence[pb.SignedTx | bytes]) -> list[pb.Receipt]:
        """Submit several transactions: one receipt each, in order, rejections included. Retried
        as the retry policy says."""
        request = api.SubmitBatchRequest(txs=[_wire(tx) for tx in txs])
        return list((await self._call(self.registry.SubmitBatch, request, resubmit=True)).receipts)

    async def participant(self, participant_id: str) -> pb.Participant:
        return await self._call(self.registry.GetParticipant, api.GetParticipantRequest(participant_id=participant_id))

    async def participants(self, role: int = 0, province: str = "", page_size: int = 0) -> AsyncIterator[pb.Participant]:
        request = api.ListParticipantsRequest(role=role, province=province, page_size=page_size)
        async for participant in self._pages(self.registry.ListParticipants, request, "participants"):
            yield participant

    async def keys(self, participant_id: str, page_size: int = 0) -> list[pb.KeyRecord]:
        """Every key of a participant, active and revoked, in key id order."""
        request = api.ListKeysRequest(participant_id=participant_id, page_size=page_size)
        return [key async for key in self._pages(self.registry.ListKeys, request, "keys")]

    async def rulebooks(self, page_size: int = 0) -> list[pb.RulebookVersion]:
        """Every rulebook version, the genesis one first (effective_ms 0)."""
        request = api.ListRulebooksRequest(page_size=page_size)
        return [version async for version in self._pages(self.registry.ListRulebooks, request, "versions")]

    async def account(self, account_id: str) -> api.AccountView:
        return await self._call(self.registry.GetAccount, api.GetAccountRequest(account_id=account_id))

    async def holdings(self, account_id: str, page_size: int = 0) -> AsyncIterator[pb.Holding]:
        request = api.ListHoldingsRequest(account_id=account_id, page_size=page_size)
        async for holding in self._pages(self.registry.ListHoldings, request, "holdings"):
            yield holding

    async def trusted_accounts(self, account_id: str, page_size: int = 0) -> AsyncIterator[pb.TrustedAccount]:
        """An account's trusted list, entries still waiting for their delay included (their effective_ms)."""
        request = api.ListTrustedAccountsRequest(account_id=account_id, page_size=page_size)
        async for entry in self._pages(self.registry.ListTrustedAccounts, request, "trusted_accounts"):
            yield entry

    async def held_transfers(self, account_id: str, page_size: int = 0) -> AsyncIterator[pb.HeldTransfer]:
        """An account's held transfers, by release time then transaction id."""
        request = api.ListHeldTransfersRequest(account_id=account_id, page_size=page_size)
        async for held in self._pages(self.registry.ListHeldTransfers, request, "held_transfers"):
            yield held

    async def supply(self, vintage: int) -> api.Supply:
        return await self._call(self.registry.GetSupply, api.GetSupplyRequest(vintage=vintage))

    async def cancellation(self, certificate_id: str) -> api.CancellationView:
        """A cancellation certificate's record and its transaction id (prove it with `cets certificate get`)."""
        return await self._call(self.registry.GetCancellation, api.GetCancellationRequest(certificate_id=certificate_id))

    # -- enforcement (arts. 38, 45-49) -----------------------------------------------------------
    async def measures(self, participant_id: str = "", authority: str = "", measure_type: int = 0, in_force_only: bool = False,
                       page_size: int = 0) -> AsyncIterator[pb.Measure]:
        """Measures of arts. 45 and 47, lifted ones with their lift, in chain order; `in_force_only`
        judges them at each page's block time."""
        request = pb.ListMeasuresRequest(participant_id=participant_id, authority=authority, type=measure_type,
                                         in_force_only=in_force_only, page_size=page_size)
        async for measure in self._pages(self.registry.ListMeasures, request, "measures"):
            yield measure

    async def credit_records(self, participant_id: str = "", page_size: int = 0) -> AsyncIterator[pb.CreditEntry]:
        """A participant's credit (art. 38), or everyone's: fines first, then credit records."""
        request = pb.ListCreditRecordsRequest(participant_id=participant_id, page_size=page_size)
        async for entry in self._pages(self.registry.ListCreditRecords, request, "entries"):
            yield entry

    async def blacklist(self, in_force_only: bool = False, page_size: int = 0) -> AsyncIterator[pb.BlacklistEntry]:
        """The blacklist (art. 49), removed entries included unless `in_force_only`."""
        request = pb.ListBlacklistRequest(in_force_only=in_force_only, page_size=page_size)
        async for entry in self._pages(self.registry.ListBlacklist, request, "entries"):
            yield entry

    async def joint_punishment_notices(self, emitter_id: str = "", page_size: int = 0) -> AsyncIterator[pb.JointPunishmentNotice]:
        """Joint punishment notices (art. 46) in chain order, optionally of one emitter."""
        request = pb.ListJointPunishmentNoticesRequest(emitter_id=emitter_id, page_size=page_size)
        async for notice in self._pages(self.registry.ListJointPunishmentNotices, request, "notices"):
            yield notice
    # -- whistle-blowing (art. 40) ---------------------------------------------------------------
    async def tip_intake(self, authority: str) -> pb.TipIntake:
        """The intake key in force of an authority: what a report to it is sealed to."""
        return await self._call(self.registry.GetTipIntake, pb.GetTipIntakeRequest(authority=authority))

    async def tip(self, tip_id: str) -> pb.Tip:
        """A report's public record: never who filed it."""
        return await self._call(self.registry.GetTip, pb.GetTipRequest(tip_id=tip_id))

    async def tips(self, authority: str = "", status: int = 0, page_size: int = 0) -> AsyncIterator[pb.Tip]:
        """Reports' public records, of one authority or all, of one status or any."""
        request = pb.ListTipsRequest(authority=authority, status=status, page_size=page_size)
        async for tip in self._pages(self.registry.ListTips, request, "tips"):
            yield tip

    async def sealed_tip(self, tip_id: str) -> pb.SealedTip:
        """A report's sealed envelope, for its handling authority: signed with the client's
        `query_key` (the authority's), or, without one, proven by the channel's certificate."""
        request = pb.GetSealedTipRequest(tip_id=tip_id)
        return await self._call(self.supervision.GetSealedTip, request, signed="GetSealedTip" if self.query_key else "")

    # -- mrv --------------------------------------------------------------------------------
    async def emitter_year(self, emitter_id: str, year: int) -> api.EmitterYearView:
        """Everything recorded about one emitter's year, from one snapshot."""
        return await self._call(self.mrv.GetEmitterYear, api.GetEmitterYearRequest(emitter_id=emitter_id, year=year))

    async def key_emitters(self, year: int, province: str = "", page_size: int = 0) -> AsyncIterator[pb.EmitterListing]:
        """The key-emitter list of a year, of one province or national."""
        request = api.ListKeyEmittersRequest(year=year, province=province, page_size=page_size)
        async for listing in self._pages(self.mrv.ListKeyEmitters, request, "listings"):
            yield listing

    async def monitoring_plans(self, emitter_id: str, page_size: int = 0) -> list[pb.MonitoringPlan]:
        request = api.ListMonitoringPlansRequest(emitter_id=emitter_id, page_size=page_size)
        return [plan async for plan in self._pages(self.mrv.ListMonitoringPlans, request, "plans")]

    async def emission_reports(self, emitter_id: str, year: int = 0, page_size: int = 0) -> list[pb.EmissionReport]:
        request = api.ListEmissionReportsRequest(emitter_id=emitter_id, year=year, page_size=page_size)
        return [report async for report in self._pages(self.mrv.ListEmissionReports, request, "reports")]

    async def verification_draw(self, draw_id: bytes) -> pb.VerificationDraw:
        return await self._call(self.mrv.GetVerificationDraw, api.GetVerificationDrawRequest(draw_id=draw_id))

    async def verification_draws(self, province: str, year: int, page_size: int = 0) -> list[pb.VerificationDraw]:
        request = api.ListVerificationDrawsRequest(province=province, year=year, page_size=page_size)
        return [draw async for draw in self._pages(self.mrv.ListVerificationDraws, request, "draws")]

    async def appeals(self, emitter_id: str, page_size: int = 0) -> list[pb.Appeal]:
        request = api.ListAppealsRequest(emitter_id=emitter_id, page_size=page_size)
        return [appeal async for appeal in self._pages(self.mrv.ListAppeals, request, "appeals")]

    async def allocation_methods(self, page_size: int = 0) -> list[pb.AllocationMethod]:
        request = api.ListAllocationMethodsRequest(page_size=page_size)
        return [method async for method in self._pages(self.mrv.ListAllocationMethods, request, "methods")]

    async def compliance(self, year: int, province: str = "", status: int | None = None, page_size: int = 0) -> AsyncIterator[pb.ComplianceRecord]:
        """The compliance table of a year (one province, or national), optionally of one status."""
        request = api.ListComplianceRequest(year=year, province=province, status=status or 0, only_status=status is not None,
                                            page_size=page_size)
        async for record in self._pages(self.mrv.ListCompliance, request, "records"):
            yield record

    # -- supervision (signed with query_key) ----------------------------------------------------
    async def emitter_profile(self, emitter_id: str) -> api.EmitterProfile:
        """An emitter's profile, as a regulator whose jurisdiction covers it sees it (arts. 32-34)."""
        return await self._call(self.supervision.GetEmitterProfile, api.GetEmitterProfileRequest(emitter_id=emitter_id), signed="GetEmitterProfile")

    async def participant_transactions(self, participant_id: str, page_size: int = 0) -> AsyncIterator[api.ParticipantTransaction]:
        """The transactions a participant signed (a city's actions, with their delegations)."""
        request = api.ListParticipantTransactionsRequest(participant_id=participant_id, page_size=page_size)
        async for item in self._pages(self.supervision.ListParticipantTransactions, request, "transactions", signed="ListParticipantTransactions"):
            yield item

    async def supervised_emitters(self, year: int, province: str = "", sector: str = "", status: int | None = None,
                                  page_size: int = 0) -> AsyncIterator[api.EmitterRow]:
        """A year's emitters across the caller's jurisdiction (or one province of it), by sector and status."""
        request = api.ListEmittersRequest(year=year, province=province, sector=sector, status=status or 0,
                                          only_status=status is not None, page_size=page_size)
        async for row in self._pages(self.supervision.ListEmitters, request, "emitters", signed="ListEmitters"):
            yield row

    async def inspection_priorities(self, year: int, province: str = "", page_size: int = 0) -> AsyncIterator[api.InspectionPriority]:
        """Art. 34: the year's emitters ranked for inspection, highest score first."""
        request = api.ListInspectionPrioritiesRequest(year=year, province=province, page_size=page_size)
        async for item in self._pages(self.supervision.ListInspectionPriorities, request, "priorities", signed="ListInspectionPriorities"):
            yield item

    async def verifier_oversight(self, verifier_id: str, year: int) -> api.VerifierOversight:
        """Art. 36: a verification body's work of a year and the findings on it."""
        return await self._call(self.supervision.GetVerifierOversight, api.GetVerifierOversightRequest(verifier_id=verifier_id, year=year), signed="GetVerifierOversight")

    async def delegations(self, city: str = "", province: str = "", page_size: int = 0) -> list[pb.Delegation]:
        """The delegations to a city, or those a province recorded (art. 32)."""
        request = api.ListDelegationsRequest(city=city, province=province, page_size=page_size)
        return [item async for item in self._pages(self.supervision.ListDelegations, request, "delegations", signed="ListDelegations")]

    # -- chain ------------------------------------------------------------------------------
    async def evidence(self, page_size: int = 0) -> list[pb.Evidence]:
        """Every fault the node found, in the order found."""
        request = api.ListEvidenceRequest(page_size=page_size)
        return [item async for item in self._pages(self.chain.ListEvidence, request, "evidence")]

    async def head(self) -> api.Head:
        return await self._call(self.chain.GetHead, api.GetHeadRequest())

    async def genesis(self) -> api.GenesisView:
        return await self._call(self.chain.GetGenesis, api.GetGenesisRequest())

    async def block(self, height: int) -> pb.Block:
        return await self._call(self.chain.GetBlock, api.GetBlockRequest(height=height))

    async def transaction(self, tx_id: bytes, with_proof: bool = False) -> api.TransactionView:
        return await self._call(self.chain.GetTransaction, api.GetTransactionRequest(tx_id=tx_id, with_proof=with_proof))

    async def node_key_changes(self, from_height: int = 1, to_height: int = 0, page_size: int = 0) -> AsyncIterator[proofs_pb2.ProvenTx]:
        """The proven node-key changes between two heights, in chain order (for the light client)."""
        request = api.ListNodeKeyChangesRequest(from_height=from_height, to_height=to_height, page_size=page_size)
        async for change in self._pages(self.chain.ListNodeKeyChanges, request, "changes", stop_at_empty=True):
            yield change

    async def checkpoint(self, size: int = 0) -> history_pb2.Checkpoint:
        """The history checkpoint of `size` (the header at that height, signed), or the latest final one."""
        return await self._call(self.chain.GetCheckpoint, history_pb2.GetCheckpointRequest(size=size))

    async def consistency_proof(self, old_size: int, new_size: int) -> history_pb2.ConsistencyProof:
        """The proof that the history of `old_size` leaves is a prefix of that of `new_size`."""
        return await self._call(self.chain.GetConsistencyProof, history_pb2.GetConsistencyProofRequest(old_size=old_size, new_size=new_size))

    async def block_inclusion_proof(self, height: int, size: int) -> history_pb2.BlockInclusionProof:
        """The proof that block `height`'s header hash is leaf `height` of the history of `size`."""
        return await self._call(self.chain.GetBlockInclusionProof, history_pb2.GetBlockInclusionProofRequest(height=height, size=size))

    async def stream_blocks(self, from_height: int = 1, to_height: int = 0, timeout_s: float | None = None,
                            final_only: bool = False) -> AsyncIterator[pb.Block]:
        """Blocks from `from_height`; resume after a break by calling again from the next height.
        A bounded range gets a deadline (`timeout_s`, by default one per 100 blocks of the client's
        deadline). A stream that follows the head (`to_height` 0) gets `timeout_s` if given (and
        ends with DEADLINE_EXCEEDED then), else it is reopened every FOLLOW_WINDOW_S from the next
        height. `final_only`: each block only once a quorum has signed it."""
        windowed = not to_height and timeout_s is None
        timeout = FOLLOW_WINDOW_S if windowed else _stream_timeout(self.deadline_s, from_height, to_height, timeout_s)
        height = from_height
        while True:
            request = api.StreamBlocksRequest(from_height=height, to_height=to_height, final_only=final_only)
            try:
                async for block in self.chain.StreamBlocks(request, timeout=timeout):
                    height = pb.BlockHeader.FromString(block.header).height + 1
                    yield block
                return
            except grpc.aio.AioRpcError as rpc_error:
                if not (windowed and rpc_error.code() == S.DEADLINE_EXCEEDED):
                    raise CetsError.from_rpc_error(rpc_error) from None

    # -- trading (arts. 17-23) ----------------------------------------------------------------
    async def place_order(self, tx: pb.SignedTx | bytes) -> pb.Receipt:
        """Submit a signed place_order (TxBuilder.tx("place_order", ...)) and wait for its block;
        a rejection raises CetsError with the Code's name. Retried as `submit` is."""
        return await self._call(self.trading.PlaceOrder, api.SubmitRequest(tx=_wire(tx)), resubmit=True)

    async def cancel_order(self, tx: pb.SignedTx | bytes) -> pb.Receipt:
        """Submit a signed cancel_order, as `place_order` does."""
        return await self._call(self.trading.CancelOrder, api.SubmitRequest(tx=_wire(tx)), resubmit=True)

    async def order(self, order_id: bytes) -> pb.Order:
        return await self._call(self.trading.GetOrder, api.GetOrderRequest(order_id=order_id))

    async def orders(self, account_id: str, status: int = 0, page_size: int = 0) -> AsyncIterator[pb.Order]:
        """An account's orders in ledger order, of one OrderStatus if `status` is given."""
        request = api.ListOrdersRequest(account_id=account_id, status=status, page_size=page_size)
        async for record in self._pages(self.trading.ListOrders, request, "orders"):
            yield record

    async def cash_account(self, holder: str) -> api.CashAccountView:
        return await self._call(self.trading.GetCashAccount, api.GetCashAccountRequest(holder=holder))

    async def book(self, unit: pb.Unit, mode: int) -> api.BookView:
        """The best levels of each side of a unit's book in open bidding or the listing agreement."""
        return await self._call(self.trading.GetBook, api.GetBookRequest(unit=unit, mode=mode))

    async def trades(self, after: api.TradeCursor | None = None, follow: bool = False,
                     timeout_s: float | None = None) -> AsyncIterator[api.TradeEvent]:
        """Settled trades in ledger order, after the cursor `after` (from the first when None); to
        resume after a break, call again with the cursor of the last event received. `follow`
        keeps the stream open (reopened every FOLLOW_WINDOW_S from the last cursor, unless
        `timeout_s` is given); otherwise it ends at the head."""
        windowed = follow and timeout_s is None
        timeout = FOLLOW_WINDOW_S if windowed else (timeout_s or self.deadline_s)
        while True:
            request = api.StreamTradesRequest(follow=follow)
            if after is not None:
                request.after.CopyFrom(after)
            try:
                async for event in self.trading.StreamTrades(request, timeout=timeout):
                    after = event.cursor
                    yield event
                return
            except grpc.aio.AioRpcError as rpc_error:
                if not (windowed and rpc_error.code() == S.DEADLINE_EXCEEDED):
                    raise CetsError.from_rpc_error(rpc_error) from None

    async def daily_bars(self, unit: pb.Unit, from_date: int, to_date: int = 0) -> list[api.DailyBar]:
        """One bar per trading day from `from_date` to `to_date` (YYYYMMDD; 0: that one day)."""
        request = api.GetDailyBarsRequest(unit=unit, from_date=from_date, to_date=to_date)
        return list((await self._call(self.trading.GetDailyBars, request)).bars)

    async def reconciliation(self, trade_date: int) -> api.ReconciliationView:
        return await self._call(self.trading.GetReconciliation, api.GetReconciliationRequest(trade_date=trade_date))

    async def large_holders(self, unit: pb.Unit, page_size: int = 0) -> AsyncIterator[api.LargeHolder]:
        """Accounts holding more of `unit` than the rulebook's reporting threshold."""
        request = api.ListLargeHoldersRequest(unit=unit, page_size=page_size)
        async for holder in self._pages(self.trading.ListLargeHolders, request, "holders"):
            yield holder

    async def batch(self, batch_id: str) -> pb.BatchRecord:
        return await self._call(self.trading.GetBatch, api.GetBatchRequest(batch_id=batch_id))


# -- the synchronous twin --------------------------------------------------------------------------
class Client:
    """The synchronous twin of AsyncClient, for scripts and the CLI: the same methods with the
    same arguments and answers (an async iterator becomes an iterator), each run on an
    AsyncClient on this client's own event-loop thread. Usable from any thread, also one that
    runs an event loop of its own (but then not against a node served by that same loop)."""

    def __init__(self, target: str, deadline_s: float = DEADLINE_S, credentials: grpc.ChannelCredentials | None = None,
                 retry: RetryPolicy = RETRY, query_key: KeyFile | None = None) -> None:
        self.target = target
        self.deadline_s = deadline_s
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=f"cets-sdk {target}", daemon=True)
        self._thread.start()
        self._async: AsyncClient = self._run(_open(target, deadline_s, credentials, retry, query_key))

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._run(self._async.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def _run(self, awaitable: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(_awaited(awaitable), self._loop).result()

    def _iterate(self, items: AsyncIterator[Any]) -> Iterator[Any]:
        try:
            while True:
                try:
                    yield self._run(anext(items))
                except StopAsyncIteration:
                    return
        finally:
            if not self._loop.is_closed():
                self._run(items.aclose())


async def _open(target: str, deadline_s: float, credentials, retry: RetryPolicy, query_key: KeyFile | None) -> AsyncClient:
    return AsyncClient(target, deadline_s=deadline_s, credentials=credentials, retry=retry, query_key=query_key)  # its channel binds to this loop


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


def _sync_twin(method: Callable) -> Callable:
    if inspect.isasyncgenfunction(method):
        @functools.wraps(method)
        def iterate(self: Client, *args, **kwargs):
            return self._iterate(method(self._async, *args, **kwargs))

        iterate.__annotations__ = {**method.__annotations__,
                                   "return": str(method.__annotations__.get("return", "")).replace("AsyncIterator", "Iterator")}
        return iterate

    @functools.wraps(method)
    def call(self: Client, *args, **kwargs):
        return self._run(method(self._async, *args, **kwargs))

    return call


def rpc_methods() -> dict[str, Callable]:
    """AsyncClient's public RPC methods, by name: what Client twins."""
    return {name: member for name, member in vars(AsyncClient).items()
            if not name.startswith("_") and name != "close"
            and (inspect.iscoroutinefunction(member) or inspect.isasyncgenfunction(member))}


for _name, _method in rpc_methods().items():
    setattr(Client, _name, _sync_twin(_method))
