"""The room state as immutable values: what the store saves and every rule reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

Value = TypeVar("Value")

SENSES = ("horen", "zien", "voelen")
KINDS = ("gewoon", "ongewoon")
DEPTHS = (1, 2, 3)
REACTIONS = ("thanks", "me_too", "heart")
# The closing reflection: three one-tap statements, each answered on one plain scale.
REFLECTION_QUESTIONS = ("felt_heard", "learned_something", "meet_again")
REFLECTION_SCALE = ("agree", "neutral", "disagree")


def replace(value: Value, /, **changes: Any) -> Value:
    """``dataclasses.replace`` for the engine's frozen values, without running ``__init__``: a
    move copies its state several times, and the standard one (a call of ``__init__`` that sets
    every field in turn) was an eighth of a move's CPU. Right for these classes only: none has
    ``__post_init__`` or a field outside ``__init__``. An unknown field is a ``TypeError``.
    (msgspec leaves a field at its class default out of the instance's ``__dict__``.)"""
    kind = type(value)
    known = kind.__dataclass_fields__.keys()  # type: ignore[attr-defined]
    if not known >= changes.keys():
        raise TypeError(f"{kind.__name__} has no field {set(changes) - set(known)}")
    copy = object.__new__(kind)
    attributes = copy.__dict__
    attributes.update(value.__dict__)
    attributes.update(changes)
    return copy


class Phase(StrEnum):
    LOBBY = "lobby"
    PLAYING = "playing"
    ENDED = "ended"


class Role(StrEnum):
    HOST = "host"
    COHOST = "cohost"
    PLAYER = "player"
    SPECTATOR = "spectator"


class Answering(StrEnum):
    """Who answers a drawn card."""

    DRAWER = "drawer"
    CHOSEN = "chosen"
    EVERYONE = "everyone"


class PlayMode(StrEnum):
    """Where the table sits: in one room (no voice), everyone at home, or some of each."""

    TOGETHER = "together"
    ONLINE = "online"
    MIXED = "mixed"


# The voice participant of a mixed room's projector screen (one for the hall's laptop and
# speaker); seat ids are hex, so it never names a seat.
HALL = "hall"


class Outcome(StrEnum):
    """What became of one person's turn to answer a card."""

    ANSWERED = "answered"
    PASSED = "passed"
    SKIPPED = "skipped"
    AWAY = "away"


@dataclass(frozen=True)
class Voice:
    """Someone at the voice table. Only the flags live here; the media never touch the server.

    ``session`` numbers each join in the room, so the others see a rejoin after a reload as a
    new conversation partner and connect afresh. ``asked_to_mute``: a host muted this person,
    who alone can unmute.
    """

    session: int
    muted: bool = False
    asked_to_mute: bool = False
    camera: bool = False


@dataclass(frozen=True)
class Seat:
    """A place at the table.

    ``connected`` follows the socket (``disconnected_at`` says since when it is gone); ``away``
    means left out of turns until the seat returns. ``takes_turns`` lets a host facilitate
    without playing along; spectator seats never take turns. A seat without a device
    (``has_device`` false) belongs to someone without a phone: a host or co-host plays it for
    them, and it is never away. ``language`` is the person's: they read the card in it.
    """

    id: str
    name: str
    role: Role = Role.PLAYER
    connected: bool = True
    away: bool = False
    takes_turns: bool = True
    disconnected_at: float | None = None
    has_device: bool = True
    voice: Voice | None = None  # None: not at the voice table
    language: str | None = None  # the person's language; None is the room's (older rooms)

    @property
    def plays(self) -> bool:
        return self.role is not Role.SPECTATOR and self.takes_turns

    @property
    def eligible(self) -> bool:
        """May take a turn or answer a card now."""
        return self.plays and not self.away

    @property
    def leads(self) -> bool:
        return self.role in (Role.HOST, Role.COHOST)


@dataclass(frozen=True)
class Settings:
    editions: tuple[str, ...] = ("kletsborden",)
    senses: tuple[str, ...] = SENSES
    max_depth: int = 3
    answering: Answering = Answering.DRAWER
    turn_timer_seconds: int | None = None
    language: str = "nl"
    max_players: int | None = None
    typed_answers: bool = False
    excluded_cards: tuple[str, ...] = ()  # left out by the facilitator: they know their group
    planned_minutes: int | None = None
    play_mode: PlayMode = PlayMode.TOGETHER  # "together" has no voice table
    # Card languages: draft translations offered at the table, and the projector's second one.
    draft_languages: bool = True
    second_language: str | None = None


@dataclass(frozen=True)
class CardText:
    """A card's words in one language; a ``draft`` is a translation no speaker has checked."""

    question: str
    follow_up: str | None = None
    image_alt: str | None = None
    status: str = "reviewed"


@dataclass(frozen=True)
class Card:
    """A card as it is played: copied into the room at the start, so later edits never show.

    ``texts`` holds every language the edition has for it (the room's language always), so
    each person at the table can read it in their own.
    """

    id: str
    sense: str
    kind: str
    depth: int
    texts: dict[str, CardText] = field(default_factory=dict)
    image: str | None = None


@dataclass(frozen=True)
class Deck:
    """The draw pile of one sense; ``remaining[0]`` is drawn next."""

    sense: str
    pool: tuple[str, ...]
    remaining: tuple[str, ...]
    shuffles: int = 1


@dataclass(frozen=True)
class Answer:
    seat_id: str
    outcome: Outcome


@dataclass(frozen=True)
class TypedAnswer:
    """An answer typed instead of spoken, shown to the room; gone when the room is purged."""

    seat_id: str
    text: str


@dataclass(frozen=True)
class Play:
    """One drawn card in the history, with what each person did with it.

    ``topic_signals`` counts the players who would rather talk about something else, once each
    (``topic_from`` holds who, so a second tap changes nothing; it is never sent or reported).
    Only those who chose to be named are in ``topic_named``; only hosts are shown either.
    ``set_aside`` marks a card a host replaced.
    """

    card_id: str
    sense: str
    drawn_by: str
    by_chance: bool
    at: float
    answers: tuple[Answer, ...] = ()
    typed: tuple[TypedAnswer, ...] = ()
    topic_signals: int = 0
    topic_named: tuple[str, ...] = ()
    topic_from: tuple[str, ...] = ()
    set_aside: bool = False
    depth: int = 0  # the card's, so that counting a play needs no look-up of its card


@dataclass(frozen=True)
class CardCount:
    """How many cards of one sense and depth were drawn."""

    sense: str
    depth: int
    count: int


@dataclass(frozen=True)
class CardFigure:
    """What happened to one card in a game: counts, for admins who improve the decks."""

    card_id: str
    drawn: int
    passed: int
    set_aside: int
    topic_signals: int


@dataclass(frozen=True)
class Tally:
    """What the plays that left ``history`` add up to: counts only (see ``engine/tally.py``).

    The room keeps only its latest plays, so a long game costs no more per move than a short one.
    """

    plays: int = 0
    cards: tuple[CardCount, ...] = ()  # sorted by sense and depth
    answered: int = 0
    passed: int = 0
    skipped: int = 0
    away: int = 0
    set_aside: int = 0
    topic_signals: int = 0
    per_card: tuple[CardFigure, ...] = ()  # sorted by card id


@dataclass(frozen=True)
class Participant:
    """Someone who played in this game (for the session's figures: never a name)."""

    seat_id: str
    has_device: bool = True
    language: str | None = None  # the language they read in (None: the room's), for reports


@dataclass(frozen=True)
class ReflectionCount:
    """How many people gave ``answer`` to ``question``: counts only, so no answer has an owner."""

    question: str
    answer: str
    count: int


@dataclass(frozen=True)
class Turn:
    """Whose turn it is and, once a card is drawn, whose answer the game waits for.

    ``answerers`` is a queue: its first seat answers now. An empty queue with a card on the table
    means the drawer still has to choose who answers (answering mode "chosen"). ``handover`` marks
    a turn taken over from a drawer who left while others were still answering their card.
    ``deadline`` is when the turn timer runs out, if the room has one.
    """

    number: int
    active: str | None
    started_at: float
    card_id: str | None = None
    answerers: tuple[str, ...] = ()
    handover: bool = False
    deadline: float | None = None


@dataclass(frozen=True)
class RoomState:
    seed: int
    settings: Settings = field(default_factory=Settings)
    phase: Phase = Phase.LOBBY
    seats: tuple[Seat, ...] = ()
    cards: tuple[Card, ...] = ()
    decks: tuple[Deck, ...] = ()
    turn: Turn | None = None
    history: tuple[Play, ...] = ()  # the latest plays, the card on the table last
    tally: Tally = field(default_factory=Tally)  # the plays before ``history``
    locked: bool = False
    paused_at: float | None = None
    show_join: bool = True  # the projector shows how to join (QR and code)
    started_at: float | None = None
    ended_at: float | None = None
    participants: tuple[Participant, ...] = ()
    reflected: tuple[str, ...] = ()  # seats that answered the closing reflection, sorted
    reflection: tuple[ReflectionCount, ...] = ()  # sorted by question and answer
    hall_voice: Voice | None = None  # the projector screen at the voice table (mixed rooms)
    voice_sessions: int = 0  # voice joins so far: the latest ``Voice.session``

    @property
    def drawn(self) -> int:
        """How many cards were drawn in this game."""
        return self.tally.plays + len(self.history)

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def seat(self, seat_id: str) -> Seat | None:
        return next((s for s in self.seats if s.id == seat_id), None)

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)

    def deck(self, sense: str) -> Deck | None:
        return next((d for d in self.decks if d.sense == sense), None)

    def voice_of(self, participant: str) -> Voice | None:
        """The voice state of a seat id or ``HALL``; None when not at the voice table."""
        if participant == HALL:
            return self.hall_voice
        seat = self.seat(participant)
        return seat.voice if seat is not None else None

    @property
    def in_voice(self) -> list[str]:
        """Every participant at the voice table: seat ids in seat order, then ``HALL``."""
        seats = [s.id for s in self.seats if s.voice is not None]
        return seats + ([HALL] if self.hall_voice is not None else [])

    @property
    def host(self) -> Seat | None:
        return next((s for s in self.seats if s.role is Role.HOST), None)

    @property
    def current_card(self) -> Card | None:
        if self.turn is None or self.turn.card_id is None:
            return None
        return self.card(self.turn.card_id)

    @property
    def waiting_on(self) -> str | None:
        """The seat whose move the game waits for: the current answerer, else the active player."""
        if self.turn is None:
            return None
        return self.turn.answerers[0] if self.turn.answerers else self.turn.active
