"""Corrected review letters: each published version of a corrected letter, and the correction being written.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

STATUS = sa.Enum("draft", "published", name="letterstatus", native_enum=False, length=20)
TEXTS = ("meeting", "told_us", "going_well", "worries", "rights", "next_review", "contact", "decisions", "what_changed")


def upgrade():
    op.create_table(
        "letter_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("lock", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=True) for name in TEXTS),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["review_letters.id"],
                                name=op.f("fk_letter_versions_letter_id_review_letters")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_letter_versions_updated_by_id_users")),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"], name=op.f("fk_letter_versions_published_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_versions")),
        sa.UniqueConstraint("letter_id", "number", name=op.f("uq_letter_versions_letter_id")),
    )
    with op.batch_alter_table("letter_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_versions_letter_id"), ["letter_id"], unique=False)


def downgrade():
    with op.batch_alter_table("letter_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_versions_letter_id"))
    op.drop_table("letter_versions")
