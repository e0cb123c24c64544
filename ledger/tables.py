"""The state tables, each declared once: its key prefix, key codec and value codec.

Every record the ledger keeps lives in one of these tables. A table's key is its one-byte prefix
followed by its key parts, each encoded so that keys sort in the order a listing wants (integers
big-endian, text UTF-8) and so that no key of one entity is a prefix of another's: text that is not
the last part ends with a NUL byte (identifiers never contain one: `limits` and `identity` refuse
control characters). tests/test_tables.py asserts that the prefixes are unique, that none is a
prefix of another, and that every key codec round-trips.

Reads go through `Table.get`, writes through `Table.put`, and listings through `Table.scan`, which
is always bounded: it takes a `limit` and resumes `after` the last key of the previous page. The
state machine (`ledger/state.py`) and the core's queries (`ledger/queries.py`) are the only users;
no servicer builds a raw key.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Protocol

from cets.v1 import messages as pb

_INT64 = struct.Struct(">q")
_UINT32 = struct.Struct(">I")
_UINT64 = struct.Struct(">Q")


class Reader(Protocol):
    def get(self, key: bytes) -> bytes | None: ...

    def scan(self, prefix: bytes, start_after: bytes | None = None, limit: int | None = None) -> Iterator[tuple[bytes, bytes]]: ...


class Writer(Reader, Protocol):
    def put(self, key: bytes, value: bytes | None) -> None: ...


# -- key parts -------------------------------------------------------------------------------
class Part(Protocol):
    """One part of a key: `encode(value, last)` and `decode(raw, at, last) -> (value, next_at)`."""

    name: str

    def encode(self, value: Any, last: bool) -> bytes: ...

    def encoder(self, last: bool) -> Callable[[Any], bytes]:
        """`encode` with `last` fixed: what `Table.key` calls on every state read and write."""
        ...

    def decode(self, raw: bytes, at: int, last: bool) -> tuple[Any, int]: ...


@dataclass(frozen=True)
class Text:
    """UTF-8 text; NUL-terminated unless it is the key's last part."""

    name: str

    def encode(self, value: str, last: bool) -> bytes:
        data = value.encode()
        if last:
            return data
        if b"\x00" in data:
            # No stored identifier holds a NUL (they are validated before they are written), so a
            # lookup by one must find nothing: 0xFF never occurs in UTF-8, hence in no stored key.
            return b"\xff" + data + b"\x00"
        return data + b"\x00"

    def encoder(self, last: bool) -> Callable[[str], bytes]:
        return str.encode if last else functools.partial(self.encode, last=False)

    def decode(self, raw: bytes, at: int, last: bool) -> tuple[str, int]:
        if last:
            return raw[at:].decode(), len(raw)
        end = raw.index(b"\x00", at)
        return raw[at:end].decode(), end + 1


@dataclass(frozen=True)
class Uint:
    """An unsigned integer, big-endian, so keys sort by value."""

    name: str
    width: int = 4

    def _struct(self) -> struct.Struct:
        return _UINT32 if self.width == 4 else _UINT64

    def encode(self, value: int, last: bool) -> bytes:
        return self._struct().pack(value)

    def encoder(self, last: bool) -> Callable[[int], bytes]:
        return self._struct().pack

    def decode(self, raw: bytes, at: int, last: bool) -> tuple[int, int]:
        return self._struct().unpack_from(raw, at)[0], at + self.width


@dataclass(frozen=True)
class Fixed:
    """Raw bytes of a fixed length (a hash, a one-byte tag)."""

    name: str
    length: int

    def encode(self, value: bytes, last: bool) -> bytes:
        assert len(value) == self.length, f"{self.name}: got {len(value)} bytes, want {self.length}"
        return bytes(value)

    def encoder(self, last: bool) -> Callable[[bytes], bytes]:
        return functools.partial(self.encode, last=last)

    def decode(self, raw: bytes, at: int, last: bool) -> tuple[bytes, int]:
        return raw[at:at + self.length], at + self.length


_PROJECT = Text("project_id")


