"""Bad input through the real gRPC server: one test per rule, each checking the reason and that nothing changed.

Every case submits through `Submit` (a rejection is a `CetsError` with the gRPC status, the Code
name as ErrorInfo reason and the tx_id in the metadata) and through `SubmitBatch` (a receipt with
status REJECTED and the code). Admission rejections (decode, signatures, keys, role) never enter a
block: the receipt has height 0, the chain head does not move and the node does not know the tx.
Business rejections are recorded in a block as results: the head moves, the state does not.
"""

from __future__ import annotations

import uuid
from typing import Callable

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import identity, limits
from cets.node import devnet
from tests.conftest import fund_province, list_emitter, new_key, new_uscc, register_emitter

S = grpc.StatusCode
AMOUNT_MAX = 10_000_000_000  # the dev rulebook's amount_max
VINTAGE = 2025


# -- helpers --------------------------------------------------------------------------------------

async def participant_exists(client: AsyncClient, participant_id: str) -> bool:
    try:
        await client.participant(participant_id)
    except CetsError as error:
        assert error.status == S.NOT_FOUND, error
        return False
    return True


async def holdings_of(client: AsyncClient, account_id: str) -> dict[tuple[int, int, str], int]:
    view = await client.account(account_id)
    return {(h.unit.product, h.unit.vintage, h.unit.project_id): h.amount for h in view.holdings}


async def snapshot(client: AsyncClient, accounts=(), vintages=(VINTAGE,), participants=()) -> dict:
    """What a rejection must leave alone: holdings, supply figures, who is registered, keys."""
    state: dict = {"holdings": {}, "supply": {}, "participants": {}, "keys": {}}
    for account_id in accounts:
        state["holdings"][account_id] = await holdings_of(client, account_id)
    for vintage in vintages:
        supply = await client.supply(vintage)
        state["supply"][vintage] = (supply.cap, supply.issued, supply.surrendered, supply.cancelled)
    for participant_id in participants:
        exists = await participant_exists(client, participant_id)
        state["participants"][participant_id] = exists
        if exists:
            state["keys"][participant_id] = [(k.key_id, k.revoked) for k in await client.keys(participant_id)]
    return state


async def head_of(client: AsyncClient) -> tuple[int, bytes]:
    head = await client.head()
    return head.height, head.hash


async def assert_refused(
    client: AsyncClient,
    make_tx: Callable[[], pb.SignedTx],
    *,
    status: grpc.StatusCode,
    code: int,
    at_admission: bool,
) -> None:
    """Submit one fresh tx through Submit and another through SubmitBatch; both must be refused."""
    name = pb.Code.Name(code)
    before = await head_of(client)

    tx = make_tx()
    with pytest.raises(CetsError) as info:
        await client.submit(tx)
    error = info.value
    assert error.status == status, error
    assert error.reason == name.removeprefix("CODE_"), error
    assert error.metadata.get("tx_id") == signed_tx_id(tx).hex(), error.metadata

    batch_tx = make_tx()
    (receipt,) = await client.submit_batch([batch_tx])
    assert receipt.status == pb.TX_STATUS_REJECTED, receipt
    assert receipt.code == code, (pb.Code.Name(receipt.code), receipt.detail)
    assert receipt.tx_id == signed_tx_id(batch_tx)
    assert receipt.detail  # a human-readable "field: got X, want Y"

    if at_admission:
        assert error.metadata.get("height") == "0", error.metadata
        assert receipt.height == 0 and not receipt.block_hash
        assert await head_of(client) == before, "an admission rejection must not produce a block"
        for refused in (tx, batch_tx):
            view = await client.transaction(signed_tx_id(refused))
            assert view.receipt.status == pb.TX_STATUS_UNKNOWN and not view.tx
    else:
        assert int(error.metadata.get("height", "0")) > before[0], error.metadata
        assert receipt.height > before[0]
        view = await client.transaction(signed_tx_id(tx))
        assert view.receipt.status == pb.TX_STATUS_REJECTED and view.receipt.code == code


def raw_body(builder: TxBuilder, **fields) -> pb.TxBody:
    body = pb.TxBody(chain_id=devnet.DEV_CHAIN_ID, signer=builder.participant_id, client_id=uuid.uuid4().hex, created_ms=now_ms())
    for name, value in fields.items():
        setattr(body, name, value)
    return body


def sign_raw(builder: TxBuilder, body: bytes) -> pb.SignedTx:
    """Sign arbitrary body bytes correctly with the builder's key."""
    signature = builder.signer.sign_tx_body(body)
    return pb.SignedTx(body=body, signatures=[pb.Signature(key_id=builder.signer.key_id, signature=signature)])


async def funded_emitter(client: AsyncClient, ministry: TxBuilder, guangdong: TxBuilder, amount: int = 1_000) -> TxBuilder:
    """A Guangdong key emitter holding `amount` of VINTAGE."""
    await fund_province(client, ministry, "44", VINTAGE, amount)
    emitter = await register_emitter(client, guangdong, "44")
    receipt = await client.submit(guangdong.allocate([(emitter.participant_id, VINTAGE, amount)]))
    assert receipt.code == pb.CODE_OK
    return emitter


def holding(builder: TxBuilder) -> str:
    return identity.holding_account_id(builder.participant_id)


GD_ALLOCATION = identity.province_account_id("44")


# -- envelope and body ----------------------------------------------------------------------------

