"""One picture of the whole database, to compare before and after a payload was refused.

Every table the migrations made is read (reflected at run time, so a table added later is
compared too), each row as a tuple in primary-key order. Alembic's own bookkeeping is left out.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import JSON, Engine, MetaData, Table, Text, cast, select

from kletsborden.store.database import Database

# The tables the brief names; the dump must hold at least these, so it cannot silently shrink.
EXPECTED_TABLES = {
    "rooms",
    "seats",
    "editions",
    "cards",
    "card_texts",
    "admin_users",
    "audit_entries",
    "sessions",
    "session_templates",
}

Dump = dict[str, list[tuple[Any, ...]]]

_reflected: weakref.WeakKeyDictionary[Engine, dict[str, Table]] = weakref.WeakKeyDictionary()


def _tables(engine: Engine) -> dict[str, Table]:
    """The database's tables, reflected once per engine (a dump is taken hundreds of times)."""
    if engine not in _reflected:
        metadata = MetaData()
        metadata.reflect(engine)
        tables = {n: t for n, t in metadata.tables.items() if n != "alembic_version"}
        missing = EXPECTED_TABLES - set(tables)
        assert not missing, f"the dump misses tables {sorted(missing)}"
        _reflected[engine] = tables
    return _reflected[engine]


def dump_database(db: Database) -> Dump:
    """Every row of every table, ordered by primary key (rooms with their state JSON and
    version, seats, editions, cards, texts, accounts, audit entries, sessions, templates)."""
    result: Dump = {}
    with db.engine.connect() as connection:
        for name, table in sorted(_tables(db.engine).items()):
            order = list(table.primary_key.columns) or list(table.columns)
            # JSON compared as the stored text: exact, and much faster than decoding it.
            columns = [
                cast(c, Text).label(c.name) if isinstance(c.type, JSON) else c
                for c in table.columns
            ]
            rows = connection.execute(select(*columns).order_by(*order)).all()
            result[name] = [tuple(row) for row in rows]
    return result


def differences(before: Dump, after: Dump) -> list[str]:
    """The tables whose rows changed, with a short hint of how, for a readable failure."""
    changed = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, []), after.get(name, [])
        if old != new:
            gone = [row for row in old if row not in new][:2]
            came = [row for row in new if row not in old][:2]
            changed.append(f"{name}: -{str(gone)[:300]} +{str(came)[:300]}")
    return changed


def assert_unchanged(before: Dump, after: Dump, what: str) -> None:
    assert before == after, f"{what} changed the database: {differences(before, after)}"
