"""The voice table's rules: who is at it and with which flags. The media never pass the server.

Participants are seats and, in a mixed room, ``HALL`` (the projector screen). A seat leaves the
voice table when it leaves the room, is kicked or marked away, when the game ends, and when the
room switches to playing together; a seat whose connection merely dropped keeps its place, so a
reload brings it back. ``rules.py`` calls ``leave_all`` and ``leave`` for those.
"""

from __future__ import annotations

from typing import Any

from . import actions as a
from . import errors as e
from . import events as ev
from .state import HALL, Phase, PlayMode, RoomState, Voice, replace

Result = tuple[RoomState, list[ev.Event]]


def _with_voice(state: RoomState, participant: str, voice: Voice | None) -> RoomState:
    if participant == HALL:
        return replace(state, hall_voice=voice)
    seats = tuple(replace(s, voice=voice) if s.id == participant else s for s in state.seats)
    return replace(state, seats=seats)


def _own_voice(state: RoomState, participant: str) -> Voice:
    """The sender's voice state; it must be at the table (a seat that left is unknown)."""
    if participant != HALL and state.seat(participant) is None:
        raise e.UnknownSeat(participant)
    voice = state.voice_of(participant)
    if voice is None:
        raise e.VoiceNotIn()
    return voice


def _change(state: RoomState, participant: str, event: ev.Event, **flags: Any) -> Result:
    voice = _own_voice(state, participant)
    changed = replace(voice, **flags)
    if changed == voice:
        return state, []
    return _with_voice(state, participant, changed), [event]


def leave(state: RoomState, participant: str) -> Result:
    """Take one participant away from the voice table, if at it."""
    if state.voice_of(participant) is None:
        return state, []
    return _with_voice(state, participant, None), [ev.VoiceLeft(participant)]


def leave_all(state: RoomState, keep_seats: bool = False) -> Result:
    """Everyone away from the voice table (``keep_seats``: only the hall)."""
    events: list[ev.Event] = []
    for participant in state.in_voice:
        if participant == HALL or not keep_seats:
            state, left = leave(state, participant)
            events += left
    return state, events


def follow_play_mode(state: RoomState) -> Result:
    """After a settings change: no voice table when playing together, no hall outside mixed."""
    mode = state.settings.play_mode
    if mode is PlayMode.MIXED:
        return state, []
    return leave_all(state, keep_seats=mode is PlayMode.ONLINE)


def join_voice(state: RoomState, action: a.JoinVoice) -> Result:
    mode = state.settings.play_mode
    if mode is PlayMode.TOGETHER or (action.by == HALL and mode is not PlayMode.MIXED):
        raise e.VoiceOff()
    if action.by != HALL:
        seat = state.seat(action.by)
        if seat is None:
            raise e.UnknownSeat(action.by)
        if not seat.has_device or seat.away:  # nobody there to talk (a return ends away)
            raise e.SeatNotAvailable()
    if state.phase is Phase.ENDED:
        raise e.GameEnded()
    others = [p for p in state.in_voice if p != action.by]
    if len(others) >= action.max_peers:
        raise e.VoiceFull(limit=action.max_peers)
    before = state.voice_of(action.by)
    session = state.voice_sessions + 1
    voice = Voice(session, camera=action.camera)
    if before is not None:  # a rejoin (after a reload): a host's request to mute still holds
        voice = replace(voice, muted=before.muted, asked_to_mute=before.asked_to_mute)
    state = replace(_with_voice(state, action.by, voice), voice_sessions=session)
    return state, [ev.VoiceJoined(action.by, session)]


def leave_voice(state: RoomState, action: a.LeaveVoice) -> Result:
    if action.by != HALL and state.seat(action.by) is None:
        raise e.UnknownSeat(action.by)
    voice = state.voice_of(action.by)
    if voice is None or action.session not in (None, voice.session):
        return state, []
    return leave(state, action.by)


def set_muted(state: RoomState, action: a.SetMuted) -> Result:
    flags: dict[str, bool] = {"muted": action.muted}
    if not action.muted:
        flags["asked_to_mute"] = False
    return _change(state, action.by, ev.VoiceMuted(action.by, action.muted), **flags)


def ask_to_mute(state: RoomState, action: a.AskToMute) -> Result:
    """Any host or co-host, at the voice table or not."""
    seat = state.seat(action.by)
    if seat is None:
        raise e.UnknownSeat(action.by)
    if not seat.leads:
        raise e.NotHost()
    if state.voice_of(action.seat_id) is None:
        raise e.VoicePeerUnknown()
    event = ev.VoiceMuteAsked(action.seat_id, action.by)
    return _change(state, action.seat_id, event, muted=True, asked_to_mute=True)


def set_camera(state: RoomState, action: a.SetCamera) -> Result:
    return _change(state, action.by, ev.VoiceCameraChanged(action.by, action.on), camera=action.on)


HANDLERS = {
    a.JoinVoice: join_voice,
    a.LeaveVoice: leave_voice,
    a.SetMuted: set_muted,
    a.AskToMute: ask_to_mute,
    a.SetCamera: set_camera,
}


def check_signal(state: RoomState, sender: str, to: str, session: int | None = None) -> None:
    """A signal may go from ``sender`` to ``to`` only when both are at this room's voice table;
    with ``session``, only from that voice session of the sender (a screen that was the hall
    before a newer one joined speaks for it no more)."""
    voice = state.voice_of(sender)
    if voice is None or session not in (None, voice.session):
        raise e.VoiceNotIn()
    if to == sender or state.voice_of(to) is None:
        raise e.VoicePeerUnknown()
