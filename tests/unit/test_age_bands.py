"""Ages and age bands: whole years, birthdays, 29 February, and the band boundaries."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.models import AgeBand
from portal.models.young_people import age_band, age_on

BAND_ORDER = [AgeBand.UNDER_8, AgeBand.FROM_8, AgeBand.FROM_12, AgeBand.FROM_16]


def test_age_goes_up_on_the_birthday_not_the_day_before():
    born = date(2012, 6, 15)
    assert age_on(born, date(2024, 6, 14)) == 11
    assert age_on(born, date(2024, 6, 15)) == 12
    assert age_on(born, date(2024, 6, 16)) == 12


def test_age_is_zero_until_the_first_birthday():
    born = date(2024, 3, 10)
    assert age_on(born, born) == 0
    assert age_on(born, date(2025, 3, 9)) == 0
    assert age_on(born, date(2025, 3, 10)) == 1


def test_a_later_month_but_earlier_day_still_counts_as_after_the_birthday():
    assert age_on(date(2010, 1, 31), date(2020, 2, 1)) == 10
    assert age_on(date(2010, 12, 1), date(2020, 11, 30)) == 9


def test_born_on_29_february_has_a_birthday_on_1_march_in_other_years():
    born = date(2016, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 7
    assert age_on(born, date(2024, 2, 29)) == 8  # a leap year: the birthday itself
    assert age_on(born, date(2025, 2, 28)) == 8
    assert age_on(born, date(2025, 3, 1)) == 9


@pytest.mark.parametrize(("birthday", "before", "on"), [
    (8, AgeBand.UNDER_8, AgeBand.FROM_8),
    (12, AgeBand.FROM_8, AgeBand.FROM_12),
    (16, AgeBand.FROM_12, AgeBand.FROM_16),
])
def test_the_band_changes_on_the_birthday_that_crosses_a_boundary(birthday, before, on):
    born = date(2005, 9, 20)
    the_birthday = date(2005 + birthday, 9, 20)
    assert age_band(born, the_birthday - timedelta(days=1)) == before
    assert age_band(born, the_birthday) == on


def test_band_values_are_the_ranges_people_see():
    born = date(2000, 1, 1)
    assert [age_band(born, date(2000 + age, 1, 1)).value for age in (4, 7, 8, 11, 12, 15, 16, 25)] == [
        "4-7", "4-7", "8-11", "8-11", "12-15", "12-15", "16+", "16+",
    ]


def test_29_february_child_moves_band_on_the_leap_day_itself():
    born = date(2008, 2, 29)  # 8, 12 and 16 years later are leap years
    assert age_band(born, date(2016, 2, 28)) == AgeBand.UNDER_8
    assert age_band(born, date(2016, 2, 29)) == AgeBand.FROM_8
    assert age_band(born, date(2020, 2, 28)) == AgeBand.FROM_8
    assert age_band(born, date(2020, 2, 29)) == AgeBand.FROM_12
    assert age_band(born, date(2024, 2, 28)) == AgeBand.FROM_12
    assert age_band(born, date(2024, 2, 29)) == AgeBand.FROM_16


def test_29_february_child_whose_boundary_birthday_falls_in_a_common_year_moves_on_1_march():
    born = date(2092, 2, 29)  # eighth birthday in 2100, which is not a leap year
    assert age_band(born, date(2100, 2, 28)) == AgeBand.UNDER_8
    assert age_band(born, date(2100, 3, 1)) == AgeBand.FROM_8


births = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
days = st.integers(min_value=0, max_value=30 * 366)


@given(born=births, first=days, extra=days)
def test_age_and_band_never_go_down_as_time_passes(born, first, extra):
    earlier = born + timedelta(days=first)
    later = earlier + timedelta(days=extra)
    assert 0 <= age_on(born, earlier) <= age_on(born, later)
    assert BAND_ORDER.index(age_band(born, earlier)) <= BAND_ORDER.index(age_band(born, later))


@given(born=births, first=days, extra=days)
def test_band_is_monotone_in_age(born, first, extra):
    earlier = born + timedelta(days=first)
    later = earlier + timedelta(days=extra)
    young, old = age_on(born, earlier), age_on(born, later)
    if young < old:
        assert BAND_ORDER.index(age_band(born, earlier)) <= BAND_ORDER.index(age_band(born, later))
    else:
        assert age_band(born, earlier) == age_band(born, later)


@given(born=births, years=st.integers(min_value=0, max_value=30))
def test_age_on_the_anniversary_is_the_years_since_birth(born, years):
    try:
        anniversary = born.replace(year=born.year + years)
    except ValueError:  # 29 February in a common year: the birthday is 1 March
        anniversary = date(born.year + years, 3, 1)
    assert age_on(born, anniversary) == years
    if years:
        assert age_on(born, anniversary - timedelta(days=1)) == years - 1
