"""Passkeys: added from the account page, listed and removed there, and signing in by the password's rules.

The browser side is played by tests/passkey_device.py (a software passkey answering byte for byte as a
phone does); tests/browser/test_passkey_journey.py does the same in Chromium with a virtual authenticator.
"""

import json

import pytest
from sqlalchemy import select

from portal.core import passkeys
from portal.extensions import db
from portal.models import Passkey, User
from tests.conftest import csrf_from, sign_in
from tests.passkey_device import SoftPasskey

ORIGIN = "http://localhost:5000"


@pytest.fixture
def site(app):
    app.config["PUBLIC_URL"] = ORIGIN + "/"
    return app


def _token(client, path="/sign-in"):
    return csrf_from(client.get(path))


PASSWORD = "demo-pass-2026"


def _registration_options(client, token, password=PASSWORD):
    return client.post("/account/passkeys/options", data={"password": password}, headers={"X-CSRFToken": token})


def _add(client, device, name="My phone", origin=None):
    """Add a passkey as the account page's script does: options (after the password), then the answer with the form."""
    token = _token(client, "/account")
    options = _registration_options(client, token).get_json()
    return client.post("/account/passkeys", data={"csrf_token": token, "name": name, "password": PASSWORD,
                                                  "credential": device.register(options, origin=origin)})


def _options(client):
    token = _token(client)
    return token, client.post("/sign-in/passkey/options", headers={"X-CSRFToken": token}).get_json()


def _sign_in_with(client, device, origin=None, sign_count=None, next_page=""):
    token, options = _options(client)
    answer = device.sign_in(options, origin=origin, sign_count=sign_count)
    return client.post("/sign-in/passkey", data={"csrf_token": token, "credential": answer, "next": next_page})


@pytest.fixture
def alex_with_passkey(site, world):
    """demo-child (Alex) with one passkey added through the account page; the client signed out again."""
    client = site.test_client()
    device = SoftPasskey(ORIGIN)
    assert sign_in(client, "demo-child").status_code == 303
    assert _add(client, device).status_code == 303
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    return client, device


def test_a_young_person_adds_a_passkey_and_sees_its_name_and_when_it_was_added(site, world, signed_in, check_page):
    client = signed_in("demo-child")
    page = client.get("/account")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Use your phone's fingerprint or screen lock to sign in." in body
    assert "data-passkey-add hidden" in body  # shown only by the script, where the browser can make one
    response = _add(client, SoftPasskey(ORIGIN), name="Alex's phone")
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    page = client.get("/account")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Alex&#39;s phone" in body and "Added on" in body and "Not used yet." in body
    with site.app_context():
        (stored,) = db.session.scalars(select(Passkey)).all()
        assert stored.user_id == world["demo-child"] and stored.transports == "internal" and stored.sign_count == 0


def test_the_relying_party_is_the_host_of_public_url(site, world, signed_in):
    client = signed_in("demo-child")
    token = _token(client, "/account")
    options = _registration_options(client, token).get_json()
    assert options["rp"]["id"] == "localhost"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert "demo-child" == options["user"]["name"] and str(world["demo-child"]) != options["user"]["id"]


def test_signing_in_with_a_passkey_starts_a_session_and_records_its_use(site, alex_with_passkey):
    client, device = alex_with_passkey
    response = _sign_in_with(client, device, next_page="/my-news")
    assert response.status_code == 303 and response.headers["Location"] == "/my-news"
    assert client.get("/home").status_code == 200
    with site.app_context():
        stored = db.session.scalar(select(Passkey))
        assert stored.sign_count == 1 and stored.last_used_at is not None
        assert db.session.scalar(select(User).where(User.username == "demo-child")).last_sign_in_at is not None
    assert "Last used on" in client.get("/account").get_data(as_text=True)


