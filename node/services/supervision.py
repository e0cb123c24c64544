"""The Supervision service (arts. 4, 32-36): queries for regulators, each over the caller's
jurisdiction. Thin: check the request, prove the caller (`ledger/query_auth.py`), find its
jurisdiction and read (`ledger/supervision_queries.py`), convert.

Every request carries a signed `QueryAuth`; `_caller` checks it in one place against one snapshot
(the head's height and time), and every refusal of the credential or of the jurisdiction is
PERMISSION_DENIED with its own ErrorInfo reason. Supervision transactions (delegations,
inspections, findings) are submitted like every other, through Registry.Submit.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import grpc

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import enforcement_queries, identity, query_auth
from cets.ledger import supervision_queries as queries
from cets.ledger.query_auth import QueryRefused
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.errors import ApiError, invalid, not_found
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, decode_offset_token, encode_offset_token, page_size, page_token_checked, require_id
from cets.node.services.enforcement import enforcement_history
from cets.node.services.mrv import existing_emitter, require_province, require_year
from cets.node.services.tips import SealedTipReads

SERVICE_NAME = "cets.v1.Supervision"


def method_name(method: str) -> str:
    """The full gRPC method name a QueryAuth signs: "/cets.v1.Supervision/GetEmitterProfile"."""
    return f"/{SERVICE_NAME}/{method}"


@contextlib.contextmanager
def refusals_mapped():
    """The core's refusals as RPC errors: a credential or jurisdiction refusal is PERMISSION_DENIED,
    a query wrong for anyone INVALID_ARGUMENT; page tokens as every list's."""
    try:
        with page_token_checked():
            yield
    except QueryRefused as refused:
        raise ApiError(grpc.StatusCode.PERMISSION_DENIED, refused.reason, refused.detail) from None
    except queries.QueryInvalid as wrong:
        raise invalid(wrong.reason, wrong.detail) from None


@dataclass(frozen=True)
class Head:
    height: int
    time_ms: int


def existing(reader, participant_id: str, name: str) -> pb.Participant:
    require_id(name, participant_id)
    participant = State(reader).participant(participant_id)
    if participant is None:
        raise not_found("UNKNOWN_PARTICIPANT", f"{name}: no participant {participant_id!r}")
    return participant


