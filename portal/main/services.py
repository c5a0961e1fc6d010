"""What each role's home page shows."""

from datetime import datetime

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import CarerLink, Review, ReviewRequest, YoungPerson
from portal.models.base import utcnow
from portal.security.policy import own_young_person, visible_young_people


def next_reviews(young_person_ids, now: datetime | None = None) -> dict[int, Review]:
    """The next review not yet held for each young person, in one query."""
    if not young_person_ids:
        return {}
    now = now or utcnow()
    soonest = (
        select(Review.young_person_id, func.min(Review.scheduled_for).label("at"))
        .where(Review.young_person_id.in_(young_person_ids), Review.held_on.is_(None),
               Review.scheduled_for >= now)
        .group_by(Review.young_person_id)
        .subquery()
    )
    rows = db.session.scalars(
        select(Review).join(soonest, (Review.young_person_id == soonest.c.young_person_id)
                            & (Review.scheduled_for == soonest.c.at))
    )
    return {review.young_person_id: review for review in rows}


def young_person_home(user):
    """The young person's own record and their next review."""
    me = own_young_person(user)
    if me is None:
        return None, None
    return me, next_reviews([me.id]).get(me.id)


SAMARITANS_FROM_AGE = 16


def shows_samaritans(me, today) -> bool:
    """Samaritans is listed for young people aged 16 or over, and for everyone else (carers, staff, visitors)."""
    return me is None or me.age(today) >= SAMARITANS_FROM_AGE


def carer_children(user):
    """The young people a carer helps, each with their next review."""
    children = db.session.scalars(
        select(YoungPerson).join(CarerLink, CarerLink.young_person_id == YoungPerson.id)
        .where(CarerLink.carer_id == user.id).order_by(YoungPerson.first_name)
    ).all()
    reviews = next_reviews([child.id for child in children])
    return [(child, reviews.get(child.id)) for child in children]


def caseload_size(user) -> int:
    """How many young people this person may see (for an IRO: their caseload)."""
    return db.session.scalar(select(func.count(YoungPerson.id)).where(visible_young_people(user)))


def open_review_request(young_person) -> ReviewRequest | None:
    """The young person's newest request for a sooner review that their IRO has not answered yet."""
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id,
                                                         ReviewRequest.answered_at.is_(None))
                             .order_by(ReviewRequest.created_at.desc()).limit(1))


def last_answered_request(young_person) -> ReviewRequest | None:
    """The young person's newest answered request, to show them what their IRO said."""
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id,
                                                         ReviewRequest.answered_at.is_not(None))
                             .order_by(ReviewRequest.answered_at.desc()).limit(1))


def ask_for_review_sooner(young_person, reason: str | None) -> ReviewRequest:
    """Ask the IRO to bring the review forward (one open request at a time: asking again adds the new words)."""
    request = open_review_request(young_person)
    if request is None:
        request = ReviewRequest(young_person_id=young_person.id)
        db.session.add(request)
    request.reason = (reason or "").strip() or request.reason
    db.session.commit()
    return request
