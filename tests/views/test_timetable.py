"""The review timetable on the IRO's pages: care episodes, due dates and their status on the caseload and the record."""

import re
from datetime import timedelta

from flask_babel import format_date
from sqlalchemy import select

from portal.core.timetable import add_months
from portal.extensions import db
from portal.models import CareEpisode, LegalStatus
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
