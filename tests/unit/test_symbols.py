"""The service's own symbols (templates/components/symbols.html): every name in the contract is drawn,
small, hidden from screen readers; faces go from very sad to very happy by their mouths; no emoji anywhere."""

import re
from pathlib import Path

import pytest
from flask import render_template_string

from portal.core.questions import FORMS

ROOT = Path(__file__).resolve().parents[2]
FACES = [f"face_{number}" for number in range(11)]
NAMES = ["face_great", "face_good", "face_okay", "face_not_good", "face_bad", *FACES,
         "home", "safe", "family", "school", "health", "listen", "money", "documents", "story",
         "house_good", "house_worries", "house_dreams",
         "meeting", "people", "place", "clock", "talk", "key", "education", "bank", "doctor", "adviser",
         "think", "shrug", "yes", "no", "interpreter", "topics"]
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def symbol(app, name, size=None):
    with app.test_request_context("/"):
        call = "symbol(name)" if size is None else "symbol(name, size)"
        return render_template_string(
            '{% from "components/symbols.html" import symbol %}{{ ' + call + " }}", name=name, size=size)


def test_the_contract_lists_44_symbols_each_once():
    assert len(NAMES) == len(set(NAMES)) == 44


@pytest.mark.parametrize("name", NAMES)
def test_every_symbol_is_drawn_small_and_hidden_from_screen_readers(app, name):
    html = symbol(app, name)
    assert html.startswith('<svg class="symbol symbol--m" viewBox="0 0 24 24" width="48" height="48" '
                           'aria-hidden="true" focusable="false">') and html.endswith("</svg>")
    assert html.count("<svg") == 1 and any(shape in html for shape in ("<path", "<circle", "<rect"))
    assert len(html) < 800, len(html)  # a page carries only the symbols it shows: each must stay tiny


def test_the_sizes_are_24_48_and_96_pixels(app):
    assert 'width="24" height="24"' in symbol(app, "home", "s")
    assert 'width="48" height="48"' in symbol(app, "home", "m")
    assert 'width="96" height="96"' in symbol(app, "home", "l")


@pytest.mark.parametrize("name", ["", None, "nothing_like_it", "face_11", "face_"])
def test_an_unknown_or_empty_name_renders_nothing(app, name):
    assert symbol(app, name) == ""


def test_the_faces_go_from_very_sad_to_very_happy_by_the_curve_of_the_mouth(app):
    # The mouth is a curve from (8, 15.5) to (16, 15.5); its control point lower down is a wider smile.
    controls = [float(re.search(r"M8 15\.5Q12 ([\d.]+) 16 15\.5", symbol(app, face)).group(1)) for face in FACES]
    assert controls == sorted(controls) and len(set(controls)) == 11
    assert controls[0] < 15.5 < controls[10]  # 0 frowns, 10 smiles
    assert len({symbol(app, face) for face in FACES}) == 11


def test_every_picture_in_the_forms_is_a_symbol_that_is_drawn(app):
    pictures = {question.picture for form in FORMS.values() for question in form.questions} | {
        choice.picture for form in FORMS.values() for question in form.questions for choice in question.choices}
    pictures.discard("")
    assert pictures and pictures <= set(NAMES)
    assert all(symbol(app, picture) for picture in pictures)


def test_no_emoji_is_left_in_the_code_or_the_templates():
    found = [str(path.relative_to(ROOT)) for folder in ("portal", "templates", "static")
             for path in (ROOT / folder).rglob("*") if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".txt")
             and EMOJI.search(path.read_text(encoding="utf-8", errors="ignore"))]
    assert found == []
