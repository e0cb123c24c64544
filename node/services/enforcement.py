"""The public enforcement queries of the Registry service (arts. 38, 45-49): measures, credit
records, the blacklist and joint punishment notices. Composed into `RegistryService` (registry.py
delegates each RPC here), so the Registry module stays about the registry; and the enforcement
history of the Supervision service's emitter profile (`enforcement_history`)."""

from __future__ import annotations

from typing import Callable

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.ledger import enforcement_queries
from cets.ledger.store import Store
from cets.node.errors import invalid
from cets.node.services.common import page_size, page_token_checked, require_id


def _optional_id(name: str, value: str) -> None:
    if value:
        require_id(name, value)


class EnforcementQueries:
    def __init__(self, store: Store, time_at: Callable[[int], int]) -> None:
        self.store = store
        self.time_at = time_at  # the block time of a height (RegistryService._time_at)

    def list_measures(self, request: pb.ListMeasuresRequest) -> pb.ListMeasuresResponse:
        _optional_id("participant_id", request.participant_id)
        _optional_id("authority", request.authority)
        if request.type and request.type not in pb.MeasureType.values():
            raise invalid("INVALID_FIELD", f"type: got {request.type}, not a MeasureType")
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            time_ms = self.time_at(reader.height)
            page = enforcement_queries.measures(reader, participant_id=request.participant_id, authority=request.authority,
                                                measure_type=request.type, in_force_only=request.in_force_only, time_ms=time_ms,
                                                token=request.page_token, size=size)
        return pb.ListMeasuresResponse(measures=page.items, next_page_token=page.next_token, time_ms=time_ms)

    def list_credit_records(self, request: pb.ListCreditRecordsRequest) -> pb.ListCreditRecordsResponse:
        _optional_id("participant_id", request.participant_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = enforcement_queries.credit_entries(reader, participant_id=request.participant_id, token=request.page_token, size=size)
        return pb.ListCreditRecordsResponse(entries=page.items, next_page_token=page.next_token)

    def list_blacklist(self, request: pb.ListBlacklistRequest) -> pb.ListBlacklistResponse:
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = enforcement_queries.blacklist(reader, in_force_only=request.in_force_only, token=request.page_token, size=size)
        return pb.ListBlacklistResponse(entries=page.items, next_page_token=page.next_token)

    def list_notices(self, request: pb.ListJointPunishmentNoticesRequest) -> pb.ListJointPunishmentNoticesResponse:
        _optional_id("emitter_id", request.emitter_id)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            page = enforcement_queries.notices(reader, emitter_id=request.emitter_id, token=request.page_token, size=size)
        return pb.ListJointPunishmentNoticesResponse(notices=page.items, next_page_token=page.next_token)


def enforcement_history(found: enforcement_queries.History) -> api.EnforcementHistory:
    """The enforcement part of the Supervision service's emitter profile (arts. 38, 45-49)."""
    history = api.EnforcementHistory(measures=found.measures, measures_truncated=found.measures_truncated, credit=found.credit,
                                     credit_truncated=found.credit_truncated, blacklist=found.blacklist, notices=found.notices,
                                     notices_truncated=found.notices_truncated)
    if found.restrictions is not None:
        history.restrictions.CopyFrom(found.restrictions)
    return history
