"""Property tests: random games of random moves never break the engine's invariants."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

import hypothesis
from hypothesis import given, settings
from hypothesis import strategies as st

from kletsborden.engine import GameError, RoomState, apply, decode, encode, new_room
from kletsborden.engine import actions as a
from kletsborden.engine import events as ev
from kletsborden.engine.rules import next_deadline
from kletsborden.engine.state import (
    HALL,
    REACTIONS,
    REFLECTION_QUESTIONS,
    REFLECTION_SCALE,
    SENSES,
    Answering,
    Card,
    CardText,
    Phase,
    PlayMode,
    Role,
    Settings,
)
from kletsborden.engine.summary import session_figures
from kletsborden.engine.tally import HISTORY_KEPT
from kletsborden.store.room_codec import decode_state, encode_state, state_json

POOL = tuple(
    Card(f"{sense}-{depth}-{n}", sense, "gewoon", depth, {"nl": CardText(f"Vraag {n}?")})
    for sense in SENSES
    for depth in (1, 2, 3)
    for n in range(3)
)
SEAT_IDS = [f"s{i}" for i in range(7)]
START_TIME = 1_000.0  # times are whole seconds, so deadlines compare exactly
VOICE_MAX = 3  # a small voice table, so that it fills up

timers = st.none() | st.sampled_from([10, 30, 60, 120])
room_settings = st.builds(
    Settings,
    senses=st.lists(st.sampled_from(SENSES), min_size=1, max_size=3, unique=True).map(tuple),
    max_depth=st.sampled_from((1, 2, 3)),
    answering=st.sampled_from(list(Answering)),
    max_players=st.none() | st.integers(min_value=1, max_value=6),
    typed_answers=st.booleans(),
    turn_timer_seconds=timers,
    play_mode=st.sampled_from(list(PlayMode)),
)
seat_index = st.integers(min_value=0, max_value=len(SEAT_IDS) - 1)
# Moves name their actor by seat or by what they are to the game, so that most moves are legal.
actor = seat_index | st.sampled_from(["active", "waiting", "waiting", "host"])
lead = st.sampled_from(["host", "host", "lead"]) | seat_index
sense_choice = st.none() | st.sampled_from(SENSES)
reaction = st.sampled_from([*REACTIONS, "boo"])
typed_text = st.sampled_from(["Mijn verhaal", "  Nog iets  ", "", "   "])
some_role = st.sampled_from([Role.HOST, Role.COHOST, Role.COHOST, Role.PLAYER, Role.SPECTATOR])

# The moves of the game itself: refused while paused, by the pause or by a check made before it.
GAME_MOVES = {"draw", "hand", "pass", "finish", "skip", "type", "extend", "for", "aside"}
PAUSED_REFUSALS = {"game_paused", "typed_answers_off", "not_host", "unknown_seat", "not_deviceless"}

moves = st.one_of(
    st.tuples(st.just("join"), seat_index, st.sampled_from([Role.PLAYER, Role.SPECTATOR])),
    st.tuples(st.just("leave"), actor),
    st.tuples(st.just("connect"), actor, st.booleans()),
    st.tuples(st.just("away"), actor),
    st.tuples(st.just("start"), actor),
    st.tuples(st.just("draw"), actor, sense_choice),
    st.tuples(st.just("hand"), actor, seat_index),
    st.tuples(st.just("pass"), actor),
    st.tuples(st.just("finish"), actor),
    st.tuples(st.just("skip"), actor, actor),
    st.tuples(st.just("end"), seat_index),
    # the room controls
    st.tuples(st.just("kick"), lead, actor),
    st.tuples(st.just("kick"), st.just("host"), st.just("lead")),
    st.tuples(st.just("lock"), lead, st.booleans()),
    st.tuples(st.just("show"), lead, st.booleans()),
    st.tuples(st.just("pause"), lead, st.just(True)),
    st.tuples(st.just("pause"), lead, st.just(False)),
    st.tuples(st.just("pause"), st.just("host"), st.just(False)),
    st.tuples(st.just("role"), lead, actor, some_role),
    st.tuples(st.just("sit"), actor, actor, st.booleans()),
    st.tuples(st.just("react"), actor, reaction),
    st.tuples(st.just("type"), actor, typed_text),
    st.tuples(st.just("type"), st.just("waiting"), st.just("Wat ik zag")),
    st.tuples(st.just("type"), st.just("waiting"), st.just("Wat ik hoorde")),
    st.tuples(st.just("extend"), actor),
    st.tuples(st.just("settings"), lead, st.booleans(), timers),
    st.tuples(st.just("tick"), st.integers(min_value=0, max_value=150)),
    st.tuples(st.just("tick"), st.integers(min_value=0, max_value=150)),
    # the moves of a normal turn, more often than the rest
    st.tuples(st.just("draw"), st.just("active"), sense_choice),
    st.tuples(st.just("draw"), st.just("active"), sense_choice),
    st.tuples(st.just("draw"), st.just("active"), sense_choice),
    st.tuples(st.just("finish"), st.just("waiting")),
    st.tuples(st.just("finish"), st.just("waiting")),
    st.tuples(st.just("finish"), st.just("waiting")),
    st.tuples(st.just("pass"), st.just("waiting")),
    # facilitation: seats without a device, the change-topic signal, the closing reflection
    st.tuples(st.just("nophone"), lead, seat_index),
    st.tuples(st.just("for"), lead, st.sampled_from(["draw", "finish", "pass"])),
    st.tuples(st.just("for"), lead, st.sampled_from(["draw", "finish", "pass"])),
    st.tuples(st.just("topic"), actor, st.booleans()),
    st.tuples(st.just("aside"), lead),
    st.tuples(
        st.just("reflect"),
        actor,
        st.lists(
            st.tuples(
                st.sampled_from([*REFLECTION_QUESTIONS, "mood"]),
                st.sampled_from([*REFLECTION_SCALE, "maybe"]),
            ),
            max_size=4,
        ),
    ),
    # the voice table: seats and the hall come and go, mute, are asked to, switch the play mode
    st.tuples(st.just("voice"), actor | st.just(HALL), st.booleans()),
    st.tuples(st.just("voice"), actor, st.booleans()),
    st.tuples(st.just("hangup"), actor | st.just(HALL)),
    st.tuples(st.just("mute"), actor | st.just(HALL), st.booleans()),
    st.tuples(st.just("askmute"), lead, actor | st.just(HALL)),
    st.tuples(st.just("camera"), actor | st.just(HALL), st.booleans()),
    st.tuples(st.just("mode"), lead, st.sampled_from(list(PlayMode))),
)
# Most games open the usual way: a few people join and the host starts.
openings = st.lists(
    st.tuples(st.just("join"), seat_index, st.just(Role.PLAYER)), min_size=1, max_size=6
).map(lambda joins: [*joins, ("start", "host")])
scripts = st.tuples(openings, st.lists(moves, min_size=20, max_size=80)).map(
    lambda parts: parts[0] + parts[1]
)


def resolve(state: RoomState, who: int | str) -> str:
    """The seat id a move names; unknown roles give an id no seat has."""
    if who == HALL:
        return HALL
    if isinstance(who, int):
        return SEAT_IDS[who]
    turn = state.turn
    cohosts = [s.id for s in state.seats if s.role is Role.COHOST]
    found = {
        "active": turn.active if turn else None,
        "waiting": state.waiting_on,
        "host": state.host.id if state.host else None,
        "lead": cohosts[0] if cohosts else state.host.id if state.host else None,
    }[who]
    return found or "nobody"


def to_action(state: RoomState, move: tuple, at: float, grace: float) -> a.Action:
    kind, *args = move
    seat = resolve(state, args[0]) if args and kind != "tick" else "nobody"
    match kind:
        case "join":
            return a.AddSeat(seat_id=seat, name=f"Naam {seat}", role=args[1], at=at)
        case "leave":
            return a.RemoveSeat(seat_id=seat, at=at)
        case "connect":
            return a.SetConnected(seat_id=seat, connected=args[1], at=at)
        case "away":
            return a.MarkAway(seat_id=seat, at=at)
        case "start":
            return a.StartGame(by=seat, cards=POOL, at=at)
        case "draw":
            return a.DrawCard(by=seat, sense=args[1], at=at)
        case "hand":
            return a.HandCard(by=seat, to=SEAT_IDS[args[1]], at=at)
        case "pass":
            return a.PassCard(by=seat, at=at)
        case "finish":
            return a.FinishTurn(by=seat, at=at)
        case "skip":
            return a.SkipPlayer(by=seat, seat_id=resolve(state, args[1]), at=at)
        case "end":
            return a.EndGame(by=seat, at=at)
        case "kick":
            return a.Kick(by=seat, seat_id=resolve(state, args[1]), at=at)
        case "lock":
            return a.SetLocked(by=seat, locked=args[1], at=at)
        case "show":
            return a.SetShowJoin(by=seat, show=args[1], at=at)
        case "pause":
            return a.SetPaused(by=seat, paused=args[1], at=at)
        case "role":
            return a.SetRole(by=seat, seat_id=resolve(state, args[1]), role=args[2], at=at)
        case "sit":
            target = resolve(state, args[1])
            return a.SetTakesTurns(by=seat, seat_id=target, takes_turns=args[2], at=at)
        case "react":
            return a.React(by=seat, reaction=args[1], at=at)
        case "type":
            return a.TypeAnswer(by=seat, text=args[1], at=at)
        case "extend":
            return a.ExtendTimer(by=seat, at=at)
        case "settings":
            live = {"typed_answers": args[1], "turn_timer_seconds": args[2]}
            return a.ChangeSettings(by=seat, settings=replace(state.settings, **live), at=at)
        case "tick":
            return a.Tick(grace=grace, at=at)
        case "nophone":
            seat_id = SEAT_IDS[args[1]]
            return a.AddDevicelessSeat(by=seat, seat_id=seat_id, name=f"Naam {seat_id}", at=at)
        case "for":
            waiting = resolve(state, "waiting")
            move = {
                "draw": a.DrawCard(by=waiting, at=at),
                "finish": a.FinishTurn(by=waiting, at=at),
                "pass": a.PassCard(by=waiting, at=at),
            }[args[1]]
            return a.ActFor(by=seat, action=move, at=at)
        case "topic":
            return a.AskTopicChange(by=seat, show_name=args[1], at=at)
        case "aside":
            return a.SetCardAside(by=seat, at=at)
        case "reflect":
            return a.Reflect(by=seat, answers=tuple(args[1]), at=at)
        case "voice":
            return a.JoinVoice(by=seat, max_peers=VOICE_MAX, camera=args[1], at=at)
        case "hangup":
            return a.LeaveVoice(by=seat, at=at)
        case "mute":
            return a.SetMuted(by=seat, muted=args[1], at=at)
        case "askmute":
            return a.AskToMute(by=seat, seat_id=resolve(state, args[1]), at=at)
        case "camera":
            return a.SetCamera(by=seat, on=args[1], at=at)
        case "mode":
            mode = replace(state.settings, play_mode=args[1])
            return a.ChangeSettings(by=seat, settings=mode, at=at)
    raise AssertionError(kind)


def check_invariants(state: RoomState) -> None:
    eligible = {s.id for s in state.seats if s.eligible}
    players = [s for s in state.seats if s.plays and s.has_device]
    hosts = [s for s in state.seats if s.role is Role.HOST]
    assert len(hosts) <= 1
    if players:
        assert len(hosts) == 1, "a room with players (with a device) always has a host"
    assert len({s.name.casefold() for s in state.seats}) == len(state.seats)
    for seat in state.seats:
        assert (seat.disconnected_at is None) == seat.connected
    if state.paused:
        assert state.phase is Phase.PLAYING, "only a game in play can be paused"
    for seat in state.seats:
        if not seat.has_device:
            assert seat.role is Role.PLAYER, "nobody holds a seat without a device to lead with"
            assert seat.connected and not seat.away
    assert list(state.reflected) == sorted(set(state.reflected))
    played = {p.seat_id for p in state.participants if p.has_device}
    assert set(state.reflected) <= played, "only who played answers: never more respondents"
    for question in REFLECTION_QUESTIONS:
        answered = sum(c.count for c in state.reflection if c.question == question)
        assert answered <= len(state.reflected), "one answer per question per person"
    figures = session_figures(state)
    assert figures.players == len({p.seat_id for p in state.participants})
    assert figures.cards_drawn == state.drawn
    assert len(state.history) <= HISTORY_KEPT
    for play in state.history:
        assert len({t.seat_id for t in play.typed}) == len(play.typed)
        assert all(t.text and t.text == t.text.strip() for t in play.typed)
    check_voice(state)
    if state.phase is Phase.PLAYING:
        turn = state.turn
        assert turn is not None
        if eligible:
            assert turn.active in eligible, "exactly one active player, and never an away one"
        else:
            assert turn.active is None
        assert set(turn.answerers) <= eligible
        assert len(set(turn.answerers)) == len(turn.answerers)
        if turn.card_id is not None:
            assert state.history and state.history[-1].card_id == turn.card_id
        else:
            assert not turn.answerers
        timed = state.settings.turn_timer_seconds is not None and turn.active is not None
        assert (turn.deadline is not None) == timed, "a deadline exactly when a timer runs"
    else:
        assert state.turn is None


def check_voice(state: RoomState) -> None:
    """Who may be at the voice table, and how many."""
    at_table = state.in_voice
    assert len(at_table) <= VOICE_MAX, "never more than the mesh limit"
    if state.settings.play_mode is PlayMode.TOGETHER or state.phase is Phase.ENDED:
        assert at_table == [], "no voice table when playing together, nor after the end"
    if state.settings.play_mode is not PlayMode.MIXED:
        assert state.hall_voice is None, "the hall is only for mixed rooms"
    for seat in state.seats:
        if seat.voice is not None:
            assert not seat.away and seat.has_device, "away and deviceless seats do not talk"
    voices = [state.voice_of(p) for p in at_table]
    sessions = [v.session for v in voices if v is not None]
    assert len(set(sessions)) == len(sessions) and all(
        0 < n <= state.voice_sessions for n in sessions
    )
    assert all(v.muted for v in voices if v is not None and v.asked_to_mute)


def check_next_deadline(state: RoomState, grace: float) -> None:
    """``next_deadline`` says when a ``Tick`` first changes the room: not before, and then."""
    when = next_deadline(state, grace)
    assert when is None or isinstance(when, float)
    if when is None:
        assert apply(state, a.Tick(grace=grace, at=START_TIME + 10**6)) == (state, [])
        return
    assert apply(state, a.Tick(grace=grace, at=when - 1)) == (state, [])
    assert apply(state, a.Tick(grace=grace, at=when))[1]


def check_codec(state: RoomState, before: RoomState) -> None:
    """The room a move changed survives a trip through JSON and back.

    The cards go along only when the move changed them: they are most of the work to encode and
    only change when the game starts (the whole room makes the trip at the end of each game).
    """
    if state is before:
        return
    stored = json.loads(json.dumps(encode_state(state)))
    assert decode_state(stored, lambda: state.cards) == state, "the store's codec"
    assert json.loads(bytes(state_json(state))) == stored, "the text a move writes"
    if state.cards is before.cards:
        state = replace(state, cards=())
    assert decode(RoomState, json.loads(json.dumps(encode(state)))) == state


@settings(max_examples=500, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    room=room_settings,
    grace=st.sampled_from([0.0, 10.0, 30.0, 60.0, 120.0]),
    script=scripts,
)
def test_random_games_keep_invariants(
    seed: int, room: Settings, grace: float, script: list[tuple]
) -> None:
    state = new_room(seed, room)
    drawn_since_shuffle: dict[str, list[str]] = defaultdict(list)
    draws = 0
    now = START_TIME
    kicked: set[str] = set()
    seen: set[str] = set()
    for move in script:
        now += move[1] if move[0] == "tick" else 1
        action = to_action(state, move, now, grace)
        if isinstance(action, (a.AddSeat, a.AddDevicelessSeat)) and action.seat_id in kicked:
            continue  # the service keeps kicked seats out (and gives new seats new ids)
        before = state
        try:
            state, events = apply(state, action)
        except GameError as error:
            assert state is before
            if before.paused and move[0] in GAME_MOVES:
                assert error.code in PAUSED_REFUSALS
            continue
        if before.paused and move[0] in GAME_MOVES:  # so the turn never changes through them
            raise AssertionError(f"{move[0]} went through while paused")
        if before.paused:
            assert not any(isinstance(x, ev.TimerExpired) for x in events), "paused timers wait"
        if before.locked and not isinstance(action, a.AddDevicelessSeat):
            assert {s.id for s in state.seats} <= {s.id for s in before.seats}
        if isinstance(action, a.React):
            assert state == before
        for change in events:
            if isinstance(change, ev.CardDrawn):
                draws += 1
                drawn_since_shuffle[change.sense].append(change.card_id)
            if isinstance(change, ev.DeckShuffled):
                drawn_since_shuffle[change.sense] = []
            if isinstance(change, ev.GameStarted):
                drawn_since_shuffle.clear()
                draws = 0
            if isinstance(change, ev.SeatKicked):
                kicked.add(change.seat_id)
            seen.add(type(change).__name__)
        assert not kicked & {s.id for s in state.seats}, "every kicked seat is gone"
        check_invariants(state)
        check_next_deadline(state, grace)
        for deck in state.decks:
            drawn = drawn_since_shuffle[deck.sense]
            assert len(drawn) == len(set(drawn)), "no card repeats before its deck is exhausted"
            assert not set(drawn) & set(deck.remaining)
            assert set(drawn) | set(deck.remaining) == set(deck.pool)
        assert state.drawn == draws
        check_codec(state, before)
    assert decode(RoomState, json.loads(json.dumps(encode(state)))) == state
    hypothesis.event(f"cards drawn: {'0' if not draws else '1-9' if draws < 10 else '10+'}")
    hypothesis.event(f"ended in phase {state.phase.value}")
    for name in (
        "SeatKicked",
        "PauseChanged",
        "AnswerTyped",
        "TimerExtended",
        "TimerExpired",
        "VoiceJoined",
        "VoiceMuteAsked",
        "VoiceLeft",
    ):
        if name in seen:
            hypothesis.event(f"had {name}")


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), n=st.integers(min_value=1, max_value=40))
def test_same_seed_same_game(seed: int, n: int) -> None:
    """A room's seed alone decides its deal: replaying the same moves deals the same cards."""

    def play() -> list[str]:
        state = new_room(seed)
        state, _ = apply(state, a.AddSeat(seat_id="s0", name="Anna"))
        state, _ = apply(state, a.StartGame(by="s0", cards=POOL))
        drawn = []
        for _ in range(n):
            state, _ = apply(state, a.DrawCard(by="s0"))
            drawn.append(state.history[-1].card_id)
            state, _ = apply(state, a.FinishTurn(by="s0"))
        return drawn

    assert play() == play()
