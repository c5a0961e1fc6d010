"""The mid-way check between reviews: education plan, health assessment, decisions on track, a staff-only note.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _answer():
    return sa.Enum("yes", "partly", "no", "not_applicable", name="midwayanswer", native_enum=False, length=20)


def upgrade():
    op.create_table(
        "midway_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("education_plan", _answer(), nullable=False),
        sa.Column("health_assessment", _answer(), nullable=False),
        sa.Column("decisions_on_track", _answer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"],
                                name=op.f("fk_midway_checks_young_person_id_young_people")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_midway_checks_recorded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_midway_checks")),
    )
    with op.batch_alter_table("midway_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_midway_checks_young_person_id"), ["young_person_id"], unique=False)


def downgrade():
    op.drop_table("midway_checks")
