"""Account protections (DESIGN §8), from the EU Union Registry, which added them after the 2010-11
phishing thefts: a trusted-account list (additions after a delay, removals at once), transfers to
accounts outside it held for a delay during which the holder may cancel them, a per-transfer cap
for such destinations, and four eyes (two of the holder's representatives sign).

Run on the in-process chain of tests/test_state_machine.py; block times are set explicitly where
a delay must pass (the ledger reads no clock).
"""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, cosign, signed_tx_id
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.genesis import DAY_MS, HOUR_MS, default_rulebook
from cets.ledger.state import SUPPLY_CANCELLED
from cets.ledger.txs.registry.rulebook import rulebook_problem
from tests.test_state_machine import MEE, REG, Ledger, code_name, holding, make_key

VINTAGE = 2025
UNIT = cea(VINTAGE)
TRUST_DELAY_MS = 4 * DAY_MS  # the genesis rulebook: the EU's four working days, as 4 x 24 h
HOLD_MS = 26 * HOUR_MS  # the genesis rulebook: the EU's 26 hours


class Chain:
    """A ledger with two funded emitters (one with a second key) and an institution."""

    def __init__(self) -> None:
        self.ledger = Ledger()
        self.alice = self.ledger.register_emitter("44")
        self.bob = self.ledger.register_emitter("44")
        self.trader = self.ledger.register_trader()
        self.ledger.fund_emitter(self.alice, "44", VINTAGE, 1_000)
        self.alice_second = make_key(self.alice.participant_id, generation=1)
        self.expect(self.alice.add_key(self.alice.participant_id, self.alice_second.signer.public_key), pb.CODE_OK)
        self.source, self.destination = holding(self.alice.participant_id), holding(self.bob.participant_id)

    @property
    def now(self) -> int:
        return self.ledger.next_time_ms

    def expect(self, tx: pb.SignedTx, code: int, time_ms: int | None = None) -> pb.TxResult:
        (result,) = self.ledger.commit([tx.SerializeToString()], time_ms=time_ms).results
        assert code_name(result) == pb.Code.Name(code), result.detail
        return result

    def both(self, tx: pb.SignedTx) -> pb.SignedTx:
        """Alice's transaction approved by her second representative (four eyes)."""
        return cosign(tx, self.alice_second)

    def protect(self, hold_untrusted: bool = True, four_eyes: bool = False, **options) -> pb.SignedTx:
        payload = pb.SetAccountPolicy(account_id=self.source, hold_untrusted=hold_untrusted, four_eyes=four_eyes)
        return self.alice.tx("set_account_policy", payload, **options)

    def trust(self, trusted: str, change: int = pb.TRUSTED_LIST_CHANGE_ADD, builder: TxBuilder | None = None, account: str | None = None,
              **options) -> pb.SignedTx:
        payload = pb.SetTrustedAccount(account_id=account or self.source, trusted_account_id=trusted, change=change)
        return (builder or self.alice).tx("set_trusted_account", payload, **options)

    def send(self, amount: int, to: str | None = None, **options) -> pb.SignedTx:
        return self.alice.transfer(self.source, to or self.destination, UNIT, amount, **options)

    def balance(self, account: str) -> int:
        return self.ledger.balance(account, UNIT)

    def held_units(self, account: str) -> int:
        return self.ledger.read(lambda state: t.HELD_UNITS.get(state, account, UNIT, default=0))

    def held(self, tx: pb.SignedTx) -> pb.HeldTransfer | None:
        return self.ledger.read(lambda state: t.HELD_TRANSFERS.get(state, signed_tx_id(tx)))

    def protection(self) -> pb.AccountProtection | None:
        return self.ledger.read(lambda state: t.PROTECTIONS.get(state, self.source))

    def set_rules(self, **fields) -> None:
        """A rulebook version with `fields` changed, scheduled by the ministry in the next block and in force from the one after."""
        book = default_rulebook()
        for name, value in fields.items():
            setattr(book, name, value)
        self.expect(self.ledger.builder(MEE).set_rulebook(book, self.now + 1), pb.CODE_OK)


def refused_changing_nothing(ledger: Ledger, tx: pb.SignedTx, code: int) -> pb.TxResult:
    """Run `tx` in a block not committed: refused with `code`, its block writes only that it judged
    the transaction once and the previous header's hash."""
    execution = ledger.dry_run(tx)
    (result,) = execution.results
    assert code_name(result) == pb.Code.Name(code), result.detail
    assert {t.table_of(key) for key in execution.writes} == {t.JUDGED, t.HEADER_HASHES, t.HISTORY_NODES}
    return result


