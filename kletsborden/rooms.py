"""Room use cases: create, join, rejoin, act, leave, tick — one transaction each.

Every change is: load the room, ``engine.apply``, save with compare-and-swap on the version,
commit. An engine move on a room this process holds skips the load: the compare-and-swap on
the version it holds tells whether that was still the room, and if not the move is made again
on the stored room. Callers broadcast the returned update only after this returns, i.e. after
the commit. If another process saved the room first, the change is simply tried again on the
new state, so a move is never applied twice nor lost.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .codes import new_code, normalize_code
from .config import (
    DEFAULT_VOICE_MAX_PEERS,
    FIGURES_EVERY_SECONDS,
    MAX_CODE_INPUT_LENGTH,
    MAX_SEATS_PER_ROOM,
)
from .engine import GameError, RoomState, Settings, apply, new_room, validate_settings, voice
from .engine import actions as a
from .engine import errors as e
from .engine.events import Event
from .engine.rules import next_deadline
from .engine.state import Phase, Role
from .engine.summary import figures_may_differ
from .errors import Busy, InvalidToken, Kicked, NotAllowed, RoomNotFound, Unavailable
from .snapshot import snapshot
from .store.database import Database, Transaction
from .store.editions import playable_cards
from .store.models import RoomRow, SeatRow, utcnow
from .store.room_cache import RoomCache
from .store.rooms import (
    RoomRef,
    add_room,
    find_room,
    purge_rooms,
    room_state,
    save_bookkeeping,
    save_room_state,
)
from .store.sessions import open_session, record_figures

log = logging.getLogger(__name__)

ATTEMPTS = 6
PENDING = "pending-"  # a seat's stand-in connection until its socket arrives


@dataclass(frozen=True)
class RoomUpdate:
    """A room after a use case: the saved state, its version and what happened."""

    code: str
    version: int
    state: RoomState
    events: list[Event]
    at: float
    changed: bool
    voice_max: int = DEFAULT_VOICE_MAX_PEERS

    def snapshot(self) -> dict[str, Any]:
        return snapshot(self.code, self.version, self.state, self.events, self.at, self.voice_max)


@dataclass(frozen=True)
class SessionInfo:
    """What a report needs to know about a room beyond its game: never a player's name."""

    facilitator_id: int | None = None
    label: str | None = None
    template: str | None = None


@dataclass(frozen=True)
class Seated:
    """Someone holds a seat; ``token`` is only given when the seat is new."""

    seat_id: str
    token: str | None
    update: RoomUpdate
    replaced: str | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_hash(code: str, device: str) -> str:
    """The device id a browser keeps, made opaque and particular to one room."""
    return hash_token(f"{code}:{device}")


Change = Callable[[Session, RoomRef, RoomState, float], tuple[RoomState, list[Event]]]
Move = Callable[[RoomState, float], tuple[RoomState, list[Event]]]  # an engine move alone


@dataclass(frozen=True)
class _Moved:
    """A room after a change in its transaction: ``row`` as saved, with its new version."""

    row: RoomRef
    state: RoomState
    events: list[Event]
    changed: bool
    figures_at: float | None = None  # when the session's figures were written with it


