"""Enforcement (arts. 38, 45-49) through a real node: every measure's effect and its lifting, lifts
by another authority, credit records, joint punishment notices and the blacklist.

A restricted holder trying the restricted operation gets the measure's own code through Submit
(gRPC status and ErrorInfo) and SubmitBatch (a receipt), and nothing changes (holdings, supply,
participants); once the imposing authority lifts the measure, the same operation applies. Buying,
selling and funds out are the market's operations, checked at order entry by the market's handlers
through `restrictions.refusal`/`require_allowed`: here that very function is asked over the node's
committed store.
"""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import identity
from cets.ledger.txs.supervision.restrictions import refusal
from tests.conftest import founder, fund_province, new_key, new_uscc, read_state, register_emitter, submit_ok
from tests.test_bad_input import VINTAGE, assert_refused, funded_emitter, snapshot
from tests.test_cli import run_cets

S = grpc.StatusCode
M, O = pb.MeasureType, pb.RestrictedOperation
UNIT = cea(VINTAGE)


@pytest.fixture
def exchange() -> TxBuilder:
    return founder(identity.EXCHANGE_ID)


def holding(builder: TxBuilder) -> str:
    return identity.holding_account_id(builder.participant_id)


def impose(authority: TxBuilder, target: TxBuilder, measure: int, operations=(), account: str = "", end_ms: int = 0,
           participant: str | None = None) -> pb.SignedTx:
    payload = pb.ImposeMeasure(participant_id=target.participant_id if participant is None else participant, account_id=account,
                               type=measure, operations=list(operations), reason="settlement data falsified", end_ms=end_ms,
                               legal_basis="《全国碳排放权交易管理办法（试行）》第四十五条", case_reference="REG-2025-017")
    return authority.tx("impose_measure", payload)


def lift(authority: TxBuilder, measure_id: bytes, reason: str = "corrected", case_reference: str = "") -> pb.SignedTx:
    return authority.tx("lift_measure", pb.LiftMeasure(measure_id=measure_id, reason=reason, case_reference=case_reference))


async def imposed(client: AsyncClient, tx: pb.SignedTx) -> bytes:
    receipt = await submit_ok(client, tx)
    measure = receipt.events[0].measure_imposed
    assert measure.measure_id == signed_tx_id(tx)
    return measure.measure_id


async def refused(client: AsyncClient, make_tx, code: int, accounts=()) -> None:
    """Refused with `code` through Submit and SubmitBatch, recorded in a block, changing nothing."""
    before = await snapshot(client, accounts=accounts)
    await assert_refused(client, make_tx, status=S.FAILED_PRECONDITION if code != pb.CODE_BLACKLISTED else S.PERMISSION_DENIED,
                         code=code, at_admission=False)
    assert await snapshot(client, accounts=accounts) == before


async def two_emitters(node, ministry, guangdong) -> tuple[TxBuilder, TxBuilder]:
    """A funded Guangdong emitter (1,000 t) and another to transfer to."""
    alice = await funded_emitter(node.client, ministry, guangdong)
    bob = await register_emitter(node.client, guangdong, "44")
    return alice, bob


def store_refusal(node, participant: TxBuilder, operation: int, account: str = "") -> int:
    """The code the market's order entry would get (the check function over the node's committed store)."""
    def check(state):
        rejection = refusal(state, now_ms(), participant.participant_id, account or holding(participant), operation)
        return pb.CODE_OK if rejection is None else rejection.code
    return read_state(node, check)


# -- art. 45: the registry's measures -----------------------------------------------------------------

async def test_art45_public_criticism_is_a_published_record_and_restricts_nothing(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_PUBLIC_CRITICISM))
    (measure,) = [m async for m in node.client.measures(participant_id=alice.participant_id)]
    assert (measure.measure_id, measure.article, measure.authority, list(measure.operations)) == (measure_id, "45 (1)", "REG", [])
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 1))
    criticised = [m async for m in node.client.measures(measure_type=M.MEASURE_TYPE_PUBLIC_CRITICISM, in_force_only=True)]
    assert [m.measure_id for m in criticised] == [measure_id]


async def test_art45_restricted_product_transfers_refuse_a_transfer_until_lifted(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_RESTRICT_TRANSFERS, [O.RESTRICTED_OPERATION_TRANSFER_OUT]))
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_PRODUCT_TRANSFERS_RESTRICTED,
                  [holding(alice), holding(bob)])
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 1))  # only transfers out are restricted
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_FUNDS_OUT) == pb.CODE_OK
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))
    assert (await node.client.account(holding(bob))).holdings[0].amount == 10


