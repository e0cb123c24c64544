"""Whistle-blowing reads (art. 40): the public ones (an authority's intake key, a report's public
record, a listing), mixed into the Registry service; and the sealed envelope for the handling
authority only, mixed into the Supervision service.

Who asks for the sealed envelope is proven by a signed query (`auth`, ledger/query_auth.py, as
every Supervision request) or, without one, by the caller's certificate over mutual TLS (a
province's participant certificate, the ministry's client certificate). Anyone else is refused,
and no answer but that one ever carries the envelope.
"""

from __future__ import annotations

import grpc

from cets.v1 import messages as pb
from cets.ledger import crypto, limits, query_auth, tip_queries
from cets.ledger.query_auth import QueryRefused
from cets.ledger.state import State
from cets.node.errors import ApiError, invalid, not_found
from cets.node.services.common import page_size, page_token_checked, require_id

SEALED_METHOD = "/cets.v1.Supervision/GetSealedTip"


def _require_tip_id(tip_id: str) -> None:
    require_id("tip_id", tip_id, crypto.KEY_ID_HEX_CHARS)


class TipReads:
    """Mixed into the Registry servicer (its `store`): public, no credential."""

    async def GetTipIntake(self, request: pb.GetTipIntakeRequest, context) -> pb.TipIntake:
        require_id("authority", request.authority, limits.id_chars_max)
        with self.store.reader() as reader:
            intake = tip_queries.intake(reader, request.authority)
        if intake is None:
            raise not_found("TIP_INTAKE_KEY_MISSING", f"authority: {request.authority!r} has set no intake key")
        return intake

    async def GetTip(self, request: pb.GetTipRequest, context) -> pb.Tip:
        _require_tip_id(request.tip_id)
        with self.store.reader() as reader:
            tip = tip_queries.tip(reader, request.tip_id)
        if tip is None:
            raise not_found("TIP_UNKNOWN", f"tip_id: no report {request.tip_id!r}")
        return tip

    async def ListTips(self, request: pb.ListTipsRequest, context) -> pb.ListTipsResponse:
        size = page_size(request.page_size)
        if request.authority:
            require_id("authority", request.authority, limits.id_chars_max)
        if request.status and request.status not in pb.TipStatus.values():
            raise invalid("INVALID_FIELD", f"status: got {request.status}, not a TipStatus")
        with self.store.reader() as reader, page_token_checked():
            page = tip_queries.tips(reader, authority=request.authority, status=request.status, token=request.page_token, size=size)
        return pb.ListTipsResponse(tips=page.items, next_page_token=page.next_token)


class SealedTipReads:
    """Mixed into the Supervision servicer (its `store` and `_head`)."""

    async def GetSealedTip(self, request: pb.GetSealedTipRequest, context) -> pb.SealedTip:
        _require_tip_id(request.tip_id)
        with self.store.reader() as reader:
            caller = self._sealed_caller(reader, request, context)
            sealed = tip_queries.sealed_tip(reader, request.tip_id)
        if sealed is None:
            raise not_found("TIP_UNKNOWN", f"tip_id: no report {request.tip_id!r}")
        if caller != sealed.authority:
            raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "TIP_NOT_HANDLER",
                           f"tip_id: filed to another authority; {caller!r} may not open it")
        return sealed

    def _sealed_caller(self, reader, request: pb.GetSealedTipRequest, context) -> str:
        """The participant asking: the signed query's, else the certificate's, else refused
        (PERMISSION_DENIED with the reason, as every Supervision credential refusal)."""
        if not request.HasField("auth"):
            caller = _certificate_participant(context)
            if caller is not None:
                return caller
        head = self._head(reader)
        state = State(reader)
        try:
            return query_auth.check(state, state.chain_id(), head.height, state.rulebook_at(head.time_ms), SEALED_METHOD, request).participant_id
        except QueryRefused as refused:
            raise ApiError(grpc.StatusCode.PERMISSION_DENIED, refused.reason, refused.detail) from None


def _certificate_participant(context) -> str | None:
    """The participant (or institution) the caller's certificate names; the interceptor checked it."""
    if context.auth_context().get("transport_security_type") != [b"ssl"]:
        return None
    from cets.node import pki

    peer = pki.caller_peer(context)
    return peer.participant if peer is not None and peer.role in (pki.PARTICIPANT_OU, "client") else None

