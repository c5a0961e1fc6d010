"""Sign in (with a second step for staff), sign out, join with an invitation code, and keep an account:
change or reset a password, turn on two-step sign-in. Passkeys have their own module (portal.auth.passkeys)."""

import time

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from portal.auth import bp
from portal.auth.forms import (
    AddPasskeyForm,
    ChangePasswordForm,
    ChooseAccountForm,
    InvitationCodeForm,
    LinkResetForm,
    ReferredAsForm,
    ResetWithCodeForm,
    SignInForm,
    StaffResetForm,
    TwoStepForm,
)
from portal.core import accounts, passkeys, sign_in_delays, two_factor
from portal.core.invitations import InvitationUnusable, UsernameTaken, accept, find_usable
from portal.core.passwords import check_password
from portal.extensions import db, limiter
from portal.models import Invitation, Role, User
from portal.models.base import utcnow
from portal.models.people import STAFF_ROLES, normalise_username
from portal.rendering import form_page
from portal.security.access import allow, public, signed_in
from portal.security.redirects import is_safe_path, safe_next
from portal.security.sessions import end_session, start_session

# Between the password and the second step: how long the password counts for.
PENDING_SECONDS = 10 * 60


def _failed(response):
    """Only failed attempts count towards the sign-in limits."""
    return response.status_code >= 400


def _wait_message(seconds):
    return ngettext("Too many wrong tries. Wait %(num)s second, then try again.",
                    "Too many wrong tries. Wait %(num)s seconds, then try again.", seconds)


def _slowed(template, form, key, **context):
    """The page again with a 429 when this account and address must wait; None when it may go on."""
    wait = sign_in_delays.seconds_to_wait(key)
    if not wait:
        return None
    response = form_page(template, form, status=429, problem=_wait_message(wait), **context)
    return response[0], 429, {"Retry-After": str(wait)}


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def sign_in():
    """Sign in with a username and password; staff then give a second step."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next"), url_for("main.home")))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if not form.validate_on_submit():
        return form_page("auth/sign_in.html", form)
    key = sign_in_delays.key_for("sign-in", form.username.data)
    slowed = _slowed("auth/sign_in.html", form, key)
    if slowed:
        return slowed
    user = db.session.scalar(select(User).where(User.username == normalise_username(form.username.data)))
    if not check_password(user.password_hash if user else None, form.password.data) or not user.active:
        wait = sign_in_delays.failed(key)
        problem = _("The username or password is not right. Check them and try again.")
        if wait:
            problem = " ".join((problem, _wait_message(wait)))
        return form_page("auth/sign_in.html", form, status=401, problem=problem)
    sign_in_delays.succeeded(key)
    if user.has_two_step or two_factor.required_for(user):
        return _to_second_step(user, form.next.data)
    start_session(user)
    return redirect(safe_next(form.next.data, url_for("main.home")), code=303)


def _to_second_step(user, next_page):
    """The password was right: remember that (briefly) and ask for the second step, or to set it up."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    session["pending_sign_in"] = {"user": user.id, "token": user.session_token, "at": int(time.time()),
                                  "next": next_page if is_safe_path(next_page or "") else ""}
    target = "auth.two_step" if user.has_two_step else "auth.two_step_setup"
    return redirect(url_for(target), code=303)


def _pending_user():
    """The person who gave the right password in this browser a moment ago, or None."""
    pending = session.get("pending_sign_in")
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user") or 0)
    if user is None or not user.active or user.session_token != pending.get("token"):
        return None
    return user


def _back_to_sign_in():
    session.pop("pending_sign_in", None)
    flash(_("Sign in with your username and password first."), "notice")
    return redirect(url_for("auth.sign_in"), code=303)


def _finish_sign_in(user):
    next_page = (session.get("pending_sign_in") or {}).get("next")
    start_session(user)
    return safe_next(next_page, url_for("main.home"))


