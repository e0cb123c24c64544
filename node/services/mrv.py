"""The Mrv service: queries over the MRV record and the compliance year (arts. 5, 7, 10, 24-31,
42-44, 50). Thin: validate the request, call `ledger/mrv_queries.py`, convert the answer.

MRV transactions are signed and submitted like every other (Registry.Submit), so this service
only reads. Every list is a page; every figure comes from one snapshot.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.ledger import crypto, identity, limits, mrv_queries
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.errors import CODE_STATUS, ApiError, invalid, not_found
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, page_size, page_token_checked, require_id


def require_year(year: int, name: str = "year") -> None:
    if year == 0:
        raise invalid("MISSING_FIELD", f"{name}: missing")
    if not 0 < year <= limits.vintage_year_max:
        raise invalid("INVALID_FIELD", f"{name}: got {year}, want 1..{limits.vintage_year_max}")


def require_province(province: str, required: bool) -> None:
    if not province:
        if required:
            raise invalid("MISSING_FIELD", "province: missing")
        return
    if province not in identity.PROVINCES:
        raise invalid("INVALID_FIELD", f"province: got {province!r}, not a province code (GB/T 2260)")


def existing_emitter(reader, emitter_id: str) -> pb.Participant:
    require_id("emitter_id", emitter_id)
    participant = State(reader).participant(emitter_id)
    if participant is None:
        raise not_found("UNKNOWN_PARTICIPANT", f"emitter_id: no participant {emitter_id!r}")
    if participant.role != pb.ROLE_KEY_EMITTER:
        raise ApiError(CODE_STATUS[pb.CODE_NOT_KEY_EMITTER], "NOT_KEY_EMITTER", f"emitter_id: {emitter_id!r} is {pb.Role.Name(participant.role)}")
    return participant


def require_draw_id(draw_id: bytes) -> None:
    if len(draw_id) != crypto.HASH_BYTES:
        raise invalid("INVALID_FIELD", f"draw_id: got {len(draw_id)} bytes, want {crypto.HASH_BYTES}")


class MrvService(api_grpc.MrvServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store

    async def GetEmitterYear(self, request: api.GetEmitterYearRequest, context) -> api.EmitterYearView:
        require_year(request.year)
        with self.store.reader() as reader:
            found = mrv_queries.emitter_year(reader, existing_emitter(reader, request.emitter_id), request.year)
            height = reader.height
        view = api.EmitterYearView(emitter=found.emitter, year=found.year, reports=found.reports, verifications=found.verifications,
                                   compliance=found.compliance, fines=found.fines, height=height)
        for name in ("listing", "declaration", "plan", "assignment", "estimate", "deduction"):
            value = getattr(found, name)
            if value is not None:
                getattr(view, name).CopyFrom(value)
        return view

    async def ListKeyEmitters(self, request: api.ListKeyEmittersRequest, context) -> api.ListKeyEmittersResponse:
        require_year(request.year)
        require_province(request.province, required=False)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = mrv_queries.key_emitters(reader, request.year, province=request.province, token=request.page_token, size=size)
        return api.ListKeyEmittersResponse(listings=page.items, next_page_token=page.next_token)

    async def ListMonitoringPlans(self, request: api.ListMonitoringPlansRequest, context) -> api.ListMonitoringPlansResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            existing_emitter(reader, request.emitter_id)
            page = mrv_queries.plans(reader, request.emitter_id, token=request.page_token, size=size)
        return api.ListMonitoringPlansResponse(plans=page.items, next_page_token=page.next_token)

    async def ListEmissionReports(self, request: api.ListEmissionReportsRequest, context) -> api.ListEmissionReportsResponse:
        if request.year:
            require_year(request.year)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            existing_emitter(reader, request.emitter_id)
            page = mrv_queries.reports(reader, request.emitter_id, request.year, token=request.page_token, size=size)
        return api.ListEmissionReportsResponse(reports=page.items, next_page_token=page.next_token)

    async def GetVerificationDraw(self, request: api.GetVerificationDrawRequest, context) -> pb.VerificationDraw:
        require_draw_id(request.draw_id)
        with self.store.reader() as reader:
            found = mrv_queries.draw(reader, request.draw_id)
        if found is None:
            raise not_found("DRAW_NOT_FOUND", f"draw_id: no draw {request.draw_id.hex()}")
        return found

    async def ListVerificationDraws(self, request: api.ListVerificationDrawsRequest, context) -> api.ListVerificationDrawsResponse:
        require_province(request.province, required=True)
        require_year(request.year)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = mrv_queries.draws(reader, request.province, request.year, token=request.page_token, size=size)
        return api.ListVerificationDrawsResponse(draws=page.items, next_page_token=page.next_token)

    async def ListAppeals(self, request: api.ListAppealsRequest, context) -> api.ListAppealsResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            existing_emitter(reader, request.emitter_id)
            page = mrv_queries.appeals(reader, request.emitter_id, token=request.page_token, size=size)
        return api.ListAppealsResponse(appeals=page.items, next_page_token=page.next_token)

    async def ListAllocationMethods(self, request: api.ListAllocationMethodsRequest, context) -> api.ListAllocationMethodsResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = mrv_queries.allocation_methods(reader, token=request.page_token, size=size)
        return api.ListAllocationMethodsResponse(methods=page.items, next_page_token=page.next_token)

    async def ListCompliance(self, request: api.ListComplianceRequest, context) -> api.ListComplianceResponse:
        require_year(request.year)
        require_province(request.province, required=False)
        if request.only_status and request.status not in pb.ComplianceStatus.values():
            raise invalid("INVALID_FIELD", f"status: got {request.status}, not a ComplianceStatus")
        size = page_size(request.page_size)
        status = request.status if request.only_status else None
        with self.store.reader() as reader, page_token_checked():
            page = mrv_queries.compliance_table(reader, request.year, province=request.province, status=status,
                                                token=request.page_token, size=size)
        return api.ListComplianceResponse(records=page.items, next_page_token=page.next_token)


SERVICE = Service(api.DESCRIPTOR.services_by_name["Mrv"], MrvService, api_grpc.add_MrvServicer_to_server)
