"""Trading days and sessions, judged against the block's time (the ledger reads no clock).

A trading day is a date (China time, written YYYYMMDD as an int) whose weekday the rulebook's
`trading_weekdays` admits and that is not among its `non_trading_dates`: the calendar is data, and
a rulebook version adds a year's holidays. Sessions are minutes after midnight China time (2021
practice: 9:30-11:30 and 13:00-15:00); block agreements trade only in sessions flagged for them
(the afternoon). Also the checks of the trading parameters a rulebook version must pass.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, limits
from cets.ledger.errors import Rejection

MINUTE_MS = 60_000
BASIS_POINTS = 10_000
ALL_WEEKDAYS = 0b1111111
TRADING_DATES_MAX = 1_000  # non-trading dates one rulebook may list
SESSION_COUNT_MAX = 8


def trade_date_of(time_ms: int) -> int:
    """The date (China time) of a block time, as YYYYMMDD."""
    year, month, day = calendar.civil_from_days((time_ms + calendar.CHINA_OFFSET_MS) // calendar.DAY_MS)
    return year * 10_000 + month * 100 + day


def minute_of_day(time_ms: int) -> int:
    return (time_ms + calendar.CHINA_OFFSET_MS) % calendar.DAY_MS // MINUTE_MS


def date_parts(trade_date: int) -> tuple[int, int, int] | None:
    """(year, month, day) of a YYYYMMDD date, or None when it names no date."""
    year, month, day = trade_date // 10_000, trade_date // 100 % 100, trade_date % 100
    if not 1 <= year <= limits.vintage_year_max or not 1 <= month <= 12 or not 1 <= day <= calendar.days_in_month(year, month):
        return None
    return year, month, day


def is_trading_day(trade_date: int, rulebook: pb.Rulebook) -> bool:
    parts = date_parts(trade_date)
    if parts is None:
        return False
    weekday = (calendar.days_from_civil(*parts) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    return bool(rulebook.trading_weekdays >> weekday & 1) and trade_date not in rulebook.non_trading_dates


def require_session(time_ms: int, rulebook: pb.Rulebook, mode: int) -> int:
    """The trading day of `time_ms`, if it is in a session that trades `mode`; else a rejection."""
    trade_date = trade_date_of(time_ms)
    if not is_trading_day(trade_date, rulebook):
        raise Rejection(pb.CODE_NOT_TRADING_DAY, f"block time: {trade_date} is not a trading day of the calendar")
    minute = minute_of_day(time_ms)
    for session in rulebook.trading_sessions:
        if session.start_minute <= minute < session.end_minute:
            if mode == pb.TRADING_MODE_BLOCK_AGREEMENT and not session.block_agreements:
                raise Rejection(pb.CODE_OUTSIDE_SESSION, f"block time: {_clock(minute)} is in a session without block agreements")
            return trade_date
    sessions = ", ".join(f"{_clock(s.start_minute)}-{_clock(s.end_minute)}" for s in rulebook.trading_sessions)
    raise Rejection(pb.CODE_OUTSIDE_SESSION, f"block time: {_clock(minute)} China time, want within {sessions}")


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def trading_rules_problem(rulebook: pb.Rulebook) -> str:
    """What makes the rulebook's trading parameters unusable (field: problem), or ""."""
    for name in ("tick_fen", "lot_tonnes", "block_threshold_tonnes", "initial_reference_price_fen", "large_holder_tonnes",
                 "open_bidding_quantity_max"):
        if not 0 < getattr(rulebook, name) <= limits.unit_supply_max:
            return f"{name}: got {getattr(rulebook, name)}, want 1..{limits.unit_supply_max}"
    if not rulebook.tick_fen <= rulebook.price_fen_max <= 10**9:
        return f"price_fen_max: got {rulebook.price_fen_max}, want tick_fen..{10**9} (price x quantity stays inside int64)"
    for name in ("listing_band_bps", "block_band_bps", "open_bidding_band_bps"):
        if not 0 < getattr(rulebook, name) <= BASIS_POINTS:
            return f"{name}: got {getattr(rulebook, name)}, want 1..{BASIS_POINTS}"
    if not 0 < rulebook.best_levels <= 100:
        return f"best_levels: got {rulebook.best_levels}, want 1..100"
    if not 0 <= rulebook.trading_weekdays <= ALL_WEEKDAYS:
        return f"trading_weekdays: got {rulebook.trading_weekdays}, want a 7-bit mask"
    if len(rulebook.non_trading_dates) > TRADING_DATES_MAX or any(date_parts(d) is None for d in rulebook.non_trading_dates):
        return f"non_trading_dates: want at most {TRADING_DATES_MAX} dates, each YYYYMMDD"
    return _sessions_problem(rulebook) or _limits_problem(rulebook)


def _sessions_problem(rulebook: pb.Rulebook) -> str:
    end = -1
    if len(rulebook.trading_sessions) > SESSION_COUNT_MAX:
        return f"trading_sessions: got {len(rulebook.trading_sessions)}, want at most {SESSION_COUNT_MAX}"
    for index, session in enumerate(rulebook.trading_sessions):
        if not end <= session.start_minute < session.end_minute <= 24 * 60:
            return f"trading_sessions[{index}]: want start < end within the day, after the session before"
        end = session.end_minute
    return ""


def _limits_problem(rulebook: pb.Rulebook) -> str:
    roles = [limit.role for limit in rulebook.position_limits]
    if len(roles) != len(set(roles)) or not set(roles) <= {pb.ROLE_KEY_EMITTER, pb.ROLE_INSTITUTION, pb.ROLE_INDIVIDUAL}:
        return "position_limits: at most one per trading role (key emitter, institution, individual)"
    if any(not 0 < limit.tonnes_max <= limits.unit_supply_max for limit in rulebook.position_limits):
        return f"position_limits: each tonnes_max 1..{limits.unit_supply_max}"
    modes = list(rulebook.enabled_modes)
    if len(modes) != len(set(modes)) or not set(modes) <= set(pb.TradingMode.values()) - {pb.TRADING_MODE_UNSPECIFIED}:
        return "enabled_modes: each a known mode, once"
    return ""
