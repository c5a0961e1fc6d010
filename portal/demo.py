"""Demo accounts and records, loaded idempotently by `flask demo-data`."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import CarerLink, CouncilPermission, Organisation, OrganisationKind, Review, Role, User, YoungPerson

PASSWORD = "demo-pass-2026"

ACCOUNTS = [
    ("demo-child", "young person, 14 (IRO: demo-iro)"),
    ("demo-child-2", "young person, 9 (IRO: demo-iro; carer: demo-carer)"),
    ("demo-child-3", "young person, 15 (IRO: demo-iro-2)"),
    ("demo-carer", "carer of demo-child-2 and of Sam, 6"),
    ("demo-iro", "IRO of demo-child, demo-child-2 and Sam"),
    ("demo-iro-2", "IRO of demo-child-3"),
    ("demo-advocacy", "advocacy service staff"),
    ("demo-visitor", "Independent Visitor service staff"),
    ("demo-council", "Children in Care Council member"),
    ("demo-admin", "admin"),
    ("demo-manager", "service manager: the figures and every caseload, read-only"),
]


def _birthday(age, today):
    """A date of birth giving this age today, with the birthday a few months away."""
    month_later = today + timedelta(days=100)
    try:
        return month_later.replace(year=month_later.year - age - 1)
    except ValueError:  # 29 February
        return (month_later - timedelta(days=1)).replace(year=month_later.year - age - 1)


def _user(username, role, name, **extra):
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, role=role, display_name=name, password_hash=hash_password(PASSWORD))
        db.session.add(user)
    user.role, user.display_name, user.active = role, name, True
    for key, value in extra.items():
        setattr(user, key, value)
    db.session.flush()
    return user


def _organisation(name, kind, email):
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name, kind=kind, email=email)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def _young_person(first_name, age, iro, user, reference, today):
    query = select(YoungPerson).where(YoungPerson.case_reference == reference)
    person = db.session.scalar(query)
    if person is None:
        person = YoungPerson(first_name=first_name, case_reference=reference, date_of_birth=_birthday(age, today),
                             iro_id=iro.id)
        db.session.add(person)
    person.first_name, person.iro_id, person.user_id = first_name, iro.id, user.id if user else None
    person.date_of_birth = _birthday(age, today)
    db.session.flush()
    return person


def _upcoming_review(person, days_ahead, place):
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    now = datetime.now(zone)
    has_one = db.session.scalar(select(Review.id).where(
        Review.young_person_id == person.id, Review.held_on.is_(None), Review.scheduled_for >= now))
    if has_one is None:
        when = datetime.combine(now.date() + timedelta(days=days_ahead), time(16, 0), tzinfo=zone)
        db.session.add(Review(young_person_id=person.id, scheduled_for=when, place=place))


def _link(carer, person):
    exists = db.session.scalar(select(CarerLink.id).where(
        CarerLink.carer_id == carer.id, CarerLink.young_person_id == person.id))
    if exists is None:
        db.session.add(CarerLink(carer_id=carer.id, young_person_id=person.id))


def _council_permissions(member):
    """The demo council member moderates and runs campaigns."""
    permission = db.session.get(CouncilPermission, member.id)
    if permission is None:
        permission = CouncilPermission(user_id=member.id)
        db.session.add(permission)
    permission.can_moderate = permission.can_run_campaigns = True


def load():
    """Create or refresh every demo account and record."""
    today = date.today()
    advocacy = _organisation("Demo Advocacy Service", OrganisationKind.ADVOCACY, "advocacy@example.org")
    visitors = _organisation("Demo Independent Visitor Service", OrganisationKind.INDEPENDENT_VISITOR,
                             "visitors@example.org")
    iro = _user("demo-iro", Role.IRO, "Priya Shah", email="iro@example.org", phone="01632 960 001")
    iro_2 = _user("demo-iro-2", Role.IRO, "Tom Okafor", email="iro2@example.org", phone="01632 960 002")
    child = _user("demo-child", Role.YOUNG_PERSON, "Alex")
    child_2 = _user("demo-child-2", Role.YOUNG_PERSON, "Jordan")
    child_3 = _user("demo-child-3", Role.YOUNG_PERSON, "Casey")
    carer = _user("demo-carer", Role.CARER, "Morgan Ellis")
    _user("demo-advocacy", Role.ADVOCACY, "Sam Rivers", organisation_id=advocacy.id, email="a@example.org")
    _user("demo-visitor", Role.VISITOR, "Robin Lee", organisation_id=visitors.id, email="v@example.org")
    council = _user("demo-council", Role.COUNCIL, "Jamie Council")
    _user("demo-admin", Role.ADMIN, "Dana Admin", email="admin@example.org")
    _user("demo-manager", Role.MANAGER, "Lee Manager", email="manager@example.org")

    alex = _young_person("Alex", 14, iro, child, "DEMO-001", today)
    jordan = _young_person("Jordan", 9, iro, child_2, "DEMO-002", today)
    sam = _young_person("Sam", 6, iro, None, "DEMO-003", today)
    casey = _young_person("Casey", 15, iro_2, child_3, "DEMO-004", today)
    for person, days, place in ((alex, 12, "Home"), (jordan, 20, "Home"), (sam, 20, "Home"),
                                (casey, 30, "Youth centre")):
        _upcoming_review(person, days, place)
    _link(carer, jordan)
    _link(carer, sam)
    _council_permissions(council)
    db.session.commit()
