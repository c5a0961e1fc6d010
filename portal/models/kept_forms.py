"""What someone had typed when their session ended or a form could not be accepted."""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt, utcnow
from portal.models.encryption import EncryptedText

# Kept typing is given back once, or deleted after this long.
KEPT_FOR = timedelta(hours=24)


def _expiry() -> datetime:
    return utcnow() + KEPT_FOR


class KeptForm(CreatedAt, Base):
    """Typed form data kept for one person and the page its form was on, given back once, until it expires."""

    __tablename__ = "kept_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The page (a GET path, with its query) where the form was, not the address it was sent to.
    path: Mapped[str] = mapped_column(String(300))
    data = mapped_column(EncryptedText, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(index=True, default=_expiry)
