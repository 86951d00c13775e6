"""A session's figures for reports: counts only, never a name, a seat or an answer's text.

Computed from the room state whenever the game changes, so a report can be written while the
names are still in the room and kept long after the room is purged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .state import Outcome, Phase, ReflectionCount, RoomState


@dataclass(frozen=True)
class CardCount:
    """How many cards of one sense and depth were drawn."""

    sense: str
    depth: int
    count: int


@dataclass(frozen=True)
class CardFigure:
    """What happened to one card in a session: counts, for admins who improve the decks."""

    card_id: str
    drawn: int
    passed: int
    set_aside: int
    topic_signals: int


@dataclass(frozen=True)
class SessionFigures:
    started_at: float | None
    ended_at: float | None
    ended: bool
    players: int
    deviceless: int
    cards: tuple[CardCount, ...]
    answered: int
    passed: int
    skipped: int
    set_aside: int
    topic_signals: int
    respondents: int
    reflection: tuple[ReflectionCount, ...]
    per_card: tuple[CardFigure, ...] = ()  # absent in figures saved before it existed

    @property
    def cards_drawn(self) -> int:
        return sum(c.count for c in self.cards)

    @property
    def minutes(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at) / 60


# The parts of a room its figures are made of; nothing else can change them.
_COUNTED = ("phase", "started_at", "ended_at", "participants", "history", "reflected", "reflection")


def figures_may_differ(before: RoomState, after: RoomState) -> bool:
    """Cheap enough for every move (unchanged plays are the same objects); counting is not."""
    return any(getattr(before, part) != getattr(after, part) for part in _COUNTED)


def session_figures(state: RoomState) -> SessionFigures:
    depths = {card.id: card.depth for card in state.cards}
    drawn = Counter()
    for play in state.history:
        drawn[(play.sense, depths.get(play.card_id, 0))] += 1
    outcomes = Counter(answer.outcome for play in state.history for answer in play.answers)
    return SessionFigures(
        started_at=state.started_at,
        ended_at=state.ended_at,
        ended=state.phase is Phase.ENDED,
        players=len(state.participants),
        deviceless=sum(not p.has_device for p in state.participants),
        cards=tuple(CardCount(s, d, n) for (s, d), n in sorted(drawn.items())),
        answered=outcomes[Outcome.ANSWERED],
        passed=outcomes[Outcome.PASSED],
        skipped=outcomes[Outcome.SKIPPED] + outcomes[Outcome.AWAY],
        set_aside=sum(play.set_aside for play in state.history),
        topic_signals=sum(play.topic_signals for play in state.history),
        respondents=len(state.reflected),
        reflection=state.reflection,
        per_card=_per_card(state),
    )


def _per_card(state: RoomState) -> tuple[CardFigure, ...]:
    counts: dict[str, Counter] = {}
    for play in state.history:
        count = counts.setdefault(play.card_id, Counter())
        count["drawn"] += 1
        count["passed"] += sum(answer.outcome is Outcome.PASSED for answer in play.answers)
        count["set_aside"] += play.set_aside
        count["topic_signals"] += play.topic_signals
    return tuple(
        CardFigure(card, c["drawn"], c["passed"], c["set_aside"], c["topic_signals"])
        for card, c in sorted(counts.items())
    )
