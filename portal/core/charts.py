"""Published figures as people read them: counts as text ("fewer than 5"), bar-chart geometry and CSV.

Shared by the council's dashboard (portal/voice) and the service's figures (portal/figures), so a
suppressed number reads, is drawn and is exported the same way everywhere. The SVG itself is drawn
by templates/components/charts.html.
"""

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from babel import numbers
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.core.suppression import Count

SUPPRESSED_NAMES = {
    "small": _l("fewer than 5"),
    "hidden": _l("hidden"),
}

# Drawn at about a phone's width, so that text in the chart is as big as the page's own.
CHART_WIDTH = 400
BAR_AREA = 290  # the widest bar; room is left after it for the number
ROW_HEIGHT = 52
BAR_HEIGHT = 22
SUPPRESSED_BAR = 40  # every suppressed bar has this width, whatever the number it hides


@dataclass
class Bar:
    label: str
    count: Count
    label_y: int
    bar_y: int
    width: float
    text: str


@dataclass
class Chart:
    ident: str
    title: str
    description: str
    heading: str  # what the bars are: periods or themes (the data table's first column)
    bars: list[Bar]
    width: int = CHART_WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT


def shown_text(count: Count, plain=False) -> str:
    """How a count reads everywhere (tables, charts, CSV): its value, "fewer than 5" or "hidden"."""
    if count.suppressed:
        return str(SUPPRESSED_NAMES[count.state])
    return str(count.value) if plain else _formatted(count.value, get_locale())


def shown_html(count: Count) -> Markup:
    """A count as the pages show it: the number, or the words for a suppressed one in a styled span.

    A Python function rather than a template macro: a dashboard shows hundreds of counts.
    """
    locale = get_locale()
    if count.suppressed:
        return _suppressed_html(count.state, str(locale))
    return escape(_formatted(count.value, locale))


@lru_cache(maxsize=256)
def _suppressed_html(state, locale):
    # The same few words in each language, hundreds of times on a dashboard: made once per language.
    return Markup('<span class="suppressed suppressed--{}">{}</span>').format(state, SUPPRESSED_NAMES[state])


@lru_cache(maxsize=4096)
def _formatted(value, locale):
    # Babel parses the locale's number pattern again on every call; a dashboard formats hundreds of counts.
    return numbers.format_decimal(value, locale=locale)


def bar_chart(ident, title, description, heading, items: list[tuple[str, Count]]) -> Chart:
    """Horizontal bars, one per item, the label above each; suppressed bars all look the same."""
    largest = max([count.value for _label, count in items if not count.suppressed] + [1])
    bars = []
    for index, (label, count) in enumerate(items):
        top = index * ROW_HEIGHT
        width = SUPPRESSED_BAR if count.suppressed else BAR_AREA * count.value / largest
        bars.append(Bar(label, count, top + 18, top + 26, round(width, 1), shown_text(count)))
    return Chart(ident, title, description, heading, bars, height=max(len(items), 1) * ROW_HEIGHT + 8)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula: one starting =, +, -, @, tab or CR gets a quote first."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(rows) -> str:
    """Rows of cells as CSV text, every cell made formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()
