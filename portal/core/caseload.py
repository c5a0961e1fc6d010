"""What waits for an IRO about each young person, counted in one query per kind whatever the caseload size:
views sent but not read, questions about a letter's decisions not answered, support asked for "through my IRO"."""

from sqlalchemy import func, select

from portal.database import among
from portal.extensions import db
from portal.models import (
    Consultation,
    ConsultationStatus,
    DecisionAnswer,
    DecisionResponse,
    SupportRequest,
)
from portal.models.support import OPEN_STATUSES, ContactMethod


def _counts(statement) -> dict[int, int]:
    return {person_id: count for person_id, count in db.session.execute(statement)}


def unread_views(young_person_ids) -> dict[int, int]:
    """Sent consultations the IRO has not marked as read, per young person."""
    if not young_person_ids:
        return {}
    return _counts(select(Consultation.young_person_id, func.count())
                   .where(among(Consultation.young_person_id, young_person_ids),
                          Consultation.status == ConsultationStatus.SENT, Consultation.read_by_iro_at.is_(None))
                   .group_by(Consultation.young_person_id))


def waiting_questions(young_person_ids) -> dict[int, int]:
    """A young person's answers about a letter's decisions that ask for a follow-up and have no reply yet."""
    if not young_person_ids:
        return {}
    return _counts(select(DecisionResponse.young_person_id, func.count())
                   .where(among(DecisionResponse.young_person_id, young_person_ids),
                          DecisionResponse.answer != DecisionAnswer.UNDERSTAND, DecisionResponse.replied_at.is_(None))
                   .group_by(DecisionResponse.young_person_id))


def through_iro(support_request) -> bool:
    """Whether the young person chose to be contacted about this request through their IRO."""
    return ContactMethod.IRO in support_request.methods


def support_through_iro(young_person_id) -> list[SupportRequest]:
    """Open requests for an advocate or an Independent Visitor for which the young person chose
    "through my IRO": their IRO should know, and may be the one the service contacts. Newest first."""
    requests = db.session.scalars(
        select(SupportRequest).where(SupportRequest.young_person_id == young_person_id,
                                     SupportRequest.status.in_(OPEN_STATUSES),
                                     SupportRequest.contact_methods.contains(ContactMethod.IRO.value))
        .order_by(SupportRequest.created_at.desc(), SupportRequest.id.desc())).all()
    # contains() is a first sieve on the comma-separated column; the exact choice is checked here.
    return [item for item in requests if through_iro(item)]