@dataclass(frozen=True)
class UnitPart:
    """A unit of account: product (1 byte), vintage (4 bytes), then the CCER project id (text).

    Holdings are kept per (product, vintage, project) and page in that order."""

    name: str = "unit"

    def encode(self, unit: pb.Unit, last: bool) -> bytes:
        return bytes([unit.product]) + _UINT32.pack(unit.vintage) + _PROJECT.encode(unit.project_id, last)

    def encoder(self, last: bool) -> Callable[[pb.Unit], bytes]:
        project = _PROJECT.encoder(last)

        def encode(unit: pb.Unit) -> bytes:  # `encode` unrolled: holdings keys are built on every transfer
            return bytes([unit.product]) + _UINT32.pack(unit.vintage) + project(unit.project_id)

        return encode

    def decode(self, raw: bytes, at: int, last: bool) -> tuple[pb.Unit, int]:
        project, end = _PROJECT.decode(raw, at + 5, last)
        return pb.Unit(product=raw[at], vintage=_UINT32.unpack_from(raw, at + 1)[0], project_id=project), end


# -- values ----------------------------------------------------------------------------------
class Codec(Protocol):
    name: str

    def encode(self, value: Any) -> bytes: ...

    def decode(self, raw: bytes) -> Any: ...


@dataclass(frozen=True)
class Message:
    """A protobuf message of one type."""

    type: Any

    @property
    def name(self) -> str:
        return self.type.DESCRIPTOR.full_name

    def encode(self, value) -> bytes:
        assert isinstance(value, self.type), f"want {self.name}, got {type(value).__name__}"
        return value.SerializeToString(deterministic=True)  # canonical: the state commitment hashes these bytes (docs/protocol.md)

    def decode(self, raw: bytes):
        return self.type.FromString(raw)


@dataclass(frozen=True)
class _Int64:
    name: str = "int64 big-endian"

    def encode(self, value: int) -> bytes:
        return _INT64.pack(value)

    def decode(self, raw: bytes) -> int:
        return _INT64.unpack(raw)[0]


@dataclass(frozen=True)
class _Raw:
    name: str = "bytes"

    def encode(self, value: bytes) -> bytes:
        return bytes(value)

    def decode(self, raw: bytes) -> bytes:
        return raw


@dataclass(frozen=True)
class _IdList:
    name: str = "ids, comma-joined, sorted"

    def encode(self, value: list[str]) -> bytes:
        return ",".join(sorted(value)).encode()

    def decode(self, raw: bytes) -> list[str]:
        return raw.decode().split(",") if raw else []


INT64 = _Int64()
RAW = _Raw()
ID_LIST = _IdList()


# -- tables ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """One kind of record: `prefix` + encoded `parts` -> `value`."""

    name: str
    prefix: bytes
    parts: tuple[Part, ...]
    value: Codec
    doc: str
    _key: Callable[..., bytes] = field(init=False, repr=False, compare=False)  # `key` without its check: `get` and `put` call it

    def __post_init__(self) -> None:
        last = len(self.parts) - 1
        encoders = tuple(part.encoder(index == last) for index, part in enumerate(self.parts))
        object.__setattr__(self, "_key", _key_function(self.name, self.prefix, encoders))

    def key(self, *values: Any) -> bytes:
        assert len(values) == len(self.parts), f"{self.name}: got {len(values)} key parts, want {len(self.parts)}"
        return self._key(*values)

    def key_prefix(self, *values: Any) -> bytes:
        """The prefix shared by every key whose first parts are `values` (never the last part)."""
        assert len(values) < len(self.parts), f"{self.name}: a key prefix leaves the last part open"
        return self.prefix + b"".join(part.encode(value, False) for part, value in zip(self.parts, values))

    def parts_of(self, key: bytes) -> tuple:
        assert key.startswith(self.prefix), f"{self.name}: {key!r} is not one of its keys"
        at, values, last = len(self.prefix), [], len(self.parts) - 1
        for i, part in enumerate(self.parts):
            value, at = part.decode(key, at, i == last)
            values.append(value)
        assert at == len(key), f"{self.name}: {len(key) - at} trailing bytes in {key!r}"
        return tuple(values)

    def get(self, reader: Reader, *values: Any, default: Any = None) -> Any:
        raw = reader.get(self._key(*values))
        return default if raw is None else self.value.decode(raw)

    def put(self, writer: Writer, value: Any, *values: Any) -> None:
        key = self._key(*values)
        # A lookup by an identifier holding a NUL finds nothing (Text.encode); storing one would
        # break the key order, and every identifier is validated before it is stored.
        assert not _has_nul(values), f"{self.name}: key parts {values!r} hold a NUL"
        writer.put(key, self.value.encode(value))

    def delete(self, writer: Writer, *values: Any) -> None:
        writer.put(self.key(*values), None)

    def scan(self, reader: Reader, *values: Any, after: bytes | None = None, limit: int | None) -> Iterator[tuple[bytes, tuple, Any]]:
        """Up to `limit` (key, parts, value) under the first parts `values`, in key order, after
        `after`. `limit` is required: None only where the caller says why the table is small."""
        assert limit is None or limit > 0, "a bounded scan returns something"
        prefix = self.key_prefix(*values) if values else self.prefix
        for key, raw in reader.scan(prefix, start_after=after, limit=limit):
            yield key, self.parts_of(key), self.value.decode(raw)


