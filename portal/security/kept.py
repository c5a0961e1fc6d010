"""Keeping what someone typed when a form cannot be accepted, and giving it back.

A session that timed out, a stale CSRF token or a busy database must never lose
a young person's words. The typed fields are stored encrypted (for a known
person) or carried in an encrypted token through sign-in (for an unknown one),
then restored into the same page's form on the next visit.
"""

import json

from cryptography.fernet import InvalidToken
from flask import request
from flask_login import current_user
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from portal.models import KeptForm
from portal.security.crypto import keyring
from portal.security.redirects import is_safe_path

# Never kept: secrets and tokens that are re-issued anyway.
SKIPPED_FIELDS = {"csrf_token", "password", "password_confirm", "kept"}
TOKEN_MAX_AGE = 24 * 3600


def typed_fields(formdata) -> dict:
    """The typed fields of a submitted form, as lists of strings, secrets left out."""
    return {key: formdata.getlist(key) for key in formdata if key not in SKIPPED_FIELDS}


def keep_for_user(user_id, path, formdata):
    """Store a person's typed fields for a page (replacing older ones for that page)."""
    fields = typed_fields(formdata)
    if not any(value for values in fields.values() for value in values):
        return
    db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id, KeptForm.path == path))
    db.session.add(KeptForm(user_id=user_id, path=path, data=json.dumps(fields)))
    db.session.commit()


def token_for(path, formdata) -> str:
    """An encrypted token carrying the typed fields through sign-in."""
    payload = json.dumps({"path": path, "fields": typed_fields(formdata)})
    return keyring().encrypt(payload.encode("utf-8")).decode("ascii")


def keep_from_token(user_id, token):
    """Store the fields carried in a token for the now signed-in person; returns its path."""
    try:
        payload = json.loads(keyring().decrypt(token.encode("ascii"), ttl=TOKEN_MAX_AGE))
    except (InvalidToken, ValueError, UnicodeError):
        return None
    path = payload.get("path")
    if not isinstance(path, str) or not is_safe_path(path):
        return None
    keep_for_user(user_id, path, MultiDict(
        [(key, value) for key, values in payload.get("fields", {}).items() for value in values]
    ))
    return path


def restore_into(form) -> bool:
    """Fill a form from what was kept for this person and page; True when something was."""
    if request.method != "GET" or not current_user.is_authenticated:
        return False
    kept = db.session.scalar(
        select(KeptForm)
        .where(KeptForm.user_id == current_user.id, KeptForm.path == request.path)
        .order_by(KeptForm.id.desc())
        .limit(1)
    )
    if kept is None:
        return False
    fields = json.loads(kept.data)
    form.process(MultiDict([(key, value) for key, values in fields.items() for value in values]))
    db.session.delete(kept)
    db.session.commit()
    return True
