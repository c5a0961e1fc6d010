"""The admin's pages: organisations, and stopping an account signing in."""

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Organisation, OrganisationKind, User
from tests.conftest import csrf_from, sign_in

FIELD_ERROR = re.compile(r'<p class="field-error" id="(\w+)-error">.*?</span>\s*(.*?)</p>', re.S)
ORGANISATION_ROW = re.compile(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>')


def _field_errors(response):
    return dict(FIELD_ERROR.findall(response.get_data(as_text=True)))


def _add_organisation(admin, **fields):
    page = admin.get("/admin/organisations")
    return admin.post("/admin/organisations", data={"csrf_token": csrf_from(page), **fields})


def test_an_admin_adds_an_organisation_and_it_is_listed(app, signed_in, check_page):
    admin = signed_in("demo-admin")
    response = _add_organisation(admin, name="  Speak Up Advocacy  ", kind="advocacy")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/organisations"

    page = admin.get("/admin/organisations")
    assert check_page(page).h1 == "Services"
    body = page.get_data(as_text=True)
    assert "The organisation has been added." in body
    assert [row[:2] for row in ORGANISATION_ROW.findall(body) if row[0] == "Speak Up Advocacy"] == [
        ("Speak Up Advocacy", "Advocacy")]
    with app.app_context():
        added = db.session.scalar(select(Organisation).where(Organisation.name == "Speak Up Advocacy"))
        assert (added.kind, added.email) == (OrganisationKind.ADVOCACY, None)


def test_an_organisation_can_have_an_email_for_new_requests(app, signed_in, check_page):
    admin = signed_in("demo-admin")
    response = _add_organisation(admin, name="Friends Visiting", kind="independent_visitor",
                                 email="requests@friends.example.org")
    assert response.status_code == 303, response.status_code
    body = admin.get("/admin/organisations").get_data(as_text=True)
    assert ("Friends Visiting", "Independent Visitors", "requests@friends.example.org") in ORGANISATION_ROW.findall(body)


@pytest.mark.parametrize(("fields", "errors"), [
    ({"name": "", "kind": ""}, {"name": "Enter the organisation's name",
                                "kind": "Choose what the organisation provides"}),
    ({"name": "Speak Up", "kind": "knitting"}, {"kind": "Not a valid choice."}),
    ({"name": "x" * 121, "kind": "advocacy"}, {"name": "Names are 120 characters or fewer"}),
    ({"name": "Speak Up", "kind": "advocacy", "email": "not an address"},
     {"email": "Enter an email address like name@example.org"}),
], ids=["empty", "unknown-kind", "long-name", "bad-email"])
def test_an_organisation_that_cannot_be_added_says_why(app, signed_in, check_page, fields, errors):
    admin = signed_in("demo-admin")
    response = _add_organisation(admin, **fields)
    page = check_page(response, status=400)
    assert page.title_text.startswith("Error:")
    assert _field_errors(response) == errors
    if fields["name"]:
        assert f'value="{fields["name"]}"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Organisation).where(Organisation.name == fields["name"])) is None


def _people_page_row(page, display_name):
    body = page.get_data(as_text=True)
    start = body.index(f'<th scope="row">{display_name}</th>')
    return body[start:body.index("</tr>", start)]


def test_deactivating_someone_stops_them_signing_in_and_ends_their_session(app, world, signed_in, check_page):
    child = app.test_client()
    assert sign_in(child, "demo-child").status_code == 303
    assert child.get("/home").status_code == 200

    admin = signed_in("demo-admin")
    people = admin.get("/admin/people")
    response = admin.post(f"/admin/people/{world['demo-child']}/deactivate", data={"csrf_token": csrf_from(people)})
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/people"
    people = admin.get("/admin/people")
    check_page(people)
    assert "Alex can no longer sign in." in people.get_data(as_text=True)
    assert "Cannot sign in" in _people_page_row(people, "Alex")

    after = child.get("/home")
    assert after.status_code in (302, 303)
    assert after.headers["Location"].startswith("/sign-in")
    assert sign_in(app.test_client(), "demo-child").status_code == 401
    with app.app_context():
        assert db.session.get(User, world["demo-child"]).active is False


def test_an_admin_cannot_deactivate_themselves(app, world, signed_in, check_page):
    admin = signed_in("demo-admin")
    people = admin.get("/admin/people")
    assert "Stop Dana Admin signing in" not in people.get_data(as_text=True)
    response = admin.post(f"/admin/people/{world['demo-admin']}/deactivate", data={"csrf_token": csrf_from(people)})
    assert response.status_code == 303
    people = admin.get("/admin/people")
    check_page(people)
    assert "That account cannot be deactivated." in people.get_data(as_text=True)
    assert admin.get("/home").status_code == 200
    with app.app_context():
        assert db.session.get(User, world["demo-admin"]).active is True


def test_only_an_admin_can_deactivate_an_account(app, world, signed_in):
    iro = signed_in("demo-iro")
    home = iro.get("/home")
    response = iro.post(f"/admin/people/{world['demo-child']}/deactivate", data={"csrf_token": csrf_from(home)})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(User, world["demo-child"]).active is True


def test_a_staff_invitation_can_carry_a_work_email(app, world, signed_in, check_page):
    from portal.models import Invitation

    admin = signed_in("demo-admin")
    page = admin.get("/admin/people/invite")
    response = admin.post("/admin/people/invite", data={
        "display_name": "Lee Park", "email": "lee.park@council.example.org", "role": "iro", "organisation": "",
        "csrf_token": csrf_from(page)})
    check_page(response)
    with app.app_context():
        assert db.session.scalar(select(Invitation.email)) == "lee.park@council.example.org"
