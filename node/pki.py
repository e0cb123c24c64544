"""Mutual TLS for cets: one CA per institution, and the certificate tells which institution calls.

Each institution (ministry MEE, registry REG, exchange EXCH) runs its own CA. A CA issues its
institution's certificates and nothing else:

- ``node``   - the institution's ledger node, as gRPC server and as client of the other nodes
               (serverAuth + clientAuth, SAN localhost / 127.0.0.1 / the given hosts);
- ``etcd``   - the institution's etcd member, as server, as raft peer, and as the certificate the
               node presents to its etcd (serverAuth + clientAuth, same SANs);
- ``client`` - the institution's operators and tools (clientAuth only).

Every party trusts the same bundle, ``trust.pem``: the three CA certificates. A TLS handshake
therefore only proves "signed by one of the three CAs"; which institution calls is decided by
``caller_institution``, which also requires that the CA that signed the peer's certificate
carries the same organization (O) as the certificate itself. An EXCH-signed certificate that
claims O=MEE is a forgery and is identified as nobody (``None``), not as MEE or EXCH: a CA that
signs outside its own institution is misbehaving, and nothing it signed that way is trusted.

Keys are ECDSA P-256: accepted for server and client certificates by gRPC's BoringSSL and by
etcd 3.4 (Go crypto/tls), in TLS 1.2 and 1.3. CAs carry pathLenConstraint=0, so no institution
can slip an intermediate CA under its own.

``make_dev_pki`` writes a development PKI (private keys on disk, unencrypted, 0600). A real
deployment has each institution generate and keep its own CA key; the layout is the same.

Participants other than the three institutions (provinces, cities, verification bodies, key
emitters, trading institutions, individuals) get **participant certificates** (clientAuth only)
from the CA of the institution that answers for their role: regulators from the ministry's CA,
holders from the registry's (``PARTICIPANT_ISSUERS``). Subject: O = the issuing institution,
OU = ``participant``, CN = the participant id, and title = the role's name (``province``,
``key_emitter``, ...: the Role enum's name without ``ROLE_``, lower case). ``caller_peer`` reports
them as such (``Peer.participant``, ``Peer.participant_role``); ``caller_institution`` never takes
one for its issuer's own. Whether the role is the right one for its CA, is the participant's role
on the ledger, and may call the method, is node/callers.py's to decide (it needs the ledger).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import functools
import hashlib
import ipaddress
import os
import pathlib
import re
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import grpc
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cets.ledger import identity

INSTITUTIONS = (identity.MINISTRY_ID, identity.REGISTRY_ID, identity.EXCHANGE_ID)
ROLES = ("ca", "node", "etcd", "client")
LEAF_ROLES = ("node", "etcd", "client")
DEFAULT_HOSTS = ("127.0.0.1", "localhost")
TRUST_BUNDLE = "trust.pem"
CLOCK_SKEW = datetime.timedelta(minutes=5)

_INSTITUTION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_SERVER_AND_CLIENT = (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)
_LEAF_USAGES = {"node": _SERVER_AND_CLIENT, "etcd": _SERVER_AND_CLIENT, "client": (ExtendedKeyUsageOID.CLIENT_AUTH,)}

PARTICIPANT_OU = "participant"
# The CA that issues each participant role's certificates (named by string, as in the certificate's
# title): the ministry answers for the regulators under it, the registry for the holders it opens
# accounts for. A certificate naming a role from any other CA is a forgery.
PARTICIPANT_ISSUERS: dict[str, str] = {
    "province": identity.MINISTRY_ID,
    "city": identity.MINISTRY_ID,
    "verifier": identity.MINISTRY_ID,
    "key_emitter": identity.REGISTRY_ID,
    "institution": identity.REGISTRY_ID,
    "individual": identity.REGISTRY_ID,
}


# ---------------------------------------------------------------------------------------------
# Layout


@dataclass(frozen=True)
class PkiLayout:
    """Where an institution's CA, certificates and keys live, and the shared trust bundle.

    ``root/<I>/{ca,node,etcd,client}.{pem,key}`` and ``root/trust.pem``.
    """

    root: pathlib.Path
    institutions: tuple[str, ...] = INSTITUTIONS

    @property
    def trust_bundle(self) -> pathlib.Path:
        return self.root / TRUST_BUNDLE

    def files(self, institution: str, role: str) -> tuple[pathlib.Path, pathlib.Path]:
        """(certificate path, key path) of `role` ("ca", "node", "etcd" or "client") of `institution`."""
        if institution not in self.institutions:
            raise ValueError(f"unknown institution {institution!r}; this PKI has {', '.join(self.institutions)}")
        if role not in ROLES:
            raise ValueError(f"unknown certificate role {role!r}; one of {', '.join(ROLES)}")
        directory = self.root / institution
        return directory / f"{role}.pem", directory / f"{role}.key"

    def crl(self, institution: str) -> pathlib.Path:
        """The institution's certificate revocation list (``root/<I>/crl.pem``), if it revoked any."""
        self.files(institution, "ca")  # checks the institution
        return self.root / institution / "crl.pem"

    def crl_files(self) -> list[pathlib.Path]:
        return [path for path in (self.crl(institution) for institution in self.institutions) if path.is_file()]

    @classmethod
    def open(cls, directory: pathlib.Path | str, institution: str | None = None,
             institutions: Iterable[str] = INSTITUTIONS) -> PkiLayout:
        """The layout of an existing PKI directory, checked: FileNotFoundError naming what is missing.

        Requires the trust bundle and the node, etcd and client certificates and keys of
        `institution` (of every institution if None). Never a CA key: a real CA key stays offline.
        """
        layout = cls(pathlib.Path(directory), tuple(institutions))
        missing = [] if layout.trust_bundle.is_file() else [str(layout.trust_bundle)]
        for member in layout.institutions if institution is None else (institution,):
            for role in LEAF_ROLES:
                missing += [str(path) for path in layout.files(member, role) if not path.is_file()]
        if missing:
            raise FileNotFoundError(
                f"{directory}: incomplete PKI, missing {', '.join(missing)} (dev: `cets pki dev --out {directory}`)")
        return layout


