""""How was your review?": asked after a held review, answered in a few taps, kept once, and only ever counted."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.core import review_feedback
from portal.core.clock import local_today
from portal.extensions import db
from portal.models import ReviewFeedback, Role
from tests import factories
from tests.conftest import csrf_from, sign_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def held(app):
    """Robin (13), whose review was held 3 days ago, and Sam, another IRO's young person with a held review."""
    with app.app_context():
        robin = factories.young_person("Robin", age=13)
        review = factories.review(robin, days_ahead=-3)
        review.held_on = local_today() - timedelta(days=3)
        sam = factories.young_person("Sam", age=15)
        other = factories.review(sam, days_ahead=-5)
        other.held_on = local_today() - timedelta(days=5)
        db.session.commit()
        return {"review": review.id, "other": other.id}


def _client(app, username):
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def _answer(client, review_id, **answers):
    page = client.get(f"/how-was-your-review/{review_id}")
    return client.post(f"/how-was-your-review/{review_id}", data={"csrf_token": csrf_from(page), **answers})


def _rows(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ReviewFeedback))


def test_after_a_held_review_the_home_page_asks_how_it_was_and_stops_asking_once_answered(app, held, check_page):
    client = _client(app, "robin")
    home = client.get("/home").get_data(as_text=True)
    assert "How was your review?" in home and f"/how-was-your-review/{held['review']}" in home
    page = check_page(client.get(f"/how-was-your-review/{held['review']}"))
    assert page is not None
    response = _answer(client, held["review"], listened="yes", right_people="some", understood="not_yet")
    assert response.status_code == 303
    assert f"/how-was-your-review/{held['review']}" not in client.get("/home").get_data(as_text=True)
    thanks = client.get(f"/how-was-your-review/{held['review']}").get_data(as_text=True)
    assert "Thank you" in thanks
    with app.app_context():
        kept = db.session.scalar(select(ReviewFeedback))
        assert (kept.listened, kept.right_people, kept.understood, kept.said_enough) == ("yes", "some", "not_yet", None)


def test_a_double_tap_keeps_the_answers_once(app, held):
    client = _client(app, "robin")
    page = client.get(f"/how-was-your-review/{held['review']}")
    data = {"csrf_token": csrf_from(page), "listened": "no"}
    assert client.post(f"/how-was-your-review/{held['review']}", data=data).status_code == 303
    assert client.post(f"/how-was-your-review/{held['review']}", data=data).status_code == 200  # "thank you" again
    assert _rows(app) == 1


def test_sending_nothing_says_what_to_do_and_keeps_nothing(app, held):
    response = _answer(_client(app, "robin"), held["review"])
    assert response.status_code == 400
    assert "Choose an answer to at least one question" in response.get_data(as_text=True)
    assert _rows(app) == 0


def test_an_answer_that_is_not_on_the_list_is_refused_with_a_message(app, held):
    response = _answer(_client(app, "robin"), held["review"], listened="maybe")
    assert response.status_code == 400
    assert _rows(app) == 0


def test_nobody_answers_for_another_young_persons_review(app, held):
    client = _client(app, "robin")
    assert client.get(f"/how-was-your-review/{held['other']}").status_code == 404
    assert _answer_without_page(client, held["other"]).status_code == 404
    assert _rows(app) == 0


def _answer_without_page(client, review_id):
    token = csrf_from(client.get("/get-help"))
    return client.post(f"/how-was-your-review/{review_id}", data={"csrf_token": token, "listened": "yes"})


@pytest.mark.parametrize("account,role", [("iro-of-robin", None), ("a-carer", Role.CARER), ("an-admin", Role.ADMIN),
                                          ("a-manager", Role.MANAGER)])
def test_staff_and_carers_cannot_open_the_questions(app, held, account, role):
    if role is not None:
        with app.app_context():
            factories.user(account, role)
            db.session.commit()
    client = _client(app, account)
    assert client.get(f"/how-was-your-review/{held['review']}").status_code in (403, 404)


def test_a_review_not_yet_held_or_held_long_ago_is_not_asked_about(app):
    with app.app_context():
        kit = factories.young_person("Kit", age=10)
        planned = factories.review(kit, days_ahead=5)
        old = factories.review(kit, days_ahead=-90)
        old.held_on = local_today() - timedelta(days=review_feedback.ASKED_FOR_DAYS + 1)
        db.session.commit()
        ids = (planned.id, old.id)
    client = _client(app, "kit")
    assert "How was your review?" not in client.get("/home").get_data(as_text=True)
    for review_id in ids:
        assert client.get(f"/how-was-your-review/{review_id}").status_code == 404


def test_your_iro_does_not_see_your_answers_on_their_own(app):
    """Only portal.core.review_feedback reads the answers, and it hands out counts only (the figures
    suppress 1 to 4 when published): no other module of the portal names the table."""
    readers = set()
    for path in (ROOT / "portal").rglob("*.py"):
        if "models" in path.relative_to(ROOT).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        named |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        if "ReviewFeedback" in named:
            readers.add(path.relative_to(ROOT).as_posix())
    assert readers == {"portal/core/review_feedback.py"}
    public = [name for name in dir(review_feedback) if not name.startswith("_") and callable(getattr(review_feedback, name))]
    assert "counts" in public and not {"answers_of", "feedback_for", "load"} & set(public)


def test_the_service_figures_count_the_answers_and_published_tables_hide_small_numbers(app):
    with app.app_context():
        factories.user("figures-manager", Role.MANAGER, "Lee Manager")
        for number in range(6):
            person = factories.young_person(f"Person{number}", age=12)
            review = factories.review(person, days_ahead=-400)
            review.held_on = date(2025, 6, 2 + number)
            review_feedback.record(review, {"listened": "yes" if number < 5 else "no", "understood": "a_bit"})
        db.session.commit()
        found = review_feedback.counts(date(2025, 4, 1), date(2026, 3, 31))
    assert found["listened"] == {"yes": 5, "no": 1}
    assert found["understood"] == {"a_bit": 6}
    assert found["right_people"] == {}
    client = _client(app, "figures-manager")
    html = client.get("/figures?year=2025").get_data(as_text=True)
    assert "How was your review? What young people said afterwards" in html
    csv = client.get("/figures/tables/review_feedback.csv?year=2025")
    assert csv.status_code == 200
    text = csv.get_data(as_text=True)
    listened = next(line for line in text.splitlines() if line.startswith("Did you feel listened to?"))
    assert listened.split(",")[1:6] == ["5", "0", "fewer than 5", "0", "6"]
