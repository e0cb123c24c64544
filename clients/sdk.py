"""The Python SDK: submit signed transactions and query a node, asynchronously or not.

    async with AsyncClient("127.0.0.1:7545") as client:
        receipt = await client.submit(builder.issue(2025, 1_000_000))

    with Client("127.0.0.1:7545") as client:
        head = client.head()

Every call has a deadline. RPC errors become `CetsError` with the gRPC status, the
machine-readable reason of the node's `google.rpc.ErrorInfo`, and its metadata.
"""

from __future__ import annotations

from typing import AsyncIterator, Iterator, Sequence

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from cets.v1 import ledger_pb2 as pb
from cets.v1 import proofs_pb2
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc

DEADLINE_S = 30.0
MESSAGE_BYTES_MAX = 32 * 1024 * 1024
CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", MESSAGE_BYTES_MAX),
    ("grpc.max_send_message_length", MESSAGE_BYTES_MAX),
    ("grpc.keepalive_time_ms", 30_000),
]


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


def _check(error: grpc.RpcError) -> CetsError:
    return CetsError.from_rpc_error(error)


def _stream_timeout(deadline_s: float, from_height: int, to_height: int, timeout_s: float | None) -> float | None:
    if timeout_s is not None or not to_height:
        return timeout_s
    return deadline_s * (1 + max(0, to_height - max(from_height, 1)) // 100)


def _wire(tx: pb.SignedTx | bytes) -> bytes:
    return tx if isinstance(tx, bytes) else tx.SerializeToString()


class AsyncClient:
    def __init__(self, target: str, deadline_s: float = DEADLINE_S, channel: grpc.aio.Channel | None = None,
                 credentials: grpc.ChannelCredentials | None = None) -> None:
        self.target = target
        self.deadline_s = deadline_s
        if channel is None:
            channel = (grpc.aio.secure_channel(target, credentials, options=CHANNEL_OPTIONS) if credentials
                       else grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS))
        self.channel = channel
        self.registry = api_grpc.RegistryStub(self.channel)
        self.chain = api_grpc.ChainStub(self.channel)

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        await self.channel.close()

    async def _call(self, method, request):
        try:
            return await method(request, timeout=self.deadline_s)
        except grpc.aio.AioRpcError as error:
            raise _check(error) from None

    async def submit(self, tx: pb.SignedTx | bytes) -> pb.Receipt:
        """Submit one transaction; a rejection raises CetsError whose reason is the Code name without its CODE_ prefix."""
        return await self._call(self.registry.Submit, api.SubmitRequest(tx=_wire(tx)))

    async def submit_batch(self, txs: Sequence[pb.SignedTx | bytes]) -> list[pb.Receipt]:
        request = api.SubmitBatchRequest(txs=[_wire(tx) for tx in txs])
        return list((await self._call(self.registry.SubmitBatch, request)).receipts)

    async def participant(self, participant_id: str) -> pb.Participant:
        return await self._call(self.registry.GetParticipant, api.GetParticipantRequest(participant_id=participant_id))

    async def participants(self, role: int = 0, province: str = "", page_size: int = 0) -> AsyncIterator[pb.Participant]:
        token = ""
        while True:
            page = await self._call(self.registry.ListParticipants, api.ListParticipantsRequest(role=role, province=province, page_size=page_size, page_token=token))
            for participant in page.participants:
                yield participant
            token = page.next_page_token
            if not token:
                return

    async def rulebooks(self) -> list[pb.RulebookVersion]:
        """Every rulebook version, the genesis one first (effective_ms 0)."""
        return list((await self._call(self.registry.ListRulebooks, api.ListRulebooksRequest())).versions)

    async def keys(self, participant_id: str) -> list[pb.KeyRecord]:
        return list((await self._call(self.registry.ListKeys, api.ListKeysRequest(participant_id=participant_id))).keys)

    async def account(self, account_id: str) -> api.AccountView:
        return await self._call(self.registry.GetAccount, api.GetAccountRequest(account_id=account_id))

    async def holdings(self, account_id: str, page_size: int = 0) -> AsyncIterator[pb.Holding]:
        token = ""
        while True:
            page = await self._call(self.registry.ListHoldings, api.ListHoldingsRequest(account_id=account_id, page_size=page_size, page_token=token))
            for holding in page.holdings:
                yield holding
            token = page.next_page_token
            if not token:
                return

    async def supply(self, vintage: int) -> api.Supply:
        return await self._call(self.registry.GetSupply, api.GetSupplyRequest(vintage=vintage))

    async def evidence(self) -> list[pb.Evidence]:
        found, token = [], ""
        while True:
            page = await self._call(self.chain.ListEvidence, api.ListEvidenceRequest(page_token=token))
            found.extend(page.evidence)
            token = page.next_page_token
            if not token:
                return found

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
        token = ""
        while True:
            page = await self._call(self.chain.ListNodeKeyChanges, api.ListNodeKeyChangesRequest(
                from_height=from_height, to_height=to_height, page_size=page_size, page_token=token))
            for change in page.changes:
                yield change
            token = page.next_page_token
            if not token or not page.changes:  # a node never sends an empty page with a token: stop, not loop
                return

    async def stream_blocks(self, from_height: int = 1, to_height: int = 0, timeout_s: float | None = None,
                            final_only: bool = False) -> AsyncIterator[pb.Block]:
        """Blocks from `from_height`; resume after a break by calling again from the next height.
        A bounded range gets a deadline (`timeout_s`, by default one per 100 blocks of the client's
        deadline); a stream that follows the head (`to_height` 0) has none unless given.
        `final_only`: each block only once a quorum has signed it."""
        call = self.chain.StreamBlocks(api.StreamBlocksRequest(from_height=from_height, to_height=to_height, final_only=final_only),
                                       timeout=_stream_timeout(self.deadline_s, from_height, to_height, timeout_s))
        try:
            async for block in call:
                yield block
        except grpc.aio.AioRpcError as error:
            raise _check(error) from None


