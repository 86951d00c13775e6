"""The room service against a real database: transactions, concurrency, presence and time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, text
from support.clock import FakeClock

from kletsborden.card_library import import_files
from kletsborden.engine import GameError, Settings
from kletsborden.engine import actions as a
from kletsborden.errors import RoomNotFound, Unavailable
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService
from kletsborden.store.database import PING_AFTER_IDLE_SECONDS, Database


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_000_000.0)


@pytest.fixture
def rooms(db: Database, clock: FakeClock) -> RoomService:
    import_files(db, default_card_files())
    return RoomService(db, secret="test", grace=60.0, clock=clock)


@pytest.fixture
def second_process(
    database_url: str, clock: FakeClock, rooms: RoomService
) -> Iterator[RoomService]:
    """Another RoomService on its own engine and pool: what a second process would have."""
    other = Database(database_url)
    yield RoomService(other, secret="test", grace=60.0, clock=clock)
    other.dispose()


def playing_room(rooms: RoomService) -> tuple[str, str, str]:
    host = rooms.create("Fien", Settings(), sid="host-connection")
    code = host.update.code
    player = rooms.join(code, "Bram", sid="bram-connection")
    rooms.start(code, host.seat_id)
    return code, host.seat_id, player.seat_id


def test_create_join_rejoin_keep_one_seat(rooms: RoomService) -> None:
    host = rooms.create("Fien", Settings())
    code = host.update.code
    joined = rooms.join(code, "Bram", sid="c1")
    assert joined.token and joined.update.version == 2
    again = rooms.rejoin(code, joined.token, sid="c2")
    assert again.seat_id == joined.seat_id and again.token is None
    assert [s.name for s in again.update.state.seats] == ["Fien", "Bram"]


def test_concurrent_draws_from_two_processes_draw_one_card(
    rooms: RoomService, second_process: RoomService
) -> None:
    for _ in range(5):
        code, host, _player = playing_room(rooms)
        outcomes = race(
            [rooms, second_process],
            lambda s, code=code, host=host: s.act(code, lambda _s, at: a.DrawCard(by=host, at=at)),
        )
        assert sorted(outcomes) == ["card_already_drawn", "ok"]
        assert len(rooms.current(code).state.history) == 1


def race(services: list[RoomService], move) -> list[str]:
    """Run ``move`` on every service at the same moment; "ok" or the error code of each."""
    outcomes: list[str] = []
    barrier = threading.Barrier(len(services))

    def run(service: RoomService) -> None:
        barrier.wait()
        try:
            move(service)
            outcomes.append("ok")
        except GameError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=run, args=(s,)) for s in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_versions_rise_by_one_per_change_and_not_for_no_change(rooms: RoomService) -> None:
    code, host, _ = playing_room(rooms)
    before = rooms.current(code)
    after = rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    assert after.version == before.version + 1
    same = rooms.act(code, lambda _s, at: a.React(by=host, reaction="heart", at=at))
    assert (same.version, same.changed) == (after.version, False)


def test_an_illegal_move_changes_nothing(rooms: RoomService) -> None:
    code, _host, player = playing_room(rooms)
    before = rooms.current(code)
    with pytest.raises(GameError) as error:
        rooms.act(code, lambda _s, at: a.DrawCard(by=player, at=at))
    assert error.value.code == "not_your_turn"
    after = rooms.current(code)
    assert (after.version, after.state) == (before.version, before.state)


def test_disconnected_seat_becomes_away_after_the_grace_period(
    rooms: RoomService, clock: FakeClock
) -> None:
    code, host, player = playing_room(rooms)
    assert rooms.current(code).state.turn.active == host
    rooms.disconnect(code, host, sid="an-older-tab")
    assert rooms.current(code).state.seat(host).connected, "only the holding connection counts"
    rooms.disconnect(code, host, sid="host-connection")
    assert not rooms.current(code).state.seat(host).connected
    clock.now += 30
    assert rooms.tick_due() == []
    clock.now += 31
    (update,) = rooms.tick_due()
    assert update.state.seat(host).away
    assert update.state.turn.active == player
    assert update.state.host.id == player, "the host role passed on"


def test_connections_of_a_dead_process_are_dropped(rooms: RoomService, clock: FakeClock) -> None:
    code, _host, _player = playing_room(rooms)
    token = rooms.join(code, "Cor").token
    rooms.rejoin(code, token, sid="alive")
    player_token = rooms.join(code, "Dirk").token
    dirk = rooms.rejoin(code, player_token, sid="dead").seat_id
    clock.now += 20
    rooms.keep_alive({"alive", "host-connection", "bram-connection"})
    clock.now += 20
    dropped = rooms.drop_silent(35.0)
    assert [u.state.seat(dirk).connected for u in dropped] == [False]
    state = rooms.current(code).state
    assert state.seat(dirk).connected is False
    assert state.seat(rooms.rejoin(code, token, sid="alive").seat_id).connected


def test_unreachable_database_is_unavailable(tmp_path: Path) -> None:
    broken = RoomService(
        Database("postgresql+psycopg://nobody@127.0.0.1:1/none"), secret="x", grace=60.0
    )
    with pytest.raises(Unavailable):
        broken.current("ACEFGHJK")


def test_rooms_are_purged_after_they_end_or_go_idle(rooms: RoomService, clock: FakeClock) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import func, select, update

    from kletsborden.store.models import RoomRow, SeatRow

    ended, host, _ = playing_room(rooms)
    rooms.act(ended, lambda _s, at: a.EndGame(by=host, at=at))
    idle = rooms.create("Cor", Settings()).update.code
    fresh = rooms.create("Dirk", Settings()).update.code
    now = datetime.fromtimestamp(clock.now, UTC).replace(tzinfo=None)
    with rooms.db.transaction() as session:  # as if time passed: ended and idle 25 hours ago
        for code in (ended, idle):
            session.execute(
                update(RoomRow)
                .where(RoomRow.code == code)
                .values(updated_at=now - timedelta(hours=25), ended_at=None)
            )
        session.execute(
            update(RoomRow).where(RoomRow.code == ended).values(ended_at=now - timedelta(hours=25))
        )
    assert rooms.purge(24.0) == 2
    with rooms.db.transaction() as session:
        assert session.scalars(select(RoomRow.code)).all() == [fresh]
        assert session.scalar(select(func.count()).select_from(SeatRow)) == 1, "seats went too"
    assert rooms.purge(24.0) == 0


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements ``db`` sends while the block runs."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    for engine in db.engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        for engine in db.engines:
            event.remove(engine, "before_cursor_execute", record)


def _reads_state(sent: list[str]) -> list[str]:
    return [s for s in sent if s.lstrip().startswith("SELECT") and "rooms.state" in s]


def test_a_move_on_a_room_this_process_holds_decodes_nothing(
    rooms: RoomService, db: Database
) -> None:
    code, host, player = playing_room(rooms)
    with statements(db) as sent:
        rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
        update = rooms.act(code, lambda _s, at: a.FinishTurn(by=host, at=at))
    # Nor reads its row: one UPDATE per move, committed on its own (read back below).
    assert [s.split(" SET ")[0].strip() for s in sent] == ["UPDATE rooms"] * 2
    assert update.state.turn.active == player
    with statements(db) as sent:
        assert RoomService(db, secret="test", grace=60.0).current(code).state == update.state
    assert _reads_state(sent), "a process that never saw the room reads it"


def test_moves_alternating_between_processes_each_see_the_other(
    rooms: RoomService, second_process: RoomService
) -> None:
    code, _host, _player = playing_room(rooms)
    second_process.current(code)  # both processes hold the room now
    for turn in range(6):
        mover = rooms if turn % 2 else second_process
        active = rooms.current(code).state.turn.active
        mover.act(code, lambda _s, at, who=active: a.DrawCard(by=who, at=at))
        other = second_process if mover is rooms else rooms
        other.act(code, lambda _s, at, who=active: a.FinishTurn(by=who, at=at))
    for service in (rooms, second_process):
        assert service.current(code).state.drawn == 6
    assert rooms.current(code) == second_process.current(code)


def test_a_move_on_a_room_another_process_moved_is_made_on_the_stored_room(
    rooms: RoomService, second_process: RoomService
) -> None:
    """The room held here is out of date: the save over its version matches no row, so the move
    is made again on the stored room, keeping the other process's move."""
    code, host, player = playing_room(rooms)
    second_process.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    locked = rooms.act(code, lambda _s, at: a.SetLocked(by=host, locked=True, at=at))
    assert locked.state.locked and locked.state.drawn == 1
    stored = second_process.current(code)
    assert (locked.version, locked.state) == (stored.version, stored.state)
    # An error against the out-of-date room counts only if the stored room gives it too.
    finished = second_process.act(code, lambda _s, at: a.FinishTurn(by=host, at=at))
    assert finished.state.turn.active == player
    with pytest.raises(GameError, match="not_your_turn"):
        rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    assert rooms.current(code).state.turn.active == player


