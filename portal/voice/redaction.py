"""Spotting details that could identify someone in a quote, for the moderator to check.

Nothing here decides: it highlights and suggests. The moderator sees the words with each detail
marked (the template draws the <mark>s from the spans found here) and a suggested redacted text
with each detail replaced by "[name]", "[phone]", "[place]" and so on, which they can edit.

What is spotted: first names from common-name lists (zxcvbn's lists of common first names, which
already leave out names that are more often ordinary English words, like "Will" or "May"),
anyone called "Mr", "Mrs", "Ms", "Miss" or "Dr" something, a capitalised word after "called" or
"my name is"; phone numbers; email addresses; UK postcodes; and places: capitalised words before
or after "school", "college", "academy", "street", "road" and similar. Names in other scripts, and
nicknames, are not spotted: the moderator reads every word.
"""

import re
from dataclasses import dataclass
from functools import cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS

PLACEHOLDERS = {"name": "[name]", "phone": "[phone]", "email": "[email]", "postcode": "[postcode]", "place": "[place]"}

# Names in the lists that are, at the start of a sentence, usually ordinary words.
NOT_NAMES = {"mark", "bill", "joy", "grace", "dawn", "rose", "faith", "june", "april", "august", "summer",
             "sunny", "frank", "rich", "guy", "art", "ray", "don", "case", "page", "young", "king", "star",
             "miles", "gay", "chance", "major", "sky", "christian", "sterling", "lane"}
# Capitalised words that start a sentence or a place phrase without being part of the name of a place.
NOT_PLACE_WORDS = {"i", "a", "an", "the", "my", "our", "your", "his", "her", "their", "at", "in", "to", "from",
                   "go", "went", "going", "and", "but", "so", "on", "of", "new", "old", "this", "that", "when",
                   "we", "they", "he", "she", "it", "is", "was"}
PLACE_WORDS = r"school|college|academy|university|street|road|avenue|lane|drive|crescent|estate"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{6,}\d(?!\w)")
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b", re.IGNORECASE)
WORD = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Za-z]+)*\b")
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\w'’-]+")
CALLED = re.compile(r"\b(?:called|named|name is|name's|name’s)\s+([A-Z][\w'’-]+)")
CAPITALISED = r"[A-Z][\w'’.-]*"
PLACE_BEFORE = re.compile(rf"\b((?:{CAPITALISED}\s+){{1,3}})(?i:{PLACE_WORDS})\b")
PLACE_AFTER = re.compile(rf"\b(?i:{PLACE_WORDS})\s+(?:called\s+|named\s+)?((?:{CAPITALISED})(?:\s+{CAPITALISED}){{0,2}})")


@dataclass(frozen=True)
class Span:
    """Characters start to end of the text might identify someone; kind says why."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Part:
    """A piece of the text for the template: kind is None for ordinary words."""

    text: str
    kind: str | None = None


@cache
def common_first_names() -> frozenset[str]:
    """Lower-case common first names."""
    return frozenset(FREQUENCY_LISTS["male_names"]) | frozenset(FREQUENCY_LISTS["female_names"])


@cache
def common_surnames() -> frozenset[str]:
    """Lower-case common surnames (only used right after a first name)."""
    return frozenset(FREQUENCY_LISTS["surnames"])


def find_identifying(text: str) -> list[Span]:
    """Details that may identify someone, in order, without overlaps (the longest wins)."""
    found = []
    found += [Span(m.start(), m.end(), "email") for m in EMAIL.finditer(text)]
    for match in PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group())
        if 9 <= digits <= 15:
            found.append(Span(match.start(), match.end(), "phone"))
    found += [Span(m.start(), m.end(), "postcode") for m in POSTCODE.finditer(text)]
    found += _places(text)
    found += [Span(m.start(), m.end(), "name") for m in TITLED.finditer(text)]
    found += [Span(m.start(1), m.end(1), "name") for m in CALLED.finditer(text)]
    found += _names(text)
    return _without_overlaps(found)


def _names(text):
    """Common first names, each with a surname that follows it ("Tyler Smith")."""
    names, surnames = common_first_names(), common_surnames()
    spans, words = [], list(WORD.finditer(text))
    for index, match in enumerate(words):
        word = match.group().lower()
        if word not in names or word in NOT_NAMES:
            continue
        end = match.end()
        following = words[index + 1] if index + 1 < len(words) else None
        if following and text[end:following.start()] == " " and following.group().lower() in surnames:
            end = following.end()
        spans.append(Span(match.start(), end, "name"))
    return spans


def _places(text):
    spans = []
    for match in PLACE_BEFORE.finditer(text):
        words = match.group(1)
        # The keyword may be lower case ("Oakfield school"), the words before it must be capitalised.
        start = match.start(1) + _skip_leading(words)
        if start < match.end(1) and all(w[0].isupper() for w in text[start:match.end(1)].split()):
            spans.append(Span(start, match.end(), "place"))
    for match in PLACE_AFTER.finditer(text):
        words = match.group(1).split()
        if words and words[0].lower() not in NOT_PLACE_WORDS:
            spans.append(Span(match.start(), match.end(1), "place"))
    return spans


def _skip_leading(words):
    """How many characters of leading ordinary words ("At", "My", "The") to leave out of a place."""
    skipped = 0
    for word in re.findall(r"\S+\s+", words):
        if word.strip().lower().strip(".,") not in NOT_PLACE_WORDS:
            break
        skipped += len(word)
    return skipped


def _without_overlaps(spans):
    kept = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def parts(text: str, spans: list[Span] | None = None) -> list[Part]:
    """The text cut into ordinary pieces and highlighted pieces, for the template to mark up."""
    spans = find_identifying(text) if spans is None else spans
    pieces, position = [], 0
    for span in spans:
        if span.start > position:
            pieces.append(Part(text[position:span.start]))
        pieces.append(Part(text[span.start:span.end], span.kind))
        position = span.end
    if position < len(text):
        pieces.append(Part(text[position:]))
    return pieces


def suggested_redaction(text: str, spans: list[Span] | None = None) -> str:
    """The text with every spotted detail replaced by a placeholder such as "[name]"."""
    spans = find_identifying(text) if spans is None else spans
    return "".join(PLACEHOLDERS[part.kind] if part.kind else part.text for part in parts(text, spans))
