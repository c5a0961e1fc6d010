"""Joining with an invitation code: from the IRO's or admin's code page to a signed-in account."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from portal.extensions import db
from portal.models import CarerLink, Invitation, Organisation, Role, User, YoungPerson
from portal.models.base import utcnow
from tests.conftest import csrf_from, sign_in

CODE = re.compile(r'<p class="code"[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</p>')
DOES_NOT_WORK = ("This code does not work. It may have been used already or be more than 14 days old. "
                 "Ask for a new one.")
FIELD_ERROR = re.compile(r'<p class="field-error" id="(\w+)-error">.*?</span>\s*(.*?)</p>', re.S)
GOOD_PASSWORD = "three quiet foxes"
BAD_USERNAME = "Use 3 to 40 letters or numbers. You can also use . - and _, but start with a letter or number."


def _field_errors(response):
    """What each field's error message says, by field id."""
    return dict(FIELD_ERROR.findall(response.get_data(as_text=True)))


def _create_code(staff_client, young_person_id, check_page, **fields):
    page = staff_client.get(f"/caseload/{young_person_id}/invite")
    check_page(page)
    response = staff_client.post(f"/caseload/{young_person_id}/invite",
                                 data={"csrf_token": csrf_from(page), **fields})
    code_page = check_page(response)
    assert code_page.h1 == "Your invitation code"
    body = response.get_data(as_text=True)
    assert "This code is shown only once." in body
    codes = CODE.findall(body)
    assert len(codes) == 1
    return codes[0]


def _enter_code(client, code):
    page = client.get("/join")
    return client.post("/join", data={"code": code, "csrf_token": csrf_from(page)})


def _choose_account(client, username, password=GOOD_PASSWORD, confirm=None):
    page = client.get("/join/account")
    assert page.status_code == 200, page.status_code
    return client.post("/join/account", data={
        "username": username, "password": password,
        "password_confirm": password if confirm is None else confirm, "csrf_token": csrf_from(page)})


@pytest.fixture
def sam_code(signed_in, world, check_page):
    """A young person code for Sam (who has no account yet), made by their IRO."""
    return _create_code(signed_in("demo-iro"), world["yp:Sam"], check_page, who="young_person")


@pytest.fixture
def joiner(app):
    """Someone with no account, in their own browser."""
    return app.test_client()


def test_the_code_is_not_shown_again_on_the_record(world, signed_in, check_page):
    iro = signed_in("demo-iro")
    code = _create_code(iro, world["yp:Sam"], check_page, who="young_person")
    record = iro.get(f"/caseload/{world['yp:Sam']}")
    check_page(record)
    assert "Code for <bdi>Sam</bdi>, not used yet" in record.get_data(as_text=True)
    assert code not in record.get_data(as_text=True)
    assert code.replace("-", " ") not in record.get_data(as_text=True)


def test_sam_joins_with_the_code_from_their_iro(app, world, sam_code, joiner, check_page):
    check_page(joiner.get("/join"))
    response = _enter_code(joiner, sam_code)
    assert response.status_code == 303
    assert response.headers["Location"] == "/join/account"

    page = joiner.get("/join/account")
    assert check_page(page).h1 == "Make your account"
    assert "Hello <bdi>Sam</bdi>." in page.get_data(as_text=True)

    response = _choose_account(joiner, "Sam-T")
    assert response.status_code == 303
    assert response.headers["Location"] == "/home"

    home = joiner.get("/home")
    check_page(home)
    body = home.get_data(as_text=True)
    assert "Your account is ready. Welcome!" in body
    assert "Your next review" in body  # the young person's home
    assert "Your IRO is <bdi>Priya Shah</bdi>." in body

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "sam-t"))
        assert (user.role, user.display_name) == (Role.YOUNG_PERSON, "Sam")
        assert db.session.get(YoungPerson, world["yp:Sam"]).user_id == user.id
        invitation = db.session.scalar(select(Invitation))
        assert invitation.used_at is not None and invitation.used_by_id == user.id

    # The chosen (lower-cased) username and password sign in from another browser.
    assert sign_in(app.test_client(), "sam-t", GOOD_PASSWORD).status_code == 303


def test_a_used_code_does_not_work_again(app, sam_code, joiner, check_page):
    _enter_code(joiner, sam_code)
    assert _choose_account(joiner, "sam-t").status_code == 303

    response = _enter_code(app.test_client(), sam_code)
    check_page(response, status=400)
    assert _field_errors(response) == {"code": DOES_NOT_WORK}


