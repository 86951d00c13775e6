"""A long game keeps a short history: older plays are only counted, and the counts stay right."""

from __future__ import annotations

from collections import Counter

from kletsborden.engine import actions as a
from kletsborden.engine import apply, new_room
from kletsborden.engine.state import Card, CardText, Outcome, Role, Settings
from kletsborden.engine.summary import session_figures
from kletsborden.engine.tally import HISTORY_KEPT
from kletsborden.snapshot import lead_view, snapshot

CARDS = tuple(
    Card(f"k/{sense}-{n}", sense, "gewoon", 1 + n % 3, {"nl": CardText(f"Vraag {n}?")})
    for sense in ("horen", "zien", "voelen")
    for n in range(7)
)


def test_three_hundred_turns_keep_the_history_short_and_the_figures_whole() -> None:
    state = new_room(5, Settings(typed_answers=True))
    for i, seat in enumerate("abc"):
        role = Role.HOST if i == 0 else Role.PLAYER
        state, _ = apply(state, a.AddSeat(seat_id=seat, name=seat, role=role, at=1.0))
    state, _ = apply(state, a.StartGame(by="a", cards=CARDS, at=2.0))
    depth = {card.id: card.depth for card in CARDS}
    drawn, outcomes, set_aside, signals = Counter(), Counter(), 0, 0
    per_card = Counter()  # (card id, part) -> count
    for turn in range(300):
        who, at = state.turn.active, 10.0 + turn
        state, _ = apply(state, a.DrawCard(by=who, at=at))
        play = state.history[-1]
        drawn[(play.sense, depth[play.card_id])] += 1
        per_card[(play.card_id, "drawn")] += 1
        if turn % 7 == 0:
            other = "b" if who != "b" else "c"
            state, _ = apply(state, a.AskTopicChange(by=other, show_name=True, at=at))
            signals += 1
            per_card[(play.card_id, "topic_signals")] += 1
        if turn % 11 == 0:
            state, _ = apply(state, a.SetCardAside(by="a", at=at))
            set_aside += 1
            per_card[(play.card_id, "set_aside")] += 1
            continue
        if turn % 3 == 0:
            state, _ = apply(state, a.PassCard(by=who, at=at))
            outcomes[Outcome.PASSED] += 1
            per_card[(play.card_id, "passed")] += 1
        else:
            state, _ = apply(state, a.TypeAnswer(by=who, text=f"Antwoord {turn}", at=at))
            state, _ = apply(state, a.FinishTurn(by=who, at=at))
            outcomes[Outcome.ANSWERED] += 1
        assert len(state.history) <= HISTORY_KEPT
    assert state.drawn == 300 and len(state.history) == HISTORY_KEPT
    assert state.history[-1].typed[0].text == "Antwoord 299", "the latest plays are whole"
    figures = session_figures(state)
    assert {(c.sense, c.depth): c.count for c in figures.cards} == drawn
    assert (figures.answered, figures.passed) == (
        outcomes[Outcome.ANSWERED],
        outcomes[Outcome.PASSED],
    )
    assert (figures.set_aside, figures.topic_signals) == (set_aside, signals)
    parts = ("drawn", "passed", "set_aside", "topic_signals")
    assert {
        (card.card_id, part): getattr(card, part)
        for card in figures.per_card
        for part in parts
        if getattr(card, part)
    } == per_card, "per-card figures count the plays that left the history too"
    played = snapshot("ABCD1234", 9, state, [], 400.0)["played"]
    per_sense = Counter()
    for (sense, _depth), count in drawn.items():
        per_sense[sense] += count
    assert played == {
        "total": 300,
        "per_sense": dict(per_sense),
        "answered": outcomes[Outcome.ANSWERED],
        "passed": outcomes[Outcome.PASSED],
        "set_aside": set_aside,
    }
    state, _ = apply(state, a.DrawCard(by=state.turn.active, at=999.0))
    assert lead_view("ABCD1234", 10, state)["play"] == 301