async def test_malformed_body_bytes(node, guangdong):
    client = node.client
    before = await snapshot(client, accounts=[GD_ALLOCATION])
    for garbage in (b"\xff\xff\xff\xff", b"\x0a\x10abc", b"\x12\x02\xc3\x28"):  # bad wire type, truncated, bad UTF-8
        await assert_refused(client, lambda: sign_raw(guangdong, garbage), status=S.INVALID_ARGUMENT, code=pb.CODE_MALFORMED, at_admission=True)
    assert await snapshot(client, accounts=[GD_ALLOCATION]) == before


def _submit_request_with_garbage_envelope() -> bytes:
    garbage = b"\x12\x04\xff\xff\xff\xff"  # SignedTx.signatures = a Signature that does not parse
    return b"\x0a" + bytes([len(garbage)]) + garbage  # SubmitRequest.tx = those bytes


async def test_malformed_envelope(node):
    client = node.client
    before = await head_of(client)
    submit = client.channel.unary_unary("/cets.v1.Registry/Submit", request_serializer=lambda raw: raw,
                                        response_deserializer=pb.Receipt.FromString)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await submit(_submit_request_with_garbage_envelope(), timeout=10)
    error = CetsError.from_rpc_error(info.value)
    assert await head_of(client) == before
    assert error.status == S.INVALID_ARGUMENT, error
    assert error.reason == "MALFORMED", error
    assert "tx_id" in error.metadata


async def test_malformed_envelope_in_batch(node):
    client = node.client
    before = await head_of(client)
    submit_batch = client.channel.unary_unary("/cets.v1.Registry/SubmitBatch", request_serializer=lambda raw: raw,
                                              response_deserializer=api.SubmitBatchResponse.FromString)
    response = await submit_batch(_submit_request_with_garbage_envelope(), timeout=10)  # same wire shape: field 1
    assert await head_of(client) == before
    (receipt,) = response.receipts
    assert receipt.status == pb.TX_STATUS_REJECTED and receipt.code == pb.CODE_MALFORMED and receipt.height == 0


async def test_unknown_payload_kind(node, guangdong):
    client = node.client
    before = await snapshot(client, accounts=[GD_ALLOCATION])

    def make():
        body = raw_body(guangdong).SerializeToString()
        body += b"\x9a\x06\x03abc"  # field 99, wire type LEN, 3 bytes: a payload this ledger does not know
        assert pb.TxBody.FromString(body).WhichOneof("payload") is None
        return sign_raw(guangdong, body)

    await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_UNKNOWN_PAYLOAD_KIND, at_admission=True)
    assert await snapshot(client, accounts=[GD_ALLOCATION]) == before


async def test_body_with_two_payloads(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT], vintages=[VINTAGE, 2030])

    def make() -> pb.SignedTx:
        first, second = pb.TxBody(), pb.TxBody()
        first.set_cap.CopyFrom(pb.SetCap(vintage=2030, cap=5))
        second.issue_allowances.CopyFrom(pb.IssueAllowances(vintage=VINTAGE, amount=7))
        body = raw_body(ministry).SerializeToString() + first.SerializeToString() + second.SerializeToString()
        return sign_raw(ministry, body)

    before_head = await head_of(client)
    with pytest.raises(CetsError) as info:
        await client.submit(make())
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT], vintages=[VINTAGE, 2030]) == before
    assert await head_of(client) == before_head
    assert info.value.status == S.INVALID_ARGUMENT
    assert info.value.reason in ("MALFORMED", "INVALID_FIELD")


async def test_body_with_a_payload_and_an_unknown_field(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])

    def make() -> pb.SignedTx:
        body = raw_body(ministry)
        body.issue_allowances.CopyFrom(pb.IssueAllowances(vintage=VINTAGE, amount=7))
        return sign_raw(ministry, body.SerializeToString() + b"\x9a\x06\x03abc")  # + field 99

    await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_UNKNOWN_PAYLOAD_KIND, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_missing_payload(node, guangdong):
    client = node.client
    before = await snapshot(client, accounts=[GD_ALLOCATION])
    await assert_refused(client, lambda: sign_raw(guangdong, raw_body(guangdong).SerializeToString()),
                         status=S.INVALID_ARGUMENT, code=pb.CODE_MISSING_FIELD, at_admission=True)
    assert await snapshot(client, accounts=[GD_ALLOCATION]) == before


def _issue_body(builder: TxBuilder, **fields) -> bytes:
    body = raw_body(builder, **fields)
    body.issue_allowances.CopyFrom(pb.IssueAllowances(vintage=VINTAGE, amount=100))
    return body.SerializeToString()


