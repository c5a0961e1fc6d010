"""The service's clock: today's date where the service runs (ages, due dates and working hours are local)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_zone() -> ZoneInfo:
    """The service's time zone (TIMEZONE, default Europe/London)."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_today() -> date:
    """Today's date where the service runs."""
    return datetime.now(local_zone()).date()


def local_date(moment: datetime) -> date:
    """The local date of a stored timestamp (naive timestamps are UTC, as SQLite gives them back)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(local_zone()).date()
