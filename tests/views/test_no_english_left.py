"""No English left on a young person's pages in Arabic, Persian and Pashto (issue 14).

A child who reads Pashto and meets an English sentence on a page about their own safety learns that
the page was not written for them. The walk opens every page a young person, a carer and someone
signed out can reach (every GET rule of `app.url_map` they may use, with the demo world's ids, and
each question of a consultation) and reads the text a person sees, leaving out what is not the
portal's to translate: people's own words and names (marked `dir="auto"` or `<bdi>`), other
languages marked with their own `lang` (the language switcher), scripts and styles.

What remains may hold Latin letters only for names of services and organisations that have no
translation (Childline, the council's service name), acronyms the glossaries keep (IRO), numbers
and addresses. Anything else is English that a translator never saw.
"""

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import User, YoungPerson
from tests.young_peoples_pages import every_page

LOCALES = ["ar", "fa", "ps"]
# Names with no translation: services, organisations, the acronym every glossary keeps, and the
# words of phone numbers and addresses (the help lines' own names are proper names too).
PROPER_NAMES = {
    "iro", "iros", "childline", "coram", "voice", "shout", "samaritans", "help", "at", "hand", "nspcc",
    "www", "https", "http", "org", "uk", "gov", "co", "com", "bbc", "cafcass", "ofsted", "sms", "pdf", "csv",
    "zip", "json", "email", "pin",
    "shift",  # the key is labelled Shift on keyboards whatever their language
}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Addresses are not words: emails, web addresses and domains (ico.org.uk) are shown as they are.
ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+|(?:https?://)?[\w-]+(?:\.[\w-]+)+\S*")
SKIP_TAGS = {"script", "style", "bdi", "code", "kbd", "samp", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The page's own text, without people's words, other languages' text, scripts and styles."""

    def __init__(self, page_locale):
        super().__init__(convert_charrefs=True)
        self.page_locale, self.stack, self.words = page_locale, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        # dir="ltr" inside a right-to-left page isolates numbers, codes and addresses.
        skip = (tag in SKIP_TAGS or attrs.get("dir") in ("auto", "ltr") or attrs.get("translate") == "no"
                or (attrs.get("lang") not in (None, self.page_locale)) or "hidden" in attrs)
        self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not any(skip for _tag, skip in self.stack):
            self.words += LATIN_WORD.findall(ADDRESS.sub(" ", data))


def _allowed_words(app):
    """Proper names: the configured service name, and people's names (shown in <bdi> where they are typed)."""
    with app.app_context():
        people = [f"{u.display_name} {u.username}" for u in db.session.scalars(select(User))]
        people += [p.first_name for p in db.session.scalars(select(YoungPerson))]
        service = app.config["SERVICE_NAME"]
    return PROPER_NAMES | {word.lower() for text in (*people, service) for word in LATIN_WORD.findall(text)}


@pytest.mark.parametrize("locale", LOCALES)
def test_no_english_is_left_on_a_young_persons_pages(app, world, locale, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the words on a page do not depend on the database: checked once, on SQLite")
    allowed = _allowed_words(app)
    left = {}
    for page, html in every_page(app, world, locale).items():
        assert f'lang="{locale}"' in html[:200], page
        parser = _VisibleText(locale)
        parser.feed(html)
        # Codes and their examples (ABCD-EFGH) and acronyms are capitals only.
        english = sorted({word for word in parser.words if word.lower() not in allowed and not word.isupper()})
        if english:
            left[page] = english
    assert left == {}, "\n".join(f"{page}: {words}" for page, words in sorted(left.items()))
