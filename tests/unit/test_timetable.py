"""The review timetable against worked examples (regulation 33 and the short-breaks rule)."""

from datetime import date

import pytest

from portal.core.timetable import (
    DueStatus,
    MidwayStatus,
    add_months,
    due_by,
    due_dates,
    due_status,
    far_ahead,
    in_time,
    mid_way,
    midway_status,
)


def test_first_review_is_due_20_working_days_after_the_episode_starts():
    # Monday 3 March 2025: four clear weeks, no bank holiday.
    assert due_by(date(2025, 3, 3), []) == date(2025, 3, 31)


def test_first_review_skips_christmas_boxing_day_and_new_year():
    # Monday 2 December 2024: 25 and 26 December and 1 January are not working days.
    assert due_by(date(2024, 12, 2), []) == date(2025, 1, 2)


def test_first_review_skips_easter_and_the_early_may_bank_holiday():
    # Thursday 17 April 2025: Good Friday, Easter Monday and 5 May are skipped.
    assert due_by(date(2025, 4, 17), []) == date(2025, 5, 20)


def test_first_review_counts_from_a_weekend_start_without_counting_the_start_day():
    # Saturday 1 March 2025: the first working day counted is Monday 3 March.
    assert due_by(date(2025, 3, 1), []) == date(2025, 3, 28)


def test_second_review_is_due_3_calendar_months_after_the_first():
    assert due_by(date(2025, 1, 6), [date(2025, 2, 3)]) == date(2025, 5, 3)


def test_three_months_from_the_31st_ends_on_the_last_day_of_a_30_day_month():
    assert due_by(date(2025, 1, 2), [date(2025, 1, 31)]) == date(2025, 4, 30)


def test_later_reviews_are_due_6_months_after_the_one_before():
    held = [date(2025, 2, 3), date(2025, 5, 1)]
    assert due_by(date(2025, 1, 6), held) == date(2025, 11, 1)
    assert due_by(date(2025, 1, 6), held + [date(2025, 10, 20)]) == date(2026, 4, 20)


def test_six_months_from_31_august_is_28_february_in_an_ordinary_year():
    assert due_by(date(2025, 1, 6), [date(2025, 2, 3), date(2025, 8, 31)]) == date(2026, 2, 28)


def test_six_months_from_31_august_is_29_february_in_a_leap_year():
    assert due_by(date(2023, 1, 6), [date(2023, 2, 3), date(2023, 8, 31)]) == date(2024, 2, 29)


def test_three_months_from_29_february_is_29_may_and_30_november_gives_29_february():
    assert add_months(date(2024, 2, 29), 3) == date(2024, 5, 29)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_a_review_brought_forward_brings_the_next_due_date_forward():
    # Due by 1 November 2025, brought forward to 1 July at the young person's request:
    # the next is due 6 months after 1 July, not 6 months after 1 November.
    held = [date(2025, 2, 3), date(2025, 5, 1), date(2025, 7, 1)]
    assert due_by(date(2025, 1, 6), held) == date(2026, 1, 1)


def test_a_late_review_moves_the_next_due_date_from_the_day_it_was_held():
    # Due by 3 May, held late on 20 May: the next is due 20 November.
    assert due_by(date(2025, 1, 6), [date(2025, 2, 3), date(2025, 5, 20)]) == date(2025, 11, 20)


def test_short_breaks_first_review_within_3_months_then_every_6_months():
    assert due_by(date(2025, 1, 31), [], short_breaks=True) == date(2025, 4, 30)
    assert due_by(date(2025, 1, 31), [date(2025, 4, 10)], short_breaks=True) == date(2025, 10, 10)


def test_due_dates_of_each_held_review_in_turn():
    held = [date(2025, 5, 20), date(2025, 2, 3)]
    assert due_dates(date(2025, 1, 6), held) == [date(2025, 2, 3), date(2025, 5, 3)]


def test_held_on_the_due_date_is_in_time_and_the_day_after_is_late():
    assert in_time(date(2025, 5, 3), date(2025, 5, 3))
    assert not in_time(date(2025, 5, 4), date(2025, 5, 3))


@pytest.mark.parametrize(("today", "planned", "expected"), [
    (date(2025, 6, 2), date(2025, 6, 20), DueStatus.PLANNED),         # planned before the due date
    (date(2025, 5, 1), None, DueStatus.NOT_PLANNED),                  # 36 working days to go
    (date(2025, 6, 16), None, DueStatus.DUE_SOON),                    # 10 working days to go
    (date(2025, 6, 13), None, DueStatus.NOT_PLANNED),                 # 11 working days to go
    (date(2025, 6, 16), date(2025, 7, 10), DueStatus.DUE_SOON),       # planned, but after the due date
    (date(2025, 5, 1), date(2025, 7, 10), DueStatus.PLANNED_LATE),
    (date(2025, 7, 1), date(2025, 7, 10), DueStatus.OVERDUE),
    (date(2025, 7, 1), None, DueStatus.OVERDUE),
])
def test_status_of_a_review_due_by_30_june(today, planned, expected):
    assert due_status(date(2025, 6, 30), today, planned) is expected


def test_more_than_6_months_ahead_is_far_ahead():
    assert not far_ahead(date(2025, 7, 31), date(2025, 1, 31))
    assert far_ahead(date(2025, 8, 1), date(2025, 1, 31))


def test_the_mid_way_check_is_half_way_to_the_next_due_date():
    assert mid_way(date(2025, 5, 1), date(2025, 11, 1)) == date(2025, 8, 1)  # 184 days, 92 each side


# Mid-way between a review held on 1 June 2026 and the next due by 1 December 2026: 31 August 2026.
@pytest.mark.parametrize(("today", "checked", "expected"), [
    (date(2026, 7, 1), None, MidwayStatus.LATER),
    (date(2026, 8, 20), None, MidwayStatus.DUE),  # 6 working days before (the 31st is a bank holiday)
    (date(2026, 9, 1), None, MidwayStatus.OVERDUE),
    (date(2026, 9, 1), date(2026, 8, 28), MidwayStatus.DONE),
    (date(2026, 9, 1), date(2026, 5, 20), MidwayStatus.OVERDUE),  # a check before the last review does not count
    (date(2026, 9, 1), date(2026, 6, 1), MidwayStatus.OVERDUE),  # nor one on the day of the review
])
def test_the_mid_way_check_is_due_overdue_or_done(today, checked, expected):
    previous, due = date(2026, 6, 1), date(2026, 12, 1)
    middle = mid_way(previous, due)
    assert middle == date(2026, 8, 31)
    assert midway_status(middle, previous, checked, today) is expected


def test_no_mid_way_check_before_the_first_review():
    assert midway_status(None, None, None, date(2026, 9, 1)) is None
