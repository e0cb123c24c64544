from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
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
GRPC_STATUS_FIELD_NUMBER: _ClassVar[int]
grpc_status: _descriptor.FieldDescriptor

class Unit(_message.Message):
    __slots__ = ("product", "vintage", "project_id")
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    product: Product
    vintage: int
    project_id: str
    def __init__(self, product: _Optional[_Union[Product, str]] = ..., vintage: _Optional[int] = ..., project_id: _Optional[str] = ...) -> None: ...

class KeySpec(_message.Message):
    __slots__ = ("public_key", "purpose")
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    public_key: bytes
    purpose: KeyPurpose
    def __init__(self, public_key: _Optional[bytes] = ..., purpose: _Optional[_Union[KeyPurpose, str]] = ...) -> None: ...

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
