"""Escalation figures for a period (a reporting year or any dates), as the IRO service's annual report shows them.

Every figure is about the escalations RAISED in the period (first and last day included), as things
stood at the end of its last day: an escalation closed after the period counts as still open, and the
highest stage reached counts only stages asked on or before the last day. Time to resolve is in calendar
days from raising to closing, over those closed resolved or partly resolved by the end of the period.

Five SQL aggregate statements whatever the number of escalations: the database counts, Python only
names the handful of groups that come back (at most 11 rows).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, and_, case, func, literal, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer

from portal.core.escalations import SORTED_OUT, STAGES, stage_number
from portal.extensions import db
from portal.models import Escalation, EscalationCategory, EscalationKind, EscalationOutcome, EscalationStep


class days_between(FunctionElement):  # noqa: N801  (used like an SQL function)
    """Whole days from the first date to the second, in SQL, on PostgreSQL and SQLite alike."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between_postgresql(element, compiler, **kw):
    # PostgreSQL: date minus date is an integer number of days.
    start, end = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    # SQLite stores dates as ISO text; julianday turns them into day numbers.
    start, end = list(element.clauses)
    return f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) AS INTEGER)"


@dataclass(frozen=True)
class Share:
    """One group's count and its percentage of the escalations raised (one decimal place)."""

    code: str
    count: int
    percent: float


@dataclass(frozen=True)
class EscalationFigures:
    start: date
    end: date
    raised: int
    informal: int
    formal: int
    by_category: tuple[Share, ...]  # every category, in the report's order
    by_highest_stage: tuple[Share, ...]  # every stage, team manager first
    by_outcome: tuple[Share, ...]  # every outcome, then "open"
    still_open: int
    median_days_to_resolve: float | None  # None when nothing was resolved


OPEN = "open"


def _percent(count, total) -> float:
    return round(count * 100 / total, 1) if total else 0.0


def escalation_figures(start: date, end: date) -> EscalationFigures:
    """The escalation figures of the escalations raised from `start` to `end` inclusive (five statements)."""
    raised_in_period = and_(Escalation.raised_on >= start, Escalation.raised_on <= end)
    closed_by_end = and_(Escalation.closed_on.is_not(None), Escalation.closed_on <= end)

    kinds = dict(db.session.execute(
        select(Escalation.kind, func.count()).where(raised_in_period).group_by(Escalation.kind)).all())
    informal, formal = kinds.get(EscalationKind.INFORMAL, 0), kinds.get(EscalationKind.FORMAL, 0)
    raised = informal + formal

    categories = dict(db.session.execute(
        select(Escalation.category, func.count()).where(raised_in_period).group_by(Escalation.category)).all())

    # The highest stage asked by the end of the period, per escalation, then how many reached each.
    rank = case({stage: stage_number(stage) for stage in STAGES}, value=EscalationStep.stage)
    reached = (select(func.max(rank).label("number"))
               .join(Escalation, Escalation.id == EscalationStep.escalation_id)
               .where(raised_in_period, EscalationStep.asked_on <= end)
               .group_by(EscalationStep.escalation_id).subquery())
    stages = dict(db.session.execute(select(reached.c.number, func.count()).group_by(reached.c.number)).all())

    # As plain text, so that "open" (not an outcome) comes back as it is.
    outcome_or_open = case((closed_by_end, type_coerce(Escalation.outcome, String(20))), else_=literal(OPEN))
    outcomes = dict(db.session.execute(
        select(outcome_or_open, func.count()).where(raised_in_period).group_by(outcome_or_open)).all())

    return EscalationFigures(
        start=start, end=end, raised=raised, informal=informal, formal=formal,
        by_category=tuple(Share(category.value, categories.get(category, 0), _percent(categories.get(category, 0), raised))
                          for category in EscalationCategory),
        by_highest_stage=tuple(Share(stage.value, stages.get(number, 0), _percent(stages.get(number, 0), raised))
                               for number, stage in enumerate(STAGES, start=1)),
        by_outcome=tuple(Share(code, outcomes.get(code, 0), _percent(outcomes.get(code, 0), raised))
                         for code in [*(outcome.value for outcome in EscalationOutcome), OPEN]),
        still_open=outcomes.get(OPEN, 0),
        median_days_to_resolve=_median_days_to_resolve(raised_in_period, closed_by_end),
    )


def _median_days_to_resolve(raised_in_period, closed_by_end) -> float | None:
    """The median in SQL on both databases (SQLite has no median function): number the sorted durations
    and average the middle one (odd count) or two (even count): rows whose 2 × position is n, n+1 or n+2."""
    durations = (select(days_between(Escalation.raised_on, Escalation.closed_on).label("days"))
                 .where(raised_in_period, closed_by_end, Escalation.outcome.in_(SORTED_OUT)).subquery())
    ranked = select(durations.c.days,
                    func.row_number().over(order_by=durations.c.days).label("position"),
                    func.count().over().label("n")).subquery()
    middle = db.session.scalar(select(func.avg(ranked.c.days)).where(
        ranked.c.position * 2 >= ranked.c.n, ranked.c.position * 2 <= ranked.c.n + 2))
    return None if middle is None else float(middle)
