"""A room's row as a move writes it: the statement, the changes and the read-back that the
tests of ``DriverStatement`` and of PostgreSQL's prepared way share."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update

from kletsborden.store.database import Database
from kletsborden.store.models import RoomRow

_ROOMS = RoomRow.__table__
MOVE = update(_ROOMS).where(
    _ROOMS.c.code == bindparam("room"), _ROOMS.c.version == bindparam("read")
)
COLUMNS = ("state", "version", "updated_at", "due_at", "ended_at")

# Three moves, each with another set of columns (so another compiled statement).
CHANGES: list[dict[str, Any]] = [
    {"version": 2, "updated_at": datetime(2026, 12, 4, 5, 6, 7, 890123), "due_at": 12.5},
    {"version": 3, "state": {"naam": "Zoë", "n": [1, 2.5, None]}, "due_at": None},
    {"version": 4, "ended_at": datetime(2027, 1, 1), "state": {"fase": "einde"}},
]


def stored_row(db: Database, code: str) -> tuple:
    """The room's ``COLUMNS`` as the database holds them."""
    with db.transaction() as session:
        read = select(*(_ROOMS.c[name] for name in COLUMNS)).where(_ROOMS.c.code == code)
        return tuple(session.execute(read).one())
