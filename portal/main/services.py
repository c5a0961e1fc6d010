"""What each role's home page shows."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import YoungPerson
from portal.security.policy import visible_young_people

SAMARITANS_FROM_AGE = 16


def shows_samaritans(me, today) -> bool:
    """Samaritans is listed for young people aged 16 or over, and for everyone else (carers, staff, visitors)."""
    return me is None or me.age(today) >= SAMARITANS_FROM_AGE


def caseload_size(user) -> int:
    """How many young people this person may see (for an IRO: their caseload)."""
    return db.session.scalar(select(func.count(YoungPerson.id)).where(visible_young_people(user)))
