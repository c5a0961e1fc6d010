"""Short by default, deep by choice: the topics a young person chose, the wording round they met, and the
decisions asked "Did this happen?" (issue 13). Existing consultations keep their old form versions.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("topics", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("wording_round", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("decision_ids", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_column("decision_ids")
        batch_op.drop_column("wording_round")
        batch_op.drop_column("topics")
