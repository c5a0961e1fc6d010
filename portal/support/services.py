"""Support requests: making one, routing it, moving it along, and the timeliness rules.

Every change writes its timeline event and its notifications in the same
transaction, so the young person's page and the outbox never disagree.
"""

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.core.outbox import notify, notify_address
from portal.core.reviews import next_reviews
from portal.core.safety import is_urgent
from portal.core.working_days import add_working_days
from portal.extensions import db
from portal.models import CarerLink, Organisation, Role, User
from portal.models.base import utcnow
from portal.models.support import (
    OPEN_STATUSES,
    ContactMethod,
    SupportEvent,
    SupportEventKind,
    SupportKind,
    SupportReason,
    SupportRequest,
    SupportStatus,
)
from portal.security.policy import followed_support_requests, service_support_requests

FINISHED_SHOWN = 50
TOKEN_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

# action -> (statuses it can start from, status it leads to, timeline event)
TRANSITIONS = {
    "acknowledge": ({SupportStatus.SENT}, SupportStatus.ACKNOWLEDGED, SupportEventKind.ACKNOWLEDGED),
    "allocate": ({SupportStatus.ACKNOWLEDGED}, SupportStatus.ALLOCATED, SupportEventKind.ALLOCATED),
    "close": ({SupportStatus.ACKNOWLEDGED, SupportStatus.ALLOCATED}, SupportStatus.CLOSED, SupportEventKind.CLOSED),
    "decline": ({SupportStatus.SENT, SupportStatus.ACKNOWLEDGED}, SupportStatus.DECLINED, SupportEventKind.DECLINED),
    "withdraw": (set(OPEN_STATUSES), SupportStatus.WITHDRAWN, SupportEventKind.WITHDRAWN),
}


def _zone():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_day(moment: datetime) -> date:
    """The local date of a UTC moment (due dates count in local working days)."""
    return moment.astimezone(_zone()).date()


def new_token() -> str:
    """A fresh token for a request form: sending the same form twice makes one request."""
    return secrets.token_urlsafe(24)


def usable_token(value) -> str | None:
    """The token as posted if it looks like one of ours, else None."""
    if value and 20 <= len(value) <= 64 and set(value) <= TOKEN_CHARACTERS:
        return value
    return None


def due_dates(sent_on: date, acknowledge_days=None, allocate_days=None) -> tuple[date, date]:
    """The last working days on which acknowledging, then allocating, a request sent that day is on time.

    The targets default to SUPPORT_ACKNOWLEDGE_WORKING_DAYS and SUPPORT_ALLOCATE_WORKING_DAYS.
    """
    if acknowledge_days is None:
        acknowledge_days = current_app.config["SUPPORT_ACKNOWLEDGE_WORKING_DAYS"]
    if allocate_days is None:
        allocate_days = current_app.config["SUPPORT_ALLOCATE_WORKING_DAYS"]
    return add_working_days(sent_on, acknowledge_days), add_working_days(sent_on, allocate_days)


def overdue_step(support_request, today: date) -> str | None:
    """"acknowledge" or "allocate" when that step is late, else None."""
    if support_request.status == SupportStatus.SENT and today > support_request.acknowledge_by:
        return "acknowledge"
    if support_request.status in (SupportStatus.SENT, SupportStatus.ACKNOWLEDGED) and today > support_request.allocate_by:
        return "allocate"
    return None


def overdue_condition(today: date):
    """The SQL form of overdue_step(...) is not None."""
    return or_(
        (SupportRequest.status == SupportStatus.SENT) & (SupportRequest.acknowledge_by < today),
        SupportRequest.status.in_([SupportStatus.SENT, SupportStatus.ACKNOWLEDGED]) & (SupportRequest.allocate_by < today),
    )


def next_review_day(young_person) -> date | None:
    """The local date of the young person's next review, if one is planned."""
    review = next_reviews([young_person.id]).get(young_person.id)
    return local_day(review.scheduled_for) if review else None


def service_for(kind: SupportKind) -> Organisation | None:
    """The organisation that receives requests of this kind: the first one configured."""
    return db.session.scalar(
        select(Organisation).where(Organisation.kind == kind.organisation_kind).order_by(Organisation.id).limit(1))


