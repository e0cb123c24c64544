"""Stable reason strings: why `validate` refuses an order, and why the engine refuses one.

The ledger side reuses the names as its rejection codes (one `Code` per string), so they never
change meaning; a new rule gets a new string.
"""

from __future__ import annotations

# Refused by `validate` (the order alone plus the previous close and the parameters).
MODE_DISABLED = "MODE_DISABLED"
PRICE_NOT_POSITIVE = "PRICE_NOT_POSITIVE"
PRICE_OFF_TICK = "PRICE_OFF_TICK"
QUANTITY_NOT_POSITIVE = "QUANTITY_NOT_POSITIVE"
QUANTITY_OFF_LOT = "QUANTITY_OFF_LOT"
PRICE_OUTSIDE_BAND = "PRICE_OUTSIDE_BAND"
NO_PREVIOUS_CLOSE = "NO_PREVIOUS_CLOSE"  # a banded mode needs a reference price
LISTING_QUANTITY_TOO_LARGE = "LISTING_QUANTITY_TOO_LARGE"  # listing orders are below 100,000 t
BLOCK_QUANTITY_TOO_SMALL = "BLOCK_QUANTITY_TOO_SMALL"  # block orders are 100,000 t or more
OPEN_QUANTITY_TOO_LARGE = "OPEN_QUANTITY_TOO_LARGE"
BLOCK_COUNTERPARTY_MISSING = "BLOCK_COUNTERPARTY_MISSING"  # a quote names who may accept it
BLOCK_COUNTERPARTY_IS_SELF = "BLOCK_COUNTERPARTY_IS_SELF"
BLOCK_QUOTE_AND_ACCEPT = "BLOCK_QUOTE_AND_ACCEPT"  # names a counterparty and accepts a quote at once
AUCTION_BID_NOT_BUY = "AUCTION_BID_NOT_BUY"  # a one-way auction has one seller; bidders buy
AUCTION_ID_MISSING = "AUCTION_ID_MISSING"
FIELD_NOT_FOR_MODE = "FIELD_NOT_FOR_MODE"  # e.g. `taker` outside listing, `auction_id` outside auctions

# Refused by the engine (a condition of the book when the order arrives); `Closure.REJECTED`.
LEVEL_NOT_AVAILABLE = "LEVEL_NOT_AVAILABLE"  # a listing taker's level is gone or not among the best N
QUOTE_NOT_OPEN = "QUOTE_NOT_OPEN"  # the accepted block quote is filled, cancelled, expired or unknown
NOT_NAMED_COUNTERPARTY = "NOT_NAMED_COUNTERPARTY"  # the acceptor is not the participant the quote names
QUOTE_TERMS_DIFFER = "QUOTE_TERMS_DIFFER"  # side, price or quantity differ from the quote's
AUCTION_NOT_OPEN = "AUCTION_NOT_OPEN"  # a bid for, or a close of, no open auction
ORDER_NOT_OPEN = "ORDER_NOT_OPEN"  # a Cancel of an order filled, closed or unknown (CANCEL_REFUSED)
DUPLICATE_ID = "DUPLICATE_ID"  # an order or auction id that is already open

# Why a remainder is released without trading (`Closure.UNFILLED`).
TAKER_REMAINDER = "TAKER_REMAINDER"  # a listing taker's level held less than it asked for
AUCTION_NOT_WON = "AUCTION_NOT_WON"  # a bid (or its part) below the clearing price or past the offer
AUCTION_UNSOLD = "AUCTION_UNSOLD"  # the offer's part no bid at or above the reserve took

VALIDATION_REASONS = (
    MODE_DISABLED, PRICE_NOT_POSITIVE, PRICE_OFF_TICK, QUANTITY_NOT_POSITIVE, QUANTITY_OFF_LOT,
    PRICE_OUTSIDE_BAND, NO_PREVIOUS_CLOSE, LISTING_QUANTITY_TOO_LARGE, BLOCK_QUANTITY_TOO_SMALL,
    OPEN_QUANTITY_TOO_LARGE, BLOCK_COUNTERPARTY_MISSING, BLOCK_COUNTERPARTY_IS_SELF,
    BLOCK_QUOTE_AND_ACCEPT, AUCTION_BID_NOT_BUY, AUCTION_ID_MISSING, FIELD_NOT_FOR_MODE,
)
ENGINE_REASONS = (
    LEVEL_NOT_AVAILABLE, QUOTE_NOT_OPEN, NOT_NAMED_COUNTERPARTY, QUOTE_TERMS_DIFFER, AUCTION_NOT_OPEN,
    ORDER_NOT_OPEN, DUPLICATE_ID, TAKER_REMAINDER, AUCTION_NOT_WON, AUCTION_UNSOLD,
)
