"""Young people in care (with or without an account of their own) and their age bands."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt
from portal.models.people import User


class AgeBand(enum.StrEnum):
    """The bands that decide which form and wording a young person sees."""

    UNDER_8 = "4-7"
    FROM_8 = "8-11"
    FROM_12 = "12-15"
    FROM_16 = "16+"


def age_on(date_of_birth: date, today: date) -> int:
    """Whole years between date_of_birth and today."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def age_band(date_of_birth: date, today: date) -> AgeBand:
    """The age band on a given day."""
    age = age_on(date_of_birth, today)
    if age < 8:
        return AgeBand.UNDER_8
    if age < 12:
        return AgeBand.FROM_8
    if age < 16:
        return AgeBand.FROM_12
    return AgeBand.FROM_16


class YoungPerson(CreatedAt, Base):
    """A child or young person whose reviews this service supports.

    Only what the features use: a first name, a date of birth (for the age band),
    an optional case reference, their IRO, and their own account if they have one.
    """

    __tablename__ = "young_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(60))
    date_of_birth: Mapped[date] = mapped_column(Date)
    case_reference: Mapped[str | None] = mapped_column(String(40))
    iro_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    # Set when retention removed what identified them (portal/records/retention.py): the row stays for the figures.
    anonymised_at: Mapped[datetime | None]

    iro: Mapped[User] = relationship(foreign_keys=[iro_id])
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    def age(self, today: date) -> int:
        return age_on(self.date_of_birth, today)

    def band(self, today: date) -> AgeBand:
        return age_band(self.date_of_birth, today)
