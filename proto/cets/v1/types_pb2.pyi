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
    ROLE_VERIFIER: _ClassVar[Role]
    ROLE_CITY: _ClassVar[Role]

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
    ADJUSTMENT_REASON_TRUE_UP: _ClassVar[AdjustmentReason]

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
    CODE_NOT_LISTED: _ClassVar[Code]
    CODE_ALREADY_LISTED: _ClassVar[Code]
    CODE_BELOW_THRESHOLD: _ClassVar[Code]
    CODE_DECLARATION_MISSING: _ClassVar[Code]
    CODE_YEAR_NOT_ENDED: _ClassVar[Code]
    CODE_REPORT_EXISTS: _ClassVar[Code]
    CODE_NOT_LATEST_VERSION: _ClassVar[Code]
    CODE_TOTAL_MISMATCH: _ClassVar[Code]
    CODE_PLAN_MISSING: _ClassVar[Code]
    CODE_DRAW_INVALID: _ClassVar[Code]
    CODE_DRAW_NOT_REPRODUCED: _ClassVar[Code]
    CODE_DRAW_SEED_PENDING: _ClassVar[Code]
    CODE_DRAW_RECORDED: _ClassVar[Code]
    CODE_NOT_ASSIGNED: _ClassVar[Code]
    CODE_REPORT_MISSING: _ClassVar[Code]
    CODE_VERIFICATION_EXISTS: _ClassVar[Code]
    CODE_APPEAL_WINDOW_CLOSED: _ClassVar[Code]
    CODE_APPEAL_NOT_PENDING: _ClassVar[Code]
    CODE_METHOD_UNKNOWN: _ClassVar[Code]
    CODE_METHOD_EXISTS: _ClassVar[Code]
    CODE_COMPLIANCE_CLOSED: _ClassVar[Code]
    CODE_DEADLINE_NOT_PASSED: _ClassVar[Code]
    CODE_FINE_OUT_OF_RANGE: _ClassVar[Code]
    CODE_DELISTING_NOT_JUSTIFIED: _ClassVar[Code]
    CODE_FOUR_EYES_REQUIRED: _ClassVar[Code]
    CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED: _ClassVar[Code]
    CODE_TRANSFER_NOT_HELD: _ClassVar[Code]
    CODE_HOLD_ENDED: _ClassVar[Code]
    CODE_TRUSTED_ACCOUNT_EXISTS: _ClassVar[Code]
    CODE_TRUSTED_ACCOUNT_UNKNOWN: _ClassVar[Code]
    CODE_DELEGATION_MISSING: _ClassVar[Code]
    CODE_DELEGATION_NOT_YET_VALID: _ClassVar[Code]
    CODE_DELEGATION_EXPIRED: _ClassVar[Code]
    CODE_DELEGATION_REVOKED: _ClassVar[Code]
    CODE_TASK_NOT_DELEGATED: _ClassVar[Code]
    CODE_OUTSIDE_DELEGATION: _ClassVar[Code]
    CODE_DELEGATION_UNKNOWN: _ClassVar[Code]
    CODE_DELEGATION_ENDED: _ClassVar[Code]
    CODE_NOT_CITY: _ClassVar[Code]
    CODE_NOT_VERIFIER: _ClassVar[Code]
    CODE_PRODUCT_TRANSFERS_RESTRICTED: _ClassVar[Code]
    CODE_FUNDS_TRANSFERS_RESTRICTED: _ClassVar[Code]
    CODE_ACCOUNT_SUSPENDED: _ClassVar[Code]
    CODE_BUSINESS_SUSPENDED: _ClassVar[Code]
    CODE_ACCOUNT_FUNCTION_RESTRICTED: _ClassVar[Code]
    CODE_TRADING_ELIGIBILITY_REVOKED: _ClassVar[Code]
    CODE_BUSINESS_ENDED: _ClassVar[Code]
    CODE_BUYING_SELLING_SUSPENDED: _ClassVar[Code]
    CODE_BLACKLISTED: _ClassVar[Code]
    CODE_MEASURE_NOT_OF_AUTHORITY: _ClassVar[Code]
    CODE_MEASURE_UNKNOWN: _ClassVar[Code]
    CODE_NOT_MEASURE_AUTHORITY: _ClassVar[Code]
    CODE_MEASURE_NOT_IN_FORCE: _ClassVar[Code]
    CODE_TARGET_NOT_ELIGIBLE: _ClassVar[Code]
    CODE_ALREADY_BLACKLISTED: _ClassVar[Code]
    CODE_NOT_BLACKLISTED: _ClassVar[Code]
    CODE_PENALTY_UNKNOWN: _ClassVar[Code]
    CODE_TIP_AUTHORITY_UNKNOWN: _ClassVar[Code]
    CODE_TIP_INTAKE_KEY_MISSING: _ClassVar[Code]
    CODE_TIP_INTAKE_KEY_STALE: _ClassVar[Code]
    CODE_TIP_TOO_LARGE: _ClassVar[Code]
    CODE_TIP_REPORTER_KEY_INVALID: _ClassVar[Code]
    CODE_TIP_UNKNOWN: _ClassVar[Code]
    CODE_TIP_NOT_HANDLER: _ClassVar[Code]
    CODE_TIP_ANSWERED: _ClassVar[Code]
    CODE_TIP_RATE_EXCEEDED: _ClassVar[Code]
    CODE_TIP_INTAKE_KEY_INVALID: _ClassVar[Code]
    CODE_TIP_EXISTS: _ClassVar[Code]
    CODE_TIP_STEPS_FULL: _ClassVar[Code]
    CODE_INSUFFICIENT_AVAILABLE_FUNDS: _ClassVar[Code]
    CODE_BANK_REFERENCE_USED: _ClassVar[Code]
    CODE_NOT_TRADING_PARTICIPANT: _ClassVar[Code]
    CODE_TRADING_MODE_DISABLED: _ClassVar[Code]
    CODE_OFF_TICK: _ClassVar[Code]
    CODE_OFF_LOT: _ClassVar[Code]
    CODE_PRICE_OUTSIDE_BAND: _ClassVar[Code]
    CODE_QUANTITY_OUTSIDE_MODE_RANGE: _ClassVar[Code]
    CODE_OUTSIDE_SESSION: _ClassVar[Code]
    CODE_NOT_TRADING_DAY: _ClassVar[Code]
    CODE_POSITION_LIMIT_EXCEEDED: _ClassVar[Code]
    CODE_BOUGHT_TODAY_NOT_SELLABLE: _ClassVar[Code]
    CODE_NOT_ORDER_OWNER: _ClassVar[Code]
    CODE_UNKNOWN_ORDER: _ClassVar[Code]
    CODE_ORDER_NOT_OPEN: _ClassVar[Code]
    CODE_ORDER_ALREADY_FILLED: _ClassVar[Code]
    CODE_BATCH_TOTALS_MISMATCH: _ClassVar[Code]
    CODE_DUPLICATE_BATCH: _ClassVar[Code]
    CODE_TRADE_PRICE_NOT_ALLOWED: _ClassVar[Code]
    CODE_TRADE_QUANTITY_EXCEEDS_REMAINDER: _ClassVar[Code]
    CODE_TRADE_MODE_MISMATCH: _ClassVar[Code]
    CODE_TRADE_SAME_PARTICIPANT: _ClassVar[Code]
    CODE_TRADE_SIDE_MISMATCH: _ClassVar[Code]
    CODE_ORDER_NOT_OF_TRADE_DATE: _ClassVar[Code]
    CODE_QUOTE_MISMATCH: _ClassVar[Code]
    CODE_MAKER_NOT_IN_BEST_LEVELS: _ClassVar[Code]
    CODE_BELOW_RESERVE_PRICE: _ClassVar[Code]
    CODE_BATCH_TRADE_DATE_INVALID: _ClassVar[Code]
    CODE_NOT_ELIGIBLE_TO_TRADE: _ClassVar[Code]
    CODE_TRADING_DAY_NOT_OVER: _ClassVar[Code]
    CODE_TRADING_DAY_ENDED: _ClassVar[Code]
    CODE_AUCTION_CLOSED: _ClassVar[Code]

