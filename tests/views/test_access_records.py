"""Role × route matrix for data rights: my records and their download, "That's not right about me", subject
access exports, retention due and the privacy notice; and other people's records, which are never found.

A carer of a child aged 12 or more gets 403 (with why: "From the age of 12, young people download their own
records"), not 404: the carer already sees that child on their home page, so the refusal tells them nothing
new, and it says what to do instead. A child the carer does not care for is 404.
"""

import pytest

from portal.extensions import db
from portal.models import Correction
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in

STAFF = {"iro": 200, "admin": 200}

MATRIX = [
    ("GET", "/my-records", "/my-records", expect(403, anonymous=302, young_person=200)),
    ("GET", "/records/{alex}/download", "/records/<id:young_person_id>/download",
     expect(403, anonymous=302, young_person=200, carer=404, iro=403, admin=403)),
    ("GET", "/records/{jordan}/download", "/records/<id:young_person_id>/download",
     expect(403, anonymous=302, young_person=404, carer=200, iro=403, admin=403)),
    ("GET", "/my-records/not-right", "/my-records/not-right", expect(403, anonymous=302, young_person=200)),
    # An empty form: refused as bad input by the young person, after the access check.
    ("POST", "/my-records/not-right", "/my-records/not-right", expect(403, anonymous=401, young_person=400)),
    ("GET", "/caring-for/records", "/caring-for/records", expect(403, anonymous=302, carer=200)),
    ("GET", "/caseload/{alex}/subject-access", "/caseload/<id:young_person_id>/subject-access",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/{alex}/subject-access.zip", "/caseload/<id:young_person_id>/subject-access.zip",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/not-right", "/caseload/not-right", expect(403, anonymous=302, **STAFF)),
    ("GET", "/caseload/not-right/{correction}", "/caseload/not-right/<id:correction_id>",
     expect(403, anonymous=302, **STAFF)),
    ("POST", "/caseload/not-right/{correction}", "/caseload/not-right/<id:correction_id>",
     expect(403, anonymous=401, iro=400, admin=400)),
    ("GET", "/admin/retention", "/admin/retention", expect(403, anonymous=302, admin=200)),
    ("GET", "/how-we-use-your-information", "/how-we-use-your-information", expect(200)),
]


@pytest.fixture
def records_ids(app, world):
    """Alex (demo-iro's caseload, 14, demo-child's own record) has said something about them is not right."""
    with app.app_context():
        correction = Correction(young_person_id=world["yp:Alex"], part="details", what_is_wrong="My name is spelt wrong")
        db.session.add(correction)
        db.session.commit()
        return world_ids(world, correction=correction.id)


def test_every_new_route_is_in_the_matrix(app):
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("records.")}
    assert rules == {row[2] for row in MATRIX}


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_data_rights_route(app, records_ids, role):
    assert outcomes(app, role, MATRIX, records_ids) == {}, "(got, expected) per route"


@pytest.mark.parametrize("pattern", ["/caseload/{alex}/subject-access", "/caseload/{alex}/subject-access.zip",
                                     "/caseload/not-right/{correction}"])
def test_another_iro_finds_nothing_of_alexs(app, client, records_ids, pattern):
    sign_in(client, "demo-iro-2")
    response = client.get(pattern.format(**records_ids))
    assert response.status_code == 404
    assert "Alex" not in response.get_data(as_text=True)


def test_another_iro_cannot_answer_alexs_request(app, client, records_ids):
    sign_in(client, "demo-iro-2")
    page = client.get("/get-help")
    response = client.post("/caseload/not-right/{correction}".format(**records_ids), data={
        "csrf_token": csrf_from(page), "outcome": "corrected", "answer": "Done"})
    assert response.status_code == 404


def test_another_iros_list_does_not_show_alexs_request(app, client, records_ids):
    sign_in(client, "demo-iro-2")
    body = client.get("/caseload/not-right").get_data(as_text=True)
    assert "Alex" not in body
    assert "Nothing is waiting for an answer." in body


@pytest.mark.parametrize("child", ["jordan", "casey", "sam"])
def test_a_young_person_finds_no_other_childs_records(app, client, records_ids, child):
    sign_in(client, "demo-child")  # Alex
    response = client.get(f"/records/{records_ids[child]}/download")
    assert response.status_code == 404


def test_a_carer_finds_no_records_of_a_child_they_do_not_care_for(app, client, records_ids):
    sign_in(client, "demo-carer-2")  # cares for Casey only
    assert client.get("/records/{jordan}/download".format(**records_ids)).status_code == 404


def test_a_carer_of_a_child_aged_12_or_more_is_told_the_child_downloads_their_own(app, client, records_ids):
    sign_in(client, "demo-carer-2")  # Casey is 15
    response = client.get("/records/{casey}/download".format(**records_ids))
    assert response.status_code == 403
    assert "From the age of 12, young people download their own records." in response.get_data(as_text=True)
