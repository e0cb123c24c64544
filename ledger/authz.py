"""Who may register whom, who administers keys, and which operations each account kind allows.

One table per question, tested cell by cell (tests/test_authz_table.py); who may sign each kind
is declared with the kind and collected in `cets.ledger.txs.SIGNER_ROLES`. Jurisdiction rules
(a province acts only on its own entities, art. 4 and 10) are checked by the handlers, since
they depend on the entity the transaction names.
"""

from __future__ import annotations

import enum

from cets.v1 import messages as pb

R = pb.Role
# Role sets the kinds' declarations name (`KINDS` in each cets.ledger.txs module): who may sign a
# kind is declared beside its handler, and collected into `cets.ledger.txs.SIGNER_ROLES`.
HOLDERS = frozenset({R.ROLE_KEY_EMITTER, R.ROLE_INSTITUTION, R.ROLE_INDIVIDUAL})
EVERYONE = frozenset(v for v in R.values() if v != R.ROLE_UNSPECIFIED)

# Role registered -> roles that may register it (a province only in its own province).
REGISTRARS: dict[int, frozenset[int]] = {
    R.ROLE_KEY_EMITTER: frozenset({R.ROLE_PROVINCE, R.ROLE_MINISTRY}),  # art. 5
    R.ROLE_INSTITUTION: frozenset({R.ROLE_REGISTRY}),
    R.ROLE_INDIVIDUAL: frozenset({R.ROLE_REGISTRY}),
    R.ROLE_VERIFIER: frozenset({R.ROLE_PROVINCE, R.ROLE_MINISTRY}),  # arts. 27-28, 36: supervised by the ministry and provinces
    R.ROLE_CITY: frozenset({R.ROLE_PROVINCE, R.ROLE_MINISTRY}),  # arts. 4, 32: a city department under its province
}

# Roles whose transactions keys the registry may recover (RecoverKey), when the participant can no
# longer sign. Every other change of a participant's keys is signed with one of its own keys
# (DESIGN §8). The founding institutions are never recovered by another: they run the nodes whose
# 2-of-3 quorum keeps each of them in check, and a registry able to replace the ministry's or the
# exchange's transactions key could issue or settle as them. They keep several keys instead.
# Node keys are never recovered (RecoverKey adds and revokes transactions keys only): another
# institution's node key would let the registry sign blocks as it and make a quorum alone.
RECOVERABLE_ROLES: frozenset[int] = frozenset({R.ROLE_KEY_EMITTER, R.ROLE_INSTITUTION, R.ROLE_INDIVIDUAL, R.ROLE_PROVINCE, R.ROLE_VERIFIER,
                                              R.ROLE_CITY})


class Operation(enum.Enum):
    ISSUE_INTO = "issue_into"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    RESERVE_SOURCE = "reserve_source"  # units may be set aside from it into the reserve
    RESERVE_DESTINATION = "reserve_destination"  # reserve units may be released to it
    ALLOCATE_FROM = "allocate_from"
    ALLOCATE_TO = "allocate_to"
    SURRENDER_FROM = "surrender_from"
    CANCEL_FROM = "cancel_from"
    RECEIVE_CCER = "receive_ccer"


K = pb.AccountKind
O = Operation
# Art. 14: each account kind allows a fixed set of operations.
ACCOUNT_OPERATIONS: dict[int, frozenset[Operation]] = {
    K.ACCOUNT_KIND_ISSUANCE: frozenset({O.ISSUE_INTO, O.TRANSFER_OUT, O.RESERVE_SOURCE, O.RESERVE_DESTINATION}),
    K.ACCOUNT_KIND_RESERVE: frozenset(),  # moved only by reserve_move, which names it itself
    K.ACCOUNT_KIND_AUCTION: frozenset({O.TRANSFER_IN, O.TRANSFER_OUT, O.RESERVE_SOURCE, O.RESERVE_DESTINATION}),
    K.ACCOUNT_KIND_PROVINCE_ALLOCATION: frozenset(
        {O.TRANSFER_IN, O.ALLOCATE_FROM, O.RESERVE_SOURCE, O.RESERVE_DESTINATION}
    ),
    K.ACCOUNT_KIND_EMITTER_HOLDING: frozenset(
        {O.TRANSFER_IN, O.TRANSFER_OUT, O.ALLOCATE_TO, O.SURRENDER_FROM, O.CANCEL_FROM,
         O.RECEIVE_CCER, O.RESERVE_DESTINATION}  # a major project receives reserve units (art. 9)
    ),
    K.ACCOUNT_KIND_TRADING: frozenset({O.TRANSFER_IN, O.TRANSFER_OUT, O.CANCEL_FROM, O.RECEIVE_CCER}),
}

# (from kind, to kind) pairs a plain transfer may take; everything else has its own transaction.
TRANSFER_ROUTES: frozenset[tuple[int, int]] = frozenset(
    {
        (K.ACCOUNT_KIND_ISSUANCE, K.ACCOUNT_KIND_PROVINCE_ALLOCATION),
        (K.ACCOUNT_KIND_ISSUANCE, K.ACCOUNT_KIND_AUCTION),
        (K.ACCOUNT_KIND_AUCTION, K.ACCOUNT_KIND_EMITTER_HOLDING),
        (K.ACCOUNT_KIND_AUCTION, K.ACCOUNT_KIND_TRADING),
        (K.ACCOUNT_KIND_EMITTER_HOLDING, K.ACCOUNT_KIND_EMITTER_HOLDING),
        (K.ACCOUNT_KIND_EMITTER_HOLDING, K.ACCOUNT_KIND_TRADING),
        (K.ACCOUNT_KIND_TRADING, K.ACCOUNT_KIND_EMITTER_HOLDING),
        (K.ACCOUNT_KIND_TRADING, K.ACCOUNT_KIND_TRADING),
    }
)

# Art. 31: only these project types may offset, and only from outside covered boundaries.
OFFSET_PROJECT_TYPES = frozenset(
    {pb.PROJECT_TYPE_RENEWABLE, pb.PROJECT_TYPE_CARBON_SINK, pb.PROJECT_TYPE_METHANE}
)


def account_allows(kind: int, operation: Operation) -> bool:
    return operation in ACCOUNT_OPERATIONS.get(kind, frozenset())
