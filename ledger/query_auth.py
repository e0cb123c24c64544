"""Signed supervision queries (arts. 32-34): what a QueryAuth signs, and its one check.

Every request of the Supervision service carries a `QueryAuth`: the asking participant, one of
its transactions keys, the last head height the credential is good for, and an Ed25519 signature
over

    "cets/query/v1\\0" + chain_id + "\\0" + full method name + "\\0"
      + the request's deterministic bytes with `auth` cleared + valid_until_height (8 bytes, big-endian)

("/cets.v1.Supervision/GetEmitterProfile" is a full method name). Binding the chain, the method
and the whole request means a credential answers one question on one chain, and the height bound
means it dies within `query_auth_window_blocks` of the head (the rulebook's; 0 = 100 blocks), so a
leaked request cannot be replayed for ever. Pure: the node passes the head height and the state.
"""

from __future__ import annotations

import struct

from cets.v1 import messages as pb
from cets.ledger import crypto, limits
from cets.ledger.state import State

QUERY_DOMAIN = b"cets/query/v1\x00"
_HEIGHT = struct.Struct(">Q")


class QueryRefused(Exception):
    """A supervision query refused before anything is read: `reason` is its stable name."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def signed_bytes(chain_id: str, method: str, request, valid_until_height: int) -> bytes:
    """The bytes a QueryAuth's signature covers (see the module's docstring)."""
    unsigned = type(request)()
    unsigned.CopyFrom(request)
    unsigned.ClearField("auth")
    return b"".join((QUERY_DOMAIN, chain_id.encode(), b"\x00", method.encode(), b"\x00",
                     unsigned.SerializeToString(deterministic=True), _HEIGHT.pack(valid_until_height)))


def sign(signer: crypto.Signer, participant_id: str, chain_id: str, method: str, request, valid_until_height: int) -> pb.QueryAuth:
    """A credential for `request` (its `auth` is ignored), by `signer`, a key of `participant_id`."""
    signature = signer.sign(signed_bytes(chain_id, method, request, valid_until_height))
    return pb.QueryAuth(participant=participant_id, key_id=signer.key_id, valid_until_height=valid_until_height, signature=signature)


def window_blocks(rulebook: pb.Rulebook) -> int:
    return rulebook.query_auth_window_blocks or limits.query_auth_window_blocks_default


def check(state: State, chain_id: str, head_height: int, rulebook: pb.Rulebook, method: str, request) -> pb.Participant:
    """The participant a request's credential proves, or QueryRefused, in a fixed order: present,
    not expired, not too far ahead, a known participant, a key of it for transactions and not
    revoked, a signature that verifies."""
    auth = request.auth
    if not request.HasField("auth") or not auth.participant:
        raise QueryRefused("QUERY_AUTH_MISSING", "auth: missing (every supervision query is signed)")
    if head_height > auth.valid_until_height:
        raise QueryRefused("QUERY_AUTH_EXPIRED", f"auth.valid_until_height: got {auth.valid_until_height}, head is {head_height}")
    window = window_blocks(rulebook)
    if auth.valid_until_height > head_height + window:
        raise QueryRefused("QUERY_AUTH_TOO_FAR_AHEAD",
                           f"auth.valid_until_height: got {auth.valid_until_height}, want at most head {head_height} + {window}")
    participant = state.participant(auth.participant) if len(auth.participant) <= limits.id_chars_max else None
    if participant is None:
        raise QueryRefused("QUERY_AUTH_UNKNOWN_PARTICIPANT", f"auth.participant: no participant {auth.participant[:limits.id_chars_max]!r}")
    _require_key(state, auth)
    key = state.key(auth.key_id)
    if not crypto.verify(key.public_key, auth.signature, signed_bytes(chain_id, method, request, auth.valid_until_height)):
        raise QueryRefused("QUERY_AUTH_BAD_SIGNATURE", f"auth.signature: does not verify with key {auth.key_id} over this request and method")
    return participant


def _require_key(state: State, auth: pb.QueryAuth) -> None:
    key = state.key(auth.key_id) if len(auth.key_id) == crypto.KEY_ID_HEX_CHARS else None
    if key is None:
        raise QueryRefused("QUERY_AUTH_UNKNOWN_KEY", f"auth.key_id: no key {auth.key_id[:crypto.KEY_ID_HEX_CHARS]!r}")
    if key.participant_id != auth.participant:
        raise QueryRefused("QUERY_AUTH_KEY_NOT_OF_PARTICIPANT", f"auth.key_id: a key of {key.participant_id!r}, not of {auth.participant!r}")
    if key.purpose != pb.KEY_PURPOSE_TRANSACTIONS:
        raise QueryRefused("QUERY_AUTH_KEY_PURPOSE", f"auth.key_id: a {pb.KeyPurpose.Name(key.purpose)} key")
    if key.revoked:
        raise QueryRefused("QUERY_AUTH_KEY_REVOKED", f"auth.key_id: revoked at height {key.revoked_height}")
