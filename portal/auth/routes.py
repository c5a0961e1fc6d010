"""Sign in, sign out, stay signed in, and join with an invitation code."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.auth import bp
from portal.auth.forms import ChooseAccountForm, InvitationCodeForm, SignInForm
from portal.core.invitations import InvitationUnusable, UsernameTaken, accept, find_usable
from portal.core.passwords import check_password
from portal.extensions import db, limiter, submitted_username
from portal.models import Invitation, User
from portal.models.base import utcnow
from portal.models.people import normalise_username
from portal.rendering import form_page
from portal.security.access import public, signed_in
from portal.security.redirects import is_safe_path, safe_next
from portal.security.sessions import end_session, start_session


def _failed(response):
    """Only failed attempts count towards the sign-in limits."""
    return response.status_code != 303


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"], methods=["POST"],
               key_func=submitted_username, deduct_when=_failed)
def sign_in():
    """Sign in with a username and password."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next"), url_for("main.home")))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if not form.validate_on_submit():
        return form_page("auth/sign_in.html", form)
    user = db.session.scalar(select(User).where(User.username == normalise_username(form.username.data)))
    if not check_password(user.password_hash if user else None, form.password.data) or not user.active:
        problem = _("The username or password is not right. Check them and try again.")
        return form_page("auth/sign_in.html", form, status=401, problem=problem)
    start_session(user)
    return redirect(safe_next(form.next.data, url_for("main.home")), code=303)


@bp.route("/sign-out", methods=["POST"])
@signed_in
def sign_out():
    """Sign out on every device."""
    end_session()
    flash(_("You have signed out."), "notice")
    return redirect(url_for("auth.sign_in"), code=303)


@bp.route("/keep-alive", methods=["POST"])
@signed_in
def keep_alive():
    """Called by the idle warning's "Stay signed in" button; the session hook records the activity."""
    return "", 204


@bp.route("/join", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["JOIN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def join():
    """Enter an invitation code."""
    form = InvitationCodeForm()
    if not form.validate_on_submit():
        return form_page("auth/join.html", form)
    try:
        invitation = find_usable(form.code.data)
    except InvitationUnusable:
        form.code.errors.append(_("This code does not work. It may have been used already or be more than 14 days old. Ask for a new one."))
        return form_page("auth/join.html", form)
    session["joining"] = invitation.id
    return redirect(url_for("auth.choose_account"), code=303)


@bp.route("/join/account", methods=["GET", "POST"])
@public
def choose_account():
    """Choose a username and password for the invited account."""
    invitation = db.session.get(Invitation, session.get("joining") or 0)
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        session.pop("joining", None)
        flash(_("Enter your invitation code to start."), "notice")
        return redirect(url_for("auth.join"), code=303)
    form = ChooseAccountForm()
    if not form.validate_on_submit():
        return form_page("auth/choose_account.html", form, invitation=invitation)
    try:
        user = accept(invitation.id, form.username.data, form.password.data)
    except UsernameTaken:
        form.username.errors.append(_("Somebody already has that username. Try another one."))
        return form_page("auth/choose_account.html", form, invitation=invitation)
    except InvitationUnusable:
        session.pop("joining", None)
        flash(_("This code does not work. It may have been used already or be more than 14 days old. Ask for a new one."), "problem")
        return redirect(url_for("auth.join"), code=303)
    start_session(user)
    flash(_("Your account is ready. Welcome!"), "success")
    return redirect(url_for("main.home"), code=303)


def sign_in_page(problem, carry_on_to):
    """The sign-in page explaining why (a session that ended mid-request), then carrying on to that page: a 401."""
    form = SignInForm(formdata=None)
    form.next.data = carry_on_to if is_safe_path(carry_on_to) else ""
    return render_template("auth/sign_in.html", form=form, problem=problem), 401
