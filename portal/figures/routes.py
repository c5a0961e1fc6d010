"""The figures page, a CSV per table, and the printable annual report: admins and service managers only."""

from flask import Response, abort, render_template, request

from portal.core.charts import SUPPRESSED_NAMES, shown_html, shown_text
from portal.core.clock import local_today
from portal.core.refusals import refuse
from portal.figures import bp, services
from portal.models import Role
from portal.rendering import form_page
from portal.security.access import allow

FIGURE_READERS = (Role.ADMIN, Role.MANAGER)


@bp.context_processor
def chart_words():
    # What components/charts.html needs to write a count as it may be published.
    return {"suppressed_names": SUPPRESSED_NAMES, "shown_text": shown_text, "shown_html": shown_html}


@bp.route("")
@allow(*FIGURE_READERS)
def overview():
    """Every figure for the chosen period, exact numbers, with charts and a CSV link per table."""
    form, period = services.period_form(request.args, local_today())
    if period is None:
        return form_page("figures/overview.html", form, period=None, sections=[])
    return form_page("figures/overview.html", form, period=period, described=services.describe(period),
                     args=services.period_args(period), sections=services.page(period))


@bp.route("/tables/<string(maxlength=40):key>.csv")
@allow(*FIGURE_READERS)
def table_csv(key):
    """One table as CSV, small numbers shown as "fewer than 5"."""
    form, period = services.period_form(request.args, local_today())
    if period is None:
        refuse(400, next(iter(form.errors.values()))[0])
    body = services.table_csv(period, key)
    if body is None:
        abort(404)
    name = "_".join(["figures", key, period.start.isoformat(), period.end.isoformat()]) + ".csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/annual-report")
@allow(*FIGURE_READERS)
def annual_report():
    """The annual report, ready to print on A4: this period beside the one before, small numbers suppressed."""
    form, period = services.period_form(request.args, local_today())
    if period is None:
        return form_page("figures/overview.html", form, period=None, sections=[])
    before, report = services.annual_report(period)
    return render_template("figures/annual_report.html", period=period, before=before, report=report,
                           this_label=services.label(period), last_label=services.label(before),
                           described=services.describe(period))

