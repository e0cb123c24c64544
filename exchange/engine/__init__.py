"""The exchange's matching engine (DESIGN §6): pure, deterministic, replayable by anyone.

The contract (types.py): `Order`, `Cancel`, `DayEnd`, `AuctionOffer` and `AuctionClose` events in
ledger order in; `Trade` and `Closure` outcomes out. `validate` is the admission check the ledger
runs at order entry; `replay` and `first_difference` are what `cets audit market` runs.
"""

from cets.exchange.engine.engine import Engine, SequenceError
from cets.exchange.engine.market import DailyBar, close_price
from cets.exchange.engine.replay import Difference, closures_of, first_difference, replay, trades_of
from cets.exchange.engine.types import (
    AuctionClose, AuctionOffer, Cancel, Closed, Closure, DayEnd, Event, Mode, Order, Outcome, Parameters,
    Side, Trade,
)
from cets.exchange.engine.validate import validate, validate_offer

__all__ = [
    "AuctionClose", "AuctionOffer", "Cancel", "Closed", "Closure", "DailyBar", "DayEnd", "Difference", "Engine",
    "Event", "Mode", "Order", "Outcome", "Parameters", "SequenceError", "Side", "Trade", "close_price",
    "closures_of", "first_difference", "replay", "trades_of", "validate", "validate_offer",
]
