"""Delivering the outbox: claim a batch, send each message once, retry with backoff.

Emails go over SMTP (the default), or through GOV.UK Notify when NOTIFY_API_KEY and
NOTIFY_EMAIL_TEMPLATE_ID are set; text messages go through Notify only. Young people and carers are reached by their own current choice
(portal.core.outbox.channel_for), read when the message is sent, so a number they removed is never used.

Several workers may run at once. A worker claims a batch of unclaimed (or
lease-expired) pending rows by writing its token and a lease on them: on PostgreSQL
after locking them with FOR UPDATE SKIP LOCKED (rows another worker is claiming are
skipped), on SQLite in one UPDATE that holds the database's single write lock. Before
each message the worker makes sure its lease still has time to run (renewing it, or
skipping the row if it is no longer its own), and marks it sent in its own transaction straight after the SMTP
server accepts it, so a crash between two messages never sends the earlier ones again.

SMTP itself cannot promise exactly once: if the connection drops after the server
took the message but before it said so, the message is sent again on retry. Each
message keeps one Message-ID across retries so a mail system can tell it is the same.
"""

import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app
from flask_babel import force_locale
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient
from sqlalchemy import case, or_, select, update
from sqlalchemy.orm import selectinload

from portal.core.message_kinds import URGENT_KINDS, template_for
from portal.core.outbox import channel_for
from portal.extensions import db
from portal.models.base import utcnow
from portal.models.outbox import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What one run of the worker did."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    no_address: int = 0
    skipped: int = 0

    def add(self, other):
        """Add another run's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self):
        return (f"Sent {self.sent}. Will try again later: {self.retrying}. Gave up: {self.failed}. "
                f"No email address: {self.no_address}.")


class Unreachable(Exception):
    """The SMTP server or Notify could not be reached, refused us for now, or dropped the connection."""


class Refused(Exception):
    """This message can never be delivered as it is (a number Notify rejects, no text message service)."""


class NotifySender:
    """GOV.UK Notify's API, for text messages and (when configured) emails, through its own Python client.

    One template per channel, set up once in the council's Notify account: the email template's
    subject is ((subject)) and its body ((body)); the text message template is ((body)). The words
    are ours, rendered in the recipient's language, and never carry personal content.
    """

    def __init__(self, config):
        self.config = config
        # A council may use Notify for text messages only: without an email template, emails stay on SMTP.
        self.sends_email = bool(config["NOTIFY_EMAIL_TEMPLATE_ID"])
        self.client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"],
                                             timeout=config["NOTIFY_TIMEOUT"])

    def _call(self, send, **arguments):
        try:
            send(**arguments)
        except HTTPError as error:
            # 400: this message or number is wrong and always will be; 403 (a key problem), 429 and 5xx: try later.
            if error.status_code == 400:
                raise Refused(f"Notify {error.status_code}") from error
            raise Unreachable(f"Notify {error.status_code}") from error

    def send_email(self, message, address):
        subject, body = render(message.kind, message.locale, message.link)
        self._call(self.client.send_email_notification, email_address=address,
                   template_id=self.config["NOTIFY_EMAIL_TEMPLATE_ID"],
                   personalisation={"subject": subject, "body": body}, reference=f"outbox-{message.id}")

    def send_sms(self, message, number):
        self._call(self.client.send_sms_notification, phone_number=number,
                   template_id=self.config["NOTIFY_SMS_TEMPLATE_ID"],
                   personalisation={"body": text_message(message.kind, message.locale)},
                   reference=f"outbox-{message.id}")


class Mailer:
    """One SMTP connection, opened when first needed and reused for a batch."""

    def __init__(self, config):
        self.config = config
        self.smtp = None

    def _connect(self):
        config = self.config
        try:
            smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=config["SMTP_TIMEOUT"])
            if config["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        except OSError as error:  # smtplib.SMTPException is an OSError too
            raise Unreachable(error) from error
        return smtp

    def send(self, email):
        """Send one email; raises Unreachable for connection trouble, smtplib errors for this message."""
        if self.smtp is None:
            self.smtp = self._connect()
        try:
            self.smtp.send_message(email)
        except smtplib.SMTPServerDisconnected as error:
            self.close()
            raise Unreachable(error) from error
        except smtplib.SMTPException:
            raise
        except OSError as error:
            self.close()
            raise Unreachable(error) from error

    def close(self):
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except OSError:
            self.smtp.close()
        self.smtp = None


def render(kind, locale, link=None):
    """(subject, body) of a kind's email in a language; `link` only for a password-reset email."""
    config = current_app.config
    context = {"service_name": config["SERVICE_NAME"], "sign_in_url": config["PUBLIC_URL"].rstrip("/") + "/sign-in",
               "link": link}
    with force_locale(locale):
        module = current_app.jinja_env.get_template(template_for(kind)).make_module(context)
        subject = " ".join(str(module.subject).split())
        body = "\n".join(line.rstrip() for line in str(module).strip().splitlines()) + "\n"
    return subject, body


