from cets.v1 import enforcement_pb2 as _enforcement_pb2
from cets.v1 import market_pb2 as _market_pb2
from cets.v1 import mrv_pb2 as _mrv_pb2
from cets.v1 import registry_pb2 as _registry_pb2
from cets.v1 import supervision_pb2 as _supervision_pb2
from cets.v1 import tips_pb2 as _tips_pb2
from cets.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TxStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TX_STATUS_UNSPECIFIED: _ClassVar[TxStatus]
    TX_STATUS_UNKNOWN: _ClassVar[TxStatus]
    TX_STATUS_PENDING: _ClassVar[TxStatus]
    TX_STATUS_COMMITTED: _ClassVar[TxStatus]
    TX_STATUS_REJECTED: _ClassVar[TxStatus]
TX_STATUS_UNSPECIFIED: TxStatus
TX_STATUS_UNKNOWN: TxStatus
TX_STATUS_PENDING: TxStatus
TX_STATUS_COMMITTED: TxStatus
TX_STATUS_REJECTED: TxStatus

class TxBody(_message.Message):
    __slots__ = ("chain_id", "signer", "client_id", "created_ms", "register_participant", "add_key", "rotate_key", "revoke_key", "set_cap", "issue_allowances", "reserve_move", "allocate", "adjust_allocation", "transfer", "surrender", "cancel", "record_ccer", "set_rulebook", "recover_key", "set_trusted_account", "set_account_policy", "cancel_held_transfer", "release_held_transfer", "declare_emissions", "list_emitter", "delist_emitter", "submit_monitoring_plan", "file_monitoring_plan", "submit_emission_report", "request_verification_draw", "record_verification_draw", "record_verification", "file_appeal", "decide_appeal", "publish_allocation_method", "estimate_emissions", "close_compliance", "impose_fine", "deposit_funds", "withdraw_funds", "place_order", "cancel_order", "auction_offer", "settle_batch", "end_trading_day", "close_auction", "record_delegation", "revoke_delegation", "record_inspection", "record_verifier_finding", "impose_measure", "lift_measure", "record_credit", "issue_joint_punishment_notice", "add_to_blacklist", "remove_from_blacklist", "set_tip_intake", "file_tip", "handle_tip", "answer_tip")
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
    SET_TRUSTED_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    SET_ACCOUNT_POLICY_FIELD_NUMBER: _ClassVar[int]
    CANCEL_HELD_TRANSFER_FIELD_NUMBER: _ClassVar[int]
    RELEASE_HELD_TRANSFER_FIELD_NUMBER: _ClassVar[int]
    DECLARE_EMISSIONS_FIELD_NUMBER: _ClassVar[int]
    LIST_EMITTER_FIELD_NUMBER: _ClassVar[int]
    DELIST_EMITTER_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_MONITORING_PLAN_FIELD_NUMBER: _ClassVar[int]
    FILE_MONITORING_PLAN_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_EMISSION_REPORT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_VERIFICATION_DRAW_FIELD_NUMBER: _ClassVar[int]
    RECORD_VERIFICATION_DRAW_FIELD_NUMBER: _ClassVar[int]
    RECORD_VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    FILE_APPEAL_FIELD_NUMBER: _ClassVar[int]
    DECIDE_APPEAL_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_ALLOCATION_METHOD_FIELD_NUMBER: _ClassVar[int]
    ESTIMATE_EMISSIONS_FIELD_NUMBER: _ClassVar[int]
    CLOSE_COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    IMPOSE_FINE_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FUNDS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_FUNDS_FIELD_NUMBER: _ClassVar[int]
    PLACE_ORDER_FIELD_NUMBER: _ClassVar[int]
    CANCEL_ORDER_FIELD_NUMBER: _ClassVar[int]
    AUCTION_OFFER_FIELD_NUMBER: _ClassVar[int]
    SETTLE_BATCH_FIELD_NUMBER: _ClassVar[int]
    END_TRADING_DAY_FIELD_NUMBER: _ClassVar[int]
    CLOSE_AUCTION_FIELD_NUMBER: _ClassVar[int]
    RECORD_DELEGATION_FIELD_NUMBER: _ClassVar[int]
    REVOKE_DELEGATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_INSPECTION_FIELD_NUMBER: _ClassVar[int]
    RECORD_VERIFIER_FINDING_FIELD_NUMBER: _ClassVar[int]
    IMPOSE_MEASURE_FIELD_NUMBER: _ClassVar[int]
    LIFT_MEASURE_FIELD_NUMBER: _ClassVar[int]
    RECORD_CREDIT_FIELD_NUMBER: _ClassVar[int]
    ISSUE_JOINT_PUNISHMENT_NOTICE_FIELD_NUMBER: _ClassVar[int]
    ADD_TO_BLACKLIST_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FROM_BLACKLIST_FIELD_NUMBER: _ClassVar[int]
    SET_TIP_INTAKE_FIELD_NUMBER: _ClassVar[int]
    FILE_TIP_FIELD_NUMBER: _ClassVar[int]
    HANDLE_TIP_FIELD_NUMBER: _ClassVar[int]
    ANSWER_TIP_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    signer: str
    client_id: str
    created_ms: int
    register_participant: _registry_pb2.RegisterParticipant
    add_key: _registry_pb2.AddKey
    rotate_key: _registry_pb2.RotateKey
    revoke_key: _registry_pb2.RevokeKey
    set_cap: _registry_pb2.SetCap
    issue_allowances: _registry_pb2.IssueAllowances
    reserve_move: _registry_pb2.ReserveMove
    allocate: _registry_pb2.Allocate
    adjust_allocation: _registry_pb2.AdjustAllocation
    transfer: _registry_pb2.Transfer
    surrender: _registry_pb2.Surrender
    cancel: _registry_pb2.Cancel
    record_ccer: _registry_pb2.RecordCcer
    set_rulebook: _registry_pb2.SetRulebook
    recover_key: _registry_pb2.RecoverKey
    set_trusted_account: _registry_pb2.SetTrustedAccount
    set_account_policy: _registry_pb2.SetAccountPolicy
    cancel_held_transfer: _registry_pb2.CancelHeldTransfer
    release_held_transfer: _registry_pb2.ReleaseHeldTransfer
    declare_emissions: _mrv_pb2.DeclareEmissions
    list_emitter: _mrv_pb2.ListEmitter
    delist_emitter: _mrv_pb2.DelistEmitter
    submit_monitoring_plan: _mrv_pb2.SubmitMonitoringPlan
    file_monitoring_plan: _mrv_pb2.FileMonitoringPlan
    submit_emission_report: _mrv_pb2.SubmitEmissionReport
    request_verification_draw: _mrv_pb2.RequestVerificationDraw
    record_verification_draw: _mrv_pb2.RecordVerificationDraw
    record_verification: _mrv_pb2.RecordVerification
    file_appeal: _mrv_pb2.FileAppeal
    decide_appeal: _mrv_pb2.DecideAppeal
    publish_allocation_method: _mrv_pb2.PublishAllocationMethod
    estimate_emissions: _mrv_pb2.EstimateEmissions
    close_compliance: _mrv_pb2.CloseCompliance
    impose_fine: _mrv_pb2.ImposeFine
    deposit_funds: _market_pb2.DepositFunds
    withdraw_funds: _market_pb2.WithdrawFunds
    place_order: _market_pb2.PlaceOrder
    cancel_order: _market_pb2.CancelOrder
    auction_offer: _market_pb2.AuctionOffer
    settle_batch: _market_pb2.SettleBatch
    end_trading_day: _market_pb2.EndTradingDay
    close_auction: _market_pb2.CloseAuction
    record_delegation: _supervision_pb2.RecordDelegation
    revoke_delegation: _supervision_pb2.RevokeDelegation
    record_inspection: _supervision_pb2.RecordInspection
    record_verifier_finding: _supervision_pb2.RecordVerifierFinding
    impose_measure: _enforcement_pb2.ImposeMeasure
    lift_measure: _enforcement_pb2.LiftMeasure
    record_credit: _enforcement_pb2.RecordCredit
    issue_joint_punishment_notice: _enforcement_pb2.IssueJointPunishmentNotice
    add_to_blacklist: _enforcement_pb2.AddToBlacklist
    remove_from_blacklist: _enforcement_pb2.RemoveFromBlacklist
    set_tip_intake: _tips_pb2.SetTipIntake
    file_tip: _tips_pb2.FileTip
    handle_tip: _tips_pb2.HandleTip
    answer_tip: _tips_pb2.AnswerTip
    def __init__(self, chain_id: _Optional[str] = ..., signer: _Optional[str] = ..., client_id: _Optional[str] = ..., created_ms: _Optional[int] = ..., register_participant: _Optional[_Union[_registry_pb2.RegisterParticipant, _Mapping]] = ..., add_key: _Optional[_Union[_registry_pb2.AddKey, _Mapping]] = ..., rotate_key: _Optional[_Union[_registry_pb2.RotateKey, _Mapping]] = ..., revoke_key: _Optional[_Union[_registry_pb2.RevokeKey, _Mapping]] = ..., set_cap: _Optional[_Union[_registry_pb2.SetCap, _Mapping]] = ..., issue_allowances: _Optional[_Union[_registry_pb2.IssueAllowances, _Mapping]] = ..., reserve_move: _Optional[_Union[_registry_pb2.ReserveMove, _Mapping]] = ..., allocate: _Optional[_Union[_registry_pb2.Allocate, _Mapping]] = ..., adjust_allocation: _Optional[_Union[_registry_pb2.AdjustAllocation, _Mapping]] = ..., transfer: _Optional[_Union[_registry_pb2.Transfer, _Mapping]] = ..., surrender: _Optional[_Union[_registry_pb2.Surrender, _Mapping]] = ..., cancel: _Optional[_Union[_registry_pb2.Cancel, _Mapping]] = ..., record_ccer: _Optional[_Union[_registry_pb2.RecordCcer, _Mapping]] = ..., set_rulebook: _Optional[_Union[_registry_pb2.SetRulebook, _Mapping]] = ..., recover_key: _Optional[_Union[_registry_pb2.RecoverKey, _Mapping]] = ..., set_trusted_account: _Optional[_Union[_registry_pb2.SetTrustedAccount, _Mapping]] = ..., set_account_policy: _Optional[_Union[_registry_pb2.SetAccountPolicy, _Mapping]] = ..., cancel_held_transfer: _Optional[_Union[_registry_pb2.CancelHeldTransfer, _Mapping]] = ..., release_held_transfer: _Optional[_Union[_registry_pb2.ReleaseHeldTransfer, _Mapping]] = ..., declare_emissions: _Optional[_Union[_mrv_pb2.DeclareEmissions, _Mapping]] = ..., list_emitter: _Optional[_Union[_mrv_pb2.ListEmitter, _Mapping]] = ..., delist_emitter: _Optional[_Union[_mrv_pb2.DelistEmitter, _Mapping]] = ..., submit_monitoring_plan: _Optional[_Union[_mrv_pb2.SubmitMonitoringPlan, _Mapping]] = ..., file_monitoring_plan: _Optional[_Union[_mrv_pb2.FileMonitoringPlan, _Mapping]] = ..., submit_emission_report: _Optional[_Union[_mrv_pb2.SubmitEmissionReport, _Mapping]] = ..., request_verification_draw: _Optional[_Union[_mrv_pb2.RequestVerificationDraw, _Mapping]] = ..., record_verification_draw: _Optional[_Union[_mrv_pb2.RecordVerificationDraw, _Mapping]] = ..., record_verification: _Optional[_Union[_mrv_pb2.RecordVerification, _Mapping]] = ..., file_appeal: _Optional[_Union[_mrv_pb2.FileAppeal, _Mapping]] = ..., decide_appeal: _Optional[_Union[_mrv_pb2.DecideAppeal, _Mapping]] = ..., publish_allocation_method: _Optional[_Union[_mrv_pb2.PublishAllocationMethod, _Mapping]] = ..., estimate_emissions: _Optional[_Union[_mrv_pb2.EstimateEmissions, _Mapping]] = ..., close_compliance: _Optional[_Union[_mrv_pb2.CloseCompliance, _Mapping]] = ..., impose_fine: _Optional[_Union[_mrv_pb2.ImposeFine, _Mapping]] = ..., deposit_funds: _Optional[_Union[_market_pb2.DepositFunds, _Mapping]] = ..., withdraw_funds: _Optional[_Union[_market_pb2.WithdrawFunds, _Mapping]] = ..., place_order: _Optional[_Union[_market_pb2.PlaceOrder, _Mapping]] = ..., cancel_order: _Optional[_Union[_market_pb2.CancelOrder, _Mapping]] = ..., auction_offer: _Optional[_Union[_market_pb2.AuctionOffer, _Mapping]] = ..., settle_batch: _Optional[_Union[_market_pb2.SettleBatch, _Mapping]] = ..., end_trading_day: _Optional[_Union[_market_pb2.EndTradingDay, _Mapping]] = ..., close_auction: _Optional[_Union[_market_pb2.CloseAuction, _Mapping]] = ..., record_delegation: _Optional[_Union[_supervision_pb2.RecordDelegation, _Mapping]] = ..., revoke_delegation: _Optional[_Union[_supervision_pb2.RevokeDelegation, _Mapping]] = ..., record_inspection: _Optional[_Union[_supervision_pb2.RecordInspection, _Mapping]] = ..., record_verifier_finding: _Optional[_Union[_supervision_pb2.RecordVerifierFinding, _Mapping]] = ..., impose_measure: _Optional[_Union[_enforcement_pb2.ImposeMeasure, _Mapping]] = ..., lift_measure: _Optional[_Union[_enforcement_pb2.LiftMeasure, _Mapping]] = ..., record_credit: _Optional[_Union[_enforcement_pb2.RecordCredit, _Mapping]] = ..., issue_joint_punishment_notice: _Optional[_Union[_enforcement_pb2.IssueJointPunishmentNotice, _Mapping]] = ..., add_to_blacklist: _Optional[_Union[_enforcement_pb2.AddToBlacklist, _Mapping]] = ..., remove_from_blacklist: _Optional[_Union[_enforcement_pb2.RemoveFromBlacklist, _Mapping]] = ..., set_tip_intake: _Optional[_Union[_tips_pb2.SetTipIntake, _Mapping]] = ..., file_tip: _Optional[_Union[_tips_pb2.FileTip, _Mapping]] = ..., handle_tip: _Optional[_Union[_tips_pb2.HandleTip, _Mapping]] = ..., answer_tip: _Optional[_Union[_tips_pb2.AnswerTip, _Mapping]] = ...) -> None: ...

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

