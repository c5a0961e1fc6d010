"""Caseload queries and changes for IROs (and admins, who see every young person)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core import flags
from portal.core import timetable as rules
from portal.core.consultations import consultations_by_review
from portal.core.invitations import create_invitation
from portal.core.reviews import next_reviews
from portal.extensions import db
from portal.models import (
    CareEpisode,
    CarerLink,
    Consultation,
    ConsultationStatus,
    Decision,
    Invitation,
    LatenessReason,
    LegalStatus,
    LetterStatus,
    Participation,
    Recommendation,
    Review,
    ReviewLetter,
    ReviewRequest,
    Role,
    User,
    YoungPerson,
)
from portal.models.base import utcnow
from portal.security.policy import caseload_young_people
from portal.staff import timetable
from portal.staff.timetable import Timetable


@dataclass
class CaseloadRow:
    """One young person on a caseload, with their next review, its consultation and open safety flags."""

    person: YoungPerson
    review: Review | None
    consultation: Consultation | None
    urgent: int
    soon: int = 0
    timetable: Timetable | None = None

    @property
    def due_by(self):
        return self.timetable.due_by if self.timetable else None

    @property
    def status(self):
        return self.timetable.status if self.timetable else None


def caseload(user, today: date) -> list[CaseloadRow]:
    """The young people this person may see: open urgent flags first, then "look soon", then by next due date
    (overdue first; nobody with no care episode last), then by name (six queries whatever the caseload size)."""
    query = select(YoungPerson).where(caseload_young_people(user)).order_by(YoungPerson.first_name, YoungPerson.id)
    if user.role != Role.IRO:  # admins and managers see whose caseload each young person is on
        query = query.options(selectinload(YoungPerson.iro))
    people = db.session.scalars(query).all()
    reviews = next_reviews([person.id for person in people])
    consultations = consultations_by_review([review.id for review in reviews.values()])
    open_flags = flags.open_counts([person.id for person in people])
    timetables = timetable.timetables([person.id for person in people], today)
    rows = [CaseloadRow(person, reviews.get(person.id),
                        consultations.get(reviews[person.id].id) if person.id in reviews else None,
                        open_flags.get(person.id, {}).get(flags.URGENT, 0), open_flags.get(person.id, {}).get(flags.SOON, 0),
                        timetables[person.id])
            for person in people]
    return sorted(rows, key=lambda row: (row.urgent == 0, row.soon == 0, row.due_by is None, row.due_by or today))


def add_young_person(iro, first_name, date_of_birth, case_reference):
    """A new young person on this IRO's caseload."""
    person = YoungPerson(first_name=first_name.strip(), date_of_birth=date_of_birth,
                         case_reference=(case_reference or "").strip() or None, iro_id=iro.id)
    db.session.add(person)
    db.session.commit()
    return person


def record(young_person, today: date):
    """What the record page shows: reviews, their timetable, carers and open invitations."""
    reviews = db.session.scalars(
        select(Review).where(Review.young_person_id == young_person.id).order_by(Review.scheduled_for.desc())
    ).all()
    carers = db.session.scalars(
        select(User).join(CarerLink, CarerLink.carer_id == User.id)
        .where(CarerLink.young_person_id == young_person.id).order_by(User.display_name)
    ).all()
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.young_person_id == young_person.id, Invitation.used_at.is_(None),
                                 Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc())
    ).all()
    consultations = consultations_by_review([review.id for review in reviews])
    episodes = db.session.scalars(select(CareEpisode).where(CareEpisode.young_person_id == young_person.id)
                                  .order_by(CareEpisode.started_on.desc())).all()
    return {"reviews": reviews, "carers": carers, "invitations": invitations, "consultations": consultations,
            "review_requests": open_review_requests(young_person),
            "episodes": episodes, "timetable": timetable.build(episodes, reviews, today)}


def plan_review(young_person, day, at, place, staff_notes=None, lateness_reason=None, lateness_note=None):
    """Add a review at a local date and time (with why it is late, when it is)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    when = datetime.combine(day, at or time(16, 0), tzinfo=zone)
    review = Review(young_person_id=young_person.id, scheduled_for=when, place=(place or "").strip() or None,
                    staff_notes=(staff_notes or "").strip() or None,
                    lateness_reason=LatenessReason(lateness_reason) if lateness_reason else None,
                    lateness_note=(lateness_note or "").strip() or None if lateness_reason else None)
    db.session.add(review)
    db.session.flush()
    # Planning a review accepts any open request to bring it forward.
    for request in open_review_requests(young_person):
        request.answered_at, request.review_id = utcnow(), review.id
    db.session.commit()
    return review


def invite(creator, young_person, who, carer_name):
    """A code for the young person or a carer; returns (code, invitation display name)."""
    if who == "young_person":
        role, name = Role.YOUNG_PERSON, young_person.first_name
    else:
        role, name = Role.CARER, carer_name.strip()
    code = create_invitation(role=role, display_name=name, created_by=creator, young_person=young_person)
    db.session.commit()
    return code, name


def current_episode(young_person) -> CareEpisode | None:
    """The young person's open care episode, if any."""
    return db.session.scalar(select(CareEpisode).where(CareEpisode.young_person_id == young_person.id,
                                                       CareEpisode.ended_on.is_(None))
                             .order_by(CareEpisode.started_on.desc()).limit(1))