def test_a_sign_in_answer_sent_twice_is_refused(site, alex_with_passkey):
    client, device = alex_with_passkey
    token, options = _options(client)
    answer = device.sign_in(options)
    cookie = client.get_cookie("hys_session").value  # the session as it was, challenge and all
    assert client.post("/sign-in/passkey", data={"csrf_token": token, "credential": answer}).status_code == 303
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})

    again = client.post("/sign-in/passkey", data={"csrf_token": _token(client), "credential": answer})
    assert again.status_code == 400  # the challenge left this session when it was used
    assert "Choose &#34;Sign in with a passkey&#34; again." in again.get_data(as_text=True)

    client.set_cookie("hys_session", cookie)  # an old copy of the cookie still holds the challenge
    replayed = client.post("/sign-in/passkey", data={"csrf_token": token, "credential": answer})
    assert replayed.status_code == 401
    assert "That passkey answer has been used already" in replayed.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_an_answer_made_for_another_website_is_refused(site, alex_with_passkey, check_page):
    client, device = alex_with_passkey
    response = _sign_in_with(client, device, origin="https://portal.example.org")
    check_page(response, status=401)
    assert "made for a different website address" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_a_passkey_for_another_relying_party_is_refused(site, alex_with_passkey):
    client, device = alex_with_passkey
    device.rp_id = "example.org"
    response = _sign_in_with(client, device)
    assert response.status_code == 401 and "That passkey did not work" in response.get_data(as_text=True)


def test_a_signature_counter_that_goes_back_is_refused(site, alex_with_passkey):
    client, device = alex_with_passkey
    assert _sign_in_with(client, device, sign_count=5).status_code == 303
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    response = _sign_in_with(client, device, sign_count=5)
    assert response.status_code == 401 and "That passkey did not work" in response.get_data(as_text=True)
    with site.app_context():
        assert db.session.scalar(select(Passkey.sign_count)) == 5


def test_a_passkey_that_keeps_no_counter_signs_in_every_time(site, world):
    client = site.test_client()
    device = SoftPasskey(ORIGIN, counter=False)  # many phones' synced passkeys always say 0
    sign_in(client, "demo-child")
    _add(client, device)
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    for _ in range(2):
        assert _sign_in_with(client, device).status_code == 303
        client.post("/sign-out", data={"csrf_token": _token(client, "/account")})


def test_a_challenge_older_than_five_minutes_is_refused(site, alex_with_passkey, monkeypatch):
    client, device = alex_with_passkey
    token, options = _options(client)
    start = passkeys.clock()
    monkeypatch.setattr(passkeys, "clock", lambda: start + passkeys.CHALLENGE_SECONDS + 1)
    response = client.post("/sign-in/passkey", data={"csrf_token": token, "credential": device.sign_in(options)})
    assert response.status_code == 400 and "That took too long" in response.get_data(as_text=True)


def test_a_stopped_account_cannot_sign_in_with_its_passkey(site, alex_with_passkey):
    client, device = alex_with_passkey
    with site.app_context():
        db.session.scalar(select(User).where(User.username == "demo-child")).active = False
        db.session.commit()
    response = _sign_in_with(client, device)
    assert response.status_code == 401 and client.get("/home").status_code == 302


def test_wrong_passkey_answers_slow_that_account_down_like_wrong_passwords(site, alex_with_passkey):
    client, device = alex_with_passkey
    for _ in range(site.config["SIGN_IN_FREE_FAILURES"]):
        assert _sign_in_with(client, device, origin="https://portal.example.org").status_code == 401
    slowed = _sign_in_with(client, device)
    assert slowed.status_code == 429 and "Retry-After" in slowed.headers
    # The password form counts the same account and address: it waits too.
    token = _token(client)
    password = client.post("/sign-in", data={"csrf_token": token, "username": "demo-child",
                                             "password": "demo-pass-2026"})
    assert password.status_code == 429


def test_staff_signing_in_with_a_passkey_still_give_their_second_step(site, world):
    site.config["STAFF_TWO_FACTOR"] = "required"
    client = site.test_client()
    device = SoftPasskey(ORIGIN)
    site.config["STAFF_TWO_FACTOR"] = "optional"  # to add the passkey without setting up two-step first
    sign_in(client, "demo-iro")
    assert _add(client, device).status_code == 303
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    site.config["STAFF_TWO_FACTOR"] = "required"
    response = _sign_in_with(client, device)
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in/two-step/set-up"
    assert client.get("/caseload").status_code == 302  # not signed in until the second step


