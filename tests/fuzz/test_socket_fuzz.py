"""Every Socket.IO event the server registers, fuzzed with hostile payloads.

The events are read from the server itself, so an event added later is fuzzed without touching
this file. Each payload is sent by the host (a lead), by a player and by a connection that has
not joined, in the lobby, in a started game and with a card on the table. Every answer is an ack;
a refusal carries a documented code and its translated message, and leaves the database (rooms
with their state and version, seats, and every other table) exactly as it was, with nothing
broadcast. A payload that happens to be valid may succeed; the room is then made anew.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from protocol.harness import Member, Server, Table

from kletsborden.app import database
from kletsborden.realtime import socketio
from kletsborden.realtime.handlers import GAME_ACTIONS

from .conftest import EVENT_FUZZ, FUZZ, check_error
from .dump import assert_unchanged, dump_database
from .strategies import FIELD_NAMES, arguments, event_arguments, fill, hostile_text

# Socket.IO's own names: "connect"/"disconnect" are the server's, "*" catches unknown events.
RESERVED = {"*", "connect", "disconnect"}
# Events that only read or set the connection's language: a success changes nothing.
READING = {"get_state", "get_screen_key", "set_language"}
PHASES = ("lobby", "started", "card")
SENDERS = ("host", "player", "stranger")


def registered_events() -> list[str]:
    """Every client event the server answers, as registered on the default namespace."""
    events = sorted(set(socketio.server.handlers["/"]) - RESERVED)
    # Not trivially small: the game actions plus joining, watching, settings and the rest.
    known = set(GAME_ACTIONS) | {"join", "watch", "leave", "start_game", "kick", "react"}
    known |= {"get_state", "get_screen_key", "set_language", "change_settings"}
    assert known <= set(events), sorted(known - set(events))
    assert len(events) >= len(known) >= 20, events
    return events


def allowed_fields(server: Server, event: str) -> list[str]:
    """The fields ``event`` accepts, asked of the server: an unknown field is refused first
    (``unknown field <name>``), and null counts as a field left out."""
    member = server.connect(label="prober")
    allowed = []
    for name in FIELD_NAMES:
        server.limit_clock.advance(3600)
        ack = member.ask(event, {name: None})
        if not (ack.get("ok") is False and ack["error"].get("detail", "").startswith("unknown")):
            allowed.append(name)
    member.disconnect()
    return allowed


class Tables:
    """One room per phase, made again after a payload succeeded and changed it."""

    def __init__(self, server: Server):
        self.server = server
        self.made: dict[str, tuple[Table, dict[str, Member]]] = {}

    def get(self, phase: str) -> tuple[Table, dict[str, Member]]:
        if phase not in self.made:
            table = self.server.create_room(settings={"typed_answers": True, "play_mode": "mixed"})
            player = table.join("Bert")
            for member in (table.host, player):  # so that voice events get past "voice_off"
                table.change(member, "voice_join")
            if phase != "lobby":
                table.start()
            if phase == "card":
                table.change(table.host, "draw_card", {"sense": "horen"})
            stranger = table.connect(label="stranger")
            table.drain()
            self.made[phase] = (table, {"host": table.host, "player": player, "stranger": stranger})
        return self.made[phase]

    def forget(self, phase: str) -> None:
        table, _ = self.made.pop(phase)
        for member in table.members:
            if member.connected:
                member.disconnect()

    def real_values(self, phase: str) -> dict[str, Any]:
        """What ``strategies.Real`` stands for in this phase's room."""
        table, who = self.get(phase)
        return {
            "code": table.code,
            "display_code": table.created["display_code"],
            "screen_key": table.screen_key,
            "host_token": who["host"].token,
            "player_token": who["player"].token,
            "host_seat": who["host"].seat_id,
            "player_seat": who["player"].seat_id,
        }


def send(server: Server, tables: Tables, phase: str, sender: str, event: str, args: tuple) -> str:
    """Send one event and check the answer, and that a refusal left everything as it was."""
    args = fill(args, tables.real_values(phase))
    table, who = tables.get(phase)
    member = who[sender]
    server.limit_clock.advance(3600)  # no rate limit decides the outcome
    db = database(server.app)
    before = dump_database(db)
    table.drain()
    what = f"{sender} in {phase}: {event} {str(args)[:200]}"
    ack = member.client.emit(event, *args, callback=True)
    if isinstance(ack, dict) and ack.get("ok") is True:
        changed = dump_database(db) != before
        if changed or event not in READING or not member.connected:
            tables.forget(phase)
        return "ok"
    error = check_error(ack, what)
    assert member.connected, f"{what}: a refused payload closed the connection"
    for m in table.members:
        states = m.states()
        assert states == [], f"{what}: {m.label} got a room_state after a refusal"
    assert_unchanged(before, dump_database(db), what)
    return error["code"]


def test_every_event_refuses_hostile_payloads_cleanly(server: Server) -> None:
    tables = Tables(server)
    outcomes: Counter[str] = Counter()
    for event in registered_events():
        fields = allowed_fields(server, event)

        @EVENT_FUZZ
        @given(
            event=st.just(event),
            args=event_arguments(fields),
            phase=st.sampled_from(PHASES),
            sender=st.sampled_from(SENDERS),
        )
        def fuzz(event: str, args: tuple, phase: str, sender: str) -> None:
            outcomes[send(server, tables, phase, sender, event, args)] += 1

        fuzz()
    print(sorted(outcomes.items()))
    # The fuzzing reached past the first checks: some payloads passed, many rules refused.
    assert outcomes["ok"] > 0 and outcomes["invalid_payload"] > 0, outcomes
    assert len(outcomes) >= 8, outcomes


@FUZZ
@given(
    phase=st.sampled_from(PHASES),
    sender=st.sampled_from(SENDERS),
    event=st.one_of(
        st.sampled_from(["connect", "disconnect", "message", "room_state", "drawCard", "JOIN"]),
        hostile_text,
    ),
    data=st.data(),
)
def test_unknown_events_are_refused_cleanly(
    server: Server, phase: str, sender: str, event: str, data: st.DataObject
) -> None:
    registered = set(socketio.server.handlers["/"]) - {"connect", "disconnect"}
    if event in registered:  # "*" is the library's own and gets no answer (protocol §8.3)
        return
    tables = _tables(server)
    args = data.draw(arguments, label="args")
    send(server, tables, phase, sender, event, args)
    _, who = tables.get(phase)
    assert who[sender].ask("get_state")["ok"] is (sender != "stranger")


def _tables(server: Server) -> Tables:
    """One ``Tables`` per server, kept on it across the examples of a test."""
    if not hasattr(server, "fuzz_tables"):
        server.fuzz_tables = Tables(server)  # type: ignore[attr-defined]
    return server.fuzz_tables  # type: ignore[attr-defined]
