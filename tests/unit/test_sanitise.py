"""The one sanitiser: hostile markup comes out inert, the light formatting IROs use survives."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.config import ROOT
from portal.security.sanitise import ALLOWED_TAGS, as_html, sanitise, with_paragraphs


class _Tags(HTMLParser):
    """Every tag and attribute in a piece of HTML, as a browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.comments = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def tags_in(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html):
    """Only allowed tags; only href (http, https, mailto) and rel on links; no comments; no raw '<' left."""
    parsed = tags_in(html)
    assert parsed.comments == [], html
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, html
        if tag == "a":
            assert set(attrs) <= {"href", "rel"}, html
            assert attrs["rel"] == "noopener noreferrer", html
            if "href" in attrs:
                assert re.match(r"(https?://|mailto:)", attrs["href"], re.IGNORECASE), html
        else:
            assert attrs == {}, html
    lowered = html.lower()
    for dangerous in ("<script", "<svg", "<img", "<iframe", "<style", "<math", "<object", "<embed", "<form",
                      "<input", "<link", "<meta", "<base", "<!--"):
        assert dangerous not in lowered, html


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script with attributes": '<script src="https://evil.example/x.js"></script>',
    "onerror on an image": "<img src=x onerror=alert(1)>",
    "image from elsewhere": '<img src="https://evil.example/track.gif">',
    "onclick on a link": '<a href="https://example.org" onclick="steal()">x</a>',
    "event handler on an allowed tag": '<p onmouseover="alert(1)">hover</p>',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link in capitals": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript link with a tab": '<a href="java\tscript:alert(1)">x</a>',
    "javascript link with an entity tab": '<a href="java&#x09;script:alert(1)">x</a>',
    "javascript link in entities": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    "javascript link with a NUL": '<a href="\x00javascript:alert(1)">x</a>',
    "javascript link with leading space": '<a href="  javascript:alert(1)">x</a>',
    "data link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "relative link": '<a href="/admin/people">x</a>',
    "protocol-relative link": '<a href="//evil.example">x</a>',
    "fullwidth javascript": '<a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">x</a>',
    "svg with script": "<svg><script>alert(1)</script></svg>",
    "svg onload": "<svg onload=alert(1)>",
    "svg use with data": '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>"/></svg>',
    "math with a javascript link": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "style attribute": '<p style="position:fixed;top:0">cover</p>',
    "style element": "<style>body{display:none}</style>text",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "form": '<form action="https://evil.example"><input name="password"></form>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "comment": "<!-- hidden --><b>shown</b>",
    "conditional comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "broken tag": "<scr<script>ipt>alert(1)</script>",
    "nested tags": "<<script>script>alert(1)<</script>/script>",
    "unclosed attribute": '<a href="https://example.org onclick=alert(1)>x',
    "attribute breaking out": '"><img src=x onerror=alert(1)>',
    "noscript trick": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "title trick": "<title><img src=x onerror=alert(1)></title>",
    "textarea trick": "<textarea><img src=x onerror=alert(1)></textarea>",
    "unicode escaped tag": "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "right-to-left override": "<a href=\"https://example.org\">\u202egnp.exe</a>",
    "target blank and rel": '<a href="https://example.org" target="_blank" rel="opener">x</a>',
    "id and class": '<p id="main" class="button">x</p>',
    "deeply nested": "<b>" * 200 + "deep" + "</b>" * 200,
}


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_stored_inert(markup):
    stored = sanitise(markup)
    assert_inert(stored)


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_shown_inert_even_if_stored_unsanitised(markup):
    # What reaches the database by any route is sanitised again when shown.
    assert_inert(str(as_html(markup)))


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
def test_sanitising_twice_changes_nothing(markup):
    assert sanitise(sanitise(markup)) == sanitise(markup)


def test_dangerous_links_lose_their_address_and_keep_their_words():
    for name in ("javascript link", "javascript link in entities", "data link", "fullwidth javascript",
                 "relative link", "protocol-relative link", "javascript link with a NUL"):
        assert sanitise(HOSTILE[name]) == '<a rel="noopener noreferrer">x</a>', name


