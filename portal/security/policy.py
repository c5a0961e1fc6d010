"""Whose objects a person may touch. Every query for a young person's data goes through here.

Not visible means not found: callers get 404, so nobody learns that another
child's record exists.
"""

from flask import abort
from sqlalchemy import exists, false, select, true

from portal.extensions import db
from portal.models import CarerLink, Role, YoungPerson


def visible_young_people(user):
    """A SQL condition selecting the young people this user may see."""
    if not user.is_authenticated:
        return false()
    if user.role == Role.ADMIN:
        return true()
    if user.role == Role.IRO:
        return YoungPerson.iro_id == user.id
    if user.role == Role.YOUNG_PERSON:
        return YoungPerson.user_id == user.id
    if user.role == Role.CARER:
        return exists().where(
            CarerLink.young_person_id == YoungPerson.id, CarerLink.carer_id == user.id
        )
    return false()


def young_person_or_404(user, young_person_id):
    """The young person with this id if the user may see them; 404 otherwise."""
    found = db.session.scalar(
        select(YoungPerson).where(YoungPerson.id == young_person_id, visible_young_people(user))
    )
    if found is None:
        abort(404)
    return found


def own_young_person(user):
    """The young person record of a signed-in young person, or None."""
    return db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))
