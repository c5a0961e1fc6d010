"""The review consultation forms: versioned definitions, one per age band, every string translatable.

A question's `key` is stable across versions, so answers can be compared from one review to
the next. A consultation remembers the (band, version) it was started with; old versions stay
here so that what a young person answered is always shown with the question they saw.
"""

import enum
from dataclasses import dataclass, field, replace

from flask_babel import lazy_gettext as _l

from portal.models.young_people import AgeBand


class Topic(enum.StrEnum):
    """What a question is about; the IRO sees answers grouped by topic."""

    HOME = "home"
    FAMILY = "family"
    SCHOOL = "school"
    HEALTH = "health"
    WORKERS = "workers"
    MONEY = "money"
    DOCUMENTS = "documents"
    WHY_IN_CARE = "why_in_care"
    THREE_HOUSES = "three_houses"
    PATHWAY = "pathway"
    REVIEW = "review"
    ANYTHING_ELSE = "anything_else"
    # "Did this happen?": the decisions of the last review's letter, asked again.
    DECISIONS = "decisions"


TOPIC_NAMES = {
    Topic.HOME: _l("Home and feeling safe"),
    Topic.FAMILY: _l("Family and friends"),
    Topic.SCHOOL: _l("School, college or work"),
    Topic.HEALTH: _l("Health and feelings"),
    Topic.WORKERS: _l("My social worker and my IRO"),
    Topic.MONEY: _l("Money and savings"),
    Topic.DOCUMENTS: _l("Documents for life"),
    Topic.WHY_IN_CARE: _l("Knowing my story"),
    Topic.THREE_HOUSES: _l("Three Houses"),
    Topic.PATHWAY: _l("After 18"),
    Topic.REVIEW: _l("My review meeting"),
    Topic.ANYTHING_ELSE: _l("Anything else"),
    Topic.DECISIONS: _l("Since my last review"),
}


class Kind(enum.StrEnum):
    """How a question is answered."""

    TEXT = "text"  # free text only
    CHOICE = "choice"  # one choice, with an optional "tell me more"
    SCALE = "scale"  # a feelings scale with faces, with an optional "tell me more"
    FACES = "faces"  # "how happy are you, 0 to 10": a row of eleven faces, stored "0".."10"
    LANGUAGE = "language"  # a language: "no", one of the portal's languages, or "other" (typed in the words)


@dataclass(frozen=True)
class Choice:
    """One answer option; `picture` is a symbol name (templates/components/symbols.html), shown beside the words."""

    value: str
    label: object
    picture: str = ""
    # Tapping this choice is a worry in itself: "urgent" (the IRO is told at once and may read it before it
    # is sent, and the young person sees where to get help) or "soon" (the IRO looks soon). None: no worry.
    concern: str | None = None


@dataclass(frozen=True)
class Question:
    """One screen of the consultation."""

    key: str
    topic: Topic
    prompt: object
    kind: Kind = Kind.TEXT
    hint: object = None
    choices: tuple[Choice, ...] = ()
    picture: str = ""
    # Review arrangements are about one meeting, not views for the Children in Care Council.
    shareable: bool = True
    # Shown after the question, for example a link to ask for an advocate.
    offers_advocate: bool = False
    # Other wordings of the same question (same key): a young person meets a different one at each review
    # (portal/core/consultations.py chooses it by how many forms they sent before), so questions stay fresh.
    wordings: tuple = ()
    # A screen of several small questions (the review arrangements): each part is stored as its own answer.
    parts: tuple["Question", ...] = ()

    def worded(self, round_number: int) -> "Question":
        """This question as asked at a young person's `round_number`-th form (0: their first)."""
        if not self.wordings:
            return self
        pool = (self.prompt, *self.wordings)
        return replace(self, prompt=pool[round_number % len(pool)])

    @property
    def leaves(self) -> tuple["Question", ...]:
        """The questions stored as answers: the parts of a screen, or the question itself."""
        return self.parts or (self,)


@dataclass(frozen=True)
class TopicSection:
    """A topic a young person may choose to tell us about ("Do you want to tell us about…?"): a few screens."""

    topic: Topic
    label: object
    questions: tuple[Question, ...]
    picture: str = ""


