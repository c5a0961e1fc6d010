"""A pseudo-locale for development: every string accented and made about 40% longer, to find English that
is not translatable and layouts that break with longer languages. Never offered to people: it exists only
when PSEUDO_LOCALE_DIR is set (development and tests), and is built from the extracted template."""

import math
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# A real CLDR locale that is not one of the portal's languages, so Babel formats dates and numbers for it.
PSEUDO_LOCALE = "en_001"
PSEUDO_NAME = "Ƥšéûđö"

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ")
# Every character the accenting can produce: a text node holding none of them was not translated.
PSEUDO_CHARACTERS = frozenset("àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ")
# What must come through untouched: printf and Jinja placeholders, HTML tags and entities.
KEEP = re.compile(r"%\([^)]+\)[sdif]|%[sdif%]|\{\{[^}]*\}\}|\{[a-z_]+\}|<[^>]+>|&[#\w]+;")
# Padding words, accented, added so that the text is about 40% longer (languages such as Tigrinya and
# Somali often are). Short words, so that the text still wraps as a real language would.
PADDING = ("ļöŕé", "ɱîš", "ţàñ", "ƀéļ", "đûṽ", "àķ")


def pseudo_text(text: str) -> str:
    """`text` accented, with its placeholders and tags kept, and padded to about 140% of its length."""
    if not text:
        return text
    parts, at = [], 0
    for kept in KEEP.finditer(text):
        parts.append(text[at:kept.start()].translate(ACCENTED))
        parts.append(kept.group(0))
        at = kept.end()
    parts.append(text[at:].translate(ACCENTED))
    visible = len(KEEP.sub("", text))
    padding, needed = [], math.ceil(visible * 0.4)
    while needed > 0:
        word = PADDING[len(padding) % len(PADDING)]
        padding.append(word)
        needed -= len(word) + 1
    return "".join(parts) + (" " + " ".join(padding) if padding and visible > 1 else "")


def build(template: Path, directory: Path) -> Path:
    """Write <directory>/en_001/LC_MESSAGES/messages.mo from a .pot file; returns the .mo path."""
    with open(template, "rb") as handle:
        catalog = read_po(handle, locale=PSEUDO_LOCALE)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            forms = catalog.num_plurals
            message.string = tuple(pseudo_text(message.id[min(index, 1)]) for index in range(forms))
        else:
            message.string = pseudo_text(message.id)
    target = directory / PSEUDO_LOCALE / "LC_MESSAGES" / "messages.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        write_mo(handle, catalog)
    return target
