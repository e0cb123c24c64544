from cets.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListingBasis(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LISTING_BASIS_UNSPECIFIED: _ClassVar[ListingBasis]
    LISTING_BASIS_DECLARED: _ClassVar[ListingBasis]
    LISTING_BASIS_FORCED: _ClassVar[ListingBasis]

class DelistingReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELISTING_REASON_UNSPECIFIED: _ClassVar[DelistingReason]
    DELISTING_REASON_BELOW_THRESHOLD: _ClassVar[DelistingReason]
    DELISTING_REASON_CLOSURE: _ClassVar[DelistingReason]

class MonitoringMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MONITORING_METHOD_UNSPECIFIED: _ClassVar[MonitoringMethod]
    MONITORING_METHOD_CALCULATION: _ClassVar[MonitoringMethod]
    MONITORING_METHOD_MEASUREMENT: _ClassVar[MonitoringMethod]

class PlanStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLAN_STATUS_UNSPECIFIED: _ClassVar[PlanStatus]
    PLAN_STATUS_SUBMITTED: _ClassVar[PlanStatus]
    PLAN_STATUS_FILED: _ClassVar[PlanStatus]
    PLAN_STATUS_SUPERSEDED: _ClassVar[PlanStatus]

class AppealSubject(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPEAL_SUBJECT_UNSPECIFIED: _ClassVar[AppealSubject]
    APPEAL_SUBJECT_VERIFICATION: _ClassVar[AppealSubject]
    APPEAL_SUBJECT_ALLOCATION: _ClassVar[AppealSubject]

class AppealOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPEAL_OUTCOME_PENDING: _ClassVar[AppealOutcome]
    APPEAL_OUTCOME_UPHELD: _ClassVar[AppealOutcome]
    APPEAL_OUTCOME_DISMISSED: _ClassVar[AppealOutcome]

class ObligationBasis(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OBLIGATION_BASIS_NONE: _ClassVar[ObligationBasis]
    OBLIGATION_BASIS_VERIFIED: _ClassVar[ObligationBasis]
    OBLIGATION_BASIS_ESTIMATED: _ClassVar[ObligationBasis]

class ComplianceStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPLIANCE_STATUS_PENDING: _ClassVar[ComplianceStatus]
    COMPLIANCE_STATUS_A: _ClassVar[ComplianceStatus]
    COMPLIANCE_STATUS_B: _ClassVar[ComplianceStatus]
    COMPLIANCE_STATUS_C: _ClassVar[ComplianceStatus]

class FineKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FINE_KIND_UNSPECIFIED: _ClassVar[FineKind]
    FINE_KIND_REPORTING: _ClassVar[FineKind]
    FINE_KIND_NON_SURRENDER: _ClassVar[FineKind]
LISTING_BASIS_UNSPECIFIED: ListingBasis
LISTING_BASIS_DECLARED: ListingBasis
LISTING_BASIS_FORCED: ListingBasis
DELISTING_REASON_UNSPECIFIED: DelistingReason
DELISTING_REASON_BELOW_THRESHOLD: DelistingReason
DELISTING_REASON_CLOSURE: DelistingReason
MONITORING_METHOD_UNSPECIFIED: MonitoringMethod
MONITORING_METHOD_CALCULATION: MonitoringMethod
MONITORING_METHOD_MEASUREMENT: MonitoringMethod
PLAN_STATUS_UNSPECIFIED: PlanStatus
PLAN_STATUS_SUBMITTED: PlanStatus
PLAN_STATUS_FILED: PlanStatus
PLAN_STATUS_SUPERSEDED: PlanStatus
APPEAL_SUBJECT_UNSPECIFIED: AppealSubject
APPEAL_SUBJECT_VERIFICATION: AppealSubject
APPEAL_SUBJECT_ALLOCATION: AppealSubject
APPEAL_OUTCOME_PENDING: AppealOutcome
APPEAL_OUTCOME_UPHELD: AppealOutcome
APPEAL_OUTCOME_DISMISSED: AppealOutcome
OBLIGATION_BASIS_NONE: ObligationBasis
OBLIGATION_BASIS_VERIFIED: ObligationBasis
OBLIGATION_BASIS_ESTIMATED: ObligationBasis
COMPLIANCE_STATUS_PENDING: ComplianceStatus
COMPLIANCE_STATUS_A: ComplianceStatus
COMPLIANCE_STATUS_B: ComplianceStatus
COMPLIANCE_STATUS_C: ComplianceStatus
FINE_KIND_UNSPECIFIED: FineKind
FINE_KIND_REPORTING: FineKind
FINE_KIND_NON_SURRENDER: FineKind

class DeclareEmissions(_message.Message):
    __slots__ = ("year", "total_tonnes", "direct_tonnes", "sector")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TONNES_FIELD_NUMBER: _ClassVar[int]
    DIRECT_TONNES_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    year: int
    total_tonnes: int
    direct_tonnes: int
    sector: str
    def __init__(self, year: _Optional[int] = ..., total_tonnes: _Optional[int] = ..., direct_tonnes: _Optional[int] = ..., sector: _Optional[str] = ...) -> None: ...

class ListEmitter(_message.Message):
    __slots__ = ("emitter_id", "year", "basis", "estimated_tonnes", "note")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_TONNES_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    basis: ListingBasis
    estimated_tonnes: int
    note: str
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., basis: _Optional[_Union[ListingBasis, str]] = ..., estimated_tonnes: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class DelistEmitter(_message.Message):
    __slots__ = ("emitter_id", "from_year", "reason", "note")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    from_year: int
    reason: DelistingReason
    note: str
    def __init__(self, emitter_id: _Optional[str] = ..., from_year: _Optional[int] = ..., reason: _Optional[_Union[DelistingReason, str]] = ..., note: _Optional[str] = ...) -> None: ...

class SubmitMonitoringPlan(_message.Message):
    __slots__ = ("document_sha256", "method", "measures_fuel_ncv", "measures_carbon_content", "major_change", "summary")
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MEASURES_FUEL_NCV_FIELD_NUMBER: _ClassVar[int]
    MEASURES_CARBON_CONTENT_FIELD_NUMBER: _ClassVar[int]
    MAJOR_CHANGE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    document_sha256: bytes
    method: MonitoringMethod
    measures_fuel_ncv: bool
    measures_carbon_content: bool
    major_change: bool
    summary: str
    def __init__(self, document_sha256: _Optional[bytes] = ..., method: _Optional[_Union[MonitoringMethod, str]] = ..., measures_fuel_ncv: _Optional[bool] = ..., measures_carbon_content: _Optional[bool] = ..., major_change: _Optional[bool] = ..., summary: _Optional[str] = ...) -> None: ...

class FileMonitoringPlan(_message.Message):
    __slots__ = ("emitter_id", "version", "note")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    version: int
    note: str
    def __init__(self, emitter_id: _Optional[str] = ..., version: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class GasQuantity(_message.Message):
    __slots__ = ("gas", "kilograms")
    GAS_FIELD_NUMBER: _ClassVar[int]
    KILOGRAMS_FIELD_NUMBER: _ClassVar[int]
    gas: _types_pb2.Gas
    kilograms: int
    def __init__(self, gas: _Optional[_Union[_types_pb2.Gas, str]] = ..., kilograms: _Optional[int] = ...) -> None: ...

class SubmitEmissionReport(_message.Message):
    __slots__ = ("year", "gases", "total_tonnes", "document_sha256", "amends_version")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    GASES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TONNES_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    AMENDS_VERSION_FIELD_NUMBER: _ClassVar[int]
    year: int
    gases: _containers.RepeatedCompositeFieldContainer[GasQuantity]
    total_tonnes: int
    document_sha256: bytes
    amends_version: int
    def __init__(self, year: _Optional[int] = ..., gases: _Optional[_Iterable[_Union[GasQuantity, _Mapping]]] = ..., total_tonnes: _Optional[int] = ..., document_sha256: _Optional[bytes] = ..., amends_version: _Optional[int] = ...) -> None: ...

class RequestVerificationDraw(_message.Message):
    __slots__ = ("year", "candidates", "select_count", "bodies", "conflicts", "capacity_per_body")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    SELECT_COUNT_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    CONFLICTS_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_PER_BODY_FIELD_NUMBER: _ClassVar[int]
    year: int
    candidates: _containers.RepeatedScalarFieldContainer[str]
    select_count: int
    bodies: _containers.RepeatedScalarFieldContainer[str]
    conflicts: _containers.RepeatedCompositeFieldContainer[DrawConflict]
    capacity_per_body: int
    def __init__(self, year: _Optional[int] = ..., candidates: _Optional[_Iterable[str]] = ..., select_count: _Optional[int] = ..., bodies: _Optional[_Iterable[str]] = ..., conflicts: _Optional[_Iterable[_Union[DrawConflict, _Mapping]]] = ..., capacity_per_body: _Optional[int] = ...) -> None: ...

class DrawConflict(_message.Message):
    __slots__ = ("body_id", "emitter_id")
    BODY_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    body_id: str
    emitter_id: str
    def __init__(self, body_id: _Optional[str] = ..., emitter_id: _Optional[str] = ...) -> None: ...

class RecordVerificationDraw(_message.Message):
    __slots__ = ("draw_id", "assignments")
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    draw_id: bytes
    assignments: _containers.RepeatedCompositeFieldContainer[DrawAssignment]
    def __init__(self, draw_id: _Optional[bytes] = ..., assignments: _Optional[_Iterable[_Union[DrawAssignment, _Mapping]]] = ...) -> None: ...

class DrawAssignment(_message.Message):
    __slots__ = ("emitter_id", "body_id")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_ID_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    body_id: str
    def __init__(self, emitter_id: _Optional[str] = ..., body_id: _Optional[str] = ...) -> None: ...

class RecordVerification(_message.Message):
    __slots__ = ("emitter_id", "year", "report_version", "verified_tonnes", "document_sha256")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REPORT_VERSION_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_TONNES_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    report_version: int
    verified_tonnes: int
    document_sha256: bytes
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., report_version: _Optional[int] = ..., verified_tonnes: _Optional[int] = ..., document_sha256: _Optional[bytes] = ...) -> None: ...

class FileAppeal(_message.Message):
    __slots__ = ("subject", "year", "grounds")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    GROUNDS_FIELD_NUMBER: _ClassVar[int]
    subject: AppealSubject
    year: int
    grounds: str
    def __init__(self, subject: _Optional[_Union[AppealSubject, str]] = ..., year: _Optional[int] = ..., grounds: _Optional[str] = ...) -> None: ...

class DecideAppeal(_message.Message):
    __slots__ = ("appeal_id", "outcome", "corrected_tonnes", "reasons")
    APPEAL_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CORRECTED_TONNES_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    appeal_id: bytes
    outcome: AppealOutcome
    corrected_tonnes: int
    reasons: str
    def __init__(self, appeal_id: _Optional[bytes] = ..., outcome: _Optional[_Union[AppealOutcome, str]] = ..., corrected_tonnes: _Optional[int] = ..., reasons: _Optional[str] = ...) -> None: ...

class PublishAllocationMethod(_message.Message):
    __slots__ = ("version", "document_sha256", "title", "pre_allocation_share_bps")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PRE_ALLOCATION_SHARE_BPS_FIELD_NUMBER: _ClassVar[int]
    version: str
    document_sha256: bytes
    title: str
    pre_allocation_share_bps: int
    def __init__(self, version: _Optional[str] = ..., document_sha256: _Optional[bytes] = ..., title: _Optional[str] = ..., pre_allocation_share_bps: _Optional[int] = ...) -> None: ...

class EstimateEmissions(_message.Message):
    __slots__ = ("emitter_id", "year", "tonnes", "basis")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TONNES_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    tonnes: int
    basis: str
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., tonnes: _Optional[int] = ..., basis: _Optional[str] = ...) -> None: ...

class CloseCompliance(_message.Message):
    __slots__ = ("year", "emitter_ids")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    EMITTER_IDS_FIELD_NUMBER: _ClassVar[int]
    year: int
    emitter_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, year: _Optional[int] = ..., emitter_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ImposeFine(_message.Message):
    __slots__ = ("emitter_id", "year", "kind", "amount_fen", "decision_reference")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    kind: FineKind
    amount_fen: int
    decision_reference: str
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., kind: _Optional[_Union[FineKind, str]] = ..., amount_fen: _Optional[int] = ..., decision_reference: _Optional[str] = ...) -> None: ...

class EmissionsDeclaration(_message.Message):
    __slots__ = ("emitter_id", "declaration", "tx_id", "height")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    declaration: DeclareEmissions
    tx_id: bytes
    height: int
    def __init__(self, emitter_id: _Optional[str] = ..., declaration: _Optional[_Union[DeclareEmissions, _Mapping]] = ..., tx_id: _Optional[bytes] = ..., height: _Optional[int] = ...) -> None: ...

class EmitterListing(_message.Message):
    __slots__ = ("emitter_id", "province", "sector", "from_year", "until_year", "basis", "qualifying_tonnes", "delisting_reason", "listed_tx_id", "delisted_tx_id")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    UNTIL_YEAR_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_TONNES_FIELD_NUMBER: _ClassVar[int]
    DELISTING_REASON_FIELD_NUMBER: _ClassVar[int]
    LISTED_TX_ID_FIELD_NUMBER: _ClassVar[int]
    DELISTED_TX_ID_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    province: str
    sector: str
    from_year: int
    until_year: int
    basis: ListingBasis
    qualifying_tonnes: int
    delisting_reason: DelistingReason
    listed_tx_id: bytes
    delisted_tx_id: bytes
    def __init__(self, emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., from_year: _Optional[int] = ..., until_year: _Optional[int] = ..., basis: _Optional[_Union[ListingBasis, str]] = ..., qualifying_tonnes: _Optional[int] = ..., delisting_reason: _Optional[_Union[DelistingReason, str]] = ..., listed_tx_id: _Optional[bytes] = ..., delisted_tx_id: _Optional[bytes] = ...) -> None: ...

class MonitoringPlan(_message.Message):
    __slots__ = ("emitter_id", "version", "plan", "status", "tx_id", "height", "filed_tx_id")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    FILED_TX_ID_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    version: int
    plan: SubmitMonitoringPlan
    status: PlanStatus
    tx_id: bytes
    height: int
    filed_tx_id: bytes
    def __init__(self, emitter_id: _Optional[str] = ..., version: _Optional[int] = ..., plan: _Optional[_Union[SubmitMonitoringPlan, _Mapping]] = ..., status: _Optional[_Union[PlanStatus, str]] = ..., tx_id: _Optional[bytes] = ..., height: _Optional[int] = ..., filed_tx_id: _Optional[bytes] = ...) -> None: ...

class EmissionReport(_message.Message):
    __slots__ = ("emitter_id", "year", "version", "report", "late", "tx_id", "submitted_ms", "superseded")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_MS_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDED_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    version: int
    report: SubmitEmissionReport
    late: bool
    tx_id: bytes
    submitted_ms: int
    superseded: bool
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., version: _Optional[int] = ..., report: _Optional[_Union[SubmitEmissionReport, _Mapping]] = ..., late: _Optional[bool] = ..., tx_id: _Optional[bytes] = ..., submitted_ms: _Optional[int] = ..., superseded: _Optional[bool] = ...) -> None: ...

