"""Every page, API answer and file carries the security headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from kletsborden.app import create_app
from kletsborden.card_library import prepare_database
from kletsborden.web.security import HEADERS


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    prepare_database(app.extensions["kletsborden.db"])
    return app


def every_get_url(app: Flask, code: str) -> list[str]:
    """Every GET route of the app, with a real room code and made-up values for the rest."""
    values = {"code": code, "package": "socket.io-client", "filename": "socket.io.esm.min.js"}
    values |= {"template_id": "1", "session_id": "1", "account_id": "1"}  # <int:...> routes
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        args = {name: values.get(name, "x") for name in rule.arguments}
        urls.append(rule.build(args, append_unknown=False)[1])
    return urls + ["/static/css/base.css", "/no-such-page"]


def test_every_response_has_the_headers(app: Flask) -> None:
    client = app.test_client()
    created = client.post("/api/rooms", json={"name": "Fien"})
    code = created.get_json()["code"]
    responses = [created] + [client.get(url) for url in every_get_url(app, code)]
    assert len(responses) > 20
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.request.path, name)


def test_the_policy_allows_nothing_from_elsewhere_and_nothing_inline() -> None:
    policy = HEADERS["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy and "*" not in policy
    assert "frame-ancestors 'self'" in policy
