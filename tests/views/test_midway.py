"""The mid-way check between reviews, and support asked for "through my IRO", on the IRO's pages.

In the demo world Alex's last review was held about four months ago and the next is due in about two,
so the mid-way check is overdue; Jordan has had no review yet.
"""

from datetime import timedelta

from sqlalchemy import select, text

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import MidwayAnswer, MidwayCheck
from portal.models.support import SupportKind
from tests.conftest import csrf_from, sign_in
from tests.support_requests import make_request

CHECK = {"education_plan": "yes", "health_assessment": "no", "decisions_on_track": "partly",
         "note": "Health assessment booked for next month"}


def _today(app):
    with app.app_context():
        return local_today()


def test_the_iro_records_a_mid_way_check_and_sees_it_done_on_the_record_and_caseload(app, signed_in, world, check_page):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    assert "Mid-way check overdue" in iro.get(f"/caseload/{alex}").get_data(as_text=True)
    page = iro.get(f"/caseload/{alex}/midway-check")
    check_page(page)
    response = iro.post(f"/caseload/{alex}/midway-check", data={
        "csrf_token": csrf_from(page), "checked_on": _today(app).isoformat(), **CHECK})
    assert response.status_code == 303
    record = iro.get(f"/caseload/{alex}").get_data(as_text=True)
    assert "The mid-way check is recorded." in record and "Mid-way check done" in record
    assert "Partly" in record and "Health assessment booked for next month" in record
    assert "Mid-way check done" in iro.get("/caseload").get_data(as_text=True)
    with app.app_context():
        check = db.session.scalar(select(MidwayCheck).where(MidwayCheck.young_person_id == alex))
        assert (check.education_plan, check.health_assessment, check.decisions_on_track) == (
            MidwayAnswer.YES, MidwayAnswer.NO, MidwayAnswer.PARTLY)
        stored = db.session.execute(text("SELECT note FROM midway_checks")).scalar()
        assert "Health assessment" not in stored  # encrypted at rest


def test_the_staff_note_of_a_mid_way_check_never_reaches_the_young_person(app, signed_in, client, world):
    iro = signed_in("demo-iro")
    page = iro.get(f"/caseload/{world['yp:Alex']}/midway-check")
    iro.post(f"/caseload/{world['yp:Alex']}/midway-check", data={
        "csrf_token": csrf_from(page), "checked_on": _today(app).isoformat(), **CHECK})
    iro.post("/sign-out", data={"csrf_token": csrf_from(iro.get("/get-help"))})
    child = signed_in("demo-child")
    for url in ("/home", "/review-letters"):
        assert "Health assessment booked" not in child.get(url).get_data(as_text=True)


def test_a_mid_way_check_in_the_future_or_before_the_last_review_is_refused_keeping_what_was_typed(app, signed_in, world):
    iro = signed_in("demo-iro")
    alex = world["yp:Alex"]
    page = iro.get(f"/caseload/{alex}/midway-check")
    for day, message in ((_today(app) + timedelta(days=1), "The day of the check cannot be in the future"),
                         (_today(app) - timedelta(days=400), "The check must be after the last review")):
        response = iro.post(f"/caseload/{alex}/midway-check", data={
            "csrf_token": csrf_from(page), "checked_on": day.isoformat(), **CHECK})
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert message in html and "Health assessment booked for next month" in html
    response = iro.post(f"/caseload/{alex}/midway-check", data={
        "csrf_token": csrf_from(page), "checked_on": _today(app).isoformat()})
    assert response.status_code == 400
    assert "Choose whether the decisions are on track" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(MidwayCheck.id)) is None


def test_before_the_first_review_there_is_no_mid_way_check_to_record(app, signed_in, world):
    iro = signed_in("demo-iro")
    jordan = world["yp:Jordan"]
    page = iro.get(f"/caseload/{jordan}/midway-check")
    assert page.status_code == 200
    assert "Record a held review first." in page.get_data(as_text=True)
    response = iro.post(f"/caseload/{jordan}/midway-check", data={
        "csrf_token": csrf_from(iro.get("/get-help")), "checked_on": _today(app).isoformat(), **CHECK})
    assert response.status_code == 409


def test_another_iro_cannot_record_a_mid_way_check_for_alex(app, client, world):
    sign_in(client, "demo-iro-2")
    assert client.get(f"/caseload/{world['yp:Alex']}/midway-check").status_code == 404
    response = client.post(f"/caseload/{world['yp:Alex']}/midway-check", data={
        "csrf_token": csrf_from(client.get("/get-help")), "checked_on": _today(app).isoformat(), **CHECK})
    assert response.status_code == 404


def test_support_asked_for_through_my_iro_shows_on_the_record_for_their_iro_without_their_words(app, signed_in, world):
    make_request(app, world, "demo-child", "Alex", kind=SupportKind.ADVOCATE, reason="family",
                 details="Pangolinrow private words", methods=["iro"])
    make_request(app, world, "demo-child", "Alex", kind=SupportKind.INDEPENDENT_VISITOR, methods=["phone"],
                 contact_details="07700 900123")
    record = signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
    assert "Support asked for through you" in record
    assert "An advocate" in record and "Seeing their family" in record
    assert "An Independent Visitor" not in record  # not asked for through the IRO
    assert "Pangolinrow" not in record and "07700 900123" not in record


def test_no_support_section_when_nothing_was_asked_for_through_the_iro(signed_in, world):
    assert "Support asked for through you" not in signed_in("demo-iro").get(
        f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
