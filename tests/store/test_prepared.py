"""On PostgreSQL a move's ``UPDATE`` runs prepared, through libpq (store/prepared.py): it writes
what SQLAlchemy writes, is prepared once per connection, and leaves every failure to SQLAlchemy."""

import msgspec
import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from support.room_rows import CHANGES, MOVE, stored_row

from kletsborden.engine import new_room
from kletsborden.store import prepared
from kletsborden.store.database import Database, DriverStatement
from kletsborden.store.rooms import add_room

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def _ours(connection) -> list[str]:
    query = text("SELECT name FROM pg_prepared_statements WHERE name LIKE 'kletsborden_%'")
    return list(connection.scalars(query))


def test_a_move_is_prepared_once_per_connection_and_writes_what_core_writes(db: Database):
    with db.transaction() as session:
        for code in ("CORE01", "LIBPQ1"):
            add_room(session, code, new_room(seed=1))
    driver = DriverStatement(MOVE)
    sent: list[str] = []
    event.listen(db.moves_engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    with db.autocommit() as connection:
        for read, columns in enumerate(CHANGES, start=1):
            raw = {**columns, "state": msgspec.Raw(msgspec.json.encode(columns.get("state", {})))}
            connection.execute(MOVE, {"room": "CORE01", "read": read, **columns})
            sent.clear()
            assert driver.execute(connection, {"room": "LIBPQ1", "read": read, **raw}) == 1
            assert [s.split(" SET ")[0] for s in sent] == ["UPDATE rooms"], "listeners hear it"
            assert "$1" in sent[0], "the numbered statement, not psycopg's"
        assert len(_ours(connection)) == 3, "one per set of columns, each prepared once"
        assert driver.execute(connection, {"room": "LIBPQ1", "read": 1, "version": 9}) == 0
    assert stored_row(db, "LIBPQ1") == stored_row(db, "CORE01")
    assert stored_row(db, "LIBPQ1")[:2] == ({"fase": "einde"}, 4)


def test_what_postgresql_refuses_is_reported_by_sqlalchemy_and_writes_nothing(db: Database):
    with db.transaction() as session:
        add_room(session, "REFUSE", new_room(seed=1))
    before = stored_row(db, "REFUSE")
    move = DriverStatement(MOVE)
    sent: list[str] = []
    event.listen(db.moves_engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    with db.autocommit() as connection:
        with pytest.raises(DBAPIError, match="out of range"):
            move.execute(connection, {"room": "REFUSE", "read": 1, "version": 2**40})
        with pytest.raises(DBAPIError, match="json"):
            move.execute(connection, {"room": "REFUSE", "read": 1, "state": msgspec.Raw(b"{no")})
        assert stored_row(db, "REFUSE") == before
        assert len(sent) == 4, "each tried prepared, then again by SQLAlchemy"
        sent.clear()
        assert move.execute(connection, {"room": "REFUSE", "read": 1, "version": 2}) == 1
        assert len(sent) == 1 and "$1" in sent[0], "still prepared after a refusal"
        state = msgspec.Raw(b'{"weer": "goed"}')
        assert move.execute(connection, {"room": "REFUSE", "read": 2, "state": state}) == 1
        assert len(_ours(connection)) == 2
    assert stored_row(db, "REFUSE")[:2] == ({"weer": "goed"}, 2)


def test_a_statement_the_server_forgot_is_prepared_again(db: Database):
    with db.transaction() as session:
        add_room(session, "FORGOT", new_room(seed=1))
    move = DriverStatement(MOVE)
    with db.autocommit() as connection:
        assert move.execute(connection, {"room": "FORGOT", "read": 1, "version": 2}) == 1
        connection.exec_driver_sql("DEALLOCATE ALL")
        assert move.execute(connection, {"room": "FORGOT", "read": 2, "version": 3}) == 1
        assert move.execute(connection, {"room": "FORGOT", "read": 3, "version": 4}) == 1
        assert len(_ours(connection)) == 1
    assert stored_row(db, "FORGOT")[1] == 4


class _Interrupted(BaseException):
    """What gevent raises in a greenlet it stops (a ``Timeout``, ``GreenletExit``)."""


@pytest.mark.parametrize("failure", [_Interrupted, OSError], ids=["interrupted", "wait failed"])
def test_a_statement_in_flight_that_fails_closes_its_connection(
    db: Database, monkeypatch, failure: type[BaseException]
):
    def failing(_fd: int) -> None:
        raise failure()

    slow = prepared.PreparedStatement("UPDATE rooms SET version = 0 WHERE pg_sleep(0.3) IS NULL")
    reported = _Interrupted if failure is _Interrupted else OperationalError
    with db.autocommit() as connection:
        _ours(connection)  # connected
        monkeypatch.setattr(prepared, "_wait_readable", failing)
        with pytest.raises(reported):
            slow.run(connection, [])
        assert connection.invalidated
    monkeypatch.undo()
    with db.autocommit() as connection:
        assert connection.scalar(text("SELECT 1")) == 1, "the pool goes on with a new one"


def test_a_statement_already_prepared_on_the_backend_is_used(db: Database):
    with db.transaction() as session:
        room_id = add_room(session, "READY1", new_room(seed=1)).id
    touch = prepared.PreparedStatement("UPDATE rooms SET version = version + 1 WHERE id = $1")
    with db.autocommit() as connection:
        connection.exec_driver_sql(f"PREPARE {touch.name.decode()} AS {touch.sql}")
        with pytest.raises(prepared.Unprepared):
            touch.run(connection, [b"%d" % room_id])  # SQLAlchemy would run it this time
        assert touch.run(connection, [b"%d" % room_id]) == 1
    assert stored_row(db, "READY1")[1] == 2