def _key_function(name: str, prefix: bytes, encoders: tuple[Callable[[Any], bytes], ...]) -> Callable[..., bytes]:
    """A table's key encoder, unrolled for one and two parts (most tables): the state machine
    builds a dozen keys per transfer, so this is the replay's hottest code (bench/audit.py
    measures it; tests/test_tables.py checks every table's keys against `parts_of`). A wrong
    number of parts raises (TypeError, or the assertion)."""
    if len(encoders) == 1:
        (first,) = encoders
        return lambda value: prefix + first(value)
    if len(encoders) == 2:
        first, second = encoders
        return lambda value, other: prefix + first(value) + second(other)

    def key(*values: Any) -> bytes:
        assert len(values) == len(encoders), f"{name}: got {len(values)} key parts, want {len(encoders)}"
        key = prefix
        for encode, value in zip(encoders, values):
            key += encode(value)
        return key

    return key


def _has_nul(values: tuple) -> bool:
    for value in values:  # on every write: a loop, no generator
        if isinstance(value, str) and "\x00" in value:
            return True
    return False


def _text(name: str) -> Text:
    return Text(name)


PARTICIPANTS = Table("participants", b"P", (_text("participant_id"),), Message(pb.Participant), "Registered participants (art. 14).")
KEYS = Table("keys", b"K", (_text("key_id"),), Message(pb.KeyRecord), "Every key ever registered, with its history.")
PARTICIPANT_KEYS = Table("participant_keys", b"k", (_text("participant_id"),), ID_LIST, "The key ids of each participant.")
ACCOUNTS = Table("accounts", b"A", (_text("account_id"),), Message(pb.Account), "Accounts and their kinds (art. 14).")
HOLDINGS = Table("holdings", b"H", (_text("account_id"), UnitPart()), INT64, "Units held per account and unit (art. 12-13).")
CAPS = Table("caps", b"C", (Uint("vintage"),), INT64, "The cap of each vintage.")
SUPPLY = Table("supply", b"U", (Fixed("counter", 1), UnitPart()), INT64,
               "Supply counters per unit: issued (i), surrendered (s), cancelled (c).")
SURRENDERED_BY_EMITTER = Table("surrendered_by_emitter", b"E", (_text("emitter_id"), Uint("year"), UnitPart()), INT64,
                               "Units an emitter surrendered for a compliance year (art. 30).")
SURRENDERED_TO_PROVINCE = Table("surrendered_to_province", b"V", (_text("province"), Uint("year"), UnitPart()), INT64,
                                "Units surrendered to a province for a compliance year (art. 30).")
OFFSETS = Table("offsets", b"O", (_text("emitter_id"), Uint("year")), INT64, "CCER offsets an emitter surrendered for a year (art. 31).")
VERIFIED_EMISSIONS = Table("verified_emissions", b"Y", (_text("emitter_id"), Uint("year")), INT64,
                           "Verified emissions of an emitter for a year (art. 27-28).")
ALLOCATED = Table("allocated", b"L", (_text("emitter_id"), Uint("vintage")), INT64,
                  "Net free allocation an emitter received for a vintage (art. 10-11).")
