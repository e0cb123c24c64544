"""Whistle-blowing reads (art. 40), served by the Registry service until the Supervision service
takes them: a report's public record, a listing, and the sealed envelope for the handling
authority only.

Who asks for the sealed envelope is proven by a signed query (`auth`, ledger/tip_queries.py) or,
without one, by the caller's certificate over mutual TLS (a province's participant certificate,
the ministry's institution certificate). Anyone else is refused, and no answer but that one ever
carries the envelope.
"""

from __future__ import annotations

import grpc

from cets.v1 import messages as pb
from cets.ledger import crypto, limits, tip_queries
from cets.ledger.tip_queries import QueryAuthRefused
from cets.node.errors import ApiError, invalid, not_found
from cets.node.services.common import page_size, page_token_checked, require_id

SEALED_METHOD = "/cets.v1.Registry/GetSealedTip"


def _require_tip_id(tip_id: str) -> None:
    require_id("tip_id", tip_id, crypto.KEY_ID_HEX_CHARS)


class TipReads:
    """Mixed into the Registry servicer (its `store` and `sequencer`)."""

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
        """The participant asking: the signed query's, else the certificate's, else refused."""
        if request.HasField("auth"):
            try:
                return tip_queries.check_query_auth(reader, self.sequencer.chain_id, SEALED_METHOD, request, reader.height)
            except QueryAuthRefused as refusal:
                raise ApiError(grpc.StatusCode.UNAUTHENTICATED, refusal.reason, str(refusal)) from None
        caller = _certificate_participant(context)
        if caller is None:
            raise ApiError(grpc.StatusCode.UNAUTHENTICATED, "QUERY_AUTH_MISSING",
                           "auth: missing, and no certificate names the caller: sign the query as the handling authority")
        return caller


def _certificate_participant(context) -> str | None:
    """The participant (or institution) the caller's certificate names; the interceptor checked it."""
    if context.auth_context().get("transport_security_type") != [b"ssl"]:
        return None
    from cets.node import pki

    peer = pki.caller_peer(context)
    return peer.participant if peer is not None and peer.role in (pki.PARTICIPANT_OU, "client") else None

