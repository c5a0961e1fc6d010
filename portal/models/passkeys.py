"""Passkeys: a person's phone or computer signs them in with its fingerprint or screen lock (WebAuthn)."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt
from portal.models.people import User


class Passkey(CreatedAt, Base):
    """One passkey of one account: only its public key is kept (the private key never leaves the device)."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary(1023), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    # The authenticator's signature counter: an assertion whose count does not go up is refused (a cloned key).
    sign_count: Mapped[int] = mapped_column(default=0)
    transports: Mapped[str] = mapped_column(String(120), default="")  # comma-separated, as the browser said
    name: Mapped[str] = mapped_column(String(60))
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