def cancel_tx(builder: TxBuilder, transfer: pb.SignedTx, **options) -> pb.SignedTx:
    return builder.tx("cancel_held_transfer", pb.CancelHeldTransfer(transfer_tx_id=signed_tx_id(transfer)), **options)


def release_tx(builder: TxBuilder, transfer: pb.SignedTx, **options) -> pb.SignedTx:
    return builder.tx("release_held_transfer", pb.ReleaseHeldTransfer(transfer_tx_id=signed_tx_id(transfer)), **options)


@pytest.fixture
def chain() -> Chain:
    return Chain()


@pytest.fixture
def protected(chain) -> Chain:
    chain.expect(chain.protect(), pb.CODE_OK)
    return chain


# -- the bare path ----------------------------------------------------------------------------------


def test_an_unprotected_account_transfers_at_once_and_writes_no_protection_record(chain):
    built = chain.ledger.commit([chain.send(10).SerializeToString()])
    assert code_name(built.results[0]) == "CODE_OK"
    assert not [key for key in built.writes if key.startswith(b"G")]
    assert (chain.balance(chain.source), chain.balance(chain.destination)) == (990, 10)
    assert not chain.ledger.read(lambda state: state.account(chain.source)).protected


def test_a_trusted_list_or_a_policy_marks_the_account_protected_so_that_its_transfers_read_them(chain):
    chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    assert chain.ledger.read(lambda state: state.account(chain.source)).protected
    chain.expect(chain.trust(chain.destination, pb.TRUSTED_LIST_CHANGE_REMOVE), pb.CODE_OK)
    assert chain.ledger.read(lambda state: state.account(chain.source)).protected  # for good: the record stays
    assert chain.protection().trusted_count == 0


# -- held transfers (EU: 26 hours outside the trusted list) -----------------------------------------


def test_a_transfer_outside_the_trusted_list_is_held_its_units_reserved_still_the_holders(protected):
    chain = protected
    transfer = chain.send(300)
    time_ms = chain.now
    result = chain.expect(transfer, pb.CODE_OK)
    (event,) = result.events
    assert event.WhichOneof("event") == "transfer_held"
    assert event.transfer_held.release_ms == time_ms + HOLD_MS
    assert (chain.balance(chain.source), chain.held_units(chain.source), chain.balance(chain.destination)) == (700, 300, 0)
    held = chain.held(transfer)
    assert (held.from_account, held.to_account, held.amount, held.release_ms) == (chain.source, chain.destination, 300, time_ms + HOLD_MS)
    assert chain.protection().held_count == 1
    # Not spendable: neither transferred again nor cancelled for ever; never created or lost.
    chain.expect(chain.send(701, to=holding(chain.bob.participant_id)), pb.CODE_INSUFFICIENT_BALANCE)
    chain.expect(chain.alice.cancel(chain.source, UNIT, 701), pb.CODE_INSUFFICIENT_BALANCE)
    assert chain.ledger.supply(SUPPLY_CANCELLED, UNIT) == 0
    assert chain.balance(chain.source) + chain.held_units(chain.source) == 1_000


def test_a_held_transfer_is_released_by_anyone_once_a_block_time_reaches_its_release_time(protected):
    chain = protected
    transfer = chain.send(300)
    chain.expect(transfer, pb.CODE_OK)
    release_ms = chain.held(transfer).release_ms
    institution = chain.trader
    chain.expect(release_tx(institution, transfer, created_ms=release_ms - 1), pb.CODE_DEADLINE_NOT_PASSED, time_ms=release_ms - 1)
    assert chain.held(transfer) is not None
    result = chain.expect(release_tx(institution, transfer, created_ms=release_ms), pb.CODE_OK, time_ms=release_ms)
    released, moved = result.events
    assert released.held_transfer_released.tx_id == signed_tx_id(transfer)
    assert released.held_transfer_released.released_by == institution.participant_id
    assert (moved.transferred.from_account, moved.transferred.to_account, moved.transferred.amount) == (chain.source, chain.destination, 300)
    assert (chain.balance(chain.source), chain.held_units(chain.source), chain.balance(chain.destination)) == (700, 0, 300)
    assert chain.held(transfer) is None and chain.protection().held_count == 0
    chain.expect(release_tx(institution, transfer, created_ms=chain.now + HOLD_MS), pb.CODE_TRANSFER_NOT_HELD, time_ms=chain.now + HOLD_MS)


