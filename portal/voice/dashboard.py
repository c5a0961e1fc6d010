"""The council's figures: counts by theme × month or quarter × age band, suppressed, as a table, charts and CSV.

Counting happens in the database (one GROUP BY over `contribution_themes`, which carries the
month and age band so no join is needed); Python only ever sees one number per theme and month.
The table, both charts and the CSV are all read from the same suppressed table, so a number is
hidden the same way everywhere.

A contribution with two themes counts once under each, so totals are "theme mentions"; the
pages say so.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.core import suppression
from portal.core.charts import Chart, bar_chart, csv_safe, shown_html, shown_text, to_csv  # noqa: F401 (shared with the service's figures)
from portal.core.suppression import Count
from portal.dates import format_date
from portal.extensions import db
from portal.models import AgeBand, ContributionTheme
from portal.voice.themes import all_themes
from portal.voice.words import AGE_BAND_NAMES

MONTH, QUARTER = "month", "quarter"
DEFAULT_MONTHS = 12
MOST_MONTHS_LISTED = 120


def add_months(day: date, months: int) -> date:
    """The 1st of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: a range of whole months, months or quarters, one theme or all, one age band or all."""

    start: date
    end: date
    by: str = MONTH
    theme: str | None = None
    age_band: str | None = None

    def as_args(self) -> dict:
        """The filters as query-string arguments (for the CSV link and the quotes link)."""
        args = {"start": self.start.strftime("%Y-%m"), "end": self.end.strftime("%Y-%m"), "by": self.by}
        if self.theme:
            args["theme"] = self.theme
        if self.age_band:
            args["age_band"] = self.age_band
        return args


def first_period() -> date | None:
    """The earliest month anything was contributed (one indexed query)."""
    return db.session.scalar(select(func.min(ContributionTheme.period)))


def month_choices(today: date, earliest: date | None) -> list[date]:
    """The months the range can start or end on, newest first."""
    newest = today.replace(day=1)
    oldest = max(min(earliest or newest, add_months(newest, -(DEFAULT_MONTHS - 1))),
                 add_months(newest, -(MOST_MONTHS_LISTED - 1)))
    months, month = [], newest
    while month >= oldest:
        months.append(month)
        month = add_months(month, -1)
    return months


def default_filters(today: date) -> Filters:
    """The last 12 months including this one, by month, every theme and age band."""
    end = today.replace(day=1)
    return Filters(add_months(end, -(DEFAULT_MONTHS - 1)), end)


def _month(value):
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except (ValueError, OverflowError):  # a year too big for a date (99999999999999999999-01)
        return None


def parse_filters(args, today: date, theme_keys) -> Filters:
    """Filters from a GET form; anything not understood falls back to the default, never an error."""
    default = default_filters(today)
    newest = today.replace(day=1)
    oldest = add_months(newest, -(MOST_MONTHS_LISTED - 1))
    start = _month(args.get("start")) or default.start
    end = _month(args.get("end")) or default.end
    start, end = (min(max(day, oldest), newest) for day in (start, end))
    if start > end:
        start, end = end, start
    by = args.get("by") if args.get("by") in (MONTH, QUARTER) else MONTH
    if by == QUARTER:  # quarters always cover whole quarters
        start, end = quarter_start(start), add_months(quarter_start(end), 2)
    theme = args.get("theme") if args.get("theme") in theme_keys else None
    band = args.get("age_band") if args.get("age_band") in {band.value for band in AgeBand} else None
    return Filters(start, end, by, theme, band)


def columns_of(filters: Filters) -> list[date]:
    """The first day of each column: every month, or every quarter, in the range."""
    step = 3 if filters.by == QUARTER else 1
    found, day = [], filters.start
    while day <= filters.end:
        found.append(day)
        day = add_months(day, step)
    return found


def period_label(day: date, by: str) -> str:
    return format_date(day, "QQQ yyyy" if by == QUARTER else "MMM yyyy")


def counts_by_theme_and_month(filters: Filters) -> dict[tuple[str, date], int]:
    """{(theme, month): count} for the range and age band, counted by the database (one query)."""
    query = (select(ContributionTheme.theme, ContributionTheme.period, func.count())
             .where(ContributionTheme.period >= filters.start, ContributionTheme.period <= filters.end))
    if filters.age_band:
        query = query.where(ContributionTheme.age_band == filters.age_band)
    query = query.group_by(ContributionTheme.theme, ContributionTheme.period)
    return {(theme, period): number for theme, period, number in db.session.execute(query)}


# ---- Charts: the geometry is worked out here, the SVG is drawn by a template ---------------------

# ---- The dashboard --------------------------------------------------------------------------------


@dataclass
class Dashboard:
    """Everything the dashboard page, and its CSV, shows."""

    filters: Filters
    columns: list[tuple[date, str]]
    rows: list[tuple[str, str]]  # (theme key, name) of the rows shown
    cells: list[list[Count]]
    row_totals: list[Count]
    column_totals: list[Count] | None  # None when one theme is chosen
    grand_total: Count | None
    charts: list[Chart] = field(default_factory=list)


def build(filters: Filters, themes=None) -> Dashboard:
    """Count, suppress (once, over every theme), then keep the rows asked for and draw the charts."""
    themes = all_themes() if themes is None else themes
    counted = counts_by_theme_and_month(filters)
    known = {theme.key for theme in themes}
    rows = [(theme.key, theme.name) for theme in themes]
    rows += [(key, key) for key in sorted({key for key, _month in counted} - known)]
    columns = columns_of(filters)
    column_of = {}
    for index, start in enumerate(columns):
        for offset in range(3 if filters.by == QUARTER else 1):
            column_of[add_months(start, offset)] = index
    matrix = [[0] * len(columns) for _row in rows]
    row_of = {key: index for index, (key, _name) in enumerate(rows)}
    for (key, month), number in counted.items():
        if month in column_of:
            matrix[row_of[key]][column_of[month]] += number
    # Suppressed over every theme, whichever is shown: choosing a theme never changes what is hidden.
    table = suppression.suppress(matrix)
    chosen = [row_of[filters.theme]] if filters.theme else list(range(len(rows)))
    labels = [(start, period_label(start, filters.by)) for start in columns]
    dashboard = Dashboard(
        filters, labels, [rows[i] for i in chosen], [table.cells[i] for i in chosen],
        [table.row_totals[i] for i in chosen],
        None if filters.theme else table.column_totals, None if filters.theme else table.grand_total,
    )
    dashboard.charts = _charts(dashboard)
    return dashboard


def _charts(dashboard):
    note = _("Numbers from 1 to 4 are drawn as a short striped bar labelled \"fewer than 5\", and numbers hidden "
             "to protect them as a short striped bar labelled \"hidden\": the length of these bars does not show the "
             "number. The same numbers are in the table below the chart.")
    if dashboard.filters.theme:
        over_time = list(zip([label for _start, label in dashboard.columns], dashboard.cells[0], strict=True))
        title = _("%(theme)s: how often it was raised, by period", theme=dashboard.rows[0][1])
    else:
        over_time = list(zip([label for _start, label in dashboard.columns], dashboard.column_totals, strict=True))
        title = _("All themes: how often they were raised, by period")
    charts = [bar_chart("chart-over-time", title, note, _("Period"), over_time)]
    if not dashboard.filters.theme:
        by_theme = list(zip([name for _key, name in dashboard.rows], dashboard.row_totals, strict=True))
        charts.append(bar_chart("chart-by-theme", _("How often each theme was raised in the whole period"), note,
                                _("Theme"), by_theme))
    return charts


def describe(filters: Filters, theme_names) -> str:
    """The filters in words, for the page and the CSV's file name."""
    band = str(AGE_BAND_NAMES[AgeBand(filters.age_band)]) if filters.age_band else _("all ages")
    theme = theme_names.get(filters.theme, filters.theme) if filters.theme else _("every theme")
    return _("%(start)s to %(end)s, %(theme)s, %(ages)s", start=format_date(filters.start, "MMM yyyy"),
             end=format_date(filters.end, "MMM yyyy"), theme=theme, ages=band)