def test_an_expired_code_and_an_unknown_code_get_the_same_message(app, sam_code, check_page):
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()

    expired = _enter_code(app.test_client(), sam_code)
    unknown = _enter_code(app.test_client(), "ABCD-EFGH-JKLM")
    too_short = _enter_code(app.test_client(), "ABCD-EFGH")
    for response in (expired, unknown, too_short):
        check_page(response, status=400)
        assert _field_errors(response) == {"code": DOES_NOT_WORK}
    assert "Error:" in check_page(expired, status=400).title_text


def test_a_code_that_expires_before_the_account_is_made_does_not_make_one(app, sam_code, joiner):
    assert _enter_code(joiner, sam_code).status_code == 303
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    response = joiner.get("/join/account")
    assert response.status_code == 303 and response.headers["Location"] == "/join"
    assert "Enter your invitation code to start." in joiner.get("/join").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(YoungPerson, db.session.scalar(select(Invitation.young_person_id))).user_id is None


def test_account_pages_need_a_code_first(joiner):
    response = joiner.get("/join/account")
    assert response.status_code == 303 and response.headers["Location"] == "/join"


@pytest.mark.parametrize("typed", [
    lambda code: code.lower(),
    lambda code: code.replace("-", ""),
    lambda code: code.lower().replace("-", " "),
    lambda code: f"  {code}  ",
], ids=["lower-case", "no-dashes", "spaces", "padded"])
def test_codes_work_in_lower_case_and_without_dashes(sam_code, joiner, typed):
    response = _enter_code(joiner, typed(sam_code))
    assert response.status_code == 303
    assert response.headers["Location"] == "/join/account"


@pytest.mark.parametrize(("username", "password", "confirm", "field", "message"), [
    ("sam-t", "short1", None, "password", "Your password needs at least 8 characters."),
    ("sam-t", "password1", None, "password", "That password is too easy to guess: it is a common password"),
    ("sam-t", GOOD_PASSWORD, "three quiet foxez", "password_confirm", "The two passwords are different. Type them again."),
    ("sam t", GOOD_PASSWORD, None, "username", BAD_USERNAME),
    ("demo-child", GOOD_PASSWORD, None, "username", "Somebody already has that username. Try another one."),
    ("Demo-Child", GOOD_PASSWORD, None, "username", "Somebody already has that username. Try another one."),
    ("samuel.t", "samuel.t", None, "password", "Your password must be different from your username"),
], ids=["short-password", "common-password", "mismatch", "space-in-username", "taken", "taken-other-case",
        "password-is-username"])
def test_a_refused_account_says_why_and_keeps_the_username(app, world, sam_code, joiner, check_page,
                                                          username, password, confirm, field, message):
    assert _enter_code(joiner, sam_code).status_code == 303
    response = _choose_account(joiner, username, password, confirm)
    check_page(response, status=400)
    errors = _field_errors(response)
    # A refused password also suggests three random words (tests/views/test_accounts.py).
    assert list(errors) == [field] and errors[field].startswith(message)
    body = response.get_data(as_text=True)
    assert f'value="{username}"' in body
    assert password not in body.replace(f'value="{username}"', "")  # passwords are never sent back

    with app.app_context():
        assert db.session.get(YoungPerson, world["yp:Sam"]).user_id is None
        assert db.session.scalar(select(Invitation.used_at)) is None

    # The code still works: a good choice now makes the account.
    assert _choose_account(joiner, "sam-t").status_code == 303


def test_a_carer_invitation_makes_a_carer_linked_to_that_child(app, world, signed_in, joiner, check_page):
    code = _create_code(signed_in("demo-iro"), world["yp:Sam"], check_page, who="carer", carer_name="Pat Jones")
    _enter_code(joiner, code)
    assert "Hello <bdi>Pat Jones</bdi>." in joiner.get("/join/account").get_data(as_text=True)
    assert _choose_account(joiner, "pat.jones").status_code == 303

    home = joiner.get("/home")
    check_page(home)
    assert "<h3>Sam</h3>" in home.get_data(as_text=True)
    with app.app_context():
        carer = db.session.scalar(select(User).where(User.username == "pat.jones"))
        assert (carer.role, carer.display_name) == (Role.CARER, "Pat Jones")
        links = db.session.scalars(select(CarerLink.young_person_id).where(CarerLink.carer_id == carer.id)).all()
        assert links == [world["yp:Sam"]]
        assert db.session.get(YoungPerson, world["yp:Sam"]).user_id is None  # Sam's own account is still to come


