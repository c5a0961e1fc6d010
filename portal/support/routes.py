"""Asking for an advocate or an Independent Visitor, following the request, and the services' pages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.clock import local_today
from portal.dates import format_date, format_time
from portal.models import Role
from portal.models.support import SupportKind
from portal.rendering import form_page
from portal.security.access import allow
from portal.security.policy import (
    followed_support_request_or_404,
    own_young_person,
    service_support_request_or_404,
    young_person_or_404,
)
from portal.support import bp, services, words
from portal.support.forms import ACTION_FORMS, ActionForm, request_form

KIND = "<any(advocate, 'independent-visitor'):kind>"


@bp.context_processor
def support_words():
    return {"support_kinds": words.KIND_NAMES, "support_statuses": words.STATUS_NAMES, "slug_of": words.SLUG_OF,
            "reasons_mine": words.REASONS_MINE, "reasons_theirs": words.REASONS_THEIRS,
            "contact_mine": words.CONTACT_MINE, "contact_theirs": words.CONTACT_THEIRS, "format_time": format_time}


def _me():
    me = own_young_person(current_user)
    if me is None:  # an account not linked to a young person's record: nothing to ask for
        abort(404)
    return me


@bp.route("/get-support")
@allow(Role.YOUNG_PERSON)
def start():
    """What an advocate and an Independent Visitor are, and a button to ask for each."""
    _me()
    return render_template("support/start.html", person=None, has_requests=services.has_requests(current_user))


@bp.route(f"/get-support/{KIND}", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def ask(kind):
    """Ask for support for myself: a few optional questions, check, send."""
    return _ask(_me(), words.SLUGS[kind], on_behalf=False)


@bp.route("/get-support/for/<id:young_person_id>")
@allow(Role.CARER, Role.IRO)
def start_for(young_person_id):
    """A carer or IRO asking for support for a young person they look after or review."""
    person = young_person_or_404(current_user, young_person_id)
    return render_template("support/start.html", person=person, has_requests=services.has_requests(current_user))


@bp.route(f"/get-support/for/<id:young_person_id>/{KIND}", methods=["GET", "POST"])
@allow(Role.CARER, Role.IRO)
def ask_for(young_person_id, kind):
    """Ask on a young person's behalf, recording that they agreed."""
    return _ask(young_person_or_404(current_user, young_person_id), words.SLUGS[kind], on_behalf=True)


def _ask(person, kind: SupportKind, on_behalf: bool):
    review_day = services.next_review_day(person)
    form = request_form(kind, on_behalf, person.first_name, format_date(review_day, "full") if review_day else None)
    form.token.data = services.usable_token(form.token.data) or services.new_token()
    context = {"person": person, "kind": kind, "on_behalf": on_behalf}
    step = request.form.get("step")
    if not form.validate_on_submit() or step == "change":
        return form_page("support/ask.html", form, **context)
    if step != "send":
        return render_template("support/check.html", form=form, **context)
    support_request, created = services.create_request(
        current_user, person, kind, form.token.data,
        reason=form.reason.data if "reason" in form else None, details=form.details.data, methods=form.contact.data,
        contact_details=form.contact_details.data, contact_when=form.contact_when.data,
        before_review_on=review_day if "before_review" in form and form.before_review.data else None,
        on_behalf=on_behalf, young_person_agreed=bool(on_behalf and form.agreed.data),
    )
    if not created:
        flash(_("This request had already been sent. Here it is."), "notice")
    elif support_request.organisation_id is None:
        flash(_("Your request has been saved. It will go to the right service as soon as one is set up."), "success")
    else:
        flash(_("Your request has been sent."), "success")
    return redirect(url_for("support.my_request", request_id=support_request.id), code=303)


@bp.route("/my-requests")
@allow(Role.YOUNG_PERSON, Role.CARER, Role.IRO)
def my_requests():
    """The requests I made (or, for a young person, that were made for me) and where each has got to."""
    return render_template("support/my_requests.html", requests=services.followed_requests(current_user))


@bp.route("/my-requests/<id:request_id>")
@allow(Role.YOUNG_PERSON, Role.CARER, Role.IRO)
def my_request(request_id):
    """One request: what was asked, where it has got to, and each step with its time and note."""
    support_request = followed_support_request_or_404(current_user, request_id)
    return render_template("support/my_request.html", support_request=support_request,
                           events=services.timeline(support_request),
                           may_withdraw=services.may_withdraw(current_user, support_request))


