"""Read aloud is offered only when the device has a voice for the page's language, and speaks with it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_language

pytestmark = pytest.mark.browser


def _device_with_voices(page, *languages):
    """A phone whose speech synthesis has voices for these languages (and records what it is asked to say)."""
    voices = ", ".join(f"{{lang: '{code}', name: 'Voice {code}', voiceURI: '{code}'}}" for code in languages)
    page.add_init_script(
        "window.spoken = [];"
        "if ('speechSynthesis' in window) {"
        f"  speechSynthesis.getVoices = function () {{ return [{voices}]; }};"
        "  speechSynthesis.speak = function (u) { window.spoken.push({lang: u.lang, text: u.text}); };"
        "}")
    return page


def _first_question(page, base, locale):
    page.goto(f"{base}/home")
    choose_language(page, locale)
    page.goto(f"{base}/have-your-say")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))


def test_an_arabic_page_never_speaks_with_an_english_voice(open_page, live_server):
    phone = _device_with_voices(open_page("demo-child"), "en-GB")
    _first_question(phone, live_server.url, "ar")
    expect(phone.locator("[data-read-aloud]")).to_be_hidden()


def test_read_aloud_speaks_the_question_in_the_pages_language(open_page, live_server):
    phone = _device_with_voices(open_page("demo-child"), "en-GB", "ar-SA")
    _first_question(phone, live_server.url, "ar")
    button = phone.locator("[data-read-aloud]")
    expect(button).to_be_visible()
    question = phone.locator("[data-speak]").first.inner_text().strip()
    button.click()
    (spoken,) = phone.evaluate("window.spoken")
    assert spoken["lang"] == "ar-SA"
    assert question in spoken["text"]


def test_an_english_page_with_a_british_voice_offers_read_aloud(open_page, live_server):
    phone = _device_with_voices(open_page("demo-child"), "en-GB")
    _first_question(phone, live_server.url, "en")
    expect(phone.locator("[data-read-aloud]")).to_be_visible()
