"""A young person's data rights: "That's not right about me" requests, and what retention has already done."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.encryption import EncryptedText
from portal.models.people import User
from portal.models.young_people import YoungPerson


class CorrectionOutcome(enum.StrEnum):
    """Where a "That's not right about me" request has got to."""

    OPEN = "open"
    CORRECTED = "corrected"
    NOT_CHANGED = "not_changed"


class Correction(CreatedAt, Base):
    """A young person saying part of a letter or of their record is wrong, and their IRO's answer.

    `part` names what it is about: "letter" (with `letter_id`), "decision" (with `decision_id` and
    `letter_id`) or a part of the record ("details", "reviews", "care", "requests", "other").
    The young person's words and the answer are encrypted like other free text.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    part: Mapped[str] = mapped_column(String(20))
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("review_letters.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("letter_decisions.id"))
    what_is_wrong = mapped_column(EncryptedText, nullable=False)
    outcome: Mapped[CorrectionOutcome] = mapped_column(str_enum(CorrectionOutcome, 20), default=CorrectionOutcome.OPEN,
                                                       index=True)
    answer = mapped_column(EncryptedText, nullable=True)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer_seen_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()
    answered_by: Mapped[User | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.outcome == CorrectionOutcome.OPEN
