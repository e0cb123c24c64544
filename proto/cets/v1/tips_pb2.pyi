from cets.v1 import supervision_pb2 as _supervision_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TipCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIP_CATEGORY_UNSPECIFIED: _ClassVar[TipCategory]
    TIP_CATEGORY_DATA_FRAUD: _ClassVar[TipCategory]
    TIP_CATEGORY_VERIFICATION: _ClassVar[TipCategory]
    TIP_CATEGORY_MARKET_ABUSE: _ClassVar[TipCategory]
    TIP_CATEGORY_NON_COMPLIANCE: _ClassVar[TipCategory]
    TIP_CATEGORY_OFFICIAL_MISCONDUCT: _ClassVar[TipCategory]
    TIP_CATEGORY_OTHER: _ClassVar[TipCategory]

class TipStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIP_STATUS_UNSPECIFIED: _ClassVar[TipStatus]
    TIP_STATUS_FILED: _ClassVar[TipStatus]
    TIP_STATUS_IN_HANDLING: _ClassVar[TipStatus]
    TIP_STATUS_ANSWERED: _ClassVar[TipStatus]
TIP_CATEGORY_UNSPECIFIED: TipCategory
TIP_CATEGORY_DATA_FRAUD: TipCategory
TIP_CATEGORY_VERIFICATION: TipCategory
TIP_CATEGORY_MARKET_ABUSE: TipCategory
TIP_CATEGORY_NON_COMPLIANCE: TipCategory
TIP_CATEGORY_OFFICIAL_MISCONDUCT: TipCategory
TIP_CATEGORY_OTHER: TipCategory
TIP_STATUS_UNSPECIFIED: TipStatus
TIP_STATUS_FILED: TipStatus
TIP_STATUS_IN_HANDLING: TipStatus
TIP_STATUS_ANSWERED: TipStatus

class SetTipIntake(_message.Message):
    __slots__ = ("public_key",)
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    public_key: bytes
    def __init__(self, public_key: _Optional[bytes] = ...) -> None: ...

class FileTip(_message.Message):
    __slots__ = ("authority", "subject", "category", "reporter_key", "intake_key", "sealed")
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    REPORTER_KEY_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KEY_FIELD_NUMBER: _ClassVar[int]
    SEALED_FIELD_NUMBER: _ClassVar[int]
    authority: str
    subject: str
    category: TipCategory
    reporter_key: bytes
    intake_key: bytes
    sealed: bytes
    def __init__(self, authority: _Optional[str] = ..., subject: _Optional[str] = ..., category: _Optional[_Union[TipCategory, str]] = ..., reporter_key: _Optional[bytes] = ..., intake_key: _Optional[bytes] = ..., sealed: _Optional[bytes] = ...) -> None: ...

class HandleTip(_message.Message):
    __slots__ = ("tip_id", "note")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    note: str
    def __init__(self, tip_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class AnswerTip(_message.Message):
    __slots__ = ("tip_id", "answer")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    answer: str
    def __init__(self, tip_id: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class TipIntake(_message.Message):
    __slots__ = ("authority", "public_key", "height", "version")
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    authority: str
    public_key: bytes
    height: int
    version: int
    def __init__(self, authority: _Optional[str] = ..., public_key: _Optional[bytes] = ..., height: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class TipStep(_message.Message):
    __slots__ = ("height", "time_ms", "note")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    height: int
    time_ms: int
    note: str
    def __init__(self, height: _Optional[int] = ..., time_ms: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class Tip(_message.Message):
    __slots__ = ("tip_id", "authority", "subject", "category", "status", "filed_height", "filed_ms", "steps", "answer", "answered_height", "answered_ms")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    FILED_MS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_MS_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    authority: str
    subject: str
    category: TipCategory
    status: TipStatus
    filed_height: int
    filed_ms: int
    steps: _containers.RepeatedCompositeFieldContainer[TipStep]
    answer: str
    answered_height: int
    answered_ms: int
    def __init__(self, tip_id: _Optional[str] = ..., authority: _Optional[str] = ..., subject: _Optional[str] = ..., category: _Optional[_Union[TipCategory, str]] = ..., status: _Optional[_Union[TipStatus, str]] = ..., filed_height: _Optional[int] = ..., filed_ms: _Optional[int] = ..., steps: _Optional[_Iterable[_Union[TipStep, _Mapping]]] = ..., answer: _Optional[str] = ..., answered_height: _Optional[int] = ..., answered_ms: _Optional[int] = ...) -> None: ...

class SealedTip(_message.Message):
    __slots__ = ("tip_id", "authority", "intake_key", "reporter_key", "sealed")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KEY_FIELD_NUMBER: _ClassVar[int]
    REPORTER_KEY_FIELD_NUMBER: _ClassVar[int]
    SEALED_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    authority: str
    intake_key: bytes
    reporter_key: bytes
    sealed: bytes
    def __init__(self, tip_id: _Optional[str] = ..., authority: _Optional[str] = ..., intake_key: _Optional[bytes] = ..., reporter_key: _Optional[bytes] = ..., sealed: _Optional[bytes] = ...) -> None: ...

class TipIntakeSet(_message.Message):
    __slots__ = ("authority", "version")
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    authority: str
    version: int
    def __init__(self, authority: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class TipFiled(_message.Message):
    __slots__ = ("tip_id", "authority")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    authority: str
    def __init__(self, tip_id: _Optional[str] = ..., authority: _Optional[str] = ...) -> None: ...

class TipHandled(_message.Message):
    __slots__ = ("tip_id", "step_count")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_COUNT_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    step_count: int
    def __init__(self, tip_id: _Optional[str] = ..., step_count: _Optional[int] = ...) -> None: ...

class TipAnswered(_message.Message):
    __slots__ = ("tip_id",)
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    def __init__(self, tip_id: _Optional[str] = ...) -> None: ...

class GetTipIntakeRequest(_message.Message):
    __slots__ = ("authority",)
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    authority: str
    def __init__(self, authority: _Optional[str] = ...) -> None: ...

class GetTipRequest(_message.Message):
    __slots__ = ("tip_id",)
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    def __init__(self, tip_id: _Optional[str] = ...) -> None: ...

class ListTipsRequest(_message.Message):
    __slots__ = ("authority", "status", "page_size", "page_token")
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    authority: str
    status: TipStatus
    page_size: int
    page_token: str
    def __init__(self, authority: _Optional[str] = ..., status: _Optional[_Union[TipStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTipsResponse(_message.Message):
    __slots__ = ("tips", "next_page_token")
    TIPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tips: _containers.RepeatedCompositeFieldContainer[Tip]
    next_page_token: str
    def __init__(self, tips: _Optional[_Iterable[_Union[Tip, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetSealedTipRequest(_message.Message):
    __slots__ = ("tip_id", "auth")
    TIP_ID_FIELD_NUMBER: _ClassVar[int]
    AUTH_FIELD_NUMBER: _ClassVar[int]
    tip_id: str
    auth: _supervision_pb2.QueryAuth
    def __init__(self, tip_id: _Optional[str] = ..., auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ...) -> None: ...
