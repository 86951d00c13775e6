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
        # The Socket.IO path is Engine.IO's (its route exists only for the request context of
        # each event, realtime/__init__.py): not a page of ours.
        if "GET" not in rule.methods or rule.endpoint in ("static", "socketio"):
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


@pytest.fixture
def https_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("KLETSBORDEN_HTTPS", "1")
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    prepare_database(app.extensions["kletsborden.db"])
    return app


def test_over_https_browsers_are_told_to_stay_on_https(app: Flask, https_app: Flask) -> None:
    for url in ("/", "/healthz", "/admin/login", "/no-such-page"):
        header = https_app.test_client().get(url).headers.get("Strict-Transport-Security")
        assert header == "max-age=31536000", url
        assert "Strict-Transport-Security" not in app.test_client().get(url).headers, url


def test_the_language_cookie_is_secure_over_https(app: Flask, https_app: Flask) -> None:
    cookie = https_app.test_client().get("/?lang=en").headers["Set-Cookie"]
    assert "lang=en" in cookie and "Secure" in cookie
    assert "Secure" not in app.test_client().get("/?lang=en").headers["Set-Cookie"]
