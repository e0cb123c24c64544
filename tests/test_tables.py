"""The state tables are declared once (ledger/tables.py): unique prefixes, none a prefix of
another, key codecs that round-trip and sort as listings want, and every key the ledger writes
belongs to a declared table."""

from __future__ import annotations

import itertools

import pytest

from cets.v1 import messages as pb
from cets.ledger import tables
from cets.ledger.state import State
from cets.ledger.tables import TABLES


def test_table_prefixes_are_unique_and_none_is_a_prefix_of_another():
    for left, right in itertools.permutations(TABLES, 2):
        assert not right.prefix.startswith(left.prefix), f"{left.name} {left.prefix!r} is a prefix of {right.name} {right.prefix!r}"
    assert len({table.name for table in TABLES}) == len(TABLES)


SAMPLES = {
    "text": ["", "A", "91110000MA0012345X", "北京", "MEE.reserve"],
    "uint": [0, 1, 2025, 2**32 - 1],
    "unit": [pb.Unit(product=pb.PRODUCT_CEA, vintage=2025), pb.Unit(product=pb.PRODUCT_CCER, vintage=2019, project_id="P-1/x")],
}


def sample_values(part) -> list:
    if isinstance(part, tables.Text):
        return SAMPLES["text"]
    if isinstance(part, tables.Uint):
        return SAMPLES["uint"] + ([2**64 - 1] if part.width == 8 else [])
    if isinstance(part, tables.Fixed):
        return [bytes(part.length), bytes(range(part.length))]
    return SAMPLES["unit"]


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_key_codec_round_trips(table):
    for values in itertools.product(*(sample_values(part)[:3] for part in table.parts)):
        key = table.key(*values)
        assert key.startswith(table.prefix)
        assert table.parts_of(key) == values
        assert tables.table_of(key) is table


def test_a_text_part_before_the_last_cannot_run_into_the_next_part():
    # ("ab", 1) and ("a", ...) must never share a key, whatever follows.
    assert tables.HOLDINGS.key("ab", SAMPLES["unit"][0]) != tables.HOLDINGS.key("a", SAMPLES["unit"][0])
    assert not tables.HOLDINGS.key("ab", SAMPLES["unit"][0]).startswith(tables.HOLDINGS.key_prefix("a"))


def test_a_lookup_by_an_identifier_holding_a_nul_finds_nothing_and_storing_one_is_refused():
    state = State(_Empty())
    state.add_balance("A", SAMPLES["unit"][0], 5)
    assert state.balance("A\x00", SAMPLES["unit"][0]) == 0
    with pytest.raises(AssertionError):
        tables.HOLDINGS.put(state, 1, "A\x00B", SAMPLES["unit"][0])


def test_integer_parts_sort_by_value():
    keys = [tables.CAPS.key(v) for v in (1, 255, 256, 2025, 70000)]
    assert keys == sorted(keys)
    keys = [tables.RULEBOOK_VERSIONS.key(v) for v in (0, 1, 2**40, 2**63)]
    assert keys == sorted(keys)


def test_a_scan_is_bounded_and_resumes_after_the_last_key():
    state = State(_Empty())
    for vintage in range(2020, 2030):
        state.set_cap(vintage, vintage)
    first = list(tables.CAPS.scan(state, limit=3))
    assert [parts[0] for _, parts, _ in first] == [2020, 2021, 2022]
    rest = list(tables.CAPS.scan(state, after=first[-1][0], limit=100))
    assert [parts[0] for _, parts, _ in rest] == list(range(2023, 2030))


def test_every_key_a_chain_writes_belongs_to_a_declared_table(tmp_path):
    from cets.ledger.genesis import genesis_writes
    from cets.node.devnet import dev_genesis

    writes = genesis_writes(dev_genesis())
    assert writes
    for key in writes:
        table = tables.table_of(key)
        assert table is not None, key
        table.parts_of(key)  # decodes exactly, no trailing bytes


class _Empty:
    def get(self, key):
        return None

    def scan(self, prefix, start_after=None, limit=None):
        return iter(())
