from cets.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TrustedListChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRUSTED_LIST_CHANGE_UNSPECIFIED: _ClassVar[TrustedListChange]
    TRUSTED_LIST_CHANGE_ADD: _ClassVar[TrustedListChange]
    TRUSTED_LIST_CHANGE_REMOVE: _ClassVar[TrustedListChange]
TRUSTED_LIST_CHANGE_UNSPECIFIED: TrustedListChange
TRUSTED_LIST_CHANGE_ADD: TrustedListChange
TRUSTED_LIST_CHANGE_REMOVE: TrustedListChange

class RegisterParticipant(_message.Message):
    __slots__ = ("participant_id", "role", "name", "province", "sector", "keys")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    role: _types_pb2.Role
    name: str
    province: str
    sector: str
    keys: _containers.RepeatedCompositeFieldContainer[_types_pb2.KeySpec]
    def __init__(self, participant_id: _Optional[str] = ..., role: _Optional[_Union[_types_pb2.Role, str]] = ..., name: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., keys: _Optional[_Iterable[_Union[_types_pb2.KeySpec, _Mapping]]] = ...) -> None: ...

class AddKey(_message.Message):
    __slots__ = ("participant_id", "key")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key: _types_pb2.KeySpec
    def __init__(self, participant_id: _Optional[str] = ..., key: _Optional[_Union[_types_pb2.KeySpec, _Mapping]] = ...) -> None: ...

class RotateKey(_message.Message):
    __slots__ = ("participant_id", "old_key_id", "new_key")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    OLD_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_KEY_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    old_key_id: str
    new_key: _types_pb2.KeySpec
    def __init__(self, participant_id: _Optional[str] = ..., old_key_id: _Optional[str] = ..., new_key: _Optional[_Union[_types_pb2.KeySpec, _Mapping]] = ...) -> None: ...

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
    new_key: _types_pb2.KeySpec
    revoked_key_ids: _containers.RepeatedScalarFieldContainer[str]
    requested_by: str
    reason: str
    reference: str
    def __init__(self, participant_id: _Optional[str] = ..., new_key: _Optional[_Union[_types_pb2.KeySpec, _Mapping]] = ..., revoked_key_ids: _Optional[_Iterable[str]] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

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
    direction: _types_pb2.ReserveDirection
    account_id: str
    vintage: int
    amount: int
    purpose: _types_pb2.ReservePurpose
    note: str
    def __init__(self, direction: _Optional[_Union[_types_pb2.ReserveDirection, str]] = ..., account_id: _Optional[str] = ..., vintage: _Optional[int] = ..., amount: _Optional[int] = ..., purpose: _Optional[_Union[_types_pb2.ReservePurpose, str]] = ..., note: _Optional[str] = ...) -> None: ...

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
    reason: _types_pb2.AdjustmentReason
    note: str
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., delta: _Optional[int] = ..., reason: _Optional[_Union[_types_pb2.AdjustmentReason, str]] = ..., note: _Optional[str] = ...) -> None: ...

class Transfer(_message.Message):
    __slots__ = ("from_account", "to_account", "unit", "amount", "memo")
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    from_account: str
    to_account: str
    unit: _types_pb2.Unit
    amount: int
    memo: str
    def __init__(self, from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., memo: _Optional[str] = ...) -> None: ...

class SurrenderItem(_message.Message):
    __slots__ = ("unit", "amount")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

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
    unit: _types_pb2.Unit
    amount: int
    beneficiary: str
    purpose: str
    def __init__(self, account_id: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., beneficiary: _Optional[str] = ..., purpose: _Optional[str] = ...) -> None: ...