async def test_art45_restricted_fund_transfers_are_refused_at_the_markets_check_until_lifted(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_RESTRICT_TRANSFERS, [O.RESTRICTED_OPERATION_FUNDS_OUT]))
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_FUNDS_OUT) == pb.CODE_FUNDS_TRANSFERS_RESTRICTED
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 1))  # products still move
    await submit_ok(node.client, lift(registry, measure_id))
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_FUNDS_OUT) == pb.CODE_OK


async def test_art45_a_suspended_account_transfers_cancels_and_surrenders_nothing_until_lifted(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_SUSPEND_ACCOUNT, account=holding(alice), participant=""))
    accounts = [holding(alice), holding(bob)]
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_ACCOUNT_SUSPENDED, accounts)
    await refused(node.client, lambda: alice.cancel(holding(alice), UNIT, 10), pb.CODE_ACCOUNT_SUSPENDED, accounts)
    await refused(node.client, lambda: alice.surrender(VINTAGE, [(UNIT, 10)]), pb.CODE_ACCOUNT_SUSPENDED, accounts)
    for operation in (O.RESTRICTED_OPERATION_BUY, O.RESTRICTED_OPERATION_SELL, O.RESTRICTED_OPERATION_FUNDS_OUT):
        assert store_refusal(node, alice, operation) == pb.CODE_ACCOUNT_SUSPENDED
    await fund_province(node.client, ministry, "44", VINTAGE, 5)
    await submit_ok(node.client, guangdong.allocate([(alice.participant_id, VINTAGE, 5)]))  # credits still arrive (frozen there)
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 10))


async def test_art45_restricted_account_functions_refuse_only_the_chosen_ones(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS, [O.RESTRICTED_OPERATION_CANCEL],
                                                  account=holding(alice)))
    await refused(node.client, lambda: alice.cancel(holding(alice), UNIT, 10), pb.CODE_ACCOUNT_FUNCTION_RESTRICTED, [holding(alice)])
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 10))


async def test_art45_a_suspended_business_refuses_every_operation_and_registration_of_its_accounts(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_SUSPEND_BUSINESS))
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_BUSINESS_SUSPENDED, [holding(alice)])
    await refused(node.client, lambda: alice.surrender(VINTAGE, [(UNIT, 10)]), pb.CODE_BUSINESS_SUSPENDED, [holding(alice)])
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_OPEN_ACCOUNT) == pb.CODE_BUSINESS_SUSPENDED
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))


async def test_art45_revoked_trading_eligibility_refuses_transfers_buying_and_selling_not_cancellation(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY))
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_TRADING_ELIGIBILITY_REVOKED,
                  [holding(alice), holding(bob)])
    assert [store_refusal(node, alice, operation) for operation in (O.RESTRICTED_OPERATION_BUY, O.RESTRICTED_OPERATION_SELL)] == \
        [pb.CODE_TRADING_ELIGIBILITY_REVOKED] * 2
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 1))
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))


async def test_art45_an_order_to_end_the_business_refuses_all_but_surrender_until_lifted(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_ORDER_BUSINESS_END))
    accounts = [holding(alice), holding(bob)]
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_BUSINESS_ENDED, accounts)
    await refused(node.client, lambda: alice.cancel(holding(alice), UNIT, 10), pb.CODE_BUSINESS_ENDED, accounts)
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_SURRENDER) == pb.CODE_OK  # an obligation outlives the business
    await submit_ok(node.client, lift(registry, measure_id))
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 10))


async def test_art45_a_measure_with_an_end_stops_refusing_once_a_block_passes_it(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    end_ms = now_ms() + 1_500
    await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_SUSPEND_ACCOUNT, end_ms=end_ms))
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_ACCOUNT_SUSPENDED, [holding(alice)])
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while now_ms() <= end_ms:
        assert loop.time() < deadline
        await asyncio.sleep(0.05)
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))
    assert [m async for m in node.client.measures(participant_id=alice.participant_id, in_force_only=True)] == []


