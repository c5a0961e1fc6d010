"""Whose objects a person may touch. Every query for a young person's data goes through here.

Not visible means not found: callers get 404, so nobody learns that another
child's record exists.

The loaders of what a young person wrote or was written (letters, answers about decisions,
support requests) audit every staff read themselves, so no route can show it unaudited.
"""

from flask import abort, g
from sqlalchemy import and_, exists, false, or_, select, true

from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.consultations import open_help
from portal.extensions import db
from portal.models import CarerLink, Consultation, Escalation, HelpSession, Role, SafetyFlag, YoungPerson
from portal.models.base import utcnow
from portal.models.letters import Decision, DecisionResponse, LetterSharing, LetterStatus, ReviewLetter
from portal.models.reviews import Review, ReviewRequest
from portal.models.support import SupportRequest
from portal.models.voice import Contribution, CouncilPermission, Moderation, MyContribution
from portal.security import privacy


def visible_young_people(user):
    """A SQL condition selecting the young people this user may see."""
    if not user.is_authenticated:
        return false()
    if user.role == Role.ADMIN:
        return true()
    if user.role == Role.IRO:
        return YoungPerson.iro_id == user.id
    if user.role == Role.YOUNG_PERSON:
        return YoungPerson.user_id == user.id
    if user.role == Role.CARER:
        return exists().where(
            CarerLink.young_person_id == YoungPerson.id, CarerLink.carer_id == user.id
        )
    return false()


def caseload_young_people(user):
    """A SQL condition selecting the young people on the caseloads this user may list.

    A service manager lists every IRO's caseload (names, ages, due dates, never anything a young
    person wrote), but opens no record: `visible_young_people` stays empty for them.
    """
    if user.is_authenticated and user.role == Role.MANAGER:
        return true()
    return visible_young_people(user)


def young_person_or_404(user, young_person_id):
    """The young person with this id if the user may see them; 404 otherwise."""
    found = db.session.scalar(
        select(YoungPerson).where(YoungPerson.id == young_person_id, visible_young_people(user))
    )
    if found is None:
        abort(404)
    return found


def own_young_person(user):
    """The young person record of a signed-in young person, or None (loaded with the user, once per request)."""
    loaded = g.get("own_young_person")
    if loaded is not None and loaded[0] == user.id:
        return loaded[1]
    return db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))


def _cares_for(carer, young_person_id) -> bool:
    return db.session.scalar(select(CarerLink.id).where(
        CarerLink.carer_id == carer.id, CarerLink.young_person_id == young_person_id)) is not None


def may_fill(user, consultation) -> bool:
    """The young person themselves, or a linked carer while their helping session is open (privacy rule 2)."""
    if user.role == Role.YOUNG_PERSON:
        return consultation.young_person.user_id == user.id
    if user.role == Role.CARER and _cares_for(user, consultation.young_person_id):
        return privacy.helping_session(consultation, user) is not None
    return False


def may_see_sent(user, consultation) -> bool:
    """The young person, or a carer who helped with some of it: the "sent" page and their own download."""
    if user.role == Role.YOUNG_PERSON:
        return consultation.young_person.user_id == user.id
    if user.role == Role.CARER and _cares_for(user, consultation.young_person_id):
        return consultation.helped_by_id == user.id
    return False


def _consultation(consultation_id):
    """A consultation with the helping sessions open on it, in one statement (the privacy model reads them)."""
    rows = db.session.execute(
        select(Consultation, HelpSession)
        .outerjoin(HelpSession, (HelpSession.consultation_id == Consultation.id) & open_help(utcnow()))
        .where(Consultation.id == consultation_id).order_by(HelpSession.id.desc())
    ).all()
    if not rows:
        return None
    consultation = rows[0][0]
    privacy.remember_open_sessions(consultation, [session for _consultation, session in rows if session is not None])
    return consultation


def consultation_to_fill_or_404(user, consultation_id):
    """A consultation the user may fill in now; 404 otherwise."""
    consultation = _consultation(consultation_id)
    if consultation is None or not may_fill(user, consultation):
        abort(404)
    return consultation


def consultation_to_see_or_404(user, consultation_id):
    """A consultation whose (readable) answers the user may see after sending; 404 otherwise."""
    consultation = _consultation(consultation_id)
    if consultation is None or not (may_fill(user, consultation) or may_see_sent(user, consultation)):
        abort(404)
    return consultation


