"""Who reads what a young person writes: the one privacy model, and the words the child reads about it.

The rules, in the words a child reads (WHO_READS below is what the screens show, so the words
cannot drift from the code that keeps them):

1. What a young person writes alone is read by their IRO only after they send it. Until then
   they can change or delete anything.
2. A carer never sees what a young person writes alone, whatever their age. Helping is a
   session: a carer starts "let's do this together", the young person sees who is helping on
   every screen and can end it, and only the answers given through the carer's account while
   it is open are the carer's to read (recorded as "helped by").
3. The one exception is danger: an answer that raises an urgent safety flag is seen by the IRO
   at once, before it is sent. The young person is told so at that moment.
4. The Children in Care Council sees only the answers the young person chooses to share, with no
   name (portal/voice/__init__.py explains how that holds against the database too).

Every read of answers for display goes through `readable_answers`; the access to a form goes
through `may_fill` in portal/security/policy.py, which asks `helping_session` here.
"""

from datetime import datetime, timedelta

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.consultations import open_help
from portal.extensions import db
from portal.models import Addition, Answer, ConsultationStatus, HelpSession, Role, SafetyFlag
from portal.models.base import utcnow

# A session nobody has used for this long has ended by itself: a phone left on the kitchen table
# must not keep a carer's view of the form open.
HELP_SESSION_IDLE = timedelta(hours=2)
URGENT = "urgent"

# What the young person reads about who reads their answers: open on the start page, one line on
# every question. Each line is one of the rules above.
WHO_READS = (
    _l("Your IRO reads your answers only when you send them. Until then you can change anything."),
    _l("Your carer never sees what you write on your own. If they help you, they see only the answers you give together."),
    _l("The one exception: if you tell us you might not be safe, your IRO sees that answer straight away, "
       "so they can make sure you are OK."),
    _l("The Children in Care Council only sees answers you choose to share, and never your name."),
)
WHO_READS_SHORT = _l("Only your IRO reads this, when you send it. Not your carer, unless they are helping you now.")


def told_at_once(iro_name: str | None) -> str:
    """What the young person is told when an answer raises an urgent flag: the exception, at that moment."""
    if iro_name:
        return _("Because you told us you might not be safe, %(name)s, your IRO, will see this answer now, "
                 "before you send it.", name=iro_name)
    return _("Because you told us you might not be safe, your IRO will see this answer now, before you send it.")


def open_sessions(consultation, now: datetime | None = None) -> list[HelpSession]:
    """The helping sessions open on this consultation, newest first (read once per request)."""
    if consultation.status != ConsultationStatus.IN_PROGRESS:
        return []
    known = g.setdefault("help_sessions", {})
    if consultation.id not in known:
        known[consultation.id] = list(db.session.scalars(
            select(HelpSession).where(HelpSession.consultation_id == consultation.id, open_help(now or utcnow()))
            .order_by(HelpSession.id.desc())))
    return known[consultation.id]


def remember_open_sessions(consultation, sessions):
    """Open sessions already loaded with the consultation (portal.core.consultations.next_review_of)."""
    if consultation is not None:
        g.setdefault("help_sessions", {})[consultation.id] = list(sessions)


def _forget_sessions(consultation):
    g.setdefault("help_sessions", {}).pop(consultation.id, None)


def told_when_sent(iro_name: str | None) -> str:
    """What the young person is told when an answer is a worry but not urgent: it waits until they send it."""
    if iro_name:
        return _("Thank you for telling us. %(name)s, your IRO, will look at this soon after you send your answers.",
                 name=iro_name)
    return _("Thank you for telling us. Your IRO will look at this soon after you send your answers.")


def helping_session(consultation, carer=None) -> HelpSession | None:
    """The open helping session on this consultation (of this carer, when given), or None."""
    return next((session for session in open_sessions(consultation)
                 if carer is None or session.carer_id == carer.id), None)


def start_helping(consultation, carer) -> HelpSession:
    """Open (or carry on with) this carer's helping session."""
    session = helping_session(consultation, carer)
    if session is None:
        session = HelpSession(consultation_id=consultation.id, carer_id=carer.id, expires_at=utcnow() + HELP_SESSION_IDLE)
        db.session.add(session)
        _forget_sessions(consultation)
    consultation.helped_by_id = carer.id
    return session


def keep_helping_alive(session):
    """Each answer saved while helping moves the session's end on."""
    session.expires_at = utcnow() + HELP_SESSION_IDLE


def end_helping(consultation, ended_by):
    """End every open helping session on this consultation (the carer or the young person asked)."""
    now = utcnow()
    for session in db.session.scalars(select(HelpSession).where(
            HelpSession.consultation_id == consultation.id, HelpSession.ended_at.is_(None))):
        session.ended_at = now
        session.ended_by_id = ended_by.id
    _forget_sessions(consultation)


def urgent_question_keys(consultation) -> set[str]:
    """The questions whose answers raised an urgent safety flag."""
    return set(db.session.scalars(select(SafetyFlag.question_key).where(
        SafetyFlag.consultation_id == consultation.id, SafetyFlag.level == URGENT)))


def readable_answers(user, consultation) -> dict[str, Answer]:
    """The answers of a consultation this user may read, by question key: the one gate for showing answers.

    The young person: all their own. A carer: only answers given in their helping sessions.
    The IRO (and an admin): all once sent; before that, only answers that raised an urgent flag.
    """
    query = select(Answer).where(Answer.consultation_id == consultation.id)
    if user.role == Role.YOUNG_PERSON:
        if consultation.young_person.user_id != user.id:
            return {}
    elif user.role == Role.CARER:
        query = query.where(Answer.helped_by_id == user.id)
    elif user.role in (Role.IRO, Role.ADMIN):
        if consultation.status != ConsultationStatus.SENT:
            keys = urgent_question_keys(consultation)
            if not keys:
                return {}
            query = query.where(Answer.question_key.in_(keys))
    else:
        return {}
    return {answer.question_key: answer for answer in db.session.scalars(query)}


def readable_additions(user, consultation) -> list[Addition]:
    """"One more thing" notes this user may read: as for answers (they are only possible once sent)."""
    query = select(Addition).where(Addition.consultation_id == consultation.id).order_by(Addition.created_at, Addition.id)
    if user.role == Role.YOUNG_PERSON:
        if consultation.young_person.user_id != user.id:
            return []
    elif user.role == Role.CARER:
        query = query.where(Addition.helped_by_id == user.id)
    elif user.role in (Role.IRO, Role.ADMIN):
        if consultation.status != ConsultationStatus.SENT:
            return []
    else:
        return []
    return list(db.session.scalars(query))


def iro_may_open(consultation) -> bool:
    """The IRO may open a consultation once it is sent, or before that when something urgent was raised."""
    return consultation.status == ConsultationStatus.SENT or bool(urgent_question_keys(consultation))
