"""Art. 40: whistle-blowing. A report is filed, handled and answered through gRPC on a real node;
the reporter's identity and contact appear in no RPC answer, no block and no byte the node
stores; only the handling authority fetches the sealed envelope, which its intake key opens; bad
reports are refused, each with its own code, and change nothing."""

from __future__ import annotations

import asyncio
import pathlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from cets.v1 import messages as pb
from cets.clients.audit import audit_node
from cets.clients.builder import TxBuilder
from cets.clients.sdk import AsyncClient, CetsError
from cets.clients.tips import Reporter, file_tip_tx, open_sealed
from cets.ledger import crypto, identity, keyfile, query_auth
from cets.ledger.crypto import Signer
from cets.ledger.txs.supervision import tips as tip_rules
from cets.node import devnet, pki
from cets.node.services.tips import SEALED_METHOD
from tests.conftest import founder, submit_ok
from tests.test_participant_certificates import institution_client, participant_client, tls_node

pytestmark = pytest.mark.timeout(90)

GUANGDONG = identity.province_id("44")
HUBEI = identity.province_id("42")
CHAIN = devnet.DEV_CHAIN_ID
# Distinctive strings, searched for in every answer and every stored byte.
REPORTER = Reporter(identity="张伟 Zhang Wei 110101199003078888", contact="zhang.wei.reporter@example.cn",
                    details="The plant's coal consumption records for 2025 were altered before verification.")
SECRETS = [REPORTER.identity.encode(), "张伟".encode(), b"110101199003078888", REPORTER.contact.encode()]


