"""Who may open the deck editor: a login for every page and action, a CSRF token on every form,
a lock-out after too many failed logins, and no deck editing for facilitators."""

from __future__ import annotations

import re
import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support.admin import PASSWORD, Auth, token
from support.clock import FakeClock, drive_limits

from kletsborden import admin as admin_package
from kletsborden.app import database
from kletsborden.config import (
    FAILED_LOGINS_PER_ADDRESS,
    FAILED_LOGINS_PER_USERNAME,
    FAILED_LOGINS_PER_USERNAME_AND_ADDRESS,
)
from kletsborden.deck_editor.editions import get_edition
from kletsborden.store.database import Database

URL_VALUES = {
    "slug": "kletsborden",
    "key": "horen-01",
    "template_id": "1",
    "session_id": "1",
    "account_id": "1",
    "change": "disable",
    "token": "not-a-setup-token",
    "code": "ABCD2345",
}
# Open without a login: the login, and the first admin's one-time setup link.
PUBLIC = {"admin.login", "admin.setup"}


def _admin_routes() -> list[tuple[str, str, str]]:
    """(method, url, endpoint) for every route of the editor, read from a url map."""
    app = Flask("routes")
    app.register_blueprint(admin_package.bp)
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        url = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: URL_VALUES[m.group(1)], rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, url, rule.endpoint))
    return routes


ROUTES = _admin_routes()
GUARDED = [r for r in ROUTES if r[2] not in PUBLIC]
POSTS = [r for r in ROUTES if r[0] == "POST"]
FOR_FACILITATORS = {
    "admin.home",
    "admin.logout",
    "admin.login",
    "admin.print_cards",
    "admin.facilitate",
    "admin.new_template",
    "admin.edit_template",
    "admin.delete_template",
    "admin.reports",
    "admin.reports_csv",
    "admin.session_report",
    "admin.session_report_csv",
    "admin.own_password",
    "admin.reports_pdf",
    "admin.session_report_pdf",
    "admin.room_report",
}


def test_the_route_list_covers_the_editor() -> None:
    endpoints = {endpoint for _, _, endpoint in ROUTES}
    assert {"admin.login", "admin.home", "admin.edit_card", "admin.import_cards"} <= endpoints
    assert len(POSTS) >= 10


@pytest.mark.parametrize(("method", "url", "endpoint"), GUARDED)
def test_every_route_sends_strangers_to_the_login(
    client: FlaskClient, method: str, url: str, endpoint: str
) -> None:
    data = {"csrf_token": token(client)} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    assert response.status_code == 302, endpoint
    assert response.location.startswith("/admin/login")


@pytest.mark.parametrize(("method", "url", "endpoint"), POSTS)
def test_every_post_needs_a_csrf_token(admin: Auth, method: str, url: str, endpoint: str) -> None:
    response = admin.client.post(url, data={"step": "publish", "active": "off"})
    assert response.status_code == 400, endpoint
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_a_token_from_another_session_is_refused(app: Flask, admin: Auth) -> None:
    stranger = app.test_client()
    foreign = token(stranger)
    response = admin.client.post(
        "/admin/editions/kletsborden/status", data={"step": "unpublish", "csrf_token": foreign}
    )
    assert response.status_code == 400
    assert get_edition(database(app), "kletsborden").status == "published"


def test_the_json_api_needs_no_csrf_token(client: FlaskClient) -> None:
    response = client.post("/api/rooms", json={"name": "Fien"})
    assert response.status_code == 201


def test_login_and_logout(auth: Auth) -> None:
    response = auth.login()
    assert response.status_code == 302 and response.location == "/admin/"
    assert "Ingelogd als anna" in auth.client.get("/admin/").get_data(as_text=True)
    response = auth.post("/admin/logout")
    assert response.status_code == 302
    assert auth.client.get("/admin/").status_code == 302


def test_login_returns_to_the_page_asked_for_but_never_elsewhere(auth: Auth) -> None:
    first = auth.client.get("/admin/editions/kletsborden")
    assert first.location == "/admin/login?next=/admin/editions/kletsborden"
    data = {"username": "anna", "password": PASSWORD, "csrf_token": token(auth.client)}
    response = auth.client.post("/admin/login?next=/admin/editions/kletsborden", data=data)
    assert response.location == "/admin/editions/kletsborden"
    auth.post("/admin/logout")
    for elsewhere in ("https://example.org/", "//example.org/admin", "/play/x"):
        data = {**data, "csrf_token": token(auth.client), "next": elsewhere}
        assert auth.client.post("/admin/login", data=data).location == "/admin/"
        auth.post("/admin/logout")


def test_wrong_password_is_refused_plainly(auth: Auth) -> None:
    response = auth.login(password="niet het wachtwoord")
    assert response.status_code == 401
    assert "De naam of het wachtwoord klopt niet" in response.get_data(as_text=True)
    assert auth.login(username="niemand").status_code == 401