def test_the_holder_cancels_a_held_transfer_during_the_delay_and_its_units_are_spendable_again(protected):
    chain = protected
    transfer = chain.send(300)
    chain.expect(transfer, pb.CODE_OK)
    result = chain.expect(cancel_tx(chain.alice, transfer), pb.CODE_OK)
    assert result.events[0].held_transfer_cancelled.amount == 300
    assert (chain.balance(chain.source), chain.held_units(chain.source), chain.balance(chain.destination)) == (1_000, 0, 0)
    assert chain.held(transfer) is None
    release_ms = chain.now + HOLD_MS
    chain.expect(release_tx(chain.bob, transfer, created_ms=release_ms), pb.CODE_TRANSFER_NOT_HELD, time_ms=release_ms)
    chain.expect(chain.alice.cancel(chain.source, UNIT, 1_000, created_ms=chain.now + HOLD_MS), pb.CODE_OK, time_ms=chain.now + HOLD_MS)


def test_a_cancel_of_a_held_transfer_by_someone_else_is_refused_with_not_account_holder_and_changes_nothing(protected):
    chain = protected
    transfer = chain.send(300)
    chain.expect(transfer, pb.CODE_OK)
    for other in (chain.bob, chain.trader):  # the destination's holder too
        refused_changing_nothing(chain.ledger, cancel_tx(other, transfer), pb.CODE_NOT_ACCOUNT_HOLDER)
    assert chain.held(transfer) is not None


def test_a_held_transfer_once_due_can_no_longer_be_cancelled_only_released(protected):
    chain = protected
    transfer = chain.send(300)
    chain.expect(transfer, pb.CODE_OK)
    release_ms = chain.held(transfer).release_ms
    chain.expect(cancel_tx(chain.alice, transfer, created_ms=release_ms), pb.CODE_HOLD_ENDED, time_ms=release_ms)
    chain.expect(release_tx(chain.alice, transfer, created_ms=release_ms + 1), pb.CODE_OK, time_ms=release_ms + 1)


@pytest.mark.parametrize("transfer_tx_id, code", [(b"", pb.CODE_MISSING_FIELD), (b"\x01" * 31, pb.CODE_INVALID_FIELD),
                                                  (b"\x01" * 32, pb.CODE_TRANSFER_NOT_HELD)])
def test_a_cancel_or_release_naming_no_held_transfer_is_refused(protected, transfer_tx_id, code):
    chain = protected
    for kind, payload in (("cancel_held_transfer", pb.CancelHeldTransfer(transfer_tx_id=transfer_tx_id)),
                          ("release_held_transfer", pb.ReleaseHeldTransfer(transfer_tx_id=transfer_tx_id))):
        chain.expect(chain.alice.tx(kind, payload), code)


def test_with_no_delay_in_the_rulebook_an_untrusted_transfer_executes_at_once_but_is_still_capped(protected):
    chain = protected
    chain.set_rules(untrusted_transfer_delay_ms=0, untrusted_transfer_tonnes_max=100)
    chain.expect(chain.send(101), pb.CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED)
    result = chain.expect(chain.send(100), pb.CODE_OK)
    assert result.events[0].WhichOneof("event") == "transferred"
    assert chain.balance(chain.destination) == 100


def test_a_protected_account_may_hold_at_most_the_limit_of_transfers_at_once(protected, monkeypatch):
    chain = protected
    monkeypatch.setattr(limits, "held_transfer_count_max", 2)
    chain.expect(chain.send(1), pb.CODE_OK)
    chain.expect(chain.send(1), pb.CODE_OK)
    chain.expect(chain.send(1), pb.CODE_TOO_LARGE)


# -- the per-transfer cap for untrusted destinations --------------------------------------------------


def test_a_transfer_above_the_cap_to_an_untrusted_destination_is_refused_with_its_reason_and_changes_nothing(protected):
    chain = protected
    chain.set_rules(untrusted_transfer_tonnes_max=250)
    refused = refused_changing_nothing(chain.ledger, chain.send(251), pb.CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED)
    assert "at most 250" in refused.detail
    chain.expect(chain.send(250), pb.CODE_OK)  # at the cap: held
    assert chain.held_units(chain.source) == 250