async def test_missing_signer(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    await assert_refused(client, lambda: sign_raw(ministry, _issue_body(ministry, signer="")),
                         status=S.INVALID_ARGUMENT, code=pb.CODE_MISSING_FIELD, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_missing_client_id(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    await assert_refused(client, lambda: sign_raw(ministry, _issue_body(ministry, client_id="")),
                         status=S.INVALID_ARGUMENT, code=pb.CODE_MISSING_FIELD, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_missing_field_in_payload(node, ministry, guangdong):
    client = node.client
    await fund_province(client, ministry, "44", VINTAGE, 1_000)
    emitter = await register_emitter(client, guangdong, "44")
    other = await register_emitter(client, guangdong, "44")
    newcomer = new_key(new_uscc("44"))
    accounts = [GD_ALLOCATION, holding(emitter), holding(other), identity.ISSUANCE_ACCOUNT]
    before = await snapshot(client, accounts=accounts, participants=[newcomer.participant_id])
    missing = [
        lambda: guangdong.allocate([("", VINTAGE, 100)]),  # emitter_id
        lambda: guangdong.allocate([(emitter.participant_id, 0, 100)]),  # vintage
        lambda: guangdong.allocate([], method_version="2025-v1"),  # entries
        lambda: guangdong.allocate([(emitter.participant_id, VINTAGE, 100)], method_version=""),  # method_version
        lambda: ministry.issue(0, 100),  # vintage
        lambda: emitter.transfer(holding(emitter), "", cea(VINTAGE), 10),  # to_account
        lambda: emitter.transfer(holding(emitter), holding(other), pb.Unit(), 10),  # unit.product
        lambda: emitter.transfer(holding(emitter), holding(other), pb.Unit(product=pb.PRODUCT_CEA), 10),  # unit.vintage
        lambda: emitter.cancel("", cea(VINTAGE), 10),  # account_id
        lambda: guangdong.register_participant(newcomer.participant_id, pb.ROLE_KEY_EMITTER, "Plant", [],
                                               province="44", sector="power"),  # keys
        lambda: guangdong.register_participant(newcomer.participant_id, pb.ROLE_KEY_EMITTER, "", [newcomer.spec()],
                                               province="44", sector="power"),  # name
        lambda: guangdong.register_participant(newcomer.participant_id, pb.ROLE_KEY_EMITTER, "Plant", [newcomer.spec()],
                                               province="44"),  # sector
    ]
    for make in missing:
        await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_MISSING_FIELD, at_admission=False)
    assert await snapshot(client, accounts=accounts, participants=[newcomer.participant_id]) == before


async def test_oversized_transaction(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    accounts = [holding(emitter), holding(other)]
    before = await snapshot(client, accounts=accounts)
    big_memo = "m" * (limits.signed_tx_bytes_max + 1)
    await assert_refused(client, lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 1, memo=big_memo),
                         status=S.INVALID_ARGUMENT, code=pb.CODE_TOO_LARGE, at_admission=True)

    def five_signatures() -> pb.SignedTx:
        tx = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 1)
        tx.signatures.extend([tx.signatures[0]] * limits.tx_signature_count_max)
        return tx

    await assert_refused(client, five_signatures, status=S.INVALID_ARGUMENT, code=pb.CODE_TOO_LARGE, at_admission=True)
    assert await snapshot(client, accounts=accounts) == before


async def test_submit_without_a_transaction_is_tx_missing(node):
    """An empty SubmitRequest names the field that is missing, `tx`, not a field of the empty body."""
    client = node.client
    before = await head_of(client)
    with pytest.raises(CetsError) as info:
        await client.submit(pb.SignedTx())
    assert (info.value.status, info.value.reason, info.value.message) == (S.INVALID_ARGUMENT, "MISSING_FIELD", "tx: missing")
    with pytest.raises(CetsError) as info:  # an envelope without a body is refused at admission
        await client.submit(pb.SignedTx(signatures=[pb.Signature(key_id="0" * 32, signature=bytes(64))]))
    assert info.value.status == S.INVALID_ARGUMENT
    assert info.value.reason in ("MISSING_FIELD", "WRONG_CHAIN_ID", "MALFORMED"), info.value
    assert info.value.metadata.get("height") == "0"
    assert await head_of(client) == before


async def test_created_time_out_of_window(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    for created_ms in (0, now_ms() - 2 * 86_400_000, now_ms() + 2 * 86_400_000):
        await assert_refused(client, lambda: ministry.issue(VINTAGE, 100, created_ms=created_ms), status=S.INVALID_ARGUMENT,
                             code=pb.CODE_CREATED_TIME_OUT_OF_WINDOW, at_admission=False)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


# -- amounts and vintages -------------------------------------------------------------------------

async def test_negative_vintage_is_reported_with_its_value_and_the_rulebooks_range(node, ministry):
    client = node.client
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    (set_cap, issue) = await client.submit_batch([ministry.set_cap(-1, 1_000), ministry.issue(-2025, 1)])
    for receipt, vintage in ((set_cap, -1), (issue, -2025)):
        assert receipt.code == pb.CODE_UNKNOWN_VINTAGE, (pb.Code.Name(receipt.code), receipt.detail)
        assert receipt.detail == f"vintage: got {vintage}, want 2019..2100"  # the dev rulebook's range
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before

async def test_zero_amount(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    accounts = [holding(emitter), holding(other), GD_ALLOCATION, identity.ISSUANCE_ACCOUNT]
    before = await snapshot(client, accounts=accounts)
    for make in (
        lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 0),
        lambda: ministry.issue(VINTAGE, 0),
        lambda: guangdong.allocate([(other.participant_id, VINTAGE, 0)]),
        lambda: guangdong.adjust_allocation(other.participant_id, VINTAGE, 0, pb.ADJUSTMENT_REASON_CORRECTION),
        lambda: emitter.surrender(VINTAGE, [(cea(VINTAGE), 0)]),
        lambda: emitter.cancel(holding(emitter), cea(VINTAGE), 0),
    ):
        await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_AMOUNT_NOT_POSITIVE, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before


async def test_negative_amount(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    accounts = [holding(emitter), holding(other), GD_ALLOCATION, identity.ISSUANCE_ACCOUNT]
    before = await snapshot(client, accounts=accounts)
    for make in (
        # a negative transfer would otherwise pull units from the destination into the source
        lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), -5),
        lambda: other.transfer(holding(other), holding(emitter), cea(VINTAGE), -5),
        lambda: ministry.issue(VINTAGE, -1),
        lambda: ministry.set_cap(VINTAGE, -1),
        lambda: guangdong.allocate([(other.participant_id, VINTAGE, 10), (emitter.participant_id, VINTAGE, -10)]),
        lambda: emitter.surrender(VINTAGE, [(cea(VINTAGE), -3)]),
        lambda: emitter.cancel(holding(emitter), cea(VINTAGE), -(2**63)),
    ):
        await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_AMOUNT_NOT_POSITIVE, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before


async def test_oversized_amount(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    await client.submit(ministry.set_cap(2030, AMOUNT_MAX))
    accounts = [holding(emitter), holding(other), identity.ISSUANCE_ACCOUNT]
    before = await snapshot(client, accounts=accounts, vintages=[VINTAGE, 2030])
    for make in (
        lambda: ministry.issue(2030, AMOUNT_MAX + 1),
        lambda: ministry.set_cap(2031, limits.unit_supply_max + 1),  # a cap is bounded by the supply limit, not per line
        lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), AMOUNT_MAX + 1),
        lambda: emitter.cancel(holding(emitter), cea(VINTAGE), 2**63 - 1),
        lambda: guangdong.adjust_allocation(other.participant_id, VINTAGE, -(AMOUNT_MAX + 1), pb.ADJUSTMENT_REASON_CORRECTION),
    ):
        await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_AMOUNT_TOO_LARGE, at_admission=False)
    assert await snapshot(client, accounts=accounts, vintages=[VINTAGE, 2030]) == before
    # the bound itself is admitted
    assert (await client.submit(ministry.issue(2030, AMOUNT_MAX))).code == pb.CODE_OK
    assert (await client.supply(2030)).issued == AMOUNT_MAX


