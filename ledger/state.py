"""The state machine's narrow view of state: typed reads and buffered writes over a reader.

`State` reads through to a `StateReader` (LMDB snapshot or dict) and buffers every write, so a
block's changes can be committed in one storage transaction and a rejected transaction's changes
dropped. `State.child()` gives a transaction its own layer: merged into the parent on success,
discarded on rejection, so a rejected transaction changes nothing.

Every record lives in a table declared once in `ledger/tables.py` (prefix, key codec, value codec);
this module only names the operations the handlers need.
"""

from __future__ import annotations

import heapq
from typing import Iterator, Protocol

from cets.v1 import messages as pb
from cets.ledger import limits
from cets.ledger import tables as t
from cets.ledger.tables import INT64

_UNWRITTEN = object()  # a key this layer has not written (None is a delete)

SUPPLY_ISSUED = b"i"
SUPPLY_SURRENDERED = b"s"
SUPPLY_CANCELLED = b"c"


class StateReader(Protocol):
    def get(self, key: bytes) -> bytes | None: ...

    def scan(
        self, prefix: bytes, start_after: bytes | None = None, limit: int | None = None
    ) -> Iterator[tuple[bytes, bytes]]: ...


def unit_key(unit: pb.Unit) -> bytes:
    """Holdings are kept per (product, vintage, project); this orders them that way."""
    return t.UnitPart().encode(unit, True)


def cea(vintage: int) -> pb.Unit:
    return pb.Unit(product=pb.PRODUCT_CEA, vintage=vintage)


def encode_int(value: int) -> bytes:
    return INT64.encode(value)


def decode_int(raw: bytes | None) -> int:
    return 0 if raw is None else INT64.decode(raw)


