"""Scenario tests for the room controls: kick, lock, pause, roles, sitting out, reactions, typed
answers, the turn timer, ``Tick`` and ``next_deadline``."""

from __future__ import annotations

from dataclasses import replace

import pytest
from scenes import answers, card, lobby, rejects, run, start

from kletsborden.engine import Phase, Role, RoomState, Settings, apply, new_room
from kletsborden.engine import events as ev
from kletsborden.engine.actions import (
    AddSeat,
    ChangeSettings,
    DrawCard,
    EndGame,
    ExtendTimer,
    FinishTurn,
    HandCard,
    Kick,
    MarkAway,
    PassCard,
    React,
    RemoveSeat,
    SetConnected,
    SetLocked,
    SetPaused,
    SetRole,
    SetShowJoin,
    SetTakesTurns,
    SkipPlayer,
    StartGame,
    Tick,
    TypeAnswer,
)
from kletsborden.engine.rules import next_deadline
from kletsborden.engine.state import REACTIONS, Answering, TypedAnswer

EVERYONE = Answering.EVERYONE
CHOSEN = Answering.CHOSEN


# --- helpers (shared ones in scenes.py) ------------------------------------------------------


POOL = (
    card("h1", "horen", 1),
    card("h2", "horen", 2),
    card("z1", "zien", 1),
    card("v1", "voelen", 1),
)


def started(*seat_ids: str, at: float = 100.0, **kwargs) -> RoomState:
    """A room whose host (the first seat) started the game at time ``at``."""
    return start(*seat_ids, cards=POOL, at=at, **kwargs)


def with_cohost(state: RoomState, seat_id: str) -> RoomState:
    return run(state, SetRole(by=state.host.id, seat_id=seat_id, role=Role.COHOST))


# --- kick -------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["a", "b"])
def test_host_and_cohost_may_kick(by):
    state = with_cohost(lobby("a", "b", "c"), "b")
    state, events = apply(state, Kick(by=by, seat_id="c"))
    assert state.seat("c") is None
    assert [s.id for s in state.seats] == ["a", "b"]
    assert events == [ev.SeatRemoved("c"), ev.SeatKicked("c")]


def test_host_may_kick_a_cohost():
    state = with_cohost(lobby("a", "b", "c"), "b")
    state, events = apply(state, Kick(by="a", seat_id="b"))
    assert [s.id for s in state.seats] == ["a", "c"]
    assert events[-1] == ev.SeatKicked("b")


def test_a_spectator_may_be_kicked():
    state, events = apply(lobby("a", spectators=("s",)), Kick(by="a", seat_id="s"))
    assert state.seat("s") is None
    assert events[-1] == ev.SeatKicked("s")


def test_player_may_not_kick():
    rejects(lobby("a", "b", "c"), Kick(by="b", seat_id="c"), "not_host")
    rejects(lobby("a", "b", spectators=("s",)), Kick(by="s", seat_id="b"), "not_host")


def test_kick_unknown_seats():
    rejects(lobby("a", "b"), Kick(by="x", seat_id="b"), "unknown_seat")
    rejects(lobby("a", "b"), Kick(by="a", seat_id="x"), "unknown_seat")


@pytest.mark.parametrize(("by", "target"), [("a", "a"), ("b", "b"), ("b", "a")])
def test_nobody_kicks_themselves_or_the_host(by, target):
    state = with_cohost(lobby("a", "b", "c"), "b")
    rejects(state, Kick(by=by, seat_id=target), "seat_not_available")


def test_kicking_the_active_player_moves_the_turn():
    state = started("a", "b", "c", turn_timer_seconds=60)
    state = run(state, FinishTurn(by="a", at=110.0))
    assert state.turn.active == "b"
    state, events = apply(state, Kick(by="a", seat_id="b", at=130.0))
    assert state.turn.active == "c"
    assert state.turn.number == 3
    assert state.turn.deadline == 190.0
    assert events == [ev.TurnStarted("c", 3), ev.SeatRemoved("b"), ev.SeatKicked("b")]


def test_kicking_a_waiting_answerer_records_them_as_away():
    state = started("a", "b", "c", answering=EVERYONE)
    state = run(state, DrawCard(by="a"), FinishTurn(by="a"))
    assert state.waiting_on == "b"
    state, events = apply(state, Kick(by="a", seat_id="b"))
    assert state.waiting_on == "c"
    assert answers(state) == [("a", "answered"), ("b", "away")]
    assert ev.SeatKicked("b") in events


def test_kicking_a_spectator_leaves_the_turn_alone():
    state = started("a", "b", spectators=("s",))
    new = run(state, Kick(by="a", seat_id="s"))
    assert new.turn == state.turn


# --- lock -------------------------------------------------------------------------------------


def test_locked_room_refuses_new_seats_until_unlocked():
    state, events = apply(lobby("a", "b"), SetLocked(by="a", locked=True))
    assert state.locked
    assert events == [ev.LockChanged(True)]
    rejects(state, AddSeat(seat_id="c", name="Cato"), "room_locked")
    rejects(state, AddSeat(seat_id="s", name="Beamer", role=Role.SPECTATOR), "room_locked")
    state, events = apply(state, SetLocked(by="a", locked=False))
    assert not state.locked
    assert events == [ev.LockChanged(False)]
    state = run(state, AddSeat(seat_id="c", name="Cato"))
    assert state.seat("c") is not None


