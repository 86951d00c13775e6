"""Scenario tests for the pure game engine: every action, every error code, every answering mode."""

from __future__ import annotations

import copy
import itertools
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenes import answers, card, lobby, rejects, run, start

from kletsborden.engine import (
    Answering,
    Card,
    GameError,
    Phase,
    Role,
    RoomState,
    Settings,
    apply,
    decode,
    encode,
    new_room,
    validate_settings,
)
from kletsborden.engine import errors as err
from kletsborden.engine import events as ev
from kletsborden.engine.actions import (
    AddSeat,
    ChangeSettings,
    DrawCard,
    EndGame,
    FinishTurn,
    HandCard,
    MarkAway,
    PassCard,
    RemoveSeat,
    SetConnected,
    SkipPlayer,
    StartGame,
)
from kletsborden.engine.state import Answer, CardText, Outcome

PROJECT = Path(__file__).resolve().parents[2]

# --- helpers --------------------------------------------------------------------------------


POOL = (
    card("h1", "horen", 1),
    card("h2", "horen", 2),
    card("h3", "horen", 3),
    card("z1", "zien", 1),
    card("z2", "zien", 2),
    card("v1", "voelen", 1),
)


def started(*seat_ids: str, cards: tuple[Card, ...] = POOL, **kwargs) -> RoomState:
    """A room whose host (the first seat) has started the game."""
    return start(*seat_ids, cards=cards, **kwargs)


def draw_many(state: RoomState, by: str, n: int, sense: str | None = None):
    """One player draws ``n`` times (finishing each turn); returns the drawn ids and all events."""
    drawn, events = [], []
    for _ in range(n):
        state, got = apply(state, DrawCard(by=by, sense=sense))
        drawn.append(state.turn.card_id)
        events += got
        state = run(state, FinishTurn(by=by))
    return state, drawn, events


# --- the error catalogue --------------------------------------------------------------------


def test_every_error_code_is_known_and_stable():
    codes = {
        obj.code
        for obj in vars(err).values()
        if isinstance(obj, type) and issubclass(obj, GameError) and obj is not GameError
    }
    assert codes == {
        "not_your_turn", "not_host", "game_not_started", "game_already_started", "game_ended",
        "card_already_drawn", "no_card_drawn", "sense_not_in_play", "no_cards", "unknown_seat",
        "seat_not_available", "hand_not_allowed", "name_taken", "room_full", "no_players",
        "not_waiting_on_player", "invalid_settings", "seat_exists", "invalid_name",
        "room_locked", "game_paused", "typed_answers_off", "no_timer", "invalid_reaction",
        "empty_answer", "not_deviceless", "invalid_reflection", "already_reflected",
        "game_not_ended", "reflection_closed", "not_a_player",
        "voice_off", "voice_full", "voice_not_in", "voice_peer_unknown",
    }  # fmt: skip


# --- joining ----------------------------------------------------------------------------------


def test_first_player_becomes_host_and_others_join_as_players():
    state, events = apply(new_room(1), AddSeat(seat_id="a", name="Anna"))
    assert events == [ev.SeatAdded("a")]
    state = run(state, AddSeat(seat_id="b", name="Bram"))
    assert [(s.id, s.role) for s in state.seats] == [("a", Role.HOST), ("b", Role.PLAYER)]
    assert state.host.id == "a"


def test_spectator_never_becomes_host():
    state = run(
        new_room(1),
        AddSeat(seat_id="s", name="Beamer", role=Role.SPECTATOR),
        AddSeat(seat_id="a", name="Anna"),
    )
    assert state.seat("s").role is Role.SPECTATOR
    assert state.host.id == "a"


def test_name_is_trimmed():
    state = run(new_room(1), AddSeat(seat_id="a", name="  Anna  "))
    assert state.seat("a").name == "Anna"


@pytest.mark.parametrize("name", ["Anna", "anna", "ANNA", "  aNNa "])
def test_name_taken_is_case_insensitive(name):
    rejects(lobby("a"), AddSeat(seat_id="x", name=name), "name_taken")


def test_name_is_free_again_after_leaving():
    state = run(lobby("a", "b"), RemoveSeat(seat_id="b"), AddSeat(seat_id="x", name="bram"))
    assert state.seat("x").name == "bram"


@pytest.mark.parametrize("name", ["", "   "])
def test_invalid_name(name):
    rejects(lobby("a"), AddSeat(seat_id="x", name=name), "invalid_name")


def test_seat_exists():
    rejects(lobby("a"), AddSeat(seat_id="a", name="Andere Anna"), "seat_exists")