def _people_to_tell(support_request, actor):
    """The young person (if they have an account) and whoever asked for them, except the person acting."""
    people = []
    young_person_user = support_request.young_person.user
    if young_person_user is not None:
        people.append(young_person_user)
    if support_request.on_behalf and support_request.requested_by not in people:
        people.append(support_request.requested_by)
    return [person for person in people if person.id != actor.id]


def _tell_service(support_request, kind):
    organisation = support_request.organisation
    if organisation is not None:
        notify_address(organisation.email, current_app.config["BABEL_DEFAULT_LOCALE"], kind)


def create_request(requester, young_person, kind: SupportKind, token, *, reason=None, details=None, methods=(),
                   contact_details=None, contact_when=None, before_review_on=None, on_behalf=False,
                   young_person_agreed=False):
    """Store a request, route it and queue its notifications; returns (request, True if new).

    A carer or IRO asks only with the young person's agreement, which is recorded.
    Sending the same form twice (same token, same person) gives back the first request.
    """
    if on_behalf and not young_person_agreed:
        raise ValueError("A request on a young person's behalf needs their agreement.")
    token = usable_token(token)
    if token is not None:
        existing = db.session.scalar(select(SupportRequest).where(SupportRequest.idempotency_key == token))
        if existing is not None and existing.requested_by_id == requester.id:
            return existing, False
        if existing is not None:
            token = None  # not this person's form: theirs becomes a request of its own
    now = utcnow()
    acknowledge_by, allocate_by = due_dates(local_day(now))
    organisation = service_for(kind)
    chosen = {ContactMethod(method) for method in methods}
    support_request = SupportRequest(
        young_person_id=young_person.id, kind=kind, reason=SupportReason(reason) if reason else None,
        details=(details or "").strip() or None,
        contact_methods=",".join(method.value for method in ContactMethod if method in chosen),
        contact_details=(contact_details or "").strip() or None, contact_when=(contact_when or "").strip() or None,
        before_review_on=before_review_on, urgent=is_urgent(details) or is_urgent(contact_when),
        organisation_id=organisation.id if organisation else None, status=SupportStatus.SENT,
        requested_by_id=requester.id, on_behalf=on_behalf, young_person_agreed=True,  # they asked, or agreed
        idempotency_key=token or new_token(), acknowledge_by=acknowledge_by, allocate_by=allocate_by,
        created_at=now, updated_at=now,
    )
    support_request.young_person = young_person
    support_request.requested_by = requester
    support_request.organisation = organisation
    support_request.events.append(SupportEvent(kind=SupportEventKind.SENT, actor_id=requester.id, occurred_at=now))
    db.session.add(support_request)
    _tell_service(support_request, "support_new_request")
    for person in _people_to_tell(support_request, requester):
        notify(person, "support_status_changed")
    try:
        db.session.commit()
    except IntegrityError:
        # The same form sent twice at the same moment: the other one was stored first.
        db.session.rollback()
        existing = db.session.scalar(select(SupportRequest).where(SupportRequest.idempotency_key == token))
        if existing is None or existing.requested_by_id != requester.id:
            raise
        return existing, False
    return support_request, True


