"""Small builders for tests that need a person or two rather than the whole demo world.

Plain functions: each adds what it makes to the current app context's session, flushes
(so ids are set) and returns it; the caller commits. Every account signs in with
PASSWORD, hashed once per run (the test settings use a cheap Argon2 profile, and one
hash serves every account).
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app

from portal.core.clock import local_today
from portal.core.passwords import hash_password
from portal.demo import PASSWORD, _birthday
from portal.extensions import db
from portal.models import Review, Role, User, YoungPerson


@cache
def _hashed(profile):
    return hash_password(PASSWORD)


def user(username, role=Role.YOUNG_PERSON, display_name=None, **extra):
    """An active account that signs in with PASSWORD."""
    account = User(username=username, role=role, display_name=display_name or username,
                   password_hash=_hashed(current_app.config["PASSWORD_HASH_PROFILE"]), **extra)
    db.session.add(account)
    db.session.flush()
    return account


def iro(username="iro", display_name="Priya Shah", **extra):
    """An Independent Reviewing Officer."""
    return user(username, Role.IRO, display_name, **extra)


def young_person(first_name="Alex", age=14, iro_user=None, username=None, reference=None, today: date | None = None):
    """A young person of this age today, with an IRO (made if not given) and, unless username=False, an account."""
    today = today or local_today()
    iro_user = iro_user or iro(f"iro-of-{first_name.lower()}")
    account = None if username is False else user(username or first_name.lower(), Role.YOUNG_PERSON, first_name)
    person = YoungPerson(first_name=first_name, case_reference=reference or f"REF-{first_name.upper()}",
                         date_of_birth=_birthday(age, today), iro_id=iro_user.id,
                         user_id=account.id if account else None)
    db.session.add(person)
    db.session.flush()
    return person


def review(person, days_ahead=12, place="Home", at=time(16, 0)):
    """A review of this young person's, planned `days_ahead` days from today (negative: in the past)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    planned = Review(young_person_id=person.id, place=place,
                     scheduled_for=datetime.combine(local_today() + timedelta(days=days_ahead), at, tzinfo=zone))
    db.session.add(planned)
    db.session.flush()
    return planned
