"""People's names, codes and case references are isolated in translated sentences, so a name written in
another direction cannot carry the sentence's punctuation to the wrong side."""

import re
from pathlib import Path

from markupsafe import Markup

from portal.config import ROOT
from portal.templating import bdi

# A value that is a person's name or a reference someone typed, passed into a translated sentence.
PEOPLES_TEXT = r"(?:\w+\.)*(?:first_name|display_name|allocated_name|case_reference|made_by\.name)"
TRANS_HEADER = re.compile(r"\{%-? trans\b[^%]*%\}")
GETTEXT_CALL = re.compile(r"\b(?:_|gettext|pgettext|ngettext)\((?:[^()]|\([^()]*\))*\)")
ARGUMENT = re.compile(rf"\b\w+=({PEOPLES_TEXT})(\s*\|\s*\w+)?")


def _unwrapped(text):
    found = []
    for sentence in [*TRANS_HEADER.findall(text), *GETTEXT_CALL.findall(text)]:
        for argument in ARGUMENT.finditer(sentence):
            if (argument.group(2) or "").strip(" |") != "bdi":
                found.append(argument.group(0))
    return found


def test_every_name_in_a_translated_sentence_goes_through_the_bdi_filter():
    unwrapped = [f"{path.relative_to(ROOT)}: {item}" for path in sorted(Path(ROOT, "templates").rglob("*.html"))
                 for item in _unwrapped(path.read_text(encoding="utf-8"))]
    assert unwrapped == []


def test_the_scan_finds_a_name_without_the_filter():
    assert _unwrapped("{% trans name=person.first_name %}Dear {{ name }},{% endtrans %}") == ["name=person.first_name"]
    assert _unwrapped('{{ _("Hello %(name)s", name=iro.display_name) }}') == ["name=iro.display_name"]
    assert _unwrapped("{% trans name=person.first_name|bdi %}Dear {{ name }},{% endtrans %}") == []


def test_the_filter_isolates_and_escapes():
    assert bdi("<b>Sam</b> & co") == Markup("<bdi>&lt;b&gt;Sam&lt;/b&gt; &amp; co</bdi>")


def test_codes_are_shown_left_to_right_on_every_page():
    for name in ("components/code_card.html", "auth/reset_code.html", "auth/recovery_codes.html"):
        text = Path(ROOT, "templates", name).read_text(encoding="utf-8")
        assert re.search(r'class="code" dir="ltr"', text), name


def test_names_are_isolated_in_the_page_but_the_tab_title_is_plain_text(app, world, signed_in):
    from tests.letters import write_letter

    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
    body = signed_in("demo-iro").get(f"/letters/{letter.id}").get_data(as_text=True)
    assert "<title>Letter to Alex – " in body  # a <title> cannot hold markup: the tags are stripped there
    assert "<h1>Letter to <bdi>Alex</bdi></h1>" in body
    assert "Dear <bdi>Alex</bdi>," in body and "&lt;bdi&gt;" not in body
