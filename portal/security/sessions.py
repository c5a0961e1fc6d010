"""Signed-in sessions: loading the user, idle timeout, and CSRF checks that lose nothing.

Sessions live in signed cookies (no server state), so any number of workers can
serve them. A session names the user's current session token: signing out changes
the token, which ends every old cookie. An idle session ends after IDLE_MINUTES.

When a submission cannot be accepted because the session ended, what was typed is kept
(see portal.security.kept for when, and where it is given back); when its CSRF token is
stale, the person gets a 4xx page that shows their form again with what they typed.
"""

import base64
import time
from functools import cache

from flask import current_app, g, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased, contains_eager

from portal.core.refusals import refuse
from portal.extensions import csrf, db, login_manager
from portal.models import User, YoungPerson
from portal.models.base import utcnow
from portal.models.people import new_session_token
from portal.security import kept
from portal.security.access import rule_for

# The exit control must work even from a page left open for hours.
CSRF_EXEMPT_ENDPOINTS = {"main.exit_page"}
SEEN_EVERY = 30
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def init_app(app):
    """Wire session handling into the app."""
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to see that page.")
    login_manager.login_message_category = "notice"
    login_manager.session_protection = None  # the session token does this job
    app.before_request(check_session)
    app.before_request(kept.load_for_request)
    app.jinja_env.globals["form_page"] = kept.this_page
    app.after_request(_mark_refused_submission)
    app.before_request(_reuse_signed_csrf_token)
    app.after_request(_keep_signed_csrf_token)


@cache
def _user_and_record():
    """The statement behind every signed-in request, built once per process (building it costs more than running it)."""
    iro = aliased(User)
    return (select(User, YoungPerson).outerjoin(YoungPerson, YoungPerson.user_id == User.id)
            .outerjoin(iro, iro.id == YoungPerson.iro_id).options(contains_eager(YoungPerson.iro.of_type(iro)))
            .where(User.id == bindparam("user_id")))


@login_manager.user_loader
def load_user(identity):
    """The active user whose id and session token match the cookie, or None."""
    user_id, _sep, token = identity.partition(":")
    if not user_id.isdigit() or not token:
        return None
    # One statement loads the person, and for a young person their own record and their IRO,
    # which every one of their pages needs (portal.security.policy.own_young_person reads it from g).
    row = db.session.execute(_user_and_record(), {"user_id": int(user_id)}).first()
    if row is None:
        return None
    user, young_person = row
    if not user.active or user.session_token != token:
        return None
    g.own_young_person = (user.id, young_person)
    return user


def _fresh_session():
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def start_session(user):
    """Sign in on a fresh session (no fixation), keeping the chosen language."""
    _fresh_session()
    login_user(user, remember=False)
    session["seen"] = int(time.time())
    user.last_sign_in_at = utcnow()
    kept.note_pages_at_sign_in(user.id)
    db.session.commit()


def end_session():
    """Sign out here and everywhere: the user's old cookies stop working."""
    if current_user.is_authenticated:
        current_user.session_token = new_session_token()
        db.session.commit()
    logout_user()
    _fresh_session()


def check_session():
    """Before each request: end idle sessions, then check CSRF, keeping typed data when that is safe."""
    if request.endpoint == "static" or request.endpoint is None:
        return None
    if current_user.is_authenticated:
        idle = time.time() - session.get("seen", 0) > current_app.config["IDLE_MINUTES"] * 60
        if idle and request.endpoint not in CSRF_EXEMPT_ENDPOINTS:  # Exit always leaves at once
            return _timed_out(current_user._get_current_object())
        now = time.time()
        # Written at most every SEEN_EVERY seconds (or a tenth of the idle time, if shorter): an unchanged
        # session sends no new cookie (no signing, no Set-Cookie) on most requests, and the idle timeout is
        # still right to within that. "Stay signed in" (keep-alive) always writes it.
        every = min(SEEN_EVERY, current_app.config["IDLE_MINUTES"] * 6)
        if now - session.get("seen", 0) >= every or request.endpoint == "auth.keep_alive":
            session["seen"] = int(now)
    if request.method not in UNSAFE_METHODS or request.endpoint in CSRF_EXEMPT_ENDPOINTS:
        return None
    rule = rule_for(current_app.view_functions.get(request.endpoint))
    if not current_user.is_authenticated and rule is not None and rule.needs_sign_in:
        return _sent_while_signed_out()
    try:
        csrf.protect()
    except CSRFError:
        return _show_form_again()
    return None


