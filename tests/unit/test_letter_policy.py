"""Whose review letters each person may read (portal.security.policy.readable_letters), on the demo world."""

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from portal.extensions import db
from portal.letters import services
from portal.models import ReviewLetter, User, YoungPerson
from tests.letters import write_letter


@pytest.fixture
def letters(app, world):
    """A published letter for each demo young person, and a draft for Alex: names by id."""
    with app.app_context():
        names = {}
        for name, iro in (("Alex", "demo-iro"), ("Jordan", "demo-iro"), ("Sam", "demo-iro"), ("Casey", "demo-iro-2")):
            names[write_letter(world[f"yp:{name}"], world[iro]).id] = name
        names[write_letter(world["yp:Alex"], world["demo-iro"], publish=False).id] = "Alex (draft)"
        return names


def _readable(app, username, world, letters):
    from portal.security.policy import readable_letters

    with app.app_context():
        user = db.session.get(User, world[username]) if username else AnonymousUserMixin()
        ids = db.session.scalars(select(ReviewLetter.id).where(readable_letters(user))).all()
        return {letters[letter_id] for letter_id in ids}


EVERYONE = {"Alex", "Jordan", "Sam", "Casey", "Alex (draft)"}


@pytest.mark.parametrize(("username", "expected"), [
    ("demo-admin", EVERYONE),
    ("demo-iro", {"Alex", "Jordan", "Sam", "Alex (draft)"}),
    ("demo-iro-2", {"Casey"}),
    ("demo-child", {"Alex"}),  # their own, published only
    ("demo-child-2", {"Jordan"}),
    ("demo-child-3", {"Casey"}),
    ("demo-carer", {"Jordan", "Sam"}),  # both under 12
    ("demo-carer-2", set()),  # Casey is 15 and has not shared
    ("demo-advocacy", set()),
    ("demo-visitor", set()),
    ("demo-council", set()),
    (None, set()),
])
def test_each_person_reads_exactly_these_letters(app, world, letters, username, expected):
    assert _readable(app, username, world, letters) == expected


def test_sharing_opens_a_young_persons_letters_to_their_own_carers_only(app, world, letters):
    with app.app_context():
        services.set_sharing(db.session.get(YoungPerson, world["yp:Casey"]), True)
    assert _readable(app, "demo-carer-2", world, letters) == {"Casey"}
    assert _readable(app, "demo-carer", world, letters) == {"Jordan", "Sam"}
    with app.app_context():
        services.set_sharing(db.session.get(YoungPerson, world["yp:Casey"]), False)
    assert _readable(app, "demo-carer-2", world, letters) == set()


def test_sharing_has_no_effect_for_a_carer_who_is_not_linked(app, world, letters):
    with app.app_context():
        services.set_sharing(db.session.get(YoungPerson, world["yp:Alex"]), True)
    assert _readable(app, "demo-carer", world, letters) == {"Jordan", "Sam"}
    assert _readable(app, "demo-carer-2", world, letters) == set()
