"""Order admission rules that depend on the order alone, the parameters and the previous close.

The ledger side runs `validate` at order entry (and refuses with the returned reason, reasons.py);
the engine assumes every order it receives passed it. Checks run in a fixed order, so an order
with two faults always gets the same reason. Rules that need the book (a listing taker's level, a
block quote to accept, an open auction) are the engine's (`Closed.REJECTED`).
"""

from __future__ import annotations

from cets.exchange.engine import reasons
from cets.exchange.engine.types import AuctionOffer, Mode, Order, Parameters, Side

BASIS_POINTS = 10_000


def validate(order: Order, params: Parameters, previous_close_fen: int | None) -> str | None:
    """The reason `order` may not enter the market, or None. `previous_close_fen` is the
    reference of the price bands (None or 0 when the market has none yet)."""
    if order.mode not in params.enabled_modes:
        return reasons.MODE_DISABLED
    problem = fields_problem(order)
    if problem is None:
        problem = price_and_quantity_problem(order.price_fen, order.quantity, params)
    if problem is None:
        problem = size_problem(order, params)
    if problem is None and order.mode is not Mode.AUCTION:
        problem = band_problem(order.price_fen, band_of(order.mode, params), previous_close_fen)
    return problem


def validate_offer(offer: AuctionOffer, params: Parameters) -> str | None:
    """The reason an auction offer may not open, or None (no band: the reserve is the seller's)."""
    if Mode.AUCTION not in params.enabled_modes:
        return reasons.MODE_DISABLED
    return price_and_quantity_problem(offer.reserve_price_fen, offer.quantity, params)


def fields_problem(order: Order) -> str | None:
    """Each mode's own fields, and no other mode's."""
    mode = order.mode
    if order.taker and mode is not Mode.LISTING:
        return reasons.FIELD_NOT_FOR_MODE
    if (order.counterparty or order.accepts) and mode is not Mode.BLOCK:
        return reasons.FIELD_NOT_FOR_MODE
    if order.auction_id and mode is not Mode.AUCTION:
        return reasons.FIELD_NOT_FOR_MODE
    if mode is Mode.BLOCK:
        if order.counterparty and order.accepts:
            return reasons.BLOCK_QUOTE_AND_ACCEPT
        if not order.counterparty and not order.accepts:
            return reasons.BLOCK_COUNTERPARTY_MISSING
        if order.counterparty == order.participant:
            return reasons.BLOCK_COUNTERPARTY_IS_SELF
    if mode is Mode.AUCTION:
        if order.side is not Side.BUY:
            return reasons.AUCTION_BID_NOT_BUY
        if not order.auction_id:
            return reasons.AUCTION_ID_MISSING
    return None


def price_and_quantity_problem(price_fen: int, quantity: int, params: Parameters) -> str | None:
    if price_fen <= 0:
        return reasons.PRICE_NOT_POSITIVE
    if price_fen % params.tick_fen:
        return reasons.PRICE_OFF_TICK
    if quantity <= 0:
        return reasons.QUANTITY_NOT_POSITIVE
    if quantity % params.lot_tonnes:
        return reasons.QUANTITY_OFF_LOT
    return None


def size_problem(order: Order, params: Parameters) -> str | None:
    """Listing below the block threshold, block at or above it (the exchange's 2021 rules)."""
    if order.mode is Mode.LISTING and order.quantity >= params.listing_quantity_below:
        return reasons.LISTING_QUANTITY_TOO_LARGE
    if order.mode is Mode.BLOCK and order.quantity < params.listing_quantity_below:
        return reasons.BLOCK_QUANTITY_TOO_SMALL
    if order.mode is Mode.OPEN_BIDDING and order.quantity > params.open_quantity_max:
        return reasons.OPEN_QUANTITY_TOO_LARGE
    return None


def band_of(mode: Mode, params: Parameters) -> int:
    if mode is Mode.LISTING:
        return params.listing_band_bp
    if mode is Mode.BLOCK:
        return params.block_band_bp
    return params.open_band_bp


def band_problem(price_fen: int, band_bp: int, previous_close_fen: int | None) -> str | None:
    """Inside [close × (1 − band), close × (1 + band)], both ends included, compared exactly in
    integers (no rounding of the limits)."""
    if not previous_close_fen or previous_close_fen <= 0:
        return reasons.NO_PREVIOUS_CLOSE
    scaled = price_fen * BASIS_POINTS
    if scaled < previous_close_fen * (BASIS_POINTS - band_bp) or scaled > previous_close_fen * (BASIS_POINTS + band_bp):
        return reasons.PRICE_OUTSIDE_BAND
    return None


def band_limits(band_bp: int, previous_close_fen: int, tick_fen: int) -> tuple[int, int]:
    """The lowest and highest prices on the tick that `band_problem` admits (for display)."""
    low = -((-previous_close_fen * (BASIS_POINTS - band_bp)) // BASIS_POINTS)  # ceiling
    high = previous_close_fen * (BASIS_POINTS + band_bp) // BASIS_POINTS
    return -((-low) // tick_fen) * tick_fen, high // tick_fen * tick_fen
