"""The exit control: leave at once for a neutral site, and the session ends.

The exit site is answered inside the browser (see conftest), so it is never contacted.
"""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_through_form

pytestmark = pytest.mark.browser


def _session_ended(live_server, username, token_before, timeout=5.0):
    """Wait for the server to end the user's session (the JS sends it as a beacon)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if live_server.session_token(username) != token_before:
            return True
        time.sleep(0.05)
    return False


def _assert_left_for_the_neutral_site(page, live_server):
    exit_url = live_server.app.config["EXIT_URL"]
    page.wait_for_url(exit_url)
    assert page.url == exit_url
    assert exit_url in page.context.exit_hits
    expect(page.locator("h1")).to_have_text("Weather")


def _assert_signed_out(page, live_server):
    page.goto(f"{live_server.url}/home")
    assert page.url.startswith(f"{live_server.url}/sign-in")
    expect(page.locator("h1")).to_have_text("Sign in")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_exit_button_leaves_at_once_and_ends_the_session(open_page, live_server):
    page = open_page()
    sign_in_through_form(page, live_server.url, "demo-child")
    token = live_server.session_token("demo-child")

    page.get_by_role("button", name="Exit this page").click()

    _assert_left_for_the_neutral_site(page, live_server)
    assert _session_ended(live_server, "demo-child", token)
    _assert_signed_out(page, live_server)


def test_pressing_shift_three_times_leaves_and_ends_the_session(open_page, live_server):
    page = open_page()
    sign_in_through_form(page, live_server.url, "demo-carer")
    token = live_server.session_token("demo-carer")
    expect(page.locator("form.exit")).to_be_visible()

    for _press in range(3):
        page.keyboard.press("Shift")

    _assert_left_for_the_neutral_site(page, live_server)
    assert _session_ended(live_server, "demo-carer", token)
    _assert_signed_out(page, live_server)


def test_shift_pressed_twice_does_not_leave(open_page, live_server):
    page = open_page()
    page.goto(f"{live_server.url}/get-help")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)

    assert page.url == f"{live_server.url}/get-help"
    assert page.context.exit_hits == []


def test_exit_button_works_without_javascript(open_page, live_server):
    page = open_page(java_script_enabled=False)
    sign_in_through_form(page, live_server.url, "demo-child-2")
    token = live_server.session_token("demo-child-2")

    with page.expect_response(f"{live_server.url}/exit") as exit_response:
        page.get_by_role("button", name="Exit this page").click()

    assert exit_response.value.status == 303
    assert exit_response.value.headers["location"] == live_server.app.config["EXIT_URL"]
    _assert_left_for_the_neutral_site(page, live_server)
    # Without JavaScript the form post itself ends the session, before the redirect.
    assert live_server.session_token("demo-child-2") != token
    _assert_signed_out(page, live_server)
