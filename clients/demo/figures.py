"""The story's figures, in whole tonnes (tCO2e), in one place so that the arithmetic shows.

A, B and C are Guangdong key emitters listed for the compliance year YEAR; D is a Hubei emitter.
"""

from __future__ import annotations

YEAR = 2025  # the compliance year walked through; its allowances are vintage YEAR
NEXT_YEAR = YEAR + 1  # the allocation that withholds B's shortfall (art. 44)

ISSUED = 1_000_000
SET_ASIDE = 100_000  # into the reserve (art. 9)
DISTRIBUTED = {"44": 600_000, "42": 300_000}
ALLOCATED = {"A": 250_000, "B": 150_000, "C": 130_000, "D": 200_000}
CLAWED_BACK_FROM_B = 10_000  # art. 11
A_TO_B = 30_000
D_TO_FUND = 20_000
CANCELLED_BY_FUND = 5_000

DECLARED = {"A": 230_000, "B": 185_000}  # art. 5: the emitters' own declarations list them
C_LISTING_ESTIMATE = 120_000  # art. 42: C did not declare; Guangdong lists it on its own estimate
REPORTED = {"A": 230_000, "B": 185_000, "C": 118_000}  # C's report comes late
VERIFIED = {"A": 230_000, "B": 185_000}
C_ESTIMATE = 125_000  # art. 43: the province's estimate becomes C's obligation

CCERS_FOR_A = 12_000
A_FIRST_SURRENDER = 200_000  # before its verification: it counts once the obligation is known
B_HOLDS = ALLOCATED["B"] - CLAWED_BACK_FROM_B + A_TO_B  # all of it surrendered: still short
B_SHORTFALL = VERIFIED["B"] - B_HOLDS

NEXT_ISSUED = 450_000
NEXT_ALLOCATED = {"A": 200_000, "B": 150_000, "C": 100_000}


def offset_cap(verified: int, cap_bps: int) -> int:
    """Art. 31: CCERs cover at most cap_bps basis points of verified emissions (the ledger's rounding: down)."""
    return verified * cap_bps // 10_000
