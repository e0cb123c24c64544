"""The engine's contract: its parameters, the events it reads and the outcomes it writes.

Plain frozen records, no protobuf: the ledger side (orders as transactions, reservations,
settlement batches) maps its own messages onto these, so the engine can be replayed by anyone from
the order flow recorded on the chain. Prices are integer fen per tonne, quantities whole tonnes;
nothing here is a float.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Side(enum.IntEnum):
    BUY = 1
    SELL = 2


class Mode(enum.IntEnum):
    """The four trading modes (arts. 8, 20; the exchange's 2021 rules)."""

    OPEN_BIDDING = 1  # 公开竞价: continuous double auction, price-time priority
    LISTING = 2  # 挂牌协议: makers list, a taker picks one of the best N levels
    BLOCK = 3  # 大宗协议: a quote to a named counterparty, accepted whole
    AUCTION = 4  # 单向竞价: one seller, bids collected, one uniform clearing price


class Closed(enum.IntEnum):
    """Why (part of) an order left the engine without trading."""

    CANCELLED = 1  # a Cancel took the remainder off the book
    EXPIRED = 2  # the trading day ended with the remainder on the book
    REJECTED = 3  # the engine refused the whole order (a book condition; see reasons.py)
    UNFILLED = 4  # a remainder that may not rest: a listing taker's, a losing bid's, an auction's unsold part
    CANCEL_REFUSED = 5  # a Cancel found nothing open under that id (quantity 0): the order is untouched


ALL_MODES = frozenset(Mode)


@dataclass(frozen=True, slots=True)
class Parameters:
    """The market's rulebook fields the engine and `validate` read (defaults: the exchange's
    practice, ARTICLES.md "Figures from the exchange's practice"). Bands are in basis points of
    the previous close, so 1000 is ±10%."""

    tick_fen: int = 1  # 0.01 CNY
    lot_tonnes: int = 1
    listing_quantity_below: int = 100_000  # a listing order is below it; a block order at or above it
    listing_band_bp: int = 1_000  # ±10%
    block_band_bp: int = 3_000  # ±30%
    open_band_bp: int = 1_000  # open bidding, the draft's art. 20 (no practice yet): as listing
    open_quantity_max: int = 1_000_000
    best_levels: int = 5  # how many levels of the other side a listing taker may choose from
    enabled_modes: frozenset[Mode] = ALL_MODES
    close_modes: frozenset[Mode] = frozenset({Mode.LISTING})  # whose trades make the daily prices

    def __post_init__(self):
        assert self.tick_fen > 0 and self.lot_tonnes > 0 and self.best_levels > 0
        assert 0 <= self.listing_band_bp <= 10_000 and 0 <= self.block_band_bp <= 10_000
        assert 0 <= self.open_band_bp <= 10_000


# ---- events (the input, in ledger order) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Order:
    """A new order, from its placing transaction. `height, index` is its ledger sequence: its
    time priority. Per mode:
      - OPEN_BIDDING: a limit order; it trades against the other side while prices cross, then
        rests.
      - LISTING: a maker (`taker` false) rests at `price_fen`; a taker (`taker` true) names in
        `price_fen` one of the best `best_levels` levels of the other side and trades there;
        its remainder never rests (UNFILLED).
      - BLOCK: a quote names `counterparty` and rests; an acceptance names the quote in
        `accepts` (opposite side, same price and quantity) and trades it whole.
      - AUCTION: a bid (BUY) for the auction `auction_id` at up to `price_fen`.
    """

    order_id: str  # the placing transaction's id, hex
    height: int
    index: int
    participant: str
    account: str
    side: Side
    mode: Mode
    price_fen: int
    quantity: int  # tonnes
    taker: bool = False
    counterparty: str = ""
    accepts: str = ""
    auction_id: str = ""


@dataclass(frozen=True, slots=True)
class Cancel:
    """Take the remainder of an open order off the book (the ledger has checked the owner)."""

    order_id: str
    height: int
    index: int


@dataclass(frozen=True, slots=True)
class DayEnd:
    """The trading day `trading_day` (e.g. 20261130) is over: every order of the book's modes
    still open expires; auctions keep their bids until their own close."""

    trading_day: int
    height: int
    index: int


@dataclass(frozen=True, slots=True)
class AuctionOffer:
    """A one-way auction opens (art. 8 paid allocation): `quantity` tonnes from the seller's
    account, nothing sold below `reserve_price_fen`. `auction_id` is the offering transaction's id
    and is the sell side of every trade the auction makes."""

    auction_id: str
    height: int
    index: int
    participant: str
    account: str
    quantity: int
    reserve_price_fen: int


@dataclass(frozen=True, slots=True)
class AuctionClose:
    """The auction clears: one uniform price (see auction.py for the rule)."""

    auction_id: str
    height: int
    index: int


# ---- outcomes (the output, in a deterministic order) -------------------------------------


@dataclass(frozen=True, slots=True)
class Trade:
    """A trade. Its identity, the one a settlement batch carries and `cets audit market`
    compares (`first_difference`), is `(buy_order_id, sell_order_id, price_fen, quantity)`;
    `mode` follows from the orders and rides along for market data."""

    buy_order_id: str
    sell_order_id: str
    price_fen: int
    quantity: int
    mode: Mode

    def identity(self) -> tuple[str, str, int, int]:
        return (self.buy_order_id, self.sell_order_id, self.price_fen, self.quantity)


@dataclass(frozen=True, slots=True)
class Closure:
    """(Part of) an order leaves the engine without trading: `quantity` tonnes are released
    (its reservation, on the ledger side). `reason` is a stable string (reasons.py), "" for a
    plain cancellation or expiry."""

    order_id: str
    kind: Closed
    quantity: int
    reason: str = ""


Event = Order | Cancel | DayEnd | AuctionOffer | AuctionClose
Outcome = Trade | Closure