class SupervisionService(SealedTipReads, api_grpc.SupervisionServicer):  # SealedTipReads: art. 40 (node/services/tips.py)
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store

    def _head(self, reader) -> Head:
        """The snapshot's head: its height and block time (the genesis time at height 0)."""
        height = reader.height
        if height == 0:
            return Head(0, pb.Genesis.FromString(self.store.genesis()).time_ms)
        header = pb.BlockHeader.FromString(pb.Block.FromString(self.store.block(height)).header)
        return Head(height, header.time_ms)

    def _jurisdiction(self, reader, request, method: str) -> tuple[queries.Jurisdiction, Head]:
        """The one check of every request: its credential, then the caller's jurisdiction."""
        head = self._head(reader)
        state = State(reader)
        with refusals_mapped():
            caller = query_auth.check(state, state.chain_id(), head.height, state.rulebook_at(head.time_ms), method_name(method), request)
            return queries.jurisdiction_of(reader, caller, head.time_ms), head

    async def GetEmitterProfile(self, request: api.GetEmitterProfileRequest, context) -> api.EmitterProfile:
        with self.store.reader() as reader:
            jurisdiction, head = self._jurisdiction(reader, request, "GetEmitterProfile")
            emitter = existing_emitter(reader, request.emitter_id)
            with refusals_mapped():
                jurisdiction.require_emitter(emitter)
            found = queries.emitter_profile(reader, emitter)
            history = enforcement_queries.history(reader, emitter.participant_id)
        profile = api.EmitterProfile(
            emitter=found.emitter, holdings=found.holdings, holdings_truncated=found.holdings_truncated,
            transactions=[_transaction(item) for item in found.transactions.items],
            transactions_next_page_token=found.transactions.next_token, listings=found.listings, plans=found.plans,
            reports=found.reports, verifications=found.verifications, compliance=found.compliance, fines=found.fines,
            appeals=found.appeals, inspections=found.inspections, height=head.height)
        if found.account is not None:
            profile.account.CopyFrom(found.account)
        profile.enforcement.CopyFrom(enforcement_history(history))  # arts. 38, 45-49
        return profile

    async def ListParticipantTransactions(self, request: api.ListParticipantTransactionsRequest, context) -> api.ListParticipantTransactionsResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader:
            jurisdiction, _ = self._jurisdiction(reader, request, "ListParticipantTransactions")
            participant = existing(reader, request.participant_id, "participant_id")
            with refusals_mapped():
                if not queries.may_see_participant(jurisdiction, participant):
                    raise jurisdiction.outside("participant_id", repr(participant.participant_id))
                page = queries.signed_transactions(reader, participant.participant_id, token=request.page_token, size=size)
        return api.ListParticipantTransactionsResponse(transactions=[_transaction(item) for item in page.items],
                                                       next_page_token=page.next_token)

    async def ListEmitters(self, request: api.ListEmittersRequest, context) -> api.ListEmittersResponse:
        wanted = _emitter_filter(request)
        size = page_size(request.page_size)
        with self.store.reader() as reader:
            jurisdiction, _ = self._jurisdiction(reader, request, "ListEmitters")
            with refusals_mapped():
                page = queries.emitters(reader, jurisdiction, wanted, province=request.province, token=request.page_token, size=size)
        rows = [api.EmitterRow(emitter=row.emitter, listing=row.listing, compliance=row.compliance) for row in page.items]
        return api.ListEmittersResponse(emitters=rows, next_page_token=page.next_token)

    async def ListInspectionPriorities(self, request: api.ListInspectionPrioritiesRequest, context) -> api.ListInspectionPrioritiesResponse:
        require_year(request.year)
        require_province(request.province, required=False)
        size = page_size(request.page_size)
        start = decode_offset_token(request.page_token)
        with self.store.reader() as reader:
            jurisdiction, head = self._jurisdiction(reader, request, "ListInspectionPriorities")
            with refusals_mapped():
                ranking = queries.inspection_priorities(reader, jurisdiction, request.year, head.time_ms, province=request.province)
        chosen = ranking.priorities[start:start + size]
        following = start + size if start + size < len(ranking.priorities) else 0
        return api.ListInspectionPrioritiesResponse(
            priorities=[_priority(start + index + 1, priority) for index, priority in enumerate(chosen)],
            next_page_token=encode_offset_token(following), height=head.height, truncated=ranking.truncated)

    async def GetVerifierOversight(self, request: api.GetVerifierOversightRequest, context) -> api.VerifierOversight:
        require_year(request.year)
        with self.store.reader() as reader:
            jurisdiction, head = self._jurisdiction(reader, request, "GetVerifierOversight")
            verifier = existing(reader, request.verifier_id, "verifier_id")
            if verifier.role != pb.ROLE_VERIFIER:
                raise ApiError(grpc.StatusCode.FAILED_PRECONDITION, "NOT_VERIFIER",
                               f"verifier_id: {verifier.participant_id!r} is {pb.Role.Name(verifier.role)}")
            with refusals_mapped():
                found = queries.verifier_oversight(reader, jurisdiction, verifier, request.year)
        reports = [api.VerifiedReport(**vars(report)) for report in found.reports]
        return api.VerifierOversight(
            verifier=verifier, year=request.year, reports=reports, assigned_count=len(reports),
            verified_count=sum(report.verified for report in reports),
            overturned_count=sum(report.overturned_on_appeal for report in reports), findings=found.findings, height=head.height)

    async def ListDelegations(self, request: api.ListDelegationsRequest, context) -> api.ListDelegationsResponse:
        require_province(request.province, required=False)
        size = page_size(request.page_size)
        with self.store.reader() as reader:
            jurisdiction, _ = self._jurisdiction(reader, request, "ListDelegations")
            city = existing(reader, request.city, "city") if request.city else None
            if city is not None and city.role != pb.ROLE_CITY:
                raise ApiError(grpc.StatusCode.FAILED_PRECONDITION, "NOT_CITY", f"city: {city.participant_id!r} is {pb.Role.Name(city.role)}")
            with refusals_mapped():
                page = queries.delegations(reader, jurisdiction, city=city, province=request.province, token=request.page_token, size=size)
        return api.ListDelegationsResponse(delegations=page.items, next_page_token=page.next_token)


def _emitter_filter(request: api.ListEmittersRequest) -> queries.EmitterFilter:
    require_year(request.year)
    require_province(request.province, required=False)
    if request.sector and not identity.is_sector(request.sector):
        raise invalid("INVALID_FIELD", "sector: want a lowercase sector code")
    if request.only_status and request.status not in pb.ComplianceStatus.values():
        raise invalid("INVALID_FIELD", f"status: got {request.status}, not a ComplianceStatus")
    return queries.EmitterFilter(year=request.year, sector=request.sector, status=request.status if request.only_status else None)


def _transaction(item: queries.SignedTx) -> api.ParticipantTransaction:
    return api.ParticipantTransaction(tx_id=item.tx_id, height=item.height, kind=item.kind, delegation_id=item.delegation_id)


def _priority(rank: int, priority: queries.Priority) -> api.InspectionPriority:
    reasons = [api.PriorityReason(reason=r.reason, points=r.points, detail=r.detail) for r in priority.reasons]
    emitter = priority.emitter
    return api.InspectionPriority(rank=rank, emitter_id=emitter.participant_id, province=emitter.province, sector=emitter.sector,
                                  score=priority.score, reasons=reasons)


SERVICE = Service(api.DESCRIPTOR.services_by_name["Supervision"], SupervisionService, api_grpc.add_SupervisionServicer_to_server)
