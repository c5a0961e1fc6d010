"""The outbox: every email the portal owes someone, written in the same transaction as the change.

A row holds who it is for, what kind of news it is and in which language; never the
words of the email (they are rendered when it is sent, and say only that there is
something new). The `send-notifications` worker claims rows with a lease, sends
them and marks each one sent once.
"""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum, utcnow
from portal.models.encryption import EncryptedText
from portal.models.people import User


class OutboxStatus(enum.StrEnum):
    """Where a notification has got to."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the last attempt, or the address was refused for good
    NO_ADDRESS = "no_address"  # nobody to send it to: kept so that it is visible


class OutboxMessage(CreatedAt, Base):
    """One notification for a user (emailed at their current address) or for an address."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(10), default="email")  # "email" or "sms" (a text message)
    locale: Mapped[str] = mapped_column(String(10))
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus, 20), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(40), index=True)
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None]
    # Only a password-reset email carries a link with a secret in it: encrypted, and wiped once sent.
    link = mapped_column(EncryptedText, nullable=True)

    recipient: Mapped[User | None] = relationship()