class SetRulebook(_message.Message):
    __slots__ = ("rulebook", "effective_ms", "note")
    RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    rulebook: _types_pb2.Rulebook
    effective_ms: int
    note: str
    def __init__(self, rulebook: _Optional[_Union[_types_pb2.Rulebook, _Mapping]] = ..., effective_ms: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class RecordCcer(_message.Message):
    __slots__ = ("project_id", "project_type", "inside_covered_boundary", "vintage", "amount", "to_account")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    INSIDE_COVERED_BOUNDARY_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    project_type: _types_pb2.ProjectType
    inside_covered_boundary: bool
    vintage: int
    amount: int
    to_account: str
    def __init__(self, project_id: _Optional[str] = ..., project_type: _Optional[_Union[_types_pb2.ProjectType, str]] = ..., inside_covered_boundary: _Optional[bool] = ..., vintage: _Optional[int] = ..., amount: _Optional[int] = ..., to_account: _Optional[str] = ...) -> None: ...

class SetTrustedAccount(_message.Message):
    __slots__ = ("account_id", "trusted_account_id", "change")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    trusted_account_id: str
    change: TrustedListChange
    def __init__(self, account_id: _Optional[str] = ..., trusted_account_id: _Optional[str] = ..., change: _Optional[_Union[TrustedListChange, str]] = ...) -> None: ...

class ProtectionPolicy(_message.Message):
    __slots__ = ("hold_untrusted", "four_eyes")
    HOLD_UNTRUSTED_FIELD_NUMBER: _ClassVar[int]
    FOUR_EYES_FIELD_NUMBER: _ClassVar[int]
    hold_untrusted: bool
    four_eyes: bool
    def __init__(self, hold_untrusted: _Optional[bool] = ..., four_eyes: _Optional[bool] = ...) -> None: ...

class SetAccountPolicy(_message.Message):
    __slots__ = ("account_id", "hold_untrusted", "four_eyes")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    HOLD_UNTRUSTED_FIELD_NUMBER: _ClassVar[int]
    FOUR_EYES_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    hold_untrusted: bool
    four_eyes: bool
    def __init__(self, account_id: _Optional[str] = ..., hold_untrusted: _Optional[bool] = ..., four_eyes: _Optional[bool] = ...) -> None: ...

class CancelHeldTransfer(_message.Message):
    __slots__ = ("transfer_tx_id",)
    TRANSFER_TX_ID_FIELD_NUMBER: _ClassVar[int]
    transfer_tx_id: bytes
    def __init__(self, transfer_tx_id: _Optional[bytes] = ...) -> None: ...

class ReleaseHeldTransfer(_message.Message):
    __slots__ = ("transfer_tx_id",)
    TRANSFER_TX_ID_FIELD_NUMBER: _ClassVar[int]
    transfer_tx_id: bytes
    def __init__(self, transfer_tx_id: _Optional[bytes] = ...) -> None: ...

class AccountProtection(_message.Message):
    __slots__ = ("account_id", "policy", "scheduled_policy", "scheduled_ms", "set_height", "trusted_count", "held_count")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_POLICY_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_MS_FIELD_NUMBER: _ClassVar[int]
    SET_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    HELD_COUNT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    policy: ProtectionPolicy
    scheduled_policy: ProtectionPolicy
    scheduled_ms: int
    set_height: int
    trusted_count: int
    held_count: int
    def __init__(self, account_id: _Optional[str] = ..., policy: _Optional[_Union[ProtectionPolicy, _Mapping]] = ..., scheduled_policy: _Optional[_Union[ProtectionPolicy, _Mapping]] = ..., scheduled_ms: _Optional[int] = ..., set_height: _Optional[int] = ..., trusted_count: _Optional[int] = ..., held_count: _Optional[int] = ...) -> None: ...

class TrustedAccount(_message.Message):
    __slots__ = ("account_id", "trusted_account_id", "effective_ms", "added_height")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    ADDED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    trusted_account_id: str
    effective_ms: int
    added_height: int
    def __init__(self, account_id: _Optional[str] = ..., trusted_account_id: _Optional[str] = ..., effective_ms: _Optional[int] = ..., added_height: _Optional[int] = ...) -> None: ...

class HeldTransfer(_message.Message):
    __slots__ = ("tx_id", "from_account", "to_account", "unit", "amount", "memo", "held_height", "release_ms")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    HELD_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    RELEASE_MS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    from_account: str
    to_account: str
    unit: _types_pb2.Unit
    amount: int
    memo: str
    held_height: int
    release_ms: int
    def __init__(self, tx_id: _Optional[bytes] = ..., from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., memo: _Optional[str] = ..., held_height: _Optional[int] = ..., release_ms: _Optional[int] = ...) -> None: ...

class ParticipantRegistered(_message.Message):
    __slots__ = ("participant_id", "role", "account_id", "province")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    role: _types_pb2.Role
    account_id: str
    province: str
    def __init__(self, participant_id: _Optional[str] = ..., role: _Optional[_Union[_types_pb2.Role, str]] = ..., account_id: _Optional[str] = ..., province: _Optional[str] = ...) -> None: ...

class KeyAdded(_message.Message):
    __slots__ = ("participant_id", "key_id", "purpose")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key_id: str
    purpose: _types_pb2.KeyPurpose
    def __init__(self, participant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., purpose: _Optional[_Union[_types_pb2.KeyPurpose, str]] = ...) -> None: ...

class KeyRotated(_message.Message):
    __slots__ = ("participant_id", "old_key_id", "key_id")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    OLD_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    old_key_id: str
    key_id: str
    def __init__(self, participant_id: _Optional[str] = ..., old_key_id: _Optional[str] = ..., key_id: _Optional[str] = ...) -> None: ...

class KeyRevoked(_message.Message):
    __slots__ = ("participant_id", "key_id")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key_id: str
    def __init__(self, participant_id: _Optional[str] = ..., key_id: _Optional[str] = ...) -> None: ...

class KeyRecovered(_message.Message):
    __slots__ = ("participant_id", "key_id", "revoked_key_ids", "recovered_by", "requested_by", "reason", "reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    REVOKED_KEY_IDS_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    key_id: str
    revoked_key_ids: _containers.RepeatedScalarFieldContainer[str]
    recovered_by: str
    requested_by: str
    reason: str
    reference: str
    def __init__(self, participant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., revoked_key_ids: _Optional[_Iterable[str]] = ..., recovered_by: _Optional[str] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class CapSet(_message.Message):
    __slots__ = ("vintage", "cap")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    CAP_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    cap: int
    def __init__(self, vintage: _Optional[int] = ..., cap: _Optional[int] = ...) -> None: ...

class AllowancesIssued(_message.Message):
    __slots__ = ("vintage", "amount")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    amount: int
    def __init__(self, vintage: _Optional[int] = ..., amount: _Optional[int] = ...) -> None: ...

class ReserveMoved(_message.Message):
    __slots__ = ("direction", "purpose", "account_id", "unit", "amount")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    direction: _types_pb2.ReserveDirection
    purpose: _types_pb2.ReservePurpose
    account_id: str
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, direction: _Optional[_Union[_types_pb2.ReserveDirection, str]] = ..., purpose: _Optional[_Union[_types_pb2.ReservePurpose, str]] = ..., account_id: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class Allocated(_message.Message):
    __slots__ = ("province", "method_version", "entry_count", "total")
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    METHOD_VERSION_FIELD_NUMBER: _ClassVar[int]
    ENTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    province: str
    method_version: str
    entry_count: int
    total: int
    def __init__(self, province: _Optional[str] = ..., method_version: _Optional[str] = ..., entry_count: _Optional[int] = ..., total: _Optional[int] = ...) -> None: ...

class AllocationAdjusted(_message.Message):
    __slots__ = ("emitter_id", "vintage", "delta", "reason")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    vintage: int
    delta: int
    reason: _types_pb2.AdjustmentReason
    def __init__(self, emitter_id: _Optional[str] = ..., vintage: _Optional[int] = ..., delta: _Optional[int] = ..., reason: _Optional[_Union[_types_pb2.AdjustmentReason, str]] = ...) -> None: ...

class Transferred(_message.Message):
    __slots__ = ("from_account", "to_account", "unit", "amount")
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    from_account: str
    to_account: str
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class Surrendered(_message.Message):
    __slots__ = ("emitter_id", "province", "compliance_year", "unit", "amount")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_YEAR_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    province: str
    compliance_year: int
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., compliance_year: _Optional[int] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class Cancelled(_message.Message):
    __slots__ = ("certificate_id", "account_id", "holder", "unit", "amount", "beneficiary", "purpose", "height", "time_ms")
    CERTIFICATE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BENEFICIARY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    certificate_id: str
    account_id: str
    holder: str
    unit: _types_pb2.Unit
    amount: int
    beneficiary: str
    purpose: str
    height: int
    time_ms: int
    def __init__(self, certificate_id: _Optional[str] = ..., account_id: _Optional[str] = ..., holder: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., beneficiary: _Optional[str] = ..., purpose: _Optional[str] = ..., height: _Optional[int] = ..., time_ms: _Optional[int] = ...) -> None: ...

class CcerRecorded(_message.Message):
    __slots__ = ("project_id", "unit", "amount", "to_account")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    unit: _types_pb2.Unit
    amount: int
    to_account: str
    def __init__(self, project_id: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., to_account: _Optional[str] = ...) -> None: ...

class RulebookSet(_message.Message):
    __slots__ = ("effective_ms",)
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    effective_ms: int
    def __init__(self, effective_ms: _Optional[int] = ...) -> None: ...

class TransferHeld(_message.Message):
    __slots__ = ("tx_id", "from_account", "to_account", "unit", "amount", "release_ms")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RELEASE_MS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    from_account: str
    to_account: str
    unit: _types_pb2.Unit
    amount: int
    release_ms: int
    def __init__(self, tx_id: _Optional[bytes] = ..., from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ..., release_ms: _Optional[int] = ...) -> None: ...

class HeldTransferReleased(_message.Message):
    __slots__ = ("tx_id", "released_by")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    RELEASED_BY_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    released_by: str
    def __init__(self, tx_id: _Optional[bytes] = ..., released_by: _Optional[str] = ...) -> None: ...

class HeldTransferCancelled(_message.Message):
    __slots__ = ("tx_id", "from_account", "unit", "amount")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    from_account: str
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, tx_id: _Optional[bytes] = ..., from_account: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class TrustedAccountSet(_message.Message):
    __slots__ = ("account_id", "trusted_account_id", "change", "effective_ms")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    trusted_account_id: str
    change: TrustedListChange
    effective_ms: int
    def __init__(self, account_id: _Optional[str] = ..., trusted_account_id: _Optional[str] = ..., change: _Optional[_Union[TrustedListChange, str]] = ..., effective_ms: _Optional[int] = ...) -> None: ...

class AccountPolicySet(_message.Message):
    __slots__ = ("account_id", "policy", "effective_ms")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    policy: ProtectionPolicy
    effective_ms: int
    def __init__(self, account_id: _Optional[str] = ..., policy: _Optional[_Union[ProtectionPolicy, _Mapping]] = ..., effective_ms: _Optional[int] = ...) -> None: ...
