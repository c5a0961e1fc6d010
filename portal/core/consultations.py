"""Reading a young person's consultation without reading any answer: which one belongs to a review, how far it got.

Shared by the consultation itself, the home page and the caseload. Nothing here reads what a young
person wrote: answers are read only through portal/security/privacy.py.
"""

from sqlalchemy import select

from portal.core.questions import FormDefinition, definition
from portal.extensions import db
from portal.models import Answer, Consultation


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
    rows = db.session.scalars(select(Consultation).where(Consultation.review_id.in_(review_ids)))
    return {row.review_id: row for row in rows}