@bp.route("/sign-in/two-step", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def two_step():
    """The second step: a code from the authenticator app, or a recovery code."""
    user = _pending_user()
    if user is None or not user.has_two_step:
        return _back_to_sign_in()
    form = TwoStepForm()
    if not form.validate_on_submit():
        return form_page("auth/two_step.html", form)
    key = sign_in_delays.key_for("two-step", user.username)
    slowed = _slowed("auth/two_step.html", form, key)
    if slowed:
        return slowed
    if not two_factor.check_second_step(user, form.code.data):
        sign_in_delays.failed(key)
        form.code.errors.append(_("That code is not right, or it has been used already. "
                                  "Type the code your app shows now, or a recovery code you have not used."))
        return form_page("auth/two_step.html", form, status=401)
    sign_in_delays.succeeded(key)
    return redirect(_finish_sign_in(user), code=303)


SETUP_KEY = "two_step_secret"


def _setup_secret():
    """The secret being set up in this browser (kept, encrypted, until confirmed), or a new one."""
    secret = two_factor.unseal(session.get(SETUP_KEY))
    if secret is None:
        secret = two_factor.new_secret()
        session[SETUP_KEY] = two_factor.seal(secret)
    return secret


def _setup_page(user, form, secret, status=None):
    return form_page("auth/two_step_setup.html", form, status=status, qr=two_factor.qr_code(user, secret),
                     secret=two_factor.grouped(secret), username=user.username,
                     required=two_factor.required_for(user))


def _confirm(user, form, finishing):
    """Check the first code from the new secret; on success show the recovery codes, once."""
    secret = _setup_secret()
    if request.method == "GET" or not form.validate_on_submit():
        return _setup_page(user, form, secret)
    codes = two_factor.confirm_setup(user, secret, form.code.data)
    if codes is None:
        form.code.errors.append(_("That code is not right. Type the 6-digit code your app shows now."))
        return _setup_page(user, form, secret, status=400)
    session.pop(SETUP_KEY, None)
    next_page = _finish_sign_in(user) if finishing else url_for("auth.account")
    return render_template("auth/recovery_codes.html", codes=codes, next_page=next_page)


@bp.route("/sign-in/two-step/set-up", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def two_step_setup():
    """Set up two-step sign-in while signing in (required for staff when STAFF_TWO_FACTOR=required)."""
    user = _pending_user()
    if user is None or user.has_two_step:
        return _back_to_sign_in()
    return _confirm(user, TwoStepForm(), finishing=True)


@bp.route("/account/two-step", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def account_two_step():
    """A member of staff turns two-step sign-in on (or makes a new secret and new recovery codes)."""
    user = current_user._get_current_object()
    return _confirm(user, TwoStepForm(), finishing=False)


@bp.route("/account")
@signed_in
def account():
    """Your account: change your password, your passkeys; for staff, two-step sign-in and how they are referred to."""
    return account_page()


def account_page(passkey_form=None, status=200, problem=None, referred_as_form=None):
    """The account page (with a status and a problem when a form on it did not work)."""
    user = current_user._get_current_object()
    left = two_factor.recovery_codes_left(user) if user.has_two_step else 0
    form = referred_as_form or ReferredAsForm(formdata=None, data={"referred_as": user.referred_as or "not_say"})
    if referred_as_form is not None and form.errors:
        status = 400
    return render_template("auth/account.html", form=form, staff=user.role in STAFF_ROLES, codes_left=left,
                           passkeys=passkeys.passkeys_of(user), passkey_form=passkey_form or AddPasskeyForm(),
                           problem=problem), status


@bp.route("/account/referred-as", methods=["POST"])
@allow(*STAFF_ROLES)
def referred_as():
    """A member of staff chooses how they are referred to where a language's titles are gendered."""
    user = current_user._get_current_object()
    form = ReferredAsForm()
    if not form.validate_on_submit():
        return account_page(referred_as_form=form)
    accounts.set_referred_as(user, form.referred_as.data)
    flash(_("Saved. Letters and pages in other languages will refer to you this way."), "success")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def change_password():
    """Change your password (the one you use now, and a new one); every other session ends."""
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    form.rules_username, form.rules_staff = user.username, user.role in STAFF_ROLES
    if not form.validate_on_submit():
        return form_page("auth/change_password.html", form)
    key = sign_in_delays.key_for("change-password", user.username)
    slowed = _slowed("auth/change_password.html", form, key)
    if slowed:
        return slowed
    if not check_password(user.password_hash, form.current_password.data):
        sign_in_delays.failed(key)
        form.current_password.errors.append(_("That is not the password you use now. Check it and try again."))
        return form_page("auth/change_password.html", form)
    sign_in_delays.succeeded(key)
    accounts.change_password(user, form.password.data)
    start_session(user)  # this browser carries on with the new session token; every other one has ended
    flash(_("Your password has been changed. You have been signed out everywhere else."), "success")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/forgot-password", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RESET_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def forgot_password():
    """I forgot my password: a young person or carer types the reset code their IRO gave them."""
    form = ResetWithCodeForm()
    if not form.validate_on_submit():
        return form_page("auth/forgot_password.html", form)
    key = sign_in_delays.key_for("reset-code", form.username.data)
    slowed = _slowed("auth/forgot_password.html", form, key)
    if slowed:
        return slowed
    try:
        accounts.reset_with_code(form.username.data, form.code.data, form.password.data)
    except accounts.ResetUnusable:
        sign_in_delays.failed(key)
        form.code.errors.append(_("The username or reset code is not right, or the code has been used or is too old. "
                                  "Check them, or ask your IRO for a new code."))
        return form_page("auth/forgot_password.html", form)
    sign_in_delays.succeeded(key)
    flash(_("Your password has been changed. Sign in with your new password."), "success")
    return redirect(url_for("auth.sign_in"), code=303)


@bp.route("/forgot-password/staff", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RESET_LIMIT_PER_ADDRESS"], methods=["POST"])
def staff_reset():
    """A member of staff asks for a reset link by email; the answer is the same whoever they are."""
    form = StaffResetForm()
    if not form.validate_on_submit():
        return form_page("auth/staff_reset.html", form)
    accounts.send_reset_link(form.username.data)
    return render_template("auth/staff_reset_sent.html", minutes=current_app.config["RESET_LINK_MINUTES"])


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RESET_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def reset_password(token):
    """Choose a new password through the emailed link (single use, 15 minutes)."""
    try:
        reset = accounts.link_reset(token)
    except accounts.ResetUnusable:
        return render_template("auth/reset_link_unusable.html"), 404
    form = LinkResetForm()
    form.rules_username, form.rules_staff = reset.user.username, reset.user.role in STAFF_ROLES
    if not form.validate_on_submit():
        return form_page("auth/reset_password.html", form, token=token)
    try:
        accounts.reset_with_link(token, form.password.data)
    except accounts.ResetUnusable:
        return render_template("auth/reset_link_unusable.html"), 404
    flash(_("Your password has been changed. Sign in with your new password."), "success")
    return redirect(url_for("auth.sign_in"), code=303)


@bp.route("/reset-codes/<id:user_id>", methods=["POST"])
@allow(Role.IRO, Role.ADMIN)
def make_reset_code(user_id):
    """An IRO (for a young person on their caseload, or their carer) or an admin makes a one-time reset code."""
    person = db.session.get(User, user_id)
    if not accounts.may_give_reset_code(current_user, person):
        abort(404)
    code = accounts.create_reset_code(person, current_user)
    return render_template("auth/reset_code.html", code=code, person=person,
                           hours=current_app.config["RESET_CODE_HOURS"])


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
    """Choose a username and password for the invited account (staff: a longer password, then two-step)."""
    invitation = db.session.get(Invitation, session.get("joining") or 0)
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        session.pop("joining", None)
        flash(_("Enter your invitation code to start."), "notice")
        return redirect(url_for("auth.join"), code=303)
    form = ChooseAccountForm()
    form.rules_staff = invitation.role in STAFF_ROLES
    if not form.validate_on_submit():
        return form_page("auth/choose_account.html", form, invitation=invitation, staff=form.rules_staff)
    try:
        user = accept(invitation.id, form.username.data, form.password.data)
    except UsernameTaken:
        form.username.errors.append(_("Somebody already has that username. Try another one."))
        return form_page("auth/choose_account.html", form, invitation=invitation, staff=form.rules_staff)
    except InvitationUnusable:
        session.pop("joining", None)
        flash(_("This code does not work. It may have been used already or be more than 14 days old. Ask for a new one."), "problem")
        return redirect(url_for("auth.join"), code=303)
    if two_factor.required_for(user):
        return _to_second_step(user, "")
    start_session(user)
    flash(_("Your account is ready. Welcome!"), "success")
    return redirect(url_for("main.home"), code=303)


def sign_in_page(problem, carry_on_to):
    """The sign-in page explaining why (a session that ended mid-request), then carrying on to that page: a 401."""
    form = SignInForm(formdata=None)
    form.next.data = carry_on_to if is_safe_path(carry_on_to) else ""
    return render_template("auth/sign_in.html", form=form, problem=problem), 401
