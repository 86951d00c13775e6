"""seat connection with heartbeat, and room due time

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 11:56:37.958249
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", sa.Double(), nullable=True))
        batch_op.create_index(batch_op.f("ix_rooms_due_at"), ["due_at"], unique=False)

    with op.batch_alter_table("seats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("connection", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("seen_at", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seats", schema=None) as batch_op:
        batch_op.drop_column("seen_at")
        batch_op.drop_column("connection")

    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rooms_due_at"))
        batch_op.drop_column("due_at")
