from cets.v1 import mrv_pb2 as _mrv_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MeasureType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEASURE_TYPE_UNSPECIFIED: _ClassVar[MeasureType]
    MEASURE_TYPE_PUBLIC_CRITICISM: _ClassVar[MeasureType]
    MEASURE_TYPE_RESTRICT_TRANSFERS: _ClassVar[MeasureType]
    MEASURE_TYPE_SUSPEND_ACCOUNT: _ClassVar[MeasureType]
    MEASURE_TYPE_SUSPEND_BUSINESS: _ClassVar[MeasureType]
    MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS: _ClassVar[MeasureType]
    MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY: _ClassVar[MeasureType]
    MEASURE_TYPE_ORDER_BUSINESS_END: _ClassVar[MeasureType]
    MEASURE_TYPE_SUSPEND_BUYING_SELLING: _ClassVar[MeasureType]

class RestrictedOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESTRICTED_OPERATION_UNSPECIFIED: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_TRANSFER_OUT: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_FUNDS_OUT: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_SURRENDER: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_CANCEL: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_BUY: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_SELL: _ClassVar[RestrictedOperation]
    RESTRICTED_OPERATION_OPEN_ACCOUNT: _ClassVar[RestrictedOperation]

class CreditRecordKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CREDIT_RECORD_KIND_UNSPECIFIED: _ClassVar[CreditRecordKind]
    CREDIT_RECORD_KIND_PENALTY: _ClassVar[CreditRecordKind]
    CREDIT_RECORD_KIND_SUPERVISION_RESULT: _ClassVar[CreditRecordKind]