def test_room_full_counts_players_but_not_spectators():
    state = lobby("a", "b", max_players=2)
    rejects(state, AddSeat(seat_id="c", name="Cato"), "room_full")
    state = run(state, AddSeat(seat_id="s", name="Beamer", role=Role.SPECTATOR))
    assert len(state.seats) == 3


def test_joining_as_second_host_is_not_allowed():
    rejects(lobby("a"), AddSeat(seat_id="b", name="Bram", role=Role.HOST), "not_host")


def test_players_may_join_a_running_game_and_get_a_turn():
    state = started("a", "b")
    state = run(state, AddSeat(seat_id="c", name="Cato"), FinishTurn(by="a"), FinishTurn(by="b"))
    assert state.turn.active == "c"


# --- settings --------------------------------------------------------------------------------


def test_host_and_cohost_change_settings_in_the_lobby():
    state = run(lobby("a"), AddSeat(seat_id="c", name="Cato", role=Role.COHOST))
    wanted = Settings(senses=("zien",), max_depth=1, answering=Answering.CHOSEN, max_players=4)
    state, events = apply(state, ChangeSettings(by="c", settings=wanted))
    assert state.settings == wanted
    assert events == [ev.SettingsChanged()]


def test_player_may_not_change_settings():
    rejects(lobby("a", "b"), ChangeSettings(by="b", settings=Settings()), "not_host")


def test_unknown_seat_may_not_change_settings():
    rejects(lobby("a"), ChangeSettings(by="x", settings=Settings()), "unknown_seat")


def test_settings_are_fixed_once_the_game_started():
    state = started("a", "b")
    rejects(state, ChangeSettings(by="a", settings=Settings(max_depth=1)), "game_already_started")
    rejects(
        state,
        ChangeSettings(by="a", settings=Settings(max_depth=1, typed_answers=True)),
        "game_already_started",
    )


def test_typed_answers_and_timer_may_change_while_playing():
    state = started("a", "b")
    live = replace(state.settings, typed_answers=True, turn_timer_seconds=60)
    state = run(state, ChangeSettings(by="a", settings=live, at=100.0))
    assert state.settings.typed_answers
    assert state.turn.deadline == 160.0
    state = run(state, ChangeSettings(by="a", settings=replace(live, turn_timer_seconds=None)))
    assert state.turn.deadline is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("editions", ()),
        ("editions", ("kletsborden", "kletsborden")),
        ("senses", ()),
        ("senses", ("ruiken",)),
        ("senses", ("horen", "horen")),
        ("max_depth", 0),
        ("max_depth", 4),
        ("answering", "iedereen"),
        ("turn_timer_seconds", 9),
        ("turn_timer_seconds", 3601),
        ("max_players", 0),
    ],
)
def test_invalid_settings_name_the_field(field, value):
    bad = Settings(**{field: value})
    error = rejects(lobby("a"), ChangeSettings(by="a", settings=bad), "invalid_settings")
    assert error.params["field"] == field
    with pytest.raises(err.InvalidSettings):
        new_room(1, bad)


@pytest.mark.parametrize(
    "fields",
    [
        {"turn_timer_seconds": 10},
        {"turn_timer_seconds": 3600},
        {"max_players": 1},
        {"senses": ("voelen",), "max_depth": 1},
    ],
)
def test_boundary_settings_are_valid(fields):
    validate_settings(Settings(**fields))


# --- starting ----------------------------------------------------------------------------------


def test_start_game_gives_first_turn_to_first_player():
    state, events = apply(lobby("a", "b"), StartGame(by="a", cards=POOL))
    assert state.phase is Phase.PLAYING
    assert state.turn.active == "a" and state.turn.number == 1
    assert state.waiting_on == "a"
    assert events == [ev.GameStarted(), ev.TurnStarted("a", 1)]


def test_start_filters_cards_by_sense_and_depth():
    texts = {"nl": CardText("Tweede h1?")}
    duplicate = Card(id="h1", sense="horen", kind="ongewoon", depth=1, texts=texts)
    state = lobby("a", senses=("horen", "zien"), max_depth=2)
    state = run(state, StartGame(by="a", cards=POOL + (duplicate,)))
    assert sorted(c.id for c in state.cards) == ["h1", "h2", "z1", "z2"]
    assert state.card("h1").texts["nl"].question == "Vraag h1?"  # the first copy of an id wins
    assert [d.sense for d in state.decks] == ["horen", "zien"]
    assert state.deck("horen").pool == ("h1", "h2")
    assert sorted(state.deck("zien").remaining) == ["z1", "z2"]


