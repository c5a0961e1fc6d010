"""The consultation forms: every question translatable, on a topic, in an age band; the review covered."""

import pytest
from flask_babel.speaklater import LazyString

from portal.core.questions import CURRENT, FORMS, Kind, Topic
from portal.models.young_people import AgeBand

ALL_QUESTIONS = [(form, question) for form in FORMS.values() for question in form.questions]


def test_there_is_a_current_form_for_every_age_band():
    assert set(CURRENT) == set(AgeBand)


@pytest.mark.parametrize("form,question", ALL_QUESTIONS, ids=lambda value: getattr(value, "key", None) or str(value.band))
def test_every_question_has_a_translatable_prompt_a_topic_and_a_band(form, question):
    assert isinstance(question.prompt, LazyString)
    assert question.hint is None or isinstance(question.hint, LazyString)
    assert isinstance(question.topic, Topic)
    assert form.band in AgeBand
    for choice in question.choices:
        assert isinstance(choice.label, LazyString)
    if question.kind in (Kind.CHOICE, Kind.SCALE):
        assert len(question.choices) >= 2
    else:
        assert question.choices == ()


@pytest.mark.parametrize("form", list(FORMS.values()), ids=lambda form: str(form.band))
def test_keys_are_unique_within_a_form(form):
    keys = [question.key for question in form.questions]
    assert len(keys) == len(set(keys))


def test_the_under_8_form_is_short_with_pictures():
    form = CURRENT[AgeBand.UNDER_8]
    assert len(form.questions) <= 12
    assert all(choice.picture for q in form.questions if q.kind == Kind.SCALE for choice in q.choices)


@pytest.mark.parametrize("band", [AgeBand.FROM_8, AgeBand.FROM_12, AgeBand.FROM_16])
def test_older_forms_cover_every_topic_and_the_review_itself(band):
    form = CURRENT[band]
    topics = {question.topic for question in form.questions}
    expected = {Topic.HOME, Topic.FAMILY, Topic.HEALTH, Topic.WORKERS, Topic.MONEY, Topic.WHY_IN_CARE,
                Topic.THREE_HOUSES, Topic.REVIEW, Topic.ANYTHING_ELSE}
    assert expected <= topics
    keys = {question.key for question in form.questions}
    assert {"review.attend", "review.invite", "review.not_invite", "review.where", "review.when", "review.chair",
            "review.alone_first", "review.advocate"} <= keys
    assert {"houses.good", "houses.worries", "houses.dreams"} <= keys


def test_the_16_plus_form_covers_pathway_planning():
    keys = {question.key for question in CURRENT[AgeBand.FROM_16].questions}
    assert {"pathway.live", "pathway.education", "pathway.money", "pathway.documents", "pathway.immigration",
            "pathway.health", "pathway.adviser"} <= keys


def test_review_arrangements_and_a_childs_story_are_never_shared_with_the_council():
    for _form, question in ALL_QUESTIONS:
        if question.topic in (Topic.REVIEW, Topic.WHY_IN_CARE):
            assert question.shareable is False, question.key


def test_a_question_knows_its_position():
    form = CURRENT[AgeBand.FROM_12]
    assert form.position_of(form.questions[0].key) == 1
    assert form.position_of("anything_else") == len(form.questions)


def test_the_4_to_7_form_gently_asks_whether_they_know_why_they_live_here():
    form = CURRENT[AgeBand.UNDER_8]
    question = form.question("story.know")
    assert question is not None and str(question.prompt) == "Do you know why you live here?"
    assert question.topic == Topic.WHY_IN_CARE and question.shareable is False
    assert [choice.value for choice in question.choices] == ["yes", "a_bit", "no", "tell_me"]
    assert [str(choice.label) for choice in question.choices][-1] == "I'd like someone to tell me"
    # Not knowing, or wanting to be told, is a wish for the IRO to act on, never a safety worry.
    assert all(choice.concern is None for choice in question.choices)
    assert "fine not to know" in str(question.hint)
    assert len(form.questions) == 12


def test_a_4_to_7_consultation_started_with_the_first_form_keeps_its_questions():
    old = FORMS[(AgeBand.UNDER_8, 1)]
    assert old.question("story.know") is None and len(old.questions) == 11
    assert CURRENT[AgeBand.UNDER_8].version == 2
