"""Kept typing expires: kept_forms.expires_at (rows kept before were keyed to POST addresses and are dropped)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    # Old rows were keyed to the address a form was sent to, which nobody ever opened again: they can never be
    # given back, so they are deleted rather than kept (encrypted) for ever.
    op.execute("DELETE FROM kept_forms")
    with op.batch_alter_table("kept_forms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False))
        batch_op.create_index(batch_op.f("ix_kept_forms_expires_at"), ["expires_at"], unique=False)


def downgrade():
    with op.batch_alter_table("kept_forms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kept_forms_expires_at"))
        batch_op.drop_column("expires_at")
