"""Get support and the outbox: every route × every role, and nobody reaches another person's request.

The advocacy service never sees Independent Visitor requests and the reverse; a
young person sees only their own; a carer or IRO only the requests they made.
"""

import pytest
from sqlalchemy import select

from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import Organisation, OrganisationKind, OutboxMessage, Role, User
from portal.models.support import SupportKind
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in
from tests.support_requests import make_request

YP, CARER_AND_IRO = {"young_person": 200}, {"carer": 200, "iro": 200}
SERVICES = {"advocacy": 200, "visitor": 200, "admin": 200}
REQUEST = "/support-requests/<id:request_id>"

# (method, URL pattern, rule in url_map, expected status per role). The signed-in roles are demo-child (Alex),
# demo-carer (Jordan's and Sam's carer), demo-iro (Alex's, Jordan's and Sam's IRO) and each service.
MATRIX = [
    ("GET", "/get-support", "/get-support", expect(403, anonymous=302, **YP)),
    ("GET", "/get-support/advocate", "/get-support/<any(advocate, 'independent-visitor'):kind>",
     expect(403, anonymous=302, **YP)),
    ("GET", "/get-support/independent-visitor", "/get-support/<any(advocate, 'independent-visitor'):kind>",
     expect(403, anonymous=302, **YP)),
    ("GET", "/get-support/for/{sam}", "/get-support/for/<id:young_person_id>",
     expect(403, anonymous=302, **CARER_AND_IRO)),
    ("GET", "/get-support/for/{sam}/independent-visitor",
     "/get-support/for/<id:young_person_id>/<any(advocate, 'independent-visitor'):kind>",
     expect(403, anonymous=302, **CARER_AND_IRO)),
    ("GET", "/my-requests", "/my-requests", expect(403, anonymous=302, young_person=200, **CARER_AND_IRO)),
    # Alex's own advocate request: Alex follows it; his IRO and Jordan's carer did not make it.
    ("GET", "/my-requests/{alex_request}", "/my-requests/<id:request_id>",
     expect(403, anonymous=302, young_person=200, carer=404, iro=404)),
    # The carer's request for Sam: only the carer follows it (Alex is not Sam; the IRO did not make it).
    ("GET", "/my-requests/{sam_request}", "/my-requests/<id:request_id>",
     expect(403, anonymous=302, young_person=404, carer=200, iro=404)),
    ("GET", "/my-requests/{alex_request}/withdraw", "/my-requests/<id:request_id>/withdraw",
     expect(403, anonymous=302, young_person=200, carer=404, iro=404)),
    ("GET", "/support-requests", "/support-requests", expect(403, anonymous=302, **SERVICES)),
    # An advocate request: the advocacy service and admins, never the Independent Visitor service.
    ("GET", "/support-requests/{alex_request}", REQUEST, expect(403, anonymous=302, advocacy=200, visitor=404, admin=200)),
    # An Independent Visitor request: the reverse.
    ("GET", "/support-requests/{jordan_request}", REQUEST, expect(403, anonymous=302, advocacy=404, visitor=200, admin=200)),
    ("POST", "/support-requests/{alex_request}/acknowledge", REQUEST + "/acknowledge",
     expect(403, anonymous=401, advocacy=303, visitor=404)),
    ("POST", "/support-requests/{jordan_request}/acknowledge", REQUEST + "/acknowledge",
     expect(403, anonymous=401, advocacy=404, visitor=303)),
    # Sent with nothing filled in: allocating needs a first name, a note needs words, declining a reason.
    ("POST", "/support-requests/{alex_request}/allocate", REQUEST + "/allocate",
     expect(403, anonymous=401, advocacy=400, visitor=404)),
    ("POST", "/support-requests/{jordan_request}/note", REQUEST + "/note",
     expect(403, anonymous=401, advocacy=404, visitor=400)),
    ("POST", "/support-requests/{alex_request}/close", REQUEST + "/close",
     expect(403, anonymous=401, advocacy=303, visitor=404)),
    ("POST", "/support-requests/{jordan_request}/decline", REQUEST + "/decline",
     expect(403, anonymous=401, advocacy=404, visitor=400)),
    ("POST", "/support-requests/{alex_request}/send-to-service", REQUEST + "/send-to-service",
     expect(403, anonymous=401, admin=303)),
    ("GET", "/admin/outbox", "/admin/outbox", expect(403, anonymous=302, admin=200)),
    ("POST", "/admin/outbox/{message}/retry", "/admin/outbox/<id:message_id>/retry", expect(403, anonymous=401, admin=303)),
]


@pytest.fixture
def requests_made(app, world):
    """Alex asked for an advocate, Jordan for an Independent Visitor, the carer for Sam, the second carer for Casey."""
    ids = {
        "alex_request": make_request(app, world, "demo-child", "Alex", SupportKind.ADVOCATE, details="About school"),
        "jordan_request": make_request(app, world, "demo-child-2", "Jordan", SupportKind.INDEPENDENT_VISITOR),
        "sam_request": make_request(app, world, "demo-carer", "Sam", SupportKind.ADVOCATE),
        "casey_request": make_request(app, world, "demo-carer-2", "Casey", SupportKind.INDEPENDENT_VISITOR),
        "iro_request": make_request(app, world, "demo-iro", "Alex", SupportKind.INDEPENDENT_VISITOR),
    }
    with app.app_context():
        ids["message"] = db.session.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id).limit(1))
    return world_ids(world, **ids)


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_support_route(app, requests_made, role):
    assert outcomes(app, role, MATRIX, requests_made) == {}, "(got, expected) per route"


def _get_or_post(client, method, url, data=None):
    if method == "GET":
        return client.get(url)
    token = csrf_from(client.get("/get-help"))
    return client.post(url, data={"csrf_token": token, **(data or {})})


