"""The one place where text written with light formatting becomes HTML: bleach, with a short allow-list.

Staff write some texts (the sections of a review letter) with light formatting, as the
letter editor's help text promises: paragraphs, lists, **bold**, and https:// addresses as
links (older letters may also hold the tags themselves, which stay allowed). That text is cleaned here when it is
saved (`sanitise`) and again every time it is shown (`as_html`, the `sanitised`
template filter), so that whatever reached the database, by any route, is inert
when a young person reads it.

Allowed: p, br, strong, b, em, i, ul, ol, li, and a with an http, https or mailto
href only (given rel="noopener noreferrer"). Everything else is stripped, keeping its
text: scripts, event handlers, styles, images, SVG, iframes, forms, comments.

This module is the only one that imports bleach; a test enforces that.
"""

import re
from functools import partial

import bleach
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# An absolute link with an allowed scheme, nothing before it (html5lib has already decoded entities).
_ALLOWED_HREF = re.compile(r"(?:https?://[^\s]|mailto:[^\s])", re.IGNORECASE | re.ASCII)
# C0 controls other than tab and newline, DEL, and the bidirectional embedding and override
# controls (LRE, RLE, PDF, LRO, RLO) that can make text read differently from what it is.
# Marks and isolates (LRM, RLM, LRI, RLI, FSI, PDI) stay: Arabic and Persian text needs them.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e]")


def _allowed_attribute(tag, name, value):
    return tag == "a" and name == "href" and bool(_ALLOWED_HREF.match(value or ""))


class _SafeLinks(Filter):
    """Give every link rel="noopener noreferrer" (runs after bleach has removed anything else)."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attributes = dict(token.get("data") or {})
                attributes[(None, "rel")] = LINK_REL
                token["data"] = attributes
            yield token


_CLEANER = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_SafeLinks],
)


def sanitise(text: str | None) -> str:
    """Text with light formatting, cleaned down to the allowed tags ('' for nothing). Idempotent."""
    if not text:
        return ""
    return _CLEANER.clean(_UNSAFE_CHARACTERS.sub("", text)).strip()


_BLOCK_START = re.compile(r"\s*<(?:p|ul|ol)[\s>]", re.IGNORECASE)
_BULLET = re.compile(r"\s*[-*\u2022]\s+(.*)")
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s+(.*)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
# **words** in bold: the stars touch the words, so "2 ** 3" or a lone star is left alone.
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def _list(tag, pattern, lines):
    items = "".join(f"<li>{pattern.fullmatch(line).group(1)}</li>" for line in lines)
    return f"<{tag}>{items}</{tag}>"


def _kind(line):
    if _BULLET.fullmatch(line):
        return "ul"
    if _NUMBERED.fullmatch(line):
        return "ol"
    return "p"


def _laid_out(lines):
    """One block's lines: runs of "- " lines make a list, runs of "1. " lines a numbered list, the rest paragraphs
    (so a list can follow its opening line directly, as people type it)."""
    runs = []
    for line in lines:
        kind = _kind(line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line]))
    out = []
    for kind, run in runs:
        if kind == "ul":
            out.append(_list("ul", _BULLET, run))
        elif kind == "ol":
            out.append(_list("ol", _NUMBERED, run))
        else:
            out.append("<p>" + "<br>\n".join(line.strip() for line in run) + "</p>")
    return "\n".join(out)


def with_paragraphs(text: str | None) -> str:
    """Plain typing laid out as HTML, as the letter editor's help text promises: a blank line starts a
    paragraph, lines starting "- " make a list and "1. " a numbered list, and **words** are bold.

    Blocks that already start with <p>, <ul> or <ol> are left as written. The result is
    not safe yet: it always goes through `sanitise` (see `as_html`).
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = []
    for block in _BLANK_LINES.split(text) if text else []:
        lines = [line for line in block.split("\n") if line.strip()]
        if _BLOCK_START.match(block):
            blocks.append(block)
        else:
            blocks.append(_laid_out(lines))
    return _BOLD.sub(r"<strong>\1</strong>", "\n".join(blocks))


def _https_only(attrs, new=False):
    """Links made from typed addresses: only those typed with https:// (as the help text says)."""
    if new and not attrs.get("_text", "").lower().startswith("https://"):
        return None
    return attrs


# Shown text only: typed https:// addresses become links. Never on save, so that the IRO's text
# stays as they typed it when they edit it again.
_SHOWING = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_https_only], skip_tags={"a"}, parse_email=False), _SafeLinks],
)


def as_html(text: str | None) -> Markup:
    """Text ready to show: laid out in paragraphs and lists, then sanitised. The `sanitised` filter."""
    if not text:
        return Markup("")
    shown = _SHOWING.clean(_UNSAFE_CHARACTERS.sub("", with_paragraphs(text))).strip()
    return Markup(shown)  # noqa: S704 (sanitised just above: this is the one place)
