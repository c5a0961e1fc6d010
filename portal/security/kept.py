"""Keeping what someone typed when their session ended, and giving it back on the page it was typed on.

One explicit flow:

1. Kept only for a genuine submission: the POST carried a CSRF token that validates against the
   session that then ended (checked before that session is cleared), or, after an idle sign-out, against
   the token secret that sign-out remembered in the cookie. A POST with no valid token (a cross-site
   form, a lost cookie) keeps nothing, and the person is told so plainly.
2. Keyed to the page the form was on: every form posts a `from_page` field (the GET address it was
   rendered on), checked to be a local path that answers GET; the address the form was sent to is
   never used unless it is that page too.
3. Given back on that page after sign-in: sign-in goes to the page, and the page's form is filled.
4. Deleted when given back, or ignored and purged once 24 hours old.
5. Building a form reads nothing from the database: a before-request hook loads the kept fields once,
   only on a GET of a page the signed session cookie lists as having something kept, into `g`.
"""

import json
from urllib.parse import urlsplit

from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException
from wtforms import ValidationError

from portal.extensions import db
from portal.models import KeptForm
from portal.models.base import utcnow
from portal.models.kept_forms import KEPT_FOR
from portal.security.redirects import is_safe_path

PAGE_FIELD = "from_page"
# Never kept: secrets, tokens that are re-issued anyway, and where the form was.
SKIPPED_FIELDS = {"csrf_token", "password", "password_confirm", "current_password", PAGE_FIELD}
# Sent with a form but not typed (which button was pressed): not kept, and not needed to match a form.
NOT_TYPED = {"action"}
MAX_PATH = 300
# Session keys: the pages with something kept (set at sign-in), and who was signed out for being idle
# with which CSRF secret, so that a form sent from a page of that session is still known as genuine.
PAGES_KEY = "kept_pages"
IDLE_USER_KEY = "idle_user"
IDLE_CSRF_KEY = "idle_csrf"


def typed_fields(formdata) -> dict:
    """The typed fields of a submitted form, as lists of strings, secrets left out."""
    return {key: formdata.getlist(key) for key in formdata if key not in SKIPPED_FIELDS}


def as_formdata(fields) -> MultiDict:
    """Kept fields as form data a form can be processed with."""
    return MultiDict([(key, value) for key, values in fields.items() for value in values])


def _answers_get(path) -> bool:
    """True when `path` is a local page of this portal that can be opened (GET)."""
    if not is_safe_path(path) or len(path) > MAX_PATH:
        return False
    try:
        endpoint, _args = current_app.create_url_adapter(request).match(urlsplit(path).path, method="GET")
    except (HTTPException, RoutingException):
        return False
    return endpoint != "static"


def form_page() -> str | None:
    """The page the submitted form was on (a GET address), or None when it cannot be known."""
    try:
        claimed = request.form.get(PAGE_FIELD, "")
    except HTTPException:  # a body too big to read: the error page still needs its forms
        claimed = ""
    if _answers_get(claimed):
        return claimed
    here = request.full_path.rstrip("?")
    return here if _answers_get(here) else None


def this_page() -> str:
    """The page a form rendered now belongs to: this page on a GET, the submitted form's page on a POST."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    return form_page() or ""


def _sent_token():
    return request.form.get("csrf_token") or request.headers.get("X-CSRFToken") or request.headers.get("X-CSRF-Token")


def carries_valid_token(token_key="csrf_token") -> bool:
    """True when the request's CSRF token was issued for the CSRF secret in session[token_key]."""
    token = _sent_token()
    if not token or token_key not in session:
        return False
    try:
        validate_csrf(token, token_key=token_key)
    except ValidationError:
        return False
    return True


def anything_typed(formdata) -> bool:
    """True when a submitted form holds any typed (non-blank) field."""
    return any(value.strip() for key, values in typed_fields(formdata).items() if key not in NOT_TYPED
               for value in values)


def keep_for_user(user_id, page, formdata) -> bool:
    """Store a person's typed fields for a page (replacing older ones for it); True when anything was kept."""
    if page is None or not anything_typed(formdata):
        return False
    fields = typed_fields(formdata)
    db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id, KeptForm.path == page))
    now = utcnow()
    db.session.add(KeptForm(user_id=user_id, path=page, data=json.dumps(fields), created_at=now,
                            expires_at=now + KEPT_FOR))
    db.session.commit()
    return True


def remember_idle_sign_out(user_id, csrf_secret):
    """In the fresh cookie after an idle sign-out: whose session ended, and its CSRF secret."""
    if csrf_secret:
        session[IDLE_USER_KEY] = user_id
        session[IDLE_CSRF_KEY] = csrf_secret


def idle_signed_out_user():
    """The id of the person whose session ended for being idle in this browser, when the POST came from it."""
    user_id = session.get(IDLE_USER_KEY)
    if isinstance(user_id, int) and carries_valid_token(IDLE_CSRF_KEY):
        return user_id
    return None


def purge_expired() -> int:
    """Delete kept typing older than 24 hours; returns how many were deleted (the caller commits)."""
    return db.session.execute(delete(KeptForm).where(KeptForm.expires_at <= utcnow())).rowcount or 0


def note_pages_at_sign_in(user_id):
    """At sign-in: purge what has expired, and list in the cookie the pages with something kept for this person."""
    purge_expired()
    pages = db.session.scalars(
        select(KeptForm.path).where(KeptForm.user_id == user_id, KeptForm.expires_at > utcnow())
    ).all()
    paths = sorted({urlsplit(page).path for page in pages})
    if paths:
        session[PAGES_KEY] = paths


def load_for_request():
    """Before a request: on a GET of a page with something kept, move it from the database into `g`."""
    pages = session.get(PAGES_KEY)
    if not pages or "kept_fields" in g or request.method != "GET" or request.path not in pages or not current_user.is_authenticated:
        return
    rows = db.session.scalars(
        select(KeptForm).where(KeptForm.user_id == current_user.id).order_by(KeptForm.id.desc())
    ).all()
    here = [row for row in rows if urlsplit(row.path).path == request.path]
    live = [row for row in here if row.expires_at > utcnow()]
    if live:
        g.kept_fields = json.loads(live[0].data)
        g.kept_notice = True
    for row in here:  # given back once: this page's rows go, used or expired
        db.session.delete(row)
    db.session.commit()
    remaining = [page for page in pages if page != request.path]
    if remaining:
        session[PAGES_KEY] = remaining
    else:
        session.pop(PAGES_KEY, None)


def fits(form, fields) -> bool:
    """True when a kept field is one of this form's, so that on a page with several forms (their fields
    named apart, by prefix where they repeat) only the form that was sent is filled."""
    names = [field.name for field in form if field.type not in ("CSRFTokenField", "HiddenField")]
    keys = [key for key in fields if key not in SKIPPED_FIELDS | NOT_TYPED]
    return any(key == name or key.startswith(name + "-") for key in keys for name in names)
