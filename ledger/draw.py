"""The verification draw of arts. 27-28 (双随机、一公开): which emitters are checked, and by whom.

Art. 27 has the province verify key emitters' reports "by double random draw, one disclosure":
the emitters to check and the verification bodies (art. 28) that check them are drawn at random,
and the draw is made public. A draw here is a pure function of inputs that are all public: a
32-byte seed that is the hash of a block already on the chain (named by its height), a label
(province, compliance year, draw number), the sorted candidate emitters, how many to select, the
sorted eligible bodies, the conflicts (a body may not verify an emitter it wrote the report for,
for instance) and how many emitters one body may take at most. Anyone can recompute the draw from
those inputs, with this module or from the specification alone: docs/verification-draw.md
defines every byte and step, and docs/vectors/draw-v1.json holds test vectors.

The construction, in short: SHA-256 of a domain-separated, length-prefixed encoding of every input
is the draw key; SHA-256(key || counter) in counter mode yields a stream of 32-bit words; integers
below n are drawn by masking and rejection (no modulo bias); a partial Fisher-Yates shuffle picks
the emitters, a second one orders the bodies, and each emitter in turn gets the least loaded body
not in conflict with it, the earliest in that order on a tie. Inputs are checked before anything
is drawn, and a draw that passes the checks succeeds for every seed: whether a draw can be made
never depends on the seed.

Pure: no clock, no randomness, no I/O.
"""

from __future__ import annotations

import enum
import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

DOMAIN = b"cets/draw/v1\x00"
SEED_BYTES = 32
WORDS_PER_BLOCK = 8  # a SHA-256 block of the stream is read as eight big-endian 32-bit words
BASIS_POINTS = 10_000

id_bytes_max = 64
candidate_count_max = 100_000
body_count_max = 1_000
conflict_count_max = 100_000
uint32_max = 2**32 - 1
uint64_max = 2**64 - 1


class DrawReason(enum.Enum):
    """Why a draw is refused or does not reproduce: a stable name per rule, in check order."""

    SEED_MALFORMED = "SEED_MALFORMED"
    NUMBER_OUT_OF_RANGE = "NUMBER_OUT_OF_RANGE"
    ID_MALFORMED = "ID_MALFORMED"
    CANDIDATES_EMPTY = "CANDIDATES_EMPTY"
    BODIES_EMPTY = "BODIES_EMPTY"
    LIST_TOO_LONG = "LIST_TOO_LONG"
    IDS_DUPLICATED = "IDS_DUPLICATED"
    IDS_NOT_SORTED = "IDS_NOT_SORTED"
    CONFLICT_UNKNOWN_ID = "CONFLICT_UNKNOWN_ID"
    COUNT_OUT_OF_RANGE = "COUNT_OUT_OF_RANGE"
    CAPACITY_OUT_OF_RANGE = "CAPACITY_OUT_OF_RANGE"
    SHARE_OUT_OF_RANGE = "SHARE_OUT_OF_RANGE"
    NO_ELIGIBLE_BODY = "NO_ELIGIBLE_BODY"
    CAPACITY_TOO_SMALL = "CAPACITY_TOO_SMALL"
    CONSTRAINTS_TOO_TIGHT = "CONSTRAINTS_TOO_TIGHT"
    DOES_NOT_REPRODUCE = "DOES_NOT_REPRODUCE"


