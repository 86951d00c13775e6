"""A statement run as the driver's own SQL writes what ``Connection.execute`` writes."""

from datetime import UTC, datetime

import msgspec
from support.room_rows import CHANGES, MOVE, stored_row

from kletsborden.engine import new_room
from kletsborden.store.database import Database, DriverStatement
from kletsborden.store.prepared import as_text
from kletsborden.store.rooms import add_room


def test_it_writes_what_execute_writes_for_each_set_of_columns(db: Database) -> None:
    with db.transaction() as session:
        for code in ("CORE01", "DRIVER"):
            add_room(session, code, new_room(seed=1))
    driver = DriverStatement(MOVE)
    for read, columns in enumerate(CHANGES, start=1):
        with db.autocommit() as connection:
            core = connection.execute(MOVE, {"room": "CORE01", "read": read, **columns})
            own = driver.execute(connection, {"room": "DRIVER", "read": read, **columns})
            assert core.rowcount == own == 1
        assert stored_row(db, "DRIVER") == stored_row(db, "CORE01")
    assert stored_row(db, "DRIVER")[:2] == ({"fase": "einde"}, 4)


def test_a_stale_version_matches_no_row_and_writes_nothing(db: Database) -> None:
    with db.transaction() as session:
        add_room(session, "STALE1", new_room(seed=1))
    before = stored_row(db, "STALE1")
    with db.autocommit() as connection:
        missed = DriverStatement(MOVE).execute(
            connection, {"room": "STALE1", "read": 7, "version": 8, "state": {}}
        )
    assert missed == 0
    assert stored_row(db, "STALE1") == before


def test_only_what_libpq_takes_as_it_is_written_as_text_for_it() -> None:
    """PostgreSQL's prepared way (store/prepared.py) leaves the rest to SQLAlchemy's types."""
    naive = datetime(2026, 12, 4, 5, 6, 7, 890123)
    written = as_text([7, 1.5, None, naive, msgspec.Raw(b'{"a": 1}')], [False] * 4 + [True])
    assert written == [b"7", b"1.5", None, b"2026-12-04 05:06:07.890123", b'{"a": 1}']
    assert as_text([naive.replace(tzinfo=UTC)], [False]) is None, "its offset would be lost"
    assert as_text(['{"a": 1}'], [True]) is None, "a str for a JSON column is JSON-encoded"
    assert as_text([None], [True]) is None, "None for a JSON column is JSON null"
    assert as_text([True], [False]) is None, "a bool is no int here"
