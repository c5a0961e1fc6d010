"""Sessions: fresh on sign-in, ended everywhere on sign-out, idle timeout, and nothing typed lost."""

import re
import time

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import YoungPerson
from tests.conftest import csrf_from, sign_in

NEW_PERSON = {"first_name": "Riley", "date_of_birth": "2014-03-02", "case_reference": "R-77"}


def test_sign_in_starts_a_fresh_session(client, world):
    client.get("/sign-in")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, "demo-child")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{world['demo-child']}:")


def test_sign_out_ends_the_session_even_for_a_copied_cookie(client, world):
    sign_in(client, "demo-child")
    old_cookie = client.get_cookie("hys_session").value
    home = client.get("/home")
    response = client.post("/sign-out", data={"csrf_token": csrf_from(home)})
    assert response.status_code == 303
    client.set_cookie("hys_session", old_cookie)
    response = client.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_sign_out_needs_a_post(client, world):
    sign_in(client, "demo-child")
    assert client.get("/sign-out").status_code == 405
    assert client.get("/home").status_code == 200


def _go_idle(client, minutes=31):
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - minutes * 60


def test_idle_session_ends_after_thirty_minutes(client, world, check_page):
    sign_in(client, "demo-child")
    _go_idle(client, 29)
    assert client.get("/home").status_code == 200
    _go_idle(client, 31)
    response = client.get("/home")
    page = check_page(response, status=401)
    assert page.h1 == "Sign in"
    assert "not used for a while" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_what_was_typed_when_the_session_timed_out_comes_back_after_signing_in(client, world):
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))
    _go_idle(client)
    response = client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": token})
    assert response.status_code == 401
    assert 'name="next" type="hidden" value="/caseload/new"' in response.get_data(as_text=True)
    page = client.get("/sign-in?next=/caseload/new")
    response = client.post("/sign-in", data={"username": "demo-iro", "password": "demo-pass-2026",
                                             "next": "/caseload/new", "csrf_token": csrf_from(page)})
    assert response.headers["Location"] == "/caseload/new"
    form = client.get("/caseload/new").get_data(as_text=True)
    assert 'value="Riley"' in form and 'value="R-77"' in form
    assert "We kept what you typed" in form
    # Given back once only.
    assert 'value="Riley"' not in client.get("/caseload/new").get_data(as_text=True)


def test_stale_csrf_token_shows_the_form_again_with_what_was_typed(client, world, check_page, app):
    sign_in(client, "demo-iro")
    response = client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": "stale"})
    page = check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert page.title_text.startswith("Error: Add a young person")
    assert 'value="Riley"' in body and 'value="2014-03-02"' in body
    assert "open for a long time" in body
    with app.app_context():
        assert db.session.scalar(select(YoungPerson).where(YoungPerson.first_name == "Riley")) is None
    # The fresh token on the re-shown form works.
    response = client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": csrf_from(response)})
    assert response.status_code == 303


def test_missing_csrf_token_on_sign_in_keeps_the_username(client, world, check_page):
    response = client.post("/sign-in", data={"username": "demo-child", "password": "demo-pass-2026"})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert 'value="demo-child"' in body
    assert "demo-pass-2026" not in body
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_keep_alive_keeps_the_session_going(client, world):
    sign_in(client, "demo-child")
    _go_idle(client, 27)
    token = csrf_from(client.get("/home"))
    _go_idle(client, 29)
    assert client.post("/keep-alive", headers={"X-CSRFToken": token}).status_code == 204
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 5


def test_only_safe_next_redirects(client, world):
    for target, expected in [("/caseload", "/caseload"), ("//evil.example", "/home"),
                             ("https://evil.example/", "/home"), ("/\\evil.example", "/home")]:
        client = client.application.test_client()
        page = client.get("/sign-in")
        response = client.post("/sign-in", data={"username": "demo-iro", "password": "demo-pass-2026",
                                                 "next": target, "csrf_token": csrf_from(page)})
        assert response.headers["Location"] == expected, target


class Clock:
    """A clock the test moves on by hand."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    from portal.core import sign_in_delays

    fake = Clock()
    monkeypatch.setattr(sign_in_delays, "clock", fake)
    return fake


def _from(client, address):
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_wrong_passwords_slow_down_1_2_4_seconds_and_never_lock(client, world, clock, check_page):
    for username in ("demo-child", "nobody-has-this-name"):
        for _attempt in range(2):  # the first few wrong tries cost nothing
            assert sign_in(client, username, password="wrong-password").status_code == 401
        waits = []
        for _attempt in range(4):
            response = sign_in(client, username, password="wrong-password")
            assert response.status_code == 401
            waits.append(int(re.search(r"Wait (\d+) second", response.get_data(as_text=True)).group(1)))
            # Trying again at once is refused (even with the right password), saying how long to wait.
            early = sign_in(client, username)
            check_page(early, status=429)
            assert f"Wait {waits[-1]} second" in early.get_data(as_text=True)
            assert early.headers["Retry-After"] == str(waits[-1])
            clock.now += waits[-1]
        assert waits == [1, 2, 4, 8]
    # Once the wait is over the right password signs in: nothing was locked.
    assert sign_in(client, "demo-child").status_code == 303


def test_the_wait_stops_growing_at_the_cap(app, client, world, clock):
    app.config["SIGN_IN_DELAY_CAP_SECONDS"] = 5
    waits = []
    for _attempt in range(8):
        body = sign_in(client, "demo-child", password="wrong-password").get_data(as_text=True)
        found = re.search(r"Wait (\d+) second", body)
        waits.append(int(found.group(1)) if found else 0)
        clock.now += 60
    assert waits == [0, 0, 1, 2, 4, 5, 5, 5]


def test_the_right_password_from_an_address_that_has_not_failed_signs_in_at_once(app, world, clock):
    attacker = _from(app.test_client(), "203.0.113.9")
    for _attempt in range(6):
        sign_in(attacker, "demo-child", password="wrong-password")
    assert sign_in(attacker, "demo-child").status_code == 429
    child = _from(app.test_client(), "198.51.100.7")
    assert sign_in(child, "demo-child").status_code == 303


def test_failures_for_one_account_do_not_slow_another(client, world, clock):
    for _attempt in range(6):
        sign_in(client, "demo-child", password="wrong-password")
    assert sign_in(client, "demo-iro").status_code == 303


def test_throttling_per_address(app, world):
    app.config["SIGN_IN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    client = app.test_client()
    for number in range(3):
        assert sign_in(client, f"someone-{number}", password="wrong-password").status_code == 401
    assert sign_in(client, "someone-else", password="wrong-password").status_code == 429
