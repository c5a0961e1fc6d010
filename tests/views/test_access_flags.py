"""Role × route matrix for safety flags: the open list and one flag's page, and other IROs' flags."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import SafetyFlag
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import sign_in
from tests.consultation_steps import answer, question_url, start

MATRIX = [
    ("GET", "/caseload/flags", "/caseload/flags", expect(403, anonymous=302, iro=200, admin=200)),
    ("GET", "/caseload/flags/{flag}", "/caseload/flags/<id:flag_id>", expect(403, anonymous=302, iro=200, admin=200)),
]


@pytest.fixture
def alex_flag(app, world):
    """Alex (demo-child, demo-iro's caseload) wrote something urgent and has not sent the form."""
    client = app.test_client()
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, question_url(url, 2), text="I want to die")
    with app.app_context():
        return db.session.scalar(select(SafetyFlag.id))


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_flag_route(app, world, alex_flag, role):
    assert outcomes(app, role, MATRIX, world_ids(world, flag=alex_flag)) == {}, "(got, expected) per route"


def test_another_iro_never_sees_the_flag_or_its_words(app, world, alex_flag):
    client = app.test_client()
    sign_in(client, "demo-iro-2")
    response = client.get(f"/caseload/flags/{alex_flag}")
    assert response.status_code == 404 and "I want to die" not in response.get_data(as_text=True)
    assert "Alex" not in client.get("/caseload/flags").get_data(as_text=True)
