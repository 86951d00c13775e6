"""Sessions read and added up into plain view models that pages, charts and CSV all show.

The reflection rules live here, once (``reflection``), so no page, chart or export can show
what they hide by mistake:

- a session's reflection counts only once it is settled (``settled``: ended at least
  REFLECTION_SETTLE_MINUTES ago, or its room purged), so a report reloaded while people answer
  never shows one person's answer as the difference;
- a session's answers count only when at least MIN_REFLECTION_RESPONDENTS people gave them.
  Totals add up only such sessions, so no total minus what is shown gives a hidden answer; the
  people of left-out sessions are a separate "not shown" number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..config import (
    DEPTHS,
    MAX_REPORT_SESSIONS,
    MIN_REFLECTION_RESPONDENTS,
    REFLECTION_SETTLE_MINUTES,
)
from ..engine.state import REFLECTION_QUESTIONS, REFLECTION_SCALE, SENSES
from ..store.database import Database
from ..store.models import utcnow
from ..store.reports import (
    SessionRecord,
    played_session,
    played_sessions,
    session_labels,
    session_of_room,
)
from .filters import Filters, display_zone

OUTCOMES = ("answered", "passed", "skipped", "set_aside")


@dataclass(frozen=True)
class Reflection:
    """The closing reflection as a report may show it.

    ``answers`` holds (question, ((answer, count), ...)) in the game's order, counted over
    ``respondents`` people, or is None when no session passes the rules. ``withheld`` people
    answered in settled sessions of fewer than MIN_REFLECTION_RESPONDENTS (counted nowhere
    else); ``pending`` sessions are not settled yet (their people are not counted at all).
    """

    respondents: int
    answers: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] | None
    withheld: int = 0
    pending: int = 0

    @property
    def shown(self) -> bool:
        return self.answers is not None


def settled(record: SessionRecord, now: datetime) -> bool:
    """Whether nobody can still answer, or answered so lately that the report would tell who."""
    if record.purged:
        return True
    settle = timedelta(minutes=REFLECTION_SETTLE_MINUTES)
    return record.ended_at is not None and record.ended_at <= now - settle


def reflection(records: Iterable[SessionRecord], now: datetime) -> Reflection:
    """The reflection rules: only settled sessions of MIN_REFLECTION_RESPONDENTS people or more
    are counted, so no total holds an answer that is hidden on its own."""
    respondents = withheld = pending = 0
    tally: Counter = Counter()
    for record in records:
        found = record.figures
        if not settled(record, now):
            pending += 1
        elif found.respondents < MIN_REFLECTION_RESPONDENTS:
            withheld += found.respondents
        else:
            respondents += found.respondents
            for count in found.reflection:
                tally[(count.question, count.answer)] += count.count
    if not respondents:
        return Reflection(0, None, withheld, pending)
    answers = tuple(
        (question, tuple((answer, tally[(question, answer)]) for answer in REFLECTION_SCALE))
        for question in REFLECTION_QUESTIONS
    )
    return Reflection(respondents, answers, withheld, pending)


@dataclass(frozen=True)
class SenseCards:
    """Cards drawn of one sense: per depth (in DEPTHS order) and in all."""

    sense: str
    by_depth: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class LanguageFigure:
    """In how many sessions ``language`` was read at the table, and by how many players."""

    language: str
    sessions: int
    players: int


def _languages(records: Sequence[SessionRecord]) -> tuple[LanguageFigure, ...]:
    """Sessions and players per language, most players first. A session recorded before seats
    had a language counts all its players in the room's language."""
    sessions: Counter[str] = Counter()
    players: Counter[str] = Counter()
    for record in records:
        counts = {c.language: c.players for c in record.figures.languages} or {
            record.language: record.figures.players
        }
        for language, count in counts.items():
            if count:
                sessions[language] += 1
                players[language] += count
    return tuple(
        LanguageFigure(language, sessions[language], players[language])
        for language in sorted(players, key=lambda lang: (-players[lang], lang))
    )


