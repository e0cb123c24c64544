"""The light client's rules (ledger/lightclient.py), on a 2-of-3 chain built in memory by the ledger.

The chain is the dev cluster genesis (three institutions, quorum 2): blocks are built by
`ledger.chain.build_block` over a MemoryStore and signed by whichever institutions a test names,
each with the node key it holds at that point. Nothing is mocked: real Ed25519, real Merkle paths.
"""

from __future__ import annotations

import hashlib

import pytest

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.clients.builder import TxBuilder
from cets.ledger import crypto, identity, lightclient
from cets.ledger.chain import HEADER_VERSION, Tip, build_block, result_root, tx_root
from cets.ledger.crypto import Signer
from cets.ledger.genesis import genesis_writes
from cets.ledger.lightclient import LightClientError, NodeKeyHistory, check_bundle, verify_bundle
from cets.ledger.memstore import MemoryStore
from cets.ledger.proofs import proven_tx
from cets.node import devnet

GENESIS = devnet.dev_genesis(devnet.DEV_CLUSTER_CHAIN_ID)
GENESIS_BYTES = GENESIS.SerializeToString()
PINNED = crypto.genesis_hash(GENESIS_BYTES)
MEE, REG, EXCH = identity.MINISTRY_ID, identity.REGISTRY_ID, identity.EXCHANGE_ID
VINTAGE = 2025


def new_node_key(label: str) -> Signer:
    return Signer.from_seed(hashlib.sha256(f"cets light client test/{label}".encode()).digest())


