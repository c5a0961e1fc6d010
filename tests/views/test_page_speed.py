"""The work pages skip for speed changes nothing a person gets: tokens, languages and counts read as before."""

import time

from flask import render_template_string
from flask_babel import force_locale, format_number
from flask_babel import gettext as _
from markupsafe import escape

from portal.core.charts import shown_html
from portal.core.suppression import Count
from tests.conftest import csrf_from


def _data_csrf(response):
    page = response.get_data(as_text=True)
    return page.split('data-csrf="', 1)[1].split('"', 1)[0]


def test_pages_sent_in_the_same_second_carry_the_same_token_and_it_is_accepted(signed_in, monkeypatch):
    client = signed_in("demo-child")
    second = int(time.time()) + 0.25
    monkeypatch.setattr(time, "time", lambda: second)
    first, again = client.get("/home"), client.get("/home")
    assert _data_csrf(first) == _data_csrf(again) == csrf_from(again)
    assert client.post("/sign-out", data={"csrf_token": csrf_from(again)}).status_code == 303


def test_a_page_sent_a_second_later_carries_a_newly_signed_token_that_is_accepted(signed_in, monkeypatch):
    client = signed_in("demo-child")
    now = [int(time.time()) + 0.5]
    monkeypatch.setattr(time, "time", lambda: now[0])
    earlier = csrf_from(client.get("/home"))
    now[0] += 1
    later = csrf_from(client.get("/home"))
    assert later != earlier
    assert client.post("/sign-out", data={"csrf_token": later}).status_code == 303


def test_a_part_rendered_in_another_language_leaves_the_page_in_its_own(app):
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        page = "{{ _('Sign out') }}"
        assert render_template_string(page) == _("Sign out") == "Cerrar sesión"
        with force_locale("ar"):
            assert render_template_string(page) == _("Sign out") == "تسجيل الخروج"
        assert render_template_string(page) == _("Sign out") == "Cerrar sesión"


def test_council_counts_read_as_babel_writes_them_in_each_language(app):
    for language in ("en", "ar", "es"):
        with app.test_request_context("/", headers={"Accept-Language": language}):
            for value in (0, 7, 1234, 98765):
                assert shown_html(Count(value)) == escape(format_number(value))


def test_a_suppressed_count_shows_its_words_never_its_value(app):
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        shown = shown_html(Count(None, "small"))
    assert shown == '<span class="suppressed suppressed--small">menos de 5</span>'