# ---------------------------------------------------------------------------------------------
# The dev PKI generator


def make_dev_pki(directory: pathlib.Path | str, institutions: Iterable[str] = INSTITUTIONS,
                 hosts: Iterable[str] = DEFAULT_HOSTS, days: int = 365) -> PkiLayout:
    """Write (or keep) a CA and node/etcd/client certificates per institution, and the trust bundle.

    Idempotent: existing files are kept. A missing or broken piece is regenerated: a certificate
    whose key is missing, that does not match its key, that its institution's CA did not sign
    (e.g. after the CA was regenerated), that expires within a day, or (node, etcd) that lacks one
    of the requested `hosts` in its SAN is reissued with a new key (keeping the hosts it had).
    Safe against concurrent calls on the same directory (an flock on ``directory/.lock``).
    """
    institutions = tuple(institutions)
    if not institutions:
        raise ValueError("no institutions")
    for institution in institutions:
        if not _INSTITUTION_RE.match(institution):
            raise ValueError(f"invalid institution name {institution!r}")
    if len(set(institutions)) != len(institutions):
        raise ValueError(f"duplicate institutions in {institutions}")
    if days < 1:
        raise ValueError("days must be >= 1")
    sans = _subject_alt_names(hosts)
    layout = PkiLayout(pathlib.Path(directory), institutions)
    layout.root.mkdir(parents=True, exist_ok=True)
    with _locked(layout.root / ".lock"):
        ca_pems = []
        for institution in institutions:
            (layout.root / institution).mkdir(mode=0o700, exist_ok=True)
            ca_cert, ca_key = _ensure_ca(layout, institution, days)
            for role in LEAF_ROLES:
                _ensure_leaf(layout, institution, role, ca_cert, ca_key, sans, days)
            ca_pems.append(ca_cert.public_bytes(serialization.Encoding.PEM))
        bundle = b"".join(ca_pems)
        if not layout.trust_bundle.is_file() or layout.trust_bundle.read_bytes() != bundle:
            _write_atomic(layout.trust_bundle, bundle, 0o644)
    return layout