class State:
    """Typed reads and buffered writes; `writes` maps key to new bytes, or None for a delete."""

    def __init__(self, base: StateReader | "State") -> None:
        self._base = base
        self.writes: dict[bytes, bytes | None] = {}

    # -- raw access -------------------------------------------------------------------------
    def get(self, key: bytes) -> bytes | None:
        # Down the layers in a loop, one lookup each: a replay reads ~20 keys per transfer.
        layer = self
        while True:
            value = layer.writes.get(key, _UNWRITTEN)
            if value is not _UNWRITTEN:
                return value
            base = layer._base
            if type(base) is not State:
                return base.get(key)
            layer = base

    def put(self, key: bytes, value: bytes | None) -> None:
        self.writes[key] = value

    def child(self) -> "State":
        return State(self)

    def merge_into_parent(self) -> None:
        assert isinstance(self._base, State), "only a child layer merges"
        self._base.writes.update(self.writes)

    # -- participants and keys --------------------------------------------------------------
    def participant(self, participant_id: str) -> pb.Participant | None:
        return t.PARTICIPANTS.get(self, participant_id)

    def put_participant(self, participant: pb.Participant) -> None:
        t.PARTICIPANTS.put(self, participant, participant.participant_id)

    def key(self, key_id: str) -> pb.KeyRecord | None:
        return t.KEYS.get(self, key_id)

    def put_key(self, record: pb.KeyRecord) -> None:
        t.KEYS.put(self, record, record.key_id)

    def participant_key_ids(self, participant_id: str) -> list[str]:
        return t.PARTICIPANT_KEYS.get(self, participant_id, default=[])

    def set_participant_key_ids(self, participant_id: str, key_ids: list[str]) -> None:
        t.PARTICIPANT_KEYS.put(self, key_ids, participant_id)

    # -- accounts and holdings --------------------------------------------------------------
    def account(self, account_id: str) -> pb.Account | None:
        return t.ACCOUNTS.get(self, account_id)

    def put_account(self, account: pb.Account) -> None:
        t.ACCOUNTS.put(self, account, account.account_id)

    def balance(self, account_id: str, unit: pb.Unit) -> int:
        return t.HOLDINGS.get(self, account_id, unit, default=0)

    def add_balance(self, account_id: str, unit: pb.Unit, delta: int) -> None:
        key = t.HOLDINGS.key(account_id, unit)
        value = decode_int(self.get(key)) + delta
        assert value >= 0, f"negative balance in {account_id}: checks must come before mutation"
        self.put(key, encode_int(value) if value else None)

    # -- supply and compliance counters -----------------------------------------------------
    def cap(self, vintage: int) -> int:
        return t.CAPS.get(self, vintage, default=0)

    def set_cap(self, vintage: int, cap: int) -> None:
        t.CAPS.put(self, cap, vintage)

    def vintages_in_use(self) -> set[int]:
        """Vintages with a cap set, or with units issued or recorded (CEA or CCER)."""
        # Unbounded on purpose, and rare: only SetRulebook asks, to refuse narrowing the vintages.
        vintages = {parts[0] for _, parts, _ in self.scan_table(t.CAPS, limit=None)}
        vintages.update(parts[1].vintage for _, parts, _ in self.scan_table(t.SUPPLY, SUPPLY_ISSUED, limit=None))
        return vintages

    def supply(self, kind: bytes, unit: pb.Unit) -> int:
        return t.SUPPLY.get(self, kind, unit, default=0)

    def add_supply(self, kind: bytes, unit: pb.Unit, delta: int) -> None:
        self._add_counter(t.SUPPLY, delta, kind, unit)

    def surrendered_by(self, emitter_id: str, year: int, unit: pb.Unit) -> int:
        return t.SURRENDERED_BY_EMITTER.get(self, emitter_id, year, unit, default=0)

    def add_surrendered(self, emitter_id: str, province: str, year: int, unit: pb.Unit, amount: int) -> None:
        self._add_counter(t.SURRENDERED_BY_EMITTER, amount, emitter_id, year, unit)
        self._add_counter(t.SURRENDERED_TO_PROVINCE, amount, province, year, unit)
        if unit.product == pb.PRODUCT_CCER:
            self._add_counter(t.OFFSETS, amount, emitter_id, year)

    def offsets_surrendered(self, emitter_id: str, year: int) -> int:
        return t.OFFSETS.get(self, emitter_id, year, default=0)

    def verified_emissions(self, emitter_id: str, year: int) -> int:
        """Verified emissions of an emitter for a year (art. 27-28), written by the MRV record."""
        return t.VERIFIED_EMISSIONS.get(self, emitter_id, year, default=0)

    def _add_counter(self, table: t.Table, delta: int, *parts) -> None:
        key = table.key(*parts)
        value = decode_int(self.get(key)) + delta
        assert value >= 0, "counters never go negative"
        self.put(key, encode_int(value))

    # -- idempotency, projects, chain metadata ----------------------------------------------
    def tx_seen(self, tx_id: bytes) -> bool:
        return self.get(t.JUDGED.key(tx_id)) is not None

    def mark_tx_seen(self, tx_id: bytes) -> None:
        t.JUDGED.put(self, b"", tx_id)

    def index_signed(self, signer: str, height: int, tx_id: bytes, kind: str) -> None:
        """A participant's history (arts. 32-34): every applied transaction under its signer."""
        t.SIGNED.put(self, kind.encode(), signer, height, tx_id)

    def allocated(self, emitter_id: str, vintage: int) -> int:
        """Net free allocation an emitter received for a vintage (art. 10, 11)."""
        return t.ALLOCATED.get(self, emitter_id, vintage, default=0)

    def add_allocated(self, emitter_id: str, vintage: int, delta: int) -> None:
        self._add_counter(t.ALLOCATED, delta, emitter_id, vintage)

    def client_id_claim(self, signer: str, client_id: str) -> bytes | None:
        return t.CLIENT_IDS.get(self, signer, client_id)

    def claim_client_id(self, signer: str, client_id: str, tx_id: bytes) -> None:
        t.CLIENT_IDS.put(self, tx_id, signer, client_id)

    def project(self, project_id: str) -> pb.CcerProject | None:
        return t.PROJECTS.get(self, project_id)

    def put_project(self, project: pb.CcerProject) -> None:
        t.PROJECTS.put(self, project, project.project_id)

    def rulebook(self) -> pb.Rulebook:
        raw = t.METADATA.get(self, "rulebook")
        assert raw is not None, "the genesis sets the rulebook"
        return pb.Rulebook.FromString(raw)

    def put_rulebook(self, rulebook: pb.Rulebook) -> None:
        t.METADATA.put(self, rulebook.SerializeToString(), "rulebook")

    def rulebook_versions(self) -> list[pb.RulebookVersion]:
        """The versions scheduled by SetRulebook, in order of effect (not the genesis rulebook).

        Bounded: SetRulebook schedules at most one version per block time and at most five years
        ahead, and `limits.rulebook_version_count_max` caps how many may ever be kept."""
        return [value for _, _, value in self.scan_table(t.RULEBOOK_VERSIONS, limit=limits.rulebook_version_count_max)]

    def rulebook_at(self, time_ms: int) -> pb.Rulebook:
        """The rulebook in force at `time_ms`: the last version effective by then, else the genesis one."""
        in_force = self.rulebook()
        for version in self.rulebook_versions():
            if version.effective_ms > time_ms:
                break
            in_force = version.rulebook
        return in_force

    def put_rulebook_version(self, version: pb.RulebookVersion) -> None:
        t.RULEBOOK_VERSIONS.put(self, version, version.effective_ms)

    def scan(self, prefix: bytes, start_after: bytes | None = None, limit: int | None = None) -> Iterator[tuple[bytes, bytes]]:
        """Entries under `prefix` in key order after `start_after`, this layer's writes over its
        base's; at most `limit` of them. Lazy: a bounded scan reads only what it returns."""
        own = sorted((key, value) for key, value in self.writes.items()
                     if key.startswith(prefix) and (start_after is None or key > start_after))
        below = ((key, value) for key, value in self._base.scan(prefix, start_after) if key not in self.writes)
        count = 0
        for key, value in heapq.merge(own, below):
            if value is None:
                continue
            if limit is not None and count == limit:
                return
            count += 1
            yield key, value

    def scan_table(self, table: t.Table, *parts, limit: int | None) -> Iterator[tuple[bytes, tuple, object]]:
        """A table's entries under its first `parts`, at most `limit` (None only where the caller
        says why the listing is small)."""
        return table.scan(self, *parts, limit=limit)

    def header_hash(self, height: int) -> bytes | None:
        """The header hash of block `height` (the genesis hash for 0), once a later block exists."""
        return t.HEADER_HASHES.get(self, height)

    def put_header_hash(self, height: int, header_hash: bytes) -> None:
        t.HEADER_HASHES.put(self, header_hash, height)

    def history_node(self, level: int, index: int) -> bytes:
        """A complete subtree of the history tree (ledger/history.py); it exists once written."""
        node = t.HISTORY_NODES.get(self, level, index)
        assert node is not None, f"history node ({level}, {index}) is read before it is written"
        return node

    def put_history_node(self, level: int, index: int, node: bytes) -> None:
        t.HISTORY_NODES.put(self, node, level, index)

    def chain_id(self) -> str:
        raw = t.METADATA.get(self, "chain_id")
        assert raw is not None, "the genesis sets the chain id"
        return raw.decode()

    def set_chain_id(self, chain_id: str) -> None:
        t.METADATA.put(self, chain_id.encode(), "chain_id")

    def quorum(self) -> int:
        return decode_int(t.METADATA.get(self, "quorum"))

    def set_quorum(self, quorum: int) -> None:
        t.METADATA.put(self, encode_int(quorum), "quorum")
