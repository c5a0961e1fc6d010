"""In the pseudo-locale (every string accented and about 40% longer), at 320 px wide, no page scrolls sideways:
a young person's, a carer's, an IRO's or an admin's (wide staff tables scroll inside their own region, not the
page). One browser context and one page walk every route (from the url_map walker)."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select, update

from portal.extensions import db
from portal.models import User
from portal.pseudo import PSEUDO_LOCALE
from tests.browser.conftest import signed_in_state, start_live_server, stop_live_server
from tests.pseudo import pseudo_directory
from tests.views.test_audit_every_render import _requests

pytestmark = pytest.mark.browser

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}
OVERFLOW = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"


@pytest.fixture(scope="module")
def live_server(database_url):
    """A live portal offering the pseudo-locale, with a letter (answered and translated) for Alex."""
    from portal.letters import translations
    from tests.letters import answer, write_letter

    server = start_live_server(database_url, PSEUDO_LOCALE_DIR=str(pseudo_directory()))
    with server.app.app_context():
        iro = db.session.scalar(select(User).where(User.username == "demo-iro"))
        letter = write_letter(server.ids["Alex"], iro.id)
        answer(letter, 1, server.ids["Alex"])
        translations.publish(translations.request_translation(letter, "fa"), iro, {"told_us": "تو به ما گفتی"}, {})
        db.session.execute(update(User).where(User.username.in_(["demo-child", "demo-carer"])).values(locale=PSEUDO_LOCALE))
        db.session.execute(update(User).where(User.username.in_(STAFF)).values(locale=PSEUDO_LOCALE))
        db.session.commit()
    yield server
    stop_live_server(server)


STAFF = ("demo-iro", "demo-admin")


@pytest.mark.page_markup
def test_no_young_persons_or_carers_page_scrolls_sideways_at_320_px(browser, browser_context_args, live_server):
    pages, wide = _walk(browser, browser_context_args, live_server, ("demo-child", "demo-carer"))
    assert pages >= 20
    assert wide == [], "\n".join(wide)


@pytest.mark.page_markup
def test_no_staff_page_scrolls_sideways_at_320_px(browser, browser_context_args, live_server):
    pages, wide = _walk(browser, browser_context_args, live_server, STAFF)
    assert pages >= 40
    assert wide == [], "\n".join(wide)


def _walk(browser, browser_context_args, live_server, usernames):
    """(pages walked, the pages wider than the screen) for these accounts, at 320 px in the pseudo-locale."""
    started = time.monotonic()
    context = browser.new_context(**{**browser_context_args, **NARROW})
    page = context.new_page()
    wide, pages = [], 0
    try:
        for username in usernames:
            context.clear_cookies()
            context.add_cookies(signed_in_state(browser, browser_context_args, live_server, username)["cookies"])
            with live_server.app.app_context():
                user = db.session.scalar(select(User).where(User.username == username))
                _ = user.role
            done = set()
            for method, url, _form in _requests(live_server.app, user):
                if method != "GET" or "?" in url:
                    continue
                rule = live_server.app.url_map.bind("localhost").match(url, return_rule=True)[0].rule
                if rule in done or rule in ("/exit", "/sign-out"):
                    continue
                try:
                    response = page.goto(live_server.url + url)
                except PlaywrightError:  # a download (their records as a file), not a page
                    continue
                if response is None or response.status != 200 or "text/html" not in response.headers["content-type"]:
                    continue
                done.add(rule)
                pages += 1
                assert page.locator("html").get_attribute("lang") == PSEUDO_LOCALE, url
                scroll, client = page.evaluate(OVERFLOW)
                if scroll > client:
                    wide.append(f"{username} {url}: {scroll} px wide in {client} px")
    finally:
        context.close()
    print(f"{pages} pages at 320 px in {time.monotonic() - started:.1f} s")
    return pages, wide
