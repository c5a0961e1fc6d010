"""Review letters: when they are due, the IRO's list, writing and publishing, and young people's answers.

A letter is written for one review once the IRO has recorded the day it took place. It
is due LETTER_TARGET_DAYS calendar days later (the target: "within two weeks") and no
later than LETTER_LATEST_WORKING_DAYS working days (the limit). Saving names the version
the editor started from; a save or publish from an older version changes nothing and is
reported as a conflict, so that two people editing the same draft never overwrite each other.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from portal.core.audit import record_views
from portal.core.escalations import follow_up_escalations
from portal.core.outbox import notify
from portal.core.reviews import next_reviews
from portal.core.working_days import add_working_days
from portal.extensions import db
from portal.letters import translations
from portal.models import (
    CarerLink,
    Consultation,
    ConsultationStatus,
    Decision,
    DecisionAnswer,
    DecisionResponse,
    DecisionStatus,
    DecisionUpdate,
    LetterSharing,
    LetterStatus,
    LetterVersion,
    Recommendation,
    Review,
    ReviewLetter,
    YoungPerson,
)
from portal.models.base import utcnow
from portal.models.letters import SECTIONS
from portal.security.policy import (
    CARER_READS_LETTERS_UNDER_AGE,
    carer_may_read_letters,
    readable_letters,
    visible_young_people,
)
from portal.security.sanitise import sanitise

LIST_LIMIT = 50  # published letters and unrecorded reviews shown on the IRO's list, newest first

# Languages a young person can ask for their letter in: the design's languages, whether or not
# the portal itself is shown in them yet (an interpreter or translator can be arranged).
REQUESTABLE_LANGUAGES = ("en", "ar", "fa", "ps", "ckb", "ti", "vi", "sq", "es", "pt", "fr", "so", "pl")


def requestable_languages() -> dict[str, tuple[str, str]]:
    """Language code -> (its name in its own language, text direction), for the "my language" request."""
    languages = {}
    for code in REQUESTABLE_LANGUAGES:
        locale = Locale.parse(code)
        name = locale.get_display_name(code) or code
        languages[code] = (name[:1].upper() + name[1:], "rtl" if locale.character_order == "right-to-left" else "ltr")
    return languages


# --- When a letter is due -------------------------------------------------------------------------

class Timeliness(enum.StrEnum):
    """Where a letter stands against its due dates."""

    NOT_DUE_YET = "not_due_yet"
    DUE_SOON = "due_soon"  # within LETTER_DUE_SOON_DAYS of the target
    OVERDUE = "overdue"  # past the target, not yet past the limit
    LATE = "late"  # past the limit in working days
    SENT_ON_TIME = "sent_on_time"  # published by the target
    SENT_WITHIN_LIMIT = "sent_within_limit"  # published after the target but by the limit
    SENT_LATE = "sent_late"  # published after the limit

    @property
    def needs_attention(self) -> bool:
        return self in (Timeliness.DUE_SOON, Timeliness.OVERDUE, Timeliness.LATE)


@dataclass(frozen=True)
class LetterRules:
    """How long an IRO has to send the letter after a review."""

    target_days: int = 14
    latest_working_days: int = 20
    due_soon_days: int = 3

    @classmethod
    def from_config(cls, config):
        return cls(config["LETTER_TARGET_DAYS"], config["LETTER_LATEST_WORKING_DAYS"], config["LETTER_DUE_SOON_DAYS"])


@dataclass(frozen=True)
class DueDates:
    """The target date, the latest date, and the first day the letter counts as due soon."""

    target: date
    latest: date
    due_soon_from: date


def due_dates(held_on: date, rules: LetterRules) -> DueDates:
    """When the letter for a review held on `held_on` is due."""
    target = held_on + timedelta(days=rules.target_days)
    return DueDates(target=target, latest=add_working_days(held_on, rules.latest_working_days),
                    due_soon_from=target - timedelta(days=rules.due_soon_days))


def timeliness(held_on: date, today: date, rules: LetterRules, published_on: date | None = None) -> Timeliness:
    """Where a letter stands on `today`, or, once published, whether it was sent in time."""
    dates = due_dates(held_on, rules)
    if published_on is not None:
        if published_on <= dates.target:
            return Timeliness.SENT_ON_TIME
        if published_on <= dates.latest:
            return Timeliness.SENT_WITHIN_LIMIT
        return Timeliness.SENT_LATE
    if today > dates.latest:
        return Timeliness.LATE
    if today > dates.target:
        return Timeliness.OVERDUE
    if today >= dates.due_soon_from:
        return Timeliness.DUE_SOON
    return Timeliness.NOT_DUE_YET


def rules() -> LetterRules:
    """The app's configured letter rules."""
    return LetterRules.from_config(current_app.config)