CLIENT_IDS = Table("client_ids", b"Q", (_text("signer"), _text("client_id")), RAW, "The transaction id that claimed a signer's client id.")
JUDGED = Table("judged", b"T", (Fixed("tx_id", 32),), RAW, "Every transaction judged (applied or rejected): judged once.")
PROJECTS = Table("projects", b"J", (_text("project_id"),), Message(pb.CcerProject), "Recorded CCER projects (art. 31).")
RULEBOOK_VERSIONS = Table("rulebook_versions", b"R", (Uint("effective_ms", 8),), Message(pb.RulebookVersion),
                          "Rulebook versions scheduled by the ministry, in order of effect.")
METADATA = Table("metadata", b"M", (_text("name"),), RAW, "Chain metadata: chain_id, quorum, the genesis rulebook.")
CANCELLATIONS = Table("cancellations", b"X", (Uint("height", 8), _text("certificate_id")), Message(pb.Cancelled),
                      "Index: every cancellation certificate, in the order of the chain (art. 15; the public portal pages it).")
HEADER_HASHES = Table("header_hashes", b"B", (Uint("height", 8),), RAW,
                      "Each block's header hash (the genesis hash at 0), written by the block after it: a seed nobody knew in advance.")

# -- MRV and the compliance year (arts. 5, 7, 10, 24-31, 42-44, 50) ----------------------------
DECLARATIONS = Table("declarations", b"d", (_text("emitter_id"), Uint("year")), Message(pb.EmissionsDeclaration),
                     "An entity's declaration of a year's emissions (art. 5).")
LISTINGS = Table("listings", b"l", (_text("emitter_id"), Uint("from_year")), Message(pb.EmitterListing),
                 "An emitter's listings on the key-emitter list, by first year (arts. 5, 42).")
LISTINGS_BY_PROVINCE = Table("listings_by_province", b"n", (_text("province"), _text("emitter_id"), Uint("from_year")), RAW,
                             "Index: a province's listings (the yearly list per province).")
PLANS = Table("plans", b"m", (_text("emitter_id"), Uint("version")), Message(pb.MonitoringPlan),
              "Monitoring plan versions (arts. 24-25).")
REPORTS = Table("reports", b"r", (_text("emitter_id"), Uint("year"), Uint("version")), Message(pb.EmissionReport),
                "Emission report versions (arts. 26, 50).")
DRAWS = Table("draws", b"w", (Fixed("draw_id", 32),), Message(pb.VerificationDraw), "Verification draws, by request id (arts. 27-28).")
DRAWS_BY_PROVINCE = Table("draws_by_province", b"x", (_text("province"), Uint("year"), Fixed("draw_id", 32)), RAW,
                          "Index: a province's draws by year.")
ASSIGNMENTS = Table("assignments", b"g", (_text("emitter_id"), Uint("year")), Message(pb.DrawAssignment),
                    "The body a recorded draw assigned to an emitter's year (art. 28).")
VERIFICATIONS = Table("verifications", b"y", (_text("emitter_id"), Uint("year"), Uint("version")), Message(pb.Verification),
                      "Verification versions of an emitter's year (arts. 27-29).")
APPEALS = Table("appeals", b"a", (Fixed("appeal_id", 32),), Message(pb.Appeal), "Appeals and their decisions (arts. 10, 29).")
APPEALS_BY_EMITTER = Table("appeals_by_emitter", b"b", (_text("emitter_id"), Fixed("appeal_id", 32)), RAW, "Index: an emitter's appeals.")
METHODS = Table("allocation_methods", b"z", (_text("version"),), Message(pb.AllocationMethod), "Published allocation methods (art. 7).")
ESTIMATES = Table("estimates", b"e", (_text("emitter_id"), Uint("year")), Message(pb.EmissionsEstimate),
                  "A province's estimates of emissions (art. 43).")
COMPLIANCE = Table("compliance", b"c", (_text("emitter_id"), Uint("year")), Message(pb.ComplianceRecord),
                   "Each listed emitter's compliance record for a year (arts. 30-31, 44).")
COMPLIANCE_BY_PROVINCE = Table("compliance_by_province", b"p", (_text("province"), Uint("year"), _text("emitter_id")), RAW,
                               "Index: a province's compliance records by year (the compliance table).")
