"""Working-day arithmetic across weekends and bank holidays in England."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from portal.core.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_are_not_working_days():
    assert is_working_day(date(2026, 11, 27))  # Friday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday


def test_bank_holidays_in_england_are_not_working_days():
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday (England, not Scotland)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday is a working day in England


def test_one_working_day_after_friday_is_monday():
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)


def test_across_christmas():
    # Thu 24 Dec 2026 + 1 working day skips Fri 25, Sat, Sun, Mon 28 (substitute Boxing Day).
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_twenty_working_days_from_a_review():
    assert add_working_days(date(2026, 3, 2), 20) == date(2026, 3, 30)
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are skipped.
    assert add_working_days(date(2026, 3, 30), 5) == date(2026, 4, 8)


def test_counting_between_dates():
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0
    assert working_days_between(date(2026, 12, 1), date(2026, 11, 30)) == 0


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=60))
def test_adding_then_counting_gives_back_the_same_number(start, count):
    end = add_working_days(start, count)
    assert working_days_between(start, end) == count
    assert end == start or is_working_day(end)
    assert end - start >= timedelta(days=count)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=-10, max_value=800))
def test_counting_by_whole_weeks_agrees_with_counting_day_by_day(start, days):
    end = start + timedelta(days=days)
    by_day = sum(1 for offset in range(1, days + 1) if is_working_day(start + timedelta(days=offset)))
    assert working_days_between(start, end) == by_day
