"""The rooms this process decoded last, each at the version it read or saved.

A move needs the room's state; decoding it again for every move was most of a move's cost.
The store stays the truth: an entry is used only for the exact version the database has now
(the row is read first, without its state), and every save is still ``UPDATE … WHERE version =
:read``. A room another process changed is simply decoded again, and a lost race reloads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..config import ROOM_CACHE_ROOMS
from ..engine.state import Card, RoomState

if TYPE_CHECKING:
    from .rooms import RoomRef


@dataclass(frozen=True)
class _Entry:
    room: tuple[int, datetime]  # row id and creation: a code used again is another room
    version: int
    state: RoomState
    figures_at: float | None  # when this process last wrote the room's session figures


class RoomCache:
    def __init__(self, size: int = ROOM_CACHE_ROOMS):
        self._size = size
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, row: RoomRef) -> RoomState | None:
        """The state of ``row`` at exactly its version, if this process has it."""
        entry = self._entry(row)
        return entry.state if entry is not None and entry.version == row.version else None

    def latest(self, code: str) -> RoomState | None:
        """The newest state this process knows of the room, whatever the database has now."""
        with self._lock:
            entry = self._entries.get(code)
            return entry.state if entry is not None else None

    def cards(self, row: RoomRef) -> tuple[Card, ...] | None:
        """The game's cards, if known: they never change once the game has started."""
        entry = self._entry(row)
        return entry.state.cards if entry is not None and entry.state.cards else None

    def figures_at(self, row: RoomRef) -> float | None:
        """When this process last wrote the room's session figures (None: not known)."""
        entry = self._entry(row)
        return entry.figures_at if entry is not None else None

    def put(
        self, row: RoomRef, state: RoomState, version: int, figures_at: float | None = None
    ) -> None:
        """Remember ``state`` as ``row``'s state at ``version`` (after it was committed), and
        ``figures_at`` if the session's figures were written with it."""
        with self._lock:
            known = self._entries.get(row.code)
            same_room = known is not None and known.room == (row.id, row.created_at)
            if same_room and known.version > version:
                return  # a newer version arrived meanwhile (another greenlet of this process)
            if figures_at is None and same_room:
                figures_at = known.figures_at
            entry = _Entry((row.id, row.created_at), version, state, figures_at)
            self._entries[row.code] = entry
            self._entries.move_to_end(row.code)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def _entry(self, row: RoomRef) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(row.code)
            if entry is None or entry.room != (row.id, row.created_at):
                return None
            self._entries.move_to_end(row.code)
            return entry
