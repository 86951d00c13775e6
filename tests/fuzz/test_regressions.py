"""What the fuzzing found, each pinned by a focused test so it stays fixed."""

from __future__ import annotations

from protocol.harness import Server, assert_error
from support.admin import PASSWORD, Auth, token

from kletsborden.app import database
from kletsborden.store.admins import create_admin

from .dump import assert_unchanged, dump_database


def test_client_sent_connect_or_disconnect_with_extra_arguments_is_an_unknown_event(
    server: Server,
) -> None:
    """A client emitting "disconnect" with two or more arguments crashed the handler with a
    TypeError (no ack, an unhandled exception); it is an unknown event like any other."""
    table = server.create_room()
    before = table.snapshot()
    for event in ("disconnect", "connect"):
        for args in [(None, {}, {}), ({}, {}), (1, 2, 3, 4)]:
            ack = table.host.client.emit(event, *args, callback=True)
            assert_error(ack, "unknown_event")
    assert table.host.connected
    assert table.snapshot() == before


def test_a_next_link_with_a_line_break_is_ignored_not_a_server_error(server: Server) -> None:
    """``/admin/login?next=/admin/%0d%0a...`` of a logged-in admin made the redirect put a line
    break in the Location header: a 500. Such a link is now ignored like any unsafe one."""
    with database(server.app).transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
    auth = Auth(server.http())
    assert auth.login().status_code == 302
    for link in ("/admin/\r\nSet-Cookie: x=1", "/admin/\n", "/admin/\u202e", "/admin/\t"):
        response = auth.client.get("/admin/login", query_string={"next": link})
        assert response.status_code == 302, link
        assert response.location == "/admin/", link
    assert auth.client.get("/admin/login?next=/admin/import").location == "/admin/import"
    # Logging in with such a link lands on the start page.
    client = server.http()
    form = {"username": "anna", "password": PASSWORD, "next": "/admin/\r\nX: 1"}
    response = client.post("/admin/login", data={**form, "csrf_token": token(client)})
    assert (response.status_code, response.location) == (302, "/admin/")


def test_a_nul_character_anywhere_in_an_editor_request_is_refused(server: Server) -> None:
    """PostgreSQL refuses text with a NUL character even in a lookup: an edition slug, a
    username or a form field with one made the editor answer 500 there. Now a path with one is
    not found, and a query or form with one is refused, before anything reads the database."""
    db = database(server.app)
    with db.transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
    client = server.http()
    form = {"username": "anna\x00", "password": PASSWORD, "csrf_token": token(client)}
    assert client.post("/admin/login", data=form).status_code == 400
    auth = Auth(server.http())
    assert auth.login().status_code == 302
    before = dump_database(db)
    assert auth.client.get("/admin/editions/%00").status_code == 404
    assert auth.client.get("/admin/editions/kletsborden/cards/a%00b/history").status_code == 404
    assert auth.client.get("/admin/export/download?edition=%00").status_code == 400
    response = auth.post("/admin/editions/new", {"id": "", "name-nl": "Buurt\x00", "name-en": ""})
    assert response.status_code == 400
    assert "Er staat een teken in dat hier niet kan" in response.get_data(as_text=True)
    assert_unchanged(before, dump_database(db), "a NUL character")


def test_an_edition_name_with_a_nul_character_is_an_invalid_payload(server: Server) -> None:
    """On PostgreSQL an edition name with a NUL character in the settings made the lookup fail,
    answered as ``unavailable`` (HTTP 503) though the database was fine."""
    db = database(server.app)
    before = dump_database(db)
    for editions in (["\x00"], ["kletsborden\x00"], ["kletsborden", "\x00"]):
        response = server.post_room({"name": "Anna", "settings": {"editions": editions}})
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid_payload"
    assert_unchanged(before, dump_database(db), "an edition name with NUL")
    table = server.create_room()
    table.error(
        table.host, "change_settings", {"settings": {"editions": ["\x00"]}}, "invalid_payload"
    )


def test_a_room_body_nested_too_deeply_is_not_json_not_a_server_error(server: Server) -> None:
    """``POST /api/rooms`` with ``[[[[…]]]]`` 50,000 deep: the JSON parser's RecursionError
    escaped ``get_json(silent=True)`` and the API answered 500."""
    db = database(server.app)
    before = dump_database(db)
    for body in (
        b"[" * 50_000 + b"]" * 50_000,
        b'{"name": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    ):
        response = server.post_room(data=body, content_type="application/json")
        assert response.status_code == 400
        error = response.get_json()["error"]
        assert (error["code"], error["detail"]) == ("invalid_payload", "the body is not valid JSON")
    assert_unchanged(before, dump_database(db), "a deeply nested body")
