"""The bridge between the chain and the engine (issue 10; arts. 8, 20, 21): pure, no clock, no I/O.

The ledger records each trading day's order flow (`ORDER_FLOW`: places, auction offers,
cancellations and the exchange's day end, in ledger order); `DayReplay` maps those entries onto
the engine's events, one engine per unit (the engine's books are one product's), and gathers the
outcomes a settlement batch carries, in the engine's order: the trades, the book cancellations
(a REJECTED order, an UNFILLED remainder: a listing taker's, a losing bid's, an auction's unsold
part) and the expiries. An owner's cancellation is released by the ledger when it is recorded, and
a refused cancel changes nothing, so neither goes into a batch.

The day end (`ORDER_FLOW_ACTION_DAY_END`) is where every unit's engine gets `DayEnd` and then
`AuctionClose` for each auction of that day still open, in offer order; the ministry's earlier
close of its auction (`ORDER_FLOW_ACTION_AUCTION_CLOSE`) is an `AuctionClose` where it stands. Both
are places of the ledger order, so a replay reproduces the clearing.

**Batches.** The day's batch items form one sequence (a prefix of the flow gives a prefix of the
items); a batch carries the items from a position on, as many as fit one transaction, and its id
is `{trade_date}-{position}`. So the batches are a function of the chain alone: after a restart
the exchange rebuilds the same items, reads how far the settled batches reach (`covered`), and
resubmits a batch that was in flight under the same id, which the ledger settles once
(`DUPLICATE_BATCH` for the second).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.ledger import limits, market_queries
from cets.ledger import tables as t
from cets.ledger.state import State
from cets.exchange.engine import (
    AuctionClose, AuctionOffer, Cancel, Closed, DayEnd, Engine, Event, Mode, Order, Outcome, Parameters, Side, Trade,
)

# A batch's payload stays this far below the transaction bound: the body's envelope (chain id,
# signer, client id, created time) and the signature take the rest.
ENVELOPE_BYTES = 1_024
BATCH_PAYLOAD_BYTES_MAX = limits.signed_tx_bytes_max - ENVELOPE_BYTES
ID_ITEM_BYTES = 34  # a repeated 32-byte id: tag, length, bytes
BOOK_CANCELLATIONS = frozenset({Closed.REJECTED, Closed.UNFILLED})


def parameters(rulebook: pb.Rulebook) -> Parameters:
    """The engine's parameters from the rulebook's trading fields (40-55)."""
    return Parameters(tick_fen=rulebook.tick_fen, lot_tonnes=rulebook.lot_tonnes, listing_quantity_below=rulebook.block_threshold_tonnes,
                      listing_band_bp=rulebook.listing_band_bps, block_band_bp=rulebook.block_band_bps,
                      open_band_bp=rulebook.open_bidding_band_bps, open_quantity_max=rulebook.open_bidding_quantity_max,
                      best_levels=rulebook.best_levels, enabled_modes=frozenset(Mode(mode) for mode in rulebook.enabled_modes))


def day_parameters(state: State, trade_date: int) -> Parameters:
    """The parameters of the rulebook in force at the day's first order (the exchange and any
    auditor read the same one; a version taking effect during a day applies from the next)."""
    first = t.ORDER_FLOW.get(state, trade_date, 1)
    return parameters(state.rulebook_at(first.order.time_ms) if first is not None else state.rulebook())


def all_batches(state: State, trade_date: int) -> list[pb.BatchRecord]:
    """A trading day's settled batches, in settlement order."""
    records, token = [], ""
    while True:
        page = market_queries.batches(state, trade_date, token=token, size=limits.page_size_max)
        records += page.items
        token = page.next_token
        if not token:
            return records


