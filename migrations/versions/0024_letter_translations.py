"""Letters in the young person's language as tracked requests, and how staff are referred to in gendered languages.

Open "ask for it in my language" requests move from review_letters to letter_translations.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

STATUS = sa.Enum("requested", "published", name="translationstatus", native_enum=False, length=20)
TEXTS = ("meeting", "told_us", "going_well", "worries", "rights", "next_review", "contact", "decisions")


def upgrade():
    op.create_table(
        "letter_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Text(), nullable=True) for name in TEXTS),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["letter_id"], ["review_letters.id"],
                                name=op.f("fk_letter_translations_letter_id_review_letters")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"],
                                name=op.f("fk_letter_translations_requested_by_id_users")),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"],
                                name=op.f("fk_letter_translations_published_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_translations")),
        sa.UniqueConstraint("letter_id", "language", name=op.f("uq_letter_translations_letter_id")),
    )
    with op.batch_alter_table("letter_translations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_translations_letter_id"), ["letter_id"], unique=False)
    # Requests not yet marked arranged stay open; arranged ones were handled outside the portal.
    op.execute("INSERT INTO letter_translations (letter_id, language, status, requested_at) "
               "SELECT id, language_requested, 'requested', language_requested_at FROM review_letters "
               "WHERE language_requested IS NOT NULL AND language_requested_at IS NOT NULL "
               "AND language_arranged_at IS NULL")
    with op.batch_alter_table("review_letters", schema=None) as batch_op:
        batch_op.drop_column("language_requested")
        batch_op.drop_column("language_requested_at")
        batch_op.drop_column("language_arranged_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("referred_as", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("referred_as")
    with op.batch_alter_table("review_letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language_requested", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("language_requested_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("language_arranged_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE review_letters SET language_requested = t.language, language_requested_at = t.requested_at "
               "FROM letter_translations t WHERE t.letter_id = review_letters.id AND t.status = 'requested'")
    with op.batch_alter_table("letter_translations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_translations_letter_id"))
    op.drop_table("letter_translations")
