"""Which carer looks after which young person."""

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt
from portal.models.people import User
from portal.models.young_people import YoungPerson


class CarerLink(CreatedAt, Base):
    """A carer (foster carer, key worker) who may help this young person."""

    __tablename__ = "carer_links"
    __table_args__ = (UniqueConstraint("carer_id", "young_person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)

    carer: Mapped[User] = relationship()
    young_person: Mapped[YoungPerson] = relationship()
