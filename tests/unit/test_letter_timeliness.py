"""When a review letter is due: 14 calendar days (the target), at most 20 working days (the limit), configurable."""

from datetime import date, timedelta

import pytest

from portal.letters.services import LetterRules, Timeliness, due_dates, timeliness

RULES = LetterRules(target_days=14, latest_working_days=20, due_soon_days=3)


@pytest.mark.parametrize(("held_on", "target", "latest"), [
    # No bank holiday in the way: 20 working days is four weeks.
    (date(2026, 3, 4), date(2026, 3, 18), date(2026, 4, 1)),
    # Christmas Day, Boxing Day and New Year's Day do not count.
    (date(2025, 12, 19), date(2026, 1, 2), date(2026, 1, 21)),
    # Good Friday and Easter Monday do not count.
    (date(2026, 3, 30), date(2026, 4, 13), date(2026, 4, 29)),
    # The summer bank holiday (the last Monday of August) does not count.
    (date(2026, 8, 28), date(2026, 9, 11), date(2026, 9, 28)),
    # A review on a Saturday, with the limit running into Good Friday and Easter Monday.
    (date(2026, 3, 7), date(2026, 3, 21), date(2026, 4, 7)),
])
def test_due_dates_count_calendar_days_for_the_target_and_working_days_for_the_limit(held_on, target, latest):
    dates = due_dates(held_on, RULES)
    assert (dates.target, dates.latest) == (target, latest)
    assert dates.due_soon_from == target - timedelta(days=3)


HELD = date(2025, 12, 19)  # target 2 January 2026, latest 21 January 2026 (after three bank holidays)


@pytest.mark.parametrize(("today", "expected"), [
    (HELD, Timeliness.NOT_DUE_YET),
    (date(2025, 12, 29), Timeliness.NOT_DUE_YET),
    (date(2025, 12, 30), Timeliness.DUE_SOON),  # three days before the target
    (date(2026, 1, 2), Timeliness.DUE_SOON),  # the target day itself
    (date(2026, 1, 3), Timeliness.OVERDUE),
    (date(2026, 1, 16), Timeliness.OVERDUE),  # would be late if bank holidays counted
    (date(2026, 1, 21), Timeliness.OVERDUE),  # the last working day allowed
    (date(2026, 1, 22), Timeliness.LATE),
])
def test_a_letter_not_yet_sent_is_not_due_due_soon_overdue_or_late(today, expected):
    assert timeliness(HELD, today, RULES) is expected


@pytest.mark.parametrize(("published_on", "expected"), [
    (HELD, Timeliness.SENT_ON_TIME),
    (date(2026, 1, 2), Timeliness.SENT_ON_TIME),
    (date(2026, 1, 3), Timeliness.SENT_WITHIN_LIMIT),
    (date(2026, 1, 21), Timeliness.SENT_WITHIN_LIMIT),
    (date(2026, 1, 22), Timeliness.SENT_LATE),
])
def test_a_sent_letter_is_judged_by_the_day_it_was_published_not_today(published_on, expected):
    assert timeliness(HELD, date(2027, 1, 1), RULES, published_on=published_on) is expected


def test_the_rules_are_configurable():
    quick = LetterRules(target_days=7, latest_working_days=10, due_soon_days=1)
    dates = due_dates(HELD, quick)
    assert (dates.target, dates.latest, dates.due_soon_from) == (date(2025, 12, 26), date(2026, 1, 7), date(2025, 12, 25))
    assert timeliness(HELD, date(2025, 12, 24), quick) is Timeliness.NOT_DUE_YET
    assert timeliness(HELD, date(2025, 12, 25), quick) is Timeliness.DUE_SOON
    assert timeliness(HELD, date(2026, 1, 7), quick) is Timeliness.OVERDUE
    assert timeliness(HELD, date(2026, 1, 8), quick) is Timeliness.LATE


def test_the_rules_come_from_the_app_config(app):
    assert LetterRules.from_config(app.config) == RULES  # the defaults: 14 days, 20 working days, 3 days
    app.config.update(LETTER_TARGET_DAYS=10, LETTER_LATEST_WORKING_DAYS=15, LETTER_DUE_SOON_DAYS=2)
    assert LetterRules.from_config(app.config) == LetterRules(10, 15, 2)


def test_only_letters_due_soon_overdue_or_late_need_attention():
    assert {t for t in Timeliness if t.needs_attention} == {Timeliness.DUE_SOON, Timeliness.OVERDUE, Timeliness.LATE}
