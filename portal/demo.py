"""Demo accounts and records, loaded idempotently by `flask demo-data`."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from portal.core import timetable
from portal.core.escalations import respond_by
from portal.core.passwords import hash_password
from portal.core.timetable import add_months, due_by
from portal.core.working_days import add_working_days, is_working_day
from portal.extensions import db
from portal.models import (
    AgeBand,
    CareEpisode,
    CarerLink,
    Consultation,
    ConsultationStatus,
    Contribution,
    ContributionTheme,
    CouncilPermission,
    Escalation,
    EscalationCategory,
    EscalationKind,
    EscalationOutcome,
    EscalationStage,
    EscalationStep,
    LatenessReason,
    LegalStatus,
    Moderation,
    Organisation,
    OrganisationKind,
    Participation,
    Recommendation,
    Review,
    ReviewLetter,
    Role,
    SafetyFlag,
    Source,
    User,
    YoungPerson,
)
from portal.models.letters import LetterStatus
from portal.models.support import SupportKind, SupportRequest, SupportStatus
from portal.models.young_people import age_band

PASSWORD = "demo-pass-2026"

ACCOUNTS = [
    ("demo-child", "young person, 14 (IRO: demo-iro)"),
    ("demo-child-2", "young person, 9 (IRO: demo-iro; carer: demo-carer)"),
    ("demo-child-3", "young person, 15 (IRO: demo-iro-2)"),
    ("demo-carer", "carer of demo-child-2 and of Sam, 6"),
    ("demo-iro", "IRO of demo-child, demo-child-2 and Sam"),
    ("demo-iro-2", "IRO of demo-child-3"),
    ("demo-advocacy", "advocacy service staff"),
    ("demo-visitor", "Independent Visitor service staff"),
    ("demo-council", "Children in Care Council member"),
    ("demo-admin", "admin"),
    ("demo-manager", "service manager: the figures and every caseload, read-only"),
]


def _birthday(age, today):
    """A date of birth giving this age today, with the birthday a few months away."""
    month_later = today + timedelta(days=100)
    try:
        return month_later.replace(year=month_later.year - age - 1)
    except ValueError:  # 29 February
        return (month_later - timedelta(days=1)).replace(year=month_later.year - age - 1)


def _user(username, role, name, **extra):
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, role=role, display_name=name, password_hash=hash_password(PASSWORD))
        db.session.add(user)
    user.role, user.display_name, user.active = role, name, True
    for key, value in extra.items():
        setattr(user, key, value)
    db.session.flush()
    return user


def _organisation(name, kind, email):
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name, kind=kind, email=email)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def _young_person(first_name, age, iro, user, reference, today):
    query = select(YoungPerson).where(YoungPerson.case_reference == reference)
    person = db.session.scalar(query)
    if person is None:
        person = YoungPerson(first_name=first_name, case_reference=reference, date_of_birth=_birthday(age, today),
                             iro_id=iro.id)
        db.session.add(person)
    person.first_name, person.iro_id, person.user_id = first_name, iro.id, user.id if user else None
    person.date_of_birth = _birthday(age, today)
    db.session.flush()
    return person


def _upcoming_review(person, days_ahead, place, lateness=None):
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    now = datetime.now(zone)
    has_one = db.session.scalar(select(Review.id).where(
        Review.young_person_id == person.id, Review.held_on.is_(None), Review.scheduled_for >= now))
    if has_one is None:
        when = datetime.combine(now.date() + timedelta(days=days_ahead), time(16, 0), tzinfo=zone)
        db.session.add(Review(young_person_id=person.id, scheduled_for=when, place=place, lateness_reason=lateness,
                              lateness_note="Waiting for the social worker's report." if lateness else None))


def _working_days_before(day, count):
    """The day `count` working days before `day` (so that `count` working days later is `day`)."""
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _episode(person, started_on, legal_status):
    """A care episode, unless the young person already has one (so loading twice changes nothing)."""
    episode = db.session.scalar(select(CareEpisode).where(CareEpisode.young_person_id == person.id))
    if episode is None:
        episode = CareEpisode(young_person_id=person.id, started_on=started_on, legal_status=legal_status)
        db.session.add(episode)
        db.session.flush()
    return episode


# Alex's held reviews: (days before or after the due date, how Alex took part, chaired, why it was late,
# recommendations as (what, who, days after the review)).
ALEX_REVIEWS = [
    (-5, Participation.PN1, "no", None,
     [("Alex will have a life story book started.", "Social worker", 60)]),
    (9, Participation.PN6, "no", LatenessReason.KEY_PERSON_UNAVAILABLE,
     [("Alex will see Sam every month.", "Social worker", 30),
      ("Alex will join the football club on Saturdays.", "Carer", 45)]),
    (-7, Participation.PN1, "co_chaired", None,
     [("Alex will get help with maths at school.", "Designated teacher", 40)]),
]


def _held_reviews(person, episode, iro, today):
    """Alex's three held reviews in this episode (the second late, with a reason), unless any review is held."""
    held = db.session.scalar(select(Review.id).where(Review.young_person_id == person.id,
                                                     Review.held_on.is_not(None)).limit(1))
    if held is not None:
        return
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    days = []
    for offset, participation, chaired, lateness, recommendations in ALEX_REVIEWS:
        day = due_by(episode.started_on, days) + timedelta(days=offset)
        while not is_working_day(day):  # reviews are held on working days
            day -= timedelta(days=1)
        if day >= today:  # never a held review in the future, whatever today is
            break
        planned = datetime.combine(day, time(16, 0), tzinfo=zone)
        review = Review(young_person_id=person.id, scheduled_for=planned, place="Home", held_on=day,
                        created_at=planned - timedelta(days=30), lateness_reason=lateness,
                        lateness_note="The social worker was on leave." if lateness else None,
                        participation=participation, chaired=chaired, seen_before="in_person",
                        attendees="young_person,carer,social_worker", parents="views_given",
                        care_plan_endorsed=True, recorded_at=planned, recorded_by_id=iro.id)
        if not days:  # the first review of the episode: the checklist
            review.knows_why_in_care = review.knows_how_to_get_advocate = review.knows_how_to_complain = True
        review.recommendations = [Recommendation(position=number, what=what, who=who,
                                                 by_when=day + timedelta(days=after))
                                  for number, (what, who, after) in enumerate(recommendations, start=1)]
        db.session.add(review)
        days.append(day)


