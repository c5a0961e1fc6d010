"""Recording staff reads of a young person's information (who, what, when; never content)."""

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
