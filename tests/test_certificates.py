"""Certificates through a real node (issue 11 item 5): `cets certificate get` fetches a cancellation
(art. 15) and a compliance (art. 30) certificate, `cets certificate verify` checks them offline
with the node stopped; every tamper class is refused with its own reason, never a traceback; a
lying node handing out a forged certificate gets nothing written.

The chain is test_lying_node's scene (a cancellation of 5 t after three node-key changes, so the
checkpoint's keys are followed from the genesis), then an emitter's compliance year closed with
a shortfall. The cancellation's block is a leaf of the checkpoint's history; the closing is the
checkpoint's own block: both shapes are covered.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cets.v1 import certificates_pb2, history_pb2, proofs_pb2
from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import cea
from cets.ledger import certificates as certs
from cets.ledger import checkpoint as cp
from cets.ledger import crypto, identity, lightclient
from cets.ledger.crypto import Signer
from cets.ledger.txs.registry.cancel import certificate_id
from tests.conftest import founder, start_node, submit_ok
from tests.test_compliance_grpc import YEAR, estimate, listed_emitter
from tests.test_lying_checkpoint import CheckpointLie, CheckpointProxy, note_lines, with_note
from tests.test_lying_node import BENEFICIARY, MEE, VINTAGE, build_scene, cets, sign


BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass
class Fetched:
    pinned: str
    cancellation_id: str
    emitter_id: str
    cancellation: bytes  # certificate file bytes, as `cets certificate get` wrote them
    compliance: bytes
    rejected: api.TransactionView  # a rejected issuance, with its proof: a proof of another transaction
    rejected_path: list[bytes]  # its block's path in the certificates' checkpoint
    genesis_of_another_chain: bytes


async def close_a_year_with_a_shortfall(client) -> str:
    """An emitter of YEAR estimated at 800 t that surrendered 300 t, its year closed: status B, 500 t short."""
    ministry, guangdong = founder(MEE), founder(identity.province_id("44"))
    emitter = await listed_emitter(client, ministry, guangdong)
    await submit_ok(client, estimate(guangdong, emitter, 800))
    await submit_ok(client, emitter.surrender(YEAR, [(cea(YEAR), 300)]))
    await submit_ok(client, guangdong.tx("close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=[emitter.participant_id])))
    return emitter.participant_id


async def build_chain(running) -> tuple[str, str, str, api.TransactionView]:
    scene = await build_scene(running)
    emitter_id = await close_a_year_with_a_shortfall(running.client)
    return scene.pinned, certificate_id(scene.cancel.receipt.tx_id), emitter_id, scene.rejected


@pytest.fixture
async def fetched(tmp_path) -> Fetched:
    """Both certificates fetched through the CLI, then the node stopped: what follows is offline."""
    running = await start_node(tmp_path / "node")
    try:
        pinned, cancellation_id, emitter_id, rejected = await build_chain(running)
        for args in (("cancellation", cancellation_id), ("compliance", emitter_id, str(YEAR))):
            shown, document = await cets(tmp_path, "certificate", "get", *args, "--out", str(tmp_path / f"{args[0]}.cert"),
                                         "--expect-genesis", pinned, "--target", running.target)
            assert shown.returncode == 0, shown.stdout + shown.stderr
            assert document["proof"]["verified"] and document["proof"]["saved_to"] == str(tmp_path / f"{args[0]}.cert")
        size = (await running.client.head()).final_height
        path = (await running.client.block_inclusion_proof(rejected.receipt.height, size)).hashes
        genesis = pb.Genesis.FromString((await running.client.genesis()).genesis)
    finally:
        await running.stop()
    genesis.chain_id = "cets-elsewhere"
    return Fetched(pinned=pinned, cancellation_id=cancellation_id, emitter_id=emitter_id,
                   cancellation=(tmp_path / "cancellation.cert").read_bytes(), compliance=(tmp_path / "compliance.cert").read_bytes(),
                   rejected=rejected, rejected_path=list(path), genesis_of_another_chain=genesis.SerializeToString())


def refusal(raw: bytes, pinned: str) -> str | None:
    """The reason the certificate is refused, None if accepted; any other exception fails the test."""
    verdict = certs.check_certificate(raw, bytes.fromhex(pinned))
    return None if verdict.verified is not None else verdict.error.reason


def altered(raw: bytes, change) -> bytes:
    """The certificate with `change` applied to its message, framed again."""
    certificate = certs.decode_certificate(raw)
    change(certificate)
    return certs.encode_certificate(certificate)


async def test_certificates_fetched_from_a_node_verify_offline_with_the_node_stopped(fetched, tmp_path):
    (tmp_path / "c.cert").write_bytes(fetched.cancellation)
    shown, document = await cets(tmp_path, "certificate", "verify", str(tmp_path / "c.cert"), "--expect-genesis", fetched.pinned)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    certificate = document["certificate"]
    assert certificate["kind"] == "cancellation" and certificate["certificate_id"] == fetched.cancellation_id
    assert (certificate["amount_tonnes"], certificate["beneficiary"], certificate["unit"]) == (5, BENEFICIARY, {"product": "CEA", "vintage": VINTAGE, "project_id": ""})
    assert certificate["holder"] and certificate["account_id"] == identity.holding_account_id(certificate["holder"])
    proof = document["proof"]
    assert (proof["verified"], proof["genesis"], proof["key_changes_followed"], proof["checkpoint"]["signed_by"]) == (True, fetched.pinned, 3, ["REG"])
    assert proof["block"]["height"] < proof["checkpoint"]["size"] and proof["block"]["time_ms"] == certificate["time_ms"]

    (tmp_path / "y.cert").write_bytes(fetched.compliance)
    shown, document = await cets(tmp_path, "certificate", "verify", str(tmp_path / "y.cert"), "--expect-genesis", fetched.pinned)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert {key: value for key, value in document["certificate"].items() if key not in ("closed_time_ms", "height", "tx_id")} == {
        "kind": "compliance", "emitter_id": fetched.emitter_id, "year": YEAR, "obligation_tonnes": 800, "surrendered_allowances": 300,
        "surrendered_ccers": 0, "surrendered_tonnes": 300, "status": "B", "shortfall_tonnes": 500}
    assert document["proof"]["block"]["in_history"] == "the checkpoint's own block"

    plain = (await cets(tmp_path, "certificate", "verify", str(tmp_path / "y.cert"), "--expect-genesis", fetched.pinned))[0]
    assert plain.returncode == 0 and "obligation_tonnes" in plain.stdout


async def test_a_certificate_checked_against_another_genesis_is_refused_by_the_cli(fetched, tmp_path):
    (tmp_path / "c.cert").write_bytes(fetched.cancellation)
    shown, document = await cets(tmp_path, "certificate", "verify", str(tmp_path / "c.cert"), "--expect-genesis", "ab" * 32)
    assert shown.returncode == 1 and (document["proof"]["verified"], document["proof"]["reason"]) == (False, "GENESIS_MISMATCH")
    (tmp_path / "empty.cert").write_bytes(b"")
    shown, document = await cets(tmp_path, "certificate", "verify", str(tmp_path / "empty.cert"), "--expect-genesis", fetched.pinned)
    assert shown.returncode == 1 and document["proof"]["reason"] == certs.CERTIFICATE_TRUNCATED and not shown.stderr


def tampers(fetched: Fetched) -> list[tuple[str, bytes, str]]:
    """(what, certificate bytes, the reason it must be refused with)."""
    cancellation, compliance = fetched.cancellation, fetched.compliance

    def another_chain(certificate):
        certificate.checkpoint.genesis = fetched.genesis_of_another_chain

    def amount_raised(certificate):
        result = pb.TxResult.FromString(certificate.transaction.proof.result)
        result.events[0].cancelled.amount = 5_000
        certificate.transaction.proof.result = result.SerializeToString(deterministic=True)

    def subject(name, value):
        return lambda certificate: setattr(certificate, name, value) if isinstance(value, str) else getattr(certificate, name).CopyFrom(value)

    def rejected_transaction(path):
        def change(certificate):
            proof = pb.TxInclusionProof()
            proof.CopyFrom(fetched.rejected.proof)
            proof.ClearField("signatures")
            certificate.transaction.CopyFrom(proofs_pb2.ProvenTx(tx=fetched.rejected.tx, index=fetched.rejected.receipt.index, proof=proof))
            certificate.block_path[:] = path
        return change

    def signatures(change):
        def apply(certificate):
            checkpoint = certificate.checkpoint.checkpoint
            change(checkpoint.signatures)
        return apply

    def forged_checkpoint(certificate):
        # a node signs a history of its own with a key nobody followed from the genesis
        fake = Signer(Ed25519PrivateKey.generate())
        header = pb.BlockHeader.FromString(certificate.checkpoint.checkpoint.header)
        header.history_root = crypto.sha256(b"another history")
        certificate.checkpoint.checkpoint.CopyFrom(cp.checkpoint_of(sign(pb.Block(header=header.SerializeToString(deterministic=True)), fake)))

    def note_root_with_spare_bits(certificate):
        # the root's last base64 character with its two spare bits set: the same 32 bytes, another note
        origin, size, root = certificate.checkpoint.checkpoint.note.decode().splitlines()
        spare = root[:42] + BASE64[BASE64.index(root[42]) ^ 1] + "="
        certificate.checkpoint.checkpoint.note = f"{origin}\n{size}\n{spare}\n".encode()

    def with_block_signatures(certificate):
        certificate.transaction.proof.signatures.add(key_id="0" * 32, signature=bytes(64))

    def swapped_transactions(certificate):
        certificate.transaction.CopyFrom(certs.decode_certificate(compliance).transaction)
        certificate.ClearField("block_path")

    return [
        ("a certificate of another chain", altered(cancellation, another_chain), lightclient.GENESIS_MISMATCH),
        ("the cancelled amount raised", altered(cancellation, amount_raised), lightclient.RESULT_NOT_COMMITTED),
        ("another certificate id", altered(cancellation, subject("cancellation_id", "CX-" + "0" * 20)), certs.SUBJECT_NOT_CERTIFIED),
        ("another emitter", altered(compliance, subject("compliance", certificates_pb2.ComplianceSubject(emitter_id="91440000MA5XXXXX1", year=YEAR))),
         certs.SUBJECT_NOT_CERTIFIED),
        ("another year", altered(compliance, subject("compliance", certificates_pb2.ComplianceSubject(emitter_id=fetched.emitter_id, year=YEAR - 1))),
         certs.SUBJECT_NOT_CERTIFIED),
        ("a proof of another transaction, with the cancellation's block path", altered(cancellation, rejected_transaction([])),
         cp.BLOCK_NOT_IN_HISTORY),
        ("a proof of a rejected transaction, with its own block path", altered(cancellation, rejected_transaction(fetched.rejected_path)),
         certs.CERTIFIED_TX_REJECTED),
        ("the closing's proof under a cancellation id", altered(cancellation, swapped_transactions), certs.CERTIFICATE_WRONG_KIND),
        ("the checkpoint's signatures dropped", altered(cancellation, signatures(lambda s: s.__delitem__(slice(None)))), lightclient.HEADER_NOT_TRUSTED),
        ("the checkpoint's signature duplicated", altered(cancellation, signatures(lambda s: s.extend(list(s)))), lightclient.HEADER_NOT_TRUSTED),
        ("a checkpoint forged with a key nobody followed", altered(compliance, forged_checkpoint), lightclient.HEADER_NOT_TRUSTED),
        ("the note's root in non-canonical base64", altered(compliance, note_root_with_spare_bits), lightclient.PROOF_MALFORMED),
        ("an unchecked signature in the transaction's proof", altered(cancellation, with_block_signatures), lightclient.PROOF_MALFORMED),
        ("a block path one hash short", altered(cancellation, lambda c: c.block_path.pop()), cp.BLOCK_NOT_IN_HISTORY),
        ("a block path one hash long", altered(cancellation, lambda c: c.block_path.append(c.block_path[0])), cp.BLOCK_NOT_IN_HISTORY),
        # Without the rotation, the headers after it are signed by a key the client never learnt.
        ("the node-key rotation omitted", altered(cancellation, lambda c: c.checkpoint.key_changes.pop(0)), lightclient.HEADER_NOT_TRUSTED),
        ("no subject", altered(cancellation, lambda c: c.ClearField("subject")), lightclient.PROOF_MALFORMED),
        ("another magic", b"CETS" + cancellation[4:], certs.NOT_A_CERTIFICATE),
        ("another version", cancellation[:len(certs.MAGIC)] + b"\0\0\0\2" + cancellation[len(certs.MAGIC) + 4:], lightclient.UNSUPPORTED_VERSION),
        ("a byte appended", cancellation + b"\0", certs.CERTIFICATE_TRAILING_BYTES),
        ("not protobuf", certs.MAGIC + b"\0\0\0\1\0\0\0\3" + b"\xff\xff\xff", lightclient.PROOF_MALFORMED),
    ]


def test_every_tamper_class_is_refused_with_its_own_reason(fetched):
    assert refusal(fetched.cancellation, fetched.pinned) is None and refusal(fetched.compliance, fetched.pinned) is None
    for what, raw, reason in tampers(fetched):
        assert refusal(raw, fetched.pinned) == reason, what


def test_every_truncation_is_refused_as_truncated(fetched):
    raw = fetched.compliance
    refused = {length: refusal(raw[:length], fetched.pinned) for length in range(len(raw))}
    assert {reason for reason in refused.values()} == {certs.CERTIFICATE_TRUNCATED}


@pytest.mark.parametrize("kind", ["cancellation", "compliance"])
def test_a_flip_of_any_single_byte_is_refused(fetched, kind):
    raw = getattr(fetched, kind)
    accepted = []
    for offset in range(len(raw)):
        for mask in (0x01, 0xFF):
            flipped = raw[:offset] + bytes([raw[offset] ^ mask]) + raw[offset + 1:]
            if refusal(flipped, fetched.pinned) is None:
                accepted.append((offset, mask))
    assert accepted == [], f"{len(accepted)} of {2 * len(raw)} flips accepted"


# -- a lying node --------------------------------------------------------------------------------


class CertificateProxy(CheckpointProxy):
    """Alters, beside the checkpoint answers, a transaction's proof, a block's history path and the
    cancellation lookup."""

    def __init__(self, upstream: str, lie: CheckpointLie, view=None, path=None, cancellation=None) -> None:
        super().__init__(upstream, lie)
        self.view, self.path, self.cancellation = view, path, cancellation

    def alter(self, name: str, answer: bytes) -> bytes:
        if name == "GetTransaction" and self.view:
            view = api.TransactionView.FromString(answer)
            self.view(view)
            return view.SerializeToString()
        if name == "GetBlockInclusionProof" and self.path:
            proof = history_pb2.BlockInclusionProof.FromString(answer)
            self.path(proof)
            return proof.SerializeToString()
        if name == "GetCancellation" and self.cancellation:
            found = api.CancellationView.FromString(answer)
            self.cancellation(found)
            return found.SerializeToString()
        return super().alter(name, answer)


def forged_lies(rejected_tx_id: bytes) -> list[tuple[CheckpointLie, dict]]:
    def raised_amount(view):
        result = pb.TxResult.FromString(view.proof.result)
        result.events[0].cancelled.amount = 5_000
        view.proof.result = result.SerializeToString(deterministic=True)

    def flipped_path(proof):
        proof.hashes[0] = bytes([proof.hashes[0][0] ^ 1]) + proof.hashes[0][1:]

    none = CheckpointLie("none", "")
    return [
        (CheckpointLie("a cancellation of 5,000 t instead of 5", lightclient.RESULT_NOT_COMMITTED), {"view": raised_amount}),
        (CheckpointLie("another block's path", cp.BLOCK_NOT_IN_HISTORY), {"path": flipped_path}),
        (CheckpointLie("the certificate id pointed at a rejected issuance", certs.CERTIFIED_TX_REJECTED),
         {"cancellation": lambda found: setattr(found, "tx_id", rejected_tx_id)}),
        (CheckpointLie("the checkpoint's signatures dropped", lightclient.HEADER_NOT_TRUSTED, checkpoint=lambda c: (c.ClearField("signatures"), c)[1]), {}),
        (CheckpointLie("the checkpoint's note of another size", cp.CHECKPOINT_NOTE_MISMATCH,
                       checkpoint=lambda c: with_note(c, "\n".join([note_lines(c)[0], "1", note_lines(c)[2]]) + "\n")), {}),
        (none, {}),
    ]


async def test_a_lying_node_handing_out_a_forged_certificate_gets_nothing_written(tmp_path):
    running = await start_node(tmp_path / "node")
    try:
        pinned, cancellation_id, _, rejected = await build_chain(running)
        for lie, alterations in forged_lies(rejected.receipt.tx_id):
            out = tmp_path / f"{lie.name}.cert"
            async with CertificateProxy(running.target, lie, **alterations) as proxy:
                shown, document = await cets(tmp_path, "certificate", "get", "cancellation", cancellation_id, "--out", str(out),
                                             "--expect-genesis", pinned, "--target", proxy.target)
            if not lie.reason:
                assert shown.returncode == 0 and out.exists(), shown.stdout + shown.stderr
                continue
            assert shown.returncode == 1, f"{lie.name}: accepted\n{shown.stdout}"
            assert (document["proof"]["verified"], document["proof"]["reason"]) == (False, lie.reason), f"{lie.name}: {document['proof']}"
            assert not out.exists() and not list(tmp_path.glob("*.part")), lie.name
    finally:
        await running.stop()


async def test_a_certificate_of_an_unknown_id_or_an_open_year_is_refused_with_its_reason(node, tmp_path):
    unknown, document = await cets(tmp_path, "certificate", "get", "cancellation", "CX-" + "AB" * 10, "--out", str(tmp_path / "x"),
                                   "--target", node.target)
    assert unknown.returncode == 1 and document["error"]["reason"] == "CERTIFICATE_NOT_FOUND"
    malformed, document = await cets(tmp_path, "certificate", "get", "cancellation", "CX-ab", "--out", str(tmp_path / "x"),
                                     "--target", node.target)
    assert malformed.returncode == 1 and document["error"]["reason"] == "INVALID_FIELD"
    emitter = await listed_emitter(node.client, founder(MEE), founder(identity.province_id("44")))
    still_open, document = await cets(tmp_path, "certificate", "get", "compliance", emitter.participant_id, str(YEAR),
                                      "--out", str(tmp_path / "x"), "--target", node.target)
    assert still_open.returncode == 1 and document["proof"]["reason"] == "COMPLIANCE_NOT_CLOSED"
    assert not (tmp_path / "x").exists()
