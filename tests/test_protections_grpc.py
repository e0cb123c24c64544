"""Account protections (DESIGN §8; EU Union Registry) through a real node: the trusted list and the
held transfers through the Registry service, the SDK and the CLI, and the bad input of issue 9
that they own (a transfer above the cap, a four-eyes account with one signature, a cancel of a held
transfer by someone else, a trusted-list change by a non-holder): each refused with its own reason
through Submit (gRPC status and ErrorInfo) and SubmitBatch (a receipt), changing nothing.
"""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder, cea, cosign, now_ms, signed_tx_id
from cets.clients.sdk import AsyncClient
from cets.ledger import identity, keyfile
from cets.ledger.genesis import DAY_MS, HOUR_MS, default_rulebook
from cets.node import devnet
from tests.conftest import submit_ok, new_key, register_emitter
from tests.test_bad_input import VINTAGE, assert_refused, funded_emitter, snapshot
from tests.test_cli import run_cets

S = grpc.StatusCode
UNIT = cea(VINTAGE)


def holding(builder: TxBuilder) -> str:
    return identity.holding_account_id(builder.participant_id)


def policy(builder: TxBuilder, hold_untrusted: bool = True, four_eyes: bool = False) -> pb.SignedTx:
    payload = pb.SetAccountPolicy(account_id=holding(builder), hold_untrusted=hold_untrusted, four_eyes=four_eyes)
    return builder.tx("set_account_policy", payload)


def trust(builder: TxBuilder, account: str, trusted: str) -> pb.SignedTx:
    payload = pb.SetTrustedAccount(account_id=account, trusted_account_id=trusted, change=pb.TRUSTED_LIST_CHANGE_ADD)
    return builder.tx("set_trusted_account", payload)


def cancel_held(builder: TxBuilder, transfer: pb.SignedTx) -> pb.SignedTx:
    return builder.tx("cancel_held_transfer", pb.CancelHeldTransfer(transfer_tx_id=signed_tx_id(transfer)))


async def protections_of(client: AsyncClient, account_id: str) -> tuple:
    """What a refusal must leave alone besides holdings: the policy, the held units, the held
    transfers, the trusted list."""
    view = await client.account(account_id)
    held = [h.SerializeToString() for h in [item async for item in client.held_transfers(account_id)]]
    trusted = [e.SerializeToString() for e in [item async for item in client.trusted_accounts(account_id)]]
    return view.protection.SerializeToString(), [h.SerializeToString() for h in view.held], held, trusted


