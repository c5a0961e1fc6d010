"""Who looks after a young person: their carers, and the episodes in which they are looked after."""

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.people import User
from portal.models.young_people import YoungPerson


class LegalStatus(enum.StrEnum):
    """Why a young person is looked after in this episode (short breaks follow their own timetable)."""

    S20 = "s20"
    INTERIM_CARE_ORDER = "interim_care_order"
    CARE_ORDER = "care_order"
    PLACEMENT_ORDER = "placement_order"
    REMANDED = "remanded"
    SHORT_BREAKS = "short_breaks"


class CarerLink(CreatedAt, Base):
    """A carer (foster carer, key worker) who may help this young person."""

    __tablename__ = "carer_links"
    __table_args__ = (UniqueConstraint("carer_id", "young_person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)

    carer: Mapped[User] = relationship()
    young_person: Mapped[YoungPerson] = relationship()


class CareEpisode(CreatedAt, Base):
    """A period during which a young person is looked after; review numbering restarts with each episode."""

    __tablename__ = "care_episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    legal_status: Mapped[LegalStatus] = mapped_column(str_enum(LegalStatus, 30))
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(200))

    young_person: Mapped[YoungPerson] = relationship()

    @property
    def short_breaks(self) -> bool:
        return self.legal_status == LegalStatus.SHORT_BREAKS
