"""Case record snapshots

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('parquet', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dataset_id')
    )
    with op.batch_alter_table('case_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_snapshots_name'), ['name'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_snapshots_name'))

    op.drop_table('case_snapshots')
