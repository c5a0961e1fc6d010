"""Escalation figures against hand-computed expectations, on both databases, including the period's first and
last days; and the number of SQL statements does not grow with the data."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from portal.core.escalation_figures import escalation_figures
from portal.extensions import db
from portal.models import (
    Escalation,
    EscalationCategory,
    EscalationKind,
    EscalationOutcome,
    EscalationStage,
    EscalationStep,
    Role,
    User,
    YoungPerson,
)

C, K, R, S = EscalationCategory, EscalationKind, EscalationOutcome, EscalationStage
YEAR = (date(2025, 4, 1), date(2026, 3, 31))

# (raised on, kind, category, [(stage, asked on)], outcome, closed on)
ESCALATIONS = [
    # E1: raised on the year's first day, resolved 2 days later.
    (date(2025, 4, 1), K.INFORMAL, C.CARE_PLAN, [(S.TEAM_MANAGER, date(2025, 4, 1))], R.RESOLVED, date(2025, 4, 3)),
    # E2: raised on the year's last day, still open.
    (date(2026, 3, 31), K.FORMAL, C.REVIEW_DECISIONS, [(S.TEAM_MANAGER, date(2026, 3, 31))], None, None),
    # E3, E4: the day before and the day after the year: not counted.
    (date(2025, 3, 31), K.FORMAL, C.CARE_PLAN, [(S.TEAM_MANAGER, date(2025, 3, 31))], R.RESOLVED, date(2025, 4, 1)),
    (date(2026, 4, 1), K.INFORMAL, C.HEALTH, [(S.TEAM_MANAGER, date(2026, 4, 1))], None, None),
    # E5: head of service asked, and resolved, only after the year: stage 2 and open at its end.
    (date(2025, 6, 10), K.FORMAL, C.REVIEW_DECISIONS,
     [(S.TEAM_MANAGER, date(2025, 6, 10)), (S.SERVICE_MANAGER, date(2025, 6, 20)), (S.HEAD_OF_SERVICE, date(2026, 4, 5))],
     R.RESOLVED, date(2026, 4, 10)),
    # E6: partly resolved at stage 2 after 10 days.
    (date(2025, 7, 1), K.FORMAL, C.HEALTH, [(S.TEAM_MANAGER, date(2025, 7, 1)), (S.SERVICE_MANAGER, date(2025, 7, 10))],
     R.PARTLY_RESOLVED, date(2025, 7, 11)),
    # E7: not resolved (not in the time to resolve).
    (date(2025, 9, 1), K.INFORMAL, C.OTHER, [(S.TEAM_MANAGER, date(2025, 9, 1))], R.NOT_RESOLVED, date(2025, 9, 5)),
    # E8: resolved after 10 days.
    (date(2025, 10, 1), K.INFORMAL, C.EDUCATION, [(S.TEAM_MANAGER, date(2025, 10, 1))], R.RESOLVED, date(2025, 10, 11)),
    # E9: all the way to Cafcass, then withdrawn.
    (date(2025, 11, 1), K.FORMAL, C.PLACEMENT,
     [(S.TEAM_MANAGER, date(2025, 11, 1)), (S.SERVICE_MANAGER, date(2025, 11, 10)), (S.HEAD_OF_SERVICE, date(2025, 11, 17)),
      (S.DIRECTOR, date(2025, 11, 24)), (S.CAFCASS, date(2025, 12, 1))], R.WITHDRAWN, date(2025, 12, 2)),
]


def _store(rows):
    iro = db.session.query(User).filter_by(username="figures-iro").one_or_none()
    if iro is None:
        iro = User(username="figures-iro", password_hash="x", role=Role.IRO, display_name="Figures IRO")
        db.session.add(iro)
        db.session.flush()
        db.session.add(YoungPerson(first_name="Robin", date_of_birth=date(2012, 1, 1), iro_id=iro.id))
        db.session.flush()
    person = db.session.query(YoungPerson).filter_by(first_name="Robin").one()
    for raised_on, kind, category, steps, outcome, closed_on in rows:
        escalation = Escalation(young_person_id=person.id, raised_by_id=iro.id, kind=kind, category=category,
                                stage=steps[-1][0], raised_on=raised_on, outcome=outcome, closed_on=closed_on)
        escalation.steps = [EscalationStep(stage=stage, asked="A manager", asked_on=asked_on,
                                           respond_by=asked_on + timedelta(days=7)) for stage, asked_on in steps]
        db.session.add(escalation)
    db.session.commit()


def _counts(shares):
    return {share.code: (share.count, share.percent) for share in shares if share.count}


def test_a_reporting_year_counts_what_was_raised_from_its_first_to_its_last_day(app):
    with app.app_context():
        _store(ESCALATIONS)
        figures = escalation_figures(*YEAR)
    assert (figures.raised, figures.informal, figures.formal) == (7, 3, 4)
    assert _counts(figures.by_category) == {
        "care_plan": (1, 14.3), "review_decisions": (2, 28.6), "health": (1, 14.3), "other": (1, 14.3),
        "education": (1, 14.3), "placement": (1, 14.3)}
    assert [share.code for share in figures.by_category][0] == "care_plan" and len(figures.by_category) == 11
    assert _counts(figures.by_highest_stage) == {"team_manager": (4, 57.1), "service_manager": (2, 28.6),
                                                 "cafcass": (1, 14.3)}
    assert _counts(figures.by_outcome) == {"resolved": (2, 28.6), "partly_resolved": (1, 14.3),
                                           "not_resolved": (1, 14.3), "withdrawn": (1, 14.3), "open": (2, 28.6)}
    assert figures.still_open == 2
    # Resolved or partly resolved by the year's end: 2, 10 and 10 days.
    assert figures.median_days_to_resolve == 10.0


def test_the_median_of_an_even_number_of_durations_is_the_mean_of_the_middle_two(app):
    with app.app_context():
        _store(ESCALATIONS)
        figures = escalation_figures(date(2025, 4, 1), date(2025, 9, 30))  # E1 (2 days) and E6 (10 days)
    assert figures.raised == 4 and figures.median_days_to_resolve == 6.0


def test_an_escalation_closed_the_day_it_was_raised_took_no_days(app):
    with app.app_context():
        _store([(date(2025, 5, 5), K.INFORMAL, C.OTHER, [(S.TEAM_MANAGER, date(2025, 5, 5))], R.RESOLVED,
                 date(2025, 5, 5))])
        assert escalation_figures(*YEAR).median_days_to_resolve == 0.0


def test_a_period_with_no_escalations_has_zeros_and_no_median(app):
    with app.app_context():
        figures = escalation_figures(*YEAR)
    assert (figures.raised, figures.still_open, figures.median_days_to_resolve) == (0, 0, None)
    assert all(share.count == 0 and share.percent == 0.0 for share in figures.by_category + figures.by_outcome)


def _statements(engine, run):
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


@pytest.mark.parametrize("copies", [1, 20])
def test_the_figures_take_five_statements_whatever_the_number_of_escalations(app, copies):
    with app.app_context():
        _store(ESCALATIONS * copies)
        figures = None

        def run():
            nonlocal figures
            figures = escalation_figures(*YEAR)

        assert _statements(db.engine, run) == 5
    assert figures.raised == 7 * copies
