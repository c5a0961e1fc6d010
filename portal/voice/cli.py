"""The mixing command: `flask --app wsgi council-mix` (the outbox worker also runs it each time round its loop)."""

import click
from flask import current_app

from portal.voice import bp, mixing


@bp.cli.command("council-mix")
def council_mix():
    """Move what young people shared into the council's tables, once the queue holds a batch from several people."""
    moved = mixing.mix()
    if moved:
        click.echo(f"Moved {moved} contributions to the council, in a shuffled batch.")
    else:
        click.echo(f"Waiting: the queue does not yet hold things shared by {current_app.config['COUNCIL_MIX_MIN_PEOPLE']} "
                   "different young people.")


def register_worker_job(state):
    """Let the outbox worker run the mixing job each time round its loop (it knows no capability by name)."""
    state.app.extensions.setdefault("worker_jobs", []).append(mixing.mix)
