"""The service's figures for one period, each group counted by one SQL aggregate statement.

Nothing here loops over records in Python: each function runs one statement (a fixed number, whatever
the data) and gets back one row, or one row per small group (an age band, a language, an outcome).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from portal.core import timetable
from portal.core.figures.periods import Period
from portal.core.figures.sql import DayRules, add_days, add_months, days_table, local_day, period_bounds
from portal.extensions import db
from portal.models import (
    CareEpisode,
    Consultation,
    ConsultationStatus,
    LatenessReason,
    LegalStatus,
    LetterTranslation,
    Participation,
    Review,
    ReviewLetter,
    Role,
    SafetyFlag,
    User,
    YoungPerson,
)
from portal.models.base import utcnow
from portal.models.letters import LetterStatus
from portal.models.support import SupportKind, SupportRequest, SupportStatus

# A review's due date counts from the review before it (or the episode's start): looking this far back
# before the period finds it whenever it could still make a review in the period on time.
LOOK_BACK_MONTHS = timetable.LATER_REVIEW_MONTHS + 1
# Days before the period whose "20 working days on" matters (a first review held in the period).
FIRST_REVIEW_MARGIN_DAYS = 62
# Days after the period within which a request's acknowledge-by and allocate-by dates fall.
AFTER_MARGIN_DAYS = 45
PARTICIPATING = tuple(Participation(f"PN{number}") for number in range(1, 7))
NOT_RECORDED = "not_recorded"
CHECKLIST = ("knows_why_in_care", "knows_how_to_get_advocate", "knows_how_to_complain")


def prepare():
    """On PostgreSQL, settings for this transaction only: no JIT (compiling these one-off aggregates costs more
    than running them) and room to sort a year of reviews in memory. One statement, whatever the data."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.set_config("jit", "off", True), func.set_config("work_mem", "32MB", True)))


def day_rules() -> DayRules:
    config = current_app.config
    return DayRules(config["BABEL_DEFAULT_TIMEZONE"], config["LETTER_TARGET_DAYS"], config["LETTER_LATEST_WORKING_DAYS"])


def _days(period: Period):
    return days_table(period.start - timedelta(days=FIRST_REVIEW_MARGIN_DAYS),
                      period.end + timedelta(days=AFTER_MARGIN_DAYS), day_rules(), db.engine.dialect.name)


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# ---- Reviews: held, in time (NI66), why late, participation (C63), chairing, first-review checklist ---

@dataclass
class ReviewFigures:
    held: int = 0
    in_time: int = 0
    no_episode: int = 0  # held with no care episode recorded: timing cannot be worked out
    late_by_reason: dict[str, int] = field(default_factory=dict)  # reason (or NOT_RECORDED) -> late reviews
    aged_4_or_over: int = 0
    participated: int = 0  # aged 4 or over, PN1 to PN6
    by_code: dict[str, int] = field(default_factory=dict)  # aged 4 or over: code (or NOT_RECORDED) -> reviews
    chaired: int = 0
    co_chaired: int = 0
    checklist: dict[str, tuple[int, int]] = field(default_factory=dict)  # question -> (yes, no)

    @property
    def late(self) -> int:
        return self.held - self.in_time - self.no_episode


