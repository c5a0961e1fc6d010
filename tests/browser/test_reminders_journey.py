"""Reminders on a small phone (360×640): a young person chooses text messages, their carer email; a review is
planned for a week later; the reminders job runs; GOV.UK Notify (a local fake, checking the JWT) gets the text,
with nothing personal in it, and the mail server gets the carer's email. The young person removes their number,
and the next reminder is not sent to it. The settings page is axe clean in English and Arabic.

The service's "today" is fixed (TODAY): the job is the worker's own function, given that day.
"""

from datetime import date, datetime, time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.clock import local_zone
from portal.core.reminders import queue_review_reminders
from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus, Review, User, YoungPerson
from portal.notifications.sender import send_due
from tests.browser.conftest import assert_accessible, choose_language, start_live_server, stop_live_server
from tests.notify_server import API_KEY, SMS_TEMPLATE, FakeNotify
from tests.smtp_server import SmtpServer

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}
TODAY = date(2030, 1, 8)
REVIEW_DAY = date(2030, 1, 15)  # a week later
MOBILE, CARER_EMAIL = "07700 900123", "carer@example.org"


@pytest.fixture(scope="module")
def services(database_url):
    """The fake Notify (for text messages) and a real SMTP server (for email), new for each database."""
    notify, smtp = FakeNotify().start(), SmtpServer().start()
    yield notify, smtp
    notify.stop()
    smtp.stop()


@pytest.fixture(scope="module")
def live_server(database_url, services):
    """A portal that sends text messages through Notify and emails over SMTP (no Notify email template)."""
    notify, smtp = services
    server = start_live_server(database_url, NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=notify.url,
                               NOTIFY_SMS_TEMPLATE_ID=SMS_TEMPLATE, NOTIFY_EMAIL_TEMPLATE_ID=None, NOTIFY_TIMEOUT=5,
                               SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_TIMEOUT=5)
    yield server
    stop_live_server(server)



def run_reminders_job(server, today):
    """What the worker does each day: queue the reminders due, then send the outbox."""
    with server.app.app_context():
        queue_review_reminders(today)
        send_due()
        return [(m.kind, m.status, m.recipient_id) for m in db.session.scalars(select(OutboxMessage)
                                                                                .order_by(OutboxMessage.id))]


def plan_review(server, first_name, day):
    with server.app.app_context():
        person = db.session.scalar(select(YoungPerson).where(YoungPerson.first_name == first_name))
        db.session.add(Review(young_person_id=person.id, place="Oak House",
                              scheduled_for=datetime.combine(day, time(16), tzinfo=local_zone())))
        db.session.commit()
        return person.user_id


def choose(page, base, channel_label, field=None, value=None):
    page.goto(f"{base}/my-news")
    page.get_by_label(channel_label).check()
    if field:
        page.locator(field).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".banner--success")).to_be_visible()


def test_reminders_reach_the_young_persons_phone_and_the_carers_email_and_stop_when_the_number_is_removed(
        open_page, live_server, services):
    notify, smtp = services
    base = live_server.url
    child = open_page("demo-child-2", **SMALL_PHONE)  # Jordan, 9, cared for by demo-carer
    child.goto(f"{base}/my-news")
    assert_accessible(child)
    choose(child, base, "A text message", "#mobile", MOBILE)
    assert_accessible(child)
    choose_language(child, "ar")
    assert_accessible(child)
    choose_language(child, "en")

    carer = open_page("demo-carer", **SMALL_PHONE)
    choose(carer, base, "An email", "#email", CARER_EMAIL)
    assert_accessible(carer)

    jordan = plan_review(live_server, "Jordan", REVIEW_DAY)
    outbox = run_reminders_job(live_server, TODAY)
    assert sorted((kind, status) for kind, status, _user in outbox) == [
        ("carer_review_next_week", OutboxStatus.SENT), ("review_next_week", OutboxStatus.SENT)]

    (text,) = notify.received
    assert text["kind"] == "sms" and text["to"] == "+447700900123"
    with live_server.app.app_context():
        assert db.session.get(User, jordan).username == "demo-child-2"
    words = text["personalisation"]["body"]
    assert "your review is next week" in words and words.endswith("/sign-in")
    for private in ("Jordan", "Oak House", "15", "Priya", "demo-child"):
        assert private not in words
    (email,) = smtp.inbox.to(CARER_EMAIL)
    assert "a review is next week" in email["Subject"]
    assert "Jordan" not in email.get_content() and "Oak House" not in email.get_content()

    # Jordan removes their number; the day before the review, nothing goes to it.
    child.goto(f"{base}/my-news")
    expect(child.locator("#mobile")).to_have_value("+447700900123")
    choose(child, base, "Do not tell me: I will look myself")
    expect(child.locator("#mobile")).to_have_value("")
    assert_accessible(child)
    outbox = run_reminders_job(live_server, date(2030, 1, 14))
    assert ("review_tomorrow", OutboxStatus.NO_ADDRESS, jordan) in outbox
    assert len(notify.received) == 1  # still only the first text
    assert len(smtp.inbox.to(CARER_EMAIL)) == 2  # the carer, who kept their choice, hears again
