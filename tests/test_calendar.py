"""Dates and deadlines in China time (ledger/calendar.py), cross-checked against the standard
library's calendar: the ledger cannot import it (no clock, no time zones in ledger/), a test can."""

from __future__ import annotations

import datetime

from hypothesis import given, strategies as st

from cets.v1 import messages as pb
from cets.ledger import calendar

CHINA = datetime.timezone(datetime.timedelta(hours=8))


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2400, 12, 31)))
def test_days_from_civil_agrees_with_the_standard_library_both_ways(date):
    days = calendar.days_from_civil(date.year, date.month, date.day)
    assert days == (date - datetime.date(1970, 1, 1)).days
    assert calendar.civil_from_days(days) == (date.year, date.month, date.day)


@given(st.integers(min_value=0, max_value=13_000_000_000_000))
def test_the_year_of_a_block_time_is_its_year_in_china(time_ms):
    moment = datetime.datetime.fromtimestamp(time_ms / 1000, tz=CHINA)
    assert calendar.year_of(time_ms) == moment.year


def test_a_report_for_2025_is_due_before_1_april_2026_china_time():
    # art. 26: before 31 March of the following year; the deadline is the end of that day in China.
    due = pb.YearDay(year_offset=1, month=3, day=31)
    end = datetime.datetime(2026, 4, 1, tzinfo=CHINA)
    assert calendar.deadline_ms(2025, due) == int(end.timestamp() * 1000)


def test_a_year_ends_at_midnight_china_time():
    assert calendar.year_start_ms(2026) == int(datetime.datetime(2026, 1, 1, tzinfo=CHINA).timestamp() * 1000)


def test_year_day_problems_name_the_field():
    assert calendar.year_day_problem(pb.YearDay(year_offset=1, month=2, day=29)).startswith("day:")
    assert calendar.year_day_problem(pb.YearDay(year_offset=1, month=13, day=1)).startswith("month:")
    assert calendar.year_day_problem(pb.YearDay(year_offset=9, month=1, day=1)).startswith("year_offset:")
    assert calendar.year_day_problem(pb.YearDay(year_offset=1, month=12, day=31)) == ""
