"""People who sign in, and the organisations that employ support staff."""

import enum
import secrets
import unicodedata
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.encryption import EncryptedText


class Role(enum.StrEnum):
    """What a signed-in person is to the service."""

    YOUNG_PERSON = "young_person"
    CARER = "carer"
    IRO = "iro"
    ADVOCACY = "advocacy"
    VISITOR = "visitor"
    COUNCIL = "council"
    ADMIN = "admin"
    MANAGER = "manager"  # service manager: the service's figures and every caseload, read-only


# Every staff role, in one place: staff need two-step sign-in and longer passwords. A new staff role is one
# more entry here.
STAFF_ROLES = (Role.IRO, Role.ADVOCACY, Role.VISITOR, Role.COUNCIL, Role.ADMIN, Role.MANAGER)


class OrganisationKind(enum.StrEnum):
    """Which kind of support an organisation provides."""

    ADVOCACY = "advocacy"
    INDEPENDENT_VISITOR = "independent_visitor"


def normalise_username(value) -> str:
    """Usernames are stored and compared in one form: NFKC, case-folded, without outer spaces."""
    return unicodedata.normalize("NFKC", value or "").strip().casefold()


def new_session_token() -> str:
    """A random token; changing it ends every session of the user."""
    return secrets.token_urlsafe(24)


class Organisation(CreatedAt, Base):
    """An advocacy or Independent Visitor service."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, 30))
    email: Mapped[str | None] = mapped_column(String(254))


class User(UserMixin, CreatedAt, Base):
    """Anyone who signs in: a young person, carer, or member of staff."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, 20))
    display_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    locale: Mapped[str | None] = mapped_column(String(10))
    # How a member of staff is referred to in languages whose titles are gendered ("she", "he", or
    # None: not said, so the neutral wording). Chosen by them on their account page.
    referred_as: Mapped[str | None] = mapped_column(String(10))
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    active: Mapped[bool] = mapped_column(default=True)
    last_sign_in_at: Mapped[datetime | None]
    # Two-step sign-in (staff): the TOTP secret, encrypted at rest; on only once confirmed with a code.
    totp_secret = mapped_column(EncryptedText, nullable=True)
    totp_enabled_at: Mapped[datetime | None]
    # The last 30-second step whose code was accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None]
    # Picture mode ("Show big pictures"), the young person's own choice; None: the default for their age band
    # (on under 8). See portal/core/picture_mode.py.
    picture_mode: Mapped[bool | None]

    organisation: Mapped[Organisation | None] = relationship()

    def get_id(self):
        """Flask-Login identity: id and session token, so a new token signs out old cookies."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self):
        return self.active

    @property
    def has_two_step(self):
        return self.totp_enabled_at is not None and self.totp_secret is not None

    @property
    def is_staff(self):
        return self.role in STAFF_ROLES