async def test_art45_measures_are_reasoned_and_aim_only_at_holders(node, ministry, guangdong, registry):
    alice, _ = await two_emitters(node, ministry, guangdong)
    payload = pb.ImposeMeasure(participant_id=alice.participant_id, type=M.MEASURE_TYPE_PUBLIC_CRITICISM, legal_basis="art. 45",
                               case_reference="C-1")
    with pytest.raises(CetsError) as missing:
        await node.client.submit(registry.tx("impose_measure", payload))
    assert missing.value.reason == "MISSING_FIELD" and "reason: missing" in str(missing.value)
    with pytest.raises(CetsError) as regulator:
        await node.client.submit(impose(registry, guangdong, M.MEASURE_TYPE_SUSPEND_BUSINESS))
    assert regulator.value.reason == "TARGET_NOT_ELIGIBLE"
    with pytest.raises(CetsError) as scoped:
        await node.client.submit(impose(registry, alice, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY, account=holding(alice)))
    assert scoped.value.reason == "INVALID_FIELD"
    assert [m async for m in node.client.measures()] == []


# -- art. 47: the exchange's measures -----------------------------------------------------------------

async def test_art47_suspended_buying_and_selling_refuse_the_chosen_side_at_order_entry_until_lifted(node, ministry, guangdong, exchange):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(exchange, alice, M.MEASURE_TYPE_SUSPEND_BUYING_SELLING, [O.RESTRICTED_OPERATION_SELL]))
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_SELL) == pb.CODE_BUYING_SELLING_SUSPENDED
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_BUY) == pb.CODE_OK
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 1))
    (measure,) = [m async for m in node.client.measures(authority=identity.EXCHANGE_ID)]
    assert (measure.article, list(measure.operations)) == ("47 (3)", [O.RESTRICTED_OPERATION_SELL])
    await submit_ok(node.client, lift(exchange, measure_id))
    assert store_refusal(node, alice, O.RESTRICTED_OPERATION_SELL) == pb.CODE_OK


async def test_art47_the_exchanges_suspension_of_business_refuses_the_chosen_operations(node, ministry, guangdong, exchange):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(exchange, alice, M.MEASURE_TYPE_SUSPEND_BUSINESS, [O.RESTRICTED_OPERATION_TRANSFER_OUT]))
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_BUSINESS_SUSPENDED, [holding(alice)])
    await submit_ok(node.client, alice.cancel(holding(alice), UNIT, 1))
    await submit_ok(node.client, lift(exchange, measure_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))


async def test_art47_each_authority_imposes_only_the_measures_of_its_article(node, ministry, guangdong, registry, exchange):
    alice, _ = await two_emitters(node, ministry, guangdong)
    for authority, measure in ((exchange, M.MEASURE_TYPE_SUSPEND_ACCOUNT), (registry, M.MEASURE_TYPE_SUSPEND_BUYING_SELLING)):
        with pytest.raises(CetsError) as error:
            await node.client.submit(impose(authority, alice, measure))
        assert (error.value.status, error.value.reason) == (S.PERMISSION_DENIED, "MEASURE_NOT_OF_AUTHORITY")


# -- lifting, and art. 48 -----------------------------------------------------------------------------

async def test_art45_art47_a_measure_is_lifted_only_by_the_authority_that_imposed_it(node, ministry, guangdong, registry, exchange):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_SUSPEND_ACCOUNT))
    for other in (exchange,):
        with pytest.raises(CetsError) as error:
            await node.client.submit(lift(other, measure_id))
        assert (error.value.status, error.value.reason) == (S.PERMISSION_DENIED, "NOT_MEASURE_AUTHORITY")
    for other in (ministry, guangdong, alice):
        with pytest.raises(CetsError) as error:
            await node.client.submit(lift(other, measure_id))
        assert error.value.reason == "ROLE_NOT_AUTHORIZED"
    (measure,) = [m async for m in node.client.measures(participant_id=alice.participant_id, in_force_only=True)]
    assert not measure.HasField("lift")
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_ACCOUNT_SUSPENDED, [holding(alice)])


async def test_art48_a_review_outcome_lifts_a_measure_and_the_history_keeps_both(node, ministry, guangdong, registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_RESTRICT_TRANSFERS, [O.RESTRICTED_OPERATION_TRANSFER_OUT]))
    receipt = await submit_ok(node.client, lift(registry, measure_id, "administrative review annulled the decision", "京环复〔2026〕3号"))
    assert receipt.events[0].measure_lifted.lift.lifted_by == identity.REGISTRY_ID
    (measure,) = [m async for m in node.client.measures(participant_id=alice.participant_id)]
    assert (measure.lift.reason, measure.lift.case_reference, measure.case_reference) == (
        "administrative review annulled the decision", "京环复〔2026〕3号", "REG-2025-017")
    assert [m async for m in node.client.measures(participant_id=alice.participant_id, in_force_only=True)] == []
    with pytest.raises(CetsError) as again:
        await node.client.submit(lift(registry, measure_id))
    assert again.value.reason == "MEASURE_NOT_IN_FORCE"
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))


