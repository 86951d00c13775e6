"""One copy of each card in a process's memory, however many rooms play it.

Each room holds its game's card pool (96 cards of the default edition, with their texts in
every language the edition has). Built separately for every game, the pools were most of a
process's memory per player: about 70 KB of the 160 KB each player added with 2,000 players
(docs/performance.md). A card read or built for a room is swapped here for an equal card
already in memory; cards are frozen and compared by content, so sharing them changes nothing
else. The newest ``SHARED_CARDS`` distinct cards are kept (an edited card is a new one).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import msgspec

from ..config import SHARED_CARDS
from ..engine.state import Card

_known: OrderedDict[bytes, Card] = OrderedDict()
_lock = threading.Lock()


def shared(cards: Iterable[Card]) -> tuple[Card, ...]:
    """``cards`` made of the copies already in memory, where there are equal ones."""
    return tuple(_one(card) for card in cards)


def _one(card: Card) -> Card:
    key = msgspec.json.encode(card)  # all of it: texts, status and image too
    with _lock:
        known = _known.get(key)
        if known is not None:
            _known.move_to_end(key)
            return known
        _known[key] = card
        while len(_known) > SHARED_CARDS:
            _known.popitem(last=False)
        return card
