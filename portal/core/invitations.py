"""Creating invitation codes and turning one into an account."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import CarerLink, Invitation, Role, User, YoungPerson
from portal.models.base import utcnow
from portal.models.people import normalise_username

# No 0/O or 1/I, so a code read out over the phone cannot be misheard.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


class InvitationUnusable(Exception):
    """The code is unknown, used or expired (deliberately not saying which)."""


class UsernameTaken(Exception):
    """Somebody already has that username."""


def normalise(code: str) -> str:
    """The code as stored: capitals, no spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, normalise(code).encode("ascii", "ignore"), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    """Groups of four, easier to read out: ABCD-EFGH-JKLM."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def create_invitation(*, role, display_name, created_by, young_person=None, organisation_id=None, email=None):
    """Store a new invitation and return its code (formatted); only a digest is kept."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    db.session.add(Invitation(
        code_hash=_digest(code), role=role, display_name=display_name, email=email,
        young_person_id=young_person.id if young_person else None, organisation_id=organisation_id,
        created_by_id=created_by.id if created_by else None,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    ))
    return format_code(code)


def find_usable(code: str) -> Invitation:
    """The unused, unexpired invitation for a code, or InvitationUnusable."""
    if len(normalise(code)) != CODE_LENGTH:
        raise InvitationUnusable
    invitation = db.session.scalar(select(Invitation).where(Invitation.code_hash == _digest(code)))
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        raise InvitationUnusable
    if invitation.role == Role.YOUNG_PERSON and invitation.young_person.user_id is not None:
        raise InvitationUnusable
    return invitation


def username_taken(username: str) -> bool:
    """True when the username (case-insensitively) already exists."""
    return db.session.scalar(select(User.id).where(User.username == normalise_username(username))) is not None


def accept(invitation_id: int, username: str, password: str) -> User:
    """Create the invited person's account; the invitation can be used once only."""
    now = utcnow()
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.used_at.is_(None), Invitation.expires_at > now)
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise InvitationUnusable
    if username_taken(username):
        db.session.rollback()
        raise UsernameTaken
    invitation = db.session.get(Invitation, invitation_id)
    user = User(
        username=normalise_username(username), password_hash=hash_password(password), role=invitation.role,
        display_name=invitation.display_name, email=invitation.email,
        organisation_id=invitation.organisation_id,
    )
    db.session.add(user)
    db.session.flush()
    invitation.used_by_id = user.id
    if invitation.role == Role.YOUNG_PERSON:
        young_person = db.session.get(YoungPerson, invitation.young_person_id)
        if young_person.user_id is not None:
            db.session.rollback()
            raise InvitationUnusable
        young_person.user_id = user.id
    elif invitation.role == Role.CARER and invitation.young_person_id:
        db.session.add(CarerLink(carer_id=user.id, young_person_id=invitation.young_person_id))
    try:
        db.session.commit()
    except IntegrityError as error:  # two people choosing one username at the same moment
        db.session.rollback()
        raise UsernameTaken from error
    return user
