"""A session's figures for reports: counts only, never a name, a seat or an answer's text.

Computed from the room state whenever the game changes, so a report can be written while the
names are still in the room and kept long after the room is purged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .state import CardCount, CardFigure, Phase, ReflectionCount, RoomState
from .tally import totals


@dataclass(frozen=True)
class LanguageCount:
    """How many of a session's players read the cards in ``language``."""

    language: str
    players: int


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
    languages: tuple[LanguageCount, ...] = ()  # by language; absent before seats had one

    @property
    def cards_drawn(self) -> int:
        return sum(c.count for c in self.cards)

    @property
    def minutes(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at) / 60


# The parts of a room its figures are made of; nothing else can change them.
_COUNTED = (
    "phase",
    "started_at",
    "ended_at",
    "participants",
    "history",
    "tally",
    "reflected",
    "reflection",
)


def figures_may_differ(before: RoomState, after: RoomState) -> bool:
    """Cheap enough for every move (unchanged plays are the same objects); counting is not."""
    return any(getattr(before, part) != getattr(after, part) for part in _COUNTED)


def session_figures(state: RoomState) -> SessionFigures:
    tally = totals(state)
    return SessionFigures(
        started_at=state.started_at,
        ended_at=state.ended_at,
        ended=state.phase is Phase.ENDED,
        players=len(state.participants),
        deviceless=sum(not p.has_device for p in state.participants),
        cards=tally.cards,
        answered=tally.answered,
        passed=tally.passed,
        skipped=tally.skipped + tally.away,
        set_aside=tally.set_aside,
        topic_signals=tally.topic_signals,
        respondents=len(state.reflected),
        reflection=state.reflection,
        per_card=tally.per_card,
        languages=tuple(
            LanguageCount(language, players)
            for language, players in sorted(
                Counter(p.language or state.settings.language for p in state.participants).items()
            )
        ),
    )
