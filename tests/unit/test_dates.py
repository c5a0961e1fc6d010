"""Dates for people: British English, each language's own pattern, never seconds or a time-zone name."""

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from portal import create_app, dates

WINTER_4PM = datetime(2026, 12, 11, 16, 0, tzinfo=UTC)  # 4pm in London (GMT)
SUMMER_4PM = datetime(2026, 7, 3, 15, 30, tzinfo=UTC)  # 4:30pm in London (BST)


@pytest.fixture
def request_context(monkeypatch):
    monkeypatch.setattr(dates, "local_today", lambda: date(2026, 11, 30))
    app = create_app("test", {"DATABASE_URL": "sqlite://"})
    with app.test_request_context():
        yield


def test_a_child_reads_the_day_and_the_hour_the_british_way(request_context):
    with force_locale("en"):
        assert dates.format_datetime(WINTER_4PM, "full") == "Friday 11 December, 4pm"
        assert dates.format_datetime(SUMMER_4PM, "full") == "Friday 3 July, 4:30pm"
        assert dates.format_date(date(2027, 1, 5), "full") == "Tuesday, 5 January 2027"


def test_staff_tables_read_day_month_year(request_context):
    with force_locale("en"):
        assert dates.format_date(WINTER_4PM) == "11 Dec 2026"
        assert dates.format_datetime(WINTER_4PM) == "11 Dec 2026, 16:00"
        assert dates.format_date(date(2026, 12, 11), "long") == "11 December 2026"


@pytest.mark.parametrize("locale", ["en", "ar", "es", "fa", "pl", "vi"])
@pytest.mark.parametrize("style", ["full", "long", "medium", "short"])
def test_no_seconds_and_no_time_zone_names_in_any_language(request_context, locale, style):
    with force_locale(locale):
        text = dates.format_datetime(datetime(2026, 12, 11, 16, 0, 0, tzinfo=UTC), style)
    assert ":00:00" not in text and "16:00:00" not in text
    for zone_word in ("GMT", "Greenwich", "UTC", "BST", "London"):
        assert zone_word not in text


def test_each_language_uses_its_own_pattern(request_context):
    with force_locale("es"):
        assert dates.format_date(date(2026, 12, 11), "long") == "11 de diciembre de 2026"
    with force_locale("ar"):
        assert "ديسمبر" in dates.format_date(date(2026, 12, 11), "long")


def test_a_babel_pattern_is_used_as_it_is(request_context):
    with force_locale("en"):
        assert dates.format_date(date(2026, 12, 11), "MMM yyyy") == "Dec 2026"


def test_machine_readable_times_have_no_microseconds():
    assert dates.machine_time(datetime(2026, 12, 11, 16, 0, 5, 123456, tzinfo=UTC)) == \
        "2026-12-11T16:00:05+00:00"
    assert dates.machine_time(date(2026, 12, 11)) == "2026-12-11"