def test_no_cards_when_filter_leaves_nothing():
    state = lobby("a", senses=("voelen",), max_depth=1)
    rejects(
        state, StartGame(by="a", cards=(card("v3", "voelen", 3), card("h1", "horen"))), "no_cards"
    )


def test_no_players_when_nobody_can_play():
    state = run(lobby("a", spectators=("s",)), MarkAway(seat_id="a"))
    assert state.host.id == "a"  # nobody could take the host role over
    rejects(state, StartGame(by="a", cards=POOL), "no_players")


def test_only_leads_start_the_game():
    state = lobby("a", "b")
    rejects(state, StartGame(by="b", cards=POOL), "not_host")
    rejects(state, StartGame(by="x", cards=POOL), "unknown_seat")
    rejects(started("a", "b"), StartGame(by="a", cards=POOL), "game_already_started")


@pytest.mark.parametrize(
    "action",
    [
        DrawCard(by="a"),
        PassCard(by="a"),
        FinishTurn(by="a"),
        HandCard(by="a", to="b"),
        SkipPlayer(by="a", seat_id="a"),
    ],
)
def test_game_not_started(action):
    rejects(lobby("a", "b"), action, "game_not_started")


# --- turns ------------------------------------------------------------------------------------


def test_turns_follow_join_order_and_skip_spectators_and_away_seats():
    state = lobby("a", "b", spectators=("s",))
    state = run(state, AddSeat(seat_id="c", name="Cato"), MarkAway(seat_id="b"))
    state = run(state, StartGame(by="a", cards=POOL))
    order = []
    for _ in range(4):
        order.append(state.turn.active)
        state = run(state, FinishTurn(by=state.turn.active))
    assert order == ["a", "c", "a", "c"]
    assert state.turn.number == 5


def test_finish_without_card_ends_the_turn():
    state, events = apply(started("a", "b"), FinishTurn(by="a"))
    assert events == [ev.TurnStarted("b", 2)]
    assert state.history == ()


def test_not_your_turn():
    state = started("a", "b")
    rejects(state, DrawCard(by="b"), "not_your_turn")
    rejects(state, FinishTurn(by="b"), "not_your_turn")
    rejects(state, PassCard(by="b"), "not_your_turn")
    rejects(state, HandCard(by="b", to="a"), "not_your_turn")


def test_unknown_seat_in_play():
    state = started("a", "b")
    rejects(state, DrawCard(by="x"), "unknown_seat")
    rejects(state, FinishTurn(by="x"), "unknown_seat")
    rejects(state, RemoveSeat(seat_id="x"), "unknown_seat")
    rejects(state, SetConnected(seat_id="x", connected=False), "unknown_seat")
    rejects(state, MarkAway(seat_id="x"), "unknown_seat")
    rejects(state, SkipPlayer(by="x", seat_id="a"), "unknown_seat")
    rejects(state, EndGame(by="x"), "unknown_seat")


def test_card_already_drawn():
    state = run(started("a", "b"), DrawCard(by="a", sense="horen"))
    rejects(state, DrawCard(by="a", sense="zien"), "card_already_drawn")


def test_no_card_drawn():
    state = started("a", "b", answering=Answering.CHOSEN)
    rejects(state, PassCard(by="a"), "no_card_drawn")
    rejects(state, HandCard(by="a", to="b"), "no_card_drawn")


def test_sense_not_in_play():
    state = started("a", senses=("horen", "zien"))
    rejects(state, DrawCard(by="a", sense="voelen"), "sense_not_in_play")
    rejects(state, DrawCard(by="a", sense="ruiken"), "sense_not_in_play")


def test_no_cards_for_a_sense_without_cards():
    state = started("a", cards=(card("h1", "horen"), card("h2", "horen")))
    assert state.deck("zien").pool == ()
    rejects(state, DrawCard(by="a", sense="zien"), "no_cards")


# --- answering: drawer ------------------------------------------------------------------------


def test_drawer_answers_and_turn_moves_on():
    state = started("a", "b")
    state, events = apply(state, DrawCard(by="a", sense="horen", at=5.0))
    card_id = state.turn.card_id
    assert state.current_card.sense == "horen"
    assert events == [ev.CardDrawn(card_id, "horen", "a", False)]
    assert state.turn.answerers == ("a",) and state.waiting_on == "a"
    play = state.history[-1]
    assert (play.card_id, play.sense, play.drawn_by, play.by_chance, play.at) == (
        card_id, "horen", "a", False, 5.0
    )  # fmt: skip

    state, events = apply(state, FinishTurn(by="a"))
    assert events == [ev.AnswerEnded("a", "answered"), ev.TurnStarted("b", 2)]
    assert answers(state) == [("a", "answered")]
    assert state.turn.active == "b" and state.turn.card_id is None


