"""Running Alembic migrations against the app's own database."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from portal.config import ROOT
from portal.extensions import db
from portal.models import Base


def alembic_config(connection=None):
    """An Alembic config for the migrations folder, bound to a connection if given."""
    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(revision="head"):
    """Create or migrate the app's database to a revision (default: the newest)."""
    database = db.engine.url.database
    if db.engine.dialect.name == "sqlite" and database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)  # SQLite creates files, not folders
    with db.engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def pending_changes():
    """Differences between the models and the migrated database (empty when in step)."""
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