class VerificationDraw(_message.Message):
    __slots__ = ("draw_id", "province", "request", "request_height", "seed_height", "seed", "key", "assignments", "draw_number")
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    REQUEST_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SEED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    DRAW_NUMBER_FIELD_NUMBER: _ClassVar[int]
    draw_id: bytes
    province: str
    request: RequestVerificationDraw
    request_height: int
    seed_height: int
    seed: bytes
    key: bytes
    assignments: _containers.RepeatedCompositeFieldContainer[DrawAssignment]
    draw_number: int
    def __init__(self, draw_id: _Optional[bytes] = ..., province: _Optional[str] = ..., request: _Optional[_Union[RequestVerificationDraw, _Mapping]] = ..., request_height: _Optional[int] = ..., seed_height: _Optional[int] = ..., seed: _Optional[bytes] = ..., key: _Optional[bytes] = ..., assignments: _Optional[_Iterable[_Union[DrawAssignment, _Mapping]]] = ..., draw_number: _Optional[int] = ...) -> None: ...

class Verification(_message.Message):
    __slots__ = ("emitter_id", "year", "version", "verified_by", "report_version", "verified_tonnes", "document_sha256", "draw_id", "appeal_id", "tx_id", "recorded_ms")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_BY_FIELD_NUMBER: _ClassVar[int]
    REPORT_VERSION_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_TONNES_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    APPEAL_ID_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_MS_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    version: int
    verified_by: str
    report_version: int
    verified_tonnes: int
    document_sha256: bytes
    draw_id: bytes
    appeal_id: bytes
    tx_id: bytes
    recorded_ms: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., version: _Optional[int] = ..., verified_by: _Optional[str] = ..., report_version: _Optional[int] = ..., verified_tonnes: _Optional[int] = ..., document_sha256: _Optional[bytes] = ..., draw_id: _Optional[bytes] = ..., appeal_id: _Optional[bytes] = ..., tx_id: _Optional[bytes] = ..., recorded_ms: _Optional[int] = ...) -> None: ...