def test_the_cap_does_not_bind_a_trusted_destination_nor_an_unprotected_account(chain):
    chain.set_rules(untrusted_transfer_tonnes_max=10)
    chain.expect(chain.send(50), pb.CODE_OK)  # unprotected: no list to be outside of
    chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    chain.expect(chain.protect(), pb.CODE_OK)
    time_ms = chain.now + TRUST_DELAY_MS
    result = chain.expect(chain.send(50, created_ms=time_ms), pb.CODE_OK, time_ms=time_ms)
    assert result.events[0].WhichOneof("event") == "transferred"
    assert chain.balance(chain.destination) == 100


# -- the trusted list (EU: additions after four working days, removals at once) -----------------------


def test_a_trusted_account_counts_only_after_the_rulebook_delay(protected):
    chain = protected
    time_ms = chain.now
    result = chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    assert result.events[0].trusted_account_set.effective_ms == time_ms + TRUST_DELAY_MS
    early = time_ms + TRUST_DELAY_MS - 1
    chain.expect(chain.send(10, created_ms=early), pb.CODE_OK, time_ms=early)
    assert chain.held_units(chain.source) == 10  # still outside the list: held
    on_time = time_ms + TRUST_DELAY_MS
    chain.expect(chain.send(10, created_ms=on_time), pb.CODE_OK, time_ms=on_time)
    assert chain.balance(chain.destination) == 10  # now trusted: at once


def test_a_trusted_account_removed_stops_counting_at_once(protected):
    chain = protected
    chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    later = chain.now + TRUST_DELAY_MS
    chain.expect(chain.trust(chain.destination, pb.TRUSTED_LIST_CHANGE_REMOVE, created_ms=later), pb.CODE_OK, time_ms=later)
    chain.expect(chain.send(10, created_ms=later + 1), pb.CODE_OK, time_ms=later + 1)
    assert (chain.held_units(chain.source), chain.balance(chain.destination)) == (10, 0)
    assert chain.protection().trusted_count == 0


def test_adding_a_listed_account_or_removing_an_unlisted_one_is_refused_with_its_reason(chain):
    chain.expect(chain.trust(chain.destination, pb.TRUSTED_LIST_CHANGE_REMOVE), pb.CODE_TRUSTED_ACCOUNT_UNKNOWN)
    chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    chain.expect(chain.trust(chain.destination), pb.CODE_TRUSTED_ACCOUNT_EXISTS)
    assert chain.protection().trusted_count == 1


@pytest.mark.parametrize("signer", ["bob", "trader"], ids=["the-destinations-holder", "another-holder"])
def test_a_trusted_list_change_by_a_non_holder_is_refused_with_not_account_holder_and_changes_nothing(chain, signer):
    refused_changing_nothing(chain.ledger, chain.trust(chain.destination, builder=getattr(chain, signer)), pb.CODE_NOT_ACCOUNT_HOLDER)


def test_a_trusted_list_change_signed_by_a_regulator_is_refused_by_its_role(chain):
    (result,) = chain.ledger.dry_run(chain.trust(chain.destination, builder=chain.ledger.builder(MEE))).results
    assert code_name(result) == "CODE_ROLE_NOT_AUTHORIZED"


@pytest.mark.parametrize("trusted, change, code", [
    ("self", pb.TRUSTED_LIST_CHANGE_ADD, pb.CODE_INVALID_FIELD),
    ("no-such.holding", pb.TRUSTED_LIST_CHANGE_ADD, pb.CODE_UNKNOWN_ACCOUNT),
    ("", pb.TRUSTED_LIST_CHANGE_ADD, pb.CODE_MISSING_FIELD),
    ("other", pb.TRUSTED_LIST_CHANGE_UNSPECIFIED, pb.CODE_MISSING_FIELD),
    ("other", 9, pb.CODE_INVALID_FIELD),
])
def test_a_trusted_list_change_naming_a_bad_account_or_change_is_refused(chain, trusted, change, code):
    account = {"self": chain.source, "other": chain.destination}.get(trusted, trusted)
    chain.expect(chain.trust(account, change), code)


def test_a_trusted_list_holds_at_most_the_limit(chain, monkeypatch):
    monkeypatch.setattr(limits, "trusted_account_count_max", 1)
    chain.expect(chain.trust(chain.destination), pb.CODE_OK)
    chain.expect(chain.trust(f"{chain.trader.participant_id}.trading"), pb.CODE_TOO_LARGE)


