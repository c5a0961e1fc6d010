"""Reminders and news by text message or email, chosen by the young person (and carers).

Delivered through the outbox: SMTP by default; GOV.UK Notify's real Python client against a local
fake of its API (checking the JWT) when NOTIFY_API_KEY is set.
"""

from datetime import date, datetime, time

import pytest
from sqlalchemy import select, text

from portal.core import contact
from portal.core.reminders import due_reminder, queue_review_reminders
from portal.extensions import db
from portal.models import ContactPreference, OutboxMessage, OutboxStatus, Review, User, YoungPerson
from portal.notifications.sender import send_due
from tests.access import expect
from tests.conftest import csrf_from
from tests.notify_server import API_KEY, EMAIL_TEMPLATE, SMS_TEMPLATE, FakeNotify
from tests.smtp_server import SmtpServer

MATRIX = [
    ("GET", "/my-news", "/my-news", expect(403, anonymous=302, young_person=200, carer=200)),
]

TODAY = date(2030, 1, 8)  # a Tuesday, far from the demo world's reviews


@pytest.fixture
def notify(app):
    """A fake GOV.UK Notify the app sends text messages and emails to."""
    server = FakeNotify().start()
    app.config.update(NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=server.url, NOTIFY_EMAIL_TEMPLATE_ID=EMAIL_TEMPLATE,
                      NOTIFY_SMS_TEMPLATE_ID=SMS_TEMPLATE, NOTIFY_TIMEOUT=5)
    yield server
    server.stop()


def _user(username):
    return db.session.scalar(select(User).where(User.username == username))


def _review(first_name, day, hour=16):
    from portal.core.clock import local_zone

    person = db.session.scalar(select(YoungPerson).where(YoungPerson.first_name == first_name))
    review = Review(young_person_id=person.id, scheduled_for=datetime.combine(day, time(hour), tzinfo=local_zone()),
                    place="Home")
    db.session.add(review)
    db.session.commit()
    return review


def _outbox():
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


@pytest.mark.parametrize(("review_day", "expected"), [
    (date(2030, 1, 9), 1), (date(2030, 1, 10), 7), (date(2030, 1, 15), 7), (date(2030, 1, 16), None),
    (date(2030, 1, 8), None), (date(2030, 1, 7), None),
])
def test_which_reminder_is_due(review_day, expected):
    assert due_reminder(review_day, TODAY) == expected


def test_a_young_person_chooses_text_messages_and_the_number_is_encrypted(app, world, signed_in, notify, check_page):
    client = signed_in("demo-child")
    page = client.get("/my-news")
    check_page(page)
    assert "A text message" in page.get_data(as_text=True)
    response = client.post("/my-news", data={"csrf_token": csrf_from(page), "channel": "sms",
                                             "mobile": "07700 900123", "email": ""})
    assert response.status_code == 303
    with app.app_context():
        choice = db.session.get(ContactPreference, world["demo-child"])
        assert (choice.channel, choice.mobile, choice.email) == ("sms", "+447700900123", None)
        stored = db.session.execute(text("SELECT mobile FROM contact_preferences")).scalar()
        assert "7700" not in stored  # ciphertext at rest


def test_a_wrong_number_is_explained_and_kept(app, world, signed_in, notify, check_page):
    client = signed_in("demo-child")
    page = client.get("/my-news")
    response = client.post("/my-news", data={"csrf_token": csrf_from(page), "channel": "sms", "mobile": "0123"})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "Enter a mobile number like 07700 900123" in body and 'value="0123"' in body


def test_without_notify_text_messages_are_not_offered(app, world, signed_in):
    client = signed_in("demo-child")
    page = client.get("/my-news")
    assert "A text message" not in page.get_data(as_text=True)
    response = client.post("/my-news", data={"csrf_token": csrf_from(page), "channel": "sms", "mobile": "07700900123"})
    assert response.status_code == 400


def test_do_not_tell_me_deletes_the_number_and_address(app, world, signed_in, notify):
    with app.app_context():
        contact.choose(_user("demo-child"), "email", None, "alex@example.org")
    client = signed_in("demo-child")
    page = client.get("/my-news")
    assert 'value="alex@example.org"' in page.get_data(as_text=True)
    client.post("/my-news", data={"csrf_token": csrf_from(page), "channel": "none"})
    with app.app_context():
        choice = db.session.get(ContactPreference, world["demo-child"])
        assert (choice.channel, choice.mobile, choice.email) == ("none", None, None)


def test_a_text_a_week_before_the_review_says_nothing_personal_and_goes_once(app, world, notify):
    with app.app_context():
        contact.choose(_user("demo-child"), "sms", "07700 900123", None)
        _review("Alex", date(2030, 1, 15))
        assert queue_review_reminders(TODAY) == 1
        assert queue_review_reminders(TODAY) == 0  # a second run (or worker) queues nothing more
        assert send_due().sent == 1
        assert send_due().claimed == 0
    (sms,) = notify.received
    assert sms["kind"] == "sms" and sms["to"] == "+447700900123"
    words = sms["personalisation"]["body"]
    assert "your review is next week" in words and "/sign-in" in words
    for private in ("Alex", "Home", "Priya", "15"):
        assert private not in words