def test_locked_game_refuses_new_seats_too():
    state = run(started("a", "b"), SetLocked(by="a", locked=True))
    rejects(state, AddSeat(seat_id="c", name="Cato"), "room_locked")


def test_seats_in_a_locked_room_may_still_reconnect():
    state = run(started("a", "b"), SetLocked(by="a", locked=True))
    state = run(state, SetConnected(seat_id="b", connected=False, at=110.0))
    state, events = apply(state, SetConnected(seat_id="b", connected=True, at=120.0))
    assert events == [ev.PresenceChanged("b", True, False)]
    assert state.seat("b").connected
    assert state.locked


@pytest.mark.parametrize("locked", [True, False])
def test_setting_the_lock_it_already_has_gives_no_events(locked):
    state = lobby("a", "b")
    if locked:
        state = run(state, SetLocked(by="a", locked=True))
    assert apply(state, SetLocked(by="a", locked=locked)) == (state, [])


def test_only_leads_lock_the_room():
    state = with_cohost(lobby("a", "b", "c"), "b")
    rejects(state, SetLocked(by="c", locked=True), "not_host")
    rejects(state, SetLocked(by="x", locked=True), "unknown_seat")
    assert run(state, SetLocked(by="b", locked=True)).locked


# --- showing how to join ----------------------------------------------------------------------


def test_the_join_code_is_shown_until_a_lead_hides_it():
    state = with_cohost(lobby("a", "b", "c", spectators=("s",)), "b")
    assert state.show_join
    state, events = apply(state, SetShowJoin(by="b", show=False))
    assert not state.show_join
    assert events == [ev.ShowJoinChanged(False)]
    assert apply(state, SetShowJoin(by="a", show=False)) == (state, [])
    state, events = apply(state, SetShowJoin(by="a", show=True))
    assert state.show_join
    assert events == [ev.ShowJoinChanged(True)]


def test_only_leads_hide_the_join_code():
    state = lobby("a", "b", spectators=("s",))
    rejects(state, SetShowJoin(by="b", show=False), "not_host")
    rejects(state, SetShowJoin(by="s", show=False), "not_host")
    rejects(state, SetShowJoin(by="x", show=False), "unknown_seat")


def test_hiding_the_join_code_is_not_locking():
    state = run(started("a", "b"), SetShowJoin(by="a", show=False))
    assert not state.locked
    assert run(state, AddSeat(seat_id="c", name="Cato")).seat("c") is not None


# --- pause ------------------------------------------------------------------------------------


def test_pause_and_resume():
    state = started("a", "b")
    state, events = apply(state, SetPaused(by="a", paused=True, at=110.0))
    assert state.paused and state.paused_at == 110.0
    assert events == [ev.PauseChanged(True)]
    assert apply(state, SetPaused(by="a", paused=True, at=115.0)) == (state, [])
    state, events = apply(state, SetPaused(by="a", paused=False, at=120.0))
    assert not state.paused and state.paused_at is None
    assert events == [ev.PauseChanged(False)]
    assert apply(state, SetPaused(by="a", paused=False, at=125.0)) == (state, [])


def test_cohost_may_pause_but_a_player_may_not():
    state = with_cohost(started("a", "b", "c"), "b")
    rejects(state, SetPaused(by="c", paused=True), "not_host")
    assert run(state, SetPaused(by="b", paused=True)).paused


def test_pause_needs_a_running_game():
    rejects(lobby("a", "b"), SetPaused(by="a", paused=True), "game_not_started")
    ended = run(started("a", "b"), EndGame(by="a"))
    rejects(ended, SetPaused(by="a", paused=True), "game_ended")


def _before_draw() -> RoomState:
    return started("a", "b", "c", typed_answers=True, turn_timer_seconds=60)


def _after_draw() -> RoomState:
    return run(_before_draw(), DrawCard(by="a", at=105.0))


GAME_MOVES = [
    pytest.param(_before_draw, DrawCard(by="a"), id="draw"),
    pytest.param(_before_draw, FinishTurn(by="a"), id="finish-without-card"),
    pytest.param(_before_draw, SkipPlayer(by="a", seat_id="a"), id="skip-before-draw"),
    pytest.param(_after_draw, HandCard(by="a", to="b"), id="hand"),
    pytest.param(_after_draw, PassCard(by="a"), id="pass"),
    pytest.param(_after_draw, FinishTurn(by="a"), id="finish"),
    pytest.param(_after_draw, SkipPlayer(by="a", seat_id="a"), id="skip"),
    pytest.param(_after_draw, TypeAnswer(by="a", text="Mijn verhaal"), id="type"),
    pytest.param(_after_draw, ExtendTimer(by="b"), id="extend"),
]


@pytest.mark.parametrize(("build", "move"), GAME_MOVES)
def test_game_moves_are_refused_while_paused(build, move):
    state = build()
    apply(state, move)  # legal while the game runs
    paused = run(state, SetPaused(by="a", paused=True, at=110.0))
    rejects(paused, move, "game_paused")
    resumed = run(paused, SetPaused(by="a", paused=False, at=120.0))
    apply(resumed, move)  # and legal again once it runs again