class DrawError(ValueError):
    """A draw's inputs break a rule, or a recorded draw does not reproduce; `reason` says which."""

    def __init__(self, reason: DrawReason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class DrawInputs:
    """Everything a draw depends on, in the order of its encoding (docs/verification-draw.md)."""

    seed: bytes  # the hash of block `seed_height`, already on the chain
    seed_height: int
    province: str
    year: int  # the compliance year whose reports are verified
    draw_number: int  # tells apart several draws of one province and year
    candidates: tuple[str, ...]  # emitter ids, strictly ascending by bytes
    select_count: int
    bodies: tuple[str, ...]  # verification body ids, strictly ascending by bytes
    conflicts: tuple[tuple[str, str], ...] = ()  # (body, emitter) pairs, strictly ascending
    capacity_per_body: int = 1


@dataclass(frozen=True)
class Assignment:
    emitter: str
    body: str


@dataclass(frozen=True)
class DrawResult:
    """The draw key (SHA-256 of the encoded inputs) and the assignments in the order drawn."""

    key: bytes
    assignments: tuple[Assignment, ...]

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(assignment.emitter for assignment in self.assignments)


@dataclass(frozen=True)
class UniformCall:
    """One integer drawn below `bound`: the stream words read (index, word) and the value kept."""

    bound: int
    words: tuple[tuple[int, int], ...]
    value: int


@dataclass(frozen=True)
class AssignmentStep:
    """One emitter's turn: each body's load before it (in body order), the bodies in conflict
    with the emitter, and the body it gets."""

    emitter: str
    loads: tuple[int, ...]
    excluded: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class DrawTrace:
    """Every intermediate value of a draw, for the worked example and the test vectors."""

    encoding: bytes
    key: bytes
    blocks: tuple[bytes, ...]
    selection_calls: tuple[UniformCall, ...]
    body_calls: tuple[UniformCall, ...]
    selected: tuple[str, ...]
    body_order: tuple[str, ...]
    steps: tuple[AssignmentStep, ...]

    def result(self) -> DrawResult:
        return DrawResult(self.key, tuple(Assignment(step.emitter, step.body) for step in self.steps))


# --- Encoding ---------------------------------------------------------------------------------


def _uint32(value: int) -> bytes:
    return struct.pack(">I", value)


def _uint64(value: int) -> bytes:
    return struct.pack(">Q", value)


def _text(value: str) -> bytes:
    raw = value.encode("ascii")
    return _uint32(len(raw)) + raw


def _text_list(values: Sequence[str]) -> bytes:
    return _uint32(len(values)) + b"".join(_text(value) for value in values)


def encode_inputs(inputs: DrawInputs) -> bytes:
    """The exact bytes the draw key hashes: the domain, then every field in declaration order.

    Integers are big-endian of fixed width, a text is its length (uint32) and its ASCII bytes, a
    list is its length (uint32) and its items, the seed its 32 raw bytes. The inputs must have
    passed `check_inputs`.
    """
    conflicts = b"".join(_text(body) + _text(emitter) for body, emitter in inputs.conflicts)
    return b"".join([
        DOMAIN,
        bytes(inputs.seed),
        _uint64(inputs.seed_height),
        _text(inputs.province),
        _uint32(inputs.year),
        _uint32(inputs.draw_number),
        _text_list(inputs.candidates),
        _uint32(inputs.select_count),
        _text_list(inputs.bodies),
        _uint32(len(inputs.conflicts)) + conflicts,
        _uint32(inputs.capacity_per_body),
    ])


# --- Checks, in the order the specification lists them -------------------------------------


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_number(name: str, value: object, maximum: int) -> None:
    if not (_is_integer(value) and 0 <= value <= maximum):
        raise DrawError(
            DrawReason.NUMBER_OUT_OF_RANGE,
            f"{name} must be an integer in 0..{maximum}, got {value!r}",
        )


def _is_id(value: object) -> bool:
    """1 to 64 printable ASCII characters without space: byte order is then every language's order."""
    return (
        isinstance(value, str)
        and 1 <= len(value) <= id_bytes_max
        and all("\x21" <= character <= "\x7e" for character in value)
    )


def _check_id(name: str, value: object) -> None:
    if not _is_id(value):
        raise DrawError(
            DrawReason.ID_MALFORMED,
            f"{name} must be 1 to {id_bytes_max} printable ASCII characters, got {value!r}",
        )


def _check_ascending(name: str, values: Sequence[object]) -> None:
    """Strictly ascending: a repeat is a duplicate, any other step down is an unsorted list."""
    for index in range(1, len(values)):
        if values[index] == values[index - 1]:
            raise DrawError(DrawReason.IDS_DUPLICATED, f"{name} {values[index]!r} appears twice")
        if values[index] < values[index - 1]:
            raise DrawError(
                DrawReason.IDS_NOT_SORTED,
                f"{name} {values[index]!r} comes after {values[index - 1]!r}",
            )


def _check_id_list(name: str, values: object, empty: DrawReason, count_max: int) -> None:
    if not isinstance(values, (tuple, list)) or not values:
        raise DrawError(empty, f"the {name}s must be a list of at least one id, got {values!r}")
    if len(values) > count_max:
        raise DrawError(DrawReason.LIST_TOO_LONG, f"{len(values)} {name}s, at most {count_max}")
    for value in values:
        _check_id(name, value)
    _check_ascending(name, values)


def _check_conflicts(inputs: DrawInputs) -> None:
    conflicts = inputs.conflicts
    if not isinstance(conflicts, (tuple, list)):
        raise DrawError(DrawReason.ID_MALFORMED, "conflicts must be a list of (body, emitter) pairs")
    if len(conflicts) > conflict_count_max:
        raise DrawError(DrawReason.LIST_TOO_LONG, f"{len(conflicts)} conflicts, at most {conflict_count_max}")
    bodies, candidates = set(inputs.bodies), set(inputs.candidates)
    for pair in conflicts:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise DrawError(
                DrawReason.ID_MALFORMED,
                f"a conflict must be a (body, emitter) pair, got {pair!r}",
            )
        _check_id("conflict body", pair[0])
        _check_id("conflict emitter", pair[1])
        if pair[0] not in bodies or pair[1] not in candidates:
            raise DrawError(
                DrawReason.CONFLICT_UNKNOWN_ID,
                f"conflict {tuple(pair)!r} names a body or emitter not in the draw",
            )
    _check_ascending("conflict", [tuple(pair) for pair in conflicts])


def _check_feasible(inputs: DrawInputs) -> None:
    """Refuse, before any seed is used, every draw the deal could fail to complete.

    When the emitter at position i is dealt, at most floor(i / capacity) bodies are full, so an
    emitter with more than floor((count - 1) / capacity) bodies not in conflict with it always
    finds one. Every candidate must pass, selected or not, so that whether the draw succeeds never
    depends on which emitters the seed selects.
    """
    conflicted: dict[str, int] = {}
    for _, emitter in inputs.conflicts:
        conflicted[emitter] = conflicted.get(emitter, 0) + 1
    for emitter in inputs.candidates:
        if conflicted.get(emitter, 0) == len(inputs.bodies):
            raise DrawError(
                DrawReason.NO_ELIGIBLE_BODY,
                f"every body is in conflict with emitter {emitter!r}",
            )
    capacity, count = inputs.capacity_per_body, inputs.select_count
    if count > capacity * len(inputs.bodies):
        raise DrawError(
            DrawReason.CAPACITY_TOO_SMALL,
            f"{len(inputs.bodies)} bodies of {capacity} cannot take {count} emitters",
        )
    full_max = (count - 1) // capacity
    for emitter in inputs.candidates:
        eligible = len(inputs.bodies) - conflicted.get(emitter, 0)
        if eligible <= full_max:
            raise DrawError(
                DrawReason.CONSTRAINTS_TOO_TIGHT,
                f"emitter {emitter!r} has {eligible} eligible bodies; {count} emitters at {capacity} a body "
                f"can fill {full_max}, so it needs more than {full_max}",
            )


def check_inputs(inputs: DrawInputs) -> None:
    """Raise `DrawError` for the first rule the inputs break, in the specification's order."""
    if not (isinstance(inputs.seed, bytes) and len(inputs.seed) == SEED_BYTES):
        raise DrawError(DrawReason.SEED_MALFORMED, f"the seed must be the {SEED_BYTES} bytes of a block hash")
    _check_number("seed height", inputs.seed_height, uint64_max)
    _check_number("year", inputs.year, uint32_max)
    _check_number("draw number", inputs.draw_number, uint32_max)
    _check_id("province", inputs.province)
    _check_id_list("candidate", inputs.candidates, DrawReason.CANDIDATES_EMPTY, candidate_count_max)
    _check_id_list("body", inputs.bodies, DrawReason.BODIES_EMPTY, body_count_max)
    _check_conflicts(inputs)
    count = inputs.select_count
    if not (_is_integer(count) and 1 <= count <= len(inputs.candidates)):
        raise DrawError(
            DrawReason.COUNT_OUT_OF_RANGE,
            f"select count must be 1..{len(inputs.candidates)}, got {count!r}",
        )
    capacity = inputs.capacity_per_body
    if not (_is_integer(capacity) and 1 <= capacity <= uint32_max):
        raise DrawError(
            DrawReason.CAPACITY_OUT_OF_RANGE,
            f"capacity per body must be 1..{uint32_max}, got {capacity!r}",
        )
    _check_feasible(inputs)


def selection_count(candidate_count: int, share_basis_points: int) -> int:
    """The number of emitters a share of the candidates selects: rounded up, so never zero."""
    if not (_is_integer(share_basis_points) and 1 <= share_basis_points <= BASIS_POINTS):
        raise DrawError(
            DrawReason.SHARE_OUT_OF_RANGE,
            f"share must be 1..{BASIS_POINTS} basis points, got {share_basis_points!r}",
        )
    if not (_is_integer(candidate_count) and 1 <= candidate_count <= candidate_count_max):
        raise DrawError(
            DrawReason.COUNT_OUT_OF_RANGE,
            f"candidate count must be 1..{candidate_count_max}, got {candidate_count!r}",
        )
    return -(-candidate_count * share_basis_points // BASIS_POINTS)


# --- The stream and the shuffles ------------------------------------------------------------


@dataclass
class _Stream:
    """SHA-256(key || uint64 counter), counter 0, 1, ..., read as big-endian 32-bit words in order."""

    key: bytes
    blocks: list[bytes] = field(default_factory=list)
    words_read: int = 0

    def next_word(self) -> tuple[int, int]:
        block_index, position = divmod(self.words_read, WORDS_PER_BLOCK)
        if block_index == len(self.blocks):
            self.blocks.append(hashlib.sha256(self.key + _uint64(block_index)).digest())
        word = struct.unpack_from(">I", self.blocks[block_index], 4 * position)[0]
        self.words_read += 1
        return self.words_read - 1, word

    def uniform(self, bound: int) -> UniformCall:
        """An integer in [0, bound), unbiased: keep the low k bits of a word, where k is the bit
        length of bound - 1, and read another word while the value is bound or more. A bound of
        1 has one answer and reads no word."""
        assert 1 <= bound <= uint32_max
        if bound == 1:
            return UniformCall(bound, (), 0)
        mask = (1 << (bound - 1).bit_length()) - 1
        words = []
        while True:
            index, word = self.next_word()
            words.append((index, word))
            if word & mask < bound:
                return UniformCall(bound, tuple(words), word & mask)


def _partial_shuffle(
    stream: _Stream, items: Sequence[str], count: int
) -> tuple[list[str], list[UniformCall]]:
    """Fisher-Yates from the front: position i swaps with i + uniform(n - i), for i below count."""
    order, calls = list(items), []
    for position in range(count):
        call = stream.uniform(len(order) - position)
        other = position + call.value
        order[position], order[other] = order[other], order[position]
        calls.append(call)
    return order[:count], calls


def _deal(inputs: DrawInputs, selected: Sequence[str], body_order: Sequence[str]) -> list[AssignmentStep]:
    """Each emitter, in the order drawn, gets the body with the fewest emitters so far among those
    not in conflict with it, the earliest in the drawn body order on a tie. Without conflicts this
    deals the bodies round-robin; with them it keeps the loads as even as the conflicts allow."""
    conflicts = {tuple(pair) for pair in inputs.conflicts}
    load = dict.fromkeys(body_order, 0)
    steps = []
    for emitter in selected:
        excluded = tuple(body for body in body_order if (body, emitter) in conflicts)
        eligible = [body for body in body_order if body not in excluded]
        body = min(eligible, key=load.__getitem__)  # min keeps the first of equal loads
        assert load[body] < inputs.capacity_per_body, f"the checks let {emitter!r} reach a full body"
        steps.append(AssignmentStep(emitter, tuple(load[each] for each in body_order), excluded, body))
        load[body] += 1
    return steps


# --- The draw and its verification --------------------------------------------------------


def trace_draw(inputs: DrawInputs) -> DrawTrace:
    """The draw with every intermediate value; raises `DrawError` if the inputs break a rule."""
    check_inputs(inputs)
    encoding = encode_inputs(inputs)
    key = hashlib.sha256(encoding).digest()
    stream = _Stream(key)
    selected, selection_calls = _partial_shuffle(stream, inputs.candidates, inputs.select_count)
    body_order, body_calls = _partial_shuffle(stream, inputs.bodies, len(inputs.bodies))
    steps = _deal(inputs, selected, body_order)
    return DrawTrace(
        encoding, key, tuple(stream.blocks), tuple(selection_calls), tuple(body_calls),
        tuple(selected), tuple(body_order), tuple(steps),
    )


def draw(inputs: DrawInputs) -> DrawResult:
    """The emitters selected, in the order drawn, and the body assigned to each (arts. 27-28)."""
    return trace_draw(inputs).result()


def check_draw(inputs: DrawInputs, claimed: DrawResult) -> None:
    """Raise `DrawError` unless `claimed` is exactly the draw of `inputs`: the inputs' own reason
    if they break a rule, DOES_NOT_REPRODUCE naming the first difference otherwise."""
    actual = draw(inputs)
    if not (isinstance(claimed, DrawResult) and isinstance(claimed.assignments, (tuple, list))):
        raise DrawError(DrawReason.DOES_NOT_REPRODUCE, f"a draw result is expected, got {claimed!r}")
    if claimed.key != actual.key:
        raise DrawError(
            DrawReason.DOES_NOT_REPRODUCE,
            "the recorded draw key is not the hash of these inputs",
        )
    if len(claimed.assignments) != len(actual.assignments):
        raise DrawError(
            DrawReason.DOES_NOT_REPRODUCE,
            f"{len(claimed.assignments)} assignments recorded, the draw makes {len(actual.assignments)}",
        )
    for position, (recorded, drawn) in enumerate(zip(claimed.assignments, actual.assignments)):
        if recorded != drawn:
            raise DrawError(
                DrawReason.DOES_NOT_REPRODUCE,
                f"assignment {position}: recorded {recorded.emitter!r} -> {recorded.body!r}, "
                f"the draw gives {drawn.emitter!r} -> {drawn.body!r}",
            )


def verify_draw(inputs: DrawInputs, claimed: DrawResult) -> bool:
    """Whether `claimed` is exactly the draw of `inputs`. Never raises: malformed inputs, inputs
    that break a rule, and a result of the wrong shape are all a draw that does not reproduce."""
    if not isinstance(inputs, DrawInputs):
        return False
    try:
        check_draw(inputs, claimed)
    except DrawError:
        return False
    return True

