"""The report's own texts (narrative sections, imprint, abbreviations, data cut-off) and evidence as
citations (publisher, date published, date accessed)

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('publisher', sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column('published', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('accessed', sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('accessed')
        batch_op.drop_column('published')
        batch_op.drop_column('publisher')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('report')
