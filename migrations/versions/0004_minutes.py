"""review letters (child-friendly minutes): letters, decisions, updates on last time's decisions, answers, sharing

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-25 23:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None

DECISION_STATUS = sa.Enum('open', 'done', 'not_done', name='decisionstatus', native_enum=False, length=20)


def upgrade():
    op.create_table('review_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='letterstatus', native_enum=False, length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('meeting', sa.Text(), nullable=True),
    sa.Column('told_us', sa.Text(), nullable=True),
    sa.Column('going_well', sa.Text(), nullable=True),
    sa.Column('worries', sa.Text(), nullable=True),
    sa.Column('rights', sa.Text(), nullable=True),
    sa.Column('next_review', sa.Text(), nullable=True),
    sa.Column('contact', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('language_requested', sa.String(length=16), nullable=True),
    sa.Column('language_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('language_arranged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_review_letters_created_by_id_users')),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_review_letters_published_by_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_letters_review_id_reviews')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_review_letters_updated_by_id_users')),
    sa.ForeignKeyConstraint(['young_person_id'], ['young_people.id'], name=op.f('fk_review_letters_young_person_id_young_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_letters')),
    sa.UniqueConstraint('review_id', name=op.f('uq_review_letters_review_id'))
    )
    with op.batch_alter_table('review_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_letters_young_person_id'), ['young_person_id'], unique=False)

    op.create_table('letter_sharing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('share_letters_with_carer', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['young_person_id'], ['young_people.id'], name=op.f('fk_letter_sharing_young_person_id_young_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_sharing')),
    sa.UniqueConstraint('young_person_id', name=op.f('uq_letter_sharing_young_person_id'))
    )
    op.create_table('letter_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('who', sa.Text(), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=False),
    sa.Column('status', DECISION_STATUS, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['review_letters.id'], name=op.f('fk_letter_decisions_letter_id_review_letters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_decisions')),
    sa.UniqueConstraint('letter_id', 'position', name=op.f('uq_letter_decisions_letter_id'))
    )
    with op.batch_alter_table('letter_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_decisions_letter_id'), ['letter_id'], unique=False)

    op.create_table('letter_decision_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', DECISION_STATUS, nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['letter_decisions.id'], name=op.f('fk_letter_decision_updates_decision_id_letter_decisions')),
    sa.ForeignKeyConstraint(['letter_id'], ['review_letters.id'], name=op.f('fk_letter_decision_updates_letter_id_review_letters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_decision_updates')),
    sa.UniqueConstraint('letter_id', 'decision_id', name=op.f('uq_letter_decision_updates_letter_id'))
    )
    with op.batch_alter_table('letter_decision_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_decision_updates_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_decision_updates_letter_id'), ['letter_id'], unique=False)

    op.create_table('letter_decision_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.Enum('understand', 'dont_understand', 'disagree', 'not_happened', name='decisionanswer', native_enum=False, length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replied_by_id', sa.Integer(), nullable=True),
    sa.Column('reply_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['letter_decisions.id'], name=op.f('fk_letter_decision_responses_decision_id_letter_decisions')),
    sa.ForeignKeyConstraint(['replied_by_id'], ['users.id'], name=op.f('fk_letter_decision_responses_replied_by_id_users')),
    sa.ForeignKeyConstraint(['young_person_id'], ['young_people.id'], name=op.f('fk_letter_decision_responses_young_person_id_young_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_decision_responses'))
    )
    with op.batch_alter_table('letter_decision_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_decision_responses_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_decision_responses_young_person_id'), ['young_person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('letter_decision_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_decision_responses_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_letter_decision_responses_decision_id'))

    op.drop_table('letter_decision_responses')
    with op.batch_alter_table('letter_decision_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_decision_updates_letter_id'))
        batch_op.drop_index(batch_op.f('ix_letter_decision_updates_decision_id'))

    op.drop_table('letter_decision_updates')
    with op.batch_alter_table('letter_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_decisions_letter_id'))

    op.drop_table('letter_decisions')
    op.drop_table('letter_sharing')
    with op.batch_alter_table('review_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_letters_young_person_id'))

    op.drop_table('review_letters')
