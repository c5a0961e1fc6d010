"""Escalations (dispute resolution): an IRO taking a concern about a young person further, stage by stage.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

KIND = sa.Enum("informal", "formal", name="escalationkind", native_enum=False, length=20)
CATEGORY = sa.Enum("care_plan", "drift_or_delay", "safeguarding", "social_work", "placement", "education", "health",
                   "eighteen_plus", "management", "review_decisions", "other", name="escalationcategory",
                   native_enum=False, length=30)
STAGE_NAMES = ("team_manager", "service_manager", "head_of_service", "director", "cafcass")
OUTCOME = sa.Enum("resolved", "partly_resolved", "not_resolved", "withdrawn", name="escalationoutcome",
                  native_enum=False, length=20)


def upgrade():
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=False),
        sa.Column("kind", KIND, nullable=False),
        sa.Column("category", CATEGORY, nullable=False),
        sa.Column("stage", sa.Enum(*STAGE_NAMES, name="escalationstage", native_enum=False, length=30), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("concern", sa.Text(), nullable=True),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("flag_id", sa.Integer(), nullable=True),
        sa.Column("outcome", OUTCOME, nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"],
                                name=op.f("fk_escalations_young_person_id_young_people")),
        sa.ForeignKeyConstraint(["raised_by_id"], ["users.id"], name=op.f("fk_escalations_raised_by_id_users")),
        sa.ForeignKeyConstraint(["follow_up_id"], ["letter_decision_responses.id"],
                                name=op.f("fk_escalations_follow_up_id_letter_decision_responses")),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_escalations_review_id_reviews")),
        sa.ForeignKeyConstraint(["decision_id"], ["letter_decisions.id"],
                                name=op.f("fk_escalations_decision_id_letter_decisions")),
        sa.ForeignKeyConstraint(["flag_id"], ["safety_flags.id"], name=op.f("fk_escalations_flag_id_safety_flags")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["users.id"], name=op.f("fk_escalations_closed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
    )
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalations_young_person_id"), ["young_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalations_raised_on"), ["raised_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalations_follow_up_id"), ["follow_up_id"], unique=False)

    op.create_table(
        "escalation_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Enum(*STAGE_NAMES, name="escalationstage", native_enum=False, length=30), nullable=False),
        sa.Column("asked", sa.String(length=200), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["escalation_id"], ["escalations.id"],
                                name=op.f("fk_escalation_steps_escalation_id_escalations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_steps")),
        sa.UniqueConstraint("escalation_id", "stage", name=op.f("uq_escalation_steps_escalation_id")),
    )
    with op.batch_alter_table("escalation_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_steps_escalation_id"), ["escalation_id"], unique=False)


def downgrade():
    op.drop_table("escalation_steps")
    op.drop_table("escalations")
