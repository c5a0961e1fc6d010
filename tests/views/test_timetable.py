"""The review timetable on the IRO's pages: care episodes, due dates and their status on the caseload and the record."""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from portal.core.clock import local_today
from portal.core.timetable import add_months
from portal.core.working_days import add_working_days
from portal.dates import format_date
from portal.extensions import db
from portal.models import (
    AgeBand,
    CareEpisode,
    Consultation,
    ConsultationStatus,
    LatenessReason,
    LegalStatus,
    Participation,
    Review,
    ReviewLetter,
)
from tests.conftest import csrf_from
from tests.letters import held_review


def _no_episode(app, young_person_id):
    """Take away the demo's care episodes of this young person (their demo reviews then count in none)."""
    with app.app_context():
        db.session.execute(delete(CareEpisode).where(CareEpisode.young_person_id == young_person_id))
        db.session.commit()


def _episode(app, young_person_id, days_ago, legal_status=LegalStatus.CARE_ORDER):
    """Instead of the demo's, a care episode that started `days_ago` days ago; returns its start."""
    _no_episode(app, young_person_id)
    with app.app_context():
        started = local_today() - timedelta(days=days_ago)
        db.session.add(CareEpisode(young_person_id=young_person_id, started_on=started, legal_status=legal_status))
        db.session.commit()
        return started


def _today(app):
    with app.app_context():
        return local_today()


def _medium(app, day):
    with app.test_request_context():
        return format_date(day, "medium")


def _row(page, name):
    """The caseload table row of one young person, as text without tags."""
    html = page.get_data(as_text=True)
    row = re.search(r"<tr>(?:(?!</tr>).)*?>" + name + r"</a>.*?</tr>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_an_iro_adds_a_care_episode_and_the_record_shows_when_the_first_review_is_due(app, signed_in, world, check_page):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _no_episode(app, alex)
    form = iro.get(f"/caseload/{alex}/episodes/new")
    check_page(form)
    started = _today(app) - timedelta(days=3)
    response = iro.post(f"/caseload/{alex}/episodes/new", data={
        "csrf_token": csrf_from(form), "started_on": started.isoformat(), "legal_status": "interim_care_order"})
    assert response.status_code == 303
    record = iro.get(f"/caseload/{alex}")
    text = " ".join(re.sub(r"<[^>]+>", " ", record.get_data(as_text=True)).split())
    with app.test_request_context():
        due = format_date(add_working_days(started, 20), "long")
    assert f"Review 1 is due by {due}." in text
    assert "Interim care order" in text


def test_a_second_open_care_episode_is_refused_with_a_message(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _episode(app, alex, days_ago=100)
    form = iro.get(f"/caseload/{alex}/episodes/new")
    response = iro.post(f"/caseload/{alex}/episodes/new", data={
        "csrf_token": csrf_from(form), "started_on": _today(app).isoformat(), "legal_status": "s20"})
    assert response.status_code == 400
    assert "End the current care episode before starting a new one." in response.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(CareEpisode).where(CareEpisode.young_person_id == alex)).all()) == 1


