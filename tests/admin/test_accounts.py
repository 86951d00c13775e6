"""Accounts that can be revoked and managed, and the first admin's one-time setup link.

A cookie copied before a logout, a new password or disabling no longer opens the editor; admins
manage accounts in the editor; a setup link works once, expires, and is refused once an admin
exists."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support.admin import PASSWORD, Auth, token

from kletsborden.app import database
from kletsborden.config import SETUP_LINK_SECONDS
from kletsborden.deck_editor.accounts import list_admins, set_disabled
from kletsborden.first_admin import SetupRefused, check_link, issue_link, use_link
from kletsborden.store.database import Database
from kletsborden.store.models import AdminUserRow, AuditRow, SetupLinkRow

NEW_PASSWORD = "een ander lang wachtwoord"


def copied_cookie(app: Flask, auth: Auth) -> FlaskClient:
    """A second browser holding a copy of ``auth``'s session cookie."""
    thief = app.test_client()
    cookie = auth.client.get_cookie("session")
    assert cookie is not None
    thief.set_cookie("session", cookie.value)
    assert thief.get("/admin/").status_code == 200
    return thief


def ids(app: Flask) -> dict[str, int]:
    return {a.username: a.id for a in list_admins(database(app))}


def test_logout_ends_every_session_of_the_account(app: Flask, admin: Auth) -> None:
    thief = copied_cookie(app, admin)
    other = Auth(app.test_client())
    assert other.login().status_code == 302
    assert admin.post("/admin/logout").status_code == 302
    for client in (thief, other.client, admin.client):
        assert client.get("/admin/").location.startswith("/admin/login")


