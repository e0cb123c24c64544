from cets.v1 import ledger_pb2 as _ledger_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProvenTx(_message.Message):
    __slots__ = ("tx", "index", "proof")
    TX_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    PROOF_FIELD_NUMBER: _ClassVar[int]
    tx: bytes
    index: int
    proof: _ledger_pb2.TxInclusionProof
    def __init__(self, tx: _Optional[bytes] = ..., index: _Optional[int] = ..., proof: _Optional[_Union[_ledger_pb2.TxInclusionProof, _Mapping]] = ...) -> None: ...

class ProofBundle(_message.Message):
    __slots__ = ("version", "genesis", "key_changes", "transaction")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    GENESIS_FIELD_NUMBER: _ClassVar[int]
    KEY_CHANGES_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    version: int
    genesis: bytes
    key_changes: _containers.RepeatedCompositeFieldContainer[ProvenTx]
    transaction: ProvenTx
    def __init__(self, version: _Optional[int] = ..., genesis: _Optional[bytes] = ..., key_changes: _Optional[_Iterable[_Union[ProvenTx, _Mapping]]] = ..., transaction: _Optional[_Union[ProvenTx, _Mapping]] = ...) -> None: ...
