from cets.v1 import ledger_pb2 as _ledger_pb2
from cets.v1 import proofs_pb2 as _proofs_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Checkpoint(_message.Message):
    __slots__ = ("note", "header", "signatures")
    NOTE_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    note: bytes
    header: bytes
    signatures: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Signature]
    def __init__(self, note: _Optional[bytes] = ..., header: _Optional[bytes] = ..., signatures: _Optional[_Iterable[_Union[_ledger_pb2.Signature, _Mapping]]] = ...) -> None: ...

class CheckpointBundle(_message.Message):
    __slots__ = ("version", "genesis", "key_changes", "checkpoint")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    GENESIS_FIELD_NUMBER: _ClassVar[int]
    KEY_CHANGES_FIELD_NUMBER: _ClassVar[int]
    CHECKPOINT_FIELD_NUMBER: _ClassVar[int]
    version: int
    genesis: bytes
    key_changes: _containers.RepeatedCompositeFieldContainer[_proofs_pb2.ProvenTx]
    checkpoint: Checkpoint
    def __init__(self, version: _Optional[int] = ..., genesis: _Optional[bytes] = ..., key_changes: _Optional[_Iterable[_Union[_proofs_pb2.ProvenTx, _Mapping]]] = ..., checkpoint: _Optional[_Union[Checkpoint, _Mapping]] = ...) -> None: ...

class GetCheckpointRequest(_message.Message):
    __slots__ = ("size",)
    SIZE_FIELD_NUMBER: _ClassVar[int]
    size: int
    def __init__(self, size: _Optional[int] = ...) -> None: ...

class GetConsistencyProofRequest(_message.Message):
    __slots__ = ("old_size", "new_size")
    OLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    NEW_SIZE_FIELD_NUMBER: _ClassVar[int]
    old_size: int
    new_size: int
    def __init__(self, old_size: _Optional[int] = ..., new_size: _Optional[int] = ...) -> None: ...

class ConsistencyProof(_message.Message):
    __slots__ = ("old_size", "new_size", "hashes")
    OLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    NEW_SIZE_FIELD_NUMBER: _ClassVar[int]
    HASHES_FIELD_NUMBER: _ClassVar[int]
    old_size: int
    new_size: int
    hashes: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, old_size: _Optional[int] = ..., new_size: _Optional[int] = ..., hashes: _Optional[_Iterable[bytes]] = ...) -> None: ...

class GetBlockInclusionProofRequest(_message.Message):
    __slots__ = ("height", "size")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    height: int
    size: int
    def __init__(self, height: _Optional[int] = ..., size: _Optional[int] = ...) -> None: ...

class BlockInclusionProof(_message.Message):
    __slots__ = ("height", "size", "header_hash", "hashes")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    HEADER_HASH_FIELD_NUMBER: _ClassVar[int]
    HASHES_FIELD_NUMBER: _ClassVar[int]
    height: int
    size: int
    header_hash: bytes
    hashes: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, height: _Optional[int] = ..., size: _Optional[int] = ..., header_hash: _Optional[bytes] = ..., hashes: _Optional[_Iterable[bytes]] = ...) -> None: ...