def main_make_dev_pki(out: pathlib.Path | str, institutions: Iterable[str] = INSTITUTIONS,
                      hosts: Iterable[str] = DEFAULT_HOSTS, days: int = 365) -> dict:
    """`cets pki dev --out DIR`: make (or keep) the dev PKI and return a JSON-ready summary of it."""
    layout = make_dev_pki(pathlib.Path(out), institutions, hosts, days)
    summary: dict = {"root": str(layout.root), "trust_bundle": str(layout.trust_bundle), "institutions": {}}
    for institution in layout.institutions:
        entries = {}
        for role in ROLES:
            cert_path, key_path = layout.files(institution, role)
            cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
            entries[role] = {
                "cert": str(cert_path),
                "key": str(key_path),
                "subject": cert.subject.rfc4514_string(),
                "issuer": cert.issuer.rfc4514_string(),
                "not_after": cert.not_valid_after_utc.isoformat(),
                "sha256": cert.fingerprint(hashes.SHA256()).hex(),
            }
        summary["institutions"][institution] = entries
    return summary


def issue_participant(layout: PkiLayout, participant_id: str, role: str, out: pathlib.Path | str,
                      days: int = 365, issuer: str | None = None) -> tuple[pathlib.Path, pathlib.Path]:
    """Issue a participant certificate with a new key: ``out/<participant_id>.{pem,key}``.

    Signed by the CA of ``PARTICIPANT_ISSUERS[role]`` in `layout` (its CA key must be there: a dev
    PKI; in production the institution's CA does this offline, docs/pki.md). `issuer` signs with
    another institution's CA instead: every node refuses what that yields, which tests rely on.
    """
    if not identity.is_participant_id(participant_id):
        raise ValueError(f"participant id {participant_id!r}: want 1-64 of A-Z a-z 0-9 -")
    if role not in PARTICIPANT_ISSUERS:
        raise ValueError(f"unknown participant role {role!r}; one of {', '.join(PARTICIPANT_ISSUERS)}")
    if days < 1:
        raise ValueError("days must be >= 1")
    issuer = issuer or PARTICIPANT_ISSUERS[role]
    ca_cert_path, ca_key_path = layout.files(issuer, "ca")
    pair = _load_pair(ca_cert_path, ca_key_path)
    if pair is None:
        raise FileNotFoundError(f"{ca_key_path}: the {issuer} CA key is not in this PKI (issue where the CA key is kept)")
    ca_cert, ca_key = pair
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, issuer),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, PARTICIPANT_OU),
        x509.NameAttribute(NameOID.COMMON_NAME, participant_id),
        x509.NameAttribute(NameOID.TITLE, role),
    ])
    cert = _leaf_builder(subject, key, ca_cert, ca_key, days, (ExtendedKeyUsageOID.CLIENT_AUTH,)).sign(ca_key, hashes.SHA256())
    directory = pathlib.Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"{participant_id}.pem", directory / f"{participant_id}.key"
    _write_key(key_path, key)
    _write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return cert_path, key_path


def revoke_certificate(layout: PkiLayout, cert_path: pathlib.Path | str) -> pathlib.Path:
    """Add a certificate to its CA's revocation list (``root/<I>/crl.pem``, re-signed, kept sorted),
    with that CA's key from `layout` (dev; in production the CA does this offline). Nodes read the
    lists when they start (``server_credentials``): restart them to apply a revocation."""
    cert = x509.load_pem_x509_certificate(pathlib.Path(cert_path).read_bytes())
    issuer = _single(cert.issuer, NameOID.ORGANIZATION_NAME) or ""
    if issuer not in layout.institutions:
        raise ValueError(f"{cert_path}: issued by {cert.issuer.rfc4514_string()}, no CA of this PKI")
    pair = _load_pair(*layout.files(issuer, "ca"))
    if pair is None or not _signed_by(cert, pair[0]):
        raise ValueError(f"{cert_path}: not signed by the {issuer} CA of this PKI (or its key is not here)")
    ca_cert, ca_key = pair
    path = layout.crl(issuer)
    now = datetime.datetime.now(datetime.timezone.utc)
    dates = {entry.serial_number: entry.revocation_date_utc for entry in x509.load_pem_x509_crl(path.read_bytes())} if path.is_file() else {}
    dates.setdefault(cert.serial_number, now)
    builder = x509.CertificateRevocationListBuilder().issuer_name(ca_cert.subject).last_update(now - CLOCK_SKEW) \
        .next_update(now + datetime.timedelta(days=30))
    for serial in sorted(dates):
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(dates[serial]).build())
    _write_atomic(path, builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM), 0o644)
    return path