def local_date(moment: datetime) -> date:
    """The local calendar date of a UTC timestamp."""
    return moment.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


# --- The IRO's list --------------------------------------------------------------------------------

@dataclass
class LetterToWrite:
    """A held review whose letter is not published yet."""

    review: Review
    letter: ReviewLetter | None
    dates: DueDates
    timeliness: Timeliness


def letters_to_write(user, today: date) -> list[LetterToWrite]:
    """Held reviews (of young people this user may see) without a published letter, soonest due first."""
    rows = db.session.execute(
        select(Review, ReviewLetter)
        .join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .outerjoin(ReviewLetter, ReviewLetter.review_id == Review.id)
        .where(visible_young_people(user), Review.held_on.is_not(None),
               (ReviewLetter.id.is_(None)) | (ReviewLetter.status == LetterStatus.DRAFT))
        .options(joinedload(Review.young_person))
        .order_by(Review.held_on, Review.id)
    ).all()
    letter_rules = rules()
    return [LetterToWrite(review, letter, due_dates(review.held_on, letter_rules),
                          timeliness(review.held_on, today, letter_rules)) for review, letter in rows]


def reviews_to_record(user, now: datetime | None = None) -> list[Review]:
    """Reviews whose planned time has passed but whose held date is not recorded, oldest first."""
    return db.session.scalars(
        select(Review).join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .where(visible_young_people(user), Review.held_on.is_(None), Review.scheduled_for < (now or utcnow()))
        .options(joinedload(Review.young_person))
        .order_by(Review.scheduled_for).limit(LIST_LIMIT)
    ).all()


def open_follow_ups(user) -> list[DecisionResponse]:
    """Young people's answers other than "I understand" that have no reply yet, oldest first."""
    return db.session.scalars(
        select(DecisionResponse)
        .join(Decision, Decision.id == DecisionResponse.decision_id)
        .join(ReviewLetter, ReviewLetter.id == Decision.letter_id)
        .where(readable_letters(user), DecisionResponse.answer != DecisionAnswer.UNDERSTAND,
               DecisionResponse.replied_at.is_(None))
        .options(joinedload(DecisionResponse.young_person),
                 joinedload(DecisionResponse.decision).joinedload(Decision.letter).joinedload(ReviewLetter.review))
        .order_by(DecisionResponse.created_at, DecisionResponse.id)
    ).all()


@dataclass
class SentLetter:
    """A published letter and whether it was sent in time."""

    letter: ReviewLetter
    published_on: date
    timeliness: Timeliness


def published_letters(user) -> list[SentLetter]:
    """The most recently published letters this user may see, newest first."""
    letters = db.session.scalars(
        select(ReviewLetter)
        .where(readable_letters(user), ReviewLetter.status == LetterStatus.PUBLISHED)
        .options(joinedload(ReviewLetter.young_person), joinedload(ReviewLetter.review))
        .order_by(ReviewLetter.published_at.desc(), ReviewLetter.id.desc()).limit(LIST_LIMIT)
    ).all()
    letter_rules = rules()
    sent = []
    for letter in letters:
        published_on = local_date(letter.published_at)
        sent.append(SentLetter(letter, published_on,
                               timeliness(letter.review.held_on, published_on, letter_rules, published_on)))
    return sent