FINES = Table("fines", b"f", (_text("emitter_id"), Fixed("fine_id", 32)), Message(pb.Fine), "Fines (arts. 43-44).")
DEDUCTIONS = Table("deductions", b"D", (_text("emitter_id"), Uint("vintage")), Message(pb.AllocationDeduction),
                   "Tonnes owed from a vintage's allocation (art. 44).")
ALLOCATION_TIMES = Table("allocation_times", b"t", (_text("emitter_id"), Uint("vintage")), INT64,
                         "Block time of an emitter's latest allocation or adjustment of a vintage: its art. 10 appeal window opens then.")

# -- account protections (EU Union Registry; DESIGN §8) ---------------------------------------
# One letter, "G" (guards), for the whole feature; each table a second byte after it.
PROTECTIONS = Table("account_protections", b"Gp", (_text("account_id"),), Message(pb.AccountProtection),
                    "An account's protection policy (hold untrusted transfers, four eyes) and its counts; none: unprotected.")
TRUSTED_ACCOUNTS = Table("trusted_accounts", b"Gt", (_text("account_id"), _text("trusted_account_id")), Message(pb.TrustedAccount),
                         "Each account's trusted list, with when each entry takes effect.")
HELD_TRANSFERS = Table("held_transfers", b"Gh", (Fixed("tx_id", 32),), Message(pb.HeldTransfer),
                       "Transfers held for the untrusted-transfer delay, by transfer id, until released or cancelled.")
HELD_BY_ACCOUNT = Table("held_by_account", b"Gi", (_text("account_id"), Uint("release_ms", 8), Fixed("tx_id", 32)), RAW,
                        "Index: an account's held transfers by release time, then transfer id.")
HELD_UNITS = Table("held_units", b"Gu", (_text("account_id"), UnitPart()), INT64,
                   "Units of an account held for its pending transfers: still the holder's, not spendable.")

# -- supervision: the three tiers, inspections, oversight of verification bodies (arts. 4, 32-36) --
# One letter, "S", for the domain; each table a second byte after it.
DELEGATIONS = Table("delegations", b"Sd", (Fixed("delegation_id", 32),), Message(pb.Delegation),
                    "A province's delegations of supervision tasks to its cities (art. 32), by id.")
DELEGATIONS_BY_CITY = Table("delegations_by_city", b"Sc", (_text("city"), Fixed("delegation_id", 32)), RAW,
                            "Index: the delegations to each city (a city acts only inside one in force).")
DELEGATIONS_BY_PROVINCE = Table("delegations_by_province", b"Sp", (_text("province"), Fixed("delegation_id", 32)), RAW,
                                "Index: the delegations each province recorded.")
SIGNED = Table("signed", b"Ss", (_text("signer"), Uint("height", 8), Fixed("tx_id", 32)), RAW,
               "Index: every applied transaction by its signer, height and id (value: its kind); a participant's history.")
DELEGATED_ACTS = Table("delegated_acts", b"Sa", (_text("city"), Uint("height", 8), Fixed("tx_id", 32)), RAW,
                       "The delegation each act of a city was performed under (value: the delegation id).")
INSPECTIONS = Table("inspections", b"Si", (_text("emitter_id"), Fixed("inspection_id", 32)), Message(pb.Inspection),
                    "On-site inspections of key emitters (arts. 33-34).")
VERIFIER_FINDINGS = Table("verifier_findings", b"So", (_text("verifier_id"), Fixed("finding_id", 32)), Message(pb.VerifierFinding),
                          "Oversight findings on verification bodies (art. 36).")
# -- enforcement (arts. 38, 45-49) ------------------------------------------------------------
# One letter, "N", for the whole feature; each table a second byte after it.
MEASURES = Table("measures", b"Nm", (Fixed("measure_id", 32),), Message(pb.Measure),
                 "Measures of arts. 45 and 47 by id, lifted ones kept with their lift.")
MEASURES_IN_ORDER = Table("measures_in_order", b"No", (Uint("height", 8), Fixed("measure_id", 32)), RAW,
                          "Index: every measure in the order of the chain.")
MEASURES_BY_PARTICIPANT = Table("measures_by_participant", b"Np", (_text("participant_id"), Uint("height", 8), Fixed("measure_id", 32)), RAW,
                                "Index: the measures against a participant, in the order of the chain.")
