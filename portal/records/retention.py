"""Retention: how long the portal keeps a young person's records after they leave care, and removing them after.

The rule (settings RETENTION_UNTIL_AGE, default 25, and RETENTION_YEARS_AFTER_CARE, default 0): once
every care episode of a young person has ended, their records are kept until their 25th birthday (or
that many years after they left care, if later), then removed. A young person still in care, or with
no recorded care episode, is never due: the portal cannot know they have left.

Removing keeps what the figures count and nothing that says who or what was said:
- deleted: every answer and "one more thing" (encrypted words), their "That's not right" requests,
  kept typing, their carers' links and letter-sharing choice, and, through the council's own eraser
  ("record_erasers" registry), their sealed council pointers and anything still queued. The council's
  anonymous contributions stay: nothing links them to anyone any more.
- emptied: every encrypted text about them (letters and decisions, review places and notes,
  recommendations, requests, support requests and their steps, safety flag actions, episode reasons).
- kept, anonymised: the young person row (first name removed, birthday moved to 1 January of the same
  year so age bands still count, case reference removed), their reviews' dates and participation
  codes, consultations' dates and status, letters' dates, support requests' dates and statuses,
  safety flags' dates and levels, episodes' dates and legal statuses; their account is closed and
  its name, email and phone removed. The audit log, which holds no content, stays as it is.

The statutory case record lives in the council's case system: what was exported there stays there.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import delete, select, update

from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import (
    Addition,
    Answer,
    CareEpisode,
    CarerLink,
    Consultation,
    ContactPreference,
    Correction,
    Decision,
    DecisionResponse,
    DecisionUpdate,
    FlagAction,
    Invitation,
    KeptForm,
    LetterSharing,
    LetterTranslation,
    LetterVersion,
    Passkey,
    Recommendation,
    Review,
    ReviewLetter,
    ReviewRequest,
    SafetyFlag,
    SupportEvent,
    SupportRequest,
    User,
    YoungPerson,
)
from portal.models.letters import SECTIONS
from portal.models.people import new_session_token

REMOVED_NAME = "—"


@dataclass
class Due:
    """A young person whose records are (or will soon be) past their date."""

    young_person: YoungPerson
    left_care_on: date
    keep_until: date
    removed: dict[str, int] = field(default_factory=dict)


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


def keep_until(born: date, left_care_on: date, until_age: int, years_after_care: int) -> date:
    """The last day the records are kept: the later of the birthday and the years after leaving care."""
    return max(_birthday(born, until_age), _birthday(left_care_on, years_after_care))


def _settings():
    config = current_app.config
    return config["RETENTION_UNTIL_AGE"], config["RETENTION_YEARS_AFTER_CARE"]


def schedule(today: date, within_days: int = 0) -> list[Due]:
    """Young people who have left care and whose records are past their date by today (or within_days of it).

    Sorted by date, then id, so a dry run and the admin page list them in a stable order.
    """
    until_age, years_after = _settings()
    episodes = {}
    for young_person_id, ended_on in db.session.execute(
            select(CareEpisode.young_person_id, CareEpisode.ended_on)
            .join(YoungPerson, YoungPerson.id == CareEpisode.young_person_id)
            .where(YoungPerson.anonymised_at.is_(None))):
        episodes.setdefault(young_person_id, []).append(ended_on)
    left = {person_id: max(ends) for person_id, ends in episodes.items() if all(end is not None for end in ends)}
    if not left:
        return []
    due = []
    horizon = date.fromordinal(today.toordinal() + within_days)
    for person in db.session.scalars(select(YoungPerson).where(YoungPerson.id.in_(left))):
        until = keep_until(person.date_of_birth, left[person.id], until_age, years_after)
        if until <= horizon:
            due.append(Due(person, left[person.id], until))
    return sorted(due, key=lambda item: (item.keep_until, item.young_person.id))


def _empty(model, where, **values):
    return db.session.execute(update(model).where(where).values(**values)).rowcount


def _delete(model, where):
    return db.session.execute(delete(model).where(where)).rowcount


def anonymise(person: YoungPerson, now: datetime) -> dict[str, int]:
    """Remove what identifies one young person and every word about them, keeping what the figures count.

    Runs in the caller's transaction (the caller commits), so a failure removes nothing.
    """
    yp = person.id
    consultations = select(Consultation.id).where(Consultation.young_person_id == yp)
    letters = select(ReviewLetter.id).where(ReviewLetter.young_person_id == yp)
    decisions = select(Decision.id).where(Decision.letter_id.in_(letters))
    reviews = select(Review.id).where(Review.young_person_id == yp)
    requests = select(SupportRequest.id).where(SupportRequest.young_person_id == yp)
    flags = select(SafetyFlag.id).where(SafetyFlag.young_person_id == yp)
    removed = {
        "answers": _delete(Answer, Answer.consultation_id.in_(consultations)),
        "additions": _delete(Addition, Addition.consultation_id.in_(consultations)),
        "corrections": _delete(Correction, Correction.young_person_id == yp),
        "carer_links": _delete(CarerLink, CarerLink.young_person_id == yp),
        "letter_sharing": _delete(LetterSharing, LetterSharing.young_person_id == yp),
        "letters": _empty(ReviewLetter, ReviewLetter.young_person_id == yp, **dict.fromkeys(SECTIONS)),
        # Every version of a corrected letter holds the same words as the letter did.
        "letter_versions": _empty(LetterVersion, LetterVersion.letter_id.in_(letters), decisions=None, what_changed=None,
                                  **dict.fromkeys(SECTIONS)),
        "letter_translations": _delete(LetterTranslation, LetterTranslation.letter_id.in_(letters)),
        "decisions": _empty(Decision, Decision.id.in_(decisions), what="", who=""),
        "decision_updates": _empty(DecisionUpdate, DecisionUpdate.letter_id.in_(letters), note=None),
        "decision_responses": _empty(DecisionResponse, DecisionResponse.young_person_id == yp, comment=None, reply=None),
        "reviews": _empty(Review, Review.young_person_id == yp, place=None, staff_notes=None, lateness_note=None),
        "recommendations": _empty(Recommendation, Recommendation.review_id.in_(reviews), what="", who=""),
        "review_requests": _empty(ReviewRequest, ReviewRequest.young_person_id == yp, reason=None, answer=None),
        "support_requests": _empty(SupportRequest, SupportRequest.young_person_id == yp, details=None,
                                   contact_details=None, contact_when=None, allocated_name=None),
        "support_steps": _empty(SupportEvent, SupportEvent.request_id.in_(requests), note=None),
        "flag_actions": _empty(FlagAction, FlagAction.flag_id.in_(flags), with_whom=None, note=None),
        "episodes": _empty(CareEpisode, CareEpisode.young_person_id == yp, end_reason=None),
        "invitations": _empty(Invitation, Invitation.young_person_id == yp, display_name=REMOVED_NAME, email=None),
    }
    council = 0
    for erase in current_app.extensions.get("record_erasers", {}).values():
        council += erase(person)
    removed["council_pointers"] = council
    if person.user_id is not None:
        removed["kept_forms"] = _delete(KeptForm, KeptForm.user_id == person.user_id)
        removed["passkeys"] = _delete(Passkey, Passkey.user_id == person.user_id)
        # Their mobile number or email for reminders (encrypted, but theirs to lose with the rest).
        removed["contact"] = _delete(ContactPreference, ContactPreference.user_id == person.user_id)
        # The account row stays (other rows point at it) but can never sign in and names nobody.
        _empty(User, User.id == person.user_id, username=f"removed-{person.user_id}", display_name=REMOVED_NAME,
               email=None, phone=None, active=False, locale=None, session_token=new_session_token(),
               password_hash=hash_password(new_session_token()))
    person.first_name = REMOVED_NAME
    person.date_of_birth = date(person.date_of_birth.year, 1, 1)
    person.case_reference = None
    person.anonymised_at = now
    return removed


def apply(today: date, now: datetime) -> list[Due]:
    """Anonymise every young person past their date, one transaction each; returns what was done."""
    done = []
    for item in schedule(today):
        item.removed = anonymise(item.young_person, now)
        db.session.commit()
        done.append(item)
    return done