async def test_unknown_vintage(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    accounts = [holding(emitter), holding(other), GD_ALLOCATION, identity.ISSUANCE_ACCOUNT]
    vintages = [VINTAGE, 1990, 2018, 2101, 2200]
    before = await snapshot(client, accounts=accounts, vintages=vintages)
    for vintage in (1990, 2018, 2101, 2200):
        for make in (
            lambda: ministry.set_cap(vintage, 1_000),
            lambda: ministry.issue(vintage, 1_000),
            lambda: emitter.transfer(holding(emitter), holding(other), cea(vintage), 1),
            lambda: guangdong.allocate([(other.participant_id, vintage, 1)]),
        ):
            await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_UNKNOWN_VINTAGE, at_admission=False)
    assert await snapshot(client, accounts=accounts, vintages=vintages) == before
    # the range's ends are admitted
    for vintage in (2019, 2100):
        assert (await client.submit(ministry.set_cap(vintage, 1))).code == pb.CODE_OK


# -- chain, signatures and keys -------------------------------------------------------------------

async def test_wrong_chain_id(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    for chain_id in ("cets-prod-1", "cets-dev-1 "):
        other_chain = TxBuilder(chain_id, ministry.key)
        await assert_refused(client, lambda: other_chain.issue(VINTAGE, 100), status=S.INVALID_ARGUMENT,
                             code=pb.CODE_WRONG_CHAIN_ID, at_admission=True)
    no_chain = TxBuilder("", ministry.key)
    await assert_refused(client, lambda: no_chain.issue(VINTAGE, 100), status=S.INVALID_ARGUMENT,
                         code=pb.CODE_MISSING_FIELD, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_missing_signature(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    await assert_refused(client, lambda: pb.SignedTx(body=ministry.body("issue_allowances", pb.IssueAllowances(vintage=VINTAGE, amount=100))),
                         status=S.INVALID_ARGUMENT, code=pb.CODE_SIGNATURE_MISSING, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_bad_signature(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])

    def flipped(position: int) -> Callable[[], pb.SignedTx]:
        def make() -> pb.SignedTx:
            tx = ministry.issue(VINTAGE, 100)
            signature = bytearray(tx.signatures[0].signature)
            signature[position] ^= 0x01
            tx.signatures[0].signature = bytes(signature)
            return tx
        return make

    def truncated() -> pb.SignedTx:
        tx = ministry.issue(VINTAGE, 100)
        tx.signatures[0].signature = tx.signatures[0].signature[:63]
        return tx

    def over_other_body() -> pb.SignedTx:  # a valid signature, but of another body
        tx, other = ministry.issue(VINTAGE, 100), ministry.issue(VINTAGE, 100)
        tx.signatures[0].signature = other.signatures[0].signature
        return tx

    for make in (flipped(0), flipped(40), flipped(63), truncated, over_other_body):
        await assert_refused(client, make, status=S.INVALID_ARGUMENT, code=pb.CODE_SIGNATURE_INVALID, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_signature_by_unknown_key(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    stranger = TxBuilder(devnet.DEV_CHAIN_ID, new_key(identity.MINISTRY_ID))  # claims to be the ministry
    await assert_refused(client, lambda: stranger.issue(VINTAGE, 100), status=S.PERMISSION_DENIED,
                         code=pb.CODE_UNKNOWN_KEY, at_admission=True)

    def odd_key_id() -> pb.SignedTx:
        tx = ministry.issue(VINTAGE, 100)
        tx.signatures[0].key_id = "not-a-key-id"
        return tx

    await assert_refused(client, odd_key_id, status=S.PERMISSION_DENIED, code=pb.CODE_UNKNOWN_KEY, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_signature_by_key_of_another_participant(node, ministry, registry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])

    def make() -> pb.SignedTx:  # the body names the ministry; the registry's key signs it
        return registry.sign_body(ministry.body("issue_allowances", pb.IssueAllowances(vintage=VINTAGE, amount=100)))

    await assert_refused(client, make, status=S.PERMISSION_DENIED, code=pb.CODE_KEY_NOT_OF_SIGNER, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


async def test_revoked_key(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    second = TxBuilder(devnet.DEV_CHAIN_ID, new_key(emitter.participant_id))
    assert (await client.submit(emitter.add_key(emitter.participant_id, second.key.signer.public_key))).code == pb.CODE_OK
    assert (await client.submit(second.revoke_key(emitter.participant_id, emitter.key.key_id, reason="lost"))).code == pb.CODE_OK
    accounts = [holding(emitter), holding(other)]
    before = await snapshot(client, accounts=accounts, participants=[emitter.participant_id])
    assert dict(before["keys"][emitter.participant_id]) == {emitter.key.key_id: True, second.key.key_id: False}

    await assert_refused(client, lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 10),
                         status=S.PERMISSION_DENIED, code=pb.CODE_KEY_REVOKED, at_admission=True)
    # the revoked key cannot bring itself back either
    await assert_refused(client, lambda: emitter.add_key(emitter.participant_id, new_key(emitter.participant_id).signer.public_key),
                         status=S.PERMISSION_DENIED, code=pb.CODE_KEY_REVOKED, at_admission=True)
    assert await snapshot(client, accounts=accounts, participants=[emitter.participant_id]) == before
    # the active key still signs
    assert (await client.submit(second.transfer(holding(emitter), holding(other), cea(VINTAGE), 10))).code == pb.CODE_OK


async def test_signature_by_a_node_key(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    node_key = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(identity.MINISTRY_ID, pb.KEY_PURPOSE_NODE))
    await assert_refused(client, lambda: node_key.issue(VINTAGE, 100), status=S.PERMISSION_DENIED,
                         code=pb.CODE_KEY_PURPOSE_MISMATCH, at_admission=True)
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before


# -- who may do what ------------------------------------------------------------------------------

async def test_signer_without_the_role(node, ministry, registry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    accounts = [holding(emitter), identity.ISSUANCE_ACCOUNT, GD_ALLOCATION]
    vintages = [VINTAGE, 2030]
    before = await snapshot(client, accounts=accounts, vintages=vintages)
    for make in (
        lambda: emitter.issue(VINTAGE, 100),
        lambda: registry.set_cap(2030, 1_000),
        lambda: guangdong.issue(VINTAGE, 100),
        lambda: emitter.allocate([(emitter.participant_id, VINTAGE, 1)]),
        lambda: ministry.surrender(VINTAGE, [(cea(VINTAGE), 1)]),
        lambda: emitter.record_ccer("CCER-1", pb.PROJECT_TYPE_RENEWABLE, VINTAGE, 10, holding(emitter)),
        lambda: emitter.register_participant(new_uscc("44"), pb.ROLE_KEY_EMITTER, "x", [new_key("x").spec()], province="44", sector="power"),
    ):
        await assert_refused(client, make, status=S.PERMISSION_DENIED, code=pb.CODE_ROLE_NOT_AUTHORIZED, at_admission=True)
    assert await snapshot(client, accounts=accounts, vintages=vintages) == before


async def test_keys_of_another_participant(node, ministry, registry, guangdong):
    """Issue 6.5: the ministry could add a key to a province and sign as it; nobody changes another's keys."""
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")
    province_key, emitter_key = devnet.dev_key(identity.province_id("44")), emitter.key
    participants = [guangdong.participant_id, emitter.participant_id, identity.EXCHANGE_ID]
    before = await snapshot(client, participants=participants)
    for make in (
        lambda: ministry.add_key(guangdong.participant_id, new_key(guangdong.participant_id).signer.public_key),
        lambda: ministry.rotate_key(guangdong.participant_id, province_key.key_id, new_key(guangdong.participant_id).signer.public_key),
        lambda: ministry.revoke_key(guangdong.participant_id, province_key.key_id, "taken over"),
        lambda: registry.add_key(emitter.participant_id, new_key(emitter.participant_id).signer.public_key),
        lambda: guangdong.revoke_key(emitter.participant_id, emitter_key.key_id, "closed"),
    ):
        await assert_refused(client, make, status=S.PERMISSION_DENIED, code=pb.CODE_NOT_KEY_OWNER, at_admission=False)
    exchange_keys = [devnet.dev_key(identity.EXCHANGE_ID).key_id, devnet.dev_key(identity.EXCHANGE_ID, pb.KEY_PURPOSE_NODE).key_id]
    for revoked in (exchange_keys[:1], exchange_keys[1:]):  # a founding institution, its transactions or its node key
        await assert_refused(client, lambda: registry.recover_key(identity.EXCHANGE_ID, new_key(identity.EXCHANGE_ID).signer.public_key, revoked,
                                                                  "its director", "lost", "CASE-1"),
                             status=S.PERMISSION_DENIED, code=pb.CODE_KEY_NOT_RECOVERABLE, at_admission=False)
    assert await snapshot(client, participants=participants) == before


async def test_province_outside_its_jurisdiction(node, ministry, guangdong, hubei):
    client = node.client
    await fund_province(client, ministry, "44", VINTAGE, 1_000)
    hubei_emitter = await register_emitter(client, hubei, "42")
    newcomer = new_key(new_uscc("42"))
    accounts = [GD_ALLOCATION, holding(hubei_emitter), identity.province_account_id("42")]
    participants = [newcomer.participant_id]
    before = await snapshot(client, accounts=accounts, participants=participants)
    for make in (
        lambda: guangdong.allocate([(hubei_emitter.participant_id, VINTAGE, 100)]),
        lambda: guangdong.adjust_allocation(hubei_emitter.participant_id, VINTAGE, 10, pb.ADJUSTMENT_REASON_CORRECTION),
        lambda: guangdong.register_participant(newcomer.participant_id, pb.ROLE_KEY_EMITTER, "Hubei plant", [newcomer.spec()],
                                               province="42", sector="power"),
    ):
        await assert_refused(client, make, status=S.PERMISSION_DENIED, code=pb.CODE_OUTSIDE_JURISDICTION, at_admission=False)
    assert await snapshot(client, accounts=accounts, participants=participants) == before
    assert before["participants"][newcomer.participant_id] is False


async def test_account_kind_forbids_operation(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    await client.submit(ministry.set_cap(2026, 1_000))
    await client.submit(ministry.issue(2026, 1_000))
    accounts = [holding(emitter), identity.ISSUANCE_ACCOUNT, identity.RESERVE_ACCOUNT, identity.AUCTION_ACCOUNT, GD_ALLOCATION]
    before = await snapshot(client, accounts=accounts, vintages=[VINTAGE, 2026])
    for make in (
        lambda: emitter.transfer(holding(emitter), identity.ISSUANCE_ACCOUNT, cea(VINTAGE), 10),  # issuance takes no transfer in
        lambda: emitter.transfer(holding(emitter), identity.RESERVE_ACCOUNT, cea(VINTAGE), 10),  # only reserve_move reaches it
        lambda: emitter.transfer(holding(emitter), GD_ALLOCATION, cea(VINTAGE), 10),  # no route emitter -> province
        lambda: ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.RESERVE_ACCOUNT, cea(2026), 10),
        lambda: ministry.transfer(identity.ISSUANCE_ACCOUNT, holding(emitter), cea(2026), 10),  # no route issuance -> emitter
        lambda: ministry.transfer(identity.RESERVE_ACCOUNT, identity.AUCTION_ACCOUNT, cea(2026), 10),  # reserve: no transfer out
        lambda: ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.RESERVE_ACCOUNT, 2026, 10,
                                      pb.RESERVE_PURPOSE_SET_ASIDE, "reserve into itself"),
    ):
        await assert_refused(client, make, status=S.FAILED_PRECONDITION, code=pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION, at_admission=False)
    assert await snapshot(client, accounts=accounts, vintages=[VINTAGE, 2026]) == before


async def test_transfer_from_province_allocation_account_is_refused(node, ministry, guangdong):
    """A province allocation account only allocates (art. 10, 14); no one can transfer out of it.

    Its holder, the province, may not sign a transfer at all (refused at admission), and anyone
    else does not hold it.
    """
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong, amount=500)
    await fund_province(client, ministry, "44", VINTAGE, 500)
    accounts = [GD_ALLOCATION, holding(emitter), identity.AUCTION_ACCOUNT]
    before = await snapshot(client, accounts=accounts)
    assert before["holdings"][GD_ALLOCATION] == {(pb.PRODUCT_CEA, VINTAGE, ""): 500}
    await assert_refused(client, lambda: guangdong.transfer(GD_ALLOCATION, holding(emitter), cea(VINTAGE), 10),
                         status=S.PERMISSION_DENIED, code=pb.CODE_ROLE_NOT_AUTHORIZED, at_admission=True)
    await assert_refused(client, lambda: ministry.transfer(GD_ALLOCATION, identity.AUCTION_ACCOUNT, cea(VINTAGE), 10),
                         status=S.PERMISSION_DENIED, code=pb.CODE_NOT_ACCOUNT_HOLDER, at_admission=False)
    await assert_refused(client, lambda: emitter.transfer(GD_ALLOCATION, holding(emitter), cea(VINTAGE), 10),
                         status=S.PERMISSION_DENIED, code=pb.CODE_NOT_ACCOUNT_HOLDER, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before


async def test_insufficient_balance(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong, amount=100)
    other = await register_emitter(client, guangdong, "44")
    await list_emitter(client, guangdong, emitter.participant_id, VINTAGE)  # only listed emitters surrender (art. 5)
    accounts = [holding(emitter), holding(other), GD_ALLOCATION, identity.ISSUANCE_ACCOUNT]
    before = await snapshot(client, accounts=accounts)
    for make in (
        lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 101),
        lambda: other.transfer(holding(other), holding(emitter), cea(VINTAGE), 1),  # holds nothing
        lambda: emitter.transfer(holding(emitter), holding(other), cea(2026), 1),  # nothing of that vintage
        lambda: emitter.surrender(VINTAGE, [(cea(VINTAGE), 60), (cea(VINTAGE), 60)]),  # lines add up
        lambda: emitter.cancel(holding(emitter), cea(VINTAGE), 101),
        lambda: guangdong.allocate([(other.participant_id, VINTAGE, 1)]),  # province account is empty
        lambda: guangdong.adjust_allocation(other.participant_id, VINTAGE, -1, pb.ADJUSTMENT_REASON_CLOSURE),
    ):
        await assert_refused(client, make, status=S.FAILED_PRECONDITION, code=pb.CODE_INSUFFICIENT_BALANCE, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before


# -- idempotency ----------------------------------------------------------------------------------

async def test_duplicate_transaction_returns_first_receipt(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    tx = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 100)
    first = await client.submit(tx)
    assert first.status == pb.TX_STATUS_COMMITTED and first.height > 0
    accounts = [holding(emitter), holding(other)]
    after_first = await snapshot(client, accounts=accounts)
    assert after_first["holdings"][holding(other)] == {(pb.PRODUCT_CEA, VINTAGE, ""): 100}
    head = await head_of(client)

    again = await client.submit(tx)
    assert again == first
    (from_batch,) = await client.submit_batch([tx])
    assert from_batch == first
    # the same body under another envelope (a second copy of the signature) is the same transaction
    doubled = pb.SignedTx(body=tx.body, signatures=[tx.signatures[0], tx.signatures[0]])
    assert await client.submit(doubled) == first
    assert await snapshot(client, accounts=accounts) == after_first
    assert await head_of(client) == head, "a resubmission must not produce a block"

    # twice in one batch: applied once, both receipts alike
    twin = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 7)
    receipts = await client.submit_batch([twin, twin])
    assert receipts[0] == receipts[1] and receipts[0].status == pb.TX_STATUS_COMMITTED
    assert (await holdings_of(client, holding(other))) == {(pb.PRODUCT_CEA, VINTAGE, ""): 107}


async def test_duplicate_of_a_rejected_transaction_returns_the_first_rejection(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong, amount=100)
    other = await register_emitter(client, guangdong, "44")
    tx = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 500)
    with pytest.raises(CetsError) as first:
        await client.submit(tx)
    assert first.value.reason == "INSUFFICIENT_BALANCE"
    accounts = [holding(emitter), holding(other)]
    before = await snapshot(client, accounts=accounts)
    head = await head_of(client)
    with pytest.raises(CetsError) as second:
        await client.submit(tx)
    assert (second.value.status, second.value.reason, second.value.metadata) == (first.value.status, first.value.reason, first.value.metadata)
    assert await head_of(client) == head
    assert await snapshot(client, accounts=accounts) == before


async def test_client_id_reused_with_a_different_body(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong)
    other = await register_emitter(client, guangdong, "44")
    first = await client.submit(emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 100, client_id="order-1"))
    assert first.status == pb.TX_STATUS_COMMITTED
    accounts = [holding(emitter), holding(other)]
    before = await snapshot(client, accounts=accounts)
    amounts = iter(range(1, 100))
    await assert_refused(
        client, lambda: emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), next(amounts), client_id="order-1"),
        status=S.ALREADY_EXISTS, code=pb.CODE_CLIENT_ID_REUSED, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before

    # in one batch: the first claims the id, the second is refused
    a = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 5, client_id="order-2")
    b = emitter.transfer(holding(emitter), holding(other), cea(VINTAGE), 6, client_id="order-2")
    ra, rb = await client.submit_batch([a, b])
    assert ra.status == pb.TX_STATUS_COMMITTED
    assert rb.status == pb.TX_STATUS_REJECTED and rb.code == pb.CODE_CLIENT_ID_REUSED
    assert (await holdings_of(client, holding(other))) == {(pb.PRODUCT_CEA, VINTAGE, ""): 105}
    # client ids are per signer: another signer may use the same one
    assert (await client.submit(other.transfer(holding(other), holding(emitter), cea(VINTAGE), 1, client_id="order-1"))).code == pb.CODE_OK


# -- batches --------------------------------------------------------------------------------------

async def test_batch_mixing_good_and_bad_transactions(node, ministry, guangdong):
    client = node.client
    emitter = await funded_emitter(client, ministry, guangdong, amount=100)
    other = await register_emitter(client, guangdong, "44")
    src, dst = holding(emitter), holding(other)
    bad_signature = emitter.transfer(src, dst, cea(VINTAGE), 1)
    bad_signature.signatures[0].signature = bytes(64)
    txs = [
        emitter.transfer(src, dst, cea(VINTAGE), 10),  # good
        TxBuilder("cets-other-1", emitter.key).transfer(src, dst, cea(VINTAGE), 1),  # wrong chain (admission)
        emitter.transfer(src, dst, cea(VINTAGE), 20),  # good
        emitter.transfer(src, dst, cea(VINTAGE), 500),  # insufficient balance (in block)
        bad_signature,  # admission
        emitter.issue(VINTAGE, 1),  # role (admission)
        emitter.transfer(src, identity.ISSUANCE_ACCOUNT, cea(VINTAGE), 1),  # account kind (in block)
        emitter.transfer(src, dst, cea(VINTAGE), 30),  # good
    ]
    receipts = await client.submit_batch(txs)
    assert [r.tx_id for r in receipts] == [signed_tx_id(tx) for tx in txs]
    assert [(r.status, r.code) for r in receipts] == [
        (pb.TX_STATUS_COMMITTED, pb.CODE_OK),
        (pb.TX_STATUS_REJECTED, pb.CODE_WRONG_CHAIN_ID),
        (pb.TX_STATUS_COMMITTED, pb.CODE_OK),
        (pb.TX_STATUS_REJECTED, pb.CODE_INSUFFICIENT_BALANCE),
        (pb.TX_STATUS_REJECTED, pb.CODE_SIGNATURE_INVALID),
        (pb.TX_STATUS_REJECTED, pb.CODE_ROLE_NOT_AUTHORIZED),
        (pb.TX_STATUS_REJECTED, pb.CODE_ACCOUNT_KIND_FORBIDS_OPERATION),
        (pb.TX_STATUS_COMMITTED, pb.CODE_OK),
    ]
    assert [r.height == 0 for r in receipts] == [False, True, False, False, True, True, False, False]
    assert await holdings_of(client, src) == {(pb.PRODUCT_CEA, VINTAGE, ""): 40}
    assert await holdings_of(client, dst) == {(pb.PRODUCT_CEA, VINTAGE, ""): 60}
    assert await holdings_of(client, identity.ISSUANCE_ACCOUNT) == {}


async def test_empty_batch(node):
    client = node.client
    before = await head_of(client)
    with pytest.raises(CetsError) as info:
        await client.submit_batch([])
    assert info.value.status == S.INVALID_ARGUMENT
    assert info.value.reason == "MISSING_FIELD"
    assert await head_of(client) == before


async def test_batch_over_the_limit(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1_000_000))
    before = await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT])
    head = await head_of(client)
    txs = [ministry.issue(VINTAGE, 1) for _ in range(limits.batch_tx_count_max + 1)]
    with pytest.raises(CetsError) as info:
        await client.submit_batch(txs)
    assert info.value.status == S.INVALID_ARGUMENT
    assert info.value.reason == "TOO_LARGE"
    assert await head_of(client) == head
    assert await snapshot(client, accounts=[identity.ISSUANCE_ACCOUNT]) == before
    for tx in (txs[0], txs[-1]):
        assert (await client.transaction(signed_tx_id(tx))).receipt.status == pb.TX_STATUS_UNKNOWN
    # exactly the limit is accepted
    receipts = await client.submit_batch(txs[: limits.batch_tx_count_max])
    assert len(receipts) == limits.batch_tx_count_max and all(r.code == pb.CODE_OK for r in receipts)
    assert (await client.supply(VINTAGE)).issued == limits.batch_tx_count_max


