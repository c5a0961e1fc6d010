"""Passkeys: add one from your account page, see and remove yours, and sign in with one.

Signing in with a passkey follows the password's rules: an account that was stopped cannot, wrong
answers slow that account down from that address, staff still give their second step, and the
sign-in is recorded the same way (portal.security.sessions.start_session). The ceremony needs
JavaScript (navigator.credentials); without it the page offers only the password form.
"""

from flask import Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import bp
from portal.auth.forms import AddPasskeyForm, PasskeySignInForm, SignInForm
from portal.auth.routes import _failed, _to_second_step, _wait_message, account_page
from portal.core import passkeys, sign_in_delays, two_factor
from portal.core.passkeys import PasskeyRefused
from portal.core.passwords import MAX_LENGTH, check_password
from portal.extensions import limiter
from portal.security.access import public, signed_in
from portal.security.redirects import is_safe_path, safe_next
from portal.security.sessions import start_session


def _limit():
    return current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"]


def _json(text):
    return Response(text, mimetype="application/json")


def _sign_in_refusal(reason):
    """Why a passkey could not sign someone in, in words they can act on."""
    if reason == "expired":
        return _("That took too long, or that sign-in was started on another page. Choose \"Sign in with a passkey\" again.")
    if reason == "replayed":
        return _("That passkey answer has been used already, so it cannot sign anyone in again. Choose \"Sign in with a passkey\" again.")
    if reason == "wrong_site":
        return _("That passkey answer was made for a different website address, so it cannot sign you in here.")
    if reason == "unknown":
        return _("We do not know that passkey. It may have been removed. Sign in with your username and password.")
    return _("That passkey did not work. Try again, or sign in with your username and password.")


def _add_refusal(reason):
    if reason == "expired":
        return _("That took too long. Choose \"Add a passkey\" again.")
    if reason == "wrong_site":
        return _("That passkey was made for a different website address, so it was not added.")
    return _("Your passkey was not added. Try again, or keep signing in with your password.")


def _sign_in_page(problem, status, next_page="", headers=None):
    form = SignInForm(formdata=None)
    form.next.data = next_page if is_safe_path(next_page or "") else ""
    return render_template("auth/sign_in.html", form=form, problem=problem), status, headers or {}


@bp.route("/sign-in/passkey/options", methods=["POST"])
@public
@limiter.limit(_limit, methods=["POST"], deduct_when=_failed)
def passkey_sign_in_options():
    """The challenge for signing in with a passkey (JSON for the page's script), kept in this session for 5 minutes."""
    return _json(passkeys.sign_in_options())


@bp.route("/sign-in/passkey", methods=["POST"])
@public
@limiter.limit(_limit, methods=["POST"], deduct_when=_failed)
def passkey_sign_in():
    """Sign in with the passkey the browser just unlocked; staff then give their second step."""
    form = PasskeySignInForm()
    next_page = form.next.data or ""
    if not form.validate_on_submit() or not form.credential.data:
        return _sign_in_page(_sign_in_refusal("expired"), 400, next_page)
    passkey = passkeys.passkey_for(form.credential.data)
    key = sign_in_delays.key_for("sign-in", passkey.user.username) if passkey else None
    wait = sign_in_delays.seconds_to_wait(key) if key else 0
    if wait:
        return _sign_in_page(_wait_message(wait), 429, next_page, {"Retry-After": str(wait)})
    try:
        user = passkeys.check_sign_in(form.credential.data, passkey)
    except PasskeyRefused as refusal:
        if key and refusal.reason != "expired":
            sign_in_delays.failed(key)
        return _sign_in_page(_sign_in_refusal(refusal.reason), 400 if refusal.reason == "expired" else 401, next_page)
    if not user.active:
        return _sign_in_page(_sign_in_refusal("invalid"), 401, next_page)
    sign_in_delays.succeeded(key)
    if user.has_two_step or two_factor.required_for(user):
        return _to_second_step(user, next_page)
    start_session(user)
    return redirect(safe_next(next_page, url_for("main.home")), code=303)


def _password_problem(user, password):
    """(message, status) when the password typed is not the account's own (slowed down as at sign-in), else None."""
    if not password:
        return _("Enter the password you use now"), 400
    key = sign_in_delays.key_for("change-password", user.username)
    wait = sign_in_delays.seconds_to_wait(key)
    if wait:
        return _wait_message(wait), 429
    if not check_password(user.password_hash, password):
        sign_in_delays.failed(key)
        return _("That is not the password you use now. Check it and try again."), 401
    sign_in_delays.succeeded(key)
    return None


@bp.route("/account/passkeys/options", methods=["POST"])
@signed_in
@limiter.limit(_limit, methods=["POST"], deduct_when=_failed)
def passkey_options():
    """The challenge for making a new passkey for this account (JSON for the page's script), after the password."""
    user = current_user._get_current_object()
    problem = _password_problem(user, request.form.get("password", "")[:MAX_LENGTH])
    if problem:
        return jsonify(problem=problem[0]), problem[1]
    if len(passkeys.passkeys_of(user)) >= passkeys.MAX_PASSKEYS:
        return jsonify(problem=_("You have 10 passkeys, the most an account can have. Remove one to add another.")), 409
    return _json(passkeys.registration_options(user))


@bp.route("/account/passkeys", methods=["POST"])
@signed_in
@limiter.limit(_limit, methods=["POST"], deduct_when=_failed)
def add_passkey():
    """Keep the passkey the browser just made, under the name the person chose."""
    user = current_user._get_current_object()
    form = AddPasskeyForm()
    if not form.validate_on_submit():
        return account_page(passkey_form=form, status=400)
    problem = _password_problem(user, form.password.data)
    if problem:
        form.password.errors.append(problem[0])
        return account_page(passkey_form=form, status=problem[1])
    if not form.credential.data:
        return account_page(passkey_form=form, status=400, problem=_add_refusal("expired"))
    try:
        passkeys.add_passkey(user, form.credential.data, form.name.data)
    except PasskeyRefused as refusal:
        return account_page(passkey_form=form, status=400, problem=_add_refusal(refusal.reason))
    flash(_("Your passkey has been added. Next time, choose \"Sign in with a passkey\" on the sign-in page."), "success")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/account/passkeys/<id:passkey_id>/remove", methods=["POST"])
@signed_in
def remove_passkey(passkey_id):
    """Remove one of your passkeys: it cannot sign anyone in any more."""
    if not passkeys.remove_passkey(current_user._get_current_object(), passkey_id):
        return account_page(status=404, problem=_("That passkey is not on your account. It may have been removed already."))
    flash(_("The passkey has been removed. It cannot be used to sign in any more."), "success")
    return redirect(url_for("auth.account"), code=303)
