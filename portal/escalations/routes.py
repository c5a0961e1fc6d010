"""Escalations: the list (open first, overdue answers first), raising one (from a young person's record or,
in one step, from their follow-up on a letter decision), a stage's answer, the next stage, closing it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import escalations as rules
from portal.core.clock import local_today
from portal.core.escalation_labels import CATEGORY_NAMES, KIND_NAMES, OUTCOME_NAMES, STAGE_NAMES
from portal.core.refusals import refuse
from portal.dates import format_date
from portal.escalations import bp, services
from portal.escalations.forms import CloseForm, EscalateForm, RaiseForm, ResponseForm
from portal.models import EscalationCategory, EscalationKind, EscalationOutcome, EscalationStage, Role
from portal.rendering import form_page
from portal.routing import int_arg
from portal.security.access import allow
from portal.security.policy import (
    escalation_or_404,
    flag_for_staff_or_404,
    follow_up_or_404,
    review_or_404,
    young_person_or_404,
)

NAMES = {"kind_names": KIND_NAMES, "category_names": CATEGORY_NAMES, "stage_names": STAGE_NAMES,
         "outcome_names": OUTCOME_NAMES}

@bp.route("")
@allow(Role.IRO, Role.ADMIN)
def listed():
    """Escalations about my caseload (every one, for an admin): open first, overdue answers first."""
    person = None
    wanted = int_arg("young_person")
    if wanted is not None:
        person = young_person_or_404(current_user, wanted)
    today = local_today()
    rows = services.listed(current_user, today, person.id if person else None)
    return render_template("escalations/list.html", rows=rows, person=person, today=today, **NAMES)


def _sources(young_person):
    """The follow-up, review or safety flag named in the query string, each checked to be about this young person."""
    sources = services.Sources()
    for name, loader in (("follow_up", follow_up_or_404), ("review", review_or_404), ("flag", flag_for_staff_or_404)):
        if name not in request.args:
            continue
        wanted = int_arg(name)
        found = loader(current_user, wanted) if wanted else None
        if found is None or found.young_person_id != young_person.id:
            abort(404)
        setattr(sources, name, found)
    return sources


@bp.route("/young-people/<id:young_person_id>/new", methods=["GET", "POST"])
@allow(Role.IRO)
def raise_for(young_person_id):
    """Raise an escalation about a young person on my caseload (pre-filled when it comes from their follow-up)."""
    person = young_person_or_404(current_user, young_person_id)
    sources = _sources(person)
    if request.method == "GET":
        suggested = services.suggested_category(sources)
        form = RaiseForm(data={"asked_on": local_today(),
                               "category": suggested.value if suggested else None})
        return form_page("escalations/raise.html", form, person=person, sources=sources, **NAMES)
    form = RaiseForm()
    if not form.validate_on_submit():
        return form_page("escalations/raise.html", form, person=person, sources=sources, **NAMES)
    resolved = services.Resolved(form.resolved.data)
    escalation = services.raise_escalation(
        current_user, person, EscalationKind(form.kind.data), EscalationCategory(form.category.data),
        form.concern.data, form.asked.data, form.asked_on.data, form.response.data, resolved, sources)
    if resolved is services.Resolved.YES:
        flash(_("The escalation is recorded and closed as resolved."), "success")
    else:
        flash(_("The escalation is recorded. Their answer is due by %(day)s.",
                day=_long_date(escalation.steps[0].respond_by)), "success")
    return redirect(url_for("escalations.view", escalation_id=escalation.id), code=303)


def _long_date(day):
    return format_date(day, "long")


def _forms(escalation):
    """The forms an open escalation offers, filled with today's date and the stage shown."""
    today, stage = local_today(), escalation.stage.value
    return {
        "response": ResponseForm(formdata=None, prefix="response", data={"responded_on": today, "stage": stage}),
        "escalate": EscalateForm(formdata=None, prefix="escalate", data={"asked_on": today, "stage": stage}),
        "close": CloseForm(formdata=None, prefix="close", data={"closed_on": today}),
    }


