from cets.v1 import ledger_pb2 as _ledger_pb2
from cets.v1 import types_pb2 as _types_pb2
from cets.v1 import proofs_pb2 as _proofs_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SubmitRequest(_message.Message):
    __slots__ = ("tx",)
    TX_FIELD_NUMBER: _ClassVar[int]
    tx: bytes
    def __init__(self, tx: _Optional[bytes] = ...) -> None: ...

class SubmitBatchRequest(_message.Message):
    __slots__ = ("txs",)
    TXS_FIELD_NUMBER: _ClassVar[int]
    txs: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, txs: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SubmitBatchResponse(_message.Message):
    __slots__ = ("receipts",)
    RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    receipts: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Receipt]
    def __init__(self, receipts: _Optional[_Iterable[_Union[_ledger_pb2.Receipt, _Mapping]]] = ...) -> None: ...

class GetParticipantRequest(_message.Message):
    __slots__ = ("participant_id",)
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    def __init__(self, participant_id: _Optional[str] = ...) -> None: ...

class ListParticipantsRequest(_message.Message):
    __slots__ = ("role", "province", "page_size", "page_token")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    role: _types_pb2.Role
    province: str
    page_size: int
    page_token: str
    def __init__(self, role: _Optional[_Union[_types_pb2.Role, str]] = ..., province: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListParticipantsResponse(_message.Message):
    __slots__ = ("participants", "next_page_token")
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participants: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Participant]
    next_page_token: str
    def __init__(self, participants: _Optional[_Iterable[_Union[_ledger_pb2.Participant, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListKeysRequest(_message.Message):
    __slots__ = ("participant_id", "page_size", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    page_size: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListKeysResponse(_message.Message):
    __slots__ = ("keys", "next_page_token")
    KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.KeyRecord]
    next_page_token: str
    def __init__(self, keys: _Optional[_Iterable[_Union[_ledger_pb2.KeyRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRulebooksRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRulebooksResponse(_message.Message):
    __slots__ = ("versions", "next_page_token")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.RulebookVersion]
    next_page_token: str
    def __init__(self, versions: _Optional[_Iterable[_Union[_ledger_pb2.RulebookVersion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class AccountView(_message.Message):
    __slots__ = ("account", "holdings", "height", "holdings_next_page_token")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account: _ledger_pb2.Account
    holdings: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    height: int
    holdings_next_page_token: str
    def __init__(self, account: _Optional[_Union[_ledger_pb2.Account, _Mapping]] = ..., holdings: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ..., height: _Optional[int] = ..., holdings_next_page_token: _Optional[str] = ...) -> None: ...

class ListHoldingsRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHoldingsResponse(_message.Message):
    __slots__ = ("holdings", "next_page_token")
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    holdings: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    next_page_token: str
    def __init__(self, holdings: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetSupplyRequest(_message.Message):
    __slots__ = ("vintage",)
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    def __init__(self, vintage: _Optional[int] = ...) -> None: ...

class Supply(_message.Message):
    __slots__ = ("vintage", "cap", "issued", "surrendered", "cancelled", "height")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    CAP_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    cap: int
    issued: int
    surrendered: int
    cancelled: int
    height: int
    def __init__(self, vintage: _Optional[int] = ..., cap: _Optional[int] = ..., issued: _Optional[int] = ..., surrendered: _Optional[int] = ..., cancelled: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class GetHeadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Head(_message.Message):
    __slots__ = ("height", "hash", "header", "chain_id", "final_height")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    FINAL_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    height: int
    hash: bytes
    header: bytes
    chain_id: str
    final_height: int
    def __init__(self, height: _Optional[int] = ..., hash: _Optional[bytes] = ..., header: _Optional[bytes] = ..., chain_id: _Optional[str] = ..., final_height: _Optional[int] = ...) -> None: ...

class GetGenesisRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GenesisView(_message.Message):
    __slots__ = ("genesis", "hash")
    GENESIS_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    genesis: bytes
    hash: bytes
    def __init__(self, genesis: _Optional[bytes] = ..., hash: _Optional[bytes] = ...) -> None: ...

class GetBlockRequest(_message.Message):
    __slots__ = ("height",)
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    height: int
    def __init__(self, height: _Optional[int] = ...) -> None: ...

class GetTransactionRequest(_message.Message):
    __slots__ = ("tx_id", "with_proof")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    WITH_PROOF_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    with_proof: bool
    def __init__(self, tx_id: _Optional[bytes] = ..., with_proof: _Optional[bool] = ...) -> None: ...

class TransactionView(_message.Message):
    __slots__ = ("receipt", "tx", "proof")
    RECEIPT_FIELD_NUMBER: _ClassVar[int]
    TX_FIELD_NUMBER: _ClassVar[int]
    PROOF_FIELD_NUMBER: _ClassVar[int]
    receipt: _ledger_pb2.Receipt
    tx: bytes
    proof: _ledger_pb2.TxInclusionProof
    def __init__(self, receipt: _Optional[_Union[_ledger_pb2.Receipt, _Mapping]] = ..., tx: _Optional[bytes] = ..., proof: _Optional[_Union[_ledger_pb2.TxInclusionProof, _Mapping]] = ...) -> None: ...

class StreamBlocksRequest(_message.Message):
    __slots__ = ("from_height", "to_height", "final_only")
    FROM_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TO_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    FINAL_ONLY_FIELD_NUMBER: _ClassVar[int]
    from_height: int
    to_height: int
    final_only: bool
    def __init__(self, from_height: _Optional[int] = ..., to_height: _Optional[int] = ..., final_only: _Optional[bool] = ...) -> None: ...

class ListEvidenceRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEvidenceResponse(_message.Message):
    __slots__ = ("evidence", "next_page_token")
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    evidence: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Evidence]
    next_page_token: str
    def __init__(self, evidence: _Optional[_Iterable[_Union[_ledger_pb2.Evidence, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListNodeKeyChangesRequest(_message.Message):
    __slots__ = ("from_height", "to_height", "page_size", "page_token")
    FROM_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TO_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    from_height: int
    to_height: int
    page_size: int
    page_token: str
    def __init__(self, from_height: _Optional[int] = ..., to_height: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNodeKeyChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_proofs_pb2.ProvenTx]
    next_page_token: str
    def __init__(self, changes: _Optional[_Iterable[_Union[_proofs_pb2.ProvenTx, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