def test_kick_and_end_still_work_while_paused():
    state = run(_after_draw(), SetPaused(by="a", paused=True, at=110.0))
    kicked = run(state, Kick(by="a", seat_id="c", at=111.0))
    assert kicked.seat("c") is None
    assert kicked.paused
    state, events = apply(state, EndGame(by="a", at=112.0))
    assert events == [ev.GameEnded()]
    assert state.phase is Phase.ENDED
    assert not state.paused


def test_presence_roles_and_reactions_still_work_while_paused():
    state = run(_after_draw(), SetPaused(by="a", paused=True, at=110.0))
    state = run(
        state,
        React(by="b", reaction="heart"),
        SetConnected(seat_id="c", connected=False, at=111.0),
        SetRole(by="a", seat_id="b", role=Role.COHOST),
        SetLocked(by="b", locked=True),
    )
    assert state.paused
    assert state.seat("b").role is Role.COHOST
    assert state.locked


def test_resume_shifts_the_deadline_by_the_pause_length():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    assert state.turn.deadline == 160.0
    state = run(state, SetPaused(by="a", paused=True, at=110.0))
    assert state.turn.deadline == 160.0
    state = run(state, SetPaused(by="a", paused=False, at=140.0))
    assert state.turn.deadline == 190.0
    # a second pause adds its own length
    state = run(
        state, SetPaused(by="a", paused=True, at=150.0), SetPaused(by="a", paused=False, at=155.0)
    )
    assert state.turn.deadline == 195.0


def test_resume_without_a_timer_keeps_no_deadline():
    state = run(
        started("a", "b"),
        SetPaused(by="a", paused=True, at=110.0),
        SetPaused(by="a", paused=False, at=140.0),
    )
    assert state.turn.deadline is None


# --- roles --------------------------------------------------------------------------------------


def test_host_makes_a_cohost_and_back():
    state, events = apply(lobby("a", "b"), SetRole(by="a", seat_id="b", role=Role.COHOST))
    assert events == [ev.RoleChanged("b", "cohost")]
    assert state.seat("b").role is Role.COHOST and state.seat("b").leads
    state, events = apply(state, SetRole(by="a", seat_id="b", role=Role.PLAYER))
    assert events == [ev.RoleChanged("b", "player")]
    assert not state.seat("b").leads


@pytest.mark.parametrize("by", ["b", "c"])
def test_only_the_host_sets_roles(by):
    state = with_cohost(lobby("a", "b", "c"), "b")
    rejects(state, SetRole(by=by, seat_id="c", role=Role.COHOST), "not_host")


def test_set_role_unknown_seats():
    state = lobby("a", "b")
    rejects(state, SetRole(by="x", seat_id="b", role=Role.COHOST), "unknown_seat")
    rejects(state, SetRole(by="a", seat_id="x", role=Role.COHOST), "unknown_seat")


def test_making_someone_host_makes_the_old_host_cohost():
    state = started("a", "b", "c")
    state, events = apply(state, SetRole(by="a", seat_id="b", role=Role.HOST))
    assert events == [
        ev.RoleChanged("b", "host"),
        ev.RoleChanged("a", "cohost"),
        ev.HostChanged("b"),
    ]
    assert state.host.id == "b"
    assert [s.role for s in state.seats] == [Role.COHOST, Role.HOST, Role.PLAYER]
    # the new host sets roles now, the old one no longer does
    rejects(state, SetRole(by="a", seat_id="c", role=Role.COHOST), "not_host")
    assert run(state, SetRole(by="b", seat_id="c", role=Role.COHOST)).seat("c").leads


@pytest.mark.parametrize("role", [Role.HOST, Role.COHOST, Role.PLAYER])
def test_spectators_get_no_roles(role):
    state = lobby("a", "b", spectators=("s",))
    rejects(state, SetRole(by="a", seat_id="s", role=role), "seat_not_available")


def test_nobody_is_made_spectator_and_the_host_sets_no_role_of_their_own():
    state = lobby("a", "b")
    rejects(state, SetRole(by="a", seat_id="b", role=Role.SPECTATOR), "seat_not_available")
    rejects(state, SetRole(by="a", seat_id="a", role=Role.COHOST), "seat_not_available")


# --- sitting out ----------------------------------------------------------------------------------


def test_a_seat_may_sit_out_itself():
    state = run(lobby("a", "b"), SetTakesTurns(by="b", seat_id="b", takes_turns=False))
    assert not state.seat("b").takes_turns
    assert not state.seat("b").plays


def test_a_lead_may_let_someone_else_sit_out():
    state = with_cohost(lobby("a", "b", "c"), "b")
    state = run(state, SetTakesTurns(by="b", seat_id="c", takes_turns=False))
    assert not state.seat("c").takes_turns
    state = run(state, SetTakesTurns(by="a", seat_id="c", takes_turns=True))
    assert state.seat("c").takes_turns


def test_a_player_may_not_let_someone_else_sit_out():
    state = lobby("a", "b", "c")
    rejects(state, SetTakesTurns(by="b", seat_id="c", takes_turns=False), "not_host")
    rejects(state, SetTakesTurns(by="b", seat_id="a", takes_turns=False), "not_host")


