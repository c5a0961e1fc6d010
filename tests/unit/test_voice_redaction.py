"""Spotting identifying details in quotes for the moderator (portal.voice.redaction)."""

import pytest

from portal.voice.redaction import find_identifying, parts, suggested_redaction


def _kinds(text):
    return [(text[span.start:span.end], span.kind) for span in find_identifying(text)]


@pytest.mark.parametrize("text,found", [
    ("My brother Tyler misses me.", [("Tyler", "name")]),
    ("I want to see Tyler Smith more.", [("Tyler Smith", "name")]),
    ("My teacher Mrs Okonkwo is kind.", [("Mrs Okonkwo", "name")]),
    ("My social worker is called Priya.", [("Priya", "name")]),
    ("Call me on 07700 900123 please", [("07700 900123", "phone")]),
    ("or +44 20 7946 0958 at home", [("+44 20 7946 0958", "phone")]),
    ("email me at kid.99@example.co.uk now", [("kid.99@example.co.uk", "email")]),
    ("we live near SE1 7AB and", [("SE1 7AB", "postcode")]),
    ("postcode m1 1ae lower case", [("m1 1ae", "postcode")]),
    ("I go to Oakfield School every day", [("Oakfield School", "place")]),
    ("At St Mary's College it is hard", [("St Mary's College", "place")]),
    ("I live on Elm Road now", [("Elm Road", "place")]),
    ("my school is Greenfield Academy", [("Greenfield Academy", "place")]),
    ("a school called Brookside is near", [("school called Brookside", "place")]),
])
def test_details_that_might_identify_someone_are_spotted(text, found):
    assert _kinds(text) == found


@pytest.mark.parametrize("text", [
    "Will they listen to me? May I see my file?",
    "School is ok and my road is quiet.",
    "In 2019 and 2020 I moved 3 times.",
    "I want more pocket money and to see my brothers.",
    "Mark my words, it is hard.",
    "My Road",
])
def test_ordinary_words_are_not_highlighted(text):
    assert find_identifying(text) == []


def test_the_suggested_redaction_replaces_each_detail_with_what_it_was():
    text = "Tyler goes to Oakfield School, call 07700 900123 or tyler@example.com, SE1 7AB."
    assert suggested_redaction(text) == "[name] goes to [place], call [phone] or [email], [postcode]."


def test_parts_give_back_the_whole_text_in_order_with_the_details_marked():
    text = "Hi, I am Emily from Elm Road."
    pieces = parts(text)
    assert "".join(piece.text for piece in pieces) == text
    assert [(piece.text, piece.kind) for piece in pieces if piece.kind] == [("Emily", "name"), ("Elm Road", "place")]


def test_overlapping_details_are_marked_once_the_longest_winning():
    spans = find_identifying("Contact Dr Emily Watts on 0161 496 0000")
    assert [(span.kind) for span in spans] == ["name", "phone"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_text_without_details_is_left_as_it_is():
    text = "Nobody listens to us about contact with our brothers and sisters."
    assert suggested_redaction(text) == text
    assert parts(text) == [parts(text)[0]] and parts(text)[0].kind is None
