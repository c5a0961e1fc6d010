"""A young person's or carer's choice of how to hear news: a text message, an email, or nothing."""

import re

from portal.extensions import db
from portal.models import ContactPreference
from portal.models.base import utcnow

UK_MOBILE = re.compile(r"^(?:\+44|0044|0)(7\d{9})$")


def uk_mobile(text: str) -> str | None:
    """A UK mobile number in international form (+447700900123), or None when it is not one."""
    match = UK_MOBILE.match(re.sub(r"[\s()-]", "", text or ""))
    return f"+44{match.group(1)}" if match else None


def choice_of(user) -> ContactPreference | None:
    """The person's current choice, if they have made one."""
    return db.session.get(ContactPreference, user.id)


def choose(user, channel: str, mobile: str | None, email: str | None) -> ContactPreference:
    """Save the choice; only what the chosen way needs is kept, and "none" deletes both."""
    choice = choice_of(user) or ContactPreference(user_id=user.id)
    choice.channel = channel
    choice.mobile = uk_mobile(mobile) if channel == "sms" else None
    choice.email = email.strip() if channel == "email" and email else None
    choice.updated_at = utcnow()
    db.session.add(choice)
    db.session.commit()
    return choice
