"""The database handle: one engine, transactions, and migrating the schema to the newest version."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from ..config import DATABASE_POOL_SIZE

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x4B4C4554  # "KLET": the advisory lock key that serialises migrations


# What store functions that only run statements accept: a session's transaction, or a bare one.
Transaction = Session | Connection


def connection_of(transaction: Transaction) -> Connection:
    """The transaction's connection: Core statements on it skip the ORM's execution layer."""
    return transaction if isinstance(transaction, Connection) else transaction.connection()


def _json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


# JSON columns (the room state above all) are written and read by msgspec, in C.
_JSON = {"json_serializer": _json_text, "json_deserializer": msgspec.json.decode}


# A fixed pool: connections are opened once and kept, and a move beyond the pool waits for one
# (a new PostgreSQL connection costs a backend process; docs/performance.md).
_POOL = {"pool_size": DATABASE_POOL_SIZE, "max_overflow": 0, "pool_timeout": 30}


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # One file shared by threads (and greenlets); wait for a writer instead of failing.
        options = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        in_memory = make_url(url).database in (None, "", ":memory:")
        return {**_JSON, **options, **({} if in_memory else _POOL)}
    return {**_JSON, **_POOL, "pool_pre_ping": True}


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


class Database:
    """Everything that talks to the database goes through one of these."""

    def __init__(self, url: str, **engine_options: Any):
        self.url = url
        self.engine = create_engine(url, **{**_engine_options(url), **engine_options})
        if self.engine.dialect.name == "sqlite":
            _tune_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection on which each statement commits on its own: for a move that is one
        ``UPDATE``, which then needs no ``BEGIN`` and ``COMMIT`` (two round trips to
        PostgreSQL) and no ORM session (a tenth of a move's CPU)."""
        with self.engine.connect() as connection:
            yield connection.execution_options(isolation_level="AUTOCOMMIT")

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
        self.engine.dispose()