def intake_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def public(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


async def set_intake(client: AsyncClient, authority: TxBuilder, key: X25519PrivateKey) -> None:
    await submit_ok(client, authority.tx("set_tip_intake", pb.SetTipIntake(public_key=public(key))))


def report(authority: str, key: X25519PrivateKey | bytes, **options) -> tuple[pb.SignedTx, str]:
    intake_public = key if isinstance(key, bytes) else public(key)
    return file_tip_tx(CHAIN, authority, intake_public, options.pop("subject", "914400001234567890 (a power plant)"),
                       options.pop("category", pb.TIP_CATEGORY_DATA_FRAUD), options.pop("reporter", REPORTER), **options)


async def refused_with(client: AsyncClient, tx: pb.SignedTx) -> str:
    with pytest.raises(CetsError) as failure:
        await client.submit(tx)
    return failure.value.reason


async def all_tips(client: AsyncClient, authority: str = "") -> list[pb.Tip]:
    return [tip async for tip in client.tips(authority=authority)]


async def filed(client: AsyncClient) -> tuple[X25519PrivateKey, str]:
    """Guangdong's intake key set, and one report filed to Guangdong."""
    key = intake_key()
    await set_intake(client, founder(GUANGDONG), key)
    tx, tip_id = report(GUANGDONG, key)
    await submit_ok(client, tx)
    return key, tip_id


async def test_art40_report_is_filed_handled_and_answered(node):
    client, guangdong = node.client, founder(GUANGDONG)
    _, tip_id = await filed(client)
    tip = await client.tip(tip_id)
    assert (tip.authority, tip.status, tip.category) == (GUANGDONG, pb.TIP_STATUS_FILED, pb.TIP_CATEGORY_DATA_FRAUD)
    assert tip.subject.startswith("914400001234567890")

    await submit_ok(client, guangdong.tx("handle_tip", pb.HandleTip(tip_id=tip_id, note="Inspection of the plant's records opened.")))
    tip = await client.tip(tip_id)
    assert tip.status == pb.TIP_STATUS_IN_HANDLING and [step.note for step in tip.steps] == ["Inspection of the plant's records opened."]

    await submit_ok(client, guangdong.tx("answer_tip", pb.AnswerTip(tip_id=tip_id, answer="Confirmed; a fine was imposed (art. 50).")))
    tip = await client.tip(tip_id)
    assert tip.status == pb.TIP_STATUS_ANSWERED and tip.answer.startswith("Confirmed") and tip.answered_height > tip.filed_height
    assert [t.tip_id for t in await all_tips(client, GUANGDONG)] == [tip_id]
    assert [t.tip_id for t in await all_tips(client)] == [tip_id]
    assert await all_tips(client, HUBEI) == []
    assert [t.tip_id async for t in client.tips(status=pb.TIP_STATUS_FILED)] == []
    # answered is final
    assert await refused_with(client, guangdong.tx("answer_tip", pb.AnswerTip(tip_id=tip_id, answer="again"))) == "TIP_ANSWERED"
    assert await refused_with(client, guangdong.tx("handle_tip", pb.HandleTip(tip_id=tip_id, note="more"))) == "TIP_ANSWERED"


async def test_art40_reporter_appears_in_no_rpc_answer_and_no_stored_byte(node):
    client, guangdong = node.client, founder(GUANGDONG)
    _, tip_id = await filed(client)
    receipt = await submit_ok(client, guangdong.tx("handle_tip", pb.HandleTip(tip_id=tip_id, note="Opened.")))
    answers: list[bytes] = [receipt.SerializeToString(), (await client.tip(tip_id)).SerializeToString()]
    answers += [tip.SerializeToString() for tip in await all_tips(client)]
    head = await client.head()
    for height in range(1, head.height + 1):
        block = await client.block(height)
        answers.append(block.SerializeToString())
        for raw in block.txs:
            signed = pb.SignedTx.FromString(raw)
            answers.append((await client.transaction(crypto.tx_id(signed.body))).SerializeToString())
    answers += [participant.SerializeToString() async for participant in client.participants()]
    for answer in answers:
        for secret in SECRETS:
            assert secret not in answer
    await client.close()
    await node.node.stop()  # flush and release the store: then read every byte it wrote
    public_seen = False
    for path in pathlib.Path(node.data_dir).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            public_seen = public_seen or b"914400001234567890 (a power plant)" in data
            for secret in SECRETS:
                assert secret not in data, f"{secret!r} in {path}"
    assert public_seen  # the search reads what the node stored: the public subject is there


def as_authority(node, participant_id: str) -> AsyncClient:
    """A client whose Supervision requests are signed by `participant_id`'s dev key."""
    return AsyncClient(node.target, deadline_s=20.0, query_key=devnet.dev_key(participant_id))


def signed(request, key: keyfile.KeyFile, chain_id: str, valid_until_height: int):
    request.auth.CopyFrom(query_auth.sign(key.signer, key.participant_id, chain_id, SEALED_METHOD, request, valid_until_height))
    return request


async def test_art40_only_the_handling_authority_fetches_and_opens_the_sealed_envelope(node):
    key, tip_id = await filed(node.client)
    async with as_authority(node, GUANGDONG) as guangdong, as_authority(node, HUBEI) as hubei:
        sealed = await guangdong.sealed_tip(tip_id)
        assert Reporter.from_plaintext(open_sealed(key, sealed)) == REPORTER
        with pytest.raises(CetsError) as failure:
            await hubei.sealed_tip(tip_id)
        assert (failure.value.status.name, failure.value.reason) == ("PERMISSION_DENIED", "TIP_NOT_HANDLER")
    with pytest.raises(CetsError) as failure:
        await node.client.sealed_tip(tip_id)  # unsigned, on a plain node: no certificate names the caller
    assert (failure.value.status.name, failure.value.reason) == ("PERMISSION_DENIED", "QUERY_AUTH_MISSING")

    head = await node.client.head()
    own = devnet.dev_key(GUANGDONG)
    forged = keyfile.KeyFile(GUANGDONG, pb.KEY_PURPOSE_TRANSACTIONS, devnet.dev_key(HUBEI).signer)  # Hubei's key, claiming Guangdong
    cases = {
        "QUERY_AUTH_KEY_NOT_OF_PARTICIPANT": signed(pb.GetSealedTipRequest(tip_id=tip_id), forged, head.chain_id, head.height + 5),
        "QUERY_AUTH_EXPIRED": signed(pb.GetSealedTipRequest(tip_id=tip_id), own, head.chain_id, head.height - 1),
        "QUERY_AUTH_TOO_FAR_AHEAD": signed(pb.GetSealedTipRequest(tip_id=tip_id), own, head.chain_id, head.height + 10**6),
        "QUERY_AUTH_BAD_SIGNATURE": signed(pb.GetSealedTipRequest(tip_id="0" * 32), own, head.chain_id, head.height + 5),
    }
    cases["QUERY_AUTH_BAD_SIGNATURE"].tip_id = tip_id  # signed for another report
    for reason, request in cases.items():
        with pytest.raises(CetsError) as failure:
            await node.client._call(node.client.supervision.GetSealedTip, request)
        assert failure.value.reason == reason
    # the public record has no field for the envelope
    assert not any(field.name in ("sealed", "reporter_key", "intake_key") for field in pb.Tip.DESCRIPTOR.fields)


async def test_art40_bad_reports_are_refused_each_with_its_own_code_and_change_nothing(node):
    client, guangdong, hubei = node.client, founder(GUANGDONG), founder(HUBEI)
    key, tip_id = await filed(client)
    before = await all_tips(client)

    assert await refused_with(client, report("PROV-99", key)[0]) == "TIP_AUTHORITY_UNKNOWN"
    assert await refused_with(client, report(identity.REGISTRY_ID, key)[0]) == "TIP_AUTHORITY_UNKNOWN"
    assert await refused_with(client, report(HUBEI, key)[0]) == "TIP_INTAKE_KEY_MISSING"
    oversized = Reporter(identity="x", contact="y", details="z" * (tip_rules.SEALED_BYTES_MAX + 1))
    assert await refused_with(client, report(GUANGDONG, key, reporter=oversized)[0]) == "TIP_TOO_LARGE"
    assert await refused_with(client, report(GUANGDONG, key, subject="s" * (tip_rules.SUBJECT_CHARS_MAX + 1))[0]) == "TIP_TOO_LARGE"
    reused, _ = report(GUANGDONG, key, signer=Signer.from_seed(bytes(32)))
    await submit_ok(client, reused)
    again, _ = report(GUANGDONG, key, signer=Signer.from_seed(bytes(32)))
    assert await refused_with(client, again) == "TIP_EXISTS"
    # a report signed by a registered participant, or under a name its key does not give
    payload = pb.TxBody.FromString(report(GUANGDONG, key)[0].body).file_tip
    assert await refused_with(client, hubei.tx("file_tip", payload)) == "ROLE_NOT_AUTHORIZED"
    misnamed = TxBuilder(CHAIN, keyfile.KeyFile("tip-" + "0" * 32, pb.KEY_PURPOSE_TRANSACTIONS, Signer(Ed25519PrivateKey.generate())))
    assert await refused_with(client, misnamed.tx("file_tip", payload)) == "TIP_REPORTER_KEY_INVALID"
    # answering or handling another authority's report
    assert await refused_with(client, hubei.tx("answer_tip", pb.AnswerTip(tip_id=tip_id, answer="not ours"))) == "TIP_NOT_HANDLER"
    assert await refused_with(client, hubei.tx("handle_tip", pb.HandleTip(tip_id=tip_id, note="not ours"))) == "TIP_NOT_HANDLER"
    assert await refused_with(client, guangdong.tx("answer_tip", pb.AnswerTip(tip_id="f" * 32, answer="?"))) == "TIP_UNKNOWN"
    assert await refused_with(client, guangdong.tx("answer_tip", pb.AnswerTip(tip_id=tip_id, answer="a" * 2001))) == "TIP_TOO_LARGE"
    assert await refused_with(client, guangdong.tx("set_tip_intake", pb.SetTipIntake(public_key=b"short"))) == "TIP_INTAKE_KEY_INVALID"
    # a new intake key: reports sealed to the old one are stale
    await set_intake(client, guangdong, intake_key())
    assert await refused_with(client, report(GUANGDONG, key)[0]) == "TIP_INTAKE_KEY_STALE"

    after = {tip.tip_id: tip for tip in await all_tips(client)}
    assert after.pop(tip_id) == before[0]  # untouched by the refusals
    assert len(after) == 1  # the one good report (the reused key's first)


async def test_art40_a_block_takes_a_bounded_number_of_reports(node):
    client = node.client
    key, _ = await filed(client)
    txs = [report(GUANGDONG, key)[0] for _ in range(tip_rules.BLOCK_TIPS_MAX + 4)]
    receipts = await client.submit_batch(txs)
    by_height: dict[int, list[str]] = {}
    for receipt in receipts:
        by_height.setdefault(receipt.height, []).append(pb.Code.Name(receipt.code))
    for codes in by_height.values():
        assert codes.count("CODE_OK") <= tip_rules.BLOCK_TIPS_MAX
        assert set(codes) <= {"CODE_OK", "CODE_TIP_RATE_EXCEEDED"}
    assert any("CODE_TIP_RATE_EXCEEDED" in codes for codes in by_height.values())


async def test_art40_reports_pass_the_auditors_replay(node):
    client, guangdong = node.client, founder(GUANGDONG)
    _, tip_id = await filed(client)
    await submit_ok(client, guangdong.tx("answer_tip", pb.AnswerTip(tip_id=tip_id, answer="Done.")))
    result = await asyncio.get_running_loop().run_in_executor(None, lambda: audit_node(node.target))
    assert result.ok, result.problem


async def test_art40_over_mutual_tls_the_authoritys_certificate_fetches_the_envelope(tmp_path, tmp_path_factory):
    layout = pki.make_dev_pki(tmp_path_factory.mktemp("pki"))
    async with tls_node(tmp_path / "node", layout) as target:
        async with participant_client(target, layout, tmp_path / "certs", GUANGDONG, "province") as guangdong_tls, \
                participant_client(target, layout, tmp_path / "certs", HUBEI, "province") as hubei_tls, \
                institution_client(target, layout, identity.MINISTRY_ID) as ministry_tls:
            key = intake_key()
            await set_intake(guangdong_tls, founder(GUANGDONG), key)
            tx, tip_id = report(GUANGDONG, key)
            await submit_ok(hubei_tls, tx)  # any participant's channel carries a report: it names nobody
            sealed = await guangdong_tls.sealed_tip(tip_id)  # its certificate is enough
            assert Reporter.from_plaintext(open_sealed(key, sealed)) == REPORTER
            for other in (hubei_tls, ministry_tls):
                with pytest.raises(CetsError) as failure:
                    await other.sealed_tip(tip_id)
                assert failure.value.reason == "TIP_NOT_HANDLER"
            hubei_tls.query_key = devnet.dev_key(GUANGDONG)  # Hubei's certificate, a query signed as Guangdong
            with pytest.raises(CetsError) as failure:
                await hubei_tls.sealed_tip(tip_id)
            assert failure.value.reason == "CERTIFICATE_SIGNER_MISMATCH"
