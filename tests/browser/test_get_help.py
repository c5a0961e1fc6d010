"""Every phone number reads left to right in Arabic, as a phone shows it: on "Get help now", in the help panel
after a worrying answer, and in the council's "before you send" panel; axe finds nothing on any of them.

The order is measured where it matters, on screen: each part of a number ("0800", "1111") is a Range
whose box is compared left to right. A copy of a sentence without the isolation shows the check can fail.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser

WORRYING_ARABIC = "أبي يضربني عندما يغضب"  # "my father hits me when he gets angry"

# The parts of a link's number (split at spaces), each with the left edge of its box on screen.
PARTS_ON_SCREEN = """
(link) => {
  const text = link.firstChild, parts = [];
  let at = 0;
  for (const part of text.data.split(" ")) {
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + part.length);
    parts.push([part, range.getBoundingClientRect().left]);
    at += part.length + 1;
  }
  return parts;
}
"""

# A copy of the sentence holding `link`, with the number's <bdi> taken away, added to the page.
UNISOLATED_COPY = """
(link) => {
  const copy = link.closest("p, li").cloneNode(true);
  copy.id = "unisolated";
  const bdi = copy.querySelector("bdi");
  bdi.replaceWith(...bdi.childNodes);
  link.closest("main").append(copy);
}
"""


def read_left_to_right(link):
    """The number as a reader sees it: its parts in order of where they are on screen, left first."""
    return " ".join(part for part, _left in sorted(link.evaluate(PARTS_ON_SCREEN), key=lambda found: found[1]))


def assert_every_number_reads_left_to_right(page, scope, expected):
    links = page.locator(f"{scope} a[href^='tel:'], {scope} a[href^='sms:']")
    shown = [links.nth(i).inner_text() for i in range(links.count())]
    assert set(expected) <= set(shown), shown
    for i, number in enumerate(shown):
        assert read_left_to_right(links.nth(i)) == number, f"{number} reads as {read_left_to_right(links.nth(i))}"



def in_arabic(page):
    if page.locator("html").get_attribute("lang") != "ar":
        choose_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_get_help_in_arabic_every_number_reads_left_to_right(open_page, live_server):
    page = open_page()
    page.goto(f"{live_server.url}/get-help")
    in_arabic(page)
    expect(page.locator("h1")).to_have_text("مساعدة فورية")  # "Get help now": the sentences are in Arabic
    assert_every_number_reads_left_to_right(
        page, "main", ["999", "0800 1111", "85258", "116 123", "0808 800 5792", "0800 528 0731"])
    assert_accessible(page, "get help now (ar)")

    # Without the isolation the same Arabic sentence shows "1111 0800": the check above would catch it.
    childline = page.locator("main p a[href='tel:08001111']").first
    childline.evaluate(UNISOLATED_COPY)
    assert read_left_to_right(page.locator("#unisolated a[href='tel:08001111']")) == "1111 0800"


def test_the_help_panel_after_a_worrying_answer_in_arabic_reads_left_to_right(open_page, live_server):
    page = open_page("demo-child")
    page.goto(f"{live_server.url}/home")
    in_arabic(page)
    page.locator("main a[href='/have-your-say']").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))
    page.locator("details.more summary").click()  # "Tell us more", folded until tapped
    page.locator("#text").fill(WORRYING_ARABIC)
    page.locator("button[name=action][value=save]").click()
    page.wait_for_url(re.compile(r".*/questions/2$"))
    panel = page.locator("main .panel--urgent[role=status]")
    expect(panel).to_be_visible()
    assert_every_number_reads_left_to_right(page, "main .panel--urgent", ["0800 1111", "85258", "999"])
    assert_accessible(page, "help panel after a worrying answer (ar)")


def test_the_council_before_you_send_panel_in_arabic_reads_left_to_right_and_keeps_the_words(
        open_page, live_server):
    page = open_page("demo-child-3")
    page.goto(f"{live_server.url}/tell-the-council")
    in_arabic(page)
    page.locator("#text").fill(WORRYING_ARABIC)
    page.locator("main form[method=post] button[type=submit]").click()
    panel = page.locator("#before-you-send")
    expect(panel).to_be_visible()
    expect(page.locator("#text")).to_have_value(WORRYING_ARABIC)
    assert_every_number_reads_left_to_right(page, "#before-you-send", ["0800 1111", "85258", "999"])
    assert_accessible(page, "before you send, to the council (ar)")