def test_spectators_and_unknown_seats_cannot_sit_out():
    state = lobby("a", spectators=("s",))
    rejects(state, SetTakesTurns(by="a", seat_id="s", takes_turns=True), "seat_not_available")
    rejects(state, SetTakesTurns(by="s", seat_id="s", takes_turns=False), "seat_not_available")
    rejects(state, SetTakesTurns(by="a", seat_id="x", takes_turns=False), "unknown_seat")


def test_sitting_out_twice_gives_no_events():
    state = run(started("a", "b"), SetTakesTurns(by="b", seat_id="b", takes_turns=False))
    assert apply(state, SetTakesTurns(by="b", seat_id="b", takes_turns=False)) == (state, [])
    assert apply(state, SetTakesTurns(by="a", seat_id="a", takes_turns=True)) == (state, [])


def test_a_host_who_sits_out_is_never_active_but_still_leads():
    state = lobby("a", "b", "c")
    state = run(state, SetTakesTurns(by="a", seat_id="a", takes_turns=False))
    state = run(state, StartGame(by="a", cards=POOL))
    active = []
    for _ in range(5):
        active.append(state.turn.active)
        state = run(state, FinishTurn(by=state.turn.active))
    assert active == ["b", "c", "b", "c", "b"]
    assert state.host.id == "a"
    state = run(state, SkipPlayer(by="a", seat_id="c"))
    assert state.turn.active == "b"


def test_a_room_where_only_the_host_sits_out_has_no_players():
    state = run(lobby("a"), SetTakesTurns(by="a", seat_id="a", takes_turns=False))
    rejects(state, StartGame(by="a", cards=POOL), "no_players")


def test_sitting_out_while_active_moves_the_turn():
    state = started("a", "b", "c", turn_timer_seconds=60)
    state, events = apply(state, SetTakesTurns(by="a", seat_id="a", takes_turns=False, at=130.0))
    assert events == [ev.TakesTurnsChanged("a", False), ev.TurnStarted("b", 2)]
    assert state.turn.active == "b"
    assert state.turn.deadline == 190.0
    assert state.host.id == "a"


def test_sitting_out_while_answering_records_away_and_moves_the_answer_on():
    state = started("a", "b", "c", answering=EVERYONE)
    state = run(state, DrawCard(by="a"), FinishTurn(by="a"))
    state = run(state, SetTakesTurns(by="b", seat_id="b", takes_turns=False))
    assert state.waiting_on == "c"
    assert answers(state) == [("a", "answered"), ("b", "away")]


def test_sitting_back_in_resumes_an_idle_game():
    state = started("a")
    state = run(state, SetTakesTurns(by="a", seat_id="a", takes_turns=False, at=110.0))
    assert state.turn.active is None
    state, events = apply(state, SetTakesTurns(by="a", seat_id="a", takes_turns=True, at=120.0))
    assert events == [ev.TakesTurnsChanged("a", True), ev.TurnStarted("a", 3)]
    assert state.turn.active == "a"


def test_sitting_back_in_joins_the_rotation_again():
    state = run(started("a", "b", "c"), SetTakesTurns(by="b", seat_id="b", takes_turns=False))
    state = run(state, FinishTurn(by="a"))
    assert state.turn.active == "c"
    state = run(state, SetTakesTurns(by="b", seat_id="b", takes_turns=True), FinishTurn(by="c"))
    assert state.turn.active == "a"
    state = run(state, FinishTurn(by="a"))
    assert state.turn.active == "b"


# --- reactions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reaction", REACTIONS)
@pytest.mark.parametrize("by", ["a", "b", "s"])
def test_any_seat_may_react_and_nothing_is_kept(reaction, by):
    state = run(started("a", "b", spectators=("s",)), DrawCard(by="a"))
    new, events = apply(state, React(by=by, reaction=reaction, at=120.0))
    assert events == [ev.Reacted(by, reaction)]
    assert new == state


def test_reacting_in_the_lobby_and_while_paused():
    state = lobby("a", "b")
    assert apply(state, React(by="b", reaction="thanks")) == (state, [ev.Reacted("b", "thanks")])
    paused = run(started("a", "b"), SetPaused(by="a", paused=True))
    assert apply(paused, React(by="b", reaction="me_too"))[0] == paused


@pytest.mark.parametrize("reaction", ["", "boo", "Heart", "thumbs_down"])
def test_invalid_reaction(reaction):
    rejects(started("a", "b"), React(by="b", reaction=reaction), "invalid_reaction")


def test_unknown_seat_may_not_react():
    rejects(started("a", "b"), React(by="x", reaction="heart"), "unknown_seat")


# --- typed answers --------------------------------------------------------------------------------


def test_typed_answers_must_be_switched_on():
    state = run(started("a", "b"), DrawCard(by="a"))
    rejects(state, TypeAnswer(by="a", text="Mijn verhaal"), "typed_answers_off")
    rejects(lobby("a"), TypeAnswer(by="a", text="Mijn verhaal"), "typed_answers_off")


def test_the_answerer_types_and_the_text_is_kept_in_the_history():
    state = run(started("a", "b", typed_answers=True), DrawCard(by="a"))
    state, events = apply(state, TypeAnswer(by="a", text="  Ik hoorde de zee.  "))
    assert events == [ev.AnswerTyped("a")]
    assert state.history[-1].typed == (TypedAnswer("a", "Ik hoorde de zee."),)
    state = run(state, FinishTurn(by="a"))
    assert state.turn.card_id is None
    assert state.history[-1].typed == (TypedAnswer("a", "Ik hoorde de zee."),)
    assert answers(state) == [("a", "answered")]


