"""card_texts.status: a translation is reviewed, or a draft not yet checked by a speaker

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("card_texts") as batch:
        batch.add_column(
            sa.Column("status", sa.String(16), nullable=False, server_default="reviewed")
        )


def downgrade() -> None:
    with op.batch_alter_table("card_texts") as batch:
        batch.drop_column("status")
