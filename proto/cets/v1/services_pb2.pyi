from cets.v1 import enforcement_pb2 as _enforcement_pb2
from cets.v1 import ledger_pb2 as _ledger_pb2
from cets.v1 import market_pb2 as _market_pb2
from cets.v1 import mrv_pb2 as _mrv_pb2
from cets.v1 import types_pb2 as _types_pb2
from cets.v1 import proofs_pb2 as _proofs_pb2
from cets.v1 import history_pb2 as _history_pb2
from cets.v1 import registry_pb2 as _registry_pb2
from cets.v1 import supervision_pb2 as _supervision_pb2
from cets.v1 import tips_pb2 as _tips_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SubmitRequest(_message.Message):
    __slots__ = ("tx",)
    TX_FIELD_NUMBER: _ClassVar[int]
    tx: bytes
    def __init__(self, tx: _Optional[bytes] = ...) -> None: ...

class SubmitBatchRequest(_message.Message):
    __slots__ = ("txs",)
    TXS_FIELD_NUMBER: _ClassVar[int]
    txs: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, txs: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SubmitBatchResponse(_message.Message):
    __slots__ = ("receipts",)
    RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    receipts: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Receipt]
    def __init__(self, receipts: _Optional[_Iterable[_Union[_ledger_pb2.Receipt, _Mapping]]] = ...) -> None: ...

class GetParticipantRequest(_message.Message):
    __slots__ = ("participant_id",)
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    def __init__(self, participant_id: _Optional[str] = ...) -> None: ...

