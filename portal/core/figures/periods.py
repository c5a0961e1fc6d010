"""Reporting periods: the reporting year (1 April to 31 March) and any range of dates."""

from dataclasses import dataclass
from datetime import date

FIRST_MONTH = 4  # reporting years start on 1 April
YEARS_LISTED = 10


@dataclass(frozen=True)
class Period:
    """Every day from `start` to `end`, both included."""

    start: date
    end: date
    year: int | None = None  # the reporting year's first calendar year, when it is one

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def reporting_year(first_year: int) -> Period:
    """1 April `first_year` to 31 March the year after."""
    return Period(date(first_year, FIRST_MONTH, 1), date(first_year + 1, FIRST_MONTH - 1, 31), first_year)


def year_of(day: date) -> int:
    """The first calendar year of the reporting year `day` falls in (31 March 2026 is in 2025-26)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def selectable_years(today: date) -> list[int]:
    """This reporting year and the earlier ones that can be chosen, newest first."""
    this = year_of(today)
    return list(range(this, this - YEARS_LISTED, -1))


def previous(period: Period) -> Period:
    """The reporting year before (for a reporting year), or the same number of days just before."""
    if period.year is not None:
        return reporting_year(period.year - 1)
    return Period(date.fromordinal(period.start.toordinal() - period.days), date.fromordinal(period.start.toordinal() - 1))