@dataclass(frozen=True)
class Totals:
    """The figures of one session, or of several added up."""

    sessions: int
    minutes: int  # played, over the sessions whose start and end are known
    planned_minutes: int  # over the same sessions, so the two compare
    participant_minutes: int  # players times minutes played, over the same sessions
    players: int
    deviceless: int
    cards: tuple[SenseCards, ...]
    answered: int
    passed: int
    skipped: int
    set_aside: int
    topic_signals: int
    reflection: Reflection
    languages: tuple[LanguageFigure, ...] = ()

    @property
    def cards_drawn(self) -> int:
        return sum(sense.total for sense in self.cards)

    @property
    def outcomes(self) -> tuple[tuple[str, int], ...]:
        return tuple((outcome, getattr(self, outcome)) for outcome in OUTCOMES)


def add_up(records: Sequence[SessionRecord], now: datetime) -> Totals:
    """One set of totals over ``records``; ``now`` (naive UTC) decides which have settled."""
    cards: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        for card in record.figures.cards:
            cards[card.sense][card.depth] += card.count
    senses = list(SENSES) + sorted(cards.keys() - set(SENSES))

    def total(name: str) -> int:
        return sum(getattr(record.figures, name) for record in records)

    timed = [r for r in records if r.figures.minutes is not None]
    return Totals(
        sessions=len(records),
        minutes=round(sum(r.figures.minutes for r in timed)),
        planned_minutes=sum(r.planned_minutes or 0 for r in timed),
        participant_minutes=round(sum(r.figures.minutes * r.figures.players for r in timed)),
        players=total("players"),
        deviceless=total("deviceless"),
        cards=tuple(
            SenseCards(s, tuple(cards[s][d] for d in DEPTHS), sum(cards[s].values()))
            for s in senses
        ),
        answered=total("answered"),
        passed=total("passed"),
        skipped=total("skipped"),
        set_aside=total("set_aside"),
        topic_signals=total("topic_signals"),
        reflection=reflection(records, now),
        languages=_languages(records),
    )


@dataclass(frozen=True)
class SessionReport:
    """One session as a report shows it. Times are local (DISPLAY_TIMEZONE)."""

    id: int
    facilitator: str | None
    label: str | None
    template: str | None
    language: str
    started_at: datetime
    ended_at: datetime | None
    ended: bool
    minutes: int | None
    planned_minutes: int | None
    totals: Totals


def local(moment: datetime) -> datetime:
    """A stored (naive UTC) time in the zone people here read times in."""
    return moment.replace(tzinfo=UTC).astimezone(display_zone()).replace(tzinfo=None)


def _session_report(record: SessionRecord, now: datetime) -> SessionReport:
    minutes = record.figures.minutes
    return SessionReport(
        id=record.id,
        facilitator=record.facilitator,
        label=record.label,
        template=record.template,
        language=record.language,
        started_at=local(record.started_at),
        ended_at=local(record.ended_at) if record.ended_at else None,
        ended=record.figures.ended,
        minutes=None if minutes is None else round(minutes),
        planned_minutes=record.planned_minutes,
        totals=add_up([record], now),
    )


@dataclass(frozen=True)
class Group:
    """Sessions of one facilitator (None: no account) with one label (None: no label)."""

    facilitator: str | None
    label: str | None
    totals: Totals
    sessions: tuple[SessionReport, ...]


@dataclass(frozen=True)
class Month:
    """The sessions started in one calendar month (local time), for the trend over time."""

    month: str  # "2026-11"
    totals: Totals


@dataclass(frozen=True)
class Overview:
    totals: Totals
    groups: tuple[Group, ...]
    labels: tuple[str, ...]  # every label the viewer may filter on
    truncated: bool  # more sessions matched than MAX_REPORT_SESSIONS
    months: tuple[Month, ...] = ()  # oldest first, only months with sessions


def by_month(records: Sequence[SessionRecord], now: datetime) -> tuple[Month, ...]:
    """Totals per month; each month follows the same reflection rules as any total."""
    months: dict[str, list[SessionRecord]] = defaultdict(list)
    for record in records:
        months[local(record.started_at).strftime("%Y-%m")].append(record)
    return tuple(Month(month, add_up(months[month], now)) for month in sorted(months))