async def wait_until_time_passes(time_ms: int, bound_s: float = 10.0) -> None:
    """Block times are the node's clock: wait, with a bound, until any new block is stamped after `time_ms`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound_s
    while now_ms() <= time_ms:
        assert loop.time() < deadline, "the clock did not pass the time"
        await asyncio.sleep(0.05)


async def test_a_held_transfer_and_the_trusted_list_through_the_registry_service_the_sdk_and_the_cli(node, ministry, guangdong, tmp_path):
    client = node.client
    alice = await funded_emitter(client, ministry, guangdong)
    bob = await register_emitter(client, guangdong, "44")
    carol = await register_emitter(client, guangdong, "44")
    await submit_ok(client, policy(alice))
    trusted_at = [(await submit_ok(client, trust(alice, holding(alice), holding(other)))) for other in (bob, carol)]
    entries = [entry async for entry in client.trusted_accounts(holding(alice), page_size=1)]  # two pages of one
    assert sorted(entry.trusted_account_id for entry in entries) == sorted([holding(bob), holding(carol)])
    effective = {receipt.events[0].trusted_account_set.effective_ms for receipt in trusted_at}
    assert {entry.effective_ms for entry in entries} == effective
    page = await client.registry.ListTrustedAccounts(api.ListTrustedAccountsRequest(account_id=holding(alice)))
    assert all(page.time_ms < entry.effective_ms <= page.time_ms + 4 * DAY_MS for entry in page.trusted_accounts)  # waiting

    transfer = alice.transfer(holding(alice), holding(bob), UNIT, 300, memo="invoice 7")
    receipt = await submit_ok(client, transfer)
    assert receipt.events[0].transfer_held.release_ms > now_ms() + 25 * HOUR_MS
    view = await client.account(holding(alice))
    assert ([(h.unit, h.amount) for h in view.holdings], [(h.unit, h.amount) for h in view.held]) == ([(UNIT, 700)], [(UNIT, 300)])
    assert (view.protection.policy.hold_untrusted, view.protection.held_count, view.protection.trusted_count) == (True, 1, 2)
    (held,) = [item async for item in client.held_transfers(holding(alice))]
    assert (held.tx_id, held.to_account, held.amount, held.memo) == (signed_tx_id(transfer), holding(bob), 300, "invoice 7")

    key_file = keyfile.write(tmp_path / "keys", alice.key)
    cli = await asyncio.get_running_loop().run_in_executor(None, lambda: cli_documents(node, tmp_path, key_file, held.tx_id.hex()))
    assert cli["held"] == [{**cli["held"][0], "tx_id": held.tx_id.hex(), "to_account": holding(bob), "amount": 300, "unit": "CEA-2025"}]
    assert cli["account"]["held"] == {"CEA-2025": 300} and cli["account"]["protection"]["held_count"] == 1
    assert sorted(entry["trusted_account_id"] for entry in cli["trusted"]) == sorted([holding(bob), holding(carol)])
    assert cli["cancel"]["code"] == "OK" and list(cli["cancel"]["events"][0]) == ["held_transfer_cancelled"]
    assert cli["cancel"]["events"][0]["held_transfer_cancelled"]["tx_id"] == held.tx_id.hex()
    assert [item async for item in client.held_transfers(holding(alice))] == []
    view = await client.account(holding(alice))
    assert ([(h.unit, h.amount) for h in view.holdings], list(view.held)) == ([(UNIT, 1_000)], [])


def cli_documents(node, tmp_path, key_file, tx_hex: str) -> dict:
    """`cets held`, `cets account`, `cets trusted`, then `cets cancel-held` signed with the holder's key file."""
    account = identity.holding_account_id(keyfile.read(key_file).participant_id)
    documents = {}
    for name, args in (("held", ("held", account)), ("account", ("account", account)), ("trusted", ("trusted", account)),
                       ("cancel", ("cancel-held", "--transfer", tx_hex, "--key", str(key_file)))):
        completed = run_cets(tmp_path, *args, "--target", node.target, "--json")
        assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
        documents[name] = json.loads(completed.stdout)
    return documents


async def test_four_eyes_through_grpc_and_the_cli_cosign_flag(node, ministry, guangdong, tmp_path):
    client = node.client
    alice = await funded_emitter(client, ministry, guangdong)
    bob = await register_emitter(client, guangdong, "44")
    second = new_key(alice.participant_id)
    await submit_ok(client, alice.add_key(alice.participant_id, second.signer.public_key))
    first_file, second_file = keyfile.write(tmp_path / "a", alice.key), keyfile.write(tmp_path / "b", second)
    account = holding(alice)

    def cets(*args: str):
        return run_cets(tmp_path, *args, "--target", node.target, "--json", "--key", str(first_file))

    loop = asyncio.get_running_loop()
    alone = await loop.run_in_executor(None, lambda: cets("protect", "--account", account, "--four-eyes", "true"))
    assert alone.returncode == 1 and json.loads(alone.stdout)["error"]["reason"] == "FOUR_EYES_REQUIRED", alone.stdout
    both = await loop.run_in_executor(None, lambda: cets("protect", "--account", account, "--four-eyes", "true", "--cosign", str(second_file)))
    assert both.returncode == 0, both.stdout + both.stderr
    transfer = ["transfer", "--from", account, "--to", holding(bob), "--vintage", str(VINTAGE), "--amount", "5"]
    refused = await loop.run_in_executor(None, lambda: cets(*transfer))
    assert refused.returncode == 1 and json.loads(refused.stdout)["error"]["reason"] == "FOUR_EYES_REQUIRED"
    applied = await loop.run_in_executor(None, lambda: cets(*transfer, "--cosign", str(second_file)))
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert [(h.unit, h.amount) for h in (await client.account(holding(bob))).holdings] == [(UNIT, 5)]