def test_scripts_and_styles_leave_only_harmless_text():
    assert sanitise("<script>alert(1)</script>Hello") == "alert(1)Hello"
    assert sanitise("<style>body{display:none}</style>text") == "body{display:none}text"
    assert sanitise("<img src=x onerror=alert(1)>") == ""
    assert sanitise('"><img src=x onerror=alert(1)>') == '"&gt;'


def test_the_allowed_formatting_survives():
    written = ('<p>We met at <strong>home</strong> and <b>you</b> chose <em>pizza</em>, <i>again</i>.<br>Next line.</p>'
               '<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>'
               '<a href="https://www.childline.org.uk/">Childline</a> <a href="mailto:iro@example.org">email me</a>')
    assert sanitise(written) == written.replace(
        '<a href="https://www.childline.org.uk/">', '<a href="https://www.childline.org.uk/" rel="noopener noreferrer">'
    ).replace('<a href="mailto:iro@example.org">', '<a href="mailto:iro@example.org" rel="noopener noreferrer">')


def test_tags_that_are_not_allowed_are_removed_but_their_words_kept():
    assert sanitise("<h1>Big</h1><div>box</div><span>bit</span><table><tr><td>cell</td></tr></table>") == "Big\nboxbit\ncell"


def test_broken_markup_is_closed_and_text_escaped():
    assert sanitise("<p>unclosed <strong>bold") == "<p>unclosed <strong>bold</strong></p>"
    assert sanitise("Tom & Jerry < 3 > 2") == "Tom &amp; Jerry &lt; 3 &gt; 2"


def test_invisible_controls_and_direction_overrides_are_removed_but_arabic_marks_stay():
    assert sanitise("a\x00b\x07c\u202ed\u202ae") == "abcde"
    assert sanitise("مرحبا\u200f Alex \u2067x\u2069") == "مرحبا\u200f Alex \u2067x\u2069"


def test_plain_typing_becomes_paragraphs_and_lists():
    typed = "Hello Alex,\n\nIt was good to see you.\nYou were brave.\n\n- football\n- music\n\n1. first\n2) second"
    assert with_paragraphs(typed) == (
        "<p>Hello Alex,</p>\n<p>It was good to see you.<br>\nYou were brave.</p>\n"
        "<ul><li>football</li><li>music</li></ul>\n<ol><li>first</li><li>second</li></ol>")
    assert str(as_html("<ul><li>kept as written</li></ul>\n\nthen a paragraph")) == (
        "<ul><li>kept as written</li></ul>\n<p>then a paragraph</p>")
    assert as_html("") == "" and as_html(None) == ""


def test_laying_out_never_smuggles_markup_past_the_sanitiser():
    assert_inert(str(as_html("- <img src=x onerror=alert(1)>\n- <script>x</script>\n\n1. <svg onload=alert(1)>")))


def test_bleach_is_imported_only_by_the_sanitiser():
    importers = [str(path.relative_to(ROOT)) for path in (ROOT / "portal").rglob("*.py")
                 if re.search(r"^\s*(import bleach|from bleach)", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert importers == ["portal/security/sanitise.py"]


def test_only_the_sanitised_filter_marks_html_as_safe():
    templates = [str(path.relative_to(ROOT)) for path in Path(ROOT / "templates").rglob("*.html")
                 if re.search(r"\|\s*safe\b", path.read_text(encoding="utf-8"))]
    assert templates == []
    code = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "portal").rglob("*.py")
                  if "Markup(" in path.read_text(encoding="utf-8"))
    # The sanitiser; templating.render_in_locale, which only wraps render_template's own escaped output, and the
    # bdi filter (escape first, then wrap); charts.shown_html, which builds one fixed span with Markup.format (every
    # value escaped: tested below); frame.py, which keeps the layout Jinja rendered and fills its slots with escaped
    # values; widgets.py, which writes WTForms' own markup with every value escaped (tests/unit/test_widgets.py).
    assert code == ["portal/core/charts.py", "portal/frame.py", "portal/security/sanitise.py", "portal/templating.py",
                    "portal/widgets.py"]