def _link(carer, person):
    exists = db.session.scalar(select(CarerLink.id).where(
        CarerLink.carer_id == carer.id, CarerLink.young_person_id == person.id))
    if exists is None:
        db.session.add(CarerLink(carer_id=carer.id, young_person_id=person.id))


def _council_permissions(member):
    """The demo council member moderates and runs campaigns."""
    permission = db.session.get(CouncilPermission, member.id)
    if permission is None:
        permission = CouncilPermission(user_id=member.id)
        db.session.add(permission)
    permission.can_moderate = permission.can_run_campaigns = True


def _step(stage, asked, asked_on, answer=None, answered_on=None, resolved=None):
    return EscalationStep(stage=stage, asked=asked, asked_on=asked_on, respond_by=respond_by(asked_on),
                          response=answer, responded_on=answered_on, resolved=resolved)


def _escalations(iro, alex, jordan, sam, today):
    """demo-iro's escalations: one informal and resolved, one formal at stage 2 (its answer overdue), one closed
    not resolved. Made once: an IRO may since have changed them."""
    if db.session.scalar(select(Escalation.id).where(Escalation.raised_by_id == iro.id).limit(1)) is not None:
        return
    team_manager, service_manager = "Jo Bloggs, team manager", "Lee Patel, service manager"
    E, C, S = EscalationKind, EscalationCategory, EscalationStage
    informal = Escalation(
        young_person_id=alex.id, raised_by_id=iro.id, kind=E.INFORMAL, category=C.EDUCATION, stage=S.TEAM_MANAGER,
        raised_on=today - timedelta(days=40), concern="No school place agreed for September.",
        outcome=EscalationOutcome.RESOLVED, closed_on=today - timedelta(days=38), closed_by_id=iro.id)
    informal.steps = [_step(S.TEAM_MANAGER, team_manager, today - timedelta(days=40),
                            "A place at Northfield is confirmed.", today - timedelta(days=38), True)]
    at_stage_2 = Escalation(
        young_person_id=jordan.id, raised_by_id=iro.id, kind=E.FORMAL, category=C.REVIEW_DECISIONS,
        stage=S.SERVICE_MANAGER, raised_on=today - timedelta(days=20),
        concern="Sibling contact agreed at the last review has not started.")
    at_stage_2.steps = [
        _step(S.TEAM_MANAGER, team_manager, today - timedelta(days=20), "We are short of contact supervisors.",
              today - timedelta(days=15), False),
        _step(S.SERVICE_MANAGER, service_manager, today - timedelta(days=14))]
    not_resolved = Escalation(
        young_person_id=sam.id, raised_by_id=iro.id, kind=E.FORMAL, category=C.PLACEMENT, stage=S.TEAM_MANAGER,
        raised_on=today - timedelta(days=90), concern="The placement plan has not been updated.",
        outcome=EscalationOutcome.NOT_RESOLVED, closed_on=today - timedelta(days=60), closed_by_id=iro.id)
    not_resolved.steps = [_step(S.TEAM_MANAGER, team_manager, today - timedelta(days=90),
                                "Not possible before the court hearing.", today - timedelta(days=80), False)]
    db.session.add_all([informal, at_stage_2, not_resolved])


