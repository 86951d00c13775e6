"""room cards apart from the state a move changes; the state gets a format number

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 05:50:00

Rooms in progress are converted here (store/room_codec.py, format 1 to the newest): their
cards move to ``rooms.cards``, plays beyond the kept history become the tally.
"""

import msgspec
import sqlalchemy as sa
from alembic import op

from kletsborden.store.room_codec import decode_state, upgrade_stored

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

rooms = sa.table(
    "rooms", sa.column("id", sa.Integer), sa.column("state", sa.JSON), sa.column("cards", sa.JSON)
)


def upgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cards", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for room_id, state, cards in connection.execute(sa.select(rooms)).all():
        state, cards = upgrade_stored(state, cards)
        connection.execute(
            rooms.update().where(rooms.c.id == room_id).values(state=state, cards=cards)
        )


def downgrade() -> None:
    """Back to format 1: the engine's whole state, the cards inline again (plays already
    tallied stay counts only)."""
    connection = op.get_bind()
    for room_id, state, cards in connection.execute(sa.select(rooms)).all():
        old = msgspec.to_builtins(decode_state(state, lambda cards=cards: cards))
        del old["tally"]
        connection.execute(rooms.update().where(rooms.c.id == room_id).values(state=old))
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("cards")