# -- art. 38: credit records ------------------------------------------------------------------------

async def test_art38_a_participants_credit_lists_its_fines_then_its_records(node, ministry, guangdong, hubei):
    alice, _ = await two_emitters(node, ministry, guangdong)
    fine = pb.ImposeFine(emitter_id=alice.participant_id, year=VINTAGE, kind=pb.FINE_KIND_REPORTING, amount_fen=1_000_000,
                         decision_reference="粤环罚〔2026〕8号")
    fine_id = signed_tx_id(fine_tx := guangdong.tx("impose_fine", fine))
    await submit_ok(node.client, fine_tx)
    record = pb.RecordCredit(participant_id=alice.participant_id, kind=pb.CREDIT_RECORD_KIND_SUPERVISION_RESULT,
                             summary="on-site inspection: monitoring plan not followed", decision_reference="粤环查〔2026〕2号")
    await submit_ok(node.client, guangdong.tx("record_credit", record))
    await submit_ok(node.client, ministry.tx("record_credit", record))
    with pytest.raises(CetsError) as outside:
        await node.client.submit(hubei.tx("record_credit", record))
    assert outside.value.reason == "OUTSIDE_JURISDICTION"
    entries = [entry async for entry in node.client.credit_records(alice.participant_id, page_size=1)]
    assert [entry.WhichOneof("entry") for entry in entries] == ["fine", "record", "record"]
    assert entries[0].fine.fine_id == fine_id and entries[0].fine.fine.amount_fen == 1_000_000
    assert [entry.record.recorded_by for entry in entries[1:]] == [identity.province_id("44"), identity.MINISTRY_ID]
    assert len([entry async for entry in node.client.credit_records()]) == 3


# -- art. 46: joint punishment ----------------------------------------------------------------------

async def test_art46_a_province_notifies_other_authorities_of_its_punished_emitter_and_it_is_published(node, ministry, guangdong, hubei,
                                                                                                       registry):
    alice, bob = await two_emitters(node, ministry, guangdong)
    fine = pb.ImposeFine(emitter_id=alice.participant_id, year=VINTAGE, kind=pb.FINE_KIND_NON_SURRENDER, amount_fen=2_000_000,
                         decision_reference="粤环罚〔2026〕9号")
    fine_id = signed_tx_id(fine_tx := guangdong.tx("impose_fine", fine))
    await submit_ok(node.client, fine_tx)
    measure_id = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_PUBLIC_CRITICISM))

    def notice(signer, emitter, fines, measures=()):
        return signer.tx("issue_joint_punishment_notice", pb.IssueJointPunishmentNotice(
            emitter_id=emitter.participant_id, fine_ids=fines, measure_ids=list(measures), summary="did not surrender for 2025",
            recipients=[pb.NOTICE_RECIPIENT_MARKET_REGULATION, pb.NOTICE_RECIPIENT_TAXATION, pb.NOTICE_RECIPIENT_FINANCIAL_REGULATION],
            reference="粤环通〔2026〕1号"))

    for make, reason in ((lambda: notice(guangdong, bob, [fine_id]), "PENALTY_UNKNOWN"),  # another emitter's fine
                         (lambda: notice(guangdong, alice, []), "MISSING_FIELD"),
                         (lambda: notice(hubei, alice, [fine_id]), "OUTSIDE_JURISDICTION")):
        with pytest.raises(CetsError) as error:
            await node.client.submit(make())
        assert error.value.reason == reason
    receipt = await submit_ok(node.client, notice(guangdong, alice, [fine_id], [measure_id]))
    (published,) = [n async for n in node.client.joint_punishment_notices(alice.participant_id)]
    assert published == receipt.events[0].joint_punishment_notice_issued
    assert (published.issued_by, list(published.fine_ids), list(published.measure_ids)) == (identity.province_id("44"), [fine_id], [measure_id])
    assert [n async for n in node.client.joint_punishment_notices(bob.participant_id)] == []