class Chain:
    """A 2-of-3 chain in memory; `node_keys` are the keys each institution signs with now."""

    def __init__(self) -> None:
        writes = genesis_writes(GENESIS)
        self.store = MemoryStore()
        self.store.init_genesis(GENESIS_BYTES, PINNED, writes)
        self.tip = Tip.of_genesis(GENESIS, GENESIS_BYTES, writes)
        self.node_keys = {pid: devnet.dev_key(pid, pb.KEY_PURPOSE_NODE).signer for pid in (MEE, REG, EXCH)}

    def builder(self, participant_id: str) -> TxBuilder:
        return TxBuilder(GENESIS.chain_id, devnet.dev_key(participant_id), clock=lambda: self.tip.time_ms + 1_000)

    def commit(self, *txs: pb.SignedTx, signed_by=(MEE, REG), time_ms: int | None = None) -> pb.Block:
        with self.store.reader() as reader:
            built = build_block(reader, self.tip, time_ms or self.tip.time_ms + 1_000, signed_by[0], [tx.SerializeToString() for tx in txs])
        sign(built.block, *(self.node_keys[pid] for pid in signed_by))
        self.store.commit_block(self.tip.height + 1, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
        self.tip = built.tip
        return built.block

    def rotate(self, participant_id: str, label: str, signed_by=(MEE, REG)) -> pb.Block:
        """Rotate the institution's node key in a block signed with the keys valid before it."""
        old, new = self.node_keys[participant_id], new_node_key(label)
        block = self.commit(self.builder(participant_id).rotate_key(participant_id, old.key_id, new.public_key), signed_by=signed_by)
        assert block.results[0].code == pb.CODE_OK, block.results[0].detail
        self.node_keys[participant_id] = new
        return block

    def issue(self, amount: int, signed_by=(MEE, REG)) -> pb.Block:
        ministry = self.builder(MEE)
        return self.commit(ministry.set_cap(VINTAGE, 10**9), ministry.issue(VINTAGE, amount), signed_by=signed_by)


def sign(block: pb.Block, *signers: Signer) -> pb.Block:
    block.signatures.extend(pb.Signature(key_id=s.key_id, signature=s.sign_header(block.header)) for s in signers)
    return block


def history() -> NodeKeyHistory:
    return NodeKeyHistory.from_genesis(GENESIS_BYTES, PINNED)


def bundle(transaction: proofs_pb2.ProvenTx, changes=(), genesis: bytes = GENESIS_BYTES, version: int = 1) -> bytes:
    message = proofs_pb2.ProofBundle(version=version, genesis=genesis, key_changes=list(changes), transaction=transaction)
    return message.SerializeToString(deterministic=True)


def refused(reason: str, call, *args) -> LightClientError:
    with pytest.raises(LightClientError) as error:
        call(*args)
    assert error.value.reason == reason, error.value
    return error.value


@pytest.fixture
def chain() -> Chain:
    return Chain()


# -- the trust root --------------------------------------------------------------------------------


def test_the_genesis_founds_the_keys_the_quorum_and_the_institutions():
    found = history()
    assert found.root.quorum == 2 and found.root.institutions == {MEE, REG, EXCH} and found.root.chain_id == GENESIS.chain_id
    assert {r.participant_id for r in found.keys_at(1).values()} == {MEE, REG, EXCH}  # node keys only, no province's
    assert all(r.purpose == pb.KEY_PURPOSE_NODE for r in found.keys_at(1).values())


def test_genesis_bytes_that_do_not_hash_to_the_pinned_hash_are_refused():
    refused(lightclient.GENESIS_MISMATCH, NodeKeyHistory.from_genesis, GENESIS_BYTES, bytes(32))
    other = devnet.dev_genesis().SerializeToString()  # a genuine genesis, of another chain
    refused(lightclient.GENESIS_MISMATCH, NodeKeyHistory.from_genesis, other, PINNED)
    empty = pb.Genesis(chain_id="x").SerializeToString()
    refused(lightclient.GENESIS_INVALID, NodeKeyHistory.from_genesis, empty, crypto.genesis_hash(empty))  # pinned, yet no chain


# -- headers and the quorum ------------------------------------------------------------------------


def test_a_header_signed_by_two_of_three_institutions_is_trusted_and_by_one_is_not(chain):
    two = chain.issue(10)
    assert history().verify_transaction(proven_tx(two, 1)).signers == {MEE, REG}
    three = chain.issue(10, signed_by=(MEE, REG, EXCH))
    assert history().verify_transaction(proven_tx(three, 1)).signers == {MEE, REG, EXCH}
    one = chain.issue(10, signed_by=(EXCH,))
    error = refused(lightclient.HEADER_NOT_TRUSTED, history().verify_transaction, proven_tx(one, 1))
    assert "signed by 1 institution(s) (EXCH), quorum is 2" in str(error)


def test_an_institution_signing_twice_is_refused_not_counted_twice(chain):
    extra = new_node_key("second MEE key")
    added = chain.commit(chain.builder(MEE).add_key(MEE, extra.public_key, pb.KEY_PURPOSE_NODE))
    block = sign(chain.issue(10, signed_by=(MEE,)), extra)  # two valid keys of one institution, no second institution
    follow = history()
    follow.follow(proven_tx(added, 0), "key change 0")
    assert "MEE signs twice" in str(refused(lightclient.HEADER_NOT_TRUSTED, follow.verify_transaction, proven_tx(block, 1)))


def test_one_signature_that_does_not_verify_voids_the_header_even_beside_a_quorum(chain):
    block = chain.issue(10, signed_by=(MEE, REG, EXCH))
    block.signatures[2].signature = bytes(64)
    error = refused(lightclient.HEADER_NOT_TRUSTED, history().verify_transaction, proven_tx(block, 1))
    assert "signature 2 does not verify" in str(error)


def test_a_signature_by_a_key_no_genesis_or_key_change_established_is_refused(chain):
    block = chain.issue(10)
    stranger = new_node_key("listed by a lying node only")
    block.signatures[1].CopyFrom(pb.Signature(key_id=stranger.key_id, signature=stranger.sign_header(block.header)))
    error = refused(lightclient.HEADER_NOT_TRUSTED, history().verify_transaction, proven_tx(block, 1))
    assert stranger.key_id in str(error) and "not a node key valid at that height" in str(error)


# -- following key changes -------------------------------------------------------------------------


def test_a_rotated_node_key_is_followed_from_the_genesis(chain):
    rotation = chain.rotate(MEE, "MEE 2")  # signed by MEE's old key and REG's
    after = chain.issue(10, signed_by=(MEE, EXCH))  # MEE signs with its new key
    verified = verify_bundle(bundle(proven_tx(after, 1), [proven_tx(rotation, 0)]), PINNED)
    assert verified.signers == {MEE, EXCH} and verified.key_changes == 1 and verified.header.height == 2
    follow = history()
    follow.follow(proven_tx(rotation, 0), "key change 0")
    assert chain.node_keys[MEE].key_id in follow.keys_at(2) and chain.node_keys[MEE].key_id not in follow.keys_at(1)
    old = devnet.dev_key(MEE, pb.KEY_PURPOSE_NODE).key_id
    assert old in follow.keys_at(1) and old not in follow.keys_at(2)  # the rotation's own block is still the old key's


def test_the_old_key_may_not_sign_after_its_rotation(chain):
    old = chain.node_keys[MEE]
    rotation = chain.rotate(MEE, "MEE 2")
    chain.node_keys[MEE] = old  # a holder of the retired key signs on
    after = chain.issue(10, signed_by=(MEE, REG, EXCH))
    error = refused(lightclient.HEADER_NOT_TRUSTED, verify_bundle, bundle(proven_tx(after, 1), [proven_tx(rotation, 0)]), PINNED)
    assert old.key_id in str(error)


def test_an_omitted_rotation_makes_the_client_refuse_not_accept(chain):
    chain.rotate(MEE, "MEE 2")
    chain.rotate(REG, "REG 2", signed_by=(MEE, REG))
    after = chain.issue(10, signed_by=(MEE, REG))  # both new keys
    error = refused(lightclient.HEADER_NOT_TRUSTED, verify_bundle, bundle(proven_tx(after, 1), []), PINNED)
    assert chain.node_keys[MEE].key_id in str(error)


def test_an_omitted_revocation_lets_through_only_headers_a_retired_key_signs(chain):
    """The limit of every light client, stated as a test: a node can hide a revocation, and then a
    key retired because it leaked still counts. Honest institutions never sign with a retired key,
    so what the client accepts is true unless a quorum of retired keys is in an attacker's hands."""
    second = new_node_key("REG second")
    added = chain.commit(chain.builder(REG).add_key(REG, second.public_key, pb.KEY_PURPOSE_NODE))
    retired = chain.node_keys[REG]
    revocation = chain.commit(chain.builder(REG).revoke_key(REG, retired.key_id, "leaked"))
    chain.node_keys[REG] = second
    honest = chain.issue(10)
    changes = [proven_tx(added, 0), proven_tx(revocation, 0)]
    assert verify_bundle(bundle(proven_tx(honest, 1), changes), PINNED).signers == {MEE, REG}
    assert verify_bundle(bundle(proven_tx(honest, 1), changes[:1]), PINNED).signers == {MEE, REG}  # omitted: still true
    chain.node_keys[REG] = retired
    forged = chain.issue(500_000)  # signed by MEE and the retired key: the revocation decides
    refused(lightclient.HEADER_NOT_TRUSTED, verify_bundle, bundle(proven_tx(forged, 1), changes), PINNED)
    assert verify_bundle(bundle(proven_tx(forged, 1), changes[:1]), PINNED).result.code == pb.CODE_OK  # the limit


def test_a_key_change_signed_by_less_than_a_quorum_of_the_keys_before_it_is_refused(chain):
    rotation = chain.rotate(MEE, "MEE 2", signed_by=(MEE,))
    after = chain.issue(10, signed_by=(MEE, REG))
    error = refused(lightclient.HEADER_NOT_TRUSTED, verify_bundle, bundle(proven_tx(after, 1), [proven_tx(rotation, 0)]), PINNED)
    assert error.step == "key change 0"


def test_a_key_change_signed_by_the_key_it_adds_is_refused(chain):
    fake = new_node_key("added and self-signed")
    block = chain.commit(chain.builder(MEE).add_key(MEE, fake.public_key, pb.KEY_PURPOSE_NODE), signed_by=(REG,))
    sign(block, fake)  # REG and the new key: the new key is valid only from the next block
    error = refused(lightclient.HEADER_NOT_TRUSTED, history().follow, proven_tx(block, 0), "key change 0")
    assert fake.key_id in str(error)


def test_a_served_change_that_changes_no_node_key_or_did_not_apply_is_refused(chain):
    transactions_key = chain.commit(chain.builder(MEE).add_key(MEE, new_node_key("tx key").public_key))
    assert transactions_key.results[0].code == pb.CODE_OK
    error = refused(lightclient.KEY_CHANGE_INVALID, history().follow, proven_tx(transactions_key, 0), "key change 0")
    assert "changes no node key" in str(error)
    revoke_last = chain.commit(chain.builder(MEE).revoke_key(MEE, chain.node_keys[MEE].key_id))
    assert revoke_last.results[0].code == pb.CODE_LAST_ACTIVE_KEY
    assert "LAST_ACTIVE_KEY" in str(refused(lightclient.KEY_CHANGE_INVALID, history().follow, proven_tx(revoke_last, 0), "key change 0"))
    issue = chain.issue(10)
    refused(lightclient.KEY_CHANGE_INVALID, history().follow, proven_tx(issue, 1), "key change 0")


def test_key_changes_out_of_chain_order_or_at_the_transactions_height_are_refused(chain):
    first = chain.rotate(MEE, "MEE 2")
    second = chain.rotate(EXCH, "EXCH 2", signed_by=(MEE, REG))
    after = chain.issue(10, signed_by=(MEE, EXCH))
    assert verify_bundle(bundle(proven_tx(after, 1), [proven_tx(first, 0), proven_tx(second, 0)]), PINNED).key_changes == 2
    error = refused(lightclient.HEADER_NOT_TRUSTED, verify_bundle, bundle(proven_tx(after, 1), [proven_tx(second, 0), proven_tx(first, 0)]), PINNED)
    assert error.step == "key change 0"  # the second rotation's block is signed by MEE's new key: unknown before the first
    twice = [proven_tx(first, 0), proven_tx(first, 0)]
    assert "out of chain order" in str(refused(lightclient.KEY_CHANGE_INVALID, verify_bundle, bundle(proven_tx(after, 1), twice), PINNED))
    same_block = chain.commit(chain.builder(REG).rotate_key(REG, chain.node_keys[REG].key_id, new_node_key("REG 2").public_key),
                              chain.builder(MEE).issue(VINTAGE, 1), signed_by=(MEE, REG))
    changes = [proven_tx(first, 0), proven_tx(second, 0), proven_tx(same_block, 0)]
    error = refused(lightclient.KEY_CHANGE_INVALID, verify_bundle, bundle(proven_tx(same_block, 1), changes), PINNED)
    assert "not below the transaction's block" in str(error)


def test_two_quorum_signed_headers_at_one_height_are_refused(chain):
    mee, reg = (new_node_key(f"{pid} next") for pid in (MEE, REG))
    txs = [chain.builder(MEE).add_key(MEE, mee.public_key, pb.KEY_PURPOSE_NODE),
           chain.builder(REG).add_key(REG, reg.public_key, pb.KEY_PURPOSE_NODE)]
    with chain.store.reader() as reader:  # the same height, another time: REG signs both headers (equivocates)
        other = build_block(reader, chain.tip, chain.tip.time_ms + 5_000, REG, [tx.SerializeToString() for tx in txs]).block
    sign(other, chain.node_keys[REG], chain.node_keys[EXCH])
    one = chain.commit(*txs, signed_by=(MEE, REG))
    transaction = chain.issue(10)
    error = refused(lightclient.CONFLICTING_HEADERS, verify_bundle, bundle(proven_tx(transaction, 1), [proven_tx(one, 0), proven_tx(other, 1)]), PINNED)
    assert error.step == "key change 1"


def forged_change(chain: Chain, tx: pb.SignedTx) -> proofs_pb2.ProvenTx:
    """A block the ledger would never make (the transaction shown applied), yet signed by a
    quorum: what only a quorum of colluding institutions could serve."""
    raw = tx.SerializeToString()
    result = pb.TxResult(tx_id=crypto.tx_id(tx.body), code=pb.CODE_OK)
    header = pb.BlockHeader(version=HEADER_VERSION, chain_id=GENESIS.chain_id, height=chain.tip.height + 1, prev_hash=chain.tip.hash,
                            tx_root=tx_root([raw]), result_root=result_root([result]), state_root=bytes(32), time_ms=chain.tip.time_ms,
                            proposer=MEE, tx_count=1, history_size=chain.tip.height + 1, history_root=bytes(32))
    block = pb.Block(header=header.SerializeToString(), txs=[raw], results=[result])
    return proven_tx(sign(block, chain.node_keys[MEE], chain.node_keys[REG]), 0)


def test_a_key_change_the_ledger_would_refuse_is_refused_even_under_a_quorum(chain):
    reg_node_key = chain.node_keys[REG].key_id
    cases = [
        (chain.builder(MEE).revoke_key(MEE, reg_node_key), "not an active node key of 'MEE'"),  # another's key
        (chain.builder(MEE).add_key(identity.province_id("44"), new_node_key("province").public_key, pb.KEY_PURPOSE_NODE), "runs no node"),
        (chain.builder(MEE).add_key(MEE, chain.node_keys[REG].public_key, pb.KEY_PURPOSE_NODE), "not a new 32-byte public key"),
        (chain.builder(REG).rotate_key(REG, reg_node_key, new_node_key("x").public_key), None),  # the control: it applies
    ]
    for tx, problem in cases:
        follow = history()
        if problem is None:
            follow.follow(forged_change(chain, tx), "key change 0")
            assert follow.records[reg_node_key].revoked and len(follow.keys_at(2)) == 3
            continue
        before = {key_id: record.SerializeToString() for key_id, record in follow.records.items()}
        assert problem in str(refused(lightclient.KEY_CHANGE_INVALID, follow.follow, forged_change(chain, tx), "key change 0"))
        assert {key_id: record.SerializeToString() for key_id, record in follow.records.items()} == before  # nothing changed


# -- bundles ---------------------------------------------------------------------------------------


def test_a_bundle_of_another_version_with_unknown_fields_or_without_a_transaction_is_refused(chain):
    block = chain.issue(10)
    assert verify_bundle(bundle(proven_tx(block, 1)), PINNED).tx_id == block.results[1].tx_id
    refused(lightclient.UNSUPPORTED_VERSION, verify_bundle, bundle(proven_tx(block, 1), version=2), PINNED)
    refused(lightclient.PROOF_MALFORMED, verify_bundle, bundle(proven_tx(block, 1)) + b"\xf8\x07\x01", PINNED)  # field 127
    empty = proofs_pb2.ProofBundle(version=1, genesis=GENESIS_BYTES).SerializeToString()
    refused(lightclient.PROOF_MALFORMED, verify_bundle, empty, PINNED)
    refused(lightclient.PROOF_MALFORMED, verify_bundle, b"\xff", PINNED)
    verdict = check_bundle(b"\xff", PINNED)
    assert not verdict.ok and verdict.error.reason == lightclient.PROOF_MALFORMED  # the check that never raises


def test_a_later_copy_of_a_transaction_is_not_taken_for_its_verdict(chain):
    issue = chain.builder(MEE).issue(VINTAGE, 10)
    chain.commit(chain.builder(MEE).set_cap(VINTAGE, 1_000), issue)
    again = chain.commit(issue)
    assert again.results[0].code == pb.CODE_DUPLICATE_TX
    refused(lightclient.NOT_THE_DECIDING_COPY, verify_bundle, bundle(proven_tx(again, 0)), PINNED)


def flipped_bundles(raw: bytes):
    for position in range(len(raw)):
        for mask in (0x01, 0xFF):
            yield position, mask, raw[:position] + bytes([raw[position] ^ mask]) + raw[position + 1:]


def test_no_single_byte_flip_of_a_saved_proof_is_accepted(chain):
    """Every byte of the file is covered: the genesis by the pinned hash, each header by its
    signatures, transactions and results by the audit paths into the signed roots, the index by the
    paths' shape, the framing by the strict parse. No flip is harmless, and none is accepted."""
    rotation = chain.rotate(MEE, "MEE 2")
    cancel = chain.issue(5, signed_by=(MEE, REG, EXCH))
    raw = bundle(proven_tx(cancel, 1), [proven_tx(rotation, 0)])
    assert check_bundle(raw, PINNED).ok
    reasons: dict[str, int] = {}
    accepted = []
    for position, mask, flipped in flipped_bundles(raw):
        verdict = check_bundle(flipped, PINNED)
        if verdict.ok:
            accepted.append((position, mask))
        else:
            reasons[verdict.error.reason] = reasons.get(verdict.error.reason, 0) + 1
    assert accepted == [], f"{len(accepted)} of {2 * len(raw)} flips accepted: {accepted[:10]}"
    assert sum(reasons.values()) == 2 * len(raw) > 10_000
    assert {lightclient.GENESIS_MISMATCH, lightclient.HEADER_NOT_TRUSTED, lightclient.TX_NOT_COMMITTED,
            lightclient.RESULT_NOT_COMMITTED, lightclient.PROOF_MALFORMED} <= set(reasons)  # every part is reached


def test_every_kind_that_writes_key_records_is_one_the_light_client_reads():
    """A tripwire for new kinds: a handler that adds or revokes keys must be known to
    `is_node_key_change` (or, like a registration, be unable to touch a node key)."""
    import inspect

    from cets.ledger.txs import HANDLERS

    writers = {kind for kind, handler in HANDLERS.items()
               if any(call in inspect.getsource(handler) for call in ("store_new_keys(", "_revoke(", "put_key("))}
    assert writers == {"register_participant", "add_key", "rotate_key", "revoke_key", "recover_key"}, \
        "a new kind writes key records: teach ledger.lightclient.is_node_key_change about it, then list it here"
    registration = pb.TxBody(register_participant=pb.RegisterParticipant(keys=[pb.KeySpec(purpose=pb.KEY_PURPOSE_NODE)]))
    assert not lightclient.is_node_key_change(registration, lambda key_id: True)  # institutions come from the genesis only
    # A recovery never touches a node key (KEY_NOT_RECOVERABLE: tests/test_key_ownership.py), so the
    # light client has nothing to follow in it.
    recovery = pb.TxBody(recover_key=pb.RecoverKey(new_key=pb.KeySpec(purpose=pb.KEY_PURPOSE_NODE)))
    assert not lightclient.is_node_key_change(recovery, lambda key_id: True)


def test_a_registration_cannot_bring_a_node_key(chain):
    from tests.test_state_machine import make_key, uscc

    participant_id = uscc("11", 1)
    key = make_key(participant_id, pb.KEY_PURPOSE_NODE)
    block = chain.commit(chain.builder(REG).register_participant(participant_id, pb.ROLE_INSTITUTION, "Trader", [key.spec()]))
    assert block.results[0].code == pb.CODE_INVALID_FIELD and "only institutions run nodes" in block.results[0].detail