def add_episode(young_person, started_on, legal_status) -> CareEpisode | None:
    """Start a care episode; None (nothing stored) while another episode is still open."""
    if current_episode(young_person) is not None:
        return None
    episode = CareEpisode(young_person_id=young_person.id, started_on=started_on,
                          legal_status=LegalStatus(legal_status))
    db.session.add(episode)
    db.session.commit()
    return episode


def end_episode(episode, ended_on, reason) -> bool:
    """End a care episode; False (nothing stored) when the end is before its start."""
    if ended_on < episode.started_on:
        return False
    episode.ended_on, episode.end_reason = ended_on, reason.strip()
    db.session.commit()
    return True


SCHOOL_WORDS = ("school", "academy", "college")
SCHOOL_DAY_HOURS = (time(8, 30), time(15, 30))


@dataclass(frozen=True)
class PlanningChecks:
    """What planning a review on this day, at this time and place, needs from the IRO first."""

    due_by: date | None
    late: bool
    far_ahead: bool
    at_school: bool
    in_school_time: bool

    @property
    def needs_sure(self) -> bool:
        return self.far_ahead or self.at_school or self.in_school_time


def planning_checks(young_person, day: date, at: time | None, place: str | None, today: date) -> PlanningChecks:
    """Late (after the due date), more than 6 months away, at a school or in school hours (the Golden Rule)."""
    due = timetable.timetable(young_person, today).due_by
    words = (place or "").casefold()
    return PlanningChecks(
        due_by=due,
        late=due is not None and day > due,
        far_ahead=rules.far_ahead(day, today),
        at_school=any(word in words for word in SCHOOL_WORDS),
        in_school_time=day.weekday() < 5 and at is not None and SCHOOL_DAY_HOURS[0] <= at < SCHOOL_DAY_HOURS[1],
    )


# --- The record of a held review ------------------------------------------------------------------

UNDER_4 = 4


def participation_suggestion(review, held_on: date) -> Participation | None:
    """A code to suggest from what the portal knows: under 4 (PN0), or views sent through this portal (PN6)."""
    if review.young_person.age(held_on) < UNDER_4:
        return Participation.PN0
    sent = db.session.scalar(select(Consultation.id).where(Consultation.review_id == review.id,
                                                           Consultation.status == ConsultationStatus.SENT))
    return Participation.PN6 if sent is not None else None


def is_first_review(review, today: date) -> bool:
    """Whether this review is (or, once held, will be) the first of the young person's current care episode."""
    plan = timetable.timetable(review.young_person, today)
    if plan.episode is None:
        return False
    day = review.held_on or today
    return not any(row.review.held_on is not None and row.sequence and row.review.id != review.id
                   and row.review.held_on <= day for row in plan.reviews)


def planned_on(review) -> date:
    """The day the review was added to the timetable (a held date cannot be before it)."""
    return timetable.local_date(review.created_at)


def letter_published(review) -> bool:
    """Once its letter is published a review's record no longer changes."""
    return db.session.scalar(select(ReviewLetter.id).where(
        ReviewLetter.review_id == review.id, ReviewLetter.status == LetterStatus.PUBLISHED)) is not None


@dataclass(frozen=True)
class HeldRecord:
    """What the IRO records about a held review."""

    held_on: date
    participation: str
    chaired: str
    seen_before: str
    attendees: list[str]
    parents: str
    care_plan_endorsed: bool
    checklist: tuple[bool | None, bool | None, bool | None]
    recommendations: list[tuple[str, str, date]]


