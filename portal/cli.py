"""Commands run with `flask --app wsgi ...`."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import demo, migrate
from portal.core import safety
from portal.extensions import db
from portal.models import Base, Role
from portal.models.encryption import rotate_all


def init_app(app):
    """Register the commands on the app."""
    for command in (db_upgrade, demo_data, rotate_keys, invite_admin, safety_check, purge_kept_typing):
        app.cli.add_command(command)


@click.command("db-upgrade")
@with_appcontext
def db_upgrade():
    """Create or migrate the database named by DATABASE_URL."""
    migrate.upgrade()
    click.echo("Database is up to date.")


@click.command("demo-data")
@with_appcontext
def demo_data():
    """Load the demo accounts and records (idempotent; refused in production)."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is never loaded under the production configuration.")
    demo.load()
    demo.load_history()
    click.echo(f"Demo sign-ins (password for all: {demo.PASSWORD}):")
    for username, description in demo.ACCOUNTS:
        click.echo(f"  {username:<15} {description}")


@click.command("rotate-keys")
@with_appcontext
def rotate_keys():
    """Re-encrypt all stored sensitive text with the newest key in ENCRYPTION_KEYS."""
    with db.engine.begin() as connection:
        changed = rotate_all(connection, Base.metadata)
    click.echo(f"Re-encrypted {changed} values with the newest key.")


@click.command("invite-admin")
@with_appcontext
@click.argument("display_name")
def invite_admin(display_name):
    """Print a one-time code with which a first admin creates their account."""
    from portal.core.invitations import create_invitation  # noqa: PLC0415 (keeps CLI start-up light)

    code = create_invitation(role=Role.ADMIN, display_name=display_name, created_by=None)
    db.session.commit()
    click.echo(f"Invitation code for {display_name} (valid 14 days, shown once): {code}")


@click.command("safety-check")
@click.option("--locale", default=None, help="The language the lines are written in (its rules and English); all rules if left out.")
def safety_check(locale):
    """Read lines on standard input; print for each `urgent`, `soon` or `none`, a tab, then the line."""
    if locale and not safety.language_with_rules(locale):
        click.echo(f"No rules for {locale!r} yet: checking every language's rules.", err=True)
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        level = safety.assess(line, locale)
        click.echo(f"{level or 'none'}\t{line}")


@click.command("purge-kept-typing")
@with_appcontext
def purge_kept_typing():
    """Delete typing kept after a sign-out once it is 24 hours old (sign-in also does this)."""
    from portal.security.kept import purge_expired  # noqa: PLC0415 (keeps CLI start-up light)

    deleted = purge_expired()
    db.session.commit()
    click.echo(f"Deleted {deleted} kept forms older than 24 hours.")
