"""The admin's view of the outbox: what is waiting, what could not be sent, and a retry button."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.core.message_kinds import KINDS
from portal.models import Role
from portal.notifications import bp, services
from portal.security.access import allow


@bp.route("")
@allow(Role.ADMIN)
def outbox():
    """Counts by state, and the messages that need a person to look at them."""
    return render_template("notifications/outbox.html", counts=services.counts(), kinds=KINDS, **services.problems())


@bp.route("/<id:message_id>/retry", methods=["POST"])
@allow(Role.ADMIN)
def retry(message_id):
    """Try a message that was given up on again (after fixing an address, say)."""
    if services.retry(services.message_or_404(message_id)):
        flash(_("The email will be tried again in the next few minutes."), "success")
    else:
        flash(_("That email is not waiting for a retry."), "problem")
    return redirect(url_for("notifications.outbox"), code=303)
