"""The Chain service: head, genesis, blocks, transactions with proofs, evidence, node-key changes, block streams,
and the history tree's checkpoints and proofs (node/checkpoints.py)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.v1 import history_pb2
from cets.ledger import crypto
from cets.ledger.proofs import tx_proof
from cets.ledger.store import Store
from cets.node import checkpoints
from cets.node.errors import invalid, not_found, stopping
from cets.node.keyhistory import list_node_key_changes
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, decode_offset_token, encode_offset_token, page_size

EVIDENCE_PAGE_SIZE_MAX = 100  # an item may carry a whole block
EVIDENCE_PAGE_SIZE_DEFAULT = 10


class ChainService(api_grpc.ChainServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer

    async def GetHead(self, request: api.GetHeadRequest, context) -> api.Head:
        tip, header = self.sequencer.head()
        return api.Head(height=tip.height, hash=tip.hash, header=header, chain_id=tip.chain_id, final_height=self.sequencer.final_height)

    async def ListEvidence(self, request: api.ListEvidenceRequest, context) -> api.ListEvidenceResponse:
        size = page_size(request.page_size, EVIDENCE_PAGE_SIZE_MAX, EVIDENCE_PAGE_SIZE_DEFAULT)
        start = decode_offset_token(request.page_token)
        evidence = self.sequencer.evidence()  # only grows: an offset stays valid
        following = start + size if start + size < len(evidence) else 0
        return api.ListEvidenceResponse(evidence=evidence[start:start + size], next_page_token=encode_offset_token(following))

    async def ListNodeKeyChanges(self, request: api.ListNodeKeyChangesRequest, context) -> api.ListNodeKeyChangesResponse:
        return list_node_key_changes(self.store, request)  # the light client's side: node/keyhistory.py

    async def GetGenesis(self, request: api.GetGenesisRequest, context) -> api.GenesisView:
        genesis = self.store.genesis()
        return api.GenesisView(genesis=genesis, hash=crypto.genesis_hash(genesis))

    async def GetBlock(self, request: api.GetBlockRequest, context) -> pb.Block:
        if request.height == 0:
            raise invalid("MISSING_FIELD", "height: missing (blocks start at 1; the genesis has its own call)")
        raw = self.store.block(request.height)
        if raw is None:
            raise not_found("BLOCK_NOT_FOUND", f"height: got {request.height}, head is {self.sequencer.tip.height}")
        return pb.Block.FromString(raw)

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
                if sequencer.stopping:
                    raise stopping(f"the node is stopping; resume from height {height}")
                continue
            yield pb.Block.FromString(self.store.block(height))
            height += 1

    async def GetCheckpoint(self, request: history_pb2.GetCheckpointRequest, context) -> history_pb2.Checkpoint:
        return checkpoints.get_checkpoint(self.store, self.sequencer.final_height, request)

    async def GetConsistencyProof(self, request: history_pb2.GetConsistencyProofRequest, context) -> history_pb2.ConsistencyProof:
        return checkpoints.consistency_proof(self.store, self.sequencer.final_height, request)

    async def GetBlockInclusionProof(self, request: history_pb2.GetBlockInclusionProofRequest, context) -> history_pb2.BlockInclusionProof:
        return checkpoints.block_inclusion_proof(self.store, self.sequencer.final_height, request)


SERVICE = Service(api.DESCRIPTOR.services_by_name["Chain"], ChainService, api_grpc.add_ChainServicer_to_server)