def consultation_for_iro_or_404(user, consultation_id):
    """A consultation of a young person on this IRO's caseload, once sent or urgently flagged; 404 otherwise."""
    consultation = db.session.scalar(
        select(Consultation).join(YoungPerson, YoungPerson.id == Consultation.young_person_id)
        .where(Consultation.id == consultation_id, YoungPerson.iro_id == user.id)
    )
    if consultation is None or not privacy.iro_may_open(consultation):
        abort(404)
    return consultation


def _about_a_visible_young_person_or_404(user, model, object_id):
    """A row about a young person (it has `young_person_id`) that this IRO or admin may see; 404 otherwise."""
    if user.role not in (Role.IRO, Role.ADMIN):
        abort(404)
    found = db.session.scalar(
        select(model).join(YoungPerson, YoungPerson.id == model.young_person_id)
        .where(model.id == object_id, visible_young_people(user)))
    if found is None:
        abort(404)
    return found


def flag_for_staff_or_404(user, flag_id):
    """A safety flag about a young person this member of staff may see (an IRO's caseload, any for an admin); 404 otherwise."""
    return _about_a_visible_young_person_or_404(user, SafetyFlag, flag_id)


# Review letters. Staff see the letters of the young people they may see; a young person
# sees their own published letters; a carer sees a linked child's published letters only
# while the child is under 12 or has chosen to share them.
CARER_READS_LETTERS_UNDER_AGE = 12


def _born_after_for_age(age, today):
    """Someone born after this date is younger than `age` today."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - age, day=28)


def carer_may_read_letters(carer, today=None):
    """A SQL condition on YoungPerson: a child of this carer whose letters the carer may read."""
    cutoff = _born_after_for_age(CARER_READS_LETTERS_UNDER_AGE, today or local_today())
    shared = exists().where(LetterSharing.young_person_id == YoungPerson.id,
                            LetterSharing.share_letters_with_carer.is_(True))
    cared_for = exists().where(CarerLink.young_person_id == YoungPerson.id, CarerLink.carer_id == carer.id)
    return and_(cared_for, or_(YoungPerson.date_of_birth > cutoff, shared))


def readable_letters(user, today=None):
    """A SQL condition on ReviewLetter: the letters this user may read."""
    if not user.is_authenticated:
        return false()
    if user.role in (Role.IRO, Role.ADMIN):
        people = select(YoungPerson.id).where(visible_young_people(user))
        return ReviewLetter.young_person_id.in_(people)
    if user.role == Role.YOUNG_PERSON:
        people = select(YoungPerson.id).where(YoungPerson.user_id == user.id)
    elif user.role == Role.CARER:
        people = select(YoungPerson.id).where(carer_may_read_letters(user, today))
    else:
        return false()
    return and_(ReviewLetter.status == LetterStatus.PUBLISHED, ReviewLetter.young_person_id.in_(people))


def letter_or_404(user, letter_id, today=None):
    """A review letter this user may read (a staff read is audited); 404 otherwise."""
    letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.id == letter_id, readable_letters(user, today)))
    if letter is None:
        abort(404)
    record_view(user, letter.young_person_id, "letter", letter.id)
    return letter


def own_letter_or_404(user, letter_id):
    """One of a young person's own published letters; 404 otherwise (and for anyone else)."""
    if user.role != Role.YOUNG_PERSON:
        abort(404)
    return letter_or_404(user, letter_id)


def review_or_404(user, review_id):
    """A review of a young person this user may see; 404 otherwise."""
    review = db.session.scalar(
        select(Review).join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .where(Review.id == review_id, visible_young_people(user))
    )
    if review is None:
        abort(404)
    return review


def follow_up_or_404(user, response_id):
    """A young person's answer about a decision, for staff who may see that young person (audited); 404 otherwise."""
    if user.role not in (Role.IRO, Role.ADMIN):
        abort(404)
    response = db.session.scalar(
        select(DecisionResponse)
        .join(Decision, Decision.id == DecisionResponse.decision_id)
        .join(ReviewLetter, ReviewLetter.id == Decision.letter_id)
        .where(DecisionResponse.id == response_id, readable_letters(user))
    )
    if response is None:
        abort(404)
    record_view(user, response.young_person_id, "follow_up", response.id)
    return response