def test_a_password_change_ends_the_other_sessions(app: Flask, admin: Auth) -> None:
    thief = copied_cookie(app, admin)
    wrong = admin.post(
        "/admin/password",
        {"current_password": "fout", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and "Je huidige wachtwoord klopt niet" in wrong.text
    changed = admin.post(
        "/admin/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert thief.get("/admin/").location.startswith("/admin/login")
    assert admin.client.get("/admin/").status_code == 200  # this browser stays logged in
    assert Auth(app.test_client()).login(password=NEW_PASSWORD).status_code == 302


def test_a_facilitator_changes_their_own_password(app: Flask, auth: Auth) -> None:
    assert auth.login("fenna").status_code == 302
    page = auth.client.get("/admin/password")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
    form = {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_again": "x"}
    differ = auth.post("/admin/password", form)
    assert differ.status_code == 400 and "niet hetzelfde" in differ.text
    form["password_again"] = NEW_PASSWORD
    assert auth.post("/admin/password", form).status_code == 302
    assert Auth(app.test_client()).login("fenna", NEW_PASSWORD).status_code == 302


def test_disabling_ends_the_sessions_and_refuses_logins(app: Flask, admin: Auth) -> None:
    fenna = Auth(app.test_client())
    assert fenna.login("fenna").status_code == 302
    thief = copied_cookie(app, fenna)
    account = ids(app)["fenna"]
    assert admin.post(f"/admin/accounts/{account}/disable").status_code == 302
    for client in (thief, fenna.client):
        assert client.get("/admin/").location.startswith("/admin/login")
    assert Auth(app.test_client()).login("fenna").status_code == 401
    assert admin.post(f"/admin/accounts/{account}/enable").status_code == 302
    assert Auth(app.test_client()).login("fenna").status_code == 302


def test_an_admin_manages_an_account_in_the_editor(app: Flask, admin: Auth) -> None:
    listing = admin.client.get("/admin/accounts").text
    account = ids(app)["fenna"]
    assert f'href="/admin/accounts/{account}"' in listing
    assert 'value="facilitator" checked' in listing  # a new account is a facilitator by default
    page = admin.client.get(f"/admin/accounts/{account}")
    assert page.status_code == 200 and "Account fenna" in page.text
    assert admin.post(f"/admin/accounts/{account}/role", {"role": "admin"}).status_code == 302
    reset = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert admin.post(f"/admin/accounts/{account}/password", reset).status_code == 302
    assert Auth(app.test_client()).login("fenna", NEW_PASSWORD).status_code == 302
    refused = admin.post(f"/admin/accounts/{account}/role", {"role": "boss"})
    assert refused.status_code == 400 and "Kies een rol" in refused.text
    assert admin.client.get("/admin/accounts/9999").status_code == 404
    with database(app).transaction() as session:
        actions = [row.action for row in session.query(AuditRow).order_by(AuditRow.id)]
    assert actions[-2:] == ["account_role_set", "password_reset"]


def test_the_last_admin_cannot_be_demoted_or_disabled(app: Flask, admin: Auth) -> None:
    anna = ids(app)["anna"]
    for url, data in (
        (f"/admin/accounts/{anna}/role", {"role": "facilitator"}),
        (f"/admin/accounts/{anna}/disable", {}),
    ):
        response = admin.post(url, data)
        assert response.status_code == 400
        assert "de laatste beheerder" in response.text
    assert admin.client.get("/admin/").status_code == 200


def test_a_facilitator_cannot_manage_accounts(app: Flask, auth: Auth) -> None:
    assert auth.login("fenna").status_code == 302
    anna = ids(app)["anna"]
    assert auth.post(f"/admin/accounts/{anna}/disable", page="/admin/password").status_code == 403
    assert auth.client.get(f"/admin/accounts/{anna}").status_code == 403


# The setup link, with a clock the test moves.


def no_admins(db: Database) -> None:
    """The fixture's admin becomes a facilitator: a site with accounts but no admin yet."""
    with db.transaction() as session:
        for row in session.query(AdminUserRow).filter_by(role="admin"):
            row.role = "facilitator"


def test_a_setup_link_works_once(db: Database) -> None:
    token = issue_link(db, now=1000.0)
    assert token is not None
    check_link(db, token, now=1001.0)
    with pytest.raises(ValueError):  # a bad password leaves the link usable
        use_link(db, token, "eerste", "kort", now=1001.0)
    made = use_link(db, token, "eerste", PASSWORD, now=1002.0)
    assert made.role == "admin" and made.username == "eerste"
    with pytest.raises(SetupRefused) as refused:
        use_link(db, token, "tweede", PASSWORD, now=1003.0)
    assert refused.value.code == "done"
    assert issue_link(db, now=1004.0) is None  # an admin exists: no new link either
    with db.transaction() as session:
        assert session.query(SetupLinkRow).count() == 0
        entry = session.query(AuditRow).one()
    assert (entry.actor, entry.action) == ("setup link", "account_created")


def test_a_setup_link_expires_and_is_never_guessed(db: Database) -> None:
    token = issue_link(db, now=1000.0)
    assert token is not None and len(token) >= 40
    with pytest.raises(SetupRefused) as refused:
        use_link(db, token, "eerste", PASSWORD, now=1000.0 + SETUP_LINK_SECONDS)
    assert refused.value.code == "expired"
    with pytest.raises(SetupRefused) as refused:
        check_link(db, token[:-1] + "x", now=1001.0)
    assert refused.value.code == "unknown"
    with db.transaction() as session:
        (row,) = session.query(SetupLinkRow).all()
        assert token not in row.token_hash  # only a hash is kept


def test_the_setup_page_makes_the_first_admin_and_logs_in(app: Flask, client: FlaskClient) -> None:
    db = database(app)
    no_admins(db)
    assert "first-admin-hint" in client.get("/admin/login").text
    clock = app.extensions["kletsborden.rooms"].clock
    link = issue_link(db, clock())
    assert link and link not in client.get("/admin/login").text
    url = f"/admin/setup/{link}"
    page = client.get(url)
    assert page.status_code == 200 and "De eerste beheerder maken" in page.text
    form = {"username": "eerste", "password": PASSWORD, "password_again": PASSWORD}
    made = client.post(url, data={**form, "csrf_token": token(client, url)})
    assert made.status_code == 302
    assert "Ingelogd als eerste" in client.get("/admin/").text
    again = app.test_client().get(url)
    assert again.status_code == 403 and "Er is al een beheerder" in again.text
    assert "first-admin-hint" not in app.test_client().get("/admin/login").text


def test_an_expired_link_says_so(app: Flask, client: FlaskClient) -> None:
    db = database(app)
    no_admins(db)
    rooms = app.extensions["kletsborden.rooms"]
    token = issue_link(db, rooms.clock() - SETUP_LINK_SECONDS - 1)
    page = client.get(f"/admin/setup/{token}")
    assert page.status_code == 410 and "verlopen" in page.text
    assert client.get("/admin/setup/unknown").status_code == 404


def test_disabled_accounts_do_not_count_as_admins(app: Flask) -> None:
    db = database(app)
    no_admins(db)
    assert issue_link(db, 0.0) is not None
    set_disabled(db, "test", "fenna", True)
    assert issue_link(db, 0.0) is not None


def test_with_room_creation_off_host_says_who_can(app: Flask, auth: Auth) -> None:
    app.config["KLETSBORDEN_OPEN_ROOM_CREATION"] = False
    page = auth.client.get("/host").text
    assert "Kamers openen staat hier uit" in page and 'id="create-room"' not in page
    assert "Gespreksleiders en beheerders met een account" in page
    refused = auth.client.post("/api/rooms", json={"name": "Host"})
    assert refused.status_code == 403
    assert auth.login("fenna").status_code == 302
    assert 'id="create-room"' in auth.client.get("/host").text
    opened = auth.client.post("/api/rooms", json={"name": "Fenna"})
    assert opened.status_code == 201, opened.text
