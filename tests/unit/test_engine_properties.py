"""Property tests: random games of random moves never break the engine's invariants."""

from __future__ import annotations

import json
from collections import defaultdict

import hypothesis
from hypothesis import given, settings
from hypothesis import strategies as st

from kletsborden.engine import GameError, RoomState, apply, decode, encode, new_room
from kletsborden.engine import actions as a
from kletsborden.engine import events as ev
from kletsborden.engine.state import SENSES, Answering, Card, Phase, Role, Settings

POOL = tuple(
    Card(f"{sense}-{depth}-{n}", sense, "gewoon", depth, f"Vraag {n}?")
    for sense in SENSES
    for depth in (1, 2, 3)
    for n in range(3)
)
SEAT_IDS = [f"s{i}" for i in range(7)]

room_settings = st.builds(
    Settings,
    senses=st.lists(st.sampled_from(SENSES), min_size=1, max_size=3, unique=True).map(tuple),
    max_depth=st.sampled_from((1, 2, 3)),
    answering=st.sampled_from(list(Answering)),
    max_players=st.none() | st.integers(min_value=1, max_value=6),
)
seat_index = st.integers(min_value=0, max_value=len(SEAT_IDS) - 1)
# Moves name their actor by seat or by what they are to the game, so that most moves are legal.
actor = seat_index | st.sampled_from(["active", "waiting", "waiting", "host"])
sense_choice = st.none() | st.sampled_from(SENSES)

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
    # the moves of a normal turn, more often than the rest
    st.tuples(st.just("draw"), st.just("active"), sense_choice),
    st.tuples(st.just("draw"), st.just("active"), sense_choice),
    st.tuples(st.just("finish"), st.just("waiting")),
    st.tuples(st.just("finish"), st.just("waiting")),
    st.tuples(st.just("pass"), st.just("waiting")),
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
    if isinstance(who, int):
        return SEAT_IDS[who]
    turn = state.turn
    found = {
        "active": turn.active if turn else None,
        "waiting": state.waiting_on,
        "host": state.host.id if state.host else None,
    }[who]
    return found or "nobody"


def to_action(state: RoomState, move: tuple, step: int) -> a.Action:
    kind, *args = move
    at = float(step)
    seat = resolve(state, args[0]) if args else "nobody"
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
    raise AssertionError(kind)


def check_invariants(state: RoomState) -> None:
    eligible = {s.id for s in state.seats if s.eligible}
    players = [s for s in state.seats if s.plays]
    hosts = [s for s in state.seats if s.role is Role.HOST]
    assert len(hosts) <= 1
    if players:
        assert len(hosts) == 1, "a room with players always has a host"
    assert len({s.name.casefold() for s in state.seats}) == len(state.seats)
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
    else:
        assert state.turn is None


@settings(max_examples=500, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    room=room_settings,
    script=scripts,
)
def test_random_games_keep_invariants(seed: int, room: Settings, script: list[tuple]) -> None:
    state = new_room(seed, room)
    drawn_since_shuffle: dict[str, list[str]] = defaultdict(list)
    draws = 0
    for step, move in enumerate(script):
        before = state
        try:
            state, events = apply(state, to_action(state, move, step))
        except GameError:
            assert state is before
            continue
        for change in events:
            if isinstance(change, ev.CardDrawn):
                draws += 1
                drawn_since_shuffle[change.sense].append(change.card_id)
            if isinstance(change, ev.DeckShuffled):
                drawn_since_shuffle[change.sense] = []
            if isinstance(change, ev.GameStarted):
                drawn_since_shuffle.clear()
                draws = 0
        check_invariants(state)
        for deck in state.decks:
            drawn = drawn_since_shuffle[deck.sense]
            assert len(drawn) == len(set(drawn)), "no card repeats before its deck is exhausted"
            assert not set(drawn) & set(deck.remaining)
            assert set(drawn) | set(deck.remaining) == set(deck.pool)
        assert len(state.history) == draws
        data = encode(state)
        assert decode(RoomState, json.loads(json.dumps(data))) == state
    hypothesis.event(f"cards drawn: {'0' if not draws else '1-9' if draws < 10 else '10+'}")
    hypothesis.event(f"ended in phase {state.phase.value}")


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), n=st.integers(min_value=1, max_value=40))
def test_same_seed_same_game(seed: int, n: int) -> None:
    """A room's seed alone decides its deal: replaying the same moves deals the same cards."""

    def play() -> list[str]:
        state = new_room(seed)
        state, _ = apply(state, a.AddSeat(seat_id="s0", name="Anna"))
        state, _ = apply(state, a.StartGame(by="s0", cards=POOL))
        for _ in range(n):
            state, _ = apply(state, a.DrawCard(by="s0"))
            state, _ = apply(state, a.FinishTurn(by="s0"))
        return [p.card_id for p in state.history]

    assert play() == play()