class RoomService:
    def __init__(
        self,
        db: Database,
        *,
        secret: str,
        grace: float,
        clock: Callable[[], float] = time.time,
        voice_max: int = DEFAULT_VOICE_MAX_PEERS,
    ):
        self.db = db
        self.grace = grace
        self.voice_max = voice_max
        self.clock = clock
        self._secret = secret.encode()
        self._ticked_at: float | None = None  # the clock at the last tick_due, to see it go back
        self._cache = RoomCache()  # decoded rooms of this process (the store stays the truth)

    # --- the one way a room changes -------------------------------------------------------

    def _update(self, code: str, change: Change, move: Move | None = None) -> RoomUpdate:
        for attempt in range(ATTEMPTS):
            try:
                return self._try_update(code, change, move)
            except (StaleDataError, OperationalError) as error:
                if isinstance(error, OperationalError) and not _is_contention(error):
                    raise Unavailable() from error
                time.sleep(0.005 * 2**attempt)
            except DBAPIError as error:
                raise Unavailable() from error
        raise Busy()

    def _try_update(self, code: str, change: Change, move: Move | None = None) -> RoomUpdate:
        """``change`` on the stored room. When the change is an engine ``move`` alone (no
        database needed), it is first tried on the room as this process holds it."""
        now = self.clock()
        held = self._cache.held(code) if move is not None else None
        moved = None
        if held is not None:
            with self.db.autocommit() as connection:
                moved = self._move_held(connection, *held, move, now)
        if moved is None:
            with self.db.transaction() as session:
                row = find_room(session, code)
                if row is None:
                    raise RoomNotFound()
                before = room_state(session, row, self._cache)
                after, events = change(session, row, before, now)
                moved = self._save(session, row, before, after, events, now)
        self._cache.put(moved.row, moved.state, moved.figures_at)  # committed: its version now
        events = moved.events if moved.changed else []
        version = moved.row.version
        return RoomUpdate(code, version, moved.state, events, now, moved.changed, self.voice_max)

    def _move_held(
        self, connection: Connection, row: RoomRef, before: RoomState, move: Move, now: float
    ) -> _Moved | None:
        """The move made on the room as this process last saw it, without reading its row first
        (that read, and the transaction and ORM session around it, were a third of a move's
        CPU): one ``UPDATE`` naming the version seen, committed on its own. If another process
        moved the room meanwhile it matches no row and None sends the caller to the stored room;
        so does a move that writes more than the state (the game's cards, the session's
        figures), which takes a transaction. An error, or a move that changes nothing, counts
        only once the stored row shows that the state seen was current."""
        try:
            after, events = move(before, now)
        except Exception:
            if self._is_current(connection, row):
                raise
            return None
        if after == before:
            return None  # nothing to save: the stored row decides (its version, its deadline)
        if after.cards is not before.cards or self._figures_due(row, before, after, now):
            return None
        try:
            return self._save_changed(connection, row, before, after, events, now, False)
        except StaleDataError:
            return None

    @staticmethod
    def _is_current(connection: Connection, row: RoomRef) -> bool:
        stored = find_room(connection, row.code)
        return stored is not None and (stored.id, stored.version) == (row.id, row.version)

    def _save(
        self,
        transaction: Transaction,
        row: RoomRef,
        before: RoomState,
        after: RoomState,
        events: list[Event],
        now: float,
    ) -> _Moved:
        """Save what ``after`` changed over the room's version ``row.version``: the state (see
        ``_save_changed``), or for an unchanged room only its deadline, without a new version."""
        if after != before:
            figures_due = self._figures_due(row, before, after, now)
            return self._save_changed(transaction, row, before, after, events, now, figures_due)
        due = next_deadline(after, self.grace)
        if row.due_at != due:
            save_bookkeeping(transaction, row, due_at=due)
        return _Moved(replace(row, due_at=due), after, events, changed=False)

    def _save_changed(
        self,
        transaction: Transaction,
        row: RoomRef,
        before: RoomState,
        after: RoomState,
        events: list[Event],
        now: float,
        figures_due: bool,
    ) -> _Moved:
        """Save ``after`` over the room's version ``row.version`` (compare-and-swap: raises
        ``StaleDataError`` if another transaction saved first), with its deadline, its end and,
        if ``figures_due``, the session's figures."""
        due = next_deadline(after, self.grace)
        ended_at = utcnow() if after.phase is Phase.ENDED and row.ended_at is None else None
        bookkeeping = {"due_at": due, **({"ended_at": ended_at} if ended_at else {})}
        saved = save_room_state(transaction, row, after, before=before, **bookkeeping)
        if figures_due:
            record_figures(transaction, row.id, after)
        figures_at = now if figures_due else None
        return _Moved(saved, after, events, changed=True, figures_at=figures_at)

    def _figures_due(self, row: RoomRef, before: RoomState, after: RoomState, now: float) -> bool:
        """Whether this move writes the session's figures. While a game is played they change
        with nearly every move, and counting and writing them was a fifth of a move's cost: so
        at most every ``FIGURES_EVERY_SECONDS``, but at once when the phase changes and for
        every move after the end (reflections). ``purge`` writes the last ones of a game that
        was never ended."""
        if not figures_may_differ(before, after):
            return False
        if after.phase is not Phase.PLAYING or before.phase is not after.phase:
            return True
        written = self._cache.figures_at(row)
        return written is None or not 0 <= now - written < FIGURES_EVERY_SECONDS

    def act(self, code: str, make: Callable[[RoomState, float], a.Action]) -> RoomUpdate:
        """Apply one engine action, made from the current state at the moment it is applied."""

        def move(state: RoomState, now: float) -> tuple[RoomState, list[Event]]:
            return apply(state, make(state, now))

        return self._update(code, lambda _s, _r, state, now: move(state, now), move)

    # --- use cases --------------------------------------------------------------------------

    def create(
        self,
        host_name: str,
        settings: Settings,
        takes_turns: bool = True,
        sid: str | None = None,
        info: SessionInfo | None = None,
    ) -> Seated:
        """A new room in the lobby with its creator as host, and its session for reports.

        Until the host's socket arrives, the seat is held by a stand-in connection that no process
        vouches for: a host who never comes is disconnected by ``drop_silent`` like anyone else.
        """
        self.check_settings(settings)
        sid = sid or f"{PENDING}{secrets.token_hex(8)}"
        now = self.clock()
        seat_id = secrets.token_hex(6)
        state, events = apply(
            new_room(secrets.randbits(63), settings),
            a.AddSeat(
                seat_id=seat_id, name=host_name, role=Role.HOST, takes_turns=takes_turns, at=now
            ),
        )
        token = secrets.token_urlsafe(24)
        for _ in range(ATTEMPTS):
            code = new_code()
            try:
                with _database_errors(), self.db.transaction() as session:
                    row = add_room(session, code, state)
                    info = info or SessionInfo()
                    open_session(
                        session,
                        row.id,
                        facilitator_id=info.facilitator_id,
                        label=info.label,
                        template=info.template,
                        language=settings.language,
                        planned_minutes=settings.planned_minutes,
                    )
                    row.seats.append(
                        SeatRow(
                            seat_key=seat_id,
                            token_hash=hash_token(token),
                            connection=sid,
                            seen_at=now,
                        )
                    )
                    version = row.version
            except IntegrityError:
                continue  # that code was taken a moment ago: draw another
            self._cache.put(replace(RoomRef.of(row), version=version), state)
            update = RoomUpdate(code, version, state, events, now, True, self.voice_max)
            return Seated(seat_id, token, update)
        raise Busy()

    def check_settings(self, settings: Settings) -> None:
        """What the engine cannot know: the seat limit, and that the editions have cards."""
        validate_settings(settings)
        if settings.max_players is not None and settings.max_players > MAX_SEATS_PER_ROOM:
            raise e.InvalidSettings(field="max_players")
        with _database_errors(), self.db.transaction() as session:
            if not playable_cards(session, settings.editions, settings.language):
                raise e.InvalidSettings(field="editions")

    def change_settings(self, code: str, by: str, changes: dict[str, Any]) -> RoomUpdate:
        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            settings = replace(state.settings, **changes)
            if settings != state.settings:
                self.check_settings(settings)
            return apply(state, a.ChangeSettings(by=by, settings=settings, at=now))

        return self._update(code, change)

    def join(
        self,
        code: str,
        name: str,
        sid: str | None = None,
        spectator: bool = False,
        device: str | None = None,
        language: str | None = None,
    ) -> Seated:
        """A new seat for ``name``; the token it returns is the only way back into that seat.

        ``device`` is the id the browser keeps: a device whose seat was kicked from this room
        gets ``kicked`` again, whatever name it tries now. ``language`` is the person's (the
        room's when None): they read the card in it.
        """
        seat_id, token = secrets.token_hex(6), secrets.token_urlsafe(24)

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            device_key = device_hash(row.code, device) if device else None
            if device_key is not None and session.scalar(
                select(SeatRow.id).where(
                    SeatRow.room_id == row.id,
                    SeatRow.device_hash == device_key,
                    SeatRow.kicked.is_(True),
                )
            ):
                raise Kicked()
            role = Role.SPECTATOR if spectator else Role.PLAYER
            seat = a.AddSeat(seat_id=seat_id, name=name, role=role, language=language, at=now)
            result = apply(state, seat)
            if len(state.seats) >= MAX_SEATS_PER_ROOM:
                raise e.RoomFull()
            session.add(
                SeatRow(
                    room_id=row.id,
                    seat_key=seat_id,
                    token_hash=hash_token(token),
                    device_hash=device_key,
                    connection=sid,
                    seen_at=now,
                )
            )
            return result

        return Seated(seat_id, token, self._update(code, change))

    def add_deviceless(self, code: str, by: str, name: str) -> tuple[RoomUpdate, str]:
        """A host adds someone without a phone: a seat without a token, played by the hosts.

        The seat counts toward the room's seat limit like any other; it returns the new seat id.
        """
        seat_id = secrets.token_hex(6)

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            action = a.AddDevicelessSeat(by=by, seat_id=seat_id, name=name, at=now)
            result = apply(state, action)
            if len(state.seats) >= MAX_SEATS_PER_ROOM:
                raise e.RoomFull()
            return result

        return self._update(code, change), seat_id

    def lead_connections(self, update: RoomUpdate) -> list[str]:
        """The connections of the room's hosts and co-hosts now: where private notices go."""
        leads = [seat.id for seat in update.state.seats if seat.leads and seat.has_device]
        if not leads:
            return []
        with _database_errors(), self.db.transaction() as session:
            held = session.scalars(
                select(SeatRow.connection)
                .join(SeatRow.room)
                .where(RoomRow.code == update.code, SeatRow.seat_key.in_(leads))
            ).all()
        return [sid for sid in held if sid and not sid.startswith(PENDING)]

    def rejoin(
        self, code: str, token: str, sid: str | None = None, language: str | None = None
    ) -> Seated:
        """Back into one's own seat after a reload or a dropped connection.

        ``Seated.replaced`` names the connection that held the seat until now (another tab).
        A ``language`` (the page's, after the person chose another) becomes the seat's.
        """
        token_hash = hash_token(token)
        found: list[str] = []
        before: list[str | None] = [None]

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            seat = session.scalars(
                select(SeatRow).where(SeatRow.room_id == row.id, SeatRow.token_hash == token_hash)
            ).one_or_none()
            if seat is not None and seat.kicked:
                raise Kicked()
            if seat is None or state.seat(seat.seat_key) is None:
                raise InvalidToken()
            held = seat.connection
            before[0] = held if held and held != sid and not held.startswith(PENDING) else None
            seat.connection, seat.seen_at = sid, now
            found.append(seat.seat_key)
            state, events = apply(
                state, a.SetConnected(seat_id=seat.seat_key, connected=True, at=now)
            )
            if language is None:
                return state, events
            state, more = apply(state, a.SetLanguage(seat_id=seat.seat_key, language=language))
            return state, events + more

        result = self._update(code, change)
        return Seated(found[0], None, result, replaced=before[0])

    def set_language(self, code: str, seat_id: str, language: str) -> RoomUpdate:
        """The person in ``seat_id`` reads in ``language`` from now on (a room change)."""
        return self.act(code, lambda _s, now: a.SetLanguage(seat_id=seat_id, language=language))

    def disconnect(self, code: str, seat_id: str, sid: str) -> RoomUpdate | None:
        """A connection closed. Only the connection holding the seat makes it disconnected."""

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            seat = _seat_row(session, row, seat_id)
            if seat is None or seat.connection != sid or state.seat(seat_id) is None:
                return state, []
            seat.connection = None
            return apply(state, a.SetConnected(seat_id=seat_id, connected=False, at=now))

        return self._update(code, change)

    def leave(self, code: str, seat_id: str) -> RoomUpdate:
        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            result = apply(state, a.RemoveSeat(seat_id=seat_id, at=now))
            session.execute(
                delete(SeatRow).where(SeatRow.room_id == row.id, SeatRow.seat_key == seat_id)
            )
            return result

        return self._update(code, change)

    def kick(self, code: str, by: str, seat_id: str) -> tuple[RoomUpdate, str | None]:
        """Remove a seat for good: its token no longer lets anyone back in.

        Also returns the connection that held the seat, so the adapter can close it.
        """
        connection: list[str | None] = [None]

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            result = apply(state, a.Kick(by=by, seat_id=seat_id, at=now))
            seat = _seat_row(session, row, seat_id)
            if seat is not None:
                seat.kicked, connection[0] = True, seat.connection
            return result

        return self._update(code, change), connection[0]

    def start(self, code: str, by: str) -> RoomUpdate:
        """Start the game with the published cards of the room's editions, in its language."""

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            settings = state.settings
            cards = playable_cards(session, settings.editions, settings.language)
            return apply(state, a.StartGame(by=by, cards=cards, at=now))

        return self._update(code, change)

    def current(self, code: str) -> RoomUpdate:
        """The room as it is now, without changing it."""
        return self._update(code, lambda _s, _r, state, _now: (state, []))

    def react(self, code: str, make: Callable[[RoomState, float], a.Action]) -> None:
        """Check a reaction against the room as this process knows it, without the database.

        A reaction changes nothing, so nothing is saved; the caller holds the seat already (its
        connection joined it), and a seat removed meanwhile loses that connection's session.
        Raises the engine's errors like ``act``; ``RoomNotFound`` for a room never seen here
        that is gone.
        """
        state = self._cache.latest(code)
        if state is None:
            state = self.current(code).state
        apply(state, make(state, self.clock()))

    def join_voice(self, code: str, by: str, camera: bool) -> RoomUpdate:
        """``by`` (a seat id or ``HALL``) comes to the voice table, within the mesh limit."""
        return self.act(
            code,
            lambda _state, at: a.JoinVoice(by=by, max_peers=self.voice_max, camera=camera, at=at),
        )

    def check_signal(
        self, code: str, sender: str, to: str, hall_session: int | None = None
    ) -> None:
        """Raise unless ``sender`` and ``to`` are both at the voice table of room ``code`` now
        (the hall as ``hall_session``, when the sender is the hall).

        Read from the store (one small query; the state is decoded only if this process has
        not seen that version), so a refusal or a pass never rests on another process's past.
        """
        with _database_errors(), self.db.transaction() as session:
            row = find_room(session, code)
            if row is None:
                raise RoomNotFound()
            state = room_state(session, row, self._cache)
        self._cache.put(row, state)
        voice.check_signal(state, sender, to, hall_session)

    def screen_key(self, code: str, generation: int = 0) -> str:
        """The key that lets a projector screen watch this room without a seat (of a new room,
        or of the room after ``generation`` renewals)."""
        text = f"screen:{code}" + (f":{generation}" if generation else "")
        return hmac.new(self._secret, text.encode(), hashlib.sha256).hexdigest()[:32]

    def join_ticket(self, code: str) -> str:
        """The proof, in the links and QR codes members and projectors share, that someone was
        given the code rather than guessed it: with it, a join is never refused for the wrong
        guesses of others behind the same address (``guesses``)."""
        return hmac.new(self._secret, f"join:{code}".encode(), hashlib.sha256).hexdigest()[:16]

    def is_join_ticket(self, code_text: object, ticket: object) -> bool:
        """Whether ``ticket`` belongs to the code typed as ``code_text`` (False for any junk)."""
        if not isinstance(code_text, str) or not isinstance(ticket, str) or len(ticket) > 64:
            return False
        code = normalize_code(code_text[:MAX_CODE_INPUT_LENGTH])
        return code is not None and hmac.compare_digest(
            self.join_ticket(code).encode(), ticket.encode("utf-8", "replace")
        )

    def current_screen_key(self, code: str, by: str, renew: bool = False) -> str:
        """The projector's key now, for a host or co-host ``by``; ``renew`` first makes a new
        one, so every older link stops working."""
        keys: list[str] = []

        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            seat = state.seat(by)
            if seat is None or not seat.leads:
                raise e.NotHost()
            generation = row.screen_generation + renew
            if renew:  # bookkeeping, not game state: no new version
                save_bookkeeping(session, row, screen_generation=generation)
            keys.append(self.screen_key(code, generation))
            return state, []

        self._update(code, change)
        return keys[-1]

    def watch(self, code: str, key: str) -> RoomUpdate:
        def change(session: Session, row: RoomRef, state: RoomState, now: float):
            right = self.screen_key(code, row.screen_generation)
            if not hmac.compare_digest(right.encode(), key.encode()):
                raise NotAllowed()
            return state, []

        return self._update(code, change)

    def keep_alive(self, connections: Collection[str]) -> None:
        """This process still holds these connections (see ``drop_silent``)."""
        now = self.clock()
        ids = list(connections)
        with self.db.transaction() as session:
            for start in range(0, len(ids), 500):
                session.execute(
                    update(SeatRow)
                    .where(SeatRow.connection.in_(ids[start : start + 500]))
                    .values(seen_at=now)
                )

    def drop_silent(self, silent_for: float) -> list[RoomUpdate]:
        """Disconnect seats whose connection no process has vouched for lately.

        Their process died (or lost the database) without saying goodbye, so nothing else would
        ever mark them disconnected, and the game would wait for them forever.
        """
        cutoff = self.clock() - silent_for
        with self.db.transaction() as session:
            silent = session.execute(
                select(RoomRow.code, SeatRow.seat_key, SeatRow.connection)
                .join(SeatRow.room)
                .where(SeatRow.connection.is_not(None), SeatRow.seen_at < cutoff)
            ).all()
        updates = []
        for code, seat_key, connection in silent:
            result = self.disconnect(code, seat_key, connection)
            if result is not None and result.changed:
                updates.append(result)
        return updates

    def purge(self, retention_hours: float) -> int:
        """Forget every room that ended or went idle more than ``retention_hours`` ago."""
        cutoff = datetime.fromtimestamp(self.clock() - retention_hours * 3600, UTC)
        with _database_errors(), self.db.transaction() as session:
            purged = purge_rooms(session, cutoff.replace(tzinfo=None))
        if purged:
            self.db.checkpoint()
        return purged

    def tick_due(self) -> list[RoomUpdate]:
        """Apply the passing of time to every room that is due (grace periods, turn timers).

        After the clock went back (or on the first tick, not knowing), every room with a due time
        is ticked: the rules start its times again from now instead of waiting out the jump.
        """
        now = self.clock()
        unsure = self._ticked_at is None or now < self._ticked_at
        self._ticked_at = now
        due = RoomRow.due_at.is_not(None) if unsure else RoomRow.due_at <= now
        with self.db.transaction() as session:
            codes = session.scalars(select(RoomRow.code).where(due)).all()
        updates = []
        for code in codes:
            try:
                update = self.act(
                    code,
                    lambda _state, at: a.Tick(grace=self.grace, at=at, clock_went_back=unsure),
                )
            except GameError as error:
                log.warning("tick of room %s failed: %s", code, error.code)
                continue
            if update.changed:
                updates.append(update)
        return updates


def _seat_row(session: Session, row: RoomRef, seat_id: str) -> SeatRow | None:
    return session.scalars(
        select(SeatRow).where(SeatRow.room_id == row.id, SeatRow.seat_key == seat_id)
    ).one_or_none()


@contextmanager
def _database_errors() -> Iterator[None]:
    """A database that cannot be reached is ``Unavailable`` to callers, never a crash."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as error:
        raise Unavailable() from error


def _is_contention(error: OperationalError) -> bool:
    """SQLite answers a concurrent writer with 'database is locked'; that is worth a retry."""
    return "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()