def test_a_second_typed_answer_replaces_the_first():
    state = run(started("a", "b", typed_answers=True), DrawCard(by="a"))
    state = run(state, TypeAnswer(by="a", text="Eerste"), TypeAnswer(by="a", text="Tweede"))
    assert state.history[-1].typed == (TypedAnswer("a", "Tweede"),)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_typed_answer(text):
    state = run(started("a", "b", typed_answers=True), DrawCard(by="a"))
    rejects(state, TypeAnswer(by="a", text=text), "empty_answer")


def test_only_the_current_answerer_types():
    state = started("a", "b", "c", typed_answers=True, answering=EVERYONE)
    rejects(state, TypeAnswer(by="a", text="Te vroeg"), "no_card_drawn")
    state = run(state, DrawCard(by="a"))
    rejects(state, TypeAnswer(by="b", text="Nog niet"), "not_your_turn")
    rejects(state, TypeAnswer(by="x", text="Wie?"), "unknown_seat")
    state = run(state, TypeAnswer(by="a", text="Van Anna"), FinishTurn(by="a"))
    rejects(state, TypeAnswer(by="a", text="Nog eentje"), "not_your_turn")
    state = run(state, TypeAnswer(by="b", text="Van Bram"))
    assert state.history[-1].typed == (TypedAnswer("a", "Van Anna"), TypedAnswer("b", "Van Bram"))


def test_in_chosen_mode_the_chosen_player_types_not_the_drawer():
    state = run(started("a", "b", typed_answers=True, answering=CHOSEN), DrawCard(by="a"))
    rejects(state, TypeAnswer(by="a", text="Nog niet gekozen"), "not_your_turn")
    state = run(state, HandCard(by="a", to="b"))
    rejects(state, TypeAnswer(by="a", text="Niet meer aan mij"), "not_your_turn")
    state = run(state, TypeAnswer(by="b", text="Van Bram"))
    assert state.history[-1].typed == (TypedAnswer("b", "Van Bram"),)


def test_typed_answers_switched_on_during_the_game():
    state = run(started("a", "b"), DrawCard(by="a"))
    live = replace(state.settings, typed_answers=True)
    state = run(state, ChangeSettings(by="a", settings=live), TypeAnswer(by="a", text="Nu wel"))
    assert state.history[-1].typed == (TypedAnswer("a", "Nu wel"),)


def test_typing_needs_a_running_game():
    rejects(lobby("a", typed_answers=True), TypeAnswer(by="a", text="Hoi"), "game_not_started")
    ended = run(started("a", typed_answers=True), EndGame(by="a"))
    rejects(ended, TypeAnswer(by="a", text="Hoi"), "game_ended")


# --- changing settings while playing --------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"senses": ("horen",)},
        {"max_depth": 1},
        {"answering": EVERYONE},
        {"max_players": 4},
        {"language": "en"},
        {"editions": ("kletsborden", "extra")},
        {"max_depth": 1, "turn_timer_seconds": 60},
    ],
)
def test_only_typed_answers_and_the_timer_change_while_playing(fields):
    state = started("a", "b")
    changed = replace(state.settings, **fields)
    rejects(state, ChangeSettings(by="a", settings=changed), "game_already_started")


def test_live_settings_need_a_lead_and_a_game_that_has_not_ended():
    state = started("a", "b")
    live = replace(state.settings, typed_answers=True)
    rejects(state, ChangeSettings(by="b", settings=live), "not_host")
    rejects(run(state, EndGame(by="a")), ChangeSettings(by="a", settings=live), "game_ended")
    bad = replace(state.settings, turn_timer_seconds=5)
    rejects(state, ChangeSettings(by="a", settings=bad), "invalid_settings")


def test_switching_typed_answers_keeps_the_deadline():
    state = started("a", "b", turn_timer_seconds=60)
    live = replace(state.settings, typed_answers=True)
    state, events = apply(state, ChangeSettings(by="a", settings=live, at=130.0))
    assert events == [ev.SettingsChanged()]
    assert state.turn.deadline == 160.0


def test_changing_the_timer_restarts_the_deadline():
    state = started("a", "b", turn_timer_seconds=60)
    faster = replace(state.settings, turn_timer_seconds=30)
    state = run(state, ChangeSettings(by="a", settings=faster, at=130.0))
    assert state.turn.deadline == 160.0


# --- the turn timer -------------------------------------------------------------------------------


def test_timer_starts_with_each_turn_and_restarts_when_the_answer_moves_on():
    state = started("a", "b", "c", turn_timer_seconds=60, answering=EVERYONE, at=100.0)
    assert state.turn.deadline == 160.0
    state = run(state, DrawCard(by="a", at=110.0))
    assert state.turn.deadline == 160.0  # drawing is part of the turn
    state = run(state, FinishTurn(by="a", at=120.0))
    assert state.turn.deadline == 180.0
    state = run(state, PassCard(by="b", at=125.0))
    assert state.turn.deadline == 185.0
    state = run(state, FinishTurn(by="c", at=130.0))
    assert state.turn.active == "b"
    assert state.turn.deadline == 190.0


