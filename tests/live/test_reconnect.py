"""Dropped connections, rejoining with the token, seats moving between connections (§7)."""

from __future__ import annotations

from collections.abc import Callable

from support.server import Server

from .client import GameClient, create_room, seat_table


def presence(seat_id: str, connected: bool, away: bool = False) -> dict[str, object]:
    return {"type": "presence_changed", "seat_id": seat_id, "connected": connected, "away": away}


def seat(snapshot: dict, seat_id: str) -> dict:
    return next(s for s in snapshot["seats"] if s["id"] == seat_id)


def test_a_dropped_player_rejoins_with_its_token(
    server: Server, clients: list[GameClient], new_client: Callable[..., GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    host, bert, cees = seat_table(server.url, room, ["Bert", "Cees"], made=clients)
    assert host.ask("start_game")["ok"]
    drawn = host.ask("draw_card", {"sense": "zien"})
    assert drawn["ok"]
    before = drawn["version"]
    for client in (host, bert, cees):
        client.wait_version(before)

    # The connection drops: the others see the seat disconnected (but not away), in a new version.
    bert.drop()
    for client in (host, cees):
        snap = client.wait_version(before + 1)
        assert snap["changes"] == [presence(bert.seat_id, False)]
        assert seat(snap, bert.seat_id)["connected"] is False
        assert seat(snap, bert.seat_id)["away"] is False
        assert snap["card"]["id"] == host.latest["card"]["id"]

    # A new connection takes the seat back with the token.
    again = new_client(server.url, "Bert again")
    ack = again.join(room["code"], token=bert.token)
    assert ack["ok"], ack
    assert ack["seat_id"] == bert.seat_id
    assert "token" not in ack
    snap = ack["snapshot"]
    assert snap["version"] == before + 2
    assert snap["changes"] == [presence(bert.seat_id, True)]
    assert seat(snap, bert.seat_id)["connected"] is True
    for client in (host, cees, again):
        assert client.wait_version(before + 2) == snap
    current = again.state()  # get_state: the same version, nothing new
    assert current == {**snap, "changes": [], "server_time": current["server_time"]}

    # The seat plays on from the new connection: the game waits on the host, who answers.
    assert again.ask("finish_turn")["error"]["code"] == "not_your_turn"
    assert host.ask("finish_turn")["version"] == before + 3
    assert again.wait_version(before + 3)["turn"]["active"] == bert.seat_id
    assert again.ask("finish_turn")["version"] == before + 4
    for client in (host, cees, again):
        client.wait_version(before + 4)


def test_a_rejoin_from_another_connection_moves_the_seat(
    server: Server, clients: list[GameClient], new_client: Callable[..., GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    host, bert = seat_table(server.url, room, ["Bert"], made=clients)
    version = host.state()["version"]

    other_tab = new_client(server.url, "Bert's other tab")
    ack = other_tab.join(room["code"], token=bert.token)
    assert ack["ok"], ack
    assert ack["seat_id"] == bert.seat_id
    # The seat was connected and stays connected: nothing changed, no new version.
    assert ack["snapshot"]["version"] == version
    assert ack["snapshot"]["changes"] == []

    # The old connection is told, then closed by the server.
    assert bert.wait_event("seat_moved") == ("seat_moved", {"code": room["code"]})
    bert.wait_for(lambda: not bert.connected, what="the server to close the old connection")
    assert other_tab.ask("react", {"reaction": "heart"}) == {"ok": True}
    assert host.state()["version"] == version
    assert host.versions()[-1] == version  # nobody was sent a room_state
    assert seat(host.state(), bert.seat_id)["connected"] is True


def test_joining_a_second_seat_lets_go_of_the_first(
    server: Server, clients: list[GameClient], new_client: Callable[..., GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    host, bert = seat_table(server.url, room, ["Bert"], made=clients)
    version = host.state()["version"]
    first = bert.seat_id

    ack = bert.join(room["code"], name="Bert junior")
    assert ack["ok"], ack
    junior = ack["seat_id"]
    # Two new versions: the old seat let go (connected: false) and the new seat added; §6 says
    # they may arrive in either order.
    for client in (host, bert):
        client.wait_version(version + 2)
        client.wait_version(version + 1)
    changes = {v: host.wait_version(v)["changes"] for v in (version + 1, version + 2)}
    assert sorted(changes.values(), key=str) == sorted(
        [[presence(first, False)], [seat_added(junior)]], key=str
    )
    latest = host.latest
    assert latest["version"] == version + 2
    assert seat(latest, first)["connected"] is False
    assert seat(latest, junior)["connected"] is True

    # A watch lets go of the seat too.
    watcher = new_client(server.url, "screen")
    junior_token = bert.token
    assert watcher.join(room["code"], token=junior_token)["ok"]  # the junior seat moves here
    bert.wait_for(lambda: not bert.connected, what="seat_moved closing the old connection")
    key = host.ask("get_screen_key")["screen_key"]
    ack = watcher.ask("watch", {"code": room["code"], "screen_key": key})
    assert ack["ok"], ack
    assert ack["snapshot"]["changes"] == []
    snap = host.wait_version(version + 3)
    assert snap["changes"] == [presence(junior, False)]
    assert watcher.ask("react", {"reaction": "heart"})["error"]["code"] == "not_joined"
    assert watcher.state()["version"] == version + 3


def seat_added(seat_id: str) -> dict[str, str]:
    return {"type": "seat_added", "seat_id": seat_id}
