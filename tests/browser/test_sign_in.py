"""Signing in through the real form, on a phone, as every demo account."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import neutral_exit_site, sign_in_through_form

pytestmark = pytest.mark.browser

# Account -> (display name, a link only that kind of account has on its home page, or None).
HOMES = {
    "demo-child": ("Alex", "/have-your-say"),
    "demo-child-2": ("Jordan", "/have-your-say"),
    "demo-child-3": ("Casey", "/have-your-say"),
    "demo-carer": ("Morgan Ellis", "/have-your-say/helping"),
    "demo-iro": ("Priya Shah", "/caseload/new"),
    "demo-iro-2": ("Tom Okafor", "/caseload/new"),
    "demo-advocacy": ("Sam Rivers", None),
    "demo-visitor": ("Robin Lee", None),
    "demo-council": ("Jamie Council", None),
    "demo-admin": ("Dana Admin", "/admin"),
}
# Young people and carers see the exit control on every page; staff do not need it.
SEES_EXIT = {"demo-child", "demo-child-2", "demo-child-3", "demo-carer"}


@pytest.fixture(scope="module")
def phone(browser, browser_context_args):
    """One page for the module (a context per test costs more than the test)."""
    context = neutral_exit_site(browser.new_context(**browser_context_args))
    yield context.new_page()
    context.close()


@pytest.fixture
def page(phone):
    """The phone as on a first visit: no cookies, which is all the state the portal keeps."""
    phone.context.clear_cookies()
    return phone


@pytest.mark.parametrize("username", list(HOMES))
def test_each_account_signs_in_and_lands_on_its_home_page(page, live_server, username):
    name, own_link = HOMES[username]

    sign_in_through_form(page, live_server.url, username)

    assert page.url == f"{live_server.url}/home"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("Home")
    expect(page).to_have_title("Home – Have Your Say")
    expect(page.locator("main .lead")).to_have_text(f"Hello {name}.")
    if own_link:
        expect(page.locator(f'main a[href="{own_link}"]').first).to_be_visible()
    expect(page.locator("form.exit")).to_have_count(1 if username in SEES_EXIT else 0)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_wrong_password_keeps_the_person_on_the_sign_in_page(page, live_server):
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill("demo-child")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page.locator("h1")).to_have_text("Sign in")
    expect(page.get_by_role("alert")).to_contain_text("The username or password is not right.")
    expect(page.get_by_label("Username")).to_have_value("demo-child")
    expect(page).to_have_title("Error: Sign in – Have Your Say")
