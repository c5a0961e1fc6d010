"""The service's figures: indexes for counting reviews held, safety flags raised and requests made in a period.

Revision ID: 0019
Revises: 0018
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_held_on"), ["held_on"], unique=False)
    with op.batch_alter_table("safety_flags", schema=None) as batch_op:
        batch_op.create_index("ix_safety_flags_created_at", ["created_at"], unique=False)
    with op.batch_alter_table("support_requests", schema=None) as batch_op:
        batch_op.create_index("ix_support_requests_created_at", ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("support_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_support_requests_created_at")
    with op.batch_alter_table("safety_flags", schema=None) as batch_op:
        batch_op.drop_index("ix_safety_flags_created_at")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_held_on"))
