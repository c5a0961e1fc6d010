"""Mixed-direction text as laid out by Chromium, on Arabic, Persian and Pashto pages: each piece of typed text
keeps its full stop at its own end, a name followed by a number keeps its order, and names in sentences
are isolated. Positions are read from Range.getBoundingClientRect, character by character."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from portal.extensions import db
from portal.models import DecisionAnswer, User
from portal.templating import bdi

pytestmark = pytest.mark.browser

ENGLISH = "Dan and I were there."
ARABIC = "غرفتي جميلة. أنا و Dan كنا هناك."
NAME_AND_NUMBER = "رأيت Sam 3 مرات."

# The middle x of each character of `text` inside the first element matching `selector` that holds it.
CHARACTER_PLACES = """([selector, text]) => {
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      return [...text].map((_, k) => {
        const range = document.createRange();
        range.setStart(node, at + k);
        range.setEnd(node, at + k + 1);
        const box = range.getBoundingClientRect();
        return box.left + box.width / 2;
      });
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def letter_id(live_server):
    from tests.letters import answer, write_letter

    with live_server.app.app_context():
        iro = db.session.scalar(select(User.id).where(User.username == "demo-iro"))
        letter = write_letter(live_server.ids["Alex"], iro, told_us=ENGLISH)
        answer(letter, 1, live_server.ids["Alex"], DecisionAnswer.DISAGREE, ARABIC)
        answer(letter, 2, live_server.ids["Alex"], DecisionAnswer.DONT_UNDERSTAND, NAME_AND_NUMBER)
        return letter.id


def _places(page, selector, text):
    places = page.evaluate(CHARACTER_PLACES, [selector, text])
    assert places is not None, f"{text!r} not found in {selector}"
    return places


@pytest.mark.page_markup
@pytest.mark.parametrize("locale", ["ar", "fa", "ps"])
def test_typed_text_keeps_its_punctuation_at_its_own_end_on_right_to_left_pages(
        open_page, live_server, letter_id, locale):
    with live_server.app.app_context():
        db.session.execute(update(User).where(User.username == "demo-child").values(locale=locale))
        db.session.commit()
    page = open_page("demo-child")
    page.goto(f"{live_server.url}/review-letters/{letter_id}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", locale)

    # An English sentence on a right-to-left page: read left to right, its full stop at the right end.
    english = _places(page, ".letter__section [dir=auto]", ENGLISH)
    assert english == sorted(english), "the English words are not in their left-to-right order"
    assert english[-1] > max(english[:-1])

    # An Arabic answer with English words: the full stop at the left end, the English word read left to right.
    arabic = _places(page, "blockquote[dir=auto]", ARABIC)
    assert arabic[-1] < min(arabic[:-1]), "the full stop is not at the left end of the Arabic answer"
    dan = ARABIC.index("Dan")
    assert arabic[dan] < arabic[dan + 1] < arabic[dan + 2]
    assert arabic[0] == max(arabic), "the Arabic answer does not start at the right"

    # A name followed by a number inside Arabic: "Sam 3" stays in that order, left of the word before it.
    mixed = _places(page, "blockquote[dir=auto]", NAME_AND_NUMBER)
    sam = NAME_AND_NUMBER.index("Sam")
    assert mixed[sam] < mixed[sam + 1] < mixed[sam + 2] < mixed[sam + 4]  # S, a, m, then 3
    assert mixed[sam + 4] < mixed[0]
    assert mixed[-1] == min(mixed)

    # A name written right to left, followed by a number, in a left-to-right sentence: isolated by the
    # portal's filter, the number stays after the name (without it the number would jump before it).
    sentence = f"Reply to {bdi('سارة')} 2 times"
    page.evaluate("""(html) => { const p = document.createElement('p'); p.id = 'sample'; p.lang = 'en';
        p.dir = 'ltr'; p.innerHTML = html; document.querySelector('main').prepend(p); }""", sentence)
    name = _places(page, "#sample bdi", "سارة")
    number = _places(page, "#sample", " 2 times")
    assert max(name) < number[1], "the number moved before the right-to-left name"