MEASURES_BY_AUTHORITY = Table("measures_by_authority", b"Na", (_text("authority"), Uint("height", 8), Fixed("measure_id", 32)), RAW,
                              "Index: the measures an authority imposed, in the order of the chain.")
RESTRICTIONS = Table("restrictions", b"Nr", (_text("participant_id"),), Message(pb.Restrictions),
                     "What restricts a participant now (measures with an effect, the blacklist); none: unrestricted.")
CREDIT_RECORDS = Table("credit_records", b"Nc", (_text("participant_id"), Uint("height", 8), Fixed("record_id", 32)),
                       Message(pb.CreditRecord), "Credit records of the ministry and the provinces (art. 38), per participant.")
NOTICES = Table("joint_punishment_notices", b"Nj", (Uint("height", 8), Fixed("notice_id", 32)), Message(pb.JointPunishmentNotice),
                "Joint punishment notices (art. 46), in the order of the chain.")
BLACKLIST = Table("blacklist", b"Nb", (_text("participant_id"), Fixed("entry_id", 32)), Message(pb.BlacklistEntry),
                  "Blacklist entries (art. 49) per listed id, removed ones kept with their removal.")
# -- whistle-blowing (art. 40) -----------------------------------------------------------------
# One letter, "W", for the feature. The sealed envelope lives apart from the public record, so that
# no listing of reports ever reads it by accident.
TIP_INTAKES = Table("tip_intakes", b"Wi", (_text("authority"),), Message(pb.TipIntake),
                    "Each authority's X25519 intake key, that reports to it are sealed to.")
TIPS = Table("tips", b"Wt", (_text("tip_id"),), Message(pb.Tip), "Reports' public records: never the reporter.")
SEALED_TIPS = Table("sealed_tips", b"Ws", (_text("tip_id"),), Message(pb.SealedTip),
                    "Reports' sealed envelopes (the reporter's identity and contact), for the handling authority.")
TIPS_BY_AUTHORITY = Table("tips_by_authority", b"Wa", (_text("authority"), _text("tip_id")), RAW,
                          "Index: the reports filed to each authority.")
TIP_BLOCK_COUNTS = Table("tip_block_counts", b"Wr", (Uint("height", 8),), INT64,
                         "Reports filed in each block that filed any (the per-block bound).")

# -- the history tree (ledger/history.py) -----------------------------------------------------
# One letter, "h", for the feature; each table a second byte after it.
HISTORY_NODES = Table("history_nodes", b"hn", (Uint("level"), Uint("index", 8)), RAW,
                      "The history tree's complete subtrees: node (level, index) covers leaves index*2^level to "
                      "(index+1)*2^level - 1; leaf i is block i's header hash (the genesis hash at 0).")

# -- the exchange and settlement (arts. 8, 17-23) ----------------------------------------------
# One letter, "F" (funds and fills), for the whole market; each table a second byte after it.
_TRADE_DATE = Uint("trade_date")  # YYYYMMDD, China time: sorts by date
CASH_ACCOUNTS = Table("cash_accounts", b"Fc", (_text("holder"),), Message(pb.CashAccount),
                      "Each trading participant's cash account in fen (and the fiscal account of auction proceeds).")
BANK_REFERENCES = Table("bank_references", b"Fn", (_text("bank_reference"),), RAW,
                        "The settlement bank's references recorded, each once: the transaction that recorded it.")
ORDERS = Table("orders", b"Fo", (Fixed("order_id", 32),), Message(pb.Order), "Every order and auction offer, by id.")
ORDERS_BY_ACCOUNT = Table("orders_by_account", b"Fa", (_text("account_id"), _TRADE_DATE, Uint("sequence", 8)), RAW,
                          "Index: an account's orders in ledger order.")
ORDER_FLOW = Table("order_flow", b"Ff", (_TRADE_DATE, Uint("sequence", 8)), Message(pb.OrderFlowEntry),
                   "Each trading day's order flow in ledger order: what the exchange's engine replays.")
FLOW_SEQUENCES = Table("flow_sequences", b"Fs", (_TRADE_DATE,), INT64, "The last sequence of each trading day's order flow.")
PRICE_LEVELS = Table("price_levels", b"Fv", (Fixed("mode", 1), UnitPart(), Fixed("side", 1), Uint("price_key", 8)), INT64,
                     "Open quantity resting at each price of a book, best first (a buy level's key is the price inverted).")