@dataclass(frozen=True)
class FormDefinition:
    """The questions a young person in one age band answers, in order."""

    band: AgeBand
    version: int
    # The core: every young person meets these (from version 2 of each band, at most 7 screens).
    questions: tuple[Question, ...] = field(default_factory=tuple)
    # The topics offered after the core, each a few screens, asked only when chosen. Old versions have none.
    topics: tuple[TopicSection, ...] = ()

    def position_of(self, key: str) -> int:
        """1-based position of a core question."""
        return next(i for i, q in enumerate(self.questions, start=1) if q.key == key)

    def question(self, key: str) -> Question | None:
        """Any stored question of this form (core, a topic's, or a part of a screen), by key."""
        return next((q for q in self.all_questions() if q.key == key), None)

    def all_questions(self) -> tuple[Question, ...]:
        """Every question that can hold an answer, in order (the parts of a screen, not the screen)."""
        screens = (*self.questions, *(q for section in self.topics for q in section.questions))
        return tuple(leaf for screen in screens for leaf in screen.leaves)

    def section(self, topic) -> TopicSection | None:
        return next((s for s in self.topics if s.topic == topic), None)


MAX_ANSWER_LENGTH = 5000

FEELINGS = (
    Choice("great", _l("Really good"), "face_great"),
    Choice("good", _l("Good"), "face_good"),
    Choice("okay", _l("Okay"), "face_okay"),
    Choice("not_good", _l("Not good"), "face_not_good"),
    Choice("bad", _l("Really bad"), "face_bad", concern="soon"),
)
YES_NO_UNSURE = (
    Choice("yes", _l("Yes")),
    Choice("no", _l("No")),
    Choice("not_sure", _l("I'm not sure")),
)
SAFE = (
    Choice("yes", _l("Yes, I feel safe"), "home"),
    Choice("mostly", _l("Most of the time"), "face_good"),
    Choice("no", _l("No, not always"), "face_not_good", concern="urgent"),
)


def _review_questions(young: bool) -> tuple[Question, ...]:
    """The review itself: come or not, who, where, when, chairing, talking alone, an advocate."""
    attend = Question(
        "review.attend", Topic.REVIEW,
        _l("Do you want to come to your review meeting?") if not young else _l("Do you want to come to your meeting?"),
        Kind.CHOICE, shareable=False, picture="meeting",
        choices=(Choice("all", _l("Yes, all of it")), Choice("part", _l("Just part of it")),
                 Choice("no", _l("No, I'd rather not come")), Choice("not_sure", _l("I'm not sure yet"))),
    )
    invite = Question("review.invite", Topic.REVIEW, _l("Who would you like to be at your meeting?"),
                      hint=_l("For example your carer, a parent, a teacher, a friend or an advocate."),
                      shareable=False, picture="people")
    not_invite = Question("review.not_invite", Topic.REVIEW, _l("Is there anyone you would rather was not there?"),
                          hint=_l("You can say why if you want to. Your IRO will think about it with you."),
                          shareable=False)
    where = Question(
        "review.where", Topic.REVIEW, _l("Where would you like your meeting to be?"), Kind.CHOICE,
        hint=_l("Meetings should not be at school. You can tell us a place you like."), shareable=False, picture="place",
        choices=(Choice("home", _l("Where I live")), Choice("elsewhere", _l("Somewhere else (tell us where)")),
                 Choice("dont_mind", _l("I don't mind"))),
    )
    when = Question("review.when", Topic.REVIEW, _l("When is a good time for your meeting?"),
                    hint=_l("Meetings should not be in school time. For example: after school on a Tuesday."),
                    shareable=False, picture="clock")
    chair = Question(
        "review.chair", Topic.REVIEW, _l("Would you like to chair your meeting, or help to run it?"), Kind.CHOICE,
        hint=_l("Chairing means saying what will be talked about and in what order. Your IRO will help you."),
        shareable=False,
        choices=(Choice("chair", _l("I'd like to chair it")), Choice("co_chair", _l("I'd like to run it with my IRO")),
                 Choice("no", _l("No thanks")), Choice("not_sure", _l("I'm not sure"))),
    )
    alone = Question("review.alone_first", Topic.REVIEW, _l("Would you like to talk to your IRO on your own before the meeting?"),
                     Kind.CHOICE, choices=YES_NO_UNSURE, shareable=False)
    advocate = Question(
        "review.advocate", Topic.REVIEW, _l("Would you like an advocate to help you have your say?"), Kind.CHOICE,
        hint=_l("An advocate is someone on your side who helps you say what you want. They do not work for the council."),
        choices=YES_NO_UNSURE, shareable=False, offers_advocate=True,
    )
    if young:
        return (attend, invite, where)
    return (attend, invite, not_invite, where, when, chair, alone, advocate)


