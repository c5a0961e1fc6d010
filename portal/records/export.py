""""See my records": everything the portal holds about one young person, as JSON and as one readable page.

Who gets what follows the privacy model (portal/security/privacy.py), so a download never shows a
person more than the screens do:

- the young person: everything about them, including the words they shared with the Children in
  Care Council, which only their own sealed list can find (offered by the council through the
  "record_sections" registry, and only to them);
- a carer of a child under 12: only what the carer may already read: the answers and notes given
  while they were helping, published letters, the reviews' dates and places, and the requests the
  carer made themselves. Never what the child wrote alone, their replies about decisions, their
  "That's not right" requests or their council words;
- staff (the young person's IRO, or an admin) answering a subject access request: what staff may
  read (answers once sent, as on the IRO's pages), with staff notes, safety flags and what was done,
  and other people's names marked for review before the export is sent (`third_party`). An IRO's
  export holds only the support requests the IRO made (as on their "My requests"); an admin's holds
  all of them. Never the council words: giving them to staff would link anonymous contributions to a
  young person.

The JSON is described by records.schema.json beside this module.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.consultations import asked_questions
from portal.core.labels import LEGAL_STATUS_NAMES, PARTICIPATION_NAMES, ROLE_NAMES
from portal.extensions import db
from portal.models import (
    CareEpisode,
    CarerLink,
    Consultation,
    Correction,
    Decision,
    DecisionResponse,
    FlagAction,
    HelpSession,
    Organisation,
    Review,
    ReviewLetter,
    ReviewRequest,
    Role,
    SafetyFlag,
    SupportEvent,
    SupportRequest,
    User,
)
from portal.models.letters import SECTIONS, LetterStatus
from portal.security import privacy

SCHEMA_PATH = Path(__file__).with_name("records.schema.json")
SCHEMA_ID = "have-your-say/records/1"

YOUNG_PERSON, CARER, SUBJECT_ACCESS = "young_person", "carer", "subject_access"

# Words for the codes the JSON keeps, on the readable page (the JSON keeps the codes: they do not change).
WORDS = {
    "advocate": _l("An advocate"), "independent_visitor": _l("An Independent Visitor"),
    "sent": _l("Sent"), "acknowledged": _l("Seen by the service"), "allocated": _l("Someone is chosen to help"),
    "closed": _l("Finished"), "declined": _l("Not possible"), "withdrawn": _l("Taken back"), "note": _l("A note"),
    "routed": _l("Passed to a service"),
    "understand": _l("I understand"), "dont_understand": _l("I don't understand"), "disagree": _l("I don't agree"),
    "not_happened": _l("This hasn't happened"),
    "open": _l("Waiting for an answer"), "corrected": _l("Corrected"), "not_changed": _l("Not changed"),
}


@dataclass(frozen=True)
class Audience:
    """Who the export is for, and who is making it."""

    kind: str  # YOUNG_PERSON, CARER or SUBJECT_ACCESS
    viewer: User

    @property
    def staff(self) -> bool:
        return self.kind == SUBJECT_ACCESS


def audience_for(viewer) -> Audience:
    """The audience a signed-in person's export is made for."""
    if viewer.role == Role.YOUNG_PERSON:
        return Audience(YOUNG_PERSON, viewer)
    if viewer.role == Role.CARER:
        return Audience(CARER, viewer)
    return Audience(SUBJECT_ACCESS, viewer)


def _iso(value):
    return None if value is None else value.isoformat()


class _People:
    """Names of the people who appear in the record, each marked whether it is a third party's.

    The young person's IRO is not a third party (their name is on every letter); every other member
    of staff and every carer is, and a subject access export must be checked before those are sent.
    """

    def __init__(self, young_person):
        self.iro_id = young_person.iro_id
        self.known: dict[int, User] = {}

    def load(self, ids):
        wanted = {i for i in ids if i is not None and i not in self.known}
        if wanted:
            self.known.update({user.id: user for user in db.session.scalars(select(User).where(User.id.in_(wanted)))})

    def person(self, user_id):
        if user_id is None:
            return None
        self.load([user_id])
        user = self.known.get(user_id)
        if user is None:
            return None
        return {"name": user.display_name, "role": user.role.value, "role_name": str(ROLE_NAMES[user.role]),
                "third_party": user.id != self.iro_id and user.role != Role.YOUNG_PERSON}