def _order(name: str | None) -> tuple[bool, str]:
    return (name is None, (name or "").casefold())


def overview(
    db: Database, filters: Filters, *, facilitator_id: int | None, now: datetime | None = None
) -> Overview:
    """Sessions that match ``filters``: of one facilitator, or of everyone when None."""
    now = now or utcnow()
    since, before = filters.bounds()
    with db.transaction() as session:
        records = played_sessions(
            session,
            facilitator_id=facilitator_id,
            label=filters.label,
            since=since,
            before=before,
            limit=MAX_REPORT_SESSIONS + 1,
        )
        labels = session_labels(session, facilitator_id=facilitator_id)
    truncated = len(records) > MAX_REPORT_SESSIONS
    records = records[:MAX_REPORT_SESSIONS]
    grouped: dict[tuple[str | None, str | None], list[SessionRecord]] = defaultdict(list)
    for record in records:
        grouped[(record.facilitator, record.label)].append(record)
    groups = tuple(
        Group(
            facilitator,
            label,
            add_up(members, now),
            tuple(_session_report(member, now) for member in members),
        )
        for (facilitator, label), members in sorted(
            grouped.items(), key=lambda item: (_order(item[0][0]), _order(item[0][1]))
        )
    )
    return Overview(add_up(records, now), groups, tuple(labels), truncated, by_month(records, now))


def session_report(
    db: Database, session_id: int, *, facilitator_id: int | None, now: datetime | None = None
) -> SessionReport | None:
    """One played session, or None when there is none that this viewer may see."""
    with db.transaction() as session:
        record = played_session(session, session_id, facilitator_id=facilitator_id)
    return _session_report(record, now or utcnow()) if record else None


@dataclass(frozen=True)
class CardRow:
    """One card's figures added up over sessions (admins only, to improve the decks)."""

    card_id: str
    drawn: int
    passed: int
    set_aside: int
    topic_signals: int
    sessions: int


@dataclass(frozen=True)
class CardFigures:
    rows: tuple[CardRow, ...]  # most drawn first
    sessions: int  # sessions counted
    withheld: int  # sessions of fewer than MIN_REFLECTION_RESPONDENTS players, left out
    truncated: bool


def card_figures(db: Database, filters: Filters) -> CardFigures:
    """Per-card counts over every facilitator's sessions that match ``filters``.

    The small-group rule: only sessions of at least MIN_REFLECTION_RESPONDENTS players count,
    so in a session of two nobody can tell from a "passed" who passed.
    """
    since, before = filters.bounds()
    with db.transaction() as session:
        records = played_sessions(
            session,
            label=filters.label,
            since=since,
            before=before,
            limit=MAX_REPORT_SESSIONS + 1,
        )
    truncated = len(records) > MAX_REPORT_SESSIONS
    records = records[:MAX_REPORT_SESSIONS]
    counted = [r for r in records if r.figures.players >= MIN_REFLECTION_RESPONDENTS]
    totals: dict[str, Counter] = defaultdict(Counter)
    for record in counted:
        for card in record.figures.per_card:
            total = totals[card.card_id]
            total.update(
                drawn=card.drawn,
                passed=card.passed,
                set_aside=card.set_aside,
                topic_signals=card.topic_signals,
                sessions=1,
            )
    rows = tuple(
        sorted(
            (
                CardRow(
                    card,
                    c["drawn"],
                    c["passed"],
                    c["set_aside"],
                    c["topic_signals"],
                    c["sessions"],
                )
                for card, c in totals.items()
            ),
            key=lambda row: (-row.drawn, row.card_id),
        )
    )
    return CardFigures(rows, len(counted), len(records) - len(counted), truncated)


def room_session_id(db: Database, code: str) -> int | None:
    """The session played in the room with this code, while the room is kept."""
    with db.transaction() as session:
        return session_of_room(session, code)