def _three_houses(young: bool) -> tuple[Question, ...]:
    good = Question("houses.good", Topic.THREE_HOUSES,
                    _l("House of good things: what is going well?") if not young else _l("What makes you happy?"),
                    picture="house_good")
    worries = Question("houses.worries", Topic.THREE_HOUSES,
                       _l("House of worries: is anything worrying you?") if not young else _l("Is anything making you sad or worried?"),
                       picture="house_worries")
    dreams = Question("houses.dreams", Topic.THREE_HOUSES,
                      _l("House of dreams: what would you like to happen?") if not young else _l("What would you wish for?"),
                      picture="house_dreams")
    return (good, worries, dreams)


ANYTHING_ELSE = Question("anything_else", Topic.ANYTHING_ELSE,
                         _l("Is there anything else you want your IRO to know?"), picture="talk")

_UNDER_8_START = (
    Question("home.feel", Topic.HOME, _l("How do you feel at home?"), Kind.SCALE, choices=FEELINGS, picture="home"),
    Question("home.safe", Topic.HOME, _l("Do you feel safe where you live?"), Kind.CHOICE, choices=SAFE),
    Question("family.see", Topic.FAMILY, _l("Who do you like to see?"),
             hint=_l("Your family, brothers and sisters, friends, pets."), picture="family"),
    Question("school.feel", Topic.SCHOOL, _l("How do you feel at school?"), Kind.SCALE, choices=FEELINGS, picture="school"),
)

# Version 1 stays so that consultations started with it are still shown with the questions they had.
UNDER_8_V1 = FormDefinition(AgeBand.UNDER_8, 1, (
    *_UNDER_8_START,
    *_three_houses(young=True),
    *_review_questions(young=True),
    ANYTHING_ELSE,
))

# The first-review checklist asks whether a young person knows why they are in care; for 4 to 7
# year olds the question is gentle, any answer is fine, and "tell me" is a wish the IRO acts on
# (life-story work with someone the child knows), never a worry flag.
STORY_UNDER_8 = Question(
    "story.know", Topic.WHY_IN_CARE, _l("Do you know why you live here?"), Kind.CHOICE,
    hint=_l("It is fine not to know. If you would like, your IRO will find someone you know to explain it to you."),
    choices=(Choice("yes", _l("Yes"), "face_good"), Choice("a_bit", _l("A bit"), "think"), Choice("no", _l("No"), "shrug"),
             Choice("tell_me", _l("I'd like someone to tell me"), "talk")),
    shareable=False, picture="story",
)

UNDER_8_V2 = FormDefinition(AgeBand.UNDER_8, 2, (
    *_UNDER_8_START,
    STORY_UNDER_8,
    *_three_houses(young=True),
    *_review_questions(young=True),
    ANYTHING_ELSE,
))