def test_a_lost_race_reloads_and_tries_again_on_the_new_state(
    rooms: RoomService, second_process: RoomService
) -> None:
    code, host, _player = playing_room(rooms)
    second_process.current(code)
    for _ in range(3):
        outcomes = race(
            [rooms, second_process],
            lambda s: s.act(code, lambda _s, at: a.SetLocked(by=host, locked=True, at=at)),
        )
        assert outcomes == ["ok", "ok"]  # the loser retried on the winner's state: no change
        both = race(
            [rooms, second_process],
            lambda s: s.act(code, lambda st, at: a.SetLocked(by=host, locked=not st.locked, at=at)),
        )
        assert both == ["ok", "ok"]
    final = rooms.current(code)
    assert final.state.locked is True and final == second_process.current(code)


def test_react_checks_the_seat_without_the_database(rooms: RoomService, db: Database) -> None:
    code, host, player = playing_room(rooms)
    with statements(db) as sent:
        rooms.react(code, lambda _s, at: a.React(by=player, reaction="heart", at=at))
        with pytest.raises(GameError) as error:
            rooms.react(code, lambda _s, at: a.React(by=player, reaction="boo", at=at))
        assert error.value.code == "invalid_reaction"
        with pytest.raises(GameError) as error:
            rooms.react(code, lambda _s, at: a.React(by="nobody", reaction="heart", at=at))
        assert error.value.code == "unknown_seat"
    assert sent == []
    cold = RoomService(db, secret="test", grace=60.0)
    cold.react(code, lambda _s, at: a.React(by=host, reaction="thanks", at=at))
    with pytest.raises(RoomNotFound):
        cold.react("NOSUCHRM", lambda _s, at: a.React(by=host, reaction="thanks", at=at))


