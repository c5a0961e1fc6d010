"""Rules of the review consultation: starting, saving answers, sending, and what the IRO sees."""

from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.core import flags
from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.consultations import (  # noqa: F401 (the consultation's own reads, used by its routes as services.*)
    NextReview,
    answered_keys,
    asked_questions,
    chosen_topics,
    consultations_by_review,
    core_screens,
    decision_ids,
    first_unanswered,
    for_review,
    form_of,
    forms_sent_before,
    is_answered,
    last_letter_decisions,
    next_review_of,
    offers_topics,
    progress,
    screens_of,
)
from portal.core.events import consultation_sent
from portal.core.outbox import notify
from portal.core.questions import (
    ANOTHER_LANGUAGE,
    CURRENT,
    INTERPRETER_NO,
    INTERPRETER_OTHER,
    NO_INTERPRETER,
    Kind,
    Question,
    Topic,
)
from portal.core.reviews import next_review  # noqa: F401 (used by the routes as services.next_review)
from portal.extensions import db
from portal.i18n import language_name
from portal.models import Addition, Answer, Consultation, ConsultationStatus, Role, SafetyFlag, YoungPerson
from portal.models.base import utcnow
from portal.models.young_people import AgeBand
from portal.security import privacy
from portal.security.policy import carer_may_read_letters


def start(young_person, review, user, locale, helped_by=None) -> Consultation:
    """The consultation for this review, started now if needed (a double tap starts one)."""
    existing = for_review(review)
    if existing is not None:
        return existing
    band = young_person.band(local_today())
    consultation = Consultation(
        young_person_id=young_person.id, review_id=review.id, band=band, form_version=CURRENT[band].version,
        locale=locale, started_by_id=user.id, helped_by_id=helped_by.id if helped_by else None,
        # Fixed now, so the young person and their IRO later read exactly the questions that were asked.
        wording_round=forms_sent_before(young_person.id),
        decision_ids=",".join(str(i) for i in last_letter_decisions(young_person.id)) or None,
    )
    db.session.add(consultation)
    try:
        db.session.flush()
        if helped_by is not None:
            privacy.start_helping(consultation, helped_by)
        db.session.commit()
    except IntegrityError:  # the same person started it at the same moment elsewhere
        db.session.rollback()
        return for_review(review)
    return consultation


def may_read_decisions(consultation, user) -> bool:
    """"Did this happen?" quotes the young person's letter: a helping carer sees it only where they may read the
    child's letters (under 12, or shared with them), as on the letters pages."""
    if user.role != Role.CARER or not decision_ids(consultation):
        return True
    return db.session.scalar(select(YoungPerson.id).where(
        YoungPerson.id == consultation.young_person_id, carer_may_read_letters(user))) is not None


def screens_for(consultation, user) -> list[Question]:
    """The screens as this person may see them: a letter's decision is not quoted to a carer who may not read it."""
    screens = screens_of(consultation)
    if may_read_decisions(consultation, user):
        return screens
    hidden = _l("A decision from %(name)s's last review letter", name=consultation.young_person.first_name)
    return [replace(screen, prompt=hidden) if screen.topic == Topic.DECISIONS else screen for screen in screens]


def core_count(young_person, band, consultation=None) -> int:
    """How many screens come before "Do you want to tell us about…?", for the start page."""
    if consultation is not None:
        return len(form_of(consultation).questions) + len(decision_ids(consultation))
    if band is None:
        return 0
    return len(CURRENT[band].questions) + len(last_letter_decisions(young_person.id))


def minutes_for(count: int) -> int:
    """About how long a number of screens takes a young person (about 40 seconds each), at least 2 minutes."""
    return max(2, round(count * 40 / 60))


def start_helping(consultation, carer):
    """Open a carer's helping session on a form already started (by them or by the young person)."""
    privacy.start_helping(consultation, carer)
    db.session.commit()


def end_helping(consultation, user):
    """End the helping on this form: what the young person writes from now on is theirs alone."""
    privacy.end_helping(consultation, user)
    db.session.commit()


