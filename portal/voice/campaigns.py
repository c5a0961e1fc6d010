"""Campaigns: a question the council asks young people between two dates, and its suppressed results.

A campaign is written once, by a council member, in one language (`written_in`), and shown as
written to young people whose language is one of those it is offered in. Nothing is machine
translated: if the council wants a campaign in Arabic, a council member writes it in Arabic.
"""

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, select

from portal.core import suppression
from portal.core.clock import local_today
from portal.extensions import db
from portal.models import AnswerType, Campaign, Contribution
from portal.voice.news import forget_news
from portal.voice.words import SCALE


def create(user, *, title, question, answer_type, choices, themes, written_in, languages, opens_on, closes_on):
    campaign = Campaign(
        title=title.strip(), question=question.strip(), answer_type=answer_type,
        choices="\n".join(choices) if answer_type == AnswerType.CHOICE else None,
        themes=",".join(themes), written_in=written_in, languages=",".join(languages),
        opens_on=opens_on, closes_on=closes_on, created_by_id=user.id,
    )
    db.session.add(campaign)
    db.session.commit()
    forget_news()
    return campaign


def campaign_or_404(campaign_id) -> Campaign:
    """Any campaign, for the council (campaigns belong to no one person)."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        abort(404)
    return campaign


def open_campaign_or_404(campaign_id, locale) -> Campaign:
    """A campaign open today in this language, for a young person to answer; 404 otherwise."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None or not is_open(campaign) or locale not in campaign.language_codes:
        abort(404)
    return campaign


def is_open(campaign, today: date | None = None) -> bool:
    today = today or local_today()
    return not campaign.closed and campaign.opens_on <= today <= campaign.closes_on


def open_for(locale: str, today: date | None = None) -> list[Campaign]:
    """Campaigns open today and offered in this language (one query)."""
    today = today or local_today()
    found = db.session.scalars(select(Campaign).where(
        Campaign.closed.is_(False), Campaign.opens_on <= today, Campaign.closes_on >= today)
        .order_by(Campaign.closes_on, Campaign.id)).all()
    return [campaign for campaign in found if locale in campaign.language_codes]


def all_campaigns() -> list[Campaign]:
    return db.session.scalars(select(Campaign).order_by(Campaign.opens_on.desc(), Campaign.id.desc())).all()


def close(campaign):
    campaign.closed = True
    db.session.commit()
    forget_news()


def answer_options(campaign) -> list[tuple[str, str]]:
    """(stored value, words) for each answer young people can choose; empty for a free-text campaign."""
    if campaign.answer_type == AnswerType.CHOICE:
        return [(str(number), words) for number, words in enumerate(campaign.choice_list, start=1)]
    if campaign.answer_type == AnswerType.SCALE:
        return [(value, str(words)) for value, words in SCALE]
    return []


@dataclass
class Results:
    """A campaign's results as the council sees them: every count suppressed by the one rule."""

    options: list[tuple[str, suppression.Count]]  # (answer words, count)
    total: suppression.Count
    with_words: suppression.Count  # how many answers had words (quotes follow moderation)


def results(campaign) -> Results:
    """Counts per answer, aggregated in SQL, then suppressed (two queries)."""
    counted = dict(db.session.execute(select(Contribution.answer, func.count()).where(
        Contribution.campaign_id == campaign.id).group_by(Contribution.answer)).all())
    with_words = db.session.scalar(select(func.count()).select_from(Contribution).where(
        Contribution.campaign_id == campaign.id, Contribution.text.is_not(None)))
    options = answer_options(campaign)
    if options:
        values = [counted.get(value, 0) for value, _words in options]
        shown, total = suppression.suppress_column(values)
        return Results([(words, count) for (_value, words), count in zip(options, shown, strict=True)], total,
                       suppression.count(with_words))
    everyone = sum(counted.values())
    return Results([], suppression.count(everyone), suppression.count(with_words))
