"""Two-step sign-in on a phone: a member of staff sets it up at first sign-in (STAFF_TWO_FACTOR=required), saves
the recovery codes, signs out and signs in again with a recovery code; every new account page passes axe."""

import pyotp
import pytest
from playwright.sync_api import expect

from portal import demo
from tests.browser.conftest import assert_accessible, neutral_exit_site, start_live_server, stop_live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(database_url):
    """A live portal where staff must use two-step sign-in."""
    server = start_live_server(database_url, STAFF_TWO_FACTOR="required")
    yield server
    stop_live_server(server)


@pytest.fixture
def page(browser, browser_context_args):
    context = neutral_exit_site(browser.new_context(**browser_context_args))
    yield context.new_page()
    context.close()



def password_step(page, base, username):
    page.goto(f"{base}/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(demo.PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_staff_set_up_two_step_and_sign_in_later_with_a_recovery_code(page, live_server):
    base = live_server.url
    password_step(page, base, "demo-iro")
    page.wait_for_url(f"{base}/sign-in/two-step/set-up")
    expect(page.locator("h1")).to_have_text("Set up two-step sign-in")
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert_accessible(page)

    # The key shown beside the QR code, typed into an "app": here, pyotp.
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.locator("#code").fill("000000")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#code").fill(pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("Save your recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes: carry on").click()
    page.wait_for_url(f"{base}/home")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base}/sign-in")
    password_step(page, base, "demo-iro")
    page.wait_for_url(f"{base}/sign-in/two-step")
    expect(page.locator("h1")).to_have_text("Two-step sign-in")
    assert_accessible(page)
    page.locator("#code").fill(codes[0])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/home")

    page.goto(f"{base}/account")
    expect(page.locator("main")).to_contain_text("You have 9 recovery codes left.")
    assert_accessible(page)


@pytest.mark.page_markup
@pytest.mark.parametrize("path", ["/forgot-password", "/forgot-password/staff"])
def test_the_forgotten_password_pages_are_accessible(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.page_markup
def test_changing_a_password_is_accessible(page, live_server):
    base = live_server.url
    password_step(page, base, "demo-child")
    page.wait_for_url(f"{base}/home")
    page.get_by_role("link", name="Your account").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change your password").click()
    page.locator("#current_password").fill(demo.PASSWORD)
    page.locator("#password").fill("aaaaaaaa")
    page.locator("#password_confirm").fill("aaaaaaaa")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text("Try three random words instead")
    assert_accessible(page)