class Client:
    """The synchronous twin of AsyncClient, for scripts and the CLI."""

    def __init__(self, target: str, deadline_s: float = DEADLINE_S, credentials: grpc.ChannelCredentials | None = None) -> None:
        self.target = target
        self.deadline_s = deadline_s
        self.channel = (grpc.secure_channel(target, credentials, options=CHANNEL_OPTIONS) if credentials
                        else grpc.insecure_channel(target, options=CHANNEL_OPTIONS))
        self.registry = api_grpc.RegistryStub(self.channel)
        self.chain = api_grpc.ChainStub(self.channel)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()

    def _call(self, method, request):
        try:
            return method(request, timeout=self.deadline_s)
        except grpc.RpcError as error:
            raise _check(error) from None

    def submit(self, tx: pb.SignedTx | bytes) -> pb.Receipt:
        return self._call(self.registry.Submit, api.SubmitRequest(tx=_wire(tx)))

    def submit_batch(self, txs: Sequence[pb.SignedTx | bytes]) -> list[pb.Receipt]:
        return list(self._call(self.registry.SubmitBatch, api.SubmitBatchRequest(txs=[_wire(tx) for tx in txs])).receipts)

    def participant(self, participant_id: str) -> pb.Participant:
        return self._call(self.registry.GetParticipant, api.GetParticipantRequest(participant_id=participant_id))

    def participants(self, role: int = 0, province: str = "", page_size: int = 0) -> Iterator[pb.Participant]:
        token = ""
        while True:
            page = self._call(self.registry.ListParticipants, api.ListParticipantsRequest(role=role, province=province, page_size=page_size, page_token=token))
            yield from page.participants
            token = page.next_page_token
            if not token:
                return

    def keys(self, participant_id: str) -> list[pb.KeyRecord]:
        return list(self._call(self.registry.ListKeys, api.ListKeysRequest(participant_id=participant_id)).keys)

    def rulebooks(self) -> list[pb.RulebookVersion]:
        return list(self._call(self.registry.ListRulebooks, api.ListRulebooksRequest()).versions)

    def account(self, account_id: str) -> api.AccountView:
        return self._call(self.registry.GetAccount, api.GetAccountRequest(account_id=account_id))

    def holdings(self, account_id: str, page_size: int = 0) -> Iterator[pb.Holding]:
        token = ""
        while True:
            page = self._call(self.registry.ListHoldings, api.ListHoldingsRequest(account_id=account_id, page_size=page_size, page_token=token))
            yield from page.holdings
            token = page.next_page_token
            if not token:
                return

    def supply(self, vintage: int) -> api.Supply:
        return self._call(self.registry.GetSupply, api.GetSupplyRequest(vintage=vintage))

    def evidence(self) -> list[pb.Evidence]:
        found, token = [], ""
        while True:
            page = self._call(self.chain.ListEvidence, api.ListEvidenceRequest(page_token=token))
            found.extend(page.evidence)
            token = page.next_page_token
            if not token:
                return found

    def head(self) -> api.Head:
        return self._call(self.chain.GetHead, api.GetHeadRequest())

    def genesis(self) -> api.GenesisView:
        return self._call(self.chain.GetGenesis, api.GetGenesisRequest())

    def block(self, height: int) -> pb.Block:
        return self._call(self.chain.GetBlock, api.GetBlockRequest(height=height))

    def transaction(self, tx_id: bytes, with_proof: bool = False) -> api.TransactionView:
        return self._call(self.chain.GetTransaction, api.GetTransactionRequest(tx_id=tx_id, with_proof=with_proof))

    def node_key_changes(self, from_height: int = 1, to_height: int = 0, page_size: int = 0) -> Iterator[proofs_pb2.ProvenTx]:
        token = ""
        while True:
            page = self._call(self.chain.ListNodeKeyChanges, api.ListNodeKeyChangesRequest(
                from_height=from_height, to_height=to_height, page_size=page_size, page_token=token))
            yield from page.changes
            token = page.next_page_token
            if not token or not page.changes:  # a node never sends an empty page with a token: stop, not loop
                return

    def stream_blocks(self, from_height: int = 1, to_height: int = 0, timeout_s: float | None = None,
                      final_only: bool = False) -> Iterator[pb.Block]:
        call = self.chain.StreamBlocks(api.StreamBlocksRequest(from_height=from_height, to_height=to_height, final_only=final_only),
                                       timeout=_stream_timeout(self.deadline_s, from_height, to_height, timeout_s))
        try:
            yield from call
        except grpc.RpcError as error:
            raise _check(error) from None
