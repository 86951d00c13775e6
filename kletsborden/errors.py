"""Every error a client can get besides the rules' own (engine/errors.py), in one place.

All of them are ``GameError``s with a stable code, so every adapter turns any of them into the
same translated error ack; docs/protocol.md lists them all.
"""

from __future__ import annotations

from .engine.errors import GameError, error_type

__all__ = ["GameError"]

InvalidPayload = error_type(
    "InvalidPayload", "invalid_payload", "The message has the wrong shape: fields or types."
)
RoomNotFound = error_type("RoomNotFound", "room_not_found", "No open room has this code.")
AnswerTooLong = error_type("AnswerTooLong", "answer_too_long", "The typed answer is too long.")
InvalidToken = error_type("InvalidToken", "invalid_token", "No seat in this room has this token.")
Kicked = error_type("Kicked", "kicked", "The host removed this seat; it cannot come back.")
NotAllowed = error_type("NotAllowed", "not_allowed", "This is not allowed here.")
Busy = error_type("Busy", "busy", "Too many changes to one room at once; trying again works.")
Unavailable = error_type("Unavailable", "unavailable", "The database cannot be reached now.")
NotJoined = error_type("NotJoined", "not_joined", "This connection has not joined a room.")
RateLimited = error_type("RateLimited", "rate_limited", "Too many requests; slow down.")
UnknownEvent = error_type("UnknownEvent", "unknown_event", "No such event.")
InternalError = error_type("InternalError", "internal_error", "Something failed on our side.")
# Each limit has its own code, so a client can tell which one was reached (docs/security.md).
TooManyReactions = error_type(
    "TooManyReactions", "too_many_reactions", "Too many reactions from this connection for now."
)
TooManyFailedJoins = error_type(
    "TooManyFailedJoins",
    "too_many_failed_joins",
    "Too many wrong codes, tokens or screen keys from this address; wait before trying again.",
)
TooManySeats = error_type(
    "TooManySeats", "too_many_seats", "This address took too many seats in this room just now."
)
TooManyRooms = error_type(
    "TooManyRooms", "too_many_rooms", "This address opened too many rooms for now."
)
TooManySignals = error_type(
    "TooManySignals", "too_many_signals", "Too many voice signals from this connection for now."
)
VoiceSignalTooLarge = error_type(
    "VoiceSignalTooLarge", "voice_signal_too_large", "A voice signal over its size limit."
)
