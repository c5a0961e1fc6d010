"""Queueing notifications: rows added to the caller's transaction, so they exist exactly when the change does.

Nothing here talks to SMTP. The caller commits; if its change is rolled back, so is
the notification. The `send-notifications` worker (portal.notifications.sender)
delivers them later.
"""

from flask import current_app

from portal.core.message_kinds import KINDS
from portal.extensions import db
from portal.models.base import utcnow
from portal.models.contact import ContactPreference
from portal.models.outbox import OutboxMessage, OutboxStatus
from portal.models.people import Role

# People who choose for themselves whether and how they are told (staff are emailed at work).
CHOOSING_ROLES = frozenset({Role.YOUNG_PERSON, Role.CARER})


def _kind(kind):
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}: add it to portal.core.message_kinds.KINDS.")
    return kind


def _locale(locale):
    languages = current_app.config["LANGUAGES"]
    return locale if locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def channel_for(recipient) -> tuple[str, str | None]:
    """How a user hears news: (channel, address now). Young people and carers choose (text, email or
    nothing, stored encrypted); until they do, and for staff, it is the account's email address."""
    choice = db.session.get(ContactPreference, recipient.id) if recipient.role in CHOOSING_ROLES else None
    if choice is None:  # no choice made: the account's own email address, if it has one
        return "email", recipient.email
    if choice.channel == "none":
        return "email", None
    return choice.channel, choice.mobile if choice.channel == "sms" else choice.email


def notify(recipient, kind) -> OutboxMessage:
    """Queue "something new" for a user, in their language, in the current transaction (not committed).

    A user without an address (or who chose not to be told) still gets a row, marked `no_address`,
    so that nothing is silently dropped.
    """
    channel, address = channel_for(recipient)
    message = OutboxMessage(
        recipient_id=recipient.id, kind=_kind(kind), locale=_locale(recipient.locale), channel=channel,
        status=OutboxStatus.PENDING if address else OutboxStatus.NO_ADDRESS, next_attempt_at=utcnow(),
    )
    db.session.add(message)
    return message


def notify_address(email, locale, kind) -> OutboxMessage:
    """Queue "something new" for an address (such as a service's contact address), in the current transaction."""
    message = OutboxMessage(
        address=(email or "").strip() or None, kind=_kind(kind), locale=_locale(locale),
        status=OutboxStatus.PENDING if (email or "").strip() else OutboxStatus.NO_ADDRESS, next_attempt_at=utcnow(),
    )
    db.session.add(message)
    return message