# Another person's request or young person: not found, and nothing about them shown.
OTHER_PEOPLES_OBJECTS = [
    ("demo-child", "GET", "/my-requests/{jordan_request}"),
    ("demo-child", "GET", "/my-requests/{jordan_request}/withdraw"),
    ("demo-child", "POST", "/my-requests/{jordan_request}/withdraw"),
    ("demo-child-2", "GET", "/my-requests/{alex_request}"),
    ("demo-child-3", "GET", "/my-requests/{sam_request}"),
    # A carer does not read the child's own request, nor another carer's.
    ("demo-carer", "GET", "/my-requests/{jordan_request}"),
    ("demo-carer", "GET", "/my-requests/{casey_request}"),
    ("demo-carer-2", "GET", "/my-requests/{sam_request}"),
    ("demo-carer-2", "POST", "/my-requests/{sam_request}/withdraw"),
    ("demo-carer", "GET", "/get-support/for/{casey}"),
    ("demo-carer", "GET", "/get-support/for/{alex}/advocate"),
    ("demo-carer", "POST", "/get-support/for/{casey}/advocate"),
    # An IRO asks only for their own caseload, and follows only what they asked.
    ("demo-iro-2", "GET", "/get-support/for/{alex}"),
    ("demo-iro-2", "POST", "/get-support/for/{alex}/independent-visitor"),
    ("demo-iro-2", "GET", "/my-requests/{iro_request}"),
    ("demo-iro", "GET", "/my-requests/{alex_request}"),
    # Each service only its own requests.
    ("demo-advocacy", "GET", "/support-requests/{jordan_request}"),
    ("demo-advocacy", "POST", "/support-requests/{jordan_request}/acknowledge"),
    ("demo-advocacy", "POST", "/support-requests/{casey_request}/decline"),
    ("demo-visitor", "GET", "/support-requests/{alex_request}"),
    ("demo-visitor", "GET", "/support-requests/{sam_request}"),
    ("demo-visitor", "POST", "/support-requests/{alex_request}/allocate"),
    ("demo-visitor", "POST", "/support-requests/{sam_request}/note"),
    ("demo-visitor", "POST", "/support-requests/{alex_request}/close"),
    ("demo-admin", "GET", "/support-requests/999999"),
    ("demo-admin", "POST", "/admin/outbox/999999/retry"),
]


@pytest.mark.parametrize("username,method,pattern", OTHER_PEOPLES_OBJECTS)
def test_other_peoples_requests_are_not_found(app, client, requests_made, username, method, pattern):
    sign_in(client, username)
    data = {"step": "send", "agreed": "y", "allocate_name": "Chris", "note_text": "Hello", "decline_reason": "No"}
    response = _get_or_post(client, method, pattern.format(**requests_made), data)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    for secret in ("About school", "Alex", "Casey", "Jordan"):
        assert secret not in body


def test_nothing_changed_when_another_service_tried(app, client, requests_made):
    from tests.support_requests import stored

    sign_in(client, "demo-advocacy")
    _get_or_post(client, "POST", "/support-requests/{jordan_request}/acknowledge".format(**requests_made))
    assert stored(app, requests_made["jordan_request"]).status == "sent"
    assert len(stored(app, requests_made["jordan_request"]).events) == 1


def test_each_service_lists_only_its_own_requests(app, client, requests_made):
    lists = {}
    for username in ("demo-advocacy", "demo-visitor", "demo-admin"):
        client = app.test_client()
        sign_in(client, username)
        body = client.get("/support-requests").get_data(as_text=True)
        lists[username] = {name for name in ("Alex", "Jordan", "Sam", "Casey") if f">{name}</a>" in body}
    assert lists == {"demo-advocacy": {"Alex", "Sam"}, "demo-visitor": {"Jordan", "Casey", "Alex"},
                     "demo-admin": {"Alex", "Jordan", "Sam", "Casey"}}


def test_a_second_service_of_the_same_kind_sees_none_of_the_first_ones_requests(app, client, requests_made):
    with app.app_context():
        other = Organisation(name="Other Advocacy", kind=OrganisationKind.ADVOCACY, email="other@example.org")
        db.session.add(other)
        db.session.flush()
        db.session.add(User(username="other-advocate", role=Role.ADVOCACY, display_name="Other Advocate",
                            organisation_id=other.id, password_hash=hash_password("demo-pass-2026")))
        db.session.commit()
    sign_in(client, "other-advocate")
    body = client.get("/support-requests").get_data(as_text=True)
    assert "There are no open requests." in body and "Alex" not in body
    assert client.get("/support-requests/{alex_request}".format(**requests_made)).status_code == 404


def test_service_staff_without_an_organisation_see_nothing(app, client, requests_made):
    with app.app_context():
        db.session.add(User(username="lost-advocate", role=Role.ADVOCACY, display_name="Lost",
                            password_hash=hash_password("demo-pass-2026")))
        db.session.commit()
    sign_in(client, "lost-advocate")
    assert "There are no open requests." in client.get("/support-requests").get_data(as_text=True)
    assert client.get("/support-requests/{alex_request}".format(**requests_made)).status_code == 404


def test_a_carer_no_longer_linked_no_longer_follows_their_request(app, client, requests_made):
    from portal.models import CarerLink

    sign_in(client, "demo-carer")
    url = "/my-requests/{sam_request}".format(**requests_made)
    assert client.get(url).status_code == 200
    with app.app_context():
        link = db.session.scalar(select(CarerLink).where(CarerLink.young_person_id == requests_made["sam"]))
        db.session.delete(link)
        db.session.commit()
    assert client.get(url).status_code == 404
    assert client.get("/get-support/for/{sam}".format(**requests_made)).status_code == 404