def _subject_alt_names(hosts: Iterable[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = []
    for host in ("localhost", "127.0.0.1", *hosts):
        host = host.strip()
        if not host:
            continue
        try:
            name: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            name = x509.DNSName(host.lower())
        if name not in names:
            names.append(name)
    return names


def _ensure_ca(layout: PkiLayout, institution: str,
               days: int) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    cert_path, key_path = layout.files(institution, "ca")
    existing = _load_pair(cert_path, key_path)
    if existing is not None:
        cert, key = existing
        if cert.subject == _ca_name(institution) and _is_self_signed(cert) and not _expired(cert):
            return cert, key
    key = ec.generate_private_key(ec.SECP256R1())
    name = _ca_name(institution)
    now = datetime.datetime.now(datetime.timezone.utc)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + datetime.timedelta(days=max(days, 1) * 2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_key(key_path, key)
    _write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return cert, key


def _ensure_leaf(layout: PkiLayout, institution: str, role: str, ca_cert: x509.Certificate,
                 ca_key: ec.EllipticCurvePrivateKey, sans: list[x509.GeneralName], days: int) -> None:
    cert_path, key_path = layout.files(institution, role)
    existing = _load_pair(cert_path, key_path)
    if existing is not None and _signed_by(existing[0], ca_cert) and not _expired(existing[0]) \
            and (role == "client" or _has_sans(existing[0], sans)):
        return
    if existing is not None and role != "client":  # reissued for a new host: keep the hosts it had
        sans = sans + [name for name in _sans_of(existing[0]) if name not in sans]
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, institution),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{institution}-{role}"),
    ])
    builder = _leaf_builder(subject, key, ca_cert, ca_key, days, _LEAF_USAGES[role])
    if role != "client":
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    _write_key(key_path, key)
    _write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)


