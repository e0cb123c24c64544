"""The state machine's narrow view of state: typed reads and buffered writes over a reader.

`State` reads through to a `StateReader` (LMDB snapshot or dict) and buffers every write, so a
block's changes can be committed in one storage transaction and a rejected transaction's changes
dropped. `State.child()` gives a transaction its own layer: merged into the parent on success,
discarded on rejection, so a rejected transaction changes nothing.

Key layout (first byte = table):
  P pid            -> Participant            K key_id          -> KeyRecord
  k pid            -> key ids, comma-joined  A account_id      -> Account
  H account 0 unit -> balance (int64 BE)     C vintage         -> cap (int64 BE)
  U kind unit      -> supply counter         E pid year unit   -> surrendered by an emitter
  V prov year unit -> surrendered to a province
  O pid year       -> CCER offsets surrendered  Y pid year       -> verified emissions (MRV)
  Q signer 0 cid   -> tx id claiming a client id    T tx_id           -> a transaction judged already
  L pid vintage    -> net free allocation received
  J project_id     -> CcerProject            M name            -> chain metadata
"""

from __future__ import annotations

import struct
from typing import Iterator, Protocol

from cets.v1 import ledger_pb2 as pb

_INT64 = struct.Struct(">q")
_UINT64 = struct.Struct(">Q")
_RULEBOOK_VERSION = b"Mrulebook@"  # + effective_ms, 8 bytes big-endian: scans in order of effect
_UINT32 = struct.Struct(">I")

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
    return bytes([unit.product]) + _UINT32.pack(unit.vintage) + unit.project_id.encode()


def unit_from_key(key: bytes) -> pb.Unit:
    return pb.Unit(product=key[0], vintage=_UINT32.unpack(key[1:5])[0], project_id=key[5:].decode())


def cea(vintage: int) -> pb.Unit:
    return pb.Unit(product=pb.PRODUCT_CEA, vintage=vintage)


def encode_int(value: int) -> bytes:
    return _INT64.pack(value)


def decode_int(raw: bytes | None) -> int:
    return 0 if raw is None else _INT64.unpack(raw)[0]


def holding_prefix(account_id: str) -> bytes:
    return b"H" + account_id.encode() + b"\x00"


def participant_key(participant_id: str) -> bytes:
    return b"P" + participant_id.encode()