class Appeal(_message.Message):
    __slots__ = ("appeal_id", "emitter_id", "province", "appeal", "filed_ms", "outcome", "reasons", "decided_ms", "decided_late", "verification_version")
    APPEAL_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    APPEAL_FIELD_NUMBER: _ClassVar[int]
    FILED_MS_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_MS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_LATE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_VERSION_FIELD_NUMBER: _ClassVar[int]
    appeal_id: bytes
    emitter_id: str
    province: str
    appeal: FileAppeal
    filed_ms: int
    outcome: AppealOutcome
    reasons: str
    decided_ms: int
    decided_late: bool
    verification_version: int
    def __init__(self, appeal_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., appeal: _Optional[_Union[FileAppeal, _Mapping]] = ..., filed_ms: _Optional[int] = ..., outcome: _Optional[_Union[AppealOutcome, str]] = ..., reasons: _Optional[str] = ..., decided_ms: _Optional[int] = ..., decided_late: _Optional[bool] = ..., verification_version: _Optional[int] = ...) -> None: ...

class AllocationMethod(_message.Message):
    __slots__ = ("method", "tx_id", "height")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    method: PublishAllocationMethod
    tx_id: bytes
    height: int
    def __init__(self, method: _Optional[_Union[PublishAllocationMethod, _Mapping]] = ..., tx_id: _Optional[bytes] = ..., height: _Optional[int] = ...) -> None: ...

