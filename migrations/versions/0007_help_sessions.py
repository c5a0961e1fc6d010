"""Helping is a session: help_sessions, who helped with each answer and addition, the level of a safety flag.

Answers stored before this revision are treated as given alone (helped_by_id stays empty), so no
carer gains sight of anything they could not prove they helped with.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "help_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("carer_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["carer_id"], ["users.id"], name=op.f("fk_help_sessions_carer_id_users")),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"],
                                name=op.f("fk_help_sessions_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"], name=op.f("fk_help_sessions_ended_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_sessions")),
    )
    op.create_index(op.f("ix_help_sessions_carer_id"), "help_sessions", ["carer_id"], unique=False)
    op.create_index(op.f("ix_help_sessions_consultation_id"), "help_sessions", ["consultation_id"], unique=False)
    with op.batch_alter_table("consultation_answers") as batch:
        batch.add_column(sa.Column("helped_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_consultation_answers_helped_by_id_users"), "users", ["helped_by_id"], ["id"])
    with op.batch_alter_table("consultation_additions") as batch:
        batch.add_column(sa.Column("helped_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_consultation_additions_helped_by_id_users"), "users", ["helped_by_id"], ["id"])
    with op.batch_alter_table("safety_flags") as batch:
        batch.add_column(sa.Column("level", sa.String(length=10), nullable=False, server_default="urgent"))


def downgrade():
    with op.batch_alter_table("safety_flags") as batch:
        batch.drop_column("level")
    with op.batch_alter_table("consultation_additions") as batch:
        batch.drop_constraint(op.f("fk_consultation_additions_helped_by_id_users"), type_="foreignkey")
        batch.drop_column("helped_by_id")
    with op.batch_alter_table("consultation_answers") as batch:
        batch.drop_constraint(op.f("fk_consultation_answers_helped_by_id_users"), type_="foreignkey")
        batch.drop_column("helped_by_id")
    op.drop_index(op.f("ix_help_sessions_consultation_id"), table_name="help_sessions")
    op.drop_index(op.f("ix_help_sessions_carer_id"), table_name="help_sessions")
    op.drop_table("help_sessions")