# -- query RPCs -----------------------------------------------------------------------------------

async def _query_error(call) -> CetsError:
    with pytest.raises(CetsError) as info:
        await call
    return info.value


async def test_get_participant_unknown(node):
    error = await _query_error(node.client.participant(new_uscc("44")))
    assert (error.status, error.reason) == (S.NOT_FOUND, "UNKNOWN_PARTICIPANT")
    error = await _query_error(node.client.participant(""))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "MISSING_FIELD")


async def test_get_account_unknown(node):
    error = await _query_error(node.client.account("nobody.holding"))
    assert (error.status, error.reason) == (S.NOT_FOUND, "UNKNOWN_ACCOUNT")
    error = await _query_error(node.client.account(""))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "MISSING_FIELD")


async def test_get_block_height_zero(node):
    error = await _query_error(node.client.block(0))
    assert error.status == S.INVALID_ARGUMENT and error.reason


async def test_get_block_beyond_head(node, ministry):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 1))
    height, _ = await head_of(client)
    assert height == 1 and (await client.block(1)).txs
    for beyond in (height + 1, 2**63, 2**64 - 1):
        error = await _query_error(client.block(beyond))
        assert (error.status, error.reason) == (S.NOT_FOUND, "BLOCK_NOT_FOUND"), beyond


