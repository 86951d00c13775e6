"""The voice table over Socket.IO (docs/protocol.md, voice events): who is at it, and the relay.

Every refusal goes through ``Table.error``: its own code, the message in Dutch and English,
nobody receives anything, and the room is as it was. A relayed signal reaches its one target
and no one else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from kletsborden.config import (
    DEFAULT_VOICE_MAX_PEERS,
    LANGUAGES,
    MAX_CANDIDATE_BYTES,
    MAX_SDP_BYTES,
    MAX_SIGNALS,
    SIGNAL_WINDOW_SECONDS,
)
from kletsborden.turn import TurnServers

from .harness import GRACE, Member, Server, Table, assert_error
from .test_limits import translated

OFFER = {"type": "offer", "sdp": "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"}
CANDIDATE = {
    "candidate": "candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host",
    "sdpMid": "0",
    "sdpMLineIndex": 0,
    "usernameFragment": "abcd",
}


def online(server: Server, mode: str = "online") -> tuple[Table, Member, Member]:
    """A room that plays online (or ``mode``): the host, Anna and Bert."""
    table = server.create_room(settings={"play_mode": mode})
    return table, table.join("Anna"), table.join("Bert")


def join_voice(table: Table, member: Member, **payload: Any) -> dict[str, Any]:
    ack, snapshot = table.change(member, "voice_join", payload)
    me = member.seat_id or "hall"
    assert ack == {
        "ok": True,
        "version": snapshot["version"],
        "me": me,
        "ice_servers": [],
        "ice_transport_policy": "all",
    }
    session = snapshot["changes"][0]["session"]
    assert snapshot["changes"] == [{"type": "voice_joined", "seat_id": me, "session": session}]
    return snapshot


def at_table(session: int, **flags: bool) -> dict[str, Any]:
    """A voice object as the snapshot shows it."""
    return {"session": session, "muted": False, "asked_to_mute": False, "camera": False, **flags}


def voice(snapshot: dict[str, Any], member: Member) -> dict[str, Any] | None:
    return next(s["voice"] for s in snapshot["seats"] if s["id"] == member.seat_id)


def signal(member: Member, to: str, **body: Any) -> Any:
    return member.ask("voice_signal", {"to": to, **body})


def relayed(table: Table, sender: Member | str, target: Member, **body: Any) -> None:
    """``target`` alone received the signal, from ``sender``, as it was sent."""
    got = {m.label: m.received() for m in table.members}
    me = sender if isinstance(sender, str) else sender.seat_id
    expected = [{"name": "voice_signal", "args": [{"from": me, **body}], "namespace": "/"}]
    for label, messages in got.items():
        assert messages == (expected if label == target.label else []), label


# --- the setting ------------------------------------------------------------------------------


def test_rooms_play_together_by_default_and_the_snapshot_shows_the_voice_table(
    server: Server, table: Table
) -> None:
    snapshot = table.snapshot()
    assert snapshot["settings"]["play_mode"] == "together"
    assert snapshot["hall_voice"] is None
    assert snapshot["voice_max"] == DEFAULT_VOICE_MAX_PEERS
    assert all(seat["voice"] is None for seat in snapshot["seats"])
    table.error(table.host, "voice_join", {}, "voice_off")
    anna = table.join("Anna")
    table.error(anna, "voice_join", {}, "voice_off")
    table.error(table.connect(), "voice_join", {}, "not_joined")


def test_the_play_mode_changes_during_the_game_and_together_ends_the_voice_table(
    server: Server, table: Table
) -> None:
    anna = table.join("Anna")
    table.start()
    _, snapshot = table.change(table.host, "change_settings", {"settings": {"play_mode": "mixed"}})
    assert snapshot["settings"]["play_mode"] == "mixed"
    assert snapshot["changes"] == [{"type": "settings_changed"}]
    join_voice(table, anna)
    join_voice(table, table.screen)
    _, snapshot = table.change(table.host, "change_settings", {"settings": {"play_mode": "online"}})
    assert snapshot["changes"] == [
        {"type": "settings_changed"},
        {"type": "voice_left", "seat_id": "hall"},
    ]
    assert snapshot["hall_voice"] is None and voice(snapshot, anna) is not None
    _, snapshot = table.change(
        table.host, "change_settings", {"settings": {"play_mode": "together"}}
    )
    assert snapshot["changes"] == [
        {"type": "settings_changed"},
        {"type": "voice_left", "seat_id": anna.seat_id},
    ]
    assert voice(snapshot, anna) is None
    table.error(anna, "change_settings", {"settings": {"play_mode": "online"}}, "not_host")
    error = table.error(
        table.host, "change_settings", {"settings": {"play_mode": "outside"}}, "invalid_settings"
    )
    assert error["field"] == "play_mode"
    table.error(table.host, "change_settings", {"settings": {"play_mode": 1}}, "invalid_payload")


def test_a_room_is_opened_online_over_http(server: Server) -> None:
    response = server.post_room({"name": "Host", "settings": {"play_mode": "mixed"}})
    assert response.status_code == 201
    assert response.get_json()["snapshot"]["settings"]["play_mode"] == "mixed"
    response = server.post_room({"name": "Host", "settings": {"play_mode": "hall"}})
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "play_mode"


# --- joining, muting, the camera ---------------------------------------------------------------


def test_joining_muting_and_the_camera_are_shown_to_everyone(server: Server) -> None:
    table, anna, bert = online(server)
    snapshot = join_voice(table, anna)
    assert voice(snapshot, anna) == at_table(1)
    snapshot = join_voice(table, bert, camera=True)
    assert voice(snapshot, bert) == at_table(2, camera=True)
    _, snapshot = table.change(anna, "voice_mute", {"muted": True})
    assert snapshot["changes"] == [{"type": "voice_muted", "seat_id": anna.seat_id, "muted": True}]
    assert voice(snapshot, anna)["muted"] is True
    table.unchanged(anna, "voice_mute", {"muted": True})
    _, snapshot = table.change(bert, "voice_camera", {"on": False})
    assert snapshot["changes"] == [
        {"type": "voice_camera_changed", "seat_id": bert.seat_id, "camera": False}
    ]
    # Joining again (after a reload) is a new session for the others; the flags stay.
    snapshot = join_voice(table, anna)
    assert voice(snapshot, anna) == at_table(3, muted=True)
    _, snapshot = table.change(anna, "voice_leave")
    assert snapshot["changes"] == [{"type": "voice_left", "seat_id": anna.seat_id}]
    assert voice(snapshot, anna) is None
    table.unchanged(anna, "voice_leave")


def test_voice_errors(server: Server) -> None:
    table, anna, _ = online(server)
    table.error(anna, "voice_mute", {"muted": True}, "voice_not_in")
    table.error(anna, "voice_camera", {"on": True}, "voice_not_in")
    table.error(anna, "voice_join", {"camera": "yes"}, "invalid_payload")
    table.error(anna, "voice_join", {"video": True}, "invalid_payload")
    join_voice(table, anna)
    table.error(anna, "voice_mute", {}, "invalid_payload")
    table.error(anna, "voice_mute", {"muted": 1}, "invalid_payload")
    table.error(anna, "voice_camera", {"on": None}, "invalid_payload")
    table.error(table.connect(), "voice_leave", {}, "not_joined")
    # A screen is no participant until it joins as the hall.
    table.error(table.screen, "voice_mute", {"muted": True}, "voice_not_in")
    table.error(table.screen, "voice_join", {}, "voice_off")  # the hall is for mixed rooms


def test_only_hosts_ask_someone_to_mute_and_only_that_person_unmutes(server: Server) -> None:
    table, anna, bert = online(server)
    join_voice(table, anna)
    table.error(bert, "voice_ask_mute", {"seat_id": anna.seat_id}, "not_host")
    table.error(table.host, "voice_ask_mute", {"seat_id": bert.seat_id}, "voice_peer_unknown")
    table.error(table.host, "voice_ask_mute", {"seat_id": "000000000000"}, "voice_peer_unknown")
    table.error(table.host, "voice_ask_mute", {}, "invalid_payload")
    # The host need not be at the voice table to ask.
    _, snapshot = table.change(table.host, "voice_ask_mute", {"seat_id": anna.seat_id})
    assert snapshot["changes"] == [
        {"type": "voice_mute_asked", "seat_id": anna.seat_id, "by": table.host.seat_id}
    ]
    assert voice(snapshot, anna) == at_table(1, muted=True, asked_to_mute=True)
    table.unchanged(table.host, "voice_ask_mute", {"seat_id": anna.seat_id})
    _, snapshot = table.change(anna, "voice_mute", {"muted": False})
    assert voice(snapshot, anna)["muted"] is False
    assert voice(snapshot, anna)["asked_to_mute"] is False
    # A co-host may ask too.
    table.change(table.host, "set_role", {"seat_id": bert.seat_id, "role": "cohost"})
    table.change(bert, "voice_ask_mute", {"seat_id": anna.seat_id})


def test_the_table_is_full_at_the_mesh_limit(server: Server) -> None:
    server.rooms.voice_max = 2
    table, anna, bert = online(server, "mixed")
    assert table.snapshot()["voice_max"] == 2
    join_voice(table, anna)
    join_voice(table, bert)
    for member in (table.host, table.screen):  # the hall counts as one
        error = table.error(member, "voice_join", {}, "voice_full")
        assert error["limit"] == 2
        messages = {
            language: assert_error(
                member.ask("set_language", {"language": language}) and member.ask("voice_join", {}),
                "voice_full",
                language,
            )["message"]
            for language in LANGUAGES
        }
        translated(messages, 2)
    join_voice(table, anna)  # joining again is no second place
    table.change(bert, "voice_leave")
    join_voice(table, table.host)


# --- who leaves the voice table ------------------------------------------------------------------


def test_leave_kick_away_and_the_end_take_a_seat_away_from_the_voice_table(
    server: Server,
) -> None:
    table, anna, bert = online(server)
    cees = table.join("Cees")
    for member in (table.host, anna, bert, cees):
        join_voice(table, member)
    table.start()
    snapshot = table.leave(anna)
    assert snapshot["changes"][0] == {"type": "voice_left", "seat_id": anna.seat_id}
    _, snapshot = table.change(table.host, "kick", {"seat_id": bert.seat_id}, leaving=False)
    bert.in_room = False
    assert snapshot["changes"][0] == {"type": "voice_left", "seat_id": bert.seat_id}
    # A dropped connection keeps its place; away after the grace period does not.
    cees.disconnect()
    snapshot = table.snapshot()
    assert voice(snapshot, cees) is not None
    server.clock.advance(GRACE + 1)
    (ticked,) = server.tick()
    assert {"type": "voice_left", "seat_id": cees.seat_id} in ticked["changes"]
    assert voice(ticked, cees) is None
    table.drain()
    _, snapshot = table.change(table.host, "end_game")
    assert snapshot["changes"] == [
        {"type": "voice_left", "seat_id": table.host.seat_id},
        {"type": "game_ended"},
    ]
    assert all(seat["voice"] is None for seat in snapshot["seats"])
    table.error(table.host, "voice_join", {}, "game_ended")


# --- the relay ---------------------------------------------------------------------------------


def test_a_signal_reaches_its_one_target_in_the_room(server: Server) -> None:
    table, anna, bert = online(server)
    join_voice(table, anna)
    version = join_voice(table, bert)["version"]
    table.drain()
    assert signal(anna, bert.seat_id, description=OFFER) == {"ok": True}
    relayed(table, anna, bert, description=OFFER)
    answer = {"type": "answer", "sdp": "v=0\r\n"}
    assert signal(bert, anna.seat_id, description=answer) == {"ok": True}
    relayed(table, bert, anna, description=answer)
    assert signal(anna, bert.seat_id, candidate=CANDIDATE) == {"ok": True}
    relayed(table, anna, bert, candidate=CANDIDATE)
    # Only the fields of a candidate pass on, the ones left out as null; null ends candidates.
    assert signal(anna, bert.seat_id, candidate={"candidate": ""}) == {"ok": True}
    empty = {"candidate": "", "sdpMid": None, "sdpMLineIndex": None, "usernameFragment": None}
    relayed(table, anna, bert, candidate=empty)
    assert signal(anna, bert.seat_id, candidate=None) == {"ok": True}
    relayed(table, anna, bert, candidate=None)
    rollback = {"type": "rollback", "sdp": ""}
    assert signal(bert, anna.seat_id, description={"type": "rollback"}) == {"ok": True}
    relayed(table, bert, anna, description=rollback)
    assert table.snapshot()["version"] == version  # signals are no state


def test_a_seat_cannot_signal_outside_its_voice_table(server: Server) -> None:
    table, anna, bert = online(server)
    other, olga, _ = online(server)
    join_voice(other, olga)
    table.error(anna, "voice_signal", {"to": bert.seat_id, "description": OFFER}, "voice_not_in")
    join_voice(table, anna)
    # Bert is in the room but not at the voice table; Olga is at another room's table.
    for to in (bert.seat_id, olga.seat_id, "hall", anna.seat_id, "000000000000", "../x"):
        table.error(anna, "voice_signal", {"to": to, "description": OFFER}, "voice_peer_unknown")
    assert olga.received() == []
    table.error(table.connect(), "voice_signal", {"to": anna.seat_id}, "not_joined")
    # A screen that did not join as the hall speaks for nobody.
    table.error(table.screen, "voice_signal", {"to": anna.seat_id}, "voice_not_in")
    # Out of voice again: no more signals, either way.
    join_voice(table, bert)
    table.change(bert, "voice_leave")
    table.error(bert, "voice_signal", {"to": anna.seat_id, "description": OFFER}, "voice_not_in")
    table.error(anna, "voice_signal", {"to": bert.seat_id, "candidate": None}, "voice_peer_unknown")


def test_malformed_and_oversized_signals_are_refused(server: Server) -> None:
    table, anna, bert = online(server)
    join_voice(table, anna)
    join_voice(table, bert)
    to = bert.seat_id
    malformed = [
        {"description": OFFER},
        {"to": to},
        {"to": to, "description": OFFER, "candidate": CANDIDATE},
        {"to": to, "description": None},
        {"to": to, "description": {"type": "pranswer", "sdp": "v=0"}},
        {"to": to, "description": {"type": "offer"}},
        {"to": to, "description": {"type": "offer", "sdp": 5}},
        {"to": to, "description": {**OFFER, "extra": 1}},
        {"to": to, "description": "v=0"},
        {"to": to, "candidate": {"sdpMid": "0"}},
        {"to": to, "candidate": {**CANDIDATE, "sdpMLineIndex": True}},
        {"to": to, "candidate": {**CANDIDATE, "sdpMLineIndex": -1}},
        {"to": to, "candidate": {**CANDIDATE, "ip": "192.0.2.1"}},
        {"to": to, "candidate": [CANDIDATE]},
        {"to": 5, "candidate": CANDIDATE},
        {"to": "x" * 65, "candidate": CANDIDATE},
        {"to": to, "candidate": CANDIDATE, "from": to},
    ]
    for payload in malformed:
        table.error(anna, "voice_signal", payload, "invalid_payload")
    assert_error(anna.ask("voice_signal", [to]), "invalid_payload")
    largest_sdp = "v" * MAX_SDP_BYTES
    assert signal(anna, to, description={"type": "offer", "sdp": largest_sdp}) == {"ok": True}
    largest = {**CANDIDATE, "candidate": "c" * MAX_CANDIDATE_BYTES}
    assert signal(anna, to, candidate=largest) == {"ok": True}
    table.drain()
    too_large = [
        {"description": {"type": "offer", "sdp": largest_sdp + "v"}},
        {"description": {"type": "offer", "sdp": "é" * (MAX_SDP_BYTES // 2 + 1)}},  # bytes count
        {"candidate": {**CANDIDATE, "candidate": "c" * (MAX_CANDIDATE_BYTES + 1)}},
        {"candidate": {**CANDIDATE, "sdpMid": "m" * (MAX_CANDIDATE_BYTES + 1)}},
        {"candidate": {**CANDIDATE, "usernameFragment": "u" * (MAX_CANDIDATE_BYTES + 1)}},
    ]
    for body in too_large:
        table.error(anna, "voice_signal", {"to": to, **body}, "voice_signal_too_large")
    messages = {
        language: assert_error(
            anna.ask("set_language", {"language": language}) and signal(anna, to, **too_large[0]),
            "voice_signal_too_large",
            language,
        )["message"]
        for language in LANGUAGES
    }
    translated(messages, MAX_SDP_BYTES, MAX_CANDIDATE_BYTES)


def test_signals_have_their_own_rate_limit(server: Server) -> None:
    table, anna, bert = online(server)
    join_voice(table, anna)
    join_voice(table, bert)
    server.limit_clock.step = 0
    for _ in range(MAX_SIGNALS):
        assert signal(anna, bert.seat_id, candidate=CANDIDATE) == {"ok": True}
    # Other events still go: signals do not count toward the event limit, nor it toward them.
    table.change(anna, "voice_mute", {"muted": True})
    messages = {}
    for language in LANGUAGES:
        assert anna.ask("set_language", {"language": language})["ok"] is True
        ack = signal(anna, bert.seat_id, candidate=CANDIDATE)
        messages[language] = assert_error(ack, "too_many_signals", language)["message"]
    translated(messages, MAX_SIGNALS, SIGNAL_WINDOW_SECONDS)
    assert signal(bert, anna.seat_id, candidate=CANDIDATE) == {"ok": True}
    server.limit_clock.advance(SIGNAL_WINDOW_SECONDS + 1)
    assert signal(anna, bert.seat_id, candidate=CANDIDATE) == {"ok": True}


# --- the hall ------------------------------------------------------------------------------------


def test_the_projector_of_a_mixed_room_joins_as_the_hall(server: Server) -> None:
    table, anna, _ = online(server, "mixed")
    join_voice(table, anna)
    snapshot = join_voice(table, table.screen)
    assert snapshot["hall_voice"] == at_table(2)
    table.drain()
    assert signal(anna, "hall", description=OFFER) == {"ok": True}
    relayed(table, anna, table.screen, description=OFFER)
    assert signal(table.screen, anna.seat_id, candidate=CANDIDATE) == {"ok": True}
    relayed(table, "hall", anna, candidate=CANDIDATE)
    _, snapshot = table.change(table.screen, "voice_mute", {"muted": True})
    assert snapshot["changes"] == [{"type": "voice_muted", "seat_id": "hall", "muted": True}]
    table.change(table.host, "voice_ask_mute", {"seat_id": "hall"})
    # A second screen does not speak for the hall; when the hall's screen closes, it hangs up.
    second = table.watch()
    table.error(second, "voice_signal", {"to": anna.seat_id, "candidate": None}, "voice_not_in")
    version = table.snapshot()["version"]
    table.drain()
    table.screen.disconnect()
    table.screen = second  # the harness looks through a screen
    snapshot = table.snapshot()
    assert snapshot["version"] == version + 1
    assert snapshot["hall_voice"] is None
    states = anna.states()
    assert states[-1]["changes"] == [{"type": "voice_left", "seat_id": "hall"}]


def test_a_closed_older_hall_screen_leaves_the_newer_hall_at_the_table(server: Server) -> None:
    table, anna, _ = online(server, "mixed")
    first = table.screen
    join_voice(table, first)
    second = table.watch()
    snapshot = join_voice(table, second)
    assert snapshot["hall_voice"]["session"] == 2
    table.screen = second
    join_voice(table, anna)
    # The older screen speaks for the hall no more, and closing it leaves the newer one be.
    table.error(first, "voice_signal", {"to": anna.seat_id, "candidate": None}, "voice_not_in")
    first.disconnect()
    assert table.snapshot()["hall_voice"]["session"] == 2
    assert signal(second, anna.seat_id, candidate=None) == {"ok": True}


def test_a_renewed_screen_key_lets_the_hall_go(server: Server) -> None:
    table, anna, _ = online(server, "mixed")
    join_voice(table, anna)
    join_voice(table, table.screen)
    old = table.screen
    ack = table.host.ask("renew_screen_key")
    assert ack["ok"] is True
    (left,) = anna.states()
    assert left["changes"] == [{"type": "voice_left", "seat_id": "hall"}]
    assert left["hall_voice"] is None
    table.screen_key = ack["screen_key"]
    table.screen = table.watch()
    table.members.remove(old)
    table.error(old, "voice_signal", {"to": anna.seat_id, "candidate": None}, "voice_not_in")
    table.error(old, "voice_join", {}, "not_allowed")
    join_voice(table, table.screen)


# --- TURN --------------------------------------------------------------------------------------


def test_turn_credentials_follow_coturns_shared_secret_scheme(server: Server) -> None:
    server.app.extensions["kletsborden.turn"] = TurnServers(
        urls=("turn:turn.example.org:3478", "turns:turn.example.org:5349"),
        secret="gedeeld geheim",
        ttl_seconds=3600,
        relay_only=True,
    )
    _, anna, _ = online(server)
    ack = anna.ask("voice_join", {})
    expiry = int(server.clock.now) + 3600
    username = f"{expiry}:{anna.seat_id}"
    expected = base64.b64encode(
        hmac.new(b"gedeeld geheim", username.encode(), hashlib.sha1).digest()
    ).decode()
    assert ack["ice_servers"] == [
        {
            "urls": ["turn:turn.example.org:3478", "turns:turn.example.org:5349"],
            "username": username,
            "credential": expected,
        }
    ]
    assert ack["ice_transport_policy"] == "relay"