def text_message(kind, locale) -> str:
    """A text message: the email's subject line and where to sign in. Never a name or a detail."""
    subject, _body = render(kind, locale)
    return f"{subject}. {current_app.config['PUBLIC_URL'].rstrip('/')}/sign-in"


def destination(message) -> tuple[str, str | None]:
    """(channel, address) to use now: a service's address, or the person's current choice."""
    if message.address:
        return "email", message.address
    if message.recipient is None or not message.recipient.active:
        return message.channel, None
    return channel_for(message.recipient)


def build_email(message, address) -> EmailMessage:
    """The email for an outbox row, in its language, with the same Message-ID on every attempt."""
    config = current_app.config
    subject, body = render(message.kind, message.locale, message.link)
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = address
    email["Subject"] = subject
    email["Date"] = format_datetime(utcnow())
    domain = config["MAIL_FROM"].rpartition("@")[2] or "localhost"
    email["Message-ID"] = f"<outbox-{message.id}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(body)
    email["Content-Language"] = message.locale  # after set_content, which replaces the Content-* headers
    return email


def backoff(attempts: int, kind: str | None = None) -> timedelta:
    """How long to wait after the n-th failed attempt: 1, 2, 4 ... minutes, up to the cap.

    A safety message (URGENT_KINDS) waits at most OUTBOX_URGENT_RETRY_SECONDS, whatever the cap, so
    it goes out within a minute of the mail server coming back.
    """
    config = current_app.config
    seconds = min(config["OUTBOX_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0), config["OUTBOX_BACKOFF_MAX_SECONDS"])
    if kind in URGENT_KINDS:
        seconds = min(seconds, config["OUTBOX_URGENT_RETRY_SECONDS"])
    return timedelta(seconds=seconds)


def _claimable(now):
    return ((OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= now)
            & or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))


def claim(batch, now):
    """Take up to `batch` due messages for this worker; returns (token, messages)."""
    token = uuid.uuid4().hex
    claimed = {"claimed_by": token,
               "claimed_until": now + timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])}
    db.session.commit()  # the claim runs in a transaction of its own
    # Safety messages first, then oldest first.
    due = (select(OutboxMessage.id).where(_claimable(now))
           .order_by(case((OutboxMessage.kind.in_(URGENT_KINDS), 0), else_=1), OutboxMessage.id).limit(batch))
    if db.engine.dialect.name == "postgresql":
        # Lock the rows (skipping rows another worker has locked), then mark them, before anyone else can.
        # Two statements on purpose: as a subquery of the UPDATE, PostgreSQL may re-run the locking
        # SELECT for every row and so claim far more than `batch`.
        ids = db.session.scalars(due.with_for_update(skip_locked=True)).all()
        if ids:
            db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(**claimed)
                               .execution_options(synchronize_session=False))
    else:
        # SQLite: one UPDATE takes the database's only write lock before it reads, so the
        # rows it picks cannot be picked by another worker (which waits for the lock, then
        # finds them claimed: the conditions are checked again outside the subquery).
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(due), _claimable(now)).values(**claimed)
                           .execution_options(synchronize_session=False))
    db.session.commit()
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.claimed_by == token).order_by(OutboxMessage.id)
        .options(selectinload(OutboxMessage.recipient))
    ).all()
    return token, messages


