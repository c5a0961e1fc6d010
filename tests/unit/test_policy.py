"""Whose young people each role may see (portal.security.policy), checked against the demo world."""

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from portal.extensions import db
from portal.models import User, YoungPerson
from portal.security.policy import visible_young_people, young_person_or_404

EVERYONE = {"Alex", "Jordan", "Sam", "Casey"}

VISIBLE = {
    "demo-child": {"Alex"},
    "demo-child-2": {"Jordan"},
    "demo-child-3": {"Casey"},
    "demo-carer": {"Jordan", "Sam"},
    "demo-carer-2": {"Casey"},
    "demo-iro": {"Alex", "Jordan", "Sam"},
    "demo-iro-2": {"Casey"},
    "demo-admin": EVERYONE,
    "demo-advocacy": set(),
    "demo-visitor": set(),
    "demo-council": set(),
}


def _visible_names(user):
    return set(db.session.scalars(select(YoungPerson.first_name).where(visible_young_people(user))))


@pytest.mark.parametrize(("username", "expected"), VISIBLE.items())
def test_each_role_sees_exactly_their_young_people(app, world, username, expected):
    with app.app_context():
        user = db.session.get(User, world[username])
        assert _visible_names(user) == expected


def test_nobody_signed_in_sees_nobody(app, world):
    with app.app_context():
        assert _visible_names(AnonymousUserMixin()) == set()


@pytest.mark.parametrize(("username", "expected"), VISIBLE.items())
def test_young_person_or_404_gives_the_visible_and_refuses_the_rest(app, world, username, expected):
    with app.app_context():
        user = db.session.get(User, world[username])
        for name in EVERYONE:
            if name in expected:
                assert young_person_or_404(user, world[f"yp:{name}"]).first_name == name
            else:
                with pytest.raises(NotFound):
                    young_person_or_404(user, world[f"yp:{name}"])


def test_young_person_or_404_refuses_an_id_that_does_not_exist(app, world):
    with app.app_context():
        admin = db.session.get(User, world["demo-admin"])
        missing = max(world[f"yp:{name}"] for name in EVERYONE) + 1000
        with pytest.raises(NotFound):
            young_person_or_404(admin, missing)


def test_a_newly_linked_child_becomes_visible_to_their_carer(app, world):
    from portal.models import CarerLink

    with app.app_context():
        carer = db.session.get(User, world["demo-carer-2"])
        db.session.add(CarerLink(carer_id=carer.id, young_person_id=world["yp:Alex"]))
        db.session.commit()
        assert _visible_names(carer) == {"Alex", "Casey"}