def test_handing_the_card_restarts_the_timer():
    state = started("a", "b", turn_timer_seconds=60, answering=CHOSEN, at=100.0)
    state = run(state, DrawCard(by="a", at=110.0), HandCard(by="a", to="b", at=150.0))
    assert state.turn.deadline == 210.0


@pytest.mark.parametrize(
    "withdraw",
    [
        Kick(by="a", seat_id="b", at=165.0),
        MarkAway(seat_id="b", at=165.0),
        RemoveSeat(seat_id="b", at=165.0),
        SetTakesTurns(by="b", seat_id="b", takes_turns=False, at=165.0),
    ],
    ids=["kick", "away", "leave", "sit-out"],
)
def test_timer_restarts_when_the_awaited_answerer_is_withdrawn(withdraw):
    """The answer moves on to the next seat in the queue, so that seat gets the full timer, not
    what was left of the withdrawn seat's time."""
    state = started("a", "b", "c", turn_timer_seconds=60, answering=EVERYONE, at=100.0)
    state = run(state, DrawCard(by="a", at=105.0), FinishTurn(by="a", at=110.0))
    assert state.waiting_on == "b" and state.turn.deadline == 170.0
    state = run(state, withdraw)
    assert state.waiting_on == "c"
    assert state.turn.deadline == 225.0


def test_drawer_choosing_again_gets_a_fresh_timer():
    state = started("a", "b", "c", turn_timer_seconds=60, answering=CHOSEN, at=100.0)
    state = run(state, DrawCard(by="a", at=105.0), HandCard(by="a", to="b", at=110.0))
    state = run(state, Kick(by="a", seat_id="b", at=160.0))
    assert state.waiting_on == "a" and state.turn.answerers == ()
    assert state.turn.deadline == 220.0


# --- extending the timer --------------------------------------------------------------------------


def test_no_timer_to_extend():
    rejects(started("a", "b"), ExtendTimer(by="a"), "no_timer")


@pytest.mark.parametrize("by", ["a", "b"])
def test_anyone_at_the_table_extends_the_timer_by_its_length(by):
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state, events = apply(state, ExtendTimer(by=by, at=120.0))
    assert state.turn.deadline == 220.0
    assert events == [ev.TimerExtended(by, 220.0)]
    state = run(state, ExtendTimer(by=by, at=121.0))
    assert state.turn.deadline == 280.0


def test_extending_an_expired_timer_counts_from_now():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state, events = apply(state, ExtendTimer(by="b", at=200.0))
    assert state.turn.deadline == 260.0
    assert events == [ev.TimerExtended("b", 260.0)]


def test_a_spectator_may_not_extend_the_timer():
    state = started("a", "b", spectators=("s",), turn_timer_seconds=60)
    rejects(state, ExtendTimer(by="s"), "no_timer")


def test_extend_timer_needs_a_running_game_and_a_known_seat():
    rejects(lobby("a", turn_timer_seconds=60), ExtendTimer(by="a"), "game_not_started")
    ended = run(started("a", turn_timer_seconds=60), EndGame(by="a"))
    rejects(ended, ExtendTimer(by="a"), "game_ended")
    rejects(started("a", turn_timer_seconds=60), ExtendTimer(by="x"), "unknown_seat")


def test_an_idle_game_runs_no_timer():
    """With nobody able to take a turn there is nobody to time: no deadline, nothing to extend."""
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state = run(state, MarkAway(seat_id="a", at=110.0))
    state, events = apply(state, MarkAway(seat_id="b", at=120.0))
    assert ev.TurnStarted(None, 3) in events
    assert state.turn.active is None
    assert state.turn.deadline is None
    assert next_deadline(state, 60) is None
    rejects(state, ExtendTimer(by="a", at=130.0), "no_timer")
    state = run(state, SetConnected(seat_id="b", connected=True, at=140.0))
    assert state.turn.active == "b"
    assert state.turn.deadline == 200.0


def test_switching_the_timer_on_in_an_idle_game_starts_no_deadline():
    """Like a turn that starts with nobody to play, an idle turn gets no deadline from a new
    timer either; the next player to come back gets the whole timer."""
    state = run(started("a"), MarkAway(seat_id="a", at=110.0))
    assert state.turn.active is None
    timed = replace(state.settings, turn_timer_seconds=60)
    state = run(state, ChangeSettings(by="a", settings=timed, at=120.0))
    assert state.turn.deadline is None
    rejects(state, ExtendTimer(by="a", at=130.0), "no_timer")


# --- disconnect time ------------------------------------------------------------------------------


def test_disconnect_records_since_when_and_reconnect_clears_it():
    state = started("a", "b")
    assert state.seat("b").disconnected_at is None
    state = run(state, SetConnected(seat_id="b", connected=False, at=130.0))
    assert state.seat("b").disconnected_at == 130.0
    state = run(state, SetConnected(seat_id="b", connected=False, at=150.0))
    assert state.seat("b").disconnected_at == 130.0  # a second report keeps the first time
    state = run(state, SetConnected(seat_id="b", connected=True, at=160.0))
    assert state.seat("b").disconnected_at is None


