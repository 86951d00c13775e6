"""The room state as the database keeps it: compiled (msgspec), versioned, the cards apart.

A room is two JSON values. ``rooms.state`` is what a move changes (seats, decks, the turn, the
latest plays and the tally) with a ``format`` number; ``room_cards`` holds the game's card pool,
written once when the game starts and only read again by a process that has not seen the room
yet. msgspec builds and reads the engine's own dataclasses in C, driven by their type hints, so
the engine stays plain Python and needs no codec of its own.

Inside the state a card is written as its position among the decks' pools (two characters, not
a twenty-character id), and a deck without its pool, which is rebuilt from the game's cards
(``pool_of``): a move writes the whole state, and that halved it (docs/performance.md).

Adding a field to an engine dataclass (say a seat's ``in_voice``) needs nothing here, as long as
it has a default: older JSON simply lacks the key and the default fills it in. A change that a
default cannot express (a renamed or reshaped field) raises ``FORMAT`` and adds a step to
``_UPGRADES`` that turns the previous format into the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import chain
from typing import Any

import msgspec

from ..engine.decks import pool_of
from ..engine.state import Card, CardFigure, Phase, RoomState, replace
from ..engine.tally import keep_recent
from .shared_cards import shared

# 1: the whole state with its cards (before the format number); 2: the cards apart, a tally;
# 3: the tally's figures per card as rows, in the order of FIGURE_FIELDS (see _figure_rows);
# 4: cards in decks and figures as positions (see _positions), decks without their pools.
FORMAT = 4

Json = dict[str, Any]

# A row holds exactly these values, ``CardFigure``'s fields (tests/store/test_room_format.py):
# a field added there needs a new format, unlike the rest of the state, where a field with a
# default needs nothing.
FIGURE_FIELDS = ("card_id", "drawn", "passed", "set_aside", "topic_signals")


class _StoredDeck(msgspec.Struct):
    """A deck as stored: its pool is the game's cards of its sense, so only what is left."""

    sense: str
    remaining: list[int]
    shuffles: int


