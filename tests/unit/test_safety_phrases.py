"""Words that suggest risk, in English, Arabic and Spanish; ordinary words do not."""

import pytest

from portal.consultation.safety import normalise, phrases, suggests_risk


@pytest.mark.parametrize("text", [
    "My uncle HITS ME when he is angry",
    "I don't feel safe at home",
    "I don’t feel safe",  # a typographic apostrophe
    "sometimes I want to die",
    "I have been cutting myself",
    "لا أشعر بالأمان في البيت",
    "هو يَضْرِبُني كل يوم",  # with vowel marks
    "Mi padrastro me pega",
    "A veces quiero morir",
])
def test_risky_words_are_found_in_any_language(text):
    assert suggests_risk(text)


@pytest.mark.parametrize("text", [
    "I like hitting the ball at cricket",
    "My therapist is nice",
    "I feel safe and happy",
    "Me gusta mi escuela",
    "أحب مدرستي",
    "",
    None,
])
def test_ordinary_words_are_not_flagged(text):
    assert not suggests_risk(text)


def test_every_shipped_language_has_a_list():
    assert {"en", "ar", "es"} <= set(phrases())
    assert all(len(listed) >= 10 for listed in phrases().values())


def test_normalising_ignores_case_accents_and_marks():
    assert normalise("  Él  ME   Pegó ") == " el me pego "
    assert normalise("يَضْرِبُني") == normalise("يضربني")
