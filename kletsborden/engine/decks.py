"""Draw piles: shuffled from the room's seed, so the same seed always deals the same game."""

from __future__ import annotations

import random

from .state import Card, Deck, replace


def _shuffled(pool: tuple[str, ...], seed: int, sense: str, shuffles: int) -> list[str]:
    order = sorted(pool)
    random.Random(f"{seed}/{sense}/{shuffles}").shuffle(order)
    return order


def pool_of(cards: tuple[Card, ...], sense: str) -> tuple[str, ...]:
    """A deck's pool: its sense's cards among the game's, by id (so the store can leave it out
    of a room's state and rebuild it from the game's cards)."""
    return tuple(sorted(c.id for c in cards if c.sense == sense))


def build_decks(cards: tuple[Card, ...], senses: tuple[str, ...], seed: int) -> tuple[Deck, ...]:
    """One shuffled deck per sense in play; a sense without cards gets an empty deck."""
    decks = []
    for sense in senses:
        pool = pool_of(cards, sense)
        decks.append(Deck(sense, pool, tuple(_shuffled(pool, seed, sense, 1)), 1))
    return tuple(decks)


def draw(deck: Deck, seed: int) -> tuple[str, Deck, bool]:
    """Take the top card. An emptied deck is reshuffled at once, never starting with that card.

    Returns the card id, the new deck and whether it was reshuffled.
    """
    card_id, rest = deck.remaining[0], deck.remaining[1:]
    if rest:
        return card_id, replace(deck, remaining=rest), False
    shuffles = deck.shuffles + 1
    order = _shuffled(deck.pool, seed, deck.sense, shuffles)
    if len(order) > 1 and order[0] == card_id:
        order.append(order.pop(0))
    return card_id, replace(deck, remaining=tuple(order), shuffles=shuffles), True


def choose_sense(senses: list[str], seed: int, draw_number: int) -> str:
    """The sense chance picks for the given draw, reproducible from the seed."""
    return random.Random(f"{seed}/chance/{draw_number}").choice(senses)
