"""Everything that can happen to a room, as plain data. ``at`` is the time in seconds (epoch)."""

from __future__ import annotations

from dataclasses import dataclass

from .state import Card, Role, Settings


@dataclass(frozen=True, kw_only=True)
class Action:
    at: float = 0.0


@dataclass(frozen=True, kw_only=True)
class AddSeat(Action):
    """Someone joins: a player takes a seat, or a spectator (projector) watches."""

    seat_id: str
    name: str
    role: Role = Role.PLAYER
    takes_turns: bool = True
    language: str | None = None


@dataclass(frozen=True, kw_only=True)
class RemoveSeat(Action):
    """Someone leaves the room for good."""

    seat_id: str


@dataclass(frozen=True, kw_only=True)
class SetConnected(Action):
    """A seat's connection dropped or came back; coming back also ends being away."""

    seat_id: str
    connected: bool


@dataclass(frozen=True, kw_only=True)
class MarkAway(Action):
    """A seat is gone long enough (or says so) to be left out of turns until it returns."""

    seat_id: str


@dataclass(frozen=True, kw_only=True)
class ChangeSettings(Action):
    by: str
    settings: Settings


@dataclass(frozen=True, kw_only=True)
class StartGame(Action):
    """Start playing with these cards; the rules keep those that fit the settings."""

    by: str
    cards: tuple[Card, ...]


@dataclass(frozen=True, kw_only=True)
class DrawCard(Action):
    """Draw from a sense, or let chance choose the sense when ``sense`` is None."""

    by: str
    sense: str | None = None


@dataclass(frozen=True, kw_only=True)
class HandCard(Action):
    """Give the card on the table to another player to answer."""

    by: str
    to: str


@dataclass(frozen=True, kw_only=True)
class PassCard(Action):
    """Put the card away without answering; no questions asked."""

    by: str


@dataclass(frozen=True, kw_only=True)
class FinishTurn(Action):
    """Done answering (or, with no card drawn, done with one's turn)."""

    by: str


@dataclass(frozen=True, kw_only=True)
class SkipPlayer(Action):
    """The host moves the game past the player it waits on; naming them guards double clicks."""

    by: str
    seat_id: str


@dataclass(frozen=True, kw_only=True)
class EndGame(Action):
    by: str


@dataclass(frozen=True, kw_only=True)
class Kick(Action):
    """The host removes a seat; the service makes sure that seat cannot come back."""

    by: str
    seat_id: str


@dataclass(frozen=True, kw_only=True)
class SetLocked(Action):
    """Close (or reopen) the room to new seats; seats already in it can always come back."""

    by: str
    locked: bool


@dataclass(frozen=True, kw_only=True)
class SetPaused(Action):
    by: str
    paused: bool


@dataclass(frozen=True, kw_only=True)
class SetRole(Action):
    """The host makes a seat host (stepping down to co-host), co-host or player."""

    by: str
    seat_id: str
    role: Role


@dataclass(frozen=True, kw_only=True)
class SetTakesTurns(Action):
    """A seat joins in or sits out of the turns (a host may facilitate without playing)."""

    by: str
    seat_id: str
    takes_turns: bool


@dataclass(frozen=True, kw_only=True)
class SetLanguage(Action):
    """A person reads the cards (and the interface) in another language from now on."""

    seat_id: str
    language: str


@dataclass(frozen=True, kw_only=True)
class React(Action):
    """Non-verbal appreciation for a story: no scores, nothing kept."""

    by: str
    reaction: str


@dataclass(frozen=True, kw_only=True)
class TypeAnswer(Action):
    """The answering player types their answer for the room to read."""

    by: str
    text: str


@dataclass(frozen=True, kw_only=True)
class ExtendTimer(Action):
    """Anyone at the table may ask for more time: a timer never hurries anyone unwillingly."""

    by: str


@dataclass(frozen=True, kw_only=True)
class Tick(Action):
    """Time passed: seats gone longer than ``grace`` seconds are marked away, and an expired turn
    timer moves the game on. ``clock_went_back``: the caller saw the clock go back (or cannot
    know), so times stamped ahead of ``at`` start again from ``at``."""

    grace: float
    clock_went_back: bool = False


@dataclass(frozen=True, kw_only=True)
class SetShowJoin(Action):
    """Show or hide the join QR code and room code on the projector screen."""

    by: str
    show: bool


@dataclass(frozen=True, kw_only=True)
class AddDevicelessSeat(Action):
    """A host adds someone without a phone; hosts then play that seat from their own screen."""

    by: str
    seat_id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class ActFor(Action):
    """A host makes a move for a seat without a device; ``action.by`` is that seat."""

    by: str
    action: Action


@dataclass(frozen=True, kw_only=True)
class AskTopicChange(Action):
    """A player would rather talk about something else; named only if they say so."""

    by: str
    show_name: bool = False


@dataclass(frozen=True, kw_only=True)
class SetCardAside(Action):
    """A host puts the card on the table away; the same player draws another."""

    by: str


@dataclass(frozen=True, kw_only=True)
class Reflect(Action):
    """One player's closing reflection: ``(question, answer)`` pairs, any of them left out."""

    by: str
    answers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class JoinVoice(Action):
    """A seat (or ``HALL``, the projector of a mixed room) comes to the voice table; joining
    again starts a new voice session. ``max_peers`` is the mesh limit, handed in by the caller."""

    by: str
    max_peers: int
    camera: bool = False


@dataclass(frozen=True, kw_only=True)
class LeaveVoice(Action):
    """Away from the voice table, still in the game. With ``session``, only that voice session
    leaves (a projector that closed must not take a newer hall with it)."""

    by: str
    session: int | None = None


@dataclass(frozen=True, kw_only=True)
class SetMuted(Action):
    """One's own microphone; unmuting also ends a host's request to mute."""

    by: str
    muted: bool


@dataclass(frozen=True, kw_only=True)
class AskToMute(Action):
    """A host mutes someone at the voice table (a seat id or ``HALL``); only they can unmute."""

    by: str
    seat_id: str


@dataclass(frozen=True, kw_only=True)
class SetCamera(Action):
    by: str
    on: bool
