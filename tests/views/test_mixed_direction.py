"""People's own words keep their punctuation in either direction: every piece of typed text is marked dir="auto"."""

import re
from pathlib import Path

from portal.config import ROOT
from tests.consultation_steps import answer, consultation_id, start

TYPED_TEXT = re.compile(r'<(p|span|li|dd|div|td|blockquote)\b[^>]*class="[^"]*\b(pre-line|answer-text)\b[^"]*"[^>]*>')


def test_every_element_showing_typed_text_is_marked_to_find_its_own_direction():
    """Arabic inside an English page (and English inside Arabic) keeps its full stop at its own end."""
    unmarked = []
    for path in sorted(Path(ROOT, "templates").rglob("*.html")):
        for tag in TYPED_TEXT.finditer(path.read_text(encoding="utf-8")):
            if ' dir=' not in tag.group(0) and "language_attrs" not in tag.group(0):
                unmarked.append(f"{path.relative_to(ROOT)}: {tag.group(0)}")
    assert unmarked == []


def test_the_letters_sections_find_their_own_direction():
    body = Path(ROOT, "templates", "letters", "_letter_body.html").read_text(encoding="utf-8")
    assert body.count("|sanitised }}") == body.count('<div dir="auto">{{ ') >= 5


def test_an_arabic_answer_on_an_english_check_page_is_isolated(app, world, signed_in):
    client = signed_in("demo-child")
    url = start(client)
    written = "غرفتي جميلة. Dan and I were there."
    assert answer(client, url, choice="good", text=written).status_code == 303
    body = client.get(f"/have-your-say/{consultation_id(url)}/check").get_data(as_text=True)
    assert f'<p dir="auto" class="answer-text">{written}</p>' in body
