"""Matching throughput of the exchange's engine, in process; prints what it measured.

A realistic mixed flow, seeded (the same flow on every run): per trading day, open-bidding limit
orders around a drifting mid price (most rest a few ticks from it, about one in five crosses),
cancels of open orders, listing-agreement makers and takers (each taker picks one of the best
five levels of the other side), block quotes and their acceptances, and a one-way auction of a
few hundred bids; the day ends with the expiry of the book. The flow is generated once (a shadow
engine picks the open orders to cancel and the levels to take, as traders who see the book
would), then replayed on a fresh engine, which is what is timed.

Usage: python bench/matching.py [--events N] [--days D] [--repeat R] [--seed S]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.exchange.engine import (  # noqa: E402
    AuctionClose, AuctionOffer, Cancel, DayEnd, Engine, Mode, Order, Parameters, Side, Trade,
)

TARGET_ORDERS_PER_SECOND = 100_000  # issue 10, item 9
PREVIOUS_CLOSE_FEN = 6_000  # 60.00 CNY a tonne


class Flow:
    """Builds the events, asking a shadow engine what a trader would see."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.engine = Engine(Parameters(), PREVIOUS_CLOSE_FEN)
        self.events: list = []
        self.height = self.index = 0
        self.mid = PREVIOUS_CLOSE_FEN
        self.recent: list[str] = []  # ids of orders that may still be open

    def next_sequence(self) -> tuple[int, int]:
        self.index += 1
        if self.index == 500:  # 500 transactions a block
            self.height, self.index = self.height + 1, 0
        return self.height, self.index

    def add(self, event) -> None:
        self.events.append(event)
        self.engine.apply(event)

    def order(self, side: Side, mode: Mode, price: int, quantity: int, **extra) -> Order:
        height, index = self.next_sequence()
        order = Order(f"{height:08x}{index:04x}", height, index, f"P{self.random.randrange(200)}", "A", side,
                      mode, price, quantity, **extra)
        self.add(order)
        return order

    def open_bidding(self) -> None:
        draw = self.random
        self.mid = min(max(self.mid + draw.choice((-1, 0, 0, 1)), 5_500), 6_500)
        side = Side.BUY if draw.random() < 0.5 else Side.SELL
        away = draw.choice((-2, -1, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10))  # ticks on the passive side
        price = self.mid - away if side is Side.BUY else self.mid + away
        order = self.order(side, Mode.OPEN_BIDDING, price, draw.randrange(1, 20) * 100)
        self.recent.append(order.order_id)

    def cancel(self) -> None:
        """Cancel an open order (one of the recent ones; those found filled are forgotten)."""
        while self.recent:
            position = self.random.randrange(len(self.recent))
            self.recent[position], self.recent[-1] = self.recent[-1], self.recent[position]
            order_id = self.recent.pop()
            if self.engine.remaining(order_id):
                self.add(Cancel(order_id, *self.next_sequence()))
                return

    def listing(self) -> None:
        draw = self.random
        side = Side.BUY if draw.random() < 0.5 else Side.SELL
        other = Side.SELL if side is Side.BUY else Side.BUY
        levels = self.engine.depth(Mode.LISTING, other)
        if levels and draw.random() < 0.4:
            price, _ = draw.choice(levels)
            self.order(side, Mode.LISTING, price, draw.randrange(1, 50) * 100, taker=True)
            return
        away = draw.randrange(0, 30)
        price = self.mid - away if side is Side.BUY else self.mid + away
        self.recent.append(self.order(side, Mode.LISTING, price, draw.randrange(1, 50) * 100).order_id)

    def block(self) -> None:
        quantity = self.random.randrange(100_000, 300_000, 1_000)
        quote = self.order(Side.SELL, Mode.BLOCK, self.mid, quantity, counterparty="P-BUYER")
        self.order(Side.BUY, Mode.BLOCK, self.mid, quantity, accepts=quote.order_id)

    def auction(self, day: int, bids: int) -> None:
        auction_id = f"auction-{day}"
        self.add(AuctionOffer(auction_id, *self.next_sequence(), "MEE", "fiscal", 1_000_000, 5_000))
        for _ in range(bids):
            self.order(Side.BUY, Mode.AUCTION, self.random.randrange(4_800, 6_200), self.random.randrange(1, 100) * 1_000,
                       auction_id=auction_id)
        self.add(AuctionClose(auction_id, *self.next_sequence()))

    def day(self, day: int, events: int) -> None:
        draw, start = self.random, len(self.events)
        self.auction(day, 300)
        while len(self.events) - start < events:
            roll = draw.random()
            if roll < 0.72:
                self.open_bidding()
            elif roll < 0.92:
                self.cancel()
            elif roll < 0.998:
                self.listing()
            else:
                self.block()
        self.add(DayEnd(20261130 + day, *self.next_sequence()))
        self.recent.clear()


def build(events: int, days: int, seed: int) -> list:
    flow = Flow(seed)
    for day in range(days):
        flow.day(day, events // days)
    return flow.events


def timed_replay(events: list) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds to apply every event to a fresh engine, and the trades it made.
    CPU time (of this process) is the steadier figure on a machine shared with other work."""
    engine = Engine(Parameters(), PREVIOUS_CLOSE_FEN)
    out: list = []
    apply_into = engine.apply_into
    started, started_cpu = time.perf_counter(), time.process_time()
    for event in events:
        apply_into(event, out)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return elapsed, elapsed_cpu, sum(1 for outcome in out if type(outcome) is Trade)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261130)
    arguments = parser.parse_args()
    events = build(arguments.events, arguments.days, arguments.seed)
    orders = sum(1 for event in events if type(event) is Order)
    by_mode = {mode.name.lower(): sum(1 for e in events if type(e) is Order and e.mode is mode) for mode in Mode}
    cancels = sum(1 for event in events if type(event) is Cancel)
    print(f"flow: {len(events):,} events, {orders:,} orders ({', '.join(f'{k} {v:,}' for k, v in by_mode.items())}), "
          f"{cancels:,} cancels, {arguments.days} days")
    runs = [timed_replay(events) for _ in range(arguments.repeat)]
    trades = runs[0][2]
    print(f"trades: {trades:,} per replay ({trades / orders:.2f} per order)")
    print(f"matching, in process, 1 core, {arguments.repeat} replays (cancels and day ends count in the time, "
          f"not in the orders):")
    for label, column in (("wall clock", 0), ("CPU time", 1)):
        rates = sorted(orders / run[column] for run in runs)
        median = rates[len(rates) // 2]
        print(f"  {label:10}: {median:,.0f} orders/s median ({rates[0]:,.0f}-{rates[-1]:,.0f}), "
              f"{len(events) / (orders / median):,.0f} events/s   target >= {TARGET_ORDERS_PER_SECOND:,} orders/s: "
              f"{'met' if median >= TARGET_ORDERS_PER_SECOND else 'NOT met'}")


if __name__ == "__main__":
    main()
