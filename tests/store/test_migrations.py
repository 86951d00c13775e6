"""The migrations build exactly the schema the models describe, on every supported database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kletsborden.store.database import Database
from kletsborden.store.models import Base


def test_upgrade_creates_every_table(database_url: str) -> None:
    db = Database(database_url)
    assert db.is_empty()
    db.upgrade()
    assert not db.is_empty()
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    db.dispose()


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_twice_is_harmless(db: Database) -> None:
    db.upgrade()
    assert not db.is_empty()
