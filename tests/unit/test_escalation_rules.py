"""Escalation rules that need no database: the stages' order, respond-by days, overdue, time to resolve."""

from datetime import date
from types import SimpleNamespace

import pytest

from portal import create_app
from portal.core.escalations import (
    STAGES,
    YoungPersonSees,
    days_to_resolve,
    is_overdue,
    next_stage,
    respond_by,
    sees,
    stage_number,
)
from portal.models import EscalationCategory, EscalationOutcome, EscalationStage


def test_the_categories_are_exactly_the_annual_reports_eleven_with_stable_codes():
    assert [category.value for category in EscalationCategory] == [
        "care_plan", "drift_or_delay", "safeguarding", "social_work", "placement", "education", "health",
        "eighteen_plus", "management", "review_decisions", "other"]


def test_an_escalation_goes_up_from_team_manager_to_cafcass_and_no_further():
    assert [stage_number(stage) for stage in STAGES] == [1, 2, 3, 4, 5]
    assert next_stage(EscalationStage.TEAM_MANAGER) is EscalationStage.SERVICE_MANAGER
    assert next_stage(EscalationStage.SERVICE_MANAGER) is EscalationStage.HEAD_OF_SERVICE
    assert next_stage(EscalationStage.HEAD_OF_SERVICE) is EscalationStage.DIRECTOR
    assert next_stage(EscalationStage.DIRECTOR) is EscalationStage.CAFCASS
    assert next_stage(EscalationStage.CAFCASS) is None


@pytest.mark.parametrize("asked_on,due", [
    (date(2026, 11, 23), date(2026, 11, 30)),  # Monday: the next Monday
    (date(2026, 11, 27), date(2026, 12, 4)),  # Friday: the weekend skipped
    (date(2026, 11, 28), date(2026, 12, 4)),  # asked on a Saturday: counting starts on Monday
    (date(2026, 12, 23), date(2027, 1, 4)),  # Christmas, Boxing Day (substitute Monday 28th) and New Year skipped
    (date(2027, 3, 25), date(2027, 4, 5)),  # Good Friday and Easter Monday skipped
])
def test_an_answer_is_due_five_working_days_after_asking(asked_on, due):
    with create_app("test").app_context():
        assert respond_by(asked_on) == due


def test_the_number_of_working_days_to_answer_is_a_setting():
    with create_app("test", {"ESCALATION_RESPONSE_WORKING_DAYS": 2}).app_context():
        assert respond_by(date(2026, 11, 27)) == date(2026, 12, 1)
    assert respond_by(date(2026, 11, 27), working_days=1) == date(2026, 11, 30)


def test_a_stage_is_overdue_only_after_its_respond_by_day_and_only_while_unanswered():
    step = SimpleNamespace(respond_by=date(2026, 12, 4), responded_on=None)
    assert not is_overdue(step, date(2026, 12, 4))  # due today: not late yet
    assert is_overdue(step, date(2026, 12, 5))
    step.responded_on = date(2026, 12, 7)  # answered late: no longer waiting
    assert not is_overdue(step, date(2026, 12, 8))


def test_time_to_resolve_is_calendar_days_from_raising_to_closing():
    assert days_to_resolve(SimpleNamespace(raised_on=date(2026, 3, 30), closed_on=date(2026, 4, 2))) == 3
    assert days_to_resolve(SimpleNamespace(raised_on=date(2026, 3, 30), closed_on=date(2026, 3, 30))) == 0
    assert days_to_resolve(SimpleNamespace(raised_on=date(2026, 3, 30), closed_on=None)) is None


def test_the_young_person_hears_taking_further_then_sorted_out_or_that_it_is_finished():
    assert sees(None) is YoungPersonSees.TAKING_FURTHER
    assert sees(EscalationOutcome.RESOLVED) is YoungPersonSees.SORTED_OUT
    assert sees(EscalationOutcome.PARTLY_RESOLVED) is YoungPersonSees.SORTED_OUT
    assert sees(EscalationOutcome.NOT_RESOLVED) is YoungPersonSees.FINISHED
    assert sees(EscalationOutcome.WITHDRAWN) is YoungPersonSees.FINISHED