def load():
    """Create or refresh every demo account and record."""
    today = date.today()
    advocacy = _organisation("Demo Advocacy Service", OrganisationKind.ADVOCACY, "advocacy@example.org")
    visitors = _organisation("Demo Independent Visitor Service", OrganisationKind.INDEPENDENT_VISITOR,
                             "visitors@example.org")
    iro = _user("demo-iro", Role.IRO, "Priya Shah", email="iro@example.org", phone="01632 960 001")
    iro_2 = _user("demo-iro-2", Role.IRO, "Tom Okafor", email="iro2@example.org", phone="01632 960 002")
    child = _user("demo-child", Role.YOUNG_PERSON, "Alex")
    child_2 = _user("demo-child-2", Role.YOUNG_PERSON, "Jordan")
    child_3 = _user("demo-child-3", Role.YOUNG_PERSON, "Casey")
    carer = _user("demo-carer", Role.CARER, "Morgan Ellis")
    _user("demo-advocacy", Role.ADVOCACY, "Sam Rivers", organisation_id=advocacy.id, email="a@example.org")
    _user("demo-visitor", Role.VISITOR, "Robin Lee", organisation_id=visitors.id, email="v@example.org")
    council = _user("demo-council", Role.COUNCIL, "Jamie Council")
    _user("demo-admin", Role.ADMIN, "Dana Admin", email="admin@example.org")
    _user("demo-manager", Role.MANAGER, "Lee Manager", email="manager@example.org")

    alex = _young_person("Alex", 14, iro, child, "DEMO-001", today)
    jordan = _young_person("Jordan", 9, iro, child_2, "DEMO-002", today)
    sam = _young_person("Sam", 6, iro, None, "DEMO-003", today)
    casey = _young_person("Casey", 15, iro_2, child_3, "DEMO-004", today)
    # Jordan's review is planned after its due date (which has passed), so it is overdue, with a reason.
    for person, days, place, lateness in ((alex, 12, "Home", None),
                                          (jordan, 20, "Home", LatenessReason.REPORTS_NOT_READY),
                                          (sam, 20, "Home", None), (casey, 30, "Youth centre", None)):
        _upcoming_review(person, days, place, lateness)
    # The review timetable: Alex has been looked after for 14 months (three reviews held, the next
    # one planned); Jordan for 30 working days with the first review overdue; Sam has short breaks.
    alex_episode = _episode(alex, add_months(today, -14), LegalStatus.CARE_ORDER)
    _held_reviews(alex, alex_episode, iro, today)
    _episode(jordan, _working_days_before(today, 30), LegalStatus.INTERIM_CARE_ORDER)
    _episode(sam, add_months(today, -2), LegalStatus.SHORT_BREAKS)
    _link(carer, jordan)
    _link(carer, sam)
    _council_permissions(council)
    _escalations(iro, alex, jordan, sam, today)
    db.session.commit()


# ---- Two reporting years of history, so that every figure has a value ------------------------------

HISTORY = (  # first name, age, whose caseload ("demo-iro" or "demo-iro-2"), legal status
    ("Ava", 5, "demo-iro", LegalStatus.CARE_ORDER), ("Ben", 9, "demo-iro", LegalStatus.S20),
    ("Chloe", 13, "demo-iro", LegalStatus.CARE_ORDER), ("Dev", 16, "demo-iro", LegalStatus.PLACEMENT_ORDER),
    ("Ella", 11, "demo-iro", LegalStatus.SHORT_BREAKS), ("Finn", 3, "demo-iro", LegalStatus.INTERIM_CARE_ORDER),
    ("Grace", 14, "demo-iro-2", LegalStatus.CARE_ORDER), ("Hamid", 17, "demo-iro-2", LegalStatus.S20),
    ("Iris", 8, "demo-iro-2", LegalStatus.CARE_ORDER), ("Jay", 15, "demo-iro-2", LegalStatus.CARE_ORDER),
    ("Kai", 12, "demo-iro-2", LegalStatus.S20), ("Lena", 7, "demo-iro-2", LegalStatus.CARE_ORDER),
)
HISTORY_CODES = ("PN1", "PN1", "PN6", "PN2", "PN1", "PN5", "PN3", "PN6", "PN4", "PN1", "PN7", "PN1")
HISTORY_LOCALES = ("en", "en", "ar", "en", "pl", "en", "fa", "en", "es", "en", "en", "so")
HISTORY_REASONS = tuple(LatenessReason)


