from cets.v1 import history_pb2 as _history_pb2
from cets.v1 import proofs_pb2 as _proofs_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Certificate(_message.Message):
    __slots__ = ("checkpoint", "transaction", "block_path", "cancellation_id", "compliance")
    CHECKPOINT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    BLOCK_PATH_FIELD_NUMBER: _ClassVar[int]
    CANCELLATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    checkpoint: _history_pb2.CheckpointBundle
    transaction: _proofs_pb2.ProvenTx
    block_path: _containers.RepeatedScalarFieldContainer[bytes]
    cancellation_id: str
    compliance: ComplianceSubject
    def __init__(self, checkpoint: _Optional[_Union[_history_pb2.CheckpointBundle, _Mapping]] = ..., transaction: _Optional[_Union[_proofs_pb2.ProvenTx, _Mapping]] = ..., block_path: _Optional[_Iterable[bytes]] = ..., cancellation_id: _Optional[str] = ..., compliance: _Optional[_Union[ComplianceSubject, _Mapping]] = ...) -> None: ...

class ComplianceSubject(_message.Message):
    __slots__ = ("emitter_id", "year")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...
