"""The database handle: one engine, transactions, and migrating the schema to the newest version."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import msgspec
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    Executable,
    create_engine,
    event,
    inspect,
    make_url,
    text,
)
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from ..config import DATABASE_MOVE_CONNECTIONS, DATABASE_POOL_SIZE
from .gate import FairGate
from .prepared import PreparedStatement, Unprepared, as_text

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x4B4C4554  # "KLET": the advisory lock key that serialises migrations
# A move's connection that lay unused this long is pinged before use (``_ping_when_idle``).
PING_AFTER_IDLE_SECONDS = 1.0


# What store functions that only run statements accept: a session's transaction, or a bare one.
Transaction = Session | Connection


def connection_of(transaction: Transaction) -> Connection:
    """The transaction's connection: Core statements on it skip the ORM's execution layer."""
    return transaction if isinstance(transaction, Connection) else transaction.connection()


class DriverStatement:
    """A Core statement run as the driver's own SQL, compiled once per dialect and set of
    parameters: ``Connection.execute`` computes the statement's cache key and processes its
    parameters at every call, which for a move's one ``UPDATE`` cost as much CPU as SQLite's
    own work. The parameters go through their columns' types as with ``execute``; the
    connection's events and error handling stay SQLAlchemy's (``exec_driver_sql``). On
    PostgreSQL a move's connection runs it prepared, through libpq (store/prepared.py)."""

    def __init__(self, statement: Executable):
        self.statement = statement
        self._compiled: dict[tuple[Dialect, tuple[str, ...]], _DriverSql] = {}

    def execute(self, connection: Connection, parameters: dict[str, Any]) -> int:
        """Run the statement; the number of rows it changed."""
        key = (connection.dialect, tuple(parameters))
        sql = self._compiled.get(key) or self._compile(*key)
        if sql.prepared is not None:
            values = as_text(list(map(parameters.__getitem__, sql.prepared_order)), sql.processed)
            if values is not None:
                try:
                    return sql.prepared.run(connection, values)
                except Unprepared:
                    pass  # SQLAlchemy's way: it runs the statement and reports what fails
        return connection.exec_driver_sql(sql.text, sql.parameters(parameters)).rowcount

    def _compile(self, dialect: Dialect, names: tuple[str, ...]) -> _DriverSql:
        compiled = self.statement.compile(dialect=dialect, column_keys=list(names))
        order = compiled.positiontup
        processors = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect))
        }
        sql = _DriverSql(compiled.string, tuple(order) if order is not None else None, processors)
        if dialect.name == "postgresql" and dialect.driver == "psycopg":
            numbered = self.statement.compile(
                dialect=type(dialect)(paramstyle="numeric_dollar"), column_keys=list(names)
            )
            sql.prepared = PreparedStatement(numbered.string)
            sql.prepared_order = tuple(numbered.positiontup or ())
            sql.processed = tuple(name in processors for name in sql.prepared_order)
        self._compiled[(dialect, names)] = sql
        return sql