@pytest.mark.parametrize("carer_name", ["", "   "])
def test_a_carer_invitation_needs_the_carers_name(app, world, signed_in, check_page, carer_name):
    iro = signed_in("demo-iro")
    page = iro.get(f"/caseload/{world['yp:Sam']}/invite")
    response = iro.post(f"/caseload/{world['yp:Sam']}/invite",
                        data={"who": "carer", "carer_name": carer_name, "csrf_token": csrf_from(page)})
    check_page(response, status=400)
    assert _field_errors(response) == {"carer_name": "Enter the carer's name"}
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def test_a_young_person_who_has_an_account_cannot_be_invited_again(app, world, signed_in, check_page):
    iro = signed_in("demo-iro")
    page = iro.get(f"/caseload/{world['yp:Alex']}/invite")
    response = iro.post(f"/caseload/{world['yp:Alex']}/invite",
                        data={"who": "young_person", "csrf_token": csrf_from(page)})
    check_page(response, status=400)
    assert _field_errors(response) == {"who": "Alex already has an account."}
    assert not CODE.search(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def test_an_iro_cannot_invite_for_a_child_on_another_caseload(app, world, signed_in):
    iro = signed_in("demo-iro")
    page = iro.get(f"/caseload/{world['yp:Sam']}/invite")
    response = iro.post(f"/caseload/{world['yp:Casey']}/invite",
                        data={"who": "carer", "carer_name": "Pat", "csrf_token": csrf_from(page)})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def _admin_invite(admin, **fields):
    page = admin.get("/admin/people/invite")
    return admin.post("/admin/people/invite", data={"csrf_token": csrf_from(page), **fields})


def test_an_advocacy_invitation_needs_an_organisation(app, world, signed_in, check_page):
    admin = signed_in("demo-admin")
    response = _admin_invite(admin, display_name="Rowan Hale", role="advocacy", organisation="")
    check_page(response, status=400)
    assert _field_errors(response) == {"organisation": "Choose the service they work for"}
    assert 'value="Rowan Hale"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def test_an_advocacy_worker_joins_with_their_organisation(app, world, signed_in, joiner, check_page):
    with app.app_context():
        advocacy_id = db.session.scalar(select(Organisation.id).where(Organisation.name == "Demo Advocacy Service"))
    admin = signed_in("demo-admin")
    response = _admin_invite(admin, display_name="Rowan Hale", role="advocacy", organisation=str(advocacy_id))
    assert check_page(response).h1 == "Your invitation code"
    assert "Invitation for Rowan Hale" in response.get_data(as_text=True)
    code = CODE.search(response.get_data(as_text=True)).group(1)

    assert _enter_code(joiner, code).status_code == 303
    assert _choose_account(joiner, "rowan.hale").status_code == 303
    home = joiner.get("/home")
    check_page(home)
    assert "Demo Advocacy Service" in home.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "rowan.hale"))
        assert (user.role, user.display_name, user.organisation_id) == (Role.ADVOCACY, "Rowan Hale", advocacy_id)


def test_an_iro_invitation_ignores_an_organisation(app, world, signed_in, joiner, check_page):
    with app.app_context():
        advocacy_id = db.session.scalar(select(Organisation.id).where(Organisation.name == "Demo Advocacy Service"))
    response = _admin_invite(signed_in("demo-admin"), display_name="Lee Park", role="iro",
                             organisation=str(advocacy_id))
    check_page(response)
    code = CODE.search(response.get_data(as_text=True)).group(1)
    _enter_code(joiner, code)
    assert _choose_account(joiner, "lee.park").status_code == 303
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "lee.park"))
        assert (user.role, user.organisation_id) == (Role.IRO, None)


def test_only_a_digest_of_the_code_is_stored(app, sam_code):
    plain = sam_code.replace("-", "")
    with app.app_context(), db.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM invitations")).mappings().all()
    assert len(rows) == 1
    stored = [str(value) for value in rows[0].values() if value is not None]
    for value in stored:
        assert plain not in value.upper().replace("-", "")
        assert sam_code not in value
    assert re.fullmatch(r"[0-9a-f]{64}", rows[0]["code_hash"])
