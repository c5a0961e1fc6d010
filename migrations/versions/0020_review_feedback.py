""""How was your review?": a young person's quick answers after a held review, one row per review.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "review_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("listened", sa.String(length=20), nullable=True),
        sa.Column("right_people", sa.String(length=20), nullable=True),
        sa.Column("understood", sa.String(length=20), nullable=True),
        sa.Column("said_enough", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_feedback_review_id_reviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_feedback")),
        sa.UniqueConstraint("review_id", name=op.f("uq_review_feedback_review_id")),
    )


def downgrade():
    op.drop_table("review_feedback")