class ListParticipantsRequest(_message.Message):
    __slots__ = ("role", "province", "page_size", "page_token")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    role: _types_pb2.Role
    province: str
    page_size: int
    page_token: str
    def __init__(self, role: _Optional[_Union[_types_pb2.Role, str]] = ..., province: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListParticipantsResponse(_message.Message):
    __slots__ = ("participants", "next_page_token")
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participants: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Participant]
    next_page_token: str
    def __init__(self, participants: _Optional[_Iterable[_Union[_ledger_pb2.Participant, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListKeysRequest(_message.Message):
    __slots__ = ("participant_id", "page_size", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    page_size: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListKeysResponse(_message.Message):
    __slots__ = ("keys", "next_page_token")
    KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.KeyRecord]
    next_page_token: str
    def __init__(self, keys: _Optional[_Iterable[_Union[_ledger_pb2.KeyRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRulebooksRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRulebooksResponse(_message.Message):
    __slots__ = ("versions", "next_page_token")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.RulebookVersion]
    next_page_token: str
    def __init__(self, versions: _Optional[_Iterable[_Union[_ledger_pb2.RulebookVersion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class AccountView(_message.Message):
    __slots__ = ("account", "holdings", "height", "holdings_next_page_token", "protection", "held")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROTECTION_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    account: _ledger_pb2.Account
    holdings: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    height: int
    holdings_next_page_token: str
    protection: _registry_pb2.AccountProtection
    held: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    def __init__(self, account: _Optional[_Union[_ledger_pb2.Account, _Mapping]] = ..., holdings: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ..., height: _Optional[int] = ..., holdings_next_page_token: _Optional[str] = ..., protection: _Optional[_Union[_registry_pb2.AccountProtection, _Mapping]] = ..., held: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ...) -> None: ...

class ListTrustedAccountsRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTrustedAccountsResponse(_message.Message):
    __slots__ = ("trusted_accounts", "next_page_token", "time_ms")
    TRUSTED_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    trusted_accounts: _containers.RepeatedCompositeFieldContainer[_registry_pb2.TrustedAccount]
    next_page_token: str
    time_ms: int
    def __init__(self, trusted_accounts: _Optional[_Iterable[_Union[_registry_pb2.TrustedAccount, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., time_ms: _Optional[int] = ...) -> None: ...

class ListHeldTransfersRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHeldTransfersResponse(_message.Message):
    __slots__ = ("held_transfers", "next_page_token", "time_ms")
    HELD_TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    held_transfers: _containers.RepeatedCompositeFieldContainer[_registry_pb2.HeldTransfer]
    next_page_token: str
    time_ms: int
    def __init__(self, held_transfers: _Optional[_Iterable[_Union[_registry_pb2.HeldTransfer, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., time_ms: _Optional[int] = ...) -> None: ...

class ListHoldingsRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHoldingsResponse(_message.Message):
    __slots__ = ("holdings", "next_page_token")
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    holdings: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    next_page_token: str
    def __init__(self, holdings: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetSupplyRequest(_message.Message):
    __slots__ = ("vintage",)
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    def __init__(self, vintage: _Optional[int] = ...) -> None: ...

class Supply(_message.Message):
    __slots__ = ("vintage", "cap", "issued", "surrendered", "cancelled", "height")
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    CAP_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    vintage: int
    cap: int
    issued: int
    surrendered: int
    cancelled: int
    height: int
    def __init__(self, vintage: _Optional[int] = ..., cap: _Optional[int] = ..., issued: _Optional[int] = ..., surrendered: _Optional[int] = ..., cancelled: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class GetHeadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Head(_message.Message):
    __slots__ = ("height", "hash", "header", "chain_id", "final_height")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    FINAL_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    height: int
    hash: bytes
    header: bytes
    chain_id: str
    final_height: int
    def __init__(self, height: _Optional[int] = ..., hash: _Optional[bytes] = ..., header: _Optional[bytes] = ..., chain_id: _Optional[str] = ..., final_height: _Optional[int] = ...) -> None: ...

class GetGenesisRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GenesisView(_message.Message):
    __slots__ = ("genesis", "hash")
    GENESIS_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    genesis: bytes
    hash: bytes
    def __init__(self, genesis: _Optional[bytes] = ..., hash: _Optional[bytes] = ...) -> None: ...

class GetBlockRequest(_message.Message):
    __slots__ = ("height",)
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    height: int
    def __init__(self, height: _Optional[int] = ...) -> None: ...

class GetCancellationRequest(_message.Message):
    __slots__ = ("certificate_id",)
    CERTIFICATE_ID_FIELD_NUMBER: _ClassVar[int]
    certificate_id: str
    def __init__(self, certificate_id: _Optional[str] = ...) -> None: ...

class CancellationView(_message.Message):
    __slots__ = ("cancelled", "tx_id")
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    cancelled: _registry_pb2.Cancelled
    tx_id: bytes
    def __init__(self, cancelled: _Optional[_Union[_registry_pb2.Cancelled, _Mapping]] = ..., tx_id: _Optional[bytes] = ...) -> None: ...

class GetTransactionRequest(_message.Message):
    __slots__ = ("tx_id", "with_proof")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    WITH_PROOF_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    with_proof: bool
    def __init__(self, tx_id: _Optional[bytes] = ..., with_proof: _Optional[bool] = ...) -> None: ...

class TransactionView(_message.Message):
    __slots__ = ("receipt", "tx", "proof")
    RECEIPT_FIELD_NUMBER: _ClassVar[int]
    TX_FIELD_NUMBER: _ClassVar[int]
    PROOF_FIELD_NUMBER: _ClassVar[int]
    receipt: _ledger_pb2.Receipt
    tx: bytes
    proof: _ledger_pb2.TxInclusionProof
    def __init__(self, receipt: _Optional[_Union[_ledger_pb2.Receipt, _Mapping]] = ..., tx: _Optional[bytes] = ..., proof: _Optional[_Union[_ledger_pb2.TxInclusionProof, _Mapping]] = ...) -> None: ...

class StreamBlocksRequest(_message.Message):
    __slots__ = ("from_height", "to_height", "final_only")
    FROM_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TO_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    FINAL_ONLY_FIELD_NUMBER: _ClassVar[int]
    from_height: int
    to_height: int
    final_only: bool
    def __init__(self, from_height: _Optional[int] = ..., to_height: _Optional[int] = ..., final_only: _Optional[bool] = ...) -> None: ...

class ListEvidenceRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEvidenceResponse(_message.Message):
    __slots__ = ("evidence", "next_page_token")
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    evidence: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Evidence]
    next_page_token: str
    def __init__(self, evidence: _Optional[_Iterable[_Union[_ledger_pb2.Evidence, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListNodeKeyChangesRequest(_message.Message):
    __slots__ = ("from_height", "to_height", "page_size", "page_token")
    FROM_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TO_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    from_height: int
    to_height: int
    page_size: int
    page_token: str
    def __init__(self, from_height: _Optional[int] = ..., to_height: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNodeKeyChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_proofs_pb2.ProvenTx]
    next_page_token: str
    def __init__(self, changes: _Optional[_Iterable[_Union[_proofs_pb2.ProvenTx, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetEmitterYearRequest(_message.Message):
    __slots__ = ("emitter_id", "year")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class EmitterYearView(_message.Message):
    __slots__ = ("emitter", "year", "listing", "declaration", "reports", "plan", "assignment", "verifications", "estimate", "compliance", "fines", "deduction", "height")
    EMITTER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    LISTING_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    FINES_FIELD_NUMBER: _ClassVar[int]
    DEDUCTION_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    emitter: _ledger_pb2.Participant
    year: int
    listing: _mrv_pb2.EmitterListing
    declaration: _mrv_pb2.EmissionsDeclaration
    reports: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.EmissionReport]
    plan: _mrv_pb2.MonitoringPlan
    assignment: _mrv_pb2.DrawAssignment
    verifications: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Verification]
    estimate: _mrv_pb2.EmissionsEstimate
    compliance: _mrv_pb2.ComplianceRecord
    fines: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Fine]
    deduction: _mrv_pb2.AllocationDeduction
    height: int
    def __init__(self, emitter: _Optional[_Union[_ledger_pb2.Participant, _Mapping]] = ..., year: _Optional[int] = ..., listing: _Optional[_Union[_mrv_pb2.EmitterListing, _Mapping]] = ..., declaration: _Optional[_Union[_mrv_pb2.EmissionsDeclaration, _Mapping]] = ..., reports: _Optional[_Iterable[_Union[_mrv_pb2.EmissionReport, _Mapping]]] = ..., plan: _Optional[_Union[_mrv_pb2.MonitoringPlan, _Mapping]] = ..., assignment: _Optional[_Union[_mrv_pb2.DrawAssignment, _Mapping]] = ..., verifications: _Optional[_Iterable[_Union[_mrv_pb2.Verification, _Mapping]]] = ..., estimate: _Optional[_Union[_mrv_pb2.EmissionsEstimate, _Mapping]] = ..., compliance: _Optional[_Union[_mrv_pb2.ComplianceRecord, _Mapping]] = ..., fines: _Optional[_Iterable[_Union[_mrv_pb2.Fine, _Mapping]]] = ..., deduction: _Optional[_Union[_mrv_pb2.AllocationDeduction, _Mapping]] = ..., height: _Optional[int] = ...) -> None: ...

class ListKeyEmittersRequest(_message.Message):
    __slots__ = ("year", "province", "page_size", "page_token")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    year: int
    province: str
    page_size: int
    page_token: str
    def __init__(self, year: _Optional[int] = ..., province: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListKeyEmittersResponse(_message.Message):
    __slots__ = ("listings", "next_page_token")
    LISTINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    listings: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.EmitterListing]
    next_page_token: str
    def __init__(self, listings: _Optional[_Iterable[_Union[_mrv_pb2.EmitterListing, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListMonitoringPlansRequest(_message.Message):
    __slots__ = ("emitter_id", "page_size", "page_token")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    page_size: int
    page_token: str
    def __init__(self, emitter_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMonitoringPlansResponse(_message.Message):
    __slots__ = ("plans", "next_page_token")
    PLANS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.MonitoringPlan]
    next_page_token: str
    def __init__(self, plans: _Optional[_Iterable[_Union[_mrv_pb2.MonitoringPlan, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListEmissionReportsRequest(_message.Message):
    __slots__ = ("emitter_id", "year", "page_size", "page_token")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    year: int
    page_size: int
    page_token: str
    def __init__(self, emitter_id: _Optional[str] = ..., year: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEmissionReportsResponse(_message.Message):
    __slots__ = ("reports", "next_page_token")
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    reports: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.EmissionReport]
    next_page_token: str
    def __init__(self, reports: _Optional[_Iterable[_Union[_mrv_pb2.EmissionReport, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetVerificationDrawRequest(_message.Message):
    __slots__ = ("draw_id",)
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    draw_id: bytes
    def __init__(self, draw_id: _Optional[bytes] = ...) -> None: ...

class ListVerificationDrawsRequest(_message.Message):
    __slots__ = ("province", "year", "page_size", "page_token")
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    province: str
    year: int
    page_size: int
    page_token: str
    def __init__(self, province: _Optional[str] = ..., year: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListVerificationDrawsResponse(_message.Message):
    __slots__ = ("draws", "next_page_token")
    DRAWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    draws: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.VerificationDraw]
    next_page_token: str
    def __init__(self, draws: _Optional[_Iterable[_Union[_mrv_pb2.VerificationDraw, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListAppealsRequest(_message.Message):
    __slots__ = ("emitter_id", "page_size", "page_token")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    page_size: int
    page_token: str
    def __init__(self, emitter_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAppealsResponse(_message.Message):
    __slots__ = ("appeals", "next_page_token")
    APPEALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    appeals: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Appeal]
    next_page_token: str
    def __init__(self, appeals: _Optional[_Iterable[_Union[_mrv_pb2.Appeal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListAllocationMethodsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAllocationMethodsResponse(_message.Message):
    __slots__ = ("methods", "next_page_token")
    METHODS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    methods: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.AllocationMethod]
    next_page_token: str
    def __init__(self, methods: _Optional[_Iterable[_Union[_mrv_pb2.AllocationMethod, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListComplianceRequest(_message.Message):
    __slots__ = ("year", "province", "status", "only_status", "page_size", "page_token")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ONLY_STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    year: int
    province: str
    status: _mrv_pb2.ComplianceStatus
    only_status: bool
    page_size: int
    page_token: str
    def __init__(self, year: _Optional[int] = ..., province: _Optional[str] = ..., status: _Optional[_Union[_mrv_pb2.ComplianceStatus, str]] = ..., only_status: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListComplianceResponse(_message.Message):
    __slots__ = ("records", "next_page_token")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.ComplianceRecord]
    next_page_token: str
    def __init__(self, records: _Optional[_Iterable[_Union[_mrv_pb2.ComplianceRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetEmitterProfileRequest(_message.Message):
    __slots__ = ("auth", "emitter_id")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    emitter_id: str
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., emitter_id: _Optional[str] = ...) -> None: ...

class ParticipantTransaction(_message.Message):
    __slots__ = ("tx_id", "height", "kind", "delegation_id")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DELEGATION_ID_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    height: int
    kind: str
    delegation_id: bytes
    def __init__(self, tx_id: _Optional[bytes] = ..., height: _Optional[int] = ..., kind: _Optional[str] = ..., delegation_id: _Optional[bytes] = ...) -> None: ...

class EnforcementHistory(_message.Message):
    __slots__ = ("measures", "measures_truncated", "credit", "credit_truncated", "blacklist", "notices", "notices_truncated", "restrictions")
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    MEASURES_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    CREDIT_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    BLACKLIST_FIELD_NUMBER: _ClassVar[int]
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    NOTICES_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    RESTRICTIONS_FIELD_NUMBER: _ClassVar[int]
    measures: _containers.RepeatedCompositeFieldContainer[_enforcement_pb2.Measure]
    measures_truncated: bool
    credit: _containers.RepeatedCompositeFieldContainer[_enforcement_pb2.CreditEntry]
    credit_truncated: bool
    blacklist: _containers.RepeatedCompositeFieldContainer[_enforcement_pb2.BlacklistEntry]
    notices: _containers.RepeatedCompositeFieldContainer[_enforcement_pb2.JointPunishmentNotice]
    notices_truncated: bool
    restrictions: _enforcement_pb2.Restrictions
    def __init__(self, measures: _Optional[_Iterable[_Union[_enforcement_pb2.Measure, _Mapping]]] = ..., measures_truncated: _Optional[bool] = ..., credit: _Optional[_Iterable[_Union[_enforcement_pb2.CreditEntry, _Mapping]]] = ..., credit_truncated: _Optional[bool] = ..., blacklist: _Optional[_Iterable[_Union[_enforcement_pb2.BlacklistEntry, _Mapping]]] = ..., notices: _Optional[_Iterable[_Union[_enforcement_pb2.JointPunishmentNotice, _Mapping]]] = ..., notices_truncated: _Optional[bool] = ..., restrictions: _Optional[_Union[_enforcement_pb2.Restrictions, _Mapping]] = ...) -> None: ...

class EmitterProfile(_message.Message):
    __slots__ = ("emitter", "account", "holdings", "holdings_truncated", "transactions", "transactions_next_page_token", "listings", "plans", "reports", "verifications", "compliance", "fines", "appeals", "inspections", "height", "enforcement")
    EMITTER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTIONS_NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LISTINGS_FIELD_NUMBER: _ClassVar[int]
    PLANS_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    FINES_FIELD_NUMBER: _ClassVar[int]
    APPEALS_FIELD_NUMBER: _ClassVar[int]
    INSPECTIONS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    ENFORCEMENT_FIELD_NUMBER: _ClassVar[int]
    emitter: _ledger_pb2.Participant
    account: _ledger_pb2.Account
    holdings: _containers.RepeatedCompositeFieldContainer[_ledger_pb2.Holding]
    holdings_truncated: bool
    transactions: _containers.RepeatedCompositeFieldContainer[ParticipantTransaction]
    transactions_next_page_token: str
    listings: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.EmitterListing]
    plans: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.MonitoringPlan]
    reports: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.EmissionReport]
    verifications: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Verification]
    compliance: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.ComplianceRecord]
    fines: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Fine]
    appeals: _containers.RepeatedCompositeFieldContainer[_mrv_pb2.Appeal]
    inspections: _containers.RepeatedCompositeFieldContainer[_supervision_pb2.Inspection]
    height: int
    enforcement: EnforcementHistory
    def __init__(self, emitter: _Optional[_Union[_ledger_pb2.Participant, _Mapping]] = ..., account: _Optional[_Union[_ledger_pb2.Account, _Mapping]] = ..., holdings: _Optional[_Iterable[_Union[_ledger_pb2.Holding, _Mapping]]] = ..., holdings_truncated: _Optional[bool] = ..., transactions: _Optional[_Iterable[_Union[ParticipantTransaction, _Mapping]]] = ..., transactions_next_page_token: _Optional[str] = ..., listings: _Optional[_Iterable[_Union[_mrv_pb2.EmitterListing, _Mapping]]] = ..., plans: _Optional[_Iterable[_Union[_mrv_pb2.MonitoringPlan, _Mapping]]] = ..., reports: _Optional[_Iterable[_Union[_mrv_pb2.EmissionReport, _Mapping]]] = ..., verifications: _Optional[_Iterable[_Union[_mrv_pb2.Verification, _Mapping]]] = ..., compliance: _Optional[_Iterable[_Union[_mrv_pb2.ComplianceRecord, _Mapping]]] = ..., fines: _Optional[_Iterable[_Union[_mrv_pb2.Fine, _Mapping]]] = ..., appeals: _Optional[_Iterable[_Union[_mrv_pb2.Appeal, _Mapping]]] = ..., inspections: _Optional[_Iterable[_Union[_supervision_pb2.Inspection, _Mapping]]] = ..., height: _Optional[int] = ..., enforcement: _Optional[_Union[EnforcementHistory, _Mapping]] = ...) -> None: ...

class ListParticipantTransactionsRequest(_message.Message):
    __slots__ = ("auth", "participant_id", "page_size", "page_token")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    participant_id: str
    page_size: int
    page_token: str
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., participant_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListParticipantTransactionsResponse(_message.Message):
    __slots__ = ("transactions", "next_page_token")
    TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    transactions: _containers.RepeatedCompositeFieldContainer[ParticipantTransaction]
    next_page_token: str
    def __init__(self, transactions: _Optional[_Iterable[_Union[ParticipantTransaction, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListEmittersRequest(_message.Message):
    __slots__ = ("auth", "year", "province", "sector", "status", "only_status", "page_size", "page_token")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ONLY_STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    year: int
    province: str
    sector: str
    status: _mrv_pb2.ComplianceStatus
    only_status: bool
    page_size: int
    page_token: str
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., year: _Optional[int] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., status: _Optional[_Union[_mrv_pb2.ComplianceStatus, str]] = ..., only_status: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class EmitterRow(_message.Message):
    __slots__ = ("emitter", "listing", "compliance")
    EMITTER_FIELD_NUMBER: _ClassVar[int]
    LISTING_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    emitter: _ledger_pb2.Participant
    listing: _mrv_pb2.EmitterListing
    compliance: _mrv_pb2.ComplianceRecord
    def __init__(self, emitter: _Optional[_Union[_ledger_pb2.Participant, _Mapping]] = ..., listing: _Optional[_Union[_mrv_pb2.EmitterListing, _Mapping]] = ..., compliance: _Optional[_Union[_mrv_pb2.ComplianceRecord, _Mapping]] = ...) -> None: ...

class ListEmittersResponse(_message.Message):
    __slots__ = ("emitters", "next_page_token")
    EMITTERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    emitters: _containers.RepeatedCompositeFieldContainer[EmitterRow]
    next_page_token: str
    def __init__(self, emitters: _Optional[_Iterable[_Union[EmitterRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListInspectionPrioritiesRequest(_message.Message):
    __slots__ = ("auth", "year", "province", "page_size", "page_token")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    year: int
    province: str
    page_size: int
    page_token: str
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., year: _Optional[int] = ..., province: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class PriorityReason(_message.Message):
    __slots__ = ("reason", "points", "detail")
    REASON_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    reason: str
    points: int
    detail: str
    def __init__(self, reason: _Optional[str] = ..., points: _Optional[int] = ..., detail: _Optional[str] = ...) -> None: ...

class InspectionPriority(_message.Message):
    __slots__ = ("rank", "emitter_id", "province", "sector", "score", "reasons")
    RANK_FIELD_NUMBER: _ClassVar[int]
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    rank: int
    emitter_id: str
    province: str
    sector: str
    score: int
    reasons: _containers.RepeatedCompositeFieldContainer[PriorityReason]
    def __init__(self, rank: _Optional[int] = ..., emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., score: _Optional[int] = ..., reasons: _Optional[_Iterable[_Union[PriorityReason, _Mapping]]] = ...) -> None: ...

class ListInspectionPrioritiesResponse(_message.Message):
    __slots__ = ("priorities", "next_page_token", "height", "truncated")
    PRIORITIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    priorities: _containers.RepeatedCompositeFieldContainer[InspectionPriority]
    next_page_token: str
    height: int
    truncated: bool
    def __init__(self, priorities: _Optional[_Iterable[_Union[InspectionPriority, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., height: _Optional[int] = ..., truncated: _Optional[bool] = ...) -> None: ...

class GetVerifierOversightRequest(_message.Message):
    __slots__ = ("auth", "verifier_id", "year")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    verifier_id: str
    year: int
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., verifier_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class VerifiedReport(_message.Message):
    __slots__ = ("emitter_id", "province", "verified", "report_version", "reported_tonnes", "verified_tonnes", "deviation_bps", "overturned_on_appeal", "final_tonnes")
    EMITTER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_FIELD_NUMBER: _ClassVar[int]
    REPORT_VERSION_FIELD_NUMBER: _ClassVar[int]
    REPORTED_TONNES_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_TONNES_FIELD_NUMBER: _ClassVar[int]
    DEVIATION_BPS_FIELD_NUMBER: _ClassVar[int]
    OVERTURNED_ON_APPEAL_FIELD_NUMBER: _ClassVar[int]
    FINAL_TONNES_FIELD_NUMBER: _ClassVar[int]
    emitter_id: str
    province: str
    verified: bool
    report_version: int
    reported_tonnes: int
    verified_tonnes: int
    deviation_bps: int
    overturned_on_appeal: bool
    final_tonnes: int
    def __init__(self, emitter_id: _Optional[str] = ..., province: _Optional[str] = ..., verified: _Optional[bool] = ..., report_version: _Optional[int] = ..., reported_tonnes: _Optional[int] = ..., verified_tonnes: _Optional[int] = ..., deviation_bps: _Optional[int] = ..., overturned_on_appeal: _Optional[bool] = ..., final_tonnes: _Optional[int] = ...) -> None: ...

class VerifierOversight(_message.Message):
    __slots__ = ("verifier", "year", "reports", "assigned_count", "verified_count", "overturned_count", "findings", "height")
    VERIFIER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_COUNT_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_COUNT_FIELD_NUMBER: _ClassVar[int]
    OVERTURNED_COUNT_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    verifier: _ledger_pb2.Participant
    year: int
    reports: _containers.RepeatedCompositeFieldContainer[VerifiedReport]
    assigned_count: int
    verified_count: int
    overturned_count: int
    findings: _containers.RepeatedCompositeFieldContainer[_supervision_pb2.VerifierFinding]
    height: int
    def __init__(self, verifier: _Optional[_Union[_ledger_pb2.Participant, _Mapping]] = ..., year: _Optional[int] = ..., reports: _Optional[_Iterable[_Union[VerifiedReport, _Mapping]]] = ..., assigned_count: _Optional[int] = ..., verified_count: _Optional[int] = ..., overturned_count: _Optional[int] = ..., findings: _Optional[_Iterable[_Union[_supervision_pb2.VerifierFinding, _Mapping]]] = ..., height: _Optional[int] = ...) -> None: ...

class ListDelegationsRequest(_message.Message):
    __slots__ = ("auth", "city", "province", "page_size", "page_token")
    AUTH_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    auth: _supervision_pb2.QueryAuth
    city: str
    province: str
    page_size: int
    page_token: str
    def __init__(self, auth: _Optional[_Union[_supervision_pb2.QueryAuth, _Mapping]] = ..., city: _Optional[str] = ..., province: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDelegationsResponse(_message.Message):
    __slots__ = ("delegations", "next_page_token")
    DELEGATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    delegations: _containers.RepeatedCompositeFieldContainer[_supervision_pb2.Delegation]
    next_page_token: str
    def __init__(self, delegations: _Optional[_Iterable[_Union[_supervision_pb2.Delegation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetOrderRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    def __init__(self, order_id: _Optional[bytes] = ...) -> None: ...

class ListOrdersRequest(_message.Message):
    __slots__ = ("account_id", "status", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    status: _market_pb2.OrderStatus
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., status: _Optional[_Union[_market_pb2.OrderStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders", "next_page_token")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[_market_pb2.Order]
    next_page_token: str
    def __init__(self, orders: _Optional[_Iterable[_Union[_market_pb2.Order, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCashAccountRequest(_message.Message):
    __slots__ = ("holder",)
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    holder: str
    def __init__(self, holder: _Optional[str] = ...) -> None: ...

class CashAccountView(_message.Message):
    __slots__ = ("holder", "balance_fen", "reserved_fen", "available_fen", "height")
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FEN_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    holder: str
    balance_fen: int
    reserved_fen: int
    available_fen: int
    height: int
    def __init__(self, holder: _Optional[str] = ..., balance_fen: _Optional[int] = ..., reserved_fen: _Optional[int] = ..., available_fen: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class GetBookRequest(_message.Message):
    __slots__ = ("unit", "mode")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    mode: _types_pb2.TradingMode
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., mode: _Optional[_Union[_types_pb2.TradingMode, str]] = ...) -> None: ...

class BookLevel(_message.Message):
    __slots__ = ("price_fen", "quantity")
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    price_fen: int
    quantity: int
    def __init__(self, price_fen: _Optional[int] = ..., quantity: _Optional[int] = ...) -> None: ...

class BookView(_message.Message):
    __slots__ = ("trade_date", "bids", "asks", "height")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    BIDS_FIELD_NUMBER: _ClassVar[int]
    ASKS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    bids: _containers.RepeatedCompositeFieldContainer[BookLevel]
    asks: _containers.RepeatedCompositeFieldContainer[BookLevel]
    height: int
    def __init__(self, trade_date: _Optional[int] = ..., bids: _Optional[_Iterable[_Union[BookLevel, _Mapping]]] = ..., asks: _Optional[_Iterable[_Union[BookLevel, _Mapping]]] = ..., height: _Optional[int] = ...) -> None: ...

class TradeCursor(_message.Message):
    __slots__ = ("height", "index")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    height: int
    index: int
    def __init__(self, height: _Optional[int] = ..., index: _Optional[int] = ...) -> None: ...

class StreamTradesRequest(_message.Message):
    __slots__ = ("after", "follow")
    AFTER_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_FIELD_NUMBER: _ClassVar[int]
    after: TradeCursor
    follow: bool
    def __init__(self, after: _Optional[_Union[TradeCursor, _Mapping]] = ..., follow: _Optional[bool] = ...) -> None: ...

class TradeEvent(_message.Message):
    __slots__ = ("cursor", "trade")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    cursor: TradeCursor
    trade: _market_pb2.SettledTrade
    def __init__(self, cursor: _Optional[_Union[TradeCursor, _Mapping]] = ..., trade: _Optional[_Union[_market_pb2.SettledTrade, _Mapping]] = ...) -> None: ...

class GetDailyBarsRequest(_message.Message):
    __slots__ = ("unit", "from_date", "to_date")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    from_date: int
    to_date: int
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., from_date: _Optional[int] = ..., to_date: _Optional[int] = ...) -> None: ...

class DailyBar(_message.Message):
    __slots__ = ("trade_date", "open_fen", "high_fen", "low_fen", "close_fen", "volume", "turnover_fen", "listed_volume")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    OPEN_FEN_FIELD_NUMBER: _ClassVar[int]
    HIGH_FEN_FIELD_NUMBER: _ClassVar[int]
    LOW_FEN_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FEN_FIELD_NUMBER: _ClassVar[int]
    VOLUME_FIELD_NUMBER: _ClassVar[int]
    TURNOVER_FEN_FIELD_NUMBER: _ClassVar[int]
    LISTED_VOLUME_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    open_fen: int
    high_fen: int
    low_fen: int
    close_fen: int
    volume: int
    turnover_fen: int
    listed_volume: int
    def __init__(self, trade_date: _Optional[int] = ..., open_fen: _Optional[int] = ..., high_fen: _Optional[int] = ..., low_fen: _Optional[int] = ..., close_fen: _Optional[int] = ..., volume: _Optional[int] = ..., turnover_fen: _Optional[int] = ..., listed_volume: _Optional[int] = ...) -> None: ...

class GetDailyBarsResponse(_message.Message):
    __slots__ = ("bars",)
    BARS_FIELD_NUMBER: _ClassVar[int]
    bars: _containers.RepeatedCompositeFieldContainer[DailyBar]
    def __init__(self, bars: _Optional[_Iterable[_Union[DailyBar, _Mapping]]] = ...) -> None: ...

class GetReconciliationRequest(_message.Message):
    __slots__ = ("trade_date",)
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    def __init__(self, trade_date: _Optional[int] = ...) -> None: ...

class ReconciliationView(_message.Message):
    __slots__ = ("reconciliation", "balanced")
    RECONCILIATION_FIELD_NUMBER: _ClassVar[int]
    BALANCED_FIELD_NUMBER: _ClassVar[int]
    reconciliation: _market_pb2.DayReconciliation
    balanced: bool
    def __init__(self, reconciliation: _Optional[_Union[_market_pb2.DayReconciliation, _Mapping]] = ..., balanced: _Optional[bool] = ...) -> None: ...

class ListLargeHoldersRequest(_message.Message):
    __slots__ = ("unit", "page_size", "page_token")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    page_size: int
    page_token: str
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class LargeHolder(_message.Message):
    __slots__ = ("account_id", "unit", "tonnes")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    TONNES_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    unit: _types_pb2.Unit
    tonnes: int
    def __init__(self, account_id: _Optional[str] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., tonnes: _Optional[int] = ...) -> None: ...

class ListLargeHoldersResponse(_message.Message):
    __slots__ = ("holders", "next_page_token", "threshold_tonnes")
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_TONNES_FIELD_NUMBER: _ClassVar[int]
    holders: _containers.RepeatedCompositeFieldContainer[LargeHolder]
    next_page_token: str
    threshold_tonnes: int
    def __init__(self, holders: _Optional[_Iterable[_Union[LargeHolder, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., threshold_tonnes: _Optional[int] = ...) -> None: ...

class GetBatchRequest(_message.Message):
    __slots__ = ("batch_id",)
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    def __init__(self, batch_id: _Optional[str] = ...) -> None: ...
