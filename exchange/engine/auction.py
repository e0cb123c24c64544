"""The clearing rule of a one-way auction (单向竞价, art. 8 paid allocation), a pure function.

The rule, exactly:
  1. Bids priced below the reserve never win.
  2. The other bids are ranked by price, highest first, then by ledger sequence, earliest first.
  3. Walking that ranking, each bid is allocated the smaller of its quantity and what is left of
     the offer, until the offer is exhausted: the bid that exhausts it (the marginal bid) may be
     filled in part; bids at the same price as the marginal bid but later in sequence, and every
     lower bid, get nothing (ties at the clearing price go by time, not pro rata).
  4. The clearing price is the price of the lowest bid allocated anything, and every winning bid
     pays it (a uniform price). So the price is the lowest accepted bid at which demand covers
     the offer; when demand at or above the reserve does not cover the offer
     (undersubscription), every such bid wins in full at the lowest of their prices and the rest
     of the offer stays unsold.
  5. With no bid at or above the reserve nothing trades and the whole offer is unsold.
"""

from __future__ import annotations

from typing import NamedTuple


class Bid(NamedTuple):
    order_id: str
    price_fen: int
    quantity: int  # open tonnes (a cancelled bid is not passed in)


class Clearing(NamedTuple):
    price_fen: int  # 0 when nothing trades
    fills: list[tuple[str, int]]  # (order id, tonnes), in ranking order
    unsold: int


def clear(offered: int, reserve_price_fen: int, bids_in_sequence: list[Bid]) -> Clearing:
    """Clear an auction of `offered` tonnes over bids given in ledger sequence."""
    eligible = [bid for bid in bids_in_sequence if bid.price_fen >= reserve_price_fen]
    ranked = sorted(eligible, key=lambda bid: -bid.price_fen)  # stable: sequence breaks ties
    left, fills, price = offered, [], 0
    for bid in ranked:
        if not left:
            break
        take = min(bid.quantity, left)
        fills.append((bid.order_id, take))
        left -= take
        price = bid.price_fen
    return Clearing(price, fills, left)
