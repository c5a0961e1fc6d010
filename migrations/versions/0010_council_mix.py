"""Council anonymity against the database: the mixing queue, double-tap digests, no submission beside the sealed list.

Existing sealed rows were written in the same transactions as their contributions; they are
re-inserted here in a shuffled order, in this one transaction, so that neither `xmin` nor row
order pairs them with their contributions any more.

Revision ID: 0010
Revises: 0009
"""

import random

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "council_queue",
        sa.Column("token", sa.String(length=22), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_council_queue")),
    )
    op.create_table(
        "council_submissions",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_council_submissions")),
    )
    with op.batch_alter_table("my_contributions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_my_contributions_submission"), type_="unique")
        batch_op.drop_column("submission")

    mine = sa.table("my_contributions", sa.column("id", sa.String), sa.column("young_person_id", sa.Integer),
                    sa.column("sealed", sa.Text))
    connection = op.get_bind()
    rows = [dict(row._mapping) for row in connection.execute(sa.select(mine.c.id, mine.c.young_person_id, mine.c.sealed))]
    if rows:
        random.SystemRandom().shuffle(rows)
        connection.execute(sa.delete(mine))
        connection.execute(sa.insert(mine), rows)


def downgrade():
    with op.batch_alter_table("my_contributions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submission", sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_my_contributions_submission"), ["submission"])
    op.drop_table("council_submissions")
    op.drop_table("council_queue")
