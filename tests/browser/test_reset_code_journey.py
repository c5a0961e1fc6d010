"""Reset by code on a small phone (360×640): an IRO makes a reset code for a young person, who (signed out)
chooses a new password with it and signs in; the same code does not work a second time. Every page axe clean."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language, sign_in_through_form

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}
NEW_PASSWORD = "kettle-otter-lantern-72"



def use_code(page, base, code, password=NEW_PASSWORD):
    """From the sign-in page, as a young person who forgot their password would."""
    page.goto(f"{base}/sign-in")
    page.get_by_role("link", name="choose a new password with your code").click()
    page.wait_for_url(f"{base}/forgot-password")
    page.locator("#username").fill("demo-child")
    page.locator("#code").fill(code)
    page.locator("#password").fill(password)
    page.locator("#password_confirm").fill(password)
    assert_accessible(page)
    page.get_by_role("button", name="Change my password").click()


def test_an_iro_makes_a_reset_code_the_young_person_uses_it_once_and_signs_in(open_page, live_server):
    base = live_server.url
    iro = open_page("demo-iro", **SMALL_PHONE)
    iro.goto(f"{base}/caseload/{live_server.ids['Alex']}")
    iro.get_by_role("button", name="Make a password reset code for Alex").click()
    expect(iro.locator("h1")).to_have_text("Password reset code")
    code = iro.locator(".code").inner_text()
    assert len(code.replace("-", "")) == 12
    assert_accessible(iro)

    child = open_page(**SMALL_PHONE)
    use_code(child, base, code)
    child.wait_for_url(f"{base}/sign-in")
    expect(child.locator(".banner--success")).to_contain_text("Your password has been changed.")
    assert_accessible(child)
    sign_in_through_form(child, base, "demo-child", NEW_PASSWORD)
    expect(child.locator("h1")).to_be_visible()
    assert_accessible(child)

    # The same code, a second time (signed out again): refused, and the page says what to do.
    child.get_by_role("button", name="Sign out").click()
    child.wait_for_url(f"{base}/sign-in")
    use_code(child, base, code, password="another-kettle-lantern-73")
    expect(child.locator(".error-summary")).to_contain_text("the code has been used or is too old")
    expect(child.locator("#username")).to_have_value("demo-child")  # what was typed is kept
    assert_accessible(child)
    choose_language(child, "ar")
    assert_accessible(child)
    # The password chosen with the code still works; the one tried with the used code does not.
    sign_in_through_form(child, base, "demo-child", NEW_PASSWORD)
