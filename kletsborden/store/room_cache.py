"""The rooms this process decoded last, each as its row was when read or saved.

A move needs the room's state; decoding it again for every move was most of a move's cost.
The store stays the truth: every save is ``UPDATE … WHERE version = :read``, so a state is only
ever saved over the exact version it came from. A move may be tried on the room as held here
without reading its row first (``held``); if another process moved the room meanwhile, the save
matches no row and the move is tried again on the stored room.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import ROOM_CACHE_ROOMS
from ..engine.state import Card, RoomState

if TYPE_CHECKING:
    from .rooms import RoomRef


@dataclass(frozen=True)
class _Entry:
    row: RoomRef  # as read or saved: its version is the state's
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
        return entry.state if entry is not None and entry.row.version == row.version else None

    def held(self, code: str) -> tuple[RoomRef, RoomState] | None:
        """The room's row and state as this process last read or saved them, whatever the
        database has now: to be saved over only by compare-and-swap on that row's version."""
        with self._lock:
            entry = self._entries.get(code)
            return (entry.row, entry.state) if entry is not None else None

    def latest(self, code: str) -> RoomState | None:
        """The newest state this process knows of the room, whatever the database has now."""
        held = self.held(code)
        return held[1] if held is not None else None

    def cards(self, row: RoomRef) -> tuple[Card, ...] | None:
        """The game's cards, if known: they never change once the game has started."""
        entry = self._entry(row)
        return entry.state.cards if entry is not None and entry.state.cards else None

    def figures_at(self, row: RoomRef) -> float | None:
        """When this process last wrote the room's session figures (None: not known)."""
        entry = self._entry(row)
        return entry.figures_at if entry is not None else None

    def put(self, row: RoomRef, state: RoomState, figures_at: float | None = None) -> None:
        """Remember ``state`` as the room's state at ``row.version`` (after it was committed),
        and ``figures_at`` if the session's figures were written with it."""
        with self._lock:
            known = self._entries.get(row.code)
            same_room = known is not None and _same_room(known.row, row)
            if same_room and known.row.version > row.version:
                return  # a newer version arrived meanwhile (another greenlet of this process)
            if figures_at is None and same_room:
                figures_at = known.figures_at
            self._entries[row.code] = _Entry(row, state, figures_at)
            self._entries.move_to_end(row.code)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def _entry(self, row: RoomRef) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(row.code)
            if entry is None or not _same_room(entry.row, row):
                return None
            self._entries.move_to_end(row.code)
            return entry


def _same_room(a: RoomRef, b: RoomRef) -> bool:
    """Row id and creation: a code used again is another room."""
    return a.id == b.id and a.created_at == b.created_at
