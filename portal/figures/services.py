"""What the figures pages show: the period asked for, every section's tables, one table as CSV, the annual report."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from portal.core.charts import to_csv
from portal.core.figures.periods import Period, previous, reporting_year, selectable_years, year_of
from portal.dates import format_date
from portal.figures import sections as report
from portal.figures.forms import PeriodForm
from portal.figures.tables import ShownTable, csv_rows, show


def period_form(args, today: date) -> tuple[PeriodForm, Period | None]:
    """The period form filled from the query string, and the period it names (None when it has errors)."""
    years = selectable_years(today)
    form = PeriodForm(formdata=args if args else None, years=years)
    form.year.choices = [(str(year), year_label(year)) for year in years]
    if not args:
        form.year.data = str(year_of(today))
        return form, reporting_year(year_of(today))
    if not form.validate():
        return form, None
    if form.start.data is not None:
        return form, Period(form.start.data, form.end.data)
    return form, reporting_year(int(form.year.data or year_of(today)))


def year_label(year: int) -> str:
    """"2025-26": how reporting years are written."""
    return f"{year}-{str(year + 1)[-2:]}"


def label(period: Period) -> str:
    """A short column heading for a period: "2025-26", or its first and last days."""
    if period.year is not None:
        return year_label(period.year)
    return _("%(start)s to %(end)s", start=format_date(period.start, "d MMM yyyy"), end=format_date(period.end, "d MMM yyyy"))


def describe(period: Period) -> str:
    if period.year is not None:
        return _("Reporting year %(year)s (%(start)s to %(end)s)", year=year_label(period.year),
                 start=format_date(period.start, "d MMMM yyyy"), end=format_date(period.end, "d MMMM yyyy"))
    return _("%(start)s to %(end)s", start=format_date(period.start, "d MMMM yyyy"),
             end=format_date(period.end, "d MMMM yyyy"))


def period_args(period: Period) -> dict:
    """The query string that names this period again (for the CSV links and the annual report)."""
    if period.year is not None:
        return {"year": str(period.year)}
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


@dataclass
class ShownSection:
    key: str
    heading: str
    tables: list[ShownTable]


def page(period: Period, *, publish: bool = False) -> list[ShownSection]:
    """Every section of the figures for a period: exact numbers on screen, suppressed when published."""
    return [ShownSection(section.key, section.heading, [show(table, publish=publish) for table in section.tables])
            for section in report.sections(report.gather(period))]


def table_csv(period: Period, key: str) -> str | None:
    """One table as CSV, small numbers suppressed (it is meant for publication); None for an unknown table."""
    for section in page(period, publish=True):
        for table in section.tables:
            if table.key == key:
                return "\ufeff" + to_csv(csv_rows(table))
    return None


@dataclass
class SideBySide:
    """One table of the annual report: each row with this year's and last year's cells."""

    title: str
    heading: str
    columns: list[str]
    rows: list[tuple[str, list, list]]  # (label, last year's cells, this year's cells)
    note: str | None


def annual_report(period: Period) -> tuple[Period, list[tuple[str, list[SideBySide]]]]:
    """The report's sections for this period beside the one before, small numbers suppressed."""
    before = previous(period)
    this_year, last_year = page(period, publish=True), page(before, publish=True)
    result = []
    for now, then in zip(this_year, last_year, strict=True):
        tables = []
        earlier = {table.key: table for table in then.tables}
        for table in now.tables:
            old = earlier.get(table.key)
            old_rows = {label: cells for label, cells in (old.rows + ([old.total] if old and old.total else []))} if old else {}
            lines = table.rows + ([table.total] if table.total else [])
            tables.append(SideBySide(table.table.title, table.table.heading, table.table.columns,
                                     [(label, old_rows.get(label, []), cells) for label, cells in lines], table.table.note))
        result.append((now.heading, tables))
    return before, result
