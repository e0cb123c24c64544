"""Daily market data from the trades: open, high, low, close, volume and turnover.

The prices (open, high, low, close) come from the trades of `Parameters.close_modes`, by
default the listing agreement's alone, as the national market reports them ("listed trades",
ARTICLES.md): block trades are negotiated off the screen and auctions are allocation, so neither
moves the reference price. The open is the first such trade, the close their volume-weighted
average price rounded to the tick (half up, in integers), and with no such trade the close is the
previous close. Volume and turnover count every trade of the day, of every mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from cets.exchange.engine.types import Mode


def close_price(turnover_fen: int, volume: int, tick_fen: int, previous_close_fen: int | None) -> int | None:
    """The VWAP `turnover / volume` rounded to the nearest tick, a half tick up; the previous
    close when nothing traded."""
    if volume == 0:
        return previous_close_fen
    unit = volume * tick_fen
    return (2 * turnover_fen + unit) // (2 * unit) * tick_fen


@dataclass(frozen=True, slots=True)
class DailyBar:
    trading_day: int
    open_fen: int | None  # None: no trade of the close modes that day
    high_fen: int | None
    low_fen: int | None
    close_fen: int | None  # None only before the market has ever had a close
    volume: int  # tonnes, every mode
    turnover_fen: int  # every mode
    listed_volume: int  # tonnes of the close modes' trades
    listed_turnover_fen: int


class MarketDay:
    """The running figures of the current trading day."""

    __slots__ = ("close_modes", "open_fen", "high_fen", "low_fen", "volume", "turnover_fen",
                 "listed_volume", "listed_turnover_fen")

    def __init__(self, close_modes: frozenset[Mode]):
        self.close_modes = close_modes
        self.open_fen = self.high_fen = self.low_fen = None
        self.volume = self.turnover_fen = self.listed_volume = self.listed_turnover_fen = 0

    def record(self, price_fen: int, quantity: int, mode: Mode) -> None:
        self.volume += quantity
        self.turnover_fen += price_fen * quantity
        if mode not in self.close_modes:
            return
        self.listed_volume += quantity
        self.listed_turnover_fen += price_fen * quantity
        if self.open_fen is None:
            self.open_fen = self.high_fen = self.low_fen = price_fen
        elif price_fen > self.high_fen:
            self.high_fen = price_fen
        elif price_fen < self.low_fen:
            self.low_fen = price_fen

    def bar(self, trading_day: int, tick_fen: int, previous_close_fen: int | None) -> DailyBar:
        close = close_price(self.listed_turnover_fen, self.listed_volume, tick_fen, previous_close_fen)
        return DailyBar(trading_day, self.open_fen, self.high_fen, self.low_fen, close, self.volume,
                        self.turnover_fen, self.listed_volume, self.listed_turnover_fen)
