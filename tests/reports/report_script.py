"""Sessions played through the real RoomService with a clock the test sets, so that their
report figures are known in advance (cards of depth 1 only, so even the shuffle cannot change
them)."""

from __future__ import annotations

from support.clock import FakeClock

from kletsborden.engine import Settings
from kletsborden.engine import actions as a
from kletsborden.rooms import RoomService, SessionInfo

DAY = 86_400.0
# 2026-11-02 09:00 UTC (10:00 in Amsterdam).
MONDAY = 1_793_610_000.0


# What the known session gives, as its report shows it.
KNOWN = {
    "players": 4,
    "deviceless": 1,
    "cards": {"horen": 2, "zien": 3, "voelen": 0},
    "answered": 3,
    "passed": 1,
    "skipped": 0,
    "set_aside": 1,
    "topic_signals": 1,
    "respondents": 3,
    "minutes": 40,
    "planned_minutes": 45,
    "reflection": {
        "felt_heard": {"agree": 2, "neutral": 1, "disagree": 0},
        "learned_something": {"agree": 1, "neutral": 0, "disagree": 1},
        "meet_again": {"agree": 2, "neutral": 0, "disagree": 0},
    },
}
NAMES = ("Fien", "Bram", "Cor", "Dirk", "Opa")
TYPED = "Mijn geheime verhaal over de buurt"


def _mover(rooms: RoomService, code: str):
    def move(action) -> None:
        rooms.act(code, lambda _s, at: action(at))

    return move


def play_known_session(
    rooms: RoomService, clock: FakeClock, *, facilitator_id: int | None, label: str | None
) -> str:
    """Four players (one without a phone) play five cards and three of them reflect."""
    settings = Settings(senses=("horen", "zien"), max_depth=1, planned_minutes=45)
    info = SessionInfo(facilitator_id=facilitator_id, label=label, template="Kennismaking")
    start = clock.now
    host = rooms.create("Fien", settings, takes_turns=False, info=info)
    code = host.update.code
    bram, cor, dirk = (rooms.join(code, name).seat_id for name in ("Bram", "Cor", "Dirk"))
    move = _mover(rooms, code)
    move(lambda at: a.AddDevicelessSeat(by=host.seat_id, seat_id="opa", name="Opa", at=at))
    rooms.start(code, host.seat_id)
    move(lambda at: a.DrawCard(by=bram, sense="horen", at=at))
    move(lambda at: a.FinishTurn(by=bram, at=at))
    move(lambda at: a.DrawCard(by=cor, sense="zien", at=at))
    move(lambda at: a.AskTopicChange(by=cor, at=at))
    move(lambda at: a.SetCardAside(by=host.seat_id, at=at))
    move(lambda at: a.DrawCard(by=cor, sense="zien", at=at))
    move(lambda at: a.PassCard(by=cor, at=at))
    move(lambda at: a.DrawCard(by=dirk, sense="horen", at=at))
    move(lambda at: a.FinishTurn(by=dirk, at=at))
    for inner in (a.DrawCard(by="opa", sense="zien"), a.FinishTurn(by="opa")):
        move(lambda at, inner=inner: a.ActFor(by=host.seat_id, action=inner, at=at))
    clock.now = start + 40 * 60
    move(lambda at: a.EndGame(by=host.seat_id, at=at))
    for seat, answers in (
        (bram, (("felt_heard", "agree"), ("learned_something", "agree"), ("meet_again", "agree"))),
        (cor, (("felt_heard", "neutral"), ("meet_again", "agree"))),
        (dirk, (("felt_heard", "agree"), ("learned_something", "disagree"))),
    ):
        move(lambda at, seat=seat, answers=answers: a.Reflect(by=seat, answers=answers, at=at))
    return code


def play_small_session(
    rooms: RoomService, clock: FakeClock, *, facilitator_id: int | None, label: str | None
) -> str:
    """Two players each answer one card; both reflect (too few to show), 20 minutes."""
    host = rooms.create(
        "Fien",
        Settings(senses=("voelen",), max_depth=1),
        takes_turns=False,
        info=SessionInfo(facilitator_id=facilitator_id, label=label),
    )
    code = host.update.code
    start = clock.now
    bram, cor = (rooms.join(code, name).seat_id for name in ("Bram", "Cor"))
    move = _mover(rooms, code)
    rooms.start(code, host.seat_id)
    for seat in (bram, cor):
        move(lambda at, seat=seat: a.DrawCard(by=seat, sense="voelen", at=at))
        move(lambda at, seat=seat: a.FinishTurn(by=seat, at=at))
    clock.now = start + 20 * 60
    move(lambda at: a.EndGame(by=host.seat_id, at=at))
    for seat, answer in ((bram, "disagree"), (cor, "agree")):
        move(lambda at, s=seat, x=answer: a.Reflect(by=s, answers=(("felt_heard", x),), at=at))
    return code
