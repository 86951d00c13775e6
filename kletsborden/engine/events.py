"""What applying an action caused, for announcements ("Anna draws a card") and logs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """``for_leads`` events are told to hosts only, never in the room's public snapshot."""

    for_leads = False


@dataclass(frozen=True)
class SeatAdded(Event):
    seat_id: str


@dataclass(frozen=True)
class SeatRemoved(Event):
    seat_id: str


@dataclass(frozen=True)
class PresenceChanged(Event):
    seat_id: str
    connected: bool
    away: bool


@dataclass(frozen=True)
class HostChanged(Event):
    seat_id: str | None


@dataclass(frozen=True)
class SettingsChanged(Event):
    pass


@dataclass(frozen=True)
class GameStarted(Event):
    pass


@dataclass(frozen=True)
class TurnStarted(Event):
    seat_id: str | None
    number: int


@dataclass(frozen=True)
class DeckShuffled(Event):
    sense: str
    shuffles: int


@dataclass(frozen=True)
class CardDrawn(Event):
    card_id: str
    sense: str
    seat_id: str
    by_chance: bool


@dataclass(frozen=True)
class CardHanded(Event):
    from_seat: str
    to_seat: str


@dataclass(frozen=True)
class AnswerEnded(Event):
    seat_id: str
    outcome: str


@dataclass(frozen=True)
class GameEnded(Event):
    pass


@dataclass(frozen=True)
class SeatKicked(Event):
    seat_id: str


@dataclass(frozen=True)
class LockChanged(Event):
    locked: bool


@dataclass(frozen=True)
class PauseChanged(Event):
    paused: bool


@dataclass(frozen=True)
class RoleChanged(Event):
    seat_id: str
    role: str


@dataclass(frozen=True)
class Reacted(Event):
    seat_id: str
    reaction: str


@dataclass(frozen=True)
class AnswerTyped(Event):
    seat_id: str


@dataclass(frozen=True)
class TimerExtended(Event):
    seat_id: str
    deadline: float


@dataclass(frozen=True)
class TimerExpired(Event):
    seat_id: str


@dataclass(frozen=True)
class ShowJoinChanged(Event):
    show: bool


@dataclass(frozen=True)
class TakesTurnsChanged(Event):
    seat_id: str
    takes_turns: bool


@dataclass(frozen=True)
class LanguageChanged(Event):
    seat_id: str
    language: str


@dataclass(frozen=True)
class TopicChangeAsked(Event):
    for_leads = True
    card_id: str
    named: str | None


@dataclass(frozen=True)
class CardSetAside(Event):
    card_id: str


@dataclass(frozen=True)
class Reflected(Event):
    respondents: int


@dataclass(frozen=True)
class VoiceJoined(Event):
    """``seat_id`` is a seat's id or "hall"; ``session`` is the new ``Voice.session``."""

    seat_id: str
    session: int


@dataclass(frozen=True)
class VoiceLeft(Event):
    seat_id: str


@dataclass(frozen=True)
class VoiceMuted(Event):
    seat_id: str
    muted: bool


@dataclass(frozen=True)
class VoiceMuteAsked(Event):
    seat_id: str
    by: str


@dataclass(frozen=True)
class VoiceCameraChanged(Event):
    seat_id: str
    camera: bool
