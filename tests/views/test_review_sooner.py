"""A young person asks for their review sooner; their IRO plans one (accepting it) or answers."""

from datetime import timedelta

from sqlalchemy import select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import ReviewRequest
from tests.conftest import csrf_from, sign_in


def _ask(app, reason="My placement is changing."):
    child = app.test_client()
    sign_in(child, "demo-child")
    page = child.get("/my-review/sooner")
    response = child.post("/my-review/sooner", data={"csrf_token": csrf_from(page), "reason": reason})
    assert response.status_code == 303
    return child


def _requests(app):
    with app.app_context():
        return [(r.reason, r.answer, r.review_id is not None, r.answered_at is not None)
                for r in db.session.scalars(select(ReviewRequest).order_by(ReviewRequest.id))]


def test_a_young_person_asks_for_their_review_sooner_and_their_iro_sees_it(app, world, check_page):
    child = _ask(app)
    check_page(child.get("/my-review/sooner"))
    assert "Your IRO has not answered yet." in child.get("/my-review/sooner").get_data(as_text=True)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    record = iro.get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
    assert "<bdi>Alex</bdi> asked for their review sooner on" in record and "My placement is changing." in record


def test_asking_twice_keeps_one_open_request(app, world):
    _ask(app)
    _ask(app, reason="Please, it is urgent.")
    assert _requests(app) == [("Please, it is urgent.", None, False, False)]


def test_planning_a_review_accepts_the_request(app, world):
    child = _ask(app)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    form = iro.get(f"/caseload/{world['yp:Alex']}/reviews/new")
    with app.app_context():
        day = local_today() + timedelta(days=5)
    response = iro.post(f"/caseload/{world['yp:Alex']}/reviews/new", data={
        "csrf_token": csrf_from(form), "day": day.isoformat(), "time": "17:00", "place": "Home"})
    assert response.status_code == 303
    assert _requests(app) == [("My placement is changing.", None, True, True)]
    assert "They have planned your review." in child.get("/my-review/sooner").get_data(as_text=True)


def test_the_iro_answers_without_bringing_it_forward_and_the_young_person_reads_it(app, world):
    child = _ask(app)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    record = iro.get(f"/caseload/{world['yp:Alex']}")
    with app.app_context():
        request_id = db.session.scalar(select(ReviewRequest.id))
    url = f"/caseload/review-requests/{request_id}/answer"
    empty = iro.post(url, data={"csrf_token": csrf_from(record), f"request-{request_id}-answer": " "})
    assert empty.status_code == 400
    assert "Write your answer to the young person" in empty.get_data(as_text=True)
    answer = "Your review is in three weeks, and I will visit you on Friday."
    assert iro.post(url, data={"csrf_token": csrf_from(record), f"request-{request_id}-answer": answer}).status_code == 303
    assert iro.post(url, data={"csrf_token": csrf_from(record), f"request-{request_id}-answer": "x"}).status_code == 409
    assert answer in child.get("/my-review/sooner").get_data(as_text=True)


def test_another_iro_cannot_answer_alexs_request(app, world):
    _ask(app)
    with app.app_context():
        request_id = db.session.scalar(select(ReviewRequest.id))
    other = app.test_client()
    sign_in(other, "demo-iro-2")
    response = other.post(f"/caseload/review-requests/{request_id}/answer",
                          data={"csrf_token": csrf_from(other.get("/get-help")), f"request-{request_id}-answer": "No"})
    assert response.status_code == 404
    assert _requests(app)[0][1] is None
