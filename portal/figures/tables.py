"""A table of figures as people read it, on screen (exact numbers) or published (small numbers suppressed).

Every number about children goes through the one suppression rule (portal/core/suppression.py): a
count from 1 to 4 reads "fewer than 5" in printed and CSV outputs, and a percentage built on such a
count (or on fewer than 5 in all) is suppressed with it, since it would give the count away.
"""

from dataclasses import dataclass, field

from flask_babel import format_decimal
from flask_babel import gettext as _

from portal.core import suppression
from portal.core.charts import Chart, bar_chart, shown_text
from portal.core.suppression import SHOWN, Count

COUNT, PERCENT, NUMBER = "count", "percent", "number"


@dataclass(frozen=True)
class Value:
    """One figure: a count about children, a percentage (part of whole), or a number about no child."""

    kind: str
    value: float | int
    whole: int | None = None  # a percentage's whole

    @classmethod
    def count(cls, value: int) -> "Value":
        return cls(COUNT, int(value))

    @classmethod
    def percent(cls, part: int, whole: int) -> "Value":
        return cls(PERCENT, int(part), int(whole))

    @classmethod
    def number(cls, value) -> "Value":
        return cls(NUMBER, value)


@dataclass(frozen=True)
class Cell:
    """A value as shown: its text, and whether it is suppressed ("small" or "hidden")."""

    text: str
    state: str = SHOWN
    value: float | int | None = None

    @property
    def suppressed(self) -> bool:
        return self.state != SHOWN


@dataclass
class FigureTable:
    """A titled table: a heading for its row labels, column headings, rows of values and an optional total row."""

    key: str
    title: str
    heading: str
    columns: list[str]
    rows: list[tuple[str, list[Value]]]
    total: tuple[str, list[Value]] | None = None
    chart: bool = False  # draw the first column as a bar chart
    note: str | None = None


@dataclass
class ShownTable:
    """A FigureTable with every value turned into a Cell, and its chart when it has one."""

    table: FigureTable
    rows: list[tuple[str, list[Cell]]]
    total: tuple[str, list[Cell]] | None
    chart: Chart | None = None
    published: bool = False

    @property
    def key(self):
        return self.table.key


def percent_text(part: int, whole: int) -> str:
    if not whole:
        return "–"
    return _("%(percent)s%%", percent=format_decimal(round(100 * part / whole, 1), format="#,##0.#"))


def _exact(value: Value) -> Cell:
    if value.kind == PERCENT:
        return Cell(percent_text(value.value, value.whole), SHOWN, value.value)
    if value.kind == NUMBER:
        return Cell(format_decimal(value.value, format="#,##0.#"), SHOWN, value.value)
    return Cell(shown_text(Count(value.value)), SHOWN, value.value)


def _cell(count: Count) -> Cell:
    return Cell(shown_text(count), count.state, count.value)


def show(table: FigureTable, *, publish: bool) -> ShownTable:
    """The table's cells: exact numbers on screen; for publication, counts of 1 to 4 suppressed (and what reveals them)."""
    lines = table.rows + ([table.total] if table.total else [])
    cells = [[_exact(value) for value in values] for _label, values in lines]
    if publish:
        for column in range(len(table.columns)):
            kinds = {values[column].kind for _label, values in lines}
            if kinds == {COUNT}:
                counts = [values[column].value for _label, values in table.rows]
                if table.total is not None:
                    shown, total = suppression.suppress_column(counts, total=True)
                    shown.append(total)
                else:
                    shown, _total = suppression.suppress_column(counts, total=False)
                for index, count in enumerate(shown):
                    cells[index][column] = _cell(count)
            elif kinds == {PERCENT}:
                for index, (_label, values) in enumerate(lines):
                    value = values[column]
                    if suppression.is_small(value.value) or suppression.is_small(value.whole) or (
                            suppression.is_small(value.whole - value.value)):
                        cells[index][column] = _cell(Count(None, suppression.SMALL))
        # A percentage beside a suppressed count in the same row would give the count away.
        for index, (_label, values) in enumerate(lines):
            if any(cell.suppressed and value.kind == COUNT for cell, value in zip(cells[index], values, strict=True)):
                cells[index] = [_cell(Count(None, suppression.HIDDEN)) if value.kind == PERCENT and not cell.suppressed
                                else cell for cell, value in zip(cells[index], values, strict=True)]
    shown_rows = [(label, cells[index]) for index, (label, _values) in enumerate(table.rows)]
    total = (table.total[0], cells[-1]) if table.total else None
    chart = None
    if table.chart and table.rows:
        items = [(label, Count(row[0].value, row[0].state)) for label, row in shown_rows]
        chart = bar_chart(f"chart-{table.key}", table.title, _(
            "Each bar is one row of the table below, which has the same numbers. A striped bar stands for a small "
            "number that is not shown: its length does not show the number."), table.heading, items)
    return ShownTable(table, shown_rows, total, chart, publish)


def csv_rows(shown: ShownTable) -> list[list[str]]:
    """The table as CSV rows: the heading row, each row, the total row."""
    rows = [[shown.table.heading] + list(shown.table.columns)]
    rows += [[label] + [cell.text for cell in cells] for label, cells in shown.rows]
    if shown.total:
        rows.append([shown.total[0]] + [cell.text for cell in shown.total[1]])
    return rows


@dataclass
class Section:
    """A heading of the annual report and the tables under it."""

    key: str
    heading: str
    tables: list[FigureTable] = field(default_factory=list)
