"""Choosing the language: saved preference, then the switcher, then the browser, then English."""

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import User
from tests.conftest import csrf_from, sign_in

# Words allowed to stay in Latin letters on an Arabic page: names, usernames and service names from the demo data,
# the example invitation code (ABCD-EFGH-JK23), the Shift key, other languages' names.
ALLOWED_LATIN = {"abcd", "efgh", "child", "carer", "visitor", "advocacy", "other", "independent", "visitors", "service",
                 "shift", "have", "your", "say", "childline", "english", "español", "iro", "alex", "jordan", "casey",
                 "priya", "shah", "morgan", "ellis", "sam", "tom", "okafor", "demo", "home", "youth", "centre",
                 "example", "org", "dana", "admin", "rivers", "robin", "lee", "jamie", "council", "manager",
                 # Helplines' names, which a young person must recognise (and SHOUT, the word they text).
                 "shout", "samaritans", "coram", "voice", "help", "hand"}


def _lang_dir(response):
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.get_data(as_text=True))
    return match.groups()


def test_english_by_default(client):
    assert _lang_dir(client.get("/sign-in")) == ("en", "ltr")


def test_browser_language_is_used(client):
    assert _lang_dir(client.get("/sign-in", headers={"Accept-Language": "ar,en;q=0.5"})) == ("ar", "rtl")
    assert _lang_dir(client.get("/sign-in", headers={"Accept-Language": "es-ES"})) == ("es", "ltr")
    assert _lang_dir(client.get("/sign-in", headers={"Accept-Language": "de"})) == ("en", "ltr")


def test_switcher_beats_the_browser_and_needs_no_javascript(client, check_page):
    token = csrf_from(client.get("/sign-in"))
    response = client.post("/language", data={"locale": "ar", "next": "/sign-in", "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"
    page = client.get("/sign-in", headers={"Accept-Language": "es"})
    check_page(page, locale="ar")
    assert "تسجيل" in page.get_data(as_text=True) or "الدخول" in page.get_data(as_text=True)


def test_saved_preference_beats_everything_and_follows_the_person(app, client, world):
    sign_in(client, "demo-child")
    token = csrf_from(client.get("/home"))
    client.post("/language", data={"locale": "es", "next": "/home", "csrf_token": token})
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.username == "demo-child")) == "es"
    other_device = app.test_client()
    other_device.post("/language", data={"locale": "ar", "csrf_token": csrf_from(other_device.get("/sign-in"))})
    sign_in(other_device, "demo-child")
    assert _lang_dir(other_device.get("/home", headers={"Accept-Language": "ar"})) == ("es", "ltr")


def test_switcher_refuses_an_offsite_next(client):
    token = csrf_from(client.get("/sign-in"))
    response = client.post("/language", data={"locale": "es", "next": "https://evil.example", "csrf_token": token})
    assert response.headers["Location"] == "/"


def _visible_text(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<option[^>]*>.*?</option>", " ", html, flags=re.S)  # language names are in their own language
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("username,urls", [
    (None, ["/", "/sign-in", "/join", "/get-help", "/no-such-page"]),
    ("demo-child", ["/home", "/get-help"]),
    ("demo-carer", ["/home"]),
    ("demo-iro", ["/home", "/caseload", "/caseload/new"]),
    ("demo-admin", ["/admin", "/admin/people", "/admin/people/invite", "/admin/organisations", "/admin/audit"]),
])
def test_arabic_pages_have_no_english_left(client, world, check_page, username, urls):
    if username:
        sign_in(client, username)
    client.post("/language", data={"locale": "ar", "csrf_token": csrf_from(client.get("/get-help"))})
    for url in urls:
        response = client.get(url)
        check_page(response, status=404 if url == "/no-such-page" else 200, locale="ar")
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", _visible_text(response.get_data(as_text=True)))}
        assert words - ALLOWED_LATIN == set(), url
