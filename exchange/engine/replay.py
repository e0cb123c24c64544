"""Replay an order flow and compare outcomes: what `cets audit market` runs over the chain.

The auditor maps the chain's order flow (orders, cancels, day ends, auction offers and closes,
in ledger order) to events, replays them here, maps the settled batches to outcomes, and asks
for the first difference: the trade (or book outcome) the batches got wrong, or the first one
they lack or add.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cets.exchange.engine.engine import Engine
from cets.exchange.engine.types import Closure, Event, Outcome, Parameters, Trade


def replay(events: Iterable[Event], params: Parameters | None = None,
           previous_close_fen: int | None = None) -> list[Outcome]:
    """Every outcome of `events`, from an empty market, in the engine's order."""
    engine = Engine(params, previous_close_fen)
    out: list[Outcome] = []
    apply_into = engine.apply_into
    for event in events:
        apply_into(event, out)
    return out


def trades_of(outcomes: Iterable[Outcome]) -> list[Trade]:
    return [outcome for outcome in outcomes if type(outcome) is Trade]


def closures_of(outcomes: Iterable[Outcome]) -> list[Closure]:
    return [outcome for outcome in outcomes if type(outcome) is Closure]


@dataclass(frozen=True, slots=True)
class Difference:
    """The first position where two outcome sequences differ; None on the side that ended."""

    position: int
    expected: Outcome | None
    actual: Outcome | None

    def describe(self) -> str:
        return f"outcome {self.position}: expected {describe(self.expected)}, got {describe(self.actual)}"


def describe(outcome: Outcome | None) -> str:
    if outcome is None:
        return "nothing (the sequence ended)"
    if type(outcome) is Trade:
        return (f"trade buy {outcome.buy_order_id} sell {outcome.sell_order_id} "
                f"{outcome.quantity} t at {outcome.price_fen} fen")
    return f"{outcome.kind.name.lower()} {outcome.order_id} {outcome.quantity} t {outcome.reason}".rstrip()


def first_difference(expected: Sequence[Outcome], actual: Sequence[Outcome]) -> Difference | None:
    """The first difference between `expected` (the engine's replay) and `actual` (what was
    settled), or None when they are equal. Trades compare by identity
    `(buy_order_id, sell_order_id, price_fen, quantity)`; book outcomes by every field. Pass
    `trades_of(...)` of both sides to compare the trades alone."""
    for position in range(min(len(expected), len(actual))):
        if not same(expected[position], actual[position]):
            return Difference(position, expected[position], actual[position])
    if len(expected) == len(actual):
        return None
    position = min(len(expected), len(actual))
    return Difference(position, expected[position] if position < len(expected) else None,
                      actual[position] if position < len(actual) else None)


def same(left: Outcome, right: Outcome) -> bool:
    if type(left) is not type(right):
        return False
    if type(left) is Trade:
        return left.identity() == right.identity()
    return left == right
