"""Envelopes and headers are canonical with no unknown field (DESIGN §3, issue 6.3).

A `SignedTx` envelope is not signed: anyone relaying a transaction could re-wrap its body (a field
added, reordered or repeated), and the node used to store those other bytes under the same id. A
header re-encoded with the same content has another hash, so a re-signed copy is a second block
with the same meaning. Both are refused: envelopes at admission (a real node over gRPC) and with
the same verdict inside a block, headers by the replay every node and auditor runs.
"""

from __future__ import annotations

import asyncio
import pathlib

import pytest

from cets.v1 import messages as pb
from cets.clients.audit import audit_data_dir
from cets.clients.builder import TxBuilder, signed_tx_id
from cets.clients.sdk import AsyncClient, CetsError
from cets.ledger import crypto
from cets.ledger.chain import Tip, build_block
from cets.ledger.errors import ChainError
from cets.ledger.machine import raw_tx_id
from cets.ledger.verify import Replayer
from cets.node import devnet
from tests.conftest import start_node
from tests.test_audit_tamper import put_block, read_blocks
from tests.test_state_machine import GENESIS_BYTES, MEE, NODE_KEY, Ledger, code_name

VINTAGE = 2025


# -- byte surgery: same content, other bytes -------------------------------------------------------

def field_bytes(number: int, payload: bytes) -> bytes:
    """One length-delimited field (wire type 2); every field used here is shorter than 128 bytes."""
    assert len(payload) < 128
    return bytes([number << 3 | 2, len(payload)]) + payload


def known_content(message_type, raw: bytes):
    """What a reader that ignores unknown fields sees in `raw`."""
    message = message_type.FromString(raw)
    message.DiscardUnknownFields()
    return message


def with_unknown_field(raw: bytes) -> bytes:
    return raw + b"\xf8\x01\x07"  # field 31, varint 7: no message here has it


def body_repeated(tx: pb.SignedTx) -> bytes:
    """The body field twice: a parser keeps the last, so the content is the same."""
    return field_bytes(1, tx.body) + tx.SerializeToString()


def signatures_first(tx: pb.SignedTx) -> bytes:
    """The signatures before the body: the same message, out of field order."""
    signatures = b"".join(field_bytes(2, signature.SerializeToString()) for signature in tx.signatures)
    return signatures + field_bytes(1, tx.body)


def unknown_field_in_signature(tx: pb.SignedTx) -> bytes:
    return field_bytes(1, tx.body) + field_bytes(2, with_unknown_field(tx.signatures[0].SerializeToString()))


ENVELOPE_REWRAPS = {
    "unknown field": lambda tx: with_unknown_field(tx.SerializeToString()),
    "unknown field in a signature": unknown_field_in_signature,
    "body repeated": body_repeated,
    "signatures first": signatures_first,
}


def test_every_rewrap_parses_to_the_same_transaction():
    tx = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(MEE)).set_cap(VINTAGE, 1)
    for name, rewrap in ENVELOPE_REWRAPS.items():
        raw = rewrap(tx)
        assert raw != tx.SerializeToString(), name
        assert known_content(pb.SignedTx, raw) == tx, name


# -- envelopes over gRPC ------------------------------------------------------------------------------

async def stored_view(client: AsyncClient, tx: pb.SignedTx):
    return await client.transaction(signed_tx_id(tx))


@pytest.mark.parametrize("rewrap", list(ENVELOPE_REWRAPS))
async def test_a_rewrapped_envelope_is_refused_at_admission_and_nothing_is_stored(node, ministry, rewrap):
    client = node.client
    head = await client.head()
    tx = ministry.set_cap(VINTAGE, 1_000)
    raw = ENVELOPE_REWRAPS[rewrap](tx)
    with pytest.raises(CetsError) as info:
        await client.submit(raw)
    assert (info.value.reason, info.value.metadata.get("height")) == ("MALFORMED", "0"), info.value
    (receipt,) = await client.submit_batch([ENVELOPE_REWRAPS[rewrap](tx)])
    assert receipt.status == pb.TX_STATUS_REJECTED and receipt.code == pb.CODE_MALFORMED and receipt.height == 0
    assert receipt.detail.startswith("tx"), receipt.detail
    # The refusal names the bytes sent, never the body's id: that id stays free for the signer's own envelope.
    assert receipt.tx_id == crypto.invalid_tx_id(raw) != signed_tx_id(tx)
    assert (await client.head()).height == head.height
    view = await stored_view(client, tx)
    assert view.receipt.status == pb.TX_STATUS_UNKNOWN and not view.tx
    assert (await client.supply(VINTAGE)).cap == 0


async def test_the_canonical_envelope_of_the_same_body_is_applied_and_stored_as_sent(node, ministry):
    client = node.client
    tx = ministry.set_cap(VINTAGE, 1_000)
    refused, applied = await client.submit_batch([with_unknown_field(tx.SerializeToString()), tx])
    assert (refused.code, applied.code) == (pb.CODE_MALFORMED, pb.CODE_OK), (refused.detail, applied.detail)
    view = await stored_view(client, tx)
    assert view.tx == tx.SerializeToString()
    # A rewrapped copy sent later is still refused (it is not the transaction), and the stored bytes stay.
    (again,) = await client.submit_batch([signatures_first(tx)])
    assert again.code == pb.CODE_MALFORMED and again.height == 0
    assert (await stored_view(client, tx)).tx == tx.SerializeToString()


