from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SupervisionTask(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUPERVISION_TASK_UNSPECIFIED: _ClassVar[SupervisionTask]
    SUPERVISION_TASK_MONITORING_PLANS: _ClassVar[SupervisionTask]
    SUPERVISION_TASK_INSPECTIONS: _ClassVar[SupervisionTask]
    SUPERVISION_TASK_TIPS: _ClassVar[SupervisionTask]

class InspectionOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_OUTCOME_UNSPECIFIED: _ClassVar[InspectionOutcome]
    INSPECTION_OUTCOME_NO_FINDING: _ClassVar[InspectionOutcome]
    INSPECTION_OUTCOME_DEFICIENCIES: _ClassVar[InspectionOutcome]
    INSPECTION_OUTCOME_REFERRED: _ClassVar[InspectionOutcome]

class OversightOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OVERSIGHT_OUTCOME_UNSPECIFIED: _ClassVar[OversightOutcome]
    OVERSIGHT_OUTCOME_COMPLIANT: _ClassVar[OversightOutcome]
    OVERSIGHT_OUTCOME_DEFICIENT: _ClassVar[OversightOutcome]
    OVERSIGHT_OUTCOME_SERIOUS: _ClassVar[OversightOutcome]
SUPERVISION_TASK_UNSPECIFIED: SupervisionTask
SUPERVISION_TASK_MONITORING_PLANS: SupervisionTask
SUPERVISION_TASK_INSPECTIONS: SupervisionTask
SUPERVISION_TASK_TIPS: SupervisionTask
INSPECTION_OUTCOME_UNSPECIFIED: InspectionOutcome
INSPECTION_OUTCOME_NO_FINDING: InspectionOutcome
INSPECTION_OUTCOME_DEFICIENCIES: InspectionOutcome
INSPECTION_OUTCOME_REFERRED: InspectionOutcome
OVERSIGHT_OUTCOME_UNSPECIFIED: OversightOutcome
OVERSIGHT_OUTCOME_COMPLIANT: OversightOutcome
OVERSIGHT_OUTCOME_DEFICIENT: OversightOutcome
OVERSIGHT_OUTCOME_SERIOUS: OversightOutcome

class RecordDelegation(_message.Message):
    __slots__ = ("city", "tasks", "emitter_ids", "districts", "valid_from_ms", "valid_until_ms", "reference")
    CITY_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    EMITTER_IDS_FIELD_NUMBER: _ClassVar[int]
    DISTRICTS_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_MS_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    city: str
    tasks: _containers.RepeatedScalarFieldContainer[SupervisionTask]
    emitter_ids: _containers.RepeatedScalarFieldContainer[str]
    districts: _containers.RepeatedScalarFieldContainer[str]
    valid_from_ms: int
    valid_until_ms: int
    reference: str
    def __init__(self, city: _Optional[str] = ..., tasks: _Optional[_Iterable[_Union[SupervisionTask, str]]] = ..., emitter_ids: _Optional[_Iterable[str]] = ..., districts: _Optional[_Iterable[str]] = ..., valid_from_ms: _Optional[int] = ..., valid_until_ms: _Optional[int] = ..., reference: _Optional[str] = ...) -> None: ...

class RevokeDelegation(_message.Message):
    __slots__ = ("delegation_id", "reason")
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    delegation_id: bytes
    reason: str
    def __init__(self, delegation_id: _Optional[bytes] = ..., reason: _Optional[str] = ...) -> None: ...

class Delegation(_message.Message):
    __slots__ = ("delegation_id", "province", "delegated_by", "terms", "height", "revoked", "revoked_tx_id", "revoked_ms", "revoke_reason")
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    DELEGATED_BY_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    REVOKED_TX_ID_FIELD_NUMBER: _ClassVar[int]
    REVOKED_MS_FIELD_NUMBER: _ClassVar[int]
    REVOKE_REASON_FIELD_NUMBER: _ClassVar[int]
    delegation_id: bytes
    province: str
    delegated_by: str
    terms: RecordDelegation
    height: int
    revoked: bool
    revoked_tx_id: bytes
    revoked_ms: int
    revoke_reason: str
    def __init__(self, delegation_id: _Optional[bytes] = ..., province: _Optional[str] = ..., delegated_by: _Optional[str] = ..., terms: _Optional[_Union[RecordDelegation, _Mapping]] = ..., height: _Optional[int] = ..., revoked: _Optional[bool] = ..., revoked_tx_id: _Optional[bytes] = ..., revoked_ms: _Optional[int] = ..., revoke_reason: _Optional[str] = ...) -> None: ...

class DelegationRecorded(_message.Message):
    __slots__ = ("delegation_id", "province", "city", "tasks", "valid_from_ms", "valid_until_ms")
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_MS_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    delegation_id: bytes
    province: str
    city: str
    tasks: _containers.RepeatedScalarFieldContainer[SupervisionTask]
    valid_from_ms: int
    valid_until_ms: int
    def __init__(self, delegation_id: _Optional[bytes] = ..., province: _Optional[str] = ..., city: _Optional[str] = ..., tasks: _Optional[_Iterable[_Union[SupervisionTask, str]]] = ..., valid_from_ms: _Optional[int] = ..., valid_until_ms: _Optional[int] = ...) -> None: ...

class DelegationRevoked(_message.Message):
    __slots__ = ("delegation_id", "city", "reason")
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    delegation_id: bytes
    city: str
    reason: str
    def __init__(self, delegation_id: _Optional[bytes] = ..., city: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordInspection(_message.Message):
    __slots__ = ("emitter_id", "year", "outcome", "findings", "document_sha256")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    outcome: InspectionOutcome
    findings: str
    document_sha256: bytes
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., outcome: _Optional[_Union[InspectionOutcome, str]] = ..., findings: _Optional[str] = ..., document_sha256: _Optional[bytes] = ...) -> None: ...

class Inspection(_message.Message):
    __slots__ = ("inspection_id", "province", "inspected_by", "delegation_id", "inspection", "height", "recorded_ms")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_BY_FIELD_NUMBER: _ClassVar[int]
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_MS_FIELD_NUMBER: _ClassVar[int]
    inspection_id: bytes
    province: str
    inspected_by: str
    delegation_id: bytes
    inspection: RecordInspection
    height: int
    recorded_ms: int
    def __init__(self, inspection_id: _Optional[bytes] = ..., province: _Optional[str] = ..., inspected_by: _Optional[str] = ..., delegation_id: _Optional[bytes] = ..., inspection: _Optional[_Union[RecordInspection, _Mapping]] = ..., height: _Optional[int] = ..., recorded_ms: _Optional[int] = ...) -> None: ...

class InspectionRecorded(_message.Message):
    __slots__ = ("inspection_id", "emitter_id", "inspected_by", "outcome")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_BY_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    inspection_id: bytes
    emitter_id: str
    inspected_by: str
    outcome: InspectionOutcome
    def __init__(self, inspection_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., inspected_by: _Optional[str] = ..., outcome: _Optional[_Union[InspectionOutcome, str]] = ...) -> None: ...

class RecordVerifierFinding(_message.Message):
    __slots__ = ("verifier_id", "year", "outcome", "findings", "emitter_ids", "document_sha256")
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    EMITTER_IDS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    verifier_id: str
    year: int
    outcome: OversightOutcome
    findings: str
    emitter_ids: _containers.RepeatedScalarFieldContainer[str]
    document_sha256: bytes
    def __init__(self, verifier_id: _Optional[str] = ..., year: _Optional[int] = ..., outcome: _Optional[_Union[OversightOutcome, str]] = ..., findings: _Optional[str] = ..., emitter_ids: _Optional[_Iterable[str]] = ..., document_sha256: _Optional[bytes] = ...) -> None: ...

class VerifierFinding(_message.Message):
    __slots__ = ("finding_id", "recorded_by", "province", "finding", "height", "recorded_ms")
    FINDING_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_MS_FIELD_NUMBER: _ClassVar[int]
    finding_id: bytes
    recorded_by: str
    province: str
    finding: RecordVerifierFinding
    height: int
    recorded_ms: int
    def __init__(self, finding_id: _Optional[bytes] = ..., recorded_by: _Optional[str] = ..., province: _Optional[str] = ..., finding: _Optional[_Union[RecordVerifierFinding, _Mapping]] = ..., height: _Optional[int] = ..., recorded_ms: _Optional[int] = ...) -> None: ...

class VerifierFindingRecorded(_message.Message):
    __slots__ = ("finding_id", "verifier_id", "year", "outcome")
    FINDING_ID_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    finding_id: bytes
    verifier_id: str
    year: int
    outcome: OversightOutcome
    def __init__(self, finding_id: _Optional[bytes] = ..., verifier_id: _Optional[str] = ..., year: _Optional[int] = ..., outcome: _Optional[_Union[OversightOutcome, str]] = ...) -> None: ...

class QueryAuth(_message.Message):
    __slots__ = ("participant", "key_id", "valid_until_height", "signature")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    participant: str
    key_id: str
    valid_until_height: int
    signature: bytes
    def __init__(self, participant: _Optional[str] = ..., key_id: _Optional[str] = ..., valid_until_height: _Optional[int] = ..., signature: _Optional[bytes] = ...) -> None: ...