def change_status(support_request, actor, action, note=None, name=None) -> bool:
    """Move a request on (acknowledge, allocate, close, decline, withdraw); False if it had already moved on."""
    starts, becomes, event_kind = TRANSITIONS[action]
    now = utcnow()
    values = {"status": becomes, "updated_at": now}
    if becomes == SupportStatus.ACKNOWLEDGED:
        values["acknowledged_at"] = now
    elif becomes == SupportStatus.ALLOCATED:
        if not (name or "").strip():
            raise ValueError("Allocating needs the first name of the person found.")
        values.update(allocated_at=now, allocated_name=name.strip())
    else:
        values["finished_at"] = now
    # Only from the states it can start from: two people pressing at once make one change.
    moved = db.session.execute(
        update(SupportRequest).where(SupportRequest.id == support_request.id, SupportRequest.status.in_(starts))
        .values(**values).execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        db.session.refresh(support_request)
        return False
    db.session.add(SupportEvent(request_id=support_request.id, kind=event_kind, actor_id=actor.id,
                                note=(note or "").strip() or None, occurred_at=now))
    if action == "withdraw":
        _tell_service(support_request, "support_request_withdrawn")
    for person in _people_to_tell(support_request, actor):
        notify(person, "support_status_changed")
    db.session.commit()
    db.session.refresh(support_request)
    return True


def add_note(support_request, actor, note) -> bool:
    """A note from the service on an open request, which the young person sees; False if it is finished."""
    if not support_request.is_open:
        return False
    db.session.add(SupportEvent(request_id=support_request.id, kind=SupportEventKind.NOTE, actor_id=actor.id,
                                note=note.strip(), occurred_at=utcnow()))
    support_request.updated_at = utcnow()
    for person in _people_to_tell(support_request, actor):
        notify(person, "support_status_changed")
    db.session.commit()
    return True


def send_to_service(support_request, admin) -> Organisation | None:
    """Route a request that arrived when no service of its kind was configured; the service, or None."""
    organisation = service_for(support_request.kind)
    if organisation is None or support_request.organisation_id is not None or not support_request.is_open:
        return None
    routed = db.session.execute(
        update(SupportRequest).where(SupportRequest.id == support_request.id, SupportRequest.organisation_id.is_(None))
        .values(organisation_id=organisation.id, updated_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    if routed != 1:
        db.session.rollback()
        return None
    db.session.add(SupportEvent(request_id=support_request.id, kind=SupportEventKind.ROUTED, actor_id=admin.id,
                                occurred_at=utcnow()))
    notify_address(organisation.email, current_app.config["BABEL_DEFAULT_LOCALE"], "support_new_request")
    db.session.commit()
    db.session.refresh(support_request)
    return organisation


def followed_requests(user):
    """The requests on a person's "My requests" page, newest first."""
    return db.session.scalars(
        select(SupportRequest).where(followed_support_requests(user)).order_by(SupportRequest.id.desc())
        .options(selectinload(SupportRequest.young_person))
    ).all()


def has_requests(user) -> bool:
    """Whether a person has any requests to follow."""
    return db.session.scalar(select(func.count(SupportRequest.id)).where(followed_support_requests(user))) > 0


def service_requests(user, today: date, only_overdue=False):
    """(open requests, oldest unacknowledged first; recently finished requests) that a service or admin sees."""
    visible = service_support_requests(user)
    waiting_first = case((SupportRequest.status == SupportStatus.SENT, 0), else_=1)
    open_query = (select(SupportRequest).where(visible, SupportRequest.status.in_(OPEN_STATUSES))
                  .order_by(waiting_first, SupportRequest.created_at, SupportRequest.id)
                  .options(selectinload(SupportRequest.young_person), selectinload(SupportRequest.organisation)))
    if only_overdue:
        open_query = open_query.where(overdue_condition(today))
    finished = db.session.scalars(
        select(SupportRequest).where(visible, SupportRequest.status.not_in(OPEN_STATUSES))
        .order_by(SupportRequest.finished_at.desc(), SupportRequest.id.desc()).limit(FINISHED_SHOWN)
        .options(selectinload(SupportRequest.young_person), selectinload(SupportRequest.organisation))
    ).all()
    return db.session.scalars(open_query).all(), finished


def overdue_count(user, today: date) -> int:
    """How many of the requests this person sees are late."""
    return db.session.scalar(
        select(func.count(SupportRequest.id)).where(service_support_requests(user), overdue_condition(today)))


def timeline(support_request):
    """The request's events, oldest first, with who made each."""
    return db.session.scalars(
        select(SupportEvent).where(SupportEvent.request_id == support_request.id).order_by(SupportEvent.id)
        .options(selectinload(SupportEvent.actor))
    ).all()


def may_withdraw(user, support_request) -> bool:
    """The young person, or the carer or IRO who asked for them, may stop an open request."""
    if not support_request.is_open:
        return False
    if user.role == Role.YOUNG_PERSON:
        return True  # followed_support_requests already checked it is theirs
    return support_request.requested_by_id == user.id


def contacts(support_request):
    """Who the service may contact on the young person's behalf: their IRO and carers, as chosen."""
    methods = set(support_request.methods)
    found = {}
    if ContactMethod.IRO in methods:
        found["iro"] = support_request.young_person.iro
    if ContactMethod.CARER in methods:
        found["carers"] = db.session.scalars(
            select(User).join(CarerLink, CarerLink.carer_id == User.id)
            .where(CarerLink.young_person_id == support_request.young_person_id).order_by(User.display_name)
        ).all()
    return found