def test_pass_puts_card_away():
    state = run(started("a", "b"), DrawCard(by="a", sense="zien"))
    state, events = apply(state, PassCard(by="a"))
    assert events == [ev.AnswerEnded("a", "passed"), ev.TurnStarted("b", 2)]
    assert state.history[-1].answers == (Answer("a", Outcome.PASSED),)


# --- answering: chosen ------------------------------------------------------------------------


def test_chosen_drawer_hands_the_card_to_another_player():
    state = run(started("a", "b", "c", answering=Answering.CHOSEN), DrawCard(by="a", sense="horen"))
    assert state.turn.answerers == () and state.waiting_on == "a"

    state, events = apply(state, HandCard(by="a", to="c"))
    assert events == [ev.CardHanded("a", "c")]
    assert state.waiting_on == "c" and state.turn.active == "a"
    rejects(state, HandCard(by="a", to="b"), "not_your_turn")

    state = run(state, FinishTurn(by="c"))
    assert answers(state) == [("c", "answered")]
    assert state.turn.active == "b"


def test_chosen_drawer_may_keep_the_card():
    state = run(
        started("a", "b", answering=Answering.CHOSEN),
        DrawCard(by="a", sense="horen"),
        HandCard(by="a", to="a"),
        FinishTurn(by="a"),
    )
    assert answers(state) == [("a", "answered")]
    assert state.turn.active == "b"


def test_chosen_drawer_may_pass_before_choosing():
    state = run(
        started("a", "b", answering=Answering.CHOSEN),
        DrawCard(by="a", sense="horen"),
        PassCard(by="a"),
    )
    assert answers(state) == [("a", "passed")]
    assert state.turn.active == "b"


def test_seat_not_available_for_handing():
    state = lobby("a", "b", "c", spectators=("s",), answering=Answering.CHOSEN)
    state = run(state, MarkAway(seat_id="c"), StartGame(by="a", cards=POOL))
    state = run(state, DrawCard(by="a", sense="horen"))
    rejects(state, HandCard(by="a", to="s"), "seat_not_available")  # spectator
    rejects(state, HandCard(by="a", to="c"), "seat_not_available")  # away
    rejects(state, HandCard(by="a", to="x"), "unknown_seat")
    state = run(state, HandCard(by="a", to="b"))
    rejects(state, HandCard(by="b", to="b"), "seat_not_available")  # already holds it


# --- answering: everyone ----------------------------------------------------------------------


def test_everyone_answers_in_turn_starting_at_the_drawer():
    state = lobby("a", "b", "c", "d", spectators=("s",), answering=Answering.EVERYONE)
    state = run(state, MarkAway(seat_id="b"), StartGame(by="a", cards=POOL), FinishTurn(by="a"))
    assert state.turn.active == "c"

    state = run(state, DrawCard(by="c", sense="horen"))
    assert state.turn.answerers == ("c", "d", "a")
    rejects(state, HandCard(by="c", to="d"), "hand_not_allowed")
    rejects(state, DrawCard(by="c"), "card_already_drawn")

    state, events = apply(state, FinishTurn(by="c"))
    assert events == [ev.AnswerEnded("c", "answered")]
    assert state.waiting_on == "d" and state.turn.active == "c"
    rejects(state, FinishTurn(by="c"), "not_your_turn")

    state = run(state, PassCard(by="d"), FinishTurn(by="a"))
    assert answers(state) == [("c", "answered"), ("d", "passed"), ("a", "answered")]
    assert state.turn.active == "d" and state.turn.card_id is None


# --- skipping -----------------------------------------------------------------------------------


def test_host_skips_the_active_player_before_a_draw():
    state, events = apply(started("a", "b", "c"), FinishTurn(by="a"))
    state, events = apply(state, SkipPlayer(by="a", seat_id="b"))
    assert events == [ev.TurnStarted("c", 3)]
    assert state.history == ()


def test_host_skips_an_answerer_and_stale_skips_are_refused():
    state = started("a", "b", "c", answering=Answering.EVERYONE)
    state = run(state, DrawCard(by="a", sense="zien"), FinishTurn(by="a"))
    state, events = apply(state, SkipPlayer(by="a", seat_id="b"))
    assert events == [ev.AnswerEnded("b", "skipped")]
    assert state.waiting_on == "c"
    rejects(state, SkipPlayer(by="a", seat_id="b"), "not_waiting_on_player")  # double click
    rejects(state, SkipPlayer(by="a", seat_id="x"), "not_waiting_on_player")
    rejects(state, SkipPlayer(by="b", seat_id="c"), "not_host")


