"""A safety flag is raised by taps as well as words, is acted on, and what was done is recorded."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.core import flags
from portal.extensions import db
from portal.models import FlagAction, OutboxMessage, SafetyFlag
from tests import factories
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, question_url, start


def _flags(app):
    with app.app_context():
        return [(flag.question_key, flag.level) for flag in db.session.scalars(select(SafetyFlag).order_by(SafetyFlag.id))]


@pytest.fixture
def jordan(app):
    """Only what the first tests need: Jordan, 9 (demo-child-2), their IRO (demo-iro) and a review in 20 days."""
    with app.app_context():
        iro = factories.iro("demo-iro", email="iro@example.org")
        factories.review(factories.young_person("Jordan", 9, iro_user=iro, username="demo-child-2"), days_ahead=20)
        db.session.commit()


def test_tapping_no_not_always_to_feeling_safe_raises_an_urgent_flag_and_shows_help(app, client, jordan):
    sign_in(client, "demo-child-2")  # Jordan, 9
    url = start(client)
    response = answer(client, question_url(url, 2), choice="no")
    assert _flags(app) == [("home.safe", "urgent")]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for telling us" in shown and "tel:08001111" in shown


def test_tapping_really_bad_raises_a_look_soon_flag_that_the_iro_cannot_read_before_it_is_sent(app, client, jordan):
    sign_in(client, "demo-child-2")
    url = start(client)
    response = answer(client, url, choice="bad", text="my secret words")
    assert _flags(app) == [("home.feel", "soon")]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for telling us" in shown and "tel:08001111" in shown  # the same help panel, at once
    assert "will look at this soon after you send your answers" in shown and "will see this answer now" not in shown
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    caseload = iro.get("/caseload").get_data(as_text=True)
    assert "Look soon: 1" in caseload
    with app.app_context():
        flag_id = db.session.scalar(select(SafetyFlag.id))
    page = iro.get(f"/caseload/flags/{flag_id}").get_data(as_text=True)
    assert "my secret words" not in page and "has not sent their form yet" in page


def test_a_flag_only_gets_more_urgent_never_less(app, client, jordan):
    sign_in(client, "demo-child-2")
    url = start(client)
    answer(client, question_url(url, 2), choice="no")
    answer(client, question_url(url, 2), choice="mostly")
    assert _flags(app) == [("home.safe", "urgent")]


def test_caseload_shows_urgent_flags_first_then_look_soon(app, world):
    jordan = app.test_client()
    sign_in(jordan, "demo-child-2")
    answer(jordan, start(jordan), choice="bad")  # look soon
    alex = app.test_client()
    sign_in(alex, "demo-child")
    answer(alex, question_url(start(alex), 2), choice="no")  # urgent
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    body = iro.get("/caseload").get_data(as_text=True)
    assert body.index("Urgent flags: 1") < body.index("Look soon: 1")


def _raise_urgent(app, world):
    client = app.test_client()
    sign_in(client, "demo-child")
    answer(client, question_url(start(client), 2), text="he hits me")
    with app.app_context():
        return db.session.scalar(select(SafetyFlag.id))


def test_the_iro_records_what_was_done_and_the_flag_leaves_the_open_list(app, world, check_page):
    flag_id = _raise_urgent(app, world)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    page = iro.get(f"/caseload/flags/{flag_id}")
    check_page(page)
    assert "he hits me" in page.get_data(as_text=True)
    assert f"/caseload/flags/{flag_id}" in iro.get("/caseload/flags").get_data(as_text=True)
    # No further action needs a reason; what was typed is kept.
    refused = iro.post(f"/caseload/flags/{flag_id}", data={"csrf_token": csrf_from(page), "kind": "no_further_action",
                                                         "taken_on": "2026-01-05", "with_whom": "Sam Social"})
    check_page(refused, status=400)
    assert "Say why there is no further action" in refused.get_data(as_text=True)
    assert 'value="Sam Social"' in refused.get_data(as_text=True)
    done = iro.post(f"/caseload/flags/{flag_id}", data={"csrf_token": csrf_from(page), "kind": "told_social_worker",
                                                      "taken_on": "2026-01-05", "taken_at": "10:30",
                                                      "with_whom": "Sam Social"})
    assert done.status_code == 303
    with app.app_context():
        action = db.session.scalar(select(FlagAction))
        assert action.kind == "told_social_worker" and action.recorded_by_id == world["demo-iro"]
        assert action.with_whom == "Sam Social"
        assert db.session.get(SafetyFlag, flag_id).actioned_at is not None
    assert f"/caseload/flags/{flag_id}" not in iro.get("/caseload/flags").get_data(as_text=True)
    assert "Urgent flags" not in iro.get("/caseload").get_data(as_text=True)
    assert "Told the social worker" in iro.get(f"/caseload/flags/{flag_id}").get_data(as_text=True)


def test_a_future_date_for_an_action_is_refused(app, world):
    flag_id = _raise_urgent(app, world)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    page = iro.get(f"/caseload/flags/{flag_id}")
    refused = iro.post(f"/caseload/flags/{flag_id}", data={"csrf_token": csrf_from(page), "kind": "police",
                                                         "taken_on": "2999-01-01"})
    assert refused.status_code == 400 and "cannot be in the future" in refused.get_data(as_text=True)


def test_a_flag_with_no_action_after_one_working_day_is_overdue_for_the_admin(app, world):
    flag_id = _raise_urgent(app, world)
    with app.app_context():
        flag = db.session.get(SafetyFlag, flag_id)
        # Raised on Friday 2 January 2026 at 10:00 London time: due by Monday 5 January at 10:00.
        flag.created_at = datetime(2026, 1, 2, 10, 0, tzinfo=UTC)
        db.session.commit()
        assert flags.action_due_by(flag) == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
        assert not flags.is_overdue(flag, datetime(2026, 1, 5, 9, 59, tzinfo=UTC))
        assert flags.is_overdue(flag, datetime(2026, 1, 5, 10, 1, tzinfo=UTC))
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    body = admin.get("/caseload/flags").get_data(as_text=True)
    assert "Overdue: no action recorded" in body and "Alex" in body


def test_working_hours_skip_weekends_bank_holidays_and_evenings(app):
    with app.app_context():
        assert flags.in_working_hours(datetime(2026, 1, 5, 10, 0, tzinfo=UTC))  # Monday 10am
        assert not flags.in_working_hours(datetime(2026, 1, 5, 17, 30, tzinfo=UTC))  # Monday evening
        assert not flags.in_working_hours(datetime(2026, 1, 3, 10, 0, tzinfo=UTC))  # Saturday
        assert not flags.in_working_hours(datetime(2026, 12, 25, 10, 0, tzinfo=UTC))  # Christmas Day
        assert flags.in_working_hours(datetime(2026, 7, 1, 8, 30, tzinfo=UTC))  # 9:30 in summer time


def test_an_urgent_flag_out_of_hours_tells_the_duty_contact_with_no_content(app, world, monkeypatch):
    app.config["DUTY_EMAIL"] = "duty@council.example"
    monkeypatch.setattr(flags, "utcnow", lambda: datetime(2026, 1, 3, 22, 0, tzinfo=UTC))  # Saturday night
    _raise_urgent(app, world)
    with app.app_context():
        duty = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "urgent_flag_duty"))
        assert duty is not None and duty.address == "duty@council.example"


def test_an_urgent_flag_in_working_hours_does_not_wake_the_duty_contact(app, world, monkeypatch):
    app.config["DUTY_EMAIL"] = "duty@council.example"
    monkeypatch.setattr(flags, "utcnow", lambda: datetime(2026, 1, 5, 11, 0, tzinfo=UTC))  # Monday morning
    _raise_urgent(app, world)
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "urgent_flag_duty")) is None
        assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "urgent_flag")) is not None
