"""The council figures' rules that need no database: filters, periods, CSV safety, themes of shared answers."""

import csv
import io
from datetime import date

import pytest

from portal.core.questions import FORMS, Topic
from portal.voice.dashboard import (
    MONTH,
    Filters,
    add_months,
    columns_of,
    csv_safe,
    default_filters,
    parse_filters,
    quarter_start,
    to_csv,
)
from portal.voice.themes import TOPIC_THEMES, Theme, theme_for_question

TODAY = date(2026, 11, 25)
THEMES = {theme.value for theme in Theme}


def test_months_are_added_across_years():
    assert add_months(date(2026, 11, 25), 2) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 3, 1), -14) == date(2025, 1, 1)
    assert quarter_start(date(2026, 11, 25)) == date(2026, 10, 1)


def test_the_default_view_is_the_last_twelve_months_by_month():
    filters = default_filters(TODAY)
    assert (filters.start, filters.end, filters.by, filters.theme, filters.age_band) == \
        (date(2025, 12, 1), date(2026, 11, 1), MONTH, None, None)
    assert len(columns_of(filters)) == 12


def test_filters_come_from_the_query_string():
    filters = parse_filters({"start": "2026-02", "end": "2026-05", "by": "month", "theme": "family",
                             "age_band": "16+"}, TODAY, THEMES)
    assert filters == Filters(date(2026, 2, 1), date(2026, 5, 1), MONTH, "family", "16+")
    assert columns_of(filters) == [date(2026, m, 1) for m in (2, 3, 4, 5)]


def test_quarters_always_cover_whole_quarters():
    filters = parse_filters({"start": "2026-02", "end": "2026-05", "by": "quarter"}, TODAY, THEMES)
    assert (filters.start, filters.end) == (date(2026, 1, 1), date(2026, 6, 1))
    assert columns_of(filters) == [date(2026, 1, 1), date(2026, 4, 1)]


@pytest.mark.parametrize("args", [
    {"start": "nonsense", "end": "2026-13", "by": "week", "theme": "<script>", "age_band": "99"},
    {"start": "", "end": ""},
    {},
])
def test_filters_not_understood_fall_back_to_the_default(args):
    assert parse_filters(args, TODAY, THEMES) == default_filters(TODAY)


def test_a_range_given_backwards_is_turned_round_and_the_future_is_not_offered():
    filters = parse_filters({"start": "2030-01", "end": "2026-03"}, TODAY, THEMES)
    assert (filters.start, filters.end) == (date(2026, 3, 1), date(2026, 11, 1))


@pytest.mark.parametrize("value,safe", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tlooks empty", "'\tlooks empty"), ("Family and sibling contact", "Family and sibling contact"), ("12", "12"),
    ("fewer than 5", "fewer than 5"),
])
def test_csv_cells_cannot_start_a_formula(value, safe):
    assert csv_safe(value) == safe


def test_csv_is_written_by_the_csv_module_so_commas_and_quotes_survive():
    body = to_csv([["Theme", "Total"], ["Money, \"savings\"", "7"], ["=cmd|' /C calc'!A0", "fewer than 5"]])
    assert list(csv.reader(io.StringIO(body))) == [
        ["Theme", "Total"], ["Money, \"savings\"", "7"], ["'=cmd|' /C calc'!A0", "fewer than 5"]]


def test_every_consultation_topic_has_a_theme_and_every_shareable_question_gets_one():
    assert set(TOPIC_THEMES) == set(Topic)
    for form in FORMS.values():
        for question in form.questions:
            if question.shareable:
                assert theme_for_question(question) in THEMES


def test_a_question_about_feeling_safe_goes_to_the_feeling_safe_theme():
    question = next(q for q in FORMS[next(iter(FORMS))].questions if q.key == "home.safe")
    assert theme_for_question(question) == Theme.SAFETY
