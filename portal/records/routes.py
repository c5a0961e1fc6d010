"""Data rights pages: my records and their download, a carer's download for a younger child, subject access
exports, "That's not right about me" and the IRO's answer, retention due, and the privacy notice."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.refusals import refuse
from portal.models import CorrectionOutcome, Role
from portal.models.base import utcnow
from portal.records import bp, export, retention, services
from portal.records.forms import CorrectionAnswerForm, NotRightForm
from portal.rendering import form_page
from portal.security.access import allow, public
from portal.security.policy import own_young_person, young_person_or_404

ZIP = "application/zip"


def _zip_response(record, filename):
    return Response(export.as_zip(record), mimetype=ZIP, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _me_or_404():
    me = own_young_person(current_user)
    if me is None:
        abort(404)
    return me


# ---- The young person ------------------------------------------------------------------------------


@bp.route("/my-records")
@allow(Role.YOUNG_PERSON)
def mine():
    """See my records: download everything, say something is not right, and read the answers."""
    me = _me_or_404()
    corrections = services.my_corrections(me)
    labels = {target.value: target.label for target in services.targets(me)}
    page = render_template("records/mine.html", me=me, corrections=corrections,
                           about={c.id: services.target_label(c, labels) for c in corrections},
                           outcomes=services.OUTCOME_NAMES)
    if any(c.answered_at and not c.answer_seen_at for c in corrections):
        services.mark_answers_seen(me)
    return page


@bp.route("/my-records/not-right", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def not_right():
    """That's not right about me: say which part of a letter or of my record is wrong, in my words."""
    me = _me_or_404()
    targets = services.targets(me)
    form = NotRightForm()
    form.about.choices = [SelectChoice(target.value, target.label) for target in targets]
    if request.method == "GET" and request.args.get("about") in {target.value for target in targets}:
        form.about.data = request.args["about"]
    if not form.validate_on_submit():
        return form_page("records/not_right.html", form, me=me)
    target = next(target for target in targets if target.value == form.about.data)
    services.ask_for_correction(me, target, form.what_is_wrong.data)
    flash(_("Your IRO has your message. You will see their answer on this page."), "success")
    return redirect(url_for("records.mine"), code=303)


# ---- A carer of a younger child ------------------------------------------------------------------------


@bp.route("/caring-for/records")
@allow(Role.CARER)
def for_carer():
    """The children I care for, with a download for each one under 12."""
    return render_template("records/for_carer.html", children=services.carer_children(current_user, local_today()),
                           under=services.CARER_EXPORT_UNDER_AGE)


@bp.route("/records/<id:young_person_id>/download")
@allow(Role.YOUNG_PERSON, Role.CARER)
def download(young_person_id):
    """Everything the portal holds about a young person, as one ZIP: a page to read and the same as JSON.

    The young person's own (anyone else's: 404), or a child under 12 for their carer (a child they do not
    care for: 404; a child of 12 or more: 403, with why, since the carer already knows the child).
    """
    person = young_person_or_404(current_user, young_person_id)
    today = local_today()
    if current_user.role == Role.CARER and not services.carer_may_export(current_user, person, today):
        refuse(403, _("From the age of 12, young people download their own records."))
    record = export.gather(person, export.audience_for(current_user), today, utcnow())
    return _zip_response(record, "records.zip")


# ---- Staff: subject access and corrections ----------------------------------------------------------------


@bp.route("/caseload/<id:young_person_id>/subject-access")
@allow(Role.IRO, Role.ADMIN)
def subject_access(young_person_id):
    """What a subject access export holds, and what to check before sending it."""
    person = young_person_or_404(current_user, young_person_id)
    return render_template("records/subject_access.html", person=person)


@bp.route("/caseload/<id:young_person_id>/subject-access.zip")
@allow(Role.IRO, Role.ADMIN)
def subject_access_download(young_person_id):
    """Everything held about a young person, for a subject access request (audited)."""
    person = young_person_or_404(current_user, young_person_id)
    record_view(current_user, person, "subject_access", person.id)
    record = export.gather(person, export.audience_for(current_user), local_today(), utcnow())
    return _zip_response(record, f"subject-access-{person.id}.zip")


@bp.route("/caseload/not-right")
@allow(Role.IRO, Role.ADMIN)
def corrections():
    """"That's not right about me" requests waiting for an answer, oldest first."""
    return render_template("records/corrections.html", rows=services.open_corrections(current_user))


@bp.route("/caseload/not-right/<id:correction_id>", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def correction(correction_id):
    """Read what a young person says is wrong; answer it, corrected or not changed (the read is audited)."""
    item = services.correction_for_staff_or_404(current_user, correction_id)
    person = item.young_person
    labels = {target.value: target.label for target in services.targets(person)}
    form = CorrectionAnswerForm()
    context = {"item": item, "person": person, "about": services.target_label(item, labels),
               "outcomes": services.OUTCOME_NAMES}
    if request.method == "POST" and not item.is_open:
        refuse(409, _("This request has already been answered."))
    if not form.validate_on_submit():
        return form_page("records/correction.html", form, **context)
    if not services.answer_correction(item, current_user, CorrectionOutcome(form.outcome.data), form.answer.data):
        refuse(409, _("This request has already been answered."))
    flash(_("Your answer has been sent to the young person."), "success")
    return redirect(url_for("records.corrections"), code=303)


def young_person_section(user, person) -> dict:
    """On a young person's staff page: open "That's not right" requests and the subject access export."""
    return {"template": "records/_staff_section.html", "person": person, "open": services.open_count(user, person.id)}


def register_young_person_section(state):
    """Add the data rights part to a young person's staff page (which knows no capability by name)."""
    state.app.extensions.setdefault("young_person_sections", {})["records"] = young_person_section


# ---- Admin: retention ---------------------------------------------------------------------------------------


@bp.route("/admin/retention")
@allow(Role.ADMIN)
def retention_due():
    """Whose records are past their date, or will be within 90 days, and the settings that decide it."""
    today = local_today()
    return render_template("records/retention.html", due=retention.schedule(today, within_days=90), today=today,
                           until_age=current_app.config["RETENTION_UNTIL_AGE"],
                           years_after=current_app.config["RETENTION_YEARS_AFTER_CARE"])


# ---- Everyone: the privacy notice ------------------------------------------------------------------------


@bp.route("/how-we-use-your-information")
@public
def privacy_notice():
    """How we use your information: the privacy notice, in words for children."""
    return render_template("records/privacy_notice.html")