def test_a_second_disconnect_report_keeps_a_first_time_of_zero():
    """``at`` defaults to 0.0, a valid time: a repeated report must not restart the grace."""
    state = lobby("a", "b")
    state = run(
        state,
        SetConnected(seat_id="b", connected=False, at=0.0),
        SetConnected(seat_id="b", connected=False, at=30.0),
    )
    assert state.seat("b").disconnected_at == 0.0


# --- tick -----------------------------------------------------------------------------------------


def test_tick_marks_a_seat_gone_for_the_grace_away_and_moves_the_turn():
    state = run(started("a", "b", "c"), FinishTurn(by="a", at=110.0))
    state = run(state, SetConnected(seat_id="b", connected=False, at=120.0))
    assert apply(state, Tick(grace=60, at=179.0)) == (state, [])
    state, events = apply(state, Tick(grace=60, at=180.0))
    assert events == [ev.PresenceChanged("b", False, True), ev.TurnStarted("c", 3)]
    assert state.seat("b").away
    assert state.turn.active == "c"
    # once away, later ticks leave the seat alone
    assert apply(state, Tick(grace=60, at=500.0)) == (state, [])


def test_tick_leaves_a_seat_that_came_back_in_time():
    state = run(
        started("a", "b"),
        SetConnected(seat_id="a", connected=False, at=110.0),
        SetConnected(seat_id="a", connected=True, at=150.0),
    )
    assert apply(state, Tick(grace=60, at=1000.0)) == (state, [])
    assert state.turn.active == "a"


def test_tick_marks_an_answerer_away_and_records_it():
    state = started("a", "b", "c", answering=EVERYONE)
    state = run(state, DrawCard(by="a", at=105.0), FinishTurn(by="a", at=110.0))
    state = run(state, SetConnected(seat_id="b", connected=False, at=115.0))
    state = run(state, Tick(grace=30, at=145.0))
    assert answers(state) == [("a", "answered"), ("b", "away")]
    assert state.waiting_on == "c"


def test_tick_hands_the_host_role_over_when_the_host_is_marked_away():
    state = run(started("a", "b", "c"), SetConnected(seat_id="a", connected=False, at=110.0))
    state, events = apply(state, Tick(grace=60, at=170.0))
    assert ev.HostChanged("b") in events
    assert ev.PresenceChanged("a", False, True) in events
    assert state.host.id == "b"
    assert state.seat("a").role is Role.PLAYER
    assert state.turn.active == "b"


def test_tick_marks_seats_away_in_the_lobby_too():
    state = run(lobby("a", "b"), SetConnected(seat_id="a", connected=False, at=110.0))
    state, events = apply(state, Tick(grace=10, at=120.0))
    assert events == [ev.PresenceChanged("a", False, True), ev.HostChanged("b")]


def test_expired_timer_skips_the_answerer():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state = run(state, DrawCard(by="a", at=110.0))
    assert apply(state, Tick(grace=60, at=159.0)) == (state, [])
    state, events = apply(state, Tick(grace=60, at=160.0))
    assert events == [
        ev.TimerExpired("a"),
        ev.AnswerEnded("a", "skipped"),
        ev.TurnStarted("b", 2),
    ]
    assert answers(state) == [("a", "skipped")]
    assert state.turn.active == "b"
    assert state.turn.deadline == 220.0


def test_expired_timer_before_a_draw_moves_the_turn_without_an_answer():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state, events = apply(state, Tick(grace=60, at=170.0))
    assert events == [ev.TimerExpired("a"), ev.TurnStarted("b", 2)]
    assert state.history == ()
    assert state.turn.deadline == 230.0


def test_expired_timer_in_everyone_mode_moves_to_the_next_answerer():
    state = started("a", "b", "c", turn_timer_seconds=60, answering=EVERYONE, at=100.0)
    state = run(state, DrawCard(by="a", at=105.0), FinishTurn(by="a", at=110.0))
    state, events = apply(state, Tick(grace=60, at=170.0))
    assert events == [ev.TimerExpired("b"), ev.AnswerEnded("b", "skipped")]
    assert state.waiting_on == "c"
    assert state.turn.deadline == 230.0


def test_next_answerer_is_not_timed_out_by_the_tick_that_marks_the_previous_away():
    """b is marked away at 175; c only now starts answering and must get its own 60 seconds."""
    state = started("a", "b", "c", turn_timer_seconds=60, answering=EVERYONE, at=100.0)
    state = run(state, DrawCard(by="a", at=105.0), FinishTurn(by="a", at=110.0))
    state = run(state, SetConnected(seat_id="b", connected=False, at=115.0))
    state, events = apply(state, Tick(grace=60, at=175.0))
    assert ev.TimerExpired("c") not in events
    assert state.waiting_on == "c"
    assert answers(state) == [("a", "answered"), ("b", "away")]


def test_nothing_expires_while_paused():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state = run(state, DrawCard(by="a", at=110.0), SetPaused(by="a", paused=True, at=150.0))
    assert apply(state, Tick(grace=60, at=500.0)) == (state, [])
    state = run(state, SetPaused(by="a", paused=False, at=200.0))
    assert state.turn.deadline == 210.0
    assert apply(state, Tick(grace=60, at=209.0)) == (state, [])
    state, events = apply(state, Tick(grace=60, at=210.0))
    assert events[0] == ev.TimerExpired("a")


