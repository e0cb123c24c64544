"""Hashes, ids and Ed25519 signatures, each over domain-separated bytes.

Every hash and signature in cets covers bytes exactly as they were serialized once, prefixed by a
domain tag so that a signature over one kind of structure can never be replayed as another.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

TX_DOMAIN = b"cets/tx/v1\x00"
HEADER_DOMAIN = b"cets/header/v1\x00"
GENESIS_DOMAIN = b"cets/genesis/v1\x00"
STATE_DOMAIN = b"cets/state/v1\x00"
INVALID_TX_DOMAIN = b"cets/invalid-tx/v1\x00"

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
HASH_BYTES = 32
KEY_ID_HEX_CHARS = 32


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def tx_id(body: bytes) -> bytes:
    """The transaction id: SHA-256 of the domain tag and the body bytes as signed."""
    return sha256(TX_DOMAIN + body)


def invalid_tx_id(raw: bytes) -> bytes:
    """The id of submitted bytes that are no well-formed SignedTx, for their receipt or result.
    Its own domain tag keeps it apart from every transaction id: bytes crafted to read as
    `TX_DOMAIN + body` must not take that body's id."""
    return sha256(INVALID_TX_DOMAIN + raw)


def header_hash(header: bytes) -> bytes:
    return sha256(HEADER_DOMAIN + header)


def genesis_hash(genesis: bytes) -> bytes:
    return sha256(GENESIS_DOMAIN + genesis)


def key_id(public_key: bytes) -> str:
    """Lowercase hex of the first 16 bytes of SHA-256 of the raw public key."""
    return hashlib.sha256(public_key).hexdigest()[:KEY_ID_HEX_CHARS]


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `message`; never raises."""
    if len(public_key) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class Signer:
    """An Ed25519 private key with the helpers the SDK and the node need.

    Key generation draws randomness, so it lives with the caller (node, SDK, tests); the ledger
    only ever verifies.
    """

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private_key = private_key
        self.public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = key_id(self.public_key)

    @classmethod
    def from_seed(cls, seed: bytes) -> "Signer":
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    def seed(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        return self._private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def sign(self, message: bytes) -> bytes:
        return self._private_key.sign(message)

    def sign_tx_body(self, body: bytes) -> bytes:
        return self.sign(TX_DOMAIN + body)

    def sign_header(self, header: bytes) -> bytes:
        return self.sign(HEADER_DOMAIN + header)
