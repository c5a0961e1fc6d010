"""Role × route matrix for "How was your review?": only the young person whose review it was answers."""

from datetime import timedelta

import pytest

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import YoungPerson
from tests import factories
from tests.access import ROLES, expect, outcomes, world_ids

MATRIX = [
    ("GET", "/how-was-your-review/{alexs}", "/how-was-your-review/<id:review_id>",
     expect(403, anonymous=302, young_person=200)),
    # Nothing chosen: refused as bad input for the young person, after the access check.
    ("POST", "/how-was-your-review/{alexs}", "/how-was-your-review/<id:review_id>",
     expect(403, anonymous=401, young_person=400)),
    # Jordan's review: not Alex's (demo-child) to answer, and not found for them.
    ("GET", "/how-was-your-review/{jordans}", "/how-was-your-review/<id:review_id>",
     expect(403, anonymous=302, young_person=404)),
]


@pytest.fixture
def held_ids(app, world):
    """Alex's and Jordan's reviews, each held 3 days ago."""
    ids = {}
    with app.app_context():
        for name in ("Alex", "Jordan"):
            review = factories.review(db.session.get(YoungPerson, world[f"yp:{name}"]), days_ahead=-3)
            review.held_on = local_today() - timedelta(days=3)
            db.session.flush()
            ids[f"{name.lower()}s"] = review.id
        db.session.commit()
    return world_ids(world, **ids)


def test_every_new_route_is_in_the_matrix(app):
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("feedback.")}
    assert rules == {row[2] for row in MATRIX}


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_feedback_route(app, held_ids, role):
    assert outcomes(app, role, MATRIX, held_ids) == {}, "(got, expected) per route"
