"""Queueing notifications: rows added to the caller's transaction, so they exist exactly when the change does.

Nothing here talks to SMTP. The caller commits; if its change is rolled back, so is
the notification. The `send-notifications` worker (portal.notifications.sender)
delivers them later.
"""

from flask import current_app

from portal.core.message_kinds import KINDS
from portal.extensions import db
from portal.models.base import utcnow
from portal.models.outbox import OutboxMessage, OutboxStatus


def _kind(kind):
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}: add it to portal.core.message_kinds.KINDS.")
    return kind


def _locale(locale):
    languages = current_app.config["LANGUAGES"]
    return locale if locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def notify(recipient, kind) -> OutboxMessage:
    """Queue "something new" for a user, in their language, in the current transaction (not committed).

    A user without an email address still gets a row, marked `no_address`, so that
    nothing is silently dropped.
    """
    message = OutboxMessage(
        recipient_id=recipient.id, kind=_kind(kind), locale=_locale(recipient.locale),
        status=OutboxStatus.PENDING if recipient.email else OutboxStatus.NO_ADDRESS, next_attempt_at=utcnow(),
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
