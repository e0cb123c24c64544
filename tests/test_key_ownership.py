"""A participant's keys are its own (DESIGN §8, issue 6.5), run in process over the test chain.

Only one of a participant's current keys adds, rotates or revokes its keys; the registry's
RecoverKey is the one exception after registration, recorded with who asked, why and a reference
on every key record it touches, and never reaching a founding institution or a node key.
tests/test_authz_table.py probes the same rules role by role.
"""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.ledger import identity, tables
from cets.ledger.verify import Replayer
from cets.node import devnet
from tests.conftest import new_key, register_emitter
from tests.test_state_machine import EXCH, GENESIS_BYTES, MEE, REG, Ledger, code_name, make_key, uscc

GUANGDONG = identity.province_id("44")
WHO = "Li Wei, legal representative (ID 11010519491231002X)"
WHY = "the company's key holder left; both key files lost"
CASE = "REG-KR-2025-0042"


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


def key_record(ledger: Ledger, key_id: str) -> pb.KeyRecord | None:
    return ledger.read(lambda state: state.key(key_id))


def key_ids(ledger: Ledger, participant_id: str) -> list[str]:
    return ledger.read(lambda state: state.participant_key_ids(participant_id))


def emitter_with_two_keys(ledger: Ledger) -> tuple[TxBuilder, TxBuilder]:
    emitter = ledger.register_emitter("44")
    second = make_key(emitter.participant_id, generation=1)
    ledger.expect(emitter.add_key(emitter.participant_id, second.signer.public_key), pb.CODE_OK)
    return emitter, ledger.builder(emitter.participant_id, second)


# -- nobody manages another's keys -----------------------------------------------------------------


def test_the_ministry_cannot_add_a_key_to_a_province_and_so_cannot_sign_as_it(ledger):
    ministry = ledger.builder(MEE)
    planted = make_key(GUANGDONG, generation=5)
    before = key_ids(ledger, GUANGDONG)
    result = ledger.expect(ministry.add_key(GUANGDONG, planted.signer.public_key), pb.CODE_NOT_KEY_OWNER)
    assert "'MEE' may not change the keys of 'PROV-44'" in result.detail
    assert key_ids(ledger, GUANGDONG) == before and key_record(ledger, planted.key_id) is None
    posing = ledger.builder(GUANGDONG, planted)
    ledger.expect(posing.register_participant(uscc("44", 900), pb.ROLE_KEY_EMITTER, "Shell", [make_key(uscc("44", 900)).spec()],
                                              province="44", sector="power"), pb.CODE_UNKNOWN_KEY)


def test_the_ministry_cannot_rotate_or_revoke_a_provinces_key(ledger):
    ministry, province_key = ledger.builder(MEE), devnet.dev_key(GUANGDONG)
    ledger.expect(ministry.rotate_key(GUANGDONG, province_key.key_id, make_key(GUANGDONG, generation=6).signer.public_key), pb.CODE_NOT_KEY_OWNER)
    ledger.expect(ministry.revoke_key(GUANGDONG, province_key.key_id, "taken over"), pb.CODE_NOT_KEY_OWNER)
    assert not key_record(ledger, province_key.key_id).revoked


def test_the_registry_cannot_add_a_key_to_an_emitter_outside_a_recovery(ledger):
    emitter = ledger.register_emitter("44")
    ledger.expect(ledger.builder(REG).add_key(emitter.participant_id, make_key(emitter.participant_id, generation=3).signer.public_key),
                  pb.CODE_NOT_KEY_OWNER)
    assert key_ids(ledger, emitter.participant_id) == [emitter.key.key_id]


def test_a_province_adds_rotates_and_revokes_its_own_keys(ledger):
    province = ledger.builder(GUANGDONG)
    second, third = make_key(GUANGDONG, generation=1), make_key(GUANGDONG, generation=2)
    ledger.expect(province.add_key(GUANGDONG, second.signer.public_key), pb.CODE_OK)
    ledger.expect(province.revoke_key(GUANGDONG, province.key.key_id, "retired"), pb.CODE_OK)
    ledger.expect(province.add_key(GUANGDONG, third.signer.public_key), pb.CODE_KEY_REVOKED)
    by_second = ledger.builder(GUANGDONG, second)
    ledger.expect(by_second.rotate_key(GUANGDONG, second.key_id, third.signer.public_key), pb.CODE_OK)
    emitter_id = uscc("44", 901)
    ledger.expect(ledger.builder(GUANGDONG, third).register_participant(emitter_id, pb.ROLE_KEY_EMITTER, "Plant", [make_key(emitter_id).spec()],
                                                                      province="44", sector="power"), pb.CODE_OK)


