"""A safety flag is acted on, and that is recorded: flag_actions, and when a flag was first acted on.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "flag_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("spoke_to_young_person", "told_social_worker", "safeguarding_referral",
                                  "strategy_meeting", "police", "no_further_action", name="flagactionkind",
                                  native_enum=False, length=30), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("with_whom", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["flag_id"], ["safety_flags.id"], name=op.f("fk_flag_actions_flag_id_safety_flags")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_flag_actions_recorded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flag_actions")),
    )
    op.create_index(op.f("ix_flag_actions_flag_id"), "flag_actions", ["flag_id"], unique=False)
    with op.batch_alter_table("safety_flags") as batch:
        batch.add_column(sa.Column("actioned_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("safety_flags") as batch:
        batch.drop_column("actioned_at")
    op.drop_index(op.f("ix_flag_actions_flag_id"), table_name="flag_actions")
    op.drop_table("flag_actions")
