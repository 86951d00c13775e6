"""seats remember the device they were taken from (hashed per room), so a kick holds

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seats") as batch:
        batch.add_column(sa.Column("device_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seats") as batch:
        batch.drop_column("device_hash")
