"""A whole six-player game over real sockets, lobby to end, as docs/protocol.md describes it.

Every client must see every version in order: no gaps, no duplicates, and the same snapshot for
the same version on every connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from support.server import Server

from .client import GameClient, create_room, error_code, seat_table

SENSES = ("horen", "zien", "voelen")
# Names as people type them: invisible characters are removed, the emoji joiner stays (§9).
TYPED_NAMES = [
    "Bert",
    "Cees\u200b",
    "\u2066Dana\u2069",
    "E\u00adef",
    "\U0001f469\u200d\U0001f469 Fien",
]
CLEAN_NAMES = ["Bert", "Cees", "Dana", "Eef", "\U0001f469\u200d\U0001f469 Fien"]
# Chosen mode: what happens to each drawn card.
CHOSEN_PLAYS = [
    "hand_to_self",
    "hand_to_next",
    "hand_on",
    "chosen_passes",
    "drawer_passes_while_choosing",
    "drawer_finishes_while_choosing",
    "hand_to_next",
]


class Game:
    """Drives the table and counts what the final snapshot's ``played`` should say."""

    def __init__(self, clients: list[GameClient]):
        self.clients = clients
        self.by_seat = {c.seat_id: c for c in clients}
        self.order = [c.seat_id for c in clients]
        self.draws = 0
        self.per_sense = dict.fromkeys(SENSES, 0)
        self.answered = 0
        self.passed = 0
        self.snapshot: dict[str, Any] = clients[0].latest

    def act(self, client: GameClient, event: str, payload: Any = None) -> dict[str, Any]:
        ack = client.ask(event, payload)
        assert ack["ok"], (client.label, event, ack)
        assert ack["version"] == self.snapshot["version"] + 1, (event, ack)
        # §4.1: on the sender's connection the room_state arrives before the ack.
        assert client.broadcasts[-1]["version"] == ack["version"]
        self.snapshot = client.broadcasts[-1]
        return self.snapshot

    def refused(self, client: GameClient, event: str, payload: Any, code: str) -> None:
        version = self.snapshot["version"]
        client.wait_version(version)  # the latest broadcast may still be on its way to it
        ack = client.ask(event, payload)
        assert error_code(ack) == code, (event, ack)
        assert ack["error"]["message"]
        assert client.broadcasts[-1]["version"] == version  # nothing was broadcast

    def waited_on(self) -> GameClient:
        return self.by_seat[self.snapshot["turn"]["waiting_on"]]

    def after(self, seat_id: str, steps: int = 1) -> str:
        return self.order[(self.order.index(seat_id) + steps) % len(self.order)]

    def draw(self, turn_index: int) -> tuple[GameClient, dict[str, Any]]:
        turn = self.snapshot["turn"]
        drawer = self.by_seat[turn["active"]]
        assert turn["waiting_on"] == turn["active"]
        sense = (*SENSES, None)[turn_index % 4]
        # The others may not draw.
        self.refused(self.by_seat[self.after(drawer.seat_id)], "draw_card", {}, "not_your_turn")
        snap = self.act(drawer, "draw_card", {"sense": sense} if sense else {})
        drawn = snap["changes"][0]
        assert drawn["type"] == "card_drawn"
        assert drawn["seat_id"] == drawer.seat_id
        assert drawn["by_chance"] is (sense is None)
        if sense:
            assert drawn["sense"] == sense
        card = snap["card"]
        assert card["id"] == drawn["card_id"]
        assert card["sense"] == drawn["sense"]
        assert card["drawn_by"] == drawer.seat_id
        assert card["texts"][card["language"]]["question"]  # the room's language, always there
        self.draws += 1
        self.per_sense[card["sense"]] += 1
        self.refused(drawer, "draw_card", {}, "card_already_drawn")
        return drawer, snap

    def expect_next_turn(self, drawer: GameClient, number: int) -> None:
        snap = self.snapshot
        assert snap["card"] is None
        assert snap["changes"][-1] == {
            "type": "turn_started",
            "seat_id": self.after(drawer.seat_id),
            "number": number + 1,
        }
        assert snap["turn"]["active"] == self.after(drawer.seat_id)

    def finish(self, client: GameClient) -> None:
        self.act(client, "finish_turn")
        self.answered += 1

    def pass_(self, client: GameClient) -> None:
        self.act(client, "pass_card")
        self.passed += 1