def test_cohost_may_skip_in_chosen_mode():
    state = run(
        lobby("a", "b", answering=Answering.CHOSEN),
        AddSeat(seat_id="c", name="Cato", role=Role.COHOST),
        StartGame(by="a", cards=POOL),
        DrawCard(by="a", sense="horen"),
    )
    state = run(state, SkipPlayer(by="c", seat_id="a"))  # a was still choosing
    assert answers(state) == [("a", "skipped")]
    assert state.turn.active == "b"


# --- chance -----------------------------------------------------------------------------------


def chance_draws(seed: int, n: int = 15) -> list[tuple[str, str]]:
    state = started("a", seed=seed)
    _, drawn, events = draw_many(state, "a", n)
    assert all(event.by_chance for event in events if isinstance(event, ev.CardDrawn))
    return drawn


def test_chance_draw_is_marked_and_picks_a_sense_in_play():
    state, events = apply(started("a"), DrawCard(by="a"))
    (drawn,) = events
    assert drawn.by_chance and state.history[-1].by_chance
    assert drawn.sense in {"horen", "zien", "voelen"}
    assert state.current_card.sense == drawn.sense


def test_chance_is_reproducible_from_the_seed():
    assert chance_draws(seed=11) == chance_draws(seed=11)


def test_different_seeds_give_different_orders():
    assert chance_draws(seed=11) != chance_draws(seed=12)
    deck_orders = {started("a", seed=seed).deck("horen").remaining for seed in range(10)}
    assert len(deck_orders) > 1


def test_chance_only_picks_senses_that_have_cards():
    state = started("a", cards=(card("h1", "horen"), card("z1", "zien"), card("z2", "zien")))
    _, _, events = draw_many(state, "a", 30)
    assert {e.sense for e in events if isinstance(e, ev.CardDrawn)} == {"horen", "zien"}


# --- decks and reshuffles -----------------------------------------------------------------------

THREE_HOREN = (card("h1", "horen"), card("h2", "horen"), card("h3", "horen"))


@pytest.mark.parametrize("seed", range(10))
def test_no_repeats_before_the_deck_is_exhausted(seed):
    state = started("a", seed=seed, cards=THREE_HOREN)
    state, drawn, events = draw_many(state, "a", 9, sense="horen")
    for first in (0, 3, 6):
        assert sorted(drawn[first : first + 3]) == ["h1", "h2", "h3"]
    shuffles = [e for e in events if isinstance(e, ev.DeckShuffled)]
    assert shuffles == [
        ev.DeckShuffled("horen", 2),
        ev.DeckShuffled("horen", 3),
        ev.DeckShuffled("horen", 4),
    ]


def test_deck_shuffled_comes_with_the_draw_that_empties_the_deck():
    state = started("a", cards=THREE_HOREN)
    state, _, events = draw_many(state, "a", 2, sense="horen")
    assert not any(isinstance(e, ev.DeckShuffled) for e in events)
    state, events = apply(state, DrawCard(by="a", sense="horen"))
    assert events[-1] == ev.DeckShuffled("horen", 2)
    assert state.deck("horen").shuffles == 2
    assert len(state.deck("horen").remaining) == 3


@pytest.mark.parametrize("seed", range(25))
def test_reshuffle_never_starts_with_the_card_just_drawn(seed):
    two = (card("z1", "zien"), card("z2", "zien"))
    _, drawn, _ = draw_many(started("a", seed=seed, cards=two), "a", 12, sense="zien")
    assert all(x != y for x, y in itertools.pairwise(drawn))


def test_one_card_deck_keeps_giving_that_card():
    _, drawn, events = draw_many(started("a", cards=(card("v1", "voelen"),)), "a", 3, "voelen")
    assert drawn == ["v1", "v1", "v1"]
    assert sum(isinstance(e, ev.DeckShuffled) for e in events) == 3


def test_decks_per_sense_are_independent():
    state = started("a", cards=THREE_HOREN + (card("z1", "zien"), card("z2", "zien")))
    state, drawn, _ = draw_many(state, "a", 2, sense="zien")
    assert sorted(drawn) == ["z1", "z2"]
    assert len(state.deck("horen").remaining) == 3


# --- presence: disconnect and away ------------------------------------------------------------


