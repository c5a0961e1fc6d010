"""Error pages and bad input: a clear translated message and a 4xx, never a 500 or a traceback."""

import pytest
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.security.access import public
from tests.conftest import csrf_from, sign_in


def test_not_found_has_a_reference_and_no_traceback(client, check_page):
    response = client.get("/no-such-page")
    page = check_page(response, status=404)
    body = response.get_data(as_text=True)
    assert page.h1 == "Page not found"
    assert "give this reference" in body
    assert "Traceback" not in body


def test_wrong_method(client, check_page):
    check_page(client.get("/exit"), status=405)
    check_page(client.delete("/sign-in"), status=405)


def test_unknown_ids(client, world):
    sign_in(client, "demo-iro")
    assert client.get("/caseload/0").status_code == 404
    assert client.get("/caseload/abc").status_code == 404
    assert client.get("/caseload/99999999999999999999").status_code == 404


def test_a_crash_shows_a_friendly_500_with_a_reference(database_url, check_page):
    app = create_app("test", {"DATABASE_URL": database_url})

    @app.route("/boom")
    @public
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    page = check_page(response, status=500)
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "our mistake" in body
    assert page.h1.startswith("Sorry")


def test_a_busy_database_gives_503_and_keeps_what_was_typed(client, world, monkeypatch, check_page):
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))

    def busy(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr("portal.staff.services.add_young_person", busy)
    response = client.post("/caseload/new", data={"first_name": "Riley", "date_of_birth": "2014-03-02",
                                                  "csrf_token": token})
    check_page(response, status=503)
    body = response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "5"
    assert 'name="first_name" value="Riley"' in body
    assert "Try again" in body
    monkeypatch.undo()
    retry = client.post("/caseload/new", data={"first_name": "Riley", "date_of_birth": "2014-03-02",
                                               "csrf_token": csrf_from(response)})
    assert retry.status_code == 303


@pytest.mark.parametrize("field,value,message", [
    ("username", "a" * 41, "40 characters or fewer"),
    ("username", "demo\x00child", "unusual characters"),
    ("username", "", "Enter your username"),
    ("password", "", "Enter your password"),
    ("password", "p" * 201, "200 characters or fewer"),
])
def test_bad_sign_in_input(client, world, check_page, field, value, message):
    page = client.get("/sign-in")
    data = {"username": "demo-child", "password": "demo-pass-2026", "csrf_token": csrf_from(page)}
    data[field] = value
    response = client.post("/sign-in", data=data)
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert message in body
    assert f'href="#{field}"' in body  # the error summary links to the field


def test_invalid_utf8_is_refused_clearly(client, world):
    page = client.get("/sign-in")
    body = b"username=demo-\xff\xfechild&password=x&csrf_token=" + csrf_from(page).encode()
    response = client.post("/sign-in", data=body, content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert "Sign in" in response.get_data(as_text=True)


def test_over_long_text_is_kept_with_a_message(client, world, check_page):
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))
    long_name = "R" * 61
    response = client.post("/caseload/new", data={"first_name": long_name, "date_of_birth": "2014-03-02",
                                                  "csrf_token": token})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert f'value="{long_name}"' in body
    assert "60 characters or fewer" in body


def test_impossible_dates_are_refused(client, world, check_page):
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))
    for value in ("2014-02-30", "yesterday", "2999-01-01"):
        response = client.post("/caseload/new", data={"first_name": "Riley", "date_of_birth": value,
                                                      "csrf_token": token})
        check_page(response, status=400)


def test_unknown_language_is_refused(client, check_page):
    token = csrf_from(client.get("/sign-in"))
    response = client.post("/language", data={"locale": "xx", "csrf_token": token})
    page = check_page(response, status=400)
    assert "Choose a language from the list" in response.get_data(as_text=True)
    assert page.h1


def test_with_the_database_down_a_signed_in_young_person_gets_503_with_their_words_then_it_recovers(
        app, client, world, check_page):
    from sqlalchemy import event

    from portal.extensions import db
    from tests.consultation_steps import start

    sign_in(client, "demo-child")
    url = start(client)
    token = csrf_from(client.get(url))
    with app.app_context():
        engine = db.engine

    def down(*_args, **_kwargs):  # every statement fails, the user's own look-up included
        raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))

    event.listen(engine, "before_cursor_execute", down)
    try:
        response = client.post(url, data={"csrf_token": token, "action": "save", "choice": "good",
                                           "text": "my words while the database was down"})
    finally:
        event.remove(engine, "before_cursor_execute", down)
    check_page(response, status=503)
    body = response.get_data(as_text=True)
    assert "my words while the database was down" in body and "Try again" in body
    retry = client.post(url, data={"csrf_token": csrf_from(response), "action": "save", "choice": "good",
                                   "text": "my words while the database was down"})
    assert retry.status_code == 303
    check = client.get(url.replace("/questions/1", "/check")).get_data(as_text=True)
    assert check.count("my words while the database was down") == 1
