"""Register key emitters, institutions and individuals (art. 5, 14, 17-18), each with its account,
and verification bodies (arts. 27-28, 36), which hold no units and so have no account."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, identity, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_enum, require_own_province, require_province_code, require_text
from cets.ledger.txs.registry.keys import check_new_keys, store_new_keys
from cets.ledger.txs.kind import TxKind
from cets.ledger.txs.supervision.restrictions import require_allowed


_ACCOUNT_KIND = {
    pb.ROLE_KEY_EMITTER: pb.ACCOUNT_KIND_EMITTER_HOLDING,
    pb.ROLE_INSTITUTION: pb.ACCOUNT_KIND_TRADING,
    pb.ROLE_INDIVIDUAL: pb.ACCOUNT_KIND_TRADING,
}  # a verification body (ROLE_VERIFIER) holds no account: its staff may not trade (Order 775, arts. 7, 20)

def account_id_for(participant_id: str, role: int) -> str:
    """The account a participant of `role` gets at registration; "" for a role that holds nothing."""
    if role == pb.ROLE_KEY_EMITTER:
        return identity.holding_account_id(participant_id)
    if role not in _ACCOUNT_KIND:
        return ""
    return identity.trading_account_id(participant_id)


def check_identity(role: int, participant_id: str) -> None:
    """Organisations carry a unified social credit code; persons a resident identity number."""
    valid = identity.is_resident_id(participant_id) if role == pb.ROLE_INDIVIDUAL else identity.is_uscc(participant_id)
    if not valid:
        want = "a resident identity number" if role == pb.ROLE_INDIVIDUAL else "a unified social credit code"
        raise Rejection(pb.CODE_INVALID_FIELD, f"participant_id: got {participant_id!r}, want {want} with a valid check character")


def register_participant(ctx: TxContext, payload: pb.RegisterParticipant) -> None:
    require_text("participant_id", payload.participant_id, limits.id_chars_max)
    require_enum("role", payload.role, pb.Role)
    registrars = authz.REGISTRARS.get(payload.role)
    if registrars is None:
        raise Rejection(pb.CODE_INVALID_FIELD, f"role: got {pb.Role.Name(payload.role)}, institutions come from the genesis")
    if ctx.signer.role not in registrars:
        raise Rejection(pb.CODE_ROLE_NOT_AUTHORIZED, f"role: {pb.Role.Name(ctx.signer.role)} may not register {pb.Role.Name(payload.role)}")
    check_identity(payload.role, payload.participant_id)
    require_allowed(ctx, "participant_id", payload.participant_id, "", pb.RESTRICTED_OPERATION_OPEN_ACCOUNT)  # art. 49: the blacklist
    require_text("name", payload.name, limits.name_chars_max)
    if payload.role == pb.ROLE_KEY_EMITTER:
        require_province_code("province", payload.province)
        require_own_province(ctx, "province", payload.province)
        if not identity.is_sector(payload.sector):
            raise Rejection(pb.CODE_INVALID_FIELD if payload.sector else pb.CODE_MISSING_FIELD, f"sector: got {payload.sector!r}, want a lowercase sector code")
    elif payload.role == pb.ROLE_CITY or (payload.role == pb.ROLE_VERIFIER and ctx.signer.role == pb.ROLE_PROVINCE):
        # a city department always belongs to a province (arts. 4, 32), as a verification body a
        # province registers does; a province registers only those of its own province
        require_province_code("province", payload.province)
        require_own_province(ctx, "province", payload.province)
    elif payload.province:
        require_province_code("province", payload.province)
    if ctx.state.participant(payload.participant_id) is not None:
        raise Rejection(pb.CODE_PARTICIPANT_EXISTS, f"participant_id: {payload.participant_id!r} is registered")
    check_new_keys(ctx, payload.keys, limits.register_key_count_max, payload.role)

    account_id = account_id_for(payload.participant_id, payload.role)
    ctx.state.put_participant(
        pb.Participant(
            participant_id=payload.participant_id, role=payload.role, name=payload.name,
            province=payload.province, sector=payload.sector, account_id=account_id,
            registered_height=ctx.height,
        )
    )
    if account_id:
        ctx.state.put_account(
            pb.Account(account_id=account_id, kind=_ACCOUNT_KIND[payload.role], holder=payload.participant_id, province=payload.province)
        )
    store_new_keys(ctx, payload.participant_id, payload.keys)
    ctx.emit(participant_registered=pb.ParticipantRegistered(participant_id=payload.participant_id, role=payload.role,
                                                             account_id=account_id, province=payload.province))


KINDS = (
    TxKind(
        name="register_participant", domain="registry", handler=register_participant,
        signers=frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE, pb.ROLE_REGISTRY}),
        articles=("5", "14", "17-18", "27-28"),
        summary="Register a participant with its first keys and its account (key emitters by their province, art. 5; verification bodies hold none).",
    ),
)
