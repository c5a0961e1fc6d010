"""How a young person or carer wants to hear that something is new, and which review reminders went out."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow
from portal.models.encryption import EncryptedText


class ContactPreference(Base):
    """A young person's or carer's own choice: a text message, an email, or nothing (the default).

    The number and address are optional, encrypted at rest, and deleted when the person chooses
    "do not tell me". Messages never carry personal content, only that something is new.
    """

    __tablename__ = "contact_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), default="none")  # "sms", "email" or "none"
    mobile = mapped_column(EncryptedText, nullable=True)
    email = mapped_column(EncryptedText, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewReminder(Base):
    """One reminder queued for one person about one review, so that each goes out once."""

    __tablename__ = "review_reminders"
    __table_args__ = (UniqueConstraint("review_id", "user_id", "days_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    days_before: Mapped[int]
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
