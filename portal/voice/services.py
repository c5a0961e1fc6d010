"""Rules of the council voice: taking contributions in, a young person's own shared words, moderation,
quotes, council permissions and "You said, we did".

Every function that creates a contribution writes the same things: the themes, the month, the
age band, the language, the source, the words (encrypted), and, on the young person's side only,
the contribution's token sealed in `my_contributions`. Nothing else (see portal/voice/__init__.py).
"""

from dataclasses import dataclass
from datetime import date

from flask import abort
from flask_babel import get_locale
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.consultation.definitions import definition
from portal.extensions import db
from portal.models import (
    Answer,
    Contribution,
    ContributionTheme,
    CouncilPermission,
    CouncilUpdate,
    Moderation,
    MyContribution,
    Role,
    Source,
    User,
)
from portal.models.voice import new_token
from portal.templating import local_today
from portal.voice import campaigns
from portal.voice.themes import Theme, theme_for_question, theme_names

MAX_TEXT = 2000
QUEUE_PAGE = 50
QUOTES_PAGE = 20
LATEST_UPDATES = 3


def period_of(day: date) -> date:
    """The month a day falls in, as its 1st: the only "when" a contribution keeps."""
    return day.replace(day=1)


def _contribute(source, themes, age_band, language, text, *, campaign_id=None, answer=None):
    text = (text or "").strip() or None
    contribution = Contribution(
        token=new_token(), source=source, campaign_id=campaign_id, period=period_of(local_today()),
        age_band=age_band, language=language, text=text, status=Moderation.PENDING if text else Moderation.NO_TEXT,
        answer=answer,
    )
    db.session.add(contribution)
    for key in dict.fromkeys(themes or [Theme.OTHER.value]):
        db.session.add(ContributionTheme(contribution_token=contribution.token, theme=key,
                                         period=contribution.period, age_band=age_band))
    return contribution


def _seal(young_person_id, contribution, submission=None):
    """Remember, on the young person's side only, that this contribution is theirs (the token encrypted)."""
    db.session.add(MyContribution(id=new_token(), young_person_id=young_person_id, sealed=contribution.token,
                                  submission=submission or None))


def receive_shared_answers(consultation) -> int:
    """Make council contributions of the answers a young person chose to share, when their consultation is sent.

    Called inside the sending transaction (the caller commits). Each shared answer becomes one
    contribution under its question's theme; a choice with no words is counted but has no quote.
    """
    form = definition(consultation.band, consultation.form_version)
    answers = db.session.scalars(select(Answer).where(
        Answer.consultation_id == consultation.id, Answer.shared.is_(True), Answer.skipped.is_(False)))
    made = 0
    for answer in answers:
        question = form.question(answer.question_key)
        if question is None or not question.shareable or not (answer.text or answer.choice):
            continue
        contribution = _contribute(Source.CONSULTATION, [theme_for_question(question)], consultation.band,
                                   consultation.locale, answer.text)
        _seal(consultation.young_person_id, contribution)
        made += 1
    return made


def tell_the_council(young_person, text, themes, language, submission) -> bool:
    """Store words for the council from the "Tell the council" page; False when this form was already sent."""
    contribution = _contribute(Source.DIRECT, themes, young_person.band(local_today()), language, text)
    _seal(young_person.id, contribution, submission)
    try:
        db.session.commit()
    except IntegrityError:  # the same form sent twice (a double tap): it is stored once
        db.session.rollback()
        return False
    return True


def answer_campaign(young_person, campaign, answer, text, language, submission) -> bool:
    """Store a young person's answer to a campaign; False when this form was already sent."""
    contribution = _contribute(Source.CAMPAIGN, campaign.theme_keys, young_person.band(local_today()), language, text,
                               campaign_id=campaign.id, answer=answer or None)
    _seal(young_person.id, contribution, submission)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


# ---- A young person's own shared words ---------------------------------------------------------


@dataclass
class MyWords:
    """One thing a young person shared, as only they see it."""

    key: str  # the id of their sealed row: never the contribution's token
    contribution: Contribution
    themes: list[str]


def my_words(young_person) -> list[MyWords]:
    """What this young person shared, newest month first (three queries; the tokens are unsealed here only)."""
    sealed = db.session.scalars(select(MyContribution).where(MyContribution.young_person_id == young_person.id)).all()
    by_token = {row.sealed: row for row in sealed}
    if not by_token:
        return []
    contributions = db.session.scalars(select(Contribution).where(Contribution.token.in_(by_token))).all()
    themes = {}
    for token, theme in db.session.execute(select(ContributionTheme.contribution_token, ContributionTheme.theme)
                                           .where(ContributionTheme.contribution_token.in_(by_token))):
        themes.setdefault(token, []).append(theme)
    words = [MyWords(by_token[c.token].id, c, themes.get(c.token, [])) for c in contributions]
    return sorted(words, key=lambda item: item.contribution.period, reverse=True)


def answered_campaigns(young_person) -> set[int]:
    """The campaigns this young person has answered (their own sealed list is the only place that knows)."""
    sealed = db.session.scalars(select(MyContribution.sealed).where(MyContribution.young_person_id == young_person.id)).all()
    if not sealed:
        return set()
    return set(db.session.scalars(select(Contribution.campaign_id).where(
        Contribution.token.in_(sealed), Contribution.campaign_id.is_not(None))))


def withdraw(mine: MyContribution):
    """Take back a contribution: its words, themes and the young person's sealed row are deleted."""
    token = mine.sealed
    db.session.execute(delete(ContributionTheme).where(ContributionTheme.contribution_token == token))
    db.session.execute(delete(Contribution).where(Contribution.token == token))
    db.session.delete(mine)
    db.session.commit()