def overview(user, today: date) -> dict:
    """Everything on the IRO's letters page (a fixed number of queries, whatever the caseload).

    The page shows what young people wrote about decisions: every follow-up on it is an audited read.
    """
    to_write = letters_to_write(user, today)
    follow_ups = open_follow_ups(user)
    record_views(user, [(response.young_person_id, "follow_up", response.id) for response in follow_ups])
    return {
        "to_write": to_write,
        "attention": sum(1 for row in to_write if row.timeliness.needs_attention),
        "to_record": reviews_to_record(user),
        "follow_ups": follow_ups,
        "language_requests": translations.open_requests(user),
        "published": published_letters(user),
    }


# --- One young person's reviews and letters (staff) -------------------------------------------------

@dataclass
class ReviewRow:
    """A review on a young person's letters page, with its letter if one was started."""

    review: Review
    letter: ReviewLetter | None
    dates: DueDates | None
    timeliness: Timeliness | None


def reviews_and_letters(young_person, today: date) -> list[ReviewRow]:
    """Every review of a young person, newest first, with its letter and due dates."""
    rows = db.session.execute(
        select(Review, ReviewLetter).outerjoin(ReviewLetter, ReviewLetter.review_id == Review.id)
        .where(Review.young_person_id == young_person.id)
        .order_by(Review.scheduled_for.desc(), Review.id.desc())
    ).all()
    letter_rules = rules()
    result = []
    for review, letter in rows:
        if review.held_on is None:
            result.append(ReviewRow(review, letter, None, None))
            continue
        published_on = local_date(letter.published_at) if letter and letter.published_at else None
        result.append(ReviewRow(review, letter, due_dates(review.held_on, letter_rules),
                                timeliness(review.held_on, today, letter_rules, published_on)))
    return result


class HeldResult(enum.Enum):
    RECORDED = "recorded"
    LETTER_PUBLISHED = "letter_published"


def may_record_held(letter) -> bool:
    """The day a review took place can be recorded, or corrected, until its letter is published."""
    return letter is None or not letter.is_published


def held_on_suggestion(review, today: date) -> date:
    """The day to suggest: the day recorded, else the planned day if it has come, else today."""
    return review.held_on or min(local_date(review.scheduled_for), today)


def record_held(review, held_on: date) -> HeldResult:
    """Record the day a review took place (it can be corrected until its letter is published)."""
    published = db.session.scalar(select(ReviewLetter.id).where(
        ReviewLetter.review_id == review.id, ReviewLetter.status == LetterStatus.PUBLISHED))
    if published is not None:
        return HeldResult.LETTER_PUBLISHED
    review.held_on = held_on
    db.session.commit()
    return HeldResult.RECORDED


# --- Writing a letter ----------------------------------------------------------------------------

def letter_for_review(review) -> ReviewLetter | None:
    return db.session.scalar(select(ReviewLetter).where(ReviewLetter.review_id == review.id))


def start_letter(review, author) -> ReviewLetter:
    """The draft letter for a held review (made once), with last time's open decisions brought forward."""
    existing = letter_for_review(review)
    if existing is not None:
        return existing
    letter = ReviewLetter(review_id=review.id, young_person_id=review.young_person_id, status=LetterStatus.DRAFT,
                          version=1, created_by_id=author.id, updated_by_id=author.id)
    db.session.add(letter)
    try:
        db.session.flush()
    except IntegrityError:  # someone else started it at the same moment
        db.session.rollback()
        return letter_for_review(review)
    for position, decision in enumerate(decisions_to_bring_forward(review.young_person_id, letter.id), start=1):
        db.session.add(DecisionUpdate(letter_id=letter.id, decision_id=decision.id, position=position,
                                      status=DecisionStatus.OPEN))
    # The recommendations recorded for the review become the letter's decisions: typed once.
    for item in db.session.scalars(select(Recommendation).where(Recommendation.review_id == review.id)
                                   .order_by(Recommendation.position)):
        db.session.add(Decision(letter_id=letter.id, position=item.position, what=item.what, who=item.who,
                                by_when=item.by_when))
    db.session.commit()
    return letter


def decisions_to_bring_forward(young_person_id, letter_id) -> list[Decision]:
    """Decisions of the young person's published letters that no published letter has reported as done or not done."""
    return db.session.scalars(
        select(Decision).join(ReviewLetter, ReviewLetter.id == Decision.letter_id)
        .where(ReviewLetter.young_person_id == young_person_id, ReviewLetter.status == LetterStatus.PUBLISHED,
               ReviewLetter.id != letter_id, Decision.status == DecisionStatus.OPEN)
        .order_by(ReviewLetter.published_at, Decision.position)
    ).all()