FROM_8_V1 = FormDefinition(AgeBand.FROM_8, 1, (
    Question("home.feel", Topic.HOME, _l("How do you feel about where you live?"), Kind.SCALE, choices=FEELINGS, picture="home"),
    Question("home.safe", Topic.HOME, _l("Do you feel safe where you live?"), Kind.CHOICE, choices=SAFE),
    Question("family.contact", Topic.FAMILY, _l("Do you see your family, brothers and sisters and friends as much as you want to?"),
             Kind.CHOICE, choices=(Choice("yes", _l("Yes")), Choice("more", _l("I'd like to see them more")),
                                   Choice("less", _l("I'd like to see them less")), Choice("not_sure", _l("I'm not sure"))),
             picture="family"),
    Question("school.feel", Topic.SCHOOL, _l("How is school going?"), Kind.SCALE, choices=FEELINGS, picture="school"),
    Question("health.feel", Topic.HEALTH, _l("How are you feeling, in your body and in your mind?"), Kind.SCALE,
             choices=FEELINGS, picture="health"),
    Question("workers.listen", Topic.WORKERS, _l("Do your social worker and your IRO listen to you?"), Kind.CHOICE,
             choices=(Choice("yes", _l("Yes")), Choice("sometimes", _l("Sometimes")), Choice("no", _l("No"))), picture="listen"),
    Question("money.pocket", Topic.MONEY, _l("Do you get pocket money, and do you know about your savings?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="money"),
    Question("story.know", Topic.WHY_IN_CARE, _l("Do you know why you live where you do?"), Kind.CHOICE,
             choices=(Choice("yes", _l("Yes")), Choice("a_bit", _l("A bit")), Choice("no", _l("No"))), shareable=False),
    Question("story.more", Topic.WHY_IN_CARE, _l("Would you like someone to help you understand more about your story?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, shareable=False),
    *_three_houses(young=False),
    *_review_questions(young=False),
    ANYTHING_ELSE,
))

_COMMON_12 = (
    Question("home.feel", Topic.HOME, _l("How do you feel about where you live?"), Kind.SCALE, choices=FEELINGS, picture="home"),
    Question("home.safe", Topic.HOME, _l("Do you feel safe where you live?"), Kind.CHOICE, choices=SAFE),
    Question("family.contact", Topic.FAMILY,
             _l("Are you happy with how often you see or talk to your family, brothers and sisters and friends?"),
             Kind.CHOICE, choices=(Choice("yes", _l("Yes")), Choice("more", _l("I'd like more contact")),
                                   Choice("less", _l("I'd like less contact")), Choice("not_sure", _l("I'm not sure"))),
             picture="family"),
    Question("health.feel", Topic.HEALTH, _l("How are you feeling, in your body and in your mind?"), Kind.SCALE,
             choices=FEELINGS, hint=_l("You can tell us about sleep, stress, or anything on your mind."), picture="health"),
    Question("workers.listen", Topic.WORKERS, _l("Do your social worker and your IRO listen to you and do what they say they will?"),
             Kind.CHOICE, choices=(Choice("yes", _l("Yes")), Choice("sometimes", _l("Sometimes")), Choice("no", _l("No"))),
             picture="listen"),
)

FROM_12_V1 = FormDefinition(AgeBand.FROM_12, 1, (
    *_COMMON_12,
    Question("school.feel", Topic.SCHOOL, _l("How are school or college going?"), Kind.SCALE, choices=FEELINGS, picture="school"),
    Question("money.savings", Topic.MONEY, _l("Do you know how much money you have saved, and how to get it?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="money"),
    Question("documents.have", Topic.DOCUMENTS, _l("Do you have your passport and birth certificate, or know who keeps them?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="documents"),
    Question("story.know", Topic.WHY_IN_CARE, _l("Do you know why you are looked after?"), Kind.CHOICE,
             choices=(Choice("yes", _l("Yes")), Choice("a_bit", _l("A bit")), Choice("no", _l("No"))), shareable=False),
    Question("story.more", Topic.WHY_IN_CARE,
             _l("Would you like to know more, or to see your records? You have a right to ask."),
             Kind.CHOICE, choices=YES_NO_UNSURE, shareable=False),
    *_three_houses(young=False),
    *_review_questions(young=False),
    ANYTHING_ELSE,
))

FROM_16_V1 = FormDefinition(AgeBand.FROM_16, 1, (
    *_COMMON_12,
    Question("pathway.live", Topic.PATHWAY, _l("Where would you like to live after you are 18?"), Kind.CHOICE,
             hint=_l("Staying Put means staying with your foster carers after 18."),
             choices=(Choice("staying_put", _l("Stay with my carers (Staying Put)")),
                      Choice("own_place", _l("A place of my own")), Choice("supported", _l("Supported housing")),
                      Choice("family", _l("With family")), Choice("not_sure", _l("I'm not sure yet"))),
             picture="key"),
    Question("pathway.education", Topic.PATHWAY, _l("What are your plans for education, training or work?"), picture="education"),
    Question("pathway.money", Topic.MONEY, _l("Do you have a bank account, and do you know about your savings and the money you can get?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="bank"),
    Question("pathway.documents", Topic.DOCUMENTS,
             _l("Do you have your National Insurance number, passport and birth certificate?"),
             Kind.CHOICE, choices=(Choice("all", _l("Yes, all of them")), Choice("some", _l("Some of them")),
                                   Choice("none", _l("No")), Choice("not_sure", _l("I'm not sure"))), picture="documents"),
    Question("pathway.immigration", Topic.DOCUMENTS,
             _l("If it applies to you: do you know your immigration status, and do you have a solicitor?"),
             hint=_l("Skip this if it is not about you."), shareable=False),
    Question("pathway.health", Topic.HEALTH, _l("Do you know how to see a doctor or dentist, and have your health history?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="doctor"),
    Question("pathway.adviser", Topic.WORKERS, _l("Do you know your personal adviser, and can you reach them when you need to?"),
             Kind.CHOICE, choices=YES_NO_UNSURE, picture="adviser"),
    Question("story.know", Topic.WHY_IN_CARE, _l("Do you know why you are looked after, and would you like to see your records?"),
             Kind.CHOICE, choices=(Choice("know", _l("I know, and I don't need more")),
                                   Choice("want_more", _l("I'd like to know more or see my records")),
                                   Choice("not_sure", _l("I'm not sure"))), shareable=False),
    *_three_houses(young=False),
    *_review_questions(young=False),
    ANYTHING_ELSE,
))

# ---- Short by default, deep by choice (issue 13) ----------------------------------------------------
# From these versions on, every band has a core of at most 7 screens; then "Do you want to tell us about…?"
# offers topics, each a few screens, asked only when chosen. Topic questions have two or three wordings,
# so consecutive reviews do not repeat the same sentence (the key, and so the comparison, stays the same).

FACES = tuple(
    Choice(str(n), _l("0 out of 10, very sad") if n == 0 else _l("10 out of 10, very happy") if n == 10
           else _l("%(number)s out of 10", number=n),
           f"face_{n}", concern="soon" if n == 0 else None)
    for n in range(11)
)
DID_IT_HAPPEN = (
    Choice("yes", _l("Yes"), "yes"),
    Choice("partly", _l("Partly")),
    Choice("no", _l("No"), "no"),
    Choice("not_sure", _l("I'm not sure"), "shrug"),
)
INTERPRETER_NO, INTERPRETER_OTHER = "no", "other"
NO_INTERPRETER = _l("No, thank you")
ANOTHER_LANGUAGE = _l("Another language")


def _arrangements(young: bool) -> Question:
    """The review arrangements on one screen: coming or not, who, and an interpreter in which language."""
    return Question(
        "review.arrangements", Topic.REVIEW, _l("Your meeting") if young else _l("Your review meeting"),
        shareable=False, picture="meeting",
        parts=(
            Question("review.attend", Topic.REVIEW,
                     _l("Do you want to come to your meeting?") if young else _l("Do you want to come to your review meeting?"),
                     Kind.CHOICE, shareable=False,
                     choices=(Choice("all", _l("Yes, all of it")), Choice("part", _l("Just part of it")),
                              Choice("no", _l("No, I'd rather not come")), Choice("not_sure", _l("I'm not sure yet")))),
            Question("review.invite", Topic.REVIEW, _l("Who would you like to be at your meeting?"),
                     hint=_l("For example your carer, a parent, a teacher, a friend or an advocate."), shareable=False),
            Question("review.interpreter", Topic.REVIEW, _l("Would you like an interpreter at your review?"),
                     Kind.LANGUAGE, shareable=False, picture="interpreter",
                     hint=_l("An interpreter says everything in your language. Choose the language, or \"No, thank you\".")),
        ),
    )


def _core(young: bool) -> tuple[Question, ...]:
    home = (
        Question("home.happy", Topic.HOME, _l("How happy are you at home?"), Kind.FACES, choices=FACES, picture="home",
                 hint=_l("0 is very sad, 10 is very happy."))
        if young else
        Question("home.feel", Topic.HOME, _l("How do you feel about where you live?"), Kind.SCALE, choices=FEELINGS,
                 picture="home")
    )
    return (
        home,
        Question("home.safe", Topic.HOME, _l("Do you feel safe where you live?"), Kind.CHOICE, choices=SAFE,
                 picture="safe"),
        Question("houses.good", Topic.THREE_HOUSES,
                 _l("What makes you happy?") if young else _l("What is going well?"), picture="house_good"),
        Question("houses.worries", Topic.THREE_HOUSES,
                 _l("Is anything making you sad or worried?") if young else _l("Is anything worrying you?"),
                 picture="house_worries"),
        Question("review.talk_about", Topic.REVIEW,
                 _l("What do you want to talk about at your meeting?") if young
                 else _l("What do you want to talk about at your review?"),
                 hint=_l("Your IRO sees this when you send your answers, before your meeting."), shareable=False, picture="talk"),
        _arrangements(young),
        ANYTHING_ELSE,
    )


def _section(topic, label, picture, *questions):
    return TopicSection(topic, label, tuple(questions), picture)


_CONTACT_CHOICES = (Choice("yes", _l("Yes")), Choice("more", _l("I'd like to see them more")),
                    Choice("less", _l("I'd like to see them less")), Choice("not_sure", _l("I'm not sure")))
_LISTEN_CHOICES = (Choice("yes", _l("Yes")), Choice("sometimes", _l("Sometimes")), Choice("no", _l("No")))
_KNOW_CHOICES = (Choice("yes", _l("Yes")), Choice("a_bit", _l("A bit")), Choice("no", _l("No")))


def _family(young: bool) -> TopicSection:
    if young:
        return _section(Topic.FAMILY, _l("My family"), "family", Question(
            "family.see", Topic.FAMILY, _l("Who do you like to see?"),
            hint=_l("Your family, brothers and sisters, friends, pets."), picture="family",
            wordings=(_l("Who would you like to see more?"), _l("Who is special to you?"))))
    return _section(
        Topic.FAMILY, _l("Family and contact"), "family",
        Question("family.contact", Topic.FAMILY,
                 _l("Do you see your family, brothers and sisters and friends as much as you want to?"),
                 Kind.CHOICE, choices=_CONTACT_CHOICES, picture="family",
                 wordings=(_l("Are you happy with how often you see your family and friends?"),
                           _l("Would you like to see your family or friends more, or less?"))),
        Question("family.important", Topic.FAMILY, _l("Who is important to you?"), picture="people",
                 wordings=(_l("Who would you like us to know about?"), _l("Who matters most to you at the moment?"))),
    )


def _school(young: bool, older: bool) -> TopicSection:
    return _section(
        Topic.SCHOOL, _l("School") if not older else _l("School, college or work"), "school",
        Question("school.feel", Topic.SCHOOL, _l("How do you feel at school?") if young else _l("How is school going?"),
                 Kind.SCALE, choices=FEELINGS, picture="school",
                 wordings=(_l("How are things at school?"), _l("What is school like for you at the moment?"))),
        Question("school.help", Topic.SCHOOL, _l("Is there anything that would help you at school?"), picture="education",
                 wordings=(_l("What would make school better for you?"),)),
    )


def _health(older: bool) -> TopicSection:
    questions = [Question(
        "health.feel", Topic.HEALTH, _l("How are you feeling, in your body and in your mind?"), Kind.SCALE,
        choices=FEELINGS, picture="health", hint=_l("You can tell us about sleep, stress, or anything on your mind."),
        wordings=(_l("How have you been feeling lately?"), _l("How are you looking after yourself at the moment?")))]
    if older:
        questions.append(Question(
            "pathway.health", Topic.HEALTH, _l("Do you know how to see a doctor or dentist, and have your health history?"),
            Kind.CHOICE, choices=YES_NO_UNSURE, picture="doctor",
            wordings=(_l("Do you know how to book a doctor or dentist yourself?"),)))
    return _section(Topic.HEALTH, _l("Health and feelings"), "health", *questions)


def _workers(older: bool) -> TopicSection:
    questions = [Question(
        "workers.listen", Topic.WORKERS, _l("Do your social worker and your IRO listen to you?"), Kind.CHOICE,
        choices=_LISTEN_CHOICES, picture="listen",
        wordings=(_l("Do your social worker and your IRO do what they say they will?"),
                  _l("Do you feel your social worker hears what you say?")))]
    if older:
        questions.append(Question(
            "pathway.adviser", Topic.WORKERS, _l("Do you know your personal adviser, and can you reach them when you need to?"),
            Kind.CHOICE, choices=YES_NO_UNSURE, picture="adviser",
            wordings=(_l("Can you get hold of your personal adviser when you need them?"),)))
    return _section(Topic.WORKERS, _l("My social worker"), "listen", *questions)


def _money(band: str) -> TopicSection:
    if band == "8-11":
        question = Question("money.pocket", Topic.MONEY, _l("Do you get pocket money, and do you know about your savings?"),
                            Kind.CHOICE, choices=YES_NO_UNSURE, picture="money",
                            wordings=(_l("Do you know how much pocket money you should get?"),
                                      _l("Do you know if you have savings?")))
    elif band == "12-15":
        question = Question("money.savings", Topic.MONEY, _l("Do you know how much money you have saved, and how to get it?"),
                            Kind.CHOICE, choices=YES_NO_UNSURE, picture="money",
                            wordings=(_l("Do you know about your savings account?"),
                                      _l("Would you like help to understand your money and savings?")))
    else:
        question = Question("pathway.money", Topic.MONEY,
                            _l("Do you have a bank account, and do you know about your savings and the money you can get?"),
                            Kind.CHOICE, choices=YES_NO_UNSURE, picture="bank",
                            wordings=(_l("Do you know what money you can get when you leave care?"),
                                      _l("Do you have a bank account and know how to use your savings?")))
    return _section(Topic.MONEY, _l("Money"), "money", question)


def _documents(older: bool) -> TopicSection:
    if not older:
        return _section(Topic.DOCUMENTS, _l("Documents"), "documents", Question(
            "documents.have", Topic.DOCUMENTS, _l("Do you have your passport and birth certificate, or know who keeps them?"),
            Kind.CHOICE, choices=YES_NO_UNSURE, picture="documents",
            wordings=(_l("Do you know where your birth certificate and passport are kept?"),)))
    return _section(
        Topic.DOCUMENTS, _l("Documents"), "documents",
        Question("pathway.documents", Topic.DOCUMENTS,
                 _l("Do you have your National Insurance number, passport and birth certificate?"),
                 Kind.CHOICE, choices=(Choice("all", _l("Yes, all of them")), Choice("some", _l("Some of them")),
                                       Choice("none", _l("No")), Choice("not_sure", _l("I'm not sure"))),
                 picture="documents",
                 wordings=(_l("Which of your documents do you have: National Insurance number, passport, birth certificate?"),)),
        Question("pathway.immigration", Topic.DOCUMENTS,
                 _l("If it applies to you: do you know your immigration status, and do you have a solicitor?"),
                 hint=_l("Skip this if it is not about you."), shareable=False,
                 wordings=(_l("If it is about you: is anything worrying you about your immigration status?"),)),
    )


def _story(young: bool) -> TopicSection:
    if young:
        return _section(Topic.WHY_IN_CARE, _l("Why I live here"), "story", replace(
            STORY_UNDER_8, wordings=(_l("Do you know why you live with your carers?"),)))
    return _section(
        Topic.WHY_IN_CARE, _l("Why I'm in care"), "story",
        Question("story.know", Topic.WHY_IN_CARE, _l("Do you know why you are looked after?"), Kind.CHOICE,
                 choices=_KNOW_CHOICES, shareable=False, picture="story",
                 wordings=(_l("Do you understand why you are in care?"),
                           _l("Do you know the reasons you live where you do?"))),
        Question("story.more", Topic.WHY_IN_CARE,
                 _l("Would you like someone to help you understand more about your story?"),
                 Kind.CHOICE, choices=YES_NO_UNSURE, shareable=False,
                 wordings=(_l("Would you like to know more, or to see your records? You have a right to ask."),)),
    )


def _leaving_care() -> TopicSection:
    return _section(
        Topic.PATHWAY, _l("Leaving care"), "key",
        Question("pathway.live", Topic.PATHWAY, _l("Where would you like to live after you are 18?"), Kind.CHOICE,
                 hint=_l("Staying Put means staying with your foster carers after 18."),
                 choices=(Choice("staying_put", _l("Stay with my carers (Staying Put)")),
                          Choice("own_place", _l("A place of my own")), Choice("supported", _l("Supported housing")),
                          Choice("family", _l("With family")), Choice("not_sure", _l("I'm not sure yet"))),
                 picture="key", wordings=(_l("Where do you see yourself living when you are 18?"),)),
        Question("pathway.education", Topic.PATHWAY, _l("What are your plans for education, training or work?"),
                 picture="education",
                 wordings=(_l("What would you like to do next: college, training or a job?"),
                           _l("What help do you need with college, training or work?"))),
    )


def _meeting(young: bool) -> TopicSection:
    """More about the review meeting: where, when, chairing it, talking alone first, an advocate."""
    where = Question(
        "review.where", Topic.REVIEW, _l("Where would you like your meeting to be?"), Kind.CHOICE,
        hint=_l("Meetings should not be at school. You can tell us a place you like."), shareable=False, picture="place",
        choices=(Choice("home", _l("Where I live")), Choice("elsewhere", _l("Somewhere else (tell us where)")),
                 Choice("dont_mind", _l("I don't mind"))),
        wordings=(_l("Is there a place you would like your meeting to be?"),))
    if young:
        return _section(Topic.REVIEW, _l("My meeting"), "meeting", where)
    return _section(
        Topic.REVIEW, _l("My review meeting"), "meeting",
        where,
        Question("review.not_invite", Topic.REVIEW, _l("Is there anyone you would rather was not there?"),
                 hint=_l("You can say why if you want to. Your IRO will think about it with you."), shareable=False,
                 picture="people", wordings=(_l("Is there anyone you would rather did not come to your meeting?"),)),
        Question("review.when", Topic.REVIEW, _l("When is a good time for your meeting?"),
                 hint=_l("Meetings should not be in school time. For example: after school on a Tuesday."),
                 shareable=False, picture="clock", wordings=(_l("What day and time suit you for your meeting?"),)),
        Question("review.chair", Topic.REVIEW, _l("Would you like to chair your meeting, or help to run it?"), Kind.CHOICE,
                 hint=_l("Chairing means saying what will be talked about and in what order. Your IRO will help you."),
                 shareable=False,
                 choices=(Choice("chair", _l("I'd like to chair it")), Choice("co_chair", _l("I'd like to run it with my IRO")),
                          Choice("no", _l("No thanks")), Choice("not_sure", _l("I'm not sure"))),
                 wordings=(_l("Would you like to help run your meeting?"),)),
        Question("review.alone_first", Topic.REVIEW, _l("Would you like to talk to your IRO on your own before the meeting?"),
                 Kind.CHOICE, choices=YES_NO_UNSURE, shareable=False,
                 wordings=(_l("Would you like some time with your IRO on your own first?"),)),
        Question("review.advocate", Topic.REVIEW, _l("Would you like an advocate to help you have your say?"), Kind.CHOICE,
                 hint=_l("An advocate is someone on your side who helps you say what you want. They do not work for the council."),
                 choices=YES_NO_UNSURE, shareable=False, offers_advocate=True,
                 wordings=(_l("Would you like someone on your side to help you at your meeting?"),)),
    )


UNDER_8 = FormDefinition(AgeBand.UNDER_8, 3, _core(young=True), (
    _family(young=True), _school(young=True, older=False), _health(older=False), _story(young=True), _meeting(young=True),
))
FROM_8 = FormDefinition(AgeBand.FROM_8, 2, _core(young=False), (
    _family(young=False), _school(young=False, older=False), _health(older=False), _workers(older=False),
    _money("8-11"), _documents(older=False), _story(young=False), _meeting(young=False),
))
FROM_12 = FormDefinition(AgeBand.FROM_12, 2, _core(young=False), (
    _family(young=False), _school(young=False, older=True), _health(older=False), _workers(older=False),
    _money("12-15"), _documents(older=False), _story(young=False), _meeting(young=False),
))
# Leaving care is offered only from 16.
FROM_16 = FormDefinition(AgeBand.FROM_16, 2, _core(young=False), (
    _family(young=False), _school(young=False, older=True), _health(older=True), _workers(older=True),
    _money("16+"), _documents(older=True), _story(young=False), _leaving_care(), _meeting(young=False),
))


def decision_question(decision_id: int, what: str) -> Question:
    """"Did this happen?" about one decision of the last review's letter (its key names the decision)."""
    return Question(f"decision.{decision_id}", Topic.DECISIONS,
                    _l("At your last review it was decided: %(decision)s Did this happen?", decision=what),
                    Kind.CHOICE, choices=DID_IT_HAPPEN, shareable=False, picture="think")


FORMS = {(form.band, form.version): form for form in (
    UNDER_8_V1, UNDER_8_V2, FROM_8_V1, FROM_12_V1, FROM_16_V1, UNDER_8, FROM_8, FROM_12, FROM_16)}
CURRENT = {form.band: form for form in (UNDER_8, FROM_8, FROM_12, FROM_16)}


def definition(band: AgeBand, version: int) -> FormDefinition:
    """The form a consultation was started with."""
    return FORMS[(AgeBand(band), version)]
