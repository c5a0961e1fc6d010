"""Data rights: "That's not right about me" requests, and young people whose records retention has anonymised.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

OUTCOME = sa.Enum("open", "corrected", "not_changed", name="correctionoutcome", native_enum=False, length=20)


def upgrade():
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("what_is_wrong", sa.Text(), nullable=False),
        sa.Column("outcome", OUTCOME, nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"],
                                name=op.f("fk_corrections_young_person_id_young_people")),
        sa.ForeignKeyConstraint(["letter_id"], ["review_letters.id"], name=op.f("fk_corrections_letter_id_review_letters")),
        sa.ForeignKeyConstraint(["decision_id"], ["letter_decisions.id"],
                                name=op.f("fk_corrections_decision_id_letter_decisions")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"], name=op.f("fk_corrections_answered_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_young_person_id"), ["young_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_corrections_outcome"), ["outcome"], unique=False)
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_outcome"))
        batch_op.drop_index(batch_op.f("ix_corrections_young_person_id"))
    op.drop_table("corrections")
