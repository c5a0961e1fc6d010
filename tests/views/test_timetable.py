"""The review timetable on the IRO's pages: care episodes, due dates and their status on the caseload and the record."""

import re
from datetime import timedelta

from flask_babel import format_date
from sqlalchemy import select

from portal.core.timetable import add_months
from portal.extensions import db
from portal.models import CareEpisode, LatenessReason, LegalStatus, Review
from portal.templating import local_today
from portal.working_days import add_working_days
from tests.conftest import csrf_from
from tests.letters import held_review


def _episode(app, young_person_id, days_ago, legal_status=LegalStatus.CARE_ORDER):
    """A care episode that started `days_ago` days ago; returns its start."""
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


def test_a_young_person_with_no_care_episode_shows_that_no_due_date_can_be_worked_out(signed_in, world):
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
