"""The footer's language switcher works without JavaScript, and a signed-in person's choice is kept."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_through_form

pytestmark = pytest.mark.browser


def _assert_language(page, locale, direction):
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("#language-choice")).to_have_value(locale)


def test_switching_to_arabic_and_back_without_javascript(open_page, live_server):
    page = open_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/sign-in")
    _assert_language(page, "en", "ltr")

    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change language").click()

    page.wait_for_url(f"{live_server.url}/sign-in")
    _assert_language(page, "ar", "rtl")
    expect(page.locator("#username")).to_be_visible()

    # The labels may be in Arabic now, so the controls are found by what they are.
    page.locator("#language-choice").select_option("en")
    page.locator("form.language button[type=submit]").click()

    page.wait_for_url(f"{live_server.url}/sign-in")
    _assert_language(page, "en", "ltr")


def test_a_signed_in_persons_language_is_kept_for_their_next_visit(open_page, live_server):
    page = open_page(java_script_enabled=False)
    sign_in_through_form(page, live_server.url, "demo-council")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_url(f"{live_server.url}/home")
    _assert_language(page, "ar", "rtl")

    # Another phone, signing in afresh: the portal remembers the choice.
    other_phone = open_page()
    other_phone.goto(f"{live_server.url}/sign-in")
    _assert_language(other_phone, "en", "ltr")
    sign_in_through_form(other_phone, live_server.url, "demo-council")
    _assert_language(other_phone, "ar", "rtl")

    other_phone.locator("#language-choice").select_option("en")
    other_phone.locator("form.language button[type=submit]").click()
    other_phone.wait_for_url(f"{live_server.url}/home")
    _assert_language(other_phone, "en", "ltr")