RESERVED_UNITS = Table("reserved_units", b"Fu", (_text("account_id"), UnitPart()), INT64,
                       "Units of an account reserved for its open sell orders: still the holder's, not spendable.")
OPEN_BUYS = Table("open_buys", b"Fp", (_text("account_id"), UnitPart()), INT64,
                  "Tonnes an account's open buy orders may still buy: part of its position.")
BOUGHT_TODAY = Table("bought_today", b"Fb", (_text("account_id"), UnitPart()), Message(pb.BoughtToday),
                     "Units an account bought on its latest trading day with a purchase (T+1).")
CLOSES = Table("closes", b"Fl", (UnitPart(),), Message(pb.CloseRecord), "Each unit's latest close and the one before: the bands' reference.")
DAY_SUMMARIES = Table("day_summaries", b"Fd", (UnitPart(), _TRADE_DATE), Message(pb.DaySummary),
                      "A unit's trading per day: open, high, low, close, volume.")
BATCHES = Table("batches", b"Fx", (_text("batch_id"),), Message(pb.BatchRecord), "Settlement batches by id, with their first result (art. 21).")
BATCHES_BY_DATE = Table("batches_by_date", b"Fy", (_TRADE_DATE, Uint("day_sequence")), RAW,
                        "Index: a trading day's batch ids in settlement order (their trades are the day's trades).")
RECONCILIATIONS = Table("reconciliations", b"Fr", (_TRADE_DATE,), Message(pb.DayReconciliation),
                        "Per trading day: the exchange's declared batch totals beside the registry's settled totals.")
MARKET_METADATA = Table("market_metadata", b"Fm", (_text("name"),), INT64, "The market's counters (the latest trade date settled).")

TABLES: tuple[Table, ...] = (
    PARTICIPANTS, KEYS, PARTICIPANT_KEYS, ACCOUNTS, HOLDINGS, CAPS, SUPPLY, SURRENDERED_BY_EMITTER,
    SURRENDERED_TO_PROVINCE, OFFSETS, VERIFIED_EMISSIONS, ALLOCATED, CLIENT_IDS, JUDGED, PROJECTS,
    RULEBOOK_VERSIONS, METADATA, CANCELLATIONS, HEADER_HASHES, DECLARATIONS, LISTINGS, LISTINGS_BY_PROVINCE, PLANS, REPORTS, DRAWS,
    DRAWS_BY_PROVINCE, ASSIGNMENTS, VERIFICATIONS, APPEALS, APPEALS_BY_EMITTER, METHODS, ESTIMATES, COMPLIANCE,
    COMPLIANCE_BY_PROVINCE, FINES, DEDUCTIONS, ALLOCATION_TIMES,
    PROTECTIONS, TRUSTED_ACCOUNTS, HELD_TRANSFERS, HELD_BY_ACCOUNT, HELD_UNITS,
    DELEGATIONS, DELEGATIONS_BY_CITY, DELEGATIONS_BY_PROVINCE, SIGNED, DELEGATED_ACTS, INSPECTIONS, VERIFIER_FINDINGS,
    MEASURES, MEASURES_IN_ORDER, MEASURES_BY_PARTICIPANT, MEASURES_BY_AUTHORITY, RESTRICTIONS, CREDIT_RECORDS, NOTICES, BLACKLIST,
    TIP_INTAKES, TIPS, SEALED_TIPS, TIPS_BY_AUTHORITY, TIP_BLOCK_COUNTS,
    HISTORY_NODES,
    CASH_ACCOUNTS, BANK_REFERENCES, ORDERS, ORDERS_BY_ACCOUNT, ORDER_FLOW, FLOW_SEQUENCES, PRICE_LEVELS, RESERVED_UNITS,
    OPEN_BUYS, BOUGHT_TODAY, CLOSES, DAY_SUMMARIES, BATCHES, BATCHES_BY_DATE, RECONCILIATIONS, MARKET_METADATA,
)


def table_of(key: bytes) -> Table | None:
    """The table a state key belongs to (every key the ledger writes belongs to one)."""
    for table in TABLES:
        if key.startswith(table.prefix):
            return table
    return None
