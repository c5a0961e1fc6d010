"""Escalations (dispute resolution): an IRO taking a concern about a young person's care further, stage by stage.

An escalation may come from a young person's follow-up on a letter decision, a review, a decision or a
safety flag (each optional). Each stage records who was asked, when, by when they should answer, what they
said and whether that resolved it. The codes stored here are stable: figures and reports group by them.
"""

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.consultations import SafetyFlag
from portal.models.encryption import EncryptedText
from portal.models.letters import Decision, DecisionResponse
from portal.models.people import User
from portal.models.reviews import Review
from portal.models.young_people import YoungPerson


class EscalationKind(enum.StrEnum):
    """Informal (a conversation, usually with the team manager) or formal (the written dispute resolution process)."""

    INFORMAL = "informal"
    FORMAL = "formal"


class EscalationCategory(enum.StrEnum):
    """What the concern is about: the IRO service annual report's list, in its order."""

    CARE_PLAN = "care_plan"  # incomplete or inadequate care plan
    DRIFT_OR_DELAY = "drift_or_delay"  # drift or delay in care planning
    SAFEGUARDING = "safeguarding"  # including missing episodes, criminal or sexual exploitation
    SOCIAL_WORK = "social_work"  # concerns around social work provision
    PLACEMENT = "placement"
    EDUCATION = "education"
    HEALTH = "health"
    EIGHTEEN_PLUS = "eighteen_plus"  # 18+ planning (including Staying Put)
    MANAGEMENT = "management"  # action and effectiveness of management
    REVIEW_DECISIONS = "review_decisions"  # non-completion of review decisions
    OTHER = "other"


class EscalationStage(enum.StrEnum):
    """Who the matter is taken to, in the order it goes up (portal.core.escalations.STAGES holds the order)."""

    TEAM_MANAGER = "team_manager"
    SERVICE_MANAGER = "service_manager"
    HEAD_OF_SERVICE = "head_of_service"
    DIRECTOR = "director"  # assistant director / director of children's services
    CAFCASS = "cafcass"  # referral to Cafcass


class EscalationOutcome(enum.StrEnum):
    """How an escalation ended."""

    RESOLVED = "resolved"
    PARTLY_RESOLVED = "partly_resolved"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"


class Escalation(CreatedAt, Base):
    """One escalation about a young person. `stage` is the stage it is at now, which is also the highest
    reached (an escalation only goes up). Closed when `outcome` and `closed_on` are set."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[EscalationKind] = mapped_column(str_enum(EscalationKind, 20))
    category: Mapped[EscalationCategory] = mapped_column(str_enum(EscalationCategory, 30))
    stage: Mapped[EscalationStage] = mapped_column(str_enum(EscalationStage, 30))
    raised_on: Mapped[date] = mapped_column(Date, index=True)
    concern = mapped_column(EncryptedText, nullable=True)  # the IRO's words: staff only

    # Where it came from (all optional).
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("letter_decision_responses.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("letter_decisions.id"))
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("safety_flags.id"))

    outcome: Mapped[EscalationOutcome | None] = mapped_column(str_enum(EscalationOutcome, 20))
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome_note = mapped_column(EncryptedText, nullable=True)

    young_person: Mapped[YoungPerson] = relationship()
    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id])
    follow_up: Mapped[DecisionResponse | None] = relationship()
    review: Mapped[Review | None] = relationship()
    decision: Mapped[Decision | None] = relationship()
    flag: Mapped[SafetyFlag | None] = relationship()
    steps: Mapped[list["EscalationStep"]] = relationship(
        back_populates="escalation", order_by="EscalationStep.id", cascade="all, delete-orphan")

    @property
    def is_open(self) -> bool:
        return self.outcome is None


class EscalationStep(CreatedAt, Base):
    """One stage of an escalation: who was asked, when, by when they should answer, and their answer."""

    __tablename__ = "escalation_steps"
    __table_args__ = (UniqueConstraint("escalation_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    stage: Mapped[EscalationStage] = mapped_column(str_enum(EscalationStage, 30))
    asked: Mapped[str] = mapped_column(String(200))  # a name and role, such as "Jo Bloggs, team manager"
    asked_on: Mapped[date] = mapped_column(Date)
    respond_by: Mapped[date] = mapped_column(Date)
    response = mapped_column(EncryptedText, nullable=True)
    responded_on: Mapped[date | None] = mapped_column(Date)
    resolved: Mapped[bool | None]  # did the answer resolve the matter? None: no answer yet

    escalation: Mapped[Escalation] = relationship(back_populates="steps")
