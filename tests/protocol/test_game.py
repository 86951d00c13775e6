"""Happy paths of the game events, with what every connection in the room receives."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from kletsborden.paths import default_card_files

from .harness import START_TIME, Member, Server, Table

CARDS = {
    f"kletsborden/{card['id']}": card
    for card in tomllib.loads(default_card_files()[0].read_text(encoding="utf-8"))["cards"]
}


def three(server: Server, **settings: Any) -> tuple[Table, Member, Member]:
    """Host, Anna and Bert (in that turn order) in a room with these settings."""
    table = server.create_room("Host", settings=settings or None)
    return table, table.join("Anna"), table.join("Bert")


def test_start_game(server: Server) -> None:
    table, _, _ = three(server)
    ack, snapshot = table.change(table.host, "start_game")
    assert set(ack) == {"ok", "version"}
    assert snapshot["phase"] == "playing"
    assert snapshot["turn"] == {
        "number": 1,
        "active": table.host.seat_id,
        "waiting_on": table.host.seat_id,
        "answerers": [],
        "choosing": False,
        "deadline": None,
        "handover": False,
    }
    assert snapshot["card"] is None
    assert snapshot["decks"] == {"horen": 32, "zien": 32, "voelen": 32}
    assert snapshot["played"] == {
        "total": 0,
        "per_sense": {"horen": 0, "zien": 0, "voelen": 0},
        "answered": 0,
        "passed": 0,
        "set_aside": 0,
    }
    assert snapshot["changes"] == [
        {"type": "game_started"},
        {"type": "turn_started", "seat_id": table.host.seat_id, "number": 1},
    ]


def test_start_game_keeps_only_the_cards_the_settings_allow(server: Server) -> None:
    table = server.create_room(settings={"senses": ["zien"], "max_depth": 1})
    assert table.start()["decks"] == {"zien": 14}


def test_start_game_by_a_cohost_and_with_a_host_who_does_not_play(server: Server) -> None:
    table = server.create_room(takes_turns=False)
    anna = table.join("Anna")
    table.change(table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"})
    _, snapshot = table.change(anna, "start_game")
    assert snapshot["turn"]["active"] == anna.seat_id


def test_draw_card_from_a_chosen_sense(server: Server) -> None:
    table, _, _ = three(server)
    table.start()
    ack, snapshot = table.change(table.host, "draw_card", {"sense": "zien"})
    assert set(ack) == {"ok", "version"}
    card = snapshot["card"]
    assert card["sense"] == "zien"
    assert card["drawn_by"] == table.host.seat_id
    assert card["by_chance"] is False
    assert card["answers"] == [] and card["typed_answers"] == []
    source = CARDS[card["id"]]
    assert card["language"] == "nl"
    assert card["texts"]["nl"]["question"] == source["nl"]["question"]
    assert (card["kind"], card["depth"]) == (source["kind"], source["depth"])
    assert snapshot["decks"] == {"horen": 32, "zien": 31, "voelen": 32}
    assert snapshot["turn"]["answerers"] == [table.host.seat_id]
    assert snapshot["played"]["per_sense"]["zien"] == 1
    assert snapshot["changes"] == [
        {
            "type": "card_drawn",
            "card_id": card["id"],
            "sense": "zien",
            "seat_id": table.host.seat_id,
            "by_chance": False,
        }
    ]


def test_draw_card_by_chance_and_in_english(server: Server) -> None:
    table = server.create_room(settings={"language": "en"})
    table.start()
    for payload in (None, {}, {"sense": None}):
        _, snapshot = table.change(table.host, "draw_card", payload)
        card = snapshot["card"]
        assert card["by_chance"] is True
        assert card["texts"]["en"]["question"] == CARDS[card["id"]]["en"]["question"]
        table.change(table.host, "pass_card")


def test_pass_card_moves_the_turn_on(server: Server) -> None:
    table, anna, _ = three(server)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    ack, snapshot = table.change(table.host, "pass_card")
    assert set(ack) == {"ok", "version"}
    assert snapshot["card"] is None
    assert snapshot["turn"]["active"] == anna.seat_id and snapshot["turn"]["number"] == 2
    assert snapshot["played"]["passed"] == 1 and snapshot["played"]["total"] == 1
    assert snapshot["changes"] == [
        {"type": "answer_ended", "seat_id": table.host.seat_id, "outcome": "passed"},
        {"type": "turn_started", "seat_id": anna.seat_id, "number": 2},
    ]


def test_finish_turn_after_answering_and_without_a_card(server: Server) -> None:
    table, anna, bert = three(server)
    table.start()
    table.change(table.host, "draw_card", {"sense": "voelen"})
    _, snapshot = table.change(table.host, "finish_turn")
    assert snapshot["played"]["answered"] == 1
    assert snapshot["turn"]["active"] == anna.seat_id
    _, snapshot = table.change(anna, "finish_turn")  # done without drawing
    assert snapshot["changes"] == [{"type": "turn_started", "seat_id": bert.seat_id, "number": 3}]
    assert snapshot["played"]["total"] == 1
    _, snapshot = table.change(bert, "finish_turn")
    assert snapshot["turn"]["active"] == table.host.seat_id, "the turn goes round"


def test_hand_card_to_another_player(server: Server) -> None:
    table, anna, bert = three(server)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    _, snapshot = table.change(table.host, "hand_card", {"to": bert.seat_id})
    assert snapshot["turn"]["waiting_on"] == bert.seat_id
    assert snapshot["turn"]["answerers"] == [bert.seat_id]
    assert snapshot["changes"] == [
        {"type": "card_handed", "from_seat": table.host.seat_id, "to_seat": bert.seat_id}
    ]
    _, snapshot = table.change(bert, "finish_turn")
    assert snapshot["card"] is None
    assert snapshot["turn"]["active"] == anna.seat_id


def test_hand_card_when_the_drawer_chooses(server: Server) -> None:
    table, anna, _ = three(server, answering="chosen")
    table.start()
    _, snapshot = table.change(table.host, "draw_card", {"sense": "zien"})
    assert snapshot["turn"]["choosing"] is True and snapshot["turn"]["answerers"] == []
    _, snapshot = table.change(table.host, "hand_card", {"to": table.host.seat_id})
    assert snapshot["turn"]["answerers"] == [table.host.seat_id]
    _, snapshot = table.change(table.host, "finish_turn")
    assert snapshot["turn"]["active"] == anna.seat_id


def test_everyone_answers_in_turn(server: Server) -> None:
    table, anna, bert = three(server, answering="everyone")
    table.start()
    _, snapshot = table.change(table.host, "draw_card", {"sense": "zien"})
    order = [table.host.seat_id, anna.seat_id, bert.seat_id]
    assert snapshot["turn"]["answerers"] == order
    table.change(table.host, "finish_turn")
    _, snapshot = table.change(anna, "pass_card")
    assert snapshot["turn"]["waiting_on"] == bert.seat_id
    _, snapshot = table.change(bert, "finish_turn")
    assert snapshot["played"] | {"per_sense": None} == {
        "total": 1,
        "per_sense": None,
        "answered": 2,
        "passed": 1,
        "set_aside": 0,
    }
    assert snapshot["turn"]["active"] == anna.seat_id


def test_type_answer(server: Server) -> None:
    table, anna, _ = three(server, typed_answers=True)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.change(table.host, "hand_card", {"to": anna.seat_id})
    ack, snapshot = table.change(anna, "type_answer", {"text": "  Mijn   oma\r\nzong altijd  "})
    assert set(ack) == {"ok", "version"}
    assert snapshot["card"]["typed_answers"] == [
        {"seat_id": anna.seat_id, "text": "Mijn oma\nzong altijd"}
    ]
    assert snapshot["changes"] == [{"type": "answer_typed", "seat_id": anna.seat_id}]
    _, snapshot = table.change(anna, "type_answer", {"text": "Toch iets anders"})
    assert snapshot["card"]["typed_answers"] == [
        {"seat_id": anna.seat_id, "text": "Toch iets anders"}
    ]


def test_extend_timer_by_anyone_at_the_table(server: Server) -> None:
    table, anna, _ = three(server, turn_timer_seconds=60)
    snapshot = table.start()
    assert snapshot["turn"]["deadline"] == START_TIME + 60
    ack, snapshot = table.change(anna, "extend_timer")
    assert set(ack) == {"ok", "version"}
    assert snapshot["turn"]["deadline"] == START_TIME + 120
    assert snapshot["changes"] == [
        {"type": "timer_extended", "seat_id": anna.seat_id, "deadline": START_TIME + 120}
    ]
    table.server.clock.advance(130)  # after the deadline: more time from now
    _, snapshot = table.change(table.host, "extend_timer", {})
    assert snapshot["turn"]["deadline"] == START_TIME + 190


def test_the_turn_timer_moves_the_game_on_when_it_runs_out(server: Server) -> None:
    table, anna, _ = three(server, turn_timer_seconds=30)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    version = table.snapshot()["version"]
    table.server.clock.advance(29.9)
    table.drain()
    assert table.server.tick() == []
    table.assert_quiet()
    table.server.clock.advance(0.1)
    assert len(table.server.tick()) == 1
    snapshot = table.assert_broadcast(version + 1)
    assert snapshot["changes"] == [
        {"type": "timer_expired", "seat_id": table.host.seat_id},
        {"type": "answer_ended", "seat_id": table.host.seat_id, "outcome": "skipped"},
        {"type": "turn_started", "seat_id": anna.seat_id, "number": 2},
    ]
    assert snapshot["turn"]["deadline"] == START_TIME + 60
    assert table.server.tick() == []


@pytest.mark.parametrize("reaction", ["thanks", "me_too", "heart"])
def test_react_sends_a_reaction_to_the_room_and_keeps_no_state(
    server: Server, reaction: str
) -> None:
    table, anna, _ = three(server)
    table.start()
    before = table.snapshot()
    table.drain()
    assert anna.ask("react", {"reaction": reaction}) == {"ok": True}
    expected = [
        {
            "name": "reaction",
            "args": [{"seat_id": anna.seat_id, "reaction": reaction}],
            "namespace": "/",
        }
    ]
    for member in table.members:
        assert member.received() == expected, member
    assert table.snapshot() == before


def test_react_in_the_lobby(table: Table) -> None:
    anna = table.join("Anna")
    table.drain()
    assert table.host.ask("react", {"reaction": "heart"}) == {"ok": True}
    assert anna.events("reaction") == [{"seat_id": table.host.seat_id, "reaction": "heart"}]
    assert table.screen.events("reaction") == [{"seat_id": table.host.seat_id, "reaction": "heart"}]


def test_skip_player(server: Server) -> None:
    table, anna, bert = three(server)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.change(table.host, "hand_card", {"to": bert.seat_id})
    ack, snapshot = table.change(table.host, "skip_player", {"seat_id": bert.seat_id})
    assert set(ack) == {"ok", "version"}
    assert snapshot["changes"] == [
        {"type": "answer_ended", "seat_id": bert.seat_id, "outcome": "skipped"},
        {"type": "turn_started", "seat_id": anna.seat_id, "number": 2},
    ]
    # a skip without a card skips the player's turn
    _, snapshot = table.change(table.host, "skip_player", {"seat_id": anna.seat_id})
    assert snapshot["turn"]["active"] == bert.seat_id


def test_kick_removes_the_seat_and_closes_its_connection(server: Server) -> None:
    table, anna, _ = three(server)
    version = table.snapshot()["version"]
    table.drain()
    ack = table.host.ask("kick", {"seat_id": anna.seat_id})
    assert ack == {"ok": True, "version": version + 1}
    assert anna.received() == [{"name": "kicked", "args": [{"code": table.code}], "namespace": "/"}]
    assert not anna.connected
    anna.in_room = False
    snapshot = table.assert_broadcast(version + 1)
    assert [s["name"] for s in snapshot["seats"]] == ["Host", "Bert"]
    assert snapshot["changes"] == [
        {"type": "seat_removed", "seat_id": anna.seat_id},
        {"type": "seat_kicked", "seat_id": anna.seat_id},
    ]


def test_kick_a_disconnected_player_and_kick_during_the_game(server: Server) -> None:
    table, anna, bert = three(server)
    table.start()
    anna.disconnect()
    anna.in_room = False
    table.drain()
    _, snapshot = table.change(table.host, "kick", {"seat_id": anna.seat_id})
    assert anna.seat_id not in [s["id"] for s in snapshot["seats"]]
    table.change(table.host, "finish_turn")
    assert table.snapshot()["turn"]["active"] == bert.seat_id, "the kicked seat has no turn"


def test_set_locked(table: Table) -> None:
    ack, snapshot = table.change(table.host, "set_locked", {"locked": True})
    assert set(ack) == {"ok", "version"}
    assert snapshot["locked"] is True
    assert snapshot["changes"] == [{"type": "lock_changed", "locked": True}]
    assert table.unchanged(table.host, "set_locked", {"locked": True}) == {
        "ok": True,
        "version": snapshot["version"],
    }
    _, snapshot = table.change(table.host, "set_locked", {"locked": False})
    assert snapshot["locked"] is False
    table.join("Anna")


def test_set_show_join(table: Table) -> None:
    assert table.snapshot()["show_join"] is True
    ack, snapshot = table.change(table.host, "set_show_join", {"show": False})
    assert set(ack) == {"ok", "version"}
    assert snapshot["show_join"] is False
    assert snapshot["changes"] == [{"type": "show_join_changed", "show": False}]
    assert table.unchanged(table.host, "set_show_join", {"show": False})["ok"] is True
    table.start()
    _, snapshot = table.change(table.host, "set_show_join", {"show": True})
    assert snapshot["show_join"] is True


def test_a_locked_room_still_lets_its_own_seats_back_in(table: Table) -> None:
    anna = table.join("Anna")
    table.change(table.host, "set_locked", {"locked": True})
    anna.disconnect()
    anna.in_room = False
    table.drain()
    again = table.rejoin(anna.token)
    assert again.seat_id == anna.seat_id


def test_set_paused(server: Server) -> None:
    table, _, _ = three(server, turn_timer_seconds=60)
    table.start()
    server.clock.advance(10)
    ack, snapshot = table.change(table.host, "set_paused", {"paused": True})
    assert set(ack) == {"ok", "version"}
    assert snapshot["paused"] is True
    assert snapshot["changes"] == [{"type": "pause_changed", "paused": True}]
    assert table.unchanged(table.host, "set_paused", {"paused": True})["ok"] is True
    server.clock.advance(100)
    assert server.tick() == [], "no timer runs out while paused"
    _, snapshot = table.change(table.host, "set_paused", {"paused": False})
    assert snapshot["paused"] is False
    assert snapshot["turn"]["deadline"] == START_TIME + 60 + 100, "the pause does not count"


def test_set_role(server: Server) -> None:
    table, anna, bert = three(server)
    ack, snapshot = table.change(
        table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"}
    )
    assert set(ack) == {"ok", "version"}
    assert snapshot["changes"] == [
        {"type": "role_changed", "seat_id": anna.seat_id, "role": "cohost"}
    ]
    table.change(anna, "set_locked", {"locked": True})  # a co-host leads too
    _, snapshot = table.change(table.host, "set_role", {"seat_id": bert.seat_id, "role": "host"})
    roles = {s["name"]: s["role"] for s in snapshot["seats"]}
    assert roles == {"Host": "cohost", "Anna": "cohost", "Bert": "host"}
    assert snapshot["changes"] == [
        {"type": "role_changed", "seat_id": bert.seat_id, "role": "host"},
        {"type": "role_changed", "seat_id": table.host.seat_id, "role": "cohost"},
        {"type": "host_changed", "seat_id": bert.seat_id},
    ]
    _, snapshot = table.change(bert, "set_role", {"seat_id": anna.seat_id, "role": "player"})
    assert table.seat(anna)["role"] == "player"


def test_set_takes_turns(server: Server) -> None:
    table, anna, bert = three(server)
    ack, snapshot = table.change(
        anna, "set_takes_turns", {"seat_id": anna.seat_id, "takes_turns": False}
    )
    assert set(ack) == {"ok", "version"}
    assert table.seat(anna)["takes_turns"] is False
    assert table.unchanged(anna, "set_takes_turns", {"seat_id": anna.seat_id, "takes_turns": False})
    table.change(table.host, "set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": False})
    table.start()
    # the active host sits out: the turn passes to the next who plays
    table.change(anna, "set_takes_turns", {"seat_id": anna.seat_id, "takes_turns": True})
    _, snapshot = table.change(
        table.host, "set_takes_turns", {"seat_id": table.host.seat_id, "takes_turns": False}
    )
    assert snapshot["turn"]["active"] == anna.seat_id


def test_change_settings_in_the_lobby(table: Table) -> None:
    settings = {
        "senses": ["zien", "voelen"],
        "max_depth": 2,
        "answering": "chosen",
        "turn_timer_seconds": 45,
        "language": "en",
        "max_players": 4,
        "typed_answers": True,
        "play_mode": "online",
    }
    ack, snapshot = table.change(table.host, "change_settings", {"settings": settings})
    assert set(ack) == {"ok", "version"}
    expected = {
        "editions": ["kletsborden"],
        "excluded_cards": 0,
        "planned_minutes": None,
        "draft_languages": True,
        "second_language": None,
    }
    assert snapshot["settings"] == {**expected, **settings}
    assert snapshot["changes"] == [{"type": "settings_changed"}]
    _, snapshot = table.change(
        table.host, "change_settings", {"settings": {"turn_timer_seconds": None}}
    )
    assert snapshot["settings"]["turn_timer_seconds"] is None
    assert snapshot["settings"]["max_depth"] == 2, "settings left out keep their value"
    assert table.start()["decks"] == {"zien": 25, "voelen": 25}


def test_change_the_live_settings_while_playing(server: Server) -> None:
    table, _, _ = three(server)
    table.start()
    server.clock.advance(5)
    _, snapshot = table.change(
        table.host,
        "change_settings",
        {"settings": {"typed_answers": True, "turn_timer_seconds": 20}},
    )
    assert snapshot["settings"]["typed_answers"] is True
    assert snapshot["turn"]["deadline"] == START_TIME + 5 + 20


def test_end_game(server: Server) -> None:
    table, anna, _ = three(server)
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    ack, snapshot = table.change(table.host, "end_game")
    assert set(ack) == {"ok", "version"}
    assert snapshot["phase"] == "ended"
    assert snapshot["turn"] is None and snapshot["card"] is None
    assert snapshot["played"]["total"] == 1
    assert snapshot["changes"] == [{"type": "game_ended"}]
    # the seats can still come back to see how it ended
    anna.disconnect()
    anna.in_room = False
    table.drain()
    table.rejoin(anna.token)


def test_end_game_from_the_lobby(table: Table) -> None:
    _, snapshot = table.change(table.host, "end_game")
    assert snapshot["phase"] == "ended"
