"""The password rules (NIST SP 800-63B) in portal.core.passwords: what is refused, why, and the suggestion."""

import random

import pytest

from portal import create_app
from portal.core import passwords
from portal.core.passwords import min_length, problem_with, refusal, suggest

ZERO_WIDTH = "\u200b" * 8


@pytest.fixture
def context():
    """A request context (messages are translated); no database is touched."""
    app = create_app("test", {"DATABASE_URL": "sqlite://"})
    with app.test_request_context():
        yield app


@pytest.mark.parametrize("password", ["aaaaaaaa", "12341234", "Summer2026", "haveyoursay", ZERO_WIDTH])
@pytest.mark.parametrize("staff", [False, True])
def test_the_issues_examples_are_refused_for_everyone(context, password, staff):
    assert problem_with(password, username="someone", staff=staff) is not None


@pytest.mark.parametrize("password,reason", [
    ("aaaaaaaa", "mostly the same thing repeated"),
    ("12341234", "mostly the same thing repeated"),
    ("abcdefgh", "mostly the same thing repeated"),
    ("horsehorse", "mostly the same thing repeated"),
    ("Summer2026", "too easy to guess"),
    ("haveyoursay", "too easy to guess"),
    ("HaveYourSay!!", "too easy to guess"),
    (ZERO_WIDTH, "cannot be seen"),
    (" " * 12, "cannot be seen"),
    ("short", "at least 8 characters"),
    ("river-child", "different from your username"),
])
def test_a_refusal_says_why_in_plain_words(context, password, reason):
    assert reason in problem_with(password, username="river-child", staff=False)


def test_the_username_counts_as_easy_to_guess(context):
    assert problem_with("sky-walker-9", username="sky-walker", staff=False) is not None
    assert problem_with("sky-walker-9", username="someone-else", staff=False) is None


def test_staff_need_12_characters_young_people_and_carers_8(context):
    assert (min_length(False), min_length(True)) == (8, 12)
    assert problem_with("otter lamp", username="a", staff=False) is None
    assert "at least 12 characters" in problem_with("otter lamp", username="a", staff=True)
    assert problem_with("otter lamp kiwi", username="a", staff=True) is None


@pytest.mark.parametrize("password", ["demo-pass-2026", "purple otter rides trams", "pumpkin lantern otter"])
def test_good_passwords_pass(context, password):
    assert problem_with(password, username="demo-iro", staff=True) is None


def test_the_suggestion_is_three_words_from_the_list_and_repeatable_with_a_seed(context):
    first, again = suggest(random.Random(7)), suggest(random.Random(7))
    assert first == again
    chosen = first.split()
    assert len(chosen) == 3 and len(set(chosen)) == 3
    assert set(chosen) <= set(passwords.words())


def test_suggested_passwords_pass_the_rules(context):
    chooser = random.Random(3)
    for _ in range(20):
        assert problem_with(suggest(chooser), username="demo-iro", staff=True) is None


def test_the_refusal_message_carries_the_reason_and_the_suggestion(context):
    words = suggest(random.Random(11))
    message = refusal("aaaaaaaa", username="x", staff=False, chooser=random.Random(11))
    assert message.startswith("Your password is mostly the same thing repeated")
    assert message.endswith(f"Try three random words instead, like: {words}")
    assert refusal("purple otter rides trams", username="x", staff=False) is None


def test_the_word_list_is_small_simple_and_has_no_repeats(context):
    words = passwords.words()
    assert 100 <= len(words) <= 500
    assert len(set(words)) == len(words)
    assert all(word.isalpha() and word.islower() for word in words)


def test_very_long_passwords_are_checked_quickly_and_over_200_refused(context):
    assert problem_with("otter " * 30, username="x", staff=False) is not None  # repeated unit
    assert problem_with("a quiet river " + "x9" * 100, username="x", staff=False) == "Passwords are 200 characters or fewer"
