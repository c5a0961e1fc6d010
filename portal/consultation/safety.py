"""Spotting words that suggest a young person may be unsafe, in any shipped language.

The phrase lists are data (safety_phrases/<locale>.txt). A match never blocks the young person:
it raises an urgent flag for their IRO and shows them where to get help now.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

PHRASES = Path(__file__).with_name("safety_phrases")
# Arabic short vowels and other combining marks, and the tatweel used to stretch words.
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def normalise(text: str) -> str:
    """Lower case, no accents or Arabic vowel marks, apostrophes unified, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    text = _MARKS.sub("", text)
    text = re.sub(r"[^\w'\-]+", " ", text)
    return f" {' '.join(text.split())} "


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    """Normalised phrases by language."""
    found = {}
    for path in sorted(PHRASES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        found[path.stem] = tuple(normalise(line) for line in lines if line.strip() and not line.startswith("#"))
    return found


def suggests_risk(text: str | None) -> bool:
    """True when the text holds any listed phrase as whole words, in any language."""
    if not text:
        return False
    haystack = normalise(text)
    return any(phrase in haystack for listed in phrases().values() for phrase in listed)
