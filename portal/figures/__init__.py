"""The service's figures and its annual report, for admins and service managers.

Counts come from portal/core/figures (SQL aggregates); this capability turns them into tables with
translated headings, charts, CSV files and the printable annual report. A section of the report is a
heading and a list of table builders (sections.py): adding one more (escalations) is one entry there.
"""

from flask import Blueprint

bp = Blueprint("figures", __name__, url_prefix="/figures")

from portal.figures import routes  # noqa: E402,F401  (routes register themselves on bp)
