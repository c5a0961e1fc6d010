"""The statutory review timetable: when each review of a looked-after child is due (dates in, dates out).

Sources:
- Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33: the first
  review within 20 working days of the date the child became looked after, the second within
  3 months of the first, each later one within 6 months of the one before.
- The same regulations, regulation 48 and the IRO Handbook (2010), chapter on short breaks: for a
  child looked after only in a series of short breaks, the first review within 3 months of the
  first placement, then at intervals of no more than 6 months.
- IRO Handbook: a review may be brought forward; the next one is then due counted from the date
  the review was actually held.

"Within 3 months" is read as calendar months, clamped to the end of a shorter month
(31 January + 3 months = 30 April).
"""

import calendar
import enum
from datetime import date

from portal.core.working_days import add_working_days, working_days_between

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
SHORT_BREAK_FIRST_MONTHS = 3
DUE_SOON_WORKING_DAYS = 10
FAR_AHEAD_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_by(started_on: date, held: list[date], short_breaks: bool = False) -> date:
    """The date the next review of an episode is due by, given the dates its earlier reviews were held.

    `held` lists the reviews already held in this episode (any order). Each due date counts from
    the review actually held, so a review brought forward brings the next one forward too.
    """
    held = sorted(held)
    if not held:
        if short_breaks:
            return add_months(started_on, SHORT_BREAK_FIRST_MONTHS)
        return add_working_days(started_on, FIRST_REVIEW_WORKING_DAYS)
    if len(held) == 1 and not short_breaks:
        return add_months(held[-1], SECOND_REVIEW_MONTHS)
    return add_months(held[-1], LATER_REVIEW_MONTHS)


def due_dates(started_on: date, held: list[date], short_breaks: bool = False) -> list[date]:
    """The due date of each held review in turn (the first review's, the second's, ...)."""
    held = sorted(held)
    return [due_by(started_on, held[:number], short_breaks) for number in range(len(held))]


class DueStatus(enum.StrEnum):
    """Where the next review stands against its due date."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NOT_PLANNED = "not_planned"
    PLANNED = "planned"
    PLANNED_LATE = "planned_late"


def due_status(due: date, today: date, planned_for: date | None) -> DueStatus:
    """Overdue once the due date has passed; due soon within 10 working days unless planned in time.

    A review planned for a day after the due date is "planned late": it still needs the IRO's eye.
    """
    if today > due:
        return DueStatus.OVERDUE
    if planned_for is not None and planned_for <= due:
        return DueStatus.PLANNED
    if working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return DueStatus.DUE_SOON
    if planned_for is not None:
        return DueStatus.PLANNED_LATE
    return DueStatus.NOT_PLANNED


def in_time(held_on: date, due: date) -> bool:
    """A review is in time when it is held on or before its due date."""
    return held_on <= due


def far_ahead(planned_for: date, today: date) -> bool:
    """More than 6 months away: the IRO is asked whether they are sure."""
    return planned_for > add_months(today, FAR_AHEAD_MONTHS)


def mid_way(previous: date, due: date) -> date:
    """The mid-way check between reviews: half-way from the last review (or episode start) to the next due date."""
    return date.fromordinal((previous.toordinal() + due.toordinal()) // 2)



class MidwayStatus(enum.StrEnum):
    """Where the mid-way check between two reviews stands."""

    LATER = "later"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


def midway_status(mid_way: date | None, previous_review: date | None, last_check: date | None,
                  today: date) -> MidwayStatus | None:
    """Done once checked after the last held review; due within 10 working days of the mid-way day; overdue after it.

    None when there is no mid-way day (no review held yet in the current episode).
    """
    if mid_way is None or previous_review is None:
        return None
    if last_check is not None and last_check > previous_review:
        return MidwayStatus.DONE
    if today > mid_way:
        return MidwayStatus.OVERDUE
    if working_days_between(today, mid_way) <= DUE_SOON_WORKING_DAYS:
        return MidwayStatus.DUE
    return MidwayStatus.LATER
