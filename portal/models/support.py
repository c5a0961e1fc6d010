"""Requests for an advocate or an Independent Visitor, and each step of what happened to them."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum, utcnow
from portal.models.encryption import EncryptedText
from portal.models.people import Organisation, OrganisationKind, User
from portal.models.young_people import YoungPerson


class SupportKind(enum.StrEnum):
    """What the young person is asking for."""

    ADVOCATE = "advocate"
    INDEPENDENT_VISITOR = "independent_visitor"

    @property
    def organisation_kind(self) -> OrganisationKind:
        """The kind of organisation that provides this support."""
        if self is SupportKind.ADVOCATE:
            return OrganisationKind.ADVOCACY
        return OrganisationKind.INDEPENDENT_VISITOR


class SupportReason(enum.StrEnum):
    """What an advocate would help with (the young person may skip this)."""

    REVIEW = "review"
    COMPLAINT = "complaint"
    MOVING_HOME = "moving_home"
    FAMILY = "family"
    LEAVING_CARE = "leaving_care"
    OTHER = "other"


class ContactMethod(enum.StrEnum):
    """Ways the young person is happy to be contacted."""

    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    CARER = "carer"
    IRO = "iro"


class SupportStatus(enum.StrEnum):
    """Where a request has got to."""

    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ALLOCATED = "allocated"
    CLOSED = "closed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = (SupportStatus.SENT, SupportStatus.ACKNOWLEDGED, SupportStatus.ALLOCATED)


class SupportEventKind(enum.StrEnum):
    """One step on a request's timeline."""

    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ALLOCATED = "allocated"
    NOTE = "note"
    CLOSED = "closed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ROUTED = "routed"


class SupportRequest(CreatedAt, Base):
    """A request for an advocate or an Independent Visitor, made by or for one young person.

    `organisation_id` is empty when no service of the right kind was configured: the
    request is kept (and shown to admins) until one is. `acknowledge_by` and
    `allocate_by` are the last working days on which the service is on time,
    fixed when the request is made.
    """

    __tablename__ = "support_requests"
    __table_args__ = (Index("ix_support_requests_created_at", "created_at"),)  # the figures count requests by period

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    kind: Mapped[SupportKind] = mapped_column(str_enum(SupportKind, 30))
    reason: Mapped[SupportReason | None] = mapped_column(str_enum(SupportReason, 30))
    details = mapped_column(EncryptedText, nullable=True)
    contact_methods: Mapped[str] = mapped_column(String(60), default="")
    contact_details = mapped_column(EncryptedText, nullable=True)
    contact_when = mapped_column(EncryptedText, nullable=True)
    before_review_on: Mapped[date | None] = mapped_column(Date)
    # Words in the free text that suggest the young person may not be safe: the service acts today.
    urgent: Mapped[bool] = mapped_column(default=False)

    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[SupportStatus] = mapped_column(str_enum(SupportStatus, 20), default=SupportStatus.SENT, index=True)
    allocated_name = mapped_column(EncryptedText, nullable=True)

    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    on_behalf: Mapped[bool] = mapped_column(default=False)
    # For a request made by a carer or IRO: they confirmed the young person agreed to it.
    young_person_agreed: Mapped[bool] = mapped_column(default=True)
    # The hidden token of the form that sent it: pressing Send twice makes one request.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)

    acknowledge_by: Mapped[date] = mapped_column(Date)
    allocate_by: Mapped[date] = mapped_column(Date)
    acknowledged_at: Mapped[datetime | None]
    allocated_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    young_person: Mapped[YoungPerson] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    requested_by: Mapped[User] = relationship()
    events: Mapped[list["SupportEvent"]] = relationship(
        back_populates="request", order_by="SupportEvent.id", cascade="all, delete-orphan")

    @property
    def methods(self) -> list[ContactMethod]:
        """The contact methods chosen, in a fixed order."""
        chosen = set(filter(None, (self.contact_methods or "").split(",")))
        return [method for method in ContactMethod if method.value in chosen]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SupportEvent(Base):
    """One dated step of a request, with the short note the young person sees."""

    __tablename__ = "support_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"), index=True)
    kind: Mapped[SupportEventKind] = mapped_column(str_enum(SupportEventKind, 20))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note = mapped_column(EncryptedText, nullable=True)

    request: Mapped[SupportRequest] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
