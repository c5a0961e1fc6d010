"""Passkeys in Chromium with a virtual authenticator (a phone's fingerprint, always recognised): a young person
adds a passkey from their account page, signs out and signs in with it; at 360×640, every page axe clean.

Served at http://localhost:PORT with PUBLIC_URL set to it: a relying party id cannot be an IP address.
"""

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.browser.conftest import (
    assert_accessible,
    choose_language,
    neutral_exit_site,
    sign_in_through_form,
    start_localhost_server,
    stop_live_server,
)

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}


@pytest.fixture(scope="module")
def live_server(database_url):
    """The portal on http://localhost:PORT, its PUBLIC_URL the same."""
    server = start_localhost_server(database_url)
    yield server
    stop_live_server(server)


@pytest.fixture
def context(browser, browser_context_args):
    context = neutral_exit_site(browser.new_context(**{**browser_context_args, **SMALL_PHONE}))
    yield context
    context.close()


def with_fingerprint(page):
    """A platform authenticator with user verification that always succeeds, like a phone's fingerprint."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp, added["authenticatorId"]



def test_a_young_person_adds_a_passkey_signs_out_and_signs_in_with_it(context, live_server):
    base = live_server.url
    assert base.startswith("http://localhost:")
    page = context.new_page()
    cdp, authenticator = with_fingerprint(page)
    sign_in_through_form(page, base, "demo-child")

    page.goto(f"{base}/account")
    expect(page.get_by_text("Use your phone's fingerprint or screen lock to sign in, instead of remembering a password.")).to_be_visible()
    expect(page.locator("[data-passkey-unsupported]")).to_be_hidden()
    assert_accessible(page)
    page.locator("#name").fill("Alex's phone")
    page.locator("#password").fill("not-my-password")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("[data-passkey-problem]")).to_have_text("That is not the password you use now. Check it and try again.")
    page.locator("#password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".banner--success")).to_contain_text("Your passkey has been added.")
    expect(page.get_by_role("heading", name="Alex's phone")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Not used yet.")
    assert_accessible(page)
    (credential,) = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert credential["isResidentCredential"] and credential["rpId"] == "localhost"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base}/sign-in")
    passkey_button = page.get_by_role("button", name="Sign in with a passkey")
    expect(passkey_button).to_be_visible()
    assert_accessible(page)
    passkey_button.click()
    page.wait_for_url(f"{base}/home")

    page.goto(f"{base}/account")
    expect(page.locator("main")).to_contain_text("Last used on")
    choose_language(page, "ar")
    assert_accessible(page)


def test_when_the_phone_does_not_recognise_the_person_the_page_says_so_and_the_password_still_works(context, live_server):
    base = live_server.url
    page = context.new_page()
    cdp, authenticator = with_fingerprint(page)
    page.goto(f"{base}/sign-in")
    # A finger the phone does not know: the service asks for the screen lock, so the browser gives no passkey.
    cdp.send("WebAuthn.setUserVerified", {"authenticatorId": authenticator, "isUserVerified": False})
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.locator("[data-passkey-problem]").first).to_be_visible(timeout=15_000)
    assert_accessible(page)
    sign_in_through_form(page, base, "demo-child")


def test_with_javascript_off_only_the_password_form_is_offered(browser, browser_context_args, live_server):
    context = neutral_exit_site(browser.new_context(**{**browser_context_args, **SMALL_PHONE}, java_script_enabled=False))
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/sign-in")
        expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_hidden()
        sign_in_through_form(page, live_server.url, "demo-child")
        page.goto(f"{live_server.url}/account")
        expect(page.get_by_role("button", name="Add a passkey")).to_be_hidden()
        expect(page.locator("[data-passkey-unsupported]")).to_be_visible()
    finally:
        context.close()
