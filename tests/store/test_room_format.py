"""The stored room format: today's round trip, yesterday's JSON, and the migration between them.

``data/room_format_1.json`` was written by the code before format 2 (the cards inline, every
play kept): a game of three seats 25 draws in, with a typed answer on the card on the table,
and the session figures that code computed from it.
"""

import json
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from kletsborden.engine import actions as a
from kletsborden.engine import apply, decode
from kletsborden.engine.state import CardFigure, CardText, Phase, PlayMode, RoomState, Seat
from kletsborden.engine.summary import LanguageCount, SessionFigures, session_figures
from kletsborden.engine.tally import HISTORY_KEPT
from kletsborden.rooms import RoomService
from kletsborden.store.database import MIGRATIONS, Database
from kletsborden.store.models import RoomCardsRow, RoomRow, SessionRow
from kletsborden.store.room_codec import (
    FIGURE_FIELDS,
    FORMAT,
    decode_state,
    encode_cards,
    encode_state,
    state_json,
    upgrade_stored,
)
from kletsborden.store.rooms import add_room, find_room, purge_rooms, room_state

BEFORE = "0005"  # the migration before the one that stores the cards apart
YESTERDAY = json.loads((Path(__file__).parent / "data" / "room_format_1.json").read_text())


def _played(state: RoomState) -> RoomState:
    """The saved game, one more turn on."""
    state, _ = apply(state, a.FinishTurn(by=state.turn.active, at=500.0))
    state, _ = apply(state, a.DrawCard(by=state.turn.active, at=501.0))
    return state


def test_todays_state_round_trips_without_its_cards() -> None:
    state = _played(decode_state(YESTERDAY["state"], lambda: None))
    stored = json.loads(json.dumps(encode_state(state)))
    assert stored["format"] == FORMAT and "cards" not in stored
    assert json.loads(bytes(state_json(state))) == stored, "the text a move writes"
    cards = json.loads(json.dumps(encode_cards(state.cards)))
    assert decode_state(stored, lambda: cards) == state


def test_yesterdays_json_decodes_to_the_same_game() -> None:
    old = YESTERDAY["state"]
    state = decode_state(old, lambda: pytest.fail("format 1 carries its cards"))
    assert len(state.cards) == len(old["cards"]) == 12
    assert [s.id for s in state.seats] == ["ann", "bob", "cem"]
    assert state.turn.card_id == old["turn"]["card_id"] == state.history[-1].card_id
    assert state.history[-1].typed[0].text == "Ik hoorde de zee."
    assert [d.remaining for d in state.decks] == [tuple(d["remaining"]) for d in old["decks"]]
    # Only the latest plays stay; the older ones live on as counts, and the figures agree.
    assert len(old["history"]) == 25 and len(state.history) == HISTORY_KEPT
    depths = {card["id"]: card["depth"] for card in old["cards"]}
    assert [replace(p, depth=0) for p in state.history] == list(
        decode(RoomState, {**old, "cards": []}).history[-HISTORY_KEPT:]
    )
    # Its cards had one language, the room's, written beside their facts.
    on_table = state.current_card
    old_card = next(c for c in old["cards"] if c["id"] == on_table.id)
    assert on_table.texts == {
        old["settings"]["language"]: CardText(
            old_card["question"], old_card.get("follow_up"), old_card.get("image_alt")
        )
    }
    assert all(p.depth == depths[p.card_id] > 0 for p in state.history)
    assert state.drawn == 25 and state.tally.plays == 25 - HISTORY_KEPT
    figures = session_figures(state)
    # Yesterday's figures had no per-card counts yet; today's count all 25 plays, tallied ones too.
    assert replace(figures, per_card=(), languages=()) == decode(
        SessionFigures, YESTERDAY["figures"]
    )
    # Nor per language: today's count every player in the room's language, as it was.
    assert figures.languages == (LanguageCount("nl", 3),)
    assert sum(card.drawn for card in figures.per_card) == 25


def test_a_seat_field_added_later_takes_its_default_from_older_json() -> None:
    stored = encode_state(decode_state(YESTERDAY["state"], lambda: None))
    del stored["seats"][0]["has_device"]  # as if written before the field existed
    state = decode_state(stored, lambda: YESTERDAY["state"]["cards"])
    assert state.seats[0] == Seat("ann", "Ann", role=state.seats[0].role, has_device=True)