def followed_support_requests(user):
    """A SQL condition: the support requests a person follows on "My requests".

    A young person follows every request for them (whoever asked). A carer or IRO follows
    only the requests they made themselves, and only while the young person is still
    theirs: an older child's own words to an advocate are not theirs to read.
    """
    if not user.is_authenticated:
        return false()
    if user.role == Role.YOUNG_PERSON:
        return SupportRequest.young_person_id.in_(select(YoungPerson.id).where(YoungPerson.user_id == user.id))
    if user.role == Role.CARER:
        return (SupportRequest.requested_by_id == user.id) & exists().where(
            CarerLink.young_person_id == SupportRequest.young_person_id, CarerLink.carer_id == user.id)
    if user.role == Role.IRO:
        return (SupportRequest.requested_by_id == user.id) & SupportRequest.young_person_id.in_(
            select(YoungPerson.id).where(YoungPerson.iro_id == user.id))
    return false()


def followed_support_request_or_404(user, request_id):
    """A support request the user follows (a staff read is audited); 404 otherwise."""
    found = db.session.scalar(
        select(SupportRequest).where(SupportRequest.id == request_id, followed_support_requests(user)))
    if found is None:
        abort(404)
    record_view(user, found.young_person_id, "support_request", found.id)
    return found


def service_support_requests(user):
    """A SQL condition: the support requests a service's staff (only their own service's) or an admin (all) see."""
    if not user.is_authenticated:
        return false()
    if user.role == Role.ADMIN:
        return true()
    if user.role in (Role.ADVOCACY, Role.VISITOR) and user.organisation_id is not None:
        return SupportRequest.organisation_id == user.organisation_id
    return false()


def service_support_request_or_404(user, request_id):
    """A support request for the user's service (any, for an admin), the read audited; 404 otherwise."""
    found = db.session.scalar(
        select(SupportRequest).where(SupportRequest.id == request_id, service_support_requests(user)))
    if found is None:
        abort(404)
    record_view(user, found.young_person_id, "support_request", found.id)
    return found


# The Children in Care Council. Council accounts see figures and approved quotes; moderating and
# running campaigns need a permission an admin grants. A young person's sealed list of what they
# shared is read only for that young person.


def council_permission(user):
    """The council permissions of a council account, or None."""
    if not user.is_authenticated or user.role != Role.COUNCIL:
        return None
    return db.session.get(CouncilPermission, user.id)


def may_moderate(user) -> bool:
    """A council account with the moderator permission."""
    permission = council_permission(user)
    return bool(permission and permission.can_moderate)


def may_run_campaigns(user) -> bool:
    """A council account with the campaigns permission."""
    permission = council_permission(user)
    return bool(permission and permission.can_run_campaigns)


def may_post_updates(user) -> bool:
    """"You said, we did": an admin, or a council account with the campaigns permission."""
    return user.is_authenticated and (user.role == Role.ADMIN or may_run_campaigns(user))


def pending_contribution_or_404(user, token):
    """A contribution waiting for moderation, for a moderator; 404 for anything else."""
    if not may_moderate(user):
        abort(404)
    found = db.session.scalar(select(Contribution).where(Contribution.token == token,
                                                         Contribution.status == Moderation.PENDING))
    if found is None:
        abort(404)
    return found


def my_contribution_or_404(user, key):
    """One of a young person's own sealed rows (what they shared); 404 for anyone else's."""
    me = own_young_person(user) if user.is_authenticated and user.role == Role.YOUNG_PERSON else None
    found = db.session.scalar(select(MyContribution).where(MyContribution.id == key,
                                                           MyContribution.young_person_id == me.id)) if me else None
    if found is None:
        abort(404)
    return found


def review_request_or_404(user, request_id):
    """A young person's request for a sooner review, for staff who may see that young person (audited); 404 otherwise."""
    found = _about_a_visible_young_person_or_404(user, ReviewRequest, request_id)
    record_view(user, found.young_person_id, "review_request", found.id)
    return found


# Escalations: staff who may see the young person (an IRO their caseload, an admin everyone).


def visible_escalations(user):
    """A SQL condition on Escalation: those about young people this member of staff may see."""
    if not user.is_authenticated or user.role not in (Role.IRO, Role.ADMIN):
        return false()
    return Escalation.young_person_id.in_(select(YoungPerson.id).where(visible_young_people(user)))


def escalation_or_404(user, escalation_id):
    """An escalation about a young person this member of staff may see (audited); 404 otherwise."""
    found = _about_a_visible_young_person_or_404(user, Escalation, escalation_id)
    record_view(user, found.young_person_id, "escalation", found.id)
    return found
