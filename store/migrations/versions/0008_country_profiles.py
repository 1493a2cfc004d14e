"""Country profiles: each assessment names its profile; profiles made in the app are stored; assessments
of method version 2019.1 (the England & Wales model) are moved to 2026.1 through its id map

Revision ID: 0008
Revises: 0007
"""

import json

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# The id map of framework/upgrades.yaml from 2019.1 to 2026.1, frozen here as this migration ran it.
RENAMED = {"police-home-office": "police-ministry-of-interior", "public-home-office": "public-ministry-of-interior",
           "victim-home-office": "victim-ministry-of-interior"}
ACTORS = {"home-office": "ministry-of-interior"}


def upgrade() -> None:
    op.create_table('profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile', sa.String(length=16), nullable=True))
    _move_to_2026()


def _move_to_2026() -> None:
    bind = op.get_bind()
    assessments = sa.table("assessments", sa.column("id", sa.Integer), sa.column("plan", sa.JSON),
                           sa.column("profile", sa.String), sa.column("model_version", sa.String))
    old = bind.execute(sa.select(assessments.c.id, assessments.c.plan)
                       .where(assessments.c.model_version == "2019.1")).all()
    for a_id, plan in old:
        for name in ("lines", "review_comments"):
            table = sa.table(name, sa.column("assessment_id", sa.Integer), sa.column("relationship", sa.String))
            for before, after in RENAMED.items():
                bind.execute(table.update().where(table.c.assessment_id == a_id, table.c.relationship == before)
                             .values(relationship=after))
        if plan:
            text = json.dumps(plan)
            for before, after in {**RENAMED, **ACTORS}.items():
                text = text.replace(json.dumps(before), json.dumps(after))
            bind.execute(assessments.update().where(assessments.c.id == a_id).values(plan=json.loads(text)))
    bind.execute(assessments.update().where(assessments.c.model_version == "2019.1")
                 .values(profile="ew", model_version="2026.1"))


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('profile')
    op.drop_table('profiles')
