"""The room's running counts: older plays leave the history and are only counted.

``history`` keeps the latest ``HISTORY_KEPT`` plays; the rest live on only as ``Tally``
counts, which is all that the room's figures and the session's report need. So the state a
move reads and writes stays small however long the game runs. The rules and the snapshot read
only the latest play (the card on the table, or the one played last), so that is all it keeps:
each play more was about 300 bytes more to write with every move (docs/performance.md).
"""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from .state import CardCount, CardFigure, Outcome, Play, RoomState, Tally, replace

HISTORY_KEPT = 1


def totals(state: RoomState, per_card: bool = True) -> Tally:
    """The counts of every play of the game: the tally plus the plays still in the history.
    Without ``per_card`` the figures per card are the tally's alone (what a snapshot needs not)."""
    return _add(state.tally, state.history, per_card)


def keep_recent(state: RoomState) -> RoomState:
    """Count the plays beyond the newest ``HISTORY_KEPT`` into the tally and drop them."""
    extra = len(state.history) - HISTORY_KEPT
    if extra <= 0:
        return state
    tally = _add(state.tally, state.history[:extra])
    return replace(state, history=state.history[extra:], tally=tally)


def _add(tally: Tally, plays: tuple[Play, ...], per_card: bool = True) -> Tally:
    """``tally`` with ``plays`` counted in, in plain loops: every snapshot counts the play on the
    table in (``totals``), and ``Counter`` made that a twentieth of a move's own CPU."""
    if not plays:
        return tally
    cards = {(c.sense, c.depth): c.count for c in tally.cards}
    outcomes = dict.fromkeys(Outcome, 0)
    set_aside = topic_signals = 0
    for play in plays:
        key = (play.sense, play.depth)
        cards[key] = cards.get(key, 0) + 1
        for answer in play.answers:
            outcomes[answer.outcome] += 1
        set_aside += play.set_aside
        topic_signals += play.topic_signals
    return Tally(
        plays=tally.plays + len(plays),
        cards=tuple(CardCount(s, d, n) for (s, d), n in sorted(cards.items())),
        answered=tally.answered + outcomes[Outcome.ANSWERED],
        passed=tally.passed + outcomes[Outcome.PASSED],
        skipped=tally.skipped + outcomes[Outcome.SKIPPED],
        away=tally.away + outcomes[Outcome.AWAY],
        set_aside=tally.set_aside + set_aside,
        topic_signals=tally.topic_signals + topic_signals,
        per_card=_add_per_card(tally.per_card, plays) if per_card else tally.per_card,
    )


def _add_per_card(known: tuple[CardFigure, ...], plays: tuple[Play, ...]) -> tuple[CardFigure, ...]:
    """``known`` (sorted by card id) with ``plays`` counted in: each play changes one figure,
    found by bisection (a draw counts one play in; rebuilding all figures was 2% of an action)."""
    figures = list(known)
    for play in plays:
        at = bisect_left(figures, play.card_id, key=_card_id)
        found = at < len(figures) and figures[at].card_id == play.card_id
        before = figures[at] if found else CardFigure(play.card_id, 0, 0, 0, 0)
        figure = CardFigure(
            play.card_id,
            before.drawn + 1,
            before.passed + sum(answer.outcome is Outcome.PASSED for answer in play.answers),
            before.set_aside + play.set_aside,
            before.topic_signals + play.topic_signals,
        )
        if found:
            figures[at] = figure
        else:
            figures.insert(at, figure)
    return tuple(figures)


_card_id = attrgetter("card_id")
