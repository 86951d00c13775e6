"""a game's cards in a table of their own (room_cards), out of the room's row

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:00:00

SQLite writes a whole row again on every UPDATE, so a pool of ~100 KB in ``rooms.cards`` was
rewritten with every move (docs/performance.md). Rooms in progress keep their cards.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

rooms = sa.table("rooms", sa.column("id", sa.Integer), sa.column("cards", sa.JSON))
room_cards = sa.table("room_cards", sa.column("room_id", sa.Integer), sa.column("cards", sa.JSON))


def upgrade() -> None:
    op.create_table(
        "room_cards",
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("cards", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name="fk_room_cards_room_id_rooms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("room_id", name="pk_room_cards"),
    )
    op.execute(
        room_cards.insert().from_select(
            ["room_id", "cards"],
            sa.select(rooms.c.id, rooms.c.cards).where(rooms.c.cards.is_not(None)),
        )
    )
    # Not a batch (a copy of the table): dropping and renaming ``rooms`` would cascade to the
    # rows that refer to it. SQLite drops a column in place since 3.35.
    op.drop_column("rooms", "cards")


def downgrade() -> None:
    op.add_column("rooms", sa.Column("cards", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for room_id, cards in connection.execute(sa.select(room_cards)).all():
        connection.execute(rooms.update().where(rooms.c.id == room_id).values(cards=cards))
    op.drop_table("room_cards")