def test_json_from_before_the_voice_table_decodes_with_nobody_at_it() -> None:
    """``data/room_format_2_before_voice.json`` was written by main before issue 12 (a game of
    three, one card answered and a typed answer on the next): no ``voice``, ``hall_voice``,
    ``voice_sessions`` or ``play_mode`` keys. It decodes, plays together, and plays on."""
    before = json.loads(
        (Path(__file__).parent / "data" / "room_format_2_before_voice.json").read_text()
    )
    old = before["state"]
    assert old["format"] == 2 and "voice" not in old["seats"][0]
    state = decode_state(old, lambda: before["cards"])
    assert state.settings.play_mode is PlayMode.TOGETHER
    assert [s.voice for s in state.seats] == [None, None, None]
    assert state.hall_voice is None and state.voice_sessions == 0 and state.in_voice == []
    assert state.history[-1].typed[0].text == "De merel in de tuin."
    assert [s.connected for s in state.seats] == [True, True, False]
    # It plays on, and now someone can take a place at the voice table (saved like any field).
    online = replace(state.settings, play_mode=PlayMode.ONLINE)
    state, _ = apply(state, a.ChangeSettings(by="a", settings=online))
    state, _ = apply(state, a.JoinVoice(by="b", max_peers=8))
    stored = json.loads(json.dumps(encode_state(state)))
    assert stored["seats"][1]["voice"] == {
        "session": 1,
        "muted": False,
        "asked_to_mute": False,
        "camera": False,
    }
    assert decode_state(stored, lambda: before["cards"]) == state
    played = _played(state)
    assert played.drawn == state.drawn + 1


def test_a_seat_without_a_language_reads_the_rooms_and_keeps_its_own_after_a_round_trip() -> None:
    stored = encode_state(decode_state(YESTERDAY["state"], lambda: None))
    for seat in stored["seats"]:
        seat.pop("language", None)  # written before seats had a language
    state = decode_state(stored, lambda: YESTERDAY["state"]["cards"])
    assert [seat.language for seat in state.seats] == [None, None, None]
    state, _ = apply(state, a.SetLanguage(seat_id="bob", language="ar"))
    again = decode_state(json.loads(json.dumps(encode_state(state))), lambda: state.cards)
    assert [seat.language for seat in again.seats] == [None, "ar", None]


def test_a_format_2_pool_written_before_card_texts_reads_as_the_rooms_language() -> None:
    """Rooms saved apart from their cards before ``texts``: words beside the facts."""
    state = decode_state(YESTERDAY["state"], lambda: None)
    stored = encode_state(state)
    stored["settings"]["language"] = "en"
    old_pool = [
        {k: v for k, v in c.items() if k != "texts"} | {"question": c["texts"]["nl"]["question"]}
        for c in encode_cards(state.cards)
    ]
    again = decode_state(stored, lambda: old_pool)
    assert [c.id for c in again.cards] == [c.id for c in state.cards]
    assert {lang for c in again.cards for lang in c.texts} == {"en"}
    assert again.cards[0].texts["en"].question == state.cards[0].texts["nl"].question


def _as_format_3(stored: dict, state: RoomState) -> dict:
    """``stored`` (the newest format) as format 3 wrote it: card ids, each deck with its pool."""
    ids = [card_id for deck in state.decks for card_id in deck.pool]
    decks = [
        {**deck, "pool": list(pool), "remaining": [ids[n] for n in deck["remaining"]]}
        for deck, pool in zip(stored["decks"], (d.pool for d in state.decks), strict=True)
    ]
    rows = [[ids[row[0]], *row[1:]] for row in stored["tally"]["per_card"]]
    tally = {**stored["tally"], "per_card": rows}
    return {**stored, "format": 3, "decks": decks, "tally": tally}


def test_the_figures_per_card_are_rows_and_a_format_2_room_reads_the_same() -> None:
    state = decode_state(YESTERDAY["state"], lambda: None)
    assert len(state.tally.per_card) > 1, "a game with figures per card"
    stored = json.loads(bytes(state_json(state)))
    ids = [card_id for deck in state.decks for card_id in deck.pool]
    first = state.tally.per_card[0]
    assert stored["tally"]["per_card"][0] == [
        ids.index(first.card_id),
        first.drawn,
        first.passed,
        first.set_aside,
        first.topic_signals,
    ]
    format_3 = _as_format_3(stored, state)
    as_objects = [
        dict(zip(FIGURE_FIELDS, row, strict=True)) for row in format_3["tally"]["per_card"]
    ]
    format_2 = {**format_3, "format": 2, "tally": {**format_3["tally"], "per_card": as_objects}}
    assert len(json.dumps(stored)) < len(json.dumps(format_3)) < len(json.dumps(format_2))
    cards = json.loads(json.dumps(encode_cards(state.cards)))
    assert decode_state(format_2, lambda: cards) == decode_state(stored, lambda: cards) == state


