"""What each role's home page shows."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.i18n import find_string_id
from portal.models import ReviewRequest, TranslationReport, YoungPerson
from portal.security.policy import caseload_young_people

SAMARITANS_FROM_AGE = 16


def shows_samaritans(me, today) -> bool:
    """Samaritans is listed for young people aged 16 or over, and for everyone else (carers, staff, visitors)."""
    return me is None or me.age(today) >= SAMARITANS_FROM_AGE


def caseload_size(user) -> int:
    """How many young people this person may see (for an IRO: their caseload)."""
    return db.session.scalar(select(func.count(YoungPerson.id)).where(caseload_young_people(user)))


def open_review_request(young_person) -> ReviewRequest | None:
    """The young person's newest request for a sooner review that their IRO has not answered yet."""
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id,
                                                         ReviewRequest.answered_at.is_(None))
                             .order_by(ReviewRequest.created_at.desc()).limit(1))


def last_answered_request(young_person) -> ReviewRequest | None:
    """The young person's newest answered request, to show them what their IRO said."""
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.young_person_id == young_person.id,
                                                         ReviewRequest.answered_at.is_not(None))
                             .order_by(ReviewRequest.answered_at.desc()).limit(1))


def ask_for_review_sooner(young_person, reason: str | None) -> ReviewRequest:
    """Ask the IRO to bring the review forward (one open request at a time: asking again adds the new words)."""
    request = open_review_request(young_person)
    if request is None:
        request = ReviewRequest(young_person_id=young_person.id)
        db.session.add(request)
    request.reason = (reason or "").strip() or request.reason
    db.session.commit()
    return request


def report_translation_problem(locale: str, page: str, words: str, suggestion: str | None) -> TranslationReport:
    """Keep a report of a wrong sentence for the admin, with the string it came from when it can be found."""
    report = TranslationReport(locale=locale, page=page[:300], words=words,
                               suggestion=suggestion or None, string_id=find_string_id(locale, words))
    db.session.add(report)
    db.session.commit()
    return report