def order_event(entry: pb.OrderFlowEntry) -> Order:
    record = entry.order
    return Order(order_id=record.order_id.hex(), height=entry.height, index=entry.sequence, participant=record.participant_id,
                 account=record.account_id, side=Side(record.side), mode=Mode(record.mode), price_fen=record.price_fen,
                 quantity=record.quantity, taker=bool(record.maker_order_id), counterparty=record.counterparty,
                 accepts=record.quote_order_id.hex(), auction_id=record.auction_id.hex())


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a batch carries: a trade, or an order the book cancelled or expired."""

    trade: pb.Trade | None = None
    cancelled: bytes = b""
    expired: bytes = b""

    def size(self) -> int:
        if self.trade is not None:
            return self.trade.ByteSize() + 3  # tag and length
        return ID_ITEM_BYTES


def item_of(outcome: Outcome) -> Item | None:
    """What a batch carries for an outcome, or None (an owner's cancellation, a refused cancel)."""
    if type(outcome) is Trade:
        return Item(trade=pb.Trade(buy_order_id=bytes.fromhex(outcome.buy_order_id), sell_order_id=bytes.fromhex(outcome.sell_order_id),
                                   price_fen=outcome.price_fen, quantity=outcome.quantity))
    if outcome.kind in BOOK_CANCELLATIONS:
        return Item(cancelled=bytes.fromhex(outcome.order_id))
    if outcome.kind == Closed.EXPIRED:
        return Item(expired=bytes.fromhex(outcome.order_id))
    return None


@dataclass
class DayReplay:
    """One trading day's order flow through the engine, fed entry by entry in ledger order."""

    trade_date: int
    params: Parameters
    engines: dict[bytes, Engine] = field(default_factory=dict)  # by serialized unit, in first appearance
    auctions: dict[bytes, list[str]] = field(default_factory=dict)  # each unit's auction ids, in offer order
    units: dict[bytes, bytes] = field(default_factory=dict)  # order id -> serialized unit
    modes: dict[bytes, int] = field(default_factory=dict)  # order id -> mode
    outcomes: list[Outcome] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    sequence: int = 0  # the last flow entry applied
    ended: bool = False

    def feed(self, entries: Iterable[pb.OrderFlowEntry]) -> None:
        for entry in entries:
            self.apply(entry)

    def apply(self, entry: pb.OrderFlowEntry) -> None:
        assert entry.sequence == self.sequence + 1, f"flow entry {entry.sequence} after {self.sequence}: entries are fed in order"
        self.sequence = entry.sequence
        start = len(self.outcomes)
        for unit, event in self.events(entry):
            self.engine(unit).apply_into(event, self.outcomes)
        self.items.extend(item for item in map(item_of, self.outcomes[start:]) if item is not None)

    def engine(self, unit: bytes) -> Engine:
        if unit not in self.engines:
            self.engines[unit] = Engine(self.params)
            self.auctions[unit] = []
        return self.engines[unit]

    def events(self, entry: pb.OrderFlowEntry) -> list[tuple[bytes, Event]]:
        record, height, index = entry.order, entry.height, entry.sequence
        if entry.action == pb.ORDER_FLOW_ACTION_DAY_END:
            self.ended = True
            out: list[tuple[bytes, Event]] = []
            for unit in self.engines:
                out.append((unit, DayEnd(self.trade_date, height, index)))
                out += [(unit, AuctionClose(auction_id, height, index)) for auction_id in self.auctions[unit]]
            return out
        unit = record.unit.SerializeToString(deterministic=True)
        if entry.action == pb.ORDER_FLOW_ACTION_AUCTION_CLOSE:
            unit = self.units.get(record.order_id, unit)
            auction_id = record.order_id.hex()
            if auction_id in self.auctions.get(unit, ()):
                self.auctions[unit].remove(auction_id)  # cleared here, not again at the day's end
            return [(unit, AuctionClose(auction_id, height, index))]
        if entry.action == pb.ORDER_FLOW_ACTION_CANCEL:
            return [(self.units.get(record.order_id, unit), Cancel(record.order_id.hex(), height, index))]
        self.units[record.order_id], self.modes[record.order_id] = unit, record.mode
        self.engine(unit)
        if entry.action == pb.ORDER_FLOW_ACTION_AUCTION_OFFER:
            self.auctions[unit].append(record.order_id.hex())
            return [(unit, AuctionOffer(record.order_id.hex(), height, index, record.participant_id, record.account_id,
                                        record.quantity, record.price_fen))]
        return [(unit, order_event(entry))]

    def trades(self) -> list[Trade]:
        return [outcome for outcome in self.outcomes if type(outcome) is Trade]

    def batches(self, covered: int) -> list[pb.SettleBatch]:
        """The batches of the items from position `covered` on, each fitting one transaction."""
        return batches_of(self.trade_date, self.items, covered)


def batch_id(trade_date: int, position: int) -> str:
    return f"{trade_date}-{position}"


def position_of(trade_date: int, batch_id_text: str) -> int | None:
    """The position a batch id of this module names, or None (a batch someone else named)."""
    prefix = f"{trade_date}-"
    tail = batch_id_text[len(prefix):]
    if not batch_id_text.startswith(prefix) or not tail.isdigit() or str(int(tail)) != tail:
        return None
    return int(tail)


def batches_of(trade_date: int, items: Sequence[Item], start: int) -> list[pb.SettleBatch]:
    out, position = [], start
    while position < len(items):
        end, size = position, 64  # the header's fields
        while end < len(items) and size + items[end].size() <= BATCH_PAYLOAD_BYTES_MAX:
            size += items[end].size()
            end += 1
        out.append(settle_batch(trade_date, position, items[position:end]))
        position = end
    return out


def settle_batch(trade_date: int, position: int, items: Sequence[Item]) -> pb.SettleBatch:
    trades = [item.trade for item in items if item.trade is not None]
    return pb.SettleBatch(batch_id=batch_id(trade_date, position), trade_date=trade_date, trade_count=len(trades),
                          total_quantity=sum(trade.quantity for trade in trades),
                          total_amount_fen=sum(trade.price_fen * trade.quantity for trade in trades), trades=trades,
                          cancelled_order_ids=[item.cancelled for item in items if item.cancelled],
                          expired_order_ids=[item.expired for item in items if item.expired])


def covered(trade_date: int, records: Iterable[pb.BatchRecord]) -> int:
    """How many of the day's items the settled batches of this module's ids reach: a batch at
    position p carrying n items (trades and book outcomes) covers up to p + n."""
    reach = 0
    for record in records:
        position = position_of(trade_date, record.batch_id)
        if position is not None:
            reach = max(reach, position + len(record.trades) + len(record.result.outcomes))
    return reach


# ---- the audit: the settled batches beside the replay ---------------------------------------


@dataclass(frozen=True)
class Settled:
    """What a day's settled batches carried, in settlement order, as the engine's outcomes."""

    trades: list[Trade]
    cancelled: list[bytes]
    expired: list[bytes]


def settled(records: Iterable[pb.BatchRecord], modes: dict[bytes, int]) -> Settled:
    trades, cancelled, expired = [], [], []
    for record in records:
        for trade in record.trades:
            mode = Mode(modes.get(trade.buy_order_id, Mode.OPEN_BIDDING))
            trades.append(Trade(trade.buy_order_id.hex(), trade.sell_order_id.hex(), trade.price_fen, trade.quantity, mode))
        for outcome in record.result.outcomes:
            (cancelled if outcome.status == pb.ORDER_STATUS_CANCELLED else expired).append(outcome.order_id)
    return Settled(trades, cancelled, expired)


def expected_closures(replay: DayReplay) -> tuple[list[bytes], list[bytes]]:
    cancelled = [item.cancelled for item in replay.items if item.cancelled]
    expired = [item.expired for item in replay.items if item.expired]
    return cancelled, expired