def _held_with_due(period: Period, days):
    """Each review held in the period with its due date, worked out as the timetable does (in SQL)."""
    cutoff = timetable.add_months(period.start, -LOOK_BACK_MONTHS)
    in_episode = and_(CareEpisode.young_person_id == Review.young_person_id, CareEpisode.started_on <= Review.held_on,
                      or_(CareEpisode.ended_on.is_(None), Review.held_on <= CareEpisode.ended_on))
    order = (Review.held_on, Review.id)
    window = (select(Review.id, Review.young_person_id, Review.held_on, Review.lateness_reason, Review.participation,
                     Review.chaired, *(getattr(Review, name) for name in CHECKLIST),
                     YoungPerson.date_of_birth, CareEpisode.started_on, CareEpisode.legal_status,
                     func.lag(Review.held_on, 1).over(partition_by=CareEpisode.id, order_by=order).label("prev1"),
                     func.lag(Review.held_on, 2).over(partition_by=CareEpisode.id, order_by=order).label("prev2"))
              .join(YoungPerson, YoungPerson.id == Review.young_person_id)
              .outerjoin(CareEpisode, in_episode)
              .where(Review.held_on.is_not(None), Review.held_on >= cutoff, Review.held_on <= period.end)
              .subquery("held"))
    earlier = aliased(Review)
    # Second in its episode: one review before it in the window and none before that at all.
    second = and_(window.c.prev1.is_not(None), window.c.prev2.is_(None),
                  or_(window.c.started_on >= cutoff,
                      ~exists().where(earlier.young_person_id == window.c.young_person_id,
                                      earlier.held_on.is_not(None), earlier.held_on < window.c.prev1,
                                      earlier.held_on >= window.c.started_on)))
    short = window.c.legal_status == LegalStatus.SHORT_BREAKS.value
    due = case(
        (window.c.prev1.is_(None), case((short, add_months(window.c.started_on, timetable.SHORT_BREAK_FIRST_MONTHS)),
                                        else_=days.c.first_review_due)),
        (and_(second, ~short), add_months(window.c.prev1, timetable.SECOND_REVIEW_MONTHS)),
        else_=add_months(window.c.prev1, timetable.LATER_REVIEW_MONTHS))
    known = window.c.started_on.is_not(None)
    on_time = and_(known, due.is_not(None), window.c.held_on <= due)
    # Worked out once per review (MATERIALIZED): otherwise each sum below would repeat the due date's subquery.
    return (select(window.c.lateness_reason, window.c.participation, window.c.chaired,
                   *(window.c[name] for name in CHECKLIST),
                   case((known, 1), else_=0).label("known"), case((on_time, 1), else_=0).label("on_time"),
                   # Aged 4 or over on the day: born on or before the day 4 years earlier.
                   case((window.c.date_of_birth <= add_months(window.c.held_on, -48), 1), else_=0).label("aged_4"))
            .outerjoin(days, days.c.day == window.c.started_on)
            .where(window.c.held_on >= period.start)
            .cte("held_due").prefix_with("MATERIALIZED"))


def reviews(period: Period) -> ReviewFigures:
    """One statement: every review figure of the period as one row of sums."""
    held = _held_with_due(period, _days(period))
    c = held.c
    known, on_time = c.known == 1, c.on_time == 1
    late = and_(known, ~on_time)
    aged_4 = c.aged_4 == 1
    columns = {"held": func.count(), "in_time": _count(on_time), "no_episode": _count(~known),
               "aged_4": _count(aged_4),
               "participated": _count(and_(aged_4, c.participation.in_([code.value for code in PARTICIPATING]))),
               "chaired": _count(c.chaired == "chaired"), "co_chaired": _count(c.chaired == "co_chaired")}
    for reason in LatenessReason:
        columns[f"late:{reason.value}"] = _count(and_(late, c.lateness_reason == reason.value))
    columns[f"late:{NOT_RECORDED}"] = _count(and_(late, c.lateness_reason.is_(None)))
    for code in Participation:
        columns[f"code:{code.value}"] = _count(and_(aged_4, c.participation == code.value))
    columns[f"code:{NOT_RECORDED}"] = _count(and_(aged_4, c.participation.is_(None)))
    for name in CHECKLIST:
        columns[f"yes:{name}"] = _count(c[name].is_(True))
        columns[f"no:{name}"] = _count(c[name].is_(False))
    row = db.session.execute(select(*(value.label(key.replace(":", "__")) for key, value in columns.items()))
                             .select_from(held)).one()._mapping
    got = {key: int(row[key.replace(":", "__")] or 0) for key in columns}
    return ReviewFigures(
        held=got["held"], in_time=got["in_time"], no_episode=got["no_episode"],
        late_by_reason={key[5:]: value for key, value in got.items() if key.startswith("late:")},
        aged_4_or_over=got["aged_4"], participated=got["participated"],
        by_code={key[5:]: value for key, value in got.items() if key.startswith("code:")},
        chaired=got["chaired"], co_chaired=got["co_chaired"],
        checklist={name: (got[f"yes:{name}"], got[f"no:{name}"]) for name in CHECKLIST})