class RulebookVersion(_message.Message):
    __slots__ = ("effective_ms", "rulebook", "set_height", "note")
    EFFECTIVE_MS_FIELD_NUMBER: _ClassVar[int]
    RULEBOOK_FIELD_NUMBER: _ClassVar[int]
    SET_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    effective_ms: int
    rulebook: _types_pb2.Rulebook
    set_height: int
    note: str
    def __init__(self, effective_ms: _Optional[int] = ..., rulebook: _Optional[_Union[_types_pb2.Rulebook, _Mapping]] = ..., set_height: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("participant_registered", "key_added", "key_rotated", "key_revoked", "cap_set", "allowances_issued", "reserve_moved", "allocated", "allocation_adjusted", "transferred", "surrendered", "cancelled", "ccer_recorded", "rulebook_set", "key_recovered", "transfer_held", "held_transfer_released", "held_transfer_cancelled", "trusted_account_set", "account_policy_set", "emissions_declared", "emitter_listed", "emitter_delisted", "monitoring_plan_recorded", "emission_report_submitted", "verification_draw_requested", "verification_draw_recorded", "emissions_verified", "appeal_filed", "appeal_decided", "allocation_method_published", "emissions_estimated", "compliance_closed", "fine_imposed", "allocation_withheld", "funds_deposited", "funds_withdrawn", "order_placed", "order_released", "batch_settled", "trading_day_ended", "auction_closed", "delegation_recorded", "delegation_revoked", "inspection_recorded", "verifier_finding_recorded", "measure_imposed", "measure_lifted", "credit_recorded", "joint_punishment_notice_issued", "blacklisted", "blacklist_entry_removed", "tip_intake_set", "tip_filed", "tip_handled", "tip_answered")
    PARTICIPANT_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    KEY_ADDED_FIELD_NUMBER: _ClassVar[int]
    KEY_ROTATED_FIELD_NUMBER: _ClassVar[int]
    KEY_REVOKED_FIELD_NUMBER: _ClassVar[int]
    CAP_SET_FIELD_NUMBER: _ClassVar[int]
    ALLOWANCES_ISSUED_FIELD_NUMBER: _ClassVar[int]
    RESERVE_MOVED_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ADJUSTED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERRED_FIELD_NUMBER: _ClassVar[int]
    SURRENDERED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    CCER_RECORDED_FIELD_NUMBER: _ClassVar[int]
    RULEBOOK_SET_FIELD_NUMBER: _ClassVar[int]
    KEY_RECOVERED_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_HELD_FIELD_NUMBER: _ClassVar[int]
    HELD_TRANSFER_RELEASED_FIELD_NUMBER: _ClassVar[int]
    HELD_TRANSFER_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    TRUSTED_ACCOUNT_SET_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_POLICY_SET_FIELD_NUMBER: _ClassVar[int]
    EMISSIONS_DECLARED_FIELD_NUMBER: _ClassVar[int]
    EMITTER_LISTED_FIELD_NUMBER: _ClassVar[int]
    EMITTER_DELISTED_FIELD_NUMBER: _ClassVar[int]
    MONITORING_PLAN_RECORDED_FIELD_NUMBER: _ClassVar[int]
    EMISSION_REPORT_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_DRAW_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_DRAW_RECORDED_FIELD_NUMBER: _ClassVar[int]
    EMISSIONS_VERIFIED_FIELD_NUMBER: _ClassVar[int]
    APPEAL_FILED_FIELD_NUMBER: _ClassVar[int]
    APPEAL_DECIDED_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_METHOD_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    EMISSIONS_ESTIMATED_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_CLOSED_FIELD_NUMBER: _ClassVar[int]
    FINE_IMPOSED_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_WITHHELD_FIELD_NUMBER: _ClassVar[int]
    FUNDS_DEPOSITED_FIELD_NUMBER: _ClassVar[int]
    FUNDS_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    ORDER_PLACED_FIELD_NUMBER: _ClassVar[int]
    ORDER_RELEASED_FIELD_NUMBER: _ClassVar[int]
    BATCH_SETTLED_FIELD_NUMBER: _ClassVar[int]
    TRADING_DAY_ENDED_FIELD_NUMBER: _ClassVar[int]
    AUCTION_CLOSED_FIELD_NUMBER: _ClassVar[int]
    DELEGATION_RECORDED_FIELD_NUMBER: _ClassVar[int]
    DELEGATION_REVOKED_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_RECORDED_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_FINDING_RECORDED_FIELD_NUMBER: _ClassVar[int]
    MEASURE_IMPOSED_FIELD_NUMBER: _ClassVar[int]
    MEASURE_LIFTED_FIELD_NUMBER: _ClassVar[int]
    CREDIT_RECORDED_FIELD_NUMBER: _ClassVar[int]
    JOINT_PUNISHMENT_NOTICE_ISSUED_FIELD_NUMBER: _ClassVar[int]
    BLACKLISTED_FIELD_NUMBER: _ClassVar[int]
    BLACKLIST_ENTRY_REMOVED_FIELD_NUMBER: _ClassVar[int]
    TIP_INTAKE_SET_FIELD_NUMBER: _ClassVar[int]
    TIP_FILED_FIELD_NUMBER: _ClassVar[int]
    TIP_HANDLED_FIELD_NUMBER: _ClassVar[int]
    TIP_ANSWERED_FIELD_NUMBER: _ClassVar[int]
    participant_registered: _registry_pb2.ParticipantRegistered
    key_added: _registry_pb2.KeyAdded
    key_rotated: _registry_pb2.KeyRotated
    key_revoked: _registry_pb2.KeyRevoked
    cap_set: _registry_pb2.CapSet
    allowances_issued: _registry_pb2.AllowancesIssued
    reserve_moved: _registry_pb2.ReserveMoved
    allocated: _registry_pb2.Allocated
    allocation_adjusted: _registry_pb2.AllocationAdjusted
    transferred: _registry_pb2.Transferred
    surrendered: _registry_pb2.Surrendered
    cancelled: _registry_pb2.Cancelled
    ccer_recorded: _registry_pb2.CcerRecorded
    rulebook_set: _registry_pb2.RulebookSet
    key_recovered: _registry_pb2.KeyRecovered
    transfer_held: _registry_pb2.TransferHeld
    held_transfer_released: _registry_pb2.HeldTransferReleased
    held_transfer_cancelled: _registry_pb2.HeldTransferCancelled
    trusted_account_set: _registry_pb2.TrustedAccountSet
    account_policy_set: _registry_pb2.AccountPolicySet
    emissions_declared: _mrv_pb2.EmissionsDeclared
    emitter_listed: _mrv_pb2.EmitterListed
    emitter_delisted: _mrv_pb2.EmitterDelisted
    monitoring_plan_recorded: _mrv_pb2.MonitoringPlanRecorded
    emission_report_submitted: _mrv_pb2.EmissionReportSubmitted
    verification_draw_requested: _mrv_pb2.VerificationDrawRequested
    verification_draw_recorded: _mrv_pb2.VerificationDrawRecorded
    emissions_verified: _mrv_pb2.EmissionsVerified
    appeal_filed: _mrv_pb2.AppealFiled
    appeal_decided: _mrv_pb2.AppealDecided
    allocation_method_published: _mrv_pb2.AllocationMethodPublished
    emissions_estimated: _mrv_pb2.EmissionsEstimated
    compliance_closed: _mrv_pb2.ComplianceClosed
    fine_imposed: _mrv_pb2.FineImposed
    allocation_withheld: _mrv_pb2.AllocationWithheld
    funds_deposited: _market_pb2.FundsDeposited
    funds_withdrawn: _market_pb2.FundsWithdrawn
    order_placed: _market_pb2.OrderPlaced
    order_released: _market_pb2.OrderReleased
    batch_settled: _market_pb2.BatchSettled
    trading_day_ended: _market_pb2.TradingDayEnded
    auction_closed: _market_pb2.AuctionClosed
    delegation_recorded: _supervision_pb2.DelegationRecorded
    delegation_revoked: _supervision_pb2.DelegationRevoked
    inspection_recorded: _supervision_pb2.InspectionRecorded
    verifier_finding_recorded: _supervision_pb2.VerifierFindingRecorded
    measure_imposed: _enforcement_pb2.Measure
    measure_lifted: _enforcement_pb2.MeasureLifted
    credit_recorded: _enforcement_pb2.CreditRecord
    joint_punishment_notice_issued: _enforcement_pb2.JointPunishmentNotice
    blacklisted: _enforcement_pb2.BlacklistEntry
    blacklist_entry_removed: _enforcement_pb2.BlacklistEntryRemoved
    tip_intake_set: _tips_pb2.TipIntakeSet
    tip_filed: _tips_pb2.TipFiled
    tip_handled: _tips_pb2.TipHandled
    tip_answered: _tips_pb2.TipAnswered
    def __init__(self, participant_registered: _Optional[_Union[_registry_pb2.ParticipantRegistered, _Mapping]] = ..., key_added: _Optional[_Union[_registry_pb2.KeyAdded, _Mapping]] = ..., key_rotated: _Optional[_Union[_registry_pb2.KeyRotated, _Mapping]] = ..., key_revoked: _Optional[_Union[_registry_pb2.KeyRevoked, _Mapping]] = ..., cap_set: _Optional[_Union[_registry_pb2.CapSet, _Mapping]] = ..., allowances_issued: _Optional[_Union[_registry_pb2.AllowancesIssued, _Mapping]] = ..., reserve_moved: _Optional[_Union[_registry_pb2.ReserveMoved, _Mapping]] = ..., allocated: _Optional[_Union[_registry_pb2.Allocated, _Mapping]] = ..., allocation_adjusted: _Optional[_Union[_registry_pb2.AllocationAdjusted, _Mapping]] = ..., transferred: _Optional[_Union[_registry_pb2.Transferred, _Mapping]] = ..., surrendered: _Optional[_Union[_registry_pb2.Surrendered, _Mapping]] = ..., cancelled: _Optional[_Union[_registry_pb2.Cancelled, _Mapping]] = ..., ccer_recorded: _Optional[_Union[_registry_pb2.CcerRecorded, _Mapping]] = ..., rulebook_set: _Optional[_Union[_registry_pb2.RulebookSet, _Mapping]] = ..., key_recovered: _Optional[_Union[_registry_pb2.KeyRecovered, _Mapping]] = ..., transfer_held: _Optional[_Union[_registry_pb2.TransferHeld, _Mapping]] = ..., held_transfer_released: _Optional[_Union[_registry_pb2.HeldTransferReleased, _Mapping]] = ..., held_transfer_cancelled: _Optional[_Union[_registry_pb2.HeldTransferCancelled, _Mapping]] = ..., trusted_account_set: _Optional[_Union[_registry_pb2.TrustedAccountSet, _Mapping]] = ..., account_policy_set: _Optional[_Union[_registry_pb2.AccountPolicySet, _Mapping]] = ..., emissions_declared: _Optional[_Union[_mrv_pb2.EmissionsDeclared, _Mapping]] = ..., emitter_listed: _Optional[_Union[_mrv_pb2.EmitterListed, _Mapping]] = ..., emitter_delisted: _Optional[_Union[_mrv_pb2.EmitterDelisted, _Mapping]] = ..., monitoring_plan_recorded: _Optional[_Union[_mrv_pb2.MonitoringPlanRecorded, _Mapping]] = ..., emission_report_submitted: _Optional[_Union[_mrv_pb2.EmissionReportSubmitted, _Mapping]] = ..., verification_draw_requested: _Optional[_Union[_mrv_pb2.VerificationDrawRequested, _Mapping]] = ..., verification_draw_recorded: _Optional[_Union[_mrv_pb2.VerificationDrawRecorded, _Mapping]] = ..., emissions_verified: _Optional[_Union[_mrv_pb2.EmissionsVerified, _Mapping]] = ..., appeal_filed: _Optional[_Union[_mrv_pb2.AppealFiled, _Mapping]] = ..., appeal_decided: _Optional[_Union[_mrv_pb2.AppealDecided, _Mapping]] = ..., allocation_method_published: _Optional[_Union[_mrv_pb2.AllocationMethodPublished, _Mapping]] = ..., emissions_estimated: _Optional[_Union[_mrv_pb2.EmissionsEstimated, _Mapping]] = ..., compliance_closed: _Optional[_Union[_mrv_pb2.ComplianceClosed, _Mapping]] = ..., fine_imposed: _Optional[_Union[_mrv_pb2.FineImposed, _Mapping]] = ..., allocation_withheld: _Optional[_Union[_mrv_pb2.AllocationWithheld, _Mapping]] = ..., funds_deposited: _Optional[_Union[_market_pb2.FundsDeposited, _Mapping]] = ..., funds_withdrawn: _Optional[_Union[_market_pb2.FundsWithdrawn, _Mapping]] = ..., order_placed: _Optional[_Union[_market_pb2.OrderPlaced, _Mapping]] = ..., order_released: _Optional[_Union[_market_pb2.OrderReleased, _Mapping]] = ..., batch_settled: _Optional[_Union[_market_pb2.BatchSettled, _Mapping]] = ..., trading_day_ended: _Optional[_Union[_market_pb2.TradingDayEnded, _Mapping]] = ..., auction_closed: _Optional[_Union[_market_pb2.AuctionClosed, _Mapping]] = ..., delegation_recorded: _Optional[_Union[_supervision_pb2.DelegationRecorded, _Mapping]] = ..., delegation_revoked: _Optional[_Union[_supervision_pb2.DelegationRevoked, _Mapping]] = ..., inspection_recorded: _Optional[_Union[_supervision_pb2.InspectionRecorded, _Mapping]] = ..., verifier_finding_recorded: _Optional[_Union[_supervision_pb2.VerifierFindingRecorded, _Mapping]] = ..., measure_imposed: _Optional[_Union[_enforcement_pb2.Measure, _Mapping]] = ..., measure_lifted: _Optional[_Union[_enforcement_pb2.MeasureLifted, _Mapping]] = ..., credit_recorded: _Optional[_Union[_enforcement_pb2.CreditRecord, _Mapping]] = ..., joint_punishment_notice_issued: _Optional[_Union[_enforcement_pb2.JointPunishmentNotice, _Mapping]] = ..., blacklisted: _Optional[_Union[_enforcement_pb2.BlacklistEntry, _Mapping]] = ..., blacklist_entry_removed: _Optional[_Union[_enforcement_pb2.BlacklistEntryRemoved, _Mapping]] = ..., tip_intake_set: _Optional[_Union[_tips_pb2.TipIntakeSet, _Mapping]] = ..., tip_filed: _Optional[_Union[_tips_pb2.TipFiled, _Mapping]] = ..., tip_handled: _Optional[_Union[_tips_pb2.TipHandled, _Mapping]] = ..., tip_answered: _Optional[_Union[_tips_pb2.TipAnswered, _Mapping]] = ...) -> None: ...

class TxResult(_message.Message):
    __slots__ = ("tx_id", "code", "detail", "events")
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    tx_id: bytes
    code: _types_pb2.Code
    detail: str
    events: _containers.RepeatedCompositeFieldContainer[Event]
    def __init__(self, tx_id: _Optional[bytes] = ..., code: _Optional[_Union[_types_pb2.Code, str]] = ..., detail: _Optional[str] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ...) -> None: ...

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
    code: _types_pb2.Code
    detail: str
    height: int
    index: int
    final: bool
    events: _containers.RepeatedCompositeFieldContainer[Event]
    block_hash: bytes
    def __init__(self, tx_id: _Optional[bytes] = ..., status: _Optional[_Union[TxStatus, str]] = ..., code: _Optional[_Union[_types_pb2.Code, str]] = ..., detail: _Optional[str] = ..., height: _Optional[int] = ..., index: _Optional[int] = ..., final: _Optional[bool] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., block_hash: _Optional[bytes] = ...) -> None: ...

class BlockHeader(_message.Message):
    __slots__ = ("chain_id", "height", "prev_hash", "tx_root", "result_root", "state_root", "time_ms", "proposer", "tx_count", "version", "history_size", "history_root")
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PREV_HASH_FIELD_NUMBER: _ClassVar[int]
    TX_ROOT_FIELD_NUMBER: _ClassVar[int]
    RESULT_ROOT_FIELD_NUMBER: _ClassVar[int]
    STATE_ROOT_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_FIELD_NUMBER: _ClassVar[int]
    TX_COUNT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    HISTORY_SIZE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ROOT_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    height: int
    prev_hash: bytes
    tx_root: bytes
    result_root: bytes
    state_root: bytes
    time_ms: int
    proposer: str
    tx_count: int
    version: int
    history_size: int
    history_root: bytes
    def __init__(self, chain_id: _Optional[str] = ..., height: _Optional[int] = ..., prev_hash: _Optional[bytes] = ..., tx_root: _Optional[bytes] = ..., result_root: _Optional[bytes] = ..., state_root: _Optional[bytes] = ..., time_ms: _Optional[int] = ..., proposer: _Optional[str] = ..., tx_count: _Optional[int] = ..., version: _Optional[int] = ..., history_size: _Optional[int] = ..., history_root: _Optional[bytes] = ...) -> None: ...

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
    role: _types_pb2.Role
    name: str
    province: str
    sector: str
    account_id: str
    registered_height: int
    def __init__(self, participant_id: _Optional[str] = ..., role: _Optional[_Union[_types_pb2.Role, str]] = ..., name: _Optional[str] = ..., province: _Optional[str] = ..., sector: _Optional[str] = ..., account_id: _Optional[str] = ..., registered_height: _Optional[int] = ...) -> None: ...

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
    purpose: _types_pb2.KeyPurpose
    revoked: bool
    added_height: int
    revoked_height: int
    added_by_recovery: KeyRecovery
    revoked_by_recovery: KeyRecovery
    def __init__(self, key_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., public_key: _Optional[bytes] = ..., purpose: _Optional[_Union[_types_pb2.KeyPurpose, str]] = ..., revoked: _Optional[bool] = ..., added_height: _Optional[int] = ..., revoked_height: _Optional[int] = ..., added_by_recovery: _Optional[_Union[KeyRecovery, _Mapping]] = ..., revoked_by_recovery: _Optional[_Union[KeyRecovery, _Mapping]] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("account_id", "kind", "holder", "province", "protected")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    kind: _types_pb2.AccountKind
    holder: str
    province: str
    protected: bool
    def __init__(self, account_id: _Optional[str] = ..., kind: _Optional[_Union[_types_pb2.AccountKind, str]] = ..., holder: _Optional[str] = ..., province: _Optional[str] = ..., protected: _Optional[bool] = ...) -> None: ...

class Holding(_message.Message):
    __slots__ = ("unit", "amount")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    amount: int
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., amount: _Optional[int] = ...) -> None: ...

class CcerProject(_message.Message):
    __slots__ = ("project_id", "project_type", "inside_covered_boundary")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    INSIDE_COVERED_BOUNDARY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    project_type: _types_pb2.ProjectType
    inside_covered_boundary: bool
    def __init__(self, project_id: _Optional[str] = ..., project_type: _Optional[_Union[_types_pb2.ProjectType, str]] = ..., inside_covered_boundary: _Optional[bool] = ...) -> None: ...

class GenesisParticipant(_message.Message):
    __slots__ = ("participant", "keys")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    participant: Participant
    keys: _containers.RepeatedCompositeFieldContainer[_types_pb2.KeySpec]
    def __init__(self, participant: _Optional[_Union[Participant, _Mapping]] = ..., keys: _Optional[_Iterable[_Union[_types_pb2.KeySpec, _Mapping]]] = ...) -> None: ...

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
    rulebook: _types_pb2.Rulebook
    quorum: int
    def __init__(self, chain_id: _Optional[str] = ..., time_ms: _Optional[int] = ..., participants: _Optional[_Iterable[_Union[GenesisParticipant, _Mapping]]] = ..., rulebook: _Optional[_Union[_types_pb2.Rulebook, _Mapping]] = ..., quorum: _Optional[int] = ...) -> None: ...

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
