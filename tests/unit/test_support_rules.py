"""Timeliness of support requests in working days (weekends and bank holidays in England skipped),
what counts as overdue, and which steps can follow which."""

from datetime import date

import pytest

from portal.models.support import SupportRequest, SupportStatus
from portal.support.services import TRANSITIONS, due_dates, overdue_step, usable_token

ONE, FIVE = 1, 5  # the default targets: acknowledge within 1 working day, allocate within 5


@pytest.mark.parametrize(("sent_on", "acknowledge_by", "allocate_by"), [
    (date(2026, 11, 25), date(2026, 11, 26), date(2026, 12, 2)),  # Wednesday: Thursday, then next Wednesday
    (date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 4)),  # Friday: Monday, then Friday
    (date(2026, 11, 28), date(2026, 11, 30), date(2026, 12, 4)),  # Saturday: the weekend does not count
    (date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 4)),  # Sunday
    # Christmas Eve 2026 (Thursday): Christmas Day, the weekend and the Boxing Day substitute (Mon 28) are skipped.
    (date(2026, 12, 24), date(2026, 12, 29), date(2027, 1, 5)),  # ... and New Year's Day (Fri 1 Jan 2027)
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    (date(2026, 4, 2), date(2026, 4, 7), date(2026, 4, 13)),
    # The early May bank holiday (Mon 4 May 2026).
    (date(2026, 5, 1), date(2026, 5, 5), date(2026, 5, 11)),
])
def test_due_dates_count_working_days_in_england(sent_on, acknowledge_by, allocate_by):
    assert due_dates(sent_on, ONE, FIVE) == (acknowledge_by, allocate_by)


def test_due_dates_follow_the_configured_targets(app):
    with app.app_context():
        assert due_dates(date(2026, 11, 27)) == (date(2026, 11, 30), date(2026, 12, 4))
        app.config.update(SUPPORT_ACKNOWLEDGE_WORKING_DAYS=2, SUPPORT_ALLOCATE_WORKING_DAYS=10)
        assert due_dates(date(2026, 11, 27)) == (date(2026, 12, 1), date(2026, 12, 11))


def _request(status, sent_on=date(2026, 11, 27)):
    acknowledge_by, allocate_by = due_dates(sent_on, ONE, FIVE)
    return SupportRequest(status=status, acknowledge_by=acknowledge_by, allocate_by=allocate_by)


def test_a_request_is_late_to_acknowledge_the_day_after_its_deadline():
    waiting = _request(SupportStatus.SENT)  # sent on a Friday: acknowledge by Monday 30 November
    assert overdue_step(waiting, date(2026, 11, 28)) is None
    assert overdue_step(waiting, date(2026, 11, 30)) is None  # on the last working day, still on time
    assert overdue_step(waiting, date(2026, 12, 1)) == "acknowledge"
    assert overdue_step(waiting, date(2026, 12, 7)) == "acknowledge"  # both late: the next step is the one shown


def test_a_request_is_late_to_allocate_after_five_working_days():
    seen = _request(SupportStatus.ACKNOWLEDGED)  # allocate by Friday 4 December
    assert overdue_step(seen, date(2026, 12, 4)) is None
    assert overdue_step(seen, date(2026, 12, 5)) == "allocate"


@pytest.mark.parametrize("status", [SupportStatus.ALLOCATED, SupportStatus.CLOSED, SupportStatus.DECLINED,
                                    SupportStatus.WITHDRAWN])
def test_allocated_and_finished_requests_are_never_late(status):
    assert overdue_step(_request(status), date(2027, 6, 1)) is None


def test_which_steps_follow_which():
    starts = {action: {status.value for status in start} for action, (start, _to, _event) in TRANSITIONS.items()}
    assert starts == {
        "acknowledge": {"sent"},
        "allocate": {"acknowledged"},
        "close": {"acknowledged", "allocated"},
        "decline": {"sent", "acknowledged"},
        "withdraw": {"sent", "acknowledged", "allocated"},
    }


@pytest.mark.parametrize(("value", "usable"), [
    ("aB3_-" * 5, True), ("", False), (None, False), ("short", False), ("x" * 65, False),
    ("has spaces in it but is long enough", False), ("<script>alert(1)</script>xxxxx", False),
])
def test_only_tokens_that_look_like_ours_are_used(value, usable):
    assert (usable_token(value) is not None) == usable