def test_an_episode_starting_in_the_future_is_refused_and_the_typed_date_kept(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _no_episode(app, alex)
    form = iro.get(f"/caseload/{alex}/episodes/new")
    tomorrow = (_today(app) + timedelta(days=1)).isoformat()
    response = iro.post(f"/caseload/{alex}/episodes/new", data={
        "csrf_token": csrf_from(form), "started_on": tomorrow, "legal_status": "s20"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The day they started to be looked after cannot be in the future" in html
    assert f'value="{tomorrow}"' in html


def test_caseload_shows_due_by_and_status_overdue_first(app, signed_in, world):
    alex, jordan = world["yp:Alex"], world["yp:Jordan"]
    # Alex started 60 days ago: review 1 was due 20 working days later and has not been held.
    alex_started = _episode(app, alex, days_ago=60)
    # Jordan's first review was held 10 days ago: the second is due 3 months after it (the demo plans it in time).
    _episode(app, jordan, days_ago=40)
    with app.app_context():
        held_on = held_review(jordan, days_ago=10).held_on
    page = signed_in("demo-iro").get("/caseload")
    alex_row, jordan_row = _row(page, "Alex"), _row(page, "Jordan")
    assert _medium(app, add_working_days(alex_started, 20)) in alex_row and "Overdue" in alex_row
    assert _medium(app, add_months(held_on, 3)) in jordan_row and "Planned in time" in jordan_row
    html = page.get_data(as_text=True)
    assert html.index(">Alex</a>") < html.index(">Jordan</a>")


def test_a_young_person_with_no_care_episode_shows_that_no_due_date_can_be_worked_out(app, signed_in, world):
    _no_episode(app, world["yp:Alex"])
    page = signed_in("demo-iro").get("/caseload")
    assert "No care episode recorded" in _row(page, "Alex")


def test_ending_an_episode_before_it_started_is_refused(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    started = _episode(app, alex, days_ago=10)
    form = iro.get(f"/caseload/{alex}/episodes/end")
    response = iro.post(f"/caseload/{alex}/episodes/end", data={
        "csrf_token": csrf_from(form), "ended_on": (started - timedelta(days=1)).isoformat(), "end_reason": "Home"})
    assert response.status_code == 400
    assert "The episode cannot end before it started." in response.get_data(as_text=True)
    response = iro.post(f"/caseload/{alex}/episodes/end", data={
        "csrf_token": csrf_from(form), "ended_on": started.isoformat(), "end_reason": "Returned home"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(CareEpisode.end_reason).where(CareEpisode.young_person_id == alex)) == "Returned home"


def _plan(client, young_person_id, **typed):
    form = client.get(f"/caseload/{young_person_id}/reviews/new")
    return client.post(f"/caseload/{young_person_id}/reviews/new",
                       data={"csrf_token": csrf_from(form), "time": "17:00", **typed})


def _reviews(app, young_person_id):
    with app.app_context():
        return [(r.place, r.staff_notes, r.lateness_reason, r.lateness_note) for r in db.session.scalars(
            select(Review).where(Review.young_person_id == young_person_id).order_by(Review.id))]


def test_planning_after_the_due_date_asks_why_and_keeps_what_was_typed(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _episode(app, alex, days_ago=60)  # review 1 was due about 32 days ago
    before = _reviews(app, alex)
    day = (_today(app) + timedelta(days=7)).isoformat()
    response = _plan(iro, alex, day=day, place="Alex's home")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose why the review is planned after its due date" in html
    assert "Alex&#39;s home" in html and f'value="{day}"' in html
    assert _reviews(app, alex) == before
    response = _plan(iro, alex, day=day, place="Alex's home", lateness_reason="iro_unavailable",
                     lateness_note="Covering two caseloads")
    assert response.status_code == 303
    assert _reviews(app, alex)[-1] == ("Alex's home", None, LatenessReason.IRO_UNAVAILABLE, "Covering two caseloads")


def test_planning_in_time_asks_no_reason(app, signed_in, world):
    alex = world["yp:Alex"]
    _episode(app, alex, days_ago=1)
    response = _plan(signed_in("demo-iro"), alex, day=(_today(app) + timedelta(days=7)).isoformat(), place="Home")
    assert response.status_code == 303
    assert _reviews(app, alex)[-1][2] is None


def test_planning_more_than_6_months_away_asks_are_you_sure(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _no_episode(app, alex)  # no due date, so nothing is late
    day = (_today(app) + timedelta(days=800)).isoformat()
    response = _plan(iro, alex, day=day, place="Home")
    assert response.status_code == 400
    assert "This is more than 6 months away." in response.get_data(as_text=True)
    assert _plan(iro, alex, day=day, place="Home", sure="y").status_code == 303


def test_planning_at_a_school_asks_are_you_sure_with_the_golden_rule(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    day = (_today(app) + timedelta(days=7)).isoformat()
    response = _plan(iro, alex, day=day, place="Sunnyside Primary School")
    assert response.status_code == 400
    assert "Young people asked for reviews not to be held at school" in response.get_data(as_text=True)
    assert _plan(iro, alex, day=day, place="Sunnyside Primary School", sure="y").status_code == 303
    assert _reviews(app, alex)[-1][0] == "Sunnyside Primary School"


def test_notes_for_staff_show_on_the_record_and_never_to_the_young_person(app, signed_in, client, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    day = (_today(app) + timedelta(days=7)).isoformat()
    assert _plan(iro, alex, day=day, place="Family centre", staff_notes="Dad must not be given the address").status_code == 303
    assert "Dad must not be given the address" in iro.get(f"/caseload/{alex}").get_data(as_text=True)
    iro.post("/sign-out", data={"csrf_token": csrf_from(iro.get("/get-help"))})
    child = signed_in("demo-child")
    for page in ("/home", "/review-letters"):
        assert "Dad must not be given the address" not in child.get(page).get_data(as_text=True)


def _past_review(app, young_person_id, days_ago, planned_days_ago=60):
    """A review planned `planned_days_ago` days ago for `days_ago` days ago, not recorded as held; returns its id."""
    with app.app_context():
        zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        day = local_today() - timedelta(days=days_ago)
        review = Review(young_person_id=young_person_id, place="Home",
                        scheduled_for=datetime.combine(day, time(17, 0), tzinfo=zone),
                        created_at=datetime.now(UTC) - timedelta(days=planned_days_ago))
        db.session.add(review)
        db.session.commit()
        return review.id


RECORD = {"participation": "PN1", "chaired": "co_chaired", "seen_before": "in_person", "attendees": ["carer", "social_worker"],
          "parents": "views_given", "care_plan_endorsed": "yes", "knows_why_in_care": "yes",
          "knows_how_to_get_advocate": "no", "knows_how_to_complain": "yes",
          "recommendations-0-what": "Alex will see Sam every month.", "recommendations-0-who": "Social worker"}


def test_the_iro_records_a_held_review_and_sees_when_the_next_is_due(app, signed_in, world, check_page):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _episode(app, alex, days_ago=40)
    review_id = _past_review(app, alex, days_ago=14)
    held_on = _today(app) - timedelta(days=14)
    by_when = _today(app) + timedelta(days=30)
    page = iro.get(f"/caseload/reviews/{review_id}/record")
    check_page(page)
    assert "First review in this care episode" in page.get_data(as_text=True)
    response = iro.post(f"/caseload/reviews/{review_id}/record", data={
        "csrf_token": csrf_from(page), "held_on": held_on.isoformat(), **RECORD,
        "recommendations-0-by_when": by_when.isoformat()})
    assert response.status_code == 303
    record = iro.get(f"/caseload/{alex}").get_data(as_text=True)
    with app.test_request_context():
        due = format_date(add_months(held_on, 3), "long")
    assert f"The review is recorded. The next review is due by {due}." in record
    assert "Review 2 is due by" in record
    with app.app_context():
        review = db.session.get(Review, review_id)
        assert (review.held_on, review.participation, review.chaired, review.attendee_roles) == (
            held_on, Participation.PN1, "co_chaired", ["carer", "social_worker"])
        assert (review.knows_why_in_care, review.knows_how_to_get_advocate, review.care_plan_endorsed) == (True, False, True)
        assert [(r.what, r.who, r.by_when) for r in review.recommendations] == [
            ("Alex will see Sam every month.", "Social worker", by_when)]


def test_the_first_review_checklist_must_be_answered_at_a_first_review(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    _episode(app, alex, days_ago=40)
    review_id = _past_review(app, alex, days_ago=14)
    page = iro.get(f"/caseload/reviews/{review_id}/record")
    typed = {k: v for k, v in RECORD.items() if not k.startswith("knows")}
    response = iro.post(f"/caseload/reviews/{review_id}/record", data={
        "csrf_token": csrf_from(page), "held_on": (_today(app) - timedelta(days=14)).isoformat(), **typed})
    assert response.status_code == 400
    assert "Say whether they know why they are in care" in response.get_data(as_text=True)


def test_a_held_date_before_the_review_was_planned_or_in_the_future_is_refused(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    review_id = _past_review(app, alex, days_ago=5, planned_days_ago=10)
    page = iro.get(f"/caseload/reviews/{review_id}/record")
    for day, message in ((_today(app) - timedelta(days=11), "cannot be before the review was planned"),
                         (_today(app) + timedelta(days=1), "cannot be in the future")):
        response = iro.post(f"/caseload/reviews/{review_id}/record", data={
            "csrf_token": csrf_from(page), "held_on": day.isoformat(), **RECORD})
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert message in html and "Alex will see Sam every month." in html
    with app.app_context():
        assert db.session.get(Review, review_id).held_on is None


def test_sent_views_suggest_pn6(app, signed_in, world):
    alex = world["yp:Alex"]
    review_id = _past_review(app, alex, days_ago=5)
    with app.app_context():
        db.session.add(Consultation(young_person_id=alex, review_id=review_id, band=AgeBand.FROM_12, form_version=1,
                                    locale="en", status=ConsultationStatus.SENT, started_by_id=world["demo-child"],
                                    sent_at=datetime.now(UTC)))
        db.session.commit()
    html = signed_in("demo-iro").get(f"/caseload/reviews/{review_id}/record").get_data(as_text=True)
    assert "Suggested from what the portal knows: PN6." in html
    assert re.search(r'<input[^>]*checked[^>]*value="PN6"|<input[^>]*value="PN6"[^>]*checked', html)


def test_recommendations_become_the_letters_decisions_once(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    review_id = _past_review(app, alex, days_ago=5)
    page = iro.get(f"/caseload/reviews/{review_id}/record")
    by_when = _today(app) + timedelta(days=30)
    assert iro.post(f"/caseload/reviews/{review_id}/record", data={
        "csrf_token": csrf_from(page), "held_on": (_today(app) - timedelta(days=5)).isoformat(), **RECORD,
        "recommendations-0-by_when": by_when.isoformat()}).status_code == 303
    token = csrf_from(iro.get("/get-help"))
    assert iro.post(f"/letters/reviews/{review_id}/letter", data={"csrf_token": token}).status_code == 303
    assert iro.post(f"/letters/reviews/{review_id}/letter", data={"csrf_token": token}).status_code == 303
    with app.app_context():
        letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.review_id == review_id))
        assert [(d.position, d.what, d.who, d.by_when) for d in letter.decisions] == [
            (1, "Alex will see Sam every month.", "Social worker", by_when)]


def test_another_iros_review_record_is_not_found(app, signed_in, world):
    review_id = _past_review(app, world["yp:Alex"], days_ago=5)
    assert signed_in("demo-iro-2").get(f"/caseload/reviews/{review_id}/record").status_code == 404


def test_the_letters_page_refuses_a_held_day_before_the_review_was_planned_with_the_same_rule(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    review_id = _past_review(app, alex, days_ago=5, planned_days_ago=10)
    page = iro.get(f"/letters/young-people/{alex}")
    field = f"held-{review_id}-held_on"
    too_early = (_today(app) - timedelta(days=11)).isoformat()
    response = iro.post(f"/letters/reviews/{review_id}/held", data={"csrf_token": csrf_from(page), field: too_early})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The day the review took place cannot be before the review was planned" in html
    assert f'value="{too_early}"' in html
    with app.app_context():
        assert db.session.get(Review, review_id).held_on is None
    on_the_day = (_today(app) - timedelta(days=10)).isoformat()
    assert iro.post(f"/letters/reviews/{review_id}/held",
                    data={"csrf_token": csrf_from(page), field: on_the_day}).status_code == 303


def test_a_review_typed_in_after_the_event_can_be_recorded_on_its_planned_day(app, signed_in, world):
    # Added to the portal today for a review planned 20 days ago: the planned day is the limit, not today.
    iro = signed_in("demo-iro")
    review_id = _past_review(app, world["yp:Alex"], days_ago=20, planned_days_ago=0)
    page = iro.get(f"/letters/young-people/{world['yp:Alex']}")
    day = (_today(app) - timedelta(days=20)).isoformat()
    assert iro.post(f"/letters/reviews/{review_id}/held",
                    data={"csrf_token": csrf_from(page), f"held-{review_id}-held_on": day}).status_code == 303


def test_planning_a_review_keeps_the_staff_only_notes_apart_from_the_place(signed_in, world, check_page):
    page = signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}/reviews/new")
    check_page(page)
    html = page.get_data(as_text=True)
    assert "Only staff see this" in html
    assert html.index('name="place"') < html.index("Only staff see this") < html.index('name="staff_notes"')


def test_the_demo_shows_a_timetable_for_each_of_demo_iros_young_people(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = " ".join(re.sub(r"<[^>]+>", " ", iro.get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)).split())
    assert "Care order" in alex and "Review 4 is due by" in alex and "Planned in time" in alex
    assert alex.count("In time") == 2 and alex.count("Late") == 1
    assert "Someone who needs to be there could not come earlier" in alex
    assert "Record of the review (PN1)" in alex and "Record of the review (PN6)" in alex
    page = iro.get("/caseload")
    assert "Overdue" in _row(page, "Jordan")
    assert "Planned in time" in _row(page, "Sam")
    assert "Short breaks" in iro.get(f"/caseload/{world['yp:Sam']}").get_data(as_text=True)
    with app.app_context():
        from portal import demo
        before = db.session.query(Review).count(), db.session.query(CareEpisode).count()
        demo.load()
        assert (db.session.query(Review).count(), db.session.query(CareEpisode).count()) == before
