"""The retention rule without HTTP or a database: the last day a young person's records are kept."""

from datetime import date

import pytest

from portal.records.retention import keep_until


@pytest.mark.parametrize(("born", "left", "until_age", "years_after", "expected"), [
    (date(2001, 5, 20), date(2019, 5, 20), 25, 0, date(2026, 5, 20)),   # the 25th birthday
    (date(2001, 5, 20), date(2024, 1, 1), 25, 6, date(2030, 1, 1)),     # or years after care, if later
    (date(2004, 2, 29), date(2022, 2, 28), 25, 0, date(2029, 2, 28)),   # born on 29 February
])
def test_records_are_kept_until_the_later_of_the_birthday_and_the_years_after_care(born, left, until_age, years_after,
                                                                                    expected):
    assert keep_until(born, left, until_age, years_after) == expected
