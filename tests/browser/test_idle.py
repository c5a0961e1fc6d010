"""The idle warning: before the session times out, a person can choose to stay signed in.

The live server here times out after IDLE_MINUTES = 0.1 (6 seconds) and warns
0.05 minutes (3 seconds) before that; the page reads both as decimals.
"""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in_through_form, start_live_server, stop_live_server

pytestmark = pytest.mark.browser

IDLE_MINUTES, WARNING_MINUTES = 0.1, 0.05
IDLE_SECONDS, WARNING_SECONDS = IDLE_MINUTES * 60, WARNING_MINUTES * 60


@pytest.fixture(scope="module")
def live_server(database_url):
    """A live portal whose sessions end after a few seconds idle."""
    server = start_live_server(database_url, IDLE_MINUTES=IDLE_MINUTES, IDLE_WARNING_MINUTES=WARNING_MINUTES)
    yield server
    stop_live_server(server)


def test_staying_signed_in_from_the_idle_warning_keeps_the_session(open_page, live_server):
    # Two phones at once, so the test waits for one timeout: one person answers the
    # warning, the other does not.
    staying, leaving = open_page(), open_page()
    sign_in_through_form(leaving, live_server.url, "demo-carer")
    sign_in_through_form(staying, live_server.url, "demo-iro")
    # The server counts whole seconds from a moment before this, so the original
    # session of each person has surely ended IDLE_SECONDS (+ a little) after it.
    last_request = time.monotonic()
    dialog = staying.get_by_role("dialog", name="Are you still there?")

    expect(dialog).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 3) * 1000)
    assert_accessible(staying)
    with staying.expect_response(f"{live_server.url}/keep-alive") as keep_alive:
        dialog.get_by_role("button", name="Stay signed in").click()

    assert keep_alive.value.status == 204
    expect(dialog).to_be_hidden()
    staying.wait_for_timeout(max(0.0, last_request + IDLE_SECONDS + 0.3 - time.monotonic()) * 1000)
    staying.goto(f"{live_server.url}/home")
    leaving.goto(f"{live_server.url}/home")

    assert staying.url == f"{live_server.url}/home"
    expect(staying.locator("h1")).to_have_text("Home")
    expect(leaving.locator("h1")).to_have_text("Sign in")
    expect(leaving.get_by_role("alert")).to_contain_text("You were signed out because the page was not used for a while.")