def test_disconnect_alone_keeps_the_turn():
    state = started("a", "b")
    new, events = apply(state, SetConnected(seat_id="a", connected=False))
    assert events == [ev.PresenceChanged("a", False, False)]
    assert new.turn == state.turn
    assert not new.seat("a").connected and not new.seat("a").away
    assert new.host.id == "a"


def test_mark_away_of_active_player_moves_the_turn():
    state = started("a", "b", "c")
    state = run(state, FinishTurn(by="a"))
    state, events = apply(state, MarkAway(seat_id="b"))
    assert events == [ev.PresenceChanged("b", True, True), ev.TurnStarted("c", 3)]
    assert state.seat("b").away


def test_mark_away_twice_does_nothing():
    state = run(started("a", "b"), MarkAway(seat_id="b"))
    assert apply(state, MarkAway(seat_id="b")) == (state, [])


def test_away_seat_is_left_out_until_it_reconnects():
    state = run(started("a", "b", "c"), MarkAway(seat_id="b"), FinishTurn(by="a"))
    assert state.turn.active == "c"
    state = run(state, SetConnected(seat_id="b", connected=False))
    assert state.seat("b").away  # losing the connection does not end being away
    state, events = apply(state, SetConnected(seat_id="b", connected=True))
    assert events == [ev.PresenceChanged("b", True, False)]
    state = run(state, FinishTurn(by="c"), FinishTurn(by="a"))
    assert state.turn.active == "b"


def test_returning_player_resumes_an_idle_game():
    state = run(started("a", "b"), MarkAway(seat_id="a"), MarkAway(seat_id="b"))
    assert state.phase is Phase.PLAYING
    assert state.turn.active is None and state.waiting_on is None
    rejects(state, DrawCard(by="a"), "not_your_turn")

    state, events = apply(state, SetConnected(seat_id="b", connected=True))
    assert events[-1] == ev.TurnStarted("b", state.turn.number)
    assert state.turn.active == "b"


def test_new_player_resumes_an_idle_game():
    state = run(started("a"), MarkAway(seat_id="a"))
    assert state.turn.active is None
    state, events = apply(state, AddSeat(seat_id="b", name="Bram"))
    assert events == [ev.SeatAdded("b"), ev.TurnStarted("b", state.turn.number)]


# --- host hand-over ----------------------------------------------------------------------------


def test_host_leaving_hands_over_to_present_cohost_first():
    state = run(lobby("a", "b"), AddSeat(seat_id="c", name="Cato", role=Role.COHOST))
    state, events = apply(state, RemoveSeat(seat_id="a"))
    assert events == [ev.HostChanged("c"), ev.SeatRemoved("a")]
    assert state.host.id == "c" and state.seat("a") is None


def test_host_leaving_hands_over_to_longest_present_player():
    state = run(lobby("a", "b", "c", "d"), SetConnected(seat_id="b", connected=False))
    state = run(state, RemoveSeat(seat_id="a"))
    assert state.host.id == "c"  # b joined earlier but is not present
    assert [s.role for s in state.seats] == [Role.PLAYER, Role.HOST, Role.PLAYER]


def test_host_going_away_hands_over_and_stays_a_player():
    state = run(started("a", "b"), AddSeat(seat_id="c", name="Cato", role=Role.COHOST))
    state, events = apply(state, MarkAway(seat_id="a"))
    assert ev.HostChanged("c") in events
    assert state.host.id == "c" and state.seat("a").role is Role.PLAYER
    state = run(state, SetConnected(seat_id="a", connected=True))
    assert state.host.id == "c"  # coming back does not take the role back


def test_spectator_never_takes_over_the_host_role():
    state, events = apply(lobby("a", spectators=("s",)), RemoveSeat(seat_id="a"))
    assert events == [ev.SeatRemoved("a")]
    assert state.host is None


def test_cohost_leaving_keeps_the_host():
    state = run(lobby("a"), AddSeat(seat_id="c", name="Cato", role=Role.COHOST))
    state, events = apply(state, RemoveSeat(seat_id="c"))
    assert events == [ev.SeatRemoved("c")]
    assert state.host.id == "a"


# --- leaving or going away while answering ---------------------------------------------------


def test_drawer_mode_answerer_leaves():
    state = run(started("a", "b"), DrawCard(by="a", sense="horen"))
    state, events = apply(state, RemoveSeat(seat_id="a"))
    assert events == [
        ev.AnswerEnded("a", "away"), ev.TurnStarted("b", 2), ev.HostChanged("b"),
        ev.SeatRemoved("a"),
    ]  # fmt: skip
    assert answers(state) == [("a", "away")]
    assert state.turn.active == "b" and state.host.id == "b"


