"""Role × route matrix for Have your say, and other people's consultations."""

import pytest

from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, consultation_id, start

# Alex's consultation is in progress: only Alex may open it. Even Alex's IRO may not until it is
# sent (privacy rule 1; tests/views/test_privacy_promises.py covers sent and flagged forms).

MATRIX = [
    ("GET", "/have-your-say", "/have-your-say", expect(403, anonymous=302, young_person=200)),
    ("POST", "/have-your-say/start", "/have-your-say/start", expect(403, anonymous=401, young_person=303)),
    ("GET", "/have-your-say/helping", "/have-your-say/helping", expect(403, anonymous=302, carer=200)),
    ("POST", "/have-your-say/helping/{sam}", "/have-your-say/helping/<id:young_person_id>",
     expect(403, anonymous=401, carer=303)),
    ("GET", "/have-your-say/{cid}/questions/1", "/have-your-say/<id:consultation_id>/questions/<int:number>",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("GET", "/have-your-say/{cid}/check", "/have-your-say/<id:consultation_id>/check",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("GET", "/have-your-say/{cid}/topics", "/have-your-say/<id:consultation_id>/topics",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("POST", "/have-your-say/{cid}/topics", "/have-your-say/<id:consultation_id>/topics",
     expect(403, anonymous=401, young_person=303, carer=404)),
    ("POST", "/have-your-say/{cid}/send", "/have-your-say/<id:consultation_id>/send",
     expect(403, anonymous=401, young_person=303, carer=404)),
    ("GET", "/have-your-say/{cid}/sent", "/have-your-say/<id:consultation_id>/sent",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("GET", "/have-your-say/{cid}/download", "/have-your-say/<id:consultation_id>/download",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("GET", "/caseload/consultations/{cid}", "/caseload/consultations/<id:consultation_id>",
     expect(403, anonymous=302, iro=404)),
    ("POST", "/caseload/consultations/{cid}/read", "/caseload/consultations/<id:consultation_id>/read",
     expect(403, anonymous=401, iro=404)),
    ("POST", "/caseload/consultations/{cid}/interpreter", "/caseload/consultations/<id:consultation_id>/interpreter",
     expect(403, anonymous=401, iro=404)),
    ("GET", "/have-your-say/who-reads", "/have-your-say/who-reads", expect(200)),
    ("POST", "/have-your-say/{cid}/stop-helping", "/have-your-say/<id:consultation_id>/stop-helping",
     expect(403, anonymous=401, young_person=303, carer=404)),
]


@pytest.fixture
def alex_consultation(app, world):
    """Alex (demo-child) has started and answered one question."""
    client = app.test_client()
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url, choice="good", text="fine")
    return consultation_id(url)


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_consultation_route(app, world, alex_consultation, role):
    ids = world_ids(world, cid=alex_consultation)
    assert outcomes(app, role, MATRIX, ids) == {}, "(got, expected) per route"


@pytest.mark.parametrize("username", ["demo-child-2", "demo-child-3", "demo-carer", "demo-carer-2", "demo-iro-2"])
def test_nobody_else_touches_alexs_consultation(app, world, alex_consultation, username):
    client = app.test_client()
    sign_in(client, username)
    cid = alex_consultation
    token = csrf_from(client.get("/get-help"))
    for method, url in [("GET", f"/have-your-say/{cid}/questions/1"), ("GET", f"/have-your-say/{cid}/check"),
                        ("GET", f"/have-your-say/{cid}/download"), ("POST", f"/have-your-say/{cid}/send"),
                        ("POST", f"/have-your-say/{cid}/questions/1"), ("GET", f"/caseload/consultations/{cid}"),
                        ("GET", f"/have-your-say/{cid}/topics"), ("POST", f"/have-your-say/{cid}/topics")]:
        response = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token, "text": "x"})
        assert response.status_code in (403, 404), (username, method, url, response.status_code)
        assert "fine" not in response.get_data(as_text=True)


def test_a_carer_cannot_start_for_another_carers_child(app, world):
    client = app.test_client()
    sign_in(client, "demo-carer")
    token = csrf_from(client.get("/have-your-say/helping"))
    assert client.post(f"/have-your-say/helping/{world['yp:Casey']}", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/have-your-say/helping/{world['yp:Alex']}", data={"csrf_token": token}).status_code == 404
