"""Picture mode on a small phone (360×640): a carer helping Sam, 6, in English and in Arabic.

Big symbols drawn for the service (no emoji, so no phone needs an emoji font), tap targets of at least
48×48 px, the hint behind "Tell me more", the short helping banner, and axe finds nothing.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


TARGETS = "main .choice__label, main .choice__input, main .faces__label, main .button, main summary"


def _pictures_are_big(page, at_least=3):
    """Choices' symbols at 96 px (size "l"); the eleven faces of the 0 to 10 row at least 48 px."""
    choices, faces = page.locator("main .choice svg.symbol"), page.locator("main .faces svg.symbol")
    assert choices.count() + faces.count() >= at_least
    for symbols, least in ((choices, 96), (faces, 48)):
        for index in range(symbols.count()):
            box = symbols.nth(index).bounding_box()
            assert box["width"] >= least and box["height"] >= least


def _too_small(page, selector):
    """The visible elements matching selector whose box is under 48×48 px, as 'text: w×h'."""
    small = []
    for element in page.locator(selector).all():
        if not element.is_visible():
            continue
        box = element.bounding_box()
        if box["width"] < 48 or box["height"] < 48:
            small.append(f"{element.inner_text()[:30] or selector}: {box['width']:.0f}×{box['height']:.0f}")
    return small


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_carer_helping_a_6_year_old_gets_big_pictures_and_big_tap_targets(open_page, live_server, locale):
    phone = open_page("demo-carer", viewport=SMALL_PHONE)
    phone.goto(f"{live_server.url}/have-your-say/helping")
    if locale != "en":
        choose_language(phone, locale)
    phone.locator("main form[action*='/helping/'] button[type=submit]").filter(has_text="Sam").click()
    phone.wait_for_url(re.compile(r".*/questions/\d+$"))  # the first, or where the last helper left off
    number = int(phone.url.rsplit("/", 1)[1])

    expect(phone.locator("body")).to_have_class("pictures")
    html = phone.content()
    assert EMOJI.search(html) is None
    assert phone.locator(".banner__short").count() == 1 and phone.locator(".banner__short").is_visible()
    _pictures_are_big(phone)
    assert _too_small(phone, TARGETS) == []
    assert_accessible(phone)

    phone.locator("main .choice__label, main .faces__label").first.click()  # the whole picture is the target
    expect(phone.locator("main .choice__input").first).to_be_checked()
    phone.locator("button[name=action][value=save]").click()
    phone.wait_for_url(re.compile(rf".*/questions/{number + 1}$"))
    expect(phone.locator("body")).to_have_class("pictures")
    _pictures_are_big(phone, at_least=0)  # the next question may be one for words
    assert _too_small(phone, TARGETS) == []
    assert_accessible(phone)
