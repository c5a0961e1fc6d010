"""The consultation forms: every question translatable, on a topic, in an age band; the review covered."""

import pytest
from flask_babel.speaklater import LazyString

from portal.core.questions import CURRENT, FORMS, Kind, Topic
from portal.models.young_people import AgeBand

# The picture symbols' names agreed between helpers (templates/components/symbols.html draws them).
SYMBOLS = """face_great face_good face_okay face_not_good face_bad
face_0 face_1 face_2 face_3 face_4 face_5 face_6 face_7 face_8 face_9 face_10
home safe family school health listen money documents story
house_good house_worries house_dreams
meeting people place clock talk key education bank doctor adviser
think shrug yes no interpreter topics"""

ALL_QUESTIONS = [(form, question) for form in FORMS.values() for question in form.all_questions()]


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
    for wording in question.wordings:
        assert isinstance(wording, LazyString)
    if question.kind in (Kind.CHOICE, Kind.SCALE, Kind.FACES):
        assert len(question.choices) >= 2
    else:
        assert question.choices == ()


@pytest.mark.parametrize("form", list(FORMS.values()), ids=lambda form: str(form.band))
def test_keys_are_unique_within_a_form(form):
    keys = [question.key for question in form.all_questions()]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("band", list(AgeBand))
def test_every_band_has_a_core_of_at_most_7_screens_then_topics_to_choose(band):
    form = CURRENT[band]
    assert len(form.questions) <= 7
    keys = [question.key for question in form.questions]
    assert keys[1] == "home.safe" and "review.talk_about" in keys and keys[-1] == "anything_else"
    assert {"houses.good", "houses.worries", "review.arrangements"} <= set(keys)
    parts = [part.key for question in form.questions for part in question.parts]
    assert parts == ["review.attend", "review.invite", "review.interpreter"]  # one screen
    offered = {section.topic for section in form.topics}
    assert {Topic.FAMILY, Topic.SCHOOL, Topic.HEALTH, Topic.WHY_IN_CARE} <= offered
    assert (Topic.PATHWAY in offered) == (band == AgeBand.FROM_16)  # leaving care: 16+ only


def test_the_4_to_7_core_asks_how_happy_at_home_with_eleven_faces():
    question = CURRENT[AgeBand.UNDER_8].questions[0]
    assert question.kind == Kind.FACES and question.key == "home.happy"
    assert [choice.value for choice in question.choices] == [str(n) for n in range(11)]
    assert [choice.picture for choice in question.choices] == [f"face_{n}" for n in range(11)]


@pytest.mark.parametrize("band", [AgeBand.FROM_8, AgeBand.FROM_12, AgeBand.FROM_16])
def test_older_forms_cover_every_topic_and_the_review_itself(band):
    form = CURRENT[band]
    topics = {question.topic for question in form.all_questions()}
    expected = {Topic.HOME, Topic.FAMILY, Topic.HEALTH, Topic.WORKERS, Topic.MONEY, Topic.WHY_IN_CARE,
                Topic.THREE_HOUSES, Topic.REVIEW, Topic.ANYTHING_ELSE}
    assert expected <= topics
    keys = {question.key for question in form.all_questions()}
    assert {"review.attend", "review.invite", "review.interpreter", "review.not_invite", "review.where", "review.when", "review.chair",
            "review.alone_first", "review.advocate"} <= keys
    assert {"houses.good", "houses.worries"} <= keys


def test_the_16_plus_form_covers_pathway_planning():
    keys = {question.key for question in CURRENT[AgeBand.FROM_16].all_questions()}
    assert {"pathway.live", "pathway.education", "pathway.money", "pathway.documents", "pathway.immigration",
            "pathway.health", "pathway.adviser"} <= keys


def test_every_picture_is_a_symbol_name_never_an_emoji():
    names = set(SYMBOLS.split())
    for _form, question in ALL_QUESTIONS:
        for picture in (question.picture, *(choice.picture for choice in question.choices)):
            assert picture == "" or picture in names, (question.key, picture)


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
    assert form.section(Topic.WHY_IN_CARE) is not None
    question = form.question("story.know")
    assert question is not None and str(question.prompt) == "Do you know why you live here?"
    assert question.topic == Topic.WHY_IN_CARE and question.shareable is False
    assert [choice.value for choice in question.choices] == ["yes", "a_bit", "no", "tell_me"]
    assert [str(choice.label) for choice in question.choices][-1] == "I'd like someone to tell me"
    # Not knowing, or wanting to be told, is a wish for the IRO to act on, never a safety worry.
    assert all(choice.concern is None for choice in question.choices)
    assert "fine not to know" in str(question.hint)


def test_a_4_to_7_consultation_started_with_the_first_form_keeps_its_questions():
    old = FORMS[(AgeBand.UNDER_8, 1)]
    assert old.question("story.know") is None and len(old.questions) == 11
    assert len(FORMS[(AgeBand.UNDER_8, 2)].questions) == 12  # the long form stays for the forms started with it
    assert CURRENT[AgeBand.UNDER_8].version == 3
