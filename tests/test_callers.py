"""The method -> participant roles table (node/callers.py), cell by cell, and the order of the checks
of a participant certificate. The TLS path itself is tests/test_participant_certificates.py."""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.ledger import identity
from cets.node import callers
from cets.node.errors import ApiError
from cets.node.pki import INSTITUTIONS, PARTICIPANT_ISSUERS, PARTICIPANT_OU, Peer
from cets.node.services import SERVICES
from tests.conftest import founder, new_key

ROLES = tuple(PARTICIPANT_ISSUERS)
# The table as the lead would read it aloud: p province, c city, v verifier, k key emitter,
# i trading institution, n individual. Written out here on purpose: a change to the table must
# change this line too.
EXPECTED = {
    "Registry/Submit": "pcvkin", "Registry/SubmitBatch": "pcvkin", "Registry/GetParticipant": "pcvkin",
    "Registry/ListParticipants": "pcvkin", "Registry/ListKeys": "pcvkin", "Registry/GetAccount": "pcvkin",
    "Registry/ListHoldings": "pcvkin", "Registry/GetSupply": "pcvkin", "Registry/ListRulebooks": "pcvkin",
    "Registry/ListTrustedAccounts": "pcvkin", "Registry/ListHeldTransfers": "pcvkin",
    "Registry/GetTipIntake": "pcvkin", "Registry/ListTips": "pcvkin", "Registry/GetTip": "pcvkin",
    "Registry/ListMeasures": "pcvkin", "Registry/ListCreditRecords": "pcvkin", "Registry/ListBlacklist": "pcvkin",
    "Registry/ListJointPunishmentNotices": "pcvkin", "Registry/GetCancellation": "pcvkin",
    "Chain/GetCheckpoint": "pcvkin", "Chain/GetConsistencyProof": "pcvkin", "Chain/GetBlockInclusionProof": "pcvkin",
    "Mrv/GetEmitterYear": "pcvk", "Mrv/ListKeyEmitters": "pcvkin", "Mrv/ListMonitoringPlans": "pcvk",
    "Mrv/ListEmissionReports": "pcvk", "Mrv/GetVerificationDraw": "pcvk", "Mrv/ListVerificationDraws": "pcvk",
    "Mrv/ListAppeals": "pcvk", "Mrv/ListAllocationMethods": "pcvkin", "Mrv/ListCompliance": "pcvkin",
    "Chain/GetHead": "pcvkin", "Chain/GetGenesis": "pcvkin", "Chain/GetBlock": "pcvkin", "Chain/GetTransaction": "pcvkin",
    "Chain/StreamBlocks": "pcvkin", "Chain/ListEvidence": "pcvkin", "Chain/ListNodeKeyChanges": "pcvkin",
    "Supervision/GetEmitterProfile": "pc", "Supervision/ListParticipantTransactions": "pc", "Supervision/ListEmitters": "pc",
    "Supervision/ListInspectionPriorities": "pc", "Supervision/GetVerifierOversight": "pc", "Supervision/ListDelegations": "pc",
    "Supervision/GetSealedTip": "p",
    "Trading/PlaceOrder": "kin", "Trading/CancelOrder": "kin", "Trading/GetOrder": "pcvkin", "Trading/ListOrders": "pcvkin",
    "Trading/GetCashAccount": "pcvkin", "Trading/GetBook": "pcvkin", "Trading/StreamTrades": "pcvkin", "Trading/GetDailyBars": "pcvkin",
    "Trading/GetReconciliation": "pcvkin", "Trading/ListLargeHolders": "pcvkin", "Trading/GetBatch": "pcvkin",
}
LETTERS = dict(zip("pcvkin", ("province", "city", "verifier", "key_emitter", "institution", "individual")))


def peer(participant_id: str, role: str, issuer: str | None = None) -> Peer:
    return Peer(institution=issuer or PARTICIPANT_ISSUERS[role], role=PARTICIPANT_OU, common_name=participant_id, participant_role=role)


def ledger_with(participant_id: str, role: str):
    """A participant lookup holding one participant with `role` (by name, so a role the enum does not
    have yet, such as city, is a participant whose role never matches)."""
    value = pb.Role.Value("ROLE_" + role.upper()) if "ROLE_" + role.upper() in pb.Role.keys() else 0
    return lambda wanted: pb.Participant(participant_id=participant_id, role=value) if wanted == participant_id else None


def reason(peer_: Peer, method: str, request=None, lookup=None) -> str:
    try:
        callers.check_participant(peer_, method, request, lookup)
    except ApiError as error:
        return error.reason
    return "OK"


def served_methods() -> set[str]:
    return {f"/{service.full_name}/{method.name}" for service in SERVICES for method in service.descriptor.methods}


def test_every_served_method_has_a_row_and_every_row_a_served_method():
    declared = set(callers.METHOD_ROLES)
    assert served_methods() - declared == set(), "methods no participant certificate may call: declare them in node/callers.py"
    assert declared - served_methods() == set()
    assert {f"/cets.v1.{name}" for name in EXPECTED} == declared