def _leaf_builder(subject: x509.Name, key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate,
                  ca_key: ec.EllipticCurvePrivateKey, days: int, usages) -> x509.CertificateBuilder:
    """A leaf certificate under `ca_cert`: not a CA, digital signature only, the given usages."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(min(now + datetime.timedelta(days=days), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage(list(usages)), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    )


def _ca_name(institution: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, institution),
        x509.NameAttribute(NameOID.COMMON_NAME, f"cets {institution} CA"),
    ])


def _load_pair(cert_path: pathlib.Path, key_path: pathlib.Path):
    """(cert, key) if both exist, parse, and belong together; else None (the pair is regenerated)."""
    if not (cert_path.is_file() and key_path.is_file()):
        return None
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except ValueError:
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or cert.public_key() != key.public_key():
        return None
    if key_path.stat().st_mode & 0o077:
        key_path.chmod(0o600)
    return cert, key


def _expired(cert: x509.Certificate) -> bool:
    return cert.not_valid_after_utc <= datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)


def _sans_of(cert: x509.Certificate) -> list[x509.GeneralName]:
    try:
        return list(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value)
    except x509.ExtensionNotFound:
        return []


def _has_sans(cert: x509.Certificate, sans: list[x509.GeneralName]) -> bool:
    present = _sans_of(cert)
    return all(name in present for name in sans)


def _is_self_signed(cert: x509.Certificate) -> bool:
    return _signed_by(cert, cert)


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _write_key(path: pathlib.Path, key: ec.EllipticCurvePrivateKey) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    _write_atomic(path, pem, 0o600)


def _write_atomic(path: pathlib.Path, data: bytes, mode: int) -> None:
    """Write to a temp file created with `mode` (never wider), fsync, rename over `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp creates 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: pathlib.Path):
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ---------------------------------------------------------------------------------------------
# gRPC credentials


def server_credentials(layout: PkiLayout, institution: str) -> grpc.ServerCredentials:
    """The institution's node certificate; clients must present a certificate from a CA in the bundle.

    Also registers the layout's trust bundle with `caller_institution` in this process.
    """
    cert_path, key_path = layout.files(institution, "node")
    trust = register_trust(layout)
    return grpc.ssl_server_credentials([(key_path.read_bytes(), cert_path.read_bytes())],
                                       root_certificates=trust.pem, require_client_auth=True)


def channel_credentials(layout: PkiLayout, institution: str, role: str = "client") -> grpc.ChannelCredentials:
    """Present the institution's `role` certificate ("client", or "node" between nodes); trust the bundle."""
    if role not in LEAF_ROLES:
        raise ValueError(f"role {role!r} cannot be presented as a client certificate; one of {', '.join(LEAF_ROLES)}")
    cert_path, key_path = layout.files(institution, role)
    return grpc.ssl_channel_credentials(root_certificates=layout.trust_bundle.read_bytes(),
                                        private_key=key_path.read_bytes(), certificate_chain=cert_path.read_bytes())


def participant_channel_credentials(trust_bundle: pathlib.Path | str, cert: pathlib.Path | str,
                                    key: pathlib.Path | str) -> grpc.ChannelCredentials:
    """Present a participant certificate (``issue_participant``'s files); trust the bundle."""
    return grpc.ssl_channel_credentials(root_certificates=pathlib.Path(trust_bundle).read_bytes(),
                                        private_key=pathlib.Path(key).read_bytes(),
                                        certificate_chain=pathlib.Path(cert).read_bytes())


def etcd_tls_files(layout: PkiLayout, institution: str) -> tuple[pathlib.Path, pathlib.Path, pathlib.Path]:
    """(ca_file, cert_file, key_file) of the institution's etcd certificate.

    For the member: ``--client-cert-auth --trusted-ca-file CA --cert-file CERT --key-file KEY`` and
    ``--peer-client-cert-auth --peer-trusted-ca-file CA --peer-cert-file CERT --peer-key-file KEY``.
    For the node's etcd client (etcd3aio wants bytes): ``Etcd3Client(endpoints, ca_cert=CA.read_bytes(),
    cert_chain=CERT.read_bytes(), cert_key=KEY.read_bytes(), tls_server_name="localhost")``.
    """
    cert_path, key_path = layout.files(institution, "etcd")
    return layout.trust_bundle, cert_path, key_path


# ---------------------------------------------------------------------------------------------
# Who calls


@dataclass(frozen=True)
class Peer:
    """A verified caller: its institution (O), its role (OU: node, etcd, client, or participant)
    and common name; for a participant certificate, the role it names (title)."""

    institution: str
    role: str
    common_name: str
    participant_role: str = ""  # a participant certificate's title ("province", "key_emitter", ...)
    revoked: bool = False  # its CA revoked it (its CRL, read when the node started)

    @property
    def is_participant(self) -> bool:
        return self.role == PARTICIPANT_OU

    @property
    def participant(self) -> str:
        """The participant calling: its id for a participant certificate, else the institution."""
        return self.common_name if self.is_participant else self.institution


@dataclass(frozen=True)
class TrustStore:
    """The CA certificates of a trust bundle (CA certificates only: a leaf in the bundle is refused),
    and the certificates their CAs revoked (from each CA's CRL, signature checked)."""

    cas: tuple[x509.Certificate, ...]
    pem: bytes
    revoked: frozenset[tuple[bytes, int]] = frozenset()  # (issuer name DER, serial number)

    @classmethod
    def from_pem(cls, pem: bytes, crls: Iterable[bytes] = ()) -> TrustStore:
        cas = tuple(x509.load_pem_x509_certificates(pem))
        for ca in cas:
            if not _is_ca(ca):
                raise ValueError(f"trust bundle holds a non-CA certificate: {ca.subject.rfc4514_string()}")
        revoked = set()
        for crl_pem in crls:
            crl = x509.load_pem_x509_crl(crl_pem)
            issuer = next((ca for ca in cas if ca.subject == crl.issuer and crl.is_signature_valid(ca.public_key())), None)
            if issuer is None:
                raise ValueError(f"a revocation list of {crl.issuer.rfc4514_string()} that no CA of the bundle signed")
            revoked |= {(crl.issuer.public_bytes(), entry.serial_number) for entry in crl}
        return cls(cas, pem, frozenset(revoked))

    def __hash__(self) -> int:
        return hash((self.pem, self.revoked))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TrustStore) and other.pem == self.pem and other.revoked == self.revoked


_registered: dict[bytes, TrustStore] = {}
_registered_lock = threading.Lock()


def register_trust(source: PkiLayout | pathlib.Path | str | bytes) -> TrustStore:
    """Make a trust bundle known to `caller_institution(context)` (server_credentials does this)."""
    trust = _trust_store(source)
    with _registered_lock:
        _registered[hashlib.sha256(trust.pem).digest()] = trust  # the latest revocations of this bundle
    return trust


def _trust_store(source: PkiLayout | pathlib.Path | str | bytes | TrustStore) -> TrustStore:
    if isinstance(source, TrustStore):
        return source
    if isinstance(source, PkiLayout):
        crls = [path.read_bytes() for path in source.crl_files()]
        return TrustStore.from_pem(source.trust_bundle.read_bytes(), crls)
    pem = source if isinstance(source, bytes) else pathlib.Path(source).read_bytes()
    return TrustStore.from_pem(pem)


def caller_peer(context: grpc.aio.ServicerContext,
                trust: PkiLayout | pathlib.Path | str | bytes | TrustStore | None = None) -> Peer | None:
    """The verified caller of a TLS call, or None (no TLS, no client certificate, or a forgery).

    The peer certificate comes from ``context.auth_context()["x509_pem_cert"]`` (the leaf only; gRPC
    has verified its chain to some CA of the server's bundle). It identifies institution I only if it
    was signed directly by a CA of the trust bundle whose subject O is I, its own subject O is I,
    and it is not a CA. `trust` defaults to the bundles registered by `server_credentials`.
    """
    pems = context.auth_context().get("x509_pem_cert") or []
    if not pems:
        return None
    if trust is None:
        with _registered_lock:
            stores = tuple(_registered.values())
        if not stores:
            raise RuntimeError("caller_institution: no trust bundle registered (use server_credentials or pass trust)")
    else:
        stores = (_trust_store(trust),)
    for store in stores:
        peer = _verify_leaf(pems[0], store)
        if peer is not None:
            return peer
    return None


def caller_institution(context: grpc.aio.ServicerContext,
                       trust: PkiLayout | pathlib.Path | str | bytes | TrustStore | None = None) -> str | None:
    """The institution (MEE, REG, EXCH) whose certificate the caller presented, or None.

    None for a call without TLS or without client certificate, for a participant certificate (a
    province's, issued by MEE's CA, is not MEE's), and for a forgery: a certificate claiming O=MEE
    that MEE's CA did not sign (say, signed by EXCH's CA) is nobody's, not EXCH's.
    """
    peer = caller_peer(context, trust)
    return peer.institution if peer is not None and not peer.is_participant and not peer.revoked else None


async def require_institution(context: grpc.aio.ServicerContext, *allowed: str) -> str:
    """The caller's institution; aborts PERMISSION_DENIED if unknown or (when given) not in `allowed`."""
    institution = caller_institution(context)
    if institution is None:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "caller presented no valid institution certificate")
    if allowed and institution not in allowed:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, f"{institution} may not call this")
    return institution


@functools.lru_cache(maxsize=1024)
def _verify_leaf(pem: bytes, trust: TrustStore) -> Peer | None:
    try:
        leaf = x509.load_pem_x509_certificate(pem)
    except ValueError:
        return None
    if _is_ca(leaf):
        return None
    organization = _single(leaf.subject, NameOID.ORGANIZATION_NAME)
    if organization is None:
        return None
    issuers = [ca for ca in trust.cas if ca.subject == leaf.issuer and _signed_by(leaf, ca)]
    if not any(_single(ca.subject, NameOID.ORGANIZATION_NAME) == organization for ca in issuers):
        return None
    return Peer(institution=organization,
                role=_single(leaf.subject, NameOID.ORGANIZATIONAL_UNIT_NAME) or "",
                common_name=_single(leaf.subject, NameOID.COMMON_NAME) or "",
                participant_role=_single(leaf.subject, NameOID.TITLE) or "",
                revoked=(leaf.issuer.public_bytes(), leaf.serial_number) in trust.revoked)


def _single(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    """The value of `oid` in `name` if it occurs exactly once (several O's are ambiguous: None)."""
    values = name.get_attributes_for_oid(oid)
    if len(values) != 1 or not isinstance(values[0].value, str):
        return None
    return values[0].value


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False
