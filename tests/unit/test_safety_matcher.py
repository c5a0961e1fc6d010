"""The safety matcher: it hears worrying sentences the way children write them, in each language,
leaves ordinary ones alone, and its rules files are readable data with a level on every block."""

import pytest

from portal.core.safety import Level, RuleError, assess, compile_pattern, locales, matches, normalise, parse, rules, suggests_risk
from tests.safety_scores import FALSE_FLAG_TARGET, RECALL_TARGET, labelled, score, set_locales


def _hears(pattern, text):
    return compile_pattern(pattern).search(normalise(text)) is not None


# --- the labelled sets ---------------------------------------------------------------------------

# Every language with a rules file; the labelled sets of the languages added later are at least 30 worrying
# and 15 ordinary sentences (the first three were measured with smaller sets, English with a larger one).
LOCALES = sorted(locales())
SET_SIZES = {"en": (100, 50), "ar": (27, 13), "es": (27, 13)}


@pytest.mark.parametrize("locale", LOCALES)
def test_each_language_hears_95_percent_of_worrying_sentences_and_flags_at_most_5_percent_of_ordinary_ones(locale):
    result = score(locale)
    assert result.recall >= RECALL_TARGET, f"missed: {result.misses}"
    assert result.false_flag_rate <= FALSE_FLAG_TARGET, f"flagged: {result.false_flags}"


@pytest.mark.parametrize("locale", LOCALES)
def test_ordinary_sentences_stay_unflagged_when_every_language_is_checked(locale):
    assert score(locale, checked_as=None).false_flag_rate <= FALSE_FLAG_TARGET


@pytest.mark.parametrize("locale", LOCALES)
def test_each_labelled_set_is_big_enough_to_measure(locale):
    worrying, ordinary = SET_SIZES.get(locale, (30, 15))
    labels = [label for label, _sentence in labelled(locale)]
    assert len(labels) - labels.count("none") >= worrying
    assert labels.count("none") >= ordinary


def test_every_rules_language_has_a_labelled_set():
    assert set(locales()) <= set(set_locales())


def test_every_language_the_portal_offers_has_its_own_rules():
    from portal.config import LANGUAGES

    assert set(LANGUAGES) <= set(locales())


# --- what the issue reported -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I get hit at home",
    "he slapped me",
    "i dont want to live anymore",
    "my mum said she would kill me",
    "a man online asked for pictures",
    "I go missing at weekends",
    "older boys make me carry stuff",
])
def test_the_sentences_the_old_list_missed_are_heard(text):
    assert assess(text, "en") is not None


@pytest.mark.parametrize("text", [
    "I killed it at football",
    "my brother hits the ball miles",
    "I'm dying to see my mum",
    "Miss said I'm smashing my maths",
    "this game is sick",
    "i could murder a pizza",
    "the film was so scary",
    "My therapist is nice",
    "I feel safe and happy",
    "",
    None,
])
def test_everyday_words_that_sound_violent_are_not_flagged(text):
    assert assess(text) is None


# --- how text is matched -----------------------------------------------------------------------

@pytest.mark.parametrize("pattern,text", [
    ("hit me", "white meat"),
    ("kill me", "skill meter"),
    ("rape", "I like grapes"),
    ("hit(s|ting)? me", "hitsome metal"),
])
def test_rules_match_whole_words_only(pattern, text):
    assert not _hears(pattern, text)


@pytest.mark.parametrize("text", ["I don't feel safe", "I dont feel safe", "I don’t feel safe", "I DON'T FEEL SAFE!!!"])
def test_apostrophes_punctuation_and_capitals_do_not_matter(text):
    assert _hears("dont feel safe", text)


def test_repeated_letters_count_once():
    assert _hears("please", "pleeeease")
    assert _hears("kill myself", "i want to kil myself")
    assert _hears("kill myself", "i want to killll myself")


def test_a_gap_allows_up_to_three_words_and_no_more():
    assert _hears("scared … him", "scared him")
    assert _hears("scared … him", "scared of what him")
    assert _hears("scared ... him", "so scared of all of him")
    assert not _hears("scared … him", "scared of the big dog not him")
    assert _hears("said {0,5} kill me", "she said she was going to kill me")


def test_optional_words_endings_and_stems():
    assert _hears("want (to )?die", "i want die") and _hears("want (to )?die", "i want to die")
    assert _hears("he (really)? hit me", "he hit me") and _hears("he (really)? hit me", "he really hit me")
    assert _hears("hit me (again)?", "he hit me")
    assert all(_hears("hit(s|ting)? me", text) for text in ("hit me", "hits me", "hitting me"))
    assert _hears("slap* me", "she slapped me") and not _hears("slap* me", "she slapped the table")
    assert _hears("*ضربني", "وبيضربني")