def test_a_trusted_list_may_be_kept_only_for_an_account_units_leave_by_transfer(chain):
    province = chain.ledger.builder("PROV-44")
    tx = province.tx("set_trusted_account", pb.SetTrustedAccount(account_id="PROV-44.allocation", trusted_account_id=chain.source,
                                                                  change=pb.TRUSTED_LIST_CHANGE_ADD))
    assert code_name(chain.ledger.dry_run(tx).results[0]) == "CODE_ROLE_NOT_AUTHORIZED"


# -- the policy: tightening at once, loosening after the delay --------------------------------------


def test_turning_hold_on_is_at_once_and_turning_it_off_waits_the_trusted_delay(protected):
    chain = protected
    time_ms = chain.now
    result = chain.expect(chain.protect(hold_untrusted=False), pb.CODE_OK)
    assert result.events[0].account_policy_set.effective_ms == time_ms + TRUST_DELAY_MS
    protection = chain.protection()
    assert protection.policy.hold_untrusted and not protection.scheduled_policy.hold_untrusted
    chain.expect(chain.send(10, created_ms=time_ms + TRUST_DELAY_MS - 1), pb.CODE_OK, time_ms=time_ms + TRUST_DELAY_MS - 1)
    assert chain.held_units(chain.source) == 10  # still protected
    chain.expect(chain.send(10, created_ms=time_ms + TRUST_DELAY_MS), pb.CODE_OK, time_ms=time_ms + TRUST_DELAY_MS)
    assert chain.balance(chain.destination) == 10  # the loosening has taken effect


def test_setting_the_policy_in_force_again_during_a_scheduled_loosening_withdraws_it(protected):
    chain = protected
    chain.expect(chain.protect(hold_untrusted=False), pb.CODE_OK)
    chain.expect(chain.protect(hold_untrusted=True), pb.CODE_OK)
    protection = chain.protection()
    assert protection.scheduled_ms == 0 and protection.policy.hold_untrusted
    later = chain.now + TRUST_DELAY_MS
    chain.expect(chain.send(10, created_ms=later), pb.CODE_OK, time_ms=later)
    assert chain.held_units(chain.source) == 10


def test_a_policy_for_an_account_the_signer_does_not_hold_is_refused_with_not_account_holder(chain):
    payload = pb.SetAccountPolicy(account_id=chain.source, hold_untrusted=True)
    chain.expect(chain.bob.tx("set_account_policy", payload), pb.CODE_NOT_ACCOUNT_HOLDER)
    assert chain.protection() is None


# -- four eyes (EU: two representatives) ------------------------------------------------------------


@pytest.fixture
def four_eyes(chain) -> Chain:
    chain.expect(chain.both(chain.protect(hold_untrusted=False, four_eyes=True)), pb.CODE_OK)
    return chain


def test_turning_four_eyes_on_takes_two_of_the_holders_keys(chain):
    refused = chain.expect(chain.protect(four_eyes=True), pb.CODE_FOUR_EYES_REQUIRED)
    assert "got 1" in refused.detail
    assert chain.protection() is None
    chain.expect(chain.both(chain.protect(four_eyes=True)), pb.CODE_OK)
    assert chain.protection().policy.four_eyes


def test_a_transfer_out_of_a_four_eyes_account_with_one_signature_is_refused_and_changes_nothing(four_eyes):
    chain = four_eyes
    for key in (chain.alice.key, chain.alice_second):  # either representative alone
        tx = TxBuilder(chain.alice.chain_id, key, clock=lambda: chain.now).transfer(chain.source, chain.destination, UNIT, 10)
        refused = refused_changing_nothing(chain.ledger, tx, pb.CODE_FOUR_EYES_REQUIRED)
        assert "four-eyes" in refused.detail
    chain.expect(chain.both(chain.send(10)), pb.CODE_OK)
    assert chain.balance(chain.destination) == 10


def test_the_same_key_twice_or_another_participants_key_is_never_the_second_signature(four_eyes):
    chain = four_eyes
    tx = chain.send(10)
    chain.expect(cosign(tx, chain.alice.key), pb.CODE_INVALID_FIELD)  # signs twice
    chain.expect(cosign(chain.send(10), make_key(chain.bob.participant_id)), pb.CODE_KEY_NOT_OF_SIGNER)
    assert chain.balance(chain.destination) == 0


