"""Rules of "See my records" and "That's not right about me": who may download what, and correction requests.

A young person says part of a letter (the letter, or one decision) or of their record is wrong, in
their own words (encrypted). Their IRO is told, without any content, through the outbox; the IRO
corrects it where it is kept (a letter is corrected through its own pages) and answers, marking it
"corrected" or "not changed"; the young person sees the answer on their records page.
"""

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from portal.core.audit import record_view
from portal.core.outbox import notify
from portal.dates import format_date
from portal.extensions import db
from portal.models import CarerLink, Correction, CorrectionOutcome, Decision, ReviewLetter, Role, YoungPerson
from portal.models.base import utcnow
from portal.models.letters import LetterStatus
from portal.models.young_people import age_on
from portal.security.policy import visible_young_people

# A carer may download the records of a child they care for until the child's 12th birthday; from
# then on the young person downloads their own (as with letters, where 12 is when a child decides).
CARER_EXPORT_UNDER_AGE = 12

# Parts of the record a young person can say are wrong, besides a letter or one of its decisions.
RECORD_PARTS = {
    "details": _l("My details (my name, my date of birth)"),
    "reviews": _l("My reviews (dates, places, who came)"),
    "care": _l("My time in care"),
    "requests": _l("My requests for an advocate, an Independent Visitor or a sooner review"),
    "other": _l("Something else about me"),
}
OUTCOME_NAMES = {
    CorrectionOutcome.OPEN: _l("Waiting for your IRO"),
    CorrectionOutcome.CORRECTED: _l("Corrected"),
    CorrectionOutcome.NOT_CHANGED: _l("Not changed"),
}


def carer_may_export(carer, young_person, today) -> bool:
    """Whether this carer may download the records of this child they care for (under 12 only)."""
    linked = db.session.scalar(select(CarerLink.id).where(CarerLink.carer_id == carer.id,
                                                          CarerLink.young_person_id == young_person.id))
    return linked is not None and age_on(young_person.date_of_birth, today) < CARER_EXPORT_UNDER_AGE


def carer_children(carer, today) -> list[tuple[YoungPerson, bool]]:
    """The children this carer cares for, each with whether the carer may download their records."""
    children = db.session.scalars(select(YoungPerson).join(CarerLink, CarerLink.young_person_id == YoungPerson.id)
                                  .where(CarerLink.carer_id == carer.id).order_by(YoungPerson.first_name, YoungPerson.id))
    return [(child, age_on(child.date_of_birth, today) < CARER_EXPORT_UNDER_AGE) for child in children]


# ---- "That's not right about me" -----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Something a young person can say is wrong: a value for the form, and what they read."""

    value: str
    label: str
    part: str
    letter_id: int | None = None
    decision_id: int | None = None


def targets(young_person) -> list[Target]:
    """What this young person can flag: each published letter and its decisions, then each part of the record."""
    letters = db.session.scalars(select(ReviewLetter).where(
        ReviewLetter.young_person_id == young_person.id, ReviewLetter.status == LetterStatus.PUBLISHED)
        .order_by(ReviewLetter.published_at.desc(), ReviewLetter.id.desc())).all()
    decisions = {}
    if letters:
        for decision in db.session.scalars(select(Decision).where(Decision.letter_id.in_([letter.id for letter in letters]))
                                           .order_by(Decision.letter_id, Decision.position)):
            decisions.setdefault(decision.letter_id, []).append(decision)
    found = []
    for letter in letters:
        day = format_date(letter.published_at, "long")
        found.append(Target(f"letter-{letter.id}", _("The letter of %(day)s", day=day), "letter", letter.id))
        for decision in decisions.get(letter.id, []):
            found.append(Target(f"decision-{decision.id}",
                                _("Decision %(number)s in the letter of %(day)s", number=decision.position, day=day),
                                "decision", letter.id, decision.id))
    found += [Target(f"record-{key}", str(label), key) for key, label in RECORD_PARTS.items()]
    return found


def ask_for_correction(young_person, target: Target, words: str) -> Correction:
    """Record what the young person says is wrong and tell their IRO (no content in the email)."""
    correction = Correction(young_person_id=young_person.id, part=target.part, letter_id=target.letter_id,
                            decision_id=target.decision_id, what_is_wrong=words.strip())
    db.session.add(correction)
    notify(young_person.iro, "correction_requested")
    db.session.commit()
    return correction


def my_corrections(young_person) -> list[Correction]:
    """The young person's requests, newest first."""
    return db.session.scalars(select(Correction).where(Correction.young_person_id == young_person.id)
                              .order_by(Correction.created_at.desc(), Correction.id.desc())).all()


def mark_answers_seen(young_person):
    """The young person has read the answers shown to them."""
    db.session.execute(update(Correction).where(
        Correction.young_person_id == young_person.id, Correction.answered_at.is_not(None),
        Correction.answer_seen_at.is_(None)).values(answer_seen_at=utcnow()))
    db.session.commit()


def target_label(correction, labels: dict[str, str]) -> str:
    """What a stored request is about, in words (from `targets`, or the record part's name)."""
    if correction.part == "decision":
        return labels.get(f"decision-{correction.decision_id}", str(_l("A decision in a letter")))
    if correction.part == "letter":
        return labels.get(f"letter-{correction.letter_id}", str(_l("A letter")))
    return str(RECORD_PARTS.get(correction.part, RECORD_PARTS["other"]))


def open_corrections(user) -> list[tuple[Correction, YoungPerson]]:
    """Requests waiting for an answer about the young people this member of staff may see, oldest first."""
    return db.session.execute(
        select(Correction, YoungPerson).join(YoungPerson, YoungPerson.id == Correction.young_person_id)
        .where(visible_young_people(user), Correction.outcome == CorrectionOutcome.OPEN)
        .order_by(Correction.created_at, Correction.id)).all()


def open_count(user, young_person_id=None) -> int:
    """How many requests wait for this member of staff (about one young person, when given)."""
    query = select(func.count(Correction.id)).join(YoungPerson, YoungPerson.id == Correction.young_person_id).where(
        visible_young_people(user), Correction.outcome == CorrectionOutcome.OPEN)
    if young_person_id is not None:
        query = query.where(Correction.young_person_id == young_person_id)
    return db.session.scalar(query)


def correction_for_staff_or_404(user, correction_id) -> Correction:
    """A request about a young person this member of staff may see (the read is audited); 404 otherwise."""
    correction = db.session.scalar(select(Correction).join(YoungPerson, YoungPerson.id == Correction.young_person_id)
                                   .where(Correction.id == correction_id, visible_young_people(user)))
    if correction is None:
        abort(404)
    record_view(user, correction.young_person_id, "correction", correction.id)
    return correction


def answer_correction(correction, user, outcome: CorrectionOutcome, answer: str) -> bool:
    """Answer a request once: corrected or not changed, with words the young person reads. False if already answered."""
    if not correction.is_open or outcome == CorrectionOutcome.OPEN:
        return False
    changed = db.session.execute(update(Correction).where(
        Correction.id == correction.id, Correction.outcome == CorrectionOutcome.OPEN).values(
        outcome=outcome, answer=answer.strip(), answered_at=utcnow(), answered_by_id=user.id)).rowcount
    if not changed:  # someone else answered a moment ago
        db.session.rollback()
        return False
    young_person = db.session.get(YoungPerson, correction.young_person_id)
    if young_person.user is not None and young_person.user.role == Role.YOUNG_PERSON:
        notify(young_person.user, "correction_answered")
    db.session.commit()
    return True
