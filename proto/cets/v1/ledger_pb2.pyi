from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_MINISTRY: _ClassVar[Role]
    ROLE_REGISTRY: _ClassVar[Role]
    ROLE_EXCHANGE: _ClassVar[Role]
    ROLE_PROVINCE: _ClassVar[Role]
    ROLE_KEY_EMITTER: _ClassVar[Role]
    ROLE_INSTITUTION: _ClassVar[Role]
    ROLE_INDIVIDUAL: _ClassVar[Role]

class AccountKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCOUNT_KIND_UNSPECIFIED: _ClassVar[AccountKind]
    ACCOUNT_KIND_ISSUANCE: _ClassVar[AccountKind]
    ACCOUNT_KIND_RESERVE: _ClassVar[AccountKind]
    ACCOUNT_KIND_AUCTION: _ClassVar[AccountKind]
    ACCOUNT_KIND_PROVINCE_ALLOCATION: _ClassVar[AccountKind]
    ACCOUNT_KIND_EMITTER_HOLDING: _ClassVar[AccountKind]
    ACCOUNT_KIND_TRADING: _ClassVar[AccountKind]

class Product(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRODUCT_UNSPECIFIED: _ClassVar[Product]
    PRODUCT_CEA: _ClassVar[Product]
    PRODUCT_CCER: _ClassVar[Product]

class ProjectType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROJECT_TYPE_UNSPECIFIED: _ClassVar[ProjectType]
    PROJECT_TYPE_RENEWABLE: _ClassVar[ProjectType]
    PROJECT_TYPE_CARBON_SINK: _ClassVar[ProjectType]
    PROJECT_TYPE_METHANE: _ClassVar[ProjectType]
    PROJECT_TYPE_OTHER: _ClassVar[ProjectType]

class KeyPurpose(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KEY_PURPOSE_UNSPECIFIED: _ClassVar[KeyPurpose]
    KEY_PURPOSE_TRANSACTIONS: _ClassVar[KeyPurpose]
    KEY_PURPOSE_NODE: _ClassVar[KeyPurpose]

class ReservePurpose(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESERVE_PURPOSE_UNSPECIFIED: _ClassVar[ReservePurpose]
    RESERVE_PURPOSE_MARKET_ADJUSTMENT: _ClassVar[ReservePurpose]
    RESERVE_PURPOSE_MAJOR_PROJECT: _ClassVar[ReservePurpose]
    RESERVE_PURPOSE_SET_ASIDE: _ClassVar[ReservePurpose]

class ReserveDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESERVE_DIRECTION_UNSPECIFIED: _ClassVar[ReserveDirection]
    RESERVE_DIRECTION_INTO_RESERVE: _ClassVar[ReserveDirection]
    RESERVE_DIRECTION_OUT_OF_RESERVE: _ClassVar[ReserveDirection]

class AdjustmentReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ADJUSTMENT_REASON_UNSPECIFIED: _ClassVar[AdjustmentReason]
    ADJUSTMENT_REASON_CLOSURE: _ClassVar[AdjustmentReason]
    ADJUSTMENT_REASON_MERGER_OR_SPLIT: _ClassVar[AdjustmentReason]
    ADJUSTMENT_REASON_CAPACITY_CHANGE: _ClassVar[AdjustmentReason]
    ADJUSTMENT_REASON_PROCESS_CHANGE: _ClassVar[AdjustmentReason]
    ADJUSTMENT_REASON_CORRECTION: _ClassVar[AdjustmentReason]

class GrpcStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRPC_STATUS_OK: _ClassVar[GrpcStatus]
    GRPC_STATUS_INVALID_ARGUMENT: _ClassVar[GrpcStatus]
    GRPC_STATUS_NOT_FOUND: _ClassVar[GrpcStatus]
    GRPC_STATUS_ALREADY_EXISTS: _ClassVar[GrpcStatus]
    GRPC_STATUS_PERMISSION_DENIED: _ClassVar[GrpcStatus]
    GRPC_STATUS_FAILED_PRECONDITION: _ClassVar[GrpcStatus]

class Code(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CODE_OK: _ClassVar[Code]
    CODE_MALFORMED: _ClassVar[Code]
    CODE_UNKNOWN_PAYLOAD_KIND: _ClassVar[Code]
    CODE_MISSING_FIELD: _ClassVar[Code]
    CODE_AMOUNT_NOT_POSITIVE: _ClassVar[Code]
    CODE_AMOUNT_TOO_LARGE: _ClassVar[Code]
    CODE_UNKNOWN_VINTAGE: _ClassVar[Code]
    CODE_WRONG_CHAIN_ID: _ClassVar[Code]
    CODE_SIGNATURE_MISSING: _ClassVar[Code]
    CODE_SIGNATURE_INVALID: _ClassVar[Code]
    CODE_UNKNOWN_KEY: _ClassVar[Code]
    CODE_KEY_REVOKED: _ClassVar[Code]
    CODE_ROLE_NOT_AUTHORIZED: _ClassVar[Code]
    CODE_OUTSIDE_JURISDICTION: _ClassVar[Code]
    CODE_ACCOUNT_KIND_FORBIDS_OPERATION: _ClassVar[Code]
    CODE_INSUFFICIENT_BALANCE: _ClassVar[Code]
    CODE_CLIENT_ID_REUSED: _ClassVar[Code]
    CODE_UNKNOWN_PARTICIPANT: _ClassVar[Code]
    CODE_UNKNOWN_ACCOUNT: _ClassVar[Code]
    CODE_PARTICIPANT_EXISTS: _ClassVar[Code]
    CODE_CAP_EXCEEDED: _ClassVar[Code]
    CODE_INVALID_FIELD: _ClassVar[Code]
    CODE_KEY_EXISTS: _ClassVar[Code]
    CODE_LAST_ACTIVE_KEY: _ClassVar[Code]
    CODE_KEY_NOT_OF_SIGNER: _ClassVar[Code]
    CODE_NOT_ACCOUNT_HOLDER: _ClassVar[Code]
    CODE_VINTAGE_NOT_ELIGIBLE: _ClassVar[Code]
    CODE_OFFSET_PROJECT_INELIGIBLE: _ClassVar[Code]
    CODE_OFFSET_CAP_EXCEEDED: _ClassVar[Code]
    CODE_PROJECT_MISMATCH: _ClassVar[Code]
    CODE_CAP_BELOW_ISSUED: _ClassVar[Code]
    CODE_TOO_LARGE: _ClassVar[Code]
    CODE_KEY_PURPOSE_MISMATCH: _ClassVar[Code]
    CODE_NOT_KEY_EMITTER: _ClassVar[Code]
    CODE_CREATED_TIME_OUT_OF_WINDOW: _ClassVar[Code]
    CODE_CAP_NOT_SET: _ClassVar[Code]
    CODE_NO_ACCOUNT: _ClassVar[Code]
    CODE_DUPLICATE_TX: _ClassVar[Code]
    CODE_NODE_KEY_NOT_HELD: _ClassVar[Code]
    CODE_NOT_KEY_OWNER: _ClassVar[Code]
    CODE_KEY_NOT_RECOVERABLE: _ClassVar[Code]

class TxStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TX_STATUS_UNSPECIFIED: _ClassVar[TxStatus]
    TX_STATUS_UNKNOWN: _ClassVar[TxStatus]
    TX_STATUS_PENDING: _ClassVar[TxStatus]
    TX_STATUS_COMMITTED: _ClassVar[TxStatus]
    TX_STATUS_REJECTED: _ClassVar[TxStatus]
ROLE_UNSPECIFIED: Role
ROLE_MINISTRY: Role
ROLE_REGISTRY: Role
ROLE_EXCHANGE: Role
ROLE_PROVINCE: Role
ROLE_KEY_EMITTER: Role
ROLE_INSTITUTION: Role
ROLE_INDIVIDUAL: Role
ACCOUNT_KIND_UNSPECIFIED: AccountKind
ACCOUNT_KIND_ISSUANCE: AccountKind
ACCOUNT_KIND_RESERVE: AccountKind
ACCOUNT_KIND_AUCTION: AccountKind
ACCOUNT_KIND_PROVINCE_ALLOCATION: AccountKind
ACCOUNT_KIND_EMITTER_HOLDING: AccountKind
ACCOUNT_KIND_TRADING: AccountKind
PRODUCT_UNSPECIFIED: Product
PRODUCT_CEA: Product
PRODUCT_CCER: Product
PROJECT_TYPE_UNSPECIFIED: ProjectType
PROJECT_TYPE_RENEWABLE: ProjectType
PROJECT_TYPE_CARBON_SINK: ProjectType
PROJECT_TYPE_METHANE: ProjectType
PROJECT_TYPE_OTHER: ProjectType
KEY_PURPOSE_UNSPECIFIED: KeyPurpose
KEY_PURPOSE_TRANSACTIONS: KeyPurpose
KEY_PURPOSE_NODE: KeyPurpose
RESERVE_PURPOSE_UNSPECIFIED: ReservePurpose
RESERVE_PURPOSE_MARKET_ADJUSTMENT: ReservePurpose
RESERVE_PURPOSE_MAJOR_PROJECT: ReservePurpose
RESERVE_PURPOSE_SET_ASIDE: ReservePurpose
RESERVE_DIRECTION_UNSPECIFIED: ReserveDirection
RESERVE_DIRECTION_INTO_RESERVE: ReserveDirection
RESERVE_DIRECTION_OUT_OF_RESERVE: ReserveDirection
ADJUSTMENT_REASON_UNSPECIFIED: AdjustmentReason
ADJUSTMENT_REASON_CLOSURE: AdjustmentReason
ADJUSTMENT_REASON_MERGER_OR_SPLIT: AdjustmentReason
ADJUSTMENT_REASON_CAPACITY_CHANGE: AdjustmentReason
ADJUSTMENT_REASON_PROCESS_CHANGE: AdjustmentReason
ADJUSTMENT_REASON_CORRECTION: AdjustmentReason
GRPC_STATUS_OK: GrpcStatus
GRPC_STATUS_INVALID_ARGUMENT: GrpcStatus
GRPC_STATUS_NOT_FOUND: GrpcStatus
GRPC_STATUS_ALREADY_EXISTS: GrpcStatus
GRPC_STATUS_PERMISSION_DENIED: GrpcStatus
GRPC_STATUS_FAILED_PRECONDITION: GrpcStatus
CODE_OK: Code
CODE_MALFORMED: Code
CODE_UNKNOWN_PAYLOAD_KIND: Code
CODE_MISSING_FIELD: Code
CODE_AMOUNT_NOT_POSITIVE: Code
CODE_AMOUNT_TOO_LARGE: Code
CODE_UNKNOWN_VINTAGE: Code
CODE_WRONG_CHAIN_ID: Code
CODE_SIGNATURE_MISSING: Code
CODE_SIGNATURE_INVALID: Code
CODE_UNKNOWN_KEY: Code
CODE_KEY_REVOKED: Code
CODE_ROLE_NOT_AUTHORIZED: Code
CODE_OUTSIDE_JURISDICTION: Code
CODE_ACCOUNT_KIND_FORBIDS_OPERATION: Code
CODE_INSUFFICIENT_BALANCE: Code
CODE_CLIENT_ID_REUSED: Code
CODE_UNKNOWN_PARTICIPANT: Code
CODE_UNKNOWN_ACCOUNT: Code
CODE_PARTICIPANT_EXISTS: Code
CODE_CAP_EXCEEDED: Code
CODE_INVALID_FIELD: Code
CODE_KEY_EXISTS: Code
CODE_LAST_ACTIVE_KEY: Code
CODE_KEY_NOT_OF_SIGNER: Code
CODE_NOT_ACCOUNT_HOLDER: Code
CODE_VINTAGE_NOT_ELIGIBLE: Code
CODE_OFFSET_PROJECT_INELIGIBLE: Code
CODE_OFFSET_CAP_EXCEEDED: Code
CODE_PROJECT_MISMATCH: Code
CODE_CAP_BELOW_ISSUED: Code
CODE_TOO_LARGE: Code
CODE_KEY_PURPOSE_MISMATCH: Code
CODE_NOT_KEY_EMITTER: Code
CODE_CREATED_TIME_OUT_OF_WINDOW: Code
CODE_CAP_NOT_SET: Code
CODE_NO_ACCOUNT: Code
CODE_DUPLICATE_TX: Code
CODE_NODE_KEY_NOT_HELD: Code
CODE_NOT_KEY_OWNER: Code
CODE_KEY_NOT_RECOVERABLE: Code
TX_STATUS_UNSPECIFIED: TxStatus
TX_STATUS_UNKNOWN: TxStatus
TX_STATUS_PENDING: TxStatus
TX_STATUS_COMMITTED: TxStatus
TX_STATUS_REJECTED: TxStatus
GRPC_STATUS_FIELD_NUMBER: _ClassVar[int]
grpc_status: _descriptor.FieldDescriptor

class TxBody(_message.Message):
    __slots__ = ("chain_id", "signer", "client_id", "created_ms", "register_participant", "add_key", "rotate_key", "revoke_key", "set_cap", "issue_allowances", "reserve_move", "allocate", "adjust_allocation", "transfer", "surrender", "cancel", "record_ccer", "set_rulebook", "recover_key")
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_MS_FIELD_NUMBER: _ClassVar[int]
    REGISTER_PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    ADD_KEY_FIELD_NUMBER: _ClassVar[int]
    ROTATE_KEY_FIELD_NUMBER: _ClassVar[int]
    REVOKE_KEY_FIELD_NUMBER: _ClassVar[int]
    SET_CAP_FIELD_NUMBER: _ClassVar[int]
    ISSUE_ALLOWANCES_FIELD_NUMBER: _ClassVar[int]
    RESERVE_MOVE_FIELD_NUMBER: _ClassVar[int]
    ALLOCATE_FIELD_NUMBER: _ClassVar[int]
    ADJUST_ALLOCATION_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    SURRENDER_FIELD_NUMBER: _ClassVar[int]
    CANCEL_FIELD_NUMBER: _ClassVar[int]
    RECORD_CCER_FIELD_NUMBER: _ClassVar[int]
    SET_RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    RECOVER_KEY_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    signer: str
    client_id: str
    created_ms: int
    register_participant: RegisterParticipant
    add_key: AddKey
    rotate_key: RotateKey
    revoke_key: RevokeKey
    set_cap: SetCap
    issue_allowances: IssueAllowances
    reserve_move: ReserveMove
    allocate: Allocate
    adjust_allocation: AdjustAllocation
    transfer: Transfer
    surrender: Surrender
    cancel: Cancel
    record_ccer: RecordCcer
    set_rulebook: SetRulebook
    recover_key: RecoverKey
    def __init__(self, chain_id: _Optional[str] = ..., signer: _Optional[str] = ..., client_id: _Optional[str] = ..., created_ms: _Optional[int] = ..., register_participant: _Optional[_Union[RegisterParticipant, _Mapping]] = ..., add_key: _Optional[_Union[AddKey, _Mapping]] = ..., rotate_key: _Optional[_Union[RotateKey, _Mapping]] = ..., revoke_key: _Optional[_Union[RevokeKey, _Mapping]] = ..., set_cap: _Optional[_Union[SetCap, _Mapping]] = ..., issue_allowances: _Optional[_Union[IssueAllowances, _Mapping]] = ..., reserve_move: _Optional[_Union[ReserveMove, _Mapping]] = ..., allocate: _Optional[_Union[Allocate, _Mapping]] = ..., adjust_allocation: _Optional[_Union[AdjustAllocation, _Mapping]] = ..., transfer: _Optional[_Union[Transfer, _Mapping]] = ..., surrender: _Optional[_Union[Surrender, _Mapping]] = ..., cancel: _Optional[_Union[Cancel, _Mapping]] = ..., record_ccer: _Optional[_Union[RecordCcer, _Mapping]] = ..., set_rulebook: _Optional[_Union[SetRulebook, _Mapping]] = ..., recover_key: _Optional[_Union[RecoverKey, _Mapping]] = ...) -> None: ...

class KeySpec(_message.Message):
    __slots__ = ("public_key", "purpose")
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    public_key: bytes
    purpose: KeyPurpose
    def __init__(self, public_key: _Optional[bytes] = ..., purpose: _Optional[_Union[KeyPurpose, str]] = ...) -> None: ...

class RegisterParticipant(_message.Message):
    __slots__ = ("participant_id", "role", "name", "province", "sector", "keys")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    role: Role
    name: str
    province: str
    sector: str
    keys: _containers.RepeatedCompositeFieldContainer[KeySpec]
    def __init__(self, participant_id: _Optional[str] = ..., role: _Optional[_Union[Role, str]] = ..., name: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., keys: _Optional[_Iterable[_Union[KeySpec, _Mapping]]] = ...) -> None: ...

class AddKey(_message.Message):
    __slots__ = ("participant_id", "key")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key: KeySpec
    def __init__(self, participant_id: _Optional[str] = ..., key: _Optional[_Union[KeySpec, _Mapping]] = ...) -> None: ...

class RotateKey(_message.Message):
    __slots__ = ("participant_id", "old_key_id", "new_key")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    OLD_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_KEY_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    old_key_id: str
    new_key: KeySpec
    def __init__(self, participant_id: _Optional[str] = ..., old_key_id: _Optional[str] = ..., new_key: _Optional[_Union[KeySpec, _Mapping]] = ...) -> None: ...

class RevokeKey(_message.Message):
    __slots__ = ("participant_id", "key_id", "reason")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key_id: str
    reason: str
    def __init__(self, participant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecoverKey(_message.Message):
    __slots__ = ("participant_id", "new_key", "revoked_key_ids", "requested_by", "reason", "reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_KEY_FIELD_NUMBER: _ClassVar[int]
    REVOKED_KEY_IDS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    new_key: KeySpec
    revoked_key_ids: _containers.RepeatedScalarFieldContainer[str]
    requested_by: str
    reason: str
    reference: str
    def __init__(self, participant_id: _Optional[str] = ..., new_key: _Optional[_Union[KeySpec, _Mapping]] = ..., revoked_key_ids: _Optional[_Iterable[str]] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class KeyRecovery(_message.Message):
    __slots__ = ("tx_id", "height", "recovered_by", "requested_by", "reason", "reference")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    height: int
    recovered_by: str
    requested_by: str
    reason: str
    reference: str
    def __init__(self, tx_id: _Optional[bytes] = ..., height: _Optional[int] = ..., recovered_by: _Optional[str] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class SetCap(_message.Message):
    __slots__ = ("vintage", "cap")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    CAP_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    cap: int
    def __init__(self, vintage: _Optional[int] = ..., cap: _Optional[int] = ...) -> None: ...

class IssueAllowances(_message.Message):
    __slots__ = ("vintage", "amount")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    amount: int
    def __init__(self, vintage: _Optional[int] = ..., amount: _Optional[int] = ...) -> None: ...

class ReserveMove(_message.Message):
    __slots__ = ("direction", "account_id", "vintage", "amount", "purpose", "note")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    direction: ReserveDirection
    account_id: str
    vintage: int
    amount: int
    purpose: ReservePurpose
    note: str
    def __init__(self, direction: _Optional[_Union[ReserveDirection, str]] = ..., account_id: _Optional[str] = ..., vintage: _Optional[int] = ..., amount: _Optional[int] = ..., purpose: _Optional[_Union[ReservePurpose, str]] = ..., note: _Optional[str] = ...) -> None: ...

class AllocationEntry(_message.Message):
    __slots__ = ("emitter_id", "vintage", "amount")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    vintage: int
    amount: int
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., amount: _Optional[int] = ...) -> None: ...

class Allocate(_message.Message):
    __slots__ = ("method_version", "entries")
    METHOD_VERSION_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    method_version: str
    entries: _containers.RepeatedCompositeFieldContainer[AllocationEntry]
    def __init__(self, method_version: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[AllocationEntry, _Mapping]]] = ...) -> None: ...

class AdjustAllocation(_message.Message):
    __slots__ = ("emitter_id", "vintage", "delta", "reason", "note")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    vintage: int
    delta: int
    reason: AdjustmentReason
    note: str
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., delta: _Optional[int] = ..., reason: _Optional[_Union[AdjustmentReason, str]] = ..., note: _Optional[str] = ...) -> None: ...

class Unit(_message.Message):
    __slots__ = ("product", "vintage", "project_id")
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    product: Product
    vintage: int
    project_id: str
    def __init__(self, product: _Optional[_Union[Product, str]] = ..., vintage: _Optional[int] = ..., project_id: _Optional[str] = ...) -> None: ...

class Transfer(_message.Message):
    __slots__ = ("from_account", "to_account", "unit", "amount", "memo")
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    from_account: str
    to_account: str
    unit: Unit
    amount: int
    memo: str
    def __init__(self, from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., unit: _Optional[_Union[Unit, _Mapping]] = ..., amount: _Optional[int] = ..., memo: _Optional[str] = ...) -> None: ...

class SurrenderItem(_message.Message):
    __slots__ = ("unit", "amount")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    unit: Unit
    amount: int
    def __init__(self, unit: _Optional[_Union[Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class Surrender(_message.Message):
    __slots__ = ("compliance_year", "items")
    COMPLIANCE_YEAR_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    compliance_year: int
    items: _containers.RepeatedCompositeFieldContainer[SurrenderItem]
    def __init__(self, compliance_year: _Optional[int] = ..., items: _Optional[_Iterable[_Union[SurrenderItem, _Mapping]]] = ...) -> None: ...

class Cancel(_message.Message):
    __slots__ = ("account_id", "unit", "amount", "beneficiary", "purpose")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BENEFICIARY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    unit: Unit
    amount: int
    beneficiary: str
    purpose: str
    def __init__(self, account_id: _Optional[str] = ..., unit: _Optional[_Union[Unit, _Mapping]] = ..., amount: _Optional[int] = ..., beneficiary: _Optional[str] = ..., purpose: _Optional[str] = ...) -> None: ...

class SetRulebook(_message.Message):
    __slots__ = ("rulebook", "effective_ms", "note")
    RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    rulebook: Rulebook
    effective_ms: int
    note: str
    def __init__(self, rulebook: _Optional[_Union[Rulebook, _Mapping]] = ..., effective_ms: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class RulebookVersion(_message.Message):
    __slots__ = ("effective_ms", "rulebook", "set_height", "note")
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    SET_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    effective_ms: int
    rulebook: Rulebook
    set_height: int
    note: str
    def __init__(self, effective_ms: _Optional[int] = ..., rulebook: _Optional[_Union[Rulebook, _Mapping]] = ..., set_height: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class RecordCcer(_message.Message):
    __slots__ = ("project_id", "project_type", "inside_covered_boundary", "vintage", "amount", "to_account")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    INSIDE_COVERED_BOUNDARY_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    project_type: ProjectType
    inside_covered_boundary: bool
    vintage: int
    amount: int
    to_account: str
    def __init__(self, project_id: _Optional[str] = ..., project_type: _Optional[_Union[ProjectType, str]] = ..., inside_covered_boundary: _Optional[bool] = ..., vintage: _Optional[int] = ..., amount: _Optional[int] = ..., to_account: _Optional[str] = ...) -> None: ...

class Signature(_message.Message):
    __slots__ = ("key_id", "signature")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    signature: bytes
    def __init__(self, key_id: _Optional[str] = ..., signature: _Optional[bytes] = ...) -> None: ...

class SignedTx(_message.Message):
    __slots__ = ("body", "signatures")
    BODY_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    body: bytes
    signatures: _containers.RepeatedCompositeFieldContainer[Signature]
    def __init__(self, body: _Optional[bytes] = ..., signatures: _Optional[_Iterable[_Union[Signature, _Mapping]]] = ...) -> None: ...

class Event(_message.Message):
    __slots__ = ("kind", "attributes")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    kind: str
    attributes: _containers.RepeatedCompositeFieldContainer[Attribute]
    def __init__(self, kind: _Optional[str] = ..., attributes: _Optional[_Iterable[_Union[Attribute, _Mapping]]] = ...) -> None: ...

class Attribute(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class TxResult(_message.Message):
    __slots__ = ("tx_id", "code", "detail", "events")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    code: Code
    detail: str
    events: _containers.RepeatedCompositeFieldContainer[Event]
    def __init__(self, tx_id: _Optional[bytes] = ..., code: _Optional[_Union[Code, str]] = ..., detail: _Optional[str] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ...) -> None: ...

class Receipt(_message.Message):
    __slots__ = ("tx_id", "status", "code", "detail", "height", "index", "final", "events", "block_hash")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    BLOCK_HASH_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    status: TxStatus
    code: Code
    detail: str
    height: int
    index: int
    final: bool
    events: _containers.RepeatedCompositeFieldContainer[Event]
    block_hash: bytes
    def __init__(self, tx_id: _Optional[bytes] = ..., status: _Optional[_Union[TxStatus, str]] = ..., code: _Optional[_Union[Code, str]] = ..., detail: _Optional[str] = ..., height: _Optional[int] = ..., index: _Optional[int] = ..., final: _Optional[bool] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., block_hash: _Optional[bytes] = ...) -> None: ...

class BlockHeader(_message.Message):
    __slots__ = ("chain_id", "height", "prev_hash", "tx_root", "result_root", "state_root", "time_ms", "proposer", "tx_count")
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PREV_HASH_FIELD_NUMBER: _ClassVar[int]
    TX_ROOT_FIELD_NUMBER: _ClassVar[int]
    RESULT_ROOT_FIELD_NUMBER: _ClassVar[int]
    STATE_ROOT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_FIELD_NUMBER: _ClassVar[int]
    TX_COUNT_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    height: int
    prev_hash: bytes
    tx_root: bytes
    result_root: bytes
    state_root: bytes
    time_ms: int
    proposer: str
    tx_count: int
    def __init__(self, chain_id: _Optional[str] = ..., height: _Optional[int] = ..., prev_hash: _Optional[bytes] = ..., tx_root: _Optional[bytes] = ..., result_root: _Optional[bytes] = ..., state_root: _Optional[bytes] = ..., time_ms: _Optional[int] = ..., proposer: _Optional[str] = ..., tx_count: _Optional[int] = ...) -> None: ...

class Block(_message.Message):
    __slots__ = ("header", "signatures", "txs", "results")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    TXS_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    header: bytes
    signatures: _containers.RepeatedCompositeFieldContainer[Signature]
    txs: _containers.RepeatedScalarFieldContainer[bytes]
    results: _containers.RepeatedCompositeFieldContainer[TxResult]
    def __init__(self, header: _Optional[bytes] = ..., signatures: _Optional[_Iterable[_Union[Signature, _Mapping]]] = ..., txs: _Optional[_Iterable[bytes]] = ..., results: _Optional[_Iterable[_Union[TxResult, _Mapping]]] = ...) -> None: ...

class Participant(_message.Message):
    __slots__ = ("participant_id", "role", "name", "province", "sector", "account_id", "registered_height")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    role: Role
    name: str
    province: str
    sector: str
    account_id: str
    registered_height: int
    def __init__(self, participant_id: _Optional[str] = ..., role: _Optional[_Union[Role, str]] = ..., name: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., account_id: _Optional[str] = ..., registered_height: _Optional[int] = ...) -> None: ...

class KeyRecord(_message.Message):
    __slots__ = ("key_id", "participant_id", "public_key", "purpose", "revoked", "added_height", "revoked_height", "added_by_recovery", "revoked_by_recovery")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    ADDED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_RECOVERY_FIELD_NUMBER: _ClassVar[int]
    REVOKED_BY_RECOVERY_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    participant_id: str
    public_key: bytes
    purpose: KeyPurpose
    revoked: bool
    added_height: int
    revoked_height: int
    added_by_recovery: KeyRecovery
    revoked_by_recovery: KeyRecovery
    def __init__(self, key_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., public_key: _Optional[bytes] = ..., purpose: _Optional[_Union[KeyPurpose, str]] = ..., revoked: _Optional[bool] = ..., added_height: _Optional[int] = ..., revoked_height: _Optional[int] = ..., added_by_recovery: _Optional[_Union[KeyRecovery, _Mapping]] = ..., revoked_by_recovery: _Optional[_Union[KeyRecovery, _Mapping]] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("account_id", "kind", "holder", "province")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    kind: AccountKind
    holder: str
    province: str
    def __init__(self, account_id: _Optional[str] = ..., kind: _Optional[_Union[AccountKind, str]] = ..., holder: _Optional[str] = ..., province: _Optional[str] = ...) -> None: ...

class Holding(_message.Message):
    __slots__ = ("unit", "amount")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    unit: Unit
    amount: int
    def __init__(self, unit: _Optional[_Union[Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class CcerProject(_message.Message):
    __slots__ = ("project_id", "project_type", "inside_covered_boundary")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    INSIDE_COVERED_BOUNDARY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    project_type: ProjectType
    inside_covered_boundary: bool
    def __init__(self, project_id: _Optional[str] = ..., project_type: _Optional[_Union[ProjectType, str]] = ..., inside_covered_boundary: _Optional[bool] = ...) -> None: ...

class Rulebook(_message.Message):
    __slots__ = ("amount_max", "vintage_min", "vintage_max", "offset_cap_bps", "emitter_threshold_tonnes", "reporting_fine_min_fen", "reporting_fine_max_fen", "surrender_fine_min_fen", "surrender_fine_max_fen", "created_window_ms")
    AMOUNT_MAX_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_MIN_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_MAX_FIELD_NUMBER: _ClassVar[int]
    OFFSET_CAP_BPS_FIELD_NUMBER: _ClassVar[int]
    EMITTER_THRESHOLD_TONNES_FIELD_NUMBER: _ClassVar[int]
    REPORTING_FINE_MIN_FEN_FIELD_NUMBER: _ClassVar[int]
    REPORTING_FINE_MAX_FEN_FIELD_NUMBER: _ClassVar[int]
    SURRENDER_FINE_MIN_FEN_FIELD_NUMBER: _ClassVar[int]
    SURRENDER_FINE_MAX_FEN_FIELD_NUMBER: _ClassVar[int]
    CREATED_WINDOW_MS_FIELD_NUMBER: _ClassVar[int]
    amount_max: int
    vintage_min: int
    vintage_max: int
    offset_cap_bps: int
    emitter_threshold_tonnes: int
    reporting_fine_min_fen: int
    reporting_fine_max_fen: int
    surrender_fine_min_fen: int
    surrender_fine_max_fen: int
    created_window_ms: int
    def __init__(self, amount_max: _Optional[int] = ..., vintage_min: _Optional[int] = ..., vintage_max: _Optional[int] = ..., offset_cap_bps: _Optional[int] = ..., emitter_threshold_tonnes: _Optional[int] = ..., reporting_fine_min_fen: _Optional[int] = ..., reporting_fine_max_fen: _Optional[int] = ..., surrender_fine_min_fen: _Optional[int] = ..., surrender_fine_max_fen: _Optional[int] = ..., created_window_ms: _Optional[int] = ...) -> None: ...

class GenesisParticipant(_message.Message):
    __slots__ = ("participant", "keys")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    participant: Participant
    keys: _containers.RepeatedCompositeFieldContainer[KeySpec]
    def __init__(self, participant: _Optional[_Union[Participant, _Mapping]] = ..., keys: _Optional[_Iterable[_Union[KeySpec, _Mapping]]] = ...) -> None: ...

class Genesis(_message.Message):
    __slots__ = ("chain_id", "time_ms", "participants", "rulebook", "quorum")
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    QUORUM_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    time_ms: int
    participants: _containers.RepeatedCompositeFieldContainer[GenesisParticipant]
    rulebook: Rulebook
    quorum: int
    def __init__(self, chain_id: _Optional[str] = ..., time_ms: _Optional[int] = ..., participants: _Optional[_Iterable[_Union[GenesisParticipant, _Mapping]]] = ..., rulebook: _Optional[_Union[Rulebook, _Mapping]] = ..., quorum: _Optional[int] = ...) -> None: ...

class SignatureRecord(_message.Message):
    __slots__ = ("height", "header_hash", "signature", "header", "participant_id")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    HEADER_HASH_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    height: int
    header_hash: bytes
    signature: Signature
    header: bytes
    participant_id: str
    def __init__(self, height: _Optional[int] = ..., header_hash: _Optional[bytes] = ..., signature: _Optional[_Union[Signature, _Mapping]] = ..., header: _Optional[bytes] = ..., participant_id: _Optional[str] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ("height", "kind", "participant_id", "detail", "items")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    height: int
    kind: str
    participant_id: str
    detail: str
    items: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, height: _Optional[int] = ..., kind: _Optional[str] = ..., participant_id: _Optional[str] = ..., detail: _Optional[str] = ..., items: _Optional[_Iterable[bytes]] = ...) -> None: ...

class TxInclusionProof(_message.Message):
    __slots__ = ("header", "signatures", "tx_path", "result", "result_path")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    TX_PATH_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    RESULT_PATH_FIELD_NUMBER: _ClassVar[int]
    header: bytes
    signatures: _containers.RepeatedCompositeFieldContainer[Signature]
    tx_path: _containers.RepeatedScalarFieldContainer[bytes]
    result: bytes
    result_path: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, header: _Optional[bytes] = ..., signatures: _Optional[_Iterable[_Union[Signature, _Mapping]]] = ..., tx_path: _Optional[_Iterable[bytes]] = ..., result: _Optional[bytes] = ..., result_path: _Optional[_Iterable[bytes]] = ...) -> None: ...
