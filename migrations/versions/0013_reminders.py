"""Reminders and news by text message or email: each person's choice, the outbox's channel, reminders sent.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("mobile", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_contact_preferences_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_contact_preferences")),
    )
    op.create_table(
        "review_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("days_before", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_reminders_review_id_reviews")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_review_reminders_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_reminders")),
        sa.UniqueConstraint("review_id", "user_id", "days_before",
                            name=op.f("uq_review_reminders_review_id")),
    )
    with op.batch_alter_table("review_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_reminders_review_id"), ["review_id"], unique=False)
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=10), nullable=False, server_default="email"))


def downgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("channel")
    op.drop_table("review_reminders")
    op.drop_table("contact_preferences")
