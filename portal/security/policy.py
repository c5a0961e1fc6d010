"""Whose objects a person may touch. Every query for a young person's data goes through here.

Not visible means not found: callers get 404, so nobody learns that another
child's record exists.
"""

from flask import abort
from sqlalchemy import exists, false, select, true

from portal.extensions import db
from portal.models import AgeBand, CarerLink, Consultation, Role, YoungPerson


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


# Carers help younger children; what a young person of 12 or over wrote alone stays private.
CARER_SEES_OWN_ANSWERS_OF = (AgeBand.UNDER_8, AgeBand.FROM_8)


def _cares_for(carer, young_person_id) -> bool:
    return db.session.scalar(select(CarerLink.id).where(
        CarerLink.carer_id == carer.id, CarerLink.young_person_id == young_person_id)) is not None


def may_fill(user, consultation) -> bool:
    """The young person themselves, or a linked carer who is helping (or helps a child under 12)."""
    if user.role == Role.YOUNG_PERSON:
        return consultation.young_person.user_id == user.id
    if user.role == Role.CARER and _cares_for(user, consultation.young_person_id):
        return consultation.helped_by_id == user.id or consultation.band in CARER_SEES_OWN_ANSWERS_OF
    return False


def consultation_to_fill_or_404(user, consultation_id):
    """A consultation the user may fill in and read; 404 otherwise."""
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None or not may_fill(user, consultation):
        abort(404)
    return consultation


def consultation_for_iro_or_404(user, consultation_id):
    """A consultation of a young person on this IRO's caseload; 404 otherwise."""
    consultation = db.session.scalar(
        select(Consultation).join(YoungPerson, YoungPerson.id == Consultation.young_person_id)
        .where(Consultation.id == consultation_id, YoungPerson.iro_id == user.id)
    )
    if consultation is None:
        abort(404)
    return consultation