def answered_alone(consultation, user, key) -> bool:
    """True when this question has an answer the user may not read (a carer facing a private answer)."""
    if user.role != Role.CARER:
        return False
    row = db.session.execute(select(Answer.helped_by_id).where(
        Answer.consultation_id == consultation.id, Answer.question_key == key)).first()
    return row is not None and row.helped_by_id != user.id


class PrivateAnswer(Exception):
    """A carer tried to replace an answer the young person gave alone."""


@dataclass
class Saved:
    """What happened when an answer was saved."""

    next_position: int
    concern: str | None = None  # "urgent", "soon" or None: how worrying the answer is

    @property
    def flagged(self) -> bool:
        """Urgent: the IRO is told at once and may read this answer before it is sent."""
        return self.concern == flags.URGENT


def save_answer(consultation, question: Question, *, choice, text, skipped, shared=None, advance=True, locale=None,
                helped_by=None) -> Saved:
    """Store (or replace) one answer, raise a safety flag when the words suggest risk, move on.

    `helped_by` is the carer whose open helping session this answer is given in (None: given alone).
    A carer never replaces an answer the young person gave alone. `shared` None keeps the sharing choice
    already made (it is made on the check page).
    """
    return save_screen(consultation, question, {question.key: (choice, text)}, skipped=skipped, shared=shared,
                       advance=advance, locale=locale, helped_by=helped_by)


def save_screen(consultation, screen: Question, values: dict, *, skipped, shared=None, advance=True, locale=None,
                helped_by=None) -> Saved:
    """Store every answer of one screen (`values`: key -> (choice, text)) in one transaction, then move on."""
    level = None
    for leaf in screen.leaves:
        if leaf.key not in values and not skipped:
            continue
        choice, text = values.get(leaf.key, (None, None))
        level = flags.highest(level, _store(consultation, leaf, choice, text, skipped, shared, helped_by))
    screens = screens_of(consultation)
    position = next((i for i, s in enumerate(screens, start=1)
                     if screen.key in (s.key, *(leaf.key for leaf in s.leaves))), len(screens))
    if advance:
        consultation.position = min(position + 1, len(screens) + 1)
    if locale:
        consultation.locale = locale
    consultation.updated_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:  # two saves of the same answer at once (autosave and a tap): keep the later
        db.session.rollback()
        return save_screen(consultation, screen, values, skipped=skipped, shared=shared, advance=advance,
                           locale=locale, helped_by=helped_by)
    return Saved(next_position=consultation.position, concern=level)


def _store(consultation, question, choice, text, skipped, shared, helped_by) -> str | None:
    answer = db.session.scalar(select(Answer).where(
        Answer.consultation_id == consultation.id, Answer.question_key == question.key))
    if answer is None:
        answer = Answer(consultation_id=consultation.id, question_key=question.key, shared=False)
        db.session.add(answer)
    elif helped_by is not None and answer.helped_by_id != helped_by.id:
        raise PrivateAnswer(question.key)
    answer.helped_by_id = helped_by.id if helped_by is not None else None
    if helped_by is not None:
        session = privacy.helping_session(consultation, helped_by)
        if session is not None:
            privacy.keep_helping_alive(session)
    answer.skipped = skipped
    answer.choice = None if skipped else (choice or None)
    answer.text = None if skipped else ((text or "").strip() or None)
    if shared is not None or skipped:
        answer.shared = bool(shared) and question.shareable and not skipped
    level = None if skipped else flags.level_of(question, answer.choice, answer.text)
    flags.raise_flag(consultation, question.key, level)
    return level


def choose_topics(consultation, topics) -> list[str]:
    """Keep the topics chosen on "Do you want to tell us about…?" (only ones this form offers), in its order."""
    offered = [section.topic.value for section in form_of(consultation).topics]
    chosen = [key for key in offered if key in set(topics)]
    consultation.topics = ",".join(chosen)
    consultation.updated_at = utcnow()
    db.session.commit()
    return chosen