def _answers(consultation, audience, people):
    readable = privacy.readable_answers(audience.viewer, consultation)
    answers = []
    for question in asked_questions(consultation):  # as asked: the wording this young person met
        answer = readable.get(question.key)
        if answer is None:
            continue
        choice = next((str(c.label) for c in question.choices if c.value == answer.choice), answer.choice)
        answers.append({"question": str(question.prompt), "choice": choice, "words": answer.text,
                        "skipped": answer.skipped, "shared_with_council": answer.shared,
                        "helped_by": people.person(answer.helped_by_id)})
    additions = [{"words": addition.text, "added_at": _iso(addition.created_at),
                  "helped_by": people.person(addition.helped_by_id)}
                 for addition in privacy.readable_additions(audience.viewer, consultation)]
    return answers, additions


def _consultations(young_person, audience, people, reviews_by_id):
    result = []
    consultations = db.session.scalars(select(Consultation).where(Consultation.young_person_id == young_person.id)
                                       .order_by(Consultation.created_at, Consultation.id)).all()
    for consultation in consultations:
        answers, additions = _answers(consultation, audience, people)
        if audience.kind == CARER and not answers and not additions:
            continue  # nothing the carer helped with: the form is not theirs to see
        review = reviews_by_id.get(consultation.review_id)
        result.append({"for_review_on": _iso(review.scheduled_for) if review else None,
                       "status": consultation.status.value, "sent_at": _iso(consultation.sent_at),
                       "language": consultation.locale, "answers": answers, "added": additions})
    return result


def _letters(young_person, audience, people, reviews_by_id):
    query = select(ReviewLetter).where(ReviewLetter.young_person_id == young_person.id)
    if not audience.staff:
        query = query.where(ReviewLetter.status == LetterStatus.PUBLISHED)
    letters = db.session.scalars(query.order_by(ReviewLetter.created_at, ReviewLetter.id)).all()
    if not letters:
        return []
    decisions = {}
    for decision in db.session.scalars(select(Decision).where(Decision.letter_id.in_([letter.id for letter in letters]))
                                       .order_by(Decision.letter_id, Decision.position)):
        decisions.setdefault(decision.letter_id, []).append(decision)
    responses = {}
    if audience.kind != CARER:  # the child's replies about decisions are theirs and their IRO's
        for response in db.session.scalars(select(DecisionResponse).where(
                DecisionResponse.young_person_id == young_person.id).order_by(DecisionResponse.created_at,
                                                                             DecisionResponse.id)):
            responses.setdefault(response.decision_id, []).append({
                "answer": response.answer.value, "comment": response.comment, "said_at": _iso(response.created_at),
                "reply": response.reply, "replied_at": _iso(response.replied_at),
                "replied_by": people.person(response.replied_by_id)})
    result = []
    for letter in letters:
        review = reviews_by_id.get(letter.review_id)
        result.append({
            "id": letter.id, "status": letter.status.value, "review_held_on": _iso(review.held_on) if review else None,
            "published_at": _iso(letter.published_at), "written_by": people.person(letter.updated_by_id),
            "sections": [{"key": name, "html": getattr(letter, name)} for name in SECTIONS if getattr(letter, name)],
            "decisions": [{"id": d.id, "number": d.position, "what": d.what, "who": d.who, "by_when": _iso(d.by_when),
                           "status": d.status.value, "responses": responses.get(d.id, [])}
                          for d in decisions.get(letter.id, [])],
        })
    return result


