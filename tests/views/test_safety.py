"""The exit control, the help page and discreet titles on every page a young person or carer sees."""

import re

import pytest

from tests.conftest import csrf_from, sign_in

CHILD_FACING = [
    (None, ["/", "/sign-in", "/join", "/get-help", "/no-such-page"]),
    ("demo-child", ["/home", "/get-help"]),
    ("demo-child-2", ["/home"]),
    ("demo-carer", ["/home", "/get-help"]),
]


def _title(body):
    return re.search(r"<title>(.*?)</title>", body, re.S).group(1)


@pytest.mark.parametrize("username,urls", CHILD_FACING)
def test_child_facing_pages_have_exit_help_and_a_discreet_title(client, world, username, urls):
    if username:
        sign_in(client, username)
    for url in urls:
        body = client.get(url).get_data(as_text=True)
        assert 'action="/exit"' in body and "Exit this page" in body, url
        assert 'href="/get-help"' in body, url
        assert "care" not in _title(body).lower(), url


def test_staff_pages_do_not_show_the_exit_control(client, world):
    sign_in(client, "demo-iro")
    assert 'action="/exit"' not in client.get("/home").get_data(as_text=True)


def test_exit_ends_the_session_and_goes_to_a_neutral_site(client, world):
    sign_in(client, "demo-child")
    response = client.post("/exit")  # no CSRF token needed: a child in danger must never be stopped
    assert response.status_code == 303
    assert response.headers["Location"] == "https://www.bbc.co.uk/weather"
    assert client.get("/home").status_code == 302


def test_exit_site_is_configurable(app, world):
    app.config["EXIT_URL"] = "https://www.example.org/news"
    client = app.test_client()
    response = client.post("/exit")
    assert response.headers["Location"] == "https://www.example.org/news"


def test_help_page_gives_childline_999_and_the_young_persons_iro(client, world, check_page):
    sign_in(client, "demo-child")
    response = client.get("/get-help")
    check_page(response)
    body = response.get_data(as_text=True)
    assert 'href="tel:08001111"' in body and "0800 1111" in body
    assert 'href="tel:999"' in body
    assert "Priya Shah" in body and "01632 960 001" in body


def test_help_page_never_shows_another_childs_iro(client, world):
    sign_in(client, "demo-child-3")
    body = client.get("/get-help").get_data(as_text=True)
    assert "Tom Okafor" in body and "Priya Shah" not in body


def test_young_person_home_shows_their_next_review_and_iro(client, world, check_page):
    sign_in(client, "demo-child")
    response = client.get("/home")
    check_page(response)
    body = response.get_data(as_text=True)
    assert "Your next review" in body and "Priya Shah" in body and "Where: <bdi>Home</bdi>" in body


def test_carer_home_lists_only_their_children(client, world):
    sign_in(client, "demo-carer")
    body = client.get("/home").get_data(as_text=True)
    assert "Jordan" in body and "Sam" in body
    assert "Casey" not in body and "Alex" not in body


def test_sign_out_is_offered_as_a_post_form(client, world):
    sign_in(client, "demo-child")
    body = client.get("/home").get_data(as_text=True)
    assert re.search(r'<form method="post" action="/sign-out">\s*<input type="hidden" name="csrf_token"', body)
    assert csrf_from(client.get("/home"))
