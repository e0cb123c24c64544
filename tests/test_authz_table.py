"""The authorization tables of ledger/authz.py, checked cell by cell through real transactions.

Signer roles: for every payload kind and every role, a transaction of that kind signed by a
participant of that role is refused with CODE_ROLE_NOT_AUTHORIZED exactly when the role is not in
`SIGNER_ROLES[kind]`. The role is checked before the payload, so an empty payload of the
kind is enough; an authorized role then fails later, on a missing field, never on its role.

Keys (DESIGN §8): for every signer role and every holder role, AddKey, RotateKey and RevokeKey
naming another participant are refused with CODE_NOT_KEY_OWNER, and the participant's own are
not; the registry's RecoverKey applies exactly to the roles of `authz.RECOVERABLE_ROLES`.

Account kinds (art. 14): each cell of `authz.ACCOUNT_OPERATIONS` that a transaction can aim at an
account of any kind is probed with that transaction; the cells no transaction can reach (the
account is fixed by the transaction kind, or only holders of other kinds may sign) are listed in
UNREACHABLE with the reason, and a test checks that probed + unreachable is the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, signed_tx_id
from cets.ledger import authz, identity
from cets.ledger import tables
from cets.ledger.state import State
from cets.ledger.authz import Operation
from cets.ledger.txs import SIGNER_ROLES
from cets.ledger.txs.supervision.tiers import TASK_KINDS
from cets.ledger.txs.supervision import measures as enforcement_measures
from cets.ledger.txs.supervision import restrictions
from tests.conftest import publish_method_tx
from tests.test_state_machine import EXCH, MEE, REG, RESIDENT_ID, Ledger, code_name, holding, make_key

K = pb.AccountKind
ROLES = [value for value in pb.Role.values() if value != pb.ROLE_UNSPECIFIED]
KINDS = [value for value in K.values() if value != K.ACCOUNT_KIND_UNSPECIFIED]
PAYLOAD_KINDS = [field.name for field in pb.TxBody.DESCRIPTOR.oneofs_by_name["payload"].fields]
VINTAGE = 2025


@dataclass
class World:
    """A funded chain with one participant of every role and one account of every kind."""

    ledger: Ledger
    signers: dict[int, TxBuilder]  # role -> a participant of that role
    accounts: dict[int, str]  # account kind -> an account of that kind
    second_accounts: dict[int, str]  # kinds with several accounts -> another one
    holders: dict[int, TxBuilder]  # account kind -> the holder of accounts[kind]
    peers: dict[int, TxBuilder]  # roles with several participants -> another one than signers[role]


@pytest.fixture(scope="module")
def world() -> World:
    ledger = Ledger()
    emitter, other_emitter = ledger.register_emitter("44"), ledger.register_emitter("44")
    ledger.list_emitter(emitter)  # only listed emitters surrender (art. 5)
    institution = ledger.register_trader(pb.ROLE_INSTITUTION)
    individual = ledger.register_trader(pb.ROLE_INDIVIDUAL, RESIDENT_ID)
    verifier = ledger.register_verifier()
    city = ledger.register_city("44")
    ministry, guangdong = ledger.builder(MEE), ledger.builder(identity.province_id("44"))
    ledger.issue(VINTAGE, 10_000, cap=20_000)  # room left for the issue_into probe
    unit = cea(VINTAGE)
    setup = [
        publish_method_tx(ministry),
        ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), unit, 2_000),
        ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, unit, 1_000),
        ministry.reserve_move(pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, VINTAGE, 1_000, pb.RESERVE_PURPOSE_SET_ASIDE, "set aside"),
        guangdong.allocate([(emitter.participant_id, VINTAGE, 500), (other_emitter.participant_id, VINTAGE, 500)]),
        emitter.transfer(holding(emitter.participant_id), identity.trading_account_id(institution.participant_id), unit, 100),
        emitter.transfer(holding(emitter.participant_id), identity.trading_account_id(individual.participant_id), unit, 100),
    ]
    assert [code_name(r) for r in ledger.run(*setup)] == ["CODE_OK"] * len(setup)
    signers = {
        pb.ROLE_MINISTRY: ministry, pb.ROLE_REGISTRY: ledger.builder(REG), pb.ROLE_EXCHANGE: ledger.builder(EXCH),
        pb.ROLE_PROVINCE: guangdong, pb.ROLE_KEY_EMITTER: emitter, pb.ROLE_INSTITUTION: institution,
        pb.ROLE_INDIVIDUAL: individual, pb.ROLE_VERIFIER: verifier, pb.ROLE_CITY: city,
    }
    accounts = {
        K.ACCOUNT_KIND_ISSUANCE: identity.ISSUANCE_ACCOUNT, K.ACCOUNT_KIND_RESERVE: identity.RESERVE_ACCOUNT,
        K.ACCOUNT_KIND_AUCTION: identity.AUCTION_ACCOUNT, K.ACCOUNT_KIND_PROVINCE_ALLOCATION: identity.province_account_id("44"),
        K.ACCOUNT_KIND_EMITTER_HOLDING: holding(emitter.participant_id),
        K.ACCOUNT_KIND_TRADING: identity.trading_account_id(institution.participant_id),
    }
    second_accounts = {
        K.ACCOUNT_KIND_EMITTER_HOLDING: holding(other_emitter.participant_id),
        K.ACCOUNT_KIND_TRADING: identity.trading_account_id(individual.participant_id),
    }
    holders = {K.ACCOUNT_KIND_ISSUANCE: ministry, K.ACCOUNT_KIND_RESERVE: ministry, K.ACCOUNT_KIND_AUCTION: ministry,
               K.ACCOUNT_KIND_PROVINCE_ALLOCATION: guangdong, K.ACCOUNT_KIND_EMITTER_HOLDING: emitter,
               K.ACCOUNT_KIND_TRADING: institution}
    peers = {pb.ROLE_KEY_EMITTER: other_emitter, pb.ROLE_PROVINCE: ledger.builder(identity.province_id("42"))}
    return World(ledger, signers, accounts, second_accounts, holders, peers)


def only_result(world: World, tx: pb.SignedTx) -> pb.TxResult:
    """Execute `tx` alone on the funded state, without committing, so that cells stay independent."""
    (result,) = world.ledger.dry_run(tx).results
    return result


# -- signer roles -----------------------------------------------------------------------------------


def test_the_world_has_a_signer_of_every_role_and_an_account_of_every_kind(world):
    assert sorted(world.signers) == sorted(ROLES)
    assert sorted(world.accounts) == sorted(KINDS)
    for kind, account_id in world.accounts.items():
        assert world.ledger.read(lambda state: state.account(account_id)).kind == kind


@pytest.mark.parametrize("role", ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("kind", PAYLOAD_KINDS)
def test_signer_role_is_refused_exactly_when_the_table_does_not_list_it(world, kind, role):
    empty_payload = type(getattr(pb.TxBody(), kind))()
    result = only_result(world, world.signers[role].tx(kind, empty_payload))
    listed = role in SIGNER_ROLES[kind]
    if listed:
        assert code_name(result) != "CODE_ROLE_NOT_AUTHORIZED", result.detail
        assert code_name(result) not in ("CODE_OK", "CODE_UNKNOWN_KEY", "CODE_SIGNATURE_INVALID"), result.detail
    else:
        assert code_name(result) == "CODE_ROLE_NOT_AUTHORIZED", result.detail


# -- registrars: who registers whom ------------------------------------------------------------------


def fresh_id(role: int, serial: int) -> str:
    """A valid, unregistered identifier for a participant of `role`."""
    if role == pb.ROLE_INDIVIDUAL:
        first17 = f"44010519800101{serial:03d}"
        return first17 + identity.resident_id_check_char(first17)
    first17 = f"91440000{700_000_000 + serial:09d}"
    return first17 + identity.uscc_check_char(first17)


@pytest.mark.parametrize("registered", ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("signer_role", ROLES, ids=pb.Role.Name)
def test_register_participant_follows_the_registrars_table(world, signer_role, registered):
    participant_id = fresh_id(registered, signer_role * 10 + registered)
    tx = world.signers[signer_role].register_participant(participant_id, registered, "Probe", [make_key(participant_id).spec()],
                                                         province="44", sector="power")
    result = only_result(world, tx)
    if signer_role not in SIGNER_ROLES["register_participant"]:
        want = "CODE_ROLE_NOT_AUTHORIZED"
    elif registered not in authz.REGISTRARS:
        want = "CODE_INVALID_FIELD"  # the institutions and provinces come from the genesis
    else:
        want = "CODE_OK" if signer_role in authz.REGISTRARS[registered] else "CODE_ROLE_NOT_AUTHORIZED"
    assert code_name(result) == want, result.detail


# -- delegation: what a city may sign under each task (arts. 4, 32) ---------------------------------


def test_every_kind_a_city_may_sign_belongs_to_a_delegable_task_and_every_task_is_listed():
    delegated = {kind for kinds in TASK_KINDS.values() for kind in kinds}
    # Besides its own keys and what anyone may sign (releasing a due held transfer), a city signs
    # only what a delegation lets it: it never allocates, lists, fines or closes (arts. 4, 32).
    city_kinds = {kind for kind, roles in SIGNER_ROLES.items() if pb.ROLE_CITY in roles and roles != authz.EVERYONE} - set(KEY_CHANGES)
    assert city_kinds == delegated
    assert sorted(TASK_KINDS) == sorted(v for v in pb.SupervisionTask.values() if v != pb.SUPERVISION_TASK_UNSPECIFIED)


def delegated_kind_tx(city: TxBuilder, kind: str, emitter_id: str) -> pb.SignedTx:
    if kind == "file_monitoring_plan":
        return city.tx(kind, pb.FileMonitoringPlan(emitter_id=emitter_id, version=1))
    return city.tx(kind, pb.RecordInspection(emitter_id=emitter_id, outcome=pb.INSPECTION_OUTCOME_NO_FINDING, findings="none",
                                             document_sha256=bytes(32)))


DELEGATED_KINDS = sorted(kind for kinds in TASK_KINDS.values() for kind in kinds)


@pytest.mark.parametrize("kind", DELEGATED_KINDS)
@pytest.mark.parametrize("task", sorted(TASK_KINDS), ids=pb.SupervisionTask.Name)
def test_a_city_acts_on_a_kind_exactly_under_the_task_that_lists_it(task, kind):
    ledger = Ledger()
    emitter, city = ledger.register_emitter("44"), ledger.register_city("44")
    province = ledger.builder(identity.province_id("44"))
    start = ledger.next_time_ms - 1
    ledger.expect(province.tx("record_delegation", pb.RecordDelegation(
        city=city.participant_id, tasks=[task], emitter_ids=[emitter.participant_id], valid_from_ms=start, valid_until_ms=start + 10**9,
        reference="probe")), pb.CODE_OK)
    (result,) = ledger.dry_run(delegated_kind_tx(city, kind, emitter.participant_id)).results
    if kind in TASK_KINDS[task]:
        assert code_name(result) not in ("CODE_TASK_NOT_DELEGATED", "CODE_ROLE_NOT_AUTHORIZED"), result.detail  # past the delegation
    else:
        assert code_name(result) == "CODE_TASK_NOT_DELEGATED", result.detail


# -- keys: each participant its own; the registry's recovery ----------------------------------------

KEY_CHANGES = ["add_key", "rotate_key", "revoke_key"]
OWN_KEY_CHANGE_CODE = {"add_key": "CODE_OK", "rotate_key": "CODE_OK", "revoke_key": "CODE_LAST_ACTIVE_KEY"}  # its only key


def key_change(signer: TxBuilder, kind: str, holder: TxBuilder) -> pb.SignedTx:
    fresh = make_key(holder.participant_id, generation=99).signer.public_key
    if kind == "add_key":
        return signer.add_key(holder.participant_id, fresh)
    if kind == "rotate_key":
        return signer.rotate_key(holder.participant_id, holder.key.key_id, fresh)
    return signer.revoke_key(holder.participant_id, holder.key.key_id, "probe")


@pytest.mark.parametrize("holder_role", ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("signer_role", ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("kind", KEY_CHANGES)
def test_a_participant_changes_its_own_keys_and_nobody_elses(world, kind, signer_role, holder_role):
    signer, holder = world.signers[signer_role], world.signers[holder_role]
    result = only_result(world, key_change(signer, kind, holder))
    want = OWN_KEY_CHANGE_CODE[kind] if signer_role == holder_role else "CODE_NOT_KEY_OWNER"
    assert code_name(result) == want, result.detail


@pytest.mark.parametrize("role", [pb.ROLE_KEY_EMITTER, pb.ROLE_PROVINCE], ids=pb.Role.Name)
@pytest.mark.parametrize("kind", KEY_CHANGES)
def test_a_participant_cannot_change_the_keys_of_another_of_its_own_role(world, kind, role):
    result = only_result(world, key_change(world.signers[role], kind, world.peers[role]))
    assert code_name(result) == "CODE_NOT_KEY_OWNER", result.detail


def active_transactions_keys(world: World, participant_id: str) -> list[str]:
    def read(state):
        records = [state.key(key_id) for key_id in state.participant_key_ids(participant_id)]
        return [r.key_id for r in records if r.purpose == pb.KEY_PURPOSE_TRANSACTIONS and not r.revoked]
    return world.ledger.read(read)


@pytest.mark.parametrize("role", ROLES, ids=pb.Role.Name)
def test_the_registry_recovers_the_keys_of_exactly_the_recoverable_roles(world, role):
    holder = world.signers[role]
    tx = world.signers[pb.ROLE_REGISTRY].recover_key(
        holder.participant_id, make_key(holder.participant_id, generation=98).signer.public_key,
        active_transactions_keys(world, holder.participant_id), "its legal representative", "keys lost", "CASE-2025-001")
    result = only_result(world, tx)
    assert code_name(result) == ("CODE_OK" if role in authz.RECOVERABLE_ROLES else "CODE_KEY_NOT_RECOVERABLE"), result.detail


def test_no_institution_that_runs_a_node_is_recoverable():
    assert not authz.RECOVERABLE_ROLES & {pb.ROLE_MINISTRY, pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE}


# -- transfers: every route ------------------------------------------------------------------------

TRANSFER_SOURCES = [kind for kind in KINDS if kind != K.ACCOUNT_KIND_PROVINCE_ALLOCATION]  # a province may not sign transfer
TRANSFER_PAIRS = [
    (source, destination) for source in TRANSFER_SOURCES for destination in KINDS
    if source != destination or source in (K.ACCOUNT_KIND_EMITTER_HOLDING, K.ACCOUNT_KIND_TRADING)
]


def expected_transfer(source: int, destination: int) -> tuple[str, str]:
    """(code, field the detail names) the art. 14 tables predict for a transfer between the kinds."""
    if not authz.account_allows(source, Operation.TRANSFER_OUT):
        return "CODE_ACCOUNT_KIND_FORBIDS_OPERATION", "from_account"
    if not authz.account_allows(destination, Operation.TRANSFER_IN):
        return "CODE_ACCOUNT_KIND_FORBIDS_OPERATION", "to_account"
    if (source, destination) not in authz.TRANSFER_ROUTES:
        return "CODE_ACCOUNT_KIND_FORBIDS_OPERATION", "to_account"
    return "CODE_OK", ""


def test_every_transfer_route_is_probed_and_its_kinds_allow_transfer_out_and_in():
    assert authz.TRANSFER_ROUTES <= set(TRANSFER_PAIRS)
    for source, destination in authz.TRANSFER_ROUTES:
        assert authz.account_allows(source, Operation.TRANSFER_OUT), K.Name(source)
        assert authz.account_allows(destination, Operation.TRANSFER_IN), K.Name(destination)


@pytest.mark.parametrize("source, destination", TRANSFER_PAIRS, ids=lambda kind: K.Name(kind).removeprefix("ACCOUNT_KIND_"))
def test_transfer_between_account_kinds_follows_the_routes_table(world, source, destination):
    from_account = world.accounts[source]
    to_account = world.second_accounts[destination] if source == destination else world.accounts[destination]
    result = only_result(world, world.holders[source].transfer(from_account, to_account, cea(VINTAGE), 1))
    code, field = expected_transfer(source, destination)
    assert code_name(result) == code, result.detail
    assert result.detail.startswith(field), result.detail


def test_transfer_from_a_province_allocation_account_is_refused_to_its_province_and_to_the_ministry(world):
    # Units leave a province's allocation account only by allocate (art. 10) or a reserve move.
    source, destination = world.accounts[K.ACCOUNT_KIND_PROVINCE_ALLOCATION], world.accounts[K.ACCOUNT_KIND_EMITTER_HOLDING]
    by_province = only_result(world, world.signers[pb.ROLE_PROVINCE].transfer(source, destination, cea(VINTAGE), 1))
    by_ministry = only_result(world, world.signers[pb.ROLE_MINISTRY].transfer(source, destination, cea(VINTAGE), 1))
    assert (code_name(by_province), code_name(by_ministry)) == ("CODE_ROLE_NOT_AUTHORIZED", "CODE_NOT_ACCOUNT_HOLDER")


# -- reserve counterparty, CCER receipt, cancellation -----------------------------------------------


RESERVE_OPERATION = {
    pb.RESERVE_DIRECTION_INTO_RESERVE: Operation.RESERVE_SOURCE,
    pb.RESERVE_DIRECTION_OUT_OF_RESERVE: Operation.RESERVE_DESTINATION,
}


@pytest.mark.parametrize("direction", [pb.RESERVE_DIRECTION_INTO_RESERVE, pb.RESERVE_DIRECTION_OUT_OF_RESERVE], ids=pb.ReserveDirection.Name)
@pytest.mark.parametrize("kind", KINDS, ids=K.Name)
def test_reserve_move_counterparty_follows_the_account_table(world, kind, direction):
    tx = world.signers[pb.ROLE_MINISTRY].reserve_move(direction, world.accounts[kind], VINTAGE, 1, pb.RESERVE_PURPOSE_MARKET_ADJUSTMENT, "stabilise")
    result = only_result(world, tx)
    operation = RESERVE_OPERATION[direction]
    allowed = authz.account_allows(kind, operation)
    assert code_name(result) == ("CODE_OK" if allowed else "CODE_ACCOUNT_KIND_FORBIDS_OPERATION"), result.detail


@pytest.mark.parametrize("kind", KINDS, ids=K.Name)
def test_record_ccer_destination_follows_the_account_table(world, kind):
    tx = world.signers[pb.ROLE_REGISTRY].record_ccer("CCER-T1", pb.PROJECT_TYPE_RENEWABLE, VINTAGE, 10, world.accounts[kind])
    result = only_result(world, tx)
    allowed = authz.account_allows(kind, Operation.RECEIVE_CCER)
    assert code_name(result) == ("CODE_OK" if allowed else "CODE_ACCOUNT_KIND_FORBIDS_OPERATION"), result.detail


CANCEL_KINDS = [K.ACCOUNT_KIND_EMITTER_HOLDING, K.ACCOUNT_KIND_TRADING]  # the only kinds held by roles that may sign cancel


@pytest.mark.parametrize("kind", CANCEL_KINDS, ids=K.Name)
def test_cancel_from_the_holder_account_follows_the_account_table(world, kind):
    result = only_result(world, world.holders[kind].cancel(world.accounts[kind], cea(VINTAGE), 1))
    allowed = authz.account_allows(kind, Operation.CANCEL_FROM)
    assert code_name(result) == ("CODE_OK" if allowed else "CODE_ACCOUNT_KIND_FORBIDS_OPERATION"), result.detail


# -- operations whose account the transaction kind fixes --------------------------------------------

FIXED = {
    Operation.ISSUE_INTO: K.ACCOUNT_KIND_ISSUANCE,  # issue_allowances credits MEE.issuance
    Operation.ALLOCATE_FROM: K.ACCOUNT_KIND_PROVINCE_ALLOCATION,  # allocate debits the signer province's account
    Operation.ALLOCATE_TO: K.ACCOUNT_KIND_EMITTER_HOLDING,  # entries name key emitters, whose account is a holding
    Operation.SURRENDER_FROM: K.ACCOUNT_KIND_EMITTER_HOLDING,  # surrender debits the signer's own holding
}


def fixed_account_transactions(world: World) -> dict[Operation, pb.SignedTx]:
    emitter = world.signers[pb.ROLE_KEY_EMITTER]
    return {
        Operation.ISSUE_INTO: world.signers[pb.ROLE_MINISTRY].issue(VINTAGE, 1),
        Operation.ALLOCATE_FROM: world.signers[pb.ROLE_PROVINCE].allocate([(emitter.participant_id, VINTAGE, 1)]),
        Operation.ALLOCATE_TO: world.signers[pb.ROLE_PROVINCE].allocate([(emitter.participant_id, VINTAGE, 1)]),
        Operation.SURRENDER_FROM: emitter.surrender(VINTAGE, [(cea(VINTAGE), 1)]),
    }


@pytest.mark.parametrize("operation", list(FIXED), ids=lambda operation: operation.value)
def test_operation_on_the_account_its_transaction_fixes_is_allowed_and_applied(world, operation):
    assert authz.account_allows(FIXED[operation], operation)
    result = only_result(world, fixed_account_transactions(world)[operation])
    assert code_name(result) == "CODE_OK", result.detail


# -- every cell is probed or explained --------------------------------------------------------------

UNREACHABLE = {
    Operation.ISSUE_INTO: "issue_allowances names no account",
    Operation.ALLOCATE_FROM: "allocate and adjust_allocation debit the signer province's own account",
    Operation.ALLOCATE_TO: "allocation entries name key emitters, whose account is always a holding",
    Operation.SURRENDER_FROM: "surrender debits the signer's own holding",
    Operation.CANCEL_FROM: "only emitters, institutions and individuals sign cancel, and they hold nothing else",
    Operation.TRANSFER_OUT: "a province may not sign transfer, and nobody else holds its allocation account",
}


def probed_cells() -> set[tuple[int, Operation]]:
    cells = {(source, Operation.TRANSFER_OUT) for source in TRANSFER_SOURCES}
    cells |= {(destination, Operation.TRANSFER_IN) for _, destination in TRANSFER_PAIRS}
    cells |= {(kind, operation) for kind in KINDS for operation in RESERVE_OPERATION.values()}
    cells |= {(kind, Operation.RECEIVE_CCER) for kind in KINDS}
    cells |= {(kind, Operation.CANCEL_FROM) for kind in CANCEL_KINDS}
    cells |= {(kind, operation) for operation, kind in FIXED.items()}
    return cells


def test_every_cell_of_the_account_table_is_probed_or_explained():
    every_cell = {(kind, operation) for kind in KINDS for operation in Operation}
    unexplained = {(K.Name(kind), operation.value) for kind, operation in every_cell - probed_cells() if operation not in UNREACHABLE}
    assert not unexplained
    assert sorted(authz.ACCOUNT_OPERATIONS) == sorted(KINDS)


# -- enforcement (arts. 38, 45-49) ------------------------------------------------------------------
MEASURE_TYPES = [value for value in pb.MeasureType.values() if value != pb.MEASURE_TYPE_UNSPECIFIED]
OPERATIONS = [value for value in pb.RestrictedOperation.values() if value != pb.RESTRICTED_OPERATION_UNSPECIFIED]
AUTHORITY_ROLES = [pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE]
# A valid choice for the measures that require one.
CHOICE = {pb.MEASURE_TYPE_RESTRICT_TRANSFERS: [pb.RESTRICTED_OPERATION_TRANSFER_OUT],
          pb.MEASURE_TYPE_RESTRICT_ACCOUNT_FUNCTIONS: [pb.RESTRICTED_OPERATION_CANCEL]}


def impose_tx(world: World, authority_role: int, measure: int, target_role: int = pb.ROLE_KEY_EMITTER) -> pb.SignedTx:
    payload = pb.ImposeMeasure(participant_id=world.signers[target_role].participant_id, type=measure, operations=CHOICE.get(measure, []),
                               reason="probe", legal_basis="arts. 45, 47", case_reference="CASE-1")
    return world.signers[authority_role].tx("impose_measure", payload)


@pytest.mark.parametrize("measure", MEASURE_TYPES, ids=pb.MeasureType.Name)
@pytest.mark.parametrize("role", AUTHORITY_ROLES, ids=pb.Role.Name)
def test_art45_art47_each_authority_imposes_exactly_the_measures_of_its_article(world, role, measure):
    result = only_result(world, impose_tx(world, role, measure))
    listed = (role, measure) in enforcement_measures.MEASURE_ARTICLES
    assert code_name(result) == ("CODE_OK" if listed else "CODE_MEASURE_NOT_OF_AUTHORITY"), result.detail
    if listed:
        article = "45" if role == pb.ROLE_REGISTRY else "47"
        assert result.events[0].measure_imposed.article.startswith(article)


def test_art45_art47_each_article_lists_seven_measures():
    for role, article in ((pb.ROLE_REGISTRY, "45"), (pb.ROLE_EXCHANGE, "47")):
        items = sorted(value for (holder, _), value in enforcement_measures.MEASURE_ARTICLES.items() if holder == role)
        assert items == [f"{article} ({n})" for n in range(1, 8)]


@pytest.mark.parametrize("target", ROLES, ids=pb.Role.Name)
def test_art45_a_measure_aims_only_at_holders(world, target):
    result = only_result(world, impose_tx(world, pb.ROLE_REGISTRY, pb.MEASURE_TYPE_SUSPEND_BUSINESS, target))
    assert code_name(result) == ("CODE_OK" if target in authz.HOLDERS else "CODE_TARGET_NOT_ELIGIBLE"), result.detail


@pytest.mark.parametrize("lifter", AUTHORITY_ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("imposer", AUTHORITY_ROLES, ids=pb.Role.Name)
def test_art45_art47_a_measure_is_lifted_by_its_imposer_and_by_no_other_authority(world, imposer, lifter):
    impose = impose_tx(world, imposer, pb.MEASURE_TYPE_PUBLIC_CRITICISM)
    lift = world.signers[lifter].tx("lift_measure", pb.LiftMeasure(measure_id=signed_tx_id(impose), reason="probe"))
    results = world.ledger.dry_run(impose, lift).results
    assert code_name(results[0]) == "CODE_OK", results[0].detail
    assert code_name(results[1]) == ("CODE_OK" if imposer == lifter else "CODE_NOT_MEASURE_AUTHORITY"), results[1].detail


def refusal_code(entries: list[pb.Restriction], operation: int, blacklisted: bool = False) -> int:
    record = pb.Restrictions(entries=entries, blacklist_entry_id=b"\x01" * 32 if blacklisted else b"")
    state = State({})
    tables.RESTRICTIONS.put(state, record, "P")
    rejection = restrictions.refusal(state, 0, "P", "A", operation)
    return pb.CODE_OK if rejection is None else rejection.code


@pytest.mark.parametrize("operation", OPERATIONS, ids=pb.RestrictedOperation.Name)
@pytest.mark.parametrize("measure", MEASURE_TYPES, ids=pb.MeasureType.Name)
def test_art45_art47_each_measure_refuses_exactly_its_operations_with_its_own_code(measure, operation):
    choice, default = enforcement_measures.EFFECTS[measure]
    refused = enforcement_measures.effective_operations(measure, [] if default is not None else sorted(choice))
    code = refusal_code([pb.Restriction(measure_id=b"\x02" * 32, type=measure, operations=refused)], operation)
    want = restrictions.code_of(measure, operation) if operation in refused else pb.CODE_OK
    assert pb.Code.Name(code) == pb.Code.Name(want)


@pytest.mark.parametrize("operation", OPERATIONS, ids=pb.RestrictedOperation.Name)
def test_art49_the_blacklist_refuses_every_operation_but_surrender(operation):
    want = pb.CODE_OK if operation == pb.RESTRICTED_OPERATION_SURRENDER else pb.CODE_BLACKLISTED
    assert refusal_code([], operation, blacklisted=True) == want


@pytest.mark.parametrize("subject", ROLES, ids=pb.Role.Name)
@pytest.mark.parametrize("signer", [pb.ROLE_MINISTRY, pb.ROLE_PROVINCE], ids=pb.Role.Name)
def test_art38_the_ministry_records_anyones_credit_a_province_only_its_own_participants(world, signer, subject):
    participant = world.ledger.read(lambda state: state.participant(world.signers[subject].participant_id))
    payload = pb.RecordCredit(participant_id=participant.participant_id, kind=pb.CREDIT_RECORD_KIND_SUPERVISION_RESULT, summary="probe",
                              decision_reference="REF-1")
    result = only_result(world, world.signers[signer].tx("record_credit", payload))
    allowed = signer == pb.ROLE_MINISTRY or participant.province == world.signers[pb.ROLE_PROVINCE].participant_id.removeprefix("PROV-")
    assert code_name(result) == ("CODE_OK" if allowed else "CODE_OUTSIDE_JURISDICTION"), result.detail


@pytest.mark.parametrize("subject", ROLES, ids=pb.Role.Name)
def test_art49_the_ministry_blacklists_holders_and_technical_service_bodies_never_an_institution_or_regulator(world, subject):
    payload = pb.AddToBlacklist(participant_id=world.signers[subject].participant_id, reason="probe", decision_reference="REF-1")
    result = only_result(world, world.signers[pb.ROLE_MINISTRY].tx("add_to_blacklist", payload))
    listable = subject in authz.HOLDERS | {pb.ROLE_VERIFIER}
    assert code_name(result) == ("CODE_OK" if listable else "CODE_TARGET_NOT_ELIGIBLE"), result.detail