# -- art. 49: the blacklist -------------------------------------------------------------------------

def blacklist_add(ministry: TxBuilder, participant_id: str, name: str = "") -> pb.SignedTx:
    return ministry.tx("add_to_blacklist", pb.AddToBlacklist(participant_id=participant_id, name=name, reason="forged verification reports",
                                                             decision_reference="环信〔2026〕1号"))


def blacklist_remove(ministry: TxBuilder, participant_id: str) -> pb.SignedTx:
    return ministry.tx("remove_from_blacklist", pb.RemoveFromBlacklist(participant_id=participant_id, reason="credit repaired",
                                                                       decision_reference="环信〔2026〕2号"))


async def test_art49_a_blacklisted_id_cannot_be_registered_or_open_an_account(node, guangdong, registry, ministry):
    key = new_key(new_uscc("44"))
    await submit_ok(node.client, blacklist_add(ministry, key.participant_id, "Shell Trading Co."))
    register = lambda signer, role, **extra: signer.register_participant(key.participant_id, role, "Shell Trading Co.", [key.spec()], **extra)
    await refused(node.client, lambda: register(guangdong, pb.ROLE_KEY_EMITTER, province="44", sector="power"), pb.CODE_BLACKLISTED)
    await refused(node.client, lambda: register(registry, pb.ROLE_INSTITUTION), pb.CODE_BLACKLISTED)
    with pytest.raises(CetsError) as again:
        await node.client.submit(blacklist_add(ministry, key.participant_id, "Shell Trading Co."))
    assert again.value.reason == "ALREADY_BLACKLISTED"
    await submit_ok(node.client, blacklist_remove(ministry, key.participant_id))
    await submit_ok(node.client, register(registry, pb.ROLE_INSTITUTION))


async def test_art49_a_blacklisted_participant_cannot_transfer_or_cancel_until_removed_and_the_list_keeps_both(node, ministry, guangdong):
    alice, bob = await two_emitters(node, ministry, guangdong)
    await submit_ok(node.client, blacklist_add(ministry, alice.participant_id))
    accounts = [holding(alice), holding(bob)]
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_BLACKLISTED, accounts)
    await refused(node.client, lambda: alice.cancel(holding(alice), UNIT, 10), pb.CODE_BLACKLISTED, accounts)
    assert [store_refusal(node, alice, operation) for operation in (O.RESTRICTED_OPERATION_BUY, O.RESTRICTED_OPERATION_SURRENDER)] == \
        [pb.CODE_BLACKLISTED, pb.CODE_OK]
    (entry,) = [e async for e in node.client.blacklist(in_force_only=True)]
    assert (entry.participant_id, entry.name, entry.added_by) == (alice.participant_id, "Test emitter", identity.MINISTRY_ID)
    await submit_ok(node.client, blacklist_remove(ministry, alice.participant_id))
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))
    assert [e async for e in node.client.blacklist(in_force_only=True)] == []
    (removed,) = [e async for e in node.client.blacklist()]
    assert (removed.removal.removed_by, removed.removal.reason) == (identity.MINISTRY_ID, "credit repaired")
    with pytest.raises(CetsError) as error:
        await node.client.submit(blacklist_remove(ministry, alice.participant_id))
    assert error.value.reason == "NOT_BLACKLISTED"


async def test_art49_only_holders_and_technical_service_bodies_are_blacklisted(node, ministry):
    for participant_id, reason in ((identity.REGISTRY_ID, "TARGET_NOT_ELIGIBLE"), (identity.province_id("44"), "TARGET_NOT_ELIGIBLE"),
                                   ("not-a-code", "INVALID_FIELD")):
        with pytest.raises(CetsError) as error:
            await node.client.submit(blacklist_add(ministry, participant_id, "x"))
        assert error.value.reason == reason


# -- the CLI ------------------------------------------------------------------------------------------

