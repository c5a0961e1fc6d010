"""The IRO's caseload, a young person's record, planning reviews and inviting people."""

from types import SimpleNamespace

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.escalations import open_escalation_counts
from portal.core.labels import (
    MIDWAY_ANSWER_NAMES,
    MIDWAY_STATUS_NAMES,
    SUPPORT_KIND_NAMES,
    SUPPORT_REASON_NAMES,
    SUPPORT_STATUS_NAMES,
)
from portal.core.refusals import refuse
from portal.core.reviews import planned_on
from portal.dates import format_date
from portal.models import Role
from portal.rendering import form_page
from portal.security.access import allow
from portal.security.policy import review_or_404, review_request_or_404, young_person_or_404
from portal.staff import bp, services, timetable
from portal.staff import caseload as caseload_rows
from portal.staff.forms import (
    ANSWER_NAMES,
    ATTENDEES,
    EndEpisodeForm,
    EpisodeForm,
    HeldReviewForm,
    InvitationForm,
    MidwayCheckForm,
    RequestAnswerForm,
    ReviewForm,
    YoungPersonForm,
)


@bp.route("")
@allow(Role.IRO, Role.ADMIN, Role.MANAGER)
def caseload():
    """The young people on my caseload (every young person, for an admin), narrowed by a filter or a name."""
    chosen = request.args.get("filter", "")
    search = request.args.get("q", "")
    if chosen and chosen not in caseload_rows.FILTERS_BY_KEY:
        refuse(400, _("That filter does not exist. Choose one of the filters on the caseload page."))
    if len(search) > caseload_rows.SEARCH_MAX or any(ord(ch) < 32 for ch in search):
        refuse(400, _("Search for a first name or a case reference of up to 60 letters."))
    found = caseload_rows.rows(current_user, local_today())
    return render_template("staff/caseload.html", rows=caseload_rows.narrowed(found, chosen, search),
                           counts=caseload_rows.counts(found), filters=caseload_rows.FILTERS, chosen=chosen,
                           search=search, total=len(found), midway_names=MIDWAY_STATUS_NAMES)


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.IRO)
def add_young_person():
    """Add a young person to my caseload."""
    form = YoungPersonForm()
    if not form.validate_on_submit():
        return form_page("staff/add_young_person.html", form)
    person = services.add_young_person(current_user, form.first_name.data, form.date_of_birth.data,
                                       form.case_reference.data)
    flash(_("%(name)s has been added to your caseload.", name=person.first_name), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


@bp.route("/<id:young_person_id>")
@allow(Role.IRO, Role.ADMIN)
def young_person(young_person_id):
    """A young person's record (every opening is audited)."""
    person = young_person_or_404(current_user, young_person_id)
    record_view(current_user, person, "young_person", person.id)
    record = services.record(person, local_today())
    return render_template("staff/young_person.html", person=person, answer_forms=_answer_forms(record), **record,
                           open_escalations=open_escalation_counts([person.id]).get(person.id, 0),
                           sections=_sections(person), **RECORD_NAMES)


# Words for stored codes on the record page (passed in, so the shared template globals stay as they are).
RECORD_NAMES = {"midway_names": MIDWAY_STATUS_NAMES, "midway_answer_names": MIDWAY_ANSWER_NAMES,
                "support_kind_names": SUPPORT_KIND_NAMES, "support_reason_names": SUPPORT_REASON_NAMES,
                "support_status_names": SUPPORT_STATUS_NAMES}


def _sections(person):
    """Parts of the page other capabilities offer (data rights), by name, in a stable order."""
    offered = current_app.extensions.get("young_person_sections", {})
    return [offered[name](current_user, person) for name in sorted(offered)]


def _answer_forms(record, failed=None):
    """A form to answer each open request for a sooner review (built before the page, so kept typing comes back)."""
    forms = {item.id: RequestAnswerForm(prefix=f"request-{item.id}") for item in record["review_requests"]
             if failed is None or item.id != failed.id}
    if failed is not None:
        forms[failed.id] = failed.form
    return forms


@bp.route("/<id:young_person_id>/reviews/new", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def plan_review(young_person_id):
    """Plan the date, time and place of a review: a reason when late, "are you sure?" when far off or at school."""
    person = young_person_or_404(current_user, young_person_id)
    form = ReviewForm()
    today = local_today()
    due = services.timetable.timetable(person, today).due_by
    if not form.validate_on_submit():
        return form_page("staff/plan_review.html", form, person=person, due_by=due, checks=None)
    checks = services.planning_checks(person, form.day.data, form.time.data, form.place.data, today)
    if checks.late and not form.lateness_reason.data:
        form.lateness_reason.errors.append(_("Choose why the review is planned after its due date"))
    if checks.needs_sure and not form.sure.data:
        form.sure.errors.append(_("Tick to say you are sure about this date and place, or change them"))
    if form.errors:
        return form_page("staff/plan_review.html", form, person=person, due_by=due, checks=checks)
    services.plan_review(person, form.day.data, form.time.data, form.place.data, form.staff_notes.data,
                         form.lateness_reason.data if checks.late else None, form.lateness_note.data)
    flash(_("The review has been added."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


@bp.route("/<id:young_person_id>/invite", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def invite(young_person_id):
    """Create a one-time invitation code for the young person or a carer."""
    person = young_person_or_404(current_user, young_person_id)
    form = InvitationForm()
    if form.validate_on_submit():
        if form.who.data == "young_person" and person.user_id is not None:
            form.who.errors.append(_("%(name)s already has an account.", name=person.first_name))
        else:
            code, name = services.invite(current_user, person, form.who.data, form.carer_name.data)
            return render_template("staff/invitation_code.html", person=person, code=code, name=name)
    return form_page("staff/invite.html", form, person=person)


@bp.route("/<id:young_person_id>/episodes/new", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def add_episode(young_person_id):
    """Record the start of a care episode (the timetable counts from it)."""
    person = young_person_or_404(current_user, young_person_id)
    form = EpisodeForm()
    if not form.validate_on_submit():
        return form_page("staff/add_episode.html", form, person=person)
    if services.add_episode(person, form.started_on.data, form.legal_status.data) is None:
        form.started_on.errors.append(_("End the current care episode before starting a new one."))
        return form_page("staff/add_episode.html", form, person=person)
    flash(_("The care episode has been added."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


@bp.route("/<id:young_person_id>/episodes/end", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def end_episode(young_person_id):
    """Record the end of the current care episode."""
    person = young_person_or_404(current_user, young_person_id)
    episode = services.current_episode(person)
    if episode is None:
        abort(404)
    form = EndEpisodeForm()
    if not form.validate_on_submit():
        return form_page("staff/end_episode.html", form, person=person, episode=episode)
    if not services.end_episode(episode, form.ended_on.data, form.end_reason.data):
        form.ended_on.errors.append(_("The episode cannot end before it started."))
        return form_page("staff/end_episode.html", form, person=person, episode=episode)
    flash(_("The care episode has ended."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


def _held_record(form) -> services.HeldRecord:
    rows = [row.form for row in form.recommendations if not row.form.is_blank()]
    return services.HeldRecord(
        held_on=form.held_on.data, participation=form.participation.data, chaired=form.chaired.data,
        seen_before=form.seen_before.data, attendees=form.attendees.data or [], parents=form.parents.data,
        care_plan_endorsed=form.care_plan_endorsed.data == "yes",
        checklist=tuple({"yes": True, "no": False}.get(item.data) for item in (
            form.knows_why_in_care, form.knows_how_to_get_advocate, form.knows_how_to_complain)),
        recommendations=[(row.what.data, row.who.data, row.by_when.data) for row in rows])


def _yes_no(value):
    return None if value is None else ("yes" if value else "no")


@bp.route("/reviews/<id:review_id>/record", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def record_review(review_id):
    """The IRO's record of a held review: how the young person took part, who came, recommendations."""
    review = review_or_404(current_user, review_id)
    person = review.young_person
    record_view(current_user, person, "review_record", review.id)
    today = local_today()
    first = services.is_first_review(review, today)
    held_on = review.held_on or min(timetable.review_day(review), today)
    suggestion = services.participation_suggestion(review, held_on)
    published = services.letter_published(review)
    form = HeldReviewForm(earliest=planned_on(review), first_review=first, data={
        "held_on": held_on, "participation": (review.participation or suggestion or None),
        "chaired": review.chaired, "seen_before": review.seen_before, "attendees": review.attendee_roles,
        "parents": review.parents, "care_plan_endorsed": _yes_no(review.care_plan_endorsed),
        "knows_why_in_care": _yes_no(review.knows_why_in_care),
        "knows_how_to_get_advocate": _yes_no(review.knows_how_to_get_advocate),
        "knows_how_to_complain": _yes_no(review.knows_how_to_complain),
        "recommendations": [{"what": r.what, "who": r.who, "by_when": r.by_when} for r in review.recommendations],
    })
    context = {"review": review, "person": person, "first_review": first, "suggestion": suggestion,
               "published": published}
    if published or not form.validate_on_submit():
        return form_page("staff/record_review.html", form, **context)
    services.record_held_review(review, current_user, _held_record(form))
    due = timetable.timetable(person, today).due_by
    if due:
        flash(_("The review is recorded. The next review is due by %(day)s.", day=format_date(due, "long")), "success")
    else:
        flash(_("The review is recorded."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


@bp.route("/reviews/<id:review_id>/print")
@allow(Role.IRO, Role.ADMIN)
def print_review(review_id):
    """The record of a review on A4, without navigation."""
    review = review_or_404(current_user, review_id)
    record_view(current_user, review.young_person, "review_record", review.id)
    plan = timetable.timetable(review.young_person, local_today())
    row = next((row for row in plan.reviews if row.review.id == review.id), None)
    return render_template("staff/print_review.html", review=review, person=review.young_person, row=row,
                           attendee_names=dict((c.value, c.label) for c in ATTENDEES),
                           answer_names=ANSWER_NAMES)


@bp.route("/<id:young_person_id>/record.json")
@allow(Role.IRO, Role.ADMIN)
def case_record(young_person_id):
    """The young person's episodes and reviews as one JSON document for the case file (audited)."""
    person = young_person_or_404(current_user, young_person_id)
    record_view(current_user, person, "case_record", person.id)
    response = jsonify(services.case_record(person, local_today()))
    response.headers["Content-Disposition"] = f'attachment; filename="review-record-{person.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/review-requests/<id:request_id>/answer", methods=["POST"])
@allow(Role.IRO, Role.ADMIN)
def answer_review_request(request_id):
    """Answer a young person's request for a sooner review without planning one."""
    request = review_request_or_404(current_user, request_id)
    form = RequestAnswerForm(prefix=f"request-{request.id}")
    person = request.young_person
    if not form.validate_on_submit():
        record = services.record(person, local_today())
        failed = SimpleNamespace(id=request.id, form=form)
        return form_page("staff/young_person.html", form, person=person, failed_request=request.id,
                         sections=_sections(person), answer_forms=_answer_forms(record, failed), **record, **RECORD_NAMES)
    if not services.answer_review_request(request, current_user, form.answer.data):
        refuse(409, _("This request has already been answered."))
    flash(_("Your answer has been sent to the young person."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)


@bp.route("/<id:young_person_id>/midway-check", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def midway_check(young_person_id):
    """Record the check half-way between the last held review and the next one's due date."""
    person = young_person_or_404(current_user, young_person_id)
    record_view(current_user, person, "midway_check", person.id)
    today = local_today()
    plan = timetable.timetable(person, today)
    form = MidwayCheckForm(earliest=plan.last_held, data={"checked_on": today})
    context = {"person": person, "plan": plan, "midway_names": MIDWAY_STATUS_NAMES}
    if plan.last_held is None:
        if request.method == "POST":
            refuse(409, _("A mid-way check follows a held review. Record the review first."))
        return render_template("staff/midway_check.html", form=None, **context)
    if not form.validate_on_submit():
        return form_page("staff/midway_check.html", form, **context)
    services.record_midway_check(person, current_user, services.MidwayRecord(
        checked_on=form.checked_on.data, education_plan=form.education_plan.data,
        health_assessment=form.health_assessment.data, decisions_on_track=form.decisions_on_track.data,
        note=form.note.data))
    flash(_("The mid-way check is recorded."), "success")
    return redirect(url_for("staff.young_person", young_person_id=person.id), code=303)
