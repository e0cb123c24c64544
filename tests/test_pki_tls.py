"""Mutual TLS with one CA per institution: real grpc.aio servers on loopback, and a real etcd member.

The test service answers "<institution>/<role>" of the caller as `node.pki` sees it, and refuses
(PERMISSION_DENIED) a caller it cannot attribute to an institution.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime
import os
import pathlib
import shutil
import signal
import stat
import subprocess
import time

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cets.node import pki
from tests.conftest import free_port

pytestmark = pytest.mark.timeout(60)

DEADLINE_S = 5.0
WHOAMI = "/cets.test.Whoami/Who"
ETCD = "/usr/bin/etcd"


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> pki.PkiLayout:
    return pki.make_dev_pki(tmp_path_factory.mktemp("pki"))


async def _whoami(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    peer = pki.caller_peer(context)
    if peer is None:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "no institution")
    return f"{peer.institution}/{peer.role}".encode()


@contextlib.asynccontextmanager
async def serve(layout: pki.PkiLayout, institution: str):
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        "cets.test.Whoami", {"Who": grpc.unary_unary_rpc_method_handler(_whoami)}),))
    port = server.add_secure_port("127.0.0.1:0", pki.server_credentials(layout, institution))
    await server.start()
    try:
        yield port
    finally:
        await server.stop(None)


async def call(target: str, credentials: grpc.ChannelCredentials) -> str:
    async with grpc.aio.secure_channel(target, credentials) as channel:
        return (await channel.unary_unary(WHOAMI)(b"", timeout=DEADLINE_S)).decode()


async def refused(target: str, credentials: grpc.ChannelCredentials) -> grpc.StatusCode:
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await call(target, credentials)
    return failure.value.code()


def credentials_from(trust_pem: bytes, cert_pem: bytes | None = None, key_pem: bytes | None = None):
    return grpc.ssl_channel_credentials(root_certificates=trust_pem, private_key=key_pem, certificate_chain=cert_pem)


def issue(subject_o: str, ca_cert_path: pathlib.Path, ca_key_path: pathlib.Path, *,
          issuer_name: x509.Name | None = None) -> tuple[bytes, bytes]:
    """A client certificate claiming O=`subject_o`, signed with the given CA key."""
    ca_cert = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
    ca_key = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, subject_o),
                                 x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "client"),
                                 x509.NameAttribute(NameOID.COMMON_NAME, f"{subject_o}-client")]))
        .issuer_name(issuer_name or ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


class FakeContext:
    def __init__(self, auth: dict[str, list[bytes]]):
        self._auth = auth

    def auth_context(self) -> dict[str, list[bytes]]:
        return self._auth


# ---------------------------------------------------------------------------------------------


async def test_each_institution_is_identified_by_its_certificate(layout):
    for server_institution in pki.INSTITUTIONS:
        async with serve(layout, server_institution) as port:
            for institution in pki.INSTITUTIONS:
                assert await call(f"127.0.0.1:{port}", pki.channel_credentials(layout, institution)) \
                    == f"{institution}/client"
                # node to node: the node certificate is also a client certificate; SAN localhost works too
                assert await call(f"localhost:{port}", pki.channel_credentials(layout, institution, role="node")) \
                    == f"{institution}/node"


async def test_client_without_certificate_is_refused(layout):
    async with serve(layout, "REG") as port:
        started = time.monotonic()
        assert await refused(f"127.0.0.1:{port}", credentials_from(layout.trust_bundle.read_bytes())) \
            == grpc.StatusCode.UNAVAILABLE
        assert time.monotonic() - started < DEADLINE_S + 1


async def test_certificates_of_a_foreign_ca_are_refused_both_ways(layout, tmp_path):
    # Same institution names, hence the very same CA subject "O=MEE, CN=cets MEE CA", other keys.
    foreign = pki.make_dev_pki(tmp_path / "foreign")
    cert, key = foreign.files("MEE", "client")
    async with serve(layout, "MEE") as port:
        assert await refused(f"127.0.0.1:{port}", credentials_from(
            layout.trust_bundle.read_bytes(), cert.read_bytes(), key.read_bytes())) == grpc.StatusCode.UNAVAILABLE
        # and a client that trusts only the foreign bundle does not accept our server
        assert await refused(f"127.0.0.1:{port}", pki.channel_credentials(foreign, "MEE")) \
            == grpc.StatusCode.UNAVAILABLE
        assert await call(f"127.0.0.1:{port}", pki.channel_credentials(layout, "MEE")) == "MEE/client"


async def test_certificate_claiming_another_institution_is_nobodys(layout):
    """EXCH's CA signs a certificate saying O=MEE: TLS accepts it (EXCH's CA is trusted), the server
    attributes it to no institution (not MEE, and not EXCH either) and refuses the call."""
    forged_cert, forged_key = issue("MEE", *layout.files("EXCH", "ca"))
    async with serve(layout, "REG") as port:
        assert await refused(f"127.0.0.1:{port}", credentials_from(
            layout.trust_bundle.read_bytes(), forged_cert, forged_key)) == grpc.StatusCode.PERMISSION_DENIED
        # the same CA signing within its own institution is fine
        own_cert, own_key = issue("EXCH", *layout.files("EXCH", "ca"))
        assert await call(f"127.0.0.1:{port}", credentials_from(
            layout.trust_bundle.read_bytes(), own_cert, own_key)) == "EXCH/client"

    def seen_as(cert_pem: bytes) -> str | None:
        return pki.caller_institution(FakeContext({"transport_security_type": [b"ssl"], "x509_pem_cert": [cert_pem]}),
                                      layout)

    mee_ca = x509.load_pem_x509_certificate(layout.files("MEE", "ca")[0].read_bytes())
    assert seen_as(forged_cert) is None
    # signed by EXCH's key but naming MEE's CA as issuer: the signature does not verify against MEE's CA
    assert seen_as(issue("MEE", *layout.files("EXCH", "ca"), issuer_name=mee_ca.subject)[0]) is None
    assert seen_as(layout.files("MEE", "ca")[0].read_bytes()) is None  # a CA certificate is not a caller
    assert seen_as(layout.files("MEE", "client")[0].read_bytes()) == "MEE"
    assert pki.caller_institution(FakeContext({}), layout) is None  # no TLS


def test_certificate_profile_and_trust_bundle(layout):
    bundle = x509.load_pem_x509_certificates(layout.trust_bundle.read_bytes())
    assert [ca.subject.rfc4514_string() for ca in bundle] == [f"CN=cets {i} CA,O={i}" for i in pki.INSTITUTIONS]
    for institution, ca in zip(pki.INSTITUTIONS, bundle):
        assert ca == x509.load_pem_x509_certificate(layout.files(institution, "ca")[0].read_bytes())
        assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        assert ca.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
        assert isinstance(ca.public_key(), ec.EllipticCurvePublicKey) and ca.public_key().curve.name == "secp256r1"
        for role in pki.LEAF_ROLES:
            cert = x509.load_pem_x509_certificate(layout.files(institution, role)[0].read_bytes())
            assert cert.subject.rfc4514_string() == f"CN={institution}-{role},OU={role},O={institution}"
            cert.verify_directly_issued_by(ca)
            usages = set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
            if role == "client":
                assert usages == {ExtendedKeyUsageOID.CLIENT_AUTH}
            else:
                assert usages == {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH}
                san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
                assert san.get_values_for_type(x509.DNSName) == ["localhost"]
                assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    ca_file, cert_file, key_file = pki.etcd_tls_files(layout, "REG")
    assert (ca_file, cert_file, key_file) == (layout.trust_bundle, *layout.files("REG", "etcd"))


def test_make_dev_pki_is_idempotent_and_keys_are_private(tmp_path):
    root = tmp_path / "pki"
    layout = pki.make_dev_pki(root, hosts=("127.0.0.1", "localhost", "node-1.cets.internal", "10.0.0.7"))
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".lock")
    assert len(files) == 3 * 8 + 1
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    keys = [p for p in files if p.suffix == ".key"]
    assert len(keys) == 12 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in keys)

    assert pki.make_dev_pki(root) == layout
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert pki.PkiLayout.open(root) == layout
    layout.files("MEE", "ca")[1].rename(tmp_path / "mee-ca.key")  # the CA key kept offline: still a usable PKI
    assert pki.PkiLayout.open(root, "MEE") == layout
    (tmp_path / "mee-ca.key").rename(layout.files("MEE", "ca")[1])

    # extra hosts made it into the SAN of node and etcd certificates
    san = x509.load_pem_x509_certificate(layout.files("MEE", "node")[0].read_bytes()) \
        .extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost", "node-1.cets.internal"]
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1", "10.0.0.7"]

    # a lost key: that one certificate is reissued, everything else is kept
    lost_cert, lost_key = layout.files("REG", "client")
    lost_key.unlink()
    pki.make_dev_pki(root)
    assert lost_key.exists() and stat.S_IMODE(lost_key.stat().st_mode) == 0o600
    assert lost_cert.read_bytes() != before[lost_cert][0]
    assert all(p.read_bytes() == before[p][0] for p in files if p not in (lost_cert, lost_key))

    summary = pki.main_make_dev_pki(root)
    assert summary["trust_bundle"] == str(root / "trust.pem")
    assert summary["institutions"]["EXCH"]["node"]["subject"] == "CN=EXCH-node,OU=node,O=EXCH"
    assert summary["institutions"]["EXCH"]["node"]["issuer"] == "CN=cets EXCH CA,O=EXCH"

    # a host asked for later: node and etcd certificates are reissued with it, the CAs are kept
    pki.make_dev_pki(root, hosts=("node-2.cets.internal",))
    san = x509.load_pem_x509_certificate(layout.files("MEE", "etcd")[0].read_bytes()) \
        .extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost", "node-2.cets.internal", "node-1.cets.internal"]
    assert all(layout.files(i, "ca")[0].read_bytes() == before[layout.files(i, "ca")[0]][0] for i in pki.INSTITUTIONS)

    with pytest.raises(FileNotFoundError):
        pki.PkiLayout.open(tmp_path / "nowhere")


def test_concurrent_make_dev_pki_yields_one_consistent_pki(tmp_path):
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        layouts = list(pool.map(lambda _: pki.make_dev_pki(tmp_path / "pki"), range(4)))
    layout = layouts[0]
    bundle = layout.trust_bundle.read_bytes()
    for institution in pki.INSTITUTIONS:
        ca = x509.load_pem_x509_certificate(layout.files(institution, "ca")[0].read_bytes())
        assert ca.public_bytes(serialization.Encoding.PEM) in bundle
        for role in pki.LEAF_ROLES:
            cert_path, key_path = layout.files(institution, role)
            cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
            cert.verify_directly_issued_by(ca)
            assert cert.public_key() == serialization.load_pem_private_key(key_path.read_bytes(), None).public_key()
    assert not [p for p in (tmp_path / "pki").rglob(".*") if p.name != ".lock"]  # no temp files left


@pytest.mark.skipif(not os.path.exists(ETCD), reason="no etcd binary")
async def test_etcd_member_requires_an_institution_certificate(layout, tmp_path):
    Etcd3Client = pytest.importorskip("etcd3aio").Etcd3Client
    from etcd3aio.errors import EtcdConnectionError, EtcdError

    ca_file, cert_file, key_file = pki.etcd_tls_files(layout, "MEE")
    client_port, peer_port = free_port(), free_port()
    client_url, peer_url = f"https://127.0.0.1:{client_port}", f"https://127.0.0.1:{peer_port}"
    log = (tmp_path / "etcd.log").open("wb")
    member = subprocess.Popen([
        ETCD, "--name", "mee", "--data-dir", str(tmp_path / "etcd"),
        "--listen-client-urls", client_url, "--advertise-client-urls", client_url,
        "--listen-peer-urls", peer_url, "--initial-advertise-peer-urls", peer_url,
        "--initial-cluster", f"mee={peer_url}", "--initial-cluster-state", "new",
        "--heartbeat-interval", "50", "--election-timeout", "500",
        "--client-cert-auth", "--trusted-ca-file", str(ca_file), "--cert-file", str(cert_file), "--key-file", str(key_file),
        "--peer-client-cert-auth", "--peer-trusted-ca-file", str(ca_file),
        "--peer-cert-file", str(cert_file), "--peer-key-file", str(key_file),
    ], stdout=log, stderr=subprocess.STDOUT)
    try:
        # the node's etcd client presents its institution's etcd certificate (etcd3aio wants PEM bytes)
        tls = {"ca_cert": ca_file.read_bytes(), "cert_chain": cert_file.read_bytes(), "cert_key": key_file.read_bytes()}
        async with Etcd3Client([f"127.0.0.1:{client_port}"], tls_server_name="localhost", rpc_max_attempts=1, **tls) as etcd:
            deadline = time.monotonic() + 15
            while True:
                try:
                    await etcd.kv.put("/cets/pki-test", b"hello", timeout=1.0)
                    break
                except EtcdError:
                    if member.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"etcd did not come up: {(tmp_path / 'etcd.log').read_text()[-2000:]}")
                    await asyncio.sleep(0.1)
            assert (await etcd.kv.get("/cets/pki-test", timeout=DEADLINE_S)).kvs[0].value == b"hello"

        # another institution's client certificate is trusted too (one bundle), and sees the same data
        reg = {"ca_cert": ca_file.read_bytes(), "cert_chain": layout.files("REG", "client")[0].read_bytes(),
               "cert_key": layout.files("REG", "client")[1].read_bytes()}
        async with Etcd3Client([f"127.0.0.1:{client_port}"], tls_server_name="localhost", rpc_max_attempts=1, **reg) as etcd:
            assert (await etcd.kv.get("/cets/pki-test", timeout=DEADLINE_S)).kvs[0].value == b"hello"

        # no client certificate: refused
        async with Etcd3Client([f"127.0.0.1:{client_port}"], tls_server_name="localhost", rpc_max_attempts=1,
                               ca_cert=ca_file.read_bytes()) as etcd:
            with pytest.raises(EtcdConnectionError) as failure:
                await etcd.kv.get("/cets/pki-test", timeout=DEADLINE_S)
            assert failure.value.__cause__.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        member.send_signal(signal.SIGKILL)
        member.wait(timeout=10)
        log.close()
        shutil.rmtree(tmp_path / "etcd", ignore_errors=True)
