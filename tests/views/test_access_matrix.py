"""Role × route matrix: every route, every role, and other people's objects.

Adding a route without adding it here fails `test_matrix_covers_every_route`.
"""

import pytest

from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in

STAFF_ONLY = {"iro": 200, "admin": 200}
ADMIN_ONLY = {"admin": 200}


# (method, URL pattern, rule in url_map, expected status per role)
MATRIX = [
    ("GET", "/", "/", expect(302, anonymous=200)),
    ("GET", "/sign-in", "/sign-in", expect(302, anonymous=200)),
    ("GET", "/join", "/join", expect(200)),
    ("GET", "/join/account", "/join/account", expect(303)),
    ("GET", "/get-help", "/get-help", expect(200)),
    ("GET", "/home", "/home", expect(200, anonymous=302)),
    ("POST", "/sign-out", "/sign-out", expect(303, anonymous=401)),
    ("POST", "/keep-alive", "/keep-alive", expect(204, anonymous=401)),
    ("POST", "/language", "/language", expect(303)),
    ("POST", "/exit", "/exit", expect(303)),
    # A service manager lists every caseload (read-only) but opens no record.
    ("GET", "/caseload", "/caseload", expect(403, anonymous=302, manager=200, **STAFF_ONLY)),
    ("GET", "/caseload/new", "/caseload/new", expect(403, anonymous=302, iro=200)),
    ("GET", "/caseload/{alex}", "/caseload/<id:young_person_id>", expect(403, anonymous=302, **STAFF_ONLY)),
    ("GET", "/caseload/{alex}/reviews/new", "/caseload/<id:young_person_id>/reviews/new",
     expect(403, anonymous=302, **STAFF_ONLY)),
    ("GET", "/caseload/{alex}/invite", "/caseload/<id:young_person_id>/invite",
     expect(403, anonymous=302, **STAFF_ONLY)),
    ("GET", "/admin", "/admin", expect(403, anonymous=302, **ADMIN_ONLY)),
    ("GET", "/admin/people", "/admin/people", expect(403, anonymous=302, **ADMIN_ONLY)),
    ("GET", "/admin/people/invite", "/admin/people/invite", expect(403, anonymous=302, **ADMIN_ONLY)),
    ("POST", "/admin/people/{carer_2}/deactivate", "/admin/people/<id:user_id>/deactivate",
     expect(403, anonymous=401, admin=303)),
    ("GET", "/admin/organisations", "/admin/organisations", expect(403, anonymous=302, **ADMIN_ONLY)),
    ("GET", "/admin/audit", "/admin/audit", expect(403, anonymous=302, **ADMIN_ONLY)),
]

# Another IRO's young person: not found, never someone else's data.
OTHER_PEOPLES_OBJECTS = [
    ("demo-iro-2", "GET", "/caseload/{alex}"),
    ("demo-iro-2", "GET", "/caseload/{alex}/reviews/new"),
    ("demo-iro-2", "GET", "/caseload/{alex}/invite"),
    ("demo-iro-2", "POST", "/caseload/{alex}/reviews/new"),
    ("demo-iro-2", "POST", "/caseload/{alex}/invite"),
    ("demo-iro", "GET", "/caseload/{casey}"),
    ("demo-iro", "GET", "/caseload/999999"),
]


def _url(pattern, world):
    return pattern.format(**world_ids(world))


def all_matrices():
    """This module's MATRIX plus the MATRIX of every capability's tests/views/test_access_*.py module."""
    import importlib
    import pkgutil

    import tests.views

    rows = list(MATRIX)
    for module in pkgutil.iter_modules(tests.views.__path__):
        if module.name.startswith("test_access_") and module.name != "test_access_matrix":
            rows += getattr(importlib.import_module(f"tests.views.{module.name}"), "MATRIX", [])
    return rows


def test_matrix_covers_every_route(app):
    covered = {(rule, method) for method, _url_pattern, rule, _expected in all_matrices()}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method == "POST" and "GET" in rule.methods:
                continue  # submitting a page's form is tested with that page's view tests
            assert (rule.rule, method) in covered, f"{method} {rule.rule} is missing from the access matrix"


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_route(app, world, role):
    data = {"locale": "en", "next": "/get-help"}
    assert outcomes(app, role, MATRIX, world_ids(world), data) == {}, "(got, expected) per route"


@pytest.mark.parametrize("username,method,pattern", OTHER_PEOPLES_OBJECTS)
def test_other_peoples_objects_are_not_found(client, world, username, method, pattern):
    sign_in(client, username)
    url = _url(pattern, world)
    if method == "POST":
        token = csrf_from(client.get("/get-help"))
        response = client.post(url, data={"csrf_token": token, "who": "young_person",
                                          "day": "2099-01-01", "time": "10:00"})
    else:
        response = client.get(url)
    assert response.status_code == 404
    assert "Alex" not in response.get_data(as_text=True)
    assert "Casey" not in response.get_data(as_text=True)