async def test_art45_the_cli_imposes_lists_and_lifts_a_measure(node, ministry, guangdong, tmp_path):
    alice, bob = await two_emitters(node, ministry, guangdong)
    keys = str(node.data_dir / "keys")

    def cets(*args: str):
        return run_cets(tmp_path, *args, "--target", node.target, "--json")

    loop = asyncio.get_running_loop()
    impose_args = ("impose-measure", "--as", identity.REGISTRY_ID, "--keys", keys, "--participant", alice.participant_id,
                   "--type", "restrict_transfers", "--operation", "transfer_out", "--reason", "theft suspected",
                   "--basis", "art. 45 (2)", "--case", "REG-9")
    completed = await loop.run_in_executor(None, lambda: cets(*impose_args))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    measure_id = json.loads(completed.stdout)["tx_id"]
    await refused(node.client, lambda: alice.transfer(holding(alice), holding(bob), UNIT, 10), pb.CODE_PRODUCT_TRANSFERS_RESTRICTED)
    listed = await loop.run_in_executor(None, lambda: cets("measures", "--participant", alice.participant_id, "--in-force"))
    assert [m["measure_id"] for m in json.loads(listed.stdout)] == [measure_id]
    by_exchange = await loop.run_in_executor(None, lambda: cets("lift-measure", "--as", identity.EXCHANGE_ID, "--keys", keys,
                                                                 "--measure", measure_id, "--reason", "not ours"))
    assert by_exchange.returncode == 1 and json.loads(by_exchange.stdout)["error"]["reason"] == "NOT_MEASURE_AUTHORITY"
    lifted = await loop.run_in_executor(None, lambda: cets("lift-measure", "--as", identity.REGISTRY_ID, "--keys", keys,
                                                           "--measure", measure_id, "--reason", "owner identified"))
    assert lifted.returncode == 0, lifted.stdout + lifted.stderr
    history = json.loads((await loop.run_in_executor(None, lambda: cets("measures"))).stdout)
    assert history[0]["lift"]["lifted_by"] == identity.REGISTRY_ID and history[0]["article"] == "45 (2)"
    await submit_ok(node.client, alice.transfer(holding(alice), holding(bob), UNIT, 10))


# -- the list RPCs --------------------------------------------------------------------------------------

async def test_art45_list_measures_pages_in_chain_order_and_refuses_a_bad_filter(node, ministry, guangdong, registry, exchange):
    alice, bob = await two_emitters(node, ministry, guangdong)
    ids = [await imposed(node.client, impose(authority, target, M.MEASURE_TYPE_PUBLIC_CRITICISM))
           for authority, target in ((registry, alice), (exchange, bob), (registry, bob))]
    assert [m.measure_id async for m in node.client.measures(page_size=1)] == ids
    assert [m.measure_id async for m in node.client.measures(authority=identity.REGISTRY_ID, page_size=1)] == [ids[0], ids[2]]
    assert [m.measure_id async for m in node.client.measures(participant_id=bob.participant_id, authority=identity.EXCHANGE_ID)] == [ids[1]]
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await node.client.registry.ListMeasures(pb.ListMeasuresRequest(type=99), timeout=10)
    refused_filter = CetsError.from_rpc_error(info.value)
    assert (refused_filter.status, refused_filter.reason) == (S.INVALID_ARGUMENT, "INVALID_FIELD")


# -- the regulators' view (Supervision.GetEmitterProfile) ----------------------------------------------

async def test_art38_art45_art49_an_emitters_profile_carries_its_enforcement_history(node, ministry, guangdong, registry):
    alice, _ = await two_emitters(node, ministry, guangdong)
    lifted = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_PUBLIC_CRITICISM))
    await submit_ok(node.client, lift(registry, lifted))
    in_force = await imposed(node.client, impose(registry, alice, M.MEASURE_TYPE_SUSPEND_ACCOUNT))
    await submit_ok(node.client, guangdong.tx("record_credit", pb.RecordCredit(
        participant_id=alice.participant_id, kind=pb.CREDIT_RECORD_KIND_PENALTY, summary="false statement", decision_reference="R-1")))
    await submit_ok(node.client, blacklist_add(ministry, alice.participant_id))
    async with AsyncClient(node.target, deadline_s=20.0, query_key=guangdong.key) as province:
        history = (await province.emitter_profile(alice.participant_id)).enforcement
    assert [m.measure_id for m in history.measures] == [lifted, in_force] and history.measures[0].HasField("lift")
    assert [entry.record.summary for entry in history.credit] == ["false statement"]
    assert [entry.participant_id for entry in history.blacklist] == [alice.participant_id]
    assert [entry.measure_id for entry in history.restrictions.entries] == [in_force]
    assert history.restrictions.blacklist_entry_id == history.blacklist[0].entry_id
    assert not (history.measures_truncated or history.credit_truncated or history.notices_truncated)