def load_history(today=None):
    """Young people without accounts (demo-iro and demo-iro-2) with two years of held reviews, letters, views,
    safety flags and support requests, relative to today. Loaded by `flask demo-data`, not by the tests' world."""
    today = today or date.today()
    if db.session.scalar(select(YoungPerson.id).where(YoungPerson.case_reference == "DEMO-H01")) is not None:
        return
    iros = {user.username: user for user in db.session.scalars(select(User).where(User.username.in_(("demo-iro", "demo-iro-2"))))}
    carer = db.session.scalar(select(User).where(User.username == "demo-carer"))
    services = {organisation.kind: organisation for organisation in db.session.scalars(select(Organisation))}
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    for number, (name, age, iro_name, status) in enumerate(HISTORY):
        iro = iros[iro_name]
        person = YoungPerson(first_name=name, case_reference=f"DEMO-H{number + 1:02d}", iro_id=iro.id,
                             date_of_birth=_birthday(age, today))
        db.session.add(person)
        db.session.flush()
        # Half came into care more than two years ago, half within the last year (first reviews, checklists).
        started = today - timedelta(days=760 + 9 * number if number % 2 == 0 else 90 + 25 * number)
        db.session.add(CareEpisode(young_person_id=person.id, started_on=started, legal_status=status))
        held, due = [], add_working_days(started, 20)
        while True:
            # Every third review of some young people slips past its due date, with a reason.
            late = (len(held) + number) % 4 == 3
            day = due + timedelta(days=9 if late else -(number % 5))
            if day >= today - timedelta(days=3):
                break
            held.append(day)
            code = Participation.PN0 if age - (today - day).days // 365 < 4 else Participation(HISTORY_CODES[(number + len(held)) % 12])
            review = Review(young_person_id=person.id, held_on=day, participation=code,
                            scheduled_for=datetime.combine(day, time(16, 0), tzinfo=zone),
                            chaired=("chaired", "co_chaired", "no", "no")[(number + len(held)) % 4],
                            lateness_reason=HISTORY_REASONS[(number + len(held)) % len(HISTORY_REASONS)] if late else None,
                            recorded_at=datetime.combine(day, time(18, 0), tzinfo=zone), recorded_by_id=iro.id)
            if len(held) == 1 and status != LegalStatus.SHORT_BREAKS:
                review.knows_why_in_care, review.knows_how_to_get_advocate = number % 3 != 0, number % 3 != 1
                review.knows_how_to_complain = number % 4 != 1
            db.session.add(review)
            db.session.flush()
            _history_letter(review, iro, day, number + len(held), zone)
            _history_views(person, review, iro, carer, day, age, number + len(held), zone)
            due = timetable.due_by(started, held, status == LegalStatus.SHORT_BREAKS)
        _history_request(person, iro, services, today, number, zone)
        _history_escalation(person, iro, today, number)
    _history_council(today)
    db.session.commit()


def _history_escalation(person, iro, today, number):
    """Escalations over the last two years, informal and formal, across categories, stages and outcomes."""
    categories, stages, outcomes = list(EscalationCategory), list(EscalationStage), list(EscalationOutcome)
    for turn in range(2):
        raised = today - timedelta(days=40 + 61 * number + 300 * turn)
        reached = stages[: 1 + (number + turn) % 3]
        asked = raised
        escalation = Escalation(young_person_id=person.id, raised_by_id=iro.id,
                                kind=(EscalationKind.INFORMAL, EscalationKind.FORMAL)[(number + turn) % 2],
                                category=categories[(2 * number + turn) % len(categories)], stage=reached[-1],
                                raised_on=raised)
        db.session.add(escalation)
        db.session.flush()
        for stage in reached:
            answered = asked + timedelta(days=3 + (number % 4))
            db.session.add(EscalationStep(escalation_id=escalation.id, stage=stage, asked="A manager", asked_on=asked,
                                          respond_by=respond_by(asked), responded_on=answered,
                                          response="They agreed a plan.", resolved=stage == reached[-1]))
            asked = answered
        if (number + turn) % 5 != 4:  # most are closed; a few are still open
            escalation.outcome = outcomes[(number + turn) % len(outcomes)]
            escalation.closed_on, escalation.closed_by_id = asked, iro.id


