"""Typed errors for illegal moves, each with a stable ``code`` for clients and translations."""

from __future__ import annotations


class GameError(Exception):
    """A move the rules do not allow; the state it was tried on is unchanged."""

    code = "illegal_move"

    def __init__(self, note: str = "", **params: object):
        """``note`` is for logs and developers; ``params`` fill in the translated message."""
        self.params = params
        super().__init__(note or self.code)


def _error(name: str, code: str, doc: str) -> type[GameError]:
    return type(name, (GameError,), {"code": code, "__doc__": doc})


NotYourTurn = _error("NotYourTurn", "not_your_turn", "Only the active player may do this now.")
NotHost = _error("NotHost", "not_host", "Only the host or a co-host may do this.")
GameNotStarted = _error("GameNotStarted", "game_not_started", "The game has not started yet.")
GameAlreadyStarted = _error(
    "GameAlreadyStarted", "game_already_started", "This is only possible in the lobby."
)
GameEnded = _error("GameEnded", "game_ended", "The game is over.")
CardAlreadyDrawn = _error(
    "CardAlreadyDrawn", "card_already_drawn", "A card is already on the table."
)
NoCardDrawn = _error("NoCardDrawn", "no_card_drawn", "There is no card on the table.")
SenseNotInPlay = _error("SenseNotInPlay", "sense_not_in_play", "That sense is not in this game.")
NoCards = _error("NoCards", "no_cards", "There are no cards for these settings.")
UnknownSeat = _error("UnknownSeat", "unknown_seat", "There is no such player in this room.")
SeatNotAvailable = _error(
    "SeatNotAvailable", "seat_not_available", "That player cannot take the card right now."
)
HandNotAllowed = _error(
    "HandNotAllowed", "hand_not_allowed", "The card cannot be handed on in this game."
)
NameTaken = _error("NameTaken", "name_taken", "Someone in this room already uses that name.")
RoomFull = _error("RoomFull", "room_full", "This room is full.")
NoPlayers = _error("NoPlayers", "no_players", "There is nobody to play with yet.")
NotWaitingOnPlayer = _error(
    "NotWaitingOnPlayer", "not_waiting_on_player", "The game is not waiting on that player."
)
InvalidSettings = _error("InvalidSettings", "invalid_settings", "These settings are not valid.")
SeatExists = _error("SeatExists", "seat_exists", "That seat is already in the room.")
InvalidName = _error("InvalidName", "invalid_name", "That name cannot be used.")
RoomLocked = _error("RoomLocked", "room_locked", "The host has closed this room to new players.")
GamePaused = _error("GamePaused", "game_paused", "The game is paused.")
TypedAnswersOff = _error(
    "TypedAnswersOff", "typed_answers_off", "Typed answers are not switched on in this room."
)
NoTimer = _error("NoTimer", "no_timer", "There is no turn timer running.")
InvalidReaction = _error("InvalidReaction", "invalid_reaction", "That reaction does not exist.")
EmptyAnswer = _error("EmptyAnswer", "empty_answer", "The answer is empty.")