@dataclass(frozen=True)
class DecisionInput:
    """A decision as typed: what will happen, who will do it, by when."""

    what: str
    who: str
    by_when: date


def save_letter(letter, expected_version: int, editor, sections: dict, decisions: list[DecisionInput],
                updates: dict[int, tuple[DecisionStatus, str]]) -> bool:
    """Save a draft if nobody has saved it since `expected_version`; False (nothing changed) otherwise.

    Section texts are sanitised before they are stored. `updates` maps an earlier decision's
    id to what happened to it (status, why).
    """
    values = {name: sanitise(sections.get(name)) or None for name in SECTIONS}
    saved = db.session.execute(
        update(ReviewLetter)
        .where(ReviewLetter.id == letter.id, ReviewLetter.version == expected_version,
               ReviewLetter.status == LetterStatus.DRAFT)
        .values(version=ReviewLetter.version + 1, updated_at=utcnow(), updated_by_id=editor.id, **values)
        .execution_options(synchronize_session=False)
    )
    if saved.rowcount != 1:
        db.session.rollback()
        return False
    # This transaction now holds the letter's row: its decisions are safe to change.
    existing = db.session.scalars(
        select(Decision).where(Decision.letter_id == letter.id).order_by(Decision.position)).all()
    for index, typed in enumerate(decisions):
        if index < len(existing):
            decision = existing[index]
        else:
            decision = Decision(letter_id=letter.id, position=index + 1)
            db.session.add(decision)
        decision.what, decision.who, decision.by_when = typed.what.strip(), typed.who.strip(), typed.by_when
    for extra in existing[len(decisions):]:
        db.session.delete(extra)
    for item in db.session.scalars(select(DecisionUpdate).where(DecisionUpdate.letter_id == letter.id)):
        if item.decision_id in updates:
            status, note = updates[item.decision_id]
            item.status, item.note = status, (note or "").strip() or None
    db.session.commit()
    db.session.expire(letter)
    return True


class PublishResult(enum.Enum):
    PUBLISHED = "published"
    CONFLICT = "conflict"
    NO_DECISIONS = "no_decisions"


def publish(letter, expected_version: int, publisher) -> PublishResult:
    """Publish the draft exactly as previewed (same version), update earlier decisions, tell the young person."""
    published = db.session.execute(
        update(ReviewLetter)
        .where(ReviewLetter.id == letter.id, ReviewLetter.version == expected_version,
               ReviewLetter.status == LetterStatus.DRAFT)
        .values(version=ReviewLetter.version + 1, status=LetterStatus.PUBLISHED, published_at=utcnow(),
                published_by_id=publisher.id, updated_at=utcnow(), updated_by_id=publisher.id)
        .execution_options(synchronize_session=False)
    )
    if published.rowcount != 1:
        db.session.rollback()
        return PublishResult.CONFLICT
    count = db.session.scalar(select(func.count(Decision.id)).where(Decision.letter_id == letter.id))
    if not count:
        db.session.rollback()
        return PublishResult.NO_DECISIONS
    for item in db.session.scalars(
            select(DecisionUpdate).where(DecisionUpdate.letter_id == letter.id).options(joinedload(DecisionUpdate.decision))):
        item.decision.status = item.status
    young_person = db.session.get(YoungPerson, letter.young_person_id)
    if young_person.user is not None:
        notify(young_person.user, "letter_published")  # added to this transaction: sent only if it commits
    db.session.commit()
    db.session.expire(letter)
    return PublishResult.PUBLISHED


# --- Reading a letter ----------------------------------------------------------------------------

@dataclass
class DecisionView:
    """A decision with the young person's answers about it (oldest first)."""

    decision: Decision
    responses: list[DecisionResponse]

    @property
    def latest(self) -> DecisionResponse | None:
        return self.responses[-1] if self.responses else None