class EmissionsEstimate(_message.Message):
    __slots__ = ("emitter_id", "estimate", "tx_id", "height")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    estimate: EstimateEmissions
    tx_id: bytes
    height: int
    def __init__(self, emitter_id: _Optional[str] = ..., estimate: _Optional[_Union[EstimateEmissions, _Mapping]] = ..., tx_id: _Optional[bytes] = ..., height: _Optional[int] = ...) -> None: ...

class SurrenderedUnits(_message.Message):
    __slots__ = ("unit", "amount")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class ComplianceRecord(_message.Message):
    __slots__ = ("emitter_id", "year", "province", "obligation_tonnes", "obligation_basis", "verification_version", "surrendered", "surrendered_allowances", "surrendered_ccers", "status", "shortfall_tonnes", "closed", "closed_tx_id", "tx_ids")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_TONNES_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_BASIS_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_VERSION_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_ALLOWANCES_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_CCERS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_TONNES_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    CLOSED_TX_ID_FIELD_NUMBER: _ClassVar[int]
    TX_IDS_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    province: str
    obligation_tonnes: int
    obligation_basis: ObligationBasis
    verification_version: int
    surrendered: _containers.RepeatedCompositeFieldContainer[SurrenderedUnits]
    surrendered_allowances: int
    surrendered_ccers: int
    status: ComplianceStatus
    shortfall_tonnes: int
    closed: bool
    closed_tx_id: bytes
    tx_ids: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., province: _Optional[str] = ..., obligation_tonnes: _Optional[int] = ..., obligation_basis: _Optional[_Union[ObligationBasis, str]] = ..., verification_version: _Optional[int] = ..., surrendered: _Optional[_Iterable[_Union[SurrenderedUnits, _Mapping]]] = ..., surrendered_allowances: _Optional[int] = ..., surrendered_ccers: _Optional[int] = ..., status: _Optional[_Union[ComplianceStatus, str]] = ..., shortfall_tonnes: _Optional[int] = ..., closed: _Optional[bool] = ..., closed_tx_id: _Optional[bytes] = ..., tx_ids: _Optional[_Iterable[bytes]] = ...) -> None: ...

