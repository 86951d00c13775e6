"""The facilitator's tools over the socket: players without a phone, played for by a host
(``add_player``, ``for_seat``); the wish to change the topic, told to hosts only
(``ask_topic_change``, ``lead_view``, ``set_card_aside``); the closing reflection (``reflect``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kletsborden.engine.state import ReflectionCount

from .harness import Member, Server, Table

NOBODY = "000000000000"


def add_player(table: Table, name: str, by: Member | None = None) -> str:
    """A host adds someone without a phone; returns the new seat's id."""
    ack, snapshot = table.change(by or table.host, "add_player", {"name": name})
    assert set(ack) == {"ok", "seat_id", "version"}
    seat = next(s for s in snapshot["seats"] if s["id"] == ack["seat_id"])
    assert seat == {
        "id": ack["seat_id"],
        "name": name,
        "role": "player",
        "connected": True,
        "away": False,
        "takes_turns": True,
        "has_device": False,
        "voice": None,
        "language": "nl",
    }
    assert snapshot["changes"] == [{"type": "seat_added", "seat_id": ack["seat_id"]}]
    return ack["seat_id"]


# --- players without a phone ------------------------------------------------------------------


def test_a_host_adds_a_player_without_a_phone_and_plays_their_turns(server: Server) -> None:
    table = server.create_room(settings={"typed_answers": True, "turn_timer_seconds": 60})
    anna = table.join("Anna")
    table.change(table.host, "set_locked", {"locked": True})
    opa = add_player(table, "Opa")  # the host vouches for them: a locked room lets them in
    assert [s["has_device"] for s in table.snapshot()["seats"]] == [True, True, False]
    table.start()
    table.change(table.host, "finish_turn")
    table.change(anna, "finish_turn")
    assert table.snapshot()["turn"]["waiting_on"] == opa

    # Opa's turn: the host draws for Opa, gives more time, types Opa's answer and finishes.
    ack, snapshot = table.change(table.host, "draw_card", {"sense": "horen", "for_seat": opa})
    assert set(ack) == {"ok", "version"}
    assert snapshot["card"]["drawn_by"] == opa
    assert snapshot["turn"]["answerers"] == [opa]
    assert snapshot["changes"][0] | {"card_id": None} == {
        "type": "card_drawn",
        "card_id": None,
        "sense": "horen",
        "seat_id": opa,
        "by_chance": False,
    }
    _, snapshot = table.change(table.host, "extend_timer", {"for_seat": opa})
    assert snapshot["changes"][0]["seat_id"] == opa
    _, snapshot = table.change(table.host, "type_answer", {"text": "De zee", "for_seat": opa})
    assert snapshot["card"]["typed_answers"] == [{"seat_id": opa, "text": "De zee"}]
    _, snapshot = table.change(table.host, "finish_turn", {"for_seat": opa})
    assert snapshot["changes"][0] == {"type": "answer_ended", "seat_id": opa, "outcome": "answered"}
    assert snapshot["turn"]["active"] == table.host.seat_id

    # Next round a co-host plays for Opa: draws by chance, hands the card on; then passes one.
    table.change(table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"})
    table.change(table.host, "finish_turn")
    table.change(anna, "finish_turn")
    _, snapshot = table.change(anna, "draw_card", {"for_seat": opa})
    assert snapshot["card"]["by_chance"] is True and snapshot["card"]["drawn_by"] == opa
    _, snapshot = table.change(anna, "hand_card", {"to": table.host.seat_id, "for_seat": opa})
    assert snapshot["changes"][0] == {
        "type": "card_handed",
        "from_seat": opa,
        "to_seat": table.host.seat_id,
    }
    table.change(table.host, "finish_turn")
    table.change(table.host, "finish_turn")
    table.change(anna, "finish_turn")
    table.change(table.host, "draw_card", {"for_seat": opa})
    _, snapshot = table.change(table.host, "pass_card", {"for_seat": opa})
    assert snapshot["changes"][0] == {"type": "answer_ended", "seat_id": opa, "outcome": "passed"}


def test_add_player_errors(table: Table) -> None:
    anna = table.join("Anna")
    table.error(anna, "add_player", {"name": "Opa"}, "not_host")
    for name in ("", "   ", 12, None, "x" * 41):
        table.error(table.host, "add_player", {"name": name}, "invalid_name")
    table.error(table.host, "add_player", {"name": "anna"}, "name_taken")
    table.error(table.host, "add_player", {"name": "Opa", "phone": False}, "invalid_payload")
    table.error(table.host, "add_player", "Opa", "invalid_payload")
    table.error(table.connect(), "add_player", {"name": "Opa"}, "not_joined")
    table.change(table.host, "end_game")
    table.error(table.host, "add_player", {"name": "Opa"}, "game_ended")


def test_add_player_respects_the_seat_limit(table: Table) -> None:
    for number in range(1, 29):
        table.join(f"Speler {number}")
    add_player(table, "Opa")
    assert len(table.snapshot()["seats"]) == 30
    table.error(table.host, "add_player", {"name": "Oma"}, "room_full")


def test_for_seat_is_for_hosts_and_seats_without_a_device_only(server: Server) -> None:
    table = server.create_room()
    anna, bert = table.join("Anna"), table.join("Bert")
    opa = add_player(table, "Opa")
    table.start()
    for mover in (table.host, anna, bert):
        table.change(mover, "finish_turn")
    assert table.snapshot()["turn"]["waiting_on"] == opa
    # A player cannot play for Opa, nor a host for a player who has a phone.
    table.error(anna, "draw_card", {"sense": "zien", "for_seat": opa}, "not_host")
    table.error(table.host, "draw_card", {"for_seat": anna.seat_id}, "not_deviceless")
    table.error(table.host, "finish_turn", {"for_seat": table.host.seat_id}, "not_deviceless")
    table.error(table.host, "draw_card", {"for_seat": NOBODY}, "unknown_seat")
    for bad in (12, True, ["x"]):
        table.error(table.host, "draw_card", {"for_seat": bad}, "invalid_payload")
    # Only the turn's own moves can be made for someone.
    for event, payload in (
        ("skip_player", {"seat_id": opa}),
        ("react", {"reaction": "heart"}),
        ("set_locked", {"locked": True}),
        ("ask_topic_change", {}),
        ("reflect", {"answers": {"felt_heard": "agree"}}),
    ):
        table.error(table.host, event, {**payload, "for_seat": opa}, "invalid_payload")
    # Without for_seat, a host's move is their own: it is not their turn.
    table.error(table.host, "draw_card", {}, "not_your_turn")
    table.change(table.host, "draw_card", {"for_seat": opa})
    table.error(anna, "finish_turn", {"for_seat": opa}, "not_host")


# --- the wish to talk about something else ----------------------------------------------------


class Watched:
    """Everything the members who do not lead receive, kept for a look at the end."""

    def __init__(self, members: list[Member]):
        self.log: list[dict[str, Any]] = []
        for member in members:
            receive = member.received

            def recording(receive=receive) -> list[dict[str, Any]]:
                got = receive()
                self.log.extend(got)
                return got

            member.received = recording  # type: ignore[method-assign]

    def assert_no_trace(self) -> None:
        text = json.dumps(self.log)
        assert self.log, "the others received nothing at all: the check would prove nothing"
        for trace in ("lead_view", "topic", "named"):
            assert trace not in text, f"{trace!r} reached someone who does not lead"


def ask_topic(table: Table, member: Member, leads: list[Member], **payload: Any) -> list[dict]:
    """``member`` asks for another topic: the ack is just ok; each lead gets one ``lead_view``
    (returned), nobody else anything; the public snapshot only moved its version."""
    before = table.snapshot()
    table.drain()
    ack = member.ask("ask_topic_change", payload)
    assert ack == {"ok": True}
    views = []
    for other in table.members:
        got = other.received()
        if other in leads:
            assert [m["name"] for m in got] == ["lead_view"], (other, got)
            views.append(got[0]["args"][0])
        else:
            assert got == [], f"{other.label} heard of the wish: {got}"
    after = table.snapshot()
    assert after["version"] == before["version"] + 1  # saved, but the room sees no difference
    for snapshot in (before, after):
        snapshot.pop("version"), snapshot.pop("server_time")
    assert after == before
    assert all(view == views[0] for view in views)
    return views


def test_the_wish_for_another_topic_reaches_only_the_hosts(server: Server) -> None:
    table = server.create_room()
    cohost, anna, bert = table.join("Co"), table.join("Anna"), table.join("Bert")
    table.change(table.host, "set_role", {"seat_id": cohost.seat_id, "role": "cohost"})
    beamer = table.join("Beamer", spectator=True)
    watched = Watched([anna, bert, beamer, table.screen])
    leads = [table.host, cohost]
    table.start()
    _, snapshot = table.change(table.host, "draw_card", {"sense": "zien"})
    card = snapshot["card"]["id"]

    # Anna, without her name; then Bert, named.
    [view] = {json.dumps(v) for v in ask_topic(table, anna, leads)}
    view = json.loads(view)
    expected = {
        "code": table.code,
        "card_id": card,
        "play": 1,
        "topic_signals": 1,
        "named": [],
        "report_path": None,
    }
    assert view == {**expected, "version": table.snapshot()["version"]}
    views = ask_topic(table, bert, leads, show_name=True)
    assert views[0]["topic_signals"] == 2 and views[0]["named"] == [bert.seat_id]
    assert views[0]["version"] == table.snapshot()["version"]
    table.drain()  # Anna again: one person counts once, and nobody hears of it
    assert anna.ask("ask_topic_change", {"show_name": True}) == {"ok": True}
    assert all(member.received() == [] for member in table.members)

    # A host who reloads sees it again; the players' own views never show it.
    host = table.rejoin(table.host.token, changes=False)
    assert host.in_room
    ack = host.ask("get_state")
    assert ack["lead_view"] | {"version": None} == {
        **expected,
        "version": None,
        "topic_signals": 2,
        "named": [bert.seat_id],
    }
    for member in (anna, bert, beamer, table.screen):
        assert set(member.ask("get_state")) == {"ok", "snapshot"}
    table.server.app.extensions["kletsborden.limits"]["events"].forget(table.screen.sid)

    # The next change the room does see carries no trace of it either.
    table.change(cohost, "set_paused", {"paused": True})
    table.change(cohost, "set_paused", {"paused": False})
    table.drain()
    watched.assert_no_trace()


def test_ask_topic_change_errors(server: Server) -> None:
    table = server.create_room()
    anna = table.join("Anna")
    beamer = table.join("Beamer", spectator=True)
    table.error(anna, "ask_topic_change", {}, "game_not_started")
    table.start()
    table.error(anna, "ask_topic_change", {}, "no_card_drawn")
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(beamer, "ask_topic_change", {}, "seat_not_available")
    for payload in ({"show_name": "yes"}, {"show_name": 1}, {"name": True}, "please"):
        table.error(anna, "ask_topic_change", payload, "invalid_payload")
    table.error(table.connect(), "ask_topic_change", {}, "not_joined")


def test_a_host_puts_the_card_away_and_the_same_player_draws_another(server: Server) -> None:
    table = server.create_room()
    anna, bert = table.join("Anna"), table.join("Bert")
    cohost = table.join("Co")
    table.change(table.host, "set_role", {"seat_id": cohost.seat_id, "role": "cohost"})
    table.start()
    table.change(table.host, "finish_turn")
    _, snapshot = table.change(anna, "draw_card", {"sense": "voelen"})
    card = snapshot["card"]["id"]
    ask_topic(table, bert, [table.host, cohost])
    table.error(anna, "set_card_aside", {}, "not_host")
    table.error(bert, "set_card_aside", {}, "not_host")
    table.error(table.host, "set_card_aside", {"card_id": card}, "invalid_payload")

    ack, snapshot = table.change(cohost, "set_card_aside")
    assert set(ack) == {"ok", "version"}
    assert snapshot["changes"] == [{"type": "card_set_aside", "card_id": card}]
    assert snapshot["card"] is None
    assert (
        snapshot["turn"]["active"] == anna.seat_id
        and snapshot["turn"]["waiting_on"] == anna.seat_id
    )
    assert snapshot["played"]["set_aside"] == 1 and snapshot["played"]["total"] == 1
    # The wish belonged to that card: the hosts' view is clear again.
    view = table.host.ask("get_state")["lead_view"]
    assert (view["card_id"], view["topic_signals"], view["named"]) == (None, 0, [])
    table.error(table.host, "set_card_aside", {}, "no_card_drawn")
    _, snapshot = table.change(anna, "draw_card", {"sense": "voelen"})
    assert snapshot["card"]["id"] != card and snapshot["played"]["total"] == 2
    view = table.host.ask("get_state")["lead_view"]
    assert (view["card_id"], view["play"], view["topic_signals"]) == (snapshot["card"]["id"], 2, 0)


# --- the closing reflection --------------------------------------------------------------------


def test_the_closing_reflection(server: Server) -> None:
    table = server.create_room()
    anna, bert = table.join("Anna"), table.join("Bert")
    beamer = table.join("Beamer", spectator=True)
    answers = {"felt_heard": "agree", "meet_again": "neutral"}
    table.error(anna, "reflect", {"answers": answers}, "game_not_ended")
    table.start()
    table.error(anna, "reflect", {"answers": answers}, "game_not_ended")
    _, snapshot = table.change(table.host, "end_game")
    assert snapshot["reflection"] == {
        "respondents": 0,
        "invited": sorted(m.seat_id for m in (table.host, anna, bert)),  # not the spectator
        "questions": ["felt_heard", "learned_something", "meet_again"],
        "scale": ["agree", "neutral", "disagree"],
    }

    ack, snapshot = table.change(anna, "reflect", {"answers": answers})
    assert set(ack) == {"ok", "version"}
    assert snapshot["changes"] == [{"type": "reflected", "respondents": 1}]
    assert snapshot["reflection"]["respondents"] == 1
    assert set(snapshot["reflection"]) == {
        "respondents",
        "invited",
        "questions",
        "scale",
    }  # never answers
    table.error(anna, "reflect", {"answers": answers}, "already_reflected")
    table.error(anna, "reflect", {"answers": {"learned_something": "agree"}}, "already_reflected")
    table.error(beamer, "reflect", {"answers": answers}, "seat_not_available")
    table.error(table.connect(), "reflect", {"answers": answers}, "not_joined")

    # A question left open (null) is simply not answered.
    payload = {"answers": {"felt_heard": None, "learned_something": "disagree"}}
    _, snapshot = table.change(bert, "reflect", payload)
    assert snapshot["reflection"]["respondents"] == 2
    table.change(table.host, "reflect", {"answers": {"felt_heard": "agree"}})
    state = server.rooms.current(table.code).state
    assert state.reflection == (
        ReflectionCount("felt_heard", "agree", 2),
        ReflectionCount("learned_something", "disagree", 1),
        ReflectionCount("meet_again", "neutral", 1),
    )


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"answers": {}}, "invalid_reflection"),
        ({"answers": {"felt_heard": None}}, "invalid_reflection"),
        ({"answers": {"felt_happy": "agree"}}, "invalid_reflection"),
        ({"answers": {"felt_heard": "yes"}}, "invalid_reflection"),
        ({"answers": {"felt_heard": 1}}, "invalid_reflection"),
        ({"answers": {"felt_heard": ["agree"]}}, "invalid_reflection"),
        ({"answers": {"felt_heard": "AGREE"}}, "invalid_reflection"),
        (
            {
                "answers": {
                    q: "agree" for q in ("felt_heard", "learned_something", "meet_again", "x")
                }
            },
            "invalid_reflection",
        ),
        ({"answers": "agree"}, "invalid_payload"),
        ({"answers": ["felt_heard", "agree"]}, "invalid_payload"),
        ({}, "invalid_payload"),
        ({"answers": {"felt_heard": "agree"}, "name": "Anna"}, "invalid_payload"),
        ("agree", "invalid_payload"),
    ],
)
def test_reflect_refuses_what_is_not_an_answer(
    server: Server, payload: dict[str, Any], code: str
) -> None:
    table = server.create_room()
    anna = table.join("Anna")
    table.start()
    table.change(table.host, "end_game")
    table.error(anna, "reflect", payload, code)
    table.change(anna, "reflect", {"answers": {"meet_again": "agree"}})  # still possible after