def test_the_day_before_both_the_child_and_their_carer_are_reminded_by_their_own_choice(app, world, notify):
    with app.app_context():
        contact.choose(_user("demo-child-2"), "email", None, "jordan@example.org")
        contact.choose(_user("demo-carer"), "sms", "+447700900999", None)
        _review("Jordan", date(2030, 1, 9))
        assert queue_review_reminders(TODAY) == 2
        kinds = sorted(message.kind for message in _outbox())
        assert kinds == ["carer_review_tomorrow", "review_tomorrow"]
        assert send_due().sent == 2
    by_kind = {message["kind"]: message for message in notify.received}
    assert by_kind["email"]["to"] == "jordan@example.org"
    assert "your review is tomorrow" in by_kind["email"]["personalisation"]["subject"]
    assert by_kind["sms"]["to"] == "+447700900999" and "a review is tomorrow" in by_kind["sms"]["personalisation"]["body"]


def test_a_young_person_who_chose_nothing_gets_nothing(app, world, notify):
    with app.app_context():
        _review("Alex", date(2030, 1, 10))
        queue_review_reminders(TODAY)
        (message,) = _outbox()
        assert message.status == OutboxStatus.NO_ADDRESS
        assert send_due().sent == 0
    assert notify.received == []


def test_a_number_notify_refuses_is_given_up_at_once(app, world, notify):
    notify.refuse.add("+447700900123")
    with app.app_context():
        contact.choose(_user("demo-child"), "sms", "07700900123", None)
        _review("Alex", date(2030, 1, 15))
        queue_review_reminders(TODAY)
        report = send_due()
        (message,) = _outbox()
    assert report.failed == 1 and message.status == OutboxStatus.FAILED and message.last_error == "Notify 400"


def test_when_notify_is_down_the_message_is_retried_and_delivered_once(app, world, notify):
    from datetime import timedelta

    from portal.models.base import utcnow

    notify.fail_next = 1
    with app.app_context():
        contact.choose(_user("demo-child"), "sms", "07700900123", None)
        _review("Alex", date(2030, 1, 15))
        queue_review_reminders(TODAY)
        assert send_due().retrying == 1
        later = utcnow() + timedelta(minutes=5)
        assert send_due(clock=lambda: later).sent == 1
        assert send_due(clock=lambda: later).claimed == 0
    assert len(notify.received) == 1


def test_a_bad_key_is_refused_by_notify_and_never_counted_as_sent(app, world, notify):
    app.config["NOTIFY_API_KEY"] = API_KEY[:-36] + "00000000-0000-0000-0000-000000000000"
    with app.app_context():
        contact.choose(_user("demo-child"), "sms", "07700900123", None)
        _review("Alex", date(2030, 1, 15))
        queue_review_reminders(TODAY)
        report = send_due()
        (message,) = _outbox()
    assert report.sent == 0 and report.retrying == 1 and message.last_error == "Notify 403"
    assert notify.received == [] and notify.rejected[0][0] == 403


def test_without_notify_emails_go_over_smtp_and_texts_are_not_sent(app, world):
    server = SmtpServer().start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_TIMEOUT=5)
    try:
        with app.app_context():
            contact.choose(_user("demo-child-2"), "email", None, "jordan@example.org")
            db.session.add(ContactPreference(user_id=_user("demo-carer").id, channel="sms", mobile="+447700900999"))
            db.session.commit()
            _review("Jordan", date(2030, 1, 12))
            queue_review_reminders(TODAY)
            report = send_due()
            failed = db.session.scalar(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.FAILED))
        assert report.sent == 1 and report.failed == 1 and failed.last_error == "Refused"
        (email,) = server.inbox.to("jordan@example.org")
        assert "your review is next week" in email["Subject"]
    finally:
        server.stop()


def test_the_iro_replying_tells_the_young_person_that_something_is_new(app, world):
    from portal.letters import services
    from tests.letters import answer, write_letter

    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
        response = answer(letter, 2, world["yp:Alex"])
        before = len(_outbox())
        assert services.reply(response, db.session.get(User, world["demo-iro"]), "It is booked for Friday.")
        new = [(message.kind, message.recipient_id) for message in _outbox()[before:]]
    assert new == [("iro_replied", world["demo-child"])]


def test_with_notify_for_text_messages_only_emails_still_go_over_smtp(app, world, notify):
    app.config["NOTIFY_EMAIL_TEMPLATE_ID"] = None  # the council uses Notify for texts, its own mail server for email
    server = SmtpServer().start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_TIMEOUT=5)
    try:
        with app.app_context():
            contact.choose(_user("demo-child-2"), "sms", "07700 900123", None)
            contact.choose(_user("demo-carer"), "email", None, "carer@example.org")
            _review("Jordan", date(2030, 1, 12))
            queue_review_reminders(TODAY)
            assert send_due().sent == 2
        assert [(m["kind"], m["to"]) for m in notify.received] == [("sms", "+447700900123")]
        (email,) = server.inbox.to("carer@example.org")
        assert "a review is next week" in email["Subject"]
    finally:
        server.stop()