def test_drawer_mode_active_player_leaves_before_drawing():
    state = run(started("a", "b", "c"), FinishTurn(by="a"), RemoveSeat(seat_id="b"))
    assert state.turn.active == "c"
    assert state.history == ()


def test_chosen_mode_answerer_leaves_and_drawer_chooses_again():
    state = started("a", "b", "c", answering=Answering.CHOSEN)
    state = run(state, DrawCard(by="a", sense="horen"), HandCard(by="a", to="b"))
    state, events = apply(state, RemoveSeat(seat_id="b"))
    assert events == [ev.AnswerEnded("b", "away"), ev.SeatRemoved("b")]
    assert state.waiting_on == "a" and state.turn.card_id is not None
    state = run(state, HandCard(by="a", to="c"), FinishTurn(by="c"))
    assert answers(state) == [("b", "away"), ("c", "answered")]
    assert state.turn.active == "c"


def test_chosen_mode_drawer_leaves_while_choosing():
    state = started("a", "b", "c", answering=Answering.CHOSEN)
    state = run(state, DrawCard(by="a", sense="horen"), RemoveSeat(seat_id="a"))
    assert state.turn.active == "b" and state.turn.card_id is None


def test_chosen_mode_drawer_going_away_lets_the_chosen_player_answer():
    state = started("a", "b", "c", answering=Answering.CHOSEN)
    state = run(state, DrawCard(by="a", sense="horen"), HandCard(by="a", to="c"))
    state = run(state, MarkAway(seat_id="a"))
    assert state.waiting_on == "c"  # the game was not waiting on the drawer
    state = run(state, FinishTurn(by="c"))
    assert answers(state) == [("c", "answered")]
    assert state.turn.active == "b"


def test_everyone_mode_queued_answerer_leaves():
    state = started("a", "b", "c", answering=Answering.EVERYONE)
    state = run(state, DrawCard(by="a", sense="horen"), FinishTurn(by="a"))
    state, events = apply(state, RemoveSeat(seat_id="b"))
    assert events == [ev.AnswerEnded("b", "away"), ev.SeatRemoved("b")]
    assert state.waiting_on == "c"
    state = run(state, FinishTurn(by="c"))
    assert answers(state) == [("a", "answered"), ("b", "away"), ("c", "answered")]
    assert state.turn.active == "c"


def test_everyone_mode_later_answerer_goes_away_before_their_turn():
    state = started("a", "b", "c", answering=Answering.EVERYONE)
    state = run(state, DrawCard(by="a", sense="horen"), MarkAway(seat_id="c"))
    assert state.turn.answerers == ("a", "b")
    state = run(state, FinishTurn(by="a"), FinishTurn(by="b"))
    assert answers(state) == [("c", "away"), ("a", "answered"), ("b", "answered")]
    assert state.turn.active == "b"


def test_everyone_mode_last_answerer_leaving_ends_the_turn():
    state = started("a", "b", "c", answering=Answering.EVERYONE)
    state = run(state, DrawCard(by="a", sense="horen"), FinishTurn(by="a"), FinishTurn(by="b"))
    state = run(state, RemoveSeat(seat_id="c"))
    assert answers(state) == [("a", "answered"), ("b", "answered"), ("c", "away")]
    assert state.turn.active == "b" and state.turn.card_id is None


def test_everyone_mode_drawer_going_away_lets_the_others_answer():
    state = started("a", "b", "c", answering=Answering.EVERYONE)
    state = run(state, DrawCard(by="a", sense="horen"), MarkAway(seat_id="a"))
    assert answers(state) == [("a", "away")]
    assert state.waiting_on == "b" and state.turn.answerers == ("b", "c")
    state = run(state, FinishTurn(by="b"), FinishTurn(by="c"))
    assert answers(state) == [("a", "away"), ("b", "answered"), ("c", "answered")]
    assert state.turn.active == "b" and state.turn.card_id is None


# --- ending -------------------------------------------------------------------------------------


def test_host_ends_the_game_and_history_stays():
    state = run(started("a", "b"), DrawCard(by="a", sense="horen"), FinishTurn(by="a"))
    rejects(state, EndGame(by="b"), "not_host")
    state, events = apply(state, EndGame(by="a"))
    assert events == [ev.GameEnded()]
    assert state.phase is Phase.ENDED and state.turn is None
    assert len(state.history) == 1


def test_game_can_be_ended_from_the_lobby():
    state = run(lobby("a"), EndGame(by="a"))
    assert state.phase is Phase.ENDED


