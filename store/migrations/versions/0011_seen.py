"""How far each person has read an assessment's review news (the Overview's notice of send-backs and
comments since they last looked)

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'seen',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_name', sa.String(length=200), nullable=False),
        sa.Column('assessment', sa.String(length=120), nullable=False),
        sa.Column('audit_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_name', 'assessment'),
    )


def downgrade() -> None:
    op.drop_table('seen')
