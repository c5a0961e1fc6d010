"""What someone had typed when their session ended or a form could not be accepted."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt
from portal.security.crypto import EncryptedText


class KeptForm(CreatedAt, Base):
    """Typed form data kept for one person and page, restored when they come back."""

    __tablename__ = "kept_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    path: Mapped[str] = mapped_column(String(300))
    data = mapped_column(EncryptedText, nullable=False)
