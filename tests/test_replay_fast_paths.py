"""The replay's fast paths give the answers of the plain code they stand in for (bench/audit.py).

`encoding.is_strict` answers "no unknown field at any depth, canonical bytes" in one pass in C where
`unknown_field_path` and `is_canonical` walk the message in Python: on every byte of a transaction
and every single-byte change of it, both must agree. `MemoryStore` keeps its keys in lists sorted
only when a scan needs them: every scan must return what a sorted list of the whole state would.
"""

from __future__ import annotations

import random

from cets.v1 import messages as pb
from cets.ledger.encoding import is_canonical, is_strict, unknown_field_path
from cets.ledger.memstore import MemoryStore


def _strict_the_slow_way(message_type, raw: bytes) -> bool:
    message = message_type.FromString(raw)
    return unknown_field_path(message, "m") is None and is_canonical(message, raw)


def _sample_envelope() -> bytes:
    body = pb.TxBody(chain_id="cets-test", signer="alice", client_id="c-1",
                     transfer=pb.Transfer(from_account="alice-1", to_account="bob-1", amount=7,
                                          unit=pb.Unit(product=pb.PRODUCT_CEA, vintage=2025))).SerializeToString()
    return pb.SignedTx(body=body, signatures=[pb.Signature(key_id="k" * 64, signature=bytes(64))]).SerializeToString()


def _variants(raw: bytes):
    """The bytes, each single-byte change (three values per offset), and unknown fields appended."""
    yield raw
    for offset in range(len(raw)):
        for value in (0x00, 0x08 | (raw[offset] & 0x07), raw[offset] ^ 0x01):
            yield raw[:offset] + bytes([value]) + raw[offset + 1:]
    yield raw + bytes([0x98, 0x06, 0x01])  # field 99, varint: unknown at the top
    yield raw + bytes([0x0a, 0x00])  # field 1 again, empty: not canonical


def test_is_strict_agrees_with_the_unknown_field_and_canonical_checks_on_every_byte_change():
    envelope_raw = _sample_envelope()
    body_raw = pb.SignedTx.FromString(envelope_raw).body
    checked = 0
    for message_type, raw in ((pb.SignedTx, envelope_raw), (pb.TxBody, body_raw)):
        for variant in _variants(raw):
            try:
                message = message_type.FromString(variant)
            except Exception:  # does not parse: neither check is reached
                continue
            assert is_strict(message, variant) == _strict_the_slow_way(message_type, variant), variant.hex()
            checked += 1
    assert checked > 500


def test_is_strict_refuses_an_unknown_field_nested_deep_in_the_payload():
    body = pb.TxBody.FromString(pb.SignedTx.FromString(_sample_envelope()).body)
    unit = body.transfer.unit.SerializeToString() + bytes([0x98, 0x06, 0x01])
    body.transfer.unit.Clear()
    body.transfer.unit.MergeFromString(unit)
    raw = body.SerializeToString()
    assert unknown_field_path(pb.TxBody.FromString(raw), "body") == "body.transfer.unit"
    assert not is_strict(pb.TxBody.FromString(raw), raw)


def test_memory_store_scans_match_a_sorted_model_through_adds_deletes_and_re_adds():
    rng = random.Random(7)
    store = MemoryStore()
    store.init_genesis(b"g", b"h" * 32, {b"A1": b"x"})
    model = {b"A1": b"x"}
    firsts = [b"A", b"B", b"H", b"T", b"\x00", b"\xff"]
    for height in range(1, 50):
        writes = {}
        for _ in range(rng.randint(0, 30)):
            key = rng.choice(firsts) + bytes(rng.choice(b"ab\x00\xff") for _ in range(rng.randint(0, 3)))
            writes[key] = None if rng.random() < 0.3 else bytes([height])
        for key, value in writes.items():
            if value is None:
                model.pop(key, None)
            else:
                model[key] = value
        store.commit_block(height, bytes([height]) * 32, b"block", [], writes)
        with store.reader() as reader:
            for prefix in (b"", b"A", b"Aa", b"H", b"\xff", b"Z"):
                for after in (None, b"A", b"Ab", b"B", b"H\xff", b"\x00", b"\xff\xff\xff\xff"):
                    for limit in (None, 1, 3):
                        want = [(key, model[key]) for key in sorted(model) if key.startswith(prefix) and (after is None or key > after)]
                        assert list(reader.scan(prefix, after, limit)) == want[:limit], (height, prefix, after, limit)
