"""Datasets and figures (statistics with provenance)

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('datasets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file', sa.String(length=500), nullable=False),
    sa.Column('mapping', sa.String(length=500), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('publication', sa.String(length=500), nullable=False),
    sa.Column('period', sa.String(length=30), nullable=False),
    sa.Column('area', sa.String(length=500), nullable=False),
    sa.Column('strand', sa.String(length=60), nullable=False),
    sa.Column('measure', sa.String(length=120), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_dataset_id'), ['dataset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_publication'), ['publication'], unique=False)

def downgrade() -> None:
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_publication'))
        batch_op.drop_index(batch_op.f('ix_figures_dataset_id'))

    op.drop_table('figures')
    op.drop_table('datasets')
