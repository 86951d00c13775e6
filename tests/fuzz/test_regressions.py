"""What the fuzzing found, each pinned by a focused test so it stays fixed."""

from __future__ import annotations

from protocol.harness import Server, assert_error
from support.admin import PASSWORD, Auth, token

from kletsborden.app import database
from kletsborden.store.admins import create_admin


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
    for link in ("/admin/\r\nSet-Cookie: x=1", "/admin/\n", "/admin/\u202e", "/admin/\x00"):
        response = auth.client.get("/admin/login", query_string={"next": link})
        assert response.status_code == 302, link
        assert response.location == "/admin/", link
    assert auth.client.get("/admin/login?next=/admin/import").location == "/admin/import"
    # Logging in with such a link lands on the start page.
    client = server.http()
    form = {"username": "anna", "password": PASSWORD, "next": "/admin/\r\nX: 1"}
    response = client.post("/admin/login", data={**form, "csrf_token": token(client)})
    assert (response.status_code, response.location) == (302, "/admin/")
