"""The outbox and its worker, against a real SMTP server: once, in the right language, nothing sensitive,
nothing lost when SMTP is down, nothing sent twice by workers running side by side."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import get_domain
from sqlalchemy import select

from portal import create_app
from portal.config import ROOT
from portal.core.outbox import notify, notify_address
from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus, SupportRequest, User
from portal.models.base import utcnow
from portal.models.support import SupportKind
from portal.notifications.sender import backoff, claim, send_claimed, send_due
from portal.support import services
from tests.smtp_server import SmtpServer
from tests.support_requests import make_request

SIGN_IN = "http://127.0.0.1:5000/sign-in"


@pytest.fixture
def smtp_server(app):
    """A running SMTP server the app sends to; stopped afterwards."""
    server = SmtpServer().start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_TIMEOUT=5)
    yield server
    server.stop()


def _rows(app):
    with app.app_context():
        return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _send(app, **kwargs):
    with app.app_context():
        return send_due(**kwargs)


def _give_email(app, username, email, locale=None):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        user.email, user.locale = email, locale
        db.session.commit()
        return user.id


def test_a_new_request_emails_the_service_once_with_nothing_sensitive(app, world, smtp_server):
    make_request(app, world, "demo-child", "Alex", SupportKind.ADVOCATE, details="My secret worry about home",
                 contact_details="07700 900999")
    assert smtp_server.inbox.messages == []  # asking never waits on (or touches) SMTP

    report = _send(app)
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    (message,) = smtp_server.inbox.to("advocacy@example.org")
    assert message["Subject"] == "A new request is waiting for your service"
    assert message["From"] == "no-reply@localhost"
    assert message["Content-Language"] == "en"
    body = message.get_content()
    assert SIGN_IN in body
    everything = str(message)
    for secret in ("Alex", "secret worry", "07700", "advocate", "Advocacy", "Priya"):
        assert secret not in everything
    (row,) = _rows(app)
    assert (row.status, row.attempts, row.claimed_by, row.last_error) == (OutboxStatus.SENT, 1, None, None)
    assert row.sent_at is not None

    assert _send(app).claimed == 0  # marked sent once: never sent again
    assert len(smtp_server.inbox.messages) == 1


def _arabic_catalog(directory):
    """A catalog holding the Arabic of the status email (the shipped catalogs are translated later, by the lead)."""
    catalog = Catalog(locale="ar")
    for english, arabic in {
        "You have something new": "لديك شيء جديد",
        "Hello,": "مرحبًا،",
        "There is something new for you. Sign in to see it:": "هناك شيء جديد لك. سجّل الدخول لتراه:",
        "To keep things private, we never put any details in emails.":
            "للحفاظ على الخصوصية، لا نضع أي تفاصيل في رسائل البريد الإلكتروني.",
    }.items():
        catalog.add(english, arabic)
    folder = directory / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)


def _forget_loaded_catalogs(some_app):
    # Flask-Babel keeps loaded catalogs per language for the whole process, whichever app loaded them.
    with some_app.app_context():
        get_domain().cache.clear()


def test_an_email_is_in_the_recipients_language(app, world, database_url, tmp_path):
    _arabic_catalog(tmp_path)
    arabic_app = create_app("test", {"DATABASE_URL": database_url, "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)})
    server = SmtpServer().start()
    arabic_app.config.update(SMTP_PORT=server.port, SMTP_TIMEOUT=5)
    _forget_loaded_catalogs(arabic_app)
    try:
        _give_email(app, "demo-child-2", "jordan@example.org", locale="ar")
        request_id = make_request(app, world, "demo-child-2", "Jordan", SupportKind.INDEPENDENT_VISITOR,
                                  details="Football on Saturdays")
        with app.app_context():
            visitor = db.session.get(User, world["demo-visitor"])
            support_request = db.session.get(SupportRequest, request_id)
            assert services.change_status(support_request, visitor, "acknowledge", note="We will call")
        report = _send(arabic_app)
        assert report.sent == 2
        (message,) = server.inbox.to("jordan@example.org")
        assert message["Subject"] == "لديك شيء جديد"
        assert message["Content-Language"] == "ar"
        body = message.get_content()
        assert "هناك شيء جديد لك. سجّل الدخول لتراه:" in body and SIGN_IN in body
        for secret in ("Jordan", "Football", "We will call", "Visitor", "Demo"):
            assert secret not in str(message)
        # The service's address, which has no language of its own, gets the default.
        (to_service,) = server.inbox.to("visitors@example.org")
        assert to_service["Content-Language"] == "en"
    finally:
        server.stop()
        _forget_loaded_catalogs(arabic_app)
        with arabic_app.app_context():
            db.engine.dispose()


def test_smtp_refusing_connections_loses_nothing_then_sends_exactly_once(app, world, smtp_server):
    smtp_server.stop()  # connections are now refused
    make_request(app, world, "demo-child", "Alex")
    started = utcnow()

    report = _send(app, clock=lambda: started)
    assert (report.sent, report.retrying) == (0, 1)
    (row,) = _rows(app)
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.PENDING, 1, "ConnectionRefusedError")
    assert row.next_attempt_at == started + timedelta(minutes=1)
    assert row.claimed_by is None

    assert _send(app, clock=lambda: started + timedelta(seconds=30)).claimed == 0  # waits for its backoff
    later = started + timedelta(seconds=61)
    assert _send(app, clock=lambda: later).retrying == 1
    (row,) = _rows(app)
    assert (row.attempts, row.next_attempt_at) == (2, later + timedelta(minutes=2))

    smtp_server.start()  # the server comes back
    report = _send(app, clock=lambda: later + timedelta(minutes=3))
    assert report.sent == 1
    assert len(smtp_server.inbox.to("advocacy@example.org")) == 1
    (row,) = _rows(app)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 3)
    assert _send(app, clock=lambda: later + timedelta(hours=5)).claimed == 0
    assert len(smtp_server.inbox.messages) == 1


def test_a_worker_whose_lease_ran_out_does_not_send_what_another_worker_took(app, world, smtp_server):
    make_request(app, world, "demo-child", "Alex")
    started = utcnow()
    lease = timedelta(seconds=app.config["OUTBOX_LEASE_SECONDS"])
    with app.app_context():
        token, stalled = claim(10, started)  # this worker claims, then stalls for longer than its lease
        assert len(stalled) == 1
    assert _send(app, clock=lambda: started + lease / 2).claimed == 0  # while the lease runs, nobody else takes it
    assert _send(app, clock=lambda: started + lease + timedelta(seconds=1)).sent == 1  # then another worker does
    with app.app_context():
        report = send_claimed(token, stalled, clock=lambda: started + lease + timedelta(seconds=2))
    assert (report.sent, report.skipped) == (0, 1)
    assert len(smtp_server.inbox.messages) == 1


def test_a_batch_waits_together_when_the_server_is_down(app, world, smtp_server):
    smtp_server.stop()
    for _ in range(3):
        make_request(app, world, "demo-child", "Alex")
    report = _send(app)
    assert (report.claimed, report.retrying) == (3, 3)
    assert {row.attempts for row in _rows(app)} == {1}


def test_the_worker_gives_up_after_the_last_attempt_and_an_admin_can_retry(app, world, smtp_server, signed_in):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    smtp_server.stop()
    make_request(app, world, "demo-child", "Alex")
    now = utcnow()
    _send(app, clock=lambda: now)
    report = _send(app, clock=lambda: now + timedelta(minutes=2))
    assert (report.retrying, report.failed) == (0, 1)
    (row,) = _rows(app)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 2)
    assert _send(app, clock=lambda: now + timedelta(days=1)).claimed == 0

    from tests.conftest import csrf_from

    admin = signed_in("demo-admin")
    page = admin.get("/admin/outbox")
    text = page.get_data(as_text=True)
    assert "advocacy@example.org" in text and "ConnectionRefusedError" in text
    response = admin.post(f"/admin/outbox/{row.id}/retry", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert "The email will be tried again" in admin.get("/admin/outbox").get_data(as_text=True)
    smtp_server.start()
    assert _send(app).sent == 1
    assert len(smtp_server.inbox.messages) == 1


def test_an_address_refused_for_good_is_not_tried_again(app, world, smtp_server):
    smtp_server.inbox.refuse.add("advocacy@example.org")
    make_request(app, world, "demo-child", "Alex")
    report = _send(app)
    assert report.failed == 1
    (row,) = _rows(app)
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.FAILED, 1, "SMTPRecipientsRefused 550")
    assert smtp_server.inbox.messages == []


def test_someone_without_an_email_address_is_marked_not_dropped(app, world, smtp_server):
    with app.app_context():
        jordan = db.session.get(User, world["demo-child-2"])
        notify(jordan, "support_status_changed")
        notify_address(None, "en", "support_new_request")
        db.session.commit()
    assert [row.status for row in _rows(app)] == [OutboxStatus.NO_ADDRESS, OutboxStatus.NO_ADDRESS]
    assert _send(app).claimed == 0
    # An address removed after the message was queued: marked when the worker finds out.
    _give_email(app, "demo-child-2", "jordan@example.org")
    with app.app_context():
        notify(db.session.get(User, world["demo-child-2"]), "support_status_changed")
        db.session.commit()
    _give_email(app, "demo-child-2", None)
    assert _send(app).no_address == 1
    assert smtp_server.inbox.messages == []


def test_a_notification_is_part_of_the_callers_transaction(app, world):
    with app.app_context():
        notify(db.session.get(User, world["demo-iro"]), "support_status_changed")
        db.session.rollback()  # the change failed: its notification goes with it
    assert _rows(app) == []
    with app.app_context(), pytest.raises(ValueError, match="Unknown notification kind"):
        notify(db.session.get(User, world["demo-iro"]), "made_up_kind")


def test_backoff_doubles_up_to_an_hour(app):
    with app.app_context():
        assert [backoff(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_workers_running_side_by_side_send_every_message_exactly_once(app, world, database_url, smtp_server):
    smtp_server.inbox.delay = 0.005  # keep each worker busy long enough for the others to race it
    with app.app_context():
        iro = db.session.get(User, world["demo-iro"])
        for number in range(40):
            notify_address(f"person{number}@example.org", "en", "support_status_changed")
        notify(iro, "support_status_changed")  # the IRO has an email address
        db.session.commit()

    workers = [create_app("test", {"DATABASE_URL": database_url, "SMTP_PORT": smtp_server.port, "SMTP_TIMEOUT": 5})
               for _ in range(4)]
    start, reports, errors = threading.Barrier(len(workers)), [], []

    def work(number, worker):
        try:
            with worker.app_context():
                start.wait()
                while (report := send_due(batch=3)).claimed:
                    reports.append((number, report))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=work, args=pair) for pair in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for worker in workers:
        with worker.app_context():
            db.engine.dispose()

    assert errors == []
    ids = [message["Message-ID"] for _recipients, message in smtp_server.inbox.messages]
    assert len(ids) == 41 and len(set(ids)) == 41
    assert sum(report.sent for _number, report in reports) == 41
    assert max(report.claimed for _number, report in reports) <= 3  # a claim never takes more than its batch
    assert len({number for number, report in reports if report.sent}) >= 2  # they really did run side by side
    rows = _rows(app)
    assert {(row.status, row.attempts) for row in rows} == {(OutboxStatus.SENT, 1)}
    assert len(smtp_server.inbox.to("iro@example.org")) == 1


def test_send_notifications_command_sends_what_is_due(app, world, runner, smtp_server):
    make_request(app, world, "demo-child", "Alex")
    make_request(app, world, "demo-child-2", "Jordan", SupportKind.INDEPENDENT_VISITOR)
    result = runner.invoke(args=["send-notifications", "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "Sent 2. Will try again later: 0. Gave up: 0. No email address: 0." in result.output
    assert len(smtp_server.inbox.messages) == 2
    assert "Sent 0." in runner.invoke(args=["send-notifications"]).output


def test_send_notifications_loop_runs_until_stopped(app, world, database_url, smtp_server):
    env = {**os.environ, "PORTAL_ENV": "test", "DATABASE_URL": database_url, "SMTP_HOST": "127.0.0.1",
           "SMTP_PORT": str(smtp_server.port)}
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "send-notifications", "--loop",
                               "--interval", "0.2"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        make_request(app, world, "demo-child", "Alex")  # queued while the worker is already running
        deadline = time.monotonic() + 30
        while not smtp_server.inbox.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(smtp_server.inbox.messages) == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert "Sent 1." in output and "Stopping after this batch (SIGTERM)." in output
    assert [row.status for row in _rows(app)] == [OutboxStatus.SENT]


def test_safety_messages_retry_at_least_every_minute_whatever_the_backoff(app):
    with app.app_context():
        assert [backoff(n, "urgent_flag").total_seconds() for n in (1, 5, 12)] == [60, 60, 60]
        assert backoff(12, "consultation_sent").total_seconds() == 3600


def test_during_a_long_smtp_outage_an_urgent_flag_goes_first_and_is_never_given_up(app, world, smtp_server):
    smtp_server.stop()
    _give_email(app, "demo-iro", "iro@example.org")
    with app.app_context():
        iro = db.session.scalar(select(User).where(User.username == "demo-iro"))
        for _ in range(3):
            notify(iro, "consultation_sent")
        notify(iro, "urgent_flag")
        db.session.commit()
    now = utcnow()
    for minute in range(30):  # half an hour of a mail server refusing every connection
        _send(app, clock=lambda at=now + timedelta(minutes=minute, seconds=1): at)
    urgent = next(row for row in _rows(app) if row.kind == "urgent_flag")
    assert urgent.status == OutboxStatus.PENDING and urgent.attempts == 30
    ordinary = [row for row in _rows(app) if row.kind != "urgent_flag"]
    assert all(row.attempts < 6 for row in ordinary)  # 1, 2, 4, 8, 16 minutes apart
    smtp_server.start()
    back = now + timedelta(minutes=30, seconds=1)
    with app.app_context():
        token, claimed = claim(1, back)
        assert [message.kind for message in claimed] == ["urgent_flag"]  # the safety message is claimed first
        report = send_claimed(token, claimed, clock=lambda: back)
    assert report.sent == 1
    assert [message["Subject"] for message in smtp_server.inbox.to("iro@example.org")] == ["Urgent: please sign in today"]