@pytest.mark.parametrize("method", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_method_table_cell(method, role):
    allowed = role in {LETTERS[letter] for letter in EXPECTED[method]}
    got = reason(peer("P-1", role), f"/cets.v1.{method}", lookup=ledger_with("P-1", role))
    if not allowed:
        assert got == "METHOD_NOT_ALLOWED_FOR_ROLE"
    elif role == "city" and "ROLE_CITY" not in pb.Role.keys():
        assert got == "CERTIFICATE_ROLE_MISMATCH"  # until the ledger has cities
    else:
        assert got == "OK"


@pytest.mark.parametrize("role", ROLES)
def test_health_and_reflection_are_open_to_every_participant(role):
    lookup = ledger_with("P-1", role)
    for method in ("/grpc.health.v1.Health/Check", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"):
        assert reason(peer("P-1", role), method, lookup=lookup) in ("OK", "CERTIFICATE_ROLE_MISMATCH")


@pytest.mark.parametrize("role", ROLES)
def test_certificate_from_another_institutions_ca_is_a_forgery(role):
    for issuer in set(INSTITUTIONS) - {PARTICIPANT_ISSUERS[role]}:
        got = reason(peer("P-1", role, issuer), "/cets.v1.Chain/GetHead", lookup=ledger_with("P-1", role))
        assert got == "CERTIFICATE_ISSUER_NOT_FOR_ROLE"


@pytest.mark.parametrize("title", ["ministry", "registry", "exchange", "", "Province", "ROLE_PROVINCE"])
def test_certificate_naming_no_participant_role_is_refused(title):
    forged = Peer(institution=identity.MINISTRY_ID, role=PARTICIPANT_OU, common_name="MEE", participant_role=title)
    assert reason(forged, "/cets.v1.Chain/GetHead", lookup=ledger_with("MEE", "ministry")) == "CERTIFICATE_ROLE_UNKNOWN"


def test_checks_run_in_their_order():
    # issuer before method, method before the ledger, the ledger before the signer
    assert reason(peer("P-1", "province", identity.REGISTRY_ID), "/cets.v1.No/Such") == "CERTIFICATE_ISSUER_NOT_FOR_ROLE"
    assert reason(peer("P-1", "individual"), "/cets.v1.Mrv/ListEmissionReports") == "METHOD_NOT_ALLOWED_FOR_ROLE"
    assert reason(peer("P-1", "province"), "/cets.v1.Chain/GetHead", lookup=lambda _: None) == "CERTIFICATE_NOT_A_PARTICIPANT"
    assert reason(peer("P-1", "province"), "/cets.v1.Chain/GetHead", lookup=ledger_with("P-1", "key_emitter")) == "CERTIFICATE_ROLE_MISMATCH"


def test_submissions_name_their_envelope_signers():
    guangdong, hubei = founder(identity.province_id("44")), founder(identity.province_id("42"))
    key = new_key("X-1")
    own = guangdong.add_key(identity.province_id("44"), key.spec().public_key)
    other = hubei.add_key(identity.province_id("42"), key.spec().public_key)
    submit = "/cets.v1.Registry/Submit"
    lookup = ledger_with(identity.province_id("44"), "province")
    me = peer(identity.province_id("44"), "province")
    assert reason(me, submit, api.SubmitRequest(tx=own.SerializeToString()), lookup) == "OK"
    assert reason(me, submit, api.SubmitRequest(tx=other.SerializeToString()), lookup) == "CERTIFICATE_SIGNER_MISMATCH"
    batch = api.SubmitBatchRequest(txs=[own.SerializeToString(), other.SerializeToString()])
    assert reason(me, "/cets.v1.Registry/SubmitBatch", batch, lookup) == "CERTIFICATE_SIGNER_MISMATCH"
    # bytes that are no transaction name nobody: the ledger refuses them with its own code
    assert reason(me, submit, api.SubmitRequest(tx=b"\xff\xff"), lookup) == "OK"


def test_anonymous_report_names_no_signer():
    body = pb.TxBody(chain_id="c", signer="tip-" + "0" * 32, client_id="x", file_tip=pb.FileTip(authority="MEE"))
    tx = pb.SignedTx(body=body.SerializeToString())
    assert callers.named_signers(api.SubmitRequest(tx=tx.SerializeToString())) == []


def test_signed_query_names_its_participant():
    request = pb.GetSealedTipRequest(tip_id="t", auth=pb.QueryAuth(participant="PROV-42"))
    assert callers.named_signers(request) == ["PROV-42"]
    assert reason(peer("PROV-44", "province"), "/cets.v1.Supervision/GetSealedTip", request,
                  ledger_with("PROV-44", "province")) == "CERTIFICATE_SIGNER_MISMATCH"