# -- the registry's recorded recovery ---------------------------------------------------------------


def test_the_registry_recovers_an_emitter_and_every_key_record_says_who_asked_and_why(ledger):
    emitter, second = emitter_with_two_keys(ledger)
    new_key = make_key(emitter.participant_id, generation=2)
    revoked = [emitter.key.key_id, second.key.key_id]
    result = ledger.expect(ledger.builder(REG).recover_key(emitter.participant_id, new_key.signer.public_key, revoked, WHO, WHY, CASE), pb.CODE_OK)
    height = ledger.tip.height

    want = pb.KeyRecovery(tx_id=result.tx_id, height=height, recovered_by=REG, requested_by=WHO, reason=WHY, reference=CASE)
    added = key_record(ledger, new_key.key_id)
    assert added.purpose == pb.KEY_PURPOSE_TRANSACTIONS and added.added_by_recovery == want and not added.revoked
    for key_id in revoked:
        record = key_record(ledger, key_id)
        assert record.revoked and record.revoked_height == height and record.revoked_by_recovery == want
    (event,) = result.events
    assert event.key_recovered == pb.KeyRecovered(participant_id=emitter.participant_id, key_id=new_key.key_id, revoked_key_ids=sorted(revoked),
                                                  recovered_by=REG, requested_by=WHO, reason=WHY, reference=CASE)


def test_after_a_recovery_the_old_keys_are_refused_and_the_new_one_manages_the_keys_again(ledger):
    emitter, second = emitter_with_two_keys(ledger)
    new_key = make_key(emitter.participant_id, generation=2)
    ledger.expect(ledger.builder(REG).recover_key(emitter.participant_id, new_key.signer.public_key,
                                                  [emitter.key.key_id, second.key.key_id], WHO, WHY, CASE), pb.CODE_OK)
    later = make_key(emitter.participant_id, generation=3)
    ledger.expect(second.add_key(emitter.participant_id, later.signer.public_key), pb.CODE_KEY_REVOKED)
    ledger.expect(ledger.builder(emitter.participant_id, new_key).rotate_key(emitter.participant_id, new_key.key_id, later.signer.public_key),
                  pb.CODE_OK)


def test_a_recovered_chain_replays_to_the_same_key_history(ledger):
    emitter = ledger.register_emitter("44")
    new_key = make_key(emitter.participant_id, generation=2)
    ledger.expect(ledger.builder(REG).recover_key(emitter.participant_id, new_key.signer.public_key, [emitter.key.key_id], WHO, WHY, CASE),
                  pb.CODE_OK)
    replayer = Replayer(GENESIS_BYTES)
    for raw in ledger.blocks:
        replayer.apply(raw)
    with replayer.store.reader() as reader:
        assert dict(reader.scan(b"")) == ledger.state_items()


def test_a_recovery_must_revoke_exactly_every_active_transactions_key(ledger):
    emitter, second = emitter_with_two_keys(ledger)
    other = ledger.register_emitter("44")
    registry = ledger.builder(REG)
    new_public_key = make_key(emitter.participant_id, generation=2).signer.public_key
    cases = [
        ([emitter.key.key_id], pb.CODE_INVALID_FIELD, "revoked_key_ids: got 1 keys, want every active transactions key"),
        ([], pb.CODE_INVALID_FIELD, "revoked_key_ids: got 0 keys"),
        ([emitter.key.key_id, emitter.key.key_id], pb.CODE_INVALID_FIELD, "revoked_key_ids[1]: "),
        ([emitter.key.key_id, second.key.key_id, other.key.key_id], pb.CODE_UNKNOWN_KEY, "revoked_key_ids[2]: "),
        ([emitter.key.key_id, "zz"], pb.CODE_UNKNOWN_KEY, "revoked_key_ids[1]: "),
    ]
    before = ledger.state_items()
    for revoked, code, detail in cases:
        result = ledger.expect(registry.recover_key(emitter.participant_id, new_public_key, revoked, WHO, WHY, CASE), code)
        assert result.detail.startswith(detail), result.detail
    changed = {key for key, value in ledger.state_items().items()
               if before.get(key) != value and tables.table_of(key) not in (tables.HEADER_HASHES, tables.HISTORY_NODES)}  # each block records the previous header hash, a history leaf
    assert len(changed) == len(cases) and all(key.startswith(b"T") for key in changed), changed  # each judged once, nothing else


