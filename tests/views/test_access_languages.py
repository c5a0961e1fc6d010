"""Honest about translation quality: the draft notice, reports of a wrong sentence, hiding a language."""

import pytest
from sqlalchemy import select

from portal import create_app, i18n
from portal.extensions import db
from portal.models import TranslationReport
from tests.access import expect
from tests.conftest import csrf_from

MATRIX = [
    ("GET", "/translation-problem", "/translation-problem", expect(200)),
    ("GET", "/admin/translation-reports", "/admin/translation-reports", expect(403, anonymous=302, admin=200)),
]



def _arabic_notice():
    from babel.messages.pofile import read_po
    with open(i18n.TRANSLATIONS / "ar" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)["This translation has not yet been checked by a fluent speaker."].string


def test_a_draft_language_says_so_in_that_language_on_every_page(client, check_page):
    assert i18n.is_draft("ar")  # nobody fluent has signed the Arabic catalog off yet
    page = client.get("/sign-in", headers={"Accept-Language": "ar"})
    check_page(page, locale="ar")
    body = page.get_data(as_text=True)
    assert _arabic_notice() in body
    assert 'href="/translation-problem?page=/sign-in"' in body


def test_english_has_no_translation_notice(client):
    assert "has not yet been checked by a fluent speaker" not in client.get("/sign-in").get_data(as_text=True)


def test_a_reviewed_catalog_shows_no_notice(client, monkeypatch):
    i18n.is_draft.cache_clear()
    monkeypatch.setattr(i18n, "review_status", lambda locale: {"review": "reviewed", "reviewed_by": "A. Translator"})
    try:
        body = client.get("/sign-in", headers={"Accept-Language": "ar"}).get_data(as_text=True)
        assert _arabic_notice() not in body
    finally:
        i18n.is_draft.cache_clear()


def test_a_wrong_sentence_reaches_the_admin_with_the_page_and_the_string_and_no_name(app, client, world, check_page):
    client.post("/language", data={"locale": "ar", "csrf_token": csrf_from(client.get("/sign-in"))})
    form = client.get("/translation-problem?page=/sign-in")
    check_page(form, locale="ar")
    from babel.messages.pofile import read_po
    with open(i18n.TRANSLATIONS / "ar" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        wrong = read_po(handle)["Sign in"].string
    response = client.post("/translation-problem", data={
        "csrf_token": csrf_from(form), "page": "/sign-in", "words": f"  {wrong} ", "suggestion": "أفضل"})
    assert response.status_code == 200
    assert 'href="/sign-in"' in response.get_data(as_text=True)
    with app.app_context():
        report = db.session.scalar(select(TranslationReport))
        assert (report.locale, report.page, report.string_id, report.suggestion) == ("ar", "/sign-in", "Sign in", "أفضل")
        assert not any(column.name.endswith("user_id") for column in TranslationReport.__table__.columns)

    from tests.conftest import sign_in
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    listing = admin.get("/admin/translation-reports")
    check_page(listing)
    assert "<code>Sign in</code>" in listing.get_data(as_text=True)
    assert "<td>/sign-in</td>" in listing.get_data(as_text=True)


def test_a_report_without_words_keeps_what_was_typed_and_says_what_to_do(client, check_page):
    form = client.get("/translation-problem")
    response = client.post("/translation-problem", data={
        "csrf_token": csrf_from(form), "page": "https://evil.example/", "words": "", "suggestion": "kept words"})
    assert response.status_code == 400
    check_page(response, status=400)
    assert "Copy the words that are wrong" in response.get_data(as_text=True)
    assert "kept words" in response.get_data(as_text=True)


def test_an_offsite_page_is_not_kept_nor_linked(app, client, world):
    form = client.get("/translation-problem")
    response = client.post("/translation-problem", data={
        "csrf_token": csrf_from(form), "page": "//evil.example/x", "words": "something odd"})
    assert response.status_code == 200
    assert "evil.example" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(TranslationReport.page)) == ""


def test_a_council_can_hide_a_language(database_url):
    app = create_app("test", {"DATABASE_URL": database_url, "HIDDEN_LANGUAGES": ["ar", "en"]})
    assert "ar" not in app.config["LANGUAGES"] and "en" in app.config["LANGUAGES"]
    response = app.test_client().get("/sign-in", headers={"Accept-Language": "ar"})
    assert '<html lang="en"' in response.get_data(as_text=True)
    assert 'value="ar"' not in response.get_data(as_text=True)  # not in the switcher either


@pytest.mark.parametrize("words", ["تسجيل الدخول", "nothing like any sentence here"])
def test_finding_the_string_id_never_fails(app, words):
    with app.app_context():
        found = i18n.find_string_id("ar", words)
    assert found is None or isinstance(found, str)
