"""Escalations: every route × every role, and nobody reaches another IRO's young person or escalation (404)."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Escalation, EscalationStage
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in
from tests.escalations import demo_escalations, raise_one
from tests.letters import answer, write_letter

# The POSTs carry no form fields: the IRO, who may use them, gets the form's 400.
MATRIX = [
    ("GET", "/escalations", "/escalations", expect(403, anonymous=302, iro=200, admin=200)),
    ("GET", "/escalations/young-people/{alex}/new", "/escalations/young-people/<id:young_person_id>/new",
     expect(403, anonymous=302, iro=200)),
    ("GET", "/escalations/{jordan_escalation}", "/escalations/<id:escalation_id>",
     expect(403, anonymous=302, iro=200, admin=200)),
    ("POST", "/escalations/{jordan_escalation}/response", "/escalations/<id:escalation_id>/response",
     expect(403, anonymous=401, iro=400)),
    ("POST", "/escalations/{jordan_escalation}/next-stage", "/escalations/<id:escalation_id>/next-stage",
     expect(403, anonymous=401, iro=400)),
    ("POST", "/escalations/{jordan_escalation}/close", "/escalations/<id:escalation_id>/close",
     expect(403, anonymous=401, iro=400)),
]


@pytest.fixture
def ids(app, world):
    """The demo escalations, one of Casey's (demo-iro-2's caseload) and follow-ups of Alex's and Casey's."""
    with app.app_context():
        demo = demo_escalations(world)
        casey = raise_one(world["yp:Casey"], world["demo-iro-2"])
        alex_letter = write_letter(world["yp:Alex"], world["demo-iro"])
        casey_letter = write_letter(world["yp:Casey"], world["demo-iro-2"])
        return {"jordan_escalation": demo["jordan"], "casey_escalation": casey.id,
                "alex_follow_up": answer(alex_letter, 1, world["yp:Alex"]).id,
                "casey_follow_up": answer(casey_letter, 1, world["yp:Casey"]).id}


def test_the_matrix_holds_every_route_of_this_capability(app):
    rules = {rule for _method, _url, rule, _expected in MATRIX}
    mine = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("escalations.")}
    assert mine == rules


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_route(app, world, ids, role):
    assert outcomes(app, role, MATRIX, world_ids(world, **ids), {}) == {}, "(got, expected) per route"


VALID = {"response-response": "Agreed.", "response-responded_on": "2026-01-06", "response-resolved": "yes",
         "response-stage": "service_manager", "escalate-asked": "Someone", "escalate-asked_on": "2026-01-06",
         "escalate-stage": "service_manager", "close-outcome": "resolved", "close-closed_on": "2026-01-06"}

OTHER_IROS = [
    ("demo-iro-2", "GET", "/escalations/{jordan_escalation}"),
    ("demo-iro-2", "GET", "/escalations/young-people/{alex}/new"),
    ("demo-iro-2", "GET", "/escalations?young_person={alex}"),
    ("demo-iro-2", "POST", "/escalations/young-people/{alex}/new"),
    ("demo-iro-2", "POST", "/escalations/{jordan_escalation}/response"),
    ("demo-iro-2", "POST", "/escalations/{jordan_escalation}/next-stage"),
    ("demo-iro-2", "POST", "/escalations/{jordan_escalation}/close"),
    ("demo-iro", "GET", "/escalations/{casey_escalation}"),
    ("demo-iro", "POST", "/escalations/{casey_escalation}/close"),
    ("demo-iro", "GET", "/escalations/young-people/{casey}/new"),
    # Another child's follow-up named on my young person's form, or a follow-up of a different young person.
    ("demo-iro", "GET", "/escalations/young-people/{alex}/new?follow_up={casey_follow_up}"),
    ("demo-iro", "GET", "/escalations/young-people/{jordan}/new?follow_up={alex_follow_up}"),
    ("demo-iro", "GET", "/escalations/young-people/{alex}/new?follow_up=nonsense"),
    ("demo-iro", "GET", "/escalations/999999"),
]


@pytest.mark.parametrize("username,method,pattern", OTHER_IROS)
def test_another_iros_young_person_or_escalation_is_not_found(app, world, ids, username, method, pattern):
    client = app.test_client()
    sign_in(client, username)
    url = pattern.format(**world_ids(world, **ids))
    if method == "POST":
        response = client.post(url, data={"csrf_token": csrf_from(client.get("/get-help")), **VALID,
                                          "kind": "formal", "category": "health", "asked": "Jo", "asked_on": "2026-01-05",
                                          "resolved": "not_yet"})
    else:
        response = client.get(url)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Alex" not in page and "Jordan" not in page and "Casey" not in page and "dentist" not in page
    with app.app_context():  # and nothing changed
        jordan = db.session.get(Escalation, ids["jordan_escalation"])
        assert jordan.stage is EscalationStage.SERVICE_MANAGER and jordan.outcome is None
        assert db.session.get(Escalation, ids["casey_escalation"]).outcome is None
        assert len(db.session.scalars(select(Escalation)).all()) == 4


def test_each_iro_lists_only_their_caseloads_escalations_and_an_admin_all(app, world, ids):
    pages = {}
    for username in ("demo-iro", "demo-iro-2", "demo-admin"):
        client = app.test_client()
        sign_in(client, username)
        pages[username] = client.get("/escalations").get_data(as_text=True)
    assert "Jordan" in pages["demo-iro"] and "Casey" not in pages["demo-iro"]
    assert "Casey" in pages["demo-iro-2"] and "Jordan" not in pages["demo-iro-2"] and "Alex" not in pages["demo-iro-2"]
    assert all(name in pages["demo-admin"] for name in ("Alex", "Jordan", "Sam", "Casey"))