def letter_contents(letter) -> dict:
    """What a letter shows besides its sections: decisions and answers, last time's decisions, next review, IRO."""
    decisions = db.session.scalars(
        select(Decision).where(Decision.letter_id == letter.id).order_by(Decision.position)).all()
    responses = db.session.scalars(
        select(DecisionResponse).where(DecisionResponse.decision_id.in_([d.id for d in decisions]))
        .options(joinedload(DecisionResponse.replied_by))
        .order_by(DecisionResponse.created_at, DecisionResponse.id)
    ).all() if decisions else []
    by_decision = {d.id: [] for d in decisions}
    for response in responses:
        by_decision[response.decision_id].append(response)
    updates = db.session.scalars(
        select(DecisionUpdate).where(DecisionUpdate.letter_id == letter.id)
        .options(joinedload(DecisionUpdate.decision).joinedload(Decision.letter).joinedload(ReviewLetter.review))
        .order_by(DecisionUpdate.position)
    ).all()
    young_person = letter.young_person
    follow_up_ids = [response.id for response in responses if response.is_follow_up]
    return {
        # Follow-ups the IRO took further: what the young person is told (one query, only when there are any).
        "taken_further": follow_up_escalations(follow_up_ids) if follow_up_ids else {},
        "letter": letter,
        "person": young_person,
        "review": letter.review,
        "iro": young_person.iro,
        "decisions": [DecisionView(d, by_decision[d.id]) for d in decisions],
        "updates": updates,
        "next_review": next_reviews([young_person.id]).get(young_person.id),
    }


def sent_consultation(review) -> Consultation | None:
    """The views the young person sent before this review, if they sent any."""
    return db.session.scalar(select(Consultation).where(
        Consultation.review_id == review.id, Consultation.status == ConsultationStatus.SENT))


def mark_read(letter):
    """The young person opened their letter: note the first time, and that they have seen any replies."""
    now = utcnow()
    if letter.read_at is None:
        letter.read_at = now
    db.session.execute(
        update(DecisionResponse)
        .where(DecisionResponse.decision_id.in_(select(Decision.id).where(Decision.letter_id == letter.id)),
               DecisionResponse.replied_at.is_not(None), DecisionResponse.reply_seen_at.is_(None))
        .values(reply_seen_at=now).execution_options(synchronize_session=False)
    )
    db.session.commit()


# --- The young person's side -----------------------------------------------------------------------

def decision_of(letter, decision_id) -> Decision | None:
    return db.session.scalar(select(Decision).where(Decision.id == decision_id, Decision.letter_id == letter.id))


def respond(decision, young_person, answer: DecisionAnswer, comment: str | None) -> DecisionResponse:
    """Record a young person's answer about a decision (a follow-up for the IRO unless "I understand")."""
    response = DecisionResponse(decision_id=decision.id, young_person_id=young_person.id, answer=answer,
                                comment=(comment or "").strip() or None)
    db.session.add(response)
    db.session.commit()
    return response


def reply(response, staff, text: str) -> bool:
    """The IRO's reply to a follow-up; False if someone replied first (the first reply is kept)."""
    replied = db.session.execute(
        update(DecisionResponse)
        .where(DecisionResponse.id == response.id, DecisionResponse.replied_at.is_(None))
        .values(reply=text.strip(), replied_at=utcnow(), replied_by_id=staff.id)
        .execution_options(synchronize_session=False)
    )
    if replied.rowcount != 1:
        db.session.rollback()
        return False
    young_person = db.session.get(YoungPerson, response.young_person_id)
    if young_person.user is not None:
        notify(young_person.user, "iro_replied")  # in this transaction: told only if the reply is kept
    db.session.commit()
    db.session.expire(response)
    return True


@dataclass
class OwnLetter:
    """One of a young person's letters in their list."""

    letter: ReviewLetter
    new: bool  # not opened yet
    new_replies: int  # replies from the IRO not seen yet
    corrected_at: datetime | None = None  # when the newest correction was published