class NoticeRecipient(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTICE_RECIPIENT_UNSPECIFIED: _ClassVar[NoticeRecipient]
    NOTICE_RECIPIENT_MARKET_REGULATION: _ClassVar[NoticeRecipient]
    NOTICE_RECIPIENT_TAXATION: _ClassVar[NoticeRecipient]
    NOTICE_RECIPIENT_FINANCIAL_REGULATION: _ClassVar[NoticeRecipient]
    NOTICE_RECIPIENT_OTHER: _ClassVar[NoticeRecipient]
MEASURE_TYPE_UNSPECIFIED: MeasureType
MEASURE_TYPE_PUBLIC_CRITICISM: MeasureType
MEASURE_TYPE_RESTRICT_TRANSFERS: MeasureType
MEASURE_TYPE_SUSPEND_ACCOUNT: MeasureType
MEASURE_TYPE_SUSPEND_BUSINESS: MeasureType
MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS: MeasureType
MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY: MeasureType
MEASURE_TYPE_ORDER_BUSINESS_END: MeasureType
MEASURE_TYPE_SUSPEND_BUYING_SELLING: MeasureType
RESTRICTED_OPERATION_UNSPECIFIED: RestrictedOperation
RESTRICTED_OPERATION_TRANSFER_OUT: RestrictedOperation
RESTRICTED_OPERATION_FUNDS_OUT: RestrictedOperation
RESTRICTED_OPERATION_SURRENDER: RestrictedOperation
RESTRICTED_OPERATION_CANCEL: RestrictedOperation
RESTRICTED_OPERATION_BUY: RestrictedOperation
RESTRICTED_OPERATION_SELL: RestrictedOperation
RESTRICTED_OPERATION_OPEN_ACCOUNT: RestrictedOperation
CREDIT_RECORD_KIND_UNSPECIFIED: CreditRecordKind
CREDIT_RECORD_KIND_PENALTY: CreditRecordKind
CREDIT_RECORD_KIND_SUPERVISION_RESULT: CreditRecordKind
NOTICE_RECIPIENT_UNSPECIFIED: NoticeRecipient
NOTICE_RECIPIENT_MARKET_REGULATION: NoticeRecipient
NOTICE_RECIPIENT_TAXATION: NoticeRecipient
NOTICE_RECIPIENT_FINANCIAL_REGULATION: NoticeRecipient
NOTICE_RECIPIENT_OTHER: NoticeRecipient

class ImposeMeasure(_message.Message):
    __slots__ = ("participant_id", "account_id", "type", "operations", "reason", "legal_basis", "case_reference", "end_ms")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    account_id: str
    type: MeasureType
    operations: _containers.RepeatedScalarFieldContainer[RestrictedOperation]
    reason: str
    legal_basis: str
    case_reference: str
    end_ms: int
    def __init__(self, participant_id: _Optional[str] = ..., account_id: _Optional[str] = ..., type: _Optional[_Union[MeasureType, str]] = ..., operations: _Optional[_Iterable[_Union[RestrictedOperation, str]]] = ..., reason: _Optional[str] = ..., legal_basis: _Optional[str] = ..., case_reference: _Optional[str] = ..., end_ms: _Optional[int] = ...) -> None: ...

class LiftMeasure(_message.Message):
    __slots__ = ("measure_id", "reason", "case_reference")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    measure_id: bytes
    reason: str
    case_reference: str
    def __init__(self, measure_id: _Optional[bytes] = ..., reason: _Optional[str] = ..., case_reference: _Optional[str] = ...) -> None: ...

class RecordCredit(_message.Message):
    __slots__ = ("participant_id", "kind", "summary", "decision_reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    kind: CreditRecordKind
    summary: str
    decision_reference: str
    def __init__(self, participant_id: _Optional[str] = ..., kind: _Optional[_Union[CreditRecordKind, str]] = ..., summary: _Optional[str] = ..., decision_reference: _Optional[str] = ...) -> None: ...

class IssueJointPunishmentNotice(_message.Message):
    __slots__ = ("emitter_id", "recipients", "fine_ids", "measure_ids", "summary", "reference")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    FINE_IDS_FIELD_NUMBER: _ClassVar[int]
    MEASURE_IDS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    recipients: _containers.RepeatedScalarFieldContainer[NoticeRecipient]
    fine_ids: _containers.RepeatedScalarFieldContainer[bytes]
    measure_ids: _containers.RepeatedScalarFieldContainer[bytes]
    summary: str
    reference: str
    def __init__(self, emitter_id: _Optional[str] = ..., recipients: _Optional[_Iterable[_Union[NoticeRecipient, str]]] = ..., fine_ids: _Optional[_Iterable[bytes]] = ..., measure_ids: _Optional[_Iterable[bytes]] = ..., summary: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class AddToBlacklist(_message.Message):
    __slots__ = ("participant_id", "name", "reason", "decision_reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    name: str
    reason: str
    decision_reference: str
    def __init__(self, participant_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., decision_reference: _Optional[str] = ...) -> None: ...

class RemoveFromBlacklist(_message.Message):
    __slots__ = ("participant_id", "reason", "decision_reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    reason: str
    decision_reference: str
    def __init__(self, participant_id: _Optional[str] = ..., reason: _Optional[str] = ..., decision_reference: _Optional[str] = ...) -> None: ...

class MeasureLift(_message.Message):
    __slots__ = ("tx_id", "lifted_by", "reason", "case_reference", "height", "time_ms")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    LIFTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    lifted_by: str
    reason: str
    case_reference: str
    height: int
    time_ms: int
    def __init__(self, tx_id: _Optional[bytes] = ..., lifted_by: _Optional[str] = ..., reason: _Optional[str] = ..., case_reference: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ...) -> None: ...

class Measure(_message.Message):
    __slots__ = ("measure_id", "authority", "participant_id", "account_id", "type", "operations", "reason", "legal_basis", "article", "case_reference", "end_ms", "height", "time_ms", "lift")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    ARTICLE_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    LIFT_FIELD_NUMBER: _ClassVar[int]
    measure_id: bytes
    authority: str
    participant_id: str
    account_id: str
    type: MeasureType
    operations: _containers.RepeatedScalarFieldContainer[RestrictedOperation]
    reason: str
    legal_basis: str
    article: str
    case_reference: str
    end_ms: int
    height: int
    time_ms: int
    lift: MeasureLift
    def __init__(self, measure_id: _Optional[bytes] = ..., authority: _Optional[str] = ..., participant_id: _Optional[str] = ..., account_id: _Optional[str] = ..., type: _Optional[_Union[MeasureType, str]] = ..., operations: _Optional[_Iterable[_Union[RestrictedOperation, str]]] = ..., reason: _Optional[str] = ..., legal_basis: _Optional[str] = ..., article: _Optional[str] = ..., case_reference: _Optional[str] = ..., end_ms: _Optional[int] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ..., lift: _Optional[_Union[MeasureLift, _Mapping]] = ...) -> None: ...

class Restriction(_message.Message):
    __slots__ = ("measure_id", "type", "account_id", "operations", "end_ms")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    measure_id: bytes
    type: MeasureType
    account_id: str
    operations: _containers.RepeatedScalarFieldContainer[RestrictedOperation]
    end_ms: int
    def __init__(self, measure_id: _Optional[bytes] = ..., type: _Optional[_Union[MeasureType, str]] = ..., account_id: _Optional[str] = ..., operations: _Optional[_Iterable[_Union[RestrictedOperation, str]]] = ..., end_ms: _Optional[int] = ...) -> None: ...

class Restrictions(_message.Message):
    __slots__ = ("entries", "blacklist_entry_id")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    BLACKLIST_ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[Restriction]
    blacklist_entry_id: bytes
    def __init__(self, entries: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ..., blacklist_entry_id: _Optional[bytes] = ...) -> None: ...

class CreditRecord(_message.Message):
    __slots__ = ("record_id", "participant_id", "kind", "summary", "decision_reference", "recorded_by", "height", "time_ms")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    record_id: bytes
    participant_id: str
    kind: CreditRecordKind
    summary: str
    decision_reference: str
    recorded_by: str
    height: int
    time_ms: int
    def __init__(self, record_id: _Optional[bytes] = ..., participant_id: _Optional[str] = ..., kind: _Optional[_Union[CreditRecordKind, str]] = ..., summary: _Optional[str] = ..., decision_reference: _Optional[str] = ..., recorded_by: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ...) -> None: ...

class CreditEntry(_message.Message):
    __slots__ = ("fine", "record")
    FINE_FIELD_NUMBER: _ClassVar[int]
    RECORD_FIELD_NUMBER: _ClassVar[int]
    fine: _mrv_pb2.Fine
    record: CreditRecord
    def __init__(self, fine: _Optional[_Union[_mrv_pb2.Fine, _Mapping]] = ..., record: _Optional[_Union[CreditRecord, _Mapping]] = ...) -> None: ...

class JointPunishmentNotice(_message.Message):
    __slots__ = ("notice_id", "emitter_id", "province", "recipients", "fine_ids", "measure_ids", "summary", "reference", "issued_by", "height", "time_ms")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    FINE_IDS_FIELD_NUMBER: _ClassVar[int]
    MEASURE_IDS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    ISSUED_BY_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    notice_id: bytes
    emitter_id: str
    province: str
    recipients: _containers.RepeatedScalarFieldContainer[NoticeRecipient]
    fine_ids: _containers.RepeatedScalarFieldContainer[bytes]
    measure_ids: _containers.RepeatedScalarFieldContainer[bytes]
    summary: str
    reference: str
    issued_by: str
    height: int
    time_ms: int
    def __init__(self, notice_id: _Optional[bytes] = ..., emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., recipients: _Optional[_Iterable[_Union[NoticeRecipient, str]]] = ..., fine_ids: _Optional[_Iterable[bytes]] = ..., measure_ids: _Optional[_Iterable[bytes]] = ..., summary: _Optional[str] = ..., reference: _Optional[str] = ..., issued_by: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ...) -> None: ...

class BlacklistRemoval(_message.Message):
    __slots__ = ("tx_id", "removed_by", "reason", "decision_reference", "height", "time_ms")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    REMOVED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    removed_by: str
    reason: str
    decision_reference: str
    height: int
    time_ms: int
    def __init__(self, tx_id: _Optional[bytes] = ..., removed_by: _Optional[str] = ..., reason: _Optional[str] = ..., decision_reference: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ...) -> None: ...

class BlacklistEntry(_message.Message):
    __slots__ = ("entry_id", "participant_id", "name", "reason", "decision_reference", "added_by", "height", "time_ms", "removal")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_FIELD_NUMBER: _ClassVar[int]
    entry_id: bytes
    participant_id: str
    name: str
    reason: str
    decision_reference: str
    added_by: str
    height: int
    time_ms: int
    removal: BlacklistRemoval
    def __init__(self, entry_id: _Optional[bytes] = ..., participant_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., decision_reference: _Optional[str] = ..., added_by: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ..., removal: _Optional[_Union[BlacklistRemoval, _Mapping]] = ...) -> None: ...

class MeasureLifted(_message.Message):
    __slots__ = ("measure_id", "participant_id", "lift")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    LIFT_FIELD_NUMBER: _ClassVar[int]
    measure_id: bytes
    participant_id: str
    lift: MeasureLift
    def __init__(self, measure_id: _Optional[bytes] = ..., participant_id: _Optional[str] = ..., lift: _Optional[_Union[MeasureLift, _Mapping]] = ...) -> None: ...

class BlacklistEntryRemoved(_message.Message):
    __slots__ = ("entry_id", "participant_id", "removal")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_FIELD_NUMBER: _ClassVar[int]
    entry_id: bytes
    participant_id: str
    removal: BlacklistRemoval
    def __init__(self, entry_id: _Optional[bytes] = ..., participant_id: _Optional[str] = ..., removal: _Optional[_Union[BlacklistRemoval, _Mapping]] = ...) -> None: ...

class ListMeasuresRequest(_message.Message):
    __slots__ = ("participant_id", "authority", "in_force_only", "type", "page_size", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    IN_FORCE_ONLY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    authority: str
    in_force_only: bool
    type: MeasureType
    page_size: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., authority: _Optional[str] = ..., in_force_only: _Optional[bool] = ..., type: _Optional[_Union[MeasureType, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMeasuresResponse(_message.Message):
    __slots__ = ("measures", "next_page_token", "time_ms")
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    measures: _containers.RepeatedCompositeFieldContainer[Measure]
    next_page_token: str
    time_ms: int
    def __init__(self, measures: _Optional[_Iterable[_Union[Measure, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., time_ms: _Optional[int] = ...) -> None: ...

class ListCreditRecordsRequest(_message.Message):
    __slots__ = ("participant_id", "page_size", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    page_size: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCreditRecordsResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[CreditEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[CreditEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListBlacklistRequest(_message.Message):
    __slots__ = ("in_force_only", "page_size", "page_token")
    IN_FORCE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    in_force_only: bool
    page_size: int
    page_token: str
    def __init__(self, in_force_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBlacklistResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[BlacklistEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[BlacklistEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListJointPunishmentNoticesRequest(_message.Message):
    __slots__ = ("emitter_id", "page_size", "page_token")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    page_size: int
    page_token: str
    def __init__(self, emitter_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListJointPunishmentNoticesResponse(_message.Message):
    __slots__ = ("notices", "next_page_token")
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    notices: _containers.RepeatedCompositeFieldContainer[JointPunishmentNotice]
    next_page_token: str
    def __init__(self, notices: _Optional[_Iterable[_Union[JointPunishmentNotice, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
