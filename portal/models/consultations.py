"""A young person's consultation before a review: their answers, additions and safety flags."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum, utcnow
from portal.models.encryption import EncryptedText
from portal.models.people import User
from portal.models.reviews import Review
from portal.models.young_people import AgeBand, YoungPerson


class ConsultationStatus(enum.StrEnum):
    """Where a consultation has got to."""

    IN_PROGRESS = "in_progress"
    SENT = "sent"


class Consultation(CreatedAt, Base):
    """One young person's views before one review (one per review)."""

    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), unique=True)
    band: Mapped[AgeBand] = mapped_column(str_enum(AgeBand, 10))
    form_version: Mapped[int]
    locale: Mapped[str] = mapped_column(String(10))
    status: Mapped[ConsultationStatus] = mapped_column(str_enum(ConsultationStatus, 20), default=ConsultationStatus.IN_PROGRESS)
    position: Mapped[int] = mapped_column(default=1)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The carer who most recently helped (a summary for lists); who helped with each answer is on the answer.
    helped_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None]
    read_by_iro_at: Mapped[datetime | None]
    interpreter_requested_at: Mapped[datetime | None]
    # The topics chosen on "Do you want to tell us about…?", comma-separated (None: not chosen yet).
    topics: Mapped[str | None] = mapped_column(String(200))
    # How many forms the young person had sent when this one started: which wording of each topic
    # question they met (portal/core/questions.py), so everyone later reads exactly what was asked.
    wording_round: Mapped[int] = mapped_column(default=0, server_default="0")
    # The decisions of the last letter asked "Did this happen?", comma-separated ids, fixed at the start.
    decision_ids: Mapped[str | None] = mapped_column(String(200))

    young_person: Mapped[YoungPerson] = relationship()
    review: Mapped[Review] = relationship()
    helped_by: Mapped[User | None] = relationship(foreign_keys=[helped_by_id])


class Answer(Base):
    """The answer to one question: a choice and/or words, or skipped. Stored encrypted."""

    __tablename__ = "consultation_answers"
    __table_args__ = (UniqueConstraint("consultation_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    question_key: Mapped[str] = mapped_column(String(60))
    choice = mapped_column(EncryptedText, nullable=True)
    text = mapped_column(EncryptedText, nullable=True)
    skipped: Mapped[bool] = mapped_column(default=False)
    # The young person's own choice, off unless they turn it on: may the Children in Care
    # Council see this answer, without their name?
    shared: Mapped[bool] = mapped_column(default=False)
    # The carer whose helping session this answer was given in; None when the young person answered
    # alone. Only that carer may read it (portal/security/privacy.py).
    helped_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Addition(CreatedAt, Base):
    """"One more thing" added after sending, until the review."""

    __tablename__ = "consultation_additions"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    text = mapped_column(EncryptedText, nullable=False)
    helped_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class HelpSession(Base):
    """A carer helping a young person with their form, from "let's do this together" until it ends.

    Helping is a session, not a property of the consultation: only answers given through the
    carer's account while the session is open are theirs to read. It ends when the carer or the
    young person ends it, when the form is sent, or by itself after a while without use.
    """

    __tablename__ = "help_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Moved on by each answer saved while helping; the session ends by itself at this time.
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    carer: Mapped[User] = relationship(foreign_keys=[carer_id])


class SafetyFlag(CreatedAt, Base):
    """Words that suggest a young person may be unsafe: urgent for their IRO. Holds no text itself."""

    __tablename__ = "safety_flags"
    # created_at: the figures count flags raised in a period.
    __table_args__ = (UniqueConstraint("consultation_id", "question_key"), Index("ix_safety_flags_created_at", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    question_key: Mapped[str] = mapped_column(String(60))
    # "urgent" (the IRO is told at once and may read the answer before it is sent) or "soon".
    level: Mapped[str] = mapped_column(String(10), default="urgent")
    seen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    seen_at: Mapped[datetime | None]
    # When the first action was recorded: a flag stays open on the caseload until then.
    actioned_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()


class FlagActionKind(enum.StrEnum):
    """What was done about a safety flag."""

    SPOKE_TO_YOUNG_PERSON = "spoke_to_young_person"
    TOLD_SOCIAL_WORKER = "told_social_worker"
    SAFEGUARDING_REFERRAL = "safeguarding_referral"
    STRATEGY_MEETING = "strategy_meeting"
    POLICE = "police"
    NO_FURTHER_ACTION = "no_further_action"


class FlagAction(CreatedAt, Base):
    """One thing done about a safety flag: what, with whom, when, recorded by whom (and why, for no further action)."""

    __tablename__ = "flag_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("safety_flags.id"), index=True)
    kind: Mapped[FlagActionKind] = mapped_column(str_enum(FlagActionKind, 30))
    taken_at: Mapped[datetime]
    with_whom = mapped_column(EncryptedText, nullable=True)
    note = mapped_column(EncryptedText, nullable=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    recorded_by: Mapped[User] = relationship()