def own_letters(young_person) -> list[OwnLetter]:
    """A young person's published letters, newest review first, with what is new in each (one statement)."""
    corrected = (select(func.max(LetterVersion.published_at))
                 .where(LetterVersion.letter_id == ReviewLetter.id, LetterVersion.number > 1,
                        LetterVersion.status == LetterStatus.PUBLISHED)
                 .correlate(ReviewLetter).scalar_subquery())
    unseen = (select(func.count(DecisionResponse.id))
              .join(Decision, Decision.id == DecisionResponse.decision_id)
              .where(Decision.letter_id == ReviewLetter.id, DecisionResponse.young_person_id == young_person.id,
                     DecisionResponse.replied_at.is_not(None), DecisionResponse.reply_seen_at.is_(None))
              .correlate(ReviewLetter).scalar_subquery())
    rows = db.session.execute(
        select(ReviewLetter, unseen, corrected).join(Review, Review.id == ReviewLetter.review_id)
        .where(ReviewLetter.young_person_id == young_person.id, ReviewLetter.status == LetterStatus.PUBLISHED)
        .options(contains_eager(ReviewLetter.review))
        .order_by(Review.held_on.desc(), ReviewLetter.id.desc())
    ).all()
    return [OwnLetter(letter, letter.read_at is None, replies or 0, corrected_at)
            for letter, replies, corrected_at in rows]


def carer_sharing(young_person) -> tuple[bool, bool]:
    """(has the young person a carer, have they chosen to share their letters with their carers), in one statement."""
    shares = (select(LetterSharing.share_letters_with_carer)
              .where(LetterSharing.young_person_id == young_person.id).scalar_subquery())
    has_carer = select(CarerLink.id).where(CarerLink.young_person_id == young_person.id).exists()
    row = db.session.execute(select(has_carer, shares)).one()
    return bool(row[0]), bool(row[1])


def carer_always_reads(young_person, today: date) -> bool:
    """Under 12, a young person's carers read their letters without being asked."""
    return young_person.age(today) < CARER_READS_LETTERS_UNDER_AGE


def set_sharing(young_person, share: bool):
    """The young person's choice: may their carers read their review letters?"""
    sharing = db.session.scalar(select(LetterSharing).where(LetterSharing.young_person_id == young_person.id))
    if sharing is None:
        sharing = LetterSharing(young_person_id=young_person.id)
        db.session.add(sharing)
    sharing.share_letters_with_carer, sharing.updated_at = share, utcnow()
    try:
        db.session.commit()
    except IntegrityError:  # the same choice was saved at the same moment from another device
        db.session.rollback()
        set_sharing(young_person, share)


@dataclass
class ChildLetters:
    """A carer's view of one child: their letters, or that the child keeps them private."""

    child: YoungPerson
    readable: bool
    letters: list[ReviewLetter]


def carer_letters(carer, today: date) -> list[ChildLetters]:
    """The children a carer looks after, each with the published letters the carer may read."""
    children = db.session.scalars(
        select(YoungPerson).join(CarerLink, CarerLink.young_person_id == YoungPerson.id)
        .where(CarerLink.carer_id == carer.id).order_by(YoungPerson.first_name, YoungPerson.id)
    ).all()
    readable = set(db.session.scalars(select(YoungPerson.id).where(carer_may_read_letters(carer, today))))
    letters = db.session.scalars(
        select(ReviewLetter).join(Review, Review.id == ReviewLetter.review_id)
        .where(readable_letters(carer, today))
        .options(joinedload(ReviewLetter.review))
        .order_by(Review.held_on.desc(), ReviewLetter.id.desc())
    ).all()
    by_child = {}
    for letter in letters:
        by_child.setdefault(letter.young_person_id, []).append(letter)
    return [ChildLetters(child, child.id in readable, by_child.get(child.id, [])) for child in children]



def same_as_saved(letter, sections: dict, decisions: list[DecisionInput]) -> bool:
    """True when a draft already says exactly this (a save sent twice changes nothing and is no conflict)."""
    if any((sanitise(sections.get(name)) or None) != getattr(letter, name) for name in SECTIONS):
        return False
    saved = db.session.scalars(select(Decision).where(Decision.letter_id == letter.id).order_by(Decision.position)).all()
    return [(d.what, d.who, d.by_when) for d in saved] == [(d.what.strip(), d.who.strip(), d.by_when) for d in decisions]
