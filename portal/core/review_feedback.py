""""How was your review?": the questions, when a young person is asked, what is kept, and the counts.

Asked once per held review, for 60 days after it (later, memories of one meeting blur into the next).
Every question may be left out. Only counts leave here: no page shows one young person's answers.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import Review, ReviewFeedback

ASKED_FOR_DAYS = 60


@dataclass(frozen=True)
class FeedbackQuestion:
    key: str  # the column of ReviewFeedback
    prompt: object
    choices: tuple  # (value, label)


QUESTIONS = (
    FeedbackQuestion("listened", _l("Did you feel listened to?"),
                     (("yes", _l("Yes")), ("a_bit", _l("A bit")), ("no", _l("No")))),
    FeedbackQuestion("right_people", _l("Were the right people there?"),
                     (("yes", _l("Yes")), ("some", _l("Some of them")), ("no", _l("No")),
                      ("not_there", _l("I wasn't there")))),
    FeedbackQuestion("understood", _l("Did you understand what was decided?"),
                     (("yes", _l("Yes")), ("a_bit", _l("A bit")), ("no", _l("No")), ("not_yet", _l("Not yet")))),
    FeedbackQuestion("said_enough", _l("Did you get to say what you wanted to?"),
                     (("yes", _l("Yes")), ("some", _l("Some of it")), ("no", _l("No")))),
)
KEYS = tuple(question.key for question in QUESTIONS)


@cache
def _waiting_review_statement():
    """Built once per process (it runs on every young person's home page): building it cost more than running it."""
    today = bindparam("today")
    return (select(Review).outerjoin(ReviewFeedback, ReviewFeedback.review_id == Review.id)
            .where(Review.young_person_id == bindparam("young_person_id"), Review.held_on.is_not(None),
                   Review.held_on <= today, Review.held_on > bindparam("earliest"), ReviewFeedback.id.is_(None))
            .order_by(Review.held_on.desc()).limit(1))


def waiting_review(young_person_id: int, today: date | None = None) -> Review | None:
    """The young person's latest review held in the last 60 days that they have not said how it was, or None."""
    today = today or local_today()
    return db.session.scalar(_waiting_review_statement(), {
        "young_person_id": young_person_id, "today": today, "earliest": today - timedelta(days=ASKED_FOR_DAYS)})


def askable(review: Review | None, young_person_id: int, today: date | None = None) -> bool:
    """May this young person say how this review was, now?"""
    today = today or local_today()
    return (review is not None and review.young_person_id == young_person_id and review.held_on is not None
            and today - timedelta(days=ASKED_FOR_DAYS) < review.held_on <= today)


def already_answered(review_id: int) -> bool:
    return db.session.scalar(select(ReviewFeedback.id).where(ReviewFeedback.review_id == review_id)) is not None


def record(review: Review, answers: dict) -> bool:
    """Keep the answers (known values only); False when this review's answers were already kept (a double tap)."""
    values = {}
    for question in QUESTIONS:
        value = answers.get(question.key)
        if value in {choice for choice, _label in question.choices}:
            values[question.key] = value
    try:
        with db.session.begin_nested():
            db.session.add(ReviewFeedback(review_id=review.id, **values))
    except IntegrityError:  # the unique review_id: the first tap was kept
        return False
    db.session.commit()
    return True


def counts(start: date, end: date) -> dict:
    """{question key: {answer: number}} for reviews held from start to end inclusive (one statement)."""
    columns = [getattr(ReviewFeedback, key) for key in KEYS]
    rows = db.session.execute(
        select(*columns, func.count()).join(Review, Review.id == ReviewFeedback.review_id)
        .where(Review.held_on >= start, Review.held_on <= end).group_by(*columns)).all()
    found = {key: {} for key in KEYS}
    for row in rows:
        number = row[-1]
        for key, value in zip(KEYS, row[:-1], strict=True):
            if value is not None:
                found[key][value] = found[key].get(value, 0) + number
    return found
