"""The game's rules as pure, deterministic Python: no Flask, no database, no I/O.

Callers build a state with ``new_room``, change it only through ``apply`` and save it with
``encode`` / ``decode``.
"""

from .codec import decode, encode
from .errors import GameError
from .rules import apply, new_room, validate_settings
from .state import Answering, Card, Phase, Role, RoomState, Seat, Settings

__all__ = [
    "Answering",
    "Card",
    "GameError",
    "Phase",
    "Role",
    "RoomState",
    "Seat",
    "Settings",
    "apply",
    "decode",
    "encode",
    "new_room",
    "validate_settings",
]
