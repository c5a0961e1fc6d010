""""How was your review?": a young person's few quick answers after a review, counted for the service."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt


class ReviewFeedback(CreatedAt, Base):
    """One young person's answers about one held review (one row per review: a double tap adds nothing).

    Only counts leave this table (the service's figures, small numbers suppressed): no page shows one
    young person's answers, so a young person can say honestly that they did not feel listened to.
    """

    __tablename__ = "review_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), unique=True)
    listened: Mapped[str | None] = mapped_column(String(20))
    right_people: Mapped[str | None] = mapped_column(String(20))
    understood: Mapped[str | None] = mapped_column(String(20))
    said_enough: Mapped[str | None] = mapped_column(String(20))
