"""Cards a facilitator left out are never drawn: not at the start, not after any reshuffle."""

from __future__ import annotations

from scenes import card, lobby, run, start

from kletsborden.engine.actions import ChangeSettings, DrawCard, FinishTurn, StartGame
from kletsborden.engine.state import Settings

CARDS = tuple(
    card(f"k/{sense}-{n}", sense, depth=1 + n % 3) for sense in ("horen", "zien") for n in range(6)
)
LEFT_OUT = ("k/horen-0", "k/horen-3", "k/zien-5", "elders/onbekend")


def test_left_out_cards_are_not_in_the_game_and_never_drawn() -> None:
    state = start("a", "b", cards=CARDS, excluded_cards=LEFT_OUT)
    assert not {c.id for c in state.cards} & set(LEFT_OUT)
    for deck in state.decks:
        assert not set(deck.pool) & set(LEFT_OUT) and not set(deck.remaining) & set(LEFT_OUT)
    drawn = []
    for number in range(60):  # many times round each deck, so through several reshuffles
        active = state.turn.active
        sense = ("horen", "zien", None)[number % 3]
        draw = DrawCard(by=active, sense=sense, at=number)
        state = run(state, draw, FinishTurn(by=active, at=number))
        drawn.append(state.history[-1].card_id)
    assert max(d.shuffles for d in state.decks) > 2
    assert not set(drawn) & set(LEFT_OUT)
    assert set(drawn) == {c.id for c in CARDS} - set(LEFT_OUT), "every other card still comes"


def test_an_unknown_card_id_is_harmless() -> None:
    state = start("a", "b", cards=CARDS, excluded_cards=("x/y", "niets"))
    assert {c.id for c in state.cards} == {c.id for c in CARDS}


def test_cards_left_out_in_the_lobby_are_left_out_at_the_start() -> None:
    changed = ChangeSettings(by="a", settings=Settings(excluded_cards=("k/zien-1",)), at=1)
    state = run(lobby("a", "b"), changed, StartGame(by="a", cards=CARDS, at=2))
    assert "k/zien-1" not in {c.id for c in state.cards}
    assert len(state.cards) == len(CARDS) - 1
