"""Signing in and out, and joining with an invitation code."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.auth import routes  # noqa: E402,F401  (routes register themselves on bp)
