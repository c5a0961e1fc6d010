"""The start page, home pages, help, language switcher and exit control."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import consultations
from portal.core.clock import local_today
from portal.core.refusals import refuse
from portal.core.reviews import carer_children
from portal.extensions import db
from portal.main import bp, services
from portal.main.forms import SoonerForm
from portal.models import Role
from portal.rendering import form_page
from portal.security import privacy
from portal.security.access import allow, public, signed_in
from portal.security.policy import own_young_person
from portal.security.redirects import safe_next
from portal.security.sessions import end_session


@bp.route("/")
@public
def start():
    """The start page: sign in, or join with a code."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/start.html")


@bp.route("/home")
@signed_in
def home():
    """Each role's home page, showing what that role can do."""
    role = current_user.role
    if role == Role.YOUNG_PERSON:
        me = own_young_person(current_user)
        upcoming = consultations.next_review_of(me.id) if me else consultations.NextReview()
        consultation = upcoming.consultation
        privacy.remember_open_sessions(consultation, upcoming.help_sessions)
        # Other capabilities add their part of the page (the council's campaigns and news).
        sections = {name: provide(me) for name, provide in current_app.extensions.get("home_sections", {}).items()}
        return render_template("main/home_young_person.html", me=me, review=upcoming.review, consultation=consultation,
                               answered=upcoming.progress,
                               helping=privacy.helping_session(consultation) if consultation else None, **sections)
    if role == Role.CARER:
        return render_template("main/home_carer.html", children=carer_children(current_user))
    if role in (Role.IRO, Role.ADMIN, Role.MANAGER):
        return render_template("main/home_staff.html", caseload=services.caseload_size(current_user))
    return render_template("main/home_service.html")


@bp.route("/get-help")
@public
def get_help():
    """Where to get help now: 999, Childline, Shout, Samaritans (16+), the duty team, advocacy, the young person's IRO."""
    me = own_young_person(current_user) if current_user.is_authenticated and current_user.role == Role.YOUNG_PERSON else None
    return render_template("main/get_help.html", iro=me.iro if me else None,
                           samaritans=services.shows_samaritans(me, local_today()))


@bp.route("/language", methods=["POST"])
@public
def change_language():
    """Switch language (works without JavaScript); remembered for a signed-in person."""
    locale = request.form.get("locale", "")
    if locale not in current_app.config["LANGUAGES"]:
        refuse(400, _("Choose a language from the list."))
    session["locale"] = locale
    if current_user.is_authenticated:
        current_user.locale = locale
        db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.start")), code=303)


@bp.route("/exit", methods=["POST"])
@public
def exit_page():
    """Leave at once: end the session and go to a neutral site."""
    end_session()
    return redirect(current_app.config["EXIT_URL"], code=303)


@bp.route("/my-review/sooner", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def ask_sooner():
    """Ask my IRO to bring my review forward."""
    me = own_young_person(current_user)
    if me is None:
        abort(404)
    form = SoonerForm()
    context = {"me": me, "waiting": services.open_review_request(me), "answered": services.last_answered_request(me)}
    if not form.validate_on_submit():
        return form_page("main/ask_sooner.html", form, **context)
    services.ask_for_review_sooner(me, form.reason.data)
    flash(_("Your IRO has your request. They will plan your review sooner or tell you why not."), "success")
    return redirect(url_for("main.ask_sooner"), code=303)