def can_share(consultation) -> bool:
    """Sharing with the council is offered once, on the check page, and never to 4 to 7 year olds."""
    return consultation.band != AgeBand.UNDER_8


def share_all(consultation, shared: bool, user):
    """Share (or stop sharing) every shareable answer at once: a helping carer, only the answers given together."""
    share_chosen(consultation, shareable_keys(consultation) if shared else [], user)


def shareable_keys(consultation) -> list[str]:
    return [q.key for q in asked_questions(consultation) if q.shareable] if can_share(consultation) else []


def share_chosen(consultation, keys, user):
    """Share exactly the chosen shareable answers (a helping carer changes only the answers given together)."""
    offered = shareable_keys(consultation)
    chosen = [key for key in offered if key in set(keys)]
    for shared, wanted in ((True, chosen), (False, [key for key in offered if key not in chosen])):
        if not wanted:
            continue
        which = update(Answer).where(Answer.consultation_id == consultation.id, Answer.question_key.in_(wanted),
                                     Answer.skipped.is_(False))
        if user.role == Role.CARER:
            which = which.where(Answer.helped_by_id == user.id)
        db.session.execute(which.values(shared=shared))
    db.session.commit()


def send(consultation, user) -> bool:
    """Send to the IRO; True the first time, False if it was already sent (a double tap sends once)."""
    result = db.session.execute(
        update(Consultation)
        .where(Consultation.id == consultation.id, Consultation.status == ConsultationStatus.IN_PROGRESS)
        .values(status=ConsultationStatus.SENT, sent_at=utcnow())
    )
    if result.rowcount == 1:
        privacy.end_helping(consultation, user)
        notify(consultation.young_person.iro, "consultation_sent")
        # The council's side queues what the young person chose to share (encrypted, in this transaction).
        consultation_sent.send(consultation)
    db.session.commit()
    db.session.refresh(consultation)
    return result.rowcount == 1


def can_add_more(consultation, now: datetime | None = None) -> bool:
    """"One more thing" is possible after sending and until the review starts."""
    now = now or utcnow()
    return consultation.status == ConsultationStatus.SENT and consultation.review.scheduled_for > now


def add_more(consultation, text, helped_by=None) -> bool:
    """Add "one more thing"; True when it was kept, with a safety check like any answer."""
    if not can_add_more(consultation):
        return False
    addition = Addition(consultation_id=consultation.id, text=text.strip(),
                        helped_by_id=helped_by.id if helped_by is not None else None)
    db.session.add(addition)
    db.session.flush()
    flags.raise_flag(consultation, f"addition:{addition.id}", flags.text_level(text))
    db.session.commit()
    return True


def answer_data(answer) -> dict:
    """A stored answer as form data."""
    if answer is None:
        return {}
    return {"choice": answer.choice, "text": answer.text, "shared": answer.shared}


# ---- The IRO's side -------------------------------------------------------------------------


def flags_of(consultation) -> list[SafetyFlag]:
    return db.session.scalars(select(SafetyFlag).where(SafetyFlag.consultation_id == consultation.id)
                              .order_by(SafetyFlag.created_at)).all()


@dataclass
class ShownAnswer:
    """One answer as the IRO sees it: the question in English and in the young person's language."""

    question: Question
    prompt_english: str
    prompt_own: str | None
    choice_english: str | None
    choice_own: str | None
    answer: Answer | None
    flagged: bool


def choice_label(question, value):
    """The words of a stored choice in the current language (a language's own name for an interpreter)."""
    if question.kind == Kind.LANGUAGE:
        if value == INTERPRETER_NO:
            return str(NO_INTERPRETER)
        if value == INTERPRETER_OTHER:
            return str(ANOTHER_LANGUAGE)
        return language_name(value, str(get_locale()))
    return next((str(c.label) for c in question.choices if c.value == value), value)


_choice_label = choice_label