@pytest.mark.parametrize(
    "action",
    [
        EndGame(by="a"),
        StartGame(by="a", cards=POOL),
        ChangeSettings(by="a", settings=Settings()),
        AddSeat(seat_id="c", name="Cato"),
        DrawCard(by="a"),
        FinishTurn(by="a"),
        PassCard(by="a"),
        HandCard(by="a", to="b"),
        SkipPlayer(by="a", seat_id="a"),
    ],
)
def test_game_ended(action):
    rejects(run(started("a", "b"), EndGame(by="a")), action, "game_ended")


def test_presence_still_changes_after_the_end():
    state = run(started("a", "b"), EndGame(by="a"), MarkAway(seat_id="b"), RemoveSeat(seat_id="a"))
    assert [s.id for s in state.seats] == ["b"] and state.phase is Phase.ENDED


# --- codec -----------------------------------------------------------------------------------


def roundtrip(state: RoomState) -> None:
    data = json.loads(json.dumps(encode(state)))
    assert decode(RoomState, data) == state
    assert decode(RoomState, encode(state)) == state


def test_codec_round_trips_the_lobby():
    state = lobby(
        "a",
        "b",
        spectators=("s",),
        seed=3,
        turn_timer_seconds=60,
        max_players=6,
        answering=Answering.CHOSEN,
        senses=("zien", "horen"),
    )
    roundtrip(state)
    roundtrip(new_room(0))


def test_codec_round_trips_a_game_in_play():
    state = started("a", "b", "c", answering=Answering.EVERYONE, seed=9)
    state = run(
        state,
        DrawCard(by="a", at=12.5),
        FinishTurn(by="a"),
        MarkAway(seat_id="b"),
        SetConnected(seat_id="c", connected=False),
    )
    assert state.history[-1].answers and state.turn is not None
    roundtrip(state)
    roundtrip(run(state, FinishTurn(by="c"), DrawCard(by="c", sense="zien")))


def test_codec_round_trips_an_ended_game():
    state = run(started("a", "b"), DrawCard(by="a", sense="voelen"), PassCard(by="a"))
    state = run(state, EndGame(by="a"))
    roundtrip(state)


def test_codec_rejects_wrong_types():
    data = encode(lobby("a"))
    data["seed"] = "seven"
    with pytest.raises(ValueError):
        decode(RoomState, data)


# --- properties --------------------------------------------------------------------------------

SEAT_IDS = ["a", "b", "c", "x"]
any_seat = st.sampled_from(SEAT_IDS)
any_action = st.one_of(
    st.builds(
        AddSeat,
        seat_id=any_seat,
        name=st.sampled_from(["Anna", "anna", "Bram", " "]),
        role=st.sampled_from([Role.PLAYER, Role.SPECTATOR, Role.COHOST]),
    ),
    st.builds(RemoveSeat, seat_id=any_seat),
    st.builds(SetConnected, seat_id=any_seat, connected=st.booleans()),
    st.builds(MarkAway, seat_id=any_seat),
    st.builds(StartGame, by=any_seat, cards=st.just(POOL)),
    st.builds(DrawCard, by=any_seat, sense=st.sampled_from([None, "horen", "zien", "ruiken"])),
    st.builds(HandCard, by=any_seat, to=any_seat),
    st.builds(PassCard, by=any_seat),
    st.builds(FinishTurn, by=any_seat),
    st.builds(SkipPlayer, by=any_seat, seat_id=any_seat),
    st.builds(EndGame, by=any_seat),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mode=st.sampled_from(list(Answering)),
    seed=st.integers(0, 2**32),
    steps=st.lists(any_action, max_size=40),
)
def test_random_games_keep_invariants(mode, seed, steps):
    state = lobby("a", "b", "c", seed=seed, answering=mode)
    for action in steps:
        before = copy.deepcopy(state)
        try:
            state, _ = apply(state, action)
        except GameError:
            assert state == before
            continue
        assert decode(RoomState, json.loads(json.dumps(encode(state)))) == state
        if state.phase is Phase.PLAYING and state.turn.active is not None:
            assert state.seat(state.turn.active).eligible
            assert all(state.seat(s).eligible for s in state.turn.answerers)
        if state.phase is not Phase.PLAYING:
            assert state.waiting_on is None


# --- purity --------------------------------------------------------------------------------------


def test_engine_imports_no_web_or_database_code():
    code = (
        "import kletsborden.engine, sys; assert not any(m.split('.')[0] in "
        "{'flask','sqlalchemy','flask_socketio','socketio','msgspec'} for m in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