def test_a_shown_count_escapes_what_it_inserts(app, monkeypatch, request):
    from portal.core import charts
    from portal.core.suppression import Count

    # The words are made once per language and kept: forget this test's words before and after it.
    charts._suppressed_html.cache_clear()
    request.addfinalizer(charts._suppressed_html.cache_clear)
    monkeypatch.setitem(charts.SUPPRESSED_NAMES, "small", "<script>alert(1)</script>")
    with app.test_request_context():
        shown = str(charts.shown_html(Count(None, "small")))
    assert shown == '<span class="suppressed suppressed--small">&lt;script&gt;alert(1)&lt;/script&gt;</span>'


# Property tests: any mixture of text, allowed tags and hostile pieces comes out inert and stable.
PIECES = st.sampled_from([
    "<p>", "</p>", "<b>", "</b>", "<strong>", "<em>", "<ul>", "<li>", "</ul>", "<br>", "<a href=\"https://x.org\">", "</a>",
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">",
    "<a href='data:text/html,x'>", "<p style=\"color:red\">", "<div onclick=x()>", "<!--", "-->", "<", ">", "\"", "'",
    "=", "onerror=", "javascript:", "&#x3C;", "&lt;", "\u202e", "\x00", "\n\n", "- ", "<iframe src=//x>", "<math>",
    "<style>", "<<", "</", "<a href=\"ja\tvascript:x\">",
])
MARKUP = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_any_markup_comes_out_inert(markup):
    stored = sanitise(markup)
    assert_inert(stored)
    shown = str(as_html(stored))
    assert_inert(shown)
    for attribute in re.findall(r"<[^>]*>", shown):
        assert "javascript:" not in attribute.lower()
        assert "style=" not in attribute.lower()
        assert not re.search(r"\son\w+\s*=", attribute.lower())


@settings(max_examples=200, deadline=None)
@given(MARKUP)
def test_sanitising_is_idempotent(markup):
    once = sanitise(markup)
    assert sanitise(once) == once


def test_what_the_letter_editors_help_text_promises_is_what_is_shown():
    # "Leave a blank line between paragraphs."
    assert str(as_html("One.\n\nTwo.")) == "<p>One.</p>\n<p>Two.</p>"
    # "Start lines with "- " to make a list, or with "1. " to make a numbered list" (even right after a line).
    assert str(as_html("You told me:\n- football\n- music\nThat is all.")) == (
        "<p>You told me:</p>\n<ul><li>football</li><li>music</li></ul>\n<p>That is all.</p>")
    assert str(as_html("Steps:\n1. ring\n2. visit")) == "<p>Steps:</p>\n<ol><li>ring</li><li>visit</li></ol>"
    # "Put two stars on each side of words to make them bold: **like this**."
    assert str(as_html("You were **really brave**.")) == "<p>You were <strong>really brave</strong>.</p>"
    # "Web addresses that start with https:// become links."
    assert str(as_html("See https://www.childline.org.uk/")) == (
        '<p>See <a href="https://www.childline.org.uk/" rel="noopener noreferrer">https://www.childline.org.uk/</a></p>')


def test_what_the_help_text_does_not_promise_stays_plain():
    assert str(as_html("2 ** 3 and a * star")) == "<p>2 ** 3 and a * star</p>"
    assert str(as_html("**not\nbold**")) == "<p>**not<br>\nbold**</p>"
    assert "<a" not in str(as_html("http://example.org www.example.org example.org someone@example.org"))


def test_saving_keeps_the_typing_as_typed_so_editing_again_shows_the_same_words():
    typed = "You were **brave**.\n- see https://www.childline.org.uk/"
    assert sanitise(typed) == typed
