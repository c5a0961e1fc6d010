"""Statutory reviews of a young person's care plan."""

from datetime import date, datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt
from portal.models.encryption import EncryptedText
from portal.models.young_people import YoungPerson


class Review(CreatedAt, Base):
    """One review meeting: when it is planned, where, and when it was held."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    scheduled_for: Mapped[datetime]
    place = mapped_column(EncryptedText, nullable=True)
    held_on: Mapped[date | None]

    young_person: Mapped[YoungPerson] = relationship()