def for_iro(consultation, user) -> dict[Topic, list[ShownAnswer]]:
    """The answers this member of staff may read, grouped by topic, each question in English beside the young
    person's language (before sending, only answers that raised an urgent flag)."""
    answers = privacy.readable_answers(user, consultation)
    sent = consultation.status == ConsultationStatus.SENT
    flagged = {flag.question_key for flag in flags_of(consultation)}
    own = consultation.locale if consultation.locale != "en" else None
    grouped: dict[Topic, list[ShownAnswer]] = {}
    for question in asked_questions(consultation):
        answer = answers.get(question.key)
        if not sent and answer is None:
            continue
        choice = answer.choice if answer else None
        with force_locale("en"):
            prompt_english = str(question.prompt)
            choice_english = _choice_label(question, choice) if choice else None
        prompt_own = choice_own = None
        if own:
            with force_locale(own):
                prompt_own = str(question.prompt)
                choice_own = _choice_label(question, choice) if choice else None
        grouped.setdefault(question.topic, []).append(ShownAnswer(
            question, prompt_english, prompt_own, choice_english, choice_own, answer, question.key in flagged))
    return grouped


def mark_read(consultation, iro):
    """Mark the views read (once sent) and any urgent flags seen."""
    if consultation.read_by_iro_at is None and consultation.status == ConsultationStatus.SENT:
        consultation.read_by_iro_at = utcnow()
    db.session.execute(update(SafetyFlag).where(SafetyFlag.consultation_id == consultation.id,
                                                SafetyFlag.seen_at.is_(None)).values(seen_at=utcnow(), seen_by_id=iro.id))
    db.session.commit()


def interpreter_asked(consultation, user) -> str | None:
    """The language the young person asked an interpreter for (in the reader's language), if they asked and this
    member of staff may read the answer."""
    answer = privacy.readable_answers(user, consultation).get("review.interpreter")
    question = form_of(consultation).question("review.interpreter")
    if answer is None or question is None or answer.skipped or answer.choice in (None, INTERPRETER_NO):
        return None
    if answer.choice == INTERPRETER_OTHER and answer.text:
        return answer.text
    return choice_label(question, answer.choice)


def request_interpreter(consultation):
    if consultation.interpreter_requested_at is None:
        consultation.interpreter_requested_at = utcnow()
        db.session.commit()


@dataclass
class FlaggedContent:
    """What raised a flag, as far as this member of staff may read it: the question, the choice, the words."""

    prompt: str | None
    choice: str | None
    words: str | None
    private_until_sent: bool


def flagged_content(user, consultation, flag) -> FlaggedContent:
    """The answer (or "one more thing") behind a flag, through the privacy model: a "look soon" flag on a form
    that is not sent yet shows nothing of what was written. Loading it for staff is an audited read."""
    found = _flagged_content(user, consultation, flag.question_key)
    if found.words or found.choice:
        record_view(user, consultation.young_person, "safety_flag", flag.id)
    return found


def _flagged_content(user, consultation, question_key) -> FlaggedContent:
    if question_key.startswith("addition:"):
        wanted = question_key.partition(":")[2]
        addition = next((a for a in privacy.readable_additions(user, consultation) if str(a.id) == wanted), None)
        return FlaggedContent(None, None, addition.text if addition else None, addition is None)
    question = next((q for q in asked_questions(consultation) if q.key == question_key), None)
    answer = privacy.readable_answers(user, consultation).get(question_key)
    prompt = str(question.prompt) if question else question_key
    if answer is None:
        return FlaggedContent(prompt, None, None, True)
    choice = _choice_label(question, answer.choice) if question and answer.choice else None
    return FlaggedContent(prompt, choice, answer.text, False)


def local_moment(day, at) -> datetime:
    """A local date and (optional) time as an aware timestamp; no time means now (today) or noon (an earlier day)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    if at is None:
        now = utcnow().astimezone(zone)
        return now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=zone)
    return datetime.combine(day, at, tzinfo=zone)
