"""Safety flags: raised by words or by a tapped choice, told to the IRO (and out of hours to the duty
contact), and acted on, with what was done recorded.

A flag holds no words itself: the words stay in the answer, which the privacy model lets the IRO
read before it is sent only when the flag is urgent (portal/security/privacy.py).
"""

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.core import safety
from portal.core.outbox import notify, notify_address
from portal.core.working_days import add_working_days, is_working_day
from portal.database import among
from portal.extensions import db
from portal.models import FlagAction, SafetyFlag, YoungPerson
from portal.models.base import utcnow

URGENT, SOON = "urgent", "soon"
_RANK = {URGENT: 2, SOON: 1, None: 0}


def highest(*levels):
    """The most worrying of some levels (None when there is none)."""
    return max(levels, key=lambda level: _RANK[level])


def level_of(question, choice, text) -> str | None:
    """How worrying an answer is: the concern of the tapped choice and of the words, whichever is higher."""
    tapped = next((option.concern for option in question.choices if option.value == choice), None) if choice else None
    return highest(tapped, text_level(text))


def text_level(text) -> str | None:
    """How worrying some words are, by the safeguarding lead's rules in every language.

    Every language's rules, not just the page's: a child on an English page may write in Arabic
    (the labelled sets give the same recall and false-flag rate either way: benchmarks/safety_recall.py --all-lists).
    """
    level = safety.assess(text)
    return str(level) if level else None


def raise_flag(consultation, question_key, level) -> SafetyFlag | None:
    """Raise (or make more urgent) the flag for one answer, in the caller's transaction; tell who must know."""
    if level is None:
        return None
    flag = db.session.scalar(select(SafetyFlag).where(
        SafetyFlag.consultation_id == consultation.id, SafetyFlag.question_key == question_key))
    if flag is not None and _RANK[flag.level] >= _RANK[level]:
        return flag
    if flag is None:
        flag = SafetyFlag(young_person_id=consultation.young_person_id, consultation_id=consultation.id,
                          question_key=question_key, level=level)
        db.session.add(flag)
    else:
        flag.level = level
    if level == URGENT:
        _tell_urgent(consultation.young_person)
    return flag


def _tell_urgent(young_person):
    # The messages say only that there is something urgent: never who, never what.
    if young_person.iro is not None:
        notify(young_person.iro, "urgent_flag")
    duty = current_app.config.get("DUTY_EMAIL")
    if duty and not in_working_hours(utcnow()):
        notify_address(duty, current_app.config["BABEL_DEFAULT_LOCALE"], "urgent_flag_duty")


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))


def working_hours() -> tuple[time, time]:
    """The service's working hours on working days (WORKING_HOURS, such as "09:00-17:00")."""
    start, _sep, end = current_app.config["WORKING_HOURS"].partition("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def in_working_hours(moment: datetime) -> bool:
    """True on a working day in England, between the configured hours, local time."""
    local = _local(moment)
    start, end = working_hours()
    return is_working_day(local.date()) and start <= local.time() < end


def action_due_by(flag) -> datetime:
    """A flag should be acted on within 1 working day of being raised (the same local time, one working day on)."""
    raised = _local(flag.created_at)
    return datetime.combine(add_working_days(raised.date(), 1), raised.time(), tzinfo=raised.tzinfo)


def is_overdue(flag, now: datetime | None = None) -> bool:
    return flag.actioned_at is None and (now or utcnow()) > action_due_by(flag)


def open_counts(young_person_ids) -> dict[int, dict[str, int]]:
    """Open (not yet acted on) flags of each young person, by level (one query)."""
    if not young_person_ids:
        return {}
    rows = db.session.execute(
        select(SafetyFlag.young_person_id, SafetyFlag.level, func.count())
        .where(among(SafetyFlag.young_person_id, young_person_ids), SafetyFlag.actioned_at.is_(None))
        .group_by(SafetyFlag.young_person_id, SafetyFlag.level))
    counts: dict[int, dict[str, int]] = {}
    for person_id, level, count in rows:
        counts.setdefault(person_id, {})[level] = count
    return counts


@dataclass
class OpenFlag:
    flag: SafetyFlag
    overdue: bool


def open_flags(visible, now: datetime | None = None) -> list[OpenFlag]:
    """Flags not yet acted on, of the young people matching `visible`: overdue first, then urgent, then oldest."""
    flags = db.session.scalars(
        select(SafetyFlag).join(YoungPerson, YoungPerson.id == SafetyFlag.young_person_id)
        .where(SafetyFlag.actioned_at.is_(None), visible)
        .options(selectinload(SafetyFlag.young_person)).order_by(SafetyFlag.created_at, SafetyFlag.id)
    ).all()
    now = now or utcnow()
    found = [OpenFlag(flag, is_overdue(flag, now)) for flag in flags]
    return sorted(found, key=lambda item: (not item.overdue, -_RANK[item.flag.level]))


def actions_of(flag) -> list[FlagAction]:
    return db.session.scalars(select(FlagAction).where(FlagAction.flag_id == flag.id)
                              .options(selectinload(FlagAction.recorded_by))
                              .order_by(FlagAction.taken_at, FlagAction.id)).all()


def record_action(flag, user, kind, taken_at, with_whom, note) -> FlagAction:
    """Record what was done; the flag leaves the caseload's open list with its first action."""
    action = FlagAction(flag_id=flag.id, kind=kind, taken_at=taken_at, recorded_by_id=user.id,
                        with_whom=(with_whom or "").strip() or None, note=(note or "").strip() or None)
    db.session.add(action)
    now = utcnow()
    flag.actioned_at = flag.actioned_at or now
    if flag.seen_at is None:
        flag.seen_at, flag.seen_by_id = now, user.id
    db.session.commit()
    return action