def test_a_recovery_names_who_asked_why_and_a_reference(ledger):
    emitter = ledger.register_emitter("44")
    registry, revoked = ledger.builder(REG), [emitter.key.key_id]
    public_key = make_key(emitter.participant_id, generation=2).signer.public_key
    for requested_by, reason, reference, field in (("", WHY, CASE, "requested_by"), (WHO, "", CASE, "reason"), (WHO, WHY, "", "reference")):
        result = ledger.expect(registry.recover_key(emitter.participant_id, public_key, revoked, requested_by, reason, reference), pb.CODE_MISSING_FIELD)
        assert result.detail == f"{field}: missing"
    ledger.expect(registry.recover_key(emitter.participant_id, public_key, revoked, WHO, WHY, "x" * 65), pb.CODE_INVALID_FIELD)
    assert not key_record(ledger, emitter.key.key_id).revoked


@pytest.mark.parametrize("founder", [MEE, REG, EXCH])
def test_a_recovery_never_reaches_a_founding_institution(ledger, founder):
    key = devnet.dev_key(founder)
    result = ledger.expect(ledger.builder(REG).recover_key(founder, make_key(founder, generation=4).signer.public_key, [key.key_id], WHO, WHY, CASE),
                           pb.CODE_KEY_NOT_RECOVERABLE)
    assert "founding institution" in result.detail
    assert not key_record(ledger, key.key_id).revoked


def test_a_recovery_cannot_add_or_revoke_a_node_key(ledger):
    emitter = ledger.register_emitter("44")
    registry = ledger.builder(REG)
    node_spec = pb.KeySpec(public_key=make_key(emitter.participant_id, pb.KEY_PURPOSE_NODE, 1).signer.public_key, purpose=pb.KEY_PURPOSE_NODE)
    payload = pb.RecoverKey(participant_id=emitter.participant_id, new_key=node_spec, revoked_key_ids=[emitter.key.key_id],
                            requested_by=WHO, reason=WHY, reference=CASE)
    ledger.expect(registry.tx("recover_key", payload), pb.CODE_KEY_NOT_RECOVERABLE)
    exchange_node_key = devnet.dev_key(EXCH, pb.KEY_PURPOSE_NODE)
    ledger.expect(registry.recover_key(EXCH, make_key(EXCH, generation=4).signer.public_key, [exchange_node_key.key_id], WHO, WHY, CASE),
                  pb.CODE_KEY_NOT_RECOVERABLE)
    ledger.expect(registry.recover_key(emitter.participant_id, make_key(emitter.participant_id, generation=4).signer.public_key,
                                       [emitter.key.key_id, exchange_node_key.key_id], WHO, WHY, CASE), pb.CODE_UNKNOWN_KEY)
    assert not key_record(ledger, exchange_node_key.key_id).revoked


def test_only_the_registry_signs_a_recovery(ledger):
    emitter = ledger.register_emitter("44")
    public_key = make_key(emitter.participant_id, generation=2).signer.public_key
    for signer in (MEE, GUANGDONG, EXCH):
        ledger.expect(ledger.builder(signer).recover_key(emitter.participant_id, public_key, [emitter.key.key_id], WHO, WHY, CASE),
                      pb.CODE_ROLE_NOT_AUTHORIZED)
    ledger.expect(emitter.recover_key(emitter.participant_id, public_key, [emitter.key.key_id], WHO, WHY, CASE), pb.CODE_ROLE_NOT_AUTHORIZED)


# -- over gRPC: the recovery on the participant's key history ------------------------------------------


async def test_a_recovery_through_a_node_is_on_the_participants_key_history(node, guangdong, registry):
    client = node.client
    emitter = await register_emitter(client, guangdong, "44")
    successor = new_key(emitter.participant_id)
    receipt = await client.submit(registry.recover_key(emitter.participant_id, successor.signer.public_key, [emitter.key.key_id], WHO, WHY, CASE))
    assert receipt.code == pb.CODE_OK, receipt.detail
    want = pb.KeyRecovery(tx_id=receipt.tx_id, height=receipt.height, recovered_by=REG, requested_by=WHO, reason=WHY, reference=CASE)
    history = {record.key_id: record for record in await client.keys(emitter.participant_id)}
    assert sorted(history) == sorted([emitter.key.key_id, successor.key_id])
    assert history[emitter.key.key_id].revoked and history[emitter.key.key_id].revoked_by_recovery == want
    assert not history[successor.key_id].revoked and history[successor.key_id].added_by_recovery == want
    rotated = await client.submit(TxBuilder(devnet.DEV_CHAIN_ID, successor).rotate_key(
        emitter.participant_id, successor.key_id, new_key(emitter.participant_id).signer.public_key))
    assert rotated.code == pb.CODE_OK, rotated.detail  # the participant manages its keys itself again
