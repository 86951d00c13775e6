"""The engine's own ``replace`` gives what ``dataclasses.replace`` gives, faster."""

from __future__ import annotations

import dataclasses

import msgspec
import pytest

from kletsborden.engine import actions as a
from kletsborden.engine import apply, new_room
from kletsborden.engine.state import Card, CardText, Role, RoomState, Seat, Tally, replace
from kletsborden.store.room_codec import decode_state, encode_state

CARDS = tuple(
    Card(f"k/{sense}-{n}", sense, "gewoon", 1 + n % 3, {"nl": CardText(f"Vraag {n}?")})
    for sense in ("horen", "zien", "voelen")
    for n in range(4)
)


def _played() -> RoomState:
    state = new_room(3)
    for i, seat in enumerate("ab"):
        role = Role.HOST if i == 0 else Role.PLAYER
        state, _ = apply(state, a.AddSeat(seat_id=seat, name=seat, role=role, at=1.0))
    state, _ = apply(state, a.StartGame(by="a", cards=CARDS, at=2.0))
    for turn in range(5):
        state, _ = apply(state, a.DrawCard(by=state.turn.active, at=3.0 + turn))
        state, _ = apply(state, a.FinishTurn(by=state.turn.active, at=3.5 + turn))
    return state


@pytest.mark.parametrize(
    ("make", "changes"),
    [
        (_played, {"locked": True, "paused_at": 9.0}),
        (_played, {}),
        (lambda: _played().seats[0], {"name": "Bram", "connected": False}),
        (lambda: _played().tally, {"per_card": ()}),
        (lambda: _played().decks[1], {"remaining": ("k/zien-0",)}),
        # msgspec leaves fields at their class default out of the instance's __dict__
        (lambda: decode_state(encode_state(_played()), lambda: CARDS), {"show_join": False}),
        (lambda: msgspec.convert({}, Tally), {"per_card": ()}),
    ],
)
def test_replace_is_the_standard_replace(make, changes) -> None:
    value = make()
    kept = dataclasses.replace(value)
    copy = replace(value, **changes)
    assert copy == dataclasses.replace(value, **changes)
    assert type(copy) is type(value) and copy is not value
    assert value == kept  # the original is untouched
    for name, changed in changes.items():
        assert getattr(copy, name) == changed


def test_an_unknown_field_is_a_type_error_and_changes_nothing() -> None:
    seat = Seat(id="a", name="Anna")
    with pytest.raises(TypeError, match="nickname"):
        replace(seat, nickname="An")
    with pytest.raises(TypeError):
        replace(seat, name="Bram", nickname="Bram")
    assert seat == Seat(id="a", name="Anna")
