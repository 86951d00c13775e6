"""Typed errors for illegal moves, each with a stable ``code`` for clients and translations."""

from __future__ import annotations


class GameError(Exception):
    """A move the rules do not allow; the state it was tried on is unchanged."""

    code = "illegal_move"

    def __init__(self, note: str = "", **params: object):
        """``note`` is for logs and developers; ``params`` fill in the translated message."""
        self.params = params
        super().__init__(note or self.code)


def error_type(name: str, code: str, doc: str) -> type[GameError]:
    """A ``GameError`` subclass with its stable code; the doc says what went wrong."""
    return type(name, (GameError,), {"code": code, "__doc__": doc})


NotYourTurn = error_type("NotYourTurn", "not_your_turn", "Only the active player may do this now.")
NotHost = error_type("NotHost", "not_host", "Only the host or a co-host may do this.")
GameNotStarted = error_type("GameNotStarted", "game_not_started", "The game has not started yet.")
GameAlreadyStarted = error_type(
    "GameAlreadyStarted", "game_already_started", "This is only possible in the lobby."
)
GameEnded = error_type("GameEnded", "game_ended", "The game is over.")
CardAlreadyDrawn = error_type(
    "CardAlreadyDrawn", "card_already_drawn", "A card is already on the table."
)
NoCardDrawn = error_type("NoCardDrawn", "no_card_drawn", "There is no card on the table.")
SenseNotInPlay = error_type(
    "SenseNotInPlay", "sense_not_in_play", "That sense is not in this game."
)
NoCards = error_type("NoCards", "no_cards", "There are no cards for these settings.")
UnknownSeat = error_type("UnknownSeat", "unknown_seat", "There is no such player in this room.")
SeatNotAvailable = error_type(
    "SeatNotAvailable", "seat_not_available", "That player cannot take the card right now."
)
HandNotAllowed = error_type(
    "HandNotAllowed", "hand_not_allowed", "The card cannot be handed on in this game."
)
NameTaken = error_type("NameTaken", "name_taken", "Someone in this room already uses that name.")
RoomFull = error_type("RoomFull", "room_full", "This room is full.")
NoPlayers = error_type("NoPlayers", "no_players", "There is nobody to play with yet.")
NotWaitingOnPlayer = error_type(
    "NotWaitingOnPlayer", "not_waiting_on_player", "The game is not waiting on that player."
)
InvalidSettings = error_type("InvalidSettings", "invalid_settings", "These settings are not valid.")
SeatExists = error_type("SeatExists", "seat_exists", "That seat is already in the room.")
InvalidName = error_type("InvalidName", "invalid_name", "That name cannot be used.")
RoomLocked = error_type(
    "RoomLocked", "room_locked", "The host has closed this room to new players."
)
GamePaused = error_type("GamePaused", "game_paused", "The game is paused.")
TypedAnswersOff = error_type(
    "TypedAnswersOff", "typed_answers_off", "Typed answers are not switched on in this room."
)
NoTimer = error_type("NoTimer", "no_timer", "There is no turn timer running.")
InvalidReaction = error_type("InvalidReaction", "invalid_reaction", "That reaction does not exist.")
EmptyAnswer = error_type("EmptyAnswer", "empty_answer", "The answer is empty.")
NoDevice = error_type(
    "NoDevice", "not_deviceless", "That player has their own device and plays it themselves."
)
InvalidReflection = error_type(
    "InvalidReflection", "invalid_reflection", "That is not an answer to the reflection."
)
AlreadyReflected = error_type(
    "AlreadyReflected", "already_reflected", "You already answered the reflection. Thank you!"
)
NotAPlayer = error_type(
    "NotAPlayer", "not_a_player", "Only people who played in this game answer its reflection."
)
ReflectionClosed = error_type(
    "ReflectionClosed", "reflection_closed", "The reflection of this game has closed."
)
GameNotEnded = error_type(
    "GameNotEnded", "game_not_ended", "The reflection opens when the game has ended."
)
VoiceOff = error_type(
    "VoiceOff", "voice_off", "This room plays together in one place: it has no voice table."
)
VoiceFull = error_type("VoiceFull", "voice_full", "The voice table is full (params: limit).")
VoiceNotIn = error_type("VoiceNotIn", "voice_not_in", "You are not at the voice table.")
VoicePeerUnknown = error_type(
    "VoicePeerUnknown", "voice_peer_unknown", "That participant is not at the voice table."
)
