"""Recording staff reads of a young person's information (who, what, when; never content).

The functions that load a child's content for staff (in `portal.security.policy`, and the IRO's
consultation loader) call `record_view`, so no route can show that content without the audit row.

A read is queued on the request and written once per request per subject, in a transaction of its
own, just before the response leaves: a page that loads the same letter twice writes one row, and
a save that fails and rolls back (409 conflict, stale publish, 400 form error) cannot take the
audit row with it, nor can the audit commit half of a failed change. If the row cannot be written,
the request fails and the page is never sent.
"""

from flask import g, has_request_context
from sqlalchemy import insert
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import AuditEvent
from portal.models.base import utcnow

QUEUE = "audit_queue"


def init_app(app):
    """Write each request's queued reads before its response is sent."""
    app.after_request(_write_queued)


def record_view(actor, young_person, subject, subject_id=None):
    """Audit a member of staff opening something about a young person (or their id); others are not audited."""
    record_views(actor, [(young_person, subject, subject_id)])


def record_views(actor, views):
    """Audit several things opened on one page: `views` holds (young person or its id, subject, subject id).

    One batched INSERT per request, so a list page costs the same whatever its length.
    """
    if not actor.is_authenticated or not actor.is_staff or not views:
        return
    now = utcnow()
    rows = {}
    for young_person, subject, subject_id in views:
        young_person_id = getattr(young_person, "id", young_person)
        rows[(actor.id, young_person_id, subject, subject_id)] = {
            "actor_id": actor.id, "action": "viewed", "young_person_id": young_person_id, "subject": subject,
            "subject_id": subject_id, "occurred_at": now}
    if has_request_context():
        queue = g.setdefault(QUEUE, {})
        for key, row in rows.items():
            queue.setdefault(key, row)
    else:  # a command or a test outside a request: nothing to wait for
        with Session(db.engine) as session, session.begin():
            session.execute(insert(AuditEvent), list(rows.values()))


def _write_queued(response):
    queued = g.pop(QUEUE, None)
    if queued:
        session = db.session
        # Whatever the view left uncommitted is dropped at teardown anyway. Ending it first means the
        # audit rows commit on their own: never together with, or undone by, part of a failed change.
        session.rollback()
        session.execute(insert(AuditEvent), list(queued.values()))
        session.commit()
    return response


def record_change(actor, action, subject, subject_id=None, young_person=None):
    """Audit something a member of staff changed (such as resetting someone's two-step sign-in), in the
    caller's transaction: the row exists exactly when the change does."""
    db.session.add(AuditEvent(actor_id=actor.id, action=action, subject=subject, subject_id=subject_id,
                              young_person_id=getattr(young_person, "id", young_person), occurred_at=utcnow()))
