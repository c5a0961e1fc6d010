"""Which review comes next for each young person: shared by the home page, caseloads, letters and requests."""

from datetime import date, datetime

from sqlalchemy import func, select

from portal.core.clock import local_date
from portal.database import among
from portal.extensions import db
from portal.models import CarerLink, Review, YoungPerson
from portal.models.base import utcnow


def next_reviews(young_person_ids, now: datetime | None = None) -> dict[int, Review]:
    """The next review not yet held for each young person, in one query."""
    if not young_person_ids:
        return {}
    now = now or utcnow()
    soonest = (
        select(Review.young_person_id, func.min(Review.scheduled_for).label("at"))
        .where(among(Review.young_person_id, young_person_ids), Review.held_on.is_(None),
               Review.scheduled_for >= now)
        .group_by(Review.young_person_id)
        .subquery()
    )
    rows = db.session.scalars(
        select(Review).join(soonest, (Review.young_person_id == soonest.c.young_person_id)
                            & (Review.scheduled_for == soonest.c.at))
    )
    return {review.young_person_id: review for review in rows}


def next_review(young_person) -> Review | None:
    """The young person's next review that has not been held."""
    return next_reviews([young_person.id]).get(young_person.id)


def carer_children(user):
    """The young people a carer helps, each with their next review."""
    children = db.session.scalars(
        select(YoungPerson).join(CarerLink, CarerLink.young_person_id == YoungPerson.id)
        .where(CarerLink.carer_id == user.id).order_by(YoungPerson.first_name)
    ).all()
    reviews = next_reviews([child.id for child in children])
    return [(child, reviews.get(child.id)) for child in children]


def planned_on(review) -> date:
    """The earliest day a review can have been held: the day it was planned, or its planned day if earlier.

    A review cannot take place before anyone arranged it, so the day it was added to the portal
    is the limit. A review added after the event (a record typed in later, with its real date)
    has only its planned day as evidence, so that earlier day is the limit instead.
    """
    created = local_date(review.created_at) if review.created_at is not None else None
    scheduled = local_date(review.scheduled_for)
    return min(day for day in (created, scheduled) if day is not None)
