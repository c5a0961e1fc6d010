"""Statutory reviews of a young person's care plan, the IRO's record of each, and requests to bring one forward."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.encryption import EncryptedText
from portal.models.people import User
from portal.models.young_people import YoungPerson


class Participation(enum.StrEnum):
    """The national codes for how a child took part in their review (DfE SSDA903 / CLA return)."""

    PN0 = "PN0"  # under 4 at the time of the review
    PN1 = "PN1"  # attended and spoke for themselves
    PN2 = "PN2"  # attended, an advocate spoke for them
    PN3 = "PN3"  # attended and conveyed views by a non-verbal method
    PN4 = "PN4"  # attended without contributing
    PN5 = "PN5"  # did not attend, an advocate conveyed their views
    PN6 = "PN6"  # did not attend, views conveyed by another method
    PN7 = "PN7"  # did not attend or convey views


class LatenessReason(enum.StrEnum):
    """Why a review is planned after its due date (a fixed list; the IRO adds a few words)."""

    YOUNG_PERSON_ASKED = "young_person_asked"
    KEY_PERSON_UNAVAILABLE = "key_person_unavailable"
    IRO_UNAVAILABLE = "iro_unavailable"
    CANCELLED_AT_SHORT_NOTICE = "cancelled_at_short_notice"
    REPORTS_NOT_READY = "reports_not_ready"
    NOT_KNOWN_IN_TIME = "not_known_in_time"
    OTHER = "other"


class Review(CreatedAt, Base):
    """One review meeting: when it is planned, where, when it was held and the IRO's record of it.

    `place` is what the young person sees; `staff_notes` is for staff only.
    """

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    scheduled_for: Mapped[datetime]
    place = mapped_column(EncryptedText, nullable=True)
    held_on: Mapped[date | None] = mapped_column(index=True)  # the figures count reviews held in a period

    staff_notes = mapped_column(EncryptedText, nullable=True)
    lateness_reason: Mapped[LatenessReason | None] = mapped_column(str_enum(LatenessReason, 40))
    lateness_note = mapped_column(EncryptedText, nullable=True)

    # The record of the review, once held (None: not recorded).
    participation: Mapped[Participation | None] = mapped_column(str_enum(Participation, 3))
    chaired: Mapped[str | None] = mapped_column(String(20))
    seen_before: Mapped[str | None] = mapped_column(String(20))
    attendees: Mapped[str | None] = mapped_column(String(300))  # roles, comma-separated
    parents: Mapped[str | None] = mapped_column(String(20))
    care_plan_endorsed: Mapped[bool | None]
    knows_why_in_care: Mapped[bool | None]
    knows_how_to_get_advocate: Mapped[bool | None]
    knows_how_to_complain: Mapped[bool | None]
    recorded_at: Mapped[datetime | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    young_person: Mapped[YoungPerson] = relationship()
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="review", order_by="Recommendation.position", cascade="all, delete-orphan")

    @property
    def attendee_roles(self) -> list[str]:
        return [role for role in (self.attendees or "").split(",") if role]


class Recommendation(CreatedAt, Base):
    """One recommendation of a held review: what, who, by when. Becomes a decision of the letter, once."""

    __tablename__ = "review_recommendations"
    __table_args__ = (UniqueConstraint("review_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    position: Mapped[int]
    what = mapped_column(EncryptedText, nullable=False)
    who = mapped_column(EncryptedText, nullable=False)
    by_when: Mapped[date] = mapped_column(Date)

    review: Mapped[Review] = relationship(back_populates="recommendations")


class ReviewRequest(CreatedAt, Base):
    """A young person asking for their review sooner; the IRO plans one or answers."""

    __tablename__ = "review_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    reason = mapped_column(EncryptedText, nullable=True)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer = mapped_column(EncryptedText, nullable=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))  # the review planned in answer

    young_person: Mapped[YoungPerson] = relationship()
    answered_by: Mapped[User | None] = relationship()


class MidwayAnswer(enum.StrEnum):
    """An answer at a mid-way check (not every question takes every answer)."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"


class MidwayCheck(CreatedAt, Base):
    """The IRO's check half-way between two reviews: is the plan for the young person on track?

    Counts for the gap after the last held review it follows (`checked_on` after that review).
    `note` is for staff only, encrypted like other free text.
    """

    __tablename__ = "midway_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    checked_on: Mapped[date] = mapped_column(Date)
    education_plan: Mapped[MidwayAnswer] = mapped_column(str_enum(MidwayAnswer, 20))
    health_assessment: Mapped[MidwayAnswer] = mapped_column(str_enum(MidwayAnswer, 20))
    decisions_on_track: Mapped[MidwayAnswer] = mapped_column(str_enum(MidwayAnswer, 20))
    note = mapped_column(EncryptedText, nullable=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    young_person: Mapped[YoungPerson] = relationship()
    recorded_by: Mapped[User] = relationship()