# ---- CSV ------------------------------------------------------------------------------------------

def csv_rows(dashboard: Dashboard) -> list[list[str]]:
    """Exactly the table on the page: the same rows, periods and suppression."""
    rows = [[_("Theme")] + [label for _start, label in dashboard.columns] + [_("Total")]]
    for (_key, name), cells, total in zip(dashboard.rows, dashboard.cells, dashboard.row_totals, strict=True):
        rows.append([name] + [shown_text(cell, plain=True) for cell in cells] + [shown_text(total, plain=True)])
    if dashboard.column_totals is not None:
        rows.append([_("Total")] + [shown_text(cell, plain=True) for cell in dashboard.column_totals]
                    + [shown_text(dashboard.grand_total, plain=True)])
    return rows


def csv_filename(filters: Filters) -> str:
    parts = ["council-figures", filters.start.strftime("%Y-%m"), filters.end.strftime("%Y-%m"), filters.by,
             filters.theme or "all-themes", filters.age_band.replace("+", "-and-over") if filters.age_band else "all-ages"]
    return "_".join(parts) + ".csv"


# ---- For the service's figures and annual report (portal/figures asks through app.extensions) -------


def theme_mentions(start: date, end: date) -> list[tuple[str, int]]:
    """(theme name, mentions) for every theme, contributions from the months of `start` to `end` (one GROUP BY)."""
    query = (select(ContributionTheme.theme, func.count())
             .where(ContributionTheme.period >= start.replace(day=1), ContributionTheme.period <= end)
             .group_by(ContributionTheme.theme))
    counted = dict(db.session.execute(query).all())
    themes = all_themes()
    known = {theme.key for theme in themes}
    rows = [(theme.name, counted.get(theme.key, 0)) for theme in themes]
    return rows + [(key, number) for key, number in sorted(counted.items()) if key not in known]


def register_figure_source(state):
    """Offer the council's themes to the service's figures (which knows no capability by name)."""
    state.app.extensions.setdefault("figure_sources", {})["council_themes"] = theme_mentions
