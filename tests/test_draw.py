"""The verification draw of arts. 27-28 (双随机、一公开): ledger/draw.py against its specification.

docs/verification-draw.md specifies the draw so that anyone can reproduce it without cets's code.
This file holds a second implementation written only from that page, deliberately naive (plain
dictionaries, whole-stream slicing, `%` by a power of two instead of a mask, a sort for the
least-loaded body), and checks that the two agree on every input hypothesis finds, valid or not,
and on the committed test vectors, down to every word read. The rules of arts. 27-28 (who is
selected, who verifies whom, within which limits) are then checked on the module directly, with
the edges (one candidate, all selected, one body, one choice left, impossible constraints) named.
"""

from __future__ import annotations

import ast
import collections
import hashlib
import importlib.util
import json
import pathlib
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cets.ledger.draw import (
    Assignment,
    DrawError,
    DrawInputs,
    DrawReason,
    DrawResult,
    check_draw,
    draw,
    selection_count,
    trace_draw,
    verify_draw,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "verification-draw.md"
VECTORS = ROOT / "docs" / "vectors" / "draw-v1.json"


def load_generator():
    """docs/vectors/make_draw_vectors.py, which writes the vectors and renders the worked example."""
    spec = importlib.util.spec_from_file_location("make_draw_vectors", ROOT / "docs" / "vectors" / "make_draw_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()
VECTOR_LIST = json.loads(VECTORS.read_text())["vectors"]


# --- The reference: docs/verification-draw.md, transcribed literally ------------------------


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ref_well_formed_id(value) -> bool:
    if not isinstance(value, str) or not 1 <= len(value) <= 64:
        return False
    return all(0x21 <= ord(character) <= 0x7E for character in value)


def ref_check_list(values, empty_reason, most, compare_key=lambda value: value) -> None:
    """Page, step 0, rows 4 and 5: not empty, not too many, ids well-formed, strictly ascending."""
    if len(values) == 0:
        raise Refused(empty_reason)
    if len(values) > most:
        raise Refused("LIST_TOO_LONG")
    for value in values:
        if not ref_well_formed_id(value):
            raise Refused("ID_MALFORMED")
    ref_check_ascending([compare_key(value) for value in values])


def ref_check_ascending(keys) -> None:
    for index in range(1, len(keys)):
        if keys[index] == keys[index - 1]:
            raise Refused("IDS_DUPLICATED")
        if keys[index] < keys[index - 1]:
            raise Refused("IDS_NOT_SORTED")


def ref_check(inputs: dict) -> None:
    """Step 0 of the page, row by row."""
    if not isinstance(inputs["seed"], bytes) or len(inputs["seed"]) != 32:
        raise Refused("SEED_MALFORMED")
    for name, bits in (("seed_height", 64), ("year", 32), ("draw_number", 32)):
        if not 0 <= inputs[name] < 2**bits:
            raise Refused("NUMBER_OUT_OF_RANGE")
    if not ref_well_formed_id(inputs["province"]):
        raise Refused("ID_MALFORMED")
    candidates, bodies, conflicts = inputs["candidates"], inputs["bodies"], inputs["conflicts"]
    ref_check_list(candidates, "CANDIDATES_EMPTY", 100_000, lambda value: value.encode("ascii"))
    ref_check_list(bodies, "BODIES_EMPTY", 1_000, lambda value: value.encode("ascii"))
    if len(conflicts) > 100_000:
        raise Refused("LIST_TOO_LONG")
    for body, emitter in conflicts:
        if not (ref_well_formed_id(body) and ref_well_formed_id(emitter)):
            raise Refused("ID_MALFORMED")
        if body not in bodies or emitter not in candidates:
            raise Refused("CONFLICT_UNKNOWN_ID")
    ref_check_ascending([(body.encode("ascii"), emitter.encode("ascii")) for body, emitter in conflicts])
    count, capacity = inputs["select_count"], inputs["capacity_per_body"]
    if not 1 <= count <= len(candidates):
        raise Refused("COUNT_OUT_OF_RANGE")
    if not 1 <= capacity <= 2**32 - 1:
        raise Refused("CAPACITY_OUT_OF_RANGE")
    eligible = {emitter: len([body for body in bodies if [body, emitter] not in conflicts]) for emitter in candidates}
    if any(eligible[emitter] == 0 for emitter in candidates):
        raise Refused("NO_ELIGIBLE_BODY")
    if count > capacity * len(bodies):
        raise Refused("CAPACITY_TOO_SMALL")
    if any(eligible[emitter] <= (count - 1) // capacity for emitter in candidates):
        raise Refused("CONSTRAINTS_TOO_TIGHT")


def ref_text(value: str) -> bytes:
    return len(value).to_bytes(4, "big") + value.encode("ascii")


def ref_encoding(inputs: dict) -> bytes:
    """Step 1: the fields in the page's order."""
    out = b"cets/draw/v1" + b"\x00" + inputs["seed"] + inputs["seed_height"].to_bytes(8, "big")
    out += ref_text(inputs["province"]) + inputs["year"].to_bytes(4, "big") + inputs["draw_number"].to_bytes(4, "big")
    out += len(inputs["candidates"]).to_bytes(4, "big") + b"".join(ref_text(c) for c in inputs["candidates"])
    out += inputs["select_count"].to_bytes(4, "big")
    out += len(inputs["bodies"]).to_bytes(4, "big") + b"".join(ref_text(b) for b in inputs["bodies"])
    out += len(inputs["conflicts"]).to_bytes(4, "big")
    out += b"".join(ref_text(body) + ref_text(emitter) for body, emitter in inputs["conflicts"])
    return out + inputs["capacity_per_body"].to_bytes(4, "big")


class RefStream:
    """Step 3: blocks SHA-256(key || uint64 counter), cut into 4-byte big-endian words."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.data = b""
        self.position = 0

    def word(self) -> int:
        while len(self.data) < 4 * (self.position + 1):
            counter = len(self.data) // 32
            self.data += hashlib.sha256(self.key + counter.to_bytes(8, "big")).digest()
        self.position += 1
        return int.from_bytes(self.data[4 * (self.position - 1): 4 * self.position], "big")

    def uniform(self, n: int, record: list) -> int:
        """Step 4: the low k bits, k the bits n - 1 needs; reject while n or more."""
        if n == 1:
            record.append({"bound": 1, "words": [], "value": 0})
            return 0
        k = 0
        while 2**k < n:
            k += 1
        words = []
        while True:
            word = self.word()
            words.append(f"{word:08x}")
            if word % 2**k < n:
                record.append({"bound": n, "words": words, "value": word % 2**k})
                return word % 2**k


def ref_shuffle(stream: RefStream, items: list, steps: int, record: list) -> list:
    """Steps 5 and 6: j = i + uniform(n - i), swap i and j."""
    items = list(items)
    for i in range(steps):
        j = i + stream.uniform(len(items) - i, record)
        items[i], items[j] = items[j], items[i]
    return items


def reference_draw(inputs: dict) -> dict:
    """The whole draw of the page, every intermediate value in the vectors' JSON form."""
    try:
        ref_check(inputs)
    except Refused as refusal:
        return {"refusal": refusal.reason}
    encoding = ref_encoding(inputs)
    key = hashlib.sha256(encoding).digest()
    stream = RefStream(key)
    selection_draws, body_draws = [], []
    selected = ref_shuffle(stream, inputs["candidates"], inputs["select_count"], selection_draws)[: inputs["select_count"]]
    body_order = ref_shuffle(stream, inputs["bodies"], len(inputs["bodies"]), body_draws)
    load = {body: 0 for body in inputs["bodies"]}
    deal = []
    for emitter in selected:
        excluded = [body for body in body_order if [body, emitter] in inputs["conflicts"]]
        eligible = [body for body in body_order if body not in excluded]
        body = sorted(eligible, key=lambda b: (load[b], body_order.index(b)))[0]
        deal.append({"emitter": emitter, "loads": [load[b] for b in body_order], "excluded": excluded, "body": body})
        load[body] += 1
    blocks_read = (stream.position + 7) // 8
    return {
        "encoding": encoding.hex(), "key": key.hex(),
        "blocks": [stream.data[32 * n: 32 * n + 32].hex() for n in range(blocks_read)],
        "selection_draws": selection_draws, "selected": selected, "body_draws": body_draws,
        "body_order": body_order, "deal": deal, "assignments": [[d["emitter"], d["body"]] for d in deal],
    }


# --- Moving between the vectors' JSON form and the module's inputs ---------------------------


def json_inputs(raw: dict) -> dict:
    """A vector's inputs with the seed as bytes and conflicts as [body, emitter] lists."""
    return {**raw, "seed": bytes.fromhex(raw["seed"]), "conflicts": [list(pair) for pair in raw["conflicts"]]}


def to_inputs(inputs: dict) -> DrawInputs:
    return DrawInputs(
        seed=inputs["seed"], seed_height=inputs["seed_height"], province=inputs["province"], year=inputs["year"],
        draw_number=inputs["draw_number"], candidates=tuple(inputs["candidates"]), select_count=inputs["select_count"],
        bodies=tuple(inputs["bodies"]), conflicts=tuple(tuple(pair) for pair in inputs["conflicts"]),
        capacity_per_body=inputs["capacity_per_body"],
    )


def module_draw(inputs: dict) -> dict:
    """ledger/draw.py's answer in the vectors' JSON form."""
    return GENERATOR.expected_of({**inputs, "seed": inputs["seed"].hex()})


def example(**changes) -> dict:
    """The worked example's inputs, with some fields changed."""
    return {**json_inputs(GENERATOR.WORKED_EXAMPLE), **changes}


def make(candidates=5, count=2, bodies=3, conflicts=(), capacity=5, seed=b"\x07" * 32, draw_number=1) -> DrawInputs:
    return DrawInputs(
        seed=seed, seed_height=100, province="44", year=2025, draw_number=draw_number,
        candidates=tuple(f"KE-{n:02d}" for n in range(1, candidates + 1)), select_count=count,
        bodies=tuple(f"VB-{letter}" for letter in "ABCDEFGHIJ"[:bodies]), conflicts=tuple(conflicts),
        capacity_per_body=capacity,
    )


# --- Strategies --------------------------------------------------------------------------------

GOOD_ID = st.text(alphabet="AB9-~", min_size=1, max_size=3)
BAD_ID = st.sampled_from(["", "A B", "é", "A" * 65, "A\x7f", "\t"])


@st.composite
def id_lists(draw_from, max_size: int, allow_bad: bool) -> list[str]:
    values = sorted(draw_from(st.sets(GOOD_ID, min_size=1, max_size=max_size)))
    if not allow_bad:
        return values
    damage = draw_from(st.sampled_from(["none"] * 8 + ["reversed", "duplicate", "empty", "bad id"]))
    if damage == "reversed" and len(values) > 1:
        return values[::-1]
    if damage == "duplicate":
        return sorted(values + [values[0]])
    if damage == "empty":
        return []
    if damage == "bad id":
        return sorted(values + [draw_from(BAD_ID)])
    return values


@st.composite
def any_inputs(draw_from, allow_bad: bool = True) -> dict:
    """Inputs of every kind: valid, infeasible, and (with allow_bad) malformed in each field."""
    candidates = draw_from(id_lists(10, allow_bad))
    bodies = draw_from(id_lists(4, allow_bad))
    pairs = [[body, emitter] for body in bodies for emitter in candidates]
    conflicts = sorted(draw_from(st.lists(st.sampled_from(pairs), max_size=4, unique_by=tuple))) if pairs else []
    if allow_bad and draw_from(st.integers(0, 9)) == 0:
        conflicts = draw_from(st.sampled_from([conflicts[::-1], conflicts + [["ZZZ", "ZZZ"]], [["", "A"]]]))
    seed_size = draw_from(st.sampled_from([32] * 9 + [31, 0])) if allow_bad else 32
    wide = st.integers(-1, 2**64) if allow_bad else st.integers(0, 2**64 - 1)
    narrow = st.integers(-1, 2**32) if allow_bad else st.integers(0, 2**32 - 1)
    return {
        "seed": draw_from(st.binary(min_size=seed_size, max_size=seed_size)),
        "seed_height": draw_from(st.one_of(st.integers(0, 10**6), wide)),
        "province": draw_from(st.one_of(GOOD_ID, BAD_ID) if allow_bad else GOOD_ID),
        "year": draw_from(st.one_of(st.integers(2020, 2030), narrow)),
        "draw_number": draw_from(st.one_of(st.integers(0, 5), narrow)),
        "candidates": candidates,
        "select_count": draw_from(st.integers(0 if allow_bad else 1, len(candidates) + (1 if allow_bad else 0)) if candidates else st.just(1)),
        "bodies": bodies,
        "conflicts": conflicts,
        "capacity_per_body": draw_from(st.integers(0 if allow_bad else 1, len(candidates) + 2)),
    }


@st.composite
def feasible_inputs(draw_from) -> dict:
    """Inputs that pass every check: each emitter keeps more eligible bodies than can fill up."""
    inputs = draw_from(any_inputs(allow_bad=False))
    count, capacity, bodies = inputs["select_count"], inputs["capacity_per_body"], inputs["bodies"]
    if count > capacity * len(bodies) or (count - 1) // capacity >= len(bodies):
        capacity = count
    conflicts_per_emitter_max = len(bodies) - (count - 1) // capacity - 1
    conflicts = []
    for emitter in inputs["candidates"]:
        taken = draw_from(st.lists(st.sampled_from(bodies), max_size=conflicts_per_emitter_max, unique=True))
        conflicts += [[body, emitter] for body in taken]
    return {**inputs, "capacity_per_body": capacity, "conflicts": sorted(conflicts)}


# --- The vectors and the page --------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=lambda vector: vector["name"])
def test_art27_each_published_vector_reproduces_with_ledger_draw(vector):
    assert module_draw(json_inputs(vector["inputs"])) == vector["expected"]


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=lambda vector: vector["name"])
def test_art27_each_published_vector_reproduces_from_the_specification_alone(vector):
    assert reference_draw(json_inputs(vector["inputs"])) == vector["expected"]


def test_art27_the_worked_example_in_the_docs_is_the_first_vector():
    first = VECTOR_LIST[0]
    assert first["name"] == "worked-example"
    assert GENERATOR.worked_example_in_page(PAGE.read_text()) == GENERATOR.render_worked_example(first)


def test_the_vector_file_is_what_the_generator_writes():
    assert json.loads(VECTORS.read_text()) == GENERATOR.build_vectors()


def test_the_vectors_cover_every_edge_the_page_promises():
    shown = {vector["name"]: vector["expected"] for vector in VECTOR_LIST}
    example_draws = shown["worked-example"]["selection_draws"] + shown["worked-example"]["body_draws"]
    assert any(len(call["words"]) > 1 for call in example_draws), "the example shows no rejected word"
    assert any(step["excluded"] for step in shown["worked-example"]["deal"])
    assert len(shown["forty-select-twelve"]["blocks"]) > 1
    assert shown["one-candidate"]["selection_draws"] == [{"bound": 1, "words": [], "value": 0}]
    refusals = {expected["refusal"] for expected in shown.values() if "refusal" in expected}
    assert {"NO_ELIGIBLE_BODY", "CAPACITY_TOO_SMALL", "CONSTRAINTS_TOO_TIGHT", "COUNT_OUT_OF_RANGE"} <= refusals


# --- The cross-check ---------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_inputs())
def test_art27_the_module_and_the_reference_agree_on_any_input(inputs):
    assert module_draw(inputs) == reference_draw(inputs)


@settings(max_examples=300, deadline=None)
@given(feasible_inputs())
def test_art27_the_module_and_the_reference_agree_on_drawable_inputs(inputs):
    expected = reference_draw(inputs)
    assert "refusal" not in expected
    assert module_draw(inputs) == expected


# --- Art. 27: the selection -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(feasible_inputs())
def test_art27_a_draw_selects_the_requested_number_of_distinct_candidates(inputs):
    result = draw(to_inputs(inputs))
    assert len(result.selected) == inputs["select_count"]
    assert len(set(result.selected)) == len(result.selected)
    assert set(result.selected) <= set(inputs["candidates"])


@settings(max_examples=100, deadline=None)
@given(feasible_inputs())
def test_art27_a_recorded_draw_reproduces_from_its_inputs(inputs):
    drawn = to_inputs(inputs)
    assert verify_draw(drawn, draw(drawn))
    check_draw(drawn, draw(drawn))


def test_art27_every_input_changes_the_draw_key():
    base = make(candidates=5, count=2, bodies=3, conflicts=[("VB-A", "KE-01")], capacity=2)
    changed = [
        replace(base, seed=b"\x08" * 32), replace(base, seed_height=101), replace(base, province="45"),
        replace(base, year=2026), replace(base, draw_number=2), replace(base, candidates=base.candidates[:4]),
        replace(base, select_count=3), replace(base, bodies=base.bodies[:2]), replace(base, conflicts=()),
        replace(base, capacity_per_body=3),
    ]
    keys = {draw(inputs).key for inputs in [base, *changed]}
    assert len(keys) == 1 + len(changed)


def test_art27_each_candidate_is_equally_likely_to_be_selected_in_each_place():
    # 5 candidates, 2 selected: 20 ordered pairs, 4,000 draws told apart by their draw number.
    # The inputs are fixed, so this is deterministic; the bound is chi-square's 0.01% tail for
    # 19 degrees of freedom, far from what a biased draw (e.g. modulo bias) would give.
    seen = collections.Counter(draw(make(count=2, draw_number=number)).selected for number in range(4_000))
    assert len(seen) == 20
    chi_square = sum((observed - 200) ** 2 / 200 for observed in seen.values())
    assert chi_square < 49.0, seen


@settings(max_examples=150, deadline=None)
@given(feasible_inputs())
def test_art27_integers_are_drawn_by_rejection_never_by_reducing_modulo(inputs):
    trace = trace_draw(to_inputs(inputs))
    for call in trace.selection_calls + trace.body_calls:
        mask = (1 << (call.bound - 1).bit_length()) - 1
        if call.bound == 1:
            assert call.words == () and call.value == 0
            continue
        *rejected, (_, kept) = call.words
        assert all(word & mask >= call.bound for _, word in rejected)
        assert kept & mask == call.value < call.bound


def test_art27_selecting_every_candidate_draws_them_all_in_a_shuffled_order():
    result = draw(make(candidates=6, count=6, bodies=2, capacity=3))
    assert sorted(result.selected) == [f"KE-{n:02d}" for n in range(1, 7)]


def test_art27_a_single_candidate_is_selected_without_reading_the_stream():
    trace = trace_draw(make(candidates=1, count=1, bodies=2, capacity=1))
    assert trace.selected == ("KE-01",)
    assert [call.words for call in trace.selection_calls] == [()]


def test_art27_selecting_no_emitter_is_refused():
    with pytest.raises(DrawError) as refused:
        draw(make(count=0))
    assert refused.value.reason is DrawReason.COUNT_OUT_OF_RANGE


def test_art27_a_share_selects_its_basis_points_of_the_candidates_rounded_up():
    assert selection_count(6, 3_333) == 2  # 1.9998 rounds up
    assert selection_count(6, 5_000) == 3
    assert selection_count(1, 1) == 1  # a share never selects nobody
    assert selection_count(7, 10_000) == 7
    for share in (0, 10_001, True):
        with pytest.raises(DrawError) as refused:
            selection_count(6, share)
        assert refused.value.reason is DrawReason.SHARE_OUT_OF_RANGE
    with pytest.raises(DrawError) as refused:
        selection_count(0, 5_000)
    assert refused.value.reason is DrawReason.COUNT_OUT_OF_RANGE


# --- Art. 28: who verifies whom -------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(feasible_inputs())
def test_art28_no_body_verifies_an_emitter_it_is_in_conflict_with(inputs):
    conflicts = {tuple(pair) for pair in inputs["conflicts"]}
    for assignment in draw(to_inputs(inputs)).assignments:
        assert (assignment.body, assignment.emitter) not in conflicts
        assert assignment.body in inputs["bodies"]


@settings(max_examples=200, deadline=None)
@given(feasible_inputs())
def test_art28_no_body_takes_more_emitters_than_its_capacity(inputs):
    loads = collections.Counter(assignment.body for assignment in draw(to_inputs(inputs)).assignments)
    assert max(loads.values()) <= inputs["capacity_per_body"]


@settings(max_examples=200, deadline=None)
@given(feasible_inputs())
def test_art28_without_conflicts_the_loads_differ_by_at_most_one(inputs):
    inputs = {**inputs, "conflicts": []}
    loads = collections.Counter(assignment.body for assignment in draw(to_inputs(inputs)).assignments)
    counts = [loads.get(body, 0) for body in inputs["bodies"]]
    assert max(counts) - min(counts) <= 1


@settings(max_examples=200, deadline=None)
@given(any_inputs(allow_bad=False), st.binary(min_size=32, max_size=32))
def test_art28_whether_a_draw_can_be_made_never_depends_on_the_seed(inputs, other_seed):
    first, second = module_draw(inputs), module_draw({**inputs, "seed": other_seed})
    assert first.get("refusal") == second.get("refusal")


def test_art28_each_body_is_equally_likely_to_verify_the_first_emitter():
    seen = collections.Counter(draw(make(count=1, draw_number=number)).assignments[0].body for number in range(3_000))
    chi_square = sum((observed - 1_000) ** 2 / 1_000 for observed in seen.values())
    assert set(seen) == {"VB-A", "VB-B", "VB-C"} and chi_square < 18.4, seen  # 2 dof, 0.01% tail


def test_art28_an_emitter_left_one_eligible_body_gets_that_body():
    conflicts = [("VB-A", "KE-03"), ("VB-B", "KE-03")]
    for number in range(20):
        result = draw(make(candidates=3, count=3, bodies=3, conflicts=conflicts, capacity=3, draw_number=number))
        assert dict((a.emitter, a.body) for a in result.assignments)["KE-03"] == "VB-C"


def test_art28_one_body_verifies_every_selected_emitter():
    result = draw(make(candidates=4, count=3, bodies=1, capacity=3))
    assert {assignment.body for assignment in result.assignments} == {"VB-A"}


def test_art28_a_candidate_no_body_may_verify_is_refused_even_if_not_selected():
    conflicts = [("VB-A", "KE-05"), ("VB-B", "KE-05")]
    with pytest.raises(DrawError) as refused:
        draw(make(candidates=5, count=1, bodies=2, conflicts=conflicts))
    assert refused.value.reason is DrawReason.NO_ELIGIBLE_BODY


def test_art28_more_emitters_than_the_bodies_can_take_are_refused():
    with pytest.raises(DrawError) as refused:
        draw(make(candidates=5, count=5, bodies=2, capacity=2))
    assert refused.value.reason is DrawReason.CAPACITY_TOO_SMALL


def test_art28_constraints_that_could_leave_an_emitter_only_full_bodies_are_refused():
    # 6 emitters at 2 a body can fill 2 of 3 bodies before the last one is dealt: an emitter in
    # conflict with one body could find both others full, whatever the seed.
    with pytest.raises(DrawError) as refused:
        draw(make(candidates=6, count=6, bodies=3, conflicts=[("VB-A", "KE-05")], capacity=2))
    assert refused.value.reason is DrawReason.CONSTRAINTS_TOO_TIGHT
    draw(make(candidates=6, count=6, bodies=3, conflicts=[("VB-A", "KE-05")], capacity=3))


# --- Bad input: a typed reason, in the page's order ------------------------------------------

BAD_INPUTS = [
    ("seed of 31 bytes", dict(seed=b"\x00" * 31), DrawReason.SEED_MALFORMED),
    ("seed as hex text", dict(seed="00" * 32), DrawReason.SEED_MALFORMED),
    ("negative seed height", dict(seed_height=-1), DrawReason.NUMBER_OUT_OF_RANGE),
    ("year over 32 bits", dict(year=2**32), DrawReason.NUMBER_OUT_OF_RANGE),
    ("boolean draw number", dict(draw_number=True), DrawReason.NUMBER_OUT_OF_RANGE),
    ("empty province", dict(province=""), DrawReason.ID_MALFORMED),
    ("no candidates", dict(candidates=()), DrawReason.CANDIDATES_EMPTY),
    ("candidate with a space", dict(candidates=("KE 01", "KE-02")), DrawReason.ID_MALFORMED),
    ("candidate not ASCII", dict(candidates=("KE-01", "排放单位")), DrawReason.ID_MALFORMED),
    ("candidate too long", dict(candidates=("K" * 65,)), DrawReason.ID_MALFORMED),
    ("candidates unsorted", dict(candidates=("KE-02", "KE-01")), DrawReason.IDS_NOT_SORTED),
    ("candidate twice", dict(candidates=("KE-01", "KE-01")), DrawReason.IDS_DUPLICATED),
    ("no bodies", dict(bodies=()), DrawReason.BODIES_EMPTY),
    ("bodies unsorted", dict(bodies=("VB-B", "VB-A")), DrawReason.IDS_NOT_SORTED),
    ("body twice", dict(bodies=("VB-A", "VB-A")), DrawReason.IDS_DUPLICATED),
    ("conflict with an unknown body", dict(conflicts=(("VB-Z", "KE-01"),)), DrawReason.CONFLICT_UNKNOWN_ID),
    ("conflict with an unknown emitter", dict(conflicts=(("VB-A", "KE-99"),)), DrawReason.CONFLICT_UNKNOWN_ID),
    ("conflict not a pair", dict(conflicts=(("VB-A",),)), DrawReason.ID_MALFORMED),
    ("conflicts unsorted", dict(conflicts=(("VB-B", "KE-01"), ("VB-A", "KE-01"))), DrawReason.IDS_NOT_SORTED),
    ("conflict twice", dict(conflicts=(("VB-A", "KE-01"), ("VB-A", "KE-01"))), DrawReason.IDS_DUPLICATED),
    ("count above the candidates", dict(select_count=6), DrawReason.COUNT_OUT_OF_RANGE),
    ("count zero", dict(select_count=0), DrawReason.COUNT_OUT_OF_RANGE),
    ("capacity zero", dict(capacity_per_body=0), DrawReason.CAPACITY_OUT_OF_RANGE),
    ("too many candidates", dict(candidates=tuple(f"KE-{n:06d}" for n in range(100_001))), DrawReason.LIST_TOO_LONG),
]


@pytest.mark.parametrize("name, changes, reason", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_art27_bad_inputs_are_refused_with_their_reason(name, changes, reason):
    inputs = replace(make(candidates=5, count=2, bodies=3), **changes)
    with pytest.raises(DrawError) as refused:
        draw(inputs)
    assert refused.value.reason is reason
    assert not verify_draw(inputs, DrawResult(b"\x00" * 32, ()))


def test_art27_an_input_breaking_two_rules_gets_the_earlier_reason():
    inputs = replace(make(), candidates=("KE-02", "KE-01"), bodies=(), select_count=0)
    with pytest.raises(DrawError) as refused:
        draw(inputs)
    assert refused.value.reason is DrawReason.IDS_NOT_SORTED


# --- Verifying a recorded draw ---------------------------------------------------------------


def tampered_results(result: DrawResult) -> list[DrawResult]:
    first, second, *rest = result.assignments
    return [
        DrawResult(b"\x00" * 32, result.assignments),
        DrawResult(result.key, (second, first, *rest)),
        DrawResult(result.key, result.assignments[:-1]),
        DrawResult(result.key, (*result.assignments, Assignment("KE-06", "VB-A"))),
        DrawResult(result.key, (Assignment(first.emitter, "VB-Z" if first.body != "VB-Z" else "VB-A"), second, *rest)),
    ]


def test_art27_a_recorded_draw_that_differs_in_anything_does_not_reproduce():
    inputs = to_inputs(example())
    result = draw(inputs)
    for tampered in tampered_results(result):
        assert not verify_draw(inputs, tampered)
        with pytest.raises(DrawError) as refused:
            check_draw(inputs, tampered)
        assert refused.value.reason is DrawReason.DOES_NOT_REPRODUCE


def test_art27_a_draw_recorded_with_other_inputs_does_not_reproduce():
    inputs = to_inputs(example())
    assert not verify_draw(replace(inputs, draw_number=2), draw(inputs))


def test_art27_the_mismatch_names_the_first_differing_assignment():
    inputs = to_inputs(example())
    first, second, third = draw(inputs).assignments
    with pytest.raises(DrawError, match=r"assignment 2: recorded 'KE-06' -> 'VB-B'"):
        check_draw(inputs, DrawResult(draw(inputs).key, (first, second, Assignment("KE-06", "VB-B"))))


@pytest.mark.parametrize("claimed", [None, "result", DrawResult(b"", None), DrawResult(b"", 5)])
def test_verify_draw_never_raises_on_a_malformed_claim(claimed):
    assert verify_draw(to_inputs(example()), claimed) is False


@pytest.mark.parametrize("inputs", [None, "inputs", replace(to_inputs(example()), candidates=None),
                                    replace(to_inputs(example()), conflicts=((1, 2),))])
def test_verify_draw_never_raises_on_malformed_inputs(inputs):
    assert verify_draw(inputs, draw(to_inputs(example()))) is False


# --- Purity ------------------------------------------------------------------------------------


def test_the_draw_imports_only_hashing_packing_and_records_from_the_standard_library():
    tree = ast.parse((ROOT / "ledger" / "draw.py").read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "hashlib", "struct", "dataclasses", "enum", "collections.abc"}
