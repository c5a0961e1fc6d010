"""Helpers for tests of Get support: making requests as a person would, and reading what was stored."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage, SupportRequest, User, YoungPerson
from portal.models.support import SupportKind
from portal.support import services


def make_request(app, world, username, child, kind=SupportKind.ADVOCATE, **answers):
    """Store a request made by `username` for the young person named `child`; returns its id."""
    with app.app_context():
        requester = db.session.get(User, world[username])
        person = db.session.get(YoungPerson, world[f"yp:{child}"])
        on_behalf = person.user_id != requester.id
        support_request, _created = services.create_request(
            requester, person, kind, services.new_token(), on_behalf=on_behalf, young_person_agreed=on_behalf, **answers)
        return support_request.id


def stored(app, request_id):
    """A request as stored, with its events loaded."""
    with app.app_context():
        support_request = db.session.get(SupportRequest, request_id)
        _ = support_request.events, support_request.young_person, support_request.organisation
        return support_request


def outbox(app):
    """Every outbox row as (kind, recipient username or address, status), oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [(row.kind, row.recipient.username if row.recipient else row.address, row.status.value) for row in rows]
