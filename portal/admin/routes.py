"""People, organisations and the audit log."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.admin import bp, services
from portal.admin.forms import OrganisationForm, StaffInvitationForm
from portal.models import Role
from portal.rendering import form_page
from portal.routing import int_arg
from portal.security.access import allow


@bp.route("")
@allow(Role.ADMIN)
def dashboard():
    """What an admin can do."""
    return render_template("admin/dashboard.html")


@bp.route("/people")
@allow(Role.ADMIN)
def people():
    """Every account."""
    return render_template("admin/people.html", people=services.people())


@bp.route("/people/invite", methods=["GET", "POST"])
@allow(Role.ADMIN)
def invite_staff():
    """Invite a member of staff; the code is shown once."""
    form = StaffInvitationForm()
    form.organisation.choices = [SelectChoice("", _("No organisation"))] + [
        SelectChoice(str(o.id), o.name) for o in services.organisations()]
    if not form.validate_on_submit():
        return form_page("admin/invite_staff.html", form)
    code = services.invite_staff(current_user, form.display_name.data, form.email.data, form.role.data,
                                 form.organisation.data)
    return render_template("admin/staff_code.html", code=code, name=form.display_name.data.strip())


@bp.route("/people/<id:user_id>/deactivate", methods=["POST"])
@allow(Role.ADMIN)
def deactivate(user_id):
    """Stop an account from signing in."""
    user = services.deactivate(user_id, current_user)
    if user is None:
        flash(_("That account cannot be deactivated."), "problem")
    else:
        flash(_("%(name)s can no longer sign in.", name=user.display_name), "success")
    return redirect(url_for("admin.people"), code=303)


@bp.route("/people/<id:user_id>/reset-two-step", methods=["POST"])
@allow(Role.ADMIN)
def reset_two_step(user_id):
    """Turn off a member of staff's two-step sign-in, when they have lost their phone and recovery codes."""
    user = services.reset_two_step(user_id, current_user)
    if user is None:
        abort(404)
    flash(_("%(name)s's two-step sign-in has been reset. They will set it up again when they next sign in.",
            name=user.display_name), "success")
    return redirect(url_for("admin.people"), code=303)


@bp.route("/organisations", methods=["GET", "POST"])
@allow(Role.ADMIN)
def organisations():
    """Advocacy and Independent Visitor services."""
    form = OrganisationForm()
    if form.validate_on_submit():
        services.add_organisation(form.name.data, form.kind.data, form.email.data)
        flash(_("The organisation has been added."), "success")
        return redirect(url_for("admin.organisations"), code=303)
    return form_page("admin/organisations.html", form, organisations=services.organisations())


@bp.route("/audit")
@allow(Role.ADMIN)
def audit():
    """Who opened which young person's information, and when."""
    young_person_id = int_arg("young_person")
    actor_id = int_arg("staff")
    before_id = int_arg("before")
    events = services.audit_events(young_person_id, actor_id, before_id)
    young_people, staff = services.audit_filters()
    return render_template("admin/audit.html", events=events, young_people=young_people, staff=staff,
                           young_person_id=young_person_id, actor_id=actor_id,
                           more=len(events) == services.PAGE_SIZE)


@bp.route("/translation-reports")
@allow(Role.ADMIN)
def translation_reports():
    """Sentences readers say are wrong in their language, newest first, to pass to a translator."""
    return render_template("admin/translation_reports.html", reports=services.translation_reports())
