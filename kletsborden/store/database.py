"""The database handle: one engine, transactions, and migrating the schema to the newest version."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x4B4C4554  # "KLET": the advisory lock key that serialises migrations


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # One file shared by threads (and greenlets); wait for a writer instead of failing.
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    return {"pool_pre_ping": True}


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
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

    def is_empty(self) -> bool:
        """True before the first ``upgrade``: no tables of ours yet."""
        return not inspect(self.engine).has_table("editions")

    def dispose(self) -> None:
        self.engine.dispose()
