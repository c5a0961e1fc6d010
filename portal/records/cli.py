"""The retention command: `flask --app wsgi retention --dry-run` lists what is due, `--apply` removes it."""

import click

from portal.core.clock import local_today
from portal.models.base import utcnow
from portal.records import bp, retention


@bp.cli.command("retention")
@click.option("--dry-run", "dry_run", is_flag=True, help="List what is past its date; change nothing.")
@click.option("--apply", "apply_", is_flag=True, help="Anonymise every young person whose records are past their date.")
def retention_command(dry_run, apply_):
    """Remove records kept past their date (after a young person leaves care), keeping the counts for the figures."""
    if dry_run == apply_:
        raise click.UsageError("Choose one of --dry-run or --apply.")
    today = local_today()
    if dry_run:
        due = retention.schedule(today)
        for item in due:
            click.echo(f"due: young person {item.young_person.id} (left care {item.left_care_on.isoformat()}, "
                       f"kept until {item.keep_until.isoformat()})")
        click.echo(f"{len(due)} young people's records are past their date. Nothing was changed (dry run).")
        return
    done = retention.apply(today, utcnow())
    for item in done:
        counts = ", ".join(f"{name} {count}" for name, count in sorted(item.removed.items()) if count)
        click.echo(f"anonymised: young person {item.young_person.id} ({counts or 'nothing else held'})")
    click.echo(f"{len(done)} young people's records were anonymised.")