def test_a_purge_leaves_no_name_in_the_sqlite_files(tmp_path: Path, clock: FakeClock) -> None:
    """Deleted rows are overwritten (secure_delete) and the write-ahead log is emptied into the
    file (checkpoint): the name of a purged room is in neither file afterwards."""
    from datetime import datetime

    from sqlalchemy import update

    from kletsborden.store.models import RoomRow

    path = tmp_path / "purge.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    import_files(db, default_card_files())
    rooms = RoomService(db, secret="test", grace=60.0, clock=clock)
    name = "Zwaantje Onvergetelijk"
    rooms.create(name, Settings())
    with db.transaction() as session:  # as if it went idle long ago (the clock says 1970)
        session.execute(update(RoomRow).values(updated_at=datetime(1970, 1, 1)))
    assert rooms.purge(24.0) == 1
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            assert name.encode() not in file.read_bytes(), file.name
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    db.dispose()


def test_rooms_playing_the_same_cards_share_them_in_memory(
    rooms: RoomService, db: Database
) -> None:
    """One copy of each card per process (store/shared_cards.py), also when read back."""
    first, _, _ = playing_room(rooms)
    second, _, _ = playing_room(rooms)
    cards = rooms.current(first).state.cards
    assert len(cards) == 96
    for other in (
        rooms.current(second).state.cards,
        RoomService(db, secret="test", grace=60.0).current(first).state.cards,  # decoded anew
    ):
        assert sorted(map(id, other)) == sorted(map(id, cards))


def test_a_game_ended_in_the_lobby_is_read_by_another_process(
    rooms: RoomService, db: Database
) -> None:
    """It never had cards, so it has no ``room_cards`` row."""
    host = rooms.create("Fien", Settings())
    code = host.update.code
    ended = rooms.act(code, lambda _s, at: a.EndGame(by=host.seat_id, at=at))
    again = RoomService(db, secret="test", grace=60.0).current(code)
    assert again.state == ended.state and again.state.cards == ()


def _end_move_connection(db: Database) -> None:
    """PostgreSQL ends the backend of the connection moves use, as a restart would."""
    with db.autocommit() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with db.engine.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_move_on_a_connection_lost_while_unused_goes_on(rooms: RoomService, db: Database) -> None:
    code, host, player = playing_room(rooms)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    _end_move_connection(db)
    time.sleep(PING_AFTER_IDLE_SECONDS + 0.1)  # unused that long: pinged, found dead, replaced
    update = rooms.act(code, lambda _s, at: a.FinishTurn(by=host, at=at))
    assert update.state.turn.active == player
    assert RoomService(db, secret="test", grace=60.0).current(code).version == update.version


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_move_on_a_connection_lost_in_steady_use_is_unavailable_once(
    rooms: RoomService, db: Database
) -> None:
    code, host, player = playing_room(rooms)
    drawn = rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    _end_move_connection(db)  # just used: not pinged, so the move finds out
    with pytest.raises(Unavailable):
        rooms.act(code, lambda _s, at: a.FinishTurn(by=host, at=at))
    update = rooms.act(code, lambda _s, at: a.FinishTurn(by=host, at=at))
    assert (update.version, update.state.turn.active) == (drawn.version + 1, player)
