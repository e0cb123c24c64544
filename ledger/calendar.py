"""Dates and deadlines in China time, as pure integer arithmetic on block times.

The ledger never reads a clock: a deadline passes when a block's time passes it. The market's
dates are China Standard Time (UTC+8, no daylight saving), so a date is turned into
milliseconds since the Unix epoch with a fixed offset and the proleptic Gregorian calendar
(days from civil date: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"); nothing here
depends on the machine's time zone or on a time-zone database.
"""

from __future__ import annotations

from cets.v1 import messages as pb

DAY_MS = 86_400_000
CHINA_OFFSET_MS = 8 * 3_600_000  # UTC+8 all year


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given date (negative before it)."""
    assert 1 <= month <= 12 and 1 <= day <= 31
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) `days` after 1970-01-01."""
    days += 719_468
    era = (days if days >= 0 else days - 146_096) // 146_097
    day_of_era = days - era * 146_097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_index = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_index + 2) // 5 + 1
    month = month_index + (3 if month_index < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


def days_in_month(year: int, month: int) -> int:
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return days_from_civil(*following, 1) - days_from_civil(year, month, 1)


def start_of_day_ms(year: int, month: int, day: int) -> int:
    """00:00 China time of the date, in ms since the epoch."""
    return days_from_civil(year, month, day) * DAY_MS - CHINA_OFFSET_MS


def year_start_ms(year: int) -> int:
    """00:00 China time on 1 January: a year has ended once a block's time reaches the next one's."""
    return start_of_day_ms(year, 1, 1)


def year_of(time_ms: int) -> int:
    """The year (China time) of a block time."""
    return civil_from_days((time_ms + CHINA_OFFSET_MS) // DAY_MS)[0]


def deadline_ms(year: int, due: pb.YearDay) -> int:
    """The end (China time) of the day `due` names for compliance year `year`: the first
    millisecond after the deadline. An act at a block time before it is in time."""
    target_year = year + due.year_offset
    return start_of_day_ms(target_year, due.month, due.day) + DAY_MS


def year_day_problem(due: pb.YearDay) -> str:
    """What makes `due` unusable as a deadline (for the rulebook's checks), or ""."""
    if not 0 <= due.year_offset <= 5:
        return f"year_offset: got {due.year_offset}, want 0..5"
    if not 1 <= due.month <= 12:
        return f"month: got {due.month}, want 1..12"
    if not 1 <= due.day <= days_in_month(2001, due.month):  # a year without 29 February
        return f"day: got {due.day}, want 1..{days_in_month(2001, due.month)}"
    return ""


def days_ms(days: int) -> int:
    return days * DAY_MS