class OffsetCapBasis(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFSET_CAP_BASIS_VERIFIED_EMISSIONS: _ClassVar[OffsetCapBasis]
    OFFSET_CAP_BASIS_OBLIGATION: _ClassVar[OffsetCapBasis]

class ThresholdBasis(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    THRESHOLD_BASIS_TOTAL: _ClassVar[ThresholdBasis]
    THRESHOLD_BASIS_DIRECT: _ClassVar[ThresholdBasis]

class Gas(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GAS_UNSPECIFIED: _ClassVar[Gas]
    GAS_CO2: _ClassVar[Gas]
    GAS_CH4: _ClassVar[Gas]
    GAS_N2O: _ClassVar[Gas]
    GAS_HFCS: _ClassVar[Gas]
    GAS_PFCS: _ClassVar[Gas]
    GAS_SF6: _ClassVar[Gas]
    GAS_NF3: _ClassVar[Gas]

class TradingMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRADING_MODE_UNSPECIFIED: _ClassVar[TradingMode]
    TRADING_MODE_OPEN_BIDDING: _ClassVar[TradingMode]
    TRADING_MODE_LISTING_AGREEMENT: _ClassVar[TradingMode]
    TRADING_MODE_BLOCK_AGREEMENT: _ClassVar[TradingMode]
    TRADING_MODE_AUCTION: _ClassVar[TradingMode]
ROLE_UNSPECIFIED: Role
ROLE_MINISTRY: Role
ROLE_REGISTRY: Role
ROLE_EXCHANGE: Role
ROLE_PROVINCE: Role
ROLE_KEY_EMITTER: Role
ROLE_INSTITUTION: Role
ROLE_INDIVIDUAL: Role
ROLE_VERIFIER: Role
ROLE_CITY: Role
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
ADJUSTMENT_REASON_TRUE_UP: AdjustmentReason
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
CODE_NOT_LISTED: Code
CODE_ALREADY_LISTED: Code
CODE_BELOW_THRESHOLD: Code
CODE_DECLARATION_MISSING: Code
CODE_YEAR_NOT_ENDED: Code
CODE_REPORT_EXISTS: Code
CODE_NOT_LATEST_VERSION: Code
CODE_TOTAL_MISMATCH: Code
CODE_PLAN_MISSING: Code
CODE_DRAW_INVALID: Code
CODE_DRAW_NOT_REPRODUCED: Code
CODE_DRAW_SEED_PENDING: Code
CODE_DRAW_RECORDED: Code
CODE_NOT_ASSIGNED: Code
CODE_REPORT_MISSING: Code
CODE_VERIFICATION_EXISTS: Code
CODE_APPEAL_WINDOW_CLOSED: Code
CODE_APPEAL_NOT_PENDING: Code
CODE_METHOD_UNKNOWN: Code
CODE_METHOD_EXISTS: Code
CODE_COMPLIANCE_CLOSED: Code
CODE_DEADLINE_NOT_PASSED: Code
CODE_FINE_OUT_OF_RANGE: Code
CODE_DELISTING_NOT_JUSTIFIED: Code
CODE_FOUR_EYES_REQUIRED: Code
CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED: Code
CODE_TRANSFER_NOT_HELD: Code
CODE_HOLD_ENDED: Code
CODE_TRUSTED_ACCOUNT_EXISTS: Code
CODE_TRUSTED_ACCOUNT_UNKNOWN: Code
CODE_DELEGATION_MISSING: Code
CODE_DELEGATION_NOT_YET_VALID: Code
CODE_DELEGATION_EXPIRED: Code
CODE_DELEGATION_REVOKED: Code
CODE_TASK_NOT_DELEGATED: Code
CODE_OUTSIDE_DELEGATION: Code
CODE_DELEGATION_UNKNOWN: Code
CODE_DELEGATION_ENDED: Code
CODE_NOT_CITY: Code
CODE_NOT_VERIFIER: Code
CODE_PRODUCT_TRANSFERS_RESTRICTED: Code
CODE_FUNDS_TRANSFERS_RESTRICTED: Code
CODE_ACCOUNT_SUSPENDED: Code
CODE_BUSINESS_SUSPENDED: Code
CODE_ACCOUNT_FUNCTION_RESTRICTED: Code
CODE_TRADING_ELIGIBILITY_REVOKED: Code
CODE_BUSINESS_ENDED: Code
CODE_BUYING_SELLING_SUSPENDED: Code
CODE_BLACKLISTED: Code
CODE_MEASURE_NOT_OF_AUTHORITY: Code
CODE_MEASURE_UNKNOWN: Code
CODE_NOT_MEASURE_AUTHORITY: Code
CODE_MEASURE_NOT_IN_FORCE: Code
CODE_TARGET_NOT_ELIGIBLE: Code
CODE_ALREADY_BLACKLISTED: Code
CODE_NOT_BLACKLISTED: Code
CODE_PENALTY_UNKNOWN: Code
CODE_TIP_AUTHORITY_UNKNOWN: Code
CODE_TIP_INTAKE_KEY_MISSING: Code
CODE_TIP_INTAKE_KEY_STALE: Code
CODE_TIP_TOO_LARGE: Code
CODE_TIP_REPORTER_KEY_INVALID: Code
CODE_TIP_UNKNOWN: Code
CODE_TIP_NOT_HANDLER: Code
CODE_TIP_ANSWERED: Code
CODE_TIP_RATE_EXCEEDED: Code
CODE_TIP_INTAKE_KEY_INVALID: Code
CODE_TIP_EXISTS: Code
CODE_TIP_STEPS_FULL: Code
CODE_INSUFFICIENT_AVAILABLE_FUNDS: Code
CODE_BANK_REFERENCE_USED: Code
CODE_NOT_TRADING_PARTICIPANT: Code
CODE_TRADING_MODE_DISABLED: Code
CODE_OFF_TICK: Code
CODE_OFF_LOT: Code
CODE_PRICE_OUTSIDE_BAND: Code
CODE_QUANTITY_OUTSIDE_MODE_RANGE: Code
CODE_OUTSIDE_SESSION: Code
CODE_NOT_TRADING_DAY: Code
CODE_POSITION_LIMIT_EXCEEDED: Code
CODE_BOUGHT_TODAY_NOT_SELLABLE: Code
CODE_NOT_ORDER_OWNER: Code
CODE_UNKNOWN_ORDER: Code
CODE_ORDER_NOT_OPEN: Code
CODE_ORDER_ALREADY_FILLED: Code
CODE_BATCH_TOTALS_MISMATCH: Code
CODE_DUPLICATE_BATCH: Code
CODE_TRADE_PRICE_NOT_ALLOWED: Code
CODE_TRADE_QUANTITY_EXCEEDS_REMAINDER: Code
CODE_TRADE_MODE_MISMATCH: Code
CODE_TRADE_SAME_PARTICIPANT: Code
CODE_TRADE_SIDE_MISMATCH: Code
CODE_ORDER_NOT_OF_TRADE_DATE: Code
CODE_QUOTE_MISMATCH: Code
CODE_MAKER_NOT_IN_BEST_LEVELS: Code
CODE_BELOW_RESERVE_PRICE: Code
CODE_BATCH_TRADE_DATE_INVALID: Code
CODE_NOT_ELIGIBLE_TO_TRADE: Code
CODE_TRADING_DAY_NOT_OVER: Code
CODE_TRADING_DAY_ENDED: Code
CODE_AUCTION_CLOSED: Code
OFFSET_CAP_BASIS_VERIFIED_EMISSIONS: OffsetCapBasis
OFFSET_CAP_BASIS_OBLIGATION: OffsetCapBasis
THRESHOLD_BASIS_TOTAL: ThresholdBasis
THRESHOLD_BASIS_DIRECT: ThresholdBasis
GAS_UNSPECIFIED: Gas
GAS_CO2: Gas
GAS_CH4: Gas
GAS_N2O: Gas
GAS_HFCS: Gas
GAS_PFCS: Gas
GAS_SF6: Gas
GAS_NF3: Gas
TRADING_MODE_UNSPECIFIED: TradingMode
TRADING_MODE_OPEN_BIDDING: TradingMode
TRADING_MODE_LISTING_AGREEMENT: TradingMode
TRADING_MODE_BLOCK_AGREEMENT: TradingMode
TRADING_MODE_AUCTION: TradingMode
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
    __slots__ = ("amount_max", "vintage_min", "vintage_max", "offset_cap_bps", "emitter_threshold_tonnes", "reporting_fine_min_fen", "reporting_fine_max_fen", "surrender_fine_min_fen", "surrender_fine_max_fen", "created_window_ms", "report_due", "surrender_due", "appeal_window_days", "appeal_decision_days", "offset_cap_basis", "global_warming_potentials", "threshold_basis", "surrender_vintages", "deduct_shortfall", "trusted_account_delay_ms", "untrusted_transfer_delay_ms", "untrusted_transfer_tonnes_max", "query_auth_window_blocks", "tick_fen", "lot_tonnes", "trading_sessions", "trading_weekdays", "non_trading_dates", "listing_band_bps", "block_band_bps", "block_threshold_tonnes", "best_levels", "position_limits", "large_holder_tonnes", "enabled_modes", "open_bidding_band_bps", "initial_reference_price_fen", "price_fen_max", "open_bidding_quantity_max")
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
    REPORT_DUE_FIELD_NUMBER: _ClassVar[int]
    SURRENDER_DUE_FIELD_NUMBER: _ClassVar[int]
    APPEAL_WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    APPEAL_DECISION_DAYS_FIELD_NUMBER: _ClassVar[int]
    OFFSET_CAP_BASIS_FIELD_NUMBER: _ClassVar[int]
    GLOBAL_WARMING_POTENTIALS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_BASIS_FIELD_NUMBER: _ClassVar[int]
    SURRENDER_VINTAGES_FIELD_NUMBER: _ClassVar[int]
    DEDUCT_SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_ACCOUNT_DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    UNTRUSTED_TRANSFER_DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    UNTRUSTED_TRANSFER_TONNES_MAX_FIELD_NUMBER: _ClassVar[int]
    QUERY_AUTH_WINDOW_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    TICK_FEN_FIELD_NUMBER: _ClassVar[int]
    LOT_TONNES_FIELD_NUMBER: _ClassVar[int]
    TRADING_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    TRADING_WEEKDAYS_FIELD_NUMBER: _ClassVar[int]
    NON_TRADING_DATES_FIELD_NUMBER: _ClassVar[int]
    LISTING_BAND_BPS_FIELD_NUMBER: _ClassVar[int]
    BLOCK_BAND_BPS_FIELD_NUMBER: _ClassVar[int]
    BLOCK_THRESHOLD_TONNES_FIELD_NUMBER: _ClassVar[int]
    BEST_LEVELS_FIELD_NUMBER: _ClassVar[int]
    POSITION_LIMITS_FIELD_NUMBER: _ClassVar[int]
    LARGE_HOLDER_TONNES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_MODES_FIELD_NUMBER: _ClassVar[int]
    OPEN_BIDDING_BAND_BPS_FIELD_NUMBER: _ClassVar[int]
    INITIAL_REFERENCE_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_MAX_FIELD_NUMBER: _ClassVar[int]
    OPEN_BIDDING_QUANTITY_MAX_FIELD_NUMBER: _ClassVar[int]
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
    report_due: YearDay
    surrender_due: YearDay
    appeal_window_days: int
    appeal_decision_days: int
    offset_cap_basis: OffsetCapBasis
    global_warming_potentials: _containers.RepeatedCompositeFieldContainer[GasPotential]
    threshold_basis: ThresholdBasis
    surrender_vintages: _containers.RepeatedCompositeFieldContainer[SurrenderVintageRule]
    deduct_shortfall: bool
    trusted_account_delay_ms: int
    untrusted_transfer_delay_ms: int
    untrusted_transfer_tonnes_max: int
    query_auth_window_blocks: int
    tick_fen: int
    lot_tonnes: int
    trading_sessions: _containers.RepeatedCompositeFieldContainer[TradingSession]
    trading_weekdays: int
    non_trading_dates: _containers.RepeatedScalarFieldContainer[int]
    listing_band_bps: int
    block_band_bps: int
    block_threshold_tonnes: int
    best_levels: int
    position_limits: _containers.RepeatedCompositeFieldContainer[PositionLimit]
    large_holder_tonnes: int
    enabled_modes: _containers.RepeatedScalarFieldContainer[TradingMode]
    open_bidding_band_bps: int
    initial_reference_price_fen: int
    price_fen_max: int
    open_bidding_quantity_max: int
    def __init__(self, amount_max: _Optional[int] = ..., vintage_min: _Optional[int] = ..., vintage_max: _Optional[int] = ..., offset_cap_bps: _Optional[int] = ..., emitter_threshold_tonnes: _Optional[int] = ..., reporting_fine_min_fen: _Optional[int] = ..., reporting_fine_max_fen: _Optional[int] = ..., surrender_fine_min_fen: _Optional[int] = ..., surrender_fine_max_fen: _Optional[int] = ..., created_window_ms: _Optional[int] = ..., report_due: _Optional[_Union[YearDay, _Mapping]] = ..., surrender_due: _Optional[_Union[YearDay, _Mapping]] = ..., appeal_window_days: _Optional[int] = ..., appeal_decision_days: _Optional[int] = ..., offset_cap_basis: _Optional[_Union[OffsetCapBasis, str]] = ..., global_warming_potentials: _Optional[_Iterable[_Union[GasPotential, _Mapping]]] = ..., threshold_basis: _Optional[_Union[ThresholdBasis, str]] = ..., surrender_vintages: _Optional[_Iterable[_Union[SurrenderVintageRule, _Mapping]]] = ..., deduct_shortfall: _Optional[bool] = ..., trusted_account_delay_ms: _Optional[int] = ..., untrusted_transfer_delay_ms: _Optional[int] = ..., untrusted_transfer_tonnes_max: _Optional[int] = ..., query_auth_window_blocks: _Optional[int] = ..., tick_fen: _Optional[int] = ..., lot_tonnes: _Optional[int] = ..., trading_sessions: _Optional[_Iterable[_Union[TradingSession, _Mapping]]] = ..., trading_weekdays: _Optional[int] = ..., non_trading_dates: _Optional[_Iterable[int]] = ..., listing_band_bps: _Optional[int] = ..., block_band_bps: _Optional[int] = ..., block_threshold_tonnes: _Optional[int] = ..., best_levels: _Optional[int] = ..., position_limits: _Optional[_Iterable[_Union[PositionLimit, _Mapping]]] = ..., large_holder_tonnes: _Optional[int] = ..., enabled_modes: _Optional[_Iterable[_Union[TradingMode, str]]] = ..., open_bidding_band_bps: _Optional[int] = ..., initial_reference_price_fen: _Optional[int] = ..., price_fen_max: _Optional[int] = ..., open_bidding_quantity_max: _Optional[int] = ...) -> None: ...

class YearDay(_message.Message):
    __slots__ = ("year_offset", "month", "day")
    YEAR_OFFSET_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    year_offset: int
    month: int
    day: int
    def __init__(self, year_offset: _Optional[int] = ..., month: _Optional[int] = ..., day: _Optional[int] = ...) -> None: ...

class GasPotential(_message.Message):
    __slots__ = ("gas", "gwp")
    GAS_FIELD_NUMBER: _ClassVar[int]
    GWP_FIELD_NUMBER: _ClassVar[int]
    gas: Gas
    gwp: int
    def __init__(self, gas: _Optional[_Union[Gas, str]] = ..., gwp: _Optional[int] = ...) -> None: ...

class SurrenderVintageRule(_message.Message):
    __slots__ = ("compliance_year_min", "compliance_year_max", "vintage_min", "vintage_max")
    COMPLIANCE_YEAR_MIN_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_YEAR_MAX_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_MIN_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_MAX_FIELD_NUMBER: _ClassVar[int]
    compliance_year_min: int
    compliance_year_max: int
    vintage_min: int
    vintage_max: int
    def __init__(self, compliance_year_min: _Optional[int] = ..., compliance_year_max: _Optional[int] = ..., vintage_min: _Optional[int] = ..., vintage_max: _Optional[int] = ...) -> None: ...

class TradingSession(_message.Message):
    __slots__ = ("start_minute", "end_minute", "block_agreements")
    START_MINUTE_FIELD_NUMBER: _ClassVar[int]
    END_MINUTE_FIELD_NUMBER: _ClassVar[int]
    BLOCK_AGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    start_minute: int
    end_minute: int
    block_agreements: bool
    def __init__(self, start_minute: _Optional[int] = ..., end_minute: _Optional[int] = ..., block_agreements: _Optional[bool] = ...) -> None: ...

class PositionLimit(_message.Message):
    __slots__ = ("role", "tonnes_max", "plus_allocation")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    TONNES_MAX_FIELD_NUMBER: _ClassVar[int]
    PLUS_ALLOCATION_FIELD_NUMBER: _ClassVar[int]
    role: Role
    tonnes_max: int
    plus_allocation: bool
    def __init__(self, role: _Optional[_Union[Role, str]] = ..., tonnes_max: _Optional[int] = ..., plus_allocation: _Optional[bool] = ...) -> None: ...
