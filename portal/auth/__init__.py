"""Signing in and out, and joining with an invitation code."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.auth import passkeys, routes  # noqa: E402,F401  (routes register themselves on bp)


def _offer_sign_in_page(state):
    # The session layer shows this page when a session ends mid-request; it knows no capability by name.
    state.app.extensions["sign_in_page"] = routes.sign_in_page


bp.record_once(_offer_sign_in_page)