def _history_council(today):
    """Shared words counted by theme over two years (as the council's mixing job would have written them)."""
    themes = ("family", "workers", "money", "wellbeing", "leaving_care", "home", "education", "listened_to")
    for month in range(24):
        period = date(today.year, today.month, 1)
        for _step in range(month):
            period = (period - timedelta(days=1)).replace(day=1)
        for turn in range(3 + month % 4):
            contribution = Contribution(source=Source.DIRECT, period=period, age_band=tuple(AgeBand)[turn % 4],
                                        language="en", status=Moderation.NO_TEXT)
            db.session.add(contribution)
            db.session.flush()
            db.session.add(ContributionTheme(contribution_token=contribution.token, period=period,
                                             age_band=contribution.age_band, theme=themes[(month + turn) % len(themes)]))


def _history_letter(review, iro, day, turn, zone):
    """Most letters within 14 days, some within 20 working days, a few late, one in nine not written."""
    if turn % 9 == 8:
        return
    after = (7, 12, 14, 17, 10, 26, 9, 13)[turn % 8]
    published = datetime.combine(day + timedelta(days=after), time(11, 0), tzinfo=zone)
    db.session.add(ReviewLetter(review_id=review.id, young_person_id=review.young_person_id, status=LetterStatus.PUBLISHED,
                                created_by_id=iro.id, updated_by_id=iro.id, updated_at=published, published_at=published,
                                published_by_id=iro.id, told_us="(demo)"))


def _history_views(person, review, iro, carer, day, age, turn, zone):
    """Views sent before three reviews in four; a safety flag now and then, acted on (mostly) within a working day."""
    if turn % 4 == 3 or age - (date.today() - day).days // 365 < 4:
        return
    sent = datetime.combine(day - timedelta(days=2 + turn % 5), time(17, 0), tzinfo=zone)
    band = age_band(person.date_of_birth, day)
    consultation = Consultation(young_person_id=person.id, review_id=review.id, band=band, form_version=1,
                                locale=HISTORY_LOCALES[turn % len(HISTORY_LOCALES)], status=ConsultationStatus.SENT,
                                started_by_id=iro.id, sent_at=sent, updated_at=sent,
                                helped_by_id=carer.id if carer and band == AgeBand.UNDER_8 else None)
    db.session.add(consultation)
    db.session.flush()
    if turn % 3 == 1:
        acted = sent + timedelta(hours=20 if turn % 4 else 80)
        db.session.add(SafetyFlag(young_person_id=person.id, consultation_id=consultation.id, question_key="home.safe",
                                  level="urgent" if turn % 2 else "soon", created_at=sent, seen_at=acted,
                                  seen_by_id=iro.id, actioned_at=acted))


def _history_request(person, iro, services, today, number, zone):
    """One request each: advocacy or an Independent Visitor, at different stages."""
    kind = SupportKind.ADVOCATE if number % 2 == 0 else SupportKind.INDEPENDENT_VISITOR
    made = datetime.combine(today - timedelta(days=40 + 55 * number), time(10, 0), tzinfo=zone)
    acknowledge_by, allocate_by = add_working_days(made.date(), 1), add_working_days(made.date(), 5)
    statuses = (SupportStatus.CLOSED, SupportStatus.ALLOCATED, SupportStatus.CLOSED, SupportStatus.DECLINED,
                SupportStatus.WITHDRAWN, SupportStatus.CLOSED)
    status = statuses[number % len(statuses)]
    acknowledged = made + timedelta(hours=5 if number % 3 else 52)
    allocated = made + timedelta(days=3 if number % 4 else 9) if status in (SupportStatus.ALLOCATED, SupportStatus.CLOSED) else None
    organisation = services.get(kind.organisation_kind)
    db.session.add(SupportRequest(young_person_id=person.id, kind=kind, requested_by_id=iro.id, on_behalf=True,
                                  organisation_id=organisation.id if organisation else None, status=status,
                                  idempotency_key=f"demo-history-{number}", acknowledge_by=acknowledge_by,
                                  allocate_by=allocate_by, acknowledged_at=acknowledged, allocated_at=allocated,
                                  finished_at=made + timedelta(days=20) if status != SupportStatus.ALLOCATED else None,
                                  created_at=made))
