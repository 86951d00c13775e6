"""Rooms in the database: the state round-trips, and a stale writer can never overwrite."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError

from kletsborden.engine import actions as a
from kletsborden.engine import apply, new_room
from kletsborden.store.database import Database
from kletsborden.store.models import RoomRow
from kletsborden.store.rooms import add_room, find_room, room_state, save_room_state


def test_state_round_trips_with_a_rising_version(db: Database) -> None:
    state = new_room(seed=7)
    with db.transaction() as session:
        assert add_room(session, "ABC123", state).version == 1
    joined, _ = apply(state, a.AddSeat(seat_id="s1", name="Anna"))
    with db.transaction() as session:
        row = find_room(session, "ABC123")
        assert room_state(session, row) == state
        assert save_room_state(session, row, joined).version == 2
    with db.transaction() as session:
        row = find_room(session, "ABC123")
        assert (row.version, room_state(session, row)) == (2, joined)
        assert find_room(session, "NOPE99") is None


def test_two_writers_of_one_version_only_the_first_wins(db: Database) -> None:
    with db.transaction() as session:
        add_room(session, "RACE42", new_room(seed=1))
    anna, _ = apply(new_room(seed=1), a.AddSeat(seat_id="s1", name="Anna"))
    bram, _ = apply(new_room(seed=1), a.AddSeat(seat_id="s2", name="Bram"))
    with db.transaction() as first, db.transaction() as second:
        row_one, row_two = find_room(first, "RACE42"), find_room(second, "RACE42")
        save_room_state(first, row_one, anna)
        first.commit()
        with pytest.raises(StaleDataError):
            save_room_state(second, row_two, bram)
        second.rollback()
    with db.transaction() as session:
        row = find_room(session, "RACE42")
        assert (row.version, room_state(session, row)) == (2, anna)


def test_a_move_rewrites_updated_at_at_most_every_minute(db: Database) -> None:
    """The purge's clock: a move a minute or more after the last rewrite (or before it: a clock
    set back) writes it again; moves in between leave it, and the index on it, alone."""
    state = new_room(seed=3)
    with db.transaction() as session:
        add_room(session, "IDLE01", state)
    for seat, (shift, rewritten) in enumerate(
        [(None, False), (-61, True), (None, False), (3600, True)]
    ):
        with db.transaction() as session:
            if shift is not None:
                moved = find_room(session, "IDLE01").updated_at + timedelta(seconds=shift)
                session.execute(update(RoomRow).values(updated_at=moved))
            row = find_room(session, "IDLE01")
            state, _ = apply(state, a.AddSeat(seat_id=f"s{seat}", name=f"Speler {seat}"))
            saved = save_room_state(session, row, state, due_at=float(seat))
        with db.transaction() as session:
            assert find_room(session, "IDLE01") == saved  # the row as saved, bookkeeping and all
        assert (saved.updated_at != row.updated_at) is rewritten