@lru_cache(maxsize=256)
def _positions(pools: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """Each card of the decks' pools by its position among them all, in the decks' order.
    Rooms that play the same cards share one entry (the cache is keyed by the pools)."""
    return {card_id: n for n, card_id in enumerate(chain.from_iterable(pools))}


def _figure_rows(figures: tuple[CardFigure, ...], positions: dict[str, int]) -> list[Any]:
    """The figures per card as rows: after a long game they were over half of the stored
    state as objects (each repeating five field names), and a move writes the whole state.
    A card outside the decks (none is, today) keeps its id."""
    at = positions.get
    return [
        (at(f.card_id, f.card_id), f.drawn, f.passed, f.set_aside, f.topic_signals) for f in figures
    ]


def _stored(state: RoomState) -> RoomState:
    """The state in its stored shape, its ``cards`` empty (the encoders drop that key)."""
    positions = _positions(tuple(deck.pool for deck in state.decks))
    decks = tuple(
        _StoredDeck(d.sense, list(map(positions.__getitem__, d.remaining)), d.shuffles)
        for d in state.decks
    )
    tally = replace(state.tally, per_card=_figure_rows(state.tally.per_card, positions))
    return replace(state, cards=(), decks=decks, tally=tally)


def encode_state(state: RoomState) -> Json:
    """The state without its cards, ready for a JSON column."""
    data = msgspec.to_builtins(_stored(state))
    del data["cards"]
    data["format"] = FORMAT
    return data


# The state's own (emptied) ``cards`` field in its JSON text: in JSON a quote inside a string is
# always escaped, and no part of the state before its ``decks`` has a field of that name, so
# this text is that field and nothing else (the property tests compare with ``encode_state``).
_EMPTY_CARDS = b',"cards":[],'


def state_json(state: RoomState) -> msgspec.Raw:
    """``encode_state`` as the JSON text the column holds, written by msgspec in one pass:
    without first building a dict and a list for every part of the state, which made the
    save the largest part of a move, collections included (docs/performance.md)."""
    head, found, tail = msgspec.json.encode(_stored(state)).partition(_EMPTY_CARDS)
    if not found:  # reordered: the slower way stays right
        return msgspec.Raw(msgspec.json.encode(encode_state(state)))
    return msgspec.Raw(b'{"format":%d,%s,%s' % (FORMAT, head[1:], tail))


def encode_cards(cards: tuple[Card, ...]) -> list[Any]:
    return msgspec.to_builtins(cards)


def decode_state(data: Json, cards: Callable[[], Any]) -> RoomState:
    """Rebuild a state of any format; ``cards()`` gives the stored pool when the game has one.

    Raises ``ValueError`` when the data does not fit the engine's types.
    """
    data, inline = _upgrade(data)
    pool: tuple[Card, ...] = ()
    if data.get("phase", Phase.LOBBY) != Phase.LOBBY:
        pool = inline if inline is not None else cards()
        if not isinstance(pool, tuple):
            pool = decode_cards(pool, _language(data))
    try:
        state = msgspec.convert(_with_card_ids(data, pool), RoomState)
    except msgspec.ValidationError as error:
        raise ValueError(str(error)) from error
    if state.phase is Phase.LOBBY:
        return state
    return keep_recent(replace(state, cards=pool))


def decode_cards(data: Any, language: str) -> tuple[Card, ...]:
    """The stored pool; a card stored before cards had ``texts`` held only the room's
    ``language``, its words beside its facts (the pool is stored apart, without a format of its
    own, so such a card is recognised by its shape)."""
    if isinstance(data, list) and any(isinstance(c, dict) and "question" in c for c in data):
        data = [_with_texts(card, language) for card in data]
    try:
        return shared(msgspec.convert(data or [], tuple[Card, ...]))
    except msgspec.ValidationError as error:
        raise ValueError(str(error)) from error


def _with_texts(card: Any, language: str) -> Any:
    if not isinstance(card, dict) or "question" not in card:
        return card
    card = dict(card)
    words = {key: card.pop(key, None) for key in ("question", "follow_up", "image_alt")}
    return {**card, "texts": {language: words}}


def upgrade_stored(state: Json, cards: Any) -> tuple[Json, list[Any] | None]:
    """A stored room of any format in the newest one: the (state, cards) to write back."""
    if state.get("format") == FORMAT:
        return state, cards
    decoded = decode_state(state, lambda: cards)
    return encode_state(decoded), encode_cards(decoded.cards) if decoded.cards else None


Step = Callable[[Json, Any], tuple[Json, Any]]


def _from_1(data: Json, inline: Any) -> tuple[Json, Any]:
    """Format 1 held the cards inline and every play (``decode_state`` tallies the old ones);
    its plays did not carry their card's depth."""
    cards = data.pop("cards", [])
    depths = {card.get("id"): card.get("depth", 0) for card in cards if isinstance(card, dict)}
    plays = data.get("history", [])
    if isinstance(plays, list) and all(isinstance(play, dict) for play in plays):
        data["history"] = [{**p, "depth": depths.get(p.get("card_id"), 0)} for p in plays]
    return data, cards


def _from_2(data: Json, inline: Any) -> tuple[Json, Any]:
    """Format 2 wrote the figures per card as objects."""

    def as_row(figure: Any) -> Any:
        return [figure.get(name) for name in FIGURE_FIELDS] if isinstance(figure, dict) else figure

    return _with_figures(data, as_row), inline


def _with_figures(data: Json, change: Callable[[Any], Any]) -> Json:
    """``data`` with ``change`` applied to each of its tally's figures per card (as found)."""
    tally = data.get("tally")
    if not isinstance(tally, dict) or not isinstance(tally.get("per_card"), list | tuple):
        return data  # no figures (yet), or not a tally: msgspec says what is wrong
    return {**data, "tally": {**tally, "per_card": [change(f) for f in tally["per_card"]]}}


def _same(data: Json, inline: Any) -> tuple[Json, Any]:
    """Format 3 wrote card ids where format 4 writes positions (ids are still read), and each
    deck's pool (rebuilt from the cards instead)."""
    return data, inline


def _with_card_ids(data: Json, cards: tuple[Card, ...]) -> Json:
    """The newest format as msgspec builds the engine's state from it: each deck with its pool
    rebuilt from the game's cards, the figures as objects, a card's position as its id."""
    decks = data.get("decks")
    if not isinstance(decks, list | tuple):
        return data  # msgspec says what is wrong
    pools = [pool_of(cards, d.get("sense")) if isinstance(d, dict) else () for d in decks]
    ids = list(chain.from_iterable(pools))

    def card(ref: Any) -> Any:
        if isinstance(ref, str):  # written by format 3, or a card outside the decks
            return ref
        if type(ref) is not int or not 0 <= ref < len(ids):
            raise ValueError(f"no card at position {ref!r} among the game's {len(ids)}")
        return ids[ref]

    def deck(stored: Any, pool: tuple[str, ...]) -> Any:
        if not isinstance(stored, dict) or not isinstance(stored.get("remaining"), list | tuple):
            return stored
        return {**stored, "pool": pool, "remaining": [card(r) for r in stored["remaining"]]}

    def figure(row: Any) -> Any:
        if not isinstance(row, list | tuple) or len(row) != len(FIGURE_FIELDS):
            raise ValueError(f"a figure per card is a row of {len(FIGURE_FIELDS)} values")
        return dict(zip(FIGURE_FIELDS, (card(row[0]), *row[1:]), strict=True))

    return _with_figures({**data, "decks": list(map(deck, decks, pools))}, figure)


# format n -> the step that makes format n + 1 of it: (state data, inline cards or None)
_UPGRADES: dict[int, Step] = {1: _from_1, 2: _from_2, 3: _same}


def _upgrade(data: Json) -> tuple[Json, tuple[Card, ...] | None]:
    """The data in the newest format (without its number), and any cards it carried inline."""
    if not isinstance(data, dict):
        raise ValueError("a stored room is a JSON object")
    data = dict(data)
    version, inline = data.pop("format", 1), None
    while version != FORMAT:
        if version not in _UPGRADES:
            raise ValueError(f"unknown room format {version!r}")
        data, inline = _UPGRADES[version](data, inline)
        version += 1
    return data, None if inline is None else decode_cards(inline, _language(data))


def _language(data: Json) -> Any:
    """The room's language: the language of cards stored before they had ``texts``."""
    settings = data.get("settings")
    return settings.get("language", "nl") if isinstance(settings, dict) else "nl"
