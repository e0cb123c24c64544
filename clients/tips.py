"""A whistle-blower's report (art. 40), client side: seal the reporter to the authority, sign with a
one-time key, and open a sealed envelope with the authority's intake private key.

Sealing (an ECIES "sealed box"): a fresh ephemeral X25519 key agrees a secret with the authority's
intake public key; HKDF-SHA256 (salt: ephemeral public key + intake public key, info: the domain
and the authority id) derives a ChaCha20-Poly1305 key and nonce, used once; the associated data
binds the one-time reporter key and the authority, so an envelope copied into another report does
not open. Envelope: ephemeral public key (32 bytes) + ciphertext and tag. All randomness is drawn
here, on the reporter's machine: the ledger only stores the bytes.

The reporter keeps the one-time key's report id (its key id) to follow the report publicly; the
key itself can be thrown away once the report is on the ledger.
"""

from __future__ import annotations

import json
import os
import pathlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.ledger import keyfile
from cets.ledger.crypto import Signer
from cets.ledger.txs.supervision.tips import reporter_signer_name

SEAL_DOMAIN = b"cets/tip-seal/v1\x00"
_KEY_BYTES = 32
_NONCE_BYTES = 12


class SealError(ValueError):
    """An envelope that does not open with this key (another key, or altered bytes)."""


def _derive(shared: bytes, ephemeral_public: bytes, intake_public: bytes, authority: str) -> tuple[bytes, bytes]:
    okm = HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES + _NONCE_BYTES, salt=ephemeral_public + intake_public,
               info=SEAL_DOMAIN + authority.encode()).derive(shared)
    return okm[:_KEY_BYTES], okm[_KEY_BYTES:]


def _associated(reporter_key: bytes, authority: str) -> bytes:
    return SEAL_DOMAIN + reporter_key + authority.encode()


def seal(intake_public: bytes, authority: str, reporter_key: bytes, plaintext: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    key, nonce = _derive(ephemeral.exchange(X25519PublicKey.from_public_bytes(intake_public)), ephemeral_public, intake_public, authority)
    return ephemeral_public + ChaCha20Poly1305(key).encrypt(nonce, plaintext, _associated(reporter_key, authority))


def open_sealed(intake_private: X25519PrivateKey, sealed: pb.SealedTip) -> bytes:
    """The plaintext of a report's envelope; SealError if this key does not open it."""
    intake_public = intake_private.public_key().public_bytes_raw()
    if intake_public != sealed.intake_key:
        raise SealError("sealed to another intake key (an older one of the authority?)")
    ephemeral_public, ciphertext = sealed.sealed[:_KEY_BYTES], sealed.sealed[_KEY_BYTES:]
    try:
        shared = intake_private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key, nonce = _derive(shared, ephemeral_public, intake_public, sealed.authority)
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, _associated(sealed.reporter_key, sealed.authority))
    except Exception as error:  # noqa: BLE001 - InvalidTag or a malformed point: either way, not ours to open
        raise SealError(f"the envelope does not open: {type(error).__name__}") from None


@dataclass(frozen=True)
class Reporter:
    """Who reports and how to reach them: sealed, never on the chain in clear."""

    identity: str
    contact: str
    details: str = ""

    def plaintext(self) -> bytes:
        return json.dumps({"identity": self.identity, "contact": self.contact, "details": self.details},
                          ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_plaintext(cls, data: bytes) -> "Reporter":
        fields = json.loads(data)
        return cls(identity=fields["identity"], contact=fields["contact"], details=fields.get("details", ""))


def file_tip_tx(chain_id: str, authority: str, intake_public: bytes, subject: str, category: int, reporter: Reporter,
                signer: Signer | None = None) -> tuple[pb.SignedTx, str]:
    """A report signed by a fresh one-time key (or `signer`), and its id (the key's id). The key is not kept."""
    signer = signer or Signer(Ed25519PrivateKey.generate())
    name = reporter_signer_name(signer.public_key)
    sealed = seal(intake_public, authority, signer.public_key, reporter.plaintext())
    payload = pb.FileTip(authority=authority, subject=subject, category=category, reporter_key=signer.public_key,
                         intake_key=intake_public, sealed=sealed)
    builder = TxBuilder(chain_id, keyfile.KeyFile(name, pb.KEY_PURPOSE_TRANSACTIONS, signer))
    return builder.tx("file_tip", payload), signer.key_id


# -- intake key files --------------------------------------------------------------------------
def new_intake_key(path: pathlib.Path) -> bytes:
    """Write a new X25519 intake private key (hex, 0600) and return its public key."""
    private = X25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(private.private_bytes_raw().hex() + "\n")
    return private.public_key().public_bytes_raw()


def read_intake_key(path: pathlib.Path) -> X25519PrivateKey:
    try:
        return X25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip()))
    except ValueError as error:
        raise ValueError(f"{path}: not an intake key file (64 hex digits): {error}") from None