def test_a_passkey_made_without_the_screen_lock_is_not_added(site, world, signed_in):
    client = signed_in("demo-child")
    token = _token(client, "/account")
    options = _registration_options(client, token).get_json()
    answer = SoftPasskey(ORIGIN).register(options, verified=False)
    response = client.post("/account/passkeys", data={"csrf_token": token, "name": "Phone", "password": PASSWORD,
                                                      "credential": answer})
    assert response.status_code == 400 and "Your passkey was not added" in response.get_data(as_text=True)
    with site.app_context():
        assert db.session.scalar(select(Passkey)) is None


def test_a_passkey_made_for_another_website_is_not_added(site, world, signed_in, check_page):
    client = signed_in("demo-child")
    response = _add(client, SoftPasskey(ORIGIN), origin="https://portal.example.org")
    check_page(response, status=400)
    assert "made for a different website address, so it was not added" in response.get_data(as_text=True)


def test_a_passkey_name_is_needed_and_kept_when_something_is_wrong(site, world, signed_in, check_page):
    client = signed_in("demo-child")
    response = _add(client, SoftPasskey(ORIGIN), name="x" * 61)
    check_page(response, status=400)
    assert "Passkey names are 60 characters or fewer" in response.get_data(as_text=True)
    assert 'value="' + "x" * 61 + '"' in response.get_data(as_text=True)


def test_a_removed_passkey_signs_nobody_in(site, alex_with_passkey):
    client, device = alex_with_passkey
    sign_in(client, "demo-child")
    with site.app_context():
        passkey_id = db.session.scalar(select(Passkey.id))
    page = client.get("/account")
    assert "Remove My phone" in page.get_data(as_text=True)
    response = client.post(f"/account/passkeys/{passkey_id}/remove", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert "Remove My phone" not in client.get("/account").get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    refused = _sign_in_with(client, device)
    assert refused.status_code == 401 and "We do not know that passkey" in refused.get_data(as_text=True)


def test_nobody_removes_or_sees_another_persons_passkey(site, alex_with_passkey, check_page):
    client, _device = alex_with_passkey
    with site.app_context():
        passkey_id = db.session.scalar(select(Passkey.id))
    sign_in(client, "demo-child-2")
    page = client.get("/account")
    assert "Remove My phone" not in page.get_data(as_text=True)
    response = client.post(f"/account/passkeys/{passkey_id}/remove", data={"csrf_token": csrf_from(page)})
    check_page(response, status=404)
    with site.app_context():
        assert db.session.scalar(select(Passkey.id)) == passkey_id


def test_the_sign_in_page_offers_a_passkey_only_through_its_script(client, check_page):
    page = client.get("/sign-in")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "data-passkey-sign-in hidden" in body and "Sign in with a passkey" in body
    assert "js/passkeys" in body and 'id="password"' in body


def test_garbage_instead_of_a_passkey_answer_is_a_clear_4xx(site, world, client):
    token, _options_json = _options(client)
    for garbage in ("not json", json.dumps([1, 2]), json.dumps({"rawId": "%%%", "response": {}})):
        response = client.post("/sign-in/passkey", data={"csrf_token": token, "credential": garbage})
        assert response.status_code in (400, 401)
        assert "passkey" in response.get_data(as_text=True)


def test_adding_a_passkey_needs_the_password_in_use_now(site, world, signed_in, check_page):
    client = signed_in("demo-child")
    token = _token(client, "/account")
    refused = _registration_options(client, token, password="not-my-password")
    assert refused.status_code == 401
    assert refused.get_json() == {"problem": "That is not the password you use now. Check it and try again."}
    assert _registration_options(client, token, password="").status_code == 400
    # Straight to the form with a wrong password (and an answer to an old challenge): refused, the name kept.
    options = _registration_options(client, token).get_json()
    response = client.post("/account/passkeys", data={"csrf_token": token, "name": "Found phone", "password": "guess",
                                                      "credential": SoftPasskey(ORIGIN).register(options)})
    check_page(response, status=401)
    body = response.get_data(as_text=True)
    assert "That is not the password you use now." in body and 'value="Found phone"' in body
    with site.app_context():
        assert db.session.scalar(select(Passkey)) is None
