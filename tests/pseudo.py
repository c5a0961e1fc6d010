"""The pseudo-locale built once per test run from freshly extracted strings, and what counts as English left in a page."""

import re
import subprocess
import sys
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale

from portal.config import ROOT
from portal.pseudo import PSEUDO_CHARACTERS, PSEUDO_LOCALE, build


@cache
def pseudo_directory() -> Path:
    """A temporary translations folder holding only the pseudo-locale, built from the current source."""
    directory = Path(tempfile.mkdtemp(prefix="portal-pseudo-"))
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "translations/babel.cfg",
                    "-k", "_l", "--no-location", "-o", str(directory / "messages.pot"), "."],
                   check=True, cwd=ROOT, capture_output=True)
    build(directory / "messages.pot", directory)
    return directory


def _calendar_words():
    # Dates and times are Babel's (CLDR), not the portal's strings: the pseudo-locale writes them in English.
    locale = Locale.parse(PSEUDO_LOCALE)
    words = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            words.update(locale.months[context][width].values())
            words.update(locale.days[context][width].values())
    words.update(locale.day_periods["format"]["abbreviated"].values())
    return sorted(words, key=len, reverse=True)


CALENDAR = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in _calendar_words()) + r")\b\.?"
                      r"|\d(?:am|pm)\b|\b\d+ (?:second|minute|hour|day|week|month|year)s?\b")
WORD = re.compile(r"[A-Za-z]{2,}")


class _Text(HTMLParser):
    """Visible text nodes outside people's own text: not inside an element with dir (typed text, names in
    <bdi>, codes, phone numbers, emails) or with a lang of its own (language names), scripts or styles."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        own = tag in ("script", "style", "bdi", "code", "template") or (tag != "html" and (
            "dir" in attrs or "lang" in attrs or "hidden" in attrs))
        self.stack.append((tag, own))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not any(own for _tag, own in self.stack):
            self.found.append(" ".join(data.split()))


def unwrapped_english(html: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Text nodes with English words and no pseudo-locale character (after removing dates and `allowed`)."""
    reader = _Text()
    reader.feed(html)
    english = []
    for text in reader.found:
        if any(character in PSEUDO_CHARACTERS for character in text):
            continue
        rest = CALENDAR.sub("", text)
        for word in allowed:
            rest = rest.replace(word, "")
        if WORD.search(rest):
            english.append(text)
    return english
