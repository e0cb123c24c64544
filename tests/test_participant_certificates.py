"""Participant certificates over real mutual TLS (issue 9 item 7, DESIGN §8): a solo node serving
TLS on 127.0.0.1 checks each participant certificate against its issuing CA, the ledger's role,
the method, and the request's signer; each refusal has its own reason and changes nothing."""

from __future__ import annotations

import contextlib
import pathlib

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import identity
from cets.node import devnet, pki
from cets.node.server import Node, NodeConfig, prepare_dev
from tests.conftest import founder, new_key, new_uscc

pytestmark = pytest.mark.timeout(60)

GUANGDONG = identity.province_id("44")
HUBEI = identity.province_id("42")


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> pki.PkiLayout:
    return pki.make_dev_pki(tmp_path_factory.mktemp("pki"))


@contextlib.asynccontextmanager
async def tls_node(data_dir: pathlib.Path, layout: pki.PkiLayout):
    genesis = prepare_dev(data_dir)
    node = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=genesis, pki_dir=layout.root))
    await node.start()
    try:
        yield f"127.0.0.1:{node.port}"
    finally:
        await node.stop()


def participant_client(target: str, layout: pki.PkiLayout, directory: pathlib.Path, participant_id: str, role: str,
                       issuer: str | None = None) -> AsyncClient:
    cert, key = pki.issue_participant(layout, participant_id, role, directory, issuer=issuer)
    return AsyncClient(target, deadline_s=10.0, credentials=pki.participant_channel_credentials(layout.trust_bundle, cert, key))


def institution_client(target: str, layout: pki.PkiLayout, institution: str = identity.REGISTRY_ID) -> AsyncClient:
    return AsyncClient(target, deadline_s=10.0, credentials=pki.channel_credentials(layout, institution))


def emitter_registration(province: TxBuilder = None) -> tuple[pb.SignedTx, str]:
    key = new_key(new_uscc("44"))
    tx = (province or founder(GUANGDONG)).register_participant(key.participant_id, pb.ROLE_KEY_EMITTER, "Cert test emitter",
                                                               [key.spec()], province="44", sector="power")
    return tx, key.participant_id


async def refused(call) -> str:
    with pytest.raises(CetsError) as failure:
        await call
    assert failure.value.status.name == "PERMISSION_DENIED", failure.value
    return failure.value.reason


