"""Review reminders: a week before and the day before, to the young person and their carers, once each.

A reminder is queued in the outbox (portal.core.outbox) like any other news, so it goes by the
person's own choice (text message, email, or nothing) and says only that the review is coming.
The Golden Rules ask for more than 24 hours' notice: the day-before reminder goes out in the
morning of the day before, and a review planned at short notice still gets the week's reminder
straight away.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.core.clock import local_zone
from portal.core.outbox import notify
from portal.extensions import db
from portal.models import CarerLink, Review, ReviewReminder, User, YoungPerson

# days before the review -> (kind for the young person, kind for a carer)
REMINDERS = {7: ("review_next_week", "carer_review_next_week"), 1: ("review_tomorrow", "carer_review_tomorrow")}


def due_reminder(review_day: date, today: date) -> int | None:
    """Which reminder is due today for a review on this day: 1 (tomorrow), 7 (within the week) or None."""
    days = (review_day - today).days
    if days == 1:
        return 1
    if 1 < days <= 7:
        return 7
    return None


def queue_review_reminders(today: date) -> int:
    """Queue every reminder due today that has not gone out yet; returns how many were queued."""
    zone = local_zone()
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)
    end = datetime.combine(today + timedelta(days=8), time.min, tzinfo=zone)
    reviews = db.session.execute(
        select(Review, YoungPerson).join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .where(Review.held_on.is_(None), Review.scheduled_for >= start, Review.scheduled_for < end)
        .order_by(Review.id)
    ).all()
    if not reviews:
        return 0
    person_ids = [person.id for _review, person in reviews]
    carers = {}
    for link, carer in db.session.execute(select(CarerLink, User).join(User, User.id == CarerLink.carer_id)
                                          .where(CarerLink.young_person_id.in_(person_ids), User.active.is_(True))):
        carers.setdefault(link.young_person_id, []).append(carer)
    sent = set(db.session.execute(select(ReviewReminder.review_id, ReviewReminder.user_id, ReviewReminder.days_before)
                                  .where(ReviewReminder.review_id.in_([review.id for review, _p in reviews]))))
    queued = 0
    for review, person in reviews:
        which = due_reminder(review.scheduled_for.astimezone(zone).date(), today)
        if which is None:
            continue
        child_kind, carer_kind = REMINDERS[which]
        people = ([(person.user, child_kind)] if person.user and person.user.active else []) + \
            [(carer, carer_kind) for carer in carers.get(person.id, [])]
        for user, kind in people:
            if (review.id, user.id, which) in sent:
                continue
            db.session.add(ReviewReminder(review_id=review.id, user_id=user.id, days_before=which))
            notify(user, kind)
            queued += 1
    db.session.commit()
    return queued