# ---- Consultations before reviews held in the period -------------------------------------------

@dataclass
class ConsultationFigures:
    held: int = 0  # reviews held in the period
    sent_before: int = 0
    helped: int = 0  # of those sent before, a carer helped with at least one answer
    by_band: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)


def consultations(period: Period) -> ConsultationFigures:
    """One statement: reviews held, with the views sent before them by age band, language and help."""
    sent_before = and_(Consultation.status == ConsultationStatus.SENT.value, Consultation.sent_at <= Review.scheduled_for)
    rows = db.session.execute(
        select(case((sent_before, Consultation.band), else_=None).label("sent_band"),
               case((sent_before, Consultation.locale), else_=None).label("sent_locale"),
               case((and_(sent_before, Consultation.helped_by_id.is_not(None)), True), else_=False).label("was_helped"),
               func.count())
        .select_from(Review).outerjoin(Consultation, Consultation.review_id == Review.id)
        .where(Review.held_on >= period.start, Review.held_on <= period.end)
        .group_by("sent_band", "sent_locale", "was_helped")
    ).all()
    figures = ConsultationFigures()
    for band, locale, helped, number in rows:
        figures.held += number
        if band is None:
            continue
        figures.sent_before += number
        figures.helped += number if helped else 0
        figures.by_band[str(band)] = figures.by_band.get(str(band), 0) + number
        figures.by_language[locale] = figures.by_language.get(locale, 0) + number
    return figures


# ---- Letters after reviews held in the period ----------------------------------------------------

@dataclass
class LetterFigures:
    held: int = 0
    published: int = 0
    within_target: int = 0  # published by the end of day 14 after the review
    within_limit: int = 0  # published by the end of the 20th working day (includes within_target)
    late: int = 0  # published after the limit, or not published and the limit has passed
    not_due_yet: int = 0  # not published, the limit not passed yet


def letters(period: Period, now=None) -> LetterFigures:
    """One statement: each review held in the period and its letter, against its target and limit."""
    days = _days(period)
    now = now or utcnow()
    published = ReviewLetter.status == LetterStatus.PUBLISHED.value
    row = db.session.execute(
        select(func.count(),
               _count(published),
               _count(and_(published, ReviewLetter.published_at < days.c.letter_target_ends)),
               _count(and_(published, ReviewLetter.published_at < days.c.letter_latest_ends)),
               _count(or_(and_(published, ReviewLetter.published_at >= days.c.letter_latest_ends),
                          and_(or_(ReviewLetter.id.is_(None), ~published), days.c.letter_latest_ends <= now))),
               _count(and_(or_(ReviewLetter.id.is_(None), ~published), days.c.letter_latest_ends > now)))
        .select_from(Review)
        .join(days, days.c.day == Review.held_on)
        .outerjoin(ReviewLetter, ReviewLetter.review_id == Review.id)
        .where(Review.held_on >= period.start, Review.held_on <= period.end)
    ).one()
    return LetterFigures(*(int(value or 0) for value in row))


# ---- Letters asked for in the young person's language in the period -----------------------------

@dataclass
class TranslationFigures:
    requested: int = 0
    translated: int = 0
    median_days: float | None = None  # from asking to the first translated letter, of those translated


