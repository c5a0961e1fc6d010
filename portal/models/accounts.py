"""Keeping an account: password resets (codes and emailed links) and two-step sign-in recovery codes."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.people import User


class ResetKind(enum.StrEnum):
    """How a password reset reaches its person."""

    CODE = "code"  # a young person or carer: a code their IRO or an admin gives them
    LINK = "link"  # a member of staff: a link emailed to their work address


class PasswordReset(CreatedAt, Base):
    """A single-use, short-lived permission to choose a new password; only a digest of the secret is kept."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[ResetKind] = mapped_column(str_enum(ResetKind, 10))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class RecoveryCode(CreatedAt, Base):
    """One of a staff member's single-use recovery codes for two-step sign-in (a digest only)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
