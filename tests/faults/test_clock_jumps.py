"""The wall clock jumps (an NTP correction): grace periods and turn timers still end on time.

Times in a room are wall-clock stamps, because every process and every restart must read them
alike. A clock that goes back would otherwise stall a disconnected player or a turn timer for the
whole jump; a clock that goes forward ends them at once, once. The service is driven the way the
sweeper drives it (``tick_due`` about once a second), with a clock the test moves.
"""

from __future__ import annotations

import pytest
from support.clock import FakeClock

from kletsborden.card_library import import_files
from kletsborden.engine import Settings
from kletsborden.engine import actions as a
from kletsborden.engine.state import Outcome
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService
from kletsborden.store.database import Database

GRACE = 60.0
TIMER = 90
HOUR = 3600.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_800_000_000.0)


@pytest.fixture
def rooms(db: Database, clock: FakeClock) -> RoomService:
    import_files(db, default_card_files())
    return RoomService(db, secret="test", grace=GRACE, clock=clock)


def sweep(rooms: RoomService, clock: FakeClock, seconds: float) -> list:
    """The sweeper over ``seconds`` of wall-clock time, one tick a second; all its updates."""
    updates = []
    for _ in range(int(seconds)):
        clock.now += 1.0
        updates += rooms.tick_due()
    return updates


def table(rooms: RoomService, timer: int | None = None) -> tuple[str, list[str]]:
    """A game of three in progress; the host (first seat) has the turn."""
    host = rooms.create("Fien", Settings(turn_timer_seconds=timer), sid="c-host")
    code = host.update.code
    seats = [host.seat_id]
    for name in ("Bram", "Cor"):
        seats.append(rooms.join(code, name, sid=f"c-{name}").seat_id)
    rooms.start(code, host.seat_id)
    rooms.tick_due()  # the sweeper's first tick (it ticks every room with a due time once)
    return code, seats


@pytest.mark.parametrize("jump", [-HOUR, -30.0])
def test_a_clock_going_back_neither_ends_grace_early_nor_stalls_it(
    rooms: RoomService, clock: FakeClock, jump: float
) -> None:
    code, (_host, bram, cor) = table(rooms)
    rooms.disconnect(code, bram, "c-Bram")
    sweep(rooms, clock, 40)
    clock.now += jump  # 40 s into Bram's grace the clock is set back
    jumped_at, updates = clock.now, []
    while not rooms.current(code).state.seat(bram).away:
        updates += sweep(rooms, clock, 1)
        assert clock.now - jumped_at <= GRACE + 1, "stalled: more than a full grace after the jump"
    assert 40 + (clock.now - jumped_at) >= GRACE, "away before a whole grace period really passed"
    updates += sweep(rooms, clock, 5)
    assert len([u for u in updates if any("Presence" in type(e).__name__ for e in u.events)]) == 1
    assert rooms.current(code).state.seat(cor).connected, "nobody else was touched"


def test_a_clock_going_back_restarts_a_turn_timer_at_most_once(
    rooms: RoomService, clock: FakeClock
) -> None:
    code, (host, bram, _cor) = table(rooms, timer=TIMER)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    sweep(rooms, clock, 30)
    clock.now -= HOUR
    jumped_at = clock.now
    sweep(rooms, clock, TIMER - 1)  # never early: the timer starts again from the jump…
    state = rooms.current(code).state
    assert state.turn.active == host and state.history[-1].answers == ()
    sweep(rooms, clock, 3)  # …and ends one full timer after it, not an hour later
    state = rooms.current(code).state
    assert state.history[-1].answers[0].outcome is Outcome.SKIPPED
    assert state.turn.active == bram and state.turn.number == 2
    assert state.turn.deadline == pytest.approx(state.turn.started_at + TIMER)
    assert state.turn.started_at - jumped_at <= TIMER + 1


def test_a_clock_jumping_forward_marks_away_once_and_moves_the_turn_on_once(
    rooms: RoomService, clock: FakeClock
) -> None:
    code, (host, bram, cor) = table(rooms, timer=TIMER)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    rooms.disconnect(code, bram, "c-Bram")
    sweep(rooms, clock, 5)
    clock.now += HOUR
    updates = sweep(rooms, clock, 3)
    assert len(updates) == 1, "one tick did it all, the next ones changed nothing"
    state = updates[0].state
    assert state.seat(bram).away
    assert state.history[-1].answers[0].outcome is Outcome.SKIPPED
    # The host's timer ran out; Bram is away, so Cor is next, with a whole timer of their own.
    assert state.turn.number == 2 and state.turn.active == cor
    assert state.turn.deadline == pytest.approx(state.turn.started_at + TIMER)
    assert state.turn.deadline > clock.now
    assert rooms.current(code).state == state


def test_a_process_started_after_the_clock_went_back_catches_up(
    rooms: RoomService, clock: FakeClock, db: Database
) -> None:
    """The jump happened while no process ran: a fresh service has no earlier tick to compare."""
    code, (_host, bram, _cor) = table(rooms)
    rooms.disconnect(code, bram, "c-Bram")
    clock.now -= HOUR
    fresh = RoomService(db, secret="test", grace=GRACE, clock=clock)
    sweep(fresh, clock, GRACE + 1)
    assert fresh.current(code).state.seat(bram).away


@pytest.mark.parametrize("ticked_while_paused", [False, True])
def test_a_paused_game_keeps_its_timer_across_a_jump_back(
    rooms: RoomService, clock: FakeClock, ticked_while_paused: bool
) -> None:
    """Pausing stops the timer; a jump while paused changes nothing once the game resumes,
    whether the room was ticked during the pause (someone's grace running) or not."""
    code, (host, bram, cor) = table(rooms, timer=TIMER)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host, at=at))
    rooms.act(code, lambda _s, at: a.SetPaused(by=host, paused=True, at=at))
    if ticked_while_paused:
        rooms.disconnect(code, cor, "c-Cor")
    sweep(rooms, clock, 10)
    clock.now -= HOUR
    sweep(rooms, clock, 5)
    rooms.act(code, lambda _s, at: a.SetPaused(by=host, paused=False, at=at))
    sweep(rooms, clock, TIMER - 1)
    assert rooms.current(code).state.turn.active == host
    sweep(rooms, clock, 2)
    assert rooms.current(code).state.turn.active == bram
