"""Reading a young person's consultation without reading any answer: which one belongs to a review, how far it got.

Shared by the consultation itself, the home page and the caseload. Nothing here reads what a young
person wrote: answers are read only through portal/security/privacy.py.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, func, select

from portal.core.questions import FormDefinition, definition
from portal.database import among
from portal.extensions import db
from portal.models import Answer, Consultation, HelpSession, Review
from portal.models.base import utcnow


def for_review(review) -> Consultation | None:
    """The consultation for a review, if one was started."""
    return db.session.scalar(select(Consultation).where(Consultation.review_id == review.id))


def answered_keys(consultation) -> set[str]:
    """Which questions have an answer (or were skipped), without reading any answer."""
    return set(db.session.scalars(select(Answer.question_key).where(Answer.consultation_id == consultation.id)))


def form_of(consultation) -> FormDefinition:
    """The questions this consultation was started with (its band and form version)."""
    return definition(consultation.band, consultation.form_version)


def first_unanswered(consultation, answers) -> int:
    """Where to carry on: the first question with no answer (or the check page)."""
    for position, question in enumerate(form_of(consultation).questions, start=1):
        if question.key not in answers:
            return position
    return len(form_of(consultation).questions) + 1


def progress(consultation, answers) -> tuple[int, int]:
    """(questions answered or skipped, questions in all)."""
    questions = form_of(consultation).questions
    return sum(1 for q in questions if q.key in answers), len(questions)


def consultations_by_review(review_ids) -> dict[int, Consultation]:
    """The consultation (if any) of each review, in one query."""
    if not review_ids:
        return {}
    rows = db.session.scalars(select(Consultation).where(among(Consultation.review_id, review_ids)))
    return {row.review_id: row for row in rows}


def open_help(now: datetime):
    """SQL condition on HelpSession: still open at `now` (not ended, not run out)."""
    return and_(HelpSession.ended_at.is_(None), HelpSession.expires_at > now)


@dataclass
class NextReview:
    """A young person's next review, its consultation (if started), how many questions have an answer, and any
    helping sessions open on it: everything their home and "Have your say" pages need, in one statement."""

    review: Review | None = None
    consultation: Consultation | None = None
    answered: int = 0
    help_sessions: list[HelpSession] = field(default_factory=list)

    @property
    def progress(self) -> tuple[int, int] | None:
        """(questions answered or skipped, questions in all), once started."""
        if self.consultation is None:
            return None
        total = len(form_of(self.consultation).questions)
        return min(self.answered, total), total


@cache
def _next_review_statement():
    """Built once per process: building this statement costs more than running it."""
    now = bindparam("now")
    soonest = (select(Review.young_person_id, func.min(Review.scheduled_for).label("at"))
               .where(Review.young_person_id == bindparam("young_person_id"), Review.held_on.is_(None),
                      Review.scheduled_for >= now)
               .group_by(Review.young_person_id).subquery())
    answered = (select(func.count(Answer.id)).where(Answer.consultation_id == Consultation.id)
                .correlate(Consultation).scalar_subquery())
    return (select(Review, Consultation, HelpSession, answered)
            .join(soonest, (Review.young_person_id == soonest.c.young_person_id) & (Review.scheduled_for == soonest.c.at))
            .outerjoin(Consultation, Consultation.review_id == Review.id)
            .outerjoin(HelpSession, (HelpSession.consultation_id == Consultation.id) & open_help(now))
            .order_by(Review.id, HelpSession.id.desc()))


def next_review_of(young_person_id, now: datetime | None = None) -> NextReview:
    """The next review not yet held, with its consultation, answer count and open helping sessions (one statement)."""
    rows = db.session.execute(_next_review_statement(),
                              {"young_person_id": young_person_id, "now": now or utcnow()}).all()
    if not rows:
        return NextReview()
    review, consultation, _session, count = rows[0]
    sessions = [row[2] for row in rows if row[0] is review and row[2] is not None]
    return NextReview(review, consultation, count or 0, sessions)
