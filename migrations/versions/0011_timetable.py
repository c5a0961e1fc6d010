"""The review timetable: care episodes, the IRO's record of a held review, recommendations, requests for a sooner review.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LEGAL_STATUS = sa.Enum("s20", "interim_care_order", "care_order", "placement_order", "remanded", "short_breaks",
                       name="legalstatus", native_enum=False, length=30)
LATENESS = sa.Enum("young_person_asked", "key_person_unavailable", "iro_unavailable", "cancelled_at_short_notice",
                   "reports_not_ready", "not_known_in_time", "other", name="latenessreason", native_enum=False, length=40)
PARTICIPATION = sa.Enum("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", name="participation",
                        native_enum=False, length=3)


def upgrade():
    op.create_table(
        "care_episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("legal_status", LEGAL_STATUS, nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"],
                                name=op.f("fk_care_episodes_young_person_id_young_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_episodes")),
    )
    with op.batch_alter_table("care_episodes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_episodes_young_person_id"), ["young_person_id"], unique=False)

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("lateness_reason", LATENESS, nullable=True))
        batch_op.add_column(sa.Column("lateness_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("participation", PARTICIPATION, nullable=True))
        batch_op.add_column(sa.Column("chaired", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("seen_before", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("attendees", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("parents", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("care_plan_endorsed", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("knows_why_in_care", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("knows_how_to_get_advocate", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("knows_how_to_complain", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("recorded_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_reviews_recorded_by_id_users"), "users", ["recorded_by_id"], ["id"])

    op.create_table(
        "review_recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("by_when", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_recommendations_review_id_reviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_recommendations")),
        sa.UniqueConstraint("review_id", "position", name=op.f("uq_review_recommendations_review_id")),
    )
    with op.batch_alter_table("review_recommendations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_recommendations_review_id"), ["review_id"], unique=False)

    op.create_table(
        "review_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"],
                                name=op.f("fk_review_requests_young_person_id_young_people")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"], name=op.f("fk_review_requests_answered_by_id_users")),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_requests_review_id_reviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_requests")),
    )
    with op.batch_alter_table("review_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_requests_young_person_id"), ["young_person_id"], unique=False)


def downgrade():
    op.drop_table("review_requests")
    op.drop_table("review_recommendations")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reviews_recorded_by_id_users"), type_="foreignkey")
        for column in ("recorded_by_id", "recorded_at", "knows_how_to_complain", "knows_how_to_get_advocate",
                       "knows_why_in_care", "care_plan_endorsed", "parents", "attendees", "seen_before", "chaired",
                       "participation", "lateness_note", "lateness_reason", "staff_notes"):
            batch_op.drop_column(column)
    op.drop_table("care_episodes")