# -- bad input (issue 9): each its own reason, nothing changed ----------------------------------------


@pytest.fixture
async def protected(node, ministry, guangdong):
    """Alice's account held and four-eyes, with her second key; Bob an emitter outside her trusted list."""
    client = node.client
    alice = await funded_emitter(client, ministry, guangdong)
    bob = await register_emitter(client, guangdong, "44")
    second = new_key(alice.participant_id)
    await submit_ok(client, alice.add_key(alice.participant_id, second.signer.public_key))
    await submit_ok(client, cosign(policy(alice, hold_untrusted=True, four_eyes=True), second))
    return alice, second, bob


async def refused_changing_nothing(client: AsyncClient, accounts: list[str], make_tx, status: S, code: int) -> None:
    before = (await snapshot(client, accounts), [await protections_of(client, account) for account in accounts])
    await assert_refused(client, make_tx, status=status, code=code, at_admission=False)
    assert (await snapshot(client, accounts), [await protections_of(client, account) for account in accounts]) == before


async def test_a_transfer_above_the_cap_to_an_untrusted_destination_is_refused_with_its_reason_and_changes_nothing(node, ministry, protected):
    alice, second, bob = protected
    book = default_rulebook()
    book.untrusted_transfer_tonnes_max = 100
    effective = now_ms() + 1_000
    await submit_ok(node.client, ministry.set_rulebook(book, effective, note="EU-style cap for untrusted destinations"))
    await wait_until_time_passes(effective)
    await refused_changing_nothing(node.client, [holding(alice), holding(bob)],
                                   lambda: cosign(alice.transfer(holding(alice), holding(bob), UNIT, 101), second),
                                   S.FAILED_PRECONDITION, pb.CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED)
    await submit_ok(node.client, cosign(alice.transfer(holding(alice), holding(bob), UNIT, 100), second))  # at the cap: held


async def test_a_transfer_out_of_a_four_eyes_account_with_one_signature_is_refused_and_changes_nothing(node, protected):
    alice, second, bob = protected
    for key in (alice.key, second):
        signer = TxBuilder(devnet.DEV_CHAIN_ID, key)
        await refused_changing_nothing(node.client, [holding(alice), holding(bob)],
                                       lambda: signer.transfer(holding(alice), holding(bob), UNIT, 10),
                                       S.PERMISSION_DENIED, pb.CODE_FOUR_EYES_REQUIRED)


async def test_a_cancel_of_a_held_transfer_by_someone_else_is_refused_and_changes_nothing(node, protected):
    alice, second, bob = protected
    transfer = cosign(alice.transfer(holding(alice), holding(bob), UNIT, 10), second)
    await submit_ok(node.client, transfer)
    await refused_changing_nothing(node.client, [holding(alice), holding(bob)], lambda: cancel_held(bob, transfer),
                                   S.PERMISSION_DENIED, pb.CODE_NOT_ACCOUNT_HOLDER)


async def test_a_trusted_list_change_by_a_non_holder_is_refused_and_changes_nothing(node, protected):
    alice, second, bob = protected
    await refused_changing_nothing(node.client, [holding(alice), holding(bob)], lambda: trust(bob, holding(alice), holding(bob)),
                                   S.PERMISSION_DENIED, pb.CODE_NOT_ACCOUNT_HOLDER)
