"""Escalation queries and changes: the list (open first, overdue answers first), raising one, recording a
stage's answer, going up a stage and closing with an outcome."""

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, select
from sqlalchemy.orm import aliased, selectinload

from portal.core import escalations as rules
from portal.extensions import db
from portal.models import (
    DecisionAnswer,
    Escalation,
    EscalationCategory,
    EscalationKind,
    EscalationOutcome,
    EscalationStep,
)
from portal.security.policy import visible_escalations

# The category a young person's follow-up suggests ("This hasn't happened": a review decision not done).
CATEGORY_FOR_ANSWER = {DecisionAnswer.NOT_HAPPENED: EscalationCategory.REVIEW_DECISIONS}


@dataclass
class ListRow:
    escalation: Escalation
    step: EscalationStep | None  # the stage it is at now
    overdue: bool


def listed(user, today: date, young_person_id: int | None = None) -> list[ListRow]:
    """The escalations this person may see (an IRO: their caseload's; an admin: all), in one query:
    open ones first, those whose answer is overdue first, then the soonest due; then closed, newest first."""
    step = aliased(EscalationStep)
    waiting = and_(Escalation.outcome.is_(None), step.responded_on.is_(None), step.respond_by < today)
    query = (select(Escalation, step)
             .outerjoin(step, and_(step.escalation_id == Escalation.id, step.stage == Escalation.stage))
             .where(visible_escalations(user))
             .options(selectinload(Escalation.young_person))
             .order_by(Escalation.outcome.is_not(None), case((waiting, 0), else_=1),
                       case((Escalation.outcome.is_(None), step.respond_by)),  # only open ones by due day
                       Escalation.closed_on.desc(), Escalation.id.desc()))
    if young_person_id is not None:
        query = query.where(Escalation.young_person_id == young_person_id)
    return [ListRow(escalation, current, escalation.is_open and current is not None and rules.is_overdue(current, today))
            for escalation, current in db.session.execute(query).all()]


@dataclass
class Sources:
    """Where an escalation came from (each optional)."""

    follow_up: object = None
    review: object = None
    flag: object = None


def suggested_category(sources: Sources) -> EscalationCategory | None:
    if sources.follow_up is not None:
        return CATEGORY_FOR_ANSWER.get(sources.follow_up.answer)
    return None


class Resolved(enum.StrEnum):
    """Whether an answer sorted the matter out (or there is no answer yet)."""

    YES = "yes"
    NO = "no"
    NOT_YET = "not_yet"


def raise_escalation(user, young_person, kind: EscalationKind, category: EscalationCategory, concern, asked,
                     asked_on: date, response=None, resolved: Resolved = Resolved.NOT_YET,
                     sources: Sources | None = None) -> Escalation:
    """Raise an escalation at the first stage (the team manager). An informal one is often answered there and
    then: with that answer it is recorded in one go, and closed as resolved when the answer sorted it out."""
    sources = sources or Sources()
    follow_up = sources.follow_up
    escalation = Escalation(
        young_person_id=young_person.id, raised_by_id=user.id, kind=kind, category=category,
        stage=rules.STAGES[0], raised_on=asked_on, concern=_text(concern),
        follow_up_id=follow_up.id if follow_up else None,
        decision_id=follow_up.decision_id if follow_up else None,
        review_id=sources.review.id if sources.review else None,
        flag_id=sources.flag.id if sources.flag else None)
    step = EscalationStep(stage=rules.STAGES[0], asked=asked.strip(), asked_on=asked_on,
                          respond_by=rules.respond_by(asked_on))
    if resolved is not Resolved.NOT_YET:
        step.response, step.responded_on, step.resolved = _text(response), asked_on, resolved is Resolved.YES
    escalation.steps = [step]
    if resolved is Resolved.YES:
        escalation.outcome, escalation.closed_on, escalation.closed_by_id = EscalationOutcome.RESOLVED, asked_on, user.id
    db.session.add(escalation)
    db.session.commit()
    return escalation


class Change(enum.Enum):
    DONE = "done"
    CLOSED = "closed"  # closed meanwhile (by someone else, or in another tab)
    MOVED = "moved"  # the stage changed since the page was opened
    TOP = "top"  # there is no stage above a referral to Cafcass
    TOO_EARLY = "too_early"  # a date before the stage was asked or the escalation raised


def record_response(escalation, stage, response, responded_on: date, resolved: bool) -> Change:
    """The answer of the stage the escalation is at (which the page showed: `stage`)."""
    if not escalation.is_open:
        return Change.CLOSED
    step = rules.current_step(escalation)
    if step is None or escalation.stage != stage:
        return Change.MOVED
    if responded_on < step.asked_on:
        return Change.TOO_EARLY
    step.response, step.responded_on, step.resolved = _text(response), responded_on, resolved
    db.session.commit()
    return Change.DONE


def escalate(escalation, stage, asked, asked_on: date) -> Change:
    """Take it to the next stage, in one action: who is asked now, and when (their answer due in working days)."""
    if not escalation.is_open:
        return Change.CLOSED
    if escalation.stage != stage:
        return Change.MOVED
    higher = rules.next_stage(escalation.stage)
    if higher is None:
        return Change.TOP
    current = rules.current_step(escalation)
    if asked_on < (current.asked_on if current else escalation.raised_on):
        return Change.TOO_EARLY
    escalation.steps.append(EscalationStep(stage=higher, asked=asked.strip(), asked_on=asked_on,
                                           respond_by=rules.respond_by(asked_on)))
    escalation.stage = higher
    db.session.commit()
    return Change.DONE


def close(escalation, user, outcome: EscalationOutcome, closed_on: date, note) -> Change:
    """Close it with an outcome; the young person (where it came from their follow-up) is told in plain words."""
    if not escalation.is_open:
        return Change.CLOSED
    if closed_on < escalation.raised_on:
        return Change.TOO_EARLY
    escalation.outcome, escalation.closed_on, escalation.closed_by_id = outcome, closed_on, user.id
    escalation.outcome_note = _text(note)
    db.session.commit()
    return Change.DONE


def steps_of(escalation) -> list[EscalationStep]:
    """Its stages in the order they were asked."""
    return sorted(escalation.steps, key=lambda step: rules.stage_number(step.stage))


def _text(value):
    return (value or "").strip() or None