@bp.route("/my-requests/<id:request_id>/withdraw", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER, Role.IRO)
def withdraw(request_id):
    """Stop a request (asks to make sure first)."""
    support_request = followed_support_request_or_404(current_user, request_id)
    back = url_for("support.my_request", request_id=support_request.id)
    if not services.may_withdraw(current_user, support_request):
        flash(_("This request has already finished, so there is nothing to stop."), "notice")
        return redirect(back, code=303)
    form = ActionForm()
    if not form.validate_on_submit():
        return form_page("support/withdraw.html", form, support_request=support_request)
    if services.change_status(support_request, current_user, "withdraw"):
        flash(_("The request has been stopped. The service has been told."), "success")
    else:
        flash(_("This request has already finished, so there is nothing to stop."), "notice")
    return redirect(back, code=303)


@bp.route("/support-requests")
@allow(Role.ADVOCACY, Role.VISITOR, Role.ADMIN)
def service_list():
    """A service's requests (every service's, for an admin): the oldest not yet acknowledged first."""
    on_day = local_today()
    only_overdue = request.args.get("show") == "overdue"
    open_requests, finished = services.service_requests(current_user, on_day, only_overdue)
    return render_template("support/service_list.html", open_requests=open_requests, finished=finished,
                           on_day=on_day, only_overdue=only_overdue,
                           overdue_count=services.overdue_count(current_user, on_day), overdue_step=services.overdue_step)


@bp.route("/support-requests/<id:request_id>")
@allow(Role.ADVOCACY, Role.VISITOR, Role.ADMIN)
def service_request(request_id):
    """One request with its timeline and what the service can do next (every opening is audited)."""
    return _service_page(service_support_request_or_404(current_user, request_id))


def _service_page(support_request, failed=None):
    forms = {action: form_class(formdata=None) for action, form_class in ACTION_FORMS.items()}
    forms.update(failed or {})
    on_day = local_today()
    return render_template(
        "support/service_request.html", support_request=support_request, events=services.timeline(support_request),
        forms=forms, contacts=services.contacts(support_request),
        overdue=services.overdue_step(support_request, on_day), on_day=on_day,
        service_to_send_to=services.service_for(support_request.kind) if support_request.organisation_id is None else None,
        form=next(iter(failed.values())) if failed else None,
    ), 400 if failed else 200


DONE = {
    "acknowledge": lambda: _("Done. The young person can see that you have seen their request."),
    "allocate": lambda: _("Done. The young person can see the first name of the person you found."),
    "note": lambda: _("Your note has been added. The young person can see it."),
    "close": lambda: _("The request is finished. The young person can see that."),
    "decline": lambda: _("The request has been declined. The young person can see why."),
}


def _act(request_id, action):
    support_request = service_support_request_or_404(current_user, request_id)
    form = ACTION_FORMS[action]()
    if not form.validate_on_submit():
        return _service_page(support_request, failed={action: form})
    if action == "note":
        done = services.add_note(support_request, current_user, form.note())
    else:
        name = form.allocate_name.data if action == "allocate" else None
        done = services.change_status(support_request, current_user, action, note=form.note(), name=name)
    if done:
        flash(DONE[action](), "success")
    else:
        flash(_("That was not done, because the request had already moved on. This is where it is now."), "problem")
    return redirect(url_for("support.service_request", request_id=support_request.id), code=303)


@bp.route("/support-requests/<id:request_id>/acknowledge", methods=["POST"])
@allow(Role.ADVOCACY, Role.VISITOR)
def acknowledge(request_id):
    """Tell the young person the service has seen the request."""
    return _act(request_id, "acknowledge")


@bp.route("/support-requests/<id:request_id>/allocate", methods=["POST"])
@allow(Role.ADVOCACY, Role.VISITOR)
def allocate(request_id):
    """Tell the young person who has been found for them (first name only)."""
    return _act(request_id, "allocate")


@bp.route("/support-requests/<id:request_id>/note", methods=["POST"])
@allow(Role.ADVOCACY, Role.VISITOR)
def add_note(request_id):
    """Add a note the young person sees on their timeline."""
    return _act(request_id, "note")


@bp.route("/support-requests/<id:request_id>/close", methods=["POST"])
@allow(Role.ADVOCACY, Role.VISITOR)
def close(request_id):
    """The support has finished."""
    return _act(request_id, "close")


@bp.route("/support-requests/<id:request_id>/decline", methods=["POST"])
@allow(Role.ADVOCACY, Role.VISITOR)
def decline(request_id):
    """The service cannot help, and says why."""
    return _act(request_id, "decline")


@bp.route("/support-requests/<id:request_id>/send-to-service", methods=["POST"])
@allow(Role.ADMIN)
def send_to_service(request_id):
    """Send a request that arrived before any service of its kind was set up."""
    support_request = service_support_request_or_404(current_user, request_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    organisation = services.send_to_service(support_request, current_user)
    if organisation is None:
        flash(_("There is no service to send it to yet, or it has already been sent."), "problem")
    else:
        flash(_("The request has been sent to %(service)s.", service=organisation.name), "success")
    return redirect(url_for("support.service_request", request_id=support_request.id), code=303)
