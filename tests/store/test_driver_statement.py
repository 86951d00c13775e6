"""A statement run as the driver's own SQL writes what ``Connection.execute`` writes."""

from datetime import UTC, datetime

import msgspec
from sqlalchemy import bindparam, select, update

from kletsborden.engine import new_room
from kletsborden.store.database import Database, DriverStatement
from kletsborden.store.models import RoomRow
from kletsborden.store.prepared import as_text
from kletsborden.store.rooms import add_room

_ROOMS = RoomRow.__table__
_MOVE = update(_ROOMS).where(
    _ROOMS.c.code == bindparam("room"), _ROOMS.c.version == bindparam("read")
)
_COLUMNS = ("state", "version", "updated_at", "due_at", "ended_at")


def _row(db: Database, code: str) -> tuple:
    with db.transaction() as session:
        read = select(*(_ROOMS.c[name] for name in _COLUMNS)).where(_ROOMS.c.code == code)
        return tuple(session.execute(read).one())


def test_it_writes_what_execute_writes_for_each_set_of_columns(db: Database) -> None:
    with db.transaction() as session:
        for code in ("CORE01", "DRIVER"):
            add_room(session, code, new_room(seed=1))
    driver = DriverStatement(_MOVE)
    changes = [
        {"version": 2, "updated_at": datetime(2026, 12, 4, 5, 6, 7, 890123), "due_at": 12.5},
        {"version": 3, "state": {"naam": "Zoë", "n": [1, 2.5, None]}, "due_at": None},
        {"version": 4, "ended_at": datetime(2027, 1, 1), "state": {"fase": "einde"}},
    ]
    for read, columns in enumerate(changes, start=1):
        with db.autocommit() as connection:
            core = connection.execute(_MOVE, {"room": "CORE01", "read": read, **columns})
            own = driver.execute(connection, {"room": "DRIVER", "read": read, **columns})
            assert core.rowcount == own == 1
        assert _row(db, "DRIVER") == _row(db, "CORE01")
    assert _row(db, "DRIVER")[:2] == ({"fase": "einde"}, 4)


def test_a_stale_version_matches_no_row_and_writes_nothing(db: Database) -> None:
    with db.transaction() as session:
        add_room(session, "STALE1", new_room(seed=1))
    before = _row(db, "STALE1")
    with db.autocommit() as connection:
        missed = DriverStatement(_MOVE).execute(
            connection, {"room": "STALE1", "read": 7, "version": 8, "state": {}}
        )
    assert missed == 0
    assert _row(db, "STALE1") == before


def test_only_what_libpq_takes_as_it_is_written_as_text_for_it() -> None:
    """PostgreSQL's prepared way (store/prepared.py) leaves the rest to SQLAlchemy's types."""
    naive = datetime(2026, 12, 4, 5, 6, 7, 890123)
    written = as_text([7, 1.5, None, naive, msgspec.Raw(b'{"a": 1}')], [False] * 4 + [True])
    assert written == [b"7", b"1.5", None, b"2026-12-04 05:06:07.890123", b'{"a": 1}']
    assert as_text([naive.replace(tzinfo=UTC)], [False]) is None, "its offset would be lost"
    assert as_text(['{"a": 1}'], [True]) is None, "a str for a JSON column is JSON-encoded"
    assert as_text([None], [True]) is None, "None for a JSON column is JSON null"
    assert as_text([True], [False]) is None, "a bool is no int here"
