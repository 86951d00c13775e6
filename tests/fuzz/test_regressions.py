"""What the fuzzing found, each pinned by a focused test so it stays fixed."""

from __future__ import annotations

from protocol.harness import Server, assert_error


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