def play_chosen_turn(game: Game, turn_index: int) -> None:
    number = game.snapshot["turn"]["number"]
    drawer, snap = game.draw(turn_index)
    assert snap["turn"]["choosing"] is True
    assert snap["turn"]["answerers"] == []
    # While choosing, the drawer must hand the card before typing an answer.
    game.refused(drawer, "type_answer", {"text": "Ik weet het al"}, "not_your_turn")
    play = CHOSEN_PLAYS[turn_index % len(CHOSEN_PLAYS)]
    if play == "drawer_passes_while_choosing":
        game.pass_(drawer)
    elif play == "drawer_finishes_while_choosing":
        game.act(drawer, "finish_turn")  # ends the turn; nothing is recorded
        assert game.snapshot["changes"][0]["type"] == "turn_started"
    else:
        to = {
            "hand_to_self": drawer.seat_id,
            "hand_to_next": game.after(drawer.seat_id),
            "hand_on": game.after(drawer.seat_id, 2),
            "chosen_passes": game.after(drawer.seat_id, 3),
        }[play]
        snap = game.act(drawer, "hand_card", {"to": to})
        assert snap["changes"] == [
            {"type": "card_handed", "from_seat": drawer.seat_id, "to_seat": to}
        ]
        assert snap["turn"]["answerers"] == [to]
        assert snap["turn"]["waiting_on"] == to
        chosen = game.by_seat[to]
        if to != drawer.seat_id:
            game.refused(chosen, "hand_card", {"to": to}, "seat_not_available")  # not to oneself
        if play == "hand_on":
            onward = game.after(drawer.seat_id, 4)
            game.act(chosen, "hand_card", {"to": onward})
            chosen = game.by_seat[onward]
        if play == "chosen_passes":
            game.pass_(chosen)
        else:
            text = f"Antwoord {turn_index}\nmet een tweede regel."
            snap = game.act(chosen, "type_answer", {"text": text})
            assert snap["card"]["typed_answers"] == [{"seat_id": chosen.seat_id, "text": text}]
            game.finish(chosen)
    game.expect_next_turn(drawer, number)


def play_everyone_turn(game: Game, turn_index: int) -> None:
    number = game.snapshot["turn"]["number"]
    drawer, snap = game.draw(turn_index)
    answerers = snap["turn"]["answerers"]
    start = game.order.index(drawer.seat_id)
    assert answerers == game.order[start:] + game.order[:start]
    assert snap["turn"]["choosing"] is False
    game.refused(drawer, "hand_card", {"to": game.after(drawer.seat_id)}, "hand_not_allowed")
    for position, seat_id in enumerate(answerers):
        client = game.waited_on()
        assert client.seat_id == seat_id
        if position + 1 < len(answerers):  # only the waited-on seat may finish
            game.refused(game.by_seat[answerers[position + 1]], "finish_turn", {}, "not_your_turn")
        if (turn_index + position) % 3 == 2:
            game.pass_(client)
        else:
            game.finish(client)
    game.expect_next_turn(drawer, number)


