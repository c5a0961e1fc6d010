"""Role × route matrix for the review timetable: care episodes, the record of a review, its print view, the case record."""

from datetime import UTC, date, datetime

import pytest

from portal.extensions import db
from portal.models import CareEpisode, LegalStatus, Review, ReviewRequest
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import sign_in

STAFF = {"iro": 200, "admin": 200}

MATRIX = [
    ("GET", "/caseload/{alex}/episodes/new", "/caseload/<id:young_person_id>/episodes/new",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/{alex}/episodes/end", "/caseload/<id:young_person_id>/episodes/end",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/reviews/{review}/record", "/caseload/reviews/<id:review_id>/record",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/reviews/{review}/print", "/caseload/reviews/<id:review_id>/print",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/{alex}/record.json", "/caseload/<id:young_person_id>/record.json",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/{alex}/midway-check", "/caseload/<id:young_person_id>/midway-check",
     expect(403, anonymous=302, **STAFF)),
    # An empty check: refused as bad input by those allowed, after the access check.
    ("POST", "/caseload/{alex}/midway-check", "/caseload/<id:young_person_id>/midway-check",
     expect(403, anonymous=401, iro=400, admin=400)),
    ("GET", "/caseload?filter=overdue&q=al", "/caseload", expect(403, anonymous=302, manager=200, **STAFF)),
    ("GET", "/my-review/sooner", "/my-review/sooner", expect(403, anonymous=302, young_person=200)),
    # An empty answer: refused as bad input by those allowed, after the access check.
    ("POST", "/caseload/review-requests/{request}/answer", "/caseload/review-requests/<id:request_id>/answer",
     expect(403, anonymous=401, iro=400, admin=400)),
]

# Another IRO's young person, their review and their case record: not found.
OTHER_PEOPLES = [
    "/caseload/{alex}/episodes/new", "/caseload/{alex}/episodes/end", "/caseload/reviews/{review}/record",
    "/caseload/reviews/{review}/print", "/caseload/{alex}/record.json", "/caseload/{alex}/midway-check",
]


@pytest.fixture
def timetable_ids(app, world):
    """Alex (demo-iro's caseload): an open care episode, a review held on 3 February 2025, a request for a sooner one."""
    with app.app_context():
        db.session.add(CareEpisode(young_person_id=world["yp:Alex"], started_on=date(2025, 1, 6),
                                   legal_status=LegalStatus.CARE_ORDER))
        review = Review(young_person_id=world["yp:Alex"], held_on=date(2025, 2, 3), place="Home",
                        scheduled_for=datetime(2025, 2, 3, 16, tzinfo=UTC))
        db.session.add(review)
        request = ReviewRequest(young_person_id=world["yp:Alex"], reason="Sooner, please")
        db.session.add(request)
        db.session.commit()
        return world_ids(world, review=review.id, request=request.id)


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_timetable_route(app, timetable_ids, role):
    assert outcomes(app, role, MATRIX, timetable_ids) == {}, "(got, expected) per route"


@pytest.mark.parametrize("pattern", OTHER_PEOPLES)
def test_another_iro_finds_nothing_of_alexs(app, client, timetable_ids, pattern):
    sign_in(client, "demo-iro-2")
    response = client.get(pattern.format(**timetable_ids))
    assert response.status_code == 404
    assert "Alex" not in response.get_data(as_text=True)
