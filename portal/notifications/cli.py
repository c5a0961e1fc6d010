"""The worker command: `flask --app wsgi send-notifications [--loop] [--interval N] [--batch N]`."""

import signal
import threading

import click
from flask import current_app

from portal.core.clock import local_today
from portal.core.reminders import queue_review_reminders
from portal.extensions import db
from portal.notifications import bp
from portal.notifications.sender import Report, send_due


@bp.cli.command("send-notifications")
@click.option("--loop", is_flag=True, help="Keep running, checking for new messages every --interval seconds.")
@click.option("--interval", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to wait when there is nothing to send (with --loop).")
@click.option("--batch", default=20, show_default=True, type=click.IntRange(min=1, max=500),
              help="How many messages to claim at a time.")
def send_notifications(loop, interval, batch):
    """Send the emails waiting in the outbox over SMTP (several workers may run at once)."""
    if not loop:
        total = Report()
        while True:  # until a batch comes back less than full: everything due has been tried once
            report = send_due(batch)
            total.add(report)
            if report.claimed < batch:
                break
        click.echo(str(total))
        return

    stop = threading.Event()

    def finish(signum, _frame):
        click.echo(f"Stopping after this batch ({signal.Signals(signum).name}).")
        stop.set()

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    click.echo(f"Sending notifications every {interval:g} seconds. Stop with Ctrl+C.")
    while not stop.is_set():
        _run_worker_jobs()
        report = send_due(batch)
        if report.claimed:
            click.echo(str(report))
        if report.claimed < batch:
            stop.wait(interval)


@bp.cli.command("review-reminders")
def review_reminders():
    """Queue the review reminders due today (a week before and the day before); the worker loop runs this too."""
    click.echo(f"Queued {queue_review_reminders(local_today())} review reminders.")


def _queue_todays_reminders():
    return queue_review_reminders(local_today())


def _run_worker_jobs():
    """Other periodic jobs registered by capabilities (the council's mixing job); one failing never stops the mail."""
    for job in (_queue_todays_reminders, *current_app.extensions.get("worker_jobs", ())):
        try:
            job()
        except Exception:  # noqa: BLE001 (logged; the loop must keep sending)
            current_app.logger.exception("Worker job %s failed", getattr(job, "__name__", job))
            db.session.rollback()
