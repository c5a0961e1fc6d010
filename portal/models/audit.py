"""The append-only record of staff reading a young person's information."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.people import User
from portal.models.young_people import YoungPerson


class AuditEvent(Base):
    """Who opened what about which young person, and when; never the content."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    young_person_id: Mapped[int | None] = mapped_column(ForeignKey("young_people.id"), index=True)
    subject: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]

    actor: Mapped[User] = relationship()
    young_person: Mapped[YoungPerson | None] = relationship()


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(_mapper, _connection, _target):
    raise AppendOnlyError("The audit log is append-only.")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state):
    # UPDATE and DELETE statements on the model skip the mapper events above.
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEvent for m in state.all_mappers):
        raise AppendOnlyError("The audit log is append-only.")