async def test_get_transaction_with_a_short_id(node):
    for tx_id in (b"\x01" * 5, b"", b"\x01" * 33):
        error = await _query_error(node.client.transaction(tx_id))
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD"), tx_id
    view = await node.client.transaction(b"\x01" * 32)
    assert view.receipt.status == pb.TX_STATUS_UNKNOWN


async def test_list_holdings_page_size_too_large(node):
    client = node.client
    request = api.ListHoldingsRequest(account_id=identity.ISSUANCE_ACCOUNT, page_size=5000)
    error = await _query_error(client._call(client.registry.ListHoldings, request))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_SIZE_TOO_LARGE")
    request = api.ListHoldingsRequest(account_id=identity.ISSUANCE_ACCOUNT, page_size=limits.page_size_max)
    assert (await client._call(client.registry.ListHoldings, request)).next_page_token == ""




@pytest.mark.parametrize("token", [
    "abc",  # bad padding
    "not-a-token",
    "!!!!",  # no base64 characters at all
    "%%%%====",
    "AAAA",  # base64, but not a holding key
])
async def test_list_holdings_garbage_page_token(node, ministry, token):
    client = node.client
    await client.submit(ministry.set_cap(VINTAGE, 10))
    await client.submit(ministry.issue(VINTAGE, 10))
    request = api.ListHoldingsRequest(account_id=identity.ISSUANCE_ACCOUNT, page_token=token)
    error = await _query_error(client._call(client.registry.ListHoldings, request))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")