def letter_translations(period: Period) -> TranslationFigures:
    """One statement: requests for a letter in the young person's language made in the period, and how long they took.

    The median is taken here (not in SQL) because SQLite has no median; the rows are one per request.
    """
    starts, ends = _bounds(period)
    rows = db.session.execute(
        select(LetterTranslation.requested_at, LetterTranslation.first_published_at)
        .where(LetterTranslation.requested_at >= starts, LetterTranslation.requested_at < ends)).all()
    waits = sorted((done - asked).total_seconds() / 86_400 for asked, done in rows if done is not None)
    median = None
    if waits:
        middle = len(waits) // 2
        median = waits[middle] if len(waits) % 2 else (waits[middle - 1] + waits[middle]) / 2
    return TranslationFigures(len(rows), len(waits), None if median is None else round(median, 1))


# ---- Advocacy and Independent Visitor requests made in the period -------------------------------

@dataclass
class RequestFigures:
    received: int = 0
    acknowledged_in_time: int = 0
    allocated_in_time: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)  # status -> requests


def _bounds(period: Period):
    return period_bounds(period.start, period.end, current_app.config["BABEL_DEFAULT_TIMEZONE"])


def requests(period: Period) -> dict[str, RequestFigures]:
    """One statement: requests made in the period by kind and where they got to, with the steps done in time."""
    days = _days(period)
    acknowledge_day, allocate_day = aliased(days), aliased(days)
    starts, ends = _bounds(period)
    rows = db.session.execute(
        select(SupportRequest.kind, SupportRequest.status, func.count(),
               _count(SupportRequest.acknowledged_at < acknowledge_day.c.ends_at),
               _count(SupportRequest.allocated_at < allocate_day.c.ends_at))
        .select_from(SupportRequest)
        .outerjoin(acknowledge_day, acknowledge_day.c.day == SupportRequest.acknowledge_by)
        .outerjoin(allocate_day, allocate_day.c.day == SupportRequest.allocate_by)
        .where(SupportRequest.created_at >= starts, SupportRequest.created_at < ends)
        .group_by(SupportRequest.kind, SupportRequest.status)
    ).all()
    figures = {kind.value: RequestFigures(by_outcome={status.value: 0 for status in SupportStatus}) for kind in SupportKind}
    for kind, status, number, acknowledged, allocated in rows:
        found = figures[str(kind)]
        found.received += number
        found.acknowledged_in_time += int(acknowledged)
        found.allocated_in_time += int(allocated)
        found.by_outcome[str(status)] += number
    return figures


# ---- Safety flags raised in the period ----------------------------------------------------------

@dataclass
class FlagFigures:
    raised: int = 0
    urgent: int = 0
    actioned_in_time: int = 0  # an action recorded within 1 working day of being raised


def flags(period: Period) -> FlagFigures:
    """One statement: flags raised in the period, and those with an action within 1 working day."""
    days = _days(period)
    starts, ends = _bounds(period)
    raised_on = local_day(SafetyFlag.created_at, current_app.config["BABEL_DEFAULT_TIMEZONE"], days,
                          db.engine.dialect.name)
    in_time = SafetyFlag.actioned_at <= add_days(SafetyFlag.created_at, days.c.next_working_gap)
    row = db.session.execute(
        select(func.count(), _count(SafetyFlag.level == "urgent"), _count(in_time))
        .select_from(SafetyFlag)
        .join(days, days.c.day == raised_on)
        .where(SafetyFlag.created_at >= starts, SafetyFlag.created_at < ends)
    ).one()
    return FlagFigures(*(int(value or 0) for value in row))


# ---- Caseloads ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Caseload:
    iro_id: int
    name: str
    young_people: int


def caseloads() -> list[Caseload]:
    """One statement: every active IRO with the number of young people on their caseload now, by name."""
    rows = db.session.execute(
        select(User.id, User.display_name, func.count(YoungPerson.id))
        .outerjoin(YoungPerson, YoungPerson.iro_id == User.id)
        .where(User.role == Role.IRO.value, User.active.is_(True))
        .group_by(User.id, User.display_name)
        .order_by(User.display_name, User.id)
    ).all()
    return [Caseload(iro_id, name, number) for iro_id, name, number in rows]
