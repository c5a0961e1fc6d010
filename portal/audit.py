"""Recording staff reads of a young person's information (who, what, when; never content)."""

from sqlalchemy import insert

from portal.extensions import db
from portal.models import AuditEvent


def record_view(actor, young_person, subject, subject_id=None):
    """Add an audit event for a member of staff opening something about a young person."""
    if not actor.is_staff:
        return
    db.session.add(AuditEvent(
        actor_id=actor.id, action="viewed", young_person_id=young_person.id,
        subject=subject, subject_id=subject_id,
    ))
    db.session.commit()


def record_views(actor, views):
    """Audit several things opened on one page at once: `views` holds (young person, subject, subject id).

    One transaction and one batched INSERT, so a list page costs the same few queries however long it is.
    """
    if not actor.is_staff or not views:
        return
    db.session.execute(insert(AuditEvent), [
        {"actor_id": actor.id, "action": "viewed", "young_person_id": young_person.id, "subject": subject,
         "subject_id": subject_id} for young_person, subject, subject_id in views])
    db.session.commit()