def test_arabic_vowel_marks_and_letter_forms_do_not_matter():
    assert normalise("يَضْرِبُنِي") == normalise("يضربني")
    assert normalise("أريد أن أموت") == normalise("اريد ان اموت")
    assert normalise("آمنة") == normalise("امنه")
    assert assess("هُوَ يَضْرِبُنِي كُلَّ يَوْم", "ar") is Level.URGENT


def test_spanish_accents_do_not_matter():
    assert normalise("  Él  ME   Pegó ") == "el me pego"
    assert assess("Mi padrastro me pegó", "es") is Level.URGENT


# --- levels, languages and what a match says --------------------------------------------------

def test_the_highest_level_found_is_given():
    assert assess("i get bullied at school", "en") is Level.SOON
    assert assess("i get bullied at school and my dad hits me", "en") is Level.URGENT


def test_the_page_language_and_english_are_checked_and_every_list_when_the_language_has_none():
    assert assess("Mi padrastro me pega", "es") is Level.URGENT
    assert assess("Mi padrastro me pega", "es_MX") is Level.URGENT
    assert assess("he slapped me", "ar") is Level.URGENT  # children mix languages
    assert assess("Mi padrastro me pega", "ar") is None
    assert assess("Mi padrastro me pega", "de") is Level.URGENT  # no German list: every list
    assert assess("Mi padrastro me pega") is Level.URGENT


def test_a_match_names_its_rule_level_block_and_language():
    [found] = matches("he slapped me", "en")
    assert found.level is Level.URGENT and found.locale == "en"
    assert found.block == "being hurt at home or by an adult"
    assert "slap" in found.rule and found.found == "slaped me"
    assert rules("en")[[rule.line for rule in rules("en")].index(found.line)].source == found.rule


def test_ignore_blocks_take_out_only_the_everyday_phrase():
    assert assess("my brother beat me at fifa", "en") is None
    assert assess("my brother beat me at fifa then beat me up", "en") is Level.URGENT


def test_the_old_check_still_answers_for_current_callers():
    assert suggests_risk("sometimes I want to die")
    assert suggests_risk("i get bullied")  # a look-soon concern counts too
    assert not suggests_risk("I like hitting the ball at cricket")


# --- the rules files ---------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_every_rules_file_parses_and_every_block_has_a_level_and_a_purpose(locale):
    loaded = rules(locale)
    assert {rule.kind for rule in loaded} >= {"urgent", "soon"}
    assert all(rule.kind in ("urgent", "soon", "ignore") and rule.block for rule in loaded)


@pytest.mark.parametrize("text,where", [
    ("hit me", "line 1"),
    ("## later: something\nhit me", "line 1"),
    ("## urgent:\nhit me", "line 1"),
    ("## urgent: hurt\n(hit me", "line 2"),
    ("## urgent: hurt\nhit me)", "line 2"),
    ("## urgent: hurt\nhit|me", "line 2"),
    ("## urgent: hurt\n? me", "line 2"),
    ("## urgent: hurt\nhit * me", "line 2"),
    ("## urgent: hurt\n… hit me", "line 2"),
    ("## urgent: hurt\nhit [me]", "line 2"),
])
def test_a_rule_that_cannot_be_read_is_refused_with_its_line(text, where):
    with pytest.raises(RuleError, match=where):
        parse(text, "xx")


# --- the safety-check command -------------------------------------------------------------------

def test_safety_check_prints_a_level_a_tab_and_each_line(runner):
    result = runner.invoke(args=["safety-check", "--locale", "en"],
                           input="he slapped me\ni get bullied\nI killed it at football\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "urgent\the slapped me",
        "soon\ti get bullied",
        "none\tI killed it at football",
    ]


def test_safety_check_without_a_locale_uses_every_language(runner):
    result = runner.invoke(args=["safety-check"], input="me quiero morir\nأريد أن أموت\n")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["urgent\tme quiero morir", "urgent\tأريد أن أموت"]


@pytest.mark.parametrize("typed,plain", [("đánh tôi", "danh toi"), ("bił mnie", "bil mnie"),
                                         ("میترسم", "ميترسم"), ("کتک", "كتك")])
def test_letters_one_keyboard_gives_and_another_does_not_are_the_same_letter(typed, plain):
    assert normalise(typed) == normalise(plain)
