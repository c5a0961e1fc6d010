"""Date arithmetic the database does for the figures, the same on PostgreSQL and SQLite.

Working days and local midnights are not something SQL knows, so a small table of days is built in
Python from the shared rules (portal/core/working_days.py) and joined in as a CTE: one row per day
of the period and its margins, never one per record.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, cast, column, func, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Date as DateType

from portal.core.timetable import FIRST_REVIEW_WORKING_DAYS
from portal.core.working_days import add_working_days
from portal.models.base import UTCDateTime


class add_months(FunctionElement):  # noqa: N801 (reads like the SQL function it is)
    """`day` plus a whole number of calendar months, clamped to the end of a shorter month (as the timetable)."""

    type = DateType()
    inherit_cache = True
    # The number of months is part of the SQL text, so it must be part of the statement's cache key.
    _traverse_internals = FunctionElement._traverse_internals + [("months", InternalTraversal.dp_plain_obj)]

    def __init__(self, day, months: int):
        self.months = int(months)
        super().__init__(day)


@compiles(add_months, "postgresql")
def _add_months_pg(element, compiler, **kw):
    day = compiler.process(list(element.clauses)[0], **kw)
    # PostgreSQL clamps: 31 January + 1 month is 28 or 29 February.
    return f"CAST(({day}) + INTERVAL '{element.months} months' AS DATE)"


@compiles(add_months, "sqlite")
def _add_months_sqlite(element, compiler, **kw):
    day = compiler.process(list(element.clauses)[0], **kw)
    months = element.months
    # SQLite rolls 31 January + 1 month over into March: then take the last day of the month instead.
    return (f"(CASE WHEN strftime('%d', date({day}, '{months:+d} months')) = strftime('%d', {day}) "
            f"THEN date({day}, '{months:+d} months') "
            f"ELSE date({day}, 'start of month', '{months + 1:+d} months', '-1 day') END)")


class add_days(FunctionElement):  # noqa: N801
    """A timestamp plus a number of days given by an integer expression."""

    type = UTCDateTime()
    inherit_cache = True


@compiles(add_days, "postgresql")
def _add_days_pg(element, compiler, **kw):
    moment, days = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(({moment}) + ({days}) * INTERVAL '1 day')"


@compiles(add_days, "sqlite")
def _add_days_sqlite(element, compiler, **kw):
    moment, days = (compiler.process(clause, **kw) for clause in element.clauses)
    # The same text form SQLAlchemy stores, so that comparisons stay textual and exact to the microsecond.
    return f"strftime('%Y-%m-%d %H:%M:%f000', {moment}, '+' || ({days}) || ' days')"


@dataclass(frozen=True)
class DayRules:
    """The configured timescales the day table needs."""

    zone: str
    letter_target_days: int
    letter_latest_working_days: int


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def period_bounds(first: date, last: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC moments the local day `first` starts and the local day `last` ends."""
    return _midnight(first, ZoneInfo(zone)), _midnight(last + timedelta(days=1), ZoneInfo(zone))


def local_day(moment, zone: str, days, dialect: str):
    """The local calendar day of a stored UTC timestamp, as SQL.

    PostgreSQL converts time zones itself; SQLite cannot, so there the day is looked up in the day table.
    """
    if dialect == "postgresql":
        return cast(func.timezone(zone, moment), Date)
    lookup = days.alias("day_lookup")  # its own name, so that it is not correlated with the day table joined outside
    return select(lookup.c.day).where(lookup.c.starts_at <= moment, moment < lookup.c.ends_at).scalar_subquery()


DAY_COLUMNS = {"day": Date, "starts_at": UTCDateTime, "ends_at": UTCDateTime, "first_review_due": Date,
               "letter_target_ends": UTCDateTime, "letter_latest_ends": UTCDateTime, "next_working_gap": Integer}
PG_TYPES = {Date: "date", UTCDateTime: "timestamptz", Integer: "integer"}


@lru_cache(maxsize=32)
def _days_json(first: date, last: date, rules: DayRules, dialect: str) -> str:
    """The day rows as one JSON text (worked out once per period and settings, then kept)."""
    zone = ZoneInfo(rules.zone)

    def moment(day):
        at = _midnight(day, zone)
        # On SQLite, the text form SQLAlchemy stores timestamps in, so that comparisons are textual and exact.
        return at.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else at.isoformat()

    rows, day = [], first
    while day <= last:
        target = day + timedelta(days=rules.letter_target_days)
        latest = add_working_days(day, rules.letter_latest_working_days)
        rows.append({"day": day.isoformat(), "starts_at": moment(day), "ends_at": moment(day + timedelta(days=1)),
                     "first_review_due": add_working_days(day, FIRST_REVIEW_WORKING_DAYS).isoformat(),
                     "letter_target_ends": moment(target + timedelta(days=1)),
                     "letter_latest_ends": moment(latest + timedelta(days=1)),
                     "next_working_gap": (add_working_days(day, 1) - day).days})
        day += timedelta(days=1)
    return json.dumps(rows)


def days_table(first: date, last: date, rules: DayRules, dialect: str):
    """A CTE with one row per local day from `first` to `last`:

    - starts_at, ends_at: the day's local midnights in UTC (for timestamps that fell on that day);
    - first_review_due: 20 working days on (the first review of a care episode);
    - letter_target_ends, letter_latest_ends: when a letter for a review held that day stops being on
      time (end of the target day) and within the limit (end of the last working day allowed);
    - next_working_gap: calendar days to the next working day (a safety flag's 1 working day).

    The rows travel as one JSON parameter (a VALUES list of hundreds of rows costs more to compile and
    send than the figures take to count).
    """
    rows = _days_json(first, last, rules, dialect)
    if dialect == "postgresql":
        shape = ", ".join(f"{name} {PG_TYPES[kind]}" for name, kind in DAY_COLUMNS.items())
        sql = f"SELECT * FROM json_to_recordset(CAST(:days AS json)) AS d({shape})"
    else:
        sql = "SELECT " + ", ".join(f"json_extract(value, '$.{name}') AS {name}" for name in DAY_COLUMNS) + \
              " FROM json_each(:days)"
    columns = [column(name, kind() if kind is not Date else Date()) for name, kind in DAY_COLUMNS.items()]
    # MATERIALIZED: read the JSON once, not once per row it is joined to.
    return text(sql).bindparams(days=rows).columns(*columns).cte("days").prefix_with("MATERIALIZED")