async def test_list_participants_garbage_page_token(node):
    client = node.client
    request = api.ListParticipantsRequest(page_token="!!!!")
    error = await _query_error(client._call(client.registry.ListParticipants, request))
    assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")


async def test_list_keys_unknown_participant(node):
    error = await _query_error(node.client.keys(new_uscc("44")))
    assert (error.status, error.reason) == (S.NOT_FOUND, "UNKNOWN_PARTICIPANT")


async def test_get_supply_without_vintage(node):
    error = await _query_error(node.client.supply(0))
    assert (error.status, error.reason, error.message) == (S.INVALID_ARGUMENT, "MISSING_FIELD", "vintage: missing")


async def test_get_supply_of_a_negative_or_impossible_vintage_names_the_value_and_the_range(node):
    for vintage in (-1, -2025, limits.vintage_year_max + 1):
        error = await _query_error(node.client.supply(vintage))
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD")
        assert error.message == f"vintage: got {vintage}, want 1..{limits.vintage_year_max}"


async def test_stream_blocks_with_to_below_from(node):
    with pytest.raises(CetsError) as info:
        async for _ in node.client.stream_blocks(from_height=5, to_height=2):
            pass
    assert (info.value.status, info.value.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD")


@pytest.mark.parametrize("filters", [{"role": 999}, {"province": "abc"}, {"province": "99"}], ids=["unknown-role", "province-not-a-code", "no-such-province"])
async def test_list_participants_with_a_filter_that_can_match_nothing_is_invalid(node, filters):
    with pytest.raises(CetsError) as info:
        [p async for p in node.client.participants(**filters)]
    assert (info.value.status, info.value.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD")
    assert [p.participant_id async for p in node.client.participants(province="44")] == ["PROV-44"]