@pytest.mark.parametrize("answering", ["chosen", "everyone"])
def test_six_players_from_lobby_to_the_end(
    server: Server, clients: list[GameClient], answering: str
) -> None:
    room = create_room(server.url, "Anna", settings={"answering": answering, "typed_answers": True})
    assert room["join_url"] == f"{server.url}/play/{room['code']}"
    assert room["snapshot"]["version"] == 1
    table = seat_table(server.url, room, TYPED_NAMES, made=clients)
    host = table[0]
    assert host.seat_id == room["seat_id"]
    # The host's seat was connected from the start: its join changes nothing.
    assert host.last_join["snapshot"]["version"] == 1
    assert host.last_join["snapshot"]["changes"] == []
    joined_at = {}
    for client in table[1:]:
        # A new seat's own room_state arrives before the join's ack, and is the same snapshot.
        assert client.broadcasts[0] == client.last_join["snapshot"]
        assert client.last_join["snapshot"]["changes"] == [
            {"type": "seat_added", "seat_id": client.seat_id}
        ]
        joined_at[client.label] = client.broadcasts[0]["version"]
    game = Game(table)
    game.snapshot = table[-1].latest
    assert [s["name"] for s in game.snapshot["seats"]] == ["Anna", *CLEAN_NAMES]
    assert game.snapshot["version"] == 1 + len(TYPED_NAMES)
    assert [s["role"] for s in game.snapshot["seats"]] == ["host"] + ["player"] * 5

    # Only a lead may start.
    game.refused(table[1], "start_game", {}, "not_host")
    snap = game.act(host, "start_game")
    assert snap["phase"] == "playing"
    assert [c["type"] for c in snap["changes"]] == ["game_started", "turn_started"]
    assert snap["turn"]["active"] == host.seat_id
    assert snap["decks"] == {"horen": 32, "zien": 32, "voelen": 32}

    turns = 7  # more than one round: the turn wraps from the last seat back to the host
    for turn_index in range(turns):
        if answering == "chosen":
            play_chosen_turn(game, turn_index)
        else:
            play_everyone_turn(game, turn_index)

    # A turn ended without drawing.
    active = game.by_seat[game.snapshot["turn"]["active"]]
    number = game.snapshot["turn"]["number"]
    game.act(active, "finish_turn")
    game.expect_next_turn(active, number)

    # Reactions: an event for everyone, not a new version.
    version = game.snapshot["version"]
    reactions = [(table[1], "thanks"), (table[2], "heart"), (table[5], "me_too")]
    for client, reaction in reactions:
        assert client.ask("react", {"reaction": reaction}) == {"ok": True}
    expected = [{"seat_id": c.seat_id, "reaction": r} for c, r in reactions]
    for client in table:
        client.wait_for(
            lambda c=client: len([e for e in c.events if e[0] == "reaction"]) == 3,
            what="three reactions",
        )
        got = [data for name, data in client.events if name == "reaction"]
        assert sorted(got, key=str) == sorted(expected, key=str)
    assert host.state()["version"] == version

    snap = game.act(host, "end_game")
    assert snap["phase"] == "ended"
    assert snap["turn"] is None and snap["card"] is None
    assert snap["changes"] == [{"type": "game_ended"}]
    assert snap["played"] == {
        "total": game.draws,
        "per_sense": game.per_sense,
        "answered": game.answered,
        "passed": game.passed,
        "set_aside": 0,
    }
    assert game.draws == turns
    assert all(game.per_sense[s] >= 2 for s in SENSES), game.per_sense
    assert game.answered > 0 and game.passed > 0
    for sense in SENSES:
        assert snap["decks"][sense] == 32 - game.per_sense[sense]

    # Every client saw every version, in order, once, with the same content.
    final = snap["version"]
    for client in table:
        client.wait_version(final)
    assert host.versions() == list(range(2, final + 1))  # its own join changed nothing
    for client in table[1:]:
        assert client.versions() == list(range(joined_at[client.label], final + 1)), client.label
    assert [joined_at[c.label] for c in table[1:]] == [2, 3, 4, 5, 6]
    for version in range(2, final + 1):
        seen = [s for c in table for s in c.broadcasts if s["version"] == version]
        assert all(s == seen[0] for s in seen), version
        assert seen[0]["changes"], version  # every new version says what made it


def test_sitting_out_and_a_turn_without_a_player(
    server: Server, clients: list[GameClient], new_client: Callable[..., GameClient]
) -> None:
    room = create_room(server.url, "Anna", takes_turns=False, settings={"turn_timer_seconds": 600})
    host, bert = seat_table(server.url, room, ["Bert"], made=clients)
    screen = new_client(server.url, "screen")
    assert screen.join(room["code"], name="Scherm", spectator=True)["ok"]
    snap = host.wait_version(3)
    assert [(s["role"], s["takes_turns"]) for s in snap["seats"]] == [
        ("host", False),
        ("player", True),
        ("spectator", False),  # spectators never play
    ]
    game = Game([host, bert, screen])
    game.snapshot = snap
    snap = game.act(host, "start_game")
    assert snap["turn"]["active"] == bert.seat_id
    assert snap["turn"]["deadline"] == pytest.approx(snap["server_time"] + 600, abs=1)

    # The only player sits out: a turn with nobody active, and no deadline.
    snap = game.act(bert, "set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": False})
    assert snap["changes"] == [
        {"type": "takes_turns_changed", "seat_id": bert.seat_id, "takes_turns": False},
        {"type": "turn_started", "seat_id": None, "number": 2},
    ]
    assert snap["turn"]["active"] is None and snap["turn"]["waiting_on"] is None
    assert snap["turn"]["deadline"] is None
    game.refused(host, "extend_timer", {}, "no_timer")
    game.refused(
        host,
        "set_takes_turns",
        {"seat_id": screen.seat_id, "takes_turns": True},
        "seat_not_available",
    )
    # Setting the value it already has changes nothing.
    ack = bert.ask("set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": False})
    assert ack == {"ok": True, "version": game.snapshot["version"]}

    # A lead lets Bert play again: he takes the waiting turn at once, with a fresh deadline.
    snap = game.act(host, "set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": True})
    assert snap["changes"] == [
        {"type": "takes_turns_changed", "seat_id": bert.seat_id, "takes_turns": True},
        {"type": "turn_started", "seat_id": bert.seat_id, "number": 3},
    ]
    assert snap["turn"]["deadline"] == pytest.approx(snap["server_time"] + 600, abs=1)
    for client in (host, bert, screen):
        client.wait_version(snap["version"])
