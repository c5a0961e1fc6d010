"""Keeping an account: changing a password, and resetting a forgotten one.

Young people and carers reset with a one-time code that their IRO (for their caseload) or an admin
makes, like an invitation code; staff reset through a single-use link emailed to their work address.
Only digests of codes and links are stored. Changing or resetting a password ends every other session
of the account (a new session token), so a stolen session or an old device is signed out.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, select, update

from portal.core.invitations import ALPHABET, CODE_LENGTH, format_code, normalise
from portal.core.outbox import notify
from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import CarerLink, PasswordReset, ResetKind, Role, User, YoungPerson
from portal.models.base import utcnow
from portal.models.people import STAFF_ROLES, new_session_token, normalise_username

RESET_LINK_KIND = "password_reset_link"


class ResetUnusable(Exception):
    """The code or link is unknown, used, expired or for someone else (deliberately not saying which)."""


def _digest(secret: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, b"password-reset:" + secret.encode("utf-8"), hashlib.sha256).hexdigest()


def set_password(user: User, password: str) -> None:
    """Store a new password and end every session of the account (not committed)."""
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()


def change_password(user: User, password: str) -> None:
    """The signed-in person's new password; their other sessions end (the caller starts this one afresh)."""
    set_password(user, password)
    db.session.commit()


def set_referred_as(user: User, choice: str | None) -> None:
    """How a member of staff is referred to in gendered languages: "she", "he" or None (not said)."""
    user.referred_as = choice if choice in ("she", "he") else None
    db.session.commit()


def may_give_reset_code(staff: User, person: User | None) -> bool:
    """Admins for any young person or carer; an IRO only for a young person on their caseload, or their carer."""
    if person is None or not person.active or person.role not in (Role.YOUNG_PERSON, Role.CARER):
        return False
    if staff.role == Role.ADMIN:
        return True
    if staff.role != Role.IRO:
        return False
    if person.role == Role.YOUNG_PERSON:
        return db.session.scalar(select(exists().where(
            YoungPerson.user_id == person.id, YoungPerson.iro_id == staff.id))) is True
    return db.session.scalar(select(exists().where(
        CarerLink.carer_id == person.id, CarerLink.young_person_id == YoungPerson.id,
        YoungPerson.iro_id == staff.id))) is True


def create_reset_code(person: User, created_by: User) -> str:
    """A new one-time reset code for a young person or carer (formatted); earlier unused codes stop working."""
    now = utcnow()
    db.session.execute(update(PasswordReset).where(
        PasswordReset.user_id == person.id, PasswordReset.used_at.is_(None)).values(used_at=now))
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    db.session.add(PasswordReset(
        user_id=person.id, kind=ResetKind.CODE, secret_hash=_digest(normalise(code)), created_by_id=created_by.id,
        expires_at=now + timedelta(hours=current_app.config["RESET_CODE_HOURS"])))
    db.session.commit()
    return format_code(code)


def _claim(reset_id: int) -> bool:
    """Use a reset once: of two requests at the same moment, only one gets it."""
    now = utcnow()
    claimed = db.session.execute(update(PasswordReset).where(
        PasswordReset.id == reset_id, PasswordReset.used_at.is_(None), PasswordReset.expires_at > now,
    ).values(used_at=now))
    return claimed.rowcount == 1


def reset_with_code(username: str, code: str, password: str) -> User:
    """Set a new password with a reset code given to this very account; ResetUnusable otherwise."""
    if len(normalise(code)) != CODE_LENGTH:
        raise ResetUnusable
    reset = db.session.scalar(select(PasswordReset).join(User, User.id == PasswordReset.user_id).where(
        PasswordReset.secret_hash == _digest(normalise(code)), PasswordReset.kind == ResetKind.CODE,
        User.username == normalise_username(username)))
    return _use(reset, password)


def _use(reset, password) -> User:
    if reset is None or not reset.user.active or not _claim(reset.id):
        db.session.rollback()
        raise ResetUnusable
    set_password(reset.user, password)
    db.session.commit()
    return reset.user


def send_reset_link(username: str) -> bool:
    """Email a member of staff a single-use link, through the outbox; False (and nothing sent) when the
    username is not an active staff account with an email address. Callers say the same either way."""
    user = db.session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None or not user.active or user.role not in STAFF_ROLES or not user.email:
        return False
    now = utcnow()
    db.session.execute(update(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None)).values(used_at=now))
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordReset(
        user_id=user.id, kind=ResetKind.LINK, secret_hash=_digest(token),
        expires_at=now + timedelta(minutes=current_app.config["RESET_LINK_MINUTES"])))
    message = notify(user, RESET_LINK_KIND)
    message.link = current_app.config["PUBLIC_URL"].rstrip("/") + "/reset-password/" + token
    db.session.commit()
    return True


def link_reset(token: str) -> PasswordReset:
    """The usable reset behind an emailed link, or ResetUnusable."""
    reset = db.session.scalar(select(PasswordReset).where(
        PasswordReset.secret_hash == _digest(token or ""), PasswordReset.kind == ResetKind.LINK))
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow() or not reset.user.active:
        raise ResetUnusable
    return reset


def reset_with_link(token: str, password: str) -> User:
    """Set a new password through an emailed link, once."""
    return _use(link_reset(token), password)
