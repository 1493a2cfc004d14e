"""Case records belong to a country (its profile's code), and name places in generic area levels:
`area_1..3` in place of the UK's force, ward_code and lsoa_code (stored snapshots are rewritten; the
records kept before this were England and Wales's, as the method's model then was)

Revision ID: 0009
Revises: 0008
"""

import hashlib
import io

from alembic import op
import pyarrow.parquet as pq
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# dashboard/case_areas.yaml's United Kingdom mapping, frozen here as this migration ran it.
UK = {"force": "area_1", "ward_code": "area_2", "lsoa_code": "area_3"}


def upgrade() -> None:
    with op.batch_alter_table('case_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country', sa.String(length=16), nullable=False, server_default='ew'))
    snapshots = sa.table("case_snapshots", sa.column("id", sa.Integer), sa.column("sha256", sa.String),
                         sa.column("parquet", sa.LargeBinary))
    bind = op.get_bind()
    for row_id, data in bind.execute(sa.select(snapshots.c.id, snapshots.c.parquet)).all():
        table = pq.read_table(io.BytesIO(data))
        if not set(UK) <= set(table.column_names):
            continue
        buffer = io.BytesIO()
        pq.write_table(table.rename_columns([UK.get(c, c) for c in table.column_names]), buffer, compression="zstd")
        moved = buffer.getvalue()
        bind.execute(snapshots.update().where(snapshots.c.id == row_id)
                     .values(parquet=moved, sha256=hashlib.sha256(moved).hexdigest()))


def downgrade() -> None:
    with op.batch_alter_table('case_snapshots', schema=None) as batch_op:
        batch_op.drop_column('country')