def _reviews(reviews, audience):
    result = []
    for review in reviews:
        item = {"planned_for": _iso(review.scheduled_for), "held_on": _iso(review.held_on), "place": review.place}
        if audience.kind != CARER:
            item.update({
                "participation": review.participation.value if review.participation else None,
                "participation_name": str(PARTICIPATION_NAMES[review.participation]) if review.participation else None,
                "chaired": review.chaired, "attendees": review.attendee_roles})
        if audience.staff:
            item["staff_notes"] = review.staff_notes
        result.append(item)
    return result


def _episodes(young_person):
    return [{"started_on": _iso(e.started_on), "ended_on": _iso(e.ended_on), "legal_status": e.legal_status.value,
             "legal_status_name": str(LEGAL_STATUS_NAMES[e.legal_status])}
            for e in db.session.scalars(select(CareEpisode).where(CareEpisode.young_person_id == young_person.id)
                                        .order_by(CareEpisode.started_on, CareEpisode.id))]


def _support(young_person, audience, people):
    query = select(SupportRequest).where(SupportRequest.young_person_id == young_person.id)
    if audience.kind == CARER or audience.viewer.role == Role.IRO:
        # As on "My requests": a carer or an IRO follows only the requests they made themselves; a young
        # person's own words to an advocate are theirs, the service's and (for the service) an admin's.
        query = query.where(SupportRequest.requested_by_id == audience.viewer.id)
    requests = db.session.scalars(query.order_by(SupportRequest.created_at, SupportRequest.id)).all()
    if not requests:
        return []
    organisations = {o.id: o.name for o in db.session.scalars(select(Organisation))}
    events = {}
    for event in db.session.scalars(select(SupportEvent).where(SupportEvent.request_id.in_([r.id for r in requests]))
                                    .order_by(SupportEvent.occurred_at, SupportEvent.id)):
        events.setdefault(event.request_id, []).append({"step": event.kind.value, "at": _iso(event.occurred_at),
                                                        "note": event.note, "by": people.person(event.actor_id)})
    return [{"kind": r.kind.value, "reason": r.reason.value if r.reason else None, "details": r.details,
             "made_at": _iso(r.created_at), "made_by": people.person(r.requested_by_id), "on_behalf": r.on_behalf,
             "service": organisations.get(r.organisation_id), "status": r.status.value,
             "allocated_to": ({"name": r.allocated_name, "role": "support_worker", "role_name": None,
                               "third_party": True} if r.allocated_name else None),
             "steps": events.get(r.id, [])} for r in requests]


def _review_requests(young_person, people):
    return [{"asked_at": _iso(r.created_at), "reason": r.reason, "answered_at": _iso(r.answered_at), "answer": r.answer,
             "answered_by": people.person(r.answered_by_id), "review_planned": r.review_id is not None}
            for r in db.session.scalars(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id)
                                        .order_by(ReviewRequest.created_at, ReviewRequest.id))]


def _corrections(young_person, people):
    return [{"id": c.id, "part": c.part, "letter_id": c.letter_id, "decision_id": c.decision_id,
             "what_is_wrong": c.what_is_wrong, "asked_at": _iso(c.created_at), "outcome": c.outcome.value,
             "answer": c.answer, "answered_at": _iso(c.answered_at), "answered_by": people.person(c.answered_by_id)}
            for c in db.session.scalars(select(Correction).where(Correction.young_person_id == young_person.id)
                                        .order_by(Correction.created_at, Correction.id))]


def _safety_flags(young_person, people):
    flags = db.session.scalars(select(SafetyFlag).where(SafetyFlag.young_person_id == young_person.id)
                               .order_by(SafetyFlag.created_at, SafetyFlag.id)).all()
    actions = {}
    if flags:
        for action in db.session.scalars(select(FlagAction).where(FlagAction.flag_id.in_([f.id for f in flags]))
                                         .order_by(FlagAction.taken_at, FlagAction.id)):
            actions.setdefault(action.flag_id, []).append({
                "what": action.kind.value, "taken_at": _iso(action.taken_at), "with_whom": action.with_whom,
                "note": action.note, "recorded_by": people.person(action.recorded_by_id)})
    return [{"raised_at": _iso(f.created_at), "level": f.level, "question": f.question_key,
             "actions": actions.get(f.id, [])} for f in flags]


