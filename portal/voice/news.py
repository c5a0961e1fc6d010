"""What the council tells every young person: open campaigns and the latest "You said, we did".

It is the same for everyone and shown on every young person's home page, so each worker keeps it
for NEWS_SECONDS (and forgets it at once when it changes a campaign or an update itself): a home
page then costs no query for it. Another worker's change shows within NEWS_SECONDS.
"""

import time

from flask import current_app
from sqlalchemy import select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import Campaign, CouncilUpdate

NEWS_SECONDS = 30
LATEST_UPDATES = 3


def council_news() -> tuple[list[Campaign], list[CouncilUpdate]]:
    """(campaigns open today in any language, the latest updates), from this worker's copy when it is fresh."""
    today = local_today()
    kept = current_app.extensions.setdefault("council_news", {})
    found = kept.get(today)
    if found is not None and found[0] > time.monotonic():
        return found[1], found[2]
    open_now = db.session.scalars(select(Campaign).where(
        Campaign.closed.is_(False), Campaign.opens_on <= today, Campaign.closes_on >= today)
        .order_by(Campaign.closes_on, Campaign.id)).all()
    latest = db.session.scalars(select(CouncilUpdate).order_by(CouncilUpdate.created_at.desc(), CouncilUpdate.id.desc())
                                .limit(LATEST_UPDATES)).all()
    kept.clear()
    kept[today] = (time.monotonic() + NEWS_SECONDS, open_now, latest)
    return open_now, latest


def forget_news():
    """This worker changed a campaign or an update: read them afresh next time."""
    current_app.extensions.pop("council_news", None)