def record_held_review(review, recorder, record: HeldRecord) -> bool:
    """Store the record of a held review; False (nothing stored) once its letter is published.

    The recommendations become the decisions of the review's letter when it is started; if a
    draft letter with no decisions yet exists, they are written into it now, so nobody types them twice.
    """
    if letter_published(review):
        return False
    review.held_on = record.held_on
    review.participation = Participation(record.participation)
    review.chaired, review.seen_before, review.parents = record.chaired, record.seen_before, record.parents
    review.attendees = ",".join(record.attendees) or None
    review.care_plan_endorsed = record.care_plan_endorsed
    review.knows_why_in_care, review.knows_how_to_get_advocate, review.knows_how_to_complain = record.checklist
    review.recorded_at, review.recorded_by_id = utcnow(), recorder.id
    review.recommendations = [Recommendation(position=position, what=what.strip(), who=who.strip(), by_when=by_when)
                              for position, (what, who, by_when) in enumerate(record.recommendations, start=1)]
    db.session.flush()
    letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.review_id == review.id))
    if letter is not None and not db.session.scalar(select(Decision.id).where(Decision.letter_id == letter.id).limit(1)):
        copy_recommendations(review, letter)
    db.session.commit()
    return True


def copy_recommendations(review, letter):
    """Write a review's recommendations into its letter as numbered decisions (the caller commits)."""
    for item in review.recommendations:
        db.session.add(Decision(letter_id=letter.id, position=item.position, what=item.what, who=item.who,
                                by_when=item.by_when))


# --- The case record as JSON ------------------------------------------------------------------------

def _iso(value):
    return value.isoformat() if value is not None else None


def case_record(young_person, today: date) -> dict:
    """One JSON-ready document of a young person's episodes and reviews for the case file (schema:
    portal/staff/case_record.schema.json). Unknown values are None."""
    plan = timetable.timetable(young_person, today)
    episodes = db.session.scalars(select(CareEpisode).where(CareEpisode.young_person_id == young_person.id)
                                  .order_by(CareEpisode.started_on)).all()
    review_ids = [row.review.id for row in plan.reviews]
    consultations = {c.review_id: c for c in db.session.scalars(
        select(Consultation).where(Consultation.review_id.in_(review_ids)))} if review_ids else {}
    letters = {letter.review_id: letter for letter in db.session.scalars(
        select(ReviewLetter).where(ReviewLetter.review_id.in_(review_ids)))} if review_ids else {}
    target_days = current_app.config["LETTER_TARGET_DAYS"]

    def letter_json(review):
        letter = letters.get(review.id)
        if letter is None:
            return {"status": None, "published_at": None, "on_time": None}
        on_time = None
        if letter.published_at is not None and review.held_on is not None:
            on_time = timetable.local_date(letter.published_at) <= review.held_on + timedelta(days=target_days)
        return {"status": letter.status.value, "published_at": _iso(letter.published_at), "on_time": on_time}

    def consultation_json(review):
        consultation = consultations.get(review.id)
        if consultation is None:
            return {"status": None, "sent_at": None}
        return {"status": consultation.status.value, "sent_at": _iso(consultation.sent_at)}

    def checklist(review):
        answers = (review.knows_why_in_care, review.knows_how_to_get_advocate, review.knows_how_to_complain)
        if all(answer is None for answer in answers):
            return None
        return dict(zip(("knows_why_in_care", "knows_how_to_get_advocate", "knows_how_to_complain"), answers,
                        strict=True))

    return {
        "young_person": {"id": young_person.id, "first_name": young_person.first_name,
                         "date_of_birth": _iso(young_person.date_of_birth)},
        "episodes": [{"started_on": _iso(e.started_on), "legal_status": e.legal_status.value,
                      "ended_on": _iso(e.ended_on)} for e in episodes],
        "reviews": [{
            "id": row.review.id, "sequence": row.sequence, "due_by": _iso(row.due_by),
            "planned_for": _iso(row.review.scheduled_for), "held_on": _iso(row.review.held_on),
            "in_time": row.in_time,
            "lateness_reason": row.review.lateness_reason.value if row.review.lateness_reason else None,
            "participation": row.review.participation.value if row.review.participation else None,
            "chaired": row.review.chaired, "first_review_checklist": checklist(row.review),
            "consultation": consultation_json(row.review), "letter": letter_json(row.review),
        } for row in plan.reviews],
    }


# --- Requests for a sooner review ---------------------------------------------------------------------

def open_review_requests(young_person) -> list[ReviewRequest]:
    """The young person's requests for a sooner review that nobody has answered yet, oldest first."""
    return db.session.scalars(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id,
                                                          ReviewRequest.answered_at.is_(None))
                              .order_by(ReviewRequest.created_at)).all()


def answer_review_request(request, staff, text: str) -> bool:
    """Answer a request without planning a review; False when it was already answered."""
    if request.answered_at is not None:
        return False
    request.answered_at, request.answered_by_id, request.answer = utcnow(), staff.id, text.strip()
    db.session.commit()
    return True
