"""Who may call what over mutual TLS: participant certificates against the ledger and the method.

node/pki.py tells who presented a certificate; this module decides whether that caller may make
this call. The three institutions' certificates (node, etcd, client) are checked by pki alone, as
before, and may call every method. A participant certificate (a province, a city, a verification
body, a key emitter, a trading institution, an individual) is accepted only if, in this order:

1. its role is a participant role (CERTIFICATE_ROLE_UNKNOWN) and the CA that issued it is the one
   that answers for that role, the ministry's for regulators and the registry's for holders
   (CERTIFICATE_ISSUER_NOT_FOR_ROLE: a registry-signed certificate naming a province is a forgery);
2. the method is one that role may call (`METHOD_ROLES`, METHOD_NOT_ALLOWED_FOR_ROLE);
3. the participant it names is registered on the ledger (CERTIFICATE_NOT_A_PARTICIPANT) with the
   role it names (CERTIFICATE_ROLE_MISMATCH: a certificate outlives a change on the ledger);
4. every signer the request names is that participant (CERTIFICATE_SIGNER_MISMATCH): the
   envelope signer of each transaction submitted, and `auth.participant` of a signed query.
   A whistle-blower's report (`file_tip`) is signed by a one-time key that names nobody, by
   design (art. 40): its signer is not compared.

Every refusal is PERMISSION_DENIED with its own ErrorInfo reason, before any handler runs.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Iterable, Mapping

import grpc
from google.protobuf.message import DecodeError, Message

from cets.v1 import messages as pb
from cets.ledger.txs import KINDS
from cets.node.errors import ApiError
from cets.node.pki import PARTICIPANT_ISSUERS, Peer

# Kinds signed by a key the transaction carries, which names nobody (a whistle-blower's report, art. 40).
ANONYMOUS_KINDS = frozenset(name for name, kind in KINDS.items() if kind.anonymous_signer is not None)

REGULATORS = frozenset({"province", "city", "verifier"})
HOLDERS = frozenset({"key_emitter", "institution", "individual"})
EVERYONE = REGULATORS | HOLDERS
# Who calls MRV's records of one emitter: the regulators, the verification bodies and the emitters
# themselves; trading institutions and individuals have no MRV record to read.
MRV_PARTIES = REGULATORS | frozenset({"key_emitter"})
SUPERVISORS = frozenset({"province", "city"})

# The one table: for each method, the participant roles whose certificates may call it. A method
# not listed is refused to every participant certificate (a new service declares its rows here;
# tests/test_callers.py checks that every method the node serves has one).
METHOD_ROLES: Mapping[str, frozenset[str]] = MappingProxyType({
    "/cets.v1.Registry/Submit": EVERYONE,
    "/cets.v1.Registry/SubmitBatch": EVERYONE,
    "/cets.v1.Registry/GetParticipant": EVERYONE,
    "/cets.v1.Registry/ListParticipants": EVERYONE,
    "/cets.v1.Registry/ListKeys": EVERYONE,
    "/cets.v1.Registry/GetAccount": EVERYONE,
    "/cets.v1.Registry/ListHoldings": EVERYONE,
    "/cets.v1.Registry/GetSupply": EVERYONE,
    "/cets.v1.Registry/ListRulebooks": EVERYONE,
    "/cets.v1.Registry/ListTrustedAccounts": EVERYONE,
    "/cets.v1.Registry/ListHeldTransfers": EVERYONE,
    "/cets.v1.Registry/GetTipIntake": EVERYONE,
    "/cets.v1.Registry/ListTips": EVERYONE,
    "/cets.v1.Registry/GetTip": EVERYONE,
    # Cancellation certificates (art. 15) are public.
    "/cets.v1.Registry/GetCancellation": EVERYONE,
    # Enforcement (arts. 38, 45-49): published records, public.
    "/cets.v1.Registry/ListMeasures": EVERYONE,
    "/cets.v1.Registry/ListCreditRecords": EVERYONE,
    "/cets.v1.Registry/ListBlacklist": EVERYONE,
    "/cets.v1.Registry/ListJointPunishmentNotices": EVERYONE,
    "/cets.v1.Mrv/GetEmitterYear": MRV_PARTIES,
    "/cets.v1.Mrv/ListKeyEmitters": EVERYONE,
    "/cets.v1.Mrv/ListMonitoringPlans": MRV_PARTIES,
    "/cets.v1.Mrv/ListEmissionReports": MRV_PARTIES,
    "/cets.v1.Mrv/GetVerificationDraw": MRV_PARTIES,
    "/cets.v1.Mrv/ListVerificationDraws": MRV_PARTIES,
    "/cets.v1.Mrv/ListAppeals": MRV_PARTIES,
    "/cets.v1.Mrv/ListAllocationMethods": EVERYONE,
    "/cets.v1.Mrv/ListCompliance": EVERYONE,
    "/cets.v1.Chain/GetHead": EVERYONE,
    "/cets.v1.Chain/GetGenesis": EVERYONE,
    "/cets.v1.Chain/GetBlock": EVERYONE,
    "/cets.v1.Chain/GetTransaction": EVERYONE,
    "/cets.v1.Chain/StreamBlocks": EVERYONE,
    "/cets.v1.Chain/ListEvidence": EVERYONE,
    "/cets.v1.Chain/ListNodeKeyChanges": EVERYONE,
    "/cets.v1.Chain/GetCheckpoint": EVERYONE,
    "/cets.v1.Chain/GetConsistencyProof": EVERYONE,
    "/cets.v1.Chain/GetBlockInclusionProof": EVERYONE,
    # Supervision (arts. 4, 32-36): the supervising tiers under the ministry (whose institution
    # certificate calls everything); each request is signed besides, and scoped by jurisdiction.
    "/cets.v1.Supervision/GetEmitterProfile": SUPERVISORS,
    "/cets.v1.Supervision/ListParticipantTransactions": SUPERVISORS,
    "/cets.v1.Supervision/ListEmitters": SUPERVISORS,
    "/cets.v1.Supervision/ListInspectionPriorities": SUPERVISORS,
    "/cets.v1.Supervision/GetVerifierOversight": SUPERVISORS,
    "/cets.v1.Supervision/ListDelegations": SUPERVISORS,
    "/cets.v1.Supervision/GetSealedTip": frozenset({"province"}),  # a report's handling authority (art. 40)
    # Trading (arts. 17-23): order entry for the traders (each order signed by its trader, whom the
    # certificate must name); the market's data public, as the exchange publishes it.
    "/cets.v1.Trading/PlaceOrder": HOLDERS,
    "/cets.v1.Trading/CancelOrder": HOLDERS,
    "/cets.v1.Trading/GetOrder": EVERYONE,
    "/cets.v1.Trading/ListOrders": EVERYONE,
    "/cets.v1.Trading/GetCashAccount": EVERYONE,
    "/cets.v1.Trading/GetBook": EVERYONE,
    "/cets.v1.Trading/StreamTrades": EVERYONE,
    "/cets.v1.Trading/GetDailyBars": EVERYONE,
    "/cets.v1.Trading/GetReconciliation": EVERYONE,
    "/cets.v1.Trading/ListLargeHolders": EVERYONE,
    "/cets.v1.Trading/GetBatch": EVERYONE,
})
# Services every caller may use whatever its certificate: health checking and reflection.
OPEN_SERVICES = frozenset({"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"})

ParticipantLookup = Callable[[str], "pb.Participant | None"]


def role_name(role: int) -> str:
    """The name a certificate gives a ledger Role: ROLE_KEY_EMITTER -> "key_emitter"."""
    return pb.Role.Name(role).removeprefix("ROLE_").lower() if role in pb.Role.values() else ""


def denied(reason: str, message: str) -> ApiError:
    return ApiError(grpc.StatusCode.PERMISSION_DENIED, reason, message)


def check_participant(peer: Peer, method: str, request: object, participants: ParticipantLookup | None) -> None:
    """Raise ApiError (PERMISSION_DENIED, its reason) unless this participant certificate may make this call."""
    role = peer.participant_role
    issuer = PARTICIPANT_ISSUERS.get(role)
    if issuer is None:
        raise denied("CERTIFICATE_ROLE_UNKNOWN", f"certificate title: got {role!r}, want one of {', '.join(PARTICIPANT_ISSUERS)}")
    if peer.institution != issuer:
        raise denied("CERTIFICATE_ISSUER_NOT_FOR_ROLE",
                     f"certificate: a {role} certificate issued by {peer.institution}'s CA; only {issuer}'s CA issues them")
    service = method.split("/")[1] if method.count("/") == 2 else ""
    if service not in OPEN_SERVICES and role not in METHOD_ROLES.get(method, frozenset()):
        raise denied("METHOD_NOT_ALLOWED_FOR_ROLE", f"{method}: a {role} certificate may not call it")
    participant = participants(peer.common_name) if participants is not None else None
    if participant is None:
        raise denied("CERTIFICATE_NOT_A_PARTICIPANT", f"certificate: {peer.common_name!r} is no participant on this ledger")
    if role_name(participant.role) != role:
        raise denied("CERTIFICATE_ROLE_MISMATCH",
                     f"certificate: names {peer.common_name!r} a {role}, the ledger has it {role_name(participant.role) or 'without a role'}")
    for signer in named_signers(request):
        if signer != peer.common_name:
            raise denied("CERTIFICATE_SIGNER_MISMATCH", f"request: names {signer!r}, the certificate is {peer.common_name!r}'s")


def named_signers(request: object) -> list[str]:
    """The participants a request speaks for: the signer of each transaction it submits (but an
    anonymous report's), and `auth.participant` of a signed query (any request with an `auth`)."""
    if not isinstance(request, Message):
        return []
    names = [signer for raw in _submitted(request) if (signer := _signer_of(raw))]
    fields = request.DESCRIPTOR.fields_by_name
    if "auth" in fields and fields["auth"].message_type is not None and request.HasField("auth"):
        participant = getattr(request.auth, "participant", "")
        if participant:
            names.append(participant)
    return names


def _submitted(request: Message) -> Iterable[bytes]:
    fields = request.DESCRIPTOR.fields_by_name
    if request.DESCRIPTOR.full_name == "cets.v1.SubmitRequest":
        return (request.tx,)
    if request.DESCRIPTOR.full_name == "cets.v1.SubmitBatchRequest" and "txs" in fields:
        return tuple(request.txs)
    return ()


def _signer_of(raw: bytes) -> str:
    """The envelope's signer, read leniently: a transaction that does not parse names nobody here,
    and the ledger refuses it with its own code (what parses strictly parses the same way)."""
    try:
        body = pb.TxBody.FromString(pb.SignedTx.FromString(raw).body)
    except DecodeError:
        return ""
    return "" if body.WhichOneof("payload") in ANONYMOUS_KINDS else body.signer
