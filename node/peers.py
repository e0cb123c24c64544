"""The node's own client for its peers: the few calls one cluster node makes to another.

A node forwards admitted transactions to the proposer (`SubmitBatch`), fetches the blocks etcd has
pruned and follows final blocks (`StreamBlocks(final_only)`), reads a peer's evidence
(`ListEvidence`) and, in the dev cluster, waits for a node to serve (`GetHead`). It never goes
through `clients/` (the layers point down only, DESIGN.md section 1): this is a small async client
over the generated stubs, with a deadline on every call, the node's TLS credentials, one channel
per peer kept for reuse, and one error type.
"""

from __future__ import annotations

import contextlib
from typing import AsyncIterator, Sequence

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc

MESSAGE_BYTES_MAX = 32 * 1024 * 1024  # as the node's server accepts (node/server.py)
STREAM_BLOCKS_PER_DEADLINE = 100  # a bounded block stream gets one deadline per this many blocks
CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", MESSAGE_BYTES_MAX),
    ("grpc.max_send_message_length", MESSAGE_BYTES_MAX),
    ("grpc.keepalive_time_ms", 30_000),  # the server allows pings every 20 s on an idle stream
]


class PeerError(Exception):
    """A call to a peer failed: `status` (grpc.StatusCode), `reason` (its ErrorInfo reason, if any)."""

    def __init__(self, target: str, status: grpc.StatusCode, reason: str, message: str) -> None:
        super().__init__(f"{target}: {status.name} {reason}: {message}")
        self.target = target
        self.status = status
        self.reason = reason

    @classmethod
    def of(cls, target: str, error: grpc.aio.AioRpcError) -> PeerError:
        reason = ""
        with contextlib.suppress(Exception):  # a peer that sends no readable details still failed
            for detail in rpc_status.from_call(error).details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    reason = info.reason
        return cls(target, error.code(), reason, error.details() or "")


def stream_timeout_s(deadline_s: float, from_height: int, to_height: int) -> float | None:
    """A bounded range gets a deadline per STREAM_BLOCKS_PER_DEADLINE blocks; following the head, none."""
    if not to_height:
        return None
    return deadline_s * (1 + max(0, to_height - max(from_height, 1)) // STREAM_BLOCKS_PER_DEADLINE)


class PeerClient:
    """One peer, over one channel (it reconnects by itself); every call bounded by `deadline_s`."""

    def __init__(self, target: str, deadline_s: float, credentials: grpc.ChannelCredentials | None = None) -> None:
        self.target = target
        self.deadline_s = deadline_s
        self._channel = (grpc.aio.secure_channel(target, credentials, options=CHANNEL_OPTIONS) if credentials
                         else grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS))
        self._registry = api_grpc.RegistryStub(self._channel)
        self._chain = api_grpc.ChainStub(self._channel)

    async def close(self) -> None:
        await self._channel.close()

    async def _call(self, method, request):
        try:
            return await method(request, timeout=self.deadline_s)
        except grpc.aio.AioRpcError as error:
            raise PeerError.of(self.target, error) from None

    async def head(self) -> api.Head:
        return await self._call(self._chain.GetHead, api.GetHeadRequest())

    async def submit_batch(self, raws: Sequence[bytes]) -> list[pb.Receipt]:
        """Hand signed transactions to the peer; a receipt per transaction, in order."""
        return list((await self._call(self._registry.SubmitBatch, api.SubmitBatchRequest(txs=list(raws)))).receipts)

    async def evidence(self) -> list[pb.Evidence]:
        """Every fault the peer has kept, all pages."""
        found, token = [], ""
        while True:
            page = await self._call(self._chain.ListEvidence, api.ListEvidenceRequest(page_token=token))
            found.extend(page.evidence)
            token = page.next_page_token
            if not token:
                return found

    async def final_blocks(self, from_height: int, to_height: int = 0, timeout_s: float | None = None) -> AsyncIterator[pb.Block]:
        """The peer's final blocks from `from_height` to `to_height` (0: follow its head), each once
        a quorum has signed it. The stream ends with `PeerError` DEADLINE_EXCEEDED at `timeout_s`
        (by default one deadline per 100 blocks of a bounded range, none when following)."""
        if timeout_s is None:
            timeout_s = stream_timeout_s(self.deadline_s, from_height, to_height)
        call = self._chain.StreamBlocks(api.StreamBlocksRequest(from_height=from_height, to_height=to_height, final_only=True),
                                        timeout=timeout_s)
        try:
            async for block in call:
                yield block
        except grpc.aio.AioRpcError as error:
            raise PeerError.of(self.target, error) from None


class Peers:
    """One `PeerClient` per target, kept for reuse (a follower reopening its stream every few
    seconds does not redo the TLS handshake) and dropped after a failure (the next call dials
    afresh rather than wait out the channel's reconnection backoff)."""

    def __init__(self, deadline_s: float, credentials: grpc.ChannelCredentials | None = None) -> None:
        self.deadline_s = deadline_s
        self.credentials = credentials
        self._clients: dict[str, PeerClient] = {}

    def client(self, target: str) -> PeerClient:
        client = self._clients.get(target)
        if client is None:
            client = self._clients[target] = PeerClient(target, self.deadline_s, self.credentials)
        return client

    async def drop(self, target: str) -> None:
        client = self._clients.pop(target, None)
        if client is not None:
            with contextlib.suppress(Exception):
                await client.close()

    async def close(self) -> None:
        for target in list(self._clients):
            await self.drop(target)