class State:
    """Typed reads and buffered writes; `writes` maps key to new bytes, or None for a delete."""

    def __init__(self, base: StateReader | "State") -> None:
        self._base = base
        self.writes: dict[bytes, bytes | None] = {}

    # -- raw access -------------------------------------------------------------------------
    def get(self, key: bytes) -> bytes | None:
        if key in self.writes:
            return self.writes[key]
        return self._base.get(key)

    def put(self, key: bytes, value: bytes | None) -> None:
        self.writes[key] = value

    def child(self) -> "State":
        return State(self)

    def merge_into_parent(self) -> None:
        assert isinstance(self._base, State), "only a child layer merges"
        self._base.writes.update(self.writes)

    def _message(self, key: bytes, message_type):
        raw = self.get(key)
        return None if raw is None else message_type.FromString(raw)

    # -- participants and keys --------------------------------------------------------------
    def participant(self, participant_id: str) -> pb.Participant | None:
        return self._message(participant_key(participant_id), pb.Participant)

    def put_participant(self, participant: pb.Participant) -> None:
        self.put(participant_key(participant.participant_id), participant.SerializeToString())

    def key(self, key_id: str) -> pb.KeyRecord | None:
        return self._message(b"K" + key_id.encode(), pb.KeyRecord)

    def put_key(self, record: pb.KeyRecord) -> None:
        self.put(b"K" + record.key_id.encode(), record.SerializeToString())

    def participant_key_ids(self, participant_id: str) -> list[str]:
        raw = self.get(b"k" + participant_id.encode())
        return raw.decode().split(",") if raw else []

    def set_participant_key_ids(self, participant_id: str, key_ids: list[str]) -> None:
        self.put(b"k" + participant_id.encode(), ",".join(sorted(key_ids)).encode())

    # -- accounts and holdings --------------------------------------------------------------
    def account(self, account_id: str) -> pb.Account | None:
        return self._message(b"A" + account_id.encode(), pb.Account)

    def put_account(self, account: pb.Account) -> None:
        self.put(b"A" + account.account_id.encode(), account.SerializeToString())

    def balance(self, account_id: str, unit: pb.Unit) -> int:
        return decode_int(self.get(holding_prefix(account_id) + unit_key(unit)))

    def add_balance(self, account_id: str, unit: pb.Unit, delta: int) -> None:
        key = holding_prefix(account_id) + unit_key(unit)
        value = decode_int(self.get(key)) + delta
        assert value >= 0, f"negative balance in {account_id}: checks must come before mutation"
        self.put(key, encode_int(value) if value else None)

    # -- supply and compliance counters -----------------------------------------------------
    def cap(self, vintage: int) -> int:
        return decode_int(self.get(b"C" + _UINT32.pack(vintage)))

    def set_cap(self, vintage: int, cap: int) -> None:
        self.put(b"C" + _UINT32.pack(vintage), encode_int(cap))

    def vintages_in_use(self) -> set[int]:
        """Vintages with a cap set, or with units issued or recorded (CEA or CCER)."""
        vintages = {_UINT32.unpack(key[1:5])[0] for key, _ in self.scan(b"C")}
        issued = b"U" + SUPPLY_ISSUED
        vintages.update(unit_from_key(key[len(issued):]).vintage for key, _ in self.scan(issued))
        return vintages

    def supply(self, kind: bytes, unit: pb.Unit) -> int:
        return decode_int(self.get(b"U" + kind + unit_key(unit)))

    def add_supply(self, kind: bytes, unit: pb.Unit, delta: int) -> None:
        self._add_counter(b"U" + kind + unit_key(unit), delta)

    def surrendered_by(self, emitter_id: str, year: int, unit: pb.Unit) -> int:
        return decode_int(self.get(self._surrender_key(b"E", emitter_id, year, unit)))

    def add_surrendered(self, emitter_id: str, province: str, year: int, unit: pb.Unit, amount: int) -> None:
        self._add_counter(self._surrender_key(b"E", emitter_id, year, unit), amount)
        self._add_counter(self._surrender_key(b"V", province, year, unit), amount)
        if unit.product == pb.PRODUCT_CCER:
            self._add_counter(self._year_key(b"O", emitter_id, year), amount)

    def offsets_surrendered(self, emitter_id: str, year: int) -> int:
        return decode_int(self.get(self._year_key(b"O", emitter_id, year)))

    def verified_emissions(self, emitter_id: str, year: int) -> int:
        """Verified emissions of an emitter for a year (art. 27-28), written by the MRV record."""
        return decode_int(self.get(self._year_key(b"Y", emitter_id, year)))

    @staticmethod
    def _year_key(table: bytes, owner: str, year: int) -> bytes:
        return table + owner.encode() + b"\x00" + _UINT32.pack(year)

    @staticmethod
    def _surrender_key(table: bytes, owner: str, year: int, unit: pb.Unit) -> bytes:
        return table + owner.encode() + b"\x00" + _UINT32.pack(year) + unit_key(unit)

    def _add_counter(self, key: bytes, delta: int) -> None:
        value = decode_int(self.get(key)) + delta
        assert value >= 0, "counters never go negative"
        self.put(key, encode_int(value))

    # -- idempotency, projects, chain metadata ----------------------------------------------
    def tx_seen(self, tx_id: bytes) -> bool:
        return self.get(b"T" + tx_id) is not None

    def mark_tx_seen(self, tx_id: bytes) -> None:
        self.put(b"T" + tx_id, b"")

    def allocated(self, emitter_id: str, vintage: int) -> int:
        """Net free allocation an emitter received for a vintage (art. 10, 11)."""
        return decode_int(self.get(self._year_key(b"L", emitter_id, vintage)))

    def add_allocated(self, emitter_id: str, vintage: int, delta: int) -> None:
        self._add_counter(self._year_key(b"L", emitter_id, vintage), delta)

    def client_id_claim(self, signer: str, client_id: str) -> bytes | None:
        return self.get(b"Q" + signer.encode() + b"\x00" + client_id.encode())

    def claim_client_id(self, signer: str, client_id: str, tx_id: bytes) -> None:
        self.put(b"Q" + signer.encode() + b"\x00" + client_id.encode(), tx_id)

    def project(self, project_id: str) -> pb.CcerProject | None:
        return self._message(b"J" + project_id.encode(), pb.CcerProject)

    def put_project(self, project: pb.CcerProject) -> None:
        self.put(b"J" + project.project_id.encode(), project.SerializeToString())

    def rulebook(self) -> pb.Rulebook:
        rulebook = self._message(b"Mrulebook", pb.Rulebook)
        assert rulebook is not None, "the genesis sets the rulebook"
        return rulebook

    def put_rulebook(self, rulebook: pb.Rulebook) -> None:
        self.put(b"Mrulebook", rulebook.SerializeToString())

    def rulebook_versions(self) -> list[pb.RulebookVersion]:
        """The versions scheduled by SetRulebook, in order of effect (not the genesis rulebook)."""
        return [pb.RulebookVersion.FromString(raw) for _, raw in self.scan(_RULEBOOK_VERSION)]

    def rulebook_at(self, time_ms: int) -> pb.Rulebook:
        """The rulebook in force at `time_ms`: the last version effective by then, else the genesis one."""
        in_force = self.rulebook()
        for version in self.rulebook_versions():
            if version.effective_ms > time_ms:
                break
            in_force = version.rulebook
        return in_force

    def put_rulebook_version(self, version: pb.RulebookVersion) -> None:
        self.put(_RULEBOOK_VERSION + _UINT64.pack(version.effective_ms), version.SerializeToString())

    def scan(self, prefix: bytes) -> list[tuple[bytes, bytes]]:
        """Entries under `prefix` in key order, this layer's writes over its base's."""
        base = self._base
        entries = dict(base.scan(prefix))
        for key, value in self.writes.items():
            if key.startswith(prefix):
                if value is None:
                    entries.pop(key, None)
                else:
                    entries[key] = value
        return sorted(entries.items())

    def chain_id(self) -> str:
        raw = self.get(b"Mchain_id")
        assert raw is not None, "the genesis sets the chain id"
        return raw.decode()

    def quorum(self) -> int:
        return decode_int(self.get(b"Mquorum"))
