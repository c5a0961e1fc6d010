"""Each young person's review timetable from what is stored: their current care episode, held reviews and the next due date."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from portal.core import timetable as rules
from portal.core.timetable import DueStatus, MidwayStatus
from portal.database import among
from portal.extensions import db
from portal.models import CareEpisode, MidwayCheck, Review


def local_date(moment: datetime) -> date:
    """The local calendar day of a stored timestamp."""
    return moment.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def review_day(review) -> date:
    """The day a review was held, or else the day it is planned for."""
    return review.held_on or local_date(review.scheduled_for)


@dataclass
class ReviewDue:
    """A review with its number in the episode and the date it was (or is) due by."""

    review: Review
    sequence: int | None
    due_by: date | None

    @property
    def in_time(self) -> bool | None:
        if self.review.held_on is None or self.due_by is None:
            return None
        return rules.in_time(self.review.held_on, self.due_by)


@dataclass
class Timetable:
    """Where a young person's reviews stand: episode, reviews with due dates, the next one and its status."""

    episode: CareEpisode | None
    reviews: list[ReviewDue] = field(default_factory=list)
    next_review: Review | None = None
    due_by: date | None = None
    status: DueStatus | None = None
    mid_way: date | None = None
    last_held: date | None = None
    midway_check: MidwayCheck | None = None  # the newest check since the last held review
    midway_status: MidwayStatus | None = None

    @property
    def next_sequence(self) -> int:
        # Only this episode's held reviews count (reviews of earlier episodes have no sequence).
        return sum(1 for row in self.reviews if row.review.held_on is not None and row.sequence is not None) + 1


def _in_episode(review, episode) -> bool:
    day = review_day(review)
    return day >= episode.started_on and (episode.ended_on is None or day <= episode.ended_on)


def build(episodes: list[CareEpisode], reviews: list[Review], today: date,
          checks: list[MidwayCheck] = ()) -> Timetable:
    """The timetable of one young person from their episodes, reviews and mid-way checks (no queries)."""
    plan = _build(episodes, reviews, today)
    if plan.last_held is not None:
        since = [check for check in checks if check.checked_on > plan.last_held]
        plan.midway_check = max(since, key=lambda check: (check.checked_on, check.id)) if since else None
        plan.midway_status = rules.midway_status(plan.mid_way, plan.last_held,
                                                 plan.midway_check.checked_on if plan.midway_check else None, today)
    return plan


def _build(episodes: list[CareEpisode], reviews: list[Review], today: date) -> Timetable:
    current = next((episode for episode in sorted(episodes, key=lambda e: e.started_on, reverse=True)
                    if episode.ended_on is None), None)
    if current is None:
        return Timetable(None, [ReviewDue(review, None, None) for review in sorted(reviews, key=review_day)])
    mine = sorted((review for review in reviews if _in_episode(review, current)), key=review_day)
    held = [review for review in mine if review.held_on is not None]
    held_days = [review.held_on for review in held]
    due_of_held = rules.due_dates(current.started_on, held_days, current.short_breaks)
    due = rules.due_by(current.started_on, held_days, current.short_breaks)
    planned = [review for review in mine if review.held_on is None]
    rows = [ReviewDue(review, number, due_day) for number, (review, due_day)
            in enumerate(zip(held, due_of_held, strict=True), start=1)]
    rows += [ReviewDue(review, len(held) + 1 if index == 0 else None, due if index == 0 else None)
             for index, review in enumerate(planned)]
    rows += [ReviewDue(review, None, None) for review in reviews if review not in mine]
    rows.sort(key=lambda row: (review_day(row.review), row.review.id))
    next_review = planned[0] if planned else None
    planned_for = review_day(next_review) if next_review else None
    previous = held_days[-1] if held_days else current.started_on
    return Timetable(current, rows, next_review, due, rules.due_status(due, today, planned_for),
                     rules.mid_way(previous, due) if held_days else None, held_days[-1] if held_days else None)


def timetables(young_person_ids: list[int], today: date) -> dict[int, Timetable]:
    """Each young person's timetable, in three queries whatever the caseload size."""
    if not young_person_ids:
        return {}
    episodes = db.session.scalars(select(CareEpisode).where(among(CareEpisode.young_person_id, young_person_ids))).all()
    reviews = db.session.scalars(
        select(Review).where(among(Review.young_person_id, young_person_ids)).order_by(Review.scheduled_for, Review.id)
    ).all()
    checks = db.session.scalars(select(MidwayCheck).where(among(MidwayCheck.young_person_id, young_person_ids))).all()
    by_person = {person_id: ([], [], []) for person_id in young_person_ids}
    for episode in episodes:
        by_person[episode.young_person_id][0].append(episode)
    for review in reviews:
        by_person[review.young_person_id][1].append(review)
    for check in checks:
        by_person[check.young_person_id][2].append(check)
    return {person_id: build(mine, theirs, today, done) for person_id, (mine, theirs, done) in by_person.items()}


def timetable(young_person, today: date) -> Timetable:
    """One young person's timetable."""
    return timetables([young_person.id], today)[young_person.id]
