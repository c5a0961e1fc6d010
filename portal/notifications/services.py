"""What the admin's outbox page shows, and putting a message that was given up on back in the queue."""

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.outbox import OutboxMessage, OutboxStatus

LIST_SIZE = 50


def counts() -> dict[OutboxStatus, int]:
    """How many messages are in each state."""
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    found = dict(rows)
    return {status: found.get(status, 0) for status in OutboxStatus}


def problems():
    """The newest messages that wait for a retry, were given up on, or had nobody to go to."""
    def newest(condition):
        return db.session.scalars(
            select(OutboxMessage).where(condition).order_by(OutboxMessage.id.desc()).limit(LIST_SIZE)
            .options(selectinload(OutboxMessage.recipient))
        ).all()

    return {
        "failed": newest(OutboxMessage.status == OutboxStatus.FAILED),
        "retrying": newest((OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.attempts > 0)),
        "no_address": newest(OutboxMessage.status == OutboxStatus.NO_ADDRESS),
    }


def message_or_404(message_id) -> OutboxMessage:
    """An outbox message by id; 404 when there is none."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    return message


def retry(message) -> bool:
    """Queue a message that was given up on again, from its first attempt; False if it was not given up on."""
    if message.status != OutboxStatus.FAILED:
        return False
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.claimed_by = message.claimed_until = None
    db.session.commit()
    return True