# -- envelopes inside a block: the same verdict on every replica -----------------------------------

def test_a_rewrapped_envelope_in_a_block_is_malformed_on_replay_and_leaves_the_signer_its_transaction():
    ledger = Ledger()
    ministry = ledger.builder(MEE)
    tx = ministry.set_cap(VINTAGE, 1_000)
    raw = with_unknown_field(tx.SerializeToString())
    (result,) = ledger.commit([raw]).results  # a proposer that skipped admission
    assert code_name(result) == "CODE_MALFORMED" and result.tx_id == raw_tx_id(raw) == crypto.invalid_tx_id(raw)
    (applied,) = ledger.run(tx)
    assert code_name(applied) == "CODE_OK" and applied.tx_id == signed_tx_id(tx)
    replayer = Replayer(GENESIS_BYTES)
    replayed = [replayer.apply(block).results for block in ledger.blocks]
    assert [[code_name(r) for r in results] for results in replayed] == [["CODE_MALFORMED"], ["CODE_OK"]]


# -- headers --------------------------------------------------------------------------------------------

def proposer_first(header: bytes) -> bytes:
    parsed = pb.BlockHeader.FromString(header)
    proposer = field_bytes(8, parsed.proposer.encode())
    parsed.ClearField("proposer")
    return proposer + parsed.SerializeToString()


HEADER_REWRAPS = {
    "unknown field": with_unknown_field,
    "field repeated": lambda header: header + field_bytes(8, pb.BlockHeader.FromString(header).proposer.encode()),
    "field out of order": proposer_first,
}
HEADER_REFUSALS = {
    "unknown field": "header: carries fields this ledger does not know",
    "field repeated": "header: not in canonical encoding",
    "field out of order": "header: not in canonical encoding",
}


def resigned(block: pb.Block, header: bytes, key) -> pb.Block:
    """The block with `header`, signed again by `key` as its proposer would."""
    copy = pb.Block()
    copy.CopyFrom(block)
    copy.header = header
    del copy.signatures[:]
    copy.signatures.append(pb.Signature(key_id=key.key_id, signature=key.signer.sign_header(header)))
    return copy


@pytest.mark.parametrize("rewrap", list(HEADER_REWRAPS))
def test_a_reencoded_resigned_header_is_refused_by_the_replay_at_its_height(rewrap):
    """The proposer re-encodes block 2's header, signs it, and builds block 3 on its hash."""
    ledger = Ledger()
    ministry = ledger.builder(MEE)
    ledger.run(ministry.set_cap(VINTAGE, 1_000))
    raws = [ministry.issue(VINTAGE, 10).SerializeToString()]
    with ledger.store.reader() as reader:
        built = build_block(reader, ledger.tip, ledger.next_time_ms, NODE_KEY.participant_id, raws)
    header = HEADER_REWRAPS[rewrap](built.header)
    assert header != built.header and known_content(pb.BlockHeader, header) == pb.BlockHeader.FromString(built.header)
    raw_block = resigned(built.block, header, NODE_KEY).SerializeToString()
    ledger.store.commit_block(2, crypto.header_hash(header), raw_block, [r.tx_id for r in built.results], built.writes)
    ledger.tip, ledger.blocks = Tip.of_header(header), ledger.blocks + [raw_block]
    ledger.run(ministry.issue(VINTAGE, 5))  # block 3 links to the re-encoded header's hash
    replayer = Replayer(GENESIS_BYTES)
    replayer.apply(ledger.blocks[0])
    with pytest.raises(ChainError) as caught:
        replayer.apply(ledger.blocks[1])
    assert (caught.value.height, caught.value.what) == (2, HEADER_REFUSALS[rewrap])


async def _small_chain(data_dir: pathlib.Path) -> None:
    running = await start_node(data_dir)
    try:
        ministry = TxBuilder(devnet.DEV_CHAIN_ID, devnet.dev_key(MEE))
        for tx in (ministry.set_cap(VINTAGE, 1_000), ministry.issue(VINTAGE, 10)):
            assert (await running.client.submit(tx)).code == pb.CODE_OK
    finally:
        await running.stop()


def node_key_of(block: pb.Block):
    (signature,) = block.signatures
    (key,) = [k for k in (devnet.dev_key(i, pb.KEY_PURPOSE_NODE) for i in devnet.INSTITUTIONS) if k.key_id == signature.key_id]
    return key


def test_the_offline_audit_refuses_a_node_whose_head_block_has_a_reencoded_resigned_header(tmp_path):
    data_dir = tmp_path / "node"
    asyncio.run(_small_chain(data_dir))
    blocks = read_blocks(data_dir)
    height = max(blocks)
    block = pb.Block.FromString(blocks[height])
    put_block(data_dir, height, resigned(block, proposer_first(block.header), node_key_of(block)).SerializeToString())
    result = audit_data_dir(data_dir)
    assert not result.ok and result.bad_height == height
    assert result.problem == "header: not in canonical encoding", result.problem