class _DriverSql:
    def __init__(self, text: str, order: tuple[str, ...] | None, processors: dict[str, Callable]):
        self.text = text
        self.order = order
        self.processors = processors
        self.prepared: PreparedStatement | None = None
        self.prepared_order: tuple[str, ...] = ()
        self.processed: tuple[bool, ...] = ()  # by position: its column's type processes it

    def parameters(self, given: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        values = dict(given)
        for name, process in self.processors.items():
            if name in values:
                values[name] = process(values[name])
        return values if self.order is None else tuple(map(values.__getitem__, self.order))


def _json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


# JSON columns (the room state above all) are written and read by msgspec, in C.
_JSON = {"json_serializer": _json_text, "json_deserializer": msgspec.json.decode}


def _pool(size: int) -> dict[str, Any]:
    """A fixed pool: connections are opened once and kept, and a move beyond the pool waits for
    one (a new PostgreSQL connection costs a backend process; docs/performance.md)."""
    return {"pool_size": size, "max_overflow": 0, "pool_timeout": 30}


def _in_memory(url: str) -> bool:
    return url.startswith("sqlite") and make_url(url).database in (None, "", ":memory:")


def _engine_options(url: str, connections: int) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # One file shared by threads (and greenlets); wait for a writer instead of failing.
        options = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        return {**_JSON, **options, **({} if _in_memory(url) else _pool(connections))}
    return {**_JSON, **_pool(connections), "pool_pre_ping": True}


def _create_engine(url: str, connections: int, **options: Any) -> Engine:
    engine = create_engine(url, **{**_engine_options(url, connections), **options})
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows (names, typed answers) are overwritten, whatever the build's default.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """``pool_pre_ping`` for connections that lay unused ``idle_seconds`` or more: a ping is a
    round trip to PostgreSQL at every move (about a twentieth of its CPU), while a connection in
    steady use has just proved it works. A dead one found by the ping is replaced, with every
    older one, before the move uses it (so moves go on after PostgreSQL restarts); one that dies
    between two moves fails its next move with ``unavailable``, which replaces them all too."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise InvalidatePoolError("connection lost while unused") from error


def _first_come_first_served(connections: int) -> AbstractContextManager[Any]:
    """A ``FairGate`` in front of a pool of ``connections`` when serving under gevent (the pool
    alone lets newcomers pass those waiting; store/gate.py). Threads (tests, the CLI) need none."""
    from gevent import monkey

    return FairGate(connections) if monkey.is_module_patched("threading") else nullcontext()


class Database:
    """Everything that talks to the database goes through one of these."""

    def __init__(self, url: str):
        self.url = url
        transaction_connections = DATABASE_POOL_SIZE - DATABASE_MOVE_CONNECTIONS
        self.engine = _create_engine(url, transaction_connections)
        self.moves_engine = self._autocommit_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._transactions_gate = _first_come_first_served(transaction_connections)
        self._moves_gate = (
            self._transactions_gate
            if _in_memory(url)  # one pool for both
            else _first_come_first_served(DATABASE_MOVE_CONNECTIONS)
        )

    def _autocommit_engine(self, url: str) -> Engine:
        """Connections of their own, in autocommit for good: switching a pooled connection to
        autocommit and back (and rolling back on its return) was a third of such a move's time
        in the database. An in-memory SQLite database exists only on its own connections, so
        there the same pool is switched each time."""
        if _in_memory(url):
            return self.engine.execution_options(isolation_level="AUTOCOMMIT")
        # Nothing to reset on return: every statement committed on its own.
        options = {"isolation_level": "AUTOCOMMIT", "pool_reset_on_return": None}
        if url.startswith("sqlite"):
            return _create_engine(url, DATABASE_MOVE_CONNECTIONS, **options)
        engine = _create_engine(url, DATABASE_MOVE_CONNECTIONS, pool_pre_ping=False, **options)
        _ping_when_idle(engine, PING_AFTER_IDLE_SECONDS)
        return engine

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine that talks to the database (for whoever watches what is sent)."""
        return (self.engine,) if _in_memory(self.url) else (self.engine, self.moves_engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        with self._transactions_gate, self._sessions.begin() as session:
            yield session

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection on which each statement commits on its own: for a move that is one
        ``UPDATE``, which then needs no ``BEGIN`` and ``COMMIT`` (two round trips to
        PostgreSQL) and no ORM session (a tenth of a move's CPU)."""
        with self._moves_gate, self.moves_engine.connect() as connection:
            yield connection

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creating it on an empty database).

        On PostgreSQL the migration holds a lock, so processes starting together take turns.
        """
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            config = AlembicConfig()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def describe(self) -> str:
        """Which database this is, for people: the SQLite file's path, or the URL without its
        password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return (
                f"{Path(url.database).resolve()} (SQLite)" if url.database else "SQLite in memory"
            )
        return url.render_as_string(hide_password=True)

    def checkpoint(self) -> None:
        """After a purge: SQLite copies its write-ahead log into the file and empties it, so
        deleted names do not linger in ``-wal`` until some later checkpoint."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def is_empty(self) -> bool:
        """True before the first ``upgrade``: no tables of ours yet."""
        return not inspect(self.engine).has_table("editions")

    def dispose(self) -> None:
        for engine in self.engines:
            engine.dispose()