class Fine(_message.Message):
    __slots__ = ("fine_id", "emitter_id", "fine", "province", "height")
    FINE_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    FINE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    fine_id: bytes
    emitter_id: str
    fine: ImposeFine
    province: str
    height: int
    def __init__(self, fine_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., fine: _Optional[_Union[ImposeFine, _Mapping]] = ..., province: _Optional[str] = ..., height: _Optional[int] = ...) -> None: ...

class AllocationDeduction(_message.Message):
    __slots__ = ("emitter_id", "vintage", "owed_tonnes", "withheld_tonnes", "from_year")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    OWED_TONNES_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_TONNES_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    vintage: int
    owed_tonnes: int
    withheld_tonnes: int
    from_year: int
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., owed_tonnes: _Optional[int] = ..., withheld_tonnes: _Optional[int] = ..., from_year: _Optional[int] = ...) -> None: ...

class EmissionsDeclared(_message.Message):
    __slots__ = ("emitter_id", "year", "total_tonnes", "direct_tonnes")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TONNES_FIELD_NUMBER: _ClassVar[int]
    DIRECT_TONNES_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    total_tonnes: int
    direct_tonnes: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., total_tonnes: _Optional[int] = ..., direct_tonnes: _Optional[int] = ...) -> None: ...

class EmitterListed(_message.Message):
    __slots__ = ("emitter_id", "from_year", "basis")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    from_year: int
    basis: ListingBasis
    def __init__(self, emitter_id: _Optional[str] = ..., from_year: _Optional[int] = ..., basis: _Optional[_Union[ListingBasis, str]] = ...) -> None: ...