def _helpers(young_person, audience, people):
    """Who helped: the IRO, carers linked to the young person, and the carers of helping sessions."""
    carer_ids = set(db.session.scalars(select(CarerLink.carer_id).where(CarerLink.young_person_id == young_person.id)))
    carer_ids |= set(db.session.scalars(select(HelpSession.carer_id).join(
        Consultation, Consultation.id == HelpSession.consultation_id).where(Consultation.young_person_id == young_person.id)))
    if audience.kind == CARER:
        carer_ids = {audience.viewer.id}  # other carers are not this carer's to learn about
    people.load(carer_ids | {young_person.iro_id})
    helpers = [people.person(young_person.iro_id)]
    helpers += sorted((people.person(i) for i in carer_ids if people.person(i)), key=lambda p: p["name"])
    return [helper for helper in helpers if helper]


def _council_words(young_person, audience):
    """The young person's shared words, offered by the council to the young person alone (None for anyone else)."""
    provide = current_app.extensions.get("record_sections", {}).get("council")
    return provide(young_person, audience.viewer) if provide else None


def gather(young_person, audience: Audience, today: date, now: datetime) -> dict:
    """Everything this audience may receive about the young person, JSON-ready (see records.schema.json)."""
    people = _People(young_person)
    reviews = db.session.scalars(select(Review).where(Review.young_person_id == young_person.id)
                                 .order_by(Review.scheduled_for, Review.id)).all()
    reviews_by_id = {review.id: review for review in reviews}
    iro = young_person.iro
    record = {
        "schema": SCHEMA_ID,
        "made_for": audience.kind,
        "made_at": _iso(now),
        "made_by": people.person(audience.viewer.id) if audience.kind != YOUNG_PERSON else None,
        "service": current_app.config["SERVICE_NAME"],
        "young_person": {"first_name": young_person.first_name, "date_of_birth": _iso(young_person.date_of_birth),
                         "age": young_person.age(today), "case_reference": young_person.case_reference,
                         "iro": {"name": iro.display_name, "email": iro.email, "phone": iro.phone}},
        "helpers": _helpers(young_person, audience, people),
        "reviews": _reviews(reviews, audience),
        "consultations": _consultations(young_person, audience, people, reviews_by_id),
        "letters": _letters(young_person, audience, people, reviews_by_id),
        "support_requests": _support(young_person, audience, people),
    }
    if audience.kind == CARER:
        record["young_person"]["case_reference"] = None
        record.update({"episodes": [], "review_requests": [], "corrections": [], "safety_flags": [],
                       "council_words": None})
        return record
    record.update({
        "episodes": _episodes(young_person),
        "review_requests": _review_requests(young_person, people),
        "corrections": _corrections(young_person, people),
        "safety_flags": _safety_flags(young_person, people) if audience.staff else [],
        "council_words": _council_words(young_person, audience),
    })
    return record


def schema() -> dict:
    """The JSON Schema every export follows."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def as_zip(record: dict) -> bytes:
    """The export as one ZIP: a readable, self-contained page and the same as JSON (with its schema)."""
    page = render_template("records/export.html", record=record, words=WORDS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        fixed = (1980, 1, 1, 0, 0, 0)  # the same record gives the same bytes, whenever it is zipped
        for name, body in (("my-records.html", page),
                           ("my-records.json", json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)),
                           ("my-records.schema.json", SCHEMA_PATH.read_text(encoding="utf-8"))):
            info = zipfile.ZipInfo(name, date_time=fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body.encode("utf-8"))
    return buffer.getvalue()
