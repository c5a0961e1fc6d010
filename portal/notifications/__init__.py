"""Notifications: the outbox every capability writes to, the worker that emails it, and its admin page.

Use `notify(user, kind)` or `notify_address(email, locale, kind)` inside the
transaction that makes the change; the caller's commit makes both happen or neither.
"""

from flask import Blueprint

from portal.core.outbox import notify, notify_address

bp = Blueprint("notifications", __name__, url_prefix="/admin/outbox", cli_group=None)

__all__ = ["bp", "notify", "notify_address"]

from portal.notifications import cli, routes  # noqa: E402,F401  (routes and the worker command register themselves on bp)