def test_decks_are_stored_without_their_pools_and_cards_as_positions() -> None:
    """A move writes the whole state: a card's 20-character id, in every deck's pool and what
    is left of it, was half of it. A format 3 room (ids, pools) reads the same."""
    state = _played(decode_state(YESTERDAY["state"], lambda: None))
    stored = json.loads(bytes(state_json(state)))
    ids = [card_id for deck in state.decks for card_id in deck.pool]
    assert [set(deck) for deck in stored["decks"]] == [{"sense", "remaining", "shuffles"}] * 3
    assert [[ids[n] for n in deck["remaining"]] for deck in stored["decks"]] == [
        list(deck.remaining) for deck in state.decks
    ]
    cards = json.loads(json.dumps(encode_cards(state.cards)))
    assert decode_state(stored, lambda: cards) == state
    assert decode_state(_as_format_3(stored, state), lambda: cards) == state
    # Positions are among the game's cards: the same state with other cards is other cards.
    reversed_pool = decode_state(stored, lambda: cards[::-1])
    assert (reversed_pool.decks, reversed_pool.tally) == (state.decks, state.tally), "by id"
    with pytest.raises(ValueError):
        decode_state(stored, lambda: cards[:3])


def test_an_unended_room_purged_in_the_newest_format_keeps_its_figures_per_card(
    db: Database,
) -> None:
    """The purge writes a game's last figures from its stored state, positions and all."""
    state = _played(decode_state(YESTERDAY["state"], lambda: None))
    with db.transaction() as session:
        room = add_room(session, "PURGE001", state)
        room_id = room.id
    with db.transaction() as session:
        session.execute(sa.update(RoomRow).values(updated_at=datetime(2026, 1, 1)))
        assert purge_rooms(session, datetime(2026, 2, 1)) == 1
        per_card = session.execute(
            sa.select(SessionRow.figures).where(SessionRow.room_id.is_(None))
        ).scalar_one()["per_card"]
    assert room_id and sorted(f["card_id"] for f in per_card) == sorted(
        f.card_id for f in session_figures(state).per_card
    )


def test_a_figure_row_holds_every_field_of_a_card_figure() -> None:
    assert tuple(f.name for f in fields(CardFigure)) == FIGURE_FIELDS


def _with_figures(rows: list) -> dict:
    stored = encode_state(decode_state(YESTERDAY["state"], lambda: None))
    return {**stored, "tally": {**stored["tally"], "per_card": rows}}


def _with_remaining(positions: list) -> dict:
    stored = encode_state(decode_state(YESTERDAY["state"], lambda: None))
    first = {**stored["decks"][0], "remaining": positions}
    return {**stored, "decks": [first, *stored["decks"][1:]]}


@pytest.mark.parametrize(
    "broken",
    [
        {"format": 99},
        {"format": "2"},
        [],
        {"seed": "x"},
        _with_figures([["k/horen-1", 1, 0, 0]]),  # a value short
        _with_figures([["k/horen-1", 1, 0, 0, 0, 0]]),  # a value too many
        _with_figures([{"card_id": "k/horen-1", "drawn": 1}]),  # an object is format 2's
        _with_figures(["k/horen-1"]),
        _with_figures([[12, 1, 0, 0, 0]]),  # a position beyond the game's 12 cards
        _with_figures([[-1, 1, 0, 0, 0]]),
        _with_figures([[1.0, 1, 0, 0, 0]]),
        _with_figures([[True, 1, 0, 0, 0]]),
        _with_remaining([0, 99]),
        _with_remaining([None]),
    ],
)
def test_data_that_fits_no_format_is_refused(broken) -> None:
    with pytest.raises(ValueError):
        decode_state(broken, lambda: YESTERDAY["state"]["cards"])


def _rooms_table(*more: sa.ColumnClause) -> sa.TableClause:
    """The rooms table as the migrations see it (``more``: columns newer than ``BEFORE``)."""
    names = ("code", "version", "created_at", "updated_at")
    return sa.table("rooms", sa.column("state", sa.JSON), *map(sa.column, names), *more)


_rooms = _rooms_table()
_ROW = {"version": 7, "created_at": datetime(2026, 12, 2), "updated_at": datetime(2026, 12, 2)}


def _stored(session, room_id: int) -> list:
    """The room's state and cards as the database holds them."""
    state = session.execute(sa.select(RoomRow.state).where(RoomRow.id == room_id)).scalar_one()
    cards = session.execute(
        sa.select(RoomCardsRow.cards).where(RoomCardsRow.room_id == room_id)
    ).scalar_one_or_none()
    return [state, cards]


