"""Rules of the council voice: taking contributions in, a young person's own shared words, moderation,
quotes, council permissions and "You said, we did".

What a young person shares is never written straight into the council's tables: the request only
queues it, encrypted (portal/voice/queue.py), and the mixing job (portal/voice/mixing.py) later makes
the contributions of a batch from several young people and, in another transaction, their sealed
rows, each in shuffled order. So nothing that names a young person is written in the same
transaction, order or moment as a contribution (see portal/voice/__init__.py).
"""

from dataclasses import dataclass, field
from datetime import date

from flask import abort
from flask_babel import get_locale
from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from portal.core.clock import local_today
from portal.core.questions import definition
from portal.core.suppression import SMALLEST_SHOWN
from portal.extensions import db
from portal.models import (
    Answer,
    Consultation,
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
from portal.voice import queue
from portal.voice.news import council_news, forget_news
from portal.voice.themes import Theme, theme_for_question, theme_names

MAX_TEXT = 2000
QUEUE_PAGE = 50
QUOTES_PAGE = 20
LATEST_UPDATES = 3


def period_of(day: date) -> date:
    """The month a day falls in, as its 1st: the only "when" a contribution keeps."""
    return day.replace(day=1)


def make_contribution(source, themes, period, age_band, language, text, *, campaign_id=None, answer=None):
    """Add one contribution and its theme rows to the session (only the mixing job calls this)."""
    text = (text or "").strip() or None
    contribution = Contribution(
        token=new_token(), source=source, campaign_id=campaign_id, period=period,
        age_band=age_band, language=language, text=text, status=Moderation.PENDING if text else Moderation.NO_TEXT,
        answer=answer,
    )
    db.session.add(contribution)
    for key in dict.fromkeys(themes or [Theme.OTHER.value]):
        db.session.add(ContributionTheme(contribution_token=contribution.token, theme=key,
                                         period=contribution.period, age_band=age_band))
    return contribution


def _shared_answers(consultation):
    form = definition(consultation.band, consultation.form_version)
    answers = db.session.scalars(select(Answer).where(
        Answer.consultation_id == consultation.id, Answer.shared.is_(True), Answer.skipped.is_(False)))
    for answer in answers:
        question = form.question(answer.question_key)
        if question is not None and question.shareable and (answer.text or answer.choice):
            yield answer


def queue_shared_answers(consultation) -> int:
    """Queue the answers a young person chose to share, when their consultation is sent (the caller commits).

    Only encrypted queue entries are written here: the contributions are made later by the mixing
    job, so they share no transaction or moment with the consultation being sent.
    """
    period = period_of(local_today()).isoformat()
    made = 0
    for answer in _shared_answers(consultation):
        queue.put(consultation.young_person_id, queue.ANSWER, consultation=consultation.id,
                  question=answer.question_key, period=period, age_band=str(consultation.band),
                  language=consultation.locale)
        made += 1
    return made


def _queue_new(young_person, source, themes, language, text, submission, *, campaign_id=None, answer=None) -> bool:
    queue.put(young_person.id, queue.NEW, source=str(source), themes=list(themes or []),
              period=period_of(local_today()).isoformat(), age_band=str(young_person.band(local_today())),
              language=language, text=(text or "").strip() or None, campaign_id=campaign_id, answer=answer or None)
    queue.remember_submission(submission)
    try:
        db.session.commit()
    except IntegrityError:  # the same form sent twice (a double tap): it is stored once
        db.session.rollback()
        return False
    return True


def tell_the_council(young_person, text, themes, language, submission) -> bool:
    """Queue words for the council from the "Tell the council" page; False when this form was already sent."""
    return _queue_new(young_person, Source.DIRECT, themes, language, text, submission)


def answer_campaign(young_person, campaign, answer, text, language, submission) -> bool:
    """Queue a young person's answer to a campaign; False when this form was already sent."""
    return _queue_new(young_person, Source.CAMPAIGN, campaign.theme_keys, language, text, submission,
                      campaign_id=campaign.id, answer=answer)


# ---- A young person's own shared words ---------------------------------------------------------


@dataclass
class MyWords:
    """One thing a young person shared, as only they see it."""

    key: str  # the id of their sealed row or queue entry: never the contribution's token
    contribution: Contribution  # for a queued entry, an unsaved one showing what will be made
    themes: list[str] = field(default_factory=list)
    waiting: bool = False  # still in the queue: on its way to the council


def queued_answers(entries):
    """The review-form answers that queued "answer" entries point to, and the forms they belong to (one query)."""
    wanted = [(e.data["consultation"], e.data["question"]) for e in entries if e.kind == queue.ANSWER]
    answers, forms = {}, {}
    if wanted:
        rows = db.session.execute(select(Answer, Consultation).join(Consultation, Consultation.id == Answer.consultation_id)
                                  .where(tuple_(Answer.consultation_id, Answer.question_key).in_(wanted)))
        for answer, consultation in rows:
            answers[(answer.consultation_id, answer.question_key)] = answer
            forms[consultation.id] = definition(consultation.band, consultation.form_version)
    return answers, forms


def _waiting_words(entries) -> list[MyWords]:
    """What queued "new" and "answer" entries will become, built from the queue and the review forms."""
    answers, forms = queued_answers(entries)
    words = []
    for entry in entries:
        data = entry.data
        if entry.kind == queue.NEW:
            source, themes, text = Source(data["source"]), data["themes"] or [Theme.OTHER.value], data["text"]
        elif entry.kind == queue.ANSWER and (data["consultation"], data["question"]) in answers:
            question = forms[data["consultation"]].question(data["question"])
            source, themes = Source.CONSULTATION, [theme_for_question(question)]
            text = answers[(data["consultation"], data["question"])].text
        else:
            continue
        shown = Contribution(source=source, period=date.fromisoformat(data["period"]), age_band=data["age_band"],
                             language=data["language"], text=text, campaign_id=data.get("campaign_id"))
        words.append(MyWords(entry.token, shown, themes, waiting=True))
    return words


def my_words(young_person) -> list[MyWords]:
    """What this young person shared, waiting ones first, then newest month first (the tokens are unsealed here only)."""
    mine, queued = queue.mine_and_queued(young_person.id)
    keys = {token: key for key, token in mine}
    for entry in queued:
        if entry.kind == queue.MADE:  # made, not yet moved: shown as what it is, withdrawn through the queue
            keys.update(dict.fromkeys(entry.data["tokens"], entry.token))
    words = _waiting_words(queued)
    if keys:
        contributions, themes = {}, {}
        for contribution, theme in db.session.execute(
                select(Contribution, ContributionTheme.theme).outerjoin(
                    ContributionTheme, ContributionTheme.contribution_token == Contribution.token)
                .where(Contribution.token.in_(keys))):
            contributions[contribution.token] = contribution
            if theme:
                themes.setdefault(contribution.token, []).append(theme)
        words += sorted((MyWords(keys[token], c, themes.get(token, [])) for token, c in contributions.items()),
                        key=lambda item: item.contribution.period, reverse=True)
    return words


def answered_campaigns(young_person) -> set[int]:
    """The campaigns this young person has answered (only their own sealed list and queue entries know)."""
    queued = queue.entries_of(young_person.id)
    answered = {entry.data["campaign_id"] for entry in queued if entry.kind == queue.NEW and entry.data.get("campaign_id")}
    tokens = db.session.scalars(select(MyContribution.sealed).where(MyContribution.young_person_id == young_person.id)).all()
    tokens += [token for entry in queued if entry.kind == queue.MADE for token in entry.data["tokens"]]
    if tokens:
        answered |= set(db.session.scalars(select(Contribution.campaign_id).where(
            Contribution.token.in_(tokens), Contribution.campaign_id.is_not(None))))
    return answered


def queued_entry(young_person, key) -> queue.Entry | None:
    """One of this young person's queue entries, by its token; None for anything else."""
    return next((entry for entry in queue.entries_of(young_person.id) if entry.token == key), None)


def _delete_contributions(tokens):
    if tokens:
        db.session.execute(delete(ContributionTheme).where(ContributionTheme.contribution_token.in_(tokens)))
        db.session.execute(delete(Contribution).where(Contribution.token.in_(tokens)))


def withdraw(mine: MyContribution):
    """Take back a contribution: its words, themes and the young person's sealed row are deleted."""
    _delete_contributions([mine.sealed])
    db.session.delete(mine)
    db.session.commit()


def withdraw_queued(entry: queue.Entry) -> bool:
    """Take back something still on its way: the queue entry (and anything already made of it) is deleted.

    False when the mixing job moved it first (it is then in the sealed list, under a new key)."""
    taken = queue.take(entry.token)  # what it holds now, even if the job changed it a moment ago
    if taken is not None and taken.kind == queue.MADE:
        _delete_contributions(taken.data["tokens"])
    db.session.commit()
    return taken is not None


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


def dated_groups(rows) -> set[tuple[date, str]]:
    """The (month, age band) pairs of these quotes that at least 5 contributions share (one query).

    A quote shows its month and age band only then: a smaller group could point to very few young
    people. The threshold is the figures' own (portal/core/suppression.py), and every contribution
    counts, whatever its moderation."""
    periods = {row.period for row in rows}
    if not periods:
        return set()
    counted = db.session.execute(select(Contribution.period, Contribution.age_band, func.count())
                                 .where(Contribution.period.in_(periods))
                                 .group_by(Contribution.period, Contribution.age_band))
    return {(period, str(band)) for period, band, number in counted if number >= SMALLEST_SHOWN}


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
    forget_news()
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
    forget_news()


# ---- A young person's home page -------------------------------------------------------------------


def young_person_home(young_person) -> dict:
    """What a young person's home page shows from the council: open campaigns and the latest updates."""
    if young_person is None:
        return {"campaigns": [], "updates": [], "theme_names": {}}
    open_everywhere, latest = council_news()
    locale = str(get_locale() or "en")
    open_now = [campaign for campaign in open_everywhere if locale in campaign.language_codes]
    answered = answered_campaigns(young_person) if open_now else set()
    return {"campaigns": [(campaign, campaign.id in answered) for campaign in open_now], "updates": latest,
            "theme_names": theme_names() if latest else {}}


def register_home_section(state):
    """Show open campaigns and "You said, we did" on a young person's home page (which knows no capability by name)."""
    state.app.extensions.setdefault("home_sections", {})["council"] = young_person_home


# ---- Data rights: a young person's own download, and retention ---------------------------------------


def record_section(young_person, viewer) -> list[dict] | None:
    """What the young person shared with the council, for their own "See my records" download only.

    Only the young person may receive it: their list is sealed, so a carer's or a subject access
    export made by staff never links these anonymous words to them (None: not this viewer's to see).
    """
    if viewer.role != Role.YOUNG_PERSON or young_person.user_id != viewer.id:
        return None
    names = theme_names()
    return [{"words": item.contribution.text, "month": item.contribution.period.isoformat(),
             "source": item.contribution.source.value,
             "themes": sorted(str(names.get(theme, theme)) for theme in item.themes),
             "waiting": item.waiting} for item in my_words(young_person)]


def forget_young_person(young_person) -> int:
    """Retention: delete the young person's sealed pointers and what of theirs still waits in the queue.

    The council's contributions stay: they carry no name, and without the sealed rows nothing links
    them to anyone any more. Returns how many rows were deleted (the caller commits).
    """
    sealed = db.session.execute(delete(MyContribution).where(MyContribution.young_person_id == young_person.id)).rowcount
    waiting = 0
    for entry in queue.entries_of(young_person.id):
        if queue.take(entry.token) is not None:
            waiting += 1
    return sealed + waiting


def register_data_rights(state):
    """Offer the young person's shared words to their own download, and their deletion to retention."""
    state.app.extensions.setdefault("record_sections", {})["council"] = record_section
    state.app.extensions.setdefault("record_erasers", {})["council"] = forget_young_person
