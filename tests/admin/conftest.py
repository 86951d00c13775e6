"""Fixtures for the deck editor over HTTP: an app with CSRF protection on (as in production),
the default cards loaded, and a helper that logs in like a browser does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support.admin import PASSWORD, Auth

from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database
from kletsborden.store.admins import create_admin


@pytest.fixture
def app(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    for name in ("SECRET_KEY", "DATABASE_URL", "HTTPS"):
        monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url})
    assert app.config["WTF_CSRF_ENABLED"] is not False, "these tests need CSRF protection on"
    db = database(app)
    prepare_database(db)
    with db.transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
        create_admin(session, "fenna", PASSWORD, "facilitator")
    yield app
    db.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def admin(auth: Auth) -> Auth:
    """A client logged in as the admin "anna"."""
    assert auth.login().status_code == 302
    return auth