def _alembic(connection: sa.Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_the_migration_converts_a_room_in_progress_which_plays_on(database_url: str) -> None:
    db = Database(database_url)
    with db.engine.begin() as connection:
        command.upgrade(_alembic(connection), BEFORE)
        connection.execute(
            _rooms.insert().values(code="OLDROOM1", state=YESTERDAY["state"], **_ROW)
        )
    db.upgrade()
    with db.transaction() as session:
        row = find_room(session, "OLDROOM1")
        stored, cards = _stored(session, row.id)
        assert stored["format"] == FORMAT and len(cards) == 12
        converted = room_state(session, row)
    assert converted == decode_state(YESTERDAY["state"], lambda: None)
    service = RoomService(db, secret="test", grace=60.0, clock=lambda: 600.0)
    update = service.act("OLDROOM1", lambda state, at: a.FinishTurn(by=state.turn.active, at=at))
    update = service.act("OLDROOM1", lambda state, at: a.DrawCard(by=state.turn.active, at=at))
    assert update.state.phase is Phase.PLAYING and update.state.drawn == 26
    with db.transaction() as session:
        assert room_state(session, find_room(session, "OLDROOM1")) == update.state
    db.dispose()


def test_the_migration_goes_back_with_the_cards_inline(db: Database) -> None:
    state = decode_state(YESTERDAY["state"], lambda: None)
    stored, cards = upgrade_stored(YESTERDAY["state"], None)
    with db.engine.begin() as connection:
        room = connection.execute(
            RoomRow.__table__.insert().values(code="NEWROOM1", state=stored, **_ROW)
        ).inserted_primary_key[0]
        connection.execute(RoomCardsRow.__table__.insert().values(room_id=room, cards=cards))
        command.downgrade(_alembic(connection), BEFORE)
        (old,) = connection.execute(sa.select(_rooms.c.state)).scalars().all()
    assert "format" not in old and len(old["cards"]) == 12
    tally = json.loads(json.dumps(msgspec.to_builtins(state.tally)))
    assert decode(RoomState, {**old, "tally": tally}) == state


def test_a_room_read_in_an_older_format_is_written_back_in_the_newest(db: Database) -> None:
    """However such a row came to be (a copy restored from an old backup), its first move works
    and leaves it in today's format, same version, the cards apart."""
    with db.engine.begin() as connection:
        connection.execute(
            RoomRow.__table__.insert().values(code="OLDROOM2", state=YESTERDAY["state"], **_ROW)
        )
    service = RoomService(db, secret="test", grace=60.0, clock=lambda: 600.0)
    update = service.act("OLDROOM2", lambda state, at: a.FinishTurn(by=state.turn.active, at=at))
    assert update.version == _ROW["version"] + 1
    with db.transaction() as session:
        stored, cards = _stored(session, find_room(session, "OLDROOM2").id)
        assert stored["format"] == FORMAT and len(cards) == 12
    fresh = RoomService(db, secret="test", grace=60.0, clock=lambda: 600.0)
    assert fresh.current("OLDROOM2").state == update.state


def test_the_cards_leave_the_rooms_row_and_nothing_else_goes(database_url: str) -> None:
    """Migration 0011 moves each game's cards to ``room_cards``; the room's seats and session
    stay (no copy of ``rooms`` is dropped, which would cascade to them), and back again."""
    db = Database(database_url)
    stored, cards = upgrade_stored(YESTERDAY["state"], None)
    with db.engine.begin() as connection:
        command.upgrade(_alembic(connection), "0010")
        rooms = _rooms_table(sa.column("id", sa.Integer), sa.column("cards", sa.JSON))
        room = connection.execute(
            rooms.insert()
            .values(code="MOVING01", state=stored, cards=cards, **_ROW)
            .returning(rooms.c.id)
        ).scalar_one()
        seat = {
            "seat_key": "s1",
            "token_hash": "t" * 64,
            "kicked": False,
            "created_at": _ROW["created_at"],
        }
        connection.execute(
            sa.table("seats", *map(sa.column, ["room_id", *seat]))
            .insert()
            .values(room_id=room, **seat)
        )
        connection.execute(
            sa.table("sessions", *map(sa.column, ["room_id", "language", "created_at"]))
            .insert()
            .values(room_id=room, language="nl", created_at=_ROW["created_at"])
        )
    db.upgrade()
    counts = (
        "SELECT (SELECT count(*) FROM seats),"
        " (SELECT count(*) FROM sessions WHERE room_id IS NOT NULL)"
    )
    with db.transaction() as session:
        assert _stored(session, room) == json.loads(json.dumps([stored, cards]))
        assert tuple(session.execute(sa.text(counts)).one()) == (1, 1)
    with db.engine.begin() as connection:
        command.downgrade(_alembic(connection), "0010")
        assert connection.execute(sa.select(rooms.c.cards)).scalar_one() == json.loads(
            json.dumps(cards)
        )
        assert tuple(connection.execute(sa.text(counts)).one()) == (1, 1)
    db.dispose()
