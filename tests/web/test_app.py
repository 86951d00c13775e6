"""The web skeleton: pages render, health is reported, front-end packages come from our origin."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, request, session
from flask.sessions import SecureCookieSession
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder

from kletsborden.app import create_app, database
from kletsborden.card_library import import_files
from kletsborden.engine import Settings
from kletsborden.paths import default_card_files
from kletsborden.realtime import FLASK_SOCKETIO_SESSION


@pytest.fixture
def app(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("KLETSBORDEN_SECRET_KEY", raising=False)
    return create_app({"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_home_page_renders_in_dutch_with_english(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="nl" dir="ltr">' in page
    assert "horen, zien en voelen" in page
    assert 'lang="en"' in page
    assert "//" not in page.replace("http://", "").replace("https://", ""), "no other origins"


def test_healthz_reports_the_database(app: Flask, client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 503, "no schema yet: it cannot serve"
    database(app).upgrade()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_fails_when_the_database_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    app = create_app({"KLETSBORDEN_DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/none"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_healthz_fails_when_the_database_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database that answers reads but takes no writes cannot serve a game."""
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    path = tmp_path / "read-only.db"
    writable = create_app({"KLETSBORDEN_DATABASE_URL": f"sqlite:///{path}"})
    database(writable).upgrade()
    assert writable.test_client().get("/healthz").status_code == 200
    database(writable).dispose()
    read_only = create_app({"KLETSBORDEN_DATABASE_URL": f"sqlite:///file:{path}?mode=ro&uri=true"})
    response = read_only.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"


def test_socket_io_client_is_served_from_our_origin(client: FlaskClient) -> None:
    response = client.get("/vendor/socket.io-client/socket.io.esm.min.js")
    assert response.status_code == 200
    assert b"socket" in response.data
    assert client.get("/vendor/left-pad/index.js").status_code == 404
    assert client.get("/vendor/socket.io-client/../../package.json").status_code == 404


def test_stylesheet_is_served(client: FlaskClient) -> None:
    assert client.get("/static/css/base.css").status_code == 200


def test_secret_key_is_generated_once_and_private(tmp_path: Path, app: Flask) -> None:
    path = Path(app.instance_path) / "secret_key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert app.config["SECRET_KEY"] == path.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 32
    again = create_app({"TESTING": True})
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_secret_key_from_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("KLETSBORDEN_SECRET_KEY", "uit-de-omgeving")
    assert create_app().config["SECRET_KEY"] == "uit-de-omgeving"
    assert not (tmp_path / "secret_key").exists()


def test_behind_a_trusted_proxy_limits_count_the_real_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("KLETSBORDEN_TRUSTED_PROXIES", "1")
    app = create_app({"TESTING": True})
    database(app).upgrade()
    client = app.test_client()
    client.get("/join?code=ACEF-GHJK", headers={"X-Forwarded-For": "203.0.113.7"})
    failures = app.extensions["kletsborden.limits"]["failed_joins"]
    assert failures.remaining("203.0.113.7") == failures.count - 1, "counted for the real address"
    assert failures.remaining("127.0.0.1") == failures.count


def test_without_trusted_proxies_forwarded_headers_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("KLETSBORDEN_TRUSTED_PROXIES", raising=False)
    app = create_app({"TESTING": True})
    database(app).upgrade()
    app.test_client().get("/join?code=ACEF-GHJK", headers={"X-Forwarded-For": "203.0.113.7"})
    failures = app.extensions["kletsborden.limits"]["failed_joins"]
    assert failures.remaining("203.0.113.7") == failures.count, "a client cannot pick its address"
    assert failures.remaining("127.0.0.1") == failures.count - 1


def test_sockets_accept_our_origin_and_the_configured_ones_only() -> None:
    from kletsborden.realtime import _origin_check

    assert _origin_check([]) is None, "no extra origins: the library's same-origin check"
    check = _origin_check(["https://buurt.example.org"])
    environ = {"wsgi.url_scheme": "https", "HTTP_HOST": "kletsborden.example.org"}
    assert check("https://kletsborden.example.org", environ)
    assert check("https://buurt.example.org", environ)
    assert not check("https://evil.example.com", environ)


def test_a_page_while_the_database_is_down_is_no_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``unavailable`` is nobody's wrong guess: a 503, and the address's misses stay as is."""
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True})  # no schema: every look-up fails
    failures = app.extensions["kletsborden.limits"]["failed_joins"]
    for path in ("/play/ACEFGHJK", "/join?code=ACEFGHJK", "/qr/ACEFGHJK.svg"):
        assert app.test_client().get(path).status_code == 503, path
    assert failures.remaining("127.0.0.1") == failures.count


@pytest.mark.parametrize("upgrade", [None, "websocket"], ids=["polling", "websocket"])
def test_a_socket_event_s_request_context_matches_a_route(app: Flask, upgrade: str | None) -> None:
    """Flask-SocketIO handles each event in a request context for the Socket.IO path: an
    unmatched path kept werkzeug's error on the request, and its traceback made every event
    cyclic garbage (docs/performance.md)."""
    headers = {"Upgrade": upgrade, "Connection": "Upgrade"} if upgrade else {}
    environ = EnvironBuilder(
        path="/socket.io/", query_string="EIO=4&transport=websocket", headers=headers
    ).get_environ()
    with app.request_context(environ):
        assert request.routing_exception is None
        assert request.url_rule is not None and request.url_rule.websocket is bool(upgrade)


def test_a_socket_event_gets_its_connection_s_session_without_the_cookie(app: Flask) -> None:
    """Flask-SocketIO keeps each connection's session in its environ and would replace the
    cookie session with it anyway: the cookie is not read again (realtime.ConnectionSessions)."""
    kept = SecureCookieSession({"room": "ACEFGHJK"})
    signed = app.session_interface.get_signing_serializer(app).dumps({"room": "OTHER"})
    environ = EnvironBuilder(path="/socket.io/", headers={"Cookie": f"session={signed}"})
    with app.request_context({**environ.get_environ(), FLASK_SOCKETIO_SESSION: kept}):
        assert session._get_current_object() is kept
    with app.test_request_context("/", headers={"Cookie": f"session={signed}"}):
        assert dict(session) == {"room": "OTHER"}, "a page reads its cookie"


def test_a_room_page_passes_on_the_ticket_it_was_given_and_no_other(
    app: Flask, client: FlaskClient
) -> None:
    """A shared link's join ticket reaches the page (and spares the address a miss); a wrong
    one is dropped, and a page never mints one."""
    database(app).upgrade()
    import_files(database(app), default_card_files())
    rooms = app.extensions["kletsborden.rooms"]
    code = rooms.create("Host", Settings(), sid="host").update.code
    ticket = rooms.join_ticket(code)
    page = client.get(f"/play/{code.lower()}?ticket={ticket}").get_data(as_text=True)
    assert f'data-ticket="{ticket}"' in page
    for link in (f"/play/{code}?ticket={'0' * 16}", f"/play/{code}"):
        assert 'data-ticket=""' in client.get(link).get_data(as_text=True), link
    failures = app.extensions["kletsborden.limits"]["failed_joins"]
    gone = "ACEFGHJK" if code != "ACEFGHJK" else "ACEFGHJM"
    gone_ticket = rooms.join_ticket(gone)
    assert client.get(f"/play/{gone}?ticket={gone_ticket}").status_code == 404
    assert failures.remaining("127.0.0.1") == failures.count, "a given code is no guess"
    assert client.get(f"/qr/{gone}.svg?ticket={ticket}").status_code == 404
    assert failures.remaining("127.0.0.1") == failures.count - 1, "another room's ticket is"