def _view_page(escalation, failed=None, status=None):
    forms = _forms(escalation) if escalation.is_open else {}
    if failed is not None:
        forms[failed[0]] = failed[1]
    today = local_today()
    steps = services.steps_of(escalation)
    context = {"escalation": escalation, "steps": steps, "current": rules.current_step(escalation),
               "higher": rules.next_stage(escalation.stage), "forms": forms, "today": today,
               "overdue": {step.id for step in steps if escalation.is_open and rules.is_overdue(step, today)},
               "days_to_resolve": rules.days_to_resolve(escalation),
               "stage_number": rules.stage_number, **NAMES}
    if failed is not None:
        return form_page("escalations/view.html", failed[1], status=status, **context)
    return render_template("escalations/view.html", form=None, **context)


@bp.route("/<id:escalation_id>")
@allow(Role.IRO, Role.ADMIN)
def view(escalation_id):
    """One escalation: its stages, who was asked, their answers; record an answer, go up a stage or close it."""
    return _view_page(escalation_or_404(current_user, escalation_id))


def _refused(change):
    if change is services.Change.CLOSED:
        refuse(409, _("This escalation has already been closed, so it cannot change."))
    if change is services.Change.MOVED:
        refuse(409, _("This escalation has moved to another stage since you opened it. Open it again to see where it is."))
    if change is services.Change.TOP:
        refuse(409, _("A referral to Cafcass is the last stage: there is no higher stage."))


@bp.route("/<id:escalation_id>/response", methods=["POST"])
@allow(Role.IRO)
def record_response(escalation_id):
    """Record the answer of the stage the escalation is at."""
    escalation = escalation_or_404(current_user, escalation_id)
    form = ResponseForm(prefix="response")
    if not form.validate_on_submit():
        return _view_page(escalation, failed=("response", form))
    stage = _stage_or_400(form.stage.data)
    change = services.record_response(escalation, stage, form.response.data, form.responded_on.data,
                                      form.resolved.data == "yes")
    if change is services.Change.TOO_EARLY:
        form.responded_on.errors.append(_("The day they answered cannot be before the day they were asked"))
        return _view_page(escalation, failed=("response", form))
    _refused(change)
    flash(_("Their answer is recorded."), "success")
    return redirect(url_for("escalations.view", escalation_id=escalation.id), code=303)


@bp.route("/<id:escalation_id>/next-stage", methods=["POST"])
@allow(Role.IRO)
def next_stage(escalation_id):
    """Escalate to the next stage, in one action."""
    escalation = escalation_or_404(current_user, escalation_id)
    form = EscalateForm(prefix="escalate")
    if not form.validate_on_submit():
        return _view_page(escalation, failed=("escalate", form))
    change = services.escalate(escalation, _stage_or_400(form.stage.data), form.asked.data, form.asked_on.data)
    if change is services.Change.TOO_EARLY:
        form.asked_on.errors.append(_("The day you asked them cannot be before the previous stage was asked"))
        return _view_page(escalation, failed=("escalate", form))
    _refused(change)
    flash(_("Escalated to: %(stage)s. Their answer is due by %(day)s.", stage=STAGE_NAMES[escalation.stage],
            day=_long_date(rules.current_step(escalation).respond_by)), "success")
    return redirect(url_for("escalations.view", escalation_id=escalation.id), code=303)


@bp.route("/<id:escalation_id>/close", methods=["POST"])
@allow(Role.IRO)
def close(escalation_id):
    """Close the escalation with an outcome."""
    escalation = escalation_or_404(current_user, escalation_id)
    form = CloseForm(prefix="close")
    if not form.validate_on_submit():
        return _view_page(escalation, failed=("close", form))
    change = services.close(escalation, current_user, EscalationOutcome(form.outcome.data), form.closed_on.data,
                            form.note.data)
    if change is services.Change.TOO_EARLY:
        form.closed_on.errors.append(_("The day it ended cannot be before the day it was raised"))
        return _view_page(escalation, failed=("close", form))
    _refused(change)
    flash(_("The escalation is closed."), "success")
    return redirect(url_for("escalations.view", escalation_id=escalation.id), code=303)


def _stage_or_400(value):
    try:
        return EscalationStage(value)
    except ValueError:
        refuse(400, _("This page is out of date. Open the escalation again."))
