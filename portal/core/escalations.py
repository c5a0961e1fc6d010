"""Escalation rules every capability shares: the order of the stages, when each must answer, what is
overdue, how long one took to resolve, and what a young person is told about one raised from their follow-up.
"""

import enum
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from portal.core.working_days import add_working_days
from portal.database import among
from portal.extensions import db
from portal.models import Escalation, EscalationOutcome, EscalationStage

# The order an escalation goes up in. Its position is the stage's number (1 for the team manager).
STAGES = (
    EscalationStage.TEAM_MANAGER,
    EscalationStage.SERVICE_MANAGER,
    EscalationStage.HEAD_OF_SERVICE,
    EscalationStage.DIRECTOR,
    EscalationStage.CAFCASS,
)

# Outcomes a young person hears of as "sorted out".
SORTED_OUT = (EscalationOutcome.RESOLVED, EscalationOutcome.PARTLY_RESOLVED)


def stage_number(stage: EscalationStage) -> int:
    """1 for the team manager up to 5 for a referral to Cafcass."""
    return STAGES.index(stage) + 1


def next_stage(stage: EscalationStage) -> EscalationStage | None:
    """The stage above this one, or None after a referral to Cafcass (there is nowhere higher)."""
    position = STAGES.index(stage)
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def response_working_days() -> int:
    """Working days each stage has to answer (ESCALATION_RESPONSE_WORKING_DAYS, default 5)."""
    return int(current_app.config["ESCALATION_RESPONSE_WORKING_DAYS"])


def respond_by(asked_on: date, working_days: int | None = None) -> date:
    """The day an answer is due: `working_days` working days after the day they were asked (weekends and
    bank holidays in England skipped; the day asked never counts)."""
    return add_working_days(asked_on, response_working_days() if working_days is None else working_days)


def is_overdue(step, today: date) -> bool:
    """A stage not yet answered after its respond-by day (an answer due today is not overdue yet)."""
    return step.responded_on is None and today > step.respond_by


def days_to_resolve(escalation) -> int | None:
    """Calendar days from raising to closing (0 when closed the same day); None while open."""
    if escalation.closed_on is None:
        return None
    return (escalation.closed_on - escalation.raised_on).days


def current_step(escalation):
    """The step of the stage the escalation is at now (None for an escalation without steps)."""
    return next((step for step in escalation.steps if step.stage == escalation.stage), None)


def open_escalation_counts(young_person_ids) -> dict[int, int]:
    """Open escalations of each young person (one query; people with none are left out)."""
    if not young_person_ids:
        return {}
    rows = db.session.execute(
        select(Escalation.young_person_id, func.count())
        .where(among(Escalation.young_person_id, young_person_ids), Escalation.outcome.is_(None))
        .group_by(Escalation.young_person_id))
    return {person_id: count for person_id, count in rows}


class YoungPersonSees(enum.StrEnum):
    """What a young person is told about an escalation raised from their follow-up: never stages or answers."""

    TAKING_FURTHER = "taking_further"  # still open
    SORTED_OUT = "sorted_out"  # closed resolved or partly resolved
    FINISHED = "finished"  # closed otherwise: their IRO will talk to them


def sees(outcome: EscalationOutcome | None) -> YoungPersonSees:
    if outcome is None:
        return YoungPersonSees.TAKING_FURTHER
    return YoungPersonSees.SORTED_OUT if outcome in SORTED_OUT else YoungPersonSees.FINISHED


def follow_up_escalations(follow_up_ids) -> dict[int, tuple[int, YoungPersonSees]]:
    """For each follow-up (a young person's answer about a decision) taken further: the newest escalation's
    id and what the young person is told about it (one query)."""
    if not follow_up_ids:
        return {}
    rows = db.session.execute(
        select(Escalation.follow_up_id, Escalation.id, Escalation.outcome)
        .where(Escalation.follow_up_id.in_(list(follow_up_ids))).order_by(Escalation.id))
    return {follow_up_id: (escalation_id, sees(outcome)) for follow_up_id, escalation_id, outcome in rows}