def test_nothing_expires_after_the_game_ended():
    state = run(started("a", "b", turn_timer_seconds=60, at=100.0), EndGame(by="a", at=110.0))
    assert apply(state, Tick(grace=60, at=1000.0)) == (state, [])


# --- next_deadline --------------------------------------------------------------------------------


def test_next_deadline_is_none_with_nothing_pending():
    assert next_deadline(new_room(1), 60) is None
    assert next_deadline(lobby("a", "b"), 60) is None
    assert next_deadline(started("a", "b"), 60) is None
    away = run(started("a", "b"), SetConnected(seat_id="b", connected=False, at=110.0))
    away = run(away, MarkAway(seat_id="b", at=111.0))
    assert next_deadline(away, 60) is None


def test_next_deadline_of_a_disconnected_seat_is_its_grace_end():
    state = run(lobby("a", "b"), SetConnected(seat_id="b", connected=False, at=110.0))
    assert next_deadline(state, 60) == 170.0
    assert next_deadline(state, 0) == 110.0
    state = run(state, SetConnected(seat_id="a", connected=False, at=120.0))
    assert next_deadline(state, 60) == 170.0


@pytest.mark.parametrize(("grace", "expected"), [(30, 140.0), (60, 160.0), (100, 160.0)])
def test_next_deadline_is_the_earliest_of_grace_and_timer(grace, expected):
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    assert next_deadline(state, grace) == 160.0
    state = run(state, SetConnected(seat_id="b", connected=False, at=110.0))
    assert next_deadline(state, grace) == expected
    assert isinstance(next_deadline(state, grace), float)


def test_next_deadline_ignores_the_timer_while_paused():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state = run(state, SetPaused(by="a", paused=True, at=110.0))
    assert next_deadline(state, 60) is None
    state = run(state, SetConnected(seat_id="b", connected=False, at=120.0))
    assert next_deadline(state, 60) == 180.0
    state = run(state, SetPaused(by="a", paused=False, at=130.0))
    assert next_deadline(state, 60) == 180.0  # the timer ran out at 160 + the 20 s pause
    assert next_deadline(state, 100) == 180.0


def test_a_tick_at_next_deadline_changes_the_room():
    state = started("a", "b", turn_timer_seconds=60, at=100.0)
    state = run(state, SetConnected(seat_id="b", connected=False, at=110.0))
    when = next_deadline(state, 30)
    assert apply(state, Tick(grace=30, at=when - 1))[1] == []
    assert apply(state, Tick(grace=30, at=when))[1] != []


# --- illegal actions leave the state alone --------------------------------------------------------


def _table() -> RoomState:
    """A locked, running game with a timer, typed answers, a cohost, a spectator and a card."""
    state = started(
        "a", "b", "c", spectators=("s",), typed_answers=True, turn_timer_seconds=60, at=100.0
    )
    return run(
        state,
        SetRole(by="a", seat_id="b", role=Role.COHOST),
        SetLocked(by="a", locked=True),
        DrawCard(by="a", at=105.0),
    )


ILLEGAL = [
    (AddSeat(seat_id="d", name="Daan"), "room_locked"),
    (Kick(by="c", seat_id="b"), "not_host"),
    (Kick(by="b", seat_id="a"), "seat_not_available"),
    (Kick(by="a", seat_id="x"), "unknown_seat"),
    (SetLocked(by="s", locked=False), "not_host"),
    (SetPaused(by="c", paused=True), "not_host"),
    (SetRole(by="b", seat_id="c", role=Role.COHOST), "not_host"),
    (SetRole(by="a", seat_id="s", role=Role.PLAYER), "seat_not_available"),
    (SetTakesTurns(by="c", seat_id="a", takes_turns=False), "not_host"),
    (SetTakesTurns(by="s", seat_id="s", takes_turns=False), "seat_not_available"),
    (React(by="b", reaction="boo"), "invalid_reaction"),
    (React(by="x", reaction="heart"), "unknown_seat"),
    (TypeAnswer(by="a", text="  "), "empty_answer"),
    (TypeAnswer(by="b", text="Ik"), "not_your_turn"),
    (ExtendTimer(by="s"), "no_timer"),
    (ExtendTimer(by="x"), "unknown_seat"),
    (ChangeSettings(by="a", settings=Settings(max_depth=1)), "game_already_started"),
]


@pytest.mark.parametrize(("action", "code"), ILLEGAL, ids=[code for _, code in ILLEGAL])
def test_illegal_control_leaves_the_state_as_it_was(action, code):
    rejects(_table(), action, code)


def test_illegal_controls_while_paused_or_without_features():
    paused = run(_table(), SetPaused(by="a", paused=True, at=110.0))
    for action in (
        DrawCard(by="a"),
        TypeAnswer(by="a", text="Ik"),
        ExtendTimer(by="b"),
        PassCard(by="a"),
        FinishTurn(by="a"),
        HandCard(by="a", to="b"),
        SkipPlayer(by="a", seat_id="a"),
    ):
        rejects(paused, action, "game_paused")
    plain = run(started("a", "b"), DrawCard(by="a"))
    rejects(plain, TypeAnswer(by="a", text="Ik"), "typed_answers_off")
    rejects(plain, ExtendTimer(by="a"), "no_timer")
    rejects(lobby("a"), SetPaused(by="a", paused=True), "game_not_started")