class EmitterDelisted(_message.Message):
    __slots__ = ("emitter_id", "from_year", "reason")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    from_year: int
    reason: DelistingReason
    def __init__(self, emitter_id: _Optional[str] = ..., from_year: _Optional[int] = ..., reason: _Optional[_Union[DelistingReason, str]] = ...) -> None: ...

class MonitoringPlanRecorded(_message.Message):
    __slots__ = ("emitter_id", "version", "status", "major_change")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MAJOR_CHANGE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    version: int
    status: PlanStatus
    major_change: bool
    def __init__(self, emitter_id: _Optional[str] = ..., version: _Optional[int] = ..., status: _Optional[_Union[PlanStatus, str]] = ..., major_change: _Optional[bool] = ...) -> None: ...

class EmissionReportSubmitted(_message.Message):
    __slots__ = ("emitter_id", "year", "version", "total_tonnes", "late")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TONNES_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    version: int
    total_tonnes: int
    late: bool
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., version: _Optional[int] = ..., total_tonnes: _Optional[int] = ..., late: _Optional[bool] = ...) -> None: ...

class VerificationDrawRequested(_message.Message):
    __slots__ = ("draw_id", "province", "year", "seed_height", "draw_number")
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SEED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    DRAW_NUMBER_FIELD_NUMBER: _ClassVar[int]
    draw_id: bytes
    province: str
    year: int
    seed_height: int
    draw_number: int
    def __init__(self, draw_id: _Optional[bytes] = ..., province: _Optional[str] = ..., year: _Optional[int] = ..., seed_height: _Optional[int] = ..., draw_number: _Optional[int] = ...) -> None: ...

