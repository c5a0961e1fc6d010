"""Working days in England: weekdays that are not bank holidays (statutory timescales use them)."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """True for a weekday that is not a bank holiday in England."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself never counts)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start).

    Counted by whole weeks (five working days each) rather than day by day: a caseload asks this
    for every young person's due date, months ahead, on every page.
    """
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    last_week = start + timedelta(days=weeks * 7)
    count = weeks * 5 + sum(1 for offset in range(1, extra + 1) if (last_week + timedelta(days=offset)).weekday() < 5)
    return count - sum(1 for year in range(start.year, end.year + 1) for holiday in _bank_holidays(year)
                       if start < holiday <= end and holiday.weekday() < 5)
