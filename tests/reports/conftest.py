"""Fixtures for reports: an app with CSRF on (as in production), two facilitators and an admin,
and a RoomService on the same database with a clock the test sets."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from flask import Flask
from report_script import MONDAY
from sqlalchemy import select
from support.admin import PASSWORD, Auth
from support.clock import FakeClock
from werkzeug.security import generate_password_hash

from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database
from kletsborden.rooms import RoomService
from kletsborden.store.models import AdminUserRow


@pytest.fixture
def app(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    for name in ("SECRET_KEY", "DATABASE_URL", "HTTPS"):
        monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url})
    db = database(app)
    prepare_database(db)
    with db.transaction() as session:
        for name, role in (("anna", "admin"), ("fenna", "facilitator"), ("gijs", "facilitator")):
            session.add(AdminUserRow(username=name, password_hash=password_hash(), role=role))
    yield app
    db.dispose()


@cache
def password_hash() -> str:
    """PASSWORD hashed once (scrypt is slow on purpose); each account still gets its own row."""
    return generate_password_hash(PASSWORD, "scrypt")


@pytest.fixture
def ids(app: Flask) -> dict[str, int]:
    """Account ids by name: anna (admin), fenna and gijs (facilitators)."""
    with database(app).transaction() as session:
        rows = session.execute(select(AdminUserRow.username, AdminUserRow.id))
        return {username: account for username, account in rows}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
def rooms(app: Flask, clock: FakeClock) -> RoomService:
    return RoomService(database(app), secret="test", grace=60.0, clock=clock)


@pytest.fixture
def auth(app: Flask) -> Auth:
    return Auth(app.test_client())