async def test_good_province_certificate_submits_its_own_transaction_and_reads(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        async with participant_client(target, layout, tmp_path / "certs", GUANGDONG, "province") as client:
            tx, emitter_id = emitter_registration()
            receipt = await client.submit(tx)
            assert receipt.code == pb.CODE_OK
            assert (await client.participant(emitter_id)).role == pb.ROLE_KEY_EMITTER
            assert await client.monitoring_plans(emitter_id) == []  # an MRV read a province may make


async def test_institution_certificates_keep_working(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        for institution in pki.INSTITUTIONS:
            async with institution_client(target, layout, institution) as client:
                assert (await client.head()).height >= 0
                assert [listing async for listing in client.key_emitters(2026)] == []


async def test_registry_issued_regulator_certificate_is_a_forgery(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        async with participant_client(target, layout, tmp_path / "certs", GUANGDONG, "province", issuer=identity.REGISTRY_ID) as forged, \
                institution_client(target, layout) as registry:
            height = (await registry.head()).height
            tx, emitter_id = emitter_registration()
            assert await refused(forged.submit(tx)) == "CERTIFICATE_ISSUER_NOT_FOR_ROLE"
            assert await refused(forged.head()) == "CERTIFICATE_ISSUER_NOT_FOR_ROLE"
            assert (await registry.head()).height == height
            with pytest.raises(CetsError, match="UNKNOWN_PARTICIPANT"):
                await registry.participant(emitter_id)


async def test_certificate_naming_another_role_than_the_ledger_is_refused(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        # the ministry's CA does issue verifier certificates, but the ledger has PROV-44 a province
        async with participant_client(target, layout, tmp_path / "certs", GUANGDONG, "verifier") as mismatched, \
                institution_client(target, layout) as registry:
            height = (await registry.head()).height
            tx, _ = emitter_registration()
            assert await refused(mismatched.submit(tx)) == "CERTIFICATE_ROLE_MISMATCH"
            assert (await registry.head()).height == height


async def test_certificate_of_no_participant_is_refused(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        async with participant_client(target, layout, tmp_path / "certs", new_uscc("44"), "key_emitter") as stranger:
            assert await refused(stranger.head()) == "CERTIFICATE_NOT_A_PARTICIPANT"


async def test_certificate_of_one_participant_submitting_another_signer_is_refused(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        async with participant_client(target, layout, tmp_path / "certs", GUANGDONG, "province") as guangdong, \
                institution_client(target, layout) as registry:
            height = (await registry.head()).height
            tx, emitter_id = emitter_registration(founder(HUBEI))  # well signed, by Hubei
            assert await refused(guangdong.submit(tx)) == "CERTIFICATE_SIGNER_MISMATCH"
            assert await refused(guangdong.submit_batch([emitter_registration()[0], tx])) == "CERTIFICATE_SIGNER_MISMATCH"
            assert (await registry.head()).height == height
            with pytest.raises(CetsError, match="UNKNOWN_PARTICIPANT"):
                await registry.participant(emitter_id)


async def test_method_not_allowed_for_the_role_is_refused(tmp_path, layout):
    async with tls_node(tmp_path / "node", layout) as target:
        institution_key = new_key(new_uscc("11"))
        async with institution_client(target, layout) as registry:
            receipt = await registry.submit(founder(identity.REGISTRY_ID).register_participant(
                institution_key.participant_id, pb.ROLE_INSTITUTION, "A trading firm", [institution_key.spec()]))
            assert receipt.code == pb.CODE_OK, receipt.detail
        async with participant_client(target, layout, tmp_path / "certs", institution_key.participant_id, "institution") as firm:
            # a trading institution has no MRV record to read: another emitter's reports are not its business
            assert await refused(firm.emission_reports(new_uscc("44"))) == "METHOD_NOT_ALLOWED_FOR_ROLE"
            assert (await firm.participant(institution_key.participant_id)).role == pb.ROLE_INSTITUTION  # what it may call works
            own = TxBuilder(devnet.DEV_CHAIN_ID, institution_key)
            receipt = await firm.submit(own.add_key(institution_key.participant_id, new_key(institution_key.participant_id).spec().public_key))
            assert receipt.code == pb.CODE_OK, receipt.detail


async def test_revoked_certificate_is_refused_and_others_keep_working(tmp_path):
    layout = pki.make_dev_pki(tmp_path / "pki")
    compromised, _ = pki.issue_participant(layout, GUANGDONG, "province", tmp_path / "old")
    pki.revoke_certificate(layout, compromised)
    pki.revoke_certificate(layout, compromised)  # twice: still one entry, still valid
    async with tls_node(tmp_path / "node", layout) as target:
        old = AsyncClient(target, deadline_s=10.0, credentials=pki.participant_channel_credentials(
            layout.trust_bundle, compromised, tmp_path / "old" / f"{GUANGDONG}.key"))
        async with old, participant_client(target, layout, tmp_path / "new", GUANGDONG, "province") as renewed:
            assert await refused(old.head()) == "CERTIFICATE_REVOKED"
            assert (await renewed.head()).height >= 0


def test_revocation_list_not_signed_by_a_ca_of_the_bundle_is_refused(tmp_path, layout):
    other = pki.make_dev_pki(tmp_path / "other")
    cert, _ = pki.issue_participant(other, GUANGDONG, "province", tmp_path / "certs")
    crl = pki.revoke_certificate(other, cert)
    with pytest.raises(ValueError, match="no CA of the bundle signed"):
        pki.TrustStore.from_pem(layout.trust_bundle.read_bytes(), [crl.read_bytes()])
