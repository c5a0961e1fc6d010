"""Reading a young person's consultation without reading any answer: which one belongs to a review, how far it got.

Shared by the consultation itself, the home page and the caseload. Nothing here reads what a young
person wrote: answers are read only through portal/security/privacy.py.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, func, select

from portal.core.questions import FORMS, FormDefinition, Question, decision_question, definition
from portal.database import among
from portal.extensions import db
from portal.models import Answer, Consultation, ConsultationStatus, Decision, HelpSession, LetterStatus, Review, ReviewLetter
from portal.models.base import utcnow

# "Did this happen?" asks about at most this many decisions of the last letter, so the form stays short.
MOST_DECISIONS = 5
# The parts of a screen after its first: a screen's first part always has an answer row once the screen is
# answered or skipped, so counting rows without these counts screens.
_LATER_PARTS = frozenset(part.key for form in FORMS.values() for q in form.questions for part in q.parts[1:])


def for_review(review) -> Consultation | None:
    """The consultation for a review, if one was started."""
    return db.session.scalar(select(Consultation).where(Consultation.review_id == review.id))


def answered_keys(consultation) -> set[str]:
    """Which questions have an answer (or were skipped), without reading any answer."""
    return set(db.session.scalars(select(Answer.question_key).where(Answer.consultation_id == consultation.id)))


def form_of(consultation) -> FormDefinition:
    """The questions this consultation was started with (its band and form version)."""
    return definition(consultation.band, consultation.form_version)


def chosen_topics(consultation) -> list[str] | None:
    """The topics the young person chose to tell us about (None: not chosen yet; [] chose none)."""
    if consultation.topics is None:
        return None
    return [key for key in consultation.topics.split(",") if key]


def offers_topics(consultation) -> bool:
    """True for forms with "Do you want to tell us about…?" (from issue 13's versions on)."""
    return bool(form_of(consultation).topics)


def decision_ids(consultation) -> list[int]:
    """The decisions of the last letter this form asks "Did this happen?" about, fixed when it was started."""
    return [int(value) for value in (consultation.decision_ids or "").split(",") if value]


def last_letter_decisions(young_person_id) -> list[int]:
    """The decisions of the young person's newest published letter (at most MOST_DECISIONS), in order."""
    letter_id = db.session.scalar(select(ReviewLetter.id).where(
        ReviewLetter.young_person_id == young_person_id, ReviewLetter.status == LetterStatus.PUBLISHED)
        .order_by(ReviewLetter.published_at.desc(), ReviewLetter.id.desc()).limit(1))
    if letter_id is None:
        return []
    return list(db.session.scalars(select(Decision.id).where(Decision.letter_id == letter_id)
                                   .order_by(Decision.position).limit(MOST_DECISIONS)))


def forms_sent_before(young_person_id) -> int:
    """How many forms this young person has sent: it chooses which wording of each topic question they meet."""
    return db.session.scalar(select(func.count(Consultation.id)).where(
        Consultation.young_person_id == young_person_id, Consultation.status == ConsultationStatus.SENT)) or 0


def _decision_questions(consultation) -> list[Question]:
    ids = decision_ids(consultation)
    if not ids:
        return []
    found = {d.id: d for d in db.session.scalars(select(Decision).where(Decision.id.in_(ids)))}
    return [decision_question(i, found[i].what) for i in ids if i in found]


def core_screens(consultation) -> list[Question]:
    """The screens before "Do you want to tell us about…?": the core, then "Did this happen?" questions."""
    return [*form_of(consultation).questions, *_decision_questions(consultation)]


def topic_screens(consultation) -> list[Question]:
    """The screens of the chosen topics, each worded as asked at this young person's review."""
    chosen = chosen_topics(consultation) or []
    round_number = consultation.wording_round or 0
    return [question.worded(round_number) for section in form_of(consultation).topics
            if section.topic.value in chosen for question in section.questions]


def screens_of(consultation) -> list[Question]:
    """Every screen this consultation asks, in order, with the wording this young person met."""
    return [*core_screens(consultation), *topic_screens(consultation)]


def asked_questions(consultation) -> list[Question]:
    """Every question that holds an answer (the parts of a screen, not the screen), as asked."""
    return [leaf for screen in screens_of(consultation) for leaf in screen.leaves]


def screen_count(consultation) -> int:
    """How many screens, without reading a decision: the core, "Did this happen?" and the chosen topics'."""
    form = form_of(consultation)
    chosen = chosen_topics(consultation) or []
    return (len(form.questions) + len(decision_ids(consultation))
            + sum(len(section.questions) for section in form.topics if section.topic.value in chosen))


def is_answered(screen: Question, answers) -> bool:
    return screen.leaves[0].key in answers


def first_unanswered(consultation, answers, screens=None) -> int | str:
    """Where to carry on: the first screen with no answer, "topics" when the topics are still to be chosen,
    or the position after the last (the check page)."""
    screens = screens if screens is not None else screens_of(consultation)
    before = len(core_screens(consultation)) if offers_topics(consultation) else None
    for position, screen in enumerate(screens, start=1):
        if before is not None and position == before + 1 and chosen_topics(consultation) is None:
            return "topics"
        if not is_answered(screen, answers):
            return position
    if before is not None and chosen_topics(consultation) is None:
        return "topics"
    return len(screens) + 1


def progress(consultation, answers) -> tuple[int, int]:
    """(screens answered or skipped, screens in all)."""
    screens = screens_of(consultation)
    return sum(1 for q in screens if is_answered(q, answers)), len(screens)


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
        total = screen_count(self.consultation)
        return min(self.answered, total), total


@cache
def _next_review_statement():
    """Built once per process: building this statement costs more than running it."""
    now = bindparam("now")
    soonest = (select(Review.young_person_id, func.min(Review.scheduled_for).label("at"))
               .where(Review.young_person_id == bindparam("young_person_id"), Review.held_on.is_(None),
                      Review.scheduled_for >= now)
               .group_by(Review.young_person_id).subquery())
    answered = (select(func.count(Answer.id)).where(Answer.consultation_id == Consultation.id,
                                                    Answer.question_key.notin_(sorted(_LATER_PARTS)))
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
