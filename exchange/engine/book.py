"""One side of one mode's order book: price levels, each a FIFO queue in ledger sequence.

A side keeps its level keys in one sorted list with the best level last (a bid's key is its
price, an ask's key its negated price), so the best level is `keys[-1]`, the best N are the last N
and removing the best is `list.pop()`. A level is a deque of resting orders and its open quantity.
A cancelled order is emptied in place (remaining 0) and dropped when it reaches the head of its
queue, so a cancel never searches a queue; a level whose open quantity reaches 0 is removed whole.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import deque

from cets.exchange.engine.types import Order, Side

BUY = Side.BUY  # a module constant: an enum's class attribute costs a lookup on the hot path


class Resting:
    """An order on the book: the order and what is left of it."""

    __slots__ = ("order", "remaining", "key")

    def __init__(self, order: Order, remaining: int, key: int):
        self.order = order
        self.remaining = remaining
        self.key = key


class Level:
    __slots__ = ("queue", "quantity")

    def __init__(self):
        self.queue: deque[Resting] = deque()
        self.quantity = 0  # open tonnes at this price (cancelled orders excluded)


class SideBook:
    __slots__ = ("side", "sign", "keys", "levels")

    def __init__(self, side: Side):
        self.side = side
        self.sign = 1 if side is BUY else -1
        self.keys: list[int] = []  # sorted ascending: the best level is last
        self.levels: dict[int, Level] = {}

    def clear(self) -> None:
        self.keys.clear()
        self.levels.clear()

    def add(self, order: Order, remaining: int) -> Resting:
        """Rest `remaining` tonnes of `order` behind every earlier order at its price."""
        key = self.sign * order.price_fen
        level = self.levels.get(key)
        if level is None:
            level = self.levels[key] = Level()
            insort(self.keys, key)
        resting = Resting(order, remaining, key)
        level.queue.append(resting)
        level.quantity += remaining
        return resting

    def remove(self, resting: Resting) -> int:
        """Take `resting` off the book (cancel, expiry); the tonnes it still had."""
        remaining = resting.remaining
        resting.remaining = 0
        level = self.levels[resting.key]
        level.quantity -= remaining
        if level.quantity == 0:
            self.drop_level(resting.key)
        return remaining

    def drop_level(self, key: int) -> None:
        del self.levels[key]
        keys = self.keys
        if keys[-1] == key:
            keys.pop()
        else:
            del keys[bisect_left(keys, key)]

    def best_price(self) -> int | None:
        return self.sign * self.keys[-1] if self.keys else None

    def depth(self, levels: int) -> list[tuple[int, int]]:
        """The best `levels` levels, best first, as (price fen, open tonnes)."""
        sign, book = self.sign, self.levels
        return [(sign * key, book[key].quantity) for key in reversed(self.keys[-levels:])] if levels > 0 else []

    def is_among_best(self, price_fen: int, levels: int) -> bool:
        """Whether a level at `price_fen` is open and among the best `levels` of this side."""
        key = self.sign * price_fen
        return key in self.levels and key in self.keys[-levels:]

    def open_orders(self):
        """Every open resting order, best level first, in time order within a level."""
        for key in reversed(self.keys):
            for resting in self.levels[key].queue:
                if resting.remaining:
                    yield resting
