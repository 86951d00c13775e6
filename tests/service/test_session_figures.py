"""A scripted session's figures: written as it is played, without names, kept after the purge."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update
from support.clock import FakeClock

from kletsborden.card_library import import_files
from kletsborden.config import FIGURES_EVERY_SECONDS
from kletsborden.engine import Settings, decode
from kletsborden.engine import actions as a
from kletsborden.engine.state import ReflectionCount
from kletsborden.engine.summary import CardCount, LanguageCount, SessionFigures
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService, SessionInfo
from kletsborden.store.admins import create_admin
from kletsborden.store.database import Database
from kletsborden.store.models import RoomRow, SessionRow

START = 1_000_000.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def rooms(db: Database, clock: FakeClock) -> RoomService:
    import_files(db, default_card_files())
    return RoomService(db, secret="test", grace=60.0, clock=clock)


def _session_row(rooms: RoomService) -> SessionRow:
    with rooms.db.transaction() as session:
        return session.scalars(select(SessionRow)).one()


def _figures(rooms: RoomService) -> SessionFigures:
    return decode(SessionFigures, _session_row(rooms).figures)


def test_a_scripted_session_gives_known_figures(rooms: RoomService, clock: FakeClock) -> None:
    with rooms.db.transaction() as session:
        facilitator = create_admin(session, "wijkwerker", "lang-genoeg-1", "facilitator").id
    settings = Settings(senses=("horen",), max_depth=1, planned_minutes=30)
    info = SessionInfo(facilitator_id=facilitator, label="Noord", template="Kennismaking")
    host = rooms.create("Fien", settings, takes_turns=False, info=info)
    code = host.update.code
    bram = rooms.join(code, "Bram").seat_id
    cor = rooms.join(code, "Cor").seat_id
    row = _session_row(rooms)
    assert (row.label, row.template, row.planned_minutes) == ("Noord", "Kennismaking", 30)
    assert row.figures is None, "nothing to count before the game starts"
    opa = rooms.act(
        code, lambda _s, at: a.AddDevicelessSeat(by=host.seat_id, seat_id="opa", name="Opa", at=at)
    )
    assert opa.state.seat("opa").has_device is False
    rooms.start(code, host.seat_id)

    def move(action):
        return rooms.act(code, lambda _s, at: action(at))

    # Bram answers, Cor asks for another topic and the host puts the card away, Cor passes,
    # the host plays Opa's turn: Opa answers.
    move(lambda at: a.DrawCard(by=bram, sense="horen", at=at))
    move(lambda at: a.FinishTurn(by=bram, at=at))
    move(lambda at: a.DrawCard(by=cor, sense="horen", at=at))
    move(lambda at: a.AskTopicChange(by=cor, at=at))
    move(lambda at: a.SetCardAside(by=host.seat_id, at=at))
    move(lambda at: a.DrawCard(by=cor, sense="horen", at=at))
    move(lambda at: a.PassCard(by=cor, at=at))
    for inner in (a.DrawCard(by="opa", sense="horen"), a.FinishTurn(by="opa")):
        move(lambda at, inner=inner: a.ActFor(by=host.seat_id, action=inner, at=at))
    clock.now = START + 25 * 60
    move(lambda at: a.EndGame(by=host.seat_id, at=at))
    for seat, answers in (
        (bram, (("felt_heard", "agree"), ("meet_again", "agree"))),
        (cor, (("felt_heard", "neutral"),)),
    ):
        move(lambda at, seat=seat, answers=answers: a.Reflect(by=seat, answers=answers, at=at))

    figures = _figures(rooms)
    per_card = figures.per_card  # which cards is up to the shuffle; what happened is not
    assert [c.drawn for c in per_card] == [1, 1, 1, 1], "four different cards, once each"
    assert sum(c.passed for c in per_card) == 1
    assert sum(c.set_aside for c in per_card) == sum(c.topic_signals for c in per_card) == 1
    assert figures == SessionFigures(
        per_card=per_card,
        started_at=START,
        ended_at=START + 25 * 60,
        ended=True,
        players=3,
        deviceless=1,
        cards=(CardCount("horen", 1, 4),),
        answered=2,
        passed=1,
        skipped=0,
        set_aside=1,
        topic_signals=1,
        respondents=2,
        reflection=(
            ReflectionCount("felt_heard", "agree", 1),
            ReflectionCount("felt_heard", "neutral", 1),
            ReflectionCount("meet_again", "agree", 1),
        ),
        languages=(LanguageCount("nl", 3),),  # nobody chose another: the room's language
    )
    assert figures.minutes == 25
    row = _session_row(rooms)
    assert row.started_at == datetime.fromtimestamp(START, UTC).replace(tzinfo=None)
    stored = json.dumps(row.figures)
    for secret in ("Fien", "Bram", "Cor", "Opa", bram, cor, "opa"):
        assert secret not in stored, f"{secret!r} must not be in a session's figures"


def test_the_session_outlives_its_purged_room(rooms: RoomService, clock: FakeClock) -> None:
    host = rooms.create("Fien", Settings())
    code = host.update.code
    rooms.start(code, host.seat_id)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host.seat_id, at=at))
    later = datetime.fromtimestamp(clock.now, UTC).replace(tzinfo=None) - timedelta(hours=25)
    with rooms.db.transaction() as session:
        session.execute(update(RoomRow).values(updated_at=later))
    assert rooms.purge(24.0) == 1
    row = _session_row(rooms)
    assert row.room_id is None
    assert _figures(rooms).cards_drawn == 1


def test_a_game_in_play_writes_its_figures_now_and_then_and_at_once_at_its_end(
    rooms: RoomService, clock: FakeClock
) -> None:
    host = rooms.create("Fien", Settings())
    code = host.update.code
    rooms.join(code, "Bram")
    rooms.start(code, host.seat_id)
    assert _figures(rooms).cards_drawn == 0

    def turn() -> None:
        rooms.act(code, lambda s, at: a.DrawCard(by=s.turn.active, at=at))
        rooms.act(code, lambda s, at: a.FinishTurn(by=s.turn.active, at=at))

    turn()
    assert _figures(rooms).cards_drawn == 0, "written when the game started, not again yet"
    clock.advance(FIGURES_EVERY_SECONDS)
    turn()  # its draw writes them (the finish, right after, does not)
    assert (_figures(rooms).cards_drawn, _figures(rooms).answered) == (2, 1)
    turn()
    rooms.act(code, lambda _s, at: a.EndGame(by=host.seat_id, at=at))
    assert (_figures(rooms).cards_drawn, _figures(rooms).answered) == (3, 3)


def test_a_room_without_a_session_row_gets_one_with_its_figures(
    rooms: RoomService, clock: FakeClock
) -> None:
    """A room opened before sessions were kept has none: the next figures written open one."""
    host = rooms.create("Fien", Settings(language="en"))
    code = host.update.code
    rooms.start(code, host.seat_id)
    with rooms.db.transaction() as session:
        session.execute(delete(SessionRow))
    clock.advance(FIGURES_EVERY_SECONDS)
    rooms.act(code, lambda _s, at: a.DrawCard(by=host.seat_id, at=at))
    row = _session_row(rooms)
    assert (row.language, row.facilitator_id, row.label) == ("en", None, None)
    assert row.started_at is not None and _figures(rooms).cards_drawn == 1
