"""Dates and times written for people: no seconds, no time-zone names, each language's own patterns.

Babel's named formats ("full", "medium") include seconds and the zone ("4:00:00 PM Greenwich Mean
Time") and, for English, follow American order. These functions keep the same names and the same
style words, so templates read as before, but map each style to a CLDR skeleton that the language
fills in its own way. English is written the British way ("Friday 11 December, 4pm"; "11 Dec 2026"
in staff tables).

- "full": what a child reads: weekday, day and month (the year only when it is not this year);
  with a time, the hour ("4pm", "4:30pm").
- "long": day, month in words and year ("11 December 2026").
- "medium" (the default): "11 Dec 2026"; with a time, "11 Dec 2026, 16:00".
- "short": the language's numeric date; with a time, hours and minutes.
Any other value is a Babel pattern and is used as it is ("MMM yyyy").
"""

from datetime import date, datetime, time, timedelta

from babel import Locale
from babel.dates import format_skeleton, format_timedelta
from flask_babel import format_date as babel_format_date
from flask_babel import format_datetime as babel_format_datetime
from flask_babel import format_time as babel_format_time
from flask_babel import get_locale, to_user_timezone

from portal.core.clock import local_today

DATE_SKELETONS = {"long": "yMMMMd", "medium": "yMMMd", "short": "yMd"}
NAMED = {"full", "long", "medium", "short"}


def _locale() -> Locale:
    locale = get_locale() or Locale("en")
    if locale.language == "en" and not locale.territory:
        return Locale("en", "GB")
    return locale


def _friendly_day(day: date, locale: Locale) -> str:
    skeleton = "MMMMEEEEd" if day.year == local_today().year else "yMMMMEEEEd"
    return format_skeleton(skeleton, day, locale=locale)


def _clock(moment: datetime, style: str, locale: Locale) -> str:
    """Hours and minutes in the language's own clock; for children in English "4pm" and "4:30pm"."""
    if style == "full" and locale.language == "en":
        text = format_skeleton("hm" if moment.minute else "h", moment, tzinfo=moment.tzinfo, locale=locale)
        return text.replace("\u202f", "").replace(" ", "").lower()
    twelve_hour = "h" in locale.time_formats["short"].pattern
    skeleton = ("hm" if moment.minute or style != "full" else "h") if twelve_hour else "Hm"
    return format_skeleton(skeleton, moment, tzinfo=moment.tzinfo, locale=locale)


def format_date(value=None, format="medium"):  # noqa: A002 (the same keyword as Babel's)
    """A date (or the date of a datetime, in the service's time zone) for people."""
    if format not in NAMED:
        return babel_format_date(value, format)
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    locale = _locale()
    if format == "full":
        return _friendly_day(value, locale)
    return format_skeleton(DATE_SKELETONS[format], value, locale=locale)


def format_datetime(value=None, format="medium"):  # noqa: A002
    """A moment for people: the day as `format_date` writes it, and the time without seconds or zone."""
    if format not in NAMED:
        return babel_format_datetime(value, format)
    moment = to_user_timezone(value)
    locale = _locale()
    day = format_date(moment.date(), format)
    # The medium joining pattern ("{1}, {0}") in every style: the longer ones quote words ("'at'").
    pattern = locale.datetime_formats["medium"]
    return pattern.replace("{1}", day).replace("{0}", _clock(moment, format, locale))


def format_time(value=None, format="short"):  # noqa: A002
    """A time of day without seconds or zone."""
    if format not in NAMED:
        return babel_format_time(value, format)
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    elif isinstance(value, time):
        value = datetime.combine(local_today(), value)
    return _clock(value, format, _locale())


def machine_time(value) -> str:
    """The `datetime` attribute of a <time> element: ISO 8601 without microseconds."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def format_duration(value: timedelta) -> str:
    """How long something took, in the reader's language, to the nearest sensible unit ("3 days", "5 hours")."""
    return format_timedelta(value, threshold=1.5, locale=_locale())
