"""Alembic environment: runs on the connection handed over by `flask db-upgrade`."""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.types import TypeDecorator

from portal.database import normalise_url
from portal.models import Base

config = context.config
target_metadata = Base.metadata


def render_item(kind, obj, autogen_context):
    """Write our column types as the plain storage types they use, so migrations never import app code."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations(connection):
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:  # plain `alembic` on the command line, e.g. to autogenerate a revision
    with create_engine(normalise_url(config.get_main_option("sqlalchemy.url"))).connect() as fresh:
        run_migrations(fresh)
        fresh.commit()