class VerificationDrawRecorded(_message.Message):
    __slots__ = ("draw_id", "assignments", "key")
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    draw_id: bytes
    assignments: _containers.RepeatedCompositeFieldContainer[DrawAssignment]
    key: bytes
    def __init__(self, draw_id: _Optional[bytes] = ..., assignments: _Optional[_Iterable[_Union[DrawAssignment, _Mapping]]] = ..., key: _Optional[bytes] = ...) -> None: ...

class EmissionsVerified(_message.Message):
    __slots__ = ("emitter_id", "year", "version", "verified_tonnes", "verified_by")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_TONNES_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_BY_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    version: int
    verified_tonnes: int
    verified_by: str
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., version: _Optional[int] = ..., verified_tonnes: _Optional[int] = ..., verified_by: _Optional[str] = ...) -> None: ...

class AppealFiled(_message.Message):
    __slots__ = ("appeal_id", "emitter_id", "subject", "year")
    APPEAL_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    appeal_id: bytes
    emitter_id: str
    subject: AppealSubject
    year: int
    def __init__(self, appeal_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., subject: _Optional[_Union[AppealSubject, str]] = ..., year: _Optional[int] = ...) -> None: ...

class AppealDecided(_message.Message):
    __slots__ = ("appeal_id", "outcome", "late")
    APPEAL_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    appeal_id: bytes
    outcome: AppealOutcome
    late: bool
    def __init__(self, appeal_id: _Optional[bytes] = ..., outcome: _Optional[_Union[AppealOutcome, str]] = ..., late: _Optional[bool] = ...) -> None: ...

class AllocationMethodPublished(_message.Message):
    __slots__ = ("version",)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: str
    def __init__(self, version: _Optional[str] = ...) -> None: ...

class EmissionsEstimated(_message.Message):
    __slots__ = ("emitter_id", "year", "tonnes")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TONNES_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    tonnes: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., tonnes: _Optional[int] = ...) -> None: ...

class ComplianceClosed(_message.Message):
    __slots__ = ("emitter_id", "year", "status", "shortfall_tonnes", "obligation_tonnes", "surrendered_allowances", "surrendered_ccers")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_TONNES_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_TONNES_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_ALLOWANCES_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_CCERS_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    status: ComplianceStatus
    shortfall_tonnes: int
    obligation_tonnes: int
    surrendered_allowances: int
    surrendered_ccers: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., status: _Optional[_Union[ComplianceStatus, str]] = ..., shortfall_tonnes: _Optional[int] = ..., obligation_tonnes: _Optional[int] = ..., surrendered_allowances: _Optional[int] = ..., surrendered_ccers: _Optional[int] = ...) -> None: ...

class FineImposed(_message.Message):
    __slots__ = ("fine_id", "emitter_id", "kind", "amount_fen")
    FINE_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    fine_id: bytes
    emitter_id: str
    kind: FineKind
    amount_fen: int
    def __init__(self, fine_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., kind: _Optional[_Union[FineKind, str]] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class AllocationWithheld(_message.Message):
    __slots__ = ("emitter_id", "vintage", "withheld_tonnes", "still_owed_tonnes")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_TONNES_FIELD_NUMBER: _ClassVar[int]
    STILL_OWED_TONNES_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    vintage: int
    withheld_tonnes: int
    still_owed_tonnes: int
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., withheld_tonnes: _Optional[int] = ..., still_owed_tonnes: _Optional[int] = ...) -> None: ...