def test_session_cookie_is_http_only_and_same_site(auth: Auth) -> None:
    cookie = auth.login().headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_over_https(
    tmp_path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kletsborden.app import create_app

    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "other"))
    monkeypatch.setenv("KLETSBORDEN_HTTPS", "1")
    app = create_app({"KLETSBORDEN_DATABASE_URL": database_url})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_too_many_failures_for_a_username_lock_it_even_with_the_right_password(
    app: Flask, auth: Auth
) -> None:
    count, window = FAILED_LOGINS_PER_USERNAME_AND_ADDRESS
    for _ in range(count):
        assert auth.login(password="fout wachtwoord").status_code == 401
    response = auth.login()
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert f"Wacht {round(window / 60)} minuten" in page
    assert auth.client.get("/admin/").status_code == 302, "not logged in"
    assert auth.login(username="fenna").status_code == 302, "other names are not locked"
    elsewhere = Auth(app.test_client())
    elsewhere.client.environ_base["REMOTE_ADDR"] = "192.0.2.80"
    assert elsewhere.login().status_code == 302, "the right password from another address works"


def test_guessing_from_many_addresses_meets_a_slower_lock_on_the_name(app: Flask) -> None:
    """Per name from anywhere: a slower backoff, past which even the right password waits."""
    count, window = FAILED_LOGINS_PER_USERNAME
    per_address, _ = FAILED_LOGINS_PER_USERNAME_AND_ADDRESS
    for attempt in range(count):
        guesser = Auth(app.test_client())
        guesser.client.environ_base["REMOTE_ADDR"] = f"198.51.100.{attempt // per_address}"
        assert guesser.login(password="fout wachtwoord").status_code == 401
    response = Auth(app.test_client()).login()
    assert response.status_code == 429
    assert f"Wacht {round(window / 60)} minuten" in response.get_data(as_text=True)


def test_parallel_wrong_passwords_are_checked_at_most_up_to_the_limit(app: Flask) -> None:
    """Count first, decide second: 40 tries at once, only the limit's worth is checked."""
    count, _ = FAILED_LOGINS_PER_USERNAME_AND_ADDRESS
    form = {"username": "anna", "password": "fout wachtwoord"}
    clients = [app.test_client() for _ in range(40)]
    tokens = [token(client) for client in clients]
    start, answers = threading.Barrier(len(clients)), []

    def attempt(client: FlaskClient, csrf: str) -> None:
        start.wait()
        answers.append(client.post("/admin/login", data={**form, "csrf_token": csrf}).status_code)

    threads = [
        threading.Thread(target=attempt, args=pair) for pair in zip(clients, tokens, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(401) == count
    assert answers.count(429) == len(clients) - count


def test_a_login_while_the_database_is_down_is_a_plain_503(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """No 500, no traceback, and the username typed is not in the log."""
    client = app.test_client()
    csrf = token(client)
    app.extensions["kletsborden.db"] = Database("sqlite:////nonexistent/folder/gone.db")
    data = {"username": "onthoud-mij-niet", "password": "x" * 12, "csrf_token": csrf}
    response = client.post("/admin/login", data=data)
    assert response.status_code == 503
    assert "De database is nu niet te bereiken" in response.get_data(as_text=True)
    assert "onthoud-mij-niet" not in caplog.text
    assert "Traceback" not in caplog.text


def test_too_many_failures_from_one_address_lock_every_name(auth: Auth) -> None:
    count, _ = FAILED_LOGINS_PER_ADDRESS
    for attempt in range(count):
        assert auth.login(username=f"gok{attempt}").status_code == 401
    assert auth.login().status_code == 429


def test_the_lock_out_ends_after_the_window(
    app: Flask, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(1000.0)
    drive_limits(monkeypatch, clock)
    count, window = FAILED_LOGINS_PER_USERNAME
    for _ in range(count):
        auth.login(password="fout wachtwoord")
    assert auth.login().status_code == 429
    clock.advance(window + 1)
    assert auth.login().status_code == 302


def test_a_facilitator_may_log_in_but_not_edit(app: Flask, auth: Auth) -> None:
    assert auth.login(username="fenna").status_code == 302
    home = auth.client.get("/admin/")
    assert home.status_code == 200
    assert "Kaarten maken en veranderen kan alleen een beheerder" in home.get_data(as_text=True)
    for method, url, endpoint in GUARDED:
        if endpoint in FOR_FACILITATORS:
            continue
        data = {"csrf_token": token(auth.client, "/admin/"), "step": "unpublish"}
        response = auth.client.open(url, method=method, data=data if method == "POST" else None)
        assert response.status_code == 403, endpoint
        assert "Dit mag je niet doen" in response.get_data(as_text=True)
    assert get_edition(database(app), "kletsborden").status == "published"


def test_editor_pages_and_report_csvs_are_never_stored(admin: Auth) -> None:
    """A shared computer's cache or back button keeps no accounts, cards or figures."""
    for url in ("/admin/login", "/admin/", "/admin/reports", "/admin/reports/sessions.csv"):
        response = admin.client.get(url)
        assert response.status_code in (200, 302), url
        assert response.headers.get("Cache-Control") == "no-store", url
    assert admin.client.get("/").headers.get("Cache-Control") != "no-store"
