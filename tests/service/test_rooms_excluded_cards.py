"""A room opened with cards left out: its started decks hold none of them, with real cards."""

from __future__ import annotations

from kletsborden.card_library import import_files
from kletsborden.engine import Settings
from kletsborden.engine import actions as a
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService
from kletsborden.store.database import Database
from kletsborden.store.editions import playable_cards


def test_a_started_room_never_holds_a_left_out_card(db: Database) -> None:
    import_files(db, default_card_files())
    with db.transaction() as session:
        every = [c.id for c in playable_cards(session, ["kletsborden"], "nl") if c.depth <= 2]
    left_out = (every[0], every[-1], every[len(every) // 2], "kletsborden/bestaat-niet")
    rooms = RoomService(db, secret="test", grace=60.0)
    settings = Settings(max_depth=2, excluded_cards=left_out, planned_minutes=45)
    host = rooms.create("Fien", settings)
    code = host.update.code
    rooms.join(code, "Bram")
    state = rooms.start(code, host.seat_id).state

    assert state.settings.excluded_cards == left_out
    assert {c.id for c in state.cards} == set(every) - set(left_out)
    for deck in state.decks:
        assert not set(deck.pool) & set(left_out)
    for _ in range(len(every)):
        state = rooms.act(code, lambda s, at: a.DrawCard(by=s.turn.active, at=at)).state
        active = state.turn.active
        state = rooms.act(code, lambda _s, at, who=active: a.FinishTurn(by=who, at=at)).state
    assert not {play.card_id for play in state.history} & set(left_out)
    public = rooms.current(code).snapshot()["settings"]
    assert public["excluded_cards"] == len(left_out), "players see a count, not which cards"