def test_under_four_eyes_trusted_list_and_policy_changes_take_two_signatures(four_eyes):
    chain = four_eyes
    chain.expect(chain.trust(chain.destination), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(chain.protect(hold_untrusted=True, four_eyes=True), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(chain.protect(hold_untrusted=False, four_eyes=False), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(chain.both(chain.trust(chain.destination)), pb.CODE_OK)
    chain.expect(chain.both(chain.protect(hold_untrusted=True, four_eyes=True)), pb.CODE_OK)


def test_turning_four_eyes_off_waits_the_delay_and_takes_two_signatures(four_eyes):
    chain = four_eyes
    time_ms = chain.now
    chain.expect(chain.both(chain.protect(hold_untrusted=False, four_eyes=False)), pb.CODE_OK)
    chain.expect(chain.send(10, created_ms=time_ms + TRUST_DELAY_MS - 1), pb.CODE_FOUR_EYES_REQUIRED, time_ms=time_ms + TRUST_DELAY_MS - 1)
    chain.expect(chain.send(10, created_ms=time_ms + TRUST_DELAY_MS), pb.CODE_OK, time_ms=time_ms + TRUST_DELAY_MS)


def test_under_four_eyes_the_holders_key_changes_take_two_signatures_until_one_key_is_left(four_eyes):
    chain = four_eyes
    third = make_key(chain.alice.participant_id, generation=2)
    chain.expect(chain.alice.add_key(chain.alice.participant_id, third.signer.public_key), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(chain.alice.revoke_key(chain.alice.participant_id, chain.alice_second.key_id), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(chain.both(chain.alice.add_key(chain.alice.participant_id, third.signer.public_key)), pb.CODE_OK)
    # The registry's recovery (DESIGN §8) leaves one key: that key alone adds the second representative.
    recovered = make_key(chain.alice.participant_id, generation=3)
    active = sorted([chain.alice.key.key_id, chain.alice_second.key_id, third.key_id])
    chain.expect(chain.ledger.builder(REG).recover_key(chain.alice.participant_id, recovered.signer.public_key, active,
                                                       "legal representative", "keys stolen", "REG-2025-7"), pb.CODE_OK)
    alone = TxBuilder(chain.alice.chain_id, recovered, clock=lambda: chain.now)
    fourth = make_key(chain.alice.participant_id, generation=4)
    chain.expect(alone.add_key(chain.alice.participant_id, fourth.signer.public_key), pb.CODE_OK)
    chain.expect(alone.transfer(chain.source, chain.destination, UNIT, 10), pb.CODE_FOUR_EYES_REQUIRED)
    chain.expect(cosign(alone.transfer(chain.source, chain.destination, UNIT, 10), fourth), pb.CODE_OK)


def test_a_held_transfer_of_a_four_eyes_account_is_cancelled_by_one_representative_alone(four_eyes):
    chain = four_eyes
    chain.expect(chain.both(chain.protect(hold_untrusted=True, four_eyes=True)), pb.CODE_OK)
    transfer = chain.both(chain.send(300))
    chain.expect(transfer, pb.CODE_OK)
    chain.expect(cancel_tx(chain.alice, transfer), pb.CODE_OK)
    assert chain.balance(chain.source) == 1_000


# -- the rulebook's parameters ----------------------------------------------------------------------


@pytest.mark.parametrize("name, value", [
    ("trusted_account_delay_ms", -1), ("trusted_account_delay_ms", limits.protection_delay_ms_max + 1),
    ("untrusted_transfer_delay_ms", -1), ("untrusted_transfer_delay_ms", limits.protection_delay_ms_max + 1),
    ("untrusted_transfer_tonnes_max", -1), ("untrusted_transfer_tonnes_max", limits.unit_supply_max + 1),
])
def test_a_rulebook_with_an_unusable_protection_parameter_is_refused(name, value):
    book = default_rulebook()
    setattr(book, name, value)
    assert rulebook_problem(book).startswith(name)


def test_the_genesis_rulebook_holds_the_eu_delays_and_no_cap():
    book = default_rulebook()
    assert (book.trusted_account_delay_ms, book.untrusted_transfer_delay_ms, book.untrusted_transfer_tonnes_max) == (4 * DAY_MS, 26 * HOUR_MS, 0)