def _change(message, token, **values):
    """Update a row this worker holds; False when it is no longer ours."""
    result = db.session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message.id, OutboxMessage.claimed_by == token,
                                    OutboxMessage.status == OutboxStatus.PENDING)
        .values(**values).execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _describe(error) -> str:
    """The kind of failure, for admins: never the message or the address."""
    if isinstance(error, Unreachable | Refused) and str(error).startswith("Notify"):
        return str(error)[:200]
    if isinstance(error, Unreachable) and error.__cause__ is not None:
        error = error.__cause__
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = ",".join(sorted({str(c) for c, _text in error.recipients.values()}))
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:200]


def _record_failure(message, token, now, error, report, permanent=False):
    attempts = message.attempts + 1
    most = current_app.config["OUTBOX_URGENT_MAX_ATTEMPTS" if message.kind in URGENT_KINDS else "OUTBOX_MAX_ATTEMPTS"]
    give_up = permanent or attempts >= most
    values = {"attempts": attempts, "last_error": _describe(error), "claimed_by": None, "claimed_until": None}
    if give_up:
        values["status"] = OutboxStatus.FAILED
        values["link"] = None  # a reset link's secret is never kept longer than it is needed
    else:
        values["next_attempt_at"] = now + backoff(attempts, message.kind)
    if _change(message, token, **values):
        if give_up:
            report.failed += 1
        else:
            report.retrying += 1


def send_due(batch=20, clock=utcnow) -> Report:
    """Claim and send one batch of due messages. Safe to run in several processes at once."""
    token, messages = claim(batch, clock())
    return send_claimed(token, messages, clock)


def send_claimed(token, messages, clock=utcnow) -> Report:
    """Send the messages this worker claimed with `token`, each at most once."""
    report = Report(claimed=len(messages))
    lease = timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    mailer = Mailer(current_app.config)
    notify_service = NotifySender(current_app.config) if current_app.config["NOTIFY_API_KEY"] else None
    unreachable = None
    try:
        for message in messages:
            now = clock()
            # While more than half the lease is left nobody else can take the row; past that, renew it
            # (or find it is no longer ours).
            if message.claimed_until - now < lease / 2 and not _change(message, token, claimed_until=now + lease):
                report.skipped += 1
                continue
            channel, address = destination(message)
            if not address:
                if _change(message, token, status=OutboxStatus.NO_ADDRESS, claimed_by=None, claimed_until=None):
                    report.no_address += 1
                continue
            if unreachable is not None:  # the server is down: every message of this batch waits its turn again
                _record_failure(message, token, now, unreachable, report)
                continue
            try:
                if channel == "sms":
                    if notify_service is None:
                        raise Refused("NoTextMessageService")
                    notify_service.send_sms(message, address)
                elif notify_service is not None and notify_service.sends_email:
                    notify_service.send_email(message, address)
                else:
                    mailer.send(build_email(message, address))
            except Unreachable as error:
                unreachable = error
                _record_failure(message, token, now, error, report)
            except Refused as error:
                _record_failure(message, token, now, error, report, permanent=True)
            except smtplib.SMTPRecipientsRefused as error:
                permanent = all(code >= 500 for code, _text in error.recipients.values())
                _record_failure(message, token, now, error, report, permanent=permanent)
            except Exception as error:  # noqa: BLE001 (one bad message must not stop the others)
                log.exception("outbox message %s could not be sent", message.id)
                _record_failure(message, token, now, error, report)
            else:
                sent = _change(message, token, status=OutboxStatus.SENT, sent_at=clock(), attempts=message.attempts + 1,
                               channel=channel, claimed_by=None, claimed_until=None, last_error=None, link=None)
                if sent:
                    report.sent += 1
                else:
                    log.warning("outbox message %s was sent after its lease ran out", message.id)
    finally:
        mailer.close()
        db.session.close()
    return report
