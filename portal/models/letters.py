"""The letter to a young person after each review ("child-friendly minutes"), its decisions and their follow-ups."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum, utcnow
from portal.models.encryption import EncryptedText
from portal.models.people import User
from portal.models.reviews import Review
from portal.models.young_people import YoungPerson


class LetterStatus(enum.StrEnum):
    """A letter is a draft until it is published to the young person; then it no longer changes."""

    DRAFT = "draft"
    PUBLISHED = "published"


class DecisionStatus(enum.StrEnum):
    """Whether a decision has happened, as last reported in a published letter."""

    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"


class DecisionAnswer(enum.StrEnum):
    """What a young person says about one decision. Anything but UNDERSTAND opens a follow-up."""

    UNDERSTAND = "understand"
    DONT_UNDERSTAND = "dont_understand"
    DISAGREE = "disagree"
    NOT_HAPPENED = "not_happened"


# The sections the IRO writes, in the order the letter shows them (decisions sit between
# "worries" and "rights"). Each holds light formatting, sanitised on save and on display.
SECTIONS = ("meeting", "told_us", "going_well", "worries", "rights", "next_review", "contact")


class LetterSections:
    """Mixin: a column for each of SECTIONS, encrypted (a letter, each of its versions, each translation)."""

    meeting = mapped_column(EncryptedText, nullable=True)
    told_us = mapped_column(EncryptedText, nullable=True)
    going_well = mapped_column(EncryptedText, nullable=True)
    worries = mapped_column(EncryptedText, nullable=True)
    rights = mapped_column(EncryptedText, nullable=True)
    next_review = mapped_column(EncryptedText, nullable=True)
    contact = mapped_column(EncryptedText, nullable=True)


class ReviewLetter(LetterSections, CreatedAt, Base):
    """The letter written to a young person after one review (at most one per review).

    `version` goes up by one at every save, so that two people editing the same draft
    cannot overwrite each other: a save names the version it started from.
    """

    __tablename__ = "review_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), unique=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    status: Mapped[LetterStatus] = mapped_column(str_enum(LetterStatus, 20), default=LetterStatus.DRAFT)
    version: Mapped[int] = mapped_column(default=1)

    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    read_at: Mapped[datetime | None]  # first opened by the young person

    review: Mapped[Review] = relationship()
    young_person: Mapped[YoungPerson] = relationship()
    updated_by: Mapped[User] = relationship(foreign_keys=[updated_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="letter", order_by="Decision.position", foreign_keys="Decision.letter_id")
    updates: Mapped[list["DecisionUpdate"]] = relationship(
        back_populates="letter", order_by="DecisionUpdate.position")

    @property
    def is_published(self) -> bool:
        return self.status == LetterStatus.PUBLISHED


class Decision(CreatedAt, Base):
    """One numbered decision of a letter: what will happen, who will do it, by when."""

    __tablename__ = "letter_decisions"
    __table_args__ = (UniqueConstraint("letter_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("review_letters.id"), index=True)
    position: Mapped[int]
    what = mapped_column(EncryptedText, nullable=False)
    who = mapped_column(EncryptedText, nullable=False)
    by_when: Mapped[date] = mapped_column(Date)
    # Set when a later letter is published reporting on this decision.
    status: Mapped[DecisionStatus] = mapped_column(str_enum(DecisionStatus, 20), default=DecisionStatus.OPEN)

    letter: Mapped[ReviewLetter] = relationship(back_populates="decisions", foreign_keys=[letter_id])


class DecisionUpdate(CreatedAt, Base):
    """What a later letter says happened to an earlier decision: done, not done (and why), or not yet.

    Kept per letter so that a published letter always shows what it said at the time.
    """

    __tablename__ = "letter_decision_updates"
    __table_args__ = (UniqueConstraint("letter_id", "decision_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("review_letters.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("letter_decisions.id"), index=True)
    position: Mapped[int]
    status: Mapped[DecisionStatus] = mapped_column(str_enum(DecisionStatus, 20), default=DecisionStatus.OPEN)
    note = mapped_column(EncryptedText, nullable=True)

    letter: Mapped[ReviewLetter] = relationship(back_populates="updates")
    decision: Mapped[Decision] = relationship()


class DecisionResponse(CreatedAt, Base):
    """A young person's answer about one decision; anything but "I understand" is a follow-up for the IRO."""

    __tablename__ = "letter_decision_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("letter_decisions.id"), index=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    answer: Mapped[DecisionAnswer] = mapped_column(str_enum(DecisionAnswer, 20))
    comment = mapped_column(EncryptedText, nullable=True)
    reply = mapped_column(EncryptedText, nullable=True)
    replied_at: Mapped[datetime | None]
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reply_seen_at: Mapped[datetime | None]

    decision: Mapped[Decision] = relationship()
    young_person: Mapped[YoungPerson] = relationship()
    replied_by: Mapped[User | None] = relationship()

    @property
    def is_follow_up(self) -> bool:
        return self.answer != DecisionAnswer.UNDERSTAND


class LetterSharing(Base):
    """A young person's choice (12 and over) to let their carers read their review letters."""

    __tablename__ = "letter_sharing"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), unique=True)
    share_letters_with_carer: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class TranslationStatus(enum.StrEnum):
    """A translation is requested until the IRO publishes the translated text alongside the English."""

    REQUESTED = "requested"
    PUBLISHED = "published"


class LetterTranslation(LetterSections, Base):
    """A young person's request for their letter in a language, and the translated text once published.

    The IRO pastes the text from the council's translation service section by section, as the
    letter is structured, and each decision's "what will happen". It is sanitised like the letter.
    `requested_at` → `first_published_at` is the time the young person waited; a letter corrected
    after `published_at` makes the translation out of date until it is published again.
    """

    __tablename__ = "letter_translations"
    __table_args__ = (UniqueConstraint("letter_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("review_letters.id"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    status: Mapped[TranslationStatus] = mapped_column(str_enum(TranslationStatus, 20), default=TranslationStatus.REQUESTED)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    decisions = mapped_column(EncryptedText, nullable=True)  # JSON: {decision id: what will happen, translated}

    first_published_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    letter: Mapped["ReviewLetter"] = relationship()
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def is_published(self) -> bool:
        return self.status == TranslationStatus.PUBLISHED


class LetterVersion(LetterSections, CreatedAt, Base):
    """One version of a published letter that was corrected, or the correction being written.

    The letter's own row always holds what the young person reads now. When an IRO first
    corrects a letter, what it said is kept here as version 1; each correction is a draft
    here until it is published, when the letter's row takes its text and it becomes the
    newest version. Decisions keep their rows (and so every answer and follow-up about
    them); a version keeps what its decisions said as `decisions` (JSON, encrypted).
    `lock` goes up at every save of a draft, like ReviewLetter.version.
    """

    __tablename__ = "letter_versions"
    __table_args__ = (UniqueConstraint("letter_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("review_letters.id"), index=True)
    number: Mapped[int]
    status: Mapped[LetterStatus] = mapped_column(str_enum(LetterStatus, 20), default=LetterStatus.DRAFT)
    lock: Mapped[int] = mapped_column(default=1)

    decisions = mapped_column(EncryptedText, nullable=True)
    # "What changed", in the IRO's words: the young person reads it above the corrected letter.
    what_changed = mapped_column(EncryptedText, nullable=True)

    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    letter: Mapped[ReviewLetter] = relationship()
    updated_by: Mapped[User] = relationship(foreign_keys=[updated_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def is_published(self) -> bool:
        return self.status == LetterStatus.PUBLISHED