def _timed_out(user):
    """End an idle session; a submission is kept only if its token belongs to this very session."""
    sending = request.method in UNSAFE_METHODS
    page = kept.form_page() if sending else None
    # Checked before the session is cleared: the token must have been issued to this session.
    genuine = sending and kept.carries_valid_token()
    was_kept = genuine and kept.keep_for_user(user.id, page, request.form)
    csrf_secret = session.get("csrf_token")
    logout_user()
    _fresh_session()
    kept.remember_idle_sign_out(user.id, csrf_secret)
    if not sending:
        message = _("You were signed out because the page was not used for a while. Sign in to carry on.")
        return _sign_in_to_carry_on(message, request.full_path.rstrip("?"))
    return _sign_in_to_carry_on(_not_sent_message(was_kept), page or "")


def _sent_while_signed_out():
    """A submission that needs sign-in, from someone not signed in: kept only when sent from a page of a
    session that ended for being idle in this browser (so never for a cross-site form)."""
    page = kept.form_page()
    user_id = kept.idle_signed_out_user()
    was_kept = user_id is not None and kept.keep_for_user(user_id, page, request.form)
    return _sign_in_to_carry_on(_not_sent_message(was_kept), page or "")


def _not_sent_message(was_kept):
    if was_kept:
        return _("You were signed out because the page was not used for a while. Sign in to carry on: we kept what you typed.")
    if kept.anything_typed(request.form):  # a form we cannot tell came from this person's own page
        return _("You were signed out, so that was not sent. We could not keep what you typed, "
                 "so you will need to type it again after you sign in.")
    return _("You were signed out, so that was not sent. Sign in, then try again.")


def _sign_in_to_carry_on(message, target):
    return current_app.extensions["sign_in_page"](message, target)


def _show_form_again():
    """Re-run the view as a GET so it shows its form, filled from what was typed, with a 400."""
    allowed = request.url_rule.methods if request.url_rule else set()
    if "GET" not in allowed:
        refuse(400, _("That did not work because the page was out of date. Go back, reload the page and try again."))
    g.kept_fields = kept.typed_fields(request.form)
    g.form_problem = _("Your page had been open for a long time, so it was not sent. We kept what you typed: check it and send it again.")
    request.method = "GET"
    return None


# The signed CSRF token last handed out for each session secret, and the second it was signed in.
_SIGNED_CSRF_TOKENS = {}
MAX_SIGNED_CSRF_TOKENS = 10_000


def _reuse_signed_csrf_token():
    """Reuse the token signed earlier in this same second for this session, instead of signing it again.

    Flask-WTF signs the session's secret with a timestamp in whole seconds: within one second the
    signed token is the very same string every time, so it can be kept rather than recomputed (an HMAC,
    JSON and zlib on every page). Tokens are never reused across seconds, so every response still
    carries the token Flask-WTF would have made.
    """
    secret = session.get("csrf_token")
    if secret:
        found = _SIGNED_CSRF_TOKENS.get((_csrf_signing_key(), secret))
        if found is not None and found[1] == int(time.time()):
            g.csrf_token = found[0]


def _keep_signed_csrf_token(response):
    token, secret = g.get("csrf_token"), session.get("csrf_token")
    if token and secret:
        if len(_SIGNED_CSRF_TOKENS) >= MAX_SIGNED_CSRF_TOKENS:
            _SIGNED_CSRF_TOKENS.clear()
        signed_at = _signed_at(token)
        if signed_at is not None:
            _SIGNED_CSRF_TOKENS[(_csrf_signing_key(), secret)] = (token, signed_at)
    return response


def _csrf_signing_key():
    config = current_app.config
    return config.get("WTF_CSRF_SECRET_KEY") or config["SECRET_KEY"]


def _signed_at(token):
    """The second an itsdangerous timestamped token was signed (its middle part), or None."""
    parts = token.rsplit(".", 2)
    if len(parts) != 3:
        return None
    try:
        return int.from_bytes(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)), "big")
    except ValueError:
        return None


def _mark_refused_submission(response):
    if g.get("form_problem") and response.status_code == 200:
        response.status_code = 400
    return response