# ---- Moderation ----------------------------------------------------------------------------------


def moderation_queue(limit=QUEUE_PAGE) -> tuple[list[Contribution], int, dict[str, list[str]]]:
    """Words waiting to be checked (by month, then the random token: never the order they came in), and how many."""
    waiting = db.session.scalar(select(func.count()).select_from(Contribution)
                                .where(Contribution.status == Moderation.PENDING))
    items = db.session.scalars(select(Contribution).where(Contribution.status == Moderation.PENDING)
                               .order_by(Contribution.period, Contribution.token).limit(limit)).all()
    return items, waiting, themes_of([item.token for item in items])


def themes_of(tokens) -> dict[str, list[str]]:
    """The themes of these contributions, by token (one query)."""
    found = {}
    if tokens:
        for token, theme in db.session.execute(select(ContributionTheme.contribution_token, ContributionTheme.theme)
                                               .where(ContributionTheme.contribution_token.in_(tokens))):
            found.setdefault(token, []).append(theme)
    return found


def moderate(contribution, approve: bool, redacted: str | None) -> bool:
    """Approve (with the redacted words the council will read) or reject; False if someone else got there first."""
    values = {"status": Moderation.APPROVED, "redacted": redacted.strip()} if approve else \
        {"status": Moderation.REJECTED, "redacted": None}
    result = db.session.execute(update(Contribution).where(
        Contribution.token == contribution.token, Contribution.status == Moderation.PENDING).values(**values))
    db.session.commit()
    return result.rowcount == 1


@dataclass(frozen=True)
class QuoteFilters:
    """Which approved quotes to show."""

    theme: str | None = None
    age_band: str | None = None
    start: date | None = None
    end: date | None = None


def quotes(filters: QuoteFilters, after: str | None = None, limit=QUOTES_PAGE, campaign_id=None):
    """Approved, redacted quotes, newest month first then by random token; (quotes, themes, next page key)."""
    query = select(Contribution).where(Contribution.status == Moderation.APPROVED)
    if filters.theme:
        query = query.where(select(ContributionTheme.theme).where(
            ContributionTheme.contribution_token == Contribution.token, ContributionTheme.theme == filters.theme).exists())
    if filters.age_band:
        query = query.where(Contribution.age_band == filters.age_band)
    if filters.start:
        query = query.where(Contribution.period >= filters.start)
    if filters.end:
        query = query.where(Contribution.period <= filters.end)
    if campaign_id is not None:
        query = query.where(Contribution.campaign_id == campaign_id)
    if after:
        period, _sep, token = after.partition("~")
        try:
            day = date.fromisoformat(period)
        except ValueError:
            day = None
        if day is not None:
            query = query.where((Contribution.period < day) | ((Contribution.period == day) & (Contribution.token > token)))
    rows = db.session.scalars(query.order_by(Contribution.period.desc(), Contribution.token).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    following = f"{rows[-1].period.isoformat()}~{rows[-1].token}" if more else None
    return rows, themes_of([row.token for row in rows]), following


# ---- Council permissions ------------------------------------------------------------------------


def council_members() -> list[tuple[User, CouncilPermission | None]]:
    """Every active council account with its permissions (two queries)."""
    members = db.session.scalars(select(User).where(User.role == Role.COUNCIL, User.active.is_(True))
                                 .order_by(User.display_name, User.id)).all()
    permissions = {p.user_id: p for p in db.session.scalars(select(CouncilPermission).where(
        CouncilPermission.user_id.in_([m.id for m in members])))} if members else {}
    return [(member, permissions.get(member.id)) for member in members]


def set_permissions(user, can_moderate: bool, can_run_campaigns: bool):
    """Grant or remove a council account's moderator and campaigns permissions."""
    permission = db.session.get(CouncilPermission, user.id)
    if permission is None:
        permission = CouncilPermission(user_id=user.id)
        db.session.add(permission)
    permission.can_moderate, permission.can_run_campaigns = bool(can_moderate), bool(can_run_campaigns)
    db.session.commit()


# ---- "You said, we did" ---------------------------------------------------------------------------


def post_update(user, you_said, we_did, themes) -> CouncilUpdate:
    update_ = CouncilUpdate(you_said=you_said.strip(), we_did=we_did.strip(), themes=",".join(themes),
                            posted_by_id=user.id)
    db.session.add(update_)
    db.session.commit()
    return update_


def updates(limit=None) -> list[CouncilUpdate]:
    """"You said, we did" updates, newest first."""
    query = select(CouncilUpdate).order_by(CouncilUpdate.created_at.desc(), CouncilUpdate.id.desc())
    return db.session.scalars(query.limit(limit) if limit else query).all()


def update_or_404(update_id) -> CouncilUpdate:
    found = db.session.get(CouncilUpdate, update_id)
    if found is None:
        abort(404)
    return found


def delete_update(update_):
    db.session.delete(update_)
    db.session.commit()


# ---- A young person's home page -------------------------------------------------------------------


def young_person_home(young_person) -> dict:
    """What a young person's home page shows from the council: open campaigns and the latest updates."""
    if young_person is None:
        return {"campaigns": [], "updates": [], "theme_names": {}}
    open_now = campaigns.open_for(str(get_locale() or "en"))
    answered = answered_campaigns(young_person) if open_now else set()
    latest = updates(LATEST_UPDATES)
    return {"campaigns": [(campaign, campaign.id in answered) for campaign in open_now], "updates": latest,
            "theme_names": theme_names() if latest else {}}
