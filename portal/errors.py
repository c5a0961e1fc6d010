"""Error pages in the person's language, with a reference number and never a traceback."""

import logging
import secrets

from flask import g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from portal.extensions import db, login_manager
from portal.security.kept import SKIPPED_FIELDS

log = logging.getLogger(__name__)

PAGES = {
    400: (_l("Something was wrong with what was sent"),
          _l("The page could not understand what was sent. Go back, check what you entered and try again.")),
    401: (_l("Sign in to carry on"), _l("You need to sign in to see this page.")),
    403: (_l("You cannot see this page"),
          _l("Your account does not give you access to this page. If you think it should, ask the person who invited you.")),
    404: (_l("Page not found"),
          _l("We could not find that page. If you typed the address, check it is correct.")),
    405: (_l("That did not work"), _l("This page cannot be used that way. Go back and try again.")),
    413: (_l("That was too much to send at once"),
          _l("What you sent was too big. Try sending a shorter answer, or split it into two.")),
    429: (_l("Too many tries"),
          _l("There have been too many tries in a short time. Wait 15 minutes, then try again.")),
    500: (_l("Sorry, something went wrong on our side"),
          _l("It was our mistake, not yours. Try again in a few minutes.")),
    503: (_l("Sorry, the service is busy"),
          _l("Nothing you typed has been lost. Wait a moment, then try again.")),
}


def init_app(app):
    """Render every HTTP error, and a busy database, as a friendly page."""
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(OperationalError, _database_busy)
    app.register_error_handler(Exception, _unexpected)


def reference() -> str:
    """A short reference a person can quote when asking for help: digits only (such as 4821-0937).

    Digits read the same in every language and script, and hold no Latin letters that an
    Arabic page would show as English left behind.
    """
    if "error_reference" not in g:
        number = f"{secrets.randbelow(10**8):08d}"
        g.error_reference = f"{number[:4]}-{number[4:]}"
    return g.error_reference


def render_http_error(error):
    """The error page for an HTTPException, keeping typed fields on a busy 503."""
    code = error.code or 500
    title, message = PAGES.get(code, PAGES[500] if code >= 500 else PAGES[400])
    detail = getattr(error, "portal_message", None)
    replay = _replayable_fields() if code == 503 and request.method == "POST" else None
    if code >= 500:
        log.error("HTTP %s ref=%s path=%s", code, reference(), request.path)
    response = render_template(
        "errors/error.html", code=code, title=title, message=message, detail=detail,
        reference=reference(), replay=replay,
    )
    headers = {"Retry-After": "5"} if code in (429, 503) else {}
    return response, code, headers


def _replayable_fields():
    return [(key, value) for key in request.form if key not in SKIPPED_FIELDS
            for value in request.form.getlist(key)]


def _database_busy(error):
    log.warning("database busy ref=%s: %s", reference(), error.orig if hasattr(error, "orig") else error)
    _rollback()
    # The page must render without the database: looking the signed-in person up again would fail
    # the same way and turn this 503 into a bare 500. The cookie is untouched, so "Try again" still
    # carries their session once the database is back.
    g._login_user = login_manager.anonymous_user()
    return render_http_error(ServiceUnavailable())


def _unexpected(error):
    if isinstance(error, HTTPException):
        return render_http_error(error)
    log.exception("unexpected error ref=%s", reference())
    _rollback()
    return render_http_error(InternalServerError())


def _rollback():
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 (a broken connection must not hide the error page)
        log.exception("rollback failed")
