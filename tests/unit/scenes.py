"""Building engine scenes for tests: rooms in the lobby or playing, and checking refusals."""

from __future__ import annotations

import copy
import json

import pytest

from kletsborden.engine import GameError, RoomState, Settings, apply, encode, new_room
from kletsborden.engine.actions import Action, AddSeat, StartGame
from kletsborden.engine.state import Card, CardText, Role

NAMES = {"a": "Anna", "b": "Bram", "c": "Cato", "d": "Daan", "e": "Eva"}


def card(card_id: str, sense: str, depth: int = 1) -> Card:
    texts = {"nl": CardText(f"Vraag {card_id}?")}
    return Card(id=card_id, sense=sense, kind="gewoon", depth=depth, texts=texts)


def run(state: RoomState, *actions: Action) -> RoomState:
    """Apply the actions in order and return the final state."""
    for action in actions:
        state, _ = apply(state, action)
    return state


def lobby(
    *seat_ids: str, seed: int = 7, spectators: tuple[str, ...] = (), **settings_fields
) -> RoomState:
    """A room in the lobby; players join in the given order (the first becomes host)."""
    state = new_room(seed, Settings(**settings_fields))
    for seat_id in seat_ids:
        state = run(state, AddSeat(seat_id=seat_id, name=NAMES[seat_id]))
    for seat_id in spectators:
        state = run(state, AddSeat(seat_id=seat_id, name=f"Scherm {seat_id}", role=Role.SPECTATOR))
    return state


def start(*seat_ids: str, cards: tuple[Card, ...], at: float = 0.0, **kwargs) -> RoomState:
    """A room whose host (the first seat) started the game with ``cards`` at time ``at``."""
    return run(lobby(*seat_ids, **kwargs), StartGame(by=seat_ids[0], cards=cards, at=at))


def rejects(state: RoomState, action: Action, code: str) -> GameError:
    """The action is illegal with this code, and the given state is left exactly as it was."""
    before = copy.deepcopy(state)
    encoded = json.dumps(encode(state))
    with pytest.raises(GameError) as caught:
        apply(state, action)
    assert caught.value.code == code
    assert state == before
    assert json.dumps(encode(state)) == encoded
    return caught.value


def answers(state: RoomState) -> list[tuple[str, str]]:
    """What each answerer did with the most recently drawn card."""
    return [(ans.seat_id, ans.outcome.value) for ans in state.history[-1].answers]
